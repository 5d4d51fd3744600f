// Sweeps in the WASM kernel against the version-1 plain-TS reference (src/kernel/reference.ts) on
// version-1 scenarios: every cell of a 64×64 grid whose x axis moves the network and of one whose
// axes do not, every version-1 metric, every build; reals to 1e-9, the
// searches within their resolution, paybacks exactly. The reference
// walks every block, so the grids run over two years and share a projection between the cells that
// have the same network (64 per grid); the W2 shape, where no two cells share one, is checked on
// its diagonal.
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelInputs } from '../../src/model/keys.ts';
import { checkSweep, type Axis, type SweepSpec } from '../../src/model/sweep.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid, type Sweeper } from '../../src/kernel/sweep.ts';
import { sweepInputs } from '../../src/model/sweep.ts';
import type { KernelVariant } from '../../src/kernel/wasm.ts';
import { baseInputs } from '../helpers/scenarios.ts';
import {
  compareGrid,
  gridScenarios,
  mergeExtremes,
  noExtremes,
  summarise,
  V1_METRICS,
  type Explicit,
  type Extremes,
  type Tolerance,
  type V1Metric,
} from '../helpers/sweep-cells.ts';
import { metricsOfEvaluate, ReferenceCells, type CellMetrics } from '../helpers/reference-cells.ts';

const N = 64;
const BUILDS: KernelVariant[] = ['release', 'release-simd', 'debug'];
const sweepers = new Map<KernelVariant, Sweeper>(BUILDS.map((v) => [v, createSweeper(loadKernelSync(v))]));

/**
 * Reals to 1e-9 relative, with a floor of 1e-9 in the value's unit; Δ relative to the larger NPV
 * (it is their difference, and rounds at their scale, not its own); the breakeven BTC price within
 * $0.02 (both bisect to a bracket under $0.01: one decision flipped by rounding moves the answer by
 * about that); the IRR within 1e-9 a year; the payback month exactly.
 */
const TOL: Record<V1Metric, Tolerance> = {
  delta: { rel: 1e-9, abs: 1e-9 },
  npvMine: { rel: 1e-9, abs: 1e-9 },
  npvPivot: { rel: 1e-9, abs: 1e-9 },
  irr: { rel: 0, abs: 1e-9 },
  paybackMonth: { rel: 0, abs: 0 },
  breakevenLeaseRate: { rel: 1e-9, abs: 1e-9 },
  breakevenBtcPrice: { rel: 0, abs: 0.02 },
  hashprice: { rel: 1e-9, abs: 1e-9 },
  securityBudget: { rel: 1e-9, abs: 1e-9 },
};

const axis = (key: Axis['key'], min: number, max: number, n = N): Axis => ({ key, min, max, n, log: false });
const DERIVED: Explicit = { hashrateEhs: false, epochElapsedSeconds: false };

/**
 * Two years from a mid-epoch tip (derived epoch time 1000·600 s) through the halving at height
 * 1,050,000, with an exit shock at month 12, and a cheap, quick conversion: over two years the
 * pivot can pay back, so the searches have roots to find in most cells and none in some.
 */
const BASE: ModelInputs = {
  ...baseInputs(),
  startHeight: 1_038_240 + 1000,
  horizonYears: 2,
  exitSharePct: 30,
  exitMonth: 12,
  buildMonths: 3,
  capexMusdPerMwIt: 2,
  leaseUsdPerKwMonth: 180,
};
const MONTHS = [1, 17];

interface Grid {
  name: string;
  x: Axis;
  y: Axis;
  /** Distinct projections the reference needs: one per network state. */
  projections: number;
}

const GRIDS: Grid[] = [
  // x moves the network (the kernel projects each row's cells in lockstep lanes, SIMD pairs in
  // the SIMD build); y reruns the mining stage.
  {
    name: 'network: hashrateGrowthPctPerMonth × powerUsdPerKwh',
    x: axis('hashrateGrowthPctPerMonth', -1, 3),
    y: axis('powerUsdPerKwh', 0.02, 0.09),
    projections: N,
  },
  // Neither axis moves the network: the affine lease line across a row, the price per row.
  {
    name: 'non-network: leaseUsdPerKwMonth × btcPriceUsd',
    x: axis('leaseUsdPerKwMonth', 80, 200),
    y: axis('btcPriceUsd', 40_000, 200_000),
    projections: N,
  },
];

/** The version-1 metrics (the version-2 ones are checked against the version-2 reference elsewhere). */
type V1Spec = SweepSpec & { metric: V1Metric };
const specsOf = (g: { x: Axis; y: Axis }): V1Spec[] =>
  V1_METRICS.flatMap((metric): V1Spec[] =>
    metric === 'hashprice' || metric === 'securityBudget'
      ? MONTHS.map((month) => ({ x: g.x, y: g.y, metric, month }))
      : [{ x: g.x, y: g.y, metric, month: 1 }],
  );

