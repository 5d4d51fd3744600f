/**
 * The heatmap's and the detail's computations (src/state/heatmap.svelte.ts, detail.svelte.ts) on a
 * fake pool and hand-run animation frames: at most one run a frame, the grid filled as rows
 * arrive, Δ for the breakeven line, the old picture kept on the same grid, errors shown, outdated
 * replies dropped.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metricColor } from '../../src/charts/color.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import type { ModelInputs } from '../../src/model/keys.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import { sweepInputs, type SweepSpec } from '../../src/model/sweep.ts';
import { DetailRun } from '../../src/state/detail.svelte.ts';
import { firstPicturePaths, HeatmapRun } from '../../src/state/heatmap.svelte.ts';
import { SupersededError, type SweepRequest } from '../../src/worker/pool.ts';
import { FakePool, manualFrames } from '../helpers/fake-pool.ts';

let frames: ReturnType<typeof manualFrames>;

beforeEach(() => {
  frames = manualFrames();
  vi.stubGlobal('requestAnimationFrame', frames.requestAnimationFrame);
  vi.stubGlobal('cancelAnimationFrame', frames.cancelAnimationFrame);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const inputs = sweepInputs(defaultInputs(), { hashrateEhs: false, epochElapsedSeconds: false });
const spec: SweepSpec = {
  x: { key: 'leaseUsdPerKwMonth', min: 80, max: 200, n: 5, log: false },
  y: { key: 'btcPriceUsd', min: 40_000, max: 160_000, n: 7, log: true },
  metric: 'delta',
  month: 1,
};
const request = (partial: Partial<SweepSpec> = {}, more: Partial<ModelInputs> = {}): SweepRequest => ({
  inputs: { ...inputs, ...more },
  spec: { ...spec, ...partial },
});

/** The grid the kernel computes for a request. */
const expected = (req: SweepRequest) => sweepGrid(createSweeper(loadKernelSync()), req.inputs, req.spec);

async function settled(run: HeatmapRun | DetailRun): Promise<void> {
  await expect.poll(() => run.state).not.toBe('running');
}

