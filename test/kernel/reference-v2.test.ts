// The plain-TS reference of the model's version 2 (src/kernel/reference-v2/): against the
// version-2 calibration file (results computed from the specification by an independent
// implementation), against the version-1 reference (written separately, walking block by block)
// with the "v1 values" of the added keys, on docs/model.md §7.1's own checks, and on the Monte
// Carlo generator's rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelInputs } from '../../src/model/keys.ts';
import type { EvaluationV1, ProjectionV1 } from '../../src/model/results.ts';
import { referenceModel } from '../../src/kernel/reference.ts';
import { evaluate, fromV1, project, type ModelInputsV2 } from '../../src/kernel/reference-v2/index.ts';
import { cashFlows } from '../../src/kernel/reference-v2/economics.ts';
import { value } from '../../src/kernel/reference-v2/finance.ts';
import { percentile } from '../../src/kernel/reference-v2/montecarlo.ts';
import { runNetwork } from '../../src/kernel/reference-v2/network.ts';
import { fmix32, PathRandom, randomPrices } from '../../src/kernel/reference-v2/random.ts';
import { close, expectClose, mulberry32, onScheduleEhs, randomInputs, relDiff } from '../helpers/scenarios.ts';
import { equilibrium, randomInputsV2 } from '../helpers/scenarios-v2.ts';

interface MonthCase {
  month: number;
  [field: string]: number | null;
}
interface DeterministicCase {
  name: string;
  scenario: Record<string, unknown>;
  npv: { mine: number; pivot: number };
  delta: number;
  breakeven: { leaseRate: number | null; btcPrice: number | null };
  irr: number | null;
  paybackMonth: number | null;
  discountedPaybackMonth: number | null;
  months: MonthCase[];
}
interface MonteCarloCase {
  name: string;
  scenario: Record<string, unknown>;
  probPivotWins: number;
  deltaMean: number;
  deltaP5: number;
  deltaP50: number;
  deltaP95: number;
}
const calibration: { deterministic: DeterministicCase[]; monteCarlo: MonteCarloCase[] } = JSON.parse(
  readFileSync(new URL('../vectors/model-calibration-v2.json', import.meta.url), 'utf8'),
);
const calibrationV1: { projection: { scenario: Record<string, unknown> }[]; evaluate: { scenario: Record<string, unknown> }[] } =
  JSON.parse(readFileSync(new URL('../vectors/model-calibration.json', import.meta.url), 'utf8'));

const REL = 1e-9; // the calibration file's stated tolerance
const MONTH = 2_629_800;

/**
 * The inputs of a calibration scenario: every key is given except the derived ones, which take
 * their derived values (hashrateEhs = D0·2^32/600/10^18; epochElapsedSeconds = (h0 mod 2016)·600).
 * `version`, `startDate`, `name` and `notes` are not model inputs.
 */
function inputsOf(scenario: Record<string, unknown>): ModelInputsV2 {
  const s = { ...scenario } as Record<string, unknown>;
  for (const key of ['version', 'startDate', 'name', 'notes']) delete s[key];
  s.hashrateEhs ??= onScheduleEhs(s.startDifficulty as number);
  s.epochElapsedSeconds ??= ((s.startHeight as number) % 2016) * 600;
  for (const [key, v] of Object.entries(s)) if (typeof v !== 'number') throw new Error(`${key} is not a number`);
  return s as unknown as ModelInputsV2;
}

/** A v1 calibration scenario as version-1 model inputs. */
const v1InputsOf = (scenario: Record<string, unknown>): ModelInputs => {
  const { version: _v, startDate: _d, ...rest } = scenario as Record<string, number>;
  return {
    ...rest,
    hashrateEhs: rest.hashrateEhs ?? onScheduleEhs(rest.startDifficulty),
    epochElapsedSeconds: rest.epochElapsedSeconds ?? (rest.startHeight % 2016) * 600,
  } as ModelInputs;
};

