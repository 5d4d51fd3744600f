// The outputs of docs/model.md §5 from the cash flows: Δ, the breakevens, IRR, the paybacks and
// the per-MW-year figures, in the result block named by generated/interface.ts. "None" is NaN
// inside the kernel; the facade turns it into null.
import {
  CF_MINE, CF_PIVOT, I_BTC_PRICE_USD, I_NETWORK_RESPONSE_PCT_PER_MONTH, I_HORIZON_YEARS, I_LEASE_USD_PER_KW_MONTH, I_SITE_MW, N_RESULTS,
  R_BREAKEVEN_BTC_PRICE, R_BREAKEVEN_LEASE_RATE, R_DELTA, R_DISCOUNTED_PAYBACK_MONTH, R_IRR, R_LEASE_SLOPE,
  R_MINE_EBITDA_PER_MW_YEAR, R_MINE_REVENUE_PER_MW_YEAR, R_NPV_MINE, R_NPV_PIVOT, R_PAYBACK_MONTH,
  R_PIVOT_EBITDA_PER_MW_YEAR, R_PIVOT_REVENUE_PER_MW_YEAR,
} from '../generated/interface';
import { fillDeterministicPrices, inputs, MAX_MONTHS, projectMonthly, projectNetwork } from '../network';
import { discount, discountHost, months, prepareMining } from './tables';
import {
  cashFlows, cfMine, cfPivot, cfPivotHosting, cfPivotMining, npvMine, npvPivot, npvUnit, sumEbitdaMine,
  sumEbitdaPivot, sumPivotFlows, sumRevMine, sumRevPivot, useDeterministicPrices,
} from './cashflows';

/** Results of evaluate(), read by the facade through resultPtr(). */
export const results = new StaticArray<f64>(N_RESULTS);
const deltaFlow = new StaticArray<f64>(MAX_MONTHS);

/** ΔCF = pivot − mine, month by month, for the IRR and the paybacks (after cashFlows). */
function fillDeltaFlow(): void {
  sumPivotFlows();
  for (let i = 0; i < months; i++) unchecked((deltaFlow[i] = unchecked(cfPivot[i]) - unchecked(cfMine[i])));
}

/** Σ ΔCF_m · (1+r)^(−m/12) by Horner's rule in x = (1+r)^(−1/12). */
function npvAtRate(rate: f64): f64 {
  const x = Math.pow(1 + rate, -1.0 / 12);
  let sum: f64 = 0;
  for (let i = months - 1; i >= 0; i--) sum = (sum + unchecked(deltaFlow[i])) * x;
  return sum;
}

const IRR_LO: f64 = -0.99;
const IRR_HI: f64 = 100;
/** Cells of the grid, even in ln(1 + r), on which the NPV's sign changes are counted. */
const IRR_GRID: i32 = 2000;

@inline function irrGridRate(i: i32): f64 {
  const a = Math.log1p(IRR_LO);
  const b = Math.log1p(IRR_HI);
  return Math.expm1(a + ((b - a) * <f64>i) / <f64>IRR_GRID);
}

/**
 * The annual rate in (−0.99, 100) at which ΔCF discounts to 0, NaN when ΔCF never changes sign or
 * the root is not unique: the NPV is sampled at the grid's 2,001 rates (its ends included); one
 * sign change (a sample exactly 0 counts as one) is one root, bisected to the last bit.
 */
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
  let prev = npvAtRate(irrGridRate(0));
  for (let i = 1; i <= IRR_GRID; i++) {
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
  const aNegative = npvAtRate(a) < 0;
  for (let iter = 0; iter < 200; iter++) {
    const mid = (a + b) / 2;
    if (mid <= a || mid >= b) break;
    const v = npvAtRate(mid);
    if (v == 0) return mid;
    if (v < 0 == aNegative) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

/**
 * The first month from which the cumulative ΔCF stays ≥ 0, NaN when none; discounted, each part of
 * ΔCF at its own rate: (pivot mining − mine) at r_mine, hosting at r_host.
 */
function payback(discounted: bool): f64 {
  let cumulative: f64 = 0;
  let lastNegative = 0;
  for (let i = 0; i < months; i++) {
    cumulative += discounted
      ? (unchecked(cfPivotMining[i]) - unchecked(cfMine[i])) * unchecked(discount[i]) +
        unchecked(cfPivotHosting[i]) * unchecked(discountHost[i])
      : unchecked(deltaFlow[i]);
    if (cumulative < 0) lastNegative = i + 1;
  }
  return lastNegative == months ? NaN : <f64>(lastNegative + 1);
}

/** With λ > 0 the network depends on the price: a new first-year price projects it again. */
@inline function networkFollowsPrice(): bool {
  return inputs[I_NETWORK_RESPONSE_PCT_PER_MONTH] > 0;
}

/** Δ at first-year price p0 (the deterministic path through it); c0 and the start state stay. */
function deltaAtPrice(p0: f64): f64 {
  if (networkFollowsPrice()) {
    fillDeterministicPrices(p0);
    projectMonthly(false);
    prepareMining();
  }
  useDeterministicPrices(p0);
  cashFlows();
  return npvPivot - npvMine;
}

/**
 * The P0 in [1, 10^8] at which Δ = 0: bisect, keeping the half whose ends differ in sign ("> 0" or
 * not), until the bracket is under $0.01; the final midpoint. NaN when Δ(1) and Δ(10^8) fall on the
 * same side. With λ > 0 it leaves the network projected at the last price it tried.
 */
function breakevenBtcPrice(): f64 {
  let lo: f64 = 1;
  let hi: f64 = 1e8;
  const loPositive = deltaAtPrice(lo) > 0;
  if (loPositive == deltaAtPrice(hi) > 0) return NaN;
  while (hi - lo >= 0.01) {
    const mid = (lo + hi) / 2;
    if (deltaAtPrice(mid) > 0 == loPositive) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Cash flows at the scenario's price and their NPVs; the lease slope dΔ/dL. */
export function computeCore(): void {
  useDeterministicPrices(inputs[I_BTC_PRICE_USD]);
  cashFlows();
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

/**
 * The breakeven BTC price; leaves the cash flows of the last bisection step behind, and with λ > 0
 * the network and mining tables of the scenario's own price restored.
 */
export function computeBreakevenBtcPrice(): f64 {
  const btc = breakevenBtcPrice();
  if (networkFollowsPrice()) {
    projectNetwork();
    prepareMining();
  }
  return btc;
}

/**
 * The outputs after the network is projected and the tables prepared: the breakeven BTC price, Δ and
 * the NPVs, IRR, paybacks and per-MW-year figures, into `results` and the cash-flow arrays.
 */
export function finishEvaluation(): void {
  const btc = computeBreakevenBtcPrice();
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
  return which == CF_MINE ? changetype<usize>(cfMine) : which == CF_PIVOT ? changetype<usize>(cfPivot) : 0;
}

export function resultPtr(): usize {
  return changetype<usize>(results);
}
