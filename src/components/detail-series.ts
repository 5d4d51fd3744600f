/**
 * The detail view's time series, as chart specs for src/charts/series.ts: network (hashrate,
 * difficulty with retargets and halvings, hashprice) and money (monthly cash flow of both paths,
 * cumulative Δ plain and discounted with the paybacks).
 */
import type { SeriesSpec } from '../charts/series.ts';
import type { Evaluation, Projection } from '../model/results.ts';
import { MONTH_SECONDS, type ModelInputs } from '../model/keys.ts';

export interface SeriesChart {
  id: string;
  title: string;
  spec: Omit<SeriesSpec, 'width' | 'height' | 'startMs'>;
}

const MID = (m: number) => (m - 0.5) * MONTH_SECONDS;
const END = (m: number) => m * MONTH_SECONDS;

/** Σ of the monthly Δ (pivot − mine) to each month's end, discounted at `ratePct` a year (0: plain). */
export function cumulativeDelta(ev: Evaluation, ratePct = 0): [number, number][] {
  const out: [number, number][] = [];
  let sum = 0;
  ev.cashFlows.pivot.forEach((p, k) => {
    const m = k + 1;
    sum += (p - (ev.cashFlows.mine[k] ?? 0)) * (1 + ratePct / 100) ** (-m / 12);
    out.push([END(m), sum]);
  });
  return out;
}

export function seriesCharts(inputs: ModelInputs, projection: Projection, ev: Evaluation): SeriesChart[] {
  const months = projection.months;
  const endSeconds = inputs.horizonYears * 12 * MONTH_SECONDS;
  const halvings = projection.halvings.map((h) => ({ seconds: h.seconds, label: `halving → ${h.subsidyBtc} BTC` }));
  const rug = { seconds: projection.retargets.map((r) => r.seconds), label: `${projection.retargets.length} difficulty retargets` };
  const difficulty: [number, number][] = [[0, inputs.startDifficulty]];
  for (const r of projection.retargets) difficulty.push([r.seconds, r.difficulty]);

  const plain = cumulativeDelta(ev);
  const discounted = cumulativeDelta(ev, inputs.discountRatePct);
  const marks = [];
  if (ev.paybackMonth !== null)
    marks.push({ seconds: END(ev.paybackMonth), value: plain[ev.paybackMonth - 1]?.[1] ?? 0, label: `payback, month ${ev.paybackMonth}` });
  if (ev.discountedPaybackMonth !== null)
    marks.push({
      seconds: END(ev.discountedPaybackMonth),
      value: discounted[ev.discountedPaybackMonth - 1]?.[1] ?? 0,
      label: `discounted, month ${ev.discountedPaybackMonth}`,
    });

  return [
    {
      id: 'hashrate',
      title: 'Network hashrate (monthly mean)',
      spec: {
        endSeconds,
        unit: 'EH/s',
        lines: [{ name: 'EH/s', points: months.map((row) => [MID(row.month), row.hashrateEhs]), color: 'var(--series-network, #1b7a5a)' }],
        rules: halvings,
      },
    },
    {
      id: 'difficulty',
      title: 'Difficulty, with retargets (ticks) and halvings',
      spec: {
        endSeconds,
        unit: '',
        lines: [{ name: 'difficulty', points: difficulty, color: 'var(--series-network, #1b7a5a)', step: true }],
        rules: halvings,
        rug,
      },
    },
    {
      id: 'hashprice',
      title: 'Hashprice',
      spec: {
        endSeconds,
        unit: 'USD/PH/day',
        lines: [
          {
            name: '$/PH/day',
            points: months.map((row) => [MID(row.month), row.hashpriceUsdPerPhDay]),
            color: 'var(--series-network, #1b7a5a)',
          },
        ],
        rules: halvings,
        zero: true,
      },
    },
    {
      id: 'cashflow',
      title: 'Monthly cash flow of each path',
      spec: {
        endSeconds,
        unit: 'USD',
        zero: true,
        lines: [
          { name: 'keep mining', points: ev.cashFlows.mine.map((v, k) => [END(k + 1), v]), color: 'var(--series-mine, #c75000)' },
          { name: 'pivot', points: ev.cashFlows.pivot.map((v, k) => [END(k + 1), v]), color: 'var(--series-pivot, #6a3d9a)' },
        ],
        rules: halvings,
      },
    },
    {
      id: 'cumulative',
      title: 'Cumulative Δ cash flow (pivot − mining), with paybacks',
      spec: {
        endSeconds,
        unit: 'USD',
        zero: true,
        lines: [
          { name: 'cumulative Δ', points: plain, color: 'var(--series-delta, #0068a8)' },
          { name: 'discounted', points: discounted, color: 'var(--series-delta, #0068a8)', dashed: true },
        ],
        marks,
      },
    },
  ];
}
