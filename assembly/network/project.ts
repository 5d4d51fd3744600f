// Projecting lanes: the loop over segments of blocks that every lane shares (they start at the same
// height, so their retargets and halvings fall at the same heights), and lane 0's public results.
import { I_BTC_PRICE_USD, I_FEES_BTC_PER_BLOCK, I_START_HEIGHT, N_INPUTS } from '../generated/interface';
import { fillDeterministicPrices } from './api';
import { needsMonthlyProjection, projectMonthly } from './response';
import { blockSubsidySats, HALVING_INTERVAL, RETARGET_INTERVAL } from '../consensus';
import { startLane } from './curve';
import { loadPrefix, nearShock, prefixReady, savePrefix, slotLoop } from './prefix';
import { beginSegment, sgNewEpoch, stepLane } from './step';
import { stepPair } from './step-simd';
import {
  clearEvents, inputs, laneInput, laneInputs, lnMonth, lnMonths, MAX_MONTHS, mBlocks, mBtcIssued, mBtcPerHs,
  mDifficulty, mEndHeight, mFeesBtc, mFeesPerBlock, mHashrateEhs, mHashrateMid, mMarginalHashcost, monthCount,
  mTargetHashrate, setMonthCount,
} from './state';

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
  clearEvents();
  const retargetEvery = RETARGET_INTERVAL;
  const halvingEvery = <i32>HALVING_INTERVAL;
  let baseHeight = h0; // the last block before the current difficulty
  let height = h0; // the last block found
  // The smallest multiples of 2016 and 210000 at or above the next block.
  let retargetAt = ((h0 + retargetEvery) / retargetEvery) * retargetEvery;
  let halvingAt = ((h0 + halvingEvery) / halvingEvery) * halvingEvery;
  let keepPrefix = slot >= 0 && !full;
  if (keepPrefix && prefixReady(slot)) {
    loadPrefix(slot, lanes);
    const kept = slotLoop(slot);
    baseHeight = kept.baseHeight;
    height = kept.height;
    retargetAt = kept.retargetAt;
    halvingAt = kept.halvingAt;
    active = kept.active;
    keepPrefix = false;
  }

  while (active > 0) {
    if (keepPrefix && nearShock(lanes)) {
      const kept = slotLoop(slot);
      kept.baseHeight = baseHeight;
      kept.height = height;
      kept.retargetAt = retargetAt;
      kept.halvingAt = halvingAt;
      kept.active = active;
      savePrefix(slot, lanes);
      keepPrefix = false;
    }
    const h = height + 1; // the segment's first block
    const atRetarget = h == retargetAt;
    const atHalving = h == halvingAt;
    // Blocks h .. hEnd share the difficulty and the reward.
    const nextRetarget = atRetarget ? retargetAt + retargetEvery : retargetAt;
    const nextHalving = atHalving ? halvingAt + halvingEvery : halvingAt;
    const hEnd = min(nextRetarget, nextHalving) - 1;
    beginSegment(
      atRetarget && h > h0 + 1, atRetarget, atRetarget || atHalving, hEnd + 1 == nextRetarget,
      <f64>blockSubsidySats(<i64>h) / 1e8, baseHeight, height, h, hEnd,
    );

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

/**
 * Projects the network of `inputs` (lane 0) with its events, on the deterministic price path.
 * Returns the number of months.
 */
export function projectNetwork(): i32 {
  fillDeterministicPrices(unchecked(inputs[I_BTC_PRICE_USD]));
  if (needsMonthlyProjection()) {
    setMonthCount(projectMonthly(true));
    return monthCount;
  }
  for (let i = 0; i < N_INPUTS; i++) unchecked((laneInputs[i] = inputs[i]));
  projectLanes(1, true, true);
  setMonthCount(unchecked(lnMonths[0]));
  // The closed form's fees are constant, and with λ = 0 there is no target to move toward.
  const fees = unchecked(inputs[I_FEES_BTC_PER_BLOCK]);
  for (let i = 0; i < monthCount; i++) {
    unchecked((mFeesPerBlock[i] = fees));
    unchecked((mTargetHashrate[i] = NaN));
    unchecked((mMarginalHashcost[i] = NaN));
  }
  return monthCount;
}

/** Moves lane's months to lane 0 (the economics reads lane 0); `all` moves every field, else only BTC per H/s. */
export function takeLane(lane: i32, all: bool): void {
  setMonthCount(unchecked(lnMonths[lane]));
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
    unchecked((mHashrateMid[i] = mHashrateMid[from + i]));
  }
}