const valueOf = (m: CellMetrics, spec: V1Spec): number | null =>
  spec.metric === 'hashprice' || spec.metric === 'securityBudget' ? m[spec.metric][spec.month] : m[spec.metric];

const label = (spec: SweepSpec) =>
  spec.metric === 'hashprice' || spec.metric === 'securityBudget' ? `${spec.metric}@${spec.month}` : spec.metric;

const report = new Map<string, Extremes>();
afterAll(() => {
  const lines = [...report].map(
    ([k, e]) =>
      `${k}: max |Δ| ${e.abs.toExponential(2)}, max rel ${e.rel.toExponential(2)}, inexact ${e.inexact}/${e.cells}, both none ${e.nulls}`,
  );
  console.log(`sweep (WASM) vs reference:\n  ${lines.join('\n  ')}`);
});

/** Compares every build's sweep of every metric with the reference's cells; returns the failures. */
function compareAll(
  name: string,
  g: { x: Axis; y: Axis },
  cells: CellMetrics[],
  npvScale: (k: number) => number,
  pick?: number[],
): string[] {
  const failures: string[] = [];
  for (const spec of specsOf(g)) {
    expect(checkSweep(spec, BASE.horizonYears), label(spec)).toEqual([]);
    const want = cells.map((m) => valueOf(m, spec));
    for (const build of BUILDS) {
      const whole = sweepGrid(sweepers.get(build)!, sweepInputs(BASE, DERIVED), spec);
      const got = pick ? Float64Array.from(pick, (k) => whole[k]) : whole;
      const scale = spec.metric === 'delta' ? npvScale : undefined;
      const { mismatches, extremes } = compareGrid(got, want, spec, TOL[spec.metric], scale, pick ? (k) => pick[k] : undefined);
      const key = `${name} ${label(spec)}`;
      if (!report.has(key)) report.set(key, noExtremes());
      mergeExtremes(report.get(key)!, extremes);
      failures.push(summarise(`${build} ${label(spec)}`, mismatches));
    }
  }
  return failures.filter(Boolean);
}

describe('the reference cells', () => {
  it('share projections yet equal, bit for bit, what the reference evaluate and project give cell by cell', () => {
    const ref = new ReferenceCells();
    for (const g of GRIDS) {
      const scenarios = gridScenarios(BASE, DERIVED, { x: g.x, y: g.y, metric: 'delta', month: 1 });
      // Corners, the centre and a few in between (each costs a full reference evaluate).
      for (const k of [0, N - 1, N * (N - 1), N * N - 1, N * 32 + 31, 1234, 2777]) {
        expect(ref.metrics(scenarios[k], MONTHS), `${g.name}, cell ${k}`).toEqual(metricsOfEvaluate(scenarios[k], MONTHS));
      }
    }
  });
});

describe.each(GRIDS)('64×64 sweep against the reference: $name', (g) => {
  it('every cell of every metric, in every build', () => {
    const ref = new ReferenceCells();
    const scenarios = gridScenarios(BASE, DERIVED, { x: g.x, y: g.y, metric: 'delta', month: 1 });
    const cells = scenarios.map((s) => ref.metrics(s, MONTHS));
    expect(ref.projections).toBe(g.projections);
    // Every metric has values in a quarter of the cells at least (a comparison of nones proves little).
    for (const spec of specsOf(g)) {
      expect(cells.filter((m) => valueOf(m, spec) !== null).length, label(spec)).toBeGreaterThanOrEqual((N * N) / 4);
    }
    const npvScale = (k: number) => Math.max(Math.abs(cells[k].npvMine), Math.abs(cells[k].npvPivot));
    expect(compareAll(g.name.split(':')[0], g, cells, npvScale).join('\n')).toBe('');
  });
});

describe('the W2 shape against the reference: hashrateGrowthPctPerMonth × exitSharePct', () => {
  // No two cells share a network here; 64 of them (the diagonal) cost what a grid above does.
  it('every metric on the diagonal of the 64×64 grid, in every build', () => {
    const g = { x: axis('hashrateGrowthPctPerMonth', -1, 3), y: axis('exitSharePct', 0, 60) };
    const ref = new ReferenceCells();
    const scenarios = gridScenarios(BASE, DERIVED, { ...g, metric: 'delta', month: 1 });
    const diagonal = Array.from({ length: N }, (_, i) => i * N + i);
    const cells = diagonal.map((k) => ref.metrics(scenarios[k], MONTHS));
    expect(ref.projections).toBe(N);
    const npvScale = (k: number) => Math.max(Math.abs(cells[k].npvMine), Math.abs(cells[k].npvPivot));
    expect(compareAll('W2 diagonal', g, cells, npvScale, diagonal).join('\n')).toBe('');
  });
});