describe('reference v2 against the version-2 calibration file', () => {
  it('holds five deterministic cases and the Monte Carlo case', () => {
    expect(calibration.deterministic.map((c) => c.name)).toEqual([
      'equilibrium-start',
      'exit-wave',
      'options-and-deal',
      'clamps-and-growth',
      'risky-tenant-renewal',
    ]);
    expect(calibration.monteCarlo.map((c) => c.name)).toEqual(['odds']);
  });

  describe.each(calibration.deterministic.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const s = inputsOf(c.scenario);
    const e = evaluate(s);
    const p = project(s);

    it('NPVs, Δ and the breakeven lease to 1e-9; the breakeven BTC price within $0.02', () => {
      expectClose(e.npv.mine, c.npv.mine, REL, 0, 'npv.mine');
      expectClose(e.npv.pivot, c.npv.pivot, REL, 0, 'npv.pivot');
      expectClose(e.delta, c.delta, REL, 0, 'delta');
      expect(e.breakeven.leaseRate === null).toBe(c.breakeven.leaseRate === null);
      if (c.breakeven.leaseRate !== null) expectClose(e.breakeven.leaseRate, c.breakeven.leaseRate, REL, 0, 'leaseRate');
      expect(e.breakeven.btcPrice === null).toBe(c.breakeven.btcPrice === null);
      if (c.breakeven.btcPrice !== null) expectClose(e.breakeven.btcPrice, c.breakeven.btcPrice, 0, 0.02, 'btcPrice');
      // σ = 0 in every deterministic case: no Monte Carlo.
      expect(e.monteCarlo).toBeNull();
      expect(e.monthsP).toBeNull();
    });

    it('IRR to 1e-9 absolute (or none), paybacks exactly', () => {
      // risky-tenant-renewal has no IRR: its ΔCF is 0 until month 48, positive in month 48 (the
      // pivot skips the refresh for the converted share), negative while building, then positive;
      // its NPV is +2.7e8 at 10 %, −2.7e7 at 30 %, −3.4 at 5,000 % and +3.7e-3 at 10,000 %: two
      // roots in (−0.99, 100), so none.
      expect(e.irr === null).toBe(c.irr === null);
      if (c.irr !== null) expectClose(e.irr, c.irr, 0, 1e-9, 'irr');
      expect(e.paybackMonth).toBe(c.paybackMonth);
      expect(e.discountedPaybackMonth).toBe(c.discountedPaybackMonth);
    });

    it('every month field given, to 1e-9 (nulls as null)', () => {
      const bad: string[] = [];
      for (const want of c.months) {
        const got = p.months[want.month - 1] as unknown as Record<string, number | null>;
        for (const [field, w] of Object.entries(want)) {
          const g = got[field];
          if (w === null ? g !== null : typeof g !== 'number' || !close(g, w, REL)) bad.push(`month ${want.month} ${field}: ${g} vs ${w}`);
        }
      }
      expect(bad).toEqual([]);
    });
  });
});

describe('equilibrium-start, month 1 by hand (docs/model.md §7.1, §7.4)', () => {
  it("N*, the month's growth rate, its mean hashrate and the attack figures", () => {
    const s = inputsOf(calibration.deterministic[0].scenario);
    const m1 = project(s).months[0];
    // N0 = 146.47e12 · 2^32 / 600 = 1,048.4731 EH/s. A = 144 · (3.125 + 0.036) · 90,922 · 10^15
    // = 4.1386e22, so h(N0, 0) = A / N0 = 39.4729 $/PH/day; c0 = 39.47 (rounded to the cent).
    const n0 = (146.47e12 * 2 ** 32) / 600;
    const a = 144 * (3.125 + 0.036) * 90_922 * 1e15;
    // ε = 1: N* = (A · N0 / c0)^(1/2) = N0 · (39.4729 / 39.47)^(1/2) = 1,048.5112 EH/s (the file's).
    const target = Math.sqrt((a * n0) / 39.47);
    expectClose(m1.targetHashrateEhs, target / 1e18, 1e-13, 0, 'N*'); // the model takes N* in log form
    expectClose(m1.targetHashrateEhs, 1048.5111836864878, 1e-12, 0, 'N*, the file');
    // r_1 = 0.3 · ln(N*/N0) = 1.0897e-5 (inside the clamp); the month's mean N0 · expm1(r)/r =
    // 1,048.4788 EH/s; at mid-month N0 · e^(r/2), 1.0484788e9 TH/s · $15 = $15.727 bn of machines
    // drawing 22 · 0.9^(0.5/12) J/TH: 1.0484788e9 · 21.904 / 1000 kW · $0.05 = $1.148 M an hour.
    const r = 0.3 * Math.log(target / n0);
    expectClose(m1.hashrateEhs, (n0 * Math.expm1(r)) / r / 1e18, 1e-13, 0, 'mean hashrate');
    const midTh = (n0 * Math.exp(r / 2)) / 1e12;
    expectClose(m1.attackHardwareUsd, midTh * 15, 1e-13, 0, 'attack hardware');
    expectClose(m1.attackPowerUsdPerHour, ((midTh * 22 * 0.9 ** (0.5 / 12)) / 1000) * 0.05, 1e-13, 0, 'attack power');
    // c(N, 0) = c0 · (N0 / S(0))^(1/ε) = c0.
    expect(m1.marginalHashcostUsdPerPhDay).toBe(39.47);
  });
});

/**
 * The "odds" case: the reference ran 20,000 paths with its own generator, so the comparison is
 * statistical. The file's tolerance (probPivotWins ± 0.02; the Δ figures within 3 % of P95 − P5)
 * assumes 20,000 paths; that run takes about 6 s here (0.3 ms a path: each path runs its own
 * network, 120 months), so it runs only with HASHPIVOT_FULL_MONTE_CARLO=1. The default run uses
 * 2,000 paths with tolerances derived from the standard errors of both estimates (ours with n
 * paths, the reference's with 20,000), 4 standard errors each:
 * - probPivotWins, a binomial proportion: |p̂ − p_ref| ≤ 4 · sqrt(p(1−p) · (1/n + 1/20000));
 *   p ≈ 0.32, n = 2000: 4 · sqrt(0.2176 · 0.00055) = 0.0438.
 * - deltaMean: |mean − mean_ref| ≤ 4 · sd · sqrt(1/n + 1/20000), sd the paths' sample deviation.
 * - a percentile q: the share of our paths with Δ ≤ the reference's value is q within
 *   4 · sqrt(q(1−q) · (1/n + 1/20000)) — the standard error of a quantile's rank, which needs no
 *   density estimate; q = 0.05: ± 0.0195; q = 0.5: ± 0.0469; q = 0.95: ± 0.0195.
 */
