// The network projection (domain.md §2), event by event: between two events (a retarget, a
// halving) the difficulty and the reward are constant, the blocks are equally spaced in cumulative
// work W, and every quantity the months need has a closed form. See src/kernel/reference.ts for
// the conventions; this file must give the same figures.
import {
  I_START_HEIGHT, I_START_DIFFICULTY, I_EPOCH_ELAPSED_SECONDS, I_HASHRATE_EHS,
  I_HASHRATE_GROWTH_PCT_PER_MONTH, I_EXIT_SHARE_PCT, I_EXIT_MONTH, I_BTC_PRICE_USD,
  I_BTC_PRICE_GROWTH_PCT_PER_YEAR, I_FEES_BTC_PER_BLOCK, I_HORIZON_YEARS, N_INPUTS,
} from './layout';

export const MONTH: f64 = 2629800.0;
const TWO_32: f64 = 4294967296.0;
const TARGET_TIMESPAN: f64 = 1209600.0;
const DAYS_PER_MONTH: f64 = 30.4375;
export const MAX_MONTHS: i32 = 1200;
export const MAX_EVENTS: i32 = 8192;

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
const monthEndWork = new StaticArray<f64>(MAX_LANES * (MAX_MONTHS + 1));

// Events of lane 0: height, seconds after t0, value (difficulty or new subsidy in BTC).
export const retargetHeight = new StaticArray<f64>(MAX_EVENTS);
export const retargetTime = new StaticArray<f64>(MAX_EVENTS);
export const retargetDifficulty = new StaticArray<f64>(MAX_EVENTS);
export const halvingHeight = new StaticArray<f64>(64);
export const halvingTime = new StaticArray<f64>(64);
export const halvingSubsidy = new StaticArray<f64>(64);
export let retargetCount: i32 = 0;
export let halvingCount: i32 = 0;
/** Months of lane 0's last projection. */
export let monthCount: i32 = 0;

// Each lane's hashrate curve: W(t) = n0·month/a·((1+g)^(t/month) − 1), scaled by keep after the shock.
const lnN0 = new StaticArray<f64>(MAX_LANES); // n0, H/s
const lnRate = new StaticArray<f64>(MAX_LANES); // a = ln(1 + g) per month
const lnN0Month = new StaticArray<f64>(MAX_LANES);
const lnMonthPerRate = new StaticArray<f64>(MAX_LANES); // month / a
const lnWorkAtShock = new StaticArray<f64>(MAX_LANES);
const lnInvKeep = new StaticArray<f64>(MAX_LANES);
const lnFees = new StaticArray<f64>(MAX_LANES);
const lnMonths = new StaticArray<i32>(MAX_LANES);
// Each lane's running state.
const lnD = new StaticArray<f64>(MAX_LANES); // difficulty of the block being mined
const lnPrevTime = new StaticArray<f64>(MAX_LANES); // when the last block was found
const lnPrevW = new StaticArray<f64>(MAX_LANES); // W when the last block was found
const lnBaseW = new StaticArray<f64>(MAX_LANES); // W of the last block before this difficulty
const lnEpochFirst = new StaticArray<f64>(MAX_LANES); // when the epoch's first block was found
const lnMonth = new StaticArray<i32>(MAX_LANES); // the first month not yet closed
const lnPrevEnd = new StaticArray<i32>(MAX_LANES); // endHeight of the last closed month
const lnAccMonth = new StaticArray<i32>(MAX_LANES); // the accrual cursor's month
const lnAccEnd = new StaticArray<f64>(MAX_LANES); // and that month's end

@inline function laneInput(lane: i32, key: i32): f64 {
  return unchecked(laneInputs[lane * N_INPUTS + key]);
}

export function subsidySatsAt(height: i32): f64 {
  const halvings = height / 210000;
  if (halvings >= 64) return 0;
  return <f64>(<i64>5000000000 >> halvings);
}

/** Satoshis issued by the blocks in (a, b]. */
function subsidySum(a: i32, b: i32): f64 {
  let sum: f64 = 0;
  let h = a;
  while (h < b) {
    const eraEnd = min(b, ((h + 1) / 210000 + 1) * 210000 - 1);
    sum += <f64>(eraEnd - h) * subsidySatsAt(h + 1);
    h = eraEnd;
  }
  return sum;
}

/** Work W in the growth curve's own units (before the exit shock scales it). */
@inline function unshocked(lane: i32, w: f64): f64 {
  const atShock = unchecked(lnWorkAtShock[lane]);
  return w <= atShock ? w : atShock + (w - atShock) * unchecked(lnInvKeep[lane]);
}

