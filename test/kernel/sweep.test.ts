// Sweeps in the WASM kernel against evaluate: every cell of 64×64 grids, every metric, on pairs of
// axes that touch the network (lockstep lanes, f64x2 pairs, one projection per row) and pairs that
// do not (staged recomputation, the affine lease-rate line),
// in the debug, release and release-simd builds, which must also agree with each other bit for bit.
// Then the sweep's own machinery: log and whole-number axes, row blocks, and stale state between
// sweeps on one kernel instance.
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelInputs } from '../../src/model/keys.ts';
import { axisValues, checkSweep, METRICS, MONTH_METRICS, type Axis, type Metric, type SweepSpec } from '../../src/model/sweep.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import { createModel, type WasmModel } from '../../src/kernel/facade.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid, type Sweeper } from '../../src/kernel/sweep.ts';
import { sweepInputs } from '../../src/model/sweep.ts';
import type { KernelVariant } from '../../src/kernel/wasm.ts';
import { baseInputs, onScheduleEhs } from '../helpers/scenarios.ts';
import {
  compareGrid,
  gridScenarios,
  identical,
  mergeExtremes,
  metricOf,
  noExtremes,
  summarise,
  type CellTruth,
  type Explicit,
  type Extremes,
  type Tolerance,
} from '../helpers/sweep-cells.ts';

const N = 64;
const BUILDS: KernelVariant[] = ['release', 'release-simd', 'debug'];

/**
 * Within one kernel a sweep cell and evaluate run the same arithmetic, so the tolerances are tight:
 * 1e-12 relative or $1e-6 for money; payback exactly; a search's result within the search's own
 * resolution: the breakeven BTC price bisects to a bracket under $0.01 (docs/model.md §5.4), the
 * IRR is held to 1e-9 a year. These scenarios have no volatility, so the Monte Carlo metrics take
 * the deterministic values (docs/model.md §7.5): Δ's tolerance, and probPivotWins (0 or 1) exactly.
 */
const KERNEL_TOL: Record<Metric, Tolerance> = {
  delta: { rel: 1e-12, abs: 1e-6 },
  npvMine: { rel: 1e-12, abs: 1e-6 },
  npvPivot: { rel: 1e-12, abs: 1e-6 },
  irr: { rel: 0, abs: 1e-9 },
  paybackMonth: { rel: 0, abs: 0 },
  breakevenLeaseRate: { rel: 1e-12, abs: 1e-6 },
  breakevenBtcPrice: { rel: 0, abs: 0.01 },
  hashprice: { rel: 1e-12, abs: 1e-6 },
  securityBudget: { rel: 1e-12, abs: 1e-6 },
  attackHardware: { rel: 1e-12, abs: 1e-6 },
  attackPowerPerHour: { rel: 1e-12, abs: 1e-6 },
  attackRewardPerHour: { rel: 1e-12, abs: 1e-6 },
  probPivotWins: { rel: 0, abs: 0 },
  deltaMean: { rel: 1e-12, abs: 1e-6 },
  deltaP5: { rel: 1e-12, abs: 1e-6 },
  deltaP50: { rel: 1e-12, abs: 1e-6 },
  deltaP95: { rel: 1e-12, abs: 1e-6 },
};

const kernels = new Map<KernelVariant, { model: WasmModel; sweeper: Sweeper }>(
  BUILDS.map((v) => {
    const raw = loadKernelSync(v);
    return [v, { model: createModel(raw), sweeper: createSweeper(raw) }];
  }),
);
const release = kernels.get('release')!;

const axis = (key: Axis['key'], min: number, max: number, log = false): Axis => ({ key, min, max, n: N, log });

