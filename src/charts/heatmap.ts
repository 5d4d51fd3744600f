/**
 * The breakeven heatmap: a raster of one metric over two scenario keys, with axes, a legend, the
 * Δ = 0 line and markers for the current scenario and the chosen cell.
 *
 * Cell (i, j) is centred on the i-th x value and j-th y value, so each axis runs half a cell past
 * its first and last value (in log space on a log axis); the raster then fills the plot exactly and
 * the contour's grid coordinates map to pixels by plain proportion.
 */
import { scaleLinear, scaleLog } from 'd3';
import { PARAMS_BY_KEY } from '../model/registry/index.ts';
import { axisValues, type Axis } from '../model/sweep.ts';
import { timed } from '../model/timing.ts';
import type { View } from '../model/view.ts';
import { axisSvg, labelWidth, type AxisSpec, type ContinuousScale } from './axis.ts';
import { metricColor, type MetricColor } from './color.ts';
import { breakevenSvg, isolines, type Point } from './contour.ts';
import { axisTitle, tickFormat } from './format.ts';
import { metricTitle, metricUnit } from './labels.ts';
import { legendExtra, legendHeight, legendSvg } from './legend.ts';
import { el, num, text } from './svg.ts';

export interface HeatmapSpec {
  view: View;
  /** The whole SVG, px. */
  width: number;
  height: number;
  /** The metric, nx·ny values, x fastest, NaN = none. Null while nothing is computed. */
  values: ArrayLike<number> | null;
  /** Δ for the breakeven line (the same array as `values` when the metric is Δ). */
  delta: ArrayLike<number> | null;
  /** The current scenario's x and y values. */
  current?: { x: number; y: number } | null;
  /** The cell shown in detail. */
  selected?: { i: number; j: number } | null;
  /** Unique per page: prefixes ids. */
  id: string;
  /** The colour scale; by default fitted to `values`. */
  color?: MetricColor | null;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HeatmapLayout {
  width: number;
  height: number;
  plot: Box;
  x: ContinuousScale;
  y: ContinuousScale;
  xAxis: AxisSpec;
  yAxis: AxisSpec;
  xs: Float64Array;
  ys: Float64Array;
  color: MetricColor | null;
  legend: { x: number; y: number; width: number };
  /** Grid coordinates (see contour.ts) to pixels. */
  toPx(p: Point): Point;
  /** The cell under a pixel, or null outside the plot. */
  cellAt(px: number, py: number): { i: number; j: number } | null;
  /** A cell's centre in pixels. */
  cellCentre(i: number, j: number): Point;
}

const MIN_PLOT = 60;

function maybeSize(name: string, v: number): number {
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`invalid ${name}: ${v}`);
  return v;
}

/** A scale over an axis's values, extended half a cell at each end. */
function rasterScale(axis: Axis, range: [number, number]): ContinuousScale {
  if (axis.log) {
    const [a, b] = [Math.log(axis.min), Math.log(axis.max)];
    const h = (b - a) / (axis.n - 1) / 2;
    return scaleLog()
      .domain([Math.exp(a - h), Math.exp(b + h)])
      .range(range) as unknown as ContinuousScale;
  }
  const h = (axis.max - axis.min) / (axis.n - 1) / 2;
  return scaleLinear()
    .domain([axis.min - h, axis.max + h])
    .range(range) as unknown as ContinuousScale;
}

function axisSpec(axis: Axis, scale: ContinuousScale, orient: 'bottom' | 'left', bounds: [number, number], titleOffset: number): AxisSpec {
  const p = PARAMS_BY_KEY[axis.key];
  return {
    orient,
    scale,
    log: axis.log,
    format: (ticks) => tickFormat(p.unit, ticks),
    title: axisTitle(p.label, p.unit),
    bounds,
    titleOffset,
    limits: [axis.min, axis.max],
    testid: orient === 'bottom' ? 'x-axis' : 'y-axis',
  };
}

