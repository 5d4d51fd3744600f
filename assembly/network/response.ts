// The network month by month (docs/model.md §2, §7.1), for a network that answers back (λ > 0) or
// whose fees grow: within month m the hashrate is one exponential N(t) = N_a · exp(r_m · (t − t_a) /
// month), its rate set at the month's start — ln(1+g) with λ = 0; λ · ln(N*/N), clamped, with λ > 0
// — so the cumulative work W(t) and its inverse are closed forms, and the projection steps from
// event to event (a block before or at a retarget or halving, a month's end). One lane, lane 0;
// the same steps in the same order as src/kernel/reference-v2/network.ts.
import {
  I_BTC_PRICE_USD, I_EFFICIENCY_GAIN_PCT_PER_YEAR, I_EPOCH_ELAPSED_SECONDS, I_EXIT_MONTH, I_EXIT_SHARE_PCT,
  I_FEES_BTC_PER_BLOCK, I_FEES_GROWTH_PCT_PER_YEAR, I_HASH_SUPPLY_ELASTICITY, I_HASHRATE_EHS,
  I_HASHRATE_GROWTH_PCT_PER_MONTH, I_HORIZON_YEARS, I_NET_HASHCOST_USD_PER_PH_DAY, I_NET_MAX_DECLINE_PCT_PER_MONTH,
  I_NET_MAX_GROWTH_PCT_PER_MONTH, I_NETWORK_RESPONSE_PCT_PER_MONTH, I_START_DIFFICULTY, I_START_HEIGHT,
} from '../generated/interface';
import { blockSubsidySats, HALVING_INTERVAL, RETARGET_INTERVAL } from '../consensus';
import { atanhSeries, SERIES_LIMIT } from './curve';
import {
  clearEvents, inputs, lnHalfPrices, mBlocks, mBtcIssued, mBtcPerHs, mDifficulty, mEndHeight, mFeesBtc,
  mFeesPerBlock, mHashrateEhs, mHashrateMid, mMarginalHashcost, MONTH, mTargetHashrate, recordEvents,
  TARGET_TIMESPAN_F, TWO_32,
} from './state';

/** Whether `inputs` need this month-by-month projection rather than the lanes' closed form. */
export function needsMonthlyProjection(): bool {
  return unchecked(inputs[I_NETWORK_RESPONSE_PCT_PER_MONTH]) > 0 || unchecked(inputs[I_FEES_GROWTH_PCT_PER_YEAR]) != 0;
}

/** log1p(y): for a small argument the atanh series with one division (curve.ts), else Math.log1p. */
@inline function log1pSmall(y: f64): f64 {
  if (Math.abs(y) < SERIES_LIMIT) return atanhSeries(y / (2 + y));
  return Math.log1p(y);
}

/**
 * Projects `inputs` over the horizon on the half-month prices in `halfPrices` (month m starts at
 * sample 2(m−1)); with `events`, lists the retargets and halvings. Returns the number of months.
 */
