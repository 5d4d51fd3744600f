// The outputs of docs/model.md §5 from the cash flows: Δ, the breakevens, IRR, the paybacks and
// the per-MW-year figures, in the result block named by generated/interface.ts. "None" is NaN
// inside the kernel; the facade turns it into null.
import {
  CF_MINE, CF_PIVOT, I_BTC_PRICE_USD, I_HORIZON_YEARS, I_LEASE_USD_PER_KW_MONTH, I_SITE_MW, N_RESULTS,
  R_BREAKEVEN_BTC_PRICE, R_BREAKEVEN_LEASE_RATE, R_DELTA, R_DISCOUNTED_PAYBACK_MONTH, R_IRR, R_LEASE_SLOPE,
  R_MINE_EBITDA_PER_MW_YEAR, R_MINE_REVENUE_PER_MW_YEAR, R_NPV_MINE, R_NPV_PIVOT, R_PAYBACK_MONTH,
  R_PIVOT_EBITDA_PER_MW_YEAR, R_PIVOT_REVENUE_PER_MW_YEAR,
} from '../generated/interface';
import { inputs, MAX_MONTHS, priceMonths, projectNetwork } from '../network';
import { discount, months, prepare } from './tables';
import {
  cashFlows, cfMine, cfPivot, deltaAtPrice, noiUnit, npvMine, npvPivot, npvUnit, sumEbitdaMine, sumEbitdaPivot,
  sumRevMine, sumRevPivot,
} from './cashflows';

/** Results of evaluate(), read by the facade through resultPtr(). */
export const results = new StaticArray<f64>(N_RESULTS);
const deltaFlow = new StaticArray<f64>(MAX_MONTHS);

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

/** Cash flows at the scenario's price and their NPVs; the lease slope dΔ/dL. */
export function computeCore(): void {
  cashFlows(inputs[I_BTC_PRICE_USD]);
  const delta = npvPivot - npvMine;
  const slope = npvUnit;
  unchecked((results[R_NPV_MINE] = npvMine));
  unchecked((results[R_NPV_PIVOT] = npvPivot));
  unchecked((results[R_DELTA] = delta));
  unchecked((results[R_LEASE_SLOPE] = slope));
  unchecked((results[R_BREAKEVEN_LEASE_RATE] = slope == 0 ? NaN : inputs[I_LEASE_USD_PER_KW_MONTH] - delta / slope));
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
  unchecked((results[R_BREAKEVEN_BTC_PRICE] = btc));
  fillDeltaFlow();
  unchecked((results[R_IRR] = irr()));
  unchecked((results[R_PAYBACK_MONTH] = payback(false)));
  unchecked((results[R_DISCOUNTED_PAYBACK_MONTH] = payback(true)));
  unchecked((results[R_MINE_REVENUE_PER_MW_YEAR] = sumRevMine / mwYears));
  unchecked((results[R_MINE_EBITDA_PER_MW_YEAR] = sumEbitdaMine / mwYears));
  unchecked((results[R_PIVOT_REVENUE_PER_MW_YEAR] = sumRevPivot / mwYears));
  unchecked((results[R_PIVOT_EBITDA_PER_MW_YEAR] = sumEbitdaPivot / mwYears));
}

/** The address of a path's monthly cash flows (CF_*), month 1 first. */
export function cashFlowPtr(which: i32): usize {
  return which == CF_MINE ? changetype<usize>(cfMine) : which == CF_PIVOT ? changetype<usize>(cfPivot) : changetype<usize>(noiUnit);
}

export function resultPtr(): usize {
  return changetype<usize>(results);
}
