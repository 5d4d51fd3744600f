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
