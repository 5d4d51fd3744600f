// Extreme but valid scenarios through the WASM kernel (the release build the CLI runs): each gives
// finite numbers in every field of `evaluate` and of every month of `project`, with null only where
// the model says "none" (docs/model.md §5.10). One scenario at a time, each from the version-2
// defaults with the keys its row sets:
//
// | scenario                         | keys set                                                                 |
// |----------------------------------|--------------------------------------------------------------------------|
// | no fees                          | feesBtcPerBlock 0                                                        |
// | 30-year horizon                  | horizonYears 30 (1,000 paths)                                            |
// | α = 0                            | pivotSharePct 0                                                          |
// | α = 100 %                        | pivotSharePct 100, pivotStartMonth 0                                     |
// | a 99.9 % exit                    | exitSharePct 99.9 at month 12, the network answering at once (λ 100 %)   |
// | power at $1/kWh                  | powerUsdPerKwh 1, netPowerUsdPerKwh 1                                    |
// | 100,000 paths                    | monteCarloPaths 100000, horizonYears 1 (see below)                       |
// | all of them at once              | the rows above but the paths, 30 years, α = 100 %                        |
// | 2,048-point axes                 | sweeps of 2,048 × 2 and 2 × 2,048 cells, linear and log, three metrics   |
//
// 100,000 paths run on a 1-year horizon here, to keep CI short: over 30 years they take about 6 s
// and 280 MB with λ = 0, 18 s and 830 MB with λ = 30 (docs/model.md §8, "Memory");
// test/kernel/montecarlo-memory.test.ts runs 100,000 paths over 7 years, past the path cache.
import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/kernel/facade.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateWithOverrides } from '../../src/model/scenario/set.ts';
import { sweepInputs, type Axis, type Metric } from '../../src/model/sweep.ts';

const kernel = loadKernelSync();
const model = createModel(kernel);

function inputsOf(sets: string[]) {
  const r = validateWithOverrides({ version: 2 }, sets);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return resolveInputs(r.scenario);
}

/** Fields that are null where the model has none (docs/model.md §5.10, §7). */
const MAY_BE_NONE = new Set([
  'irr',
  'paybackMonth',
  'discountedPaybackMonth',
  'leaseRate',
  'btcPrice',
  'targetHashrateEhs',
  'marginalHashcostUsdPerPhDay',
  'monteCarlo',
  'monthsP',
]);

/** Every number in a value, each checked finite; every null checked to be a field that may be none. */
function expectFinite(value: unknown, path: string, field = ''): number {
  if (value === null) {
    expect(MAY_BE_NONE.has(field), `${path} is null`).toBe(true);
    return 0;
  }
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
    return 1;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    let n = 0;
    Array.from(value as ArrayLike<unknown>).forEach((v, i) => (n += expectFinite(v, `${path}[${i}]`, field)));
    return n;
  }
  if (typeof value === 'object') {
    let n = 0;
    for (const [k, v] of Object.entries(value as object)) n += expectFinite(v, `${path}.${k}`, k);
    return n;
  }
  throw new Error(`${path}: unexpected ${typeof value}`);
}

const SCENARIOS: [string, string[]][] = [
  ['no fees', ['feesBtcPerBlock=0']],
  ['30-year horizon', ['horizonYears=30']],
  ['α = 0', ['pivotSharePct=0']],
  ['α = 100 %', ['pivotSharePct=100', 'pivotStartMonth=0']],
  ['a 99.9 % exit', ['exitSharePct=99.9', 'exitMonth=12', 'networkResponsePctPerMonth=100']],
  ['power at $1/kWh', ['powerUsdPerKwh=1', 'netPowerUsdPerKwh=1']],
  ['100,000 paths', ['monteCarloPaths=100000', 'horizonYears=1']],
  [
    'all of them at once',
    [
      'feesBtcPerBlock=0',
      'horizonYears=30',
      'pivotSharePct=100',
      'pivotStartMonth=0',
      'exitSharePct=99.9',
      'exitMonth=12',
      'networkResponsePctPerMonth=100',
      'powerUsdPerKwh=1',
      'netPowerUsdPerKwh=1',
    ],
  ],
];

describe('extreme but valid scenarios give finite outputs', () => {
  it.each(SCENARIOS)('%s', (name, sets) => {
    const inputs = inputsOf(sets);
    const months = 12 * inputs.horizonYears;
    const projection = model.project(inputs);
    expect(projection.months).toHaveLength(months);
    // Every month's 15 fields (10 of version 1, 5 of version 2), less the two that λ = 0 leaves none.
    expect(expectFinite(projection, 'project')).toBeGreaterThanOrEqual(months * 13);
    const evaluation = model.evaluate(inputs);
    expect(evaluation.cashFlows.pivot).toHaveLength(months);
    expectFinite(evaluation, 'evaluate');
    // The volatility (50 % a year by default) gives Monte Carlo figures, over the scenario's paths.
    expect(evaluation.monteCarlo?.paths, name).toBe(inputs.monteCarloPaths);
    expect(evaluation.monthsP?.btcPriceUsd.p50).toHaveLength(months);
  });

  const axes: [string, Axis, Axis][] = [
    [
      '2,048 lease rates × 2 BTC prices',
      { key: 'leaseUsdPerKwMonth', min: 0, max: 1000, n: 2048, log: false },
      { key: 'btcPriceUsd', min: 1, max: 1e8, n: 2, log: true },
    ],
    [
      '2 exit shares × 2,048 BTC prices from $1 to $100M (log)',
      { key: 'exitSharePct', min: 0, max: 99.9, n: 2, log: false },
      { key: 'btcPriceUsd', min: 1, max: 1e8, n: 2048, log: true },
    ],
  ];
  const metrics: Metric[] = ['delta', 'npvPivot', 'probPivotWins'];
  it.each(axes)('%s: delta, npvPivot and probPivotWins finite in every cell', (_name, x, y) => {
    const base = sweepInputs(inputsOf(['monteCarloPaths=20', 'horizonYears=5']), { hashrateEhs: false, epochElapsedSeconds: false });
    const sweeper = createSweeper(kernel);
    for (const metric of metrics) {
      const grid = sweepGrid(sweeper, base, { x, y, metric, month: 1 });
      expect(grid).toHaveLength(4096);
      const bad = grid.findIndex((v) => !Number.isFinite(v));
      expect(bad, `${metric}: cell ${bad} = ${grid[bad]}`).toBe(-1);
      if (metric === 'probPivotWins') for (const p of grid) expect(p >= 0 && p <= 1).toBe(true);
    }
  });
});
