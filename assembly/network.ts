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

// Month outputs (index m−1).
export const mEndHeight = new StaticArray<f64>(MAX_MONTHS);
export const mDifficulty = new StaticArray<f64>(MAX_MONTHS);
export const mHashrateEhs = new StaticArray<f64>(MAX_MONTHS);
export const mBlocks = new StaticArray<f64>(MAX_MONTHS);
export const mBtcIssued = new StaticArray<f64>(MAX_MONTHS);
export const mFeesBtc = new StaticArray<f64>(MAX_MONTHS);
export const mPrice = new StaticArray<f64>(MAX_MONTHS);
export const mHashprice = new StaticArray<f64>(MAX_MONTHS);
export const mSecurityBudget = new StaticArray<f64>(MAX_MONTHS);
/** BTC one H/s earns in the month (before uptime, curtailment and pool fee). */
export const mBtcPerHs = new StaticArray<f64>(MAX_MONTHS);
const monthEndWork = new StaticArray<f64>(MAX_MONTHS + 1);

// Events: height, seconds after t0, value (difficulty or new subsidy in BTC).
export const retargetHeight = new StaticArray<f64>(MAX_EVENTS);
export const retargetTime = new StaticArray<f64>(MAX_EVENTS);
export const retargetDifficulty = new StaticArray<f64>(MAX_EVENTS);
export const halvingHeight = new StaticArray<f64>(64);
export const halvingTime = new StaticArray<f64>(64);
export const halvingSubsidy = new StaticArray<f64>(64);
export let retargetCount: i32 = 0;
export let halvingCount: i32 = 0;
export let monthCount: i32 = 0;

// The hashrate curve of the current projection.
let n0: f64 = 0;
let growthRate: f64 = 0; // ln(1 + g) per month
let shockAt: f64 = 0;
let keep: f64 = 1;
let workAtShock: f64 = 0;

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

@inline function baseWork(t: f64): f64 {
  return growthRate == 0 ? n0 * t : (n0 * MONTH * Math.expm1((growthRate * t) / MONTH)) / growthRate;
}

@inline function baseTime(w: f64): f64 {
  if (growthRate == 0) return w / n0;
  const x = (growthRate * w) / (n0 * MONTH);
  return x <= -1 ? Infinity : (MONTH * Math.log1p(x)) / growthRate;
}

export function work(t: f64): f64 {
  if (t <= shockAt) return baseWork(t);
  return workAtShock + keep * (baseWork(t) - workAtShock);
}

/** log1p(y), by the atanh series for small |y| (the common case: one epoch's worth of work). */
@inline function log1pFast(y: f64): f64 {
  if (Math.abs(y) >= 0.1) return Math.log1p(y);
  const s = y / (2 + y);
  const s2 = s * s;
  return 2 * s * (1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11 + s2 * (1.0 / 13 + s2 * (1.0 / 15))))))));
}

/** Work W in the growth curve's own units (before the exit shock scales it). */
@inline function unshocked(w: f64): f64 {
  return w <= workAtShock ? w : workAtShock + (w - workAtShock) / keep;
}

/** The time the network takes to go from cumulative work w1 to w2 (w1 ≤ w2). */
function interval(w1: f64, w2: f64): f64 {
  if (w1 < workAtShock && w2 > workAtShock) {
    return interval(w1, workAtShock) + interval(workAtShock, w2);
  }
  const v1 = unshocked(w1);
  const dv = unshocked(w2) - v1;
  if (growthRate == 0) return dv / n0;
  // N(t)·month/a at the start: n0·month/a + v1; the interval solves a log1p of the ratio.
  const scale = n0 * MONTH + growthRate * v1;
  const y = (growthRate * dv) / scale;
  if (scale <= 0 || y <= -1) return Infinity;
  return (MONTH * log1pFast(y)) / growthRate;
}

export function timeOfWork(w: f64): f64 {
  if (w <= workAtShock) return baseTime(w);
  return baseTime(workAtShock + (w - workAtShock) / keep);
}

/** The hashrate the input block means: −1 stands for the on-schedule default D0·2^32/600. */
@inline function startHashrateEhs(): f64 {
  const given = unchecked(inputs[I_HASHRATE_EHS]);
  return given < 0 ? (unchecked(inputs[I_START_DIFFICULTY]) * TWO_32) / 600.0 / 1e18 : given;
}

/** The epoch's elapsed time the input block means: −1 stands for on schedule, (h mod 2016)·600. */
@inline function startEpochElapsed(): f64 {
  const given = unchecked(inputs[I_EPOCH_ELAPSED_SECONDS]);
  const h = unchecked(inputs[I_START_HEIGHT]);
  return given < 0 ? (h - Math.floor(h / 2016.0) * 2016.0) * 600.0 : given;
}

// Projection state.
let months: i32 = 0;
let month: i32 = 1; // the month not yet closed
let prevEndHeight: i32 = 0;

function closeMonth(endHeight: i32, nextDifficulty: f64): void {
  const i = month - 1;
  const blocks = <f64>(endHeight - prevEndHeight);
  unchecked((mEndHeight[i] = <f64>endHeight));
  unchecked((mDifficulty[i] = nextDifficulty));
  unchecked((mHashrateEhs[i] = (unchecked(monthEndWork[month]) - unchecked(monthEndWork[i])) / MONTH / 1e18));
  unchecked((mBlocks[i] = blocks));
  unchecked((mBtcIssued[i] = subsidySum(prevEndHeight, endHeight) / 1e8));
  unchecked((mFeesBtc[i] = blocks * unchecked(inputs[I_FEES_BTC_PER_BLOCK])));
  prevEndHeight = endHeight;
  month++;
}

