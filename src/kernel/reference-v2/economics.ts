/**
 * The monthly cash flows of both paths in the model's version 2 (docs/model.md §3, §4, §7.2, §7.3),
 * split by discount rate: the mining cash flows (revenue, power, opex, demand-response credit,
 * refresh capex, the mining exit value) and the hosting cash flows (conversion capex, expected NOI,
 * ASIC resale, the hosting exit value). Every cash flow is at the end of its month.
 *
 * Choices (docs/model.md §8):
 * - revenue per MW-year counts mining revenue, the demand-response credit and the expected rent
 *   collected (after default and recovery, before the NOI margin, so also at a margin of 0);
 *   EBITDA counts mining EBITDA and expected NOI. Neither counts the resale.
 * - a refresh in the horizon's final month is paid, on schedule.
 */
import type { ModelInputsV2 } from './inputs.ts';

const HOURS_PER_MONTH = 730.5;

/** Both paths' monthly cash flows (index m−1), exit values included in the final month. */
export interface Flows {
  /** Keep mining: mining cash flows only. */
  mine: Float64Array;
  /** The pivot path's mining cash flows (the part not converted, and all of it before c0). */
  pivotMining: Float64Array;
  /** The pivot path's hosting cash flows. */
  pivotHosting: Float64Array;
  /** The hosting cash flow per $1/kW-month of first-year rent (Δ is affine in the lease rate). */
  noiPerLeaseDollar: Float64Array;
  revenue: { mine: number; pivot: number };
  ebitda: { mine: number; pivot: number };
}

interface MiningMonth {
  revenue: number;
  drCredit: number;
  ebitda: number;
}

/**
 * One month of mining on `mw` gross megawatts with fleet efficiency `jPerTh` (§3, §7.2): off when
 * revenue after pool fee < power cost + (1−b)·o·M, the opex switching off saves; an idle fleet
 * pays b·o·M of non-power opex and keeps its demand-response credit.
 */
function miningMonth(
  s: ModelInputsV2,
  mw: number,
  jPerTh: number,
  btcPerHashSecond: number,
  price: number,
  powerPrice: number,
): MiningMonth {
  const running = (s.uptimePct / 100) * (1 - s.curtailedPct / 100);
  const fleetHs = ((mw * 1e6) / s.miningPue / jPerTh) * 1e12;
  const btc = running * (1 - s.poolFeePct / 100) * fleetHs * btcPerHashSecond;
  const mothball = s.mothballOpexPct / 100;
  let revenue = btc * price;
  let power = mw * 1000 * HOURS_PER_MONTH * running * powerPrice;
  let opex = s.opexUsdPerMwMonth * mw;
  if (revenue < power + (1 - mothball) * opex) {
    revenue = 0;
    power = 0;
    opex = mothball * s.opexUsdPerMwMonth * mw;
  }
  const drCredit = mw * HOURS_PER_MONTH * (s.curtailedPct / 100) * s.demandResponseUsdPerMwh;
  return { revenue, drCredit, ebitda: revenue - power + drCredit - opex };
}

const sumLast12 = (xs: Float64Array | number[]) => {
  let sum = 0;
  for (let i = Math.max(0, xs.length - 12); i < xs.length; i++) sum += xs[i];
  return sum;
};

/**
 * The cash flows on a network run's BTC per hash-second and mid-month prices (`prices` at the
 * half-months: month m's middle is index 2m−1).
 */
