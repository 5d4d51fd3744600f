/**
 * The heatmap in words, for people who cannot see it: where the breakeven line runs and which side
 * wins. Read from the Δ grid directly (linear interpolation along each row), not from the drawing.
 */
import { PARAMS_BY_KEY } from '../model/registry/index.ts';
import type { View } from '../model/view.ts';
import { formatValue, money } from './format.ts';

/** "Lease rate" → "lease rate", but "BTC price" stays. */
export function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** Where Δ crosses 0 along row j, by linear interpolation; x values in order. */
export function rowCrossings(delta: ArrayLike<number>, xs: ArrayLike<number>, j: number): number[] {
  const nx = xs.length;
  const out: number[] = [];
  for (let i = 1; i < nx; i++) {
    const a = delta[j * nx + i - 1]!;
    const b = delta[j * nx + i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (a === 0 && i === 1) out.push(xs[0]!);
    if ((a < 0 && b >= 0) || (a > 0 && b <= 0)) {
      const f = a / (a - b);
      out.push(xs[i - 1]! + f * (xs[i]! - xs[i - 1]!));
    }
  }
  return out;
}

export function describeBreakeven(view: View, xs: ArrayLike<number>, ys: ArrayLike<number>, delta: ArrayLike<number>): string {
  const px = PARAMS_BY_KEY[view.x.key];
  const py = PARAMS_BY_KEY[view.y.key];
  const fx = (v: number) => formatValue(px.unit, v);
  const fy = (v: number) => formatValue(py.unit, v);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < delta.length; k++) {
    const v = delta[k]!;
    if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  if (!(hi >= lo)) return 'No values yet.';
  const range = `Δ runs from ${money(lo)} to ${money(hi)}`;
  if (lo >= 0) return `Pivoting wins everywhere on this map (${range}): there is no breakeven here.`;
  if (hi <= 0) return `Keeping mining wins everywhere on this map (${range}): there is no breakeven here.`;
  const ny = ys.length;
  const rows = [...new Set([0, Math.round((ny - 1) / 4), Math.round((ny - 1) / 2), Math.round((3 * (ny - 1)) / 4), ny - 1])];
  const parts = rows.map((j) => {
    const c = rowCrossings(delta, xs, j);
    const at = `at ${lowerFirst(py.label)} ${fy(ys[j]!)}`;
    if (c.length === 0) {
      const side = delta[j * xs.length]! > 0 ? 'pivoting wins' : 'mining wins';
      return `${at}, ${side} across the whole range`;
    }
    return `${at}, ${fx(c[0]!)}${c.length > 1 ? ` (and ${c.length - 1} more crossing${c.length > 2 ? 's' : ''})` : ''}`;
  });
  // Which side of the line wins: compare the two ends of a row that crosses.
  const j = rows.find((r) => rowCrossings(delta, xs, r).length > 0) ?? 0;
  const left = delta[j * xs.length]!;
  const side =
    left < 0
      ? `Pivoting wins at higher ${lowerFirst(px.label)} (right of the line), mining at lower.`
      : `Pivoting wins at lower ${lowerFirst(px.label)} (left of the line), mining at higher.`;
  return `The breakeven line (Δ = 0) crosses ${lowerFirst(px.label)}: ${parts.join('; ')}. ${side} ${range}.`;
}
