// The miner's and the pivot's per-month tables (docs/model.md §3, §4, §7.2, §7.3) and the finance
// tables (§5): everything a cash flow needs but the BTC price, each refilled only when its keys change.
import {
  I_ASIC_USD_PER_TH, I_BTC_PRICE_GROWTH_PCT_PER_YEAR, I_BUILD_MONTHS, I_CURTAILED_PCT,
  I_DEFAULT_PCT_PER_YEAR, I_DEMAND_RESPONSE_USD_PER_MWH, I_DISCOUNT_RATE_PCT, I_EFFICIENCY_GAIN_PCT_PER_YEAR,
  I_FLEET_J_PER_TH, I_GROSS_TO_IT_RATIO, I_HORIZON_YEARS, I_LEASE_ESCALATOR_PCT, I_LEASE_TERM_YEARS,
  I_MINING_PUE, I_NOI_MARGIN_PCT, I_OPEX_USD_PER_MW_MONTH, I_PIVOT_SHARE_PCT, I_PIVOT_START_MONTH,
  I_POOL_FEE_PCT, I_POWER_USD_PER_KWH, I_RECOVERY_PCT, I_REFRESH_YEARS, I_SITE_MW, I_UPTIME_PCT,
  I_DISCOUNT_RATE_PIVOT_PCT, I_MOTHBALL_OPEX_PCT, I_POWER_ESCALATOR_PCT_PER_YEAR, I_RENEWAL_PCT,
} from '../generated/interface';
import { inputs, mBtcPerHs, MAX_MONTHS } from '../network';

const HOURS_PER_MONTH: f64 = 730.5;

/** Discount factors of the mining cash flows, (1 + r_mine)^(−m/12), and of the hosting ones (r_host). */
export const discount = new StaticArray<f64>(MAX_MONTHS);
export const discountHost = new StaticArray<f64>(MAX_MONTHS);
/** Power cost of one running MW-month, escalated each year (docs/model.md §7.2). */
export const powerPerMw = new StaticArray<f64>(MAX_MONTHS);
/** Refresh capex per mining MW, month by month. */
export const refreshCapexPerMw = new StaticArray<f64>(MAX_MONTHS);
/** BTC one mining MW earns in the month, after uptime, curtailment and pool fee. */
export const btcPerMw = new StaticArray<f64>(MAX_MONTHS);
/** Expected NOI of the lease per $1/kW-month of first-year rent, before the exit value. */
export const unitNoi = new StaticArray<f64>(MAX_MONTHS);
/** Expected rent collected per $1/kW-month of first-year rent: the NOI before the margin, at any margin. */
export const unitRent = new StaticArray<f64>(MAX_MONTHS);
/** Price path relative to P0: (1+μ)^((m−½)/12). */
export const priceFactor = new StaticArray<f64>(MAX_MONTHS);

export let months: i32 = 0;
export let drPerMw: f64 = 0; // demand-response credit of one MW-month
export let opexPerMw: f64 = 0;
/** Share of the non-power opex a switched-off fleet still pays (b). */
export let mothball: f64 = 1;

