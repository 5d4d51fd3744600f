/**
 * Axes as markup, after d3-axis (same structure: a domain line, ticks as groups with a line and a
 * label), with one addition d3-axis leaves to the caller: ticks are chosen so that no two labels
 * overlap and none leaves the space the chart gives it.
 */
import { el, num, text, textWidth } from './svg.ts';

export interface ContinuousScale {
  (v: number): number;
  domain(): number[];
  range(): number[];
  ticks(count?: number): number[];
}

export type Orient = 'bottom' | 'left';

export interface AxisSpec {
  orient: Orient;
  scale: ContinuousScale;
  /** Log axes pick round ticks (1, 5, 2 …) first; linear and time axes thin by count. */
  log?: boolean;
  /** Formats a set of chosen ticks. */
  format(ticks: readonly number[]): (v: number) => string;
  title: string;
  /** Where labels may go, in the axis's own coordinate (pixels along it). */
  bounds: [number, number];
  /** Space the title takes from the axis line: below for bottom, left of it for left. */
  titleOffset: number;
  /** Ticks only within these values (a raster's axis extends half a cell past its first and last value). */
  limits?: [number, number];
  testid?: string;
}

const FONT = 11;
const GAP = 10;
const ROW = FONT + 8;

function maybeOrient(orient: string): Orient {
  if (orient !== 'bottom' && orient !== 'left') throw new Error(`invalid orient: ${orient}`);
  return orient;
}

function fits(spec: AxisSpec, ticks: readonly number[], labels: readonly string[]): boolean {
  const pos = ticks.map((t) => spec.scale(t));
  const [lo, hi] = spec.bounds;
  for (let i = 0; i < ticks.length; i++) {
    const half = spec.orient === 'bottom' ? textWidth(labels[i]!, FONT) / 2 : ROW / 2;
    if (pos[i]! - half < Math.min(lo, hi) - 0.5 || pos[i]! + half > Math.max(lo, hi) + 0.5) return false;
    if (i > 0) {
      const need = spec.orient === 'bottom' ? (textWidth(labels[i - 1]!, FONT) + textWidth(labels[i]!, FONT)) / 2 + GAP : ROW;
      if (Math.abs(pos[i]! - pos[i - 1]!) < need) return false;
    }
  }
  return true;
}

function inDomain(spec: AxisSpec, t: number): boolean {
  const [a, b] = spec.limits ?? spec.scale.domain();
  const lo = Math.min(a!, b!);
  const hi = Math.max(a!, b!);
  const eps = (hi - lo) * 1e-9;
  return t >= lo - eps && t <= hi + eps;
}

/** Log ticks by roundness: 1·10^k first, then 5, 2, 3, and the rest, each kept if it fits. */
function logRank(t: number): number {
  const m = Math.round(t / 10 ** Math.floor(Math.log10(Math.abs(t)) + 1e-9));
  return m === 1 ? 0 : m === 5 ? 1 : m === 2 ? 2 : m === 3 ? 3 : 4;
}

