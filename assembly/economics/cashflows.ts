// Both paths' monthly cash flows on a price path, their NPVs and the lease slope (docs/model.md
// §3–§5, §7.2, §7.3), from the tables of tables.ts. The pivot path's flows are kept in two parts,
// mining and hosting, each discounted at its own rate.
import {
  I_ASIC_RESALE_PCT, I_ASIC_USD_PER_TH, I_BUILD_MONTHS, I_CAPEX_MUSD_PER_MW_IT, I_EFFICIENCY_GAIN_PCT_PER_YEAR,
  I_EXIT_MULTIPLE_MINE, I_EXIT_MULTIPLE_PIVOT, I_FLEET_J_PER_TH, I_GROSS_TO_IT_RATIO, I_LEASE_USD_PER_KW_MONTH,
  I_MINING_PUE, I_NOI_MARGIN_PCT, I_PIVOT_SHARE_PCT, I_PIVOT_START_MONTH, I_REFRESH_YEARS, I_SITE_MW,
} from '../generated/interface';
import { inputs, MAX_MONTHS } from '../network';
import {
  btcPerMw, discount, discountHost, drPerMw, months, mothball, opexPerMw, powerPerMw, priceFactor,
  refreshCapexPerMw, unitNoi, unitRent,
} from './tables';

// Monthly cash flows (index m−1), exit values in the final month.
export const cfMine = new StaticArray<f64>(MAX_MONTHS);
/** The pivot path's whole cash flow, mining + hosting: filled by sumPivotFlows() when asked. */
export const cfPivot = new StaticArray<f64>(MAX_MONTHS);
/** The pivot path's mining part (all of the site until c0, then the share not converted) … */
export const cfPivotMining = new StaticArray<f64>(MAX_MONTHS);
/** … and its hosting part: conversion capex, expected NOI, the ASIC resale, the hosting exit value. */
export const cfPivotHosting = new StaticArray<f64>(MAX_MONTHS);
/** The BTC price at each mid-month that the cash flows use. */
export const midPrices = new StaticArray<f64>(MAX_MONTHS);

export let npvMine: f64 = 0; // of the last cashFlows()
export let npvPivot: f64 = 0;
export let npvUnit: f64 = 0; // dΔ/dL: NPV of the expected NOI per $1/kW-month
export let sumRevMine: f64 = 0;
export let sumEbitdaMine: f64 = 0;
export let sumRevPivot: f64 = 0;
export let sumEbitdaPivot: f64 = 0;

// A month of mining (docs/model.md §3, §7.2) per megawatt, the same for any number of them: the
// fleet is off when its revenue after pool fee is below its power cost plus the opex switching off
// saves, (1−b)·o; an idle fleet pays b·o and keeps its demand-response credit.

// The prices cashFlows() reads: priceScale · pricePath[i] — P0 · (1+μ)^((m−½)/12) on the
// deterministic path, or a Monte Carlo path's own mid-month prices.
let priceScale: f64 = 0;
let pricePath: usize = 0;

/** The deterministic price path at first-year price p0. */
export function useDeterministicPrices(p0: f64): void {
  priceScale = p0;
  pricePath = changetype<usize>(priceFactor);
}

/** The mid-month prices in midPrices (a Monte Carlo path's). */
export function usePathPrices(): void {
  priceScale = 1;
  pricePath = changetype<usize>(midPrices);
}

/**
 * The converted share's fleet sold at the end of month c0+1, at s_r of today's ASIC price: the
 * fleet running in month c0 (E when c0 = 0; a refresh at the end of month c0 bought only for the rest).
 */
function resale(): f64 {
  const c0 = <i32>inputs[I_PIVOT_START_MONTH];
  const share = inputs[I_ASIC_RESALE_PCT] / 100;
  if (share == 0 || c0 + 1 > months) return 0;
  const refreshYears = inputs[I_REFRESH_YEARS];
  const refreshMonths = <i32>refreshYears * 12;
  const done = c0 > 0 && refreshMonths > 0 ? (c0 - 1) / refreshMonths : 0;
  const gain = 1 - inputs[I_EFFICIENCY_GAIN_PCT_PER_YEAR] / 100;
  const jPerTh = done > 0 ? inputs[I_FLEET_J_PER_TH] * Math.pow(gain, refreshYears * <f64>done) : inputs[I_FLEET_J_PER_TH];
  const alpha = inputs[I_PIVOT_SHARE_PCT] / 100;
  return ((alpha * inputs[I_SITE_MW] * 1e6) / inputs[I_MINING_PUE] / jPerTh) * share * inputs[I_ASIC_USD_PER_TH];
}

