/**
 * The charts in words (src/charts/describe.ts) and the legend's captions on a narrow ramp: the
 * words follow the metric, and the scenario's breakevens are stated as `evaluate` gives them.
 */
import { describe, expect, it } from 'vitest';
import { breakevenSentence, chartDescription, describeMap, describeValues, sampledIndices } from '../../src/charts/describe.ts';
import { legendSvg } from '../../src/charts/legend.ts';
import { metricColor } from '../../src/charts/color.ts';
import { defaultView, type View } from '../../src/model/view.ts';

// A 3 × 2 grid: lease rate 60, 100, 140; BTC price 30k, 60k (x fastest).
const view: View = {
  ...defaultView(),
  x: { key: 'leaseUsdPerKwMonth', min: 60, max: 140, n: 3, log: false },
  y: { key: 'btcPriceUsd', min: 30_000, max: 60_000, n: 2, log: false },
};
const xs = [60, 100, 140];
const ys = [30_000, 60_000];

describe('describeMap', () => {
  it('for Δ, where the breakeven line runs', () => {
    // Row 0: −20M, 0… crossing between 60 and 100 at 60 + 40 · 20/(20+20) = 80.
    const delta = [-20e6, 20e6, 60e6, -40e6, 0, 40e6];
    const words = describeMap(view, xs, ys, delta);
    expect(words).toMatch(/^The breakeven line \(Δ = 0\) crosses lease rate: at BTC price \$30k, \$80\/kW-mo;/);
  });

  it('for another metric, its range and where each end lies, and nothing of the breakeven', () => {
    const irrView: View = { ...view, metric: 'irr' };
    const words = describeValues(irrView, xs, ys, [0.05, 0.1, NaN, 0.02, 0.2, 0.3]);
    expect(words).toBe(
      "IRR of the pivot's extra cash flows runs from 2 %/yr (at lease rate $60/kW-mo, BTC price $60k) to 30 %/yr " +
        '(at lease rate $140/kW-mo, BTC price $60k). 1 of 6 points have none.',
    );
    expect(describeMap(irrView, xs, ys, [1, 1, 1, 1, 1, 1])).not.toMatch(/breakeven|pivoting wins/i);
    expect(describeMap({ ...view, metric: 'securityBudget' }, xs, ys, [1e6, 2e6, 3e6, 4e6, 5e6, 6e6])).toMatch(
      /^Security budget, month 1 runs from \$1M\/day \(at lease rate \$60\/kW-mo, BTC price \$30k\) to \$6M\/day/,
    );
  });
});

describe('chartDescription', () => {
  it("states what the map shows and, for Δ, the scenario's breakevens", () => {
    const delta = [-20e6, 20e6, 60e6, -40e6, 0, 40e6];
    const text = chartDescription(view, delta, { leaseRate: 137.456, btcPrice: 123_456 });
    expect(text).toMatch(
      /^A map of Δ NPV, pivot − keep mining over lease rate from \$60\/kW-mo to \$140\/kW-mo and BTC price from \$30k to \$60k\. /,
    );
    expect(text).toContain('For the scenario marked on the map, pivoting breaks even at a lease rate of $137.5/kW-mo;');
    expect(text).toContain('pivoting is ahead while BTC starts below $123.5k, mining above it.');
    // Another metric: no breakeven sentence.
    expect(chartDescription({ ...view, metric: 'npvPivot' }, delta, { leaseRate: 137, btcPrice: 1 })).not.toContain('breaks even');
  });

  it('says so when no breakeven exists', () => {
    expect(breakevenSentence(null, null)).toBe(
      'For the scenario marked on the map, no lease rate makes the two paths equal; no BTC price from $1 to $100M changes which path wins.',
    );
    expect(breakevenSentence(-5, null)).toContain('pivoting would win even rent-free');
  });
});

describe('the legend under a narrow ramp', () => {
  const color = metricColor('delta', [-1e9, 1e9]);
  const ends = (width: number) =>
    [
      ...legendSvg(
        { color, unit: 'USD', title: 'Δ', width, hasNone: false, ends: ['mining wins', 'pivot wins'], id: 'r' },
        { x: 0, y: 0 },
      ).matchAll(/class="legend-end"[^>]*>([^<]*)</g),
    ].map((m) => m[1]);
  it('keeps the whole captions where they fit, their first words where they would collide', () => {
    expect(ends(280)).toEqual(['← mining wins', 'pivot wins →']);
    // 115 px (a 280 px embed's ramp): "← mining wins" and "pivot wins →" need ≈ 142 px with the gap.
    expect(ends(115)).toEqual(['← mining', 'pivot →']);
  });
});

describe('sampledIndices', () => {
  it('takes every step-th index and always the last', () => {
    // 0, 6, 12 and then the last, 13; a step that lands on the last adds nothing more.
    expect(sampledIndices(14, 6)).toEqual([0, 6, 12, 13]);
    expect(sampledIndices(13, 6)).toEqual([0, 6, 12]);
    expect(sampledIndices(3, 1)).toEqual([0, 1, 2]);
    expect(sampledIndices(1, 5)).toEqual([0]);
  });
});
