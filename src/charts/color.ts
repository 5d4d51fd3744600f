/**
 * Colour for a heatmap's metric: Δ on a diverging purple–orange scale centred on 0 (purple: the
 * pivot wins; orange: mining wins), every other metric on viridis. Both are readable with the
 * common colour-vision deficiencies and in greyscale. The domain ignores the outer 1 % of cells,
 * so one extreme corner does not wash out the rest.
 */
import { interpolatePuOr, interpolateViridis, quantileSorted, rgb } from 'd3';
import { METRICS, type Metric } from '../model/sweep.ts';

/** Cells with no value (NaN: no IRR, no payback …). */
export const NONE_COLOR = 'rgb(150, 150, 150)';

export interface MetricColor {
  kind: 'diverging' | 'sequential';
  /** The values at the two ends of the scale (diverging: −m and m). */
  lo: number;
  hi: number;
  /** Position on the ramp, 0–1, clamped. */
  t(v: number): number;
  /** The ramp itself, t in 0–1. */
  ramp(t: number): string;
  /** A CSS colour for a value; NONE_COLOR for NaN. */
  color(v: number): string;
  /** Writes a value's RGBA into `out` at `offset` (for ImageData); NaN is translucent grey. */
  write(v: number, out: Uint8ClampedArray, offset: number): void;
}

export function maybeMetric(metric: string): Metric {
  if (!(METRICS as readonly string[]).includes(metric)) throw new Error(`invalid metric: ${metric}`);
  return metric as Metric;
}

function lut(ramp: (t: number) => string): Uint8ClampedArray {
  const table = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = rgb(ramp(i / 255));
    table.set([c.r, c.g, c.b], i * 3);
  }
  return table;
}

const LUTS = new Map<(t: number) => string, Uint8ClampedArray>();

function sortedFinite(values: ArrayLike<number>, map: (v: number) => number = (v) => v): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out.push(map(v));
  }
  return out.sort((a, b) => a - b);
}

/** A colour scale for `metric` fitted to `values` (NaN ignored). */
export function metricColor(metric: Metric | string, values: ArrayLike<number>): MetricColor {
  const m = maybeMetric(metric);
  let kind: MetricColor['kind'];
  let lo: number;
  let hi: number;
  let ramp: (t: number) => string;
  let t: (v: number) => number;
  const clamp = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
  if (m === 'delta') {
    kind = 'diverging';
    const abs = sortedFinite(values, Math.abs);
    const reach = abs.length ? quantileSorted(abs, 0.99)! : 0;
    hi = reach > 0 ? reach : 1;
    lo = -hi;
    // PuOr runs purple (0) to orange (1): positive Δ (pivot wins) is purple.
    ramp = interpolatePuOr;
    t = (v) => clamp(0.5 - (0.5 * v) / hi);
  } else {
    kind = 'sequential';
    const sorted = sortedFinite(values);
    lo = sorted.length ? quantileSorted(sorted, 0.01)! : 0;
    hi = sorted.length ? quantileSorted(sorted, 0.99)! : 1;
    if (!(hi > lo)) {
      const pad = Math.abs(lo) * 0.01 || 1;
      [lo, hi] = [lo - pad, hi + pad];
    }
    ramp = interpolateViridis;
    const [a, b] = [lo, hi];
    t = (v) => clamp((v - a) / (b - a));
  }
  let table = LUTS.get(ramp);
  if (!table) LUTS.set(ramp, (table = lut(ramp)));
  const tab = table;
  return {
    kind,
    lo,
    hi,
    t,
    ramp,
    color: (v) => (Number.isFinite(v) ? ramp(t(v)) : NONE_COLOR),
    write(v, out, offset) {
      if (!Number.isFinite(v)) {
        out[offset] = out[offset + 1] = out[offset + 2] = 150;
        out[offset + 3] = 140;
        return;
      }
      const i = Math.round(t(v) * 255) * 3;
      out[offset] = tab[i]!;
      out[offset + 1] = tab[i + 1]!;
      out[offset + 2] = tab[i + 2]!;
      out[offset + 3] = 255;
    },
  };
}