describe('HeatmapRun', () => {
  it('runs the last request of a frame, fills the grid block by block, and colours it', async () => {
    const fake = new FakePool();
    const run = new HeatmapRun(fake.pool);
    run.request(request({}, { siteMw: 10 }));
    run.request(request());
    expect(fake.calls).toEqual([]);
    frames.runFrame();
    expect(run.runs).toBe(1);
    expect(run.state).toBe('running');
    await settled(run);
    expect(run.state).toBe('done');
    expect(fake.calls).toHaveLength(1);
    expect((fake.calls[0]!.request as SweepRequest).inputs.siteMw).toBe(inputs.siteMw);
    const grid = expected(request());
    expect(Array.from(run.values!)).toEqual(Array.from(grid));
    expect(Array.from(run.filled)).toEqual(new Array(7).fill(1));
    expect(run.rowsDone).toBe(7);
    expect(run.version).toBeGreaterThanOrEqual(5);
    const color = metricColor('delta', grid);
    expect([run.color!.kind, run.color!.lo, run.color!.hi]).toEqual([color.kind, color.lo, color.hi]);
    // The metric is Δ: the grid is its own Δ, no second sweep.
    expect(Array.from(run.delta!)).toEqual(Array.from(grid));
    expect(run.spec).toEqual(spec);
  });

  it('computes Δ over the same grid for another metric', async () => {
    const fake = new FakePool();
    const run = new HeatmapRun(fake.pool);
    run.request(request({ metric: 'irr' }));
    frames.runFrame();
    await settled(run);
    expect(run.state).toBe('done');
    const sweeps = fake.calls.filter((c) => c.method === 'sweep').map((c) => (c.request as SweepRequest).spec.metric);
    expect(sweeps).toEqual(['irr', 'delta']);
    expect(Array.from(run.delta!)).toEqual(Array.from(expected(request())));
    expect(Array.from(run.values!)).toEqual(Array.from(expected(request({ metric: 'irr' }))));
  });

  it('keeps the old picture on the same grid and starts empty on a new one', async () => {
    const fake = new FakePool();
    const run = new HeatmapRun(fake.pool);
    run.request(request());
    frames.runFrame();
    await settled(run);
    const first = run.values;
    run.request(request({}, { siteMw: 300 }));
    frames.runFrame();
    expect(run.values).toBe(first);
    expect(run.delta).not.toBeNull();
    await settled(run);
    run.request(request({ x: { ...spec.x, n: 6 } }));
    frames.runFrame();
    expect(run.values).not.toBe(first);
    expect(run.values!.length).toBe(6 * 7);
    expect(run.delta).toBeNull();
    await settled(run);
    expect(run.values!.every((v) => !Number.isNaN(v))).toBe(true);
  });

  it('requestNow starts a change at once, then runs at most once a frame', async () => {
    const fake = new FakePool();
    const run = new HeatmapRun(fake.pool);
    run.requestNow(request({}, { siteMw: 10 }));
    // At once, before any frame: the workers start while the page renders the change.
    expect(run.runs).toBe(1);
    expect(fake.calls).toHaveLength(1);
    // More in the same frame wait for the next one, the last winning.
    run.requestNow(request({}, { siteMw: 20 }));
    run.requestNow(request({}, { siteMw: 30 }));
    expect(run.runs).toBe(1);
    frames.runFrame();
    expect(run.runs).toBe(2);
    expect((fake.calls[1]!.request as SweepRequest).inputs.siteMw).toBe(30);
    // Right after that frame's run, another waits for the frame after.
    run.requestNow(request({}, { siteMw: 40 }));
    expect(run.runs).toBe(2);
    frames.runFrame();
    expect(run.runs).toBe(3);
    // A frame with no run: the next change starts at once again.
    frames.runFrame();
    run.requestNow(request({}, { siteMw: 50 }));
    expect(run.runs).toBe(4);
    await settled(run);
    expect(run.state).toBe('done');
    expect(Array.from(run.values!)).toEqual(Array.from(expected(request({}, { siteMw: 50 }))));
  });

  it('a null request cancels the one waiting for the frame', () => {
    const fake = new FakePool();
    const run = new HeatmapRun(fake.pool);
    run.request(request());
    run.request(null);
    frames.runFrame();
    expect(run.runs).toBe(0);
    expect(fake.calls).toEqual([]);
  });

  it('shows the pool’s error, and ignores a sweep superseded by a newer one', async () => {
    const fake = new FakePool();
    const run = new HeatmapRun(fake.pool);
    fake.failNext = new Error('month: must be a whole number in [1, 120]');
    run.request(request());
    frames.runFrame();
    await settled(run);
    expect(run.state).toBe('error');
    expect(run.error).toBe('month: must be a whole number in [1, 120]');
    fake.failNext = new SupersededError(1);
    run.request(request());
    frames.runFrame();
    await new Promise((r) => setTimeout(r, 10));
    expect(run.state).toBe('running');
    expect(run.error).toBe('');
  });

  it('after dispose, nothing waiting runs and a running sweep changes nothing', async () => {
    const fake = new FakePool();
    const run = new HeatmapRun(fake.pool);
    let open!: () => void;
    fake.gate = new Promise((r) => (open = r));
    run.request(request());
    frames.runFrame();
    run.request(request({}, { siteMw: 5 }));
    run.dispose();
    expect(frames.pending).toBe(0);
    open();
    await new Promise((r) => setTimeout(r, 10));
    expect(run.state).toBe('running');
    expect(run.rowsDone).toBe(0);
    expect(fake.calls).toHaveLength(1);
  });
});

