/**
 * The explorer's state (src/state/explorer.svelte.ts) on Svelte's client runtime: the raw scenario,
 * its problems, the inputs resolved from its valid keys only, the view and its problems, the sweep
 * request and the cell shown in detail; and effects that follow them.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { defaultInputs, hashrateEhsFor } from '../../src/model/registry/index.ts';
import { sweepInputs } from '../../src/model/sweep.ts';
import { defaultView } from '../../src/model/view.ts';
import { Explorer } from '../../src/state/explorer.svelte.ts';

describe('Explorer', () => {
  it('opens on version 2 with no keys, the default inputs and view, and a sweep of them', () => {
    const e = new Explorer();
    expect(e.scenario).toEqual({ version: 2 });
    expect(e.view).toEqual(defaultView());
    expect(e.problems).toEqual([]);
    expect(e.valid).toBe(true);
    expect(e.inputs).toEqual(defaultInputs());
    expect(e.viewProblems).toEqual([]);
    // Derived keys the scenario did not set are left for the kernel to derive per cell (−1).
    expect(e.sweepRequest).toEqual({
      inputs: sweepInputs(defaultInputs(), { hashrateEhs: false, epochElapsedSeconds: false }),
      spec: defaultView(),
    });
    expect(e.sweepRequest!.inputs.hashrateEhs).toBe(-1);
    expect(e.cell).toBeNull();
    expect(e.detailScenario).toEqual({ version: 2 });
    expect(e.detailInputs).toEqual(defaultInputs());
  });

  it('setParam sets and removes keys; the inputs follow', () => {
    const e = new Explorer();
    e.setParam('siteMw', 50);
    e.setParam('name', 'Texas');
    expect(e.scenario).toEqual({ version: 2, siteMw: 50, name: 'Texas' });
    expect(e.inputs.siteMw).toBe(50);
    expect(e.value('siteMw')).toBe(50);
    expect(e.value('name')).toBeUndefined();
    e.setParam('siteMw', undefined);
    expect(e.scenario).toEqual({ version: 2, name: 'Texas' });
    expect(e.inputs.siteMw).toBe(defaultInputs().siteMw);
  });

  it('keeps an invalid value and reports it, while the inputs fall back to the default for that key only', () => {
    const e = new Explorer();
    e.setParam('powerUsdPerKwh', 0.07);
    e.setParam('siteMw', -5);
    expect(e.scenario).toMatchObject({ siteMw: -5 });
    expect(e.valid).toBe(false);
    expect(e.problems.map((p) => p.key)).toEqual(['siteMw']);
    expect(e.problemFor('siteMw')?.message).toContain('siteMw: expected a number from 0.1 to 10000 MW, got -5');
    expect(e.problemFor('powerUsdPerKwh')).toBeUndefined();
    expect(e.inputs.siteMw).toBe(defaultInputs().siteMw);
    expect(e.inputs.powerUsdPerKwh).toBe(0.07);
    // No sweep of an invalid scenario; the detail shows the valid part.
    expect(e.sweepRequest).toBeNull();
    expect(e.detailScenario).toEqual({ version: 2, powerUsdPerKwh: 0.07 });
    e.setParam('siteMw', 60);
    expect(e.valid).toBe(true);
    expect(e.sweepRequest?.inputs.siteMw).toBe(60);
  });

  it('derives the hashrate from the start difficulty unless it is set, and says so to the kernel', () => {
    const e = new Explorer();
    e.setParam('startDifficulty', 120e12);
    expect(e.inputs.hashrateEhs).toBeCloseTo(hashrateEhsFor(120e12), 9);
    expect(e.sweepRequest!.inputs.hashrateEhs).toBe(-1);
    e.setParam('hashrateEhs', 900);
    expect(e.inputs.hashrateEhs).toBe(900);
    expect(e.sweepRequest!.inputs.hashrateEhs).toBe(900);
  });

  it('reports view problems (a month beyond the horizon) and makes no sweep request', () => {
    const e = new Explorer();
    e.setView({ metric: 'hashprice', month: 200 });
    expect(e.viewProblems.map((p) => p.key)).toEqual(['month']);
    expect(e.sweepRequest).toBeNull();
    // A longer horizon makes the same month valid.
    e.setParam('horizonYears', 20);
    expect(e.viewProblems).toEqual([]);
    expect(e.sweepRequest?.spec).toMatchObject({ metric: 'hashprice', month: 200 });
  });

  it('shows a heatmap cell in detail, and lets it go when the axes change or a scenario is loaded', () => {
    const e = new Explorer();
    e.setParam('siteMw', 80);
    const cell = { xKey: 'leaseUsdPerKwMonth' as const, x: 150, yKey: 'btcPriceUsd' as const, y: 120_000 };
    e.selectCell(cell);
    expect(e.detailScenario).toEqual({ version: 2, siteMw: 80, leaseUsdPerKwMonth: 150, btcPriceUsd: 120_000 });
    expect(e.detailInputs).toMatchObject({ siteMw: 80, leaseUsdPerKwMonth: 150, btcPriceUsd: 120_000 });
    // The scenario itself is unchanged.
    expect(e.inputs.leaseUsdPerKwMonth).toBe(defaultInputs().leaseUsdPerKwMonth);
    // Same axes, another metric: the cell stays.
    e.setView({ metric: 'irr' });
    expect(e.cell).toEqual(cell);
    // Another x axis: the cell goes.
    e.setView({ x: { key: 'siteMw', min: 10, max: 200, n: 20, log: false } });
    expect(e.cell).toBeNull();
    expect(e.detailScenario).toEqual({ version: 2, siteMw: 80 });
    e.selectCell({ ...cell, xKey: 'siteMw', x: 30 });
    e.loadScenario({ version: 2, exitSharePct: 10 });
    expect(e.cell).toBeNull();
    expect(e.scenario).toEqual({ version: 2, exitSharePct: 10 });
  });

  it('loadScenario fills in a missing version and replaces every key', () => {
    const e = new Explorer();
    e.setParam('siteMw', 50);
    e.loadScenario({ uptimePct: 90 } as never);
    expect(e.scenario).toEqual({ uptimePct: 90, version: 2 });
  });

  it('effects that read the derived values rerun when the scenario changes, once per change', () => {
    const e = new Explorer();
    const seen: (number | null)[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(e.sweepRequest?.inputs.siteMw ?? null);
      });
    });
    try {
      flushSync();
      e.setParam('siteMw', 70);
      flushSync();
      e.setParam('siteMw', -1);
      flushSync();
      // A change that leaves the request's inputs as they were still makes a new request object.
      e.setParam('siteMw', 70);
      flushSync();
      // A view change that does not touch the scenario.
      e.setView({ metric: 'irr' });
      flushSync();
      expect(seen).toEqual([100, 70, null, 70, 70]);
    } finally {
      stop();
    }
  });
});
