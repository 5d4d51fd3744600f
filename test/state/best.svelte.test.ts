/**
 * The best plan's search (src/state/best.svelte.ts) on a fake pool running the Node kernel: the
 * plan equals src/model/best.ts on the command line's grid, the search waits while the main map is
 * computing, a superseded search runs again, and a change to the scenario's own share and start
 * (applying a plan) searches nothing again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import { bestPlan } from '../../src/model/best.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import { axisValues } from '../../src/model/sweep.ts';
import { BestPlanRun, planSpec } from '../../src/state/best.svelte.ts';
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

// A short horizon keeps the grid small: 21 shares × starts 0…23.
const inputs = { ...defaultInputs(), horizonYears: 2, leaseUsdPerKwMonth: 100, btcPriceUsd: 150_000 };

describe('BestPlanRun', () => {
  it('searches the command line grid with the volatility taken as 0 and chooses as src/model/best.ts does', async () => {
    const fake = new FakePool();
    const run = new BestPlanRun(() => true, fake.pool);
    run.request(inputs);
    frames.runFrame();
    await expect.poll(() => run.state).toBe('done');

    const spec = planSpec(inputs, 'npvPivot');
    expect(spec.x).toEqual({ key: 'pivotSharePct', min: 0, max: 100, n: 21, log: false });
    // min(60, 2 · 12 − 1) = 23: one start a month from 0.
    expect(spec.y).toEqual({ key: 'pivotStartMonth', min: 0, max: 23, n: 24, log: false });
    const sweeps = fake.calls.map((c) => c.request as { inputs: typeof inputs; spec: typeof spec });
    expect(sweeps.map((s) => s.spec.metric)).toEqual(['npvPivot', 'delta']);
    expect(sweeps.every((s) => s.inputs.btcVolatilityPctPerYear === 0)).toBe(true);

    const sweeper = createSweeper(loadKernelSync());
    const deterministic = { ...inputs, btcVolatilityPctPerYear: 0 };
    const expected = bestPlan({
      shares: axisValues(spec.x),
      starts: axisValues(spec.y),
      npvPivot: sweepGrid(sweeper, deterministic, spec),
      delta: sweepGrid(sweeper, deterministic, { ...spec, metric: 'delta' }),
    });
    expect(run.plan).toEqual(expected);
    expect(run.npvPivot).toHaveLength(21 * 24);
  });

  it('waits while the main map computes, and runs when asked again once it is done', async () => {
    const fake = new FakePool();
    let mapBusy = true;
    const run = new BestPlanRun(() => !mapBusy, fake.pool);
    run.request(inputs);
    frames.runFrame();
    expect(run.state).toBe('waiting');
    expect(fake.calls).toEqual([]);
    mapBusy = false;
    run.request(inputs);
    frames.runFrame();
    await expect.poll(() => run.state).toBe('done');
    expect(run.runs).toBe(1);
  });

  it('goes back to waiting when a newer sweep supersedes it, and searches again afterwards', async () => {
    const fake = new FakePool();
    const run = new BestPlanRun(() => true, fake.pool);
    let open!: () => void;
    fake.gate = new Promise((resolve) => (open = resolve));
    run.request(inputs);
    frames.runFrame();
    expect(run.state).toBe('running');
    // The main map's sweep starts on the same pool.
    const map = fake.sweep({ inputs, spec: { ...planSpec(inputs, 'delta'), y: { ...planSpec(inputs, 'delta').y, n: 2, max: 1 } } });
    fake.gate = undefined;
    open();
    await map;
    await expect.poll(() => run.state).toBe('waiting');
    expect(run.plan).toBeNull();
    run.request(inputs);
    frames.runFrame();
    await expect.poll(() => run.state).toBe('done');
  });

  it('searches nothing again when only the scenario’s own share and start (or its volatility) change', async () => {
    const fake = new FakePool();
    const run = new BestPlanRun(() => true, fake.pool);
    run.request(inputs);
    frames.runFrame();
    await expect.poll(() => run.state).toBe('done');
    const calls = fake.calls.length;
    run.request({
      ...inputs,
      pivotSharePct: run.plan!.pivotSharePct,
      pivotStartMonth: run.plan!.pivotStartMonth,
      btcVolatilityPctPerYear: 10,
    });
    frames.runFrame();
    expect(run.state).toBe('done');
    expect(fake.calls.length).toBe(calls);
    // Any other key searches again.
    run.request({ ...inputs, leaseUsdPerKwMonth: 120 });
    frames.runFrame();
    await expect.poll(() => run.runs).toBe(2);
    expect(fake.calls.length).toBe(calls + 2);
  });

  it('shows a failed sweep as an error', async () => {
    const fake = new FakePool();
    const run = new BestPlanRun(() => true, fake.pool);
    fake.failNext = new Error('kernel worker failed: could not start');
    run.request(inputs);
    frames.runFrame();
    await expect.poll(() => run.state).toBe('error');
    expect(run.error).toBe('kernel worker failed: could not start');
  });
});
