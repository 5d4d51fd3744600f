/**
 * The model's public shape, shared by the WASM facade and the plain-TS reference (both implement
 * `Model`), the CLI, the worker and the UI. Times are seconds after t0 (the scenario's startDate);
 * money is US dollars; "none" is null, never NaN.
 */
import type { ModelInputs } from './keys.ts';

export interface MonthRow {
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

/** The month fields in the order of the public CLI contract (README): the CSV header of `project`. */
export const MONTH_FIELDS = [
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

export interface Projection {
  months: MonthRow[];
  retargets: RetargetEvent[];
  halvings: HalvingEvent[];
}

export interface PathFigures {
  revenue: number;
  ebitda: number;
}

export interface Evaluation {
  npv: { mine: number; pivot: number };
  delta: number;
  breakeven: { leaseRate: number | null; btcPrice: number | null };
  irr: number | null;
  paybackMonth: number | null;
  discountedPaybackMonth: number | null;
  perMwYear: { mine: PathFigures; pivot: PathFigures };
  cashFlows: { mine: number[]; pivot: number[] };
}

/** What both implementations of the model offer. */
export interface Model {
  project(inputs: ModelInputs): Projection;
  evaluate(inputs: ModelInputs): Evaluation;
}
