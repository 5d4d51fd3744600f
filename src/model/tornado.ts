/**
 * What matters most: Δ with one input at a time moved to each end of its plausible range (the
 * registry's `plausible`, with its public sources), every other input at the scenario's value,
 * sorted by how far Δ moves. Δ is the deterministic model's (σ taken as 0, docs/model.md §7.5),
 * so the volatility and the Monte Carlo keys have no bar, nor the attack figures' inputs, which
 * move no cash flow.
 */
import type { ModelKey } from './keys.ts';
import { REGISTRY, type ParamSpec } from './registry/index.ts';
import type { Model } from './results.ts';
import { resolveInputs } from './scenario/resolve.ts';
import type { Scenario } from './scenario/types.ts';

export interface TornadoBar {
  key: ModelKey;
  low: number;
  high: number;
  /** Δ with the key at `low` and at `high`, USD. */
  deltaLow: number;
  deltaHigh: number;
}

export interface Tornado {
  /** Δ of the scenario itself. */
  delta: number;
  /** Largest swing |deltaHigh − deltaLow| first. */
  bars: TornadoBar[];
}

/** The keys the tornado moves: those with a plausible range that move a cash flow. */
export const TORNADO_KEYS: readonly ParamSpec[] = Object.freeze(
  REGISTRY.filter((p) => p.plausible && p.section !== 'uncertainty' && p.section !== 'attack'),
);

/** The scenario with `key` set to `value`, resolved (derived keys follow it, as in a heatmap cell). */
function inputsWith(scenario: Scenario, key: ModelKey | null, value: number) {
  const inputs = resolveInputs(key ? ({ ...scenario, [key]: value } as Scenario) : scenario);
  return { ...inputs, btcVolatilityPctPerYear: 0 };
}

/** The tornado of a valid scenario, on `model` (the worker's kernel, or the reference in tests). */
export function tornado(model: Pick<Model, 'evaluate'>, scenario: Scenario): Tornado {
  const delta = model.evaluate(inputsWith(scenario, null, 0)).delta;
  const bars = TORNADO_KEYS.map(({ key, plausible }): TornadoBar => {
    const { low, high } = plausible!;
    return {
      key,
      low,
      high,
      deltaLow: model.evaluate(inputsWith(scenario, key, low)).delta,
      deltaHigh: model.evaluate(inputsWith(scenario, key, high)).delta,
    };
  });
  const swing = (b: TornadoBar) => Math.abs(b.deltaHigh - b.deltaLow);
  bars.sort((a, b) => swing(b) - swing(a));
  return { delta, bars };
}
