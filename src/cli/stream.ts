/**
 * A sweep's grid written as it is computed, a block of rows at a time, so that memory holds one
 * block whatever the grid's size (2048 × 2048 cells print 171 MB of CSV). The text is exactly what
 * the whole grid printed at once gives: sweepCsv's CSV, or toJson's one-line JSON.
 */
import { csvField } from '../model/csv.ts';
import { axisValues, type SweepSpec } from '../model/sweep.ts';

/** Most cells computed and written at once. */
export const BLOCK_CELLS = 1 << 16;

export interface GridSink {
  /** Writes text; a returned promise resolves when the text is handed on (the stream drained). */
  write(text: string): void | Promise<void>;
  /** Told after each block, with the rows done and all rows (progress). */
  progress?(rowsDone: number, rows: number): void;
}

/** The rows of a block: a whole number of rows of at most BLOCK_CELLS cells, at least one row. */
export function blockRows(nx: number): number {
  return Math.max(1, Math.floor(BLOCK_CELLS / nx));
}

/** A JSON number, or null for none (as JSON.stringify writes NaN and ±Infinity). */
const jsonNumber = (v: number) => (Number.isFinite(v) ? String(v) : 'null');

/**
 * Writes the grid of `spec` to `sink`: rows [start, end) come from `rows` (x varying fastest, NaN
 * for none), one block at a time, each block written (and its promise awaited) before the next
 * is computed.
 */
export async function streamSweep(
  spec: SweepSpec,
  format: 'csv' | 'json',
  rows: (start: number, end: number) => Float64Array,
  sink: GridSink,
): Promise<void> {
  const xs = axisValues(spec.x);
  const ys = axisValues(spec.y);
  const nx = xs.length;
  const ny = ys.length;
  if (format === 'csv') {
    await sink.write(`${[spec.x.key, spec.y.key, spec.metric].map(csvField).join(',')}\n`);
  } else {
    const head = JSON.stringify({ x: { key: spec.x.key, values: [...xs] }, y: { key: spec.y.key, values: [...ys] }, metric: spec.metric });
    await sink.write(`${head.slice(0, -1)},"values":[`);
  }
  const step = blockRows(nx);
  for (let start = 0; start < ny; start += step) {
    const end = Math.min(ny, start + step);
    const values = rows(start, end);
    const parts: string[] = [];
    if (format === 'csv') {
      for (let j = start; j < end; j++) {
        const y = csvField(ys[j]);
        const at = (j - start) * nx;
        for (let i = 0; i < nx; i++) parts.push(`${csvField(xs[i])},${y},${csvField(values[at + i])}\n`);
      }
      await sink.write(parts.join(''));
    } else {
      for (let c = 0; c < values.length; c++) parts.push(jsonNumber(values[c]));
      await sink.write(`${start > 0 ? ',' : ''}${parts.join(',')}`);
    }
    sink.progress?.(end, ny);
  }
  if (format === 'json') await sink.write(']}\n');
}