/**
 * The time lane's network takes to go from cumulative work w1 to w2 (w1 ≤ w2): the closed form
 * (month/a)·log1p(a·Δv / (n0·month + a·v1)). For the small arguments of one epoch it uses the
 * atanh series of log1p with one division; it runs twice per epoch and dominates network sweeps.
 */
function interval(lane: i32, w1: f64, w2: f64): f64 {
  const atShock = unchecked(lnWorkAtShock[lane]);
  if (w1 < atShock && w2 > atShock) return interval(lane, w1, atShock) + interval(lane, atShock, w2);
  const v1 = unshocked(lane, w1);
  const dv = unshocked(lane, w2) - v1;
  const a = unchecked(lnRate[lane]);
  if (a == 0) return dv / unchecked(lnN0[lane]);
  const scale = unchecked(lnN0Month[lane]) + a * v1;
  if (scale <= 0) return Infinity;
  const ady = a * dv;
  if (Math.abs(ady) < SERIES_LIMIT * scale) {
    // log1p(y) = 2·atanh(s), s = y/(2+y) = a·Δv/(2·scale + a·Δv); |s| < 0.05, 8 terms reach 1 ulp.
    return unchecked(lnMonthPerRate[lane]) * atanhSeries(ady / (2 * scale + ady));
  }
  const y = ady / scale;
  return y <= -1 ? Infinity : unchecked(lnMonthPerRate[lane]) * Math.log1p(y);
}

/**
 * log1p(y) as 2·atanh(s), s = y/(2+y), for |y| < SERIES_LIMIT: |s| < 0.0101, so the first omitted
 * term, s^11/11, is 1e-21 of the sum; five terms reach the last bit.
 */
const SERIES_LIMIT: f64 = 0.02;
@inline function atanhSeries(s: f64): f64 {
  const s2 = s * s;
  return 2 * s * (1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9)))));
}
/** Adds [from, to) at `perSecond` BTC per H/s per second (reward / (D·2^32)) to the lane's months. */
@inline function accrue(lane: i32, from: f64, to: f64, perSecond: f64): void {
  const months = unchecked(lnMonths[lane]);
  const row = lane * MAX_MONTHS - 1;
  let t = from;
  let m = unchecked(lnAccMonth[lane]);
  let end = unchecked(lnAccEnd[lane]);
  while (m <= months) {
    if (to < end) {
      unchecked((mBtcPerHs[row + m] += (to - t) * perSecond));
      break;
    }
    unchecked((mBtcPerHs[row + m] += (end - t) * perSecond));
    t = end;
    m++;
    end = <f64>m * MONTH;
  }
  unchecked((lnAccMonth[lane] = m));
  unchecked((lnAccEnd[lane] = end));
}

function closeMonth(lane: i32, endHeight: i32, nextDifficulty: f64): void {
  const m = unchecked(lnMonth[lane]);
  const i = lane * MAX_MONTHS + m - 1;
  const w = lane * (MAX_MONTHS + 1) + m;
  const prevEnd = unchecked(lnPrevEnd[lane]);
  const blocks = <f64>(endHeight - prevEnd);
  unchecked((mEndHeight[i] = <f64>endHeight));
  unchecked((mDifficulty[i] = nextDifficulty));
  unchecked((mHashrateEhs[i] = (unchecked(monthEndWork[w]) - unchecked(monthEndWork[w - 1])) / MONTH / 1e18));
  unchecked((mBlocks[i] = blocks));
  unchecked((mBtcIssued[i] = subsidySum(prevEnd, endHeight) / 1e8));
  unchecked((mFeesBtc[i] = blocks * unchecked(lnFees[lane])));
  unchecked((lnPrevEnd[lane] = endHeight));
  unchecked((lnMonth[lane] = m + 1));
}