interface Case {
  name: string;
  /** Whether an axis key is one the network projection reads. */
  network: boolean;
  /** A complete scenario; the derived defaults not listed in `explicit` are recomputed per cell. */
  base: ModelInputs;
  explicit: Explicit;
  x: Axis;
  y: Axis;
  /** The months at which the month metrics (hashprice, securityBudget, the attack figures) are swept. */
  months: [number, number];
  /** Metrics that must have none in some cells and a value in others, so that "NaN ⇔ null" is tested both ways. */
  someNone: Metric[];
}

const DERIVED: Explicit = { hashrateEhs: false, epochElapsedSeconds: false };
/**
 * The helpers' base scenario with a cheaper, faster conversion, so that over short horizons the
 * pivot can pay back and Δ changes sign in the BTC price: the searches then have roots to find.
 */
const scenario = (over: Partial<ModelInputs>): ModelInputs => ({
  ...baseInputs(),
  buildMonths: 9,
  capexMusdPerMwIt: 4,
  leaseUsdPerKwMonth: 180,
  ...over,
});

const CASES: Case[] = [
  {
    // The benchmark's W2 shape: lockstep lanes across a row, the shock shared by no two cells.
    name: 'hashrateGrowthPctPerMonth × exitSharePct (exit at month 24), explicit hashrate and epoch time',
    network: true,
    base: scenario({
      horizonYears: 5,
      exitMonth: 24,
      startHeight: 1_038_240 + 700,
      epochElapsedSeconds: 500_000,
      hashrateEhs: 0.9 * onScheduleEhs(146.4e12),
      buildMonths: 18,
    }),
    explicit: { hashrateEhs: true, epochElapsedSeconds: true },
    x: axis('hashrateGrowthPctPerMonth', -1, 3),
    y: axis('exitSharePct', 0, 60),
    months: [1, 30],
    someNone: [],
  },
  {
    // The derived hashrate follows the difficulty cell by cell; the tip is mid-epoch (derived time).
    name: 'startDifficulty (log) × feesBtcPerBlock, derived hashrate and epoch time',
    network: true,
    base: scenario({ horizonYears: 4, startHeight: 931_392 + 1500, hashrateGrowthPctPerMonth: 0.8 }),
    explicit: DERIVED,
    x: axis('startDifficulty', 40e12, 600e12, true),
    y: axis('feesBtcPerBlock', 0, 0.5),
    months: [1, 41],
    someNone: ['paybackMonth'],
  },
  {
    name: 'exitMonth (whole months) × btcPriceUsd',
    network: true,
    base: scenario({ horizonYears: 4, exitSharePct: 30, powerUsdPerKwh: 0.06 }),
    explicit: DERIVED,
    x: axis('exitMonth', 0, 48),
    y: axis('btcPriceUsd', 40_000, 200_000),
    months: [1, 25],
    someNone: [],
  },
  {
    // Lanes of different lengths in one lockstep group; hashprice months valid in every cell.
    name: 'horizonYears (1–4) × exitSharePct (exit at month 6)',
    network: true,
    base: scenario({ exitMonth: 6, buildMonths: 6, leaseTermYears: 3 }),
    explicit: DERIVED,
    x: axis('horizonYears', 1, 4),
    y: axis('exitSharePct', 0, 60),
    months: [1, 12],
    someNone: ['irr', 'paybackMonth'],
  },
  {
    // The affine lease path with a network key on the other axis: one projection per row.
    name: 'leaseUsdPerKwMonth × hashrateGrowthPctPerMonth',
    network: true,
    base: scenario({ horizonYears: 4 }),
    explicit: DERIVED,
    x: axis('leaseUsdPerKwMonth', 80, 200),
    y: axis('hashrateGrowthPctPerMonth', -1, 3),
    months: [1, 40],
    someNone: [],
  },
  {
    // A network key on y only, crossing an epoch boundary (derived time) and the 1,050,000 halving.
    name: 'powerUsdPerKwh × startHeight (across a retarget and a halving)',
    network: true,
    base: scenario({ horizonYears: 3, buildMonths: 6 }),
    explicit: DERIVED,
    x: axis('powerUsdPerKwh', 0.02, 0.09),
    y: axis('startHeight', 1_038_000, 1_052_000),
    months: [1, 36],
    someNone: [],
  },
  {
    // The affine lease path with the mining stage rerun per row.
    name: 'leaseUsdPerKwMonth × powerUsdPerKwh',
    network: false,
    base: scenario({ horizonYears: 4 }),
    explicit: DERIVED,
    x: axis('leaseUsdPerKwMonth', 80, 200),
    y: axis('powerUsdPerKwh', 0.02, 0.09),
    months: [1, 45],
    someNone: [],
  },
  {
    // α = 0 in the first row: no lease slope (breakeven lease rate none), no incremental flows.
    name: 'capexMusdPerMwIt × pivotSharePct (from 0)',
    network: false,
    base: scenario({ horizonYears: 4 }),
    explicit: DERIVED,
    x: axis('capexMusdPerMwIt', 1, 7),
    y: axis('pivotSharePct', 0, 100),
    months: [1, 48],
    someNone: ['breakevenLeaseRate', 'irr', 'paybackMonth', 'breakevenBtcPrice'],
  },
  {
    name: 'discountRatePct × btcPriceGrowthPctPerYear',
    network: false,
    base: scenario({ horizonYears: 5 }),
    explicit: DERIVED,
    x: axis('discountRatePct', 0, 30),
    y: axis('btcPriceGrowthPctPerYear', -20, 50),
    months: [1, 55],
    someNone: [],
  },
  {
    // The benchmark's W3 shape: the default-like 15-year scenario, one projection for the whole grid.
    name: 'leaseUsdPerKwMonth × btcPriceUsd, the registry defaults over 15 years',
    network: false,
    base: { ...defaultInputs(1), horizonYears: 15, hashrateGrowthPctPerMonth: 1 },
    explicit: DERIVED,
    x: axis('leaseUsdPerKwMonth', 80, 200),
    y: axis('btcPriceUsd', 40_000, 200_000),
    months: [1, 180],
    someNone: [],
  },
  {
    // Whole months on y; long builds push the lease past the horizon (no lease slope).
    name: 'leaseUsdPerKwMonth (from 0) × buildMonths (whole months)',
    network: false,
    base: scenario({ horizonYears: 4 }),
    explicit: DERIVED,
    x: axis('leaseUsdPerKwMonth', 40, 360),
    y: axis('buildMonths', 1, 60),
    months: [1, 48],
    someNone: ['breakevenLeaseRate', 'irr', 'paybackMonth'],
  },
  {
    name: 'siteMw (log) × defaultPctPerYear',
    network: false,
    base: scenario({ horizonYears: 3, pivotSharePct: 60, capexMusdPerMwIt: 2 }),
    explicit: DERIVED,
    x: axis('siteMw', 1, 2000, true),
    y: axis('defaultPctPerYear', 0, 30),
    months: [1, 35],
    someNone: [],
  },
];