export function projectMonthly(events: bool): i32 {
  const months = <i32>inputs[I_HORIZON_YEARS] * 12;
  const lambda = inputs[I_NETWORK_RESPONSE_PCT_PER_MONTH] / 100;
  const epsilon = inputs[I_HASH_SUPPLY_ELASTICITY];
  const c0 = inputs[I_NET_HASHCOST_USD_PER_PH_DAY];
  const lnCostDecline = Math.log1p(-inputs[I_EFFICIENCY_GAIN_PCT_PER_YEAR] / 100); // ln(1−e), per year
  const minRate = Math.log1p(-inputs[I_NET_MAX_DECLINE_PCT_PER_MONTH] / 100);
  const maxRate = Math.log1p(inputs[I_NET_MAX_GROWTH_PCT_PER_MONTH] / 100);
  const drift = Math.log1p(inputs[I_HASHRATE_GROWTH_PCT_PER_MONTH] / 100); // ln(1+g), per month
  const keep = 1 - inputs[I_EXIT_SHARE_PCT] / 100;
  const exitMonth = <i32>inputs[I_EXIT_MONTH];
  const d0 = inputs[I_START_DIFFICULTY];
  const h0 = <i32>inputs[I_START_HEIGHT];
  // −1 stands for the derived defaults: on-schedule hashrate D0·2^32/600, elapsed (h mod 2016)·600.
  const givenN = inputs[I_HASHRATE_EHS];
  const n0 = givenN < 0 ? (d0 * TWO_32) / 600.0 : givenN * 1e18;
  const givenElapsed = inputs[I_EPOCH_ELAPSED_SECONDS];
  const elapsed = givenElapsed < 0 ? <f64>(h0 % RETARGET_INTERVAL) * 600.0 : givenElapsed;
  const fees0 = inputs[I_FEES_BTC_PER_BLOCK];
  const feesGrowth = 1 + inputs[I_FEES_GROWTH_PCT_PER_YEAR] / 100;
  const supplyWeight = epsilon / (1 + epsilon);
  // ln N* = ε/(1+ε) · (ln(144·10^15) + ln(s + F_m) + ln P + ln S / ε − ln c0 − y · ln(1−e)), with
  // the logs of the slow-moving parts kept: ln S = ln N0 + m·ln(1+g) (+ ln(1−φ) after the shock).
  const lnBase = Math.log(144e15) - Math.log(c0);
  const lnN0 = Math.log(n0);
  const lnKeep = Math.log(keep);
  const full = events; // the month fields only the public projection reads

  let n = n0; // N at the current month's start, after a shock at that instant
  let lnN = lnN0;
  let w: f64 = 0; // W at the current month's start
  let height = h0; // the tip
  let difficulty = d0; // of the block being mined
  let subsidy = <f64>blockSubsidySats(<i64>(h0 + 1)); // of the block being mined, satoshis
  let baseW: f64 = 0; // block k's threshold is baseW + (k − baseH) · D · 2^32 in this difficulty era
  let baseH = h0;
  let epochFirstTime = -elapsed; // when the current epoch's first block was found
  // The next retarget and halving heights above the tip, and the nearer of the two.
  let nextRetarget = (h0 / RETARGET_INTERVAL + 1) * RETARGET_INTERVAL;
  let nextHalving = (h0 / <i32>HALVING_INTERVAL + 1) * <i32>HALVING_INTERVAL;
  let eventHeight = min(nextRetarget, nextHalving);
  // The tip may be block H−1 itself: its changes are already in D0 and the subsidy.
  let beforeEvent = eventHeight - 1 > h0;
  let lnRewardOf: f64 = NaN; // the reward whose log is kept in lnReward
  let lnReward: f64 = 0;
  if (events) clearEvents();

  for (let m = 1; m <= months; m++) {
    const i = m - 1;
    const tA = <f64>i * MONTH;
    if (i == exitMonth) {
      n *= keep; // the exit shock at the end of month exitMonth
      lnN += lnKeep;
    }
    const fees = feesGrowth == 1 ? fees0 : fees0 * Math.pow(feesGrowth, (<f64>m - 0.5) / 12); // F_m
    unchecked((mFeesPerBlock[i] = fees));

    let rate = drift; // r_m, per month
    if (lambda > 0) {
      const y = <f64>i / 12;
      const lnSupply = lnN0 + drift * <f64>i + (i >= exitMonth ? lnKeep : 0); // ln S(t_{m−1})
      const reward = subsidy / 1e8 + fees;
      if (reward != lnRewardOf) {
        lnReward = Math.log(reward);
        lnRewardOf = reward;
      }
      const lnTarget =
        supplyWeight * (lnBase + lnReward + unchecked(lnHalfPrices[2 * i]) + lnSupply / epsilon - y * lnCostDecline);
      rate = Math.min(Math.max(lambda * (lnTarget - lnN), minRate), maxRate);
      if (full) {
        unchecked((mTargetHashrate[i] = Math.exp(lnTarget) / 1e18));
        unchecked((mMarginalHashcost[i] = c0 * Math.exp(y * lnCostDecline + (lnN - lnSupply) / epsilon)));
      }
    } else if (full) {
      unchecked((mTargetHashrate[i] = NaN));
      unchecked((mMarginalHashcost[i] = NaN));
    }
    const perRate = rate == 0 ? 0 : MONTH / rate;
    // n · (e^r − 1): the month's growth, for W at its end and N at the next month's start.
    const grown = rate == 0 ? 0 : n * Math.expm1(rate);
    const wB = w + (rate == 0 ? n * MONTH : (grown * MONTH) / rate); // W at the month's end
    const scale = n * MONTH; // W's unit within the month: W − w = scale / rate · (e^{r·τ} − 1)

    let t = tA; // BTC per hash-second is accrued up to t
    let x: f64 = 0;
    let blocks = 0;
    let issued: f64 = 0;
    let dd = difficulty * TWO_32;
    let reward = subsidy / 1e8 + fees; // BTC per block
    const growthPerScale = rate / scale;
    // Events inside the month, in order.
    for (;;) {
      const k = beforeEvent ? eventHeight - 1 : eventHeight;
      const wk = baseW + <f64>(k - baseH) * dd;
      if (!(wk < wB)) break;
      const tk = tA + (rate == 0 ? (wk - w) / n : perRate * log1pSmall(growthPerScale * (wk - w)));
      x += ((tk - t) * reward) / dd;
      t = tk;
      blocks += k - height;
      issued += <f64>(k - height) * subsidy;
      height = k;
      const atRetarget = eventHeight == nextRetarget;
      const atHalving = eventHeight == nextHalving;
      if (beforeEvent) {
        // Block H−1 is found: block H is mined at the new difficulty and subsidy.
        if (atRetarget) {
          const actual = Math.min(Math.max(tk - epochFirstTime, TARGET_TIMESPAN_F / 4), TARGET_TIMESPAN_F * 4);
          difficulty = (difficulty * TARGET_TIMESPAN_F) / actual;
          dd = difficulty * TWO_32;
          baseW = wk;
          baseH = k;
        }
        if (atHalving) {
          subsidy = <f64>blockSubsidySats(<i64>eventHeight);
          reward = subsidy / 1e8 + fees;
        }
        beforeEvent = false;
      } else {
        // Block H is found: it opens its epoch, and is the height listed for the event.
        if (atRetarget) epochFirstTime = tk;
        if (events) recordEvents(atRetarget && eventHeight > h0 + 1, eventHeight, tk, difficulty, subsidy / 1e8);
        if (atRetarget) nextRetarget += RETARGET_INTERVAL;
        if (atHalving) nextHalving += <i32>HALVING_INTERVAL;
        eventHeight = min(nextRetarget, nextHalving);
        beforeEvent = true;
      }
    }
    x += ((tA + MONTH - t) * reward) / dd;
    // The tip at the month's end: the last block with W_k < W(m·month).
    let last = baseH + <i32>Math.ceil((wB - baseW) / dd) - 1;
    while (baseW + <f64>(last + 1 - baseH) * dd < wB) last++;
    while (last > height && !(baseW + <f64>(last - baseH) * dd < wB)) last--;
    last = max(last, height);
    blocks += last - height;
    issued += <f64>(last - height) * subsidy;
    height = last;

    unchecked((mBtcPerHs[i] = x));
    unchecked((mEndHeight[i] = <f64>height));
    unchecked((mDifficulty[i] = difficulty));
    unchecked((mHashrateEhs[i] = (rate == 0 ? n : grown / rate) / 1e18));
    if (full) unchecked((mHashrateMid[i] = n * Math.exp(rate / 2)));
    unchecked((mBlocks[i] = <f64>blocks));
    unchecked((mBtcIssued[i] = issued / 1e8));
    unchecked((mFeesBtc[i] = <f64>blocks * fees));
    n += grown;
    lnN += rate;
    w = wB;
  }
  return months;
}
