/**
 * `npm run --silent bench [-- --quick]`: the workloads, one JSON object per line and measurement,
 * a public format (README). W1–W3 sweep version-1 scenarios; W2R, W4, W5 sweep version-2 ones
 * (the network's response on, W4 and W5 over Monte Carlo paths) and E1 is one evaluate of the
 * version-2 default scenario with 1,000 paths. Module instantiation is excluded; each measurement
 * is one warm-up run and the median of 5. The TS references are timed on a sample of cells and
 * scaled (`sampled: true`). Monte Carlo lines add `paths`, and their cellMonthsPerSec counts
 * cell × path × month.
 */
import { performance } from 'node:perf_hooks';
import { defaultInputs, epochElapsedSecondsFor, hashrateEhsFor } from '../src/model/registry/index.ts';
import type { ModelInputs } from '../src/model/keys.ts';
import { axisValues, type SweepSpec } from '../src/model/sweep.ts';
import { loadKernelSync } from '../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../src/kernel/sweep.ts';
import { sweepInputs } from '../src/model/sweep.ts';
import { metricOf } from '../src/kernel/reference.ts';
import { createModel } from '../src/kernel/facade.ts';
import { evaluate as evaluateV2 } from '../src/kernel/reference-v2/index.ts';
import type { KernelVariant } from '../src/kernel/wasm.ts';

const quick = process.argv.includes('--quick');
const scale = (n: number) => (quick ? Math.max(2, n >> 4) : n);

/** W1–W3: version 1's defaults, as before version 2, so their figures stay comparable. */
const base: ModelInputs = sweepInputs(
  { ...defaultInputs(1), horizonYears: 15, hashrateGrowthPctPerMonth: 1 },
  { hashrateEhs: false, epochElapsedSeconds: false },
);

/** The version-2 workloads start from the defaults of a new (version-2) scenario. */
const v2 = (over: Partial<ModelInputs>): ModelInputs =>
  sweepInputs({ ...defaultInputs(), horizonYears: 10, ...over }, { hashrateEhs: false, epochElapsedSeconds: false });