export function heatmapLayout(spec: HeatmapSpec): HeatmapLayout {
  const width = maybeSize('width', spec.width);
  const height = maybeSize('height', spec.height);
  const { view } = spec;
  const color = spec.color !== undefined ? spec.color : spec.values ? metricColor(view.metric, spec.values) : null;
  // The same room for every legend, so the plot does not jump when the metric changes.
  const top = legendHeight({ ends: ['', ''] }) + 12;
  const bottom = 46;
  const right = 18;
  const plotHeight = Math.max(MIN_PLOT, height - top - bottom);
  const yRange: [number, number] = [top + plotHeight, top];
  const yScale0 = rasterScale(view.y, [plotHeight, 0]);
  const yProbe = axisSpec(view.y, yScale0, 'left', [-top + 14, plotHeight + 14], 0);
  const left = Math.ceil(labelWidth(yProbe)) + 8 + 24;
  const plotWidth = Math.max(MIN_PLOT, width - left - right);
  const plot: Box = { x: left, y: top, width: plotWidth, height: plotHeight };
  const x = rasterScale(view.x, [left, left + plotWidth]);
  const y = rasterScale(view.y, yRange);
  const xAxis = axisSpec(view.x, rasterScale(view.x, [0, plotWidth]), 'bottom', [-left + 4, plotWidth + right - 2], 38);
  const yAxis = axisSpec(view.y, yScale0, 'left', [-top + 14, plotHeight + 14], left - 4);
  const nx = view.x.n;
  const ny = view.y.n;
  const legendWidth = Math.max(80, Math.min(280, plotWidth - legendExtra(true) - 8));
  return {
    width,
    height,
    plot,
    x,
    y,
    xAxis,
    yAxis,
    xs: axisValues(view.x),
    ys: axisValues(view.y),
    color,
    legend: { x: left, y: 0, width: legendWidth },
    toPx: ([gx, gy]) => [left + (gx / nx) * plotWidth, top + plotHeight * (1 - gy / ny)],
    cellAt(px, py) {
      const u = (px - left) / plotWidth;
      const v = 1 - (py - top) / plotHeight;
      if (!(u >= 0 && u < 1 && v >= 0 && v < 1)) return null;
      return { i: Math.min(nx - 1, Math.floor(u * nx)), j: Math.min(ny - 1, Math.floor(v * ny)) };
    },
    cellCentre: (i, j) => [left + ((i + 0.5) / nx) * plotWidth, top + plotHeight * (1 - (j + 0.5) / ny)],
  };
}

function hasNaN(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) return true;
  return false;
}

