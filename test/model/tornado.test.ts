// The tornado (src/model/tornado.ts) on the WASM kernel: each bar's ends are evaluate's Δ with that
// key at the end of its plausible range, the bars run from the largest swing down, and only keys
// that move a cash flow have one.
import { describe, expect, it } from 'vitest';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import { PARAMS_BY_KEY } from '../../src/model/registry/index.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import type { Scenario } from '../../src/model/scenario/types.ts';
import { TORNADO_KEYS, tornado } from '../../src/model/tornado.ts';

const model = createNodeModel('release');
const scenario = { version: 2, leaseUsdPerKwMonth: 90, siteMw: 80 } as Scenario;
const t = tornado(model, scenario);

describe('tornado', () => {
  it("gives Δ of the scenario itself, its volatility set aside (Δ is the deterministic model's)", () => {
    expect(t.delta).toBe(model.evaluate(resolveInputs(scenario)).delta);
  });

  it.each(['leaseUsdPerKwMonth', 'btcPriceUsd', 'powerUsdPerKwh'] as const)('%s: each end is evaluate at that end of its range', (key) => {
    const bar = t.bars.find((b) => b.key === key)!;
    const { low, high } = PARAMS_BY_KEY[key].plausible!;
    expect([bar.low, bar.high]).toEqual([low, high]);
    expect(bar.deltaLow).toBe(model.evaluate(resolveInputs({ ...scenario, [key]: low } as Scenario)).delta);
    expect(bar.deltaHigh).toBe(model.evaluate(resolveInputs({ ...scenario, [key]: high } as Scenario)).delta);
    // Δ moves with these keys: the bar is not empty, and a higher lease favours the pivot.
    expect(bar.deltaHigh).not.toBe(bar.deltaLow);
    if (key === 'leaseUsdPerKwMonth') expect(bar.deltaHigh).toBeGreaterThan(bar.deltaLow);
    // The scenario's own Δ lies between the ends where the key moves Δ one way (the lease: Δ is affine in it).
    if (key === 'leaseUsdPerKwMonth') expect(t.delta).toBeGreaterThan(bar.deltaLow);
  });

  it('sorts by swing, largest first', () => {
    const swings = t.bars.map((b) => Math.abs(b.deltaHigh - b.deltaLow));
    for (let i = 1; i < swings.length; i++) expect(swings[i]).toBeLessThanOrEqual(swings[i - 1]!);
    expect(swings[0]).toBeGreaterThan(0);
  });

  it('has a bar for every key with a plausible range but the Monte Carlo and attack inputs', () => {
    const keys = TORNADO_KEYS.map((p) => p.key);
    expect(keys).toContain('leaseUsdPerKwMonth');
    expect(keys).not.toContain('btcVolatilityPctPerYear');
    expect(keys.every((k) => PARAMS_BY_KEY[k].plausible)).toBe(true);
    expect(t.bars.map((b) => b.key).sort()).toEqual([...keys].sort());
  });
});
