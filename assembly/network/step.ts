// One segment of blocks — a run between retargets and halvings with one difficulty and one
// reward — through one lane: the retarget at its start, its times in closed form, its months.
import { atanhSeries, accrue, closeMonth, interval, SERIES_LIMIT } from './curve';
import {
  lnAccMonth, lnBaseW, lnD, lnEpochFirst, lnFees, lnInvKeep, lnMonth, lnMonthPerRate, lnMonths, lnN0Month, lnPrevTime,
  lnPrevW, lnRate, lnWorkAtShock, MAX_MONTHS, monthEndWork, recordEvents, TARGET_TIMESPAN_F, TWO_32,
} from './state';

// The current segment, shared by all lanes (set by beginSegment, read by the lane steps).
export let sgRetarget = false; // the segment starts at a retarget (not the tip's own epoch)
export let sgFirstTime = false; // the time of the segment's first block is needed (retarget or halving)
export let sgAtRetarget = false;
export let sgNewEpoch = false; // the segment ends an epoch
export let sgFirstSteps: f64 = 0; // blocks from the difficulty's base to the segment's first block
export let sgEndSteps: f64 = 0; // … and to its last block
export let sgSubsidyBtc: f64 = 0;
export let sgBaseHeight: i32 = 0;
export let sgHeight: i32 = 0;
export let sgHeightFirst: i32 = 0; // the segment's first block (for the event lists)

/** Sets the segment that the next lane steps take: blocks first … last after the tip at `height`. */
@inline export function beginSegment(
  retarget: bool, atRetarget: bool, firstTime: bool, newEpoch: bool, subsidyBtc: f64,
  baseHeight: i32, height: i32, first: i32, last: i32,
): void {
  sgRetarget = retarget;
  sgAtRetarget = atRetarget;
  sgFirstTime = firstTime;
  sgNewEpoch = newEpoch;
  sgSubsidyBtc = subsidyBtc;
  sgFirstSteps = <f64>(first - baseHeight);
  sgEndSteps = <f64>(last - baseHeight);
  sgBaseHeight = baseHeight;
  sgHeight = height;
  sgHeightFirst = first;
}

/** The log1p-interval from prevW to w: the inline common case, else the general interval(). */
@inline function span(l: i32, fast: bool, after: bool, scale: f64, prevW: f64, w: f64): f64 {
  const ady = unchecked(lnRate[l]) * (after ? (w - prevW) * unchecked(lnInvKeep[l]) : w - prevW);
  if (fast && scale > 0 && Math.abs(ady) < SERIES_LIMIT * scale) return unchecked(lnMonthPerRate[l]) * atanhSeries(ady / (2 * scale + ady));
  return interval(l, prevW, w);
}

/** After the segment's times are known: accrue, close months, keep the state. Returns 1 if the lane is done. */
@inline export function finishLane(l: i32, full: bool, endW: f64, endTime: f64, perSecond: f64, d: f64): i32 {
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
export function stepLane(l: i32, events: bool, full: bool): i32 {
  const months = unchecked(lnMonths[l]);
  const prevTime = unchecked(lnPrevTime[l]);
  const prevW = unchecked(lnPrevW[l]);
  const baseW = unchecked(lnBaseW[l]);
  let d = unchecked(lnD[l]);
  if (sgRetarget) {
    // prevTime is when block h−1 was found: 2015 intervals after the epoch's first block.
    const actual = Math.min(Math.max(prevTime - unchecked(lnEpochFirst[l]), TARGET_TIMESPAN_F / 4), TARGET_TIMESPAN_F * 4);
    d = (d * TARGET_TIMESPAN_F) / actual;
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
      if (events) recordEvents(sgRetarget, sgHeightFirst, t, d, sgSubsidyBtc);
    }
  }
  const endTime = prevTime + span(l, fast, after, scale, prevW, endW);
  return finishLane(l, full, endW, endTime, (sgSubsidyBtc + unchecked(lnFees[l])) / dd, d);
}