describe('DetailRun', () => {
  it('evaluates and projects the last inputs of a frame', async () => {
    const fake = new FakePool();
    const run = new DetailRun(fake.pool);
    const a = { ...defaultInputs(), siteMw: 20 };
    const b = { ...defaultInputs(), siteMw: 40 };
    run.request(a);
    run.request(b);
    frames.runFrame();
    await settled(run);
    expect(run.state).toBe('done');
    expect(fake.calls.map((c) => c.method)).toEqual(['evaluate', 'project']);
    expect(run.inputs).toBe(b);
    // The deterministic evaluation (σ taken as 0): the price paths are the uncertainty view's.
    expect(run.evaluation).toEqual(fake.model.evaluate({ ...b, btcVolatilityPctPerYear: 0 }));
    expect(run.projection).toEqual(fake.model.project(b));
  });

  it('gives the headline its evaluation as soon as it is back, and starts a change at once with requestNow', async () => {
    const fake = new FakePool();
    const run = new DetailRun(fake.pool);
    const a = { ...defaultInputs(), siteMw: 20 };
    run.requestNow(a);
    expect(fake.calls.map((c) => c.method)).toEqual(['evaluate', 'project']);
    await settled(run);
    expect(run.answer).toEqual({ inputs: a, evaluation: fake.model.evaluate({ ...a, btcVolatilityPctPerYear: 0 }) });
    expect(run.answer!.inputs).toBe(run.inputs);
  });

  it('drops a reply for outdated inputs', async () => {
    const fake = new FakePool();
    const run = new DetailRun(fake.pool);
    const slow = { ...defaultInputs(), siteMw: 20 };
    const fast = { ...defaultInputs(), siteMw: 40 };
    let open!: () => void;
    fake.gate = new Promise((r) => (open = r));
    run.request(slow);
    frames.runFrame();
    fake.gate = undefined;
    run.request(fast);
    frames.runFrame();
    await settled(run);
    expect(run.inputs).toBe(fast);
    open();
    await new Promise((r) => setTimeout(r, 10));
    expect(run.inputs).toBe(fast);
    expect(run.evaluation).toEqual(fake.model.evaluate({ ...fast, btcVolatilityPctPerYear: 0 }));
  });

  it('shows the pool’s error, and recovers on the next request', async () => {
    const fake = new FakePool();
    const run = new DetailRun(fake.pool);
    fake.failNext = new Error('hashpivot: cannot fetch /assets/release.wasm: HTTP 404');
    run.request(defaultInputs());
    frames.runFrame();
    await settled(run);
    expect(run.state).toBe('error');
    expect(run.error).toContain('HTTP 404');
    run.request(defaultInputs());
    frames.runFrame();
    await settled(run);
    expect(run.state).toBe('done');
    expect(run.error).toBe('');
  });
});

describe('the first picture of a path metric', () => {
  const req = (metric: SweepSpec['metric'], over: Partial<ModelInputs>) =>
    ({ inputs: { ...defaultInputs(), ...over }, spec: { metric } }) as unknown as SweepRequest;
  it('uses an eighth of the paths, at most 16, from 64 paths on, and only for path metrics with a volatility', () => {
    // ⌈1000 / 8⌉ = 125 → 16; ⌈64 / 8⌉ = 8; ⌈100 / 8⌉ = 13.
    expect(firstPicturePaths(req('probPivotWins', { monteCarloPaths: 1000 }))).toBe(16);
    expect(firstPicturePaths(req('deltaP50', { monteCarloPaths: 64 }))).toBe(8);
    expect(firstPicturePaths(req('deltaMean', { monteCarloPaths: 100 }))).toBe(13);
    expect(firstPicturePaths(req('probPivotWins', { monteCarloPaths: 63 }))).toBeNull();
    expect(firstPicturePaths(req('probPivotWins', { monteCarloPaths: 1000, btcVolatilityPctPerYear: 0 }))).toBeNull();
    expect(firstPicturePaths(req('delta', { monteCarloPaths: 1000 }))).toBeNull();
  });
});
