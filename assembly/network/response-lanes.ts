// The month-by-month projection (response.ts) of several scenarios in lockstep: lanes that share
// the start height find their blocks at the same heights, so they step through the same events
// (a block before or at a retarget or halving) together, each lane closing its own months as its
// work passes their ends. One lane's chain of dependent divisions and logs would stall the
// processor; interleaved lanes keep it busy. Lean: only BTC per H/s, as a sweep's economics needs.
// Each lane performs response.ts's operations in the same order, so it gives the same bits.
import {
  I_EFFICIENCY_GAIN_PCT_PER_YEAR, I_EPOCH_ELAPSED_SECONDS, I_EXIT_MONTH, I_EXIT_SHARE_PCT, I_FEES_BTC_PER_BLOCK,
  I_FEES_GROWTH_PCT_PER_YEAR, I_HASH_SUPPLY_ELASTICITY, I_HASHRATE_EHS, I_HASHRATE_GROWTH_PCT_PER_MONTH,
  I_HORIZON_YEARS, I_NET_HASHCOST_USD_PER_PH_DAY, I_NET_MAX_DECLINE_PCT_PER_MONTH, I_NET_MAX_GROWTH_PCT_PER_MONTH,
  I_NETWORK_RESPONSE_PCT_PER_MONTH, I_START_DIFFICULTY, I_START_HEIGHT,
} from '../generated/interface';
import { blockSubsidySats, HALVING_INTERVAL, RETARGET_INTERVAL } from '../consensus';
import { atanhSeries, SERIES_LIMIT } from './curve';
import { SlotStore } from './slots';
import { laneInput, lnHalfPrices, lnMonths, MAX_LANES, MAX_MONTHS, mBtcPerHs, MONTH, TARGET_TIMESPAN_F, TWO_32 } from './state';

// Each lane's constants…
const cLambda = new StaticArray<f64>(MAX_LANES);
const cEpsilon = new StaticArray<f64>(MAX_LANES);
const cWeight = new StaticArray<f64>(MAX_LANES); // ε/(1+ε)
const cLnBase = new StaticArray<f64>(MAX_LANES); // ln(144·10^15) − ln c0
const cLnCostDecline = new StaticArray<f64>(MAX_LANES);
const cMinRate = new StaticArray<f64>(MAX_LANES);
const cMaxRate = new StaticArray<f64>(MAX_LANES);
const cDrift = new StaticArray<f64>(MAX_LANES);
const cKeep = new StaticArray<f64>(MAX_LANES);
const cLnKeep = new StaticArray<f64>(MAX_LANES);
const cLnN0 = new StaticArray<f64>(MAX_LANES);
const cFees0 = new StaticArray<f64>(MAX_LANES);
const cFeesGrowth = new StaticArray<f64>(MAX_LANES);
const cExitMonth = new StaticArray<i32>(MAX_LANES);
// …its month: the one open, its start, rate and the work at its end…
const sMonth = new StaticArray<i32>(MAX_LANES); // 1-based; > months when the lane is done
const sTA = new StaticArray<f64>(MAX_LANES);
const sRate = new StaticArray<f64>(MAX_LANES);
const sPerRate = new StaticArray<f64>(MAX_LANES);
const sGrown = new StaticArray<f64>(MAX_LANES);
const sWB = new StaticArray<f64>(MAX_LANES);
const sPerScale = new StaticArray<f64>(MAX_LANES); // rate / (N · month)
const sFees = new StaticArray<f64>(MAX_LANES);
const sReward = new StaticArray<f64>(MAX_LANES);
const sLnRewardOf = new StaticArray<f64>(MAX_LANES);
const sLnReward = new StaticArray<f64>(MAX_LANES);
// …and its running state.
const sN = new StaticArray<f64>(MAX_LANES);
const sLnN = new StaticArray<f64>(MAX_LANES);
const sW = new StaticArray<f64>(MAX_LANES);
const sT = new StaticArray<f64>(MAX_LANES);
const sX = new StaticArray<f64>(MAX_LANES);
const sHeight = new StaticArray<i32>(MAX_LANES);
const sDifficulty = new StaticArray<f64>(MAX_LANES);
const sDd = new StaticArray<f64>(MAX_LANES);
const sBaseW = new StaticArray<f64>(MAX_LANES);
const sEpochFirst = new StaticArray<f64>(MAX_LANES);

