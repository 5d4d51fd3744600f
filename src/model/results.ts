/**
 * The model's public shape, shared by the WASM facade and the plain-TS reference (both implement
 * `Model`), the CLI, the worker and the UI. Times are seconds after t0 (the scenario's startDate);
 * money is US dollars; "none" is null, never NaN.
 */
import type { ModelInputs } from './keys.ts';

/** A month of the network projection, as version 1 of the model reports it. */
export interface MonthRowV1 {
  /** 1-based month of the horizon. */
  month: number;
  /** Height of the chain tip at the month's end. */
  endHeight: number;
  /** Difficulty of the next block at the month's end. */
  difficulty: number;
  /** Mean network hashrate over the month, EH/s. */
  hashrateEhs: number;
  /** Blocks found in the month. */
  blocks: number;
  /** Subsidy issued in the month, BTC. */
  btcIssued: number;
  /** Fees paid in the month, BTC. */
  feesBtc: number;
  /** BTC price at mid-month, USD. */
  btcPriceUsd: number;
  /** The month's BTC per PH/s per day times the mid-month price. */
  hashpriceUsdPerPhDay: number;
  /** (BTC issued + fees) × mid-month price ÷ 30.4375 days. */
  securityBudgetUsdPerDay: number;
}

/** A month of the network projection (docs/model.md §2, §7.1, §7.4). */
export interface MonthRow extends MonthRowV1 {
  /** Machines matching the network's hashrate at mid-month, at today's ASIC price, USD. */
  attackHardwareUsd: number;
  /** Their power for an hour at the network's average efficiency, USD. */
  attackPowerUsdPerHour: number;
  /** What the honest network earns in an hour: the security budget ÷ 24, USD. */
  attackRewardUsdPerHour: number;
  /** The hashrate the network moves toward, N*, at the month's start, EH/s; null with λ = 0. */
  targetHashrateEhs: number | null;
  /** The marginal hashcost c(N, t) at the month's start, $/PH/day; null with λ = 0. */
  marginalHashcostUsdPerPhDay: number | null;
}

/** Version 1's month fields, in the order of the public CLI contract (README). */
export const MONTH_FIELDS_V1 = [
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
] as const satisfies readonly (keyof MonthRowV1)[];

/** The month fields in the order of the public CLI contract (README): the CSV header of `project`. */
export const MONTH_FIELDS = [
  ...MONTH_FIELDS_V1,
  'attackHardwareUsd',
  'attackPowerUsdPerHour',
  'attackRewardUsdPerHour',
  'targetHashrateEhs',
  'marginalHashcostUsdPerPhDay',
] as const satisfies readonly (keyof MonthRow)[];

export interface RetargetEvent {
  /** First block at the new difficulty. */
  height: number;
  /** When that block is found, seconds after t0. */
  seconds: number;
  difficulty: number;
}

export interface HalvingEvent {
  height: number;
  /** When block `height` is found, seconds after t0. */
  seconds: number;
  /** The new subsidy, BTC. */
  subsidyBtc: number;
}

export interface ProjectionV1 {
  months: MonthRowV1[];
  retargets: RetargetEvent[];
  halvings: HalvingEvent[];
}

export interface Projection extends ProjectionV1 {
  months: MonthRow[];
  retargets: RetargetEvent[];
  halvings: HalvingEvent[];
}

export interface PathFigures {
  revenue: number;
  ebitda: number;
}

/** `evaluate`'s Monte Carlo figures over the scenario's price paths (docs/model.md §7.5). */
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

/** What version 1 of the model reports for a scenario. */
export interface EvaluationV1 {
  npv: { mine: number; pivot: number };
  delta: number;
  breakeven: { leaseRate: number | null; btcPrice: number | null };
  irr: number | null;
  paybackMonth: number | null;
  discountedPaybackMonth: number | null;
  perMwYear: { mine: PathFigures; pivot: PathFigures };
  cashFlows: { mine: number[]; pivot: number[] };
}

export interface Evaluation extends EvaluationV1 {
  /** Over the price paths; null when the volatility is 0 (no Monte Carlo). */
  monteCarlo: MonteCarloFigures | null;
  monthsP: MonthsPercentiles | null;
}

/** What the model offers: the WASM kernel and the TS reference (src/kernel/reference-v2/). */
export interface Model {
  project(inputs: ModelInputs): Projection;
  evaluate(inputs: ModelInputs): Evaluation;
}

/** Version 1's outputs: what the block-by-block reference (src/kernel/reference.ts) computes. */
export interface ModelV1 {
  project(inputs: ModelInputs): ProjectionV1;
  evaluate(inputs: ModelInputs): EvaluationV1;
}