describe('reference v2: the Monte Carlo case "odds"', () => {
  const c = calibration.monteCarlo[0];
  const REFERENCE_PATHS = 20_000;

  it('2,000 paths: within 4 standard errors of the reference figures', () => {
    const n = 2000;
    const s = { ...inputsOf(c.scenario), monteCarloPaths: n };
    const mc = evaluate(s).monteCarlo!;
    expect(mc.paths).toBe(n);
    expect(mc.seed).toBe(1);
    const both = 1 / n + 1 / REFERENCE_PATHS;
    const p = c.probPivotWins;
    expect(Math.abs(mc.probPivotWins - p)).toBeLessThanOrEqual(4 * Math.sqrt(p * (1 - p) * both));

    // The paths' Δs, recomputed path by path as the model defines them (this also checks that the
    // Monte Carlo is the deterministic model on each path's prices).
    const months = 12 * s.horizonYears;
    const deltas = Array.from({ length: n }, (_, j) => {
      const prices = randomPrices(s.btcPriceUsd, s.btcPriceGrowthPctPerYear, s.btcVolatilityPctPerYear, months, s.monteCarloSeed, j);
      const run = runNetwork(s, prices, false);
      return value(cashFlows(s, run.btcPerHashSecond, prices), s.discountRatePct / 100, s.discountRatePivotPct / 100).delta;
    });
    const mean = deltas.reduce((a, v) => a + v, 0) / n;
    expectClose(mc.deltaMean, mean, 1e-12, 0, 'deltaMean, path by path');
    const sd = Math.sqrt(deltas.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mc.deltaMean - c.deltaMean)).toBeLessThanOrEqual(4 * sd * Math.sqrt(both));
    for (const [q, got, want] of [
      [0.05, mc.deltaP5, c.deltaP5],
      [0.5, mc.deltaP50, c.deltaP50],
      [0.95, mc.deltaP95, c.deltaP95],
    ] as const) {
      const rank = deltas.filter((d) => d <= want).length / n;
      expect(Math.abs(rank - q), `q = ${q}: ${got} vs ${want}`).toBeLessThanOrEqual(4 * Math.sqrt(q * (1 - q) * both));
    }
  });

  it.runIf(process.env.HASHPIVOT_FULL_MONTE_CARLO === '1')(
    "20,000 paths: within the file's stated tolerance",
    () => {
      const mc = evaluate(inputsOf(c.scenario)).monteCarlo!;
      expect(mc.paths).toBe(REFERENCE_PATHS);
      expect(Math.abs(mc.probPivotWins - c.probPivotWins)).toBeLessThanOrEqual(0.02);
      const tolerance = 0.03 * (c.deltaP95 - c.deltaP5); // 3 % of 157.4 M$ = 4.72 M$
      expect(Math.abs(mc.deltaMean - c.deltaMean)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(mc.deltaP5 - c.deltaP5)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(mc.deltaP50 - c.deltaP50)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(mc.deltaP95 - c.deltaP95)).toBeLessThanOrEqual(tolerance);
    },
    120_000,
  );
});

/** Collects the differences between two results, so that a failure shows its pattern. */
class Differences {
  readonly list: string[] = [];
  num(what: string, got: number | null, want: number | null, rel = REL, abs = 1e-6) {
    if (got === null || want === null) {
      if (got !== want) this.list.push(`${what}: ${got} vs ${want}`);
    } else if (!Number.isFinite(got) || !close(got, want, rel, abs)) {
      this.list.push(`${what}: ${got} vs ${want} (rel ${relDiff(got, want).toExponential(2)})`);
    }
  }
  exact(what: string, got: unknown, want: unknown) {
    if (got !== want) this.list.push(`${what}: ${String(got)} vs ${String(want)}`);
  }
}

const V1_MONTH_REALS = [
  'difficulty',
  'hashrateEhs',
  'btcIssued',
  'feesBtc',
  'btcPriceUsd',
  'hashpriceUsdPerPhDay',
  'securityBudgetUsdPerDay',
] as const;

