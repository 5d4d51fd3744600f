// The plain-TS reference of the model's version 2 (src/kernel/reference-v2/): against the
// version-2 calibration file (results computed from the specification by an independent
// implementation), against the version-1 reference (written separately, walking block by block)
// with the "v1 values" of the added keys, on docs/model.md §7.1's own checks, and on the Monte
// Carlo generator's rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelInputs } from '../../src/model/keys.ts';
import type { Evaluation, Projection } from '../../src/model/results.ts';
import { referenceModel } from '../../src/kernel/reference.ts';
import { evaluate, fromV1, project, V2_DEFAULTS, type ModelInputsV2 } from '../../src/kernel/reference-v2/index.ts';
import { cashFlows } from '../../src/kernel/reference-v2/economics.ts';
import { value } from '../../src/kernel/reference-v2/finance.ts';
import { percentile } from '../../src/kernel/reference-v2/montecarlo.ts';
import { runNetwork } from '../../src/kernel/reference-v2/network.ts';
import { fmix32, PathRandom, randomPrices } from '../../src/kernel/reference-v2/random.ts';
import { close, expectClose, mulberry32, onScheduleEhs, randomInputs, relDiff } from '../helpers/scenarios.ts';

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
  return { ...rest, hashrateEhs: rest.hashrateEhs ?? onScheduleEhs(rest.startDifficulty), epochElapsedSeconds: rest.epochElapsedSeconds ?? (rest.startHeight % 2016) * 600 } as ModelInputs;
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

  it.runIf(process.env.HASHPIVOT_FULL_MONTE_CARLO === '1')('20,000 paths: within the file\'s stated tolerance', () => {
    const mc = evaluate(inputsOf(c.scenario)).monteCarlo!;
    expect(mc.paths).toBe(REFERENCE_PATHS);
    expect(Math.abs(mc.probPivotWins - c.probPivotWins)).toBeLessThanOrEqual(0.02);
    const tolerance = 0.03 * (c.deltaP95 - c.deltaP5); // 3 % of 157.4 M$ = 4.72 M$
    expect(Math.abs(mc.deltaMean - c.deltaMean)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(mc.deltaP5 - c.deltaP5)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(mc.deltaP50 - c.deltaP50)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(mc.deltaP95 - c.deltaP95)).toBeLessThanOrEqual(tolerance);
  }, 120_000);
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

const V1_MONTH_REALS = ['difficulty', 'hashrateEhs', 'btcIssued', 'feesBtc', 'btcPriceUsd', 'hashpriceUsdPerPhDay', 'securityBudgetUsdPerDay'] as const;

function compareProjections(got: Projection, want: Projection, out: Differences) {
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

function compareEvaluations(got: Evaluation, want: Evaluation, out: Differences) {
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

  it.each(cases)('%s: every month field, event and evaluate output', (_name, v1) => {
    const v2 = fromV1(v1);
    const out = new Differences();
    const p = project(v2);
    compareProjections(p, referenceModel.project(v1), out);
    compareEvaluations(evaluate(v2), referenceModel.evaluate(v1), out);
    expect(out.list.slice(0, 12)).toEqual([]);
    // The added month fields: no target or marginal hashcost without a response.
    expect(p.months.every((m) => m.targetHashrateEhs === null && m.marginalHashcostUsdPerPhDay === null)).toBe(true);
  }, 30_000);

  it('the v1 values: λ, σ, fee growth, escalation, resale and renewal 0, mothball 100 %, r_host = r_mine', () => {
    const v2 = fromV1({ ...v1InputsOf(calibrationV1.evaluate[0].scenario), discountRatePct: 13 });
    expect([v2.networkResponsePctPerMonth, v2.btcVolatilityPctPerYear, v2.feesGrowthPctPerYear, v2.powerEscalatorPctPerYear]).toEqual([0, 0, 0, 0]);
    expect([v2.asicResalePct, v2.renewalPct, v2.mothballOpexPct, v2.discountRatePivotPct]).toEqual([0, 0, 100, 13]);
    // The keys without a v1 value take their version-2 defaults.
    expect([v2.hashSupplyElasticity, v2.netHashcostUsdPerPhDay, v2.monteCarloPaths, v2.monteCarloSeed]).toEqual([3, 39.47, 1000, 1]);
  });
});
