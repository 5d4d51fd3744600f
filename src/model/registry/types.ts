/**
 * The shapes of the parameter registry and the formulas its derived defaults use. The group files
 * (network.ts, miner.ts, pivot.ts, finance.ts) hold the specs; index.ts combines them.
 */

/** The scenario schema version this build writes; older versions are migrated forward. */
export const CURRENT_VERSION = 2;

export type ParamGroup = 'network' | 'miner' | 'pivot' | 'finance';

/**
 * The kernel's recomputation stages, in the order it runs them: the network projection, the
 * discount factors, the mining path, the monthly prices (and the month fields priced with them:
 * hashprice, security budget, attack figures) and the pivot path. 'response' marks the keys that
 * move the network only when it answers back (λ > 0): the price path and the falling cost of hashing.
 */
export const STAGES = ['network', 'finance', 'mining', 'prices', 'pivot', 'response'] as const;
export type Stage = (typeof STAGES)[number];

/** The range analysts typically argue over, inside the allowed [min, max]. */
export interface Plausible {
  low: number;
  high: number;
  /** Values differ by multiples rather than by amounts: axes and sliders space them by ratio. */
  log?: boolean;
  /** The public figures behind the range, or why it is a modelling assumption. */
  source: string;
}

/** A numeric model input as its group file writes it: the key is the property name, the group the file's. */
export interface SpecFields {
  label: string;
  unit: string;
  /**
   * The default in scenario version 1, or for a key version 1 lacks, the value with which the
   * model gives version 1's results; for a derived key, its value for the default start state
   * (see `derived`). Later versions take `v2Default` where set.
   */
  default: number;
  min: number;
  max: number;
  /** A sensible increment for sliders and steppers (not a validation rule). */
  step: number;
  /** Whole numbers only. */
  integer: boolean;
  /** One line. */
  description: string;
  /** Where the default comes from, with a date, or why it is a modelling assumption. */
  source: string;
  /**
   * Set when a missing value is computed from other keys rather than taken from `default`;
   * the text gives the formula. Resolution (src/model/scenario/resolve.ts) recomputes it.
   */
  derived?: string;
  /**
   * The default from scenario version 2 on, where it differs from `default`. It replaces the
   * derivation too: a key derived in version 1 that has one is a plain key from version 2 on.
   */
  v2Default?: number;
  /** The kernel stages a change of this key invalidates (a sweep recomputes only these). */
  stages: readonly Stage[];
  /** The typical range, for sliders, heatmap axes and sensitivity; absent when none is well founded. */
  plausible?: Plausible;
  /** Whether a chart's assumption line names this key even when the scenario leaves it at its default. */
  assumption: boolean;
  /** The key's place in the assumption line (1 first); set exactly when `assumption` is. */
  assumptionOrder?: number;
  /**
   * A part of its group that the parameter panel shows as a group of its own: 'response' for the
   * network's response to the hashprice (docs/model.md §7.1), 'attack' for the cost of matching the
   * network's hashrate (§7.4), 'uncertainty' for the Monte Carlo price paths (§7.5) — a section
   * that gathers keys of several groups.
   */
  section?: 'response' | 'attack' | 'uncertainty';
}

/**
 * A numeric model input, as the registry lists it: `default` and `derived` are those of
 * CURRENT_VERSION, `v1Default` the default in version 1.
 */
export interface KeyedSpec<K extends string = string> extends SpecFields {
  key: K;
  group: ParamGroup;
  v1Default: number;
}

/** A key's default in scenario version `version` (docs/model.md §6, §7). */
export function defaultIn(spec: SpecFields, version: number): number {
  return version >= 2 && spec.v2Default !== undefined ? spec.v2Default : spec.default;
}

/** A key's derivation in scenario version `version`, if it has one then. */
export function derivedIn(spec: SpecFields, version: number): string | undefined {
  return version >= 2 && spec.v2Default !== undefined ? undefined : spec.derived;
}

/** A non-numeric key: the start date (network) and the scenario's own name and notes. */
export interface TextSpec {
  key: 'startDate' | 'name' | 'notes';
  group: 'network' | 'about';
  kind: 'date' | 'text';
  label: string;
  default: string;
  /** Longest allowed text, in UTF-16 code units (JS string length). */
  maxLength: number;
  /** A date's earliest and latest allowed day, YYYY-MM-DD (the latest counts to its last millisecond). */
  min?: string;
  max?: string;
  description: string;
  source: string;
}

export type TextKey = TextSpec['key'];

/** Seconds in a model month: 365.25 / 12 days (docs/model.md §2). */
export const MONTH_SECONDS = 2_629_800;

/** Network hashrate (EH/s) at which blocks arrive every 600 s on average at difficulty `d` (docs/model.md §2). */
export function hashrateEhsFor(difficulty: number): number {
  return (difficulty * 2 ** 32) / 600 / 1e18;
}

/** Seconds since the epoch's first block when the chain is on schedule (600 s a block). */
export function epochElapsedSecondsFor(height: number): number {
  return (height % 2016) * 600;
}

/** The block subsidy at `height`, in BTC (Bitcoin Core's GetBlockSubsidy, docs/model.md §1). */
export function subsidyBtcAt(height: number): number {
  const halvings = Math.floor(height / 210_000);
  return halvings >= 64 ? 0 : Math.floor(5_000_000_000 / 2 ** halvings) / 1e8;
}

/** A network start state, as the scenario's keys name it. */
export interface StartState {
  startHeight: number;
  /** EH/s. */
  hashrateEhs: number;
  btcPriceUsd: number;
  feesBtcPerBlock: number;
  /** %/yr; 0 when absent. */
  feesGrowthPctPerYear?: number;
}

/**
 * The steady-state hashprice h(N0, 0) of a start state, $ per PH/s per day, rounded to the cent
 * (docs/model.md §7.1): `144 · (s + F_1) · P0 · 10^15 / N0`, with s the subsidy of the block
 * being mined (startHeight + 1), F_1 month 1's fees `F · (1 + f_g)^(½/12)`, P0 the BTC price and
 * N0 the hashrate in H/s. It is the marginal hashcost at which that network starts in equilibrium
 * (netHashcostUsdPerPhDay); the caller keeps it inside the key's range.
 */
export function steadyStateHashprice(state: StartState): number {
  const fees = state.feesBtcPerBlock * (1 + (state.feesGrowthPctPerYear ?? 0) / 100) ** (0.5 / 12);
  const n0 = state.hashrateEhs * 1e18;
  const h = (144 * (subsidyBtcAt(state.startHeight + 1) + fees) * state.btcPriceUsd * 1e15) / n0;
  return Math.round(h * 100) / 100;
}
