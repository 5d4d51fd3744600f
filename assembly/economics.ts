// The miner (domain.md §3), the pivot (§4) and the outputs (§5) on top of a projected network.
// "None" is NaN inside the kernel; the facade turns it into null.
import {
  I_BTC_PRICE_USD, I_BTC_PRICE_GROWTH_PCT_PER_YEAR, I_HORIZON_YEARS, I_SITE_MW, I_MINING_PUE,
  I_FLEET_J_PER_TH, I_UPTIME_PCT, I_POOL_FEE_PCT, I_POWER_USD_PER_KWH, I_OPEX_USD_PER_MW_MONTH,
  I_CURTAILED_PCT, I_DEMAND_RESPONSE_USD_PER_MWH, I_REFRESH_YEARS, I_ASIC_USD_PER_TH,
  I_EFFICIENCY_GAIN_PCT_PER_YEAR, I_PIVOT_SHARE_PCT, I_PIVOT_START_MONTH, I_GROSS_TO_IT_RATIO,
  I_CAPEX_MUSD_PER_MW_IT, I_BUILD_MONTHS, I_LEASE_USD_PER_KW_MONTH, I_LEASE_ESCALATOR_PCT,
  I_LEASE_TERM_YEARS, I_NOI_MARGIN_PCT, I_DEFAULT_PCT_PER_YEAR, I_RECOVERY_PCT,
  I_DISCOUNT_RATE_PCT, I_EXIT_MULTIPLE_MINE, I_EXIT_MULTIPLE_PIVOT,
} from './layout';
import { inputs, mBtcPerHs, MAX_MONTHS, priceMonths, projectNetwork } from './network';

const HOURS_PER_MONTH: f64 = 730.5;

// Monthly cash flows (index m−1), exit values in the final month.
export const cfMine = new StaticArray<f64>(MAX_MONTHS);
export const cfPivot = new StaticArray<f64>(MAX_MONTHS);
/** The pivot path's expected NOI per $1/kW-month of first-year rent (exit value included). */
export const noiUnit = new StaticArray<f64>(MAX_MONTHS);
const discount = new StaticArray<f64>(MAX_MONTHS);
const deltaFlow = new StaticArray<f64>(MAX_MONTHS);
/** Refresh capex per mining MW, month by month. */
const refreshCapexPerMw = new StaticArray<f64>(MAX_MONTHS);
/** BTC one mining MW earns in the month, after uptime, curtailment and pool fee. */
const btcPerMw = new StaticArray<f64>(MAX_MONTHS);
/** Expected NOI of the lease per $1/kW-month of first-year rent, before the exit value. */
const unitNoi = new StaticArray<f64>(MAX_MONTHS);
/** Price path relative to P0: (1+μ)^((m−½)/12). */
const priceFactor = new StaticArray<f64>(MAX_MONTHS);

// Results of evaluate(), read by the facade through resultPtr().
export const R_NPV_MINE: i32 = 0;
export const R_NPV_PIVOT: i32 = 1;
export const R_DELTA: i32 = 2;
export const R_BREAKEVEN_LEASE: i32 = 3;
export const R_BREAKEVEN_BTC: i32 = 4;
export const R_IRR: i32 = 5;
export const R_PAYBACK: i32 = 6;
export const R_DISCOUNTED_PAYBACK: i32 = 7;
export const R_MINE_REVENUE: i32 = 8;
export const R_MINE_EBITDA: i32 = 9;
export const R_PIVOT_REVENUE: i32 = 10;
export const R_PIVOT_EBITDA: i32 = 11;
export const R_LEASE_SLOPE: i32 = 12;
export const N_RESULTS: i32 = 13;
export const results = new StaticArray<f64>(N_RESULTS);

let months: i32 = 0;
let powerPerMw: f64 = 0; // power cost of one running MW-month
let drPerMw: f64 = 0; // demand-response credit of one MW-month
let opexPerMw: f64 = 0;
let npvMine: f64 = 0; // of the last cashFlows()
let npvPivot: f64 = 0;
let npvUnit: f64 = 0; // dΔ/dL: NPV of the expected NOI per $1/kW-month
let sumRevMine: f64 = 0;
let sumEbitdaMine: f64 = 0;
let sumRevPivot: f64 = 0;
let sumEbitdaPivot: f64 = 0;