/** Every metric, with the month metrics at both of the case's months. */
function specsOf(c: Case): SweepSpec[] {
  return METRICS.flatMap((metric): SweepSpec[] =>
    MONTH_METRICS.has(metric) ? c.months.map((month) => ({ x: c.x, y: c.y, metric, month })) : [{ x: c.x, y: c.y, metric, month: 1 }],
  );
}

const label = (spec: SweepSpec) => (MONTH_METRICS.has(spec.metric) ? `${spec.metric}@${spec.month}` : spec.metric);

/** Largest differences per comparison, printed after the run for the notes. */
const report = new Map<string, Extremes>();
function record(key: string, e: Extremes) {
  if (!report.has(key)) report.set(key, noExtremes());
  mergeExtremes(report.get(key)!, e);
}
afterAll(() => {
  const lines = [...report].map(
    ([k, e]) =>
      `${k}: max |Δ| ${e.abs.toExponential(2)}, max rel ${e.rel.toExponential(2)}, inexact ${e.inexact}/${e.cells}, both none ${e.nulls}`,
  );
  console.log(`sweep vs evaluate (WASM):\n  ${lines.join('\n  ')}`);
});

describe('the grid comparison itself', () => {
  it('reports a cell off by 1e-11 relative, a none against a number and a number against a none', () => {
    const spec: SweepSpec = { x: axis('siteMw', 1, 2), y: axis('powerUsdPerKwh', 0.01, 0.02), metric: 'delta', month: 1 };
    const want: (number | null)[] = Array.from({ length: N * N }, (_, k) => (k === 7 ? null : 1e8 + k));
    const got = Float64Array.from(want, (v) => (v === null ? NaN : v));
    expect(compareGrid(got, want, spec, KERNEL_TOL.delta).mismatches).toEqual([]);
    got[3] *= 1 + 1e-11;
    got[7] = 5;
    got[N + 1] = NaN;
    const { mismatches } = compareGrid(got, want, spec, KERNEL_TOL.delta);
    expect(mismatches.map((m) => m.split(' siteMw')[0])).toEqual(['cell (3, 0)', 'cell (7, 0)', 'cell (1, 1)']);
    expect(mismatches[2]).toContain('got NaN (none)');
    // $1e-6 is the floor near 0: 5e-7 passes, 2e-6 does not.
    const small = Float64Array.from([5e-7, 2e-6, ...new Array(N * N - 2).fill(0)]);
    expect(compareGrid(small, new Array(N * N).fill(0), spec, KERNEL_TOL.delta).mismatches).toHaveLength(1);
  });
});