/** Sets up lane's curve and state from its input block; returns its number of months. */
function startLane(lane: i32, h0: i32): i32 {
  const months = <i32>laneInput(lane, I_HORIZON_YEARS) * 12;
  const d0 = laneInput(lane, I_START_DIFFICULTY);
  // −1 stands for the derived defaults: on-schedule hashrate D0·2^32/600, elapsed (h mod 2016)·600.
  const given = laneInput(lane, I_HASHRATE_EHS);
  const n0 = (given < 0 ? (d0 * TWO_32) / 600.0 / 1e18 : given) * 1e18;
  const givenElapsed = laneInput(lane, I_EPOCH_ELAPSED_SECONDS);
  const elapsed = givenElapsed < 0 ? <f64>(h0 % 2016) * 600.0 : givenElapsed;
  const g = laneInput(lane, I_HASHRATE_GROWTH_PCT_PER_MONTH) / 100;
  const a = Math.log1p(g);
  const keep = 1 - laneInput(lane, I_EXIT_SHARE_PCT) / 100;
  const exitMonth = <i32>laneInput(lane, I_EXIT_MONTH);
  unchecked((lnN0[lane] = n0));
  unchecked((lnRate[lane] = a));
  unchecked((lnN0Month[lane] = n0 * MONTH));
  unchecked((lnMonthPerRate[lane] = a == 0 ? 0 : MONTH / a));
  unchecked((lnInvKeep[lane] = 1 / keep));
  unchecked((lnFees[lane] = laneInput(lane, I_FEES_BTC_PER_BLOCK)));
  unchecked((lnMonths[lane] = months));
  // W at month ends: (1+g)^m − 1 by the recurrence e_m = e_{m−1}·(1+g) + g, free of cancellation.
  const row = lane * (MAX_MONTHS + 1);
  let atShock: f64 = Infinity; // a shock after the horizon never happens
  let e: f64 = 0;
  const perE = a == 0 ? 0 : (n0 * MONTH) / a;
  for (let m = 0; m <= months; m++) {
    const base = a == 0 ? n0 * <f64>m * MONTH : perE * e;
    if (m == exitMonth) atShock = base;
    unchecked((monthEndWork[row + m] = m <= exitMonth ? base : atShock + keep * (base - atShock)));
    e = e * (1 + g) + g;
  }
  unchecked((lnWorkAtShock[lane] = atShock));
  const first = lane * MAX_MONTHS;
  for (let m = 0; m < months; m++) unchecked((mBtcPerHs[first + m] = 0));
  unchecked((lnD[lane] = d0));
  unchecked((lnPrevTime[lane] = 0));
  unchecked((lnPrevW[lane] = 0));
  unchecked((lnBaseW[lane] = 0));
  unchecked((lnEpochFirst[lane] = -elapsed));
  unchecked((lnMonth[lane] = 1));
  unchecked((lnPrevEnd[lane] = h0));
  unchecked((lnAccMonth[lane] = 1));
  unchecked((lnAccEnd[lane] = MONTH));
  return months;
}

// The current segment, shared by all lanes (set by projectLanes, read by the lane steps).
let sgRetarget = false; // the segment starts at a retarget (not the tip's own epoch)
let sgFirstTime = false; // the time of the segment's first block is needed (retarget or halving)
let sgAtRetarget = false;
let sgNewEpoch = false; // the segment ends an epoch
let sgFirstSteps: f64 = 0; // blocks from the difficulty's base to the segment's first block
let sgEndSteps: f64 = 0; // … and to its last block
let sgSubsidyBtc: f64 = 0;
let sgBaseHeight: i32 = 0;
let sgHeight: i32 = 0;

/** The log1p-interval from prevW to w: the inline common case, else the general interval(). */
@inline function span(l: i32, fast: bool, after: bool, scale: f64, prevW: f64, w: f64): f64 {
  const ady = unchecked(lnRate[l]) * (after ? (w - prevW) * unchecked(lnInvKeep[l]) : w - prevW);
  if (fast && scale > 0 && Math.abs(ady) < SERIES_LIMIT * scale) return unchecked(lnMonthPerRate[l]) * atanhSeries(ady / (2 * scale + ady));
  return interval(l, prevW, w);
}

/** After the segment's times are known: accrue, close months, keep the state. Returns 1 if the lane is done. */
@inline function finishLane(l: i32, full: bool, endW: f64, endTime: f64, perSecond: f64, d: f64): i32 {
  const months = unchecked(lnMonths[l]);
  const prevTime = unchecked(lnPrevTime[l]);
  accrue(l, prevTime, endTime, perSecond);
  let done = 0;
  if (full) {
    // Months that end before the segment's last block is found: count the blocks found by then.
    const row = l * (MAX_MONTHS + 1);
    const baseW = unchecked(lnBaseW[l]);
    const dd = d * TWO_32;
    let month = unchecked(lnMonth[l]);
    while (month <= months && !(endW < unchecked(monthEndWork[row + month]))) {
      const wm = unchecked(monthEndWork[row + month]);
      let i = <i32>Math.floor((wm - baseW) / dd);
      while (i > 0 && !(baseW + <f64>i * dd < wm)) i--;
      while (baseW + <f64>(i + 1) * dd < wm) i++;
      closeMonth(l, max(sgBaseHeight + i, sgHeight), d);
      month++;
    }
    if (month > months) done = 1;
  } else if (unchecked(lnAccMonth[l]) > months) {
    unchecked((lnMonth[l] = months + 1));
    done = 1;
  }
  unchecked((lnPrevTime[l] = endTime));
  unchecked((lnPrevW[l] = endW));
  if (sgNewEpoch) unchecked((lnBaseW[l] = endW));
  return done;
}

