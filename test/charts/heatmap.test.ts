/**
 * The heatmap's axes, legend and breakeven line for fixed grids (no kernel: a Δ made up so that
 * the breakeven lease rate rises with the BTC price, as in the model), rendered as SVG in Node.
 */
import { describe, expect, it } from 'vitest';
import { axisValues } from '../../src/model/sweep.ts';
import { defaultView, type View } from '../../src/model/view.ts';
import { heatmapDocument, heatmapLayout } from '../../src/charts/heatmap.ts';
import { isolines } from '../../src/charts/contour.ts';
import { expectSnapshot } from './snapshot.ts';

function grid(view: View, f: (x: number, y: number) => number): Float64Array {
  const xs = axisValues(view.x);
  const ys = axisValues(view.y);
  const out = new Float64Array(xs.length * ys.length);
  ys.forEach((y, j) => xs.forEach((x, i) => (out[j * xs.length + i] = f(x, y))));
  return out;
}

const view: View = {
  ...defaultView(),
  x: { key: 'leaseUsdPerKwMonth', min: 60, max: 220, n: 24, log: false },
  y: { key: 'btcPriceUsd', min: 30_000, max: 250_000, n: 20, log: true },
};
/** Δ in dollars: $2.5M per $/kW-month above a breakeven of 80 + 40·ln(P / 30k). */
const delta = grid(view, (lease, price) => 2.5e6 * (lease - (80 + 40 * Math.log(price / 30_000))));

describe('heatmap', () => {
  it('delta, lease rate × BTC price (log): axes, diverging legend, breakeven line, current scenario', async () => {
    const svg = heatmapDocument({
      view,
      width: 640,
      height: 440,
      values: delta,
      delta,
      current: { x: 140, y: 90_922 },
      selected: { i: 3, j: 17 },
      id: 'hm',
    });
    expect(svg).toContain('data-testid="breakeven"');
    await expectSnapshot('heatmap-delta', svg);
  });

  it('a sequential metric with cells of no value, on a phone-sized chart', async () => {
    const v: View = {
      x: { key: 'powerUsdPerKwh', min: 0.02, max: 0.1, n: 16, log: false },
      y: { key: 'hashrateGrowthPctPerMonth', min: -2, max: 4, n: 12, log: false },
      metric: 'paybackMonth',
      month: 1,
    };
    const d = grid(v, (p, g) => 1e8 * (p - 0.05) + 2e7 * g);
    const payback = grid(v, (p, g) => (1e8 * (p - 0.05) + 2e7 * g > 0 ? 40 + 200 * (0.1 - p) + 3 * g : NaN));
    const svg = heatmapDocument({ view: v, width: 358, height: 320, values: payback, delta: d, id: 'hm2' });
    expect(svg).toContain('>none<');
    await expectSnapshot('heatmap-payback-phone', svg);
  });

  it('puts each value at its cell centre, on linear and log axes', () => {
    const layout = heatmapLayout({ view, width: 640, height: 440, values: delta, delta, id: 'x' });
    const [cx, cy] = layout.cellCentre(5, 7);
    expect(layout.x(layout.xs[5]!)).toBeCloseTo(cx, 6);
    expect(layout.y(layout.ys[7]!)).toBeCloseTo(cy, 6);
    expect(layout.cellAt(cx, cy)).toEqual({ i: 5, j: 7 });
    expect(layout.cellAt(layout.plot.x - 1, cy)).toBeNull();
  });

  it('draws the breakeven only where Δ crosses 0, not along the grid edge', () => {
    const lines = isolines(delta, view.x.n, view.y.n, 0);
    expect(lines).toHaveLength(1);
    for (const [x, y] of lines[0]!) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(view.x.n);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(view.y.n);
    }
  });

  it('rejects nonsense at the door', () => {
    expect(() => heatmapLayout({ view, width: 0, height: 400, values: null, delta: null, id: 'x' })).toThrow('invalid width: 0');
    expect(() =>
      heatmapLayout({ view: { ...view, metric: 'nope' as never }, width: 400, height: 400, values: delta, delta: null, id: 'x' }),
    ).toThrow('invalid metric: nope');
  });
});
