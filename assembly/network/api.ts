// The projection's public side: the month fields that use the price path, and the addresses of
// the input block and of the month and event fields, by the names of generated/interface.ts.
import {
  EF_HALVING_HEIGHT, EF_HALVING_SECONDS, EF_HALVING_SUBSIDY_BTC, EF_RETARGET_DIFFICULTY, EF_RETARGET_HEIGHT,
  EF_RETARGET_SECONDS, I_BTC_PRICE_GROWTH_PCT_PER_YEAR, I_BTC_PRICE_USD, MF_BLOCKS, MF_BTC_ISSUED,
  MF_BTC_PRICE_USD, MF_DIFFICULTY, MF_END_HEIGHT, MF_FEES_BTC, MF_HASHPRICE_USD_PER_PH_DAY, MF_HASHRATE_EHS,
  MF_SECURITY_BUDGET_USD_PER_DAY, MF_ATTACK_HARDWARE_USD, MF_ATTACK_POWER_USD_PER_HOUR,
  MF_ATTACK_REWARD_USD_PER_HOUR, MF_TARGET_HASHRATE_EHS, MF_MARGINAL_HASHCOST_USD_PER_PH_DAY, I_HORIZON_YEARS,
  I_ASIC_USD_PER_TH, I_NET_FLEET_J_PER_TH, I_NET_POWER_USD_PER_KWH, I_EFFICIENCY_GAIN_PCT_PER_YEAR,
} from '../generated/interface';
import {
  DAYS_PER_MONTH, halvingCount, halvingHeight, halvingSubsidy, halvingTime, inputs, mBlocks, mBtcIssued,
  mBtcPerHs, mDifficulty, mEndHeight, mFeesBtc, mHashprice, mHashrateEhs, MONTH, monthCount, mPrice,
  mSecurityBudget, retargetCount, retargetDifficulty, retargetHeight, retargetTime, halfPrices, mHashrateMid,
  mAttackHardware, mAttackPower, mAttackReward, mTargetHashrate, mMarginalHashcost, lnHalfPrices,
} from './state';

// What halfPrices holds: the deterministic path through (filledP0, filledGrowth) over filledMonths,
// or, after pricesChanged(), something else.
let filledP0: f64 = NaN;
let filledGrowth: f64 = NaN;
let filledMonths: i32 = -1;

/** Says that halfPrices and lnHalfPrices now hold another path (a Monte Carlo one). */
export function pricesChanged(): void {
  filledP0 = NaN;
}

/** The deterministic price path through first-year price p0 at the half-months: P0 · (1+μ)^(i/24). */
export function fillDeterministicPrices(p0: f64): void {
  const months = <i32>unchecked(inputs[I_HORIZON_YEARS]) * 12;
  const g = 1 + unchecked(inputs[I_BTC_PRICE_GROWTH_PCT_PER_YEAR]) / 100;
  if (p0 == filledP0 && g == filledGrowth && months <= filledMonths) return;
  const lnP0 = Math.log(p0);
  const lnG = Math.log(g);
  for (let i = 0; i < 2 * months; i++) {
    unchecked((halfPrices[i] = p0 * Math.pow(g, <f64>i / 24)));
    unchecked((lnHalfPrices[i] = lnP0 + (lnG * <f64>i) / 24));
  }
  filledP0 = p0;
  filledGrowth = g;
  filledMonths = months;
}

/**
 * The month fields that use the price path in halfPrices: mid-month price, hashprice, security
 * budget and the cost of attacking the network (docs/model.md §7.4), lane 0.
 */
