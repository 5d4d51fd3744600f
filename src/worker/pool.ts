/**
 * The page's pool of kernel workers: sweeps split into row blocks over several workers, streamed
 * back block by block; project/evaluate on one worker between blocks.
 *
 * Scheduling is dynamic: an idle worker takes the next block of the current sweep (a queued
 * project/evaluate first), so fast and slow workers share the work evenly. A map of a metric over
 * the price paths is split by paths too, when the pool has several workers: each block's paths are
 * cut into one range per worker (path-parts.ts), the workers take the ranges, and the block's
 * values are merged from them once all are back — so even a map's first row uses every worker. Blocks are sized to take
 * about TARGET_BLOCK_MS on a worker (measured as the sweep runs), which bounds how late a newer
 * sweep can start and how often the heatmap fills in.
 *
 * A newer sweep supersedes the current one at once: the old promise rejects with SupersededError,
 * no block of it is dispatched any more, and replies still on their way for it are dropped by
 * sweep id, so its rows never reach `onRows` or a grid. A worker still busy with a superseded block
 * finishes the block (at most about TARGET_BLOCK_MS) and takes the new sweep's next one. A worker is
 * ended only when it must stop at once: `terminate()`, or a superseded block still running after
 * `staleBlockMs` (a block far longer than planned, e.g. the first, unmeasured block of a huge
 * grid) — the worker is replaced by a fresh one, which loads the kernel again.
 *
 * Errors reach the caller: a block the worker fails (an invalid spec, a kernel that cannot load)
 * or a worker that dies rejects the sweep's promise with the message.
 */
import type { Evaluation, Projection } from '../model/results.ts';
import type { PathPart } from '../kernel/sweep.ts';
import type { ModelInputs } from '../model/keys.ts';
import { measure } from '../model/timing.ts';
import { KernelClient, createKernelWorker } from './client.ts';
import { mergePathParts, pathRanges, splitsByPaths } from './path-parts.ts';
import type { Payload, Result, SweepRowsResult } from './protocol.ts';
import { SingleQueue, type Single, type SingleType } from './singles.ts';
import { SupersededError, sweepShape, type RowBlock, type SweepPoolOptions, type SweepRequest } from './sweep-request.ts';

export { SupersededError, type RowBlock, type SweepPoolOptions, type SweepRequest };

export const MAX_WORKERS = 8;
export const TARGET_BLOCK_MS = 40;
const MAX_ROWS_PER_BLOCK = 256;
/** The most Δs a path range of a block may send back (32 MB): a wide map's blocks get fewer rows. */
export const MAX_PART_VALUES = 4 * 1024 * 1024;
const STALE_BLOCK_MS = 2_000;

/** Cores less one, so the page's own thread keeps a core; at least 1, at most MAX_WORKERS. */
export function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;
  return Math.min(MAX_WORKERS, Math.max(1, cores - 1));
}

interface Run {
  id: number;
  request: SweepRequest;
  onRows?: (block: RowBlock) => void;
  grid: Float64Array;
  nx: number;
  ny: number;
  /** The first row not yet handed to a worker. */
  nextRow: number;
  /** The path ranges each block is split into, or null when blocks go whole to one worker. */
  ranges: { first: number; count: number }[] | null;
  /** Blocks split by paths that are not yet whole: ranges handed out and parts back. */
  open: { rowStart: number; rowEnd: number; next: number; parts: PathPart[]; ms: number }[];
  rowsDone: number;
  /** performance.now() when the sweep was asked for. */
  started: number;
  /** Worker time per row, smoothed; from the last sweep of the same shape, else undefined until the first block is back. */
  msPerRow?: number;
  settled: boolean;
  resolve(grid: Float64Array): void;
  reject(error: Error): void;
}

interface Slot {
  client: KernelClient;
  busy: boolean;
  /** The sweep whose block this worker is computing, if any. */
  run?: Run;
  stale?: ReturnType<typeof setTimeout>;
}

