/**
 * The worker pool test page (pool-test.html): exposes the page's pool as `window.hashpivotPool`
 * for test/browser/sweep.test.ts, with a probe button whose click handler measures how long the
 * click waited for the page's thread.
 */
import { SupersededError, SweepPool, sweepPool, type RowBlock, type SweepRequest } from './worker/pool.ts';

const status = document.querySelector<HTMLOutputElement>('[data-testid="pool-status"]')!;
const show = (state: 'running' | 'done' | 'error', text: string) => {
  status.dataset.state = state;
  status.textContent = text;
};
const message = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** One click on the probe: its lag is the handler's time less the input event's own time stamp. */
interface Click {
  lagMs: number;
  at: number;
  running: boolean;
}
const clicks: Click[] = [];
let running = false;
document.querySelector('[data-testid="probe"]')!.addEventListener('click', (event) => {
  // event.timeStamp is when the browser took the input (same clock as performance.now()), so this
  // is the time the click waited for the page's thread, plus the handler's own start.
  clicks.push({ lagMs: performance.now() - event.timeStamp, at: performance.now(), running });
});

// Main-thread tasks over 50 ms while a sweep runs: what would make a click wait.
const longTasks: { start: number; ms: number }[] = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // no long task timing in this browser
}

const pick = (grid: Float64Array, cells: number[]) => cells.map((k) => (Number.isNaN(grid[k]) ? null : grid[k]));

export interface SweepReport {
  ms: number;
  firstBlockMs: number;
  blocks: number;
  rowsPerBlock: { min: number; max: number };
  picked: (number | null)[];
  longTasks: { start: number; ms: number }[];
  started: number;
}

let current: Promise<SweepReport> | undefined;

const api = {
  size: sweepPool.size,
  cores: navigator.hardwareConcurrency,
  clicks,
  longTasks,

  /** Starts a sweep on the page's pool; done() waits for it. */
  start(request: SweepRequest, cells: number[]): void {
    const t0 = performance.now();
    let firstBlockMs = NaN;
    let blocks = 0;
    let min = Infinity;
    let max = 0;
    running = true;
    show('running', 'sweeping');
    const since = longTasks.length;
    current = sweepPool
      .sweep(request, (block: RowBlock) => {
        if (blocks++ === 0) firstBlockMs = performance.now() - t0;
        min = Math.min(min, block.rowEnd - block.rowStart);
        max = Math.max(max, block.rowEnd - block.rowStart);
      })
      .then(
        (grid) => {
          const ms = performance.now() - t0;
          show('done', `${grid.length} cells in ${ms.toFixed(0)} ms`);
          return { ms, firstBlockMs, blocks, rowsPerBlock: { min, max }, picked: pick(grid, cells), longTasks: longTasks.slice(since), started: t0 };
        },
        (error: unknown) => {
          show('error', message(error));
          throw error;
        },
      )
      .finally(() => {
        running = false;
      });
    // A superseded start() nobody waits for is not an unhandled rejection.
    current.catch(() => {});
  },

  async done(): Promise<SweepReport> {
    if (!current) throw new Error('no sweep started');
    return current;
  },

  /**
   * Starts `a`, and `b` once `a` delivered `afterBlocks` blocks. Reports how `a` ended, every block
   * `onRows` received after `b` started (by id), and `b`'s picked cells.
   */
  async supersede(a: SweepRequest, b: SweepRequest, afterBlocks: number, cells: number[]) {
    const log: { id: number; afterB: boolean }[] = [];
    let bStarted = false;
    let bPromise: Promise<Float64Array> | undefined;
    let startB!: () => void;
    const bReady = new Promise<void>((r) => (startB = r));
    let aBlocks = 0;
    const aPromise = sweepPool.sweep(a, (block) => {
      log.push({ id: block.id, afterB: bStarted });
      if (++aBlocks === afterBlocks) {
        bStarted = true;
        bPromise = sweepPool.sweep(b, (block) => log.push({ id: block.id, afterB: true }));
        startB();
      }
    });
    const aOutcome = await aPromise.then(
      (grid) => ({ resolved: true, picked: pick(grid, cells) }),
      (error: unknown) => ({ resolved: false, superseded: error instanceof SupersededError, error: message(error) }),
    );
    await bReady;
    const bGrid = await bPromise!;
    const aId = log[0]!.id;
    return {
      a: aOutcome,
      aBlocksBeforeB: log.filter((l) => l.id === aId && !l.afterB).length,
      aBlocksAfterB: log.filter((l) => l.id === aId && l.afterB).length,
      bBlocks: log.filter((l) => l.id !== aId).length,
      bIds: [...new Set(log.filter((l) => l.id !== aId).map((l) => l.id))],
      bPicked: pick(bGrid, cells),
    };
  },

  /** Runs `request` on the page's pool, or on a pool whose worker script is missing; shows and returns the error. */
  async failure(request: SweepRequest, kind: 'request' | 'worker-url'): Promise<{ state: string; shown: string; name: string; message: string }> {
    const pool =
      kind === 'request' ? sweepPool : new SweepPool({ workers: 1, createWorker: () => new Worker('/no-such-worker.js', { type: 'module' }) });
    try {
      show('running', 'sweeping');
      await pool.sweep(request);
      show('done', 'done');
      return { state: status.dataset.state!, shown: status.textContent!, name: '', message: '' };
    } catch (error) {
      show('error', message(error));
      return { state: status.dataset.state!, shown: status.textContent!, name: (error as Error).name, message: (error as Error).message };
    } finally {
      if (pool !== sweepPool) pool.terminate();
    }
  },

  evaluate: (inputs: SweepRequest['inputs']) => sweepPool.evaluate(inputs),
};

declare global {
  interface Window {
    hashpivotPool: typeof api;
  }
}
window.hashpivotPool = api;
document.documentElement.dataset.ready = 'true';
