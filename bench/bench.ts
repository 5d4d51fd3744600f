/**
 * `npm run --silent bench [-- --quick]`: the sweep workloads W1–W3, one JSON object per line and
 * measurement, a public format (README). Module instantiation is excluded; each measurement is
 * one warm-up run and the median of 5. The TS reference is timed on a sample of cells and scaled
 * (`sampled: true`).
 */
import { performance } from 'node:perf_hooks';
import { defaultInputs, epochElapsedSecondsFor, hashrateEhsFor } from '../src/model/registry/index.ts';
import type { ModelInputs } from '../src/model/keys.ts';
import { axisValues, type SweepSpec } from '../src/model/sweep.ts';
import { loadKernelSync } from '../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../src/kernel/sweep.ts';
import { sweepInputs } from '../src/model/sweep.ts';
import { metricOf } from '../src/kernel/reference.ts';
import type { KernelVariant } from '../src/kernel/wasm.ts';

const quick = process.argv.includes('--quick');
const scale = (n: number) => (quick ? Math.max(2, n >> 4) : n);

const base: ModelInputs = sweepInputs({ ...defaultInputs(), horizonYears: 15, hashrateGrowthPctPerMonth: 1 }, { hashrateEhs: false, epochElapsedSeconds: false });

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

function report(workload: string, impl: string, spec: SweepSpec, ms: number, sampled = false) {
  const cells = spec.x.n * spec.y.n;
  const months = 12 * 15;
  const line: Record<string, unknown> = { workload, impl, cells, months, ms: Number(ms.toFixed(3)), cellMonthsPerSec: Math.round((cells * months) / (ms / 1000)) };
  if (sampled) line.sampled = true;
  console.log(JSON.stringify(line));
}

for (const w of workloads) {
  for (const [impl, variant] of [['wasm', 'release'], ['wasm-simd', 'release-simd']] as [string, KernelVariant][]) {
    const sweeper = createSweeper(loadKernelSync(variant));
    report(w.name, impl, w.spec, time(() => sweepGrid(sweeper, w.inputs, w.spec)));
  }
  // The reference, cell by cell, on an evenly spread sample of cells.
  const xs = axisValues(w.spec.x);
  const ys = axisValues(w.spec.y);
  const sample = quick ? 4 : 16;
  const cells = w.spec.x.n * w.spec.y.n;
  const ms = time(() => {
    for (let i = 0; i < sample; i++) {
      const cell = Math.floor((i * cells) / sample);
      // The workloads leave both derived defaults to the kernel (−1): derive them for the cell.
      const s: ModelInputs = { ...w.inputs, [w.spec.x.key]: xs[cell % w.spec.x.n], [w.spec.y.key]: ys[Math.floor(cell / w.spec.x.n)] };
      s.hashrateEhs = hashrateEhsFor(s.startDifficulty);
      s.epochElapsedSeconds = epochElapsedSecondsFor(s.startHeight);
      metricOf(s, w.spec.metric, w.spec.month);
    }
  }, quick ? 1 : 3);
  report(w.name, 'ts', w.spec, (ms * cells) / sample, true);
}