function compareProjections(got: ProjectionV1, want: ProjectionV1, out: Differences) {
  out.exact('months', got.months.length, want.months.length);
  want.months.forEach((w, i) => {
    const g = got.months[i];
    out.exact(`month ${w.month} endHeight`, g.endHeight, w.endHeight);
    out.exact(`month ${w.month} blocks`, g.blocks, w.blocks);
    for (const f of V1_MONTH_REALS) out.num(`month ${w.month} ${f}`, g[f], w[f], REL, 1e-12);
  });
  for (const kind of ['retargets', 'halvings'] as const) {
    out.exact(kind, got[kind].length, want[kind].length);
    want[kind].forEach((w, i) => {
      const g = got[kind][i];
      if (!g) return;
      out.exact(`${kind}[${i}].height`, g.height, w.height);
      out.num(`${kind}[${i}].seconds`, g.seconds, w.seconds);
      out.num(`${kind}[${i}] value`, 'difficulty' in g ? g.difficulty : g.subsidyBtc, 'difficulty' in w ? w.difficulty : w.subsidyBtc);
    });
  }
}

function compareEvaluations(got: EvaluationV1, want: EvaluationV1, out: Differences) {
  // A difference of NPVs (and an NPV summed from two parts) carries rounding of the size of the
  // NPVs: 1e-12 of them as a floor.
  const scale = Math.max(Math.abs(want.npv.mine), Math.abs(want.npv.pivot), 1);
  out.num('npv.mine', got.npv.mine, want.npv.mine, REL, 1e-12 * scale);
  out.num('npv.pivot', got.npv.pivot, want.npv.pivot, REL, 1e-12 * scale);
  out.num('delta', got.delta, want.delta, REL, 1e-12 * scale);
  out.num('breakeven.leaseRate', got.breakeven.leaseRate, want.breakeven.leaseRate);
  // Both bisect to a bracket under $0.01; one decision flipped by rounding moves the answer by about that.
  out.num('breakeven.btcPrice', got.breakeven.btcPrice, want.breakeven.btcPrice, 0, 0.02);
  out.num('irr', got.irr, want.irr, 0, 1e-9);
  out.exact('paybackMonth', got.paybackMonth, want.paybackMonth);
  out.exact('discountedPaybackMonth', got.discountedPaybackMonth, want.discountedPaybackMonth);
  for (const path of ['mine', 'pivot'] as const) {
    out.num(`perMwYear.${path}.revenue`, got.perMwYear[path].revenue, want.perMwYear[path].revenue);
    out.num(`perMwYear.${path}.ebitda`, got.perMwYear[path].ebitda, want.perMwYear[path].ebitda);
    out.exact(`cashFlows.${path} length`, got.cashFlows[path].length, want.cashFlows[path].length);
    want.cashFlows[path].forEach((w, i) => out.num(`cashFlows.${path}[${i}]`, got.cashFlows[path][i], w));
  }
}

/**
 * Version 1 through version 2: with the v1 values of the added keys (λ 0, mothball 100 %, no
 * escalation, fee growth, resale or renewal, r_host = r_mine, σ 0) the version-2 reference gives
 * the version-1 reference's results. The two are written separately (v1 walks every block; v2
 * steps from event to event with the work integral inverted in closed form).
 */
describe('reference v2 with the v1 values equals the version-1 reference', () => {
  const cases: [string, ModelInputs][] = [
    ...calibrationV1.projection.map((c, i) => [`v1 calibration projection ${i + 1}`, v1InputsOf(c.scenario)] as [string, ModelInputs]),
    ...calibrationV1.evaluate.map((c, i) => [`v1 calibration evaluate ${i + 1}`, v1InputsOf(c.scenario)] as [string, ModelInputs]),
  ];
  const rng = mulberry32(0x5eed2);
  // 20 random version-1 scenarios (test/helpers/scenarios.ts's rules), up to 15 years for the first
  // 5 and up to 6 years for the rest: the version-1 reference costs about 10 ms a simulated year.
  for (let i = 0; i < 20; i++) cases.push([`random v1 scenario ${i}`, randomInputs(rng, { maxHorizonYears: i < 5 ? 15 : 6 })]);

  it.each(cases)(
    '%s: every month field, event and evaluate output',
    (_name, v1) => {
      const v2 = fromV1(v1);
      const out = new Differences();
      const p = project(v2);
      compareProjections(p, referenceModel.project(v1), out);
      compareEvaluations(evaluate(v2), referenceModel.evaluate(v1), out);
      expect(out.list.slice(0, 12)).toEqual([]);
      // The added month fields: no target or marginal hashcost without a response.
      expect(p.months.every((m) => m.targetHashrateEhs === null && m.marginalHashcostUsdPerPhDay === null)).toBe(true);
    },
    30_000,
  );

  it('the v1 values: λ, σ, fee growth, escalation, resale and renewal 0, mothball 100 %, r_host = r_mine', () => {
    const v2 = fromV1({ ...v1InputsOf(calibrationV1.evaluate[0].scenario), discountRatePct: 13 });
    expect([v2.networkResponsePctPerMonth, v2.btcVolatilityPctPerYear, v2.feesGrowthPctPerYear, v2.powerEscalatorPctPerYear]).toEqual([
      0, 0, 0, 0,
    ]);
    expect([v2.asicResalePct, v2.renewalPct, v2.mothballOpexPct, v2.discountRatePivotPct]).toEqual([0, 0, 100, 13]);
    // The keys without a v1 value take their version-2 defaults.
    expect([v2.hashSupplyElasticity, v2.netHashcostUsdPerPhDay, v2.monteCarloPaths, v2.monteCarloSeed]).toEqual([3, 39.47, 1000, 1]);
  });
});

