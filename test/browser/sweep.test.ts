/**
 * The worker pool in Chromium, on the built site's test page (pool-test.html, window.hashpivotPool):
 * the benchmark's W2 through the pool, timed, with cells checked against the Node kernel and a
 * click on the page answered while it runs; a superseded sweep never yields its grid; a failing
 * worker's error reaches the page.
 *
 * Click latency, how it is measured: the probe button's click handler records
 * performance.now() − event.timeStamp. For a click Playwright sends (CDP Input.dispatchMouseEvent),
 * event.timeStamp is when the browser created the input event, on the page's performance.now()
 * clock, so the difference is how long the click waited for the page's thread (IPC, queued tasks)
 * before its handler ran. The test also reports the round trip of page.mouse.click() as Node sees
 * it (an upper bound that adds the CDP hops) and the page's long tasks (> 50 ms) during the sweep.
 *
 * What is asserted: the page's thread runs no task of 100 ms or more during the sweep (the Long
 * Tasks API; checked to work first, on a deliberate 120 ms task), so no click can wait that long on
 * the page; and the clicks' lags, median under 50 ms and at least 90 % under 100 ms. Not every
 * click: this 2-core machine is shared with other builds and browsers, and the OS sometimes holds
 * the renderer process (which Chromium runs at a lower priority) for 100 ms with the page's own
 * thread idle — measured once at 109 ms with no long task on the page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createNodeModel, loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper } from '../../src/kernel/sweep.ts';
import { sweepInputs } from '../../src/model/sweep.ts';
import type { ModelInputs } from '../../src/model/keys.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import type { SweepSpec } from '../../src/model/sweep.ts';
import type { SweepRequest } from '../../src/worker/pool.ts';
import { cellScenario } from '../helpers/sweep-cells.ts';
import { close } from '../helpers/scenarios.ts';
import { browserSuite } from './harness.ts';

// The pool's test page is a fixture, built apart from the app (test/browser/fixtures/).
const suite = browserSuite({ preview: { outDir: 'build/fixtures', page: 'pool-test.html' } });

const explicit = { hashrateEhs: false, epochElapsedSeconds: false };
// W2: version 1's default scenario (as the benchmark's W2), 15 years, 1 %/month hashrate growth, exit at month 24.
const w2Base: ModelInputs = { ...defaultInputs(1), horizonYears: 15, hashrateGrowthPctPerMonth: 1, exitMonth: 24 };
const W2: SweepRequest = {
  inputs: sweepInputs(w2Base, explicit),
  spec: {
    x: { key: 'hashrateGrowthPctPerMonth', min: 0, max: 3, n: 512, log: false },
    y: { key: 'exitSharePct', min: 0, max: 50, n: 512, log: false },
    metric: 'delta',
    month: 1,
  },
};
// A cheap sweep for the supersede and error cases: the lease rate against the BTC price, on version
// 1's defaults (no network response, so the BTC price axis needs no projection per cell).
const economics = (siteMw: number): SweepRequest => ({
  inputs: sweepInputs({ ...defaultInputs(1), siteMw }, explicit),
  spec: {
    x: { key: 'leaseUsdPerKwMonth', min: 80, max: 200, n: 64, log: false },
    y: { key: 'btcPriceUsd', min: 40_000, max: 200_000, n: 64, log: false },
    metric: 'delta',
    month: 1,
  },
});

/** Corners, the middle and a few cells in between, as flat indices (x fastest). */
function sampleCells(spec: SweepSpec): number[] {
  const { n: nx } = spec.x;
  const { n: ny } = spec.y;
  const cells: [number, number][] = [
    [0, 0],
    [nx - 1, 0],
    [0, ny - 1],
    [nx - 1, ny - 1],
    [nx >> 1, ny >> 1],
    [37 % nx, 101 % ny],
    [nx - 7, 3],
    [5, ny - 11],
  ];
  return cells.map(([i, j]) => j * nx + i);
}

/** The Node kernel on the same cells: the sweep's own rows (bit for bit) and evaluate (to 1e-12 relative or $1e-6). */
function nodeTruth(request: SweepRequest, cells: number[]) {
  const sweeper = createSweeper(loadKernelSync());
  const model = createNodeModel();
  sweeper.begin(request.inputs, request.spec);
  const nx = request.spec.x.n;
  return cells.map((k) => {
    const [i, j] = [k % nx, Math.floor(k / nx)];
    const row = sweeper.rows(j, j + 1);
    // The derived keys (−1 in the sweep's inputs) come from the cell's own start state, as in the kernel.
    const evaluation = model.evaluate(cellScenario(request.inputs, explicit, request.spec, i, j));
    return { cell: k, sweep: row[i]!, evaluate: evaluation.delta };
  });
}

