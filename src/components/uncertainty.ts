/**
 * The scenario over its price paths in words and chart specs: the probability that the pivot wins,
 * the spread of Δ, the histogram's rules and text alternative, and the fan charts (5th–95th
 * percentile band and median of BTC price, hashprice and hashrate, month by month) for
 * src/charts/series.ts.
 */
import { formatValue, money } from '../charts/format.ts';
import type { DeltaHistogram } from '../model/histogram.ts';
import { MONTH_SECONDS, type ModelInputs } from '../model/keys.ts';
import type { MonteCarloFigures, MonthsPercentiles, Projection } from '../model/results.ts';
import type { SeriesChart } from './detail-series.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** 0.73 → "73 %", 0.997 → "99.7 %"; never "100 %" or "0 %" unless every path or none. */
export function percent(p: number): string {
  const rounded = Math.round(p * 1000) / 10;
  if (p > 0 && p < 1 && rounded >= 100) return 'over 99.9 %';
  if (p > 0 && p < 1 && rounded <= 0) return 'under 0.1 %';
  return `${rounded.toLocaleString('en-US')} %`;
}

/** "The pivot is worth more in 73 % of 1,000 price paths." */
export function probabilitySentence(mc: MonteCarloFigures): string {
  return `The pivot is worth more in ${percent(mc.probPivotWins)} of ${count(mc.paths)} price paths.`;
}

/** "Δ: median −$30M; in 90 % of paths between −$72M and $11M; mean −$29M." */
export function spreadSentence(mc: MonteCarloFigures): string {
  return (
    `Δ over the paths: median ${money(mc.deltaP50)}; in 90 % of them between ${money(mc.deltaP5)} and ${money(mc.deltaP95)}; ` +
    `mean ${money(mc.deltaMean)}.`
  );
}

/** "BTC price volatility 50 %/yr, 1,000 paths, seed 1" — the assumptions the figures rest on. */
export function pathsAssumption(inputs: ModelInputs): string {
  return `BTC price volatility ${formatValue('%/yr', inputs.btcVolatilityPctPerYear)}, ${count(inputs.monteCarloPaths)} paths, seed ${inputs.monteCarloSeed}`;
}

export function histogramRules(mc: MonteCarloFigures): { value: number; label: string }[] {
  return [
    { value: 0, label: 'Δ = 0' },
    { value: mc.deltaP5, label: `P5 ${money(mc.deltaP5)}` },
    { value: mc.deltaP50, label: `P50 ${money(mc.deltaP50)}` },
    { value: mc.deltaP95, label: `P95 ${money(mc.deltaP95)}` },
  ];
}

/** The histogram in words. */
export function histogramText(h: DeltaHistogram, mc: MonteCarloFigures): string {
  const lo = h.edges[0]!;
  const hi = h.edges[h.edges.length - 1]!;
  const peak = h.counts.indexOf(Math.max(...h.counts));
  const outside =
    h.below + h.above > 0
      ? ` ${count(h.below)} paths lie below ${money(lo)} and ${count(h.above)} above ${money(hi)}, outside the chart.`
      : '';
  return (
    `Histogram of Δ over ${count(h.paths)} price paths, ${money(lo)} to ${money(hi)} in ${h.counts.length} bars; ` +
    `most paths between ${money(h.edges[peak]!)} and ${money(h.edges[peak + 1]!)}. ` +
    `5th percentile ${money(mc.deltaP5)}, median ${money(mc.deltaP50)}, 95th percentile ${money(mc.deltaP95)}; ` +
    `Δ is above 0 (the pivot wins) in ${percent(mc.probPivotWins)} of the paths.${outside}`
  );
}

const FANS = [
  { id: 'fan-price', field: 'btcPriceUsd', title: 'BTC price over the paths', unit: 'USD', color: 'var(--series-delta, #0068a8)' },
  {
    id: 'fan-hashprice',
    field: 'hashpriceUsdPerPhDay',
    title: 'Hashprice over the paths',
    unit: 'USD/PH/day',
    color: 'var(--series-network, #1b7a5a)',
  },
  {
    id: 'fan-hashrate',
    field: 'hashrateEhs',
    title: 'Network hashrate over the paths',
    unit: 'EH/s',
    color: 'var(--series-network, #1b7a5a)',
  },
] as const;

const MID = (m: number) => (m - 0.5) * MONTH_SECONDS;

/**
 * The fan charts; `projection` (the deterministic path of the same inputs) adds its line when
 * given. Each chart's `label` is its text alternative.
 */
export function fanCharts(inputs: ModelInputs, p: MonthsPercentiles, projection: Projection | null): (SeriesChart & { label: string })[] {
  const paths = count(inputs.monteCarloPaths);
  return FANS.map(({ id, field, title, unit, color }) => {
    const q = p[field];
    const n = q.p50.length;
    const f = (v: number | undefined) => formatValue(unit, v ?? null);
    const deterministic = projection?.months.map((row) => [MID(row.month), row[field]] as [number, number | null]);
    const label =
      `${title}: the 5th to 95th percentile of ${paths} paths runs from ${f(q.p5[0])}–${f(q.p95[0])} in month 1 ` +
      `to ${f(q.p5[n - 1])}–${f(q.p95[n - 1])} in month ${n}; the median ends at ${f(q.p50[n - 1])}.`;
    return {
      id,
      title,
      label,
      spec: {
        endSeconds: n * MONTH_SECONDS,
        unit,
        bands: [{ name: '5th–95th percentile', color, points: q.p5.map((lo, k) => [MID(k + 1), lo, q.p95[k] ?? null] as const) }],
        lines: [
          { name: 'median', color, points: q.p50.map((v, k) => [MID(k + 1), v] as [number, number]) },
          ...(deterministic ? [{ name: 'one path, no volatility', color: 'currentColor', dash: '2 3', points: deterministic }] : []),
        ],
        label,
      },
    };
  });
}
