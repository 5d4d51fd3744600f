/**
 * The embed in Chromium: the explorer's Embed dialog gives a link (data-testid="embed-url") and a
 * snippet; pasted into a page on ANOTHER origin (a second loopback port), the embed renders and
 * sweeps in the reader's browser, states its assumptions and source, reports its height so the
 * snippet's script fits the iframe to it, registers no service worker, fits 320 to 1200 px, and its
 * link opens the full explorer on the same scenario; an embed link of version 1 still renders, and
 * links to the equivalent version-2 explorer.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../src/charts/export.ts';
import { HEIGHT_MESSAGE } from '../../src/embed/embed.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
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

function embedFrame(page: Page, origin: string): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(origin) && f.url().includes('embed=1'));
  if (!frame)
    throw new Error(
      `no embed frame among ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
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
      await expect.poll(() => preview.getByTestId('embed-title').textContent()).toBe('What a 200 MW site earns if it pivots');

      // The snippet: the iframe with title, loading="lazy" and the measured height, and the script.
      await expect.poll(() => page.getByTestId('embed-snippet').inputValue()).not.toMatch(/height="620"/);
      snippet = await page.getByTestId('embed-snippet').inputValue();
      const iframe =
        /^<iframe src="([^"]+)" title="([^"]+)" width="100%" height="(\d+)" loading="lazy" style="[^"]*"><\/iframe>\n<script>.*<\/script>$/s.exec(
          snippet,
        );
      expect(iframe, snippet).not.toBeNull();
      expect(iframe![1]!.replace(/&amp;/g, '&')).toBe(embedUrl);
      expect(iframe![2]).toBe('What a 200 MW site earns if it pivots');
      expect(Number(iframe![3])).toBeGreaterThan(300);

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
        .poll(() =>
          page.evaluate(
            (type) =>
              (window as unknown as { messages: { type: string; height: number }[] }).messages.filter((m) => m?.type === type).at(-1)
                ?.height,
            HEIGHT_MESSAGE,
          ),
        )
        .toBe(contentHeight);
      await expect
        .poll(() => page.locator('iframe').evaluate((f: HTMLIFrameElement) => f.getBoundingClientRect().height))
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
