// Sweeps of version-2 scenarios in the WASM kernel, every build: every cell of every metric version 2
// adds (the attack figures at a month, the Monte Carlo metrics over the scenario's paths) equals
// evaluate/project of the same cell, on grids whose axes touch each stage (the affine lease line,
// the price with the network responding, the network, the response's own keys, the miner and the
// pivot, the volatility from 0, the number of paths); then properties over sweeps: Δ rises with the
// lease rate, probPivotWins lies in [0, 1] and does not fall as the lease rate rises (σ > 0, λ > 0),
// and the attack figures scale with the hashrate.
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelInputsV2 } from '../../src/kernel/reference-v2/index.ts';
import { createModel, type WasmModel } from '../../src/kernel/facade.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid, type Sweeper } from '../../src/kernel/sweep.ts';
import type { KernelVariant } from '../../src/kernel/wasm.ts';
import {
  axisValues,
  checkSweep,
  MONTE_CARLO_METRICS,
  MONTH_METRICS,
  sweepInputs,
  type Axis,
  type Metric,
  type SweepSpec,
} from '../../src/model/sweep.ts';
import { expectClose, WASM_VARIANTS } from '../helpers/scenarios.ts';
import { equilibrium } from '../helpers/scenarios-v2.ts';
import {
  compareGrid,
  gridScenarios,
  mergeExtremes,
  metricOf,
  noExtremes,
  summarise,
  type CellTruth,
  type Explicit,
  type Extremes,
} from '../helpers/sweep-cells.ts';

const kernels = new Map<KernelVariant, { model: WasmModel; sweeper: Sweeper }>(
  WASM_VARIANTS.map((v) => {
    const raw = loadKernelSync(v);
    return [v, { model: createModel(raw), sweeper: createSweeper(raw) }];
  }),
);

const NEW_METRICS: Metric[] = ['attackHardware', 'attackPowerPerHour', 'attackRewardPerHour', ...MONTE_CARLO_METRICS];

const axis = (key: Axis['key'], min: number, max: number, n: number, log = false): Axis => ({ key, min, max, n, log });
const DERIVED: Explicit = { hashrateEhs: false, epochElapsedSeconds: false };

/**
 * A version-2 scenario: the network started near equilibrium and responding (λ 30 %, ε 3), the
 * machines getting cheaper (e 10 %/year), the price drifting up 8 %/year with 60 % volatility, an
 * exit shock at month 20, 120 paths over 5 years; the pivot converts 80 % from month 3. c0 is the
 * start state's steady-state hashprice, kept when an axis moves the price or the start state.
 */
const BASE: ModelInputsV2 = {
  ...equilibrium({ horizonYears: 5 }),
  efficiencyGainPctPerYear: 10,
  btcPriceGrowthPctPerYear: 8,
  btcVolatilityPctPerYear: 60,
  exitSharePct: 20,
  exitMonth: 20,
  pivotSharePct: 80,
  pivotStartMonth: 3,
  leaseUsdPerKwMonth: 120,
  monteCarloPaths: 120,
  monteCarloSeed: 42,
};

interface Grid {
  name: string;
  base: ModelInputsV2;
  explicit: Explicit;
  x: Axis;
  y: Axis;
  /** The months the attack figures are swept at. */
  months: number[];
}