/** Adds [from, to) mined at difficulty d for `reward` BTC a block to the months it spans. */
function accrue(from: f64, to: f64, reward: f64, d: f64): void {
  const end = Math.min(to, <f64>months * MONTH);
  const perSecond = reward / (d * TWO_32);
  let t = from;
  while (t < end) {
    const m = <i32>Math.floor(t / MONTH) + 1;
    const stop = Math.min(end, <f64>m * MONTH);
    unchecked((mBtcPerHs[m - 1] += (stop - t) * perSecond));
    t = stop;
  }
}

/** Projects the network over the horizon from the input block. Returns the number of months. */
export function projectNetwork(): i32 {
  months = <i32>unchecked(inputs[I_HORIZON_YEARS]) * 12;
  n0 = startHashrateEhs() * 1e18;
  growthRate = Math.log1p(unchecked(inputs[I_HASHRATE_GROWTH_PCT_PER_MONTH]) / 100);
  shockAt = unchecked(inputs[I_EXIT_MONTH]) * MONTH;
  keep = 1 - unchecked(inputs[I_EXIT_SHARE_PCT]) / 100;
  workAtShock = baseWork(shockAt);
  const fees = unchecked(inputs[I_FEES_BTC_PER_BLOCK]);
  // W at month ends: (1+g)^m − 1 by the recurrence e_m = e_{m−1}·(1+g) + g, free of cancellation.
  const g = unchecked(inputs[I_HASHRATE_GROWTH_PCT_PER_MONTH]) / 100;
  const exitMonth = <i32>unchecked(inputs[I_EXIT_MONTH]);
  let e: f64 = 0;
  for (let m = 0; m <= months; m++) {
    const base = growthRate == 0 ? n0 * <f64>m * MONTH : (n0 * MONTH * e) / growthRate;
    if (m == exitMonth) workAtShock = base;
    unchecked((monthEndWork[m] = m <= exitMonth ? base : workAtShock + keep * (base - workAtShock)));
    e = e * (1 + g) + g;
  }
  for (let m = 0; m < months; m++) unchecked((mBtcPerHs[m] = 0));
  const horizonWork = unchecked(monthEndWork[months]);

  const h0 = <i32>unchecked(inputs[I_START_HEIGHT]);
  let d = unchecked(inputs[I_START_DIFFICULTY]);
  let epochFirstTime = -startEpochElapsed();
  let baseW: f64 = 0; // W of block baseHeight, the last block of the previous difficulty
  let baseHeight = h0;
  let height = h0; // the last block found
  let prevTime: f64 = 0;
  let prevW: f64 = 0; // W when block `height` was found
  retargetCount = 0;
  halvingCount = 0;
  month = 1;
  prevEndHeight = h0;

  // The smallest multiples of 2016 and 210000 at or above the next block, and its halving era.
  let retargetAt = ((h0 + 1 + 2015) / 2016) * 2016;
  let halvingAt = ((h0 + 1 + 209999) / 210000) * 210000;
  let era = (h0 + 1) / 210000;
  while (month <= months) {
    const h = height + 1; // the segment's first block
    const atRetarget = h == retargetAt;
    const atHalving = h == halvingAt;
    if (atRetarget && h > h0 + 1) {
      const actual = Math.min(Math.max(prevTime - epochFirstTime, TARGET_TIMESPAN / 4), TARGET_TIMESPAN * 4);
      d = (d * TARGET_TIMESPAN) / actual;
    }
    if (atHalving && h > h0 + 1) era++;
    // Blocks h .. hEnd share d and the reward.
    const nextRetarget = atRetarget ? retargetAt + 2016 : retargetAt;
    const nextHalving = atHalving ? halvingAt + 210000 : halvingAt;
    retargetAt = nextRetarget;
    halvingAt = nextHalving;
    const hEnd = min(nextRetarget, nextHalving) - 1;
    const dd = d * TWO_32;
    const subsidy = era >= 64 ? 0 : <f64>(<i64>5000000000 >> era);
    const reward = subsidy / 1e8 + fees;

    const firstW = baseW + <f64>(h - baseHeight) * dd;
    if ((atRetarget || atHalving) && firstW < horizonWork) {
      const t = prevTime + interval(prevW, firstW);
      if (atRetarget) {
        epochFirstTime = t;
        if (h > h0 + 1 && retargetCount < MAX_EVENTS) {
          unchecked((retargetHeight[retargetCount] = <f64>h));
          unchecked((retargetTime[retargetCount] = t));
          unchecked((retargetDifficulty[retargetCount] = d));
          retargetCount++;
        }
      }
      if (atHalving && halvingCount < 64) {
        unchecked((halvingHeight[halvingCount] = <f64>h));
        unchecked((halvingTime[halvingCount] = t));
        unchecked((halvingSubsidy[halvingCount] = subsidy / 1e8));
        halvingCount++;
      }
    }

    const endW = baseW + <f64>(hEnd - baseHeight) * dd;
    const endTime = prevTime + interval(prevW, endW);
    accrue(prevTime, endTime, reward, d);

    // Months that end before block hEnd is found: count the blocks found by then.
    while (month <= months && !(endW < unchecked(monthEndWork[month]))) {
      const wm = unchecked(monthEndWork[month]);
      let i = <i32>Math.floor((wm - baseW) / dd);
      while (i > 0 && !(baseW + <f64>i * dd < wm)) i--;
      while (baseW + <f64>(i + 1) * dd < wm) i++;
      closeMonth(max(baseHeight + i, height), d);
    }
    prevTime = endTime;
    prevW = endW;
    if (hEnd + 1 == nextRetarget) {
      baseW = endW;
      baseHeight = hEnd;
    }
    height = hEnd;
  }
  monthCount = months;
  return months;
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
