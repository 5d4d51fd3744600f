// The distribution of Δ over the price paths (src/kernel/distribution.ts) and the property the
// heatmap's first picture rests on: a run of k paths is the first k paths of a run of n (path j
// depends on the seed and j only, docs/model.md §7.5).
import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/kernel/facade.ts';
import { deltaHistogram, shareAbove } from '../../src/kernel/distribution.ts';
import { histogramEdges } from '../../src/model/histogram.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import type { SweepSpec } from '../../src/model/sweep.ts';

const k = loadKernelSync('release');
const model = createModel(k);
// At $80/kW-month about a fifth of the default scenario's paths favour the pivot.
const base = { ...defaultInputs(), leaseUsdPerKwMonth: 80 };
const mc = (paths: number) => model.evaluate({ ...base, monteCarloPaths: paths }).monteCarlo!;

describe('paths are a prefix-stable sequence', () => {
  it("path j's Δ is the same in runs of 1, 2 and 3 paths", () => {
    // Δ_j = k·mean_k − (k−1)·mean_(k−1) from runs of k paths; a run of 3 paths sorts the same three
    // Δs, and its percentiles at ⌈0.05·3⌉ = 1, ⌈0.5·3⌉ = 2 and ⌈0.95·3⌉ = 3 are all of them.
    const [m1, m2, m3] = [mc(1).deltaMean, mc(2).deltaMean, mc(3).deltaMean];
    const deltas = [m1, 2 * m2 - m1, 3 * m3 - 2 * m2].sort((a, b) => a - b);
    const three = mc(3);
    const scale = Math.abs(m1);
    expect(Math.abs(three.deltaP5 - deltas[0]!)).toBeLessThan(1e-9 * scale);
    expect(Math.abs(three.deltaP50 - deltas[1]!)).toBeLessThan(1e-9 * scale);
    expect(Math.abs(three.deltaP95 - deltas[2]!)).toBeLessThan(1e-9 * scale);
  });

  it("a sweep over 25 paths counts the first 25 of 200 paths' wins, cell by cell", () => {
    const spec: SweepSpec = {
      x: { key: 'leaseUsdPerKwMonth', min: 70, max: 90, n: 5, log: false },
      y: { key: 'siteMw', min: 50, max: 150, n: 3, log: false },
      metric: 'probPivotWins',
      month: 1,
    };
    const sweeper = createSweeper(k);
    const few = sweepGrid(sweeper, { ...base, monteCarloPaths: 25 }, spec);
    // The same cells evaluated one by one with 25 paths: the first picture is the full method on fewer paths.
    const xs = [70, 75, 80, 85, 90];
    const ys = [50, 100, 150];
    ys.forEach((y, r) =>
      xs.forEach((x, c) => {
        const e = model.evaluate({ ...base, monteCarloPaths: 25, leaseUsdPerKwMonth: x, siteMw: y }).monteCarlo!;
        expect(few[r * 5 + c]).toBeCloseTo(e.probPivotWins, 12);
      }),
    );
    // Wins are whole numbers of 25 paths.
    for (const v of few) expect(Math.abs(v * 25 - Math.round(v * 25))).toBeLessThan(1e-9);
  });
});

describe('shareAbove and deltaHistogram', () => {
  const inputs = { ...base, monteCarloPaths: 200 };
  const figures = model.evaluate(inputs).monteCarlo!;

  it('P(Δ > 0) is the probability that the pivot wins', () => {
    expect(figures.probPivotWins).toBeGreaterThan(0.05);
    expect(figures.probPivotWins).toBeLessThan(0.95);
    expect(shareAbove(k, inputs, [0])![0]).toBeCloseTo(figures.probPivotWins, 12);
  });

  it('counts the paths on each side of the median', () => {
    // P50 is the 100th of 200 sorted Δs: 100 paths lie above it, 101 above a hair below it.
    const eps = 1e-7 * Math.abs(figures.deltaP50);
    const [below, above] = shareAbove(k, inputs, [figures.deltaP50 - eps, figures.deltaP50 + eps])!;
    expect(below! * 200).toBeCloseTo(101, 9);
    expect(above! * 200).toBeCloseTo(100, 9);
    // …and 190 above a hair below P5 (the 10th), 10 above P95 (the 190th).
    const [p5, p95] = shareAbove(k, inputs, [figures.deltaP5 - eps, figures.deltaP95 + eps])!;
    expect(p5! * 200).toBeCloseTo(191, 9);
    expect(p95! * 200).toBeCloseTo(10, 9);
  });

  it('puts every path in a bin or a tail, and the three known paths where they are', () => {
    const edges = histogramEdges(figures.deltaP5, figures.deltaP95, 30);
    expect(edges).toHaveLength(31);
    const h = deltaHistogram(k, inputs, edges)!;
    expect(h.counts.reduce((a, b) => a + b, 0) + h.below + h.above).toBe(200);
    expect(h.counts.every((c) => c >= 0)).toBe(true);
    // The edges run 0.6 of the P5–P95 spread past each: at most the 5 % tails fall outside.
    expect(h.below).toBeLessThanOrEqual(10);
    expect(h.above).toBeLessThanOrEqual(10);
    // With 3 paths the histogram holds exactly the three Δs: P5, P50 and P95 of the run.
    const three = { ...base, monteCarloPaths: 3 };
    const f3 = model.evaluate(three).monteCarlo!;
    const e3 = histogramEdges(f3.deltaP5, f3.deltaP95, 10);
    const h3 = deltaHistogram(k, three, e3)!;
    const binOf = (d: number) => e3.findIndex((e, i) => i < 10 && d > e && d <= e3[i + 1]!);
    const expected = new Array(10).fill(0);
    for (const d of [f3.deltaP5, f3.deltaP50, f3.deltaP95]) expected[binOf(d)]++;
    expect(h3.counts).toEqual(expected);
  });

  it('is null without volatility or without a lease', () => {
    expect(shareAbove(k, { ...inputs, btcVolatilityPctPerYear: 0 }, [0])).toBeNull();
    expect(shareAbove(k, { ...inputs, pivotSharePct: 0 }, [0])).toBeNull();
  });
});
