/**
 * A stand-in for the worker pool (src/worker/pool.ts) for the state classes' tests: the same
 * methods, computed by the Node kernel in this thread. Each call waits for the test's `gate` while
 * one is set (a slow worker), can be made to fail, and is recorded.
 */
import { createNodeModel, loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import type { ModelInputs } from '../../src/model/keys.ts';
import type { Evaluation, Projection } from '../../src/model/results.ts';
import { SupersededError, type RowBlock, type SweepPool, type SweepRequest } from '../../src/worker/pool.ts';

export class FakePool {
  readonly model = createNodeModel();
  readonly sweeper = createSweeper(loadKernelSync());
  /** Every call, in order. */
  readonly calls: { method: 'sweep' | 'evaluate' | 'project'; request: SweepRequest | ModelInputs }[] = [];
  /** While set, every call waits for it first. */
  gate: Promise<void> | undefined;
  /** While set, the next call fails with it. */
  failNext: Error | undefined;
  /** Rows per block delivered to onRows. */
  rowsPerBlock = 2;
  #sweepId = 0;
  #latestSweep = 0;

  /** This fake as the pool type the classes take. */
  get pool(): SweepPool {
    return this as unknown as SweepPool;
  }

  async #enter(): Promise<void> {
    if (this.gate) await this.gate;
    const fail = this.failNext;
    this.failNext = undefined;
    if (fail) throw fail;
  }

  async evaluate(inputs: ModelInputs): Promise<Evaluation> {
    this.calls.push({ method: 'evaluate', request: inputs });
    await this.#enter();
    return this.model.evaluate(inputs);
  }

  async project(inputs: ModelInputs): Promise<Projection> {
    this.calls.push({ method: 'project', request: inputs });
    await this.#enter();
    return this.model.project(inputs);
  }

  /** As the pool does: rows in blocks through onRows, the whole grid at the end; a newer sweep supersedes. */
  async sweep(request: SweepRequest, onRows?: (block: RowBlock) => void): Promise<Float64Array> {
    const id = ++this.#sweepId;
    this.#latestSweep = id;
    this.calls.push({ method: 'sweep', request });
    await this.#enter();
    const grid = sweepGrid(this.sweeper, request.inputs, request.spec);
    const nx = request.spec.x.n;
    for (let rowStart = 0; rowStart < request.spec.y.n; rowStart += this.rowsPerBlock) {
      await Promise.resolve();
      if (id !== this.#latestSweep) throw new SupersededError(id);
      const rowEnd = Math.min(request.spec.y.n, rowStart + this.rowsPerBlock);
      onRows?.({ id, rowStart, rowEnd, values: grid.slice(rowStart * nx, rowEnd * nx) });
    }
    return grid;
  }
}

/** Animation frames run by hand: `requestAnimationFrame` collects, `runFrame()` runs them. */
export function manualFrames() {
  let callbacks = new Map<number, FrameRequestCallback>();
  let next = 0;
  return {
    requestAnimationFrame: (cb: FrameRequestCallback) => {
      callbacks.set(++next, cb);
      return next;
    },
    cancelAnimationFrame: (id: number) => void callbacks.delete(id),
    runFrame: () => {
      const due = callbacks;
      callbacks = new Map();
      for (const cb of due.values()) cb(performance.now());
    },
    get pending() {
      return callbacks.size;
    },
  };
}