/** One lane through the current segment. Returns 1 if the lane is done. */
function stepLane(l: i32, events: bool, full: bool): i32 {
  const months = unchecked(lnMonths[l]);
  const prevTime = unchecked(lnPrevTime[l]);
  const prevW = unchecked(lnPrevW[l]);
  const baseW = unchecked(lnBaseW[l]);
  let d = unchecked(lnD[l]);
  if (sgRetarget) {
    // prevTime is when block h−1 was found: 2015 intervals after the epoch's first block.
    const actual = Math.min(Math.max(prevTime - unchecked(lnEpochFirst[l]), TARGET_TIMESPAN / 4), TARGET_TIMESPAN * 4);
    d = (d * TARGET_TIMESPAN) / actual;
    unchecked((lnD[l] = d));
  }
  const dd = d * TWO_32;
  const endW = baseW + sgEndSteps * dd;
  // The common case inline: growth, no shock inside the segment, a small log1p argument. The
  // two intervals from prevW share their start, so they share `scale`. Else interval().
  const a = unchecked(lnRate[l]);
  const atShock = unchecked(lnWorkAtShock[l]);
  const after = prevW >= atShock;
  const fast = a != 0 && (after || endW <= atShock);
  let scale: f64 = 0;
  if (fast) {
    const v1 = after ? atShock + (prevW - atShock) * unchecked(lnInvKeep[l]) : prevW;
    scale = unchecked(lnN0Month[l]) + a * v1;
  }
  if (sgFirstTime) {
    const firstW = baseW + sgFirstSteps * dd;
    if (firstW < unchecked(monthEndWork[l * (MAX_MONTHS + 1) + months])) {
      const t = prevTime + span(l, fast, after, scale, prevW, firstW);
      if (sgAtRetarget) unchecked((lnEpochFirst[l] = t));
      if (events) recordEvents(t, d);
    }
  }
  const endTime = prevTime + span(l, fast, after, scale, prevW, endW);
  return finishLane(l, full, endW, endTime, (sgSubsidyBtc + unchecked(lnFees[l])) / dd, d);
}

let sgHeightFirst: i32 = 0; // the segment's first block (for the event lists)

function recordEvents(t: f64, d: f64): void {
  if (sgRetarget && retargetCount < MAX_EVENTS) {
    unchecked((retargetHeight[retargetCount] = <f64>sgHeightFirst));
    unchecked((retargetTime[retargetCount] = t));
    unchecked((retargetDifficulty[retargetCount] = d));
    retargetCount++;
  }
  if (sgHeightFirst % 210000 == 0 && halvingCount < 64) {
    unchecked((halvingHeight[halvingCount] = <f64>sgHeightFirst));
    unchecked((halvingTime[halvingCount] = t));
    unchecked((halvingSubsidy[halvingCount] = sgSubsidyBtc));
    halvingCount++;
  }
}

// Vector constants, loaded from memory (V8 would rebuild a splat of a constant on every use).
const VC = memory.data<f64>([
  TARGET_TIMESPAN, TARGET_TIMESPAN, // 0
  TARGET_TIMESPAN / 4, TARGET_TIMESPAN / 4, // 16
  TARGET_TIMESPAN * 4, TARGET_TIMESPAN * 4, // 32
  TWO_32, TWO_32, // 48
  SERIES_LIMIT, SERIES_LIMIT, // 64
  2, 2, // 80
  1, 1, // 96
  1.0 / 3, 1.0 / 3, // 112
  1.0 / 5, 1.0 / 5, // 128
  1.0 / 7, 1.0 / 7, // 144
  1.0 / 9, 1.0 / 9, // 160
  0, 0, // 176
]);

@inline function ld(arr: StaticArray<f64>, l: i32): v128 {
  return v128.load(changetype<usize>(arr) + (<usize>l << 3));
}

@inline function st(arr: StaticArray<f64>, l: i32, v: v128): void {
  v128.store(changetype<usize>(arr) + (<usize>l << 3), v);
}

