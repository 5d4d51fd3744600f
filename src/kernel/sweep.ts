/**
 * Running sweeps on the WASM kernel, row block by row block. The kernel writes NaN for "none";
 * the grid stays a Float64Array (NaN inside), and the edges (CLI, CSV, JSON, UI) turn it into
 * null or an empty field.
 */
import { MODEL_KEYS, type ModelInputs } from '../model/keys.ts';
import { METRICS, axisValues, type SweepSpec } from '../model/sweep.ts';
import type { KernelExports } from './wasm.ts';

interface SweepExports {
  memory: WebAssembly.Memory;
  inputPtr(): number;
  sweepAxisPtr(which: number): number;
  sweepBegin(): void;
  sweepReserve(cells: number): number;
  sweepRows(xKey: number, nx: number, yKey: number, rowStart: number, rowEnd: number, metric: number, month: number): void;
}

export interface Sweeper {
  /** Prepares the kernel for `spec` around `inputs`; then rows() computes any block of rows. */
  begin(inputs: ModelInputs, spec: SweepSpec): void;
  /** Rows [start, end) of the begun sweep, x varying fastest. */
  rows(start: number, end: number): Float64Array;
}

export function createSweeper(raw: KernelExports): Sweeper {
  const k = raw as unknown as SweepExports;
  let current: { xKey: number; yKey: number; nx: number; metric: number; month: number } | null = null;
  return {
    begin(inputs, spec) {
      const block = new Float64Array(k.memory.buffer, k.inputPtr(), MODEL_KEYS.length);
      MODEL_KEYS.forEach((key, i) => (block[i] = inputs[key]));
      k.sweepBegin();
      const xs = axisValues(spec.x);
      const ys = axisValues(spec.y);
      new Float64Array(k.memory.buffer, k.sweepAxisPtr(0), xs.length).set(xs);
      new Float64Array(k.memory.buffer, k.sweepAxisPtr(1), ys.length).set(ys);
      current = {
        xKey: MODEL_KEYS.indexOf(spec.x.key),
        yKey: MODEL_KEYS.indexOf(spec.y.key),
        nx: spec.x.n,
        metric: METRICS.indexOf(spec.metric),
        month: spec.month,
      };
    },
    rows(start, end) {
      if (!current) throw new Error('sweep: rows() before begin()');
      const { xKey, yKey, nx, metric, month } = current;
      k.sweepRows(xKey, nx, yKey, start, end, metric, month);
      const ptr = k.sweepReserve((end - start) * nx);
      return new Float64Array(k.memory.buffer, ptr, (end - start) * nx).slice();
    },
  };
}

/** The whole grid at once (CLI, tests, benchmark). */
export function sweepGrid(sweeper: Sweeper, inputs: ModelInputs, spec: SweepSpec): Float64Array {
  sweeper.begin(inputs, spec);
  return sweeper.rows(0, spec.y.n);
}
