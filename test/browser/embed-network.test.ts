/**
 * A network chart as an embed, in Chromium: the Embed dialog picks the chart (its link names
 * `lv=2`, `chart` and `theme`, its preview shows the chart); pasted into a page on another origin
 * (a second loopback port) the embed draws the chart with its axes, its title, assumption line and
 * source, a description from the chart's numbers (first and last values as the Node kernel's
 * projection gives them, and the exit wave's sentence), and "Get the data" is the chart's CSV,
 * equal to the Node kernel's projection; at 280, 320, 600 and 1000 px nothing scrolls sideways and
 * no text box overlaps another. Every network chart an embed link can name renders. An embed link
 * of view version 1 (no `lv`) still draws the map, following the reader's colour scheme (`auto`).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../src/charts/format.ts';
import { seriesPlot } from '../../src/charts/series.ts';
import { NETWORK_CHART_IDS, NETWORK_TITLES, networkCharts } from '../../src/components/network-series.ts';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import { exitWave, exitWaveSentence } from '../../src/model/exit-wave.ts';
import { MONTH_SECONDS } from '../../src/model/keys.ts';
import { startTimeMs } from '../../src/model/scenario/dates.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { EMBED_CHARTS } from '../../src/model/url/format.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
import { encodeEmbedLink } from '../../src/model/url/write.ts';
import { defaultView } from '../../src/model/view.ts';
import { embedFrame, textProblems } from './embed-page.ts';
import { ROOT, browserSuite, launchBrowser, startStaticServer, watchPage, type BrowserSession, type Server } from './harness.ts';

const suite = browserSuite();
const servers: Server[] = [];
let readerSession: BrowserSession | undefined;
async function reader(): Promise<BrowserSession> {
  readerSession ??= await launchBrowser();
  return readerSession;
}
afterAll(async () => {
  await Promise.allSettled([readerSession?.close(), ...servers.map((s) => s.close())]);
});

/** 30 % of the hashrate leaves at the end of month 6 (the network response at its default, so N* and c are drawn). */
const SCENARIO = { version: 2, exitSharePct: 30, exitMonth: 6 } as const;
const SHOTS = join(ROOT, 'test-results');

async function networkDone(target: Page | Frame): Promise<void> {
  const settled = target.locator('[data-testid="embed-network"]:is([data-state="done"], [data-state="error"])');
  await settled.waitFor({ timeout: 45_000 });
  expect(await settled.getAttribute('data-state')).toBe('done');
}

