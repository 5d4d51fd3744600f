/**
 * Helpers of the version-2 model tests (docs/model.md §7): random version-2 scenarios, the
 * version-2 calibration file's scenarios as inputs, a network started in equilibrium, and a
 * field-by-field comparison of two version-2 results that collects every difference.
 */
import { readFileSync } from 'node:fs';
import { fromV1, V2_DEFAULTS, type ModelInputsV2 } from '../../src/kernel/reference-v2/index.ts';
import type { Evaluation, MonthsPercentiles, Projection } from '../../src/model/results.ts';
import { MONTH_FIELDS } from '../../src/model/results.ts';
import { close, int, onScheduleEhs, randomInputs, relDiff, uniform, type Rng } from './scenarios.ts';

/**
 * A random version-2 scenario: a random version-1 scenario (test/helpers/scenarios.ts) with each
 * added key drawn over its whole range (docs/model.md §7), zero often where zero switches a feature
 * off, and the marginal hashcost within ×[0.5, 2] of the start state's steady-state hashprice.
 */
export function randomInputsV2(rng: Rng, opts: { maxPaths?: number; maxHorizonYears?: number } = {}): ModelInputsV2 {
  const s = fromV1(randomInputs(rng, { maxHorizonYears: opts.maxHorizonYears }));
  const sometimesZero = (p: number, draw: () => number) => (rng() < p ? 0 : draw());
  const subsidy = 50 / 2 ** Math.floor((s.startHeight + 1) / 210_000);
  const steady = (144 * (subsidy + s.feesBtcPerBlock) * s.btcPriceUsd * 1e15) / (s.hashrateEhs * 1e18);
  return {
    ...s,
    networkResponsePctPerMonth: sometimesZero(0.25, () => uniform(rng, 1, 100)),
    netHashcostUsdPerPhDay: Math.min(1000, Math.max(1, steady * uniform(rng, 0.5, 2))),
    hashSupplyElasticity: uniform(rng, 0.1, 10),
    netMaxGrowthPctPerMonth: uniform(rng, 0, 100),
    netMaxDeclinePctPerMonth: uniform(rng, 0, 99),
    netFleetJPerTh: uniform(rng, 5, 200),
    netPowerUsdPerKwh: uniform(rng, 0.005, 1),
    feesGrowthPctPerYear: sometimesZero(0.3, () => uniform(rng, -50, 100)),
    btcVolatilityPctPerYear: sometimesZero(0.2, () => uniform(rng, 1, 300)),
    mothballOpexPct: uniform(rng, 0, 100),
    powerEscalatorPctPerYear: uniform(rng, -10, 20),
    asicResalePct: uniform(rng, 0, 100),
    renewalPct: uniform(rng, 0, 100),
    discountRatePivotPct: uniform(rng, 0, 30),
    monteCarloPaths: int(rng, 1, opts.maxPaths ?? 200),
    monteCarloSeed: int(rng, 0, 4_294_967_295),
  };
}

/** A month of a calibration case: the fields it gives (null where the model has none). */
export interface MonthCaseV2 {
  month: number;
  [field: string]: number | null;
}
export interface DeterministicCaseV2 {
  name: string;
  scenario: Record<string, unknown>;
  npv: { mine: number; pivot: number };
  delta: number;
  breakeven: { leaseRate: number | null; btcPrice: number | null };
  irr: number | null;
  paybackMonth: number | null;
  discountedPaybackMonth: number | null;
  months: MonthCaseV2[];
}
export interface MonteCarloCaseV2 {
  name: string;
  scenario: Record<string, unknown>;
  probPivotWins: number;
  deltaMean: number;
  deltaP5: number;
  deltaP50: number;
  deltaP95: number;
  tolerance: Record<string, number | string>;
}

/** test/vectors/model-calibration-v2.json. */
export const calibrationV2: { about: string; deterministic: DeterministicCaseV2[]; monteCarlo: MonteCarloCaseV2[] } = JSON.parse(
  readFileSync(new URL('../vectors/model-calibration-v2.json', import.meta.url), 'utf8'),
);

/**
 * The inputs of a calibration scenario: every key is given except the derived ones, which take
 * their derived values (hashrateEhs = D0·2^32/600/10^18; epochElapsedSeconds = (h0 mod 2016)·600).
 * `version`, `startDate`, `name` and `notes` are not model inputs.
 */
