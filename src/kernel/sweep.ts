/**
 * Running sweeps on the WASM kernel, row block by row block. The kernel writes NaN for "none";
 * the grid stays a Float64Array (NaN inside), and the edges (CLI, CSV, JSON, UI) turn it into
 * null or an empty field.
 */
import type { ModelInputs } from '../model/keys.ts';
import { INPUT, METRIC } from '../model/kernel-interface.ts';
import { axisValues, type SweepSpec } from '../model/sweep.ts';
import { writeInputs } from './facade.ts';
import type { KernelExports } from './wasm.ts';

/** sweepAxisPtr's argument: the x axis's values, or the y axis's. */
const AXIS = { x: 0, y: 1 } as const;

export interface Sweeper {
  /** Prepares the kernel for `spec` around `inputs`; then rows() computes any block of rows. */
  begin(inputs: ModelInputs, spec: SweepSpec): void;
  /** Rows [start, end) of the begun sweep, x varying fastest. */
  rows(start: number, end: number): Float64Array;
  /** Rows [start, end) of a begun path-metric sweep over paths [first, first + count) alone (PathPart). */
  pathRows(start: number, end: number, first: number, count: number): PathPart;
}

/**
 * A block's share of a path metric: the Δs of paths [first, first + count) for each unit, in path
 * order (unit u's at [u·count, (u+1)·count)), a unit being a row of the block when a lease axis
 * moves every path's Δ alike (`perRow`), else a cell; and each cell's shift, added to its unit's Δs.
 * src/worker/path-parts.ts merges a block's parts into the metric.
 */
export interface PathPart {
  first: number;
  count: number;
  perRow: boolean;
  shifts: Float64Array;
  deltas: Float64Array;
}

export function createSweeper(k: KernelExports): Sweeper {
  let current: { xKey: number; yKey: number; nx: number; metric: number; month: number } | null = null;
  return {
    begin(inputs, spec) {
      writeInputs(k, inputs);
      k.sweepBegin();
      const xs = axisValues(spec.x);
      const ys = axisValues(spec.y);
      new Float64Array(k.memory.buffer, k.sweepAxisPtr(AXIS.x), xs.length).set(xs);
      new Float64Array(k.memory.buffer, k.sweepAxisPtr(AXIS.y), ys.length).set(ys);
      current = {
        xKey: INPUT[spec.x.key],
        yKey: INPUT[spec.y.key],
        nx: spec.x.n,
        metric: METRIC[spec.metric],
        month: spec.month,
      };
    },
    pathRows(start, end, first, count) {
      if (!current) throw new Error('sweep: pathRows() before begin()');
      const { xKey, yKey, nx, metric, month } = current;
      const units = k.sweepPathRows(xKey, nx, yKey, start, end, metric, month, first, count);
      const cells = (end - start) * nx;
      // Pointers are u32 and arrive signed past 2 GB of memory: read them with >>> 0.
      const shifts = new Float64Array(k.memory.buffer, k.sweepReserve(cells) >>> 0, cells).slice();
      const deltas = new Float64Array(k.memory.buffer, k.sweepPathsPtr() >>> 0, units * count).slice();
      return { first, count, perRow: units === end - start, shifts, deltas };
    },
    rows(start, end) {
      if (!current) throw new Error('sweep: rows() before begin()');
      const { xKey, yKey, nx, metric, month } = current;
      k.sweepRows(xKey, nx, yKey, start, end, metric, month);
      const ptr = k.sweepReserve((end - start) * nx) >>> 0;
      return new Float64Array(k.memory.buffer, ptr, (end - start) * nx).slice();
    },
  };
}

/** The whole grid at once (CLI, tests, benchmark). */
export function sweepGrid(sweeper: Sweeper, inputs: ModelInputs, spec: SweepSpec): Float64Array {
  sweeper.begin(inputs, spec);
  return sweeper.rows(0, spec.y.n);
}