const workloads: { name: string; inputs: ModelInputs; spec: SweepSpec }[] = [
  {
    name: 'W1',
    inputs: base,
    spec: {
      x: { key: 'leaseUsdPerKwMonth', min: 80, max: 200, n: scale(256), log: false },
      y: { key: 'capexMusdPerMwIt', min: 6, max: 12, n: scale(256), log: false },
      metric: 'delta',
      month: 1,
    },
  },
  {
    name: 'W2',
    inputs: { ...base, exitMonth: 24 },
    spec: {
      x: { key: 'hashrateGrowthPctPerMonth', min: 0, max: 3, n: scale(512), log: false },
      y: { key: 'exitSharePct', min: 0, max: 50, n: scale(512), log: false },
      metric: 'delta',
      month: 1,
    },
  },
  {
    name: 'W3',
    inputs: base,
    spec: {
      x: { key: 'leaseUsdPerKwMonth', min: 80, max: 200, n: scale(1024), log: false },
      y: { key: 'btcPriceUsd', min: 40_000, max: 200_000, n: scale(1024), log: false },
      metric: 'delta',
      month: 1,
    },
  },
  {
    name: 'W2R',
    inputs: v2({ horizonYears: 15, exitMonth: 24, networkResponsePctPerMonth: 30 }),
    spec: {
      x: { key: 'hashrateGrowthPctPerMonth', min: 0, max: 3, n: scale(512), log: false },
      y: { key: 'exitSharePct', min: 0, max: 50, n: scale(512), log: false },
      metric: 'delta',
      month: 1,
    },
  },
  {
    name: 'W4',
    inputs: v2({ networkResponsePctPerMonth: 30, monteCarloPaths: quick ? 50 : 1000 }),
    spec: {
      x: { key: 'leaseUsdPerKwMonth', min: 60, max: 220, n: scale(96), log: false },
      y: { key: 'btcPriceUsd', min: 30_000, max: 250_000, n: scale(96), log: true },
      metric: 'probPivotWins',
      month: 1,
    },
  },
  {
    name: 'W5',
    inputs: v2({ exitMonth: 24, networkResponsePctPerMonth: 30, monteCarloPaths: quick ? 20 : 200 }),
    spec: {
      x: { key: 'hashrateGrowthPctPerMonth', min: 0, max: 3, n: scale(32), log: false },
      y: { key: 'exitSharePct', min: 0, max: 50, n: scale(32), log: false },
      metric: 'probPivotWins',
      month: 1,
    },
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time(run: () => void, runs = 5): number {
  run(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** The paths a workload runs: its scenario's, when the volatility makes it a Monte Carlo one. */
const pathsOf = (inputs: ModelInputs, metricOverPaths: boolean) =>
  metricOverPaths && inputs.btcVolatilityPctPerYear > 0 ? inputs.monteCarloPaths : 0;

function report(workload: string, impl: string, cells: number, inputs: ModelInputs, paths: number, ms: number, sampled = false) {
  const months = 12 * inputs.horizonYears;
  const work = cells * months * Math.max(1, paths);
  const line: Record<string, unknown> = { workload, impl, cells, months };
  if (paths > 0) line.paths = paths;
  Object.assign(line, { ms: Number(ms.toFixed(3)), cellMonthsPerSec: Math.round(work / (ms / 1000)) });
  if (sampled) line.sampled = true;
  console.log(JSON.stringify(line));
}

const IMPLS = [
  ['wasm', 'release'],
  ['wasm-simd', 'release-simd'],
] as [string, KernelVariant][];

for (const w of workloads) {
  const cells = w.spec.x.n * w.spec.y.n;
  const v2Workload = w.name !== 'W1' && w.name !== 'W2' && w.name !== 'W3';
  const paths = pathsOf(w.inputs, w.spec.metric === 'probPivotWins');
  for (const [impl, variant] of IMPLS) {
    const sweeper = createSweeper(loadKernelSync(variant));
    report(
      w.name,
      impl,
      cells,
      w.inputs,
      paths,
      time(() => sweepGrid(sweeper, w.inputs, w.spec)),
    );
  }
  // The reference, cell by cell, on an evenly spread sample of cells.
  const xs = axisValues(w.spec.x);
  const ys = axisValues(w.spec.y);
  const sample = quick ? 2 : v2Workload ? 4 : 16;
  const ms = time(
    () => {
      for (let i = 0; i < sample; i++) {
        const cell = Math.floor((i * cells) / sample);
        // The workloads leave both derived defaults to the kernel (−1): derive them for the cell.
        const s: ModelInputs = { ...w.inputs, [w.spec.x.key]: xs[cell % w.spec.x.n], [w.spec.y.key]: ys[Math.floor(cell / w.spec.x.n)] };
        s.hashrateEhs = hashrateEhsFor(s.startDifficulty);
        s.epochElapsedSeconds = epochElapsedSecondsFor(s.startHeight);
        if (!v2Workload) metricOf(s, w.spec.metric, w.spec.month);
        else if (paths > 0) evaluateV2(s);
        else evaluateV2({ ...s, btcVolatilityPctPerYear: 0 });
      }
    },
    quick ? 1 : 3,
  );
  report(w.name, 'ts', cells, w.inputs, paths, (ms * cells) / sample, true);
}

// E1: one evaluate of the version-2 default scenario (1,000 paths, the network's response on).
{
  const inputs = { ...defaultInputs(), monteCarloPaths: quick ? 50 : 1000 };
  inputs.hashrateEhs = hashrateEhsFor(inputs.startDifficulty);
  inputs.epochElapsedSeconds = epochElapsedSecondsFor(inputs.startHeight);
  for (const [impl, variant] of IMPLS) {
    const model = createModel(loadKernelSync(variant));
    report(
      'E1',
      impl,
      1,
      inputs,
      inputs.monteCarloPaths,
      time(() => model.evaluate(inputs)),
    );
  }
  report(
    'E1',
    'ts',
    1,
    inputs,
    inputs.monteCarloPaths,
    time(() => evaluateV2(inputs), quick ? 1 : 3),
  );
}
