/**
 * The worker pool's scheduling in Node: fake workers that run the real worker handlers
 * (src/worker/handlers.ts) on the Node kernel, one kernel instance each, replying asynchronously
 * as a worker does (structured clone, transferred buffers). The grids are checked bit for bit
 * against sweepGrid() on one kernel: blocks, workers and interleaved evaluate calls change nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelInputs } from '../../src/model/keys.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import type { SweepSpec } from '../../src/model/sweep.ts';
import { createNodeModel, loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import { sweepInputs } from '../../src/model/sweep.ts';
import type { KernelExports } from '../../src/kernel/wasm.ts';
import { createHandlers, respond } from '../../src/worker/handlers.ts';
import { transferables, type Handlers, type Request } from '../../src/worker/protocol.ts';
import { MIN_PATHS_PER_PART, pathRanges } from '../../src/worker/path-parts.ts';
import { MAX_PART_VALUES, SupersededError, SweepPool, defaultPoolSize, type RowBlock } from '../../src/worker/pool.ts';
import { MONTE_CARLO_METRICS } from '../../src/model/sweep.ts';
import { identical } from '../helpers/sweep-cells.ts';

/** What a test can see of the fake workers a pool started. */
interface FakeWorkers {
  created: FakeWorker[];
  create: () => Worker;
}

