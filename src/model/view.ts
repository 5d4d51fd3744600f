/**
 * What the explorer shows besides the scenario: the heatmap's axes, metric and month. It travels
 * in links and embeds with the scenario, so its defaults are part of the public format: changing
 * one needs a schema version bump and a migration, like the registry's.
 */
import type { Axis, Metric } from './sweep.ts';

export interface View {
  x: Axis;
  y: Axis;
  metric: Metric;
  /** 1-based month for the hashprice and security-budget metrics. */
  month: number;
}

/** The view a fresh explorer opens on: where pivoting breaks even in lease rate and BTC price. */
export function defaultView(): View {
  return {
    x: { key: 'leaseUsdPerKwMonth', min: 60, max: 220, n: 96, log: false },
    y: { key: 'btcPriceUsd', min: 30_000, max: 250_000, n: 96, log: true },
    metric: 'delta',
    month: 1,
  };
}