/** Fills the per-month tables that depend only on the miner's keys and the network. */
export function prepareMining(): void {
  const running = (inputs[I_UPTIME_PCT] / 100) * (1 - inputs[I_CURTAILED_PCT] / 100);
  const pue = inputs[I_MINING_PUE];
  const e0 = inputs[I_FLEET_J_PER_TH];
  const gain = 1 - inputs[I_EFFICIENCY_GAIN_PCT_PER_YEAR] / 100;
  const refreshYears = inputs[I_REFRESH_YEARS];
  const refreshMonths = <i32>refreshYears * 12;
  const payout = running * (1 - inputs[I_POOL_FEE_PCT] / 100);
  powerPerMw = 1000 * HOURS_PER_MONTH * running * inputs[I_POWER_USD_PER_KWH];
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
    let capex: f64 = 0;
    if (refreshMonths > 0 && m % refreshMonths == 0) {
      const newJPerTh = e0 * Math.pow(gain, refreshYears * <f64>(m / refreshMonths));
      capex = (1e6 / pue / newJPerTh) * asic;
    }
    unchecked((refreshCapexPerMw[i] = capex));
  }
}

/** The lease's expected NOI per $1/kW-month, month by month: depends on the site and the pivot's terms. */
export function preparePivot(): void {
  const alpha = inputs[I_PIVOT_SHARE_PCT] / 100;
  const itMw = (alpha * inputs[I_SITE_MW]) / inputs[I_GROSS_TO_IT_RATIO];
  const start = <i32>inputs[I_PIVOT_START_MONTH] + <i32>inputs[I_BUILD_MONTHS];
  const leaseMonths = <i32>inputs[I_LEASE_TERM_YEARS] * 12;
  const escalator = 1 + inputs[I_LEASE_ESCALATOR_PCT] / 100;
  const margin = inputs[I_NOI_MARGIN_PCT] / 100;
  const survivalBase = 1 - inputs[I_DEFAULT_PCT_PER_YEAR] / 100;
  const recovery = inputs[I_RECOVERY_PCT] / 100;
  let step: f64 = 1; // (1 + esc)^floor((k−1)/12)
  for (let m = 1; m <= months; m++) {
    const k = m - start; // lease month
    let unit: f64 = 0;
    if (k >= 1 && k <= leaseMonths) {
      if (k > 1 && (k - 1) % 12 == 0) step = Math.pow(escalator, <f64>((k - 1) / 12));
      const survival = Math.pow(survivalBase, <f64>k / 12);
      unit = itMw * 1000 * step * margin * (survival + (1 - survival) * recovery);
    }
    unchecked((unitNoi[m - 1] = unit));
  }
}

/** Mining EBITDA of `mw` megawatts in month index i at BTC price `price` (shutdown rule applied). */
@inline function miningEbitda(i: i32, mw: f64, price: f64): f64 {
  const revenue = unchecked(btcPerMw[i]) * mw * price;
  const power = powerPerMw * mw;
  return (revenue < power ? 0 : revenue - power) + drPerMw * mw - opexPerMw * mw;
}

@inline function miningRevenue(i: i32, mw: f64, price: f64): f64 {
  const revenue = unchecked(btcPerMw[i]) * mw * price;
  return (revenue < powerPerMw * mw ? 0 : revenue) + drPerMw * mw;
}

/**
 * Fills cfMine, cfPivot and noiUnit at first-year BTC price p0 and returns nothing; the sums of
 * revenue and EBITDA land in the module's accumulators.
 */
