/**
 * Downloads and embeds from one static render: a chart's SVG markup — the same pure functions
 * that draw the page — framed with its title, the assumptions, the legend and a source line, as
 * one self-contained SVG document. The PNG is that document rasterised at 2× in the browser; the
 * CSVs come from the same arrays (src/model/csv.ts).
 *
 * The texts (title, assumptions, source line) are pure and shared with the embed view, so a
 * download and an embed of the same scenario say the same thing.
 */
import { version } from '../../package.json';
import type { ModelKey } from '../model/keys.ts';
import { ASSUMPTION_KEYS, PARAMS_BY_KEY, REGISTRY, TEXT_PARAMS_BY_KEY, isModelKey } from '../model/registry/index.ts';
import { resolveInputs } from '../model/scenario/resolve.ts';
import type { Scenario } from '../model/scenario/types.ts';
import { MONTE_CARLO_METRICS } from '../model/sweep.ts';
import type { View } from '../model/view.ts';
import type { MetricColor } from './color.ts';
import { lowerFirst } from './describe.ts';
import { formatValue } from './format.ts';
import { heatmapDocument, paintRaster } from './heatmap.ts';
import { metricTitle } from './labels.ts';
import { seriesSvg, type SeriesSpec } from './series.ts';
import { el, num, text, textWidth } from './svg.ts';

export const APP_NAME = 'hashpivot';
/** The version of this build (package.json), named in every source line. */
export const APP_VERSION: string = version;

/** What a chart is named after when nobody gave it a title. */
export function defaultTitle(view: View): string {
  const x = PARAMS_BY_KEY[view.x.key].label;
  const y = PARAMS_BY_KEY[view.y.key].label;
  return `${metricTitle(view.metric, view.month)}, by ${lowerFirst(x)} and ${lowerFirst(y)}`;
}

/** The map's heading on the page: the question it answers for Δ, the metric and its axes for any other. */
export function mapHeading(view: View): string {
  return view.metric === 'delta' ? 'Where pivoting pays' : defaultTitle(view);
}

/**
 * The assumptions a reader needs to read the chart: the registry's assumption keys, then whatever
 * else the scenario sets, less the view's axes (they vary across the chart).
 */
export const KEY_ASSUMPTIONS: readonly ModelKey[] = ASSUMPTION_KEYS;

/** The as-of date of the network state (the scenario's start date), YYYY-MM-DD. */
export function asOfDate(scenario: Scenario): string {
  return (scenario.startDate ?? TEXT_PARAMS_BY_KEY.startDate.default).slice(0, 10);
}

/** `Site power 100 MW; Power price $0.045/kWh; …` — the key assumptions, then the scenario's other keys. */
export function assumptionsText(scenario: Scenario, view?: View): string {
  const inputs = resolveInputs(scenario);
  const axes = new Set<string>(view ? [view.x.key, view.y.key] : []);
  const keys: ModelKey[] = KEY_ASSUMPTIONS.filter((k) => !axes.has(k));
  // A metric over the price paths rests on them: its volatility, number of paths and seed are named too.
  if (view && MONTE_CARLO_METRICS.has(view.metric)) {
    for (const p of REGISTRY) if (p.section === 'uncertainty' && !axes.has(p.key) && !keys.includes(p.key)) keys.push(p.key);
  }
  for (const key of Object.keys(scenario)) {
    if (isModelKey(key) && !axes.has(key) && !keys.includes(key)) keys.push(key);
  }
  const parts = keys.map((k) => {
    const p = PARAMS_BY_KEY[k];
    // A whole number without a unit (the seed) is written out in full: a reader must be able to reproduce it.
    const value = p.integer && p.unit === '' ? String(inputs[k]) : formatValue(p.unit, inputs[k], { sig: 4 });
    return `${p.label} ${value}`;
  });
  return `Assumptions: ${parts.join('; ')}.`;
}

/** `Source: hashpivot 0.1.0, network state as of 2026-01-08` */
export function sourceLine(scenario: Scenario): string {
  return `Source: ${APP_NAME} ${APP_VERSION}, network state as of ${asOfDate(scenario)}`;
}

