/**
 * A time-series chart: lines over calendar time from the scenario's start, with event rules
 * (halvings), a rug of ticks (retargets) and labelled points (paybacks).
 */
import { extent, scaleLinear, scaleUtc, utcFormat } from 'd3';
import { axisSvg, labelWidth, type AxisSpec, type ContinuousScale } from './axis.ts';
import { tickFormat } from './format.ts';
import { chartRoot, el, linePath, num, text, textWidth } from './svg.ts';

export interface SeriesLine {
  name: string;
  /** (seconds after t0, value); null values break the line. */
  points: readonly (readonly [number, number | null])[];
  /** A CSS colour, e.g. `var(--series-mine, #d55e00)`. */
  color: string;
  dashed?: boolean;
  /** A stroke-dasharray of its own (e.g. `1.5 2.5` for dots), so lines of one chart differ by dash as well as by colour. */
  dash?: string;
  /** Hold each value until the next point (a difficulty between retargets). */
  step?: boolean;
}

/** A shaded band between two lines (a fan chart's P5–P95), drawn under the lines. */
export interface SeriesBand {
  name: string;
  /** (seconds after t0, low, high) at each point; a null breaks the band. */
  points: readonly (readonly [number, number | null, number | null])[];
  color: string;
}

export interface SeriesSpec {
  width: number;
  height: number;
  /** t0, ms since 1970 (UTC). */
  startMs: number;
  /** The horizon, seconds after t0. */
  endSeconds: number;
  unit: string;
  lines: SeriesLine[];
  bands?: SeriesBand[];
  /** Vertical rules with a label at the top (halvings). */
  rules?: { seconds: number; label: string }[];
  /** Small ticks along the bottom of the plot (retargets). */
  rug?: { seconds: number[]; label: string };
  /** Labelled points (paybacks). */
  marks?: { seconds: number; value: number; label: string }[];
  /** Keep 0 in the y domain and draw it. */
  zero?: boolean;
  /**
   * Values below `low` or above `high` (a few months of build cost, an exit value at the horizon,
   * that would flatten everything else) are drawn on the plot's bottom or top edge; the plot then
   * reads `label` and shows a break in the y axis at each clipped edge.
   */
  clip?: { low?: number; high?: number; label: string };
  testid?: string;
  /** The chart in words, for people who cannot see it: the SVG's accessible name and its `<title>`. */
  label?: string;
}

const FONT = 11;
/** The distance between rows of rule labels: more than a line of 11 px text is tall (about 13 px). */
const RULE_ROW = 15;

function maybePositive(name: string, v: number): number {
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`invalid ${name}: ${v}`);
  return v;
}

function dashOf(line: SeriesLine): string | undefined {
  return line.dash ?? (line.dashed ? '5 3' : undefined);
}

/** The plot's box in SVG units as seriesSvg draws it: time runs from t0 at `left` to `endSeconds` at `left + width`. */
export interface SeriesPlot {
  left: number;
  top: number;
  width: number;
  height: number;
  endSeconds: number;
  /** The y axis's domain (bottom, top); a value beyond it is drawn on the plot's edge. */
  yDomain: [number, number];
}

/** Where seriesSvg puts the plot for this spec (the same layout; its SVG is not built). */
export function seriesPlot(spec: SeriesSpec): SeriesPlot {
  const { left, top, plotWidth: width, plotHeight: height, yMin, yMax } = layoutOf(spec);
  return { left, top, width, height, endSeconds: spec.endSeconds, yDomain: [yMin, yMax] };
}

