// The worker's uncertainty requests on the Node kernel: the figures are evaluate's, and a histogram
// between two blocks of a sweep (it runs a one-row sweep of its own) leaves the sweep's cells as they were.
import { describe, expect, it } from 'vitest';
import { createNodeModel, loadKernelSync } from '../../src/kernel/load-node.ts';
import { histogramEdges } from '../../src/model/histogram.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import type { SweepSpec } from '../../src/model/sweep.ts';
import { createHandlers } from '../../src/worker/handlers.ts';

const inputs = { ...defaultInputs(), leaseUsdPerKwMonth: 80, monteCarloPaths: 100 };
const spec: SweepSpec = {
  x: { key: 'leaseUsdPerKwMonth', min: 60, max: 100, n: 4, log: false },
  y: { key: 'powerUsdPerKwh', min: 0.03, max: 0.07, n: 4, log: false },
  metric: 'probPivotWins',
  month: 1,
};

describe('uncertainty handlers', () => {
  it("uncertainty gives evaluate's Monte Carlo figures and percentiles", async () => {
    const h = createHandlers(() => Promise.resolve(loadKernelSync('release')));
    const ev = createNodeModel('release').evaluate(inputs);
    const u = await h.uncertainty(inputs);
    expect(u.monteCarlo).toEqual(ev.monteCarlo);
    expect(u.monthsP).toEqual(ev.monthsP);
    expect((await h.uncertainty({ ...inputs, btcVolatilityPctPerYear: 0 })).monteCarlo).toBeNull();
  });

  it('a histogram between blocks does not change the sweep', async () => {
    const plain = createHandlers(() => Promise.resolve(loadKernelSync('release')));
    const mixed = createHandlers(() => Promise.resolve(loadKernelSync('release')));
    const block = (h: typeof plain, rowStart: number) => h.sweepRows({ sweep: 1, inputs, spec, rowStart, rowEnd: rowStart + 2 });
    const a = [...(await block(plain, 0)).values, ...(await block(plain, 2)).values];
    const first = (await block(mixed, 0)).values;
    const ev = createNodeModel('release').evaluate(inputs).monteCarlo!;
    const other = { ...inputs, siteMw: 30, leaseUsdPerKwMonth: 150 };
    const hist = await mixed.distribution({ inputs: other, edges: histogramEdges(ev.deltaP5, ev.deltaP95, 8) });
    expect(hist!.paths).toBe(100);
    const b = [...first, ...(await block(mixed, 2)).values];
    expect(b).toEqual(a);
    // The grid is not trivial: some cells between 0 and 1.
    expect(a.some((v) => v > 0 && v < 1)).toBe(true);
  });
});

describe('a kernel that traps', () => {
  it('is dropped: the next request loads a fresh one, whose figures are a fresh kernel’s; a plain error keeps it', async () => {
    let loads = 0;
    const load = () => {
      loads++;
      const k = loadKernelSync('release');
      if (loads > 1) return Promise.resolve(k);
      // The first instance traps in the middle of a split map's range, as one out of memory would.
      const trapping = Object.create(k, {
        sweepPathRows: {
          value: () => {
            throw new WebAssembly.RuntimeError('memory access out of bounds');
          },
        },
      }) as typeof k;
      return Promise.resolve(trapping);
    };
    const h = createHandlers(load);
    const part = { sweep: 7, inputs, spec, rowStart: 0, rowEnd: 1, pathFirst: 0, pathCount: 50 };
    await expect(h.sweepPaths(part)).rejects.toThrow('memory access out of bounds');
    const ev = createNodeModel('release').evaluate(inputs);
    expect((await h.uncertainty(inputs)).monteCarlo).toEqual(ev.monteCarlo);
    expect(loads).toBe(2);
    // An invalid request is the caller's error, not the kernel's: the instance stays.
    await expect(h.sweepPaths({ ...part, sweep: 8, pathFirst: -1 })).rejects.toThrow('are not a range of 0..100');
    await h.evaluate(inputs);
    expect(loads).toBe(2);
  });
});