@inline function vAtanhSeries(s: v128): v128 {
  const s2 = f64x2.mul(s, s);
  // 1/3 + s2·(1/5 + s2·(1/7 + s2·1/9)), then 2·s·(1 + s2·p): the scalar series' order
  const p = f64x2.add(v128.load(VC, 112), f64x2.mul(s2, f64x2.add(v128.load(VC, 128),
    f64x2.mul(s2, f64x2.add(v128.load(VC, 144), f64x2.mul(s2, v128.load(VC, 160)))))));
  return f64x2.mul(f64x2.mul(v128.load(VC, 80), s), f64x2.add(v128.load(VC, 96), f64x2.mul(s2, p)));
}

/**
 * Lanes l and l+1 through the current segment as f64x2, the same operations in the same order as
 * stepLane. Returns −1 (having changed nothing) when either lane leaves the common case.
 */
function stepPair(l: i32, full: bool): i32 {
  const months0 = unchecked(lnMonths[l]);
  const months1 = unchecked(lnMonths[l + 1]);
  if (unchecked(lnMonth[l]) > months0 || unchecked(lnMonth[l + 1]) > months1) return -1;
  const prevTime = ld(lnPrevTime, l);
  const prevW = ld(lnPrevW, l);
  const baseW = ld(lnBaseW, l);
  let d = ld(lnD, l);
  if (sgRetarget) {
    const actual = f64x2.min(f64x2.max(f64x2.sub(prevTime, ld(lnEpochFirst, l)), v128.load(VC, 16)), v128.load(VC, 32));
    d = f64x2.div(f64x2.mul(d, v128.load(VC, 0)), actual);
  }
  const dd = f64x2.mul(d, v128.load(VC, 48));
  const endW = f64x2.add(baseW, f64x2.mul(f64x2.splat(sgEndSteps), dd));
  const a = ld(lnRate, l);
  const atShock = ld(lnWorkAtShock, l);
  const invKeep = ld(lnInvKeep, l);
  const after = f64x2.ge(prevW, atShock);
  const zero = v128.load(VC, 176);
  // fast: a ≠ 0 and (after or endW ≤ atShock), in both lanes
  const fast = v128.and(f64x2.ne(a, zero), v128.or(after, f64x2.le(endW, atShock)));
  if (!i64x2.all_true(fast)) return -1;
  const v1 = v128.bitselect(f64x2.add(atShock, f64x2.mul(f64x2.sub(prevW, atShock), invKeep)), prevW, after);
  const scale = f64x2.add(ld(lnN0Month, l), f64x2.mul(a, v1));
  const dEnd = f64x2.sub(endW, prevW);
  const adyEnd = f64x2.mul(a, v128.bitselect(f64x2.mul(dEnd, invKeep), dEnd, after));
  const tenth = f64x2.mul(v128.load(VC, 64), scale);
  if (!i64x2.all_true(v128.and(f64x2.gt(scale, zero), f64x2.lt(f64x2.abs(adyEnd), tenth)))) return -1;
  const mpr = ld(lnMonthPerRate, l);
  const two = v128.load(VC, 80);
  if (sgFirstTime) {
    const firstW = f64x2.add(baseW, f64x2.mul(f64x2.splat(sgFirstSteps), dd));
    const dFirst = f64x2.sub(firstW, prevW);
    const adyFirst = f64x2.mul(a, v128.bitselect(f64x2.mul(dFirst, invKeep), dFirst, after));
    if (!i64x2.all_true(f64x2.lt(f64x2.abs(adyFirst), tenth))) return -1;
    if (sgAtRetarget) {
      const t = f64x2.add(prevTime, f64x2.mul(mpr, vAtanhSeries(f64x2.div(adyFirst, f64x2.add(f64x2.mul(two, scale), adyFirst)))));
      if (f64x2.extract_lane(firstW, 0) < unchecked(monthEndWork[l * (MAX_MONTHS + 1) + months0])) {
        unchecked((lnEpochFirst[l] = f64x2.extract_lane(t, 0)));
      }
      if (f64x2.extract_lane(firstW, 1) < unchecked(monthEndWork[(l + 1) * (MAX_MONTHS + 1) + months1])) {
        unchecked((lnEpochFirst[l + 1] = f64x2.extract_lane(t, 1)));
      }
    }
  }
  if (sgRetarget) st(lnD, l, d);
  const endTime = f64x2.add(prevTime, f64x2.mul(mpr, vAtanhSeries(f64x2.div(adyEnd, f64x2.add(f64x2.mul(two, scale), adyEnd)))));
  const perSecond = f64x2.div(f64x2.add(f64x2.splat(sgSubsidyBtc), ld(lnFees, l)), dd);
  return (
    finishLane(l, full, f64x2.extract_lane(endW, 0), f64x2.extract_lane(endTime, 0), f64x2.extract_lane(perSecond, 0), f64x2.extract_lane(d, 0)) +
    finishLane(l + 1, full, f64x2.extract_lane(endW, 1), f64x2.extract_lane(endTime, 1), f64x2.extract_lane(perSecond, 1), f64x2.extract_lane(d, 1))
  );
}