async function hostPage(snippet: string, width: number): Promise<Server> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>A story</title><link rel="icon" href="data:,"></head><body style="margin:0">
<h1>Miners leave</h1><p>Some text before the chart.</p><div style="width:${width}px">${snippet}</div><p>Some text after.</p></body></html>`;
  const server = await startStaticServer({ files: { '/story.html': html } });
  servers.push(server);
  return server;
}

describe('a network chart as an embed', () => {
  let snippet = '';
  let embedUrl = '';

  it('the Embed dialog picks the chart: the link names lv=2, the chart and the theme, and the preview draws it', () =>
    suite.withPage('/?v=2&exitSharePct=30&exitMonth=6', async (page) => {
      await page.locator('[data-testid="heatmap"][data-state="done"]').waitFor({ timeout: 45_000 });
      expect(decodeLink((await page.getByTestId('embed-url').getAttribute('href')) ?? '')).toMatchObject({ chart: 'map', theme: 'light' });
      await page.getByTestId('embed-button').click();
      await page.getByTestId('embed-chart').selectOption('hashprice');
      await expect.poll(() => page.getByTestId('embed-snippet').inputValue()).toContain('chart=hashprice');
      // The noscript fallback carries the chart's description once its projections are in.
      await expect
        .poll(() => page.getByTestId('embed-snippet').inputValue(), { timeout: 30_000 })
        .toContain('Hashprice and the marginal hashcost (USD/PH/day), month by month');
      snippet = await page.getByTestId('embed-snippet').inputValue();
      embedUrl = (await page.getByTestId('embed-url').getAttribute('href')) ?? '';
      const search = new URL(embedUrl).search;
      expect(search).toMatch(/^\?v=2&lv=2&embed=1&/);
      expect(search).toMatch(/&chart=hashprice&theme=light$/);
      expect(decodeLink(embedUrl)).toMatchObject({ scenario: SCENARIO, chart: 'hashprice', theme: 'light', viewVersion: 2, ignored: [] });
      expect(await page.getByTestId('embed-title-input').inputValue()).toBe(NETWORK_TITLES['net-hashprice']);
      // The live preview is the embed of that chart.
      const preview = page.frameLocator('[data-testid="embed-preview"]');
      await preview.locator('[data-testid="embed-network"][data-state="done"]').waitFor({ timeout: 45_000 });
      expect(await preview.getByTestId('embed-title').textContent()).toBe(NETWORK_TITLES['net-hashprice']);
      // Its PNG, to host beside the article.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('embed-png').click()]);
      expect(download.suggestedFilename()).toBe('hashpivot-embed-net-hashprice@2x.png');
      expect((await readFile((await download.path())!)).subarray(1, 4).toString('latin1')).toBe('PNG');
    }));

  it("on another origin: its axes, title, assumptions, source, a description from the Node kernel's numbers, and its CSV", async () => {
    const model = createNodeModel();
    const inputs = resolveInputs(SCENARIO);
    const [withExit, without] = [model.project(inputs), model.project({ ...inputs, exitSharePct: 0 })];
    const months = withExit.months.length;
    expect(months).toBe(120);
    const page = await (await reader()).newPage();
    const watch = watchPage(page);
    try {
      await page.goto(suite.preview.href(new URL(embedUrl).search), { waitUntil: 'load' });
      await networkDone(page);
      const svg = page.locator('[data-testid="embed-series"]');
      expect(await svg.locator('.axis-left .tick text').allTextContents()).toContain('$40/PH/day');
      expect(await svg.locator('.axis-bottom .tick text').allTextContents()).toContain('2030');
      // The line without the exit, and its key.
      expect(await svg.locator('path[stroke-dasharray="7 3"]').count()).toBe(2);
      expect(await page.getByTestId('embed-title').textContent()).toBe(NETWORK_TITLES['net-hashprice']);
      expect(await page.getByTestId('embed-subtitle').textContent()).toMatch(
        /^Assumptions: .*Hashrate exit shock 30 %; Exit shock month 6 mo\./,
      );
      expect(await page.getByTestId('embed-source').textContent()).toMatch(/^Source: hashpivot /);

      // The description: each line's first and last month as the kernel computes them, and the exit's effect.
      const f = (v: number) => formatValue('USD/PH/day', v, { sig: 3 });
      const [a1, an] = [withExit.months[0]!, withExit.months[months - 1]!];
      const [b1, bn] = [without.months[0]!, without.months[months - 1]!];
      const text = (await page.getByTestId('embed-description').textContent())!.trim();
      expect(text).toMatch(/^Hashprice and the marginal hashcost \(USD\/PH\/day\), month by month\. /);
      expect(text).toContain(`hashprice: ${f(a1.hashpriceUsdPerPhDay)} in month 1, ${f(an.hashpriceUsdPerPhDay)} in month ${months}`);
      expect(text).toContain(
        `hashprice, no exit: ${f(b1.hashpriceUsdPerPhDay)} in month 1, ${f(bn.hashpriceUsdPerPhDay)} in month ${months}`,
      );
      expect(text).toContain(exitWaveSentence(exitWave(inputs, withExit, without)!));
      expect(await page.getByRole('figure').getAttribute('aria-describedby')).toBe('embed-description');

      // "Get the data": the chart's lines month by month, the Node kernel's projection.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('embed-data').click()]);
      expect(download.suggestedFilename()).toBe('hashpivot-net-hashprice.csv');
      const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
      expect(csv[0]).toBe(
        'month,hashprice (USD/PH/day),"hashprice, no exit (USD/PH/day)",marginal hashcost (USD/PH/day),"marginal hashcost, no exit (USD/PH/day)"',
      );
      expect(csv).toHaveLength(1 + months);
      for (let m = 1; m <= months; m++) {
        const [a, b] = [withExit.months[m - 1]!, without.months[m - 1]!];
        const row = [m, a.hashpriceUsdPerPhDay, b.hashpriceUsdPerPhDay, a.marginalHashcostUsdPerPhDay, b.marginalHashcostUsdPerPhDay];
        expect(csv[m]!.split(',').map(Number), `month ${m}`).toEqual(row);
      }
      expect(watch.problems).toEqual([]);
    } finally {
      watch.stop();
      await page.close();
    }
  });

  it.each([280, 320, 600, 1000])('in a %i px column: no sideways scroll, no text over other text', async (width) => {
    const host = await hostPage(snippet, width);
    const page = await (await reader()).newPage();
    await page.setViewportSize({ width, height: 900 });
    try {
      await page.goto(host.href('/story.html'), { waitUntil: 'load' });
      await expect.poll(() => page.frames().some((f) => f.url().includes('embed=1')), { timeout: 15_000 }).toBe(true);
      const frame = embedFrame(page, suite.preview.url);
      await networkDone(frame);
      await expect
        .poll(() => page.locator('iframe').evaluate((f: HTMLIFrameElement) => Math.round(f.getBoundingClientRect().height)), {
          timeout: 10_000,
        })
        .toBe(await frame.evaluate(() => Math.ceil(document.querySelector('[data-testid="embed"]')!.getBoundingClientRect().height)));
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `embed-network-${width}.png`), fullPage: true });
      const report = await textProblems(frame);
      expect(report.width).toBe(width);
      expect(report.problems).toEqual([]);
      expect(report.count).toBeGreaterThan(10);
      expect(report.scroll).toBeLessThanOrEqual(width);
      expect(await frame.locator('.axis-left .tick').count()).toBeGreaterThanOrEqual(3);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("a tap reads the month under it, each line's value as the Node kernel projects it; the keys move a month; in 280 px", async () => {
    const model = createNodeModel();
    const inputs = resolveInputs(SCENARIO);
    const [withExit, without] = [model.project(inputs), model.project({ ...inputs, exitSharePct: 0 })];
    const page = await (await reader()).newPage();
    await page.setViewportSize({ width: 280, height: 800 });
    const watch = watchPage(page);
    try {
      await page.goto(suite.preview.href(encodeEmbedLink(SCENARIO, defaultView(), { chart: 'hashprice' })), { waitUntil: 'load' });
      await networkDone(page);
      const svg = page.locator('[data-testid="embed-series"]');
      const readout = page.getByTestId('embed-readout');
      const live = page.getByTestId('embed-readout-live');
      expect(await readout.count()).toBe(0);
      // The plot where the page draws it: the same spec at the SVG's size, laid out in Node.
      const [width, height] = [Number(await svg.getAttribute('width')), Number(await svg.getAttribute('height'))];
      expect(width).toBeLessThanOrEqual(280);
      const spec = networkCharts(inputs, withExit, without).find((c) => c.id === 'net-hashprice')!.spec;
      const plot = seriesPlot({ ...spec, width, height, startMs: 0 });
      const box = (await svg.boundingBox())!;
      const xOf = (month: number) => box.x + plot.left + (((month - 0.5) * MONTH_SECONDS) / plot.endSeconds) * plot.width;
      // Month m's middle as a calendar month: month 18's is 8 Jan 2026 + 17.5 · 30.4375 = 532.7 days, 24 June 2027.
      const calendar = (month: number) =>
        new Date(startTimeMs(SCENARIO) + (month - 0.5) * MONTH_SECONDS * 1000).toLocaleString('en-US', {
          month: 'short',
          year: 'numeric',
          timeZone: 'UTC',
        });
      const f = (v: number | null) => formatValue('USD/PH/day', v);
      const expected = (month: number) => {
        const [a, b] = [withExit.months[month - 1]!, without.months[month - 1]!];
        return [
          `Month ${month} · ${calendar(month)}`,
          `hashprice: ${f(a.hashpriceUsdPerPhDay)}`,
          `hashprice, no exit: ${f(b.hashpriceUsdPerPhDay)}`,
          `marginal hashcost: ${f(a.marginalHashcostUsdPerPhDay)}`,
          `marginal hashcost, no exit: ${f(b.marginalHashcostUsdPerPhDay)}`,
        ];
      };
      const lines = async () => (await readout.locator(':scope > div').allTextContents()).map((t) => t.trim());
      /** The readout is inside the 280 px frame and on screen, and covers none of the month's points (a dot on each line). */
      const onScreen = async () => {
        const r = (await readout.boundingBox())!;
        const dots = await page.locator('.overlay circle').evaluateAll((cs) =>
          cs.map((c) => {
            const b = c.getBoundingClientRect();
            return [b.x + b.width / 2, b.y + b.height / 2] as const;
          }),
        );
        expect(dots).toHaveLength(4);
        for (const [x, y] of dots)
          expect(x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height, `dot at ${x},${y}`).toBe(false);
        expect(r.x).toBeGreaterThanOrEqual(0);
        expect(r.x + r.width).toBeLessThanOrEqual(280);
        expect(r.y).toBeGreaterThanOrEqual(0);
        expect(r.y + r.height).toBeLessThanOrEqual(800);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      };

      // A click (a tap) in month 18's span, halfway up the plot.
      await page.mouse.click(xOf(18), box.y + plot.top + plot.height / 2);
      await expect.poll(() => readout.getAttribute('data-month')).toBe('18');
      expect(await lines()).toEqual(expected(18));
      expect(expected(18)[0]).toBe('Month 18 · Jun 2027');
      expect((await readout.textContent())!).not.toMatch(/NaN|Infinity|undefined|none/);
      expect(await live.textContent()).toBe(expected(18).join('; '));
      const guide = (await page.getByTestId('embed-guide').boundingBox())!;
      expect(Math.abs(guide.x + guide.width / 2 - xOf(18))).toBeLessThan(1);
      await onScreen();
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'embed-network-readout-280.png'), fullPage: true });

      // The click focused the chart: ArrowRight moves one month, End to the last, Home to the first, Escape clears.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('embed-network');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => readout.getAttribute('data-month')).toBe('19');
      expect(await lines()).toEqual(expected(19));
      expect(await live.textContent()).toBe(expected(19).join('; '));
      await onScreen();
      await page.keyboard.press('End');
      await expect.poll(() => readout.getAttribute('data-month')).toBe('120');
      expect(await lines()).toEqual(expected(120));
      await onScreen();
      await page.screenshot({ path: join(SHOTS, 'embed-network-readout-280-end.png'), fullPage: true });
      await page.keyboard.press('Home');
      await expect.poll(() => readout.getAttribute('data-month')).toBe('1');
      expect(await lines()).toEqual(expected(1));
      await onScreen();
      await page.keyboard.press('Escape');
      await expect.poll(() => readout.count()).toBe(0);
      expect(await live.textContent()).toBe('');

      // A finger: the month stays when the touch lifts (its pointerleave); a mouse leaving clears it.
      const chart = page.getByTestId('embed-network');
      await chart.dispatchEvent('pointerdown', { pointerType: 'touch', clientX: xOf(60), clientY: box.y + plot.top + 5, bubbles: true });
      await chart.dispatchEvent('pointerleave', { pointerType: 'touch' });
      await expect.poll(() => readout.getAttribute('data-month')).toBe('60');
      expect(await lines()).toEqual(expected(60));
      await onScreen();
      await page.mouse.move(xOf(30), box.y + plot.top + 5);
      await expect.poll(() => readout.getAttribute('data-month')).toBe('30');
      await page.mouse.move(140, box.y + box.height + 200);
      await expect.poll(() => readout.count()).toBe(0);
      expect(watch.problems).toEqual([]);
    } finally {
      watch.stop();
      await page.close();
    }
  });

  it('every network chart an embed link names renders with its title, axes and description', async () => {
    const page = await (await reader()).newPage();
    await page.setViewportSize({ width: 600, height: 800 });
    try {
      for (const chart of EMBED_CHARTS) {
        if (chart === 'map') continue;
        const title = NETWORK_TITLES[NETWORK_CHART_IDS[chart]];
        await page.goto(suite.preview.href(encodeEmbedLink(SCENARIO, defaultView(), { chart })), { waitUntil: 'load' });
        await networkDone(page);
        expect(await page.locator('[data-testid="embed-network"]').getAttribute('data-chart')).toBe(chart);
        expect(await page.getByTestId('embed-title').textContent(), chart).toBe(title);
        expect(await page.locator('[data-testid="embed-series"] .axis-bottom .tick').count(), chart).toBeGreaterThan(2);
        expect(await page.locator('[data-testid="embed-series"] .axis-left .tick').count(), chart).toBeGreaterThan(2);
        expect((await page.getByTestId('embed-description').textContent())!.trim(), chart).toMatch(/, month by month\. .* in month 1, /);
        expect(await page.getByTestId('embed-data').getAttribute('download'), chart).toBe(`hashpivot-${NETWORK_CHART_IDS[chart]}.csv`);
      }
    } finally {
      await page.close();
    }
  });
});

describe('an embed link of view version 1', () => {
  it("still draws the map and follows the reader's colour scheme (theme auto), as it always did", async () => {
    const old = '/?v=2&siteMw=200&embed=1&x=leaseUsdPerKwMonth:60:220:48&y=btcPriceUsd:30000:250000:48:log&metric=delta&month=1&title=Old';
    expect(decodeLink(old)).toMatchObject({ viewVersion: 1, theme: 'auto', chart: 'map', ignored: [] });
    const page = await (await reader()).newPage();
    try {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(suite.preview.href(old), { waitUntil: 'load' });
      await page.locator('[data-testid="heatmap"][data-state="done"]').waitFor({ timeout: 45_000 });
      expect(await page.locator('[data-testid="embed-network"]').count()).toBe(0);
      expect(await page.getByTestId('embed-title').textContent()).toBe('Old');
      expect(await page.locator('html').getAttribute('class')).toContain('theme-auto');
      const dark = await page.locator('html').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(dark).not.toBe('rgb(255, 255, 255)');
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await page.locator('html').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
      // The same link with lv=2 and no theme is light, whatever the reader's setting.
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(suite.preview.href(`${old}&lv=2`), { waitUntil: 'load' });
      // The embed mounts (and sets its theme) after the page's load event: its code is a chunk of its own.
      await page.getByTestId('embed').waitFor();
      expect(await page.locator('html').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    } finally {
      await page.close();
    }
  });
});
