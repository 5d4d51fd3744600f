// A lane's hashrate curve and its months: the time between two amounts of cumulative work in
// closed form, the BTC each H/s accrues month by month, and closing a month (docs/model.md §2).
import {
  I_EPOCH_ELAPSED_SECONDS, I_EXIT_MONTH, I_EXIT_SHARE_PCT, I_FEES_BTC_PER_BLOCK, I_HASHRATE_EHS,
  I_HASHRATE_GROWTH_PCT_PER_MONTH, I_HORIZON_YEARS, I_START_DIFFICULTY,
} from '../generated/interface';
import { blockSubsidySats, HALVING_INTERVAL, RETARGET_INTERVAL } from '../consensus';
import {
  laneInput, lnAccEnd, lnAccMonth, lnExitMonth, mHashrateMid, lnBaseW, lnD, lnEpochFirst, lnFees, lnInvKeep, lnMonth, lnMonthPerRate,
  lnMonths, lnN0, lnN0Month, lnPrevEnd, lnPrevTime, lnPrevW, lnRate, lnWorkAtShock, MAX_MONTHS, mBlocks,
  mBtcIssued, mBtcPerHs, mDifficulty, mEndHeight, mFeesBtc, mHashrateEhs, MONTH, monthEndWork, TWO_32,
} from './state';

/** Satoshis issued by the blocks in (a, b]. */
function subsidySum(a: i32, b: i32): f64 {
  const era = <i32>HALVING_INTERVAL;
  let sum: f64 = 0;
  let h = a;
  while (h < b) {
    const eraEnd = min(b, ((h + 1) / era + 1) * era - 1);
    sum += <f64>(eraEnd - h) * <f64>blockSubsidySats(<i64>(h + 1));
    h = eraEnd;
  }
  return sum;
}

/** Work W in the growth curve's own units (before the exit shock scales it). */
@inline export function unshocked(lane: i32, w: f64): f64 {
  const atShock = unchecked(lnWorkAtShock[lane]);
  return w <= atShock ? w : atShock + (w - atShock) * unchecked(lnInvKeep[lane]);
}

/**
 * The time lane's network takes to go from cumulative work w1 to w2 (w1 ≤ w2): the closed form
 * (month/a)·log1p(a·Δv / (n0·month + a·v1)). For the small arguments of one epoch it uses the
 * atanh series of log1p with one division; it runs twice per epoch and dominates network sweeps.
 */
export function interval(lane: i32, w1: f64, w2: f64): f64 {
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
export const SERIES_LIMIT: f64 = 0.02;
@inline export function atanhSeries(s: f64): f64 {
  const s2 = s * s;
  return 2 * s * (1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9)))));
}
/** Adds [from, to) at `perSecond` BTC per H/s per second (reward / (D·2^32)) to the lane's months. */
@inline export function accrue(lane: i32, from: f64, to: f64, perSecond: f64): void {
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

export function closeMonth(lane: i32, endHeight: i32, nextDifficulty: f64): void {
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
  // N at mid-month: N0 · (1+g)^(m − ½), times (1−φ) after the shock at the end of month exitMonth.
  const shocked = m - 1 >= unchecked(lnExitMonth[lane]);
  const keep = shocked ? 1 - laneInput(lane, I_EXIT_SHARE_PCT) / 100 : 1;
  unchecked((mHashrateMid[i] = unchecked(lnN0[lane]) * Math.exp(unchecked(lnRate[lane]) * (<f64>m - 0.5)) * keep));
  unchecked((lnPrevEnd[lane] = endHeight));
  unchecked((lnMonth[lane] = m + 1));
}

/** Sets up lane's curve and state from its input block; returns its number of months. */
export function startLane(lane: i32, h0: i32): i32 {
  const months = <i32>laneInput(lane, I_HORIZON_YEARS) * 12;
  const d0 = laneInput(lane, I_START_DIFFICULTY);
  // −1 stands for the derived defaults: on-schedule hashrate D0·2^32/600, elapsed (h mod 2016)·600.
  const given = laneInput(lane, I_HASHRATE_EHS);
  const n0 = (given < 0 ? (d0 * TWO_32) / 600.0 / 1e18 : given) * 1e18;
  const givenElapsed = laneInput(lane, I_EPOCH_ELAPSED_SECONDS);
  const elapsed = givenElapsed < 0 ? <f64>(h0 % RETARGET_INTERVAL) * 600.0 : givenElapsed;
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
  unchecked((lnExitMonth[lane] = exitMonth));
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