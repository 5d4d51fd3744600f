/**
 * The embed in Chromium: the explorer's Embed dialog gives a link (data-testid="embed-url") and a
 * snippet; pasted into a page on ANOTHER origin (a second loopback port), the embed renders and
 * sweeps in the reader's browser, states its assumptions and source, reports its height so the
 * snippet's script fits the iframe to it, registers no service worker, fits 280 to 1200 px, and its
 * link opens the full explorer on the same scenario; an embed link of version 1 still renders, and
 * links to the equivalent version-2 explorer. The theme chosen in the dialog is pinned in the link;
 * at 280, 320, 600 and 1000 px no text box overlaps another and nothing scrolls sideways; its
 * description states the breakeven the Node kernel's `evaluate` gives; a tap shows the readout;
 * "Get the data" is the grid's CSV; the snippet's fallback carries the title, description and link.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../src/charts/export.ts';
import { formatValue } from '../../src/charts/format.ts';
import { HEIGHT_MESSAGE } from '../../src/embed/embed.ts';
import { createNodeModel, loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { sweepInputs } from '../../src/model/sweep.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
import { embedFrame, textProblems } from './embed-page.ts';
import { ROOT, browserSuite, launchBrowser, startStaticServer, watchPage, type BrowserSession, type Server } from './harness.ts';

const suite = browserSuite();
const servers: Server[] = [];
// The reader's browser: a fresh profile that has never opened the explorer (whose visit would
// leave the app's service worker on the preview's origin, where the embed's frame would find it).
let readerSession: BrowserSession | undefined;
async function reader(): Promise<BrowserSession> {
  readerSession ??= await launchBrowser();
  return readerSession;
}
afterAll(async () => {
  await Promise.allSettled([readerSession?.close(), ...servers.map((s) => s.close())]);
});

async function doneIn(target: Page | Frame): Promise<void> {
  const settled = target.locator('[data-testid="heatmap"]:is([data-state="done"], [data-state="error"])');
  await settled.waitFor({ timeout: 45_000 });
  expect(await settled.getAttribute('data-state')).toBe('done');
}

/** A host page on its own origin: the snippet inside a column of `width` px, and a log of the messages it got. */
async function hostPage(snippet: string, width: number | string = 700): Promise<Server> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>A story</title><link rel="icon" href="data:,"></head><body style="margin:0">
<script>window.messages = []; addEventListener('message', function (e) { messages.push(e.data); });</script>
<h1>A story about miners</h1><p>Some text before the chart.</p>
<div id="column" style="width:${typeof width === 'number' ? `${width}px` : width}">${snippet}</div>
<p>Some text after.</p></body></html>`;
  const server = await startStaticServer({ files: { '/story.html': html } });
  servers.push(server);
  return server;
}

describe('the embed', () => {
  let snippet = '';
  let embedUrl = '';

  it('the explorer offers its embed link and a snippet from the Embed dialog, with a live preview', () =>
    suite.withPage('/?v=2&siteMw=200&metric=npvPivot', async (page) => {
      await doneIn(page);
      embedUrl = (await page.getByTestId('embed-url').getAttribute('href')) ?? '';
      const link = decodeLink(embedUrl);
      expect(link.embed).not.toBeNull();
      expect(link.scenario).toEqual({ version: 2, siteMw: 200 });
      expect(link.view.metric).toBe('npvPivot');
      // The view is pinned: every field spelled out, and the version.
      for (const param of ['v=2', 'x=', 'y=', 'metric=', 'month=']) expect(embedUrl).toContain(param);

      await page.getByTestId('embed-button').click();
      await page.getByTestId('embed-title-input').fill('What a 200 MW site earns if it pivots');
      await expect.poll(() => page.getByTestId('embed-snippet').inputValue()).toContain('What a 200 MW site earns if it pivots');
      embedUrl = (await page.getByTestId('embed-url').getAttribute('href')) ?? '';
      expect(decodeLink(embedUrl).embed).toEqual({ title: 'What a 200 MW site earns if it pivots' });

      // The preview is the embed itself.
      const preview = page.frameLocator('[data-testid="embed-preview"]');
      await expect.poll(() => page.getByTestId('embed-preview').getAttribute('src'), { timeout: 10_000 }).toBe(embedUrl);
      await preview.locator('[data-testid="heatmap"][data-state="done"]').waitFor({ timeout: 45_000 });
      // (The frame may still hold the preview of the title before: the new one loads once typing paused.)
      await expect
        .poll(() => preview.getByTestId('embed-title').textContent(), { timeout: 30_000 })
        .toBe('What a 200 MW site earns if it pivots');

      // The snippet: the iframe with title, loading="lazy" and the measured height, and the script.
      // The height is the preview's, measured once it has rendered.
      await expect.poll(() => page.getByTestId('embed-snippet').inputValue(), { timeout: 30_000 }).not.toMatch(/height="620"/);
      snippet = await page.getByTestId('embed-snippet').inputValue();
      const iframe =
        /^<iframe src="([^"]+)" title="([^"]+)" width="100%" height="(\d+)" loading="lazy" style="[^"]*"><\/iframe>\n<script>.*<\/script>\n<noscript><p><a href="([^"]+)">([^<]+)<\/a>\.? ([^<]+)<\/p><\/noscript>$/s.exec(
          snippet,
        );
      expect(iframe, snippet).not.toBeNull();
      expect(iframe![1]!.replace(/&amp;/g, '&')).toBe(embedUrl);
      expect(iframe![2]).toBe('What a 200 MW site earns if it pivots');
      expect(Number(iframe![3])).toBeGreaterThan(300);
      // No minimum width: a 280 px column gets a 280 px chart, not a sideways scroll.
      expect(snippet).not.toMatch(/min-width/);
      // The fallback for readers without JavaScript or frames: the title linking to the chart, and its description.
      expect(iframe![4]).toBe(iframe![1]);
      expect(iframe![5]).toBe('What a 200 MW site earns if it pivots');
      expect(iframe![6]).toMatch(
        /^A map of NPV, pivot over lease rate from \$60\/kW-mo to \$220\/kW-mo and BTC price from \$30k to \$250k\. NPV, pivot runs from /,
      );

      // The theme: light unless chosen, pinned in the link; the preview follows it.
      expect(await page.getByTestId('embed-theme-light').isChecked()).toBe(true);
      expect(decodeLink(embedUrl).theme).toBe('light');
      await page.getByTestId('embed-theme-dark').check();
      await expect.poll(async () => decodeLink((await page.getByTestId('embed-url').getAttribute('href')) ?? '').theme).toBe('dark');
      await expect
        .poll(() => preview.locator('html').evaluate((el) => getComputedStyle(el).backgroundColor), { timeout: 10_000 })
        .toBe('rgb(21, 23, 27)');
      await page.getByTestId('embed-theme-light').check();
      await expect.poll(async () => decodeLink((await page.getByTestId('embed-url').getAttribute('href')) ?? '').theme).toBe('light');
      await expect.poll(() => page.getByTestId('embed-snippet').inputValue()).toContain('theme=light');
      snippet = await page.getByTestId('embed-snippet').inputValue();
      embedUrl = (await page.getByTestId('embed-url').getAttribute('href')) ?? '';

      await mkdir(join(ROOT, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-results', 'embed-dialog-1280x800.png') });
      await page.getByTestId('embed-resize').uncheck();
      await expect.poll(() => page.getByTestId('embed-snippet').inputValue()).not.toContain('<script>');
      await page.getByTestId('embed-close').click();
    }));

  it('on another origin: renders and sweeps, states its source, fits its height, registers no service worker', async () => {
    expect(snippet, 'the first test made the snippet').not.toBe('');
    const host = await hostPage(snippet);
    expect(host.url).not.toBe(suite.preview.url);
    const page = await (await reader()).newPage();
    const watch = watchPage(page);
    try {
      await page.goto(host.href('/story.html'), { waitUntil: 'load' });
      await page.waitForFunction(
        (origin) => [...document.querySelectorAll('iframe')].some((f) => f.src.startsWith(origin)),
        suite.preview.url,
      );
      await expect.poll(() => page.frames().some((f) => f.url().includes('embed=1')), { timeout: 15_000 }).toBe(true);
      const frame = embedFrame(page, suite.preview.url);
      await doneIn(frame);
      expect(await frame.getByTestId('embed-title').textContent()).toBe('What a 200 MW site earns if it pivots');
      expect(await frame.getByTestId('embed-subtitle').textContent()).toMatch(/^Assumptions: Site power 200 MW;/);
      expect(await frame.getByTestId('embed-source').textContent()).toBe(
        `Source: hashpivot ${APP_VERSION}, network state as of 2026-01-08`,
      );
      // Only the chart: none of the explorer's panels.
      expect(await frame.locator('[data-testid="parameters"], [data-testid="share-url"], [data-testid="scenario-list"]').count()).toBe(0);
      expect(await frame.locator('[data-testid="heatmap"] [data-testid="legend"]').count()).toBe(1);
      expect(await frame.getByTestId('breakeven').count()).toBe(1);

      // The height message reached the host page, and the snippet's script fitted the iframe to it.
      const contentHeight = await frame.evaluate(() =>
        Math.ceil(document.querySelector('[data-testid="embed"]')!.getBoundingClientRect().height),
      );
      await expect
        .poll(
          () =>
            page.evaluate(
              (type) =>
                (window as unknown as { messages: { type: string; height: number }[] }).messages.filter((m) => m?.type === type).at(-1)
                  ?.height,
              HEIGHT_MESSAGE,
            ),
          { timeout: 10_000 },
        )
        .toBe(contentHeight);
      await expect
        .poll(() => page.locator('iframe').evaluate((f: HTMLIFrameElement) => f.getBoundingClientRect().height), { timeout: 10_000 })
        .toBe(contentHeight);
      expect(await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);

      // No service worker, no precache: not in the embed's frame, not controlling it.
      await page.waitForTimeout(1_000);
      expect(
        await frame.evaluate(async () => ({
          registrations: (await navigator.serviceWorker.getRegistrations()).length,
          controller: navigator.serviceWorker.controller !== null,
          caches: (await caches.keys()).length,
        })),
      ).toEqual({ registrations: 0, controller: false, caches: 0 });
      expect(watch.problems).toEqual([]);
    } finally {
      watch.stop();
      await page.close();
    }
  });

  it('its link opens the full explorer on the same scenario', async () => {
    const host = await hostPage(snippet);
    const page = await (await reader()).newPage();
    try {
      await page.goto(host.href('/story.html'), { waitUntil: 'load' });
      await expect.poll(() => page.frames().some((f) => f.url().includes('embed=1')), { timeout: 15_000 }).toBe(true);
      const frame = embedFrame(page, suite.preview.url);
      await doneIn(frame);
      const href = (await frame.getByTestId('embed-explorer-link').getAttribute('href')) ?? '';
      const opened = decodeLink(href);
      const embedded = decodeLink(embedUrl);
      expect(opened.embed).toBeNull();
      expect(opened.scenario).toEqual(embedded.scenario);
      expect(opened.view).toEqual(embedded.view);
      expect(href.startsWith(suite.preview.url)).toBe(true);

      const [explorer] = await Promise.all([page.context().waitForEvent('page'), frame.getByTestId('embed-explorer-link').click()]);
      await explorer.waitForLoadState('load');
      await doneIn(explorer);
      expect(await explorer.getByTestId('parameters').count()).toBe(1);
      expect(await explorer.locator('input[data-param="siteMw"]').inputValue()).toBe('200');
      expect(await explorer.getByTestId('heatmap').getAttribute('data-metric')).toBe('npvPivot');
      await explorer.close();
    } finally {
      await page.close();
    }
  });

  it('an embed link of version 1 still renders its scenario, and links to the equivalent version-2 explorer', async () => {
    const old = '/?v=1&siteMw=200&discountRatePct=12&metric=npvPivot&embed=1';
    const page = await (await reader()).newPage();
    const watch = watchPage(page);
    try {
      await page.goto(suite.preview.href(old), { waitUntil: 'load' });
      await doneIn(page);
      expect(await page.locator('[data-testid="heatmap"] [data-testid="legend"]').textContent()).toContain('NPV, pivot');
      expect(await page.getByTestId('embed-subtitle').textContent()).toMatch(/^Assumptions: Site power 200 MW;/);
      const href = (await page.getByTestId('embed-explorer-link').getAttribute('href')) ?? '';
      const opened = decodeLink(href);
      const embedded = decodeLink(old);
      expect(new URL(href).searchParams.get('v')).toBe('2');
      expect(opened.embed).toBeNull();
      expect(opened.ignored).toEqual([]);
      expect(resolveInputs(opened.scenario)).toEqual(resolveInputs(embedded.scenario));
      expect(resolveInputs(opened.scenario)).toMatchObject({ networkResponsePctPerMonth: 0, discountRatePivotPct: 12 });
      expect(opened.view).toEqual(embedded.view);
      expect(watch.problems).toEqual([]);
    } finally {
      watch.stop();
      await page.close();
    }
  });

  it.each([320, 1200])('fits an iframe %i px wide', async (width) => {
    const host = await hostPage(snippet, width);
    const page = await (await reader()).newPage();
    await page.setViewportSize({ width: Math.max(width + 40, 400), height: 900 });
    try {
      await page.goto(host.href('/story.html'), { waitUntil: 'load' });
      await expect.poll(() => page.frames().some((f) => f.url().includes('embed=1')), { timeout: 15_000 }).toBe(true);
      const frame = embedFrame(page, suite.preview.url);
      await doneIn(frame);
      const fit = await frame.evaluate(() => {
        const svg = document.querySelector('[data-testid="heatmap"] svg')!.getBoundingClientRect();
        const texts = [...document.querySelectorAll('[data-testid="heatmap"] svg text')].map((t) => t.getBoundingClientRect());
        return {
          viewport: window.innerWidth,
          scroll: document.documentElement.scrollWidth,
          svgRight: svg.right,
          textRight: Math.max(...texts.map((b) => b.right)),
          textLeft: Math.min(...texts.map((b) => b.left)),
        };
      });
      expect(fit.viewport).toBe(width);
      expect(fit.scroll).toBeLessThanOrEqual(width);
      expect(fit.svgRight).toBeLessThanOrEqual(width);
      expect(fit.textRight).toBeLessThanOrEqual(width);
      expect(fit.textLeft).toBeGreaterThanOrEqual(0);
      // For a person to look at (test-results/ is not committed).
      await mkdir(join(ROOT, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-results', `embed-${width}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