describe("docs/model.md §7.1's checks", () => {
  it('started in equilibrium with nothing moving, the hashrate stays N0 to 1e-12', () => {
    // Tip 931,392 (an epoch's first block), subsidy 3.125 BTC until height 1,050,000, 118,608 blocks
    // (≈ 27 months at 600 s) away: a 2-year horizon has no halving. N* = (144·(s+F)·P·10^15 ·
    // N0^(1/ε) / c0)^(ε/(1+ε)) = (N0 · N0^(1/ε))^(ε/(1+ε)) = N0, so r_m = λ · ln(N*/N0) = 0 each month.
    const s = equilibrium({ horizonYears: 2 });
    const p = project(s);
    expect(p.halvings).toEqual([]);
    for (const m of p.months) {
      expectClose(m.hashrateEhs, s.hashrateEhs, 1e-12, 0, `month ${m.month} hashrate`);
      expectClose(m.targetHashrateEhs, s.hashrateEhs, 1e-12, 0, `month ${m.month} N*`);
      expectClose(m.marginalHashcostUsdPerPhDay, s.netHashcostUsdPerPhDay, 1e-12, 0, `month ${m.month} c(N, t)`);
    }
  });

  it('a halving multiplies N* by 2^(−ε/(1+ε)); the hashrate follows and the hashprice settles 2^(−1/(1+ε)) lower', () => {
    // Tip 1,038,240 = 2016 · 515, 11,760 blocks (≈ 81.7 days at 600 s) before the halving at
    // 1,050,000, so it falls in month 3; no fees, so N* ∝ s^(ε/(1+ε)). ε = 3: the factor is
    // 2^(−3/4) = 0.5946. The hashrate closes (1−λ) = 70 % of its log gap a month (the first month's
    // r = 0.3 · ln 0.5946 = −0.156 is inside the clamp ln 0.85 = −0.163), so 44 months later it is
    // within 0.7^44 ≈ 2e-7 of N*. The hashprice h ∝ s / N then settles (1/2) / 2^(−3/4) = 2^(−1/4)
    // = 0.841 of its old level (month 2, after the first retarget's D0 · 2016/2015), between half
    // and all of it. 4 years end before the next halving (1,260,000, ≈ 4.2 years away).
    const s = equilibrium({ startHeight: 2016 * 515, feesBtcPerBlock: 0, horizonYears: 4 });
    const p = project(s);
    expect(p.halvings.map((h) => h.height)).toEqual([1_050_000]);
    expect(Math.ceil(p.halvings[0].seconds / MONTH)).toBe(3);
    const n0 = s.hashrateEhs;
    const factor = 2 ** (-3 / 4);
    for (const m of [1, 2, 3]) expectClose(p.months[m - 1].targetHashrateEhs, n0, 1e-12, 0, `N* month ${m}`);
    expectClose(p.months[3].targetHashrateEhs, n0 * factor, 1e-12, 0, 'N* month 4');
    expectClose(p.months[47].hashrateEhs, n0 * factor, 1e-6, 0, 'hashrate month 48');
    const settled = p.months[47].hashpriceUsdPerPhDay / p.months[1].hashpriceUsdPerPhDay;
    expectClose(settled, 2 ** (-1 / 4), 1e-6, 0, 'hashprice month 48 / month 2');
    expect(settled).toBeGreaterThan(0.5);
    expect(settled).toBeLessThan(1);
  });

  it("after an exit shock the survivors' hashprice jumps at the next retarget and settles (1−φ)^(−1/(1+ε)) higher", () => {
    // Tip 1,050,336 = 2016 · 521, just after the halving at 1,050,000 (subsidy 1.5625 BTC); the
    // next is 209,664 blocks (≈ 4 years) away. φ = 30 % leaves at the end of month 6: N and S × 0.7,
    // so N* = N0 · 0.7^(1/(1+ε)) = 0.9147 · N0 (ε = 3), a log gap of ln(0.9147/0.7) = 0.268. Month 7
    // regrows at the clamp ln 1.08 = 0.077 (0.3 · 0.268 = 0.080 is above it), leaving 0.191; then
    // each month closes 30 % of the gap: 0.191 · 0.7^28 ≈ 9e-6 is left in month 36. So the hashrate
    // is N* within 2e-5, and the hashprice (∝ 1/N, the difficulty settled with it) 0.7^(−1/4) =
    // 1.0933 times its level before the shock (month 5, settled on the start's D0 · 2016/2015).
    const s = equilibrium({ startHeight: 2016 * 521, exitSharePct: 30, exitMonth: 6, horizonYears: 3 });
    const p = project(s);
    expect(p.halvings).toEqual([]);
    const n0 = s.hashrateEhs;
    expectClose(p.months[35].hashrateEhs, n0 * 0.7 ** 0.25, 2e-5, 0, 'hashrate month 36');
    const before = p.months[4].hashpriceUsdPerPhDay;
    expectClose(p.months[35].hashpriceUsdPerPhDay / before, 0.7 ** -0.25, 2e-5, 0, 'hashprice month 36 / month 5');
    // Until the next retarget the survivors mine at the old difficulty: the same BTC per hash, only
    // slower blocks; the retarget after the shock lowers the difficulty and the hashprice jumps
    // above its settled level before the returning hashrate brings it down.
    const shock = 6 * MONTH;
    const firstAfter = p.retargets.findIndex((r) => r.seconds > shock);
    expect(p.retargets[firstAfter].difficulty).toBeLessThan(0.8 * p.retargets[firstAfter - 1].difficulty);
    // Here: 19.951 $/PH/day in months 4–6; the retarget at month 6.62 takes the difficulty from
    // 146.5 T to 106.2 T; 22.85 in month 7, 26.37 in month 8, back to 21.8 by month 36.
    for (const m of [5, 6]) expectClose(p.months[m - 1].hashpriceUsdPerPhDay, before, 1e-12, 0, `month ${m}`);
    const peak = Math.max(...p.months.slice(6, 12).map((m) => m.hashpriceUsdPerPhDay));
    expect(peak).toBeGreaterThan(1.25 * before);
    expect(peak).toBeGreaterThan(p.months[35].hashpriceUsdPerPhDay);
  });
});