export function calibrationInputsV2(scenario: Record<string, unknown>): ModelInputsV2 {
  const s = { ...scenario } as Record<string, unknown>;
  for (const key of ['version', 'startDate', 'name', 'notes']) delete s[key];
  s.hashrateEhs ??= onScheduleEhs(s.startDifficulty as number);
  s.epochElapsedSeconds ??= ((s.startHeight as number) % 2016) * 600;
  for (const [key, v] of Object.entries(s)) if (typeof v !== 'number') throw new Error(`${key} is not a number`);
  return s as unknown as ModelInputsV2;
}

/** The subsidy (BTC) of the block mined after tip h: 50 · 2^−floor((h+1)/210,000). */
export const subsidyAfter = (tip: number) => 50 / 2 ** Math.floor((tip + 1) / 210_000);

/** The steady-state hashprice h(N0, 0) = 144 · (s + F) · P0 · 10^15 / N0 (docs/model.md §7.1), $/PH/day. */
export const steadyHashprice = (s: ModelInputsV2) =>
  (144 * (subsidyAfter(s.startHeight) + s.feesBtcPerBlock) * s.btcPriceUsd * 1e15) / (s.hashrateEhs * 1e18);

/**
 * A network started in equilibrium (docs/model.md §7.1): the equilibrium-start calibration scenario
 * (tip 931,392 on an epoch's first block, D0 146.47 T, P0 $90,922, F 0.036 BTC) at the version-2
 * defaults, with nothing moving (no efficiency gain, no supply drift, no price or fee growth, σ 0),
 * N0 on schedule (D0 · 2^32 / 600) and c0 the exact steady-state hashprice h(N0, 0).
 */
export function equilibrium(over: Partial<ModelInputsV2> = {}): ModelInputsV2 {
  const base: ModelInputsV2 = {
    ...calibrationInputsV2(calibrationV2.deterministic[0].scenario),
    ...V2_DEFAULTS,
    btcVolatilityPctPerYear: 0,
    efficiencyGainPctPerYear: 0,
    hashrateGrowthPctPerMonth: 0,
    btcPriceGrowthPctPerYear: 0,
    feesGrowthPctPerYear: 0,
    hashSupplyElasticity: 3,
    ...over,
  };
  base.hashrateEhs = onScheduleEhs(base.startDifficulty);
  base.epochElapsedSeconds = (base.startHeight % 2016) * 600;
  base.netHashcostUsdPerPhDay = steadyHashprice(base);
  return base;
}

/**
 * Tolerances of a version-2 comparison: reals to `rel` relative (with a floor `abs` in the value's
 * unit, and NPVs and Δ at the scale of the larger NPV); integers exactly; the IRR to `irr`
 * absolute; the breakeven BTC price within `btc` dollars; nulls equal.
 */
export interface TolerancesV2 {
  rel: number;
  abs: number;
  irr: number;
  btc: number;
}
export const TOLERANCE_1E9: TolerancesV2 = { rel: 1e-9, abs: 1e-9, irr: 1e-9, btc: 0.02 };

/** Collects the differences between two version-2 results, so that a failure shows its pattern. */
export class DifferencesV2 {
  readonly list: string[] = [];
  /** Largest relative difference seen in a real compared above its floor, for the notes. */
  worst = 0;
  worstAt = '';
  constructor(readonly tol: TolerancesV2 = TOLERANCE_1E9) {}

  num(what: string, got: number | null | undefined, want: number | null | undefined, rel = this.tol.rel, abs = this.tol.abs) {
    if (got === null || want === null || got === undefined || want === undefined) {
      if (got !== want) this.list.push(`${what}: ${got} vs ${want}`);
      return;
    }
    if (!Number.isFinite(got) || !Number.isFinite(want) || !close(got, want, rel, abs)) {
      this.list.push(`${what}: ${got} vs ${want} (rel ${relDiff(got, want).toExponential(2)})`);
    } else if (got !== want && rel * Math.abs(want) >= abs && relDiff(got, want) > this.worst) {
      this.worst = relDiff(got, want);
      this.worstAt = what;
    }
  }

  exact(what: string, got: unknown, want: unknown) {
    if (got !== want) this.list.push(`${what}: ${String(got)} vs ${String(want)}`);
  }