/** The chart's layout: the y domain (clipped), the note under the axis, the key's rows and the plot's box. */
function layoutOf(spec: SeriesSpec) {
  const width = maybePositive('width', spec.width);
  const height = maybePositive('height', spec.height);
  maybePositive('endSeconds', spec.endSeconds);
  let bottom = 24;
  const right = 14;

  const values: number[] = [];
  for (const line of spec.lines) for (const [, v] of line.points) if (v !== null && Number.isFinite(v)) values.push(v);
  for (const band of spec.bands ?? [])
    for (const [, a, b] of band.points) for (const v of [a, b]) if (v !== null && Number.isFinite(v)) values.push(v);
  for (const m of spec.marks ?? []) values.push(m.value);
  if (spec.zero) values.push(0);
  let [lo, hi] = extent(values) as [number | undefined, number | undefined];
  if (lo === undefined || hi === undefined) [lo, hi] = [0, 1];
  const cut = (v: number | undefined) => v !== undefined && Number.isFinite(v) && lo! < v && v < hi!;
  const floored = cut(spec.clip?.low);
  const ceiled = cut(spec.clip?.high) && (!floored || spec.clip!.high! > spec.clip!.low!);
  if (floored) lo = spec.clip!.low!;
  if (ceiled) hi = spec.clip!.high!;
  // The note goes under the x axis, on a line of its own, or a line for each part (split at ", ") when the chart is too narrow.
  const note = !(floored || ceiled)
    ? []
    : textWidth(spec.clip!.label, FONT) <= width - 8
      ? [spec.clip!.label]
      : spec.clip!.label.split(', ');
  bottom += 14 * note.length;
  if (lo === hi) [lo, hi] = [lo - (Math.abs(lo) || 1) * 0.05, hi + (Math.abs(hi) || 1) * 0.05];
  const y0 = scaleLinear().domain([lo, hi]).nice(6);
  const [yMin, yMax] = y0.domain() as [number, number];
  const layout = (top: number) => {
    const plotHeight = Math.max(40, height - top - bottom);
    const yScale = y0.copy().range([plotHeight, 0]) as unknown as ContinuousScale;
    const yAxis: AxisSpec = {
      orient: 'left',
      scale: yScale,
      format: (ticks) => tickFormat(spec.unit, ticks),
      title: '',
      bounds: [-top + 6, plotHeight + 10],
      titleOffset: 0,
    };
    return { top, plotHeight, yScale, yAxis, left: Math.ceil(labelWidth(yAxis)) + 12 };
  };
  let box = layout(26);
  // The key: one row above the plot, wrapped onto more rows when the chart is too narrow for it.
  const keys: { line?: SeriesLine; band?: SeriesBand; x: number; y: number }[] = [];
  let kx = 0;
  let ky = 10;
  const keyed: { line?: SeriesLine; band?: SeriesBand }[] = [
    ...(spec.bands ?? []).map((band) => ({ band })),
    ...spec.lines.map((line) => ({ line })),
  ];
  for (const item of keyed) {
    const w = 20 + textWidth((item.band ?? item.line)!.name, FONT);
    if (kx > 0 && box.left + kx + w > width - right) [kx, ky] = [0, ky + 15];
    keys.push({ ...item, x: kx, y: ky });
    kx += w + 14;
  }
  if (ky > 10) box = layout(16 + ky);
  const plotWidth = Math.max(60, width - box.left - right);
  return { ...box, width, height, right, note, floored, ceiled, lo, hi, yMin, yMax, keys, plotWidth };
}