describe('the Monte Carlo generator (src/kernel/reference-v2/random.ts)', () => {
  it('is xoshiro128** and murmur3 fmix32 to the bit, as their C reference code computes them', () => {
    // Blackman and Vigna's xoshiro128starstar.c from the state {1, 2, 3, 4}, compiled with
    // uint32_t arithmetic: 11520, 0, 5927040, 70819200, 2031721883, 1637235492.
    const g = PathRandom.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => g.nextU32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
    // murmur3's finaliser: fmix32(1) = 0x514e28b7.
    expect(fmix32(1)).toBe(0x514e28b7);
    expect(fmix32(0)).toBe(0);
    // The seeding, by the same C code: seed 1, path 0 → state (920564995, 1270938603, 46589182,
    // 1357043095) and outputs 1982081445, 2331177271, 1737229403, 3342080626; seed 2^32 − 1,
    // path 99,999 → 566044746, 1790230632, 4138957498, 3503408506.
    const p0 = new PathRandom(1, 0);
    expect(Array.from({ length: 4 }, () => p0.nextU32())).toEqual([1982081445, 2331177271, 1737229403, 3342080626]);
    const last = new PathRandom(4_294_967_295, 99_999);
    expect(Array.from({ length: 4 }, () => last.nextU32())).toEqual([566044746, 1790230632, 4138957498, 3503408506]);
    // Uniforms from those outputs: ((x >>> 5)·2^26 + (y >>> 6)) / 2^53 exactly; the first two
    // normals, by C's libm: −0.91816895867885118, 0.62838013496062939 (to the last bits).
    const u = new PathRandom(1, 0);
    expect([u.nextUniform(), u.nextUniform()]).toEqual([0.46148930149353662, 0.40448023958607593]);
    const z = new PathRandom(1, 0).normals(2);
    expectClose(z[0], -0.91816895867885118, 1e-15, 0, 'z0');
    expectClose(z[1], 0.62838013496062939, 1e-15, 0, 'z1');
  });

  it('gives standard normals: mean 0 and variance 1 of 200,000 draws within 4 standard errors', () => {
    // 2,000 paths × 100 normals. SE of the mean 1/sqrt(200,000) = 0.00224 (4 SE: 0.0089); SE of the
    // variance sqrt(2/200,000) = 0.00316 (4 SE: 0.0126).
    const all = Array.from({ length: 2000 }, (_, j) => Array.from(new PathRandom(7, j).normals(100))).flat();
    const mean = all.reduce((a, v) => a + v, 0) / all.length;
    const variance = all.reduce((a, v) => a + (v - mean) ** 2, 0) / (all.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.0089);
    expect(Math.abs(variance - 1)).toBeLessThan(0.0126);
  });

  it('gives a path that does not change with the horizon, the number of paths or the run', () => {
    const long = randomPrices(90_000, 10, 50, 120, 42, 3);
    const short = randomPrices(90_000, 10, 50, 24, 42, 3);
    expect(Array.from(long.subarray(0, short.length))).toEqual(Array.from(short));
    expect(Array.from(randomPrices(90_000, 10, 50, 120, 42, 3))).toEqual(Array.from(long));
    expect(long[0]).toBe(90_000);
    // Another path or another seed is another path.
    expect(randomPrices(90_000, 10, 50, 24, 42, 4)[1]).not.toBe(short[1]);
    expect(randomPrices(90_000, 10, 50, 24, 43, 3)[1]).not.toBe(short[1]);

    // Through evaluate: n paths are the first n of any larger run. With λ = 0 the network is shared;
    // path 0's Δ alone is the mean of a 1-path run, and the 3-path mean is the mean of paths 0–2.
    const s: ModelInputsV2 = { ...inputsOf(calibration.monteCarlo[0].scenario), networkResponsePctPerMonth: 0, horizonYears: 5 };
    const deltaOf = (j: number) => {
      const prices = randomPrices(s.btcPriceUsd, s.btcPriceGrowthPctPerYear, s.btcVolatilityPctPerYear, 60, s.monteCarloSeed, j);
      const run = runNetwork(s, prices, false);
      return value(cashFlows(s, run.btcPerHashSecond, prices), s.discountRatePct / 100, s.discountRatePivotPct / 100).delta;
    };
    expect(evaluate({ ...s, monteCarloPaths: 1 }).monteCarlo!.deltaMean).toBe(deltaOf(0));
    expectClose(
      evaluate({ ...s, monteCarloPaths: 3 }).monteCarlo!.deltaMean,
      (deltaOf(0) + deltaOf(1) + deltaOf(2)) / 3,
      1e-15,
      0,
      'mean of 3',
    );
    // The same seed gives the same figures run to run, exactly.
    const a = evaluate({ ...s, monteCarloPaths: 200 });
    const b = evaluate({ ...s, monteCarloPaths: 200 });
    expect(b.monteCarlo).toEqual(a.monteCarlo);
    expect(b.monthsP).toEqual(a.monthsP);
  });

  it('gives a mean mid-month price within 4 standard errors of the deterministic path', () => {
    // E[P(t)] = P0 · (1+μ)^(t/year) because the drift is ln(1+μ) − σ²/2. 2,000 paths, σ = 50 %,
    // μ = 10 %: at mid-month m the sample mean must lie within 4 · sd / sqrt(2000) of
    // P0 · 1.1^((m − ½)/12) (sd the paths' sample deviation; at 10 years about 1.3 · the mean,
    // so 4 SE ≈ 12 % there).
    const n = 2000;
    const months = 120;
    const paths = Array.from({ length: n }, (_, j) => randomPrices(80_000, 10, 50, months, 1, j));
    for (const m of [1, 6, 12, 36, 60, 120]) {
      const xs = paths.map((p) => p[2 * m - 1]);
      const mean = xs.reduce((a, v) => a + v, 0) / n;
      const sd = Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
      const expected = 80_000 * 1.1 ** ((m - 0.5) / 12);
      expect(Math.abs(mean - expected), `month ${m}: mean ${mean}, expected ${expected}, sd ${sd}`).toBeLessThanOrEqual(
        (4 * sd) / Math.sqrt(n),
      );
    }
  });
});