  /** Every month field (MONTH_FIELDS), every retarget and halving. */
  projections(got: Projection, want: Projection) {
    this.exact('months', got.months.length, want.months.length);
    want.months.forEach((w, i) => {
      const g = got.months[i];
      if (!g) return;
      for (const f of MONTH_FIELDS) {
        if (f === 'month' || f === 'endHeight' || f === 'blocks') this.exact(`month ${w.month} ${f}`, g[f], w[f]);
        else this.num(`month ${w.month} ${f}`, g[f], w[f]);
      }
    });
    for (const kind of ['retargets', 'halvings'] as const) {
      this.exact(kind, got[kind].length, want[kind].length);
      want[kind].forEach((w, i) => {
        const g = got[kind][i];
        if (!g) return;
        this.exact(`${kind}[${i}].height`, g.height, w.height);
        this.num(`${kind}[${i}].seconds`, g.seconds, w.seconds);
        this.num(`${kind}[${i}] value`, 'difficulty' in g ? g.difficulty : g.subsidyBtc, 'difficulty' in w ? w.difficulty : w.subsidyBtc);
      });
    }
  }

  /** Every output of evaluate, the Monte Carlo figures and the monthly percentiles included. */
  evaluations(got: Evaluation, want: Evaluation) {
    // A difference of NPVs (and an NPV summed from two parts discounted at two rates) rounds at the
    // size of the NPVs: `rel` of the larger as a floor.
    const scale = Math.max(Math.abs(want.npv.mine), Math.abs(want.npv.pivot), 1);
    this.num('npv.mine', got.npv.mine, want.npv.mine, this.tol.rel, this.tol.rel * scale);
    this.num('npv.pivot', got.npv.pivot, want.npv.pivot, this.tol.rel, this.tol.rel * scale);
    this.num('delta', got.delta, want.delta, this.tol.rel, this.tol.rel * scale);
    this.num('breakeven.leaseRate', got.breakeven.leaseRate, want.breakeven.leaseRate);
    this.num('breakeven.btcPrice', got.breakeven.btcPrice, want.breakeven.btcPrice, 0, this.tol.btc);
    this.num('irr', got.irr, want.irr, 0, this.tol.irr);
    this.exact('paybackMonth', got.paybackMonth, want.paybackMonth);
    this.exact('discountedPaybackMonth', got.discountedPaybackMonth, want.discountedPaybackMonth);
    for (const path of ['mine', 'pivot'] as const) {
      this.num(`perMwYear.${path}.revenue`, got.perMwYear[path].revenue, want.perMwYear[path].revenue);
      this.num(`perMwYear.${path}.ebitda`, got.perMwYear[path].ebitda, want.perMwYear[path].ebitda);
      this.exact(`cashFlows.${path} length`, got.cashFlows[path].length, want.cashFlows[path].length);
      want.cashFlows[path].forEach((w, i) => this.num(`cashFlows.${path}[${i}]`, got.cashFlows[path][i], w));
    }
    this.exact('monteCarlo null', got.monteCarlo === null, want.monteCarlo === null);
    this.exact('monthsP null', got.monthsP === null, want.monthsP === null);
    if (got.monteCarlo && want.monteCarlo) {
      const g = got.monteCarlo;
      const w = want.monteCarlo;
      this.exact('monteCarlo.paths', g.paths, w.paths);
      this.exact('monteCarlo.seed', g.seed, w.seed);
      // A share of the paths: a multiple of 1/n, equal unless a path's Δ sits on 0 to rounding.
      this.num('monteCarlo.probPivotWins', g.probPivotWins, w.probPivotWins, 0, 0);
      const mcScale = Math.max(Math.abs(w.npvMeanMine), Math.abs(w.npvMeanPivot), 1);
      for (const f of ['deltaMean', 'deltaP5', 'deltaP50', 'deltaP95'] as const)
        this.num(`monteCarlo.${f}`, g[f], w[f], this.tol.rel, this.tol.rel * mcScale);
      for (const f of ['npvMeanMine', 'npvMeanPivot'] as const)
        this.num(`monteCarlo.${f}`, g[f], w[f], this.tol.rel, this.tol.rel * mcScale);
    }
    if (got.monthsP && want.monthsP) this.percentiles(got.monthsP, want.monthsP);
  }

  percentiles(got: MonthsPercentiles, want: MonthsPercentiles) {
    for (const field of ['btcPriceUsd', 'hashpriceUsdPerPhDay', 'hashrateEhs'] as const) {
      for (const q of ['p5', 'p50', 'p95'] as const) {
        this.exact(`monthsP.${field}.${q} length`, got[field][q].length, want[field][q].length);
        want[field][q].forEach((w, i) => this.num(`monthsP.${field}.${q}[${i}]`, got[field][q][i], w));
      }
    }
  }

  report(tag: string, max = 12): string {
    if (this.list.length === 0) return '';
    return `${tag}\n  ${this.list.slice(0, max).join('\n  ')}${this.list.length > max ? `\n  … ${this.list.length - max} more` : ''}`;
  }
}