function cashFlows(p0: f64): void {
  const site = inputs[I_SITE_MW];
  const alpha = inputs[I_PIVOT_SHARE_PCT] / 100;
  const c0 = <i32>inputs[I_PIVOT_START_MONTH];
  const build = <i32>inputs[I_BUILD_MONTHS];
  const itMw = (alpha * site) / inputs[I_GROSS_TO_IT_RATIO];
  const capexPerMonth = (inputs[I_CAPEX_MUSD_PER_MW_IT] * 1e6 * itMw) / <f64>build;
  const margin = inputs[I_NOI_MARGIN_PCT] / 100;
  const grossPerNoi = margin > 0 ? 1 / margin : 0; // rent before the margin, per $ of NOI
  const lease = inputs[I_LEASE_USD_PER_KW_MONTH];
  const rest = (1 - alpha) * site;
  const multMine = inputs[I_EXIT_MULTIPLE_MINE];
  const multPivot = inputs[I_EXIT_MULTIPLE_PIVOT];
  let trailMine: f64 = 0;
  let trailPivotMining: f64 = 0;
  let trailNoi: f64 = 0;
  sumRevMine = 0;
  sumEbitdaMine = 0;
  sumRevPivot = 0;
  sumEbitdaPivot = 0;
  const last = months - 1;
  // The NPVs accumulate here, month by month; the final month joins after its exit values.
  let pvMine: f64 = 0;
  let pvPivot: f64 = 0;
  let pvUnit: f64 = 0;

  for (let m = 1; m <= months; m++) {
    const i = m - 1;
    const price = p0 * unchecked(priceFactor[i]);
    const eMine = miningEbitda(i, site, price);
    unchecked((cfMine[i] = eMine - unchecked(refreshCapexPerMw[i]) * site));
    sumRevMine += miningRevenue(i, site, price);
    sumEbitdaMine += eMine;

    const mw = m <= c0 ? site : rest;
    const nextMw = m + 1 <= c0 ? site : rest;
    const ePivot = miningEbitda(i, mw, price);
    const conversion = m > c0 && m <= c0 + build ? capexPerMonth : 0;
    const unit = unchecked(unitNoi[i]);
    const noi = unit * lease;
    unchecked((noiUnit[i] = unit));
    unchecked((cfPivot[i] = ePivot - unchecked(refreshCapexPerMw[i]) * nextMw - conversion + noi));
    sumRevPivot += miningRevenue(i, mw, price) + noi * grossPerNoi;
    sumEbitdaPivot += ePivot + noi;
    if (m > months - 12) {
      trailMine += eMine;
      trailPivotMining += ePivot;
      trailNoi += unit;
    }
    if (i < last) {
      const df = unchecked(discount[i]);
      pvMine += unchecked(cfMine[i]) * df;
      pvPivot += unchecked(cfPivot[i]) * df;
      pvUnit += unit * df;
    }
  }
  unchecked((cfMine[last] += multMine * trailMine));
  unchecked((cfPivot[last] += multMine * trailPivotMining + multPivot * trailNoi * lease));
  unchecked((noiUnit[last] += multPivot * trailNoi));
  const df = unchecked(discount[last]);
  npvMine = pvMine + unchecked(cfMine[last]) * df;
  npvPivot = pvPivot + unchecked(cfPivot[last]) * df;
  npvUnit = pvUnit + unchecked(noiUnit[last]) * df;
}

function deltaAtPrice(p0: f64): f64 {
  cashFlows(p0);
  return npvPivot - npvMine;
}

/** ΔCF = pivot − mine, month by month, for the IRR and the paybacks (after cashFlows). */
function fillDeltaFlow(): void {
  for (let i = 0; i < months; i++) unchecked((deltaFlow[i] = unchecked(cfPivot[i]) - unchecked(cfMine[i])));
}

function npvAtRate(rate: f64): f64 {
  // (1+r)^(−m/12) as a running product of the monthly factor.
  const f = Math.pow(1 + rate, -1.0 / 12);
  let d = f;
  let sum: f64 = 0;
  for (let i = 0; i < months; i++) {
    sum += unchecked(deltaFlow[i]) * d;
    d *= f;
  }
  return sum;
}

const IRR_LO: f64 = -0.99;
const IRR_HI: f64 = 100;
const IRR_GRID: i32 = 400;

@inline function irrGridRate(i: i32): f64 {
  const a = Math.log1p(IRR_LO);
  const b = Math.log1p(IRR_HI);
  return Math.expm1(a + ((b - a) * <f64>i) / <f64>IRR_GRID);
}