/** How long a sweep keeps background requests behind its blocks; after that they take turns with them, so a long map starves nothing. */
export const BACKGROUND_WAIT_MS = 250;

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

export class SweepPool {
  readonly size: number;
  readonly #rowsPerBlock: number | undefined;
  readonly #createWorker: () => Worker;
  readonly #staleBlockMs: number;
  readonly #backgroundWaitMs: number;
  #slots: Slot[] = [];
  #run: Run | undefined;
  #nextId = 1;
  readonly #singles = new SingleQueue();
  /** Worker time per row of the last sweep of each shape (sweepShape): a new sweep of that shape starts with blocks of the right size. */
  readonly #msPerRow = new Map<string, number>();

  constructor(options: SweepPoolOptions = {}) {
    const workers = options.workers ?? defaultPoolSize();
    if (!Number.isInteger(workers) || workers < 1) throw new Error(`invalid workers: ${workers}`);
    if (options.rowsPerBlock !== undefined && !(Number.isInteger(options.rowsPerBlock) && options.rowsPerBlock >= 1)) {
      throw new Error(`invalid rowsPerBlock: ${options.rowsPerBlock}`);
    }
    this.size = workers;
    this.#rowsPerBlock = options.rowsPerBlock;
    this.#createWorker = options.createWorker ?? createKernelWorker;
    this.#staleBlockMs = options.staleBlockMs ?? STALE_BLOCK_MS;
    this.#backgroundWaitMs = options.backgroundWaitMs ?? BACKGROUND_WAIT_MS;
  }

  /**
   * Runs a sweep; onRows gets each row block as it arrives (fill the heatmap progressively).
   * A newer sweep() supersedes this one: its promise rejects with SupersededError and no more of
   * its rows are delivered. Resolves with the whole grid, y rows of x, NaN = none.
   */
  sweep(request: SweepRequest, onRows?: (block: RowBlock) => void): Promise<Float64Array> {
    const id = this.#nextId++;
    const old = this.#run;
    if (old) {
      this.#settle(old, new SupersededError(old.id));
      for (const slot of this.#slots) if (slot.busy && slot.run === old) this.#watchStale(slot, old);
    }
    return new Promise<Float64Array>((resolve, reject) => {
      // Only what the pool needs to cut blocks is checked here; the worker checks the rest
      // (keys, ranges, metric, month) and its error comes back as this promise's rejection.
      const nx = request?.spec?.x?.n;
      const ny = request?.spec?.y?.n;
      if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1 || nx * ny > 2048 * 2048) {
        reject(new Error(`invalid sweep: ${nx}×${ny} points; each axis has a whole number of points, 2 to 2048`));
        return;
      }
      const run: Run = {
        id,
        request,
        onRows,
        grid: new Float64Array(nx * ny).fill(NaN),
        nx,
        ny,
        nextRow: 0,
        ranges: this.#pathRanges(request),
        open: [],
        rowsDone: 0,
        started: performance.now(),
        msPerRow: this.#msPerRow.get(sweepShape(request)),
        settled: false,
        resolve,
        reject,
      };
      this.#run = run;
      this.#dispatch();
    });
  }

  /** Every output of one scenario, on one worker; queued before the current sweep's next block. */
  evaluate(inputs: ModelInputs): Promise<Evaluation> {
    return this.single('evaluate', inputs);
  }

  /** The network projection of one scenario, as evaluate() runs. */
  project(inputs: ModelInputs): Promise<Projection> {
    return this.single('project', inputs);
  }

  /** Any request but a sweep block (protocol.ts), on one worker, ordered as singles.ts says; asked twice in flight, run once. */
  single<T extends SingleType>(type: T, payload: Payload<T>): Promise<Result<T>> {
    return this.#singles.add(type, payload, () => this.#dispatch());
  }