@inline function log1pSmall(y: f64): f64 {
  if (Math.abs(y) < SERIES_LIMIT) return atanhSeries(y / (2 + y));
  return Math.log1p(y);
}

/** Opens lane l's month m (1-based) on the subsidy of the block being mined (satoshis). */
function openMonth(l: i32, m: i32, subsidy: f64): void {
  const i = m - 1;
  const exitMonth = unchecked(cExitMonth[l]);
  let n = unchecked(sN[l]);
  let lnN = unchecked(sLnN[l]);
  if (i == exitMonth) {
    n *= unchecked(cKeep[l]);
    lnN += unchecked(cLnKeep[l]);
  }
  const feesGrowth = unchecked(cFeesGrowth[l]);
  const fees0 = unchecked(cFees0[l]);
  const fees = feesGrowth == 1 ? fees0 : fees0 * Math.pow(feesGrowth, (<f64>m - 0.5) / 12);
  const drift = unchecked(cDrift[l]);
  let rate = drift;
  const lambda = unchecked(cLambda[l]);
  if (lambda > 0) {
    const epsilon = unchecked(cEpsilon[l]);
    const y = <f64>i / 12;
    const lnSupply = unchecked(cLnN0[l]) + drift * <f64>i + (i >= exitMonth ? unchecked(cLnKeep[l]) : 0);
    const reward = subsidy / 1e8 + fees;
    if (reward != unchecked(sLnRewardOf[l])) {
      unchecked((sLnReward[l] = Math.log(reward)));
      unchecked((sLnRewardOf[l] = reward));
    }
    const lnTarget =
      unchecked(cWeight[l]) *
      (unchecked(cLnBase[l]) + unchecked(sLnReward[l]) + unchecked(lnHalfPrices[2 * i]) + lnSupply / epsilon -
        y * unchecked(cLnCostDecline[l]));
    rate = Math.min(Math.max(lambda * (lnTarget - lnN), unchecked(cMinRate[l])), unchecked(cMaxRate[l]));
  }
  const grown = rate == 0 ? 0 : n * Math.expm1(rate);
  const scale = n * MONTH;
  const tA = <f64>i * MONTH;
  unchecked((sN[l] = n));
  unchecked((sLnN[l] = lnN));
  unchecked((sMonth[l] = m));
  unchecked((sTA[l] = tA));
  unchecked((sT[l] = tA));
  unchecked((sX[l] = 0));
  unchecked((sRate[l] = rate));
  unchecked((sPerRate[l] = rate == 0 ? 0 : MONTH / rate));
  unchecked((sGrown[l] = grown));
  unchecked((sWB[l] = unchecked(sW[l]) + (rate == 0 ? n * MONTH : (grown * MONTH) / rate)));
  unchecked((sPerScale[l] = rate / scale));
  unchecked((sFees[l] = fees));
  unchecked((sReward[l] = subsidy / 1e8 + fees));
}

/** Closes lane l's open month at the heights of the current difficulty era; opens the next one. */
function closeMonth(l: i32, baseH: i32, subsidy: f64, months: i32): void {
  const m = unchecked(sMonth[l]);
  const dd = unchecked(sDd[l]);
  const wB = unchecked(sWB[l]);
  const baseW = unchecked(sBaseW[l]);
  const x = unchecked(sX[l]) + ((unchecked(sTA[l]) + MONTH - unchecked(sT[l])) * unchecked(sReward[l])) / dd;
  const height = unchecked(sHeight[l]);
  let last = baseH + <i32>Math.ceil((wB - baseW) / dd) - 1;
  while (baseW + <f64>(last + 1 - baseH) * dd < wB) last++;
  while (last > height && !(baseW + <f64>(last - baseH) * dd < wB)) last--;
  unchecked((sHeight[l] = max(last, height)));
  unchecked((mBtcPerHs[l * MAX_MONTHS + m - 1] = x));
  unchecked((sN[l] = unchecked(sN[l]) + unchecked(sGrown[l])));
  unchecked((sLnN[l] = unchecked(sLnN[l]) + unchecked(sRate[l])));
  unchecked((sW[l] = wB));
  if (m < months) openMonth(l, m + 1, subsidy);
  else unchecked((sMonth[l] = m + 1));
}