describe('the embed in an article', () => {
  // A scenario whose breakeven lies inside the map, and the embed link the dialog gives for it.
  const SCENARIO = { version: 2, siteMw: 200 } as const;
  let snippet = '';
  let embedUrl = '';

  it('the dialog gives a light embed without notes unless the person opts in', () =>
    suite.withPage('/?v=2&siteMw=200', async (page) => {
      await doneIn(page);
      await page.getByTestId('scenario-notes').fill('quote from tenant X');
      await page.getByTestId('embed-button').click();
      await expect.poll(() => page.getByTestId('embed-snippet').inputValue()).toContain('theme=light');
      await expect.poll(() => page.getByTestId('embed-snippet').inputValue()).toContain('<noscript>');
      snippet = await page.getByTestId('embed-snippet').inputValue();
      embedUrl = (await page.getByTestId('embed-url').getAttribute('href')) ?? '';
      expect(snippet).not.toContain('tenant');
      expect(decodeLink(embedUrl).scenario).toEqual(SCENARIO);
      // Opting in puts the notes in, and only then.
      await page.getByTestId('embed-notes').check();
      await expect
        .poll(async () => decodeLink((await page.getByTestId('embed-url').getAttribute('href')) ?? '').scenario.notes)
        .toBe('quote from tenant X');
      await page.getByTestId('embed-notes').uncheck();
      await expect.poll(() => page.getByTestId('embed-url').getAttribute('href')).toBe(embedUrl);
      // The chart's PNG, to host beside the article.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('embed-png').click()]);
      expect(download.suggestedFilename()).toBe('hashpivot-embed-delta@2x.png');
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      await page.getByTestId('embed-close').click();
      await page.getByTestId('scenario-notes').fill('');
    }));

  it('its description states the breakeven the Node kernel evaluates for the scenario', async () => {
    const model = createNodeModel();
    const ev = model.evaluate(resolveInputs(SCENARIO));
    const lease = ev.breakeven.leaseRate!;
    const btc = ev.breakeven.btcPrice!;
    // Inside the map, so the line the map draws crosses the scenario's BTC price there.
    expect(lease).toBeGreaterThan(60);
    expect(lease).toBeLessThan(220);
    const page = await (await reader()).newPage();
    try {
      await page.goto(suite.preview.href(new URL(embedUrl).search), { waitUntil: 'load' });
      await doneIn(page);
      const description = page.getByTestId('embed-description');
      // The breakevens come from the embed's own evaluation of the scenario, on the worker pool.
      await expect.poll(() => description.getAttribute('data-breakeven-lease'), { timeout: 10_000 }).not.toBeNull();
      expect(Number(await description.getAttribute('data-breakeven-lease'))).toBeCloseTo(lease, 6);
      expect(Number(await description.getAttribute('data-breakeven-btc'))).toBeCloseTo(btc, 3);
      const text = (await description.textContent())!.trim();
      expect(text).toContain(`pivoting breaks even at a lease rate of ${formatValue('USD/kW-month', lease, { sig: 4 })}`);
      expect(text).toContain(`pivoting is ahead while BTC starts below ${formatValue('USD', btc, { sig: 4 })}`);
      expect(text).toMatch(/^A map of Δ NPV, pivot − keep mining over lease rate from \$60\/kW-mo to \$220\/kW-mo/);
      expect(text).toContain('The breakeven line (Δ = 0) crosses lease rate');
      // The chart points screen readers to it.
      expect(await page.locator('[data-testid="heatmap"] svg').getAttribute('aria-describedby')).toBe('embed-description');
      // The light theme holds under a reader's dark mode.
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await page.locator('html').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');

      // "Get the data": the grid as CSV, the values the Node kernel computes.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('embed-data').click()]);
      expect(download.suggestedFilename()).toBe('hashpivot-grid-delta.csv');
      const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n');
      expect(lines[0]).toBe('leaseUsdPerKwMonth (USD/kW-month),btcPriceUsd (USD),delta (USD)');
      const view = decodeLink(embedUrl).view;
      expect(lines).toHaveLength(1 + view.x.n * view.y.n);
      const truth = sweepGrid(
        createSweeper(loadKernelSync()),
        sweepInputs(resolveInputs(SCENARIO), { hashrateEhs: false, epochElapsedSeconds: false }),
        view,
      );
      let worst = 0;
      lines.slice(1).forEach((line, k) => {
        const v = Number(line.split(',')[2]);
        worst = Math.max(worst, Math.abs(v - truth[k]!) / Math.max(1, Math.abs(truth[k]!)));
      });
      expect(worst).toBeLessThan(1e-9);
    } finally {
      await page.close();
    }
  });

  it.each([280, 320, 600, 1000])(
    'in a %i px column: no sideways scroll, no text over other text, a tap shows the readout',
    async (width) => {
      const host = await hostPage(snippet, width);
      const page = await (await reader()).newPage();
      await page.setViewportSize({ width, height: 900 });
      try {
        await page.goto(host.href('/story.html'), { waitUntil: 'load' });
        await expect.poll(() => page.frames().some((f) => f.url().includes('embed=1')), { timeout: 15_000 }).toBe(true);
        const frame = embedFrame(page, suite.preview.url);
        await doneIn(frame);
        // The height script has fitted the frame (so the screenshot shows all of it).
        await expect
          .poll(() => page.locator('iframe').evaluate((f: HTMLIFrameElement) => Math.round(f.getBoundingClientRect().height)), {
            timeout: 10_000,
          })
          .toBe(await frame.evaluate(() => Math.ceil(document.querySelector('[data-testid="embed"]')!.getBoundingClientRect().height)));
        await mkdir(join(ROOT, 'test-results'), { recursive: true });
        await page.screenshot({ path: join(ROOT, 'test-results', `embed-article-${width}.png`), fullPage: true });
        const report = await textProblems(frame);
        expect(report.width).toBe(width);
        expect(report.problems).toEqual([]);
        expect(report.count).toBeGreaterThan(15);
        expect(report.scroll).toBeLessThanOrEqual(width);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

        // A tap (a touch, no hover) on the middle of the plot shows the readout, and it stays.
        // (A frame's element box is in the page's pixels.)
        const plot = (await frame.locator('[data-testid="heatmap"] svg rect.frame').boundingBox())!;
        const [x, y] = [plot.x + plot.width / 2, plot.y + plot.height / 2];
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        const readout = frame.getByTestId('embed-readout');
        await readout.waitFor({ timeout: 5_000 });
        await page.waitForTimeout(300);
        expect(await readout.textContent()).toMatch(/Lease rate: \$[\d.]+\/kW-mo.*BTC price: \$[\d.]+k.*Δ NPV, pivot − keep mining: −?\$/);
        const box = (await readout.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
        await cdp.detach();
      } finally {
        await page.close();
      }
    },
  );
});