for (const c of CASES)
  describe(`64×64 sweep: ${c.name}`, () => {
    it(`every cell of every metric equals evaluate in ${BUILDS.join(', ')}, and the builds agree bit for bit`, () => {
      const specs = specsOf(c);
      // Valid grids, but for the repeated values of a whole-number axis of 64 points, which the CLI
      // and links refuse (test/model/axis-repeats.test.ts): the kernel still sweeps them, and
      // rounding is part of what is compared here.
      const valid = (spec: SweepSpec) => checkSweep(spec, c.base.horizonYears).filter((p) => !p.message.includes('would repeat values'));
      for (const spec of specs) expect(valid(spec), label(spec)).toEqual([]);
      const scenarios = gridScenarios(c.base, c.explicit, specs[0]);
      const truths: CellTruth[] = scenarios.map((s) => ({
        evaluation: release.model.evaluate(s),
        months: release.model.project(s).months,
      }));

      const inputs = sweepInputs(c.base, c.explicit);
      const failures: string[] = [];
      for (const spec of specs) {
        const want = truths.map((t) => metricOf(t, spec.metric, spec.month));
        const grids = new Map<KernelVariant, Float64Array>();
        for (const build of BUILDS) {
          const grid = sweepGrid(kernels.get(build)!.sweeper, inputs, spec);
          grids.set(build, grid);
          const { mismatches, extremes } = compareGrid(grid, want, spec, KERNEL_TOL[spec.metric]);
          record(`${c.network ? 'network' : 'non-network'} ${spec.metric}`, extremes);
          failures.push(summarise(`${build} ${label(spec)}`, mismatches));
        }
        for (const build of BUILDS.slice(1)) {
          const diff = identical(grids.get('release')!, grids.get(build)!);
          if (diff.length) failures.push(`${label(spec)}: ${build} differs from release: ${diff.join('; ')}`);
        }
        // A comparison of nones alone proves little: every metric has a value in a quarter of the cells.
        expect(want.filter((v) => v !== null).length, `${label(spec)}: cells with a value`).toBeGreaterThanOrEqual(want.length / 4);
        if (c.someNone.includes(spec.metric)) {
          const none = want.filter((v) => v === null).length;
          expect(none, `${label(spec)}: cells with none`).toBeGreaterThan(0);
          expect(none, `${label(spec)}: cells with a value`).toBeLessThan(want.length);
        }
      }
      expect(failures.filter(Boolean).join('\n')).toBe('');

      // The grid is not flat: Δ takes a different value in (almost) every cell.
      expect(new Set(truths.map((t) => t.evaluation.delta)).size).toBeGreaterThan(
        c.x.key === 'horizonYears' || c.y.key === 'buildMonths' || c.x.key === 'exitMonth' ? 200 : 2000,
      );

      // evaluate itself is the same in every build (sampled: a prime stride through the grid).
      for (const build of BUILDS.slice(1)) {
        const model = kernels.get(build)!.model;
        for (let k = 0; k < scenarios.length; k += 37) {
          expect(model.evaluate(scenarios[k]), `${build} evaluate, cell ${k}`).toEqual(truths[k].evaluation);
        }
      }
    });
  });

