// The projection's public side: the month fields that use the price path, and the addresses of
// the input block and of the month and event fields, by the names of generated/interface.ts.
import {
  EF_HALVING_HEIGHT, EF_HALVING_SECONDS, EF_HALVING_SUBSIDY_BTC, EF_RETARGET_DIFFICULTY, EF_RETARGET_HEIGHT,
  EF_RETARGET_SECONDS, I_BTC_PRICE_GROWTH_PCT_PER_YEAR, I_BTC_PRICE_USD, MF_BLOCKS, MF_BTC_ISSUED,
  MF_BTC_PRICE_USD, MF_DIFFICULTY, MF_END_HEIGHT, MF_FEES_BTC, MF_HASHPRICE_USD_PER_PH_DAY, MF_HASHRATE_EHS,
  MF_SECURITY_BUDGET_USD_PER_DAY,
} from '../generated/interface';
import {
  DAYS_PER_MONTH, halvingCount, halvingHeight, halvingSubsidy, halvingTime, inputs, mBlocks, mBtcIssued,
  mBtcPerHs, mDifficulty, mEndHeight, mFeesBtc, mHashprice, mHashrateEhs, MONTH, monthCount, mPrice,
  mSecurityBudget, retargetCount, retargetDifficulty, retargetHeight, retargetTime,
} from './state';

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
