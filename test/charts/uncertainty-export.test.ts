// A map of a metric over the price paths names the paths it rests on in its assumption line (the
// figure's notes, the embed's subtitle): volatility, number of paths and seed, the seed in full.
import { describe, expect, it } from 'vitest';
import { assumptionsText } from '../../src/charts/export.ts';
import type { Scenario } from '../../src/model/scenario/types.ts';
import { defaultView } from '../../src/model/view.ts';

describe('assumption line of a path metric', () => {
  const scenario = { version: 2, monteCarloSeed: 4_294_967_295 } as Scenario;

  it('names volatility, paths and seed for probPivotWins and the Δ percentiles', () => {
    for (const metric of ['probPivotWins', 'deltaP5', 'deltaP50', 'deltaP95', 'deltaMean'] as const) {
      const text = assumptionsText(scenario, { ...defaultView(), metric });
      expect(text).toContain('BTC volatility 50 %/yr');
      expect(text).toContain('Monte Carlo paths 1,000 paths');
      expect(text).toMatch(/Monte Carlo seed 4294967295[;.]/);
      // Each once.
      expect(text.split('Monte Carlo seed').length).toBe(2);
    }
  });

  it('leaves the paths out of a deterministic metric, unless the scenario sets them', () => {
    const delta = assumptionsText({ version: 2 } as Scenario, defaultView());
    expect(delta).not.toContain('Monte Carlo');
    expect(delta).not.toContain('volatility');
    expect(assumptionsText(scenario, defaultView())).toContain('Monte Carlo seed 4294967295');
  });

  it('leaves out a path key that is an axis', () => {
    const view = {
      ...defaultView(),
      metric: 'probPivotWins' as const,
      x: { key: 'btcVolatilityPctPerYear' as const, min: 20, max: 100, n: 8, log: false },
    };
    const text = assumptionsText(scenario, view);
    expect(text).not.toContain('BTC volatility');
    expect(text).toContain('Monte Carlo paths 1,000 paths');
  });
});
