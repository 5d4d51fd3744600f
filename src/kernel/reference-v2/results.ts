/**
 * The outputs of the model's version 2: version 1's shapes (src/model/results.ts) with the month
 * fields docs/model.md §7.4 adds, and `evaluate`'s Monte Carlo figures (§7.5).
 */
import type { Evaluation, HalvingEvent, MonthRow, RetargetEvent } from '../../model/results.ts';

export interface MonthRowV2 extends MonthRow {
  /** Price of machines matching the network's mid-month hashrate: N / 10^12 · asicUsdPerTh. */
  attackHardwareUsd: number;
  /** Their power for an hour: N / 10^12 · E_n(t) / 1000 · netPowerUsdPerKwh, at mid-month. */
  attackPowerUsdPerHour: number;
  /** securityBudgetUsdPerDay / 24. */
  attackRewardUsdPerHour: number;
  /** N* at the month's start, EH/s; null when the network does not respond (λ = 0). */
  targetHashrateEhs: number | null;
  /** c(N, t) at the month's start, $/PH/day; null when λ = 0. */
  marginalHashcostUsdPerPhDay: number | null;
}

/** The month fields of version 2 in the CSV's order. */
export const MONTH_FIELDS_V2 = [
  'month',
  'endHeight',
  'difficulty',
  'hashrateEhs',
  'blocks',
  'btcIssued',
  'feesBtc',
  'btcPriceUsd',
  'hashpriceUsdPerPhDay',
  'securityBudgetUsdPerDay',
  'attackHardwareUsd',
  'attackPowerUsdPerHour',
  'attackRewardUsdPerHour',
  'targetHashrateEhs',
  'marginalHashcostUsdPerPhDay',
] as const satisfies readonly (keyof MonthRowV2)[];

export interface ProjectionV2 {
  months: MonthRowV2[];
  retargets: RetargetEvent[];
  halvings: HalvingEvent[];
}

export interface MonteCarloFigures {
  paths: number;
  seed: number;
  /** Share of paths with Δ > 0. */
  probPivotWins: number;
  deltaMean: number;
  /** Order statistics at ⌈q·n⌉ (1-based) of the sorted Δs, q = 0.05, 0.5, 0.95. */
  deltaP5: number;
  deltaP50: number;
  deltaP95: number;
  npvMeanMine: number;
  npvMeanPivot: number;
}

/** Per month (index m−1), the 5th, 50th and 95th percentiles over the paths. */
export interface Percentiles {
  p5: number[];
  p50: number[];
  p95: number[];
}

export interface MonthsPercentiles {
  btcPriceUsd: Percentiles;
  hashpriceUsdPerPhDay: Percentiles;
  hashrateEhs: Percentiles;
}

export interface EvaluationV2 extends Evaluation {
  /** null when the volatility is 0. */
  monteCarlo: MonteCarloFigures | null;
  monthsP: MonthsPercentiles | null;
}