// Shared prefixes. Rows of a sweep that differ only in the share leaving at the exit shock are the
// same network until a lane opens month exitMonth + 1 (the shock): an event's start at which every
// lane is still in a month ≤ exitMonth is kept in a slot per group of columns, and later rows resume
// from it. A slot holds the event loop's state, each lane's running state and its months so far.
const SAVED = [sTA, sRate, sPerRate, sGrown, sWB, sPerScale, sFees, sReward, sLnRewardOf, sLnReward, sN, sLnN, sW, sT, sX, sDifficulty, sDd, sBaseW, sEpochFirst];
const LOOP_FIELDS: i32 = 7; // baseH, nextRetarget, nextHalving, eventHeight, beforeEvent, subsidy, active
let slotExitMonth: i32 = 0;
const slots = new SlotStore();

/** Forgets every kept prefix and sizes the slots for an exit shock at the end of month `exitMonth`. */
export function resetMonthlyPrefixes(exitMonth: i32): void {
  slotExitMonth = exitMonth;
  const f64s = LOOP_FIELDS + MAX_LANES * (SAVED.length + 2 + exitMonth);
  slots.reset(<usize>f64s << 3);
}

@inline function slotAt(slot: i32, i: i32): usize {
  return slots.at(slot) + (<usize>i << 3);
}

/** Keeps the lanes' state and `loop` (LOOP_FIELDS values at loopState) in `slot`. */
function savePrefix(slot: i32, lanes: i32): void {
  for (let i = 0; i < LOOP_FIELDS; i++) store<f64>(slotAt(slot, i), unchecked(loopState[i]));
  for (let l = 0; l < lanes; l++) {
    let at = LOOP_FIELDS + l * (SAVED.length + 2 + slotExitMonth);
    for (let a = 0; a < SAVED.length; a++) store<f64>(slotAt(slot, at++), unchecked(unchecked(SAVED[a])[l]));
    store<f64>(slotAt(slot, at++), <f64>unchecked(sMonth[l]));
    store<f64>(slotAt(slot, at++), <f64>unchecked(sHeight[l]));
    for (let m = 0; m < slotExitMonth; m++) store<f64>(slotAt(slot, at++), unchecked(mBtcPerHs[l * MAX_MONTHS + m]));
  }
  slots.markReady(slot);
}

function loadPrefix(slot: i32, lanes: i32): void {
  for (let i = 0; i < LOOP_FIELDS; i++) unchecked((loopState[i] = load<f64>(slotAt(slot, i))));
  for (let l = 0; l < lanes; l++) {
    let at = LOOP_FIELDS + l * (SAVED.length + 2 + slotExitMonth);
    for (let a = 0; a < SAVED.length; a++) unchecked((unchecked(SAVED[a])[l] = load<f64>(slotAt(slot, at++))));
    unchecked((sMonth[l] = <i32>load<f64>(slotAt(slot, at++))));
    unchecked((sHeight[l] = <i32>load<f64>(slotAt(slot, at++))));
    for (let m = 0; m < slotExitMonth; m++) unchecked((mBtcPerHs[l * MAX_MONTHS + m] = load<f64>(slotAt(slot, at++))));
  }
}

/** The event loop's own state, as a slot keeps it. */
const loopState = new StaticArray<f64>(LOOP_FIELDS);