describe('Δ on the affine lease path at a large site, where the $1e-6 floor cannot hold', () => {
  // The lease-rate axis computes Δ(L) = Δ(L0) + (L − L0)·dΔ/dL; evaluate computes NPV(pivot) −
  // NPV(mine). Both round at the scale of the NPVs, not of Δ: measured on this grid (1,000 MW,
  // 30 years, NPVs up to 3.0e9), |sweep − evaluate| reaches 6.4e-6 dollars, 1.3e-14 of the NPVs,
  // and two cells near Δ = 0 fail "1e-12·|Δ| or $1e-6". The bound that holds is relative to the NPVs.
  it('agrees with evaluate to 1e-12 of the larger NPV in every cell, in every build', () => {
    const base = { ...defaultInputs(1), siteMw: 1000, horizonYears: 30, hashrateGrowthPctPerMonth: 1 };
    const spec: SweepSpec = { x: axis('leaseUsdPerKwMonth', 80, 200), y: axis('powerUsdPerKwh', 0.02, 0.09), metric: 'delta', month: 1 };
    const evaluations = gridScenarios(base, DERIVED, spec).map((s) => release.model.evaluate(s));
    const npvScale = (k: number) => Math.max(Math.abs(evaluations[k].npv.mine), Math.abs(evaluations[k].npv.pivot));
    // Δ crosses 0 inside the grid: the cells near it are the ones the floor is about.
    expect(evaluations.some((e) => e.delta > 0) && evaluations.some((e) => e.delta < 0)).toBe(true);
    for (const metric of ['delta', 'npvPivot'] as const) {
      const want = evaluations.map((e) => (metric === 'delta' ? e.delta : e.npv.pivot));
      for (const build of BUILDS) {
        const grid = sweepGrid(kernels.get(build)!.sweeper, sweepInputs(base, DERIVED), { ...spec, metric });
        const { mismatches, extremes } = compareGrid(grid, want, spec, { rel: 1e-12, abs: 0 }, npvScale);
        record(`large site ${metric} (bound 1e-12·NPV)`, extremes);
        // Recorded, not asserted: the cells the plain "1e-12·|evaluate| or $1e-6" bound would reject.
        const literal = compareGrid(grid, want, spec, KERNEL_TOL[metric]).mismatches.length;
        record(`large site ${metric}: cells outside 1e-12·|evaluate| or $1e-6 = ${literal}`, noExtremes());
        expect(summarise(`${build} ${metric}`, mismatches)).toBe('');
      }
    }
  });
});