export function priceMonthsOnPath(): void {
  const months = monthCount;
  const asic = unchecked(inputs[I_ASIC_USD_PER_TH]);
  const netJPerTh = unchecked(inputs[I_NET_FLEET_J_PER_TH]);
  const netPower = unchecked(inputs[I_NET_POWER_USD_PER_KWH]);
  const gain = 1 - unchecked(inputs[I_EFFICIENCY_GAIN_PCT_PER_YEAR]) / 100;
  for (let m = 1; m <= months; m++) {
    const i = m - 1;
    const price = unchecked(halfPrices[2 * m - 1]);
    unchecked((mPrice[i] = price));
    unchecked((mHashprice[i] = ((unchecked(mBtcPerHs[i]) * 1e15) / (MONTH / 86400)) * price));
    const budget = ((unchecked(mBtcIssued[i]) + unchecked(mFeesBtc[i])) * price) / DAYS_PER_MONTH;
    unchecked((mSecurityBudget[i] = budget));
    // Machines matching the network's hashrate at mid-month, their power for an hour at the
    // network's average efficiency, and what the honest network earns in an hour.
    const midTh = unchecked(mHashrateMid[i]) / 1e12;
    const jPerTh = netJPerTh * Math.pow(gain, (<f64>m - 0.5) / 12);
    unchecked((mAttackHardware[i] = midTh * asic));
    unchecked((mAttackPower[i] = ((midTh * jPerTh) / 1000) * netPower));
    unchecked((mAttackReward[i] = budget / 24));
  }
}

/** The month fields that use the price path, on the deterministic path of the scenario's price. */
export function priceMonths(): void {
  fillDeterministicPrices(unchecked(inputs[I_BTC_PRICE_USD]));
  priceMonthsOnPath();
}

export function inputPtr(): usize {
  return changetype<usize>(inputs);
}

/** The address of month field `field` (MF_*): lane 0's values, month 1 first. */
export function monthFieldPtr(field: i32): usize {
  switch (field) {
    case MF_END_HEIGHT: return changetype<usize>(mEndHeight);
    case MF_DIFFICULTY: return changetype<usize>(mDifficulty);
    case MF_HASHRATE_EHS: return changetype<usize>(mHashrateEhs);
    case MF_BLOCKS: return changetype<usize>(mBlocks);
    case MF_BTC_ISSUED: return changetype<usize>(mBtcIssued);
    case MF_FEES_BTC: return changetype<usize>(mFeesBtc);
    case MF_BTC_PRICE_USD: return changetype<usize>(mPrice);
    case MF_HASHPRICE_USD_PER_PH_DAY: return changetype<usize>(mHashprice);
    case MF_SECURITY_BUDGET_USD_PER_DAY: return changetype<usize>(mSecurityBudget);
    case MF_ATTACK_HARDWARE_USD: return changetype<usize>(mAttackHardware);
    case MF_ATTACK_POWER_USD_PER_HOUR: return changetype<usize>(mAttackPower);
    case MF_ATTACK_REWARD_USD_PER_HOUR: return changetype<usize>(mAttackReward);
    case MF_TARGET_HASHRATE_EHS: return changetype<usize>(mTargetHashrate);
    case MF_MARGINAL_HASHCOST_USD_PER_PH_DAY: return changetype<usize>(mMarginalHashcost);
    default: return 0;
  }
}

/** The address of event field `field` (EF_*): lane 0's last projection, in order of time. */
export function eventFieldPtr(field: i32): usize {
  switch (field) {
    case EF_RETARGET_HEIGHT: return changetype<usize>(retargetHeight);
    case EF_RETARGET_SECONDS: return changetype<usize>(retargetTime);
    case EF_RETARGET_DIFFICULTY: return changetype<usize>(retargetDifficulty);
    case EF_HALVING_HEIGHT: return changetype<usize>(halvingHeight);
    case EF_HALVING_SECONDS: return changetype<usize>(halvingTime);
    case EF_HALVING_SUBSIDY_BTC: return changetype<usize>(halvingSubsidy);
    default: return 0;
  }
}

export function retargetTotal(): i32 {
  return retargetCount;
}

export function halvingTotal(): i32 {
  return halvingCount;
}
