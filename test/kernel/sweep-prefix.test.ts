// The shared prefix (assembly/network/prefix.ts for the closed-form lanes of version 1,
// assembly/network/response-lanes.ts for the month-by-month lanes of a network that answers back):
// on a sweep whose rows differ only in the share that leaves at the exit shock, every group of
// columns keeps its projection up to the shock in a slot and later rows resume from it. Whatever
// order the rows come in, in whatever blocks, and whatever ran on the kernel before, each row must
// equal the same row computed alone on a fresh kernel instance, bit for bit.
import { describe, expect, it } from 'vitest';
import { defaultInputs } from '../../src/model/registry/index.ts';
import type { SweepSpec } from '../../src/model/sweep.ts';
import type { ModelInputs } from '../../src/model/keys.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import { sweepInputs } from '../../src/model/sweep.ts';
import type { KernelVariant } from '../../src/kernel/wasm.ts';

const explicit = { hashrateEhs: false, epochElapsedSeconds: false };
/** Version 1's defaults (closed-form lanes) and version 2's (the network answers back: λ 30). */
const BASES = {
  'version 1': sweepInputs({ ...defaultInputs(1), horizonYears: 6, exitMonth: 20 }, explicit),
  'version 2': sweepInputs({ ...defaultInputs(2), horizonYears: 6, exitMonth: 20 }, explicit),
};
const spec: SweepSpec = {
  // 40 columns: two full groups of 16 lanes and a short one of 8.
  x: { key: 'hashrateGrowthPctPerMonth', min: -2, max: 6, n: 40, log: false },
  y: { key: 'exitSharePct', min: 0, max: 90, n: 12, log: false },
  metric: 'delta',
  month: 1,
};

/** Row r alone, on a kernel that never saw another row (no slot to resume from). */
function rowAlone(variant: KernelVariant, base: ModelInputs, r: number): Float64Array {
  const sweeper = createSweeper(loadKernelSync(variant));
  sweeper.begin(base, spec);
  return sweeper.rows(r, r + 1);
}

const CASES = (['release', 'release-simd'] as KernelVariant[]).flatMap((variant) =>
  Object.entries(BASES).map(([version, base]) => [variant, version, base] as const),
);

describe.each(CASES)('shared prefix (%s, %s)', (variant, version, base) => {
  if (version === 'version 2') expect(base.networkResponsePctPerMonth).toBeGreaterThan(0);
  const alone = Array.from({ length: spec.y.n }, (_, r) => rowAlone(variant, base, r));

  it('rows in reverse order, one at a time, equal each row computed alone', () => {
    const sweeper = createSweeper(loadKernelSync(variant));
    sweeper.begin(base, spec);
    for (let r = spec.y.n - 1; r >= 0; r--) expect(Array.from(sweeper.rows(r, r + 1))).toEqual(Array.from(alone[r]));
  });

  it('the whole grid, and blocks after another sweep on the same kernel, equal the rows alone', () => {
    const raw = loadKernelSync(variant);
    const sweeper = createSweeper(raw);
    const whole = sweepGrid(sweeper, base, spec);
    alone.forEach((row, r) => expect(Array.from(whole.subarray(r * spec.x.n, (r + 1) * spec.x.n))).toEqual(Array.from(row)));
    // Another sweep with a different exit month and x range fills the slots with other prefixes …
    sweepGrid(sweeper, { ...base, exitMonth: 7 }, { ...spec, x: { ...spec.x, min: 0, max: 3 } });
    // … which a new begin() must forget.
    sweeper.begin(base, spec);
    const blocks = [sweeper.rows(5, 12), sweeper.rows(0, 5)];
    const again = new Float64Array([...blocks[1], ...blocks[0]]);
    expect(Array.from(again)).toEqual(Array.from(whole));
  });

  it('is not used where it would be wrong: rows over the exit month itself', () => {
    const byMonth: SweepSpec = { ...spec, y: { key: 'exitMonth', min: 1, max: 60, n: 6, log: false } };
    const shocked = { ...base, exitSharePct: 30 };
    const sweeper = createSweeper(loadKernelSync(variant));
    const grid = sweepGrid(sweeper, shocked, byMonth);
    for (let r = 0; r < byMonth.y.n; r++) {
      const fresh = createSweeper(loadKernelSync(variant));
      fresh.begin(shocked, byMonth);
      expect(Array.from(grid.subarray(r * spec.x.n, (r + 1) * spec.x.n))).toEqual(Array.from(fresh.rows(r, r + 1)));
    }
    // the rows differ: a later shock changes Δ
    expect(grid[0]).not.toBe(grid[(byMonth.y.n - 1) * spec.x.n]);
  });
});