describe('Monte Carlo outputs', () => {
  it('are null when σ = 0', () => {
    const e = evaluate({ ...inputsOf(calibration.monteCarlo[0].scenario), btcVolatilityPctPerYear: 0 });
    expect(e.monteCarlo).toBeNull();
    expect(e.monthsP).toBeNull();
  });

  it('take percentiles as the order statistic at ⌈q·n⌉ (1-based)', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => i + 1); // 1 … 20
    // n = 20: ⌈0.05·20⌉ = 1, ⌈0.5·20⌉ = 10, ⌈0.95·20⌉ = 19.
    expect([percentile(sorted, 5), percentile(sorted, 50), percentile(sorted, 95)]).toEqual([1, 10, 19]);
    // n = 60: ⌈5·60/100⌉ = 3, ⌈50·60/100⌉ = 30, ⌈95·60/100⌉ = 57 (the rank from whole percents).
    const sixty = Array.from({ length: 60 }, (_, i) => i + 1);
    expect([percentile(sixty, 5), percentile(sixty, 50), percentile(sixty, 95)]).toEqual([3, 30, 57]);
    // n = 1: every percentile is the one value; n = 7: ⌈0.35⌉ = 1, ⌈3.5⌉ = 4, ⌈6.65⌉ = 7.
    expect(percentile([5], 5)).toBe(5);
    expect([percentile([1, 2, 3, 4, 5, 6, 7], 5), percentile([1, 2, 3, 4, 5, 6, 7], 50), percentile([1, 2, 3, 4, 5, 6, 7], 95)]).toEqual([
      1, 4, 7,
    ]);
  });

  it('give monthly percentiles in order, the hashrate the deterministic one when λ = 0', () => {
    const s: ModelInputsV2 = {
      ...inputsOf(calibration.monteCarlo[0].scenario),
      networkResponsePctPerMonth: 0,
      monteCarloPaths: 300,
      horizonYears: 3,
    };
    const e = evaluate(s);
    const det = project(s);
    const mp = e.monthsP!;
    for (const field of ['btcPriceUsd', 'hashpriceUsdPerPhDay', 'hashrateEhs'] as const) {
      expect(mp[field].p5.length).toBe(36);
      for (let i = 0; i < 36; i++) {
        expect(mp[field].p5[i]).toBeLessThanOrEqual(mp[field].p50[i]);
        expect(mp[field].p50[i]).toBeLessThanOrEqual(mp[field].p95[i]);
      }
    }
    det.months.forEach((m, i) => expect([mp.hashrateEhs.p5[i], mp.hashrateEhs.p95[i]]).toEqual([m.hashrateEhs, m.hashrateEhs]));
    const mc = e.monteCarlo!;
    expect(mc.probPivotWins).toBeGreaterThanOrEqual(0);
    expect(mc.probPivotWins).toBeLessThanOrEqual(1);
    expect(mc.deltaP5).toBeLessThanOrEqual(mc.deltaP50);
    expect(mc.deltaP50).toBeLessThanOrEqual(mc.deltaP95);
    expectClose(mc.npvMeanPivot - mc.npvMeanMine, mc.deltaMean, 1e-9, 1e-6, 'mean NPVs against mean Δ');
  });
});

