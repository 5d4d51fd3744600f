/**
 * What the sweep pool (pool.ts) is asked and hands back, and what makes two sweeps cost alike.
 */
import type { ModelInputs } from '../model/keys.ts';
import type { SweepSpec } from '../model/sweep.ts';

export interface SweepRequest {
  /** As sweepInputs() gives them (−1 = derived per cell). */
  inputs: ModelInputs;
  spec: SweepSpec;
}

/** Rows [rowStart, rowEnd) of sweep `id`: (rowEnd − rowStart) × spec.x.n values, x fastest, NaN = none. */
export interface RowBlock {
  id: number;
  rowStart: number;
  rowEnd: number;
  values: Float64Array;
}

export class SupersededError extends Error {
  override name = 'SupersededError';
  /** `id`: the superseded sweep's (RowBlock.id). */
  constructor(readonly id?: number) {
    super(`sweep ${id ?? ''} was superseded by a newer one`.replace('  ', ' '));
  }
}

export interface SweepPoolOptions {
  /** How many workers; by default the machine's cores less one for the page, 1 to MAX_WORKERS. */
  workers?: number;
  /** A fixed block size in rows; by default blocks are sized to about TARGET_BLOCK_MS each. */
  rowsPerBlock?: number;
  /** Starts one worker (tests pass fakes); by default kernel.worker.ts. */
  createWorker?: () => Worker;
  /** How long a superseded block may keep its worker before the worker is ended. */
  staleBlockMs?: number;
  /** How long a sweep keeps background requests behind its blocks (BACKGROUND_WAIT_MS). */
  backgroundWaitMs?: number;
}

/**
 * What a row's cost depends on, beyond the scenario's values: the axes' keys and lengths, the
 * metric, the paths and the horizon. Sweeps of one shape (a slider moving) cost about the same.
 */
export const sweepShape = ({ inputs, spec }: SweepRequest) =>
  [
    spec?.x?.key,
    spec?.x?.n,
    spec?.y?.key,
    spec?.metric,
    inputs?.monteCarloPaths,
    inputs?.btcVolatilityPctPerYear > 0,
    inputs?.horizonYears,
  ].join();