/** The ticks an axis shows: as many as fit without overlapping, at least one where any fits. */
export function chooseTicks(spec: AxisSpec): number[] {
  if (spec.log) {
    const candidates = spec.scale.ticks().filter((t) => inDomain(spec, t));
    const order = [...candidates].sort((a, b) => logRank(a) - logRank(b) || a - b);
    let kept: number[] = [];
    for (const t of order) {
      const trial = [...kept, t].sort((a, b) => a - b);
      const format = spec.format(trial);
      if (fits(spec, trial, trial.map(format))) kept = trial;
    }
    if (kept.length >= 2) return kept;
    // Less than a decade with no round ticks inside: fall back to linear ticks in value space.
  }
  let single: number[] = [];
  for (let count = spec.orient === 'left' ? 6 : 10; count >= 1; count--) {
    const all = (spec.log ? linearTicks(spec.scale, count) : spec.scale.ticks(count)).filter((t) => inDomain(spec, t));
    // A label that would stick out past the end is left out rather than the whole set.
    const format = spec.format(all);
    const ticks = all.filter((t) => fits(spec, [t], [format(t)]));
    if (!fits(spec, ticks, ticks.map(format))) continue;
    if (ticks.length >= 2) return ticks;
    if (single.length === 0) single = ticks;
  }
  // No round ticks fit twice (a short axis over an awkward range): its two ends, to two digits.
  const [a, b] = (spec.limits ?? spec.scale.domain()) as [number, number];
  const ends = [a, b].map((v, k) => {
    const p = 10 ** (Math.floor(Math.log10(Math.abs(v) || 1)) - 1);
    return (k === 0 ? Math.ceil(v / p) : Math.floor(v / p)) * p;
  });
  const format = spec.format(ends);
  if (ends[0]! < ends[1]! && fits(spec, ends, ends.map(format))) return ends;
  return single;
}

function linearTicks(scale: ContinuousScale, count: number): number[] {
  const [a, b] = scale.domain() as [number, number];
  const step = niceStep(Math.abs(b - a) / count);
  const out: number[] = [];
  for (let t = Math.ceil(Math.min(a, b) / step) * step; t <= Math.max(a, b); t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** The axis as a `<g>`, its origin at the axis line's start (bottom: left end; left: top end). */
export function axisSvg(spec: AxisSpec, at: { x: number; y: number }): string {
  const orient = maybeOrient(spec.orient);
  const ticks = chooseTicks(spec);
  const format = spec.format(ticks);
  const [r0, r1] = spec.scale.range() as [number, number];
  const parts: string[] = [];
  if (orient === 'bottom') {
    parts.push(el('path', { class: 'domain', d: `M${num(r0)},0H${num(r1)}`, stroke: 'currentColor' }));
    for (const t of ticks) {
      const x = spec.scale(t);
      parts.push(
        el(
          'g',
          { class: 'tick', transform: `translate(${num(x)},0)` },
          el('line', { y2: 5, stroke: 'currentColor' }),
          el('text', { y: 8, dy: '0.71em', 'text-anchor': 'middle', fill: 'currentColor' }, text(format(t))),
        ),
      );
    }
    parts.push(
      el(
        'text',
        { class: 'title', x: num((r0 + r1) / 2), y: spec.titleOffset, 'text-anchor': 'middle', fill: 'currentColor' },
        text(spec.title),
      ),
    );
  } else {
    parts.push(el('path', { class: 'domain', d: `M0,${num(r0)}V${num(r1)}`, stroke: 'currentColor' }));
    for (const t of ticks) {
      const y = spec.scale(t);
      parts.push(
        el(
          'g',
          { class: 'tick', transform: `translate(0,${num(y)})` },
          el('line', { x2: -5, stroke: 'currentColor' }),
          el('text', { x: -8, dy: '0.32em', 'text-anchor': 'end', fill: 'currentColor' }, text(format(t))),
        ),
      );
    }
    const mid = (r0 + r1) / 2;
    parts.push(
      el(
        'text',
        {
          class: 'title',
          transform: `translate(${num(-spec.titleOffset)},${num(mid)}) rotate(-90)`,
          dy: '0.71em',
          'text-anchor': 'middle',
          fill: 'currentColor',
        },
        text(spec.title),
      ),
    );
  }
  return el(
    'g',
    { class: `axis axis-${orient}`, 'data-testid': spec.testid, transform: `translate(${num(at.x)},${num(at.y)})`, 'font-size': FONT },
    ...parts,
  );
}

/** How wide the left axis's labels are for these ticks (to size the margin before drawing). */
export function labelWidth(spec: AxisSpec): number {
  const ticks = chooseTicks(spec);
  const format = spec.format(ticks);
  return Math.max(0, ...ticks.map((t) => textWidth(format(t), FONT)));
}
