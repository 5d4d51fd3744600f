/** What the metrics are called on the page, and their units (the sweep's, in METRIC_UNITS). */
import { METRIC_UNITS, MONTH_METRICS, type Metric } from '../model/sweep.ts';

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
  attackHardware: 'Hardware to match the network',
  attackPowerPerHour: "Power for an hour of the network's hashrate",
  attackRewardPerHour: 'What the network earns in an hour',
  probPivotWins: 'Probability the pivot wins',
  deltaMean: 'Mean Δ NPV over price paths',
  deltaP5: 'Δ NPV, 5th percentile of price paths',
  deltaP50: 'Δ NPV, median of price paths',
  deltaP95: 'Δ NPV, 95th percentile of price paths',
};

/** The metric's title, with the month for the per-month metrics. */
export function metricTitle(metric: Metric, month: number): string {
  const base = METRIC_LABELS[metric];
  return MONTH_METRICS.has(metric) ? `${base}, month ${month}` : base;
}

export function metricUnit(metric: Metric): string {
  return METRIC_UNITS[metric];
}
