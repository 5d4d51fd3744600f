/**
 * The heatmap in words, for people who cannot see it: where the breakeven line runs and which side
 * wins. Read from the Δ grid directly (linear interpolation along each row), not from the drawing.
 */
import { PARAMS_BY_KEY } from '../model/registry/index.ts';
import { axisValues } from '../model/sweep.ts';
import type { View } from '../model/view.ts';
import { formatValue, money } from './format.ts';
import { metricTitle, metricUnit } from './labels.ts';

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

/** Where a grid value sits, in words: "lease rate $60/kW-mo, BTC price $30k". */
function cellWords(view: View, xs: ArrayLike<number>, ys: ArrayLike<number>, k: number): string {
  const px = PARAMS_BY_KEY[view.x.key];
  const py = PARAMS_BY_KEY[view.y.key];
  const [i, j] = [k % xs.length, Math.floor(k / xs.length)];
  return `${lowerFirst(px.label)} ${formatValue(px.unit, xs[i]!)}, ${lowerFirst(py.label)} ${formatValue(py.unit, ys[j]!)}`;
}

/**
 * A map of any metric in words: its range, where its lowest and highest values lie, and how many
 * points have none. Says nothing of the pivot's breakeven: that is describeBreakeven's, for Δ.
 */
export function describeValues(view: View, xs: ArrayLike<number>, ys: ArrayLike<number>, values: ArrayLike<number>): string {
  const title = metricTitle(view.metric, view.month);
  const unit = metricUnit(view.metric);
  let [lo, hi, kLo, kHi, none] = [Infinity, -Infinity, -1, -1, 0];
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) none++;
    else {
      if (v < lo) [lo, kLo] = [v, k];
      if (v > hi) [hi, kHi] = [v, k];
    }
  }
  if (kLo < 0) return `${title}: no point of this map has a value.`;
  const where = (k: number) => cellWords(view, xs, ys, k);
  const range =
    lo === hi
      ? `${title} is ${formatValue(unit, lo)} across this map.`
      : `${title} runs from ${formatValue(unit, lo)} (at ${where(kLo)}) to ${formatValue(unit, hi)} (at ${where(kHi)}).`;
  return none === 0 ? range : `${range} ${none} of ${values.length} points have none.`;
}

/** The map in words, following its metric: the breakeven line for Δ, the values for any other. */
export function describeMap(view: View, xs: ArrayLike<number>, ys: ArrayLike<number>, values: ArrayLike<number>): string {
  return view.metric === 'delta' ? describeBreakeven(view, xs, ys, values) : describeValues(view, xs, ys, values);
}

/** The scenario's breakevens as `evaluate` solves them (docs/model.md §5.3), in a sentence. */
export function breakevenSentence(leaseRate: number | null, btcPrice: number | null): string {
  const lease =
    leaseRate === null
      ? 'no lease rate makes the two paths equal'
      : leaseRate < 0
        ? 'pivoting would win even rent-free'
        : `pivoting breaks even at a lease rate of ${formatValue('USD/kW-month', leaseRate, { sig: 4 })}`;
  const btc =
    btcPrice === null
      ? 'no BTC price from $1 to $100M changes which path wins'
      : `pivoting is ahead while BTC starts below ${formatValue('USD', btcPrice, { sig: 4 })}, mining above it`;
  return `For the scenario marked on the map, ${lease}; ${btc}.`;
}

/**
 * The text alternative of a published chart, from its numbers: what it shows, the map in words
 * (describeMap), and for the Δ map the scenario's breakevens as `evaluate` gives them.
 */
export function chartDescription(
  view: View,
  values: ArrayLike<number>,
  breakeven: { leaseRate: number | null; btcPrice: number | null } | null,
): string {
  const px = PARAMS_BY_KEY[view.x.key];
  const py = PARAMS_BY_KEY[view.y.key];
  const span = (label: string, unit: string, a: { min: number; max: number }) =>
    `${lowerFirst(label)} from ${formatValue(unit, a.min)} to ${formatValue(unit, a.max)}`;
  const what = `A map of ${lowerFirst(metricTitle(view.metric, view.month))} over ${span(px.label, px.unit, view.x)} and ${span(py.label, py.unit, view.y)}.`;
  const words = describeMap(view, axisValues(view.x), axisValues(view.y), values);
  const scenario = view.metric === 'delta' && breakeven ? ` ${breakevenSentence(breakeven.leaseRate, breakeven.btcPrice)}` : '';
  return `${what} ${words}${scenario}`;
}

/** Every `step`-th index of 0 … n − 1, and always the last: the rows or columns a grid's table shows. */
export function sampledIndices(n: number, step: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}
