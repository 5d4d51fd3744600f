/**
 * The detail view's time series, as chart specs for src/charts/series.ts: network (hashrate,
 * difficulty with retargets and halvings, hashprice) and money (monthly cash flow of both paths,
 * cumulative Δ plain and discounted with the paybacks).
 */
import { money } from '../charts/format.ts';
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

/**
 * Where the monthly cash-flow chart clips: the pivot's build months (its capex) and the last
 * month (the exit values at the horizon) when they reach beyond every other month by more than
 * 1.5 times those months' span; those are drawn on the plot's edge and named in its note.
 */
export function cashFlowClip(inputs: ModelInputs, ev: Evaluation): { low?: number; high?: number; label: string } | undefined {
  const { mine, pivot } = ev.cashFlows;
  const n = pivot.length;
  const [first, last] = [inputs.pivotStartMonth + 1, inputs.pivotStartMonth + inputs.buildMonths];
  const building = (m: number) => m >= first && m <= last;
  const body: number[] = [0];
  mine.forEach((v, k) => k + 1 < n && body.push(v));
  pivot.forEach((v, k) => k + 1 < n && !building(k + 1) && body.push(v));
  const finite = body.filter(Number.isFinite);
  const [lo, hi] = [Math.min(...finite), Math.max(...finite)];
  const span = hi - lo;
  if (!(span > 0)) return undefined;
  const build = pivot.filter((v, k) => building(k + 1) && Number.isFinite(v));
  const ends = [mine[n - 1], pivot[n - 1]].filter((v): v is number => v !== undefined && Number.isFinite(v));
  const buildLow = Math.min(...build);
  const low = Math.min(buildLow, ...ends);
  const endHigh = Math.max(...ends);
  const out: { low?: number; high?: number; label: string } = { label: '' };
  const notes: string[] = [];
  if (low < lo - 1.5 * span) {
    out.low = lo - 0.15 * span;
    notes.push(`${money(low)}/mo (${low === buildLow ? 'build' : 'last month'})`);
  }
  if (endHigh > hi + 1.5 * span) {
    out.high = hi + 0.15 * span;
    notes.push(`${money(endHigh)} (exit value)`);
  }
  if (notes.length === 0) return undefined;
  out.label = `Off the scale: ${notes.join(', ')}`;
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
        clip: cashFlowClip(inputs, ev),
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