/** Greedy line breaking by the charts' width estimate; a word longer than a line gets a line of its own. */
export function wrapText(content: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of content.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Makes chart markup stand alone outside the page: a CSS variable with a fallback
 * (`var(--series-mine, #c75000)`) becomes its fallback, since an SVG file has no stylesheet.
 */
export function standalone(svg: string): string {
  return svg.replace(/var\(--[\w-]+,\s*([^()]+(?:\([^()]*\))?)\)/g, (_, fallback: string) => fallback.trim());
}

export interface FigureTexts {
  title: string;
  /** Under the title (an embed's own subtitle). */
  subtitle?: string;
  /** Under the chart, before the source (the assumptions). */
  notes?: string[];
  source: string;
}

export interface Figure {
  svg: string;
  width: number;
  height: number;
}

const PAD = 16;
const INK = '#1b1d21';
const MUTED = '#5c6370';

/**
 * A chart (a complete `<svg>` of `width` × `height`) framed as a figure: title and subtitle above,
 * notes and the source line below, on white, every colour resolved.
 */
export function figureSvg(chart: Figure, texts: FigureTexts): Figure {
  const width = chart.width + 2 * PAD;
  const inner = width - 2 * PAD;
  const parts: string[] = [];
  let y = PAD;
  const block = (content: string, size: number, attrs: Record<string, string | number>, cls: string) => {
    const lines = wrapText(content, inner, size);
    const lineHeight = Math.round(size * 1.3);
    const tspans = lines.map((l, k) => el('tspan', { x: PAD, y: y + size + k * lineHeight }, text(l)));
    parts.push(el('text', { class: cls, 'font-size': size, ...attrs }, ...tspans));
    y += lines.length * lineHeight;
  };
  block(texts.title, 18, { 'font-weight': 700, fill: INK }, 'figure-title');
  if (texts.subtitle) {
    y += 4;
    block(texts.subtitle, 13, { fill: INK }, 'figure-subtitle');
  }
  y += 10;
  // 11 px: the size the charts' layout estimates label widths for.
  parts.push(el('g', { class: 'figure-chart', transform: `translate(${PAD},${num(y)})`, 'font-size': 11 }, chart.svg));
  y += chart.height + 8;
  for (const note of texts.notes ?? []) {
    block(note, 11, { fill: MUTED }, 'figure-note');
    y += 3;
  }
  block(texts.source, 11, { fill: MUTED }, 'figure-source');
  const height = Math.ceil(y + PAD);
  const svg = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
      color: INK,
      role: 'img',
    },
    el('title', {}, text(texts.title)),
    el('rect', { width, height, fill: '#ffffff' }),
    ...parts,
  );
  return { svg: standalone(svg), width, height };
}

/** The size of a downloaded chart (before the figure's frame), px: wide enough for print. */
export const EXPORT_WIDTH = 860;
export const HEATMAP_EXPORT_HEIGHT = 540;
export const SERIES_EXPORT_HEIGHT = 320;

export interface HeatmapFigureSpec {
  scenario: Scenario;
  view: View;
  values: ArrayLike<number>;
  delta: ArrayLike<number> | null;
  color: MetricColor | null;
  /** The raster as an image URL (rasterDataUrl); without it the figure has no cells (tests). */
  raster?: string;
  title?: string;
  subtitle?: string;
}

/** The heatmap as a figure: the same chart as the page, with title, legend, assumptions, source. */
export function heatmapFigure(spec: HeatmapFigureSpec): Figure {
  const inputs = resolveInputs(spec.scenario);
  const chart = heatmapDocument(
    {
      view: spec.view,
      width: EXPORT_WIDTH,
      height: HEATMAP_EXPORT_HEIGHT,
      values: spec.values,
      delta: spec.delta,
      color: spec.color,
      current: { x: inputs[spec.view.x.key], y: inputs[spec.view.y.key] },
      id: 'figure',
    },
    spec.raster,
  );
  return figureSvg(
    { svg: chart, width: EXPORT_WIDTH, height: HEATMAP_EXPORT_HEIGHT },
    {
      title: spec.title || defaultTitle(spec.view),
      subtitle: spec.subtitle,
      notes: [
        assumptionsText(spec.scenario, spec.view),
        'The ringed dot marks the scenario itself; each cell is that scenario with the two axis values changed.',
      ],
      source: sourceLine(spec.scenario),
    },
  );
}

export interface SeriesFigureSpec {
  scenario: Scenario;
  title: string;
  /** The chart as the page draws it (detail-series.ts), less its size and start. */
  spec: Omit<SeriesSpec, 'width' | 'height' | 'startMs'>;
  startMs: number;
  /** What the chart shows when it is not the scenario itself (a heatmap cell). */
  subtitle?: string;
}

/** A time-series chart as a figure; its key (the legend) is drawn by seriesSvg above the plot. */
export function seriesFigure(spec: SeriesFigureSpec): Figure {
  const chart = seriesSvg({ ...spec.spec, width: EXPORT_WIDTH, height: SERIES_EXPORT_HEIGHT, startMs: spec.startMs, testid: undefined });
  return figureSvg(
    { svg: chart, width: EXPORT_WIDTH, height: SERIES_EXPORT_HEIGHT },
    { title: spec.title, subtitle: spec.subtitle, notes: [assumptionsText(spec.scenario)], source: sourceLine(spec.scenario) },
  );
}

// ---------------------------------------------------------------------------------------------
// In the browser

/** The heatmap's raster (nx × ny, y up) as a PNG data: URL, for heatmapDocument's `<image>`. */
export function rasterDataUrl(values: ArrayLike<number>, color: MetricColor, nx: number, ny: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to draw the raster');
  const image = ctx.createImageData(nx, ny);
  paintRaster(image, values, color);
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

/** A figure as PNG at `scale` × its size (2× for print): the SVG drawn into a canvas. */
export async function pngBlob(figure: Figure, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([figure.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(figure.width * scale);
    canvas.height = Math.round(figure.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas to draw the PNG');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Hands a file to the browser's downloads. */
export function saveFile(content: Blob | string, name: string, type = 'text/plain;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