/**
 * Projects lanes 0 … lanes−1 of laneInputs (all at the same startHeight), BTC per H/s only. With
 * `slot` ≥ 0 (lanes that differ from other groups only in the exit share, resetMonthlyPrefixes
 * called for this sweep): resume from that slot's prefix if it is kept, else keep it there.
 */
export function projectMonthlyLanes(lanes: i32, slot: i32 = -1): void {
  const h0 = <i32>laneInput(0, I_START_HEIGHT);
  let subsidy = <f64>blockSubsidySats(<i64>(h0 + 1));
  let active = 0;
  for (let l = 0; l < lanes; l++) {
    const months = <i32>laneInput(l, I_HORIZON_YEARS) * 12;
    unchecked((lnMonths[l] = months));
    const epsilon = laneInput(l, I_HASH_SUPPLY_ELASTICITY);
    const d0 = laneInput(l, I_START_DIFFICULTY);
    const givenN = laneInput(l, I_HASHRATE_EHS);
    const n0 = givenN < 0 ? (d0 * TWO_32) / 600.0 : givenN * 1e18;
    const givenElapsed = laneInput(l, I_EPOCH_ELAPSED_SECONDS);
    const keep = 1 - laneInput(l, I_EXIT_SHARE_PCT) / 100;
    unchecked((cLambda[l] = laneInput(l, I_NETWORK_RESPONSE_PCT_PER_MONTH) / 100));
    unchecked((cEpsilon[l] = epsilon));
    unchecked((cWeight[l] = epsilon / (1 + epsilon)));
    unchecked((cLnBase[l] = Math.log(144e15) - Math.log(laneInput(l, I_NET_HASHCOST_USD_PER_PH_DAY))));
    unchecked((cLnCostDecline[l] = Math.log1p(-laneInput(l, I_EFFICIENCY_GAIN_PCT_PER_YEAR) / 100)));
    unchecked((cMinRate[l] = Math.log1p(-laneInput(l, I_NET_MAX_DECLINE_PCT_PER_MONTH) / 100)));
    unchecked((cMaxRate[l] = Math.log1p(laneInput(l, I_NET_MAX_GROWTH_PCT_PER_MONTH) / 100)));
    unchecked((cDrift[l] = Math.log1p(laneInput(l, I_HASHRATE_GROWTH_PCT_PER_MONTH) / 100)));
    unchecked((cKeep[l] = keep));
    unchecked((cLnKeep[l] = Math.log(keep)));
    unchecked((cLnN0[l] = Math.log(n0)));
    unchecked((cFees0[l] = laneInput(l, I_FEES_BTC_PER_BLOCK)));
    unchecked((cFeesGrowth[l] = 1 + laneInput(l, I_FEES_GROWTH_PCT_PER_YEAR) / 100));
    unchecked((cExitMonth[l] = <i32>laneInput(l, I_EXIT_MONTH)));
    unchecked((sN[l] = n0));
    unchecked((sLnN[l] = unchecked(cLnN0[l])));
    unchecked((sW[l] = 0));
    unchecked((sHeight[l] = h0));
    unchecked((sDifficulty[l] = d0));
    unchecked((sDd[l] = d0 * TWO_32));
    unchecked((sBaseW[l] = 0));
    unchecked((sEpochFirst[l] = -(givenElapsed < 0 ? <f64>(h0 % RETARGET_INTERVAL) * 600.0 : givenElapsed)));
    unchecked((sLnRewardOf[l] = NaN));
    if (months > 0) {
      openMonth(l, 1, subsidy);
      active++;
    } else unchecked((sMonth[l] = 1));
  }
  let baseH = h0;
  let nextRetarget = (h0 / RETARGET_INTERVAL + 1) * RETARGET_INTERVAL;
  let nextHalving = (h0 / <i32>HALVING_INTERVAL + 1) * <i32>HALVING_INTERVAL;
  let eventHeight = min(nextRetarget, nextHalving);
  let beforeEvent = eventHeight - 1 > h0;
  let keepPrefix = slot >= 0;
  if (keepPrefix && slots.ready(slot)) {
    loadPrefix(slot, lanes);
    baseH = <i32>unchecked(loopState[0]);
    nextRetarget = <i32>unchecked(loopState[1]);
    nextHalving = <i32>unchecked(loopState[2]);
    eventHeight = <i32>unchecked(loopState[3]);
    beforeEvent = unchecked(loopState[4]) != 0;
    subsidy = unchecked(loopState[5]);
    active = <i32>unchecked(loopState[6]);
    keepPrefix = false;
  }

  while (active > 0) {
    if (keepPrefix) {
      // Keep the latest event start at which a lane is in month exitMonth and none past it.
      let latest = 0;
      for (let l = 0; l < lanes; l++) latest = max(latest, unchecked(sMonth[l]));
      if (latest > slotExitMonth) keepPrefix = false;
      else if (latest == slotExitMonth) {
        unchecked((loopState[0] = <f64>baseH));
        unchecked((loopState[1] = <f64>nextRetarget));
        unchecked((loopState[2] = <f64>nextHalving));
        unchecked((loopState[3] = <f64>eventHeight));
        unchecked((loopState[4] = beforeEvent ? 1 : 0));
        unchecked((loopState[5] = subsidy));
        unchecked((loopState[6] = <f64>active));
        savePrefix(slot, lanes);
      }
    }
    const k = beforeEvent ? eventHeight - 1 : eventHeight;
    const atRetarget = eventHeight == nextRetarget;
    const atHalving = eventHeight == nextHalving;
    const newSubsidy = beforeEvent && atHalving ? <f64>blockSubsidySats(<i64>eventHeight) : subsidy;
    for (let l = 0; l < lanes; l++) {
      const months = unchecked(lnMonths[l]);
      if (unchecked(sMonth[l]) > months) continue;
      let wk = unchecked(sBaseW[l]) + <f64>(k - baseH) * unchecked(sDd[l]);
      // The months that end before block k is found.
      while (!(wk < unchecked(sWB[l]))) {
        closeMonth(l, baseH, subsidy, months);
        if (unchecked(sMonth[l]) > months) break;
      }
      if (unchecked(sMonth[l]) > months) {
        active--;
        continue;
      }
      const rate = unchecked(sRate[l]);
      const w = unchecked(sW[l]);
      const tk =
        unchecked(sTA[l]) +
        (rate == 0 ? (wk - w) / unchecked(sN[l]) : unchecked(sPerRate[l]) * log1pSmall(unchecked(sPerScale[l]) * (wk - w)));
      const dd = unchecked(sDd[l]);
      unchecked((sX[l] = unchecked(sX[l]) + ((tk - unchecked(sT[l])) * unchecked(sReward[l])) / dd));
      unchecked((sT[l] = tk));
      unchecked((sHeight[l] = k));
      if (beforeEvent) {
        // Block H−1 is found: block H is mined at the new difficulty and subsidy.
        if (atRetarget) {
          const actual = Math.min(Math.max(tk - unchecked(sEpochFirst[l]), TARGET_TIMESPAN_F / 4), TARGET_TIMESPAN_F * 4);
          const difficulty = (unchecked(sDifficulty[l]) * TARGET_TIMESPAN_F) / actual;
          unchecked((sDifficulty[l] = difficulty));
          unchecked((sDd[l] = difficulty * TWO_32));
          unchecked((sBaseW[l] = wk));
        }
        if (atHalving) unchecked((sReward[l] = newSubsidy / 1e8 + unchecked(sFees[l])));
      } else if (atRetarget) {
        unchecked((sEpochFirst[l] = tk)); // block H opens its epoch
      }
    }
    if (beforeEvent) {
      if (atRetarget) baseH = k;
      subsidy = newSubsidy;
      beforeEvent = false;
    } else {
      if (atRetarget) nextRetarget += RETARGET_INTERVAL;
      if (atHalving) nextHalving += <i32>HALVING_INTERVAL;
      eventHeight = min(nextRetarget, nextHalving);
      beforeEvent = true;
    }
  }
}