  /** Ends every worker now; whatever is waiting rejects. The next request starts fresh workers. */
  terminate(): void {
    const reason = 'the sweep pool was terminated';
    const slots = this.#slots;
    this.#slots = [];
    for (const slot of slots) {
      clearTimeout(slot.stale);
      slot.client.terminate(reason);
    }
    if (this.#run) this.#settle(this.#run, new Error(reason));
    for (const single of this.#singles.drain()) single.reject(new Error(reason));
  }

  #dispatch(): void {
    for (;;) {
      const run = this.#run;
      const blocks = !!run && (run.nextRow < run.ny || run.open.some((b) => b.next < run.ranges!.length));
      // With blocks waiting, the detail's figures go first, then the blocks; background requests wait
      // for the blocks until the sweep has run BACKGROUND_WAIT_MS (a redrawn map is not held up by
      // the tornado or the price paths).
      const waited = blocks && performance.now() - run.started >= this.#backgroundWaitMs;
      const urgentOnly = blocks && !waited;
      if (!this.#singles.has(urgentOnly) && !blocks) return;
      const slot = this.#idleSlot();
      if (!slot) return;
      const single = this.#singles.take(urgentOnly);
      if (single) this.#runSingle(slot, single);
      else this.#runBlock(slot, run!);
    }
  }

  #idleSlot(): Slot | undefined {
    const idle = this.#slots.find((slot) => !slot.busy);
    if (idle || this.#slots.length >= this.size) return idle;
    // Workers start on demand: a page that only evaluates runs one.
    const slot: Slot = { client: new KernelClient(this.#createWorker), busy: false };
    this.#slots.push(slot);
    return slot;
  }

  #release(slot: Slot): void {
    slot.busy = false;
    slot.run = undefined;
    clearTimeout(slot.stale);
    slot.stale = undefined;
  }

  #runSingle(slot: Slot, single: Single): void {
    slot.busy = true;
    void single.run(slot.client).finally(() => {
      this.#release(slot);
      this.#dispatch();
    });
  }

  /** The path ranges a sweep's blocks are split into: null unless the map is over the paths and they make two ranges or more. */
  #pathRanges({ inputs, spec }: SweepRequest): Run['ranges'] {
    if (this.size < 2 || !splitsByPaths(inputs, spec)) return null;
    const ranges = pathRanges(inputs.monteCarloPaths, this.size);
    return ranges.length > 1 ? ranges : null;
  }

  /** Hands `slot` the next block of `run`, or the next path range of a block split by paths. */
  #runBlock(slot: Slot, run: Run): void {
    const ranges = run.ranges;
    let block = ranges && run.open.find((b) => b.next < ranges.length);
    if (!block) {
      const rowStart = run.nextRow;
      block = { rowStart, rowEnd: Math.min(run.ny, rowStart + this.#blockRows(run)), next: 0, parts: [], ms: 0 };
      run.nextRow = block.rowEnd;
      if (ranges) run.open.push(block);
    }
    const { rowStart, rowEnd } = block;
    const range = ranges?.[block.next++];
    slot.busy = true;
    slot.run = run;
    const { inputs, spec } = run.request;
    const sent = performance.now();
    const asked = range
      ? slot.client.request('sweepPaths', { sweep: run.id, inputs, spec, rowStart, rowEnd, pathFirst: range.first, pathCount: range.count })
      : slot.client.request('sweepRows', { sweep: run.id, inputs, spec, rowStart, rowEnd });
    asked.then(
      (result) => {
        // The block's round trip: the kernel's time in the worker, the rest messaging (posting,
        // structured cloning, the worker's and this thread's queues).
        const back = performance.now();
        measure('kernel', back - Math.min(result.ms, back - sent), back);
        measure('message', sent, back - Math.min(result.ms, back - sent));
        this.#release(slot);
        if (!('part' in result)) this.#accept(run, result);
        else if (result.sweep === run.id && !run.settled) this.#acceptPart(run, block, result.part, result.ms);
        this.#dispatch();
      },
      (error: unknown) => {
        this.#release(slot);
        this.#settle(run, asError(error));
        this.#dispatch();
      },
    );
  }

  /** A block's path range is back: once all are, the block's values are merged from them. */
  #acceptPart(run: Run, block: Run['open'][number], part: PathPart, ms: number): void {
    block.parts.push(part);
    block.ms += ms;
    if (block.parts.length < run.ranges!.length) return;
    run.open.splice(run.open.indexOf(block), 1);
    const { rowStart, rowEnd } = block;
    const values = mergePathParts(run.request.spec.metric, rowEnd - rowStart, run.nx, block.parts);
    this.#accept(run, { sweep: run.id, rowStart, rowEnd, values, ms: block.ms });
  }

  #blockRows(run: Run): number {
    if (this.#rowsPerBlock !== undefined) return this.#rowsPerBlock;
    // One row first: its time sizes the next blocks.
    if (run.msPerRow === undefined) return 1;
    // A block split into path ranges is worked on by as many workers: each takes a share of its time,
    // and sends back at most MAX_PART_VALUES Δs (a cell's each, at most, for each of its paths).
    const parts = run.ranges?.length ?? 1;
    const widest = run.ranges ? Math.max(...run.ranges.map((r) => r.count)) * run.nx : 0;
    const cap = run.ranges ? Math.max(1, Math.floor(MAX_PART_VALUES / widest)) : MAX_ROWS_PER_BLOCK;
    const rows = Math.max(1, Math.min(MAX_ROWS_PER_BLOCK, cap, Math.floor((TARGET_BLOCK_MS * parts) / Math.max(run.msPerRow, 1e-3))));
    // Near the end, no block bigger than an even share of what is left, so workers finish together.
    return Math.min(rows, Math.ceil(((run.ny - run.nextRow) * parts) / this.size));
  }

  #accept(run: Run, result: SweepRowsResult): void {
    // A superseded or failed sweep's late rows are dropped here, by sweep id.
    if (run.settled || this.#run !== run || result.sweep !== run.id) return;
    const { rowStart, rowEnd, values } = result;
    const rows = rowEnd - rowStart;
    if (values.length !== rows * run.nx) {
      this.#settle(
        run,
        new Error(`sweep ${run.id}: rows ${rowStart}..${rowEnd} came back with ${values.length} values, not ${rows * run.nx}`),
      );
      return;
    }
    run.grid.set(values, rowStart * run.nx);
    run.rowsDone += rows;
    const perRow = result.ms / rows;
    run.msPerRow = run.msPerRow === undefined ? perRow : (run.msPerRow + perRow) / 2;
    this.#msPerRow.set(sweepShape(run.request), run.msPerRow);
    try {
      run.onRows?.({ id: run.id, rowStart, rowEnd, values });
    } catch (error) {
      this.#settle(run, asError(error));
      return;
    }
    // onRows may have started a newer sweep, which settled this one.
    if (!run.settled && run.rowsDone === run.ny) this.#settle(run, run.grid);
  }

  #settle(run: Run, outcome: Float64Array | Error): void {
    if (run.settled) return;
    run.settled = true;
    if (this.#run === run) this.#run = undefined;
    if (outcome instanceof Float64Array) run.resolve(outcome);
    else run.reject(outcome);
  }

  /** A block of a superseded sweep that is still running after staleBlockMs ends its worker. */
  #watchStale(slot: Slot, run: Run): void {
    clearTimeout(slot.stale);
    slot.stale = setTimeout(() => {
      if (slot.busy && slot.run === run) {
        // Rejects the block's request, which releases the slot; the next request starts a new worker.
        slot.client.terminate(`sweep ${run.id} was superseded and its block ran over ${this.#staleBlockMs} ms`);
      }
    }, this.#staleBlockMs);
  }
}

/** The page's pool; its workers start on the first request. */
export const sweepPool = new SweepPool();