// Shared prefixes. Lanes that differ from another group only in the share that leaves at the exit
// shock are identical until the shock: a group's state just before any lane could reach its
// shock is kept in a slot, and later groups resume from it (lean projections only). A slot holds
// the common loop state and, per lane, the running state and the months accrued so far.
const SLOT_COMMON: i32 = 6;
const SLOT_LANE_STATE: i32 = 9;
let slotMonths: i32 = 0; // months of BTC per H/s a slot keeps per lane
let slotSize: i32 = 0; // f64s per slot
let slotBase: usize = 0;
let slotCapacity: usize = 0;
export const MAX_AXIS_SLOTS: i32 = 128; // 2048 points / MAX_LANES
const slotValid = new StaticArray<bool>(MAX_AXIS_SLOTS);

/** Forgets every slot and sizes them for prefixes of up to `months` months (a new sweep). */
export function resetPrefixes(months: i32): void {
  for (let i = 0; i < MAX_AXIS_SLOTS; i++) unchecked((slotValid[i] = false));
  slotMonths = months + 1;
  slotSize = SLOT_COMMON + MAX_LANES * (SLOT_LANE_STATE + slotMonths);
  const bytes = <usize>(MAX_AXIS_SLOTS * slotSize) << 3;
  if (bytes > slotCapacity) {
    slotBase = heap.alloc(bytes);
    slotCapacity = bytes;
  }
}

export function prefixReady(slot: i32): bool {
  return unchecked(slotValid[slot]);
}

@inline function slotAt(slot: i32, i: i32): usize {
  return slotBase + (<usize>(slot * slotSize + i) << 3);
}

/** Could some lane reach its exit shock within the next segment? (≤ 2016 blocks at ≤ 4·d) */
function nearShock(lanes: i32): bool {
  for (let l = 0; l < lanes; l++) {
    const reach = unchecked(lnPrevW[l]) + 2017.0 * 4 * unchecked(lnD[l]) * TWO_32;
    if (reach >= unchecked(lnWorkAtShock[l])) return true;
  }
  return false;
}

function savePrefix(slot: i32, lanes: i32, common: StaticArray<i32>): bool {
  // Only a lean projection whose lanes are all still running is a prefix of every later one.
  for (let l = 0; l < lanes; l++) {
    if (unchecked(lnMonth[l]) > unchecked(lnMonths[l]) || unchecked(lnAccMonth[l]) > slotMonths) return false;
  }
  for (let i = 0; i < SLOT_COMMON; i++) store<f64>(slotAt(slot, i), <f64>unchecked(common[i]));
  for (let l = 0; l < lanes; l++) {
    const at = SLOT_COMMON + l * (SLOT_LANE_STATE + slotMonths);
    store<f64>(slotAt(slot, at), unchecked(lnD[l]));
    store<f64>(slotAt(slot, at + 1), unchecked(lnPrevTime[l]));
    store<f64>(slotAt(slot, at + 2), unchecked(lnPrevW[l]));
    store<f64>(slotAt(slot, at + 3), unchecked(lnBaseW[l]));
    store<f64>(slotAt(slot, at + 4), unchecked(lnEpochFirst[l]));
    store<f64>(slotAt(slot, at + 5), <f64>unchecked(lnMonth[l]));
    store<f64>(slotAt(slot, at + 6), <f64>unchecked(lnPrevEnd[l]));
    store<f64>(slotAt(slot, at + 7), <f64>unchecked(lnAccMonth[l]));
    store<f64>(slotAt(slot, at + 8), unchecked(lnAccEnd[l]));
    const accrued = unchecked(lnAccMonth[l]); // months 1 … accMonth hold BTC so far
    for (let m = 0; m < accrued; m++) store<f64>(slotAt(slot, at + SLOT_LANE_STATE + m), unchecked(mBtcPerHs[l * MAX_MONTHS + m]));
  }
  unchecked((slotValid[slot] = true));
  return true;
}

