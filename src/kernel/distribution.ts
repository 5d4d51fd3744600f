/**
 * The distribution of Δ over a scenario's price paths, as a histogram, from what the kernel
 * exports. The kernel keeps every path's Δ only inside a run; what reaches the page is a sweep's
 * probPivotWins with a lease-rate axis: every path's Δ moves by the same (L − L0)·dΔ/dL when the
 * lease moves (the hosting flows do not depend on the price, docs/model.md §7.5), so one run of the
 * paths at L0 gives P(Δ > t) for any number of thresholds t, each cell's L chosen as
 * L0 − t / (dΔ/dL). Counts between thresholds are the histogram's bars, exact (not sampled).
 */
import type { ModelInputs } from '../model/keys.ts';
import { INPUT, METRIC, RESULT } from '../model/kernel-interface.ts';
import type { DeltaHistogram } from '../model/histogram.ts';
import { writeInputs } from './facade.ts';
import type { KernelExports } from './wasm.ts';

/** The sweep's longest axis (assembly/sweep.ts MAX_AXIS), less the cell at L0. */
const MAX_THRESHOLDS = 2047;

/**
 * P(Δ > t) over the scenario's paths for each threshold, as shares of the paths; null when the
 * volatility is 0 or Δ does not move with the lease (no share of the site is leased).
 */
export function shareAbove(k: KernelExports, inputs: ModelInputs, thresholds: readonly number[]): Float64Array | null {
  if (!(inputs.btcVolatilityPctPerYear > 0)) return null;
  if (thresholds.length < 1 || thresholds.length > MAX_THRESHOLDS)
    throw new Error(`invalid thresholds: ${thresholds.length}, 1 to ${MAX_THRESHOLDS}`);
  // dΔ/dL from one deterministic run (it does not depend on the paths).
  writeInputs(k, { ...inputs, btcVolatilityPctPerYear: 0 });
  k.evaluate();
  const slope = new Float64Array(k.memory.buffer, k.resultPtr(), k.N_RESULTS.value)[RESULT.leaseSlope]!;
  if (!(Number.isFinite(slope) && slope !== 0)) return null;
  const l0 = inputs.leaseUsdPerKwMonth;
  const xs = [l0, ...thresholds.map((t) => l0 - t / slope)];
  writeInputs(k, inputs);
  k.sweepBegin();
  new Float64Array(k.memory.buffer, k.sweepAxisPtr(0), xs.length).set(xs);
  // One row: the y key only needs a value, its own (the seed moves nothing but the draw).
  new Float64Array(k.memory.buffer, k.sweepAxisPtr(1), 1)[0] = inputs.monteCarloSeed;
  k.sweepRows(INPUT.leaseUsdPerKwMonth, xs.length, INPUT.monteCarloSeed, 0, 1, METRIC.probPivotWins, 1);
  return new Float64Array(k.memory.buffer, k.sweepReserve(xs.length), xs.length).slice(1);
}

/** The histogram of Δ over the paths between `edges`; null as shareAbove(). */
export function deltaHistogram(k: KernelExports, inputs: ModelInputs, edges: readonly number[]): DeltaHistogram | null {
  const above = shareAbove(k, inputs, edges);
  if (!above) return null;
  const n = inputs.monteCarloPaths;
  const count = (share: number) => Math.round(share * n);
  return {
    edges: [...edges],
    counts: edges.slice(1).map((_, i) => count(above[i]!) - count(above[i + 1]!)),
    below: n - count(above[0]!),
    above: count(above[above.length - 1]!),
    paths: n,
  };
}