export function cashFlows(s: ModelInputsV2, btcPerHashSecond: Float64Array, prices: Float64Array): Flows {
  const months = 12 * s.horizonYears;
  const alpha = s.pivotSharePct / 100;
  const c0 = s.pivotStartMonth;
  const build = s.buildMonths;
  const itMw = (alpha * s.siteMw) / s.grossToItRatio;
  const capexPerMonth = (s.capexMusdPerMwIt * 1e6 * itMw) / build;
  const refreshMonths = 12 * s.refreshYears;
  const efficiencyKeep = 1 - s.efficiencyGainPctPerYear / 100;
  const survivalBase = 1 - s.defaultPctPerYear / 100;
  const margin = s.noiMarginPct / 100;
  const leaseMonths = 12 * s.leaseTermYears;
  const renewal = s.renewalPct / 100;

  const flows: Flows = {
    mine: new Float64Array(months),
    pivotMining: new Float64Array(months),
    pivotHosting: new Float64Array(months),
    noiPerLeaseDollar: new Float64Array(months),
    revenue: { mine: 0, pivot: 0 },
    ebitda: { mine: 0, pivot: 0 },
  };
  const mineEbitda = new Float64Array(months);
  const pivotMiningEbitda = new Float64Array(months);

  /** Efficiency of the fleet running in month m ≥ 1: refreshed at the end of months 12·L·j. */
  const fleetJPerTh = (m: number) => {
    const refreshesDone = refreshMonths > 0 ? Math.floor((m - 1) / refreshMonths) : 0;
    return s.fleetJPerTh * efficiencyKeep ** (s.refreshYears * refreshesDone);
  };

  for (let m = 1; m <= months; m++) {
    const price = prices[2 * m - 1];
    const x = btcPerHashSecond[m - 1];
    const jPerTh = fleetJPerTh(m);
    const powerPrice = s.powerUsdPerKwh * (1 + s.powerEscalatorPctPerYear / 100) ** Math.floor((m - 1) / 12);
    const refreshNow = refreshMonths > 0 && m % refreshMonths === 0;
    /** Capex of a refresh at the end of month m for `mw` megawatts mining in the month after it. */
    const refreshCapex = (mw: number) => {
      if (!refreshNow) return 0;
      const newJPerTh = s.fleetJPerTh * efficiencyKeep ** (s.refreshYears * (m / refreshMonths));
      return ((mw * 1e6) / s.miningPue / newJPerTh) * s.asicUsdPerTh;
    };

    // Keep mining: the whole site.
    const a = miningMonth(s, s.siteMw, jPerTh, x, price, powerPrice);
    flows.mine[m - 1] = a.ebitda - refreshCapex(s.siteMw);
    mineEbitda[m - 1] = a.ebitda;
    flows.revenue.mine += a.revenue + a.drCredit;
    flows.ebitda.mine += a.ebitda;

    // Pivot, mining part: the whole site until c0, then the share not converted.
    const miningMw = m <= c0 ? s.siteMw : (1 - alpha) * s.siteMw;
    const nextMiningMw = m + 1 <= c0 ? s.siteMw : (1 - alpha) * s.siteMw;
    const b = miningMonth(s, miningMw, jPerTh, x, price, powerPrice);
    flows.pivotMining[m - 1] = b.ebitda - refreshCapex(nextMiningMw);
    pivotMiningEbitda[m - 1] = b.ebitda;

    // Pivot, hosting part: conversion capex, expected NOI (renewed after the term), resale.
    const conversion = m > c0 && m <= c0 + build ? capexPerMonth : 0;
    const k = m - c0 - build; // lease month
    let unitNoi = 0;
    let unitRent = 0; // expected rent collected per $1/kW-month, before the margin
    if (k >= 1) {
      const rent = itMw * 1000 * (1 + s.leaseEscalatorPct / 100) ** Math.floor((k - 1) / 12);
      const survival = survivalBase ** (k / 12);
      const expected = rent * margin * (survival + (1 - survival) * (s.recoveryPct / 100));
      const collected = rent * (survival + (1 - survival) * (s.recoveryPct / 100));
      unitNoi = k <= leaseMonths ? expected : renewal * expected;
      unitRent = k <= leaseMonths ? collected : renewal * collected;
    }
    const noi = unitNoi * s.leaseUsdPerKwMonth;
    let resale = 0;
    if (m === c0 + 1) {
      // The converted share's fleet, the one running in month c0 (E when c0 = 0), at today's price.
      const soldJPerTh = c0 === 0 ? s.fleetJPerTh : fleetJPerTh(c0);
      resale = ((alpha * s.siteMw * 1e6) / s.miningPue / soldJPerTh) * (s.asicResalePct / 100) * s.asicUsdPerTh;
    }
    flows.pivotHosting[m - 1] = noi - conversion + resale;
    flows.noiPerLeaseDollar[m - 1] = unitNoi;
    // Revenue counts the rent collected, whatever share of it the NOI margin keeps (docs/model.md §8).
    const grossRent = unitRent * s.leaseUsdPerKwMonth;
    flows.revenue.pivot += b.revenue + b.drCredit + grossRent;
    flows.ebitda.pivot += b.ebitda + noi;
  }

  // Exit values: each path's multiple times its trailing 12 months of EBITDA, in the final month.
  const last = months - 1;
  const trailingNoiUnit = sumLast12(flows.noiPerLeaseDollar);
  flows.mine[last] += s.exitMultipleMine * sumLast12(mineEbitda);
  flows.pivotMining[last] += s.exitMultipleMine * sumLast12(pivotMiningEbitda);
  flows.pivotHosting[last] += s.exitMultiplePivot * trailingNoiUnit * s.leaseUsdPerKwMonth;
  flows.noiPerLeaseDollar[last] += s.exitMultiplePivot * trailingNoiUnit;
  return flows;
}