function loadPrefix(slot: i32, lanes: i32, common: StaticArray<i32>): void {
  for (let i = 0; i < SLOT_COMMON; i++) unchecked((common[i] = <i32>load<f64>(slotAt(slot, i))));
  for (let l = 0; l < lanes; l++) {
    const at = SLOT_COMMON + l * (SLOT_LANE_STATE + slotMonths);
    unchecked((lnD[l] = load<f64>(slotAt(slot, at))));
    unchecked((lnPrevTime[l] = load<f64>(slotAt(slot, at + 1))));
    unchecked((lnPrevW[l] = load<f64>(slotAt(slot, at + 2))));
    unchecked((lnBaseW[l] = load<f64>(slotAt(slot, at + 3))));
    unchecked((lnEpochFirst[l] = load<f64>(slotAt(slot, at + 4))));
    unchecked((lnMonth[l] = <i32>load<f64>(slotAt(slot, at + 5))));
    unchecked((lnPrevEnd[l] = <i32>load<f64>(slotAt(slot, at + 6))));
    unchecked((lnAccMonth[l] = <i32>load<f64>(slotAt(slot, at + 7))));
    unchecked((lnAccEnd[l] = load<f64>(slotAt(slot, at + 8))));
    const accrued = unchecked(lnAccMonth[l]);
    for (let m = 0; m < accrued; m++) unchecked((mBtcPerHs[l * MAX_MONTHS + m] = load<f64>(slotAt(slot, at + SLOT_LANE_STATE + m))));
  }
}

// The loop state shared by the lanes: base height, height, next retarget, next halving, era, active.
const loopState = new StaticArray<i32>(SLOT_COMMON);

/**
 * Projects lanes 0 … lanes−1 (same startHeight) over their horizons. With `events`, lane 0's
 * retargets and halvings are listed. Without `full` only BTC per H/s is computed (what the
 * economics needs): months are not closed, and a lane ends when its accrual passes the horizon.
 * `slot` ≥ 0 (lean only): resume from that prefix slot if it is ready, else keep the prefix there.
 */
export function projectLanes(lanes: i32, events: bool, full: bool, slot: i32 = -1): void {
  const h0 = <i32>laneInput(0, I_START_HEIGHT);
  let active = 0;
  for (let l = 0; l < lanes; l++) if (startLane(l, h0) > 0) active++;
  retargetCount = 0;
  halvingCount = 0;
  let baseHeight = h0; // the last block before the current difficulty
  let height = h0; // the last block found
  // The smallest multiples of 2016 and 210000 at or above the next block, and its halving era.
  let retargetAt = ((h0 + 1 + 2015) / 2016) * 2016;
  let halvingAt = ((h0 + 1 + 209999) / 210000) * 210000;
  let era = (h0 + 1) / 210000;
  let keepPrefix = slot >= 0 && !full;
  if (keepPrefix && unchecked(slotValid[slot])) {
    loadPrefix(slot, lanes, loopState);
    baseHeight = unchecked(loopState[0]);
    height = unchecked(loopState[1]);
    retargetAt = unchecked(loopState[2]);
    halvingAt = unchecked(loopState[3]);
    era = unchecked(loopState[4]);
    active = unchecked(loopState[5]);
    keepPrefix = false;
  }

  while (active > 0) {
    if (keepPrefix && nearShock(lanes)) {
      unchecked((loopState[0] = baseHeight));
      unchecked((loopState[1] = height));
      unchecked((loopState[2] = retargetAt));
      unchecked((loopState[3] = halvingAt));
      unchecked((loopState[4] = era));
      unchecked((loopState[5] = active));
      savePrefix(slot, lanes, loopState);
      keepPrefix = false;
    }
    const h = height + 1; // the segment's first block
    const atRetarget = h == retargetAt;
    const atHalving = h == halvingAt;
    if (atHalving && h > h0 + 1) era++;
    // Blocks h .. hEnd share the difficulty and the reward.
    const nextRetarget = atRetarget ? retargetAt + 2016 : retargetAt;
    const nextHalving = atHalving ? halvingAt + 210000 : halvingAt;
    const hEnd = min(nextRetarget, nextHalving) - 1;
    sgRetarget = atRetarget && h > h0 + 1;
    sgAtRetarget = atRetarget;
    sgFirstTime = atRetarget || atHalving;
    sgNewEpoch = hEnd + 1 == nextRetarget;
    sgSubsidyBtc = (era >= 64 ? 0 : <f64>(<i64>5000000000 >> era)) / 1e8;
    sgFirstSteps = <f64>(h - baseHeight);
    sgEndSteps = <f64>(hEnd - baseHeight);
    sgBaseHeight = baseHeight;
    sgHeight = height;
    sgHeightFirst = h;

    let l = 0;
    if (ASC_FEATURE_SIMD && !events) {
      for (; l + 1 < lanes; l += 2) {
        const done = stepPair(l, full);
        if (done >= 0) {
          active -= done;
          continue;
        }
        if (unchecked(lnMonth[l]) <= unchecked(lnMonths[l])) active -= stepLane(l, false, full);
        if (unchecked(lnMonth[l + 1]) <= unchecked(lnMonths[l + 1])) active -= stepLane(l + 1, false, full);
      }
    }
    for (; l < lanes; l++) {
      if (unchecked(lnMonth[l]) <= unchecked(lnMonths[l])) active -= stepLane(l, events && l == 0, full);
    }
    if (sgNewEpoch) baseHeight = hEnd;
    height = hEnd;
    retargetAt = nextRetarget;
    halvingAt = nextHalving;
  }
}