function irr(): f64 {
  let pos = false;
  let neg = false;
  for (let i = 0; i < months; i++) {
    const v = unchecked(deltaFlow[i]);
    if (v > 0) pos = true;
    if (v < 0) neg = true;
  }
  if (!pos || !neg) return NaN;
  let cell = -1;
  let prev = npvAtRate(irrGridRate(1));
  for (let i = 2; i < IRR_GRID; i++) {
    const v = npvAtRate(irrGridRate(i));
    if ((prev < 0 && v >= 0) || (prev > 0 && v <= 0) || (prev == 0 && v != 0)) {
      if (cell >= 0) return NaN;
      cell = i - 1;
    }
    prev = v;
  }
  if (cell < 0) return NaN;
  let a = irrGridRate(cell);
  let b = irrGridRate(cell + 1);
  const fa = npvAtRate(a);
  for (let iter = 0; iter < 200 && b - a > 1e-15 * Math.max(1, Math.abs(a)); iter++) {
    const mid = (a + b) / 2;
    const fm = npvAtRate(mid);
    if (fm == 0) return mid;
    if ((fm < 0) == (fa < 0)) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

function payback(discounted: bool): f64 {
  let cumulative: f64 = 0;
  let lastNegative = 0;
  for (let i = 0; i < months; i++) {
    const v = unchecked(deltaFlow[i]);
    cumulative += discounted ? v * unchecked(discount[i]) : v;
    if (cumulative < 0) lastNegative = i + 1;
  }
  return lastNegative == months ? NaN : <f64>(lastNegative + 1);
}

function breakevenBtcPrice(): f64 {
  let lo: f64 = 1;
  let hi: f64 = 1e8;
  const dLo = deltaAtPrice(lo);
  const dHi = deltaAtPrice(hi);
  if (dLo < 0 || dHi > 0 || (dLo == 0 && dHi == 0)) return NaN;
  while (hi - lo >= 0.01) {
    const mid = (lo + hi) / 2;
    if (deltaAtPrice(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Discount factors and the price path relative to P0: depend on horizon, rate and price growth. */
export function prepareFinance(): void {
  months = <i32>inputs[I_HORIZON_YEARS] * 12;
  const r = inputs[I_DISCOUNT_RATE_PCT] / 100;
  const g = 1 + inputs[I_BTC_PRICE_GROWTH_PCT_PER_YEAR] / 100;
  for (let m = 1; m <= months; m++) {
    unchecked((discount[m - 1] = Math.pow(1 + r, -<f64>m / 12)));
    unchecked((priceFactor[m - 1] = Math.pow(g, (<f64>m - 0.5) / 12)));
  }
}

/** Everything but the BTC price level: after projectNetwork, the finance and the mining tables. */
export function prepare(): void {
  prepareFinance();
  prepareMining();
  preparePivot();
}

/** Cash flows at the scenario's price and their NPVs; the lease slope dΔ/dL. */
export function computeCore(): void {
  cashFlows(inputs[I_BTC_PRICE_USD]);
  const delta = npvPivot - npvMine;
  const slope = npvUnit;
  unchecked((results[R_NPV_MINE] = npvMine));
  unchecked((results[R_NPV_PIVOT] = npvPivot));
  unchecked((results[R_DELTA] = delta));
  unchecked((results[R_LEASE_SLOPE] = slope));
  unchecked((results[R_BREAKEVEN_LEASE] = slope == 0 ? NaN : inputs[I_LEASE_USD_PER_KW_MONTH] - delta / slope));
}

/** The IRR of ΔCF (after computeCore). */
export function computeIrr(): f64 {
  fillDeltaFlow();
  return irr();
}

/** The payback month of ΔCF, plain or discounted (after computeCore). */
export function computePayback(discounted: bool): f64 {
  fillDeltaFlow();
  return payback(discounted);
}

/** The breakeven BTC price; leaves the cash flows of the last bisection step behind. */
export function computeBreakevenBtcPrice(): f64 {
  return breakevenBtcPrice();
}

/** Projects the network and evaluates both paths; results land in `results` and the cash-flow arrays. */
export function evaluate(): void {
  projectNetwork();
  priceMonths();
  prepare();
  const btc = breakevenBtcPrice();
  computeCore();
  const mwYears = inputs[I_SITE_MW] * inputs[I_HORIZON_YEARS];
  unchecked((results[R_BREAKEVEN_BTC] = btc));
  fillDeltaFlow();
  unchecked((results[R_IRR] = irr()));
  unchecked((results[R_PAYBACK] = payback(false)));
  unchecked((results[R_DISCOUNTED_PAYBACK] = payback(true)));
  unchecked((results[R_MINE_REVENUE] = sumRevMine / mwYears));
  unchecked((results[R_MINE_EBITDA] = sumEbitdaMine / mwYears));
  unchecked((results[R_PIVOT_REVENUE] = sumRevPivot / mwYears));
  unchecked((results[R_PIVOT_EBITDA] = sumEbitdaPivot / mwYears));
}

export function cashFlowPtr(which: i32): usize {
  return which == 0 ? changetype<usize>(cfMine) : which == 1 ? changetype<usize>(cfPivot) : changetype<usize>(noiUnit);
}

export function resultPtr(): usize {
  return changetype<usize>(results);
}