class FakeWorker extends EventTarget {
  terminated = false;
  /** Sweep ids of the blocks this worker computed, in order. */
  readonly blocks: number[] = [];
  readonly requests: Request[] = [];
  /** While set, a request waits for it before running (a slow or hung block). */
  gate: Promise<void> | undefined;
  /** While set, the next request ends in an error event with this message instead of a reply. */
  crashNext: string | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly handlers: Handlers) {
    super();
  }

  postMessage(data: unknown): void {
    const request = structuredClone(data) as Request;
    this.requests.push(request);
    // A worker runs its messages one after another, each in a later task.
    this.#queue = this.#queue.then(async () => {
      await new Promise((r) => setTimeout(r, 0));
      if (this.gate) await this.gate;
      if (this.terminated) return;
      if (this.crashNext !== undefined) return this.crash(this.crashNext);
      const reply = await respond(this.handlers, request);
      if (this.terminated) return;
      if (request.type === 'sweepRows') this.blocks.push(request.payload.sweep);
      const data = structuredClone(reply, { transfer: transferables(reply) });
      this.dispatchEvent(new MessageEvent('message', { data }));
    });
  }

  /** Fails the way a worker script that throws or cannot load does: an error event, no reply. */
  crash(message: string): void {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    this.dispatchEvent(event);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function fakeWorkers(load: () => Promise<KernelExports> = async () => loadKernelSync()): FakeWorkers {
  const created: FakeWorker[] = [];
  return {
    created,
    create: () => {
      const worker = new FakeWorker(createHandlers(load));
      created.push(worker);
      return worker as unknown as Worker;
    },
  };
}

// A sweep whose axes move the network (every row reprojects) and one whose axes do not.
const base: ModelInputs = sweepInputs(
  { ...defaultInputs(), horizonYears: 15, hashrateGrowthPctPerMonth: 1, exitMonth: 24 },
  { hashrateEhs: false, epochElapsedSeconds: false },
);
const network: SweepSpec = {
  x: { key: 'hashrateGrowthPctPerMonth', min: 0, max: 3, n: 17, log: false },
  y: { key: 'exitSharePct', min: 0, max: 50, n: 23, log: false },
  metric: 'delta',
  month: 1,
};
const economics: SweepSpec = {
  x: { key: 'leaseUsdPerKwMonth', min: 80, max: 200, n: 12, log: false },
  y: { key: 'btcPriceUsd', min: 40_000, max: 200_000, n: 31, log: true },
  metric: 'breakevenBtcPrice',
  month: 1,
};

const expected = (inputs: ModelInputs, spec: SweepSpec) => sweepGrid(createSweeper(loadKernelSync()), inputs, spec);

/** Checks that blocks tile the grid's rows exactly once and carry the grid's values. */
function expectTiling(blocks: RowBlock[], grid: Float64Array, spec: SweepSpec, id: number): void {
  const seen = new Array<number>(spec.y.n).fill(0);
  for (const b of blocks) {
    expect(b.id).toBe(id);
    expect(b.values.length).toBe((b.rowEnd - b.rowStart) * spec.x.n);
    for (let r = b.rowStart; r < b.rowEnd; r++) seen[r]++;
    expect(identical(b.values, grid.subarray(b.rowStart * spec.x.n, b.rowEnd * spec.x.n))).toEqual([]);
  }
  expect(seen.every((n) => n === 1)).toBe(true);
}

let pools: SweepPool[] = [];
function pool(options: ConstructorParameters<typeof SweepPool>[0]): SweepPool {
  const p = new SweepPool(options);
  pools.push(p);
  return p;
}
afterEach(() => {
  for (const p of pools) p.terminate();
  pools = [];
  vi.unstubAllGlobals();
});

describe('SweepPool: grids', () => {
  it('assembles blocks from several workers into the grid of sweepGrid()', async () => {
    for (const spec of [network, economics]) {
      const workers = fakeWorkers();
      const p = pool({ workers: 3, rowsPerBlock: 2, createWorker: workers.create });
      const blocks: RowBlock[] = [];
      const grid = await p.sweep({ inputs: base, spec }, (b) => blocks.push(b));
      expect(identical(grid, expected(base, spec))).toEqual([]);
      expectTiling(blocks, grid, spec, blocks[0]!.id);
      expect(blocks.length).toBe(Math.ceil(spec.y.n / 2));
      // Every worker computed some of the blocks.
      expect(workers.created).toHaveLength(3);
      for (const w of workers.created) expect(w.blocks.length).toBeGreaterThan(0);
    }
  });

  it('sizes blocks by time when no size is given: one row first, then bigger blocks', async () => {
    const workers = fakeWorkers();
    const p = pool({ workers: 2, createWorker: workers.create });
    const blocks: RowBlock[] = [];
    const grid = await p.sweep({ inputs: base, spec: economics }, (b) => blocks.push(b));
    expect(identical(grid, expected(base, economics))).toEqual([]);
    expectTiling(blocks, grid, economics, blocks[0]!.id);
    expect(blocks[0]!.rowEnd - blocks[0]!.rowStart).toBe(1);
    // The economics rows take well under a millisecond: far fewer blocks than rows.
    expect(blocks.length).toBeLessThan(economics.y.n / 2);
  });

  it('runs evaluate and project between blocks without disturbing the sweep', async () => {
    const workers = fakeWorkers();
    const p = pool({ workers: 1, rowsPerBlock: 3, createWorker: workers.create });
    const model = createNodeModel();
    const cell = { ...defaultInputs(), siteMw: 75 };
    const sweeping = p.sweep({ inputs: base, spec: network });
    const [evaluation, projection] = await Promise.all([p.evaluate(cell), p.project(cell)]);
    expect(evaluation).toEqual(model.evaluate(cell));
    expect(projection).toEqual(model.project(cell));
    expect(identical(await sweeping, expected(base, network))).toEqual([]);
    // One worker did both: evaluate/project went in between the sweep's blocks.
    const types = workers.created[0]!.requests.map((r) => r.type);
    expect(types.indexOf('evaluate')).toBeGreaterThan(0);
    expect(types.lastIndexOf('sweepRows')).toBeGreaterThan(types.indexOf('project'));
  });

  it('starts a sweep of a shape it has run with blocks of the size it measured, not one row', async () => {
    const workers = fakeWorkers();
    const p = pool({ workers: 1, createWorker: workers.create });
    // The kernel loaded first, so no block's time includes loading it.
    await p.evaluate(defaultInputs());
    const first: RowBlock[] = [];
    await p.sweep({ inputs: base, spec: economics }, (b) => first.push(b));
    expect(first[0]!.rowEnd - first[0]!.rowStart).toBe(1);
    const again: RowBlock[] = [];
    const grid = await p.sweep({ inputs: { ...base, powerUsdPerKwh: 0.05 }, spec: economics }, (b) => again.push(b));
    expect(identical(grid, expected({ ...base, powerUsdPerKwh: 0.05 }, economics))).toEqual([]);
    // The economics rows take well under a millisecond each: the whole 31-row grid fits one 40 ms block.
    expect(again[0]!.rowEnd - again[0]!.rowStart).toBeGreaterThan(1);
  });

  it('runs the detail first, then the sweep, then background requests; one request asked twice runs once', async () => {
    const workers = fakeWorkers();
    // Background requests wait behind the blocks however slow this machine is.
    const p = pool({ workers: 1, rowsPerBlock: 8, createWorker: workers.create, backgroundWaitMs: 60_000 });
    const cell = { ...defaultInputs(), siteMw: 75 };
    // The worker's kernel loaded first, and the worker free again.
    await p.evaluate(defaultInputs());
    await new Promise((r) => setTimeout(r, 0));
    // The map is asked for (its first block goes at once), then the tornado, then the detail.
    const sweeping = p.sweep({ inputs: base, spec: economics });
    const tornado = p.single('tornado', { version: 2, siteMw: 75 });
    const [evaluation, projection, again] = await Promise.all([p.evaluate(cell), p.project(cell), p.project(cell)]);
    expect(again).toBe(projection);
    expect(evaluation.delta).toBe(createNodeModel().evaluate(cell).delta);
    expect(identical(await sweeping, expected(base, economics))).toEqual([]);
    await tornado;
    // 31 rows in blocks of 8: four blocks; the detail between the first and the second, the tornado after the last.
    const types = workers.created[0]!.requests.map((r) => r.type).slice(1);
    expect(types).toEqual(['sweepRows', 'evaluate', 'project', 'sweepRows', 'sweepRows', 'sweepRows', 'tornado']);
  });

  it('sizes itself to the machine: cores less one, 1 to 8', () => {
    for (const [cores, size] of [
      [1, 1],
      [2, 1],
      [4, 3],
      [16, 8],
      [0, 1],
    ]) {
      vi.stubGlobal('navigator', { hardwareConcurrency: cores });
      expect(defaultPoolSize()).toBe(size);
      expect(new SweepPool().size).toBe(size);
    }
  });
});

describe('SweepPool: a map over the price paths is split by paths as well as rows', () => {
  // σ 50 %/yr, λ 30 %/month: every path projects its own network. 203 paths make three ranges of
  // 67, 68 and 68 on three workers (at least MIN_PATHS_PER_PART = 64 each); with 203 the P5 is the
  // 11th Δ (⌈10.15⌉), not the 10th, so a wrong rank shows.
  const paths: ModelInputs = { ...base, monteCarloPaths: 203 };
  // The lease on x (a row's paths shared by its cells) and network keys (each cell its own paths).
  const byLease: SweepSpec = { ...economics, x: { ...economics.x, n: 9 }, y: { ...economics.y, n: 4 }, metric: 'probPivotWins' };
  const byCell: SweepSpec = { ...network, x: { ...network.x, n: 3 }, y: { ...network.y, n: 3 }, metric: 'deltaP50' };
  const kinds = (w: FakeWorker) => w.requests.map((r) => r.type).filter((t) => t.startsWith('sweep'));

  it('cuts the paths into one range per worker, each at least MIN_PATHS_PER_PART, covering them once', () => {
    expect(MIN_PATHS_PER_PART).toBe(64);
    expect(pathRanges(200, 3)).toEqual([
      { first: 0, count: 66 },
      { first: 66, count: 67 },
      { first: 133, count: 67 },
    ]);
    // 100 paths make one range of 64 or more; 1,000 on 7 workers make 7.
    expect(pathRanges(100, 3)).toEqual([{ first: 0, count: 100 }]);
    const seven = pathRanges(1000, 7);
    expect(seven).toHaveLength(7);
    expect(seven.reduce((n, r) => (expect(r.first).toBe(n), n + r.count), 0)).toBe(1000);
  });

  it('gives every metric over the paths bit for bit the grid of one kernel, the lease axis or not', async () => {
    for (const metric of MONTE_CARLO_METRICS) {
      for (const spec of [byLease, byCell]) {
        const s = { ...spec, metric };
        const workers = fakeWorkers();
        const p = pool({ workers: 3, createWorker: workers.create });
        const grid = await p.sweep({ inputs: paths, spec: s });
        expect(identical(grid, expected(paths, s)), `${metric} over ${spec.x.key}`).toEqual([]);
        // Only path ranges were asked for, and the three ranges each by some worker.
        const asked = workers.created.flatMap((w) => w.requests).filter((r) => r.type === 'sweepPaths');
        expect(workers.created.flatMap(kinds).every((t) => t === 'sweepPaths')).toBe(true);
        expect(new Set(asked.map((r) => r.payload.pathFirst))).toEqual(new Set([0, 67, 135]));
      }
    }
  });

  it('does not split with one worker, under 128 paths, nor when an axis is the volatility or the number of paths', async () => {
    const one = fakeWorkers();
    await pool({ workers: 1, createWorker: one.create }).sweep({ inputs: paths, spec: byLease });
    expect(one.created.flatMap(kinds).every((t) => t === 'sweepRows')).toBe(true);
    // 127 paths make one range of 64 or more: the blocks go whole to a worker, as without paths.
    const few = fakeWorkers();
    await pool({ workers: 3, createWorker: few.create }).sweep({ inputs: { ...paths, monteCarloPaths: 127 }, spec: byLease });
    expect(few.created.flatMap(kinds).every((t) => t === 'sweepRows')).toBe(true);
    const sigma: SweepSpec = { ...byCell, x: { key: 'btcVolatilityPctPerYear', min: 0, max: 80, n: 3, log: false } };
    const three = fakeWorkers();
    const grid = await pool({ workers: 3, createWorker: three.create }).sweep({ inputs: paths, spec: sigma });
    expect(identical(grid, expected(paths, sigma))).toEqual([]);
    expect(three.created.flatMap(kinds).every((t) => t === 'sweepRows')).toBe(true);
  });

  it('sends back at most MAX_PART_VALUES Δs a part: a wide map gets blocks of fewer rows', async () => {
    // Workers that answer at once with Δs of 0 (one shared buffer a size), so the pool's block sizing
    // alone decides: quick rows ask for big blocks, and the cap must hold them back.
    const asked: { rows: number; count: number }[] = [];
    const zeros = new Map<number, Float64Array>();
    const zero = (n: number) => zeros.get(n) ?? (zeros.set(n, new Float64Array(n)), zeros.get(n)!);
    const create = () => {
      const worker = new EventTarget() as EventTarget & { postMessage(r: Request): void; terminate(): void };
      worker.terminate = () => {};
      worker.postMessage = (request) => {
        if (request.type !== 'sweepPaths') throw new Error(`unexpected ${request.type}`);
        const { sweep, rowStart, rowEnd, spec, pathFirst: first, pathCount: count } = request.payload;
        const cells = (rowEnd - rowStart) * spec.x.n;
        asked.push({ rows: rowEnd - rowStart, count });
        const part = { first, count, perRow: false, shifts: zero(cells), deltas: zero(cells * count) };
        const result = { sweep, rowStart, rowEnd, part, ms: 0.001 };
        setTimeout(() => worker.dispatchEvent(new MessageEvent('message', { data: { id: request.id, ok: true, result } })), 0);
      };
      return worker as unknown as Worker;
    };
    // 2,048 columns, 512 paths in two ranges of 256: 4,194,304 / (256 · 2,048) = 8 rows a block.
    const wide: SweepSpec = { ...byCell, x: { ...byCell.x, n: 2048 }, y: { ...byCell.y, n: 20 }, metric: 'probPivotWins' };
    const grid = await pool({ workers: 2, createWorker: create }).sweep({ inputs: { ...paths, monteCarloPaths: 512 }, spec: wide });
    expect(grid.length).toBe(2048 * 20);
    expect(Math.max(...asked.map((a) => a.rows * 2048 * a.count))).toBeLessThanOrEqual(MAX_PART_VALUES);
    expect(Math.max(...asked.map((a) => a.rows))).toBe(8);
    expect(asked.reduce((n, a) => n + a.rows, 0)).toBe(20 * 2);
  });

  it('drops the parts of a superseded split sweep: only the newer grid comes back', async () => {
    const workers = fakeWorkers();
    const p = pool({ workers: 3, createWorker: workers.create });
    const older = p.sweep({ inputs: paths, spec: byLease });
    const newer = p.sweep({ inputs: { ...paths, monteCarloSeed: 7 }, spec: byLease });
    await expect(older).rejects.toBeInstanceOf(SupersededError);
    expect(identical(await newer, expected({ ...paths, monteCarloSeed: 7 }, byLease))).toEqual([]);
  });
});

describe('SweepPool: a newer sweep supersedes an older one', () => {
  it('rejects the older with SupersededError, drops its late rows and returns only the newer grid', async () => {
    const workers = fakeWorkers();
    const p = pool({ workers: 2, rowsPerBlock: 1, createWorker: workers.create });
    const seen: { id: number; afterB: boolean }[] = [];
    let bStarted = false;
    let b: Promise<Float64Array> | undefined;
    let aId = -1;
    const aBlocks: RowBlock[] = [];
    const bBlocks: RowBlock[] = [];
    const a = p.sweep({ inputs: base, spec: network }, (block) => {
      seen.push({ id: block.id, afterB: bStarted });
      aId = block.id;
      aBlocks.push(block);
      // B starts while A is half way, from A's own callback; the other worker is busy with A.
      if (aBlocks.length === 3) {
        bStarted = true;
        b = p.sweep({ inputs: { ...base, siteMw: 60 }, spec: economics }, (block) => {
          seen.push({ id: block.id, afterB: true });
          bBlocks.push(block);
        });
      }
    });
    await expect(a).rejects.toBeInstanceOf(SupersededError);
    await expect(a).rejects.toThrow(/superseded/);
    const grid = await b!;
    expect(identical(grid, expected({ ...base, siteMw: 60 }, economics))).toEqual([]);
    expectTiling(bBlocks, grid, economics, bBlocks[0]!.id);
    expect(seen.filter((s) => s.id === aId && s.afterB)).toEqual([]);
    expect(aBlocks).toHaveLength(3);
    // A's block that was in flight when B started was computed and then dropped by id.
    const aComputed = workers.created.flatMap((w) => w.blocks).filter((id) => id === aId).length;
    expect(aComputed).toBeGreaterThan(aBlocks.length);
  });

  it('supersedes before any row arrived, and three in a row leave only the last', async () => {
    const workers = fakeWorkers();
    const p = pool({ workers: 2, rowsPerBlock: 2, createWorker: workers.create });
    const ids = new Set<number>();
    const onRows = (block: RowBlock) => ids.add(block.id);
    const first = p.sweep({ inputs: base, spec: network }, onRows);
    const second = p.sweep({ inputs: base, spec: economics }, onRows);
    const third = p.sweep({ inputs: { ...base, exitMonth: 12 }, spec: network }, onRows);
    await expect(first).rejects.toBeInstanceOf(SupersededError);
    await expect(second).rejects.toBeInstanceOf(SupersededError);
    expect(identical(await third, expected({ ...base, exitMonth: 12 }, network))).toEqual([]);
    expect(ids.size).toBe(1);
  });

  it('ends a worker whose superseded block runs far too long, and finishes the newer sweep on a fresh one', async () => {
    const workers = fakeWorkers();
    const p = pool({ workers: 1, rowsPerBlock: 4, staleBlockMs: 50, createWorker: workers.create });
    const a = p.sweep({ inputs: base, spec: network });
    // The first worker hangs in A's first block.
    workers.created[0]!.gate = new Promise(() => {});
    const b = p.sweep({ inputs: base, spec: economics });
    await expect(a).rejects.toBeInstanceOf(SupersededError);
    expect(identical(await b, expected(base, economics))).toEqual([]);
    expect(workers.created).toHaveLength(2);
    expect(workers.created[0]!.terminated).toBe(true);
    expect(workers.created[1]!.terminated).toBe(false);
  });
});

describe('SweepPool: errors reach the caller', () => {
  it('rejects with the message of a worker that throws (an invalid spec)', async () => {
    const p = pool({ workers: 2, createWorker: fakeWorkers().create });
    const bad = { ...network, x: { ...network.x, key: 'nope' } } as unknown as SweepSpec;
    await expect(p.sweep({ inputs: base, spec: bad })).rejects.toThrow('x: unknown key "nope"');
    const month = { ...network, metric: 'hashprice', month: 999 } as SweepSpec;
    await expect(p.sweep({ inputs: base, spec: month })).rejects.toThrow(/month: must be a whole number in \[1, 180\]/);
    // The pool still works afterwards.
    expect(identical(await p.sweep({ inputs: base, spec: economics }), expected(base, economics))).toEqual([]);
  });

  it('rejects with the message of a worker whose kernel cannot load', async () => {
    const failing = fakeWorkers(() => Promise.reject(new Error('hashpivot: cannot fetch /assets/release.wasm: HTTP 404')));
    const p = pool({ workers: 2, createWorker: failing.create });
    await expect(p.sweep({ inputs: base, spec: network })).rejects.toThrow('cannot fetch /assets/release.wasm: HTTP 404');
    await expect(p.evaluate(defaultInputs())).rejects.toThrow('HTTP 404');
  });

  it('rejects when a worker dies (an error event, no reply), and starts a new worker next time', async () => {
    const workers = fakeWorkers();
    const p = pool({ workers: 1, rowsPerBlock: 1, createWorker: workers.create });
    const rows: number[] = [];
    const a = p.sweep({ inputs: base, spec: network }, (block) => {
      rows.push(block.rowStart);
      if (rows.length === 2) workers.created[0]!.crashNext = 'Uncaught RangeError: out of memory';
    });
    await expect(a).rejects.toThrow('kernel worker failed: Uncaught RangeError: out of memory');
    expect(rows).toHaveLength(2);
    expect(identical(await p.sweep({ inputs: base, spec: network }), expected(base, network))).toEqual([]);
    expect(workers.created).toHaveLength(2);
  });

  it('a worker whose script never loads (no message, no reply) is said to be gone with a deployment, and a reload named', async () => {
    const workers = fakeWorkers();
    const p = pool({ workers: 1, createWorker: workers.create });
    const run = p.sweep({ inputs: base, spec: network });
    // As a module worker whose file is missing: an error event with no message, before any reply.
    workers.created[0]!.crash('');
    await expect(run).rejects.toThrow(
      'kernel worker failed: could not start. If hashpivot was updated since this page was opened, reload the page to use the new version.',
    );
    // One that had replied and then stops without a message is not blamed on a deployment.
    expect(identical(await p.sweep({ inputs: base, spec: network }), expected(base, network))).toEqual([]);
    const again = p.sweep({ inputs: base, spec: network });
    workers.created[1]!.crash('');
    await expect(again).rejects.toThrow(/^kernel worker failed: it stopped$/);
  });

  it('rejects a grid it cannot cut into blocks, an onRows that throws, and everything on terminate()', async () => {
    const p = pool({ workers: 1, createWorker: fakeWorkers().create });
    await expect(p.sweep({ inputs: base, spec: { ...network, y: { ...network.y, n: 0 } } })).rejects.toThrow(/invalid sweep: 17×0/);
    await expect(
      p.sweep({ inputs: base, spec: network }, () => {
        throw new Error('drawing failed');
      }),
    ).rejects.toThrow('drawing failed');
    const running = p.sweep({ inputs: base, spec: network });
    const evaluating = p.evaluate(defaultInputs());
    p.terminate();
    await expect(running).rejects.toThrow('the sweep pool was terminated');
    await expect(evaluating).rejects.toThrow('the sweep pool was terminated');
  });
});
