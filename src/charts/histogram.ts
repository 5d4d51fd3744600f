/**
 * A histogram of Δ over the price paths: one bar per bin, coloured by which path wins there, with
 * labelled rules at the 5th, 50th and 95th percentiles and at 0 (where the pivot starts to win).
 */
import { scaleLinear } from 'd3';
import type { DeltaHistogram } from '../model/histogram.ts';
import { axisSvg, labelWidth, type AxisSpec, type ContinuousScale } from './axis.ts';
import { tickFormat } from './format.ts';
import { chartRoot, el, num, text, textWidth } from './svg.ts';

export interface HistogramSpec {
  width: number;
  height: number;
  histogram: DeltaHistogram;
  /** Labelled vertical rules (the percentiles), USD. */
  rules: { value: number; label: string }[];
  testid?: string;
  /** The chart in words: the SVG's accessible name and its `<title>`. */
  label?: string;
}

const FONT = 11;

function maybeHistogram(h: DeltaHistogram): DeltaHistogram {
  const ok =
    h.edges.length === h.counts.length + 1 &&
    h.counts.length >= 1 &&
    h.edges.every((e, i) => Number.isFinite(e) && (i === 0 || e > h.edges[i - 1]!)) &&
    h.counts.every((c) => Number.isInteger(c) && c >= 0);
  if (!ok) throw new Error(`invalid histogram: ${h.counts.length} counts, ${h.edges.length} edges`);
  return h;
}

export function histogramSvg(spec: HistogramSpec): string {
  const { edges, counts } = maybeHistogram(spec.histogram);
  const { width, height } = spec;
  if (!(width > 0 && height > 0)) throw new Error(`invalid size: ${width}×${height}`);
  const top = 20 + 12 * 2;
  const bottom = 24;
  const right = 14;
  const plotHeight = Math.max(40, height - top - bottom);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...counts)])
    .nice(4)
    .range([plotHeight, 0]);
  const yAxis: AxisSpec = {
    orient: 'left',
    scale: y as unknown as ContinuousScale,
    format: () => (v) => String(v),
    title: '',
    bounds: [-top + 6, plotHeight + 10],
    titleOffset: 0,
  };
  const left = Math.ceil(labelWidth(yAxis)) + 12;
  const plotWidth = Math.max(60, width - left - right);
  const x = scaleLinear()
    .domain([edges[0]!, edges[edges.length - 1]!])
    .range([0, plotWidth]);
  const xAxis: AxisSpec = {
    orient: 'bottom',
    scale: x as unknown as ContinuousScale,
    format: (ticks) => tickFormat('USD', ticks),
    title: '',
    bounds: [-left + 2, plotWidth + right - 2],
    titleOffset: 0,
  };
  const parts = [axisSvg(xAxis, { x: left, y: top + plotHeight }), axisSvg(yAxis, { x: left, y: top })];
  counts.forEach((c, i) => {
    if (c === 0) return;
    const [a, b] = [x(edges[i]!), x(edges[i + 1]!)];
    const wins = (edges[i]! + edges[i + 1]!) / 2 > 0;
    parts.push(
      el('rect', {
        class: wins ? 'bar pivot' : 'bar mine',
        x: num(left + a + 0.5),
        y: num(top + y(c)),
        width: num(Math.max(0.5, b - a - 1)),
        height: num(plotHeight - y(c)),
        fill: wins ? 'var(--series-pivot, #6a3d9a)' : 'var(--series-mine, #c75000)',
        'fill-opacity': 0.75,
      }),
    );
  });
  // Rules with their labels stacked in rows above the plot where they would collide.
  const taken: [number, number][][] = [];
  const rules = [...spec.rules]
    .filter((r) => r.value >= edges[0]! && r.value <= edges[edges.length - 1]!)
    .sort((a, b) => a.value - b.value);
  for (const rule of rules) {
    const px = left + x(rule.value);
    const w = textWidth(rule.label, FONT);
    const anchorEnd = px + 3 + w > left + plotWidth;
    const span: [number, number] = anchorEnd ? [px - 3 - w, px - 3] : [px + 3, px + 3 + w];
    let row = taken.findIndex((spans) => spans.every(([s, e]) => span[1] + 4 < s || span[0] > e + 4));
    if (row < 0) row = taken.push([]) - 1;
    taken[row]!.push(span);
    parts.push(
      el(
        'g',
        { class: 'rule' },
        el('path', { d: `M${num(px)},${num(top - 4)}v${num(plotHeight + 4)}`, stroke: 'currentColor', 'stroke-dasharray': '3 3' }),
        el(
          'text',
          {
            x: num(anchorEnd ? px - 3 : px + 3),
            y: top - 6 - 12 * row,
            'text-anchor': anchorEnd ? 'end' : 'start',
            fill: 'currentColor',
            'font-size': FONT,
          },
          text(rule.label),
        ),
      ),
    );
  }
  return chartRoot({ class: 'histogram', testid: spec.testid, width, height, label: spec.label }, ...parts);
}