async function openPool(page: Page) {
  await page.locator('html[data-ready="true"]').waitFor({ timeout: 30_000 });
  return page.evaluate(() => ({ size: window.hashpivotPool.size, cores: window.hashpivotPool.cores }));
}

describe('the worker pool in Chromium', () => {
  it('runs W2 (512×512, network axes) in the pool, equal to the Node kernel, while a click is handled within 100 ms', async () => {
    const cells = sampleCells(W2.spec);
    const truth = nodeTruth(W2, cells);
    await suite.withPage('/pool-test.html', async (page) => {
      const { size, cores } = await openPool(page);
      // The long task record works: a deliberate 120 ms task on the page's thread shows up.
      await page.evaluate(
        () =>
          new Promise<void>((done) =>
            setTimeout(() => {
              const t0 = performance.now();
              while (performance.now() - t0 < 120);
              done();
            }),
          ),
      );
      // The long task's entry reaches the page's observer a moment after the task.
      await expect
        .poll(() => page.evaluate(() => window.hashpivotPool.longTasks.filter((t) => t.ms >= 120).length), { timeout: 10_000 })
        .toBe(1);
      const runs: {
        ms: number;
        firstBlockMs: number;
        blocks: number;
        rowsPerBlock: { min: number; max: number };
        longTasks: { ms: number }[];
      }[] = [];
      const clickRoundTrips: number[] = [];
      for (const label of ['cold', 'warm']) {
        const clicksBefore = await page.evaluate(() => window.hashpivotPool.clicks.length);
        await page.evaluate(({ request, cells }) => window.hashpivotPool.start(request, cells), { request: W2, cells });
        const done = page.evaluate(() => window.hashpivotPool.done());
        // Click the probe every ~150 ms while the sweep runs.
        const box = (await page.getByTestId('probe').boundingBox())!;
        let finished = false;
        void done.finally(() => (finished = true)).catch(() => {});
        while (!finished) {
          const t0 = performance.now();
          await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
          clickRoundTrips.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 150));
        }
        const report = await done;
        runs.push(report);
        // The page's grid equals the Node kernel's, bit for bit, on the sampled cells (one build, one algorithm)…
        expect(report.picked).toEqual(truth.map((t) => t.sweep));
        // …and each cell is that cell's evaluate (1e-12 relative or $1e-6).
        for (const t of truth)
          expect(close(t.sweep, t.evaluate, 1e-12, 1e-6), `cell ${t.cell}: sweep ${t.sweep}, evaluate ${t.evaluate}`).toBe(true);
        const clicks = (await page.evaluate(() => window.hashpivotPool.clicks)).slice(clicksBefore);
        const during = clicks.filter((c) => c.running);
        console.log(
          `W2 in Chromium (${label}): ${report.ms.toFixed(0)} ms on ${size} worker(s) (${cores} cores); first block after ${report.firstBlockMs.toFixed(0)} ms; ` +
            `${report.blocks} blocks of ${report.rowsPerBlock.min}–${report.rowsPerBlock.max} rows; ` +
            `${during.length} clicks during the sweep, lag max ${Math.max(...during.map((c) => c.lagMs)).toFixed(1)} ms, ` +
            `median ${median(during.map((c) => c.lagMs)).toFixed(1)} ms; long tasks ${report.longTasks.length}` +
            (report.longTasks.length ? ` (max ${Math.max(...report.longTasks.map((t) => t.ms)).toFixed(0)} ms)` : ''),
        );
        expect(during.length, 'clicks landed while the sweep ran').toBeGreaterThanOrEqual(5);
        expect(
          report.longTasks.filter((t) => t.ms >= 100),
          'tasks of 100 ms or more on the page during the sweep',
        ).toEqual([]);
        const lags = during.map((c) => c.lagMs);
        expect(median(lags)).toBeLessThan(50);
        expect(
          lags.filter((ms) => ms < 100).length / lags.length,
          `click lags ${lags.map((ms) => ms.toFixed(0)).join(', ')} ms`,
        ).toBeGreaterThanOrEqual(0.9);
        // Results stream: many blocks, the first long before the end.
        expect(report.blocks).toBeGreaterThan(10);
        expect(report.firstBlockMs).toBeLessThan(report.ms / 4);
      }
      console.log(
        `page.mouse.click round trips (Node side, CDP included): median ${median(clickRoundTrips).toFixed(1)} ms, max ${Math.max(...clickRoundTrips).toFixed(1)} ms`,
      );
      await expect(page.getByTestId('pool-status').getAttribute('data-state')).resolves.toBe('done');
      expect(runs).toHaveLength(2);
    });
  }, 120_000);

  it('never yields a superseded grid: the older sweep rejects, and no row of it arrives after the newer starts', async () => {
    const a = W2;
    const b = economics(60);
    const cells = sampleCells(b.spec);
    const bTruth = nodeTruth(b, cells);
    await suite.withPage('/pool-test.html', async (page) => {
      await openPool(page);
      const result = await page.evaluate(({ a, b, cells }) => window.hashpivotPool.supersede(a, b, 3, cells), { a, b, cells });
      expect(result.a).toEqual({
        resolved: false,
        superseded: true,
        error: expect.stringMatching(/^SupersededError: sweep \d+ was superseded/),
      });
      expect(result.aBlocksBeforeB).toBe(3);
      expect(result.aBlocksAfterB).toBe(0);
      expect(result.bIds).toHaveLength(1);
      expect(result.bBlocks).toBeGreaterThan(0);
      expect(result.bPicked).toEqual(bTruth.map((t) => t.sweep));

      // Many quick requests, as a dragged slider makes: only the last one's grid comes back.
      const last = await page.evaluate(
        async ({ requests }) => {
          const outcomes = await Promise.allSettled(requests.map((r) => window.hashpivotPool.evaluate(r.inputs).then(() => null)));
          const pool = window.hashpivotPool;
          pool.start(requests[0]!, []);
          const first = pool.done().then(
            () => 'resolved',
            (e: Error) => e.name,
          );
          for (const r of requests.slice(1)) pool.start(r, [0]);
          return { evaluate: outcomes.map((o) => o.status), first: await first, last: (await pool.done()).picked };
        },
        { requests: [40, 50, 60, 70, 80].map((mw) => economics(mw)) },
      );
      expect(last.evaluate.every((s) => s === 'fulfilled')).toBe(true);
      expect(last.first).toBe('SupersededError');
      expect(last.last).toEqual([nodeTruth(economics(80), [0])[0]!.sweep]);
    });
  });

  it('surfaces a failing worker: an invalid request and a worker that cannot load both reject and show the error', async () => {
    await suite.withPage(
      '/pool-test.html',
      async (page, watch) => {
        await openPool(page);
        const bad = {
          ...economics(50),
          spec: { ...economics(50).spec, x: { key: 'noSuchKey', min: 0, max: 1, n: 8, log: false } },
        } as unknown as SweepRequest;
        const invalid = await page.evaluate(({ bad }) => window.hashpivotPool.failure(bad, 'request'), { bad });
        expect(invalid).toEqual({
          state: 'error',
          shown: 'Error: x: unknown key "noSuchKey"; an axis is one of the numeric scenario keys (see `params`)',
          name: 'Error',
          message: expect.stringContaining('x: unknown key "noSuchKey"'),
        });
        await expect(page.getByTestId('pool-status').getAttribute('data-state')).resolves.toBe('error');

        const missing = await page.evaluate(({ request }) => window.hashpivotPool.failure(request, 'worker-url'), {
          request: economics(50),
        });
        expect(missing.state).toBe('error');
        expect(missing.message).toMatch(/^kernel worker failed: /);
        await expect(page.getByTestId('pool-status').textContent()).resolves.toBe(`Error: ${missing.message}`);
        // The only problem on the page is the missing worker script.
        expect(
          watch.problems.every((p) => p.includes('no-such-worker.js')),
          watch.problems.join('\n'),
        ).toBe(true);

        // The page's pool still sweeps afterwards.
        await page.evaluate(({ request }) => window.hashpivotPool.start(request, [0]), { request: economics(50) });
        await expect(page.evaluate(() => window.hashpivotPool.done().then((r) => r.picked))).resolves.toEqual([
          nodeTruth(economics(50), [0])[0]!.sweep,
        ]);
      },
      { allowProblems: true },
    );
  });
});

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