const GRIDS: Grid[] = [
  // The affine lease line across a row; the price per row, each price its own network (λ > 0).
  {
    name: 'lease × BTC price (log)',
    base: BASE,
    explicit: DERIVED,
    x: axis('leaseUsdPerKwMonth', 60, 240, 8),
    y: axis('btcPriceUsd', 30_000, 250_000, 8, true),
    months: [1, 37],
  },
  // The network on both axes: lockstep lanes, each cell its own network on every path.
  {
    name: 'hashrate drift × exit share',
    base: BASE,
    explicit: DERIVED,
    x: axis('hashrateGrowthPctPerMonth', -1, 3, 8),
    y: axis('exitSharePct', 0, 60, 8),
    months: [1, 25],
  },
  // The response's own keys, and a start state whose derived hashrate follows the difficulty.
  {
    name: 'c0 × ε',
    base: BASE,
    explicit: DERIVED,
    x: axis('netHashcostUsdPerPhDay', 10, 80, 8),
    y: axis('hashSupplyElasticity', 0.5, 8, 8),
    months: [1, 60],
  },
  {
    name: 'start difficulty (log) × response',
    base: BASE,
    explicit: DERIVED,
    x: axis('startDifficulty', 60e12, 300e12, 8, true),
    y: axis('networkResponsePctPerMonth', 0, 100, 8),
    months: [1, 12],
  },
  // Neither axis touches the network or the price: the paths' networks are shared across cells.
  {
    name: 'power price × capex',
    base: BASE,
    explicit: DERIVED,
    x: axis('powerUsdPerKwh', 0.02, 0.09, 8),
    y: axis('capexMusdPerMwIt', 4, 12, 8),
    months: [1, 30],
  },
  {
    name: 'mothball × resale',
    base: BASE,
    explicit: DERIVED,
    x: axis('mothballOpexPct', 0, 100, 8),
    y: axis('asicResalePct', 0, 100, 8),
    months: [1, 2],
  },
  // The Monte Carlo keys themselves: σ from 0 (the first column has no Monte Carlo), the paths.
  {
    name: 'volatility (from 0) × paths',
    base: BASE,
    explicit: DERIVED,
    x: axis('btcVolatilityPctPerYear', 0, 150, 8),
    y: axis('monteCarloPaths', 1, 200, 8),
    months: [1, 48],
  },
];

const specsOf = (g: Grid): SweepSpec[] =>
  NEW_METRICS.flatMap((metric): SweepSpec[] =>
    MONTH_METRICS.has(metric) ? g.months.map((month) => ({ x: g.x, y: g.y, metric, month })) : [{ x: g.x, y: g.y, metric, month: 1 }],
  );
const label = (spec: SweepSpec) => (MONTH_METRICS.has(spec.metric) ? `${spec.metric}@${spec.month}` : spec.metric);

const report = new Map<string, Extremes>();
afterAll(() => {
  const lines = [...report].map(
    ([k, e]) => `${k}: max |Δ| ${e.abs.toExponential(2)}, max rel ${e.rel.toExponential(2)}, inexact ${e.inexact}/${e.cells}`,
  );
  console.log(`version-2 sweep vs evaluate (WASM):\n  ${lines.join('\n  ')}`);
});

describe.each(GRIDS)('version-2 sweep: $name', (g) => {
  it('every cell of every new metric equals evaluate and project of the cell, in every build', () => {
    const specs = specsOf(g);
    for (const spec of specs) expect(checkSweep(spec, g.base.horizonYears), label(spec)).toEqual([]);
    const scenarios = gridScenarios(g.base, g.explicit, specs[0]);
    const inputs = sweepInputs(g.base, g.explicit);
    const leaseAxis = g.x.key === 'leaseUsdPerKwMonth' || g.y.key === 'leaseUsdPerKwMonth';
    for (const [variant, { model, sweeper }] of kernels) {
      const truths: CellTruth[] = scenarios.map((s) => ({ evaluation: model.evaluate(s), months: model.project(s).months }));
      // The Monte Carlo figures round at the scale of the paths' NPVs (Δ is their difference); on
      // the lease axis the kernel moves each path's Δ along its line, Δ(L0) + (L − L0)·slope, where
      // evaluate recomputes it: 1e-9 of that scale there, 1e-12 elsewhere.
      const npvScale = (k: number) => {
        const e = truths[k].evaluation;
        const mc = e.monteCarlo;
        return Math.max(
          Math.abs(e.npv.mine),
          Math.abs(e.npv.pivot),
          mc ? Math.max(Math.abs(mc.npvMeanMine), Math.abs(mc.npvMeanPivot)) : 0,
        );
      };
      const failures: string[] = [];
      for (const spec of specs) {
        const want = truths.map((t) => metricOf(t, spec.metric, spec.month));
        const grid = sweepGrid(sweeper, inputs, spec);
        const money = MONTE_CARLO_METRICS.has(spec.metric) && spec.metric !== 'probPivotWins';
        const tol = spec.metric === 'probPivotWins' ? { rel: 0, abs: 0 } : { rel: money && leaseAxis ? 1e-9 : 1e-12, abs: 1e-6 };
        const { mismatches, extremes } = compareGrid(grid, want, spec, tol, money ? npvScale : undefined);
        const key = `${spec.metric}${leaseAxis ? ' (lease axis)' : ''}`;
        if (!report.has(key)) report.set(key, noExtremes());
        mergeExtremes(report.get(key)!, extremes);
        failures.push(summarise(`${variant} ${label(spec)}`, mismatches));
      }
      expect(failures.filter(Boolean).join('\n')).toBe('');
      // Not a flat grid: the Monte Carlo mean of Δ differs from cell to cell.
      expect(new Set(truths.map((t) => metricOf(t, 'deltaMean', 1))).size).toBeGreaterThan(32);
    }
  });
});

