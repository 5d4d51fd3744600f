/**
 * A block of a path-metric map whose paths were split across workers, merged back: each part
 * holds the Δs of a range of the paths (src/kernel/sweep.ts, PathPart), and the metric is taken
 * over all of them as the kernel takes it over one cell's paths (docs/model.md §7.5): the mean
 * summed in path order, the percentile the order statistic at ⌈p·n/100⌉, the probability the share
 * of paths with Δ + shift > 0. So the merged block equals the unsplit one bit for bit.
 */
import type { PathPart } from '../kernel/sweep.ts';
import { PERCENTILES } from '../model/kernel-interface.ts';
import type { ModelInputs } from '../model/keys.ts';
import { MONTE_CARLO_METRICS, type Metric, type SweepSpec } from '../model/sweep.ts';

/** The fewest paths a part is given: below that, splitting costs more than it saves. */
export const MIN_PATHS_PER_PART = 64;

/**
 * Whether a map's paths can be split across workers: a metric over the paths at a volatility above
 * 0, and neither axis the volatility or the number of paths (every cell has the same paths).
 */
export function splitsByPaths(inputs: ModelInputs, spec: SweepSpec): boolean {
  const perCellPaths = (key: string) => key === 'btcVolatilityPctPerYear' || key === 'monteCarloPaths';
  return (
    MONTE_CARLO_METRICS.has(spec.metric) && inputs.btcVolatilityPctPerYear > 0 && !perCellPaths(spec.x.key) && !perCellPaths(spec.y.key)
  );
}

/** Paths 0..paths split into at most `parts` ranges of nearly equal size, none under MIN_PATHS_PER_PART. */
export function pathRanges(paths: number, parts: number): { first: number; count: number }[] {
  const n = Math.max(1, Math.min(parts, Math.floor(paths / MIN_PATHS_PER_PART)));
  return Array.from({ length: n }, (_, i) => {
    const first = Math.floor((i * paths) / n);
    return { first, count: Math.floor(((i + 1) * paths) / n) - first };
  });
}

/** The percentile a metric reads (deltaP5 → 5), or null for the others. */
function percentOf(metric: Metric): number | null {
  const name = metric.replace(/^delta/, '').toLowerCase();
  return Object.hasOwn(PERCENTILES, name) ? PERCENTILES[name as keyof typeof PERCENTILES] : null;
}

/** The metric over one unit's Δs (all paths, path order) at each shift. */
function statistic(metric: Metric, deltas: Float64Array, shift: number, sorted: () => Float64Array): number {
  const n = deltas.length;
  if (metric === 'deltaMean') {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += deltas[j]!;
    return sum / n + shift;
  }
  const pct = percentOf(metric);
  if (pct !== null) return sorted()[Math.max(1, Math.ceil((pct * n) / 100)) - 1]! + shift;
  // probPivotWins: the paths above the first Δ with Δ + shift > 0, by bisection.
  const s = sorted();
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid]! + shift > 0) hi = mid;
    else lo = mid + 1;
  }
  return (n - lo) / n;
}

/** The block's values, rows × nx, x fastest, from its parts (any order; together they cover the paths once). */
export function mergePathParts(metric: Metric, rows: number, nx: number, parts: readonly PathPart[]): Float64Array {
  const ordered = [...parts].sort((a, b) => a.first - b.first);
  const paths = ordered.reduce((sum, p) => sum + p.count, 0);
  const perRow = ordered[0]!.perRow;
  const out = new Float64Array(rows * nx);
  const all = new Float64Array(paths);
  let sortedUnit = -1;
  let sortedDeltas = new Float64Array(0);
  for (let cell = 0; cell < rows * nx; cell++) {
    const unit = perRow ? Math.floor(cell / nx) : cell;
    if (!perRow || cell % nx === 0) {
      let at = 0;
      for (const part of ordered) {
        all.set(part.deltas.subarray(unit * part.count, (unit + 1) * part.count), at);
        at += part.count;
      }
    }
    const sorted = () => {
      if (sortedUnit !== unit) {
        sortedDeltas = all.slice().sort();
        sortedUnit = unit;
      }
      return sortedDeltas;
    };
    out[cell] = statistic(metric, all, ordered[0]!.shifts[cell]!, sorted);
  }
  return out;
}