describe('axes', () => {
  it('a log axis is geometric from MIN to MAX exactly; a whole-number axis is rounded and its equal columns are equal cells', () => {
    const log = axisValues(axis('startDifficulty', 40e12, 600e12, true));
    expect([log[0], log[N - 1]]).toEqual([40e12, 600e12]);
    const ratio = (600 / 40) ** (1 / (N - 1));
    for (let i = 1; i < N; i++) expect(log[i] / log[i - 1]).toBeCloseTo(ratio, 12);

    const x = axis('exitMonth', 0, 60);
    const months = axisValues(x);
    expect(months.every((v) => Number.isInteger(v))).toBe(true);
    expect(new Set(months).size).toBe(61); // 64 points over 61 whole months: three repeats
    const spec: SweepSpec = { x, y: axis('btcPriceUsd', 40_000, 200_000), metric: 'delta', month: 1 };
    const base = scenario({ horizonYears: 5, exitSharePct: 30 });
    for (const metric of ['delta', 'securityBudget'] as const) {
      const grid = sweepGrid(release.sweeper, sweepInputs(base, DERIVED), { ...spec, metric, month: 30 });
      let repeats = 0;
      for (let i = 1; i < N; i++) {
        if (months[i] !== months[i - 1]) continue;
        repeats++;
        for (let j = 0; j < N; j++) expect(grid[j * N + i], `${metric} column ${i}, row ${j}`).toBe(grid[j * N + i - 1]);
      }
      expect(repeats).toBe(3);
      // …and a shock month later or earlier does change the cell.
      const top = (N - 1) * N; // the highest price, where mining runs
      expect(grid[top + 10]).not.toBe(grid[top + 30]);
    }
  });
});

/** Sweeps of several kinds for the row-block and stale-state tests: [name, base, spec]. */
const KINDS: [string, ModelInputs, SweepSpec][] = [
  ['lockstep lanes (network x)', CASES[0].base, { x: CASES[0].x, y: CASES[0].y, metric: 'delta', month: 1 }],
  ['lockstep lanes, security budget', CASES[3].base, { x: CASES[3].x, y: CASES[3].y, metric: 'securityBudget', month: 12 }],
  ['affine lease line, network y', CASES[4].base, { x: CASES[4].x, y: CASES[4].y, metric: 'breakevenLeaseRate', month: 1 }],
  ['network y, hashprice', CASES[5].base, { x: CASES[5].x, y: CASES[5].y, metric: 'hashprice', month: 36 }],
  ['affine lease line, mining stage', CASES[6].base, { x: CASES[6].x, y: CASES[6].y, metric: 'npvPivot', month: 1 }],
  ['finance stage', CASES[8].base, { x: CASES[8].x, y: CASES[8].y, metric: 'paybackMonth', month: 1 }],
  ['affine lease line, 15 years', CASES[9].base, { x: CASES[9].x, y: CASES[9].y, metric: 'delta', month: 1 }],
  ['irr, whole-number axis', CASES[10].base, { x: CASES[10].x, y: CASES[10].y, metric: 'irr', month: 1 }],
  ['pivot stage, log axis', CASES[11].base, { x: CASES[11].x, y: CASES[11].y, metric: 'breakevenBtcPrice', month: 1 }],
];
const explicitOf = (base: ModelInputs) => CASES.find((c) => c.base === base)!.explicit;
const inputsOf = (base: ModelInputs) => sweepInputs(base, explicitOf(base));

describe('row blocks', () => {
  const BLOCKS = [
    [40, 64],
    [0, 1],
    [17, 40],
    [1, 17],
    [63, 64],
    [5, 9],
  ] as const; // out of order, overlapping at the end

  it.each(KINDS.map(([name, base, spec]) => ({ name, base, spec })))(
    '$name: blocks in any order, concatenated, equal the whole grid in every build',
    ({ base, spec }) => {
      const whole = sweepGrid(release.sweeper, inputsOf(base), spec);
      expect(whole.some((v) => !Number.isNaN(v))).toBe(true);
      for (const build of BUILDS) {
        const { sweeper } = kernels.get(build)!;
        sweeper.begin(inputsOf(base), spec);
        const parts = new Map<number, Float64Array>(BLOCKS.map(([a, b]) => [a, sweeper.rows(a, b)]));
        const joined = new Float64Array(N * N);
        for (const [a, b] of [
          [0, 1],
          [1, 17],
          [17, 40],
          [40, 64],
        ]) {
          expect(parts.get(a)!.length).toBe((b - a) * N);
          joined.set(parts.get(a)!, a * N);
        }
        expect(identical(joined, whole), build).toEqual([]);
        // A block computed again after others gives the same rows.
        expect(identical(parts.get(63)!, whole.subarray(63 * N)), `${build} last row`).toEqual([]);
        expect(identical(parts.get(5)!, whole.subarray(5 * N, 9 * N)), `${build} rows 5–9`).toEqual([]);
      }
    },
  );
});

