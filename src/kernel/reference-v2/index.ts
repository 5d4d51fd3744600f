/**
 * The plain-TypeScript reference of the model's version 2 (docs/model.md §1–§7): the oracle the WASM
 * kernel is checked against. Written for clarity, in the specification's order; fast enough for
 * tests because the network steps from event to event (network.ts) instead of block by block.
 */
import type { ModelInputsV2 } from './inputs.ts';
import { cashFlows } from './economics.ts';
import { breakevenBtcPrice, discountFactor, irr, npv, paybackMonth, value } from './finance.ts';
import { monteCarlo } from './montecarlo.ts';
import { hashpriceOf, runNetwork, securityBudgetOf, type NetworkRun } from './network.ts';
import { deterministicPrices } from './random.ts';
import type { EvaluationV2, MonthRowV2, ProjectionV2 } from './results.ts';

export { fromV1, v1Values, V2_DEFAULTS, V2_KEYS, type ModelInputsV2, type V2Key } from './inputs.ts';
export { MONTH_FIELDS_V2 } from './results.ts';
export type * from './results.ts';

/** The network on the deterministic price path P0 · (1+μ)^(t/year). */
export function deterministicRun(s: ModelInputsV2, withEvents = false): NetworkRun {
  return runNetwork(s, deterministicPrices(s.btcPriceUsd, s.btcPriceGrowthPctPerYear, 12 * s.horizonYears), withEvents);
}

/** The month rows of a network run (§2, §7.4). */
export function monthRows(s: ModelInputsV2, run: NetworkRun): MonthRowV2[] {
  const rows: MonthRowV2[] = [];
  const respond = s.networkResponsePctPerMonth > 0;
  for (let m = 1; m <= run.btcPerHashSecond.length; m++) {
    const i = m - 1;
    const btcIssued = run.issuedSats[i] / 1e8;
    const securityBudget = securityBudgetOf(run, m);
    // At mid-month: the network's machines, their power, and what the honest network earns.
    const midTh = run.hashrateMid[i] / 1e12;
    const networkJPerTh = s.netFleetJPerTh * (1 - s.efficiencyGainPctPerYear / 100) ** ((m - 0.5) / 12);
    rows.push({
      month: m,
      endHeight: run.endHeight[i],
      difficulty: run.difficulty[i],
      hashrateEhs: run.hashrate[i] / 1e18,
      blocks: run.blocks[i],
      btcIssued,
      feesBtc: run.blocks[i] * run.feesPerBlock[i],
      btcPriceUsd: run.prices[2 * m - 1],
      hashpriceUsdPerPhDay: hashpriceOf(run, m),
      securityBudgetUsdPerDay: securityBudget,
      attackHardwareUsd: midTh * s.asicUsdPerTh,
      attackPowerUsdPerHour: ((midTh * networkJPerTh) / 1000) * s.netPowerUsdPerKwh,
      attackRewardUsdPerHour: securityBudget / 24,
      targetHashrateEhs: respond ? run.target[i] / 1e18 : null,
      marginalHashcostUsdPerPhDay: respond ? run.marginalHashcost[i] : null,
    });
  }
  return rows;
}

export function project(s: ModelInputsV2): ProjectionV2 {
  const run = deterministicRun(s, true);
  return { months: monthRows(s, run), retargets: run.retargets, halvings: run.halvings };
}

/**
 * Δ as a function of P0, for the breakeven BTC price. With λ = 0 the network does not depend on the
 * price and is run once; with λ > 0 each P0 runs its own network (c0 stays, so a higher price calls
 * forth hashrate).
 */
function deltaAtPrice(s: ModelInputsV2, run: NetworkRun): (p0: number) => number {
  const mineRate = s.discountRatePct / 100;
  const hostRate = s.discountRatePivotPct / 100;
  const months = 12 * s.horizonYears;
  return (p0) => {
    const prices = deterministicPrices(p0, s.btcPriceGrowthPctPerYear, months);
    const x = s.networkResponsePctPerMonth > 0 ? runNetwork(s, prices, false).btcPerHashSecond : run.btcPerHashSecond;
    return value(cashFlows(s, x, prices), mineRate, hostRate).delta;
  };
}

export function evaluate(s: ModelInputsV2): EvaluationV2 {
  const mineRate = s.discountRatePct / 100;
  const hostRate = s.discountRatePivotPct / 100;
  const run = deterministicRun(s);
  const flows = cashFlows(s, run.btcPerHashSecond, run.prices);
  const { npvMine, npvPivot, delta } = value(flows, mineRate, hostRate);

  const pivot = flows.pivotMining.map((v, i) => v + flows.pivotHosting[i]);
  const deltaFlows = pivot.map((v, i) => v - flows.mine[i]);
  // The discounted payback discounts each part of ΔCF at its own rate (§7.3).
  const discounted = deltaFlows.map(
    (_, i) =>
      (flows.pivotMining[i] - flows.mine[i]) * discountFactor(mineRate, i + 1) + flows.pivotHosting[i] * discountFactor(hostRate, i + 1),
  );

  // Δ is affine in the lease rate: Δ(L) = Δ(L0) + (L − L0) · slope, the NOI discounted at r_host.
  const slope = npv(flows.noiPerLeaseDollar, hostRate);
  const leaseRate = slope === 0 ? null : s.leaseUsdPerKwMonth - delta / slope;
  const mwYears = s.siteMw * s.horizonYears;
  const mc = s.btcVolatilityPctPerYear > 0 ? monteCarlo(s, run) : null;
  return {
    npv: { mine: npvMine, pivot: npvPivot },
    delta,
    breakeven: { leaseRate, btcPrice: breakevenBtcPrice(deltaAtPrice(s, run)) },
    irr: irr(deltaFlows),
    paybackMonth: paybackMonth(deltaFlows),
    discountedPaybackMonth: paybackMonth(discounted),
    perMwYear: {
      mine: { revenue: flows.revenue.mine / mwYears, ebitda: flows.ebitda.mine / mwYears },
      pivot: { revenue: flows.revenue.pivot / mwYears, ebitda: flows.ebitda.pivot / mwYears },
    },
    cashFlows: { mine: Array.from(flows.mine), pivot: Array.from(pivot) },
    monteCarlo: mc && mc.figures,
    monthsP: mc && mc.monthsP,
  };
}

export const referenceModelV2 = { project, evaluate };