export function seriesSvg(spec: SeriesSpec): string {
  const { width, height, right, note, floored, ceiled, lo, hi, yMin, yMax, keys, top, plotHeight, yScale, yAxis, left, plotWidth } =
    layoutOf(spec);
  const ms = (s: number) => spec.startMs + s * 1000;
  const time = scaleUtc()
    .domain([ms(0), ms(spec.endSeconds)])
    .range([0, plotWidth]);
  const years = spec.endSeconds / (365.25 * 86400);
  const timeFormat = utcFormat(years > 2.5 ? '%Y' : '%b %Y');
  const xScale = Object.assign((v: number) => time(v), {
    domain: () => time.domain().map(Number),
    range: () => time.range(),
    ticks: (n?: number) => time.ticks(n).map(Number),
  }) as ContinuousScale;
  const xAxis: AxisSpec = {
    orient: 'bottom',
    scale: xScale,
    format: () => (v) => timeFormat(new Date(v)),
    title: '',
    bounds: [-left + 2, plotWidth + right - 2],
    titleOffset: 0,
  };
  const px = (s: number) => left + time(ms(s));
  const py = (v: number) => top + yScale(floored && v < yMin ? yMin : ceiled && v > yMax ? yMax : v);

  const parts: string[] = [axisSvg(xAxis, { x: left, y: top + plotHeight }), axisSvg(yAxis, { x: left, y: top })];
  if (floored || ceiled) {
    // A break in the y axis by each clipped edge, and the note under the x axis, at the right.
    const mark = (y: number) => `M${num(left - 5)},${num(y + 2)}l10,-4M${num(left - 5)},${num(y + 6)}l10,-4`;
    const d = (floored ? mark(top + plotHeight - 8) : '') + (ceiled ? mark(top + 4) : '');
    parts.push(
      el(
        'g',
        { class: 'clip', 'data-testid': 'series-clip' },
        el('path', { d, stroke: 'currentColor' }),
        ...note.map((line, k) =>
          el(
            'text',
            {
              x: num(width - right),
              y: num(height - 3 - 14 * (note.length - 1 - k)),
              'text-anchor': 'end',
              'font-size': FONT,
              fill: 'currentColor',
              'fill-opacity': 0.85,
            },
            text(line),
          ),
        ),
      ),
    );
  }
  // Light horizontal grid at the y ticks would repeat the axis; a zero line is what matters.
  if (spec.zero && lo < 0 && hi > 0) {
    parts.push(
      el('path', { class: 'zero', d: `M${num(left)},${num(py(0))}h${num(plotWidth)}`, stroke: 'currentColor', 'stroke-opacity': 0.5 }),
    );
  }
  // Labels of rules close together go one under the other rather than over each other, a row
  // apart by more than a line of text. A label stays inside the plot: right of its rule, else left
  // of it, else (a narrow chart) shifted along to fit; one wider than the plot is left out.
  const labelRows: [number, number][][] = [];
  const rules = [...(spec.rules ?? [])].sort((a, b) => a.seconds - b.seconds);
  for (const rule of rules) {
    if (rule.seconds < 0 || rule.seconds > spec.endSeconds) continue;
    const x = px(rule.seconds);
    const w = textWidth(rule.label, FONT);
    const fits = w <= plotWidth;
    const anchorEnd = x + 3 + w > left + plotWidth;
    const at = Math.max(left, Math.min(anchorEnd ? x - 3 - w : x + 3, left + plotWidth - w));
    const span: [number, number] = [at, at + w];
    let row = fits ? labelRows.findIndex((taken) => taken.every(([a, b]) => span[1] + 4 < a || span[0] > b + 4)) : -1;
    if (fits && row < 0) row = labelRows.push([]) - 1;
    if (fits) labelRows[row]!.push(span);
    const line = el('path', {
      d: `M${num(x)},${num(top)}v${num(plotHeight)}`,
      stroke: 'currentColor',
      'stroke-dasharray': '3 3',
      'stroke-opacity': 0.7,
    });
    if (!fits) {
      parts.push(el('g', { class: 'rule' }, line, el('title', {}, text(rule.label))));
      continue;
    }
    parts.push(
      el(
        'g',
        { class: 'rule' },
        line,
        el(
          'text',
          {
            x: num(at),
            y: top + 10 + RULE_ROW * row,
            'text-anchor': 'start',
            fill: 'currentColor',
            'font-size': FONT,
            stroke: 'var(--bg, #fff)',
            'stroke-width': 3,
            'paint-order': 'stroke',
          },
          text(rule.label),
        ),
      ),
    );
  }
  if (spec.rug && spec.rug.seconds.length) {
    const d = spec.rug.seconds
      .filter((s) => s >= 0 && s <= spec.endSeconds)
      .map((s) => `M${num(px(s))},${num(top + plotHeight)}v-5`)
      .join('');
    parts.push(el('path', { class: 'rug', d, stroke: 'currentColor', 'stroke-opacity': 0.6 }, el('title', {}, text(spec.rug.label))));
  }
  for (const band of spec.bands ?? []) {
    // Each unbroken run of points is one closed area: along the highs, back along the lows.
    const runs: [number, number, number][][] = [[]];
    for (const [t, a, b] of band.points) {
      if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) runs.push([]);
      else runs[runs.length - 1]!.push([px(t), py(a), py(b)]);
    }
    const d = runs
      .filter((r) => r.length > 1)
      .map((r) => linePath(r.map(([x, , hi]) => [x, hi])) + linePath([...r].reverse().map(([x, lo]) => [x, lo])).replace(/^M/, 'L') + 'Z')
      .join('');
    parts.push(el('path', { class: 'band', d, fill: band.color, 'fill-opacity': 0.22, stroke: 'none' }));
  }
  for (const line of spec.lines) {
    const segments: [number, number][][] = [];
    let run: [number, number][] = [];
    line.points.forEach(([s, v], k) => {
      if (v === null || !Number.isFinite(v)) {
        if (run.length) segments.push(run);
        run = [];
        return;
      }
      const p: [number, number] = [px(s), py(v)];
      if (line.step && run.length) run.push([p[0], run[run.length - 1]![1]]);
      run.push(p);
      if (line.step && k === line.points.length - 1) run.push([left + plotWidth, p[1]]);
    });
    if (run.length) segments.push(run);
    parts.push(
      el('path', {
        class: 'line',
        d: segments.map(linePath).join(''),
        fill: 'none',
        stroke: line.color,
        'stroke-width': 1.75,
        'stroke-dasharray': dashOf(line),
        'stroke-linejoin': 'round',
      }),
    );
  }
  (spec.marks ?? []).forEach((m, k) => {
    const [x, y] = [px(m.seconds), py(m.value)];
    const w = textWidth(m.label, FONT);
    const anchorEnd = x + 6 + w > left + plotWidth;
    const ly = k % 2 === 0 ? Math.max(top + 10, y - 8) : Math.min(top + plotHeight - 8, y + 16);
    parts.push(
      el(
        'g',
        { class: 'mark' },
        el('circle', { cx: num(x), cy: num(y), r: 3.5, fill: 'currentColor' }),
        el(
          'text',
          {
            x: num(anchorEnd ? x - 6 : x + 6),
            y: num(ly),
            'text-anchor': anchorEnd ? 'end' : 'start',
            fill: 'currentColor',
            'font-size': FONT,
            stroke: 'var(--bg, #fff)',
            'stroke-width': 3,
            'paint-order': 'stroke',
          },
          text(m.label),
        ),
      ),
    );
  });
  for (const { line, band, x, y } of keys) {
    parts.push(
      el(
        'g',
        { class: 'key', transform: `translate(${num(left + x)},${y})` },
        band
          ? el('rect', { x: 0, y: -5, width: 16, height: 10, fill: band.color, 'fill-opacity': 0.3 })
          : el('path', { d: 'M0,0h16', stroke: line!.color, 'stroke-width': 2, 'stroke-dasharray': dashOf(line!) }),
        el('text', { x: 20, dy: '0.32em', fill: 'currentColor', 'font-size': FONT }, text((band ?? line)!.name)),
      ),
    );
  }
  return chartRoot({ class: 'series', testid: spec.testid, width, height, label: spec.label }, ...parts);
}