/** Projects the network of `inputs` (lane 0) with its events. Returns the number of months. */
export function projectNetwork(): i32 {
  for (let i = 0; i < N_INPUTS; i++) unchecked((laneInputs[i] = inputs[i]));
  projectLanes(1, true, true);
  monthCount = unchecked(lnMonths[0]);
  return monthCount;
}

/** Moves lane's months to lane 0 (the economics reads lane 0); `all` moves every field, else only BTC per H/s. */
export function takeLane(lane: i32, all: bool): void {
  monthCount = unchecked(lnMonths[lane]);
  if (lane == 0) return;
  const from = lane * MAX_MONTHS;
  for (let i = 0; i < monthCount; i++) unchecked((mBtcPerHs[i] = mBtcPerHs[from + i]));
  if (!all) return;
  for (let i = 0; i < monthCount; i++) {
    unchecked((mEndHeight[i] = mEndHeight[from + i]));
    unchecked((mDifficulty[i] = mDifficulty[from + i]));
    unchecked((mHashrateEhs[i] = mHashrateEhs[from + i]));
    unchecked((mBlocks[i] = mBlocks[from + i]));
    unchecked((mBtcIssued[i] = mBtcIssued[from + i]));
    unchecked((mFeesBtc[i] = mFeesBtc[from + i]));
  }
}

/** The month fields that use the price path: mid-month price, hashprice, security budget. */
export function priceMonths(): void {
  const months = monthCount;

  const p0 = unchecked(inputs[I_BTC_PRICE_USD]);
  const g = 1 + unchecked(inputs[I_BTC_PRICE_GROWTH_PCT_PER_YEAR]) / 100;
  for (let m = 1; m <= months; m++) {
    const i = m - 1;
    const price = p0 * Math.pow(g, (<f64>m - 0.5) / 12);
    unchecked((mPrice[i] = price));
    unchecked((mHashprice[i] = ((unchecked(mBtcPerHs[i]) * 1e15) / (MONTH / 86400)) * price));
    unchecked((mSecurityBudget[i] = ((unchecked(mBtcIssued[i]) + unchecked(mFeesBtc[i])) * price) / DAYS_PER_MONTH));
  }
}

export function inputPtr(): usize {
  return changetype<usize>(inputs);
}

/** Month field pointers, in MonthRow order: endHeight, difficulty, hashrateEhs, blocks, btcIssued,
 * feesBtc, btcPriceUsd, hashpriceUsdPerPhDay, securityBudgetUsdPerDay, btcPerHs. */
export function monthFieldPtr(field: i32): usize {
  switch (field) {
    case 0: return changetype<usize>(mEndHeight);
    case 1: return changetype<usize>(mDifficulty);
    case 2: return changetype<usize>(mHashrateEhs);
    case 3: return changetype<usize>(mBlocks);
    case 4: return changetype<usize>(mBtcIssued);
    case 5: return changetype<usize>(mFeesBtc);
    case 6: return changetype<usize>(mPrice);
    case 7: return changetype<usize>(mHashprice);
    case 8: return changetype<usize>(mSecurityBudget);
    default: return changetype<usize>(mBtcPerHs);
  }
}

/** Event field pointers: 0–2 retarget height, time, difficulty; 3–5 halving height, time, subsidy. */
export function eventFieldPtr(field: i32): usize {
  switch (field) {
    case 0: return changetype<usize>(retargetHeight);
    case 1: return changetype<usize>(retargetTime);
    case 2: return changetype<usize>(retargetDifficulty);
    case 3: return changetype<usize>(halvingHeight);
    case 4: return changetype<usize>(halvingTime);
    default: return changetype<usize>(halvingSubsidy);
  }
}

export function retargetTotal(): i32 {
  return retargetCount;
}

export function halvingTotal(): i32 {
  return halvingCount;
}