/** Fills the per-month tables that depend only on the miner's keys and the network. */
export function prepareMining(): void {
  const running = (inputs[I_UPTIME_PCT] / 100) * (1 - inputs[I_CURTAILED_PCT] / 100);
  const pue = inputs[I_MINING_PUE];
  const e0 = inputs[I_FLEET_J_PER_TH];
  const gain = 1 - inputs[I_EFFICIENCY_GAIN_PCT_PER_YEAR] / 100;
  const refreshYears = inputs[I_REFRESH_YEARS];
  const refreshMonths = <i32>refreshYears * 12;
  const payout = running * (1 - inputs[I_POOL_FEE_PCT] / 100);
  const power = 1000 * HOURS_PER_MONTH * running * inputs[I_POWER_USD_PER_KWH];
  const escalator = 1 + inputs[I_POWER_ESCALATOR_PCT_PER_YEAR] / 100;
  let escalated = power; // p · (1+x)^floor((m−1)/12), set at each year's first month
  let yearMonth = 0; // months of the current year done
  mothball = inputs[I_MOTHBALL_OPEX_PCT] / 100;
  drPerMw = HOURS_PER_MONTH * (inputs[I_CURTAILED_PCT] / 100) * inputs[I_DEMAND_RESPONSE_USD_PER_MWH];
  opexPerMw = inputs[I_OPEX_USD_PER_MW_MONTH];
  let refreshesDone = -1;
  let jPerTh: f64 = e0;
  let hsPerMw: f64 = 0; // paid-out hashrate of one MW, H/s
  const asic = inputs[I_ASIC_USD_PER_TH];
  for (let m = 1; m <= months; m++) {
    const i = m - 1;
    const done = refreshMonths > 0 ? (m - 1) / refreshMonths : 0;
    if (done != refreshesDone) {
      jPerTh = e0 * Math.pow(gain, refreshYears * <f64>done);
      hsPerMw = payout * (1e6 / pue / jPerTh) * 1e12;
      refreshesDone = done;
    }
    unchecked((btcPerMw[i] = hsPerMw * unchecked(mBtcPerHs[i])));
    // p · (1+x)^floor((m−1)/12): escalated once a year
    if (yearMonth == 12) {
      yearMonth = 0;
      escalated = escalator == 1 ? power : power * Math.pow(escalator, <f64>(m / 12));
    }
    yearMonth++;
    unchecked((powerPerMw[i] = escalated));
    let capex: f64 = 0;
    if (refreshMonths > 0 && m % refreshMonths == 0) {
      const newJPerTh = e0 * Math.pow(gain, refreshYears * <f64>(m / refreshMonths));
      capex = (1e6 / pue / newJPerTh) * asic;
    }
    unchecked((refreshCapexPerMw[i] = capex));
  }
}

/** The lease's expected rent and NOI per $1/kW-month, month by month: depend on the site and the pivot's terms. */
export function preparePivot(): void {
  const alpha = inputs[I_PIVOT_SHARE_PCT] / 100;
  const itMw = (alpha * inputs[I_SITE_MW]) / inputs[I_GROSS_TO_IT_RATIO];
  const start = <i32>inputs[I_PIVOT_START_MONTH] + <i32>inputs[I_BUILD_MONTHS];
  const leaseMonths = <i32>inputs[I_LEASE_TERM_YEARS] * 12;
  const escalator = 1 + inputs[I_LEASE_ESCALATOR_PCT] / 100;
  const margin = inputs[I_NOI_MARGIN_PCT] / 100;
  const survivalBase = 1 - inputs[I_DEFAULT_PCT_PER_YEAR] / 100;
  const recovery = inputs[I_RECOVERY_PCT] / 100;
  // After the term the hall is leased on with probability ρ, escalator and survival continuing.
  const renewal = inputs[I_RENEWAL_PCT] / 100;
  let step: f64 = 1; // (1 + esc)^floor((k−1)/12)
  for (let m = 1; m <= months; m++) {
    const k = m - start; // lease month
    let unit: f64 = 0;
    let rent: f64 = 0;
    if (k >= 1 && (k <= leaseMonths || renewal > 0)) {
      if (k > 1 && (k - 1) % 12 == 0) step = Math.pow(escalator, <f64>((k - 1) / 12));
      const survival = Math.pow(survivalBase, <f64>k / 12);
      const collected = survival + (1 - survival) * recovery;
      unit = itMw * 1000 * step * margin * collected;
      rent = itMw * 1000 * step * collected;
      if (k > leaseMonths) {
        unit *= renewal;
        rent *= renewal;
      }
    }
    unchecked((unitNoi[m - 1] = unit));
    unchecked((unitRent[m - 1] = rent));
  }
}

/** Discount factors and the price path relative to P0: depend on horizon, rate and price growth. */
export function prepareFinance(): void {
  months = <i32>inputs[I_HORIZON_YEARS] * 12;
  const r = inputs[I_DISCOUNT_RATE_PCT] / 100;
  const rHost = inputs[I_DISCOUNT_RATE_PIVOT_PCT] / 100;
  const g = 1 + inputs[I_BTC_PRICE_GROWTH_PCT_PER_YEAR] / 100;
  for (let m = 1; m <= months; m++) {
    const d = Math.pow(1 + r, -<f64>m / 12);
    unchecked((discount[m - 1] = d));
    unchecked((discountHost[m - 1] = rHost == r ? d : Math.pow(1 + rHost, -<f64>m / 12)));
    unchecked((priceFactor[m - 1] = Math.pow(g, (<f64>m - 0.5) / 12)));
  }
}

/** Everything but the BTC price level: after projectNetwork, the finance and the mining tables. */
export function prepare(): void {
  prepareFinance();
  prepareMining();
  preparePivot();
}