/**
 * Fills the cash-flow arrays on the prices chosen by useDeterministicPrices or usePathPrices; their
 * NPVs, the lease slope and the sums of revenue and EBITDA land in the module's accumulators.
 */
export function cashFlows(): void {
  const site = inputs[I_SITE_MW];
  const alpha = inputs[I_PIVOT_SHARE_PCT] / 100;
  const c0 = <i32>inputs[I_PIVOT_START_MONTH];
  const build = <i32>inputs[I_BUILD_MONTHS];
  const itMw = (alpha * site) / inputs[I_GROSS_TO_IT_RATIO];
  const capexPerMonth = (inputs[I_CAPEX_MUSD_PER_MW_IT] * 1e6 * itMw) / <f64>build;
  const lease = inputs[I_LEASE_USD_PER_KW_MONTH];
  const rest = (1 - alpha) * site;
  const multMine = inputs[I_EXIT_MULTIPLE_MINE];
  const multPivot = inputs[I_EXIT_MULTIPLE_PIVOT];
  const sold = resale();
  const savedWhenOff = 1 - mothball; // the share of the opex that switching off saves
  // One rate for both parts (version 1): one discount factor a month.
  const oneRate = unchecked(discount[0]) == unchecked(discountHost[0]);
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
    const price = priceScale * load<f64>(pricePath + (<usize>i << 3));
    const revenuePerMw = unchecked(btcPerMw[i]) * price;
    const powerCost = unchecked(powerPerMw[i]);
    const on = !(revenuePerMw < powerCost + savedWhenOff * opexPerMw);
    const ebitdaPerMw = on ? revenuePerMw - powerCost + drPerMw - opexPerMw : drPerMw - mothball * opexPerMw;
    const grossPerMw = on ? revenuePerMw + drPerMw : drPerMw; // revenue with the DR credit
    const eMine = ebitdaPerMw * site;
    unchecked((cfMine[i] = eMine - unchecked(refreshCapexPerMw[i]) * site));
    sumRevMine += grossPerMw * site;
    sumEbitdaMine += eMine;

    const mw = m <= c0 ? site : rest;
    const nextMw = m + 1 <= c0 ? site : rest;
    const ePivot = ebitdaPerMw * mw;
    const conversion = m > c0 && m <= c0 + build ? capexPerMonth : 0;
    const unit = unchecked(unitNoi[i]);
    const noi = unit * lease;
    const mining = ePivot - unchecked(refreshCapexPerMw[i]) * nextMw;
    const hosting = noi - conversion + (m == c0 + 1 ? sold : 0);
    unchecked((cfPivotMining[i] = mining));
    unchecked((cfPivotHosting[i] = hosting));
    // Revenue counts the rent collected, whatever share of it the NOI margin keeps.
    sumRevPivot += grossPerMw * mw + unchecked(unitRent[i]) * lease;
    sumEbitdaPivot += ePivot + noi;
    if (m > months - 12) {
      trailMine += eMine;
      trailPivotMining += ePivot;
      trailNoi += unit;
    }
    if (i < last) {
      const df = unchecked(discount[i]);
      pvMine += unchecked(cfMine[i]) * df;
      if (oneRate) {
        pvPivot += (mining + hosting) * df;
        pvUnit += unit * df;
      } else {
        const dh = unchecked(discountHost[i]);
        pvPivot += mining * df + hosting * dh;
        pvUnit += unit * dh;
      }
    }
  }
  unchecked((cfMine[last] += multMine * trailMine));
  unchecked((cfPivotMining[last] += multMine * trailPivotMining));
  unchecked((cfPivotHosting[last] += multPivot * trailNoi * lease));
  // The hosting exit value per $1/kW-month joins the final month's expected NOI in the lease slope.
  const lastUnit = unchecked(unitNoi[last]) + multPivot * trailNoi;
  const df = unchecked(discount[last]);
  const dh = unchecked(discountHost[last]);
  npvMine = pvMine + unchecked(cfMine[last]) * df;
  npvPivot = pvPivot + unchecked(cfPivotMining[last]) * df + unchecked(cfPivotHosting[last]) * dh;
  npvUnit = pvUnit + lastUnit * dh;
}

/** cfPivot = the pivot path's mining + hosting flows, month by month (after cashFlows). */
export function sumPivotFlows(): void {
  for (let i = 0; i < months; i++) unchecked((cfPivot[i] = unchecked(cfPivotMining[i]) + unchecked(cfPivotHosting[i])));
}
