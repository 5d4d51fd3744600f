// One kernel instance serves a worker's every request, one after another: evaluations and sweeps
// of other sizes, and the path ranges of split maps (sweepPathRows, docs/model.md §9). Whatever ran
// before, a request must give what a fresh kernel gives. These orders once wrote the Δs of a longer
// run past the end of a buffer sized for a shorter one.
import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/kernel/facade.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import type { ModelInputs } from '../../src/model/keys.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import { sweepInputs, type SweepSpec } from '../../src/model/sweep.ts';
import { mergePathParts, pathRanges } from '../../src/worker/path-parts.ts';
import { identical } from '../helpers/sweep-cells.ts';

const v2 = (over: Partial<ModelInputs>) => ({ ...defaultInputs(), ...over });
const forSweep = (inputs: ModelInputs) => sweepInputs(inputs, { hashrateEhs: false, epochElapsedSeconds: false });

describe('a kernel that ran other requests before', () => {
  it('evaluates more paths over a shorter horizon after fewer over a longer one as a fresh kernel does', () => {
    const used = createModel(loadKernelSync());
    // 100 paths · 10 years: the Δ and scratch buffers hold max(100, 240) = 240; 1,000 paths need 1,000.
    used.evaluate(v2({ monteCarloPaths: 100, horizonYears: 10 }));
    const later = v2({ monteCarloPaths: 1000, horizonYears: 1 });
    const fresh = createModel(loadKernelSync()).evaluate(later);
    const got = used.evaluate(later);
    expect(got.monteCarlo).toEqual(fresh.monteCarlo);
    expect(got.monthsP).toEqual(fresh.monthsP);
    // The price's P5 in month 1 is a price, not a Δ written over it.
    expect(got.monthsP!.btcPriceUsd.p5[0]).toBeGreaterThan(10_000);
  });

  it('merges a split map after a longer split map on the same kernel into the fresh kernel’s grid', () => {
    const kernel = loadKernelSync();
    const sweeper = createSweeper(kernel);
    const split = (inputs: ModelInputs, spec: SweepSpec) => {
      sweeper.begin(inputs, spec);
      const parts = pathRanges(inputs.monteCarloPaths, 2).map(({ first, count }) => sweeper.pathRows(0, spec.y.n, first, count));
      return mergePathParts(spec.metric, spec.y.n, spec.x.n, parts);
    };
    const spec: SweepSpec = {
      x: { key: 'discountRatePct', min: 8, max: 14, n: 3, log: false },
      y: { key: 'poolFeePct', min: 1, max: 3, n: 2, log: false },
      metric: 'deltaP50',
      month: 1,
    };
    split(forSweep(v2({ monteCarloPaths: 128, horizonYears: 30, networkResponsePctPerMonth: 0 })), spec);
    const later = forSweep(v2({ monteCarloPaths: 3000, horizonYears: 1, networkResponsePctPerMonth: 0 }));
    expect(identical(split(later, spec), sweepGrid(createSweeper(loadKernelSync()), later, spec))).toEqual([]);
    // …and an evaluation after it is a fresh kernel's too.
    const e = v2({ monteCarloPaths: 300, horizonYears: 3 });
    expect(createModel(kernel).evaluate(e)).toEqual(createModel(loadKernelSync()).evaluate(e));
  });

  it('sends a row’s Δs on a lease axis, not each cell’s: a 2,048-wide row is one unit', () => {
    const kernel = loadKernelSync();
    const sweeper = createSweeper(kernel);
    const inputs = forSweep(v2({ monteCarloPaths: 200, horizonYears: 2, networkResponsePctPerMonth: 0 }));
    const spec: SweepSpec = {
      x: { key: 'leaseUsdPerKwMonth', min: 50, max: 250, n: 2048, log: false },
      y: { key: 'btcPriceUsd', min: 40_000, max: 160_000, n: 3, log: false },
      metric: 'probPivotWins',
      month: 1,
    };
    sweeper.begin(inputs, spec);
    sweeper.pathRows(0, 1, 100, 100);
    const bytes = kernel.memory.buffer.byteLength;
    const part = sweeper.pathRows(0, 3, 100, 100);
    expect(part.perRow).toBe(true);
    expect(part.deltas.length).toBe(300);
    expect(part.shifts.length).toBe(3 * 2048);
    // Room for 3 rows × 100 paths, not 3 · 2,048 cells × 100 paths (4.9 MB): memory grows by less than 1 MB.
    expect(kernel.memory.buffer.byteLength - bytes).toBeLessThan(2 ** 20);
  });
});
