/**
 * Every version-1 sweep metric of one scenario from the version-1 plain-TS reference
 * (src/kernel/reference.ts), with its network projection shared between the cells that have the
 * same one. The reference walks every block (≈ 15 ms a simulated year), so a 64×64 grid is
 * affordable only when its cells share projections; the economics on top of a projection is cheap.
 *
 * The reference exports its projection, its cash flows and its searches but not its NPV or its
 * Δ-at-a-price, so those two lines are written out here exactly as reference.ts writes them
 * (`(1 + r) ** (−m/12)`, the months re-priced from P0); `metricsOfEvaluate` reads the same metrics
 * from the reference's own evaluate and project, and the tests check that the two agree exactly.
 */
import type { ModelInputs } from '../../src/model/keys.ts';
import { REGISTRY } from '../../src/model/registry/index.ts';
import {
  breakevenBtcPrice,
  cashFlows,
  irr,
  paybackMonth,
  projectNetwork,
  referenceModel,
  type NetworkMonths,
} from '../../src/kernel/reference.ts';
import type { V1Metric } from './sweep-cells.ts';

/**
 * The keys the reference's projectNetwork reads: those whose change invalidates the kernel's
 * network or price stage (the reference's month rows carry prices and hashprices).
 */
const PROJECTION_KEYS = REGISTRY.filter((p) => p.stages.includes('network') || p.stages.includes('prices')).map((p) => p.key);

/** The version-1 metrics of one cell; hashprice and securityBudget at each requested month. */
export type CellMetrics = Record<'delta' | 'npvMine' | 'npvPivot', number> &
  Record<Exclude<V1Metric, 'hashprice' | 'securityBudget' | 'delta' | 'npvMine' | 'npvPivot'>, number | null> & {
    hashprice: Record<number, number>;
    securityBudget: Record<number, number>;
  };

const npv = (flows: readonly number[], rate: number) => flows.reduce((acc, cf, i) => acc + cf * (1 + rate) ** (-(i + 1) / 12), 0);

export class ReferenceCells {
  private readonly cache = new Map<string, NetworkMonths>();
  /** Projections computed (for the test's own check that the cells shared them). */
  projections = 0;

  network(s: ModelInputs): NetworkMonths {
    const key = PROJECTION_KEYS.map((k) => s[k]).join(',');
    let net = this.cache.get(key);
    if (!net) {
      net = projectNetwork(s);
      this.cache.set(key, net);
      this.projections++;
    }
    return net;
  }

  metrics(s: ModelInputs, months: readonly number[]): CellMetrics {
    const net = this.network(s);
    const flows = cashFlows(s, net);
    const r = s.discountRatePct / 100;
    const npvMine = npv(flows.mine, r);
    const npvPivot = npv(flows.pivot, r);
    const delta = npvPivot - npvMine;
    const deltaFlows = flows.pivot.map((v, i) => v - flows.mine[i]);
    const slope = npv(flows.noiPerLeaseDollar, r);
    const growth = 1 + s.btcPriceGrowthPctPerYear / 100;
    const deltaAtPrice = (p0: number) => {
      const rows = net.projection.months.map((row) => ({ ...row, btcPriceUsd: p0 * growth ** ((row.month - 0.5) / 12) }));
      const f = cashFlows(s, { ...net, projection: { ...net.projection, months: rows } });
      return npv(f.pivot, r) - npv(f.mine, r);
    };
    return {
      delta,
      npvMine,
      npvPivot,
      irr: irr(deltaFlows),
      paybackMonth: paybackMonth(deltaFlows),
      breakevenLeaseRate: slope === 0 ? null : s.leaseUsdPerKwMonth - delta / slope,
      breakevenBtcPrice: breakevenBtcPrice(deltaAtPrice),
      hashprice: Object.fromEntries(months.map((m) => [m, net.projection.months[m - 1].hashpriceUsdPerPhDay])),
      securityBudget: Object.fromEntries(months.map((m) => [m, net.projection.months[m - 1].securityBudgetUsdPerDay])),
    };
  }
}

/** The same metrics from the reference's own evaluate and project, for checking the above. */
export function metricsOfEvaluate(s: ModelInputs, months: readonly number[]): CellMetrics {
  const e = referenceModel.evaluate(s);
  const p = referenceModel.project(s);
  return {
    delta: e.delta,
    npvMine: e.npv.mine,
    npvPivot: e.npv.pivot,
    irr: e.irr,
    paybackMonth: e.paybackMonth,
    breakevenLeaseRate: e.breakeven.leaseRate,
    breakevenBtcPrice: e.breakeven.btcPrice,
    hashprice: Object.fromEntries(months.map((m) => [m, p.months[m - 1].hashpriceUsdPerPhDay])),
    securityBudget: Object.fromEntries(months.map((m) => [m, p.months[m - 1].securityBudgetUsdPerDay])),
  };
}
