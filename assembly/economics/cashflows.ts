// Both paths' monthly cash flows at a first-year BTC price, their NPVs and the lease slope
// (docs/model.md §3–§5), from the tables of tables.ts.
import {
  I_BUILD_MONTHS, I_CAPEX_MUSD_PER_MW_IT, I_EXIT_MULTIPLE_MINE, I_EXIT_MULTIPLE_PIVOT, I_GROSS_TO_IT_RATIO,
  I_LEASE_USD_PER_KW_MONTH, I_NOI_MARGIN_PCT, I_PIVOT_SHARE_PCT, I_PIVOT_START_MONTH, I_SITE_MW,
} from '../generated/interface';
import { inputs, MAX_MONTHS } from '../network';
import {
  btcPerMw, discount, drPerMw, months, opexPerMw, powerPerMw, priceFactor, refreshCapexPerMw, unitNoi,
} from './tables';

// Monthly cash flows (index m−1), exit values in the final month.
export const cfMine = new StaticArray<f64>(MAX_MONTHS);
export const cfPivot = new StaticArray<f64>(MAX_MONTHS);
/** The pivot path's expected NOI per $1/kW-month of first-year rent (exit value included). */
export const noiUnit = new StaticArray<f64>(MAX_MONTHS);

export let npvMine: f64 = 0; // of the last cashFlows()
export let npvPivot: f64 = 0;
export let npvUnit: f64 = 0; // dΔ/dL: NPV of the expected NOI per $1/kW-month
export let sumRevMine: f64 = 0;
export let sumEbitdaMine: f64 = 0;
export let sumRevPivot: f64 = 0;
export let sumEbitdaPivot: f64 = 0;

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
export function cashFlows(p0: f64): void {
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

export function deltaAtPrice(p0: f64): f64 {
  cashFlows(p0);
  return npvPivot - npvMine;
}

