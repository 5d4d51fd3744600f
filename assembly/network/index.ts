// The network projection (docs/model.md §2), event by event: between two events (a retarget, a
// halving) the difficulty and the reward are constant, the blocks are equally spaced in cumulative
// work W, and every quantity the months need has a closed form. src/kernel/reference.ts states the
// same conventions block by block; this kernel must give the same figures.
export { inputs, laneInputs, mBtcPerHs, mHashprice, mSecurityBudget, MAX_EVENTS, MAX_LANES, MAX_MONTHS, MONTH } from './state';
export { projectLanes, projectNetwork, takeLane } from './project';
export { resetPrefixes } from './prefix';
export {
  eventFieldPtr, fillDeterministicPrices, halvingTotal, pricesChanged, inputPtr, monthFieldPtr, priceMonths, priceMonthsOnPath,
  retargetTotal,
} from './api';
export { needsMonthlyProjection, projectMonthly } from './response';
export { projectMonthlyLanes, resetMonthlyPrefixes } from './response-lanes';
export { halfPrices, lnHalfPrices, mAttackHardware, mAttackPower, mAttackReward, mHashrateEhs } from './state';
