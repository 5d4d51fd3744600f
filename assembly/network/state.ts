// The network projection's state: the input blocks, the month and event outputs, and each lane's
// hashrate curve and running state (docs/model.md §2). Lanes are scenarios projected in lockstep.
import { N_INPUTS } from '../generated/interface';
import { HALVING_INTERVAL, TARGET_TIMESPAN } from '../consensus';

export const MONTH: f64 = 2629800.0;
export const TWO_32: f64 = 4294967296.0;
/** Two weeks in seconds, as a float for the projection's real-valued difficulty. */
export const TARGET_TIMESPAN_F: f64 = <f64>TARGET_TIMESPAN;
export const DAYS_PER_MONTH: f64 = 30.4375;
export const MAX_MONTHS: i32 = 1200;
export const MAX_EVENTS: i32 = 8192;
export const MAX_HALVINGS: i32 = 64;

// The input block: one f64 per model key, in MODEL_KEYS order. Derived defaults arrive as −1.
export const inputs = new StaticArray<f64>(N_INPUTS);

/**
 * Lanes: up to MAX_LANES scenarios projected in lockstep. They share the start height, so their
 * segments (runs of blocks between retargets and halvings) have the same heights; only times and
 * difficulties differ. Interleaving independent lanes keeps the processor busy where one
 * scenario's chain of dependent divisions would stall it. Lane l's input block is at l·N_INPUTS
 * of laneInputs, its months at l·MAX_MONTHS of the month arrays; lane 0's are the public ones.
 */
export const MAX_LANES: i32 = 16;
export const laneInputs = new StaticArray<f64>(MAX_LANES * N_INPUTS);

// Month outputs (index l·MAX_MONTHS + m−1).
export const mEndHeight = new StaticArray<f64>(MAX_LANES * MAX_MONTHS);
export const mDifficulty = new StaticArray<f64>(MAX_LANES * MAX_MONTHS);
export const mHashrateEhs = new StaticArray<f64>(MAX_LANES * MAX_MONTHS);
export const mBlocks = new StaticArray<f64>(MAX_LANES * MAX_MONTHS);
export const mBtcIssued = new StaticArray<f64>(MAX_LANES * MAX_MONTHS);
export const mFeesBtc = new StaticArray<f64>(MAX_LANES * MAX_MONTHS);
/** BTC one H/s earns in the month (before uptime, curtailment and pool fee). */
export const mBtcPerHs = new StaticArray<f64>(MAX_LANES * MAX_MONTHS);
export const mPrice = new StaticArray<f64>(MAX_MONTHS);
export const mHashprice = new StaticArray<f64>(MAX_MONTHS);
export const mSecurityBudget = new StaticArray<f64>(MAX_MONTHS);
/** Hashrate at mid-month, H/s (index l·MAX_MONTHS + m−1). */
export const mHashrateMid = new StaticArray<f64>(MAX_LANES * MAX_MONTHS);
/** Fees per block in the month, F_m, BTC. */
export const mFeesPerBlock = new StaticArray<f64>(MAX_MONTHS);
/** N* (EH/s) and the marginal hashcost c(N, t) ($/PH/day) at the month's start; NaN with λ = 0. */
export const mTargetHashrate = new StaticArray<f64>(MAX_MONTHS);
export const mMarginalHashcost = new StaticArray<f64>(MAX_MONTHS);
// The security figures at mid-month (docs/model.md §7.4).
export const mAttackHardware = new StaticArray<f64>(MAX_MONTHS);
export const mAttackPower = new StaticArray<f64>(MAX_MONTHS);
export const mAttackReward = new StaticArray<f64>(MAX_MONTHS);
/** The price path at the half-months t_i = i · month/2: month m starts at 2(m−1), its middle is 2m−1. */
export const halfPrices = new StaticArray<f64>(2 * MAX_MONTHS);
/** …and their logs, for the network's target. */
export const lnHalfPrices = new StaticArray<f64>(2 * MAX_MONTHS);
export const monthEndWork = new StaticArray<f64>(MAX_LANES * (MAX_MONTHS + 1));

// Events of lane 0: height, seconds after t0, value (difficulty or new subsidy in BTC).
export const retargetHeight = new StaticArray<f64>(MAX_EVENTS);
export const retargetTime = new StaticArray<f64>(MAX_EVENTS);
export const retargetDifficulty = new StaticArray<f64>(MAX_EVENTS);
export const halvingHeight = new StaticArray<f64>(MAX_HALVINGS);
export const halvingTime = new StaticArray<f64>(MAX_HALVINGS);
export const halvingSubsidy = new StaticArray<f64>(MAX_HALVINGS);
export let retargetCount: i32 = 0;
export let halvingCount: i32 = 0;
/** Months of lane 0's last projection. */
export let monthCount: i32 = 0;

// Each lane's hashrate curve: W(t) = n0·month/a·((1+g)^(t/month) − 1), scaled by keep after the shock.
export const lnN0 = new StaticArray<f64>(MAX_LANES); // n0, H/s
export const lnRate = new StaticArray<f64>(MAX_LANES); // a = ln(1 + g) per month
export const lnN0Month = new StaticArray<f64>(MAX_LANES);
export const lnMonthPerRate = new StaticArray<f64>(MAX_LANES); // month / a
export const lnWorkAtShock = new StaticArray<f64>(MAX_LANES);
export const lnInvKeep = new StaticArray<f64>(MAX_LANES);
export const lnFees = new StaticArray<f64>(MAX_LANES);
export const lnMonths = new StaticArray<i32>(MAX_LANES);
export const lnExitMonth = new StaticArray<i32>(MAX_LANES);
// Each lane's running state.
export const lnD = new StaticArray<f64>(MAX_LANES); // difficulty of the block being mined
export const lnPrevTime = new StaticArray<f64>(MAX_LANES); // when the last block was found
export const lnPrevW = new StaticArray<f64>(MAX_LANES); // W when the last block was found
export const lnBaseW = new StaticArray<f64>(MAX_LANES); // W of the last block before this difficulty
export const lnEpochFirst = new StaticArray<f64>(MAX_LANES); // when the epoch's first block was found
export const lnMonth = new StaticArray<i32>(MAX_LANES); // the first month not yet closed
export const lnPrevEnd = new StaticArray<i32>(MAX_LANES); // endHeight of the last closed month
export const lnAccMonth = new StaticArray<i32>(MAX_LANES); // the accrual cursor's month
export const lnAccEnd = new StaticArray<f64>(MAX_LANES); // and that month's end

@inline export function laneInput(lane: i32, key: i32): f64 {
  return unchecked(laneInputs[lane * N_INPUTS + key]);
}

@inline export function setMonthCount(months: i32): void {
  monthCount = months;
}

export function clearEvents(): void {
  retargetCount = 0;
  halvingCount = 0;
}

/** Lists a retarget (when `retarget`) and a halving (when `height` starts an era) found at t with difficulty d. */
export function recordEvents(retarget: bool, height: i32, t: f64, d: f64, subsidyBtc: f64): void {
  if (retarget && retargetCount < MAX_EVENTS) {
    unchecked((retargetHeight[retargetCount] = <f64>height));
    unchecked((retargetTime[retargetCount] = t));
    unchecked((retargetDifficulty[retargetCount] = d));
    retargetCount++;
  }
  if (<i64>height % HALVING_INTERVAL == 0 && halvingCount < MAX_HALVINGS) {
    unchecked((halvingHeight[halvingCount] = <f64>height));
    unchecked((halvingTime[halvingCount] = t));
    unchecked((halvingSubsidy[halvingCount] = subsidyBtc));
    halvingCount++;
  }
}
