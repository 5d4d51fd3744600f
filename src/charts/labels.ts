/** What the metrics are called on the page, and their units (the sweep's, in METRIC_UNITS). */
import { METRIC_UNITS, type Metric } from '../model/sweep.ts';

export const METRIC_LABELS: Record<Metric, string> = {
  delta: 'Δ NPV, pivot − keep mining',
  npvMine: 'NPV, keep mining',
  npvPivot: 'NPV, pivot',
  irr: "IRR of the pivot's extra cash flows",
  paybackMonth: 'Payback month of the pivot',
  breakevenLeaseRate: 'Breakeven lease rate',
  breakevenBtcPrice: 'Breakeven BTC price',
  hashprice: 'Hashprice',
  securityBudget: 'Security budget',
};

/** The metric's title, with the month for the per-month metrics. */
export function metricTitle(metric: Metric, month: number): string {
  const base = METRIC_LABELS[metric];
  return metric === 'hashprice' || metric === 'securityBudget' ? `${base}, month ${month}` : base;
}

export function metricUnit(metric: Metric): string {
  return METRIC_UNITS[metric];
}