/** Everything but the raster: axes, legend, breakeven line, markers. */
export function heatmapSvg(spec: HeatmapSpec, layout: HeatmapLayout = heatmapLayout(spec)): string {
  const { plot, view } = { plot: layout.plot, view: spec.view };
  const parts: string[] = [
    axisSvg(layout.xAxis, { x: plot.x, y: plot.y + plot.height }),
    axisSvg(layout.yAxis, { x: plot.x, y: plot.y }),
    el('rect', { class: 'frame', x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: 'none' }),
  ];
  if (layout.color && spec.values) {
    parts.push(
      legendSvg(
        {
          color: layout.color,
          unit: metricUnit(view.metric),
          title: metricTitle(view.metric, view.month),
          width: layout.legend.width,
          hasNone: hasNaN(spec.values),
          ends: view.metric === 'delta' ? ['mining wins', 'pivot wins'] : undefined,
          id: `${spec.id}-ramp`,
        },
        layout.legend,
      ),
    );
  }
  if (spec.selected) {
    const [cx, cy] = layout.cellCentre(spec.selected.i, spec.selected.j);
    const w = Math.max(6, plot.width / view.x.n);
    const h = Math.max(6, plot.height / view.y.n);
    parts.push(
      el('rect', {
        class: 'selected-cell',
        'data-testid': 'selected-cell',
        x: cx - w / 2,
        y: cy - h / 2,
        width: w,
        height: h,
        fill: 'none',
        stroke: '#111',
        'stroke-width': 2,
      }),
    );
  }
  const avoid: Point[] = [];
  if (spec.selected) avoid.push(layout.cellCentre(spec.selected.i, spec.selected.j));
  const cur = spec.current;
  if (cur && Number.isFinite(cur.x) && Number.isFinite(cur.y)) avoid.push([layout.x(cur.x), layout.y(cur.y)]);
  if (spec.delta) {
    parts.push(
      breakevenSvg({
        lines: timed('contour', () => isolines(spec.delta!, view.x.n, view.y.n, 0)),
        toPx: layout.toPx,
        label: 'Δ = 0: breakeven',
        box: plot,
        avoid,
      }),
    );
  }
  if (cur && Number.isFinite(cur.x) && Number.isFinite(cur.y)) {
    const [px, py] = [layout.x(cur.x), layout.y(cur.y)];
    const inside = px >= plot.x && px <= plot.x + plot.width && py >= plot.y && py <= plot.y + plot.height;
    if (inside) {
      parts.push(
        el(
          'g',
          { class: 'current', 'data-testid': 'current-marker', transform: `translate(${num(px)},${num(py)})` },
          el('title', {}, text('The current scenario')),
          el('circle', { r: 7, fill: 'none', stroke: '#fff', 'stroke-width': 4 }),
          el('circle', { r: 7, fill: 'none', stroke: '#111', 'stroke-width': 1.75 }),
          el('circle', { r: 1.75, fill: '#111' }),
        ),
      );
    }
  }
  return parts.join('');
}

/**
 * Paints the metric into an nx × ny image, y up (row 0 of the grid is the image's last row).
 * Rows not yet computed (`filled[j]` false) stay transparent.
 */
export function paintRaster(
  image: { data: Uint8ClampedArray; width: number; height: number },
  values: ArrayLike<number>,
  color: MetricColor,
  filled?: ArrayLike<number | boolean>,
): void {
  const { width: nx, height: ny, data } = image;
  if (values.length !== nx * ny) throw new Error(`invalid image: ${nx}×${ny} for ${values.length} values`);
  for (let j = 0; j < ny; j++) {
    const row = (ny - 1 - j) * nx * 4;
    if (filled && !filled[j]) {
      data.fill(0, row, row + nx * 4);
      continue;
    }
    for (let i = 0; i < nx; i++) color.write(values[j * nx + i]!, data, row + i * 4);
  }
}

/**
 * Draws the grid into `canvas` at one pixel a cell (the canvas takes the grid's size), through
 * paintRaster; without a colour scale yet, the canvas is cleared.
 */
export function drawRaster(
  canvas: HTMLCanvasElement,
  nx: number,
  ny: number,
  values: ArrayLike<number>,
  color: MetricColor | null,
  filled?: ArrayLike<number | boolean>,
): void {
  if (canvas.width !== nx || canvas.height !== ny) [canvas.width, canvas.height] = [nx, ny];
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(nx, ny);
  if (color) paintRaster(image, values, color, filled);
  ctx.putImageData(image, 0, 0);
}

/** The whole chart as one static SVG (export, snapshots); the raster as an image when given. */
export function heatmapDocument(spec: HeatmapSpec, raster?: string): string {
  const layout = heatmapLayout(spec);
  const { plot } = layout;
  const image = raster
    ? el('image', {
        href: raster,
        x: plot.x,
        y: plot.y,
        width: plot.width,
        height: plot.height,
        preserveAspectRatio: 'none',
        style: 'image-rendering:pixelated',
      })
    : '';
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: spec.width,
      height: spec.height,
      viewBox: `0 0 ${num(spec.width)} ${num(spec.height)}`,
      'font-family': 'system-ui, sans-serif',
    },
    image,
    heatmapSvg(spec, layout),
  );
}
