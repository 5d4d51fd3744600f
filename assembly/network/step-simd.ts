// Two lanes through the current segment at once as f64x2 (the SIMD build): the same operations in
// the same order as stepLane, so both builds give the same bits.
import { finishLane, sgAtRetarget, sgEndSteps, sgFirstSteps, sgFirstTime, sgRetarget, sgSubsidyBtc } from './step';
import { SERIES_LIMIT } from './curve';
import {
  lnBaseW, lnD, lnEpochFirst, lnFees, lnInvKeep, lnMonth, lnMonthPerRate, lnMonths, lnN0Month, lnPrevTime,
  lnPrevW, lnRate, lnWorkAtShock, MAX_MONTHS, monthEndWork, TARGET_TIMESPAN_F, TWO_32,
} from './state';

// Vector constants, loaded from memory (V8 would rebuild a splat of a constant on every use).
const VC = memory.data<f64>([
  TARGET_TIMESPAN_F, TARGET_TIMESPAN_F, // 0
  TARGET_TIMESPAN_F / 4, TARGET_TIMESPAN_F / 4, // 16
  TARGET_TIMESPAN_F * 4, TARGET_TIMESPAN_F * 4, // 32
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
export function stepPair(l: i32, full: bool): i32 {
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
