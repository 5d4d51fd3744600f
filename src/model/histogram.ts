/** A histogram of Δ over the price paths (src/kernel/distribution.ts computes it) and its bins. */

export interface DeltaHistogram {
  /** bins + 1 edges in USD, ascending. */
  edges: number[];
  /** Paths with Δ in (edges[i], edges[i + 1]]. */
  counts: number[];
  /** Paths with Δ ≤ edges[0], and with Δ > the last edge. */
  below: number;
  above: number;
  paths: number;
}

/** Evenly spaced edges from the 5th to the 95th percentile, widened by `margin` of that spread on each side. */
export function histogramEdges(p5: number, p95: number, bins: number, margin = 0.6): number[] {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new Error(`invalid bins: ${bins}`);
  let spread = p95 - p5;
  if (!(spread > 0)) spread = Math.max(Math.abs(p5) * 0.1, 1);
  const lo = p5 - margin * spread;
  const hi = p95 + margin * spread;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
}