describe('stale state between sweeps', () => {
  // The answer of a fresh kernel instance for each kind, in each build.
  const fresh = new Map<string, Float64Array>();
  const freshGrid = (build: KernelVariant, k: number) => {
    const key = `${build} ${k}`;
    if (!fresh.has(key)) fresh.set(key, sweepGrid(createSweeper(loadKernelSync(build)), inputsOf(KINDS[k][1]), KINDS[k][2]));
    return fresh.get(key)!;
  };

  it.each(BUILDS)('%s: every sweep after every other (whole or a partial block) equals a fresh instance', (build) => {
    const sweeper = createSweeper(loadKernelSync(build));
    const failures: string[] = [];
    // Each kind followed by three others (one in the debug build, which is slower): 27 transitions
    // through all nine kinds, every kind before and after kinds of other stages.
    const steps = build === 'debug' ? [1] : [1, 4, 7];
    for (let a = 0; a < KINDS.length; a++) {
      for (const step of steps) {
        const b = (a + step) % KINDS.length;
        // A whole sweep of kind a, or only its rows 30–33: either leaves a's stages behind.
        if ((a + b) % 2) sweepGrid(sweeper, inputsOf(KINDS[a][1]), KINDS[a][2]);
        else {
          sweeper.begin(inputsOf(KINDS[a][1]), KINDS[a][2]);
          sweeper.rows(30, 33);
        }
        const diff = identical(sweepGrid(sweeper, inputsOf(KINDS[b][1]), KINDS[b][2]), freshGrid(build, b));
        if (diff.length) failures.push(`${KINDS[a][0]} then ${KINDS[b][0]}: ${diff.join('; ')}`);
      }
    }
    expect(failures.join('\n')).toBe('');
  });

  it.each(BUILDS)('%s: a sweep resumed after another sweep began in between gives its own rows', (build) => {
    const sweeper = createSweeper(loadKernelSync(build));
    for (let k = 0; k < KINDS.length; k++) {
      const [, base, spec] = KINDS[k];
      const [, otherBase, otherSpec] = KINDS[(k + 2) % KINDS.length];
      const joined = new Float64Array(N * N);
      sweeper.begin(inputsOf(base), spec);
      joined.set(sweeper.rows(0, 32), 0);
      sweeper.begin(inputsOf(otherBase), otherSpec);
      sweeper.rows(10, 20);
      sweeper.begin(inputsOf(base), spec);
      joined.set(sweeper.rows(32, 64), 32 * N);
      expect(identical(joined, freshGrid(build, k)), KINDS[k][0]).toEqual([]);
    }
  });

  it.each(BUILDS)('%s: evaluate and project between row blocks of one sweep change nothing', (build) => {
    const raw = loadKernelSync(build);
    const sweeper = createSweeper(raw);
    const model = createModel(raw);
    for (let k = 0; k < KINDS.length; k++) {
      const [, base, spec] = KINDS[k];
      const other = KINDS[(k + 3) % KINDS.length][1];
      sweeper.begin(inputsOf(base), spec);
      const joined = new Float64Array(N * N);
      for (let a = 0; a < N; a += 16) {
        joined.set(sweeper.rows(a, a + 16), a * N);
        model.evaluate(other);
        model.project({ ...other, horizonYears: 2 });
      }
      expect(identical(joined, freshGrid(build, k)), KINDS[k][0]).toEqual([]);
    }
  });
});