describe('properties over version-2 sweeps (σ > 0, λ > 0)', () => {
  // The lease axis moves no network and no price: on each path Δ is affine in the lease rate with
  // slope NPV(NOI per $1 of rent) ≥ 0 (the same on every path), so the deterministic Δ and every
  // path's Δ rise with it; the share of paths with Δ > 0 can only grow (a path that wins at L wins at
  // every higher rate, the paths being the same — common random numbers). 32 lease rates × 8 rows.
  const rows: [string, Axis][] = [
    ['BTC price (log)', axis('btcPriceUsd', 30_000, 250_000, 8, true)],
    ['hashrate drift', axis('hashrateGrowthPctPerMonth', -1, 3, 8)],
  ];
  const lease = axis('leaseUsdPerKwMonth', 40, 320, 32);

  it.each(WASM_VARIANTS)('WASM %s: Δ rises with the lease rate; probPivotWins in [0, 1], never falling as it rises', (variant) => {
    const { sweeper } = kernels.get(variant)!;
    let rising = 0;
    let strictlyBetween = 0;
    for (const [name, y] of rows) {
      const spec: SweepSpec = { x: lease, y, metric: 'delta', month: 1 };
      const inputs = sweepInputs(BASE, DERIVED);
      const delta = sweepGrid(sweeper, inputs, spec);
      const npvMine = sweepGrid(sweeper, inputs, { ...spec, metric: 'npvMine' });
      const wins = sweepGrid(sweeper, inputs, { ...spec, metric: 'probPivotWins' });
      const mean = sweepGrid(sweeper, inputs, { ...spec, metric: 'deltaMean' });
      for (let j = 0; j < y.n; j++) {
        for (let i = 0; i < lease.n; i++) {
          const k = j * lease.n + i;
          expect(wins[k], `${name} row ${j}: probPivotWins`).toBeGreaterThanOrEqual(0);
          expect(wins[k], `${name} row ${j}: probPivotWins`).toBeLessThanOrEqual(1);
          // A share of 120 paths.
          expect(Math.abs(wins[k] * 120 - Math.round(wins[k] * 120))).toBeLessThan(1e-9);
          if (wins[k] > 0 && wins[k] < 1) strictlyBetween++;
          if (i === 0) continue;
          // Strictly: the site converts 80 % with a lease inside the horizon, so the slope is > 0.
          expect(delta[k], `${name} row ${j}, lease ${i}: Δ`).toBeGreaterThan(delta[k - 1]);
          expect(mean[k], `${name} row ${j}, lease ${i}: deltaMean`).toBeGreaterThan(mean[k - 1]);
          expect(wins[k], `${name} row ${j}, lease ${i}: probPivotWins`).toBeGreaterThanOrEqual(wins[k - 1]);
          if (wins[k] > wins[k - 1]) rising++;
          // The mining NPV does not depend on the lease rate.
          expect(npvMine[k]).toBe(npvMine[k - 1]);
        }
      }
    }
    // The property is not vacuous: the share moves within rows, and lies strictly inside (0, 1) in many cells (67 of 512 here).
    expect(rising).toBeGreaterThan(30);
    expect(strictlyBetween).toBeGreaterThan(50);
  });

  it.each(WASM_VARIANTS)('WASM %s: the attack figures scale with the hashrate', (variant) => {
    // Twice the start difficulty with the hashrate derived from it (N0 = D0 · 2^32 / 600), everything
    // else fixed, λ = 0: the hashrate path N0 · (1+g)^(t/month) (× (1−φ) after the shock) doubles
    // in every month, and the blocks come at the same times (twice the difficulty, twice the hash),
    // so attackHardware = N/10^12 · k and attackPowerPerHour = N/10^12 · E_n(t)/1000 · p_n double,
    // and attackRewardPerHour (the security budget ÷ 24) stays, within 1e-12. The y axis varies
    // the machine price (hardware ∝ k) and the network's power price (power ∝ p_n).
    const { sweeper, model } = kernels.get(variant)!;
    const base: ModelInputsV2 = { ...BASE, networkResponsePctPerMonth: 0, hashrateGrowthPctPerMonth: 1.5 };
    const x = axis('startDifficulty', 100e12, 200e12, 2);
    expect(Array.from(axisValues(x))).toEqual([100e12, 200e12]);
    for (const [y, metrics] of [
      [axis('asicUsdPerTh', 5, 25, 5), ['attackHardware', 'attackRewardPerHour']],
      [axis('netPowerUsdPerKwh', 0.02, 0.1, 5), ['attackPowerPerHour', 'attackRewardPerHour']],
    ] as const) {
      for (const metric of metrics) {
        for (const month of [1, 30]) {
          const grid = sweepGrid(sweeper, sweepInputs(base, DERIVED), { x, y, metric, month });
          for (let j = 0; j < y.n; j++) {
            const ratio = grid[2 * j + 1] / grid[2 * j];
            expectClose(ratio, metric === 'attackRewardPerHour' ? 1 : 2, 1e-12, 0, `${metric} month ${month}, ${y.key} row ${j}`);
          }
        }
      }
    }
    // With the network responding the hashrate scales too when the supply curve scales with it:
    // twice N0 (and so twice S) and half the hashcost c0 (the same revenue spread over twice the
    // hash) double N* = (144·(s+F)·P·10^15 · S^(1/ε) / c0)^(ε/(1+ε)) — the factor is
    // (2^(1/ε) · 2)^(ε/(1+ε)) = 2 — so every month's rate r_m = λ·ln(N*/N) is unchanged and the
    // whole path doubles: the attack figures double in every month, the reward stays.
    const responding: ModelInputsV2 = { ...BASE, hashrateGrowthPctPerMonth: 0.5, btcVolatilityPctPerYear: 0 };
    const one = model.project(responding).months;
    const two = model.project({
      ...responding,
      startDifficulty: 2 * responding.startDifficulty,
      hashrateEhs: 2 * responding.hashrateEhs,
      netHashcostUsdPerPhDay: responding.netHashcostUsdPerPhDay / 2,
    }).months;
    // Not in equilibrium after the start (the machines get cheaper, the price and the supply drift):
    // the network moves toward its target.
    expect(one.some((m) => Math.abs(m.targetHashrateEhs! / m.hashrateEhs - 1) > 1e-2)).toBe(true);
    one.forEach((m, i) => {
      expectClose(two[i].attackHardwareUsd / m.attackHardwareUsd, 2, 1e-12, 0, `hardware month ${m.month}`);
      expectClose(two[i].attackPowerUsdPerHour / m.attackPowerUsdPerHour, 2, 1e-12, 0, `power month ${m.month}`);
      expectClose(two[i].attackRewardUsdPerHour, m.attackRewardUsdPerHour, 1e-12, 0, `reward month ${m.month}`);
    });
  });
});