describe('§7.4 security figures', () => {
  it('scale with the hashrate: twice the hashrate, twice the machines and their power', () => {
    // λ = 0 and no growth: N is N0 all along, so attackHardwareUsd = N0/10^12 · k and
    // attackPowerUsdPerHour = N0/10^12 · E_n(t)/1000 · p_n are linear in N0.
    const s: ModelInputsV2 = { ...equilibrium({ horizonYears: 2 }), networkResponsePctPerMonth: 0 };
    const one = project(s).months;
    const two = project({ ...s, hashrateEhs: 2 * s.hashrateEhs }).months;
    one.forEach((m, i) => {
      expectClose(two[i].attackHardwareUsd / m.attackHardwareUsd, 2, 1e-12, 0, `hardware month ${m.month}`);
      expectClose(two[i].attackPowerUsdPerHour / m.attackPowerUsdPerHour, 2, 1e-12, 0, `power month ${m.month}`);
      expectClose(m.attackRewardUsdPerHour, m.securityBudgetUsdPerDay / 24, 1e-15, 0, `reward month ${m.month}`);
    });
    // Month 1: 1,048.47 EH/s = 1.04847e9 TH/s · $15/TH = $15.73 bn.
    expectClose(one[0].attackHardwareUsd, ((s.hashrateEhs * 1e18) / 1e12) * 15, 1e-12, 0, 'month 1 hardware');
  });
});

/** Paths of numbers in a result that are not finite, or null where the model has no "none". */
function problems(value: unknown, path: string, nullable: RegExp, out: string[] = []): string[] {
  if (value === null) {
    if (!nullable.test(path)) out.push(`${path} is null`);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (typeof value === 'object') {
    for (const [key, v] of Object.entries(value as object)) problems(v, `${path}.${key}`, nullable, out);
  }
  return out;
}

describe('random version-2 scenarios', () => {
  it('give finite figures, none only where the model allows it; Δ and P(Δ > 0) never fall as the lease rate rises', () => {
    // 40 scenarios, up to 15 years and 100 paths: about 1 s.
    const rng = mulberry32(0x7e2);
    const failures: string[] = [];
    for (let i = 0; i < 40; i++) {
      const s = randomInputsV2(rng, { maxPaths: 100 });
      const e = evaluate(s);
      const p = project(s);
      const tag = `scenario ${i}: ${JSON.stringify(s)}`;
      const bad = [
        ...problems(e, 'evaluate', /breakeven|irr|ayback|monteCarlo|monthsP/),
        ...problems(p, 'project', /targetHashrateEhs|marginalHashcostUsdPerPhDay/),
      ];
      if ((e.monteCarlo === null) !== (s.btcVolatilityPctPerYear === 0)) bad.push('monteCarlo null ⇔ σ = 0');
      if (p.months.some((m) => (m.targetHashrateEhs === null) !== (s.networkResponsePctPerMonth === 0))) bad.push('N* null ⇔ λ = 0');
      // Δ is affine and non-decreasing in the lease rate, path by path (the lease moves no network).
      const higher = evaluate({ ...s, leaseUsdPerKwMonth: s.leaseUsdPerKwMonth + 20 });
      if (higher.delta < e.delta) bad.push(`Δ falls with the lease: ${e.delta} → ${higher.delta}`);
      if (e.monteCarlo && higher.monteCarlo!.probPivotWins < e.monteCarlo.probPivotWins) bad.push('P(Δ > 0) falls with the lease');
      // At the breakeven lease rate Δ is 0 (to rounding of the NPVs' size).
      if (e.breakeven.leaseRate !== null) {
        const atBreakeven = evaluate({ ...s, leaseUsdPerKwMonth: e.breakeven.leaseRate, btcVolatilityPctPerYear: 0 });
        const scale = Math.abs(e.npv.mine) + Math.abs(e.npv.pivot) + 1;
        if (Math.abs(atBreakeven.delta) > 1e-9 * scale) bad.push(`Δ at the breakeven lease: ${atBreakeven.delta}`);
      }
      if (bad.length) failures.push(`${tag}\n  ${bad.slice(0, 6).join('\n  ')}`);
    }
    expect(failures.slice(0, 3).join('\n')).toBe('');
  }, 60_000);
});
