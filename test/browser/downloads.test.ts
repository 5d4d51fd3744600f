/**
 * Downloads in Chromium against the built site: the heatmap's SVG parses as XML and carries its
 * title, legend, assumptions and source line; its PNG decodes at the size the page states (2× the
 * SVG) and shows the raster; the grid's CSV has one row per cell equal to the Node kernel's sweep;
 * the monthly CSV, a time series' SVG and PNG, and the scenario's JSON.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { APP_VERSION, defaultTitle } from '../../src/charts/export.ts';
import { metricTitle } from '../../src/charts/labels.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import { sweepInputs } from '../../src/model/sweep.ts';
import { axisValues } from '../../src/model/sweep.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { defaultView } from '../../src/model/view.ts';
import { ROOT, browserSuite } from './harness.ts';
import { sweepDone } from './page.ts';

const suite = browserSuite();

/** Clicks a download button; the file also goes to test-results/downloads/ (not committed) for a person to look at. */
async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId(testid).click()]);
  const bytes = await readFile(await file.path());
  const dir = join(ROOT, 'test-results', 'downloads');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, file.suggestedFilename()), bytes);
  return { name: file.suggestedFilename(), bytes };
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The SVG parsed by the browser's XML parser, and what a reader looks for in it. */
function readSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const pick = (sel: string) => doc.querySelector(sel)?.textContent ?? null;
    return {
      error: pick('parsererror'),
      root: doc.documentElement.localName,
      width: Number(doc.documentElement.getAttribute('width')),
      height: Number(doc.documentElement.getAttribute('height')),
      title: pick('.figure-title'),
      legend: pick('[data-testid="legend"] .legend-title'),
      keys: [...doc.querySelectorAll('.key text')].map((t) => t.textContent),
      notes: pick('.figure-note'),
      source: pick('.figure-source'),
      images: [...doc.querySelectorAll('image')].map((i) => (i.getAttribute('href') ?? '').slice(0, 22)),
    };
  }, svg);
}

/** Distinct colours in a PNG, decoded by the browser. */
function pngColours(page: Page, bytes: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    // Decoded from base64 here: the page's Content-Security-Policy lets it fetch nothing but its own origin.
    const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const seen = new Set<number>();
    for (let k = 0; k < data.length; k += 4 * 37) seen.add((data[k]! << 16) | (data[k + 1]! << 8) | data[k + 2]!);
    return seen.size;
  }, bytes.toString('base64'));
}

describe('downloads', () => {
  it('the heatmap as SVG and PNG, the grid as CSV equal to the sweep, the months and the scenario', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      await page.getByTestId('downloads').locator('summary').click();
      const view = defaultView();

      const svgFile = await download(page, 'download-heatmap-svg');
      expect(svgFile.name).toBe('hashpivot-heatmap-delta.svg');
      const svgText = svgFile.bytes.toString('utf8');
      const svg = await readSvg(page, svgText);
      expect(svg.error).toBeNull();
      expect(svg.root).toBe('svg');
      expect(svg.title).toBe(defaultTitle(view));
      expect(svg.legend).toBe(metricTitle('delta', 1));
      expect(svgText).toContain('pivot wins');
      expect(svg.notes).toMatch(/^Assumptions: Site power/);
      expect(svg.source).toBe(`Source: hashpivot ${APP_VERSION}, network state as of 2026-01-08`);
      expect(svg.images).toEqual(['data:image/png;base64,']);

      const stated = page.getByTestId('download-heatmap-png');
      const statedSize = {
        width: Number(await stated.getAttribute('data-width')),
        height: Number(await stated.getAttribute('data-height')),
      };
      expect(statedSize).toEqual({ width: svg.width * 2, height: svg.height * 2 });
      const pngFile = await download(page, 'download-heatmap-png');
      expect(pngFile.name).toBe('hashpivot-heatmap-delta@2x.png');
      expect(pngSize(pngFile.bytes)).toEqual(statedSize);
      // The raster made it into the picture: far more colours than text and axes alone.
      expect(await pngColours(page, pngFile.bytes)).toBeGreaterThan(100);

      const csvFile = await download(page, 'download-grid-csv');
      expect(csvFile.name).toBe('hashpivot-grid-delta.csv');
      const lines = csvFile.bytes.toString('utf8').trimEnd().split('\n');
      expect(lines[0]).toBe('leaseUsdPerKwMonth (USD/kW-month),btcPriceUsd (USD),delta (USD)');
      expect(lines).toHaveLength(1 + view.x.n * view.y.n);
      const truth = sweepGrid(
        createSweeper(loadKernelSync()),
        sweepInputs(resolveInputs({ version: 2 }), { hashrateEhs: false, epochElapsedSeconds: false }),
        view,
      );
      const xs = axisValues(view.x);
      const ys = axisValues(view.y);
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
      let worst = 0;
      lines.slice(1).forEach((line, k) => {
        const [x, y, v] = line.split(',').map(Number);
        // Axis values on a log axis go through Math.exp, which Chromium's V8 and Node's may round
        // a last bit apart; so may the cells computed from them.
        worst = Math.max(worst, rel(x!, xs[k % view.x.n]!), rel(y!, ys[Math.floor(k / view.x.n)]!), rel(v!, truth[k]!));
      });
      expect(worst).toBeLessThan(1e-9);

      const monthly = await download(page, 'download-monthly-csv');
      const months = monthly.bytes.toString('utf8').trimEnd().split('\n');
      expect(months[0]).toMatch(
        /^month,endHeight \(block\),difficulty,hashrateEhs \(EH\/s\),.*,cashFlowMine \(USD\),cashFlowPivot \(USD\),cashFlowDelta \(USD\)$/,
      );
      expect(months).toHaveLength(1 + resolveInputs({ version: 2 }).horizonYears * 12);

      const json = await download(page, 'download-scenario-json');
      expect(json.name).toBe('hashpivot-scenario.json');
      expect(JSON.parse(json.bytes.toString('utf8'))).toEqual({ version: 2 });
    }));

  it('each time series as SVG with its key and as a 2× PNG', () =>
    suite.withPage('/?v=2&siteMw=120', async (page) => {
      await sweepDone(page);
      await page.getByTestId('chart-cashflow').waitFor({ timeout: 30_000 });
      await page.getByTestId('downloads').locator('summary').click();
      for (const id of ['hashrate', 'difficulty', 'hashprice', 'cashflow', 'cumulative']) {
        // The panel lists its charts once it is open and the detail has its evaluation, a
        // render after the click: wait for it rather than count at once.
        await expect.poll(() => page.getByTestId(`download-${id}-svg`).count(), { timeout: 10_000 }).toBe(1);
      }
      const svgFile = await download(page, 'download-cashflow-svg');
      const svg = await readSvg(page, svgFile.bytes.toString('utf8'));
      expect(svg.error).toBeNull();
      expect(svg.title).toBe('Monthly cash flow of each path');
      expect(svg.keys).toEqual(['keep mining', 'pivot']);
      expect(svg.notes).toContain('Site power 120 MW');
      expect(svg.source).toContain(`hashpivot ${APP_VERSION}`);
      const png = await download(page, 'download-cashflow-png');
      expect(pngSize(png.bytes)).toEqual({ width: svg.width * 2, height: svg.height * 2 });
    }));
});
