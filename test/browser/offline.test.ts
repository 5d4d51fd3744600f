/**
 * The installable, offline app in real Chromium: after one online visit the service worker
 * controls the page; with the server stopped the page still loads and the kernel worker still
 * loads its WASM and computes; a shared link opens offline; the manifest has what installation
 * needs; the embed registers no service worker; a new deployment waits until it is taken.
 *
 * The explorer's entry registers the worker through src/pwa/register.ts. Where the page under test
 * does not (yet) call it, the test registers /sw.js itself: what is tested is the generated worker
 * and its precache, which are the same either way.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, browserSuite, launchBrowser, startPreview, watchPage, type BrowserSession, type PreviewServer } from './harness.ts';

/** Waits for the page's sweep: the heatmap (the explorer's, or the embed's) done, not failed. */
async function waitComputed(page: Page): Promise<void> {
  const settled = page.locator('[data-testid="heatmap"]:is([data-state="done"], [data-state="error"])').first();
  await settled.waitFor({ timeout: 45_000 });
  const state = await settled.getAttribute('data-state');
  expect(state, `heatmap: the page reports: ${await settled.textContent()}`).toBe('done');
}

/** Registers /sw.js unless the page has, and waits until it is active. */
async function ensureServiceWorker(page: Page): Promise<string> {
  return page.evaluate(async () => {
    // Give the page's own registration a moment to start.
    for (let i = 0; i < 20 && !(await navigator.serviceWorker.getRegistration()); i++) await new Promise((r) => setTimeout(r, 100));
    if (!(await navigator.serviceWorker.getRegistration())) await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const registration = await navigator.serviceWorker.ready;
    return registration.active!.scriptURL;
  });
}

const controller = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('offline', () => {
  // A test stops this preview server to go offline; the suite's afterAll closing it again is a no-op.
  const suite = browserSuite();

  it('the manifest has what installation needs', async () => {
    const html = await (await fetch(suite.preview.href('/'))).text();
    const link = /<link rel="manifest" href="([^"]+)"/.exec(html);
    expect(link, 'index.html links the manifest').not.toBeNull();
    const response = await fetch(suite.preview.href(link![1]));
    expect(response.status).toBe(200);
    const manifest = (await response.json()) as Record<string, unknown> & {
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest.name).toBe('hashpivot');
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.start_url).toBe('/');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const purposes = (p?: string) => (p ?? 'any').split(/\s+/);
    for (const [size, purpose] of [
      [192, 'any'],
      [512, 'any'],
      [512, 'maskable'],
      [192, 'maskable'],
    ] as const) {
      const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && purposes(i.purpose).includes(purpose));
      expect(icon, `a ${size}×${size} ${purpose} icon`).toBeDefined();
      expect(icon!.type).toBe('image/png');
      const bytes = Buffer.from(await (await fetch(suite.preview.href(icon!.src))).arrayBuffer());
      expect(pngSize(bytes)).toEqual({ width: size, height: size });
    }
  });

  it('after one online visit, the page loads and computes with the server stopped', async () => {
    const page = await suite.browser.newPage();
    const watch = watchPage(page);
    try {
      await page.goto(suite.preview.href('/'), { waitUntil: 'load' });
      await waitComputed(page);
      expect(await ensureServiceWorker(page)).toBe(suite.preview.href('/sw.js'));
      // The worker installed after this page loaded: it controls the next load.
      await page.reload({ waitUntil: 'load' });
      expect(await controller(page)).toBe(suite.preview.href('/sw.js'));
      await waitComputed(page);
      // Everything a page needs is in the precache, both kernel builds included.
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys())
          for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        return urls;
      });
      expect(cached.filter((u) => u.endsWith('.wasm'))).toHaveLength(2);
      expect(cached).toContain('/index.html');

      const origin = suite.preview.url;
      await suite.preview.close();
      await expect(fetch(origin, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();

      watch.problems.length = 0;
      const wasm: { url: string; fromServiceWorker: boolean; status: number }[] = [];
      const onResponse = (r: { url(): string; fromServiceWorker(): boolean; status(): number }) => {
        if (r.url().endsWith('.wasm')) wasm.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker(), status: r.status() });
      };
      suite.browser.context.on('response', onResponse);
      await page.reload({ waitUntil: 'load' });
      expect(await controller(page)).toBe(`${origin}sw.js`);
      await waitComputed(page);
      suite.browser.context.off('response', onResponse);
      expect(wasm.length, 'the kernel worker fetched its WASM').toBeGreaterThanOrEqual(1);
      expect(
        wasm.every((w) => w.fromServiceWorker && w.status === 200),
        JSON.stringify(wasm),
      ).toBe(true);

      // A shared link opens offline too: any navigation falls back to the explorer's page.
      await page.goto(`${origin}?v=2&siteMw=200&metric=npvPivot`, { waitUntil: 'load' });
      await waitComputed(page);
      expect(watch.problems).toEqual([]);
    } finally {
      watch.stop();
      await page.close();
    }
  });
});

describe('the embed', () => {
  const suite = browserSuite();

  it('registers no service worker', async () => {
    const page = await suite.browser.newPage();
    try {
      await page.goto(suite.preview.href('/?v=2&embed=1'), { waitUntil: 'load' });
      await waitComputed(page);
      await page.waitForTimeout(1_500);
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    } finally {
      await page.close();
    }
  });
});

describe('a new deployment', () => {
  let preview: PreviewServer | undefined;
  let browser: BrowserSession | undefined;
  let next: string | undefined;

  beforeAll(async () => {
    preview = await startPreview();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.allSettled([browser?.close(), preview?.close()]);
    if (next) await rm(next, { recursive: true, force: true });
  });

  it('is offered and waits: the open page keeps its build until the update is taken', async () => {
    // The next build: the build under test (dist, or $HASHPIVOT_DIST) with a changed page, and the service worker's revision of it.
    next = await mkdtemp(join(tmpdir(), 'hashpivot-next-'));
    await cp(join(ROOT, process.env.HASHPIVOT_DIST ?? 'dist'), next, { recursive: true });
    const html = await readFile(join(next, 'index.html'), 'utf8');
    await writeFile(
      join(next, 'index.html'),
      html.replace('<title>hashpivot</title>', '<title>hashpivot</title><meta name="x-deployment" content="next">'),
    );
    const sw = await readFile(join(next, 'sw.js'), 'utf8');
    const swNext = sw.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1000000000000000000000000000000next"');
    expect(swNext).not.toBe(sw);
    await writeFile(join(next, 'sw.js'), swNext);

    const page = await browser!.newPage();
    const watch = watchPage(page);
    try {
      await page.goto(preview!.href('/'), { waitUntil: 'load' });
      await ensureServiceWorker(page);
      await page.reload({ waitUntil: 'load' });
      await waitComputed(page);
      const before = await controller(page);
      expect(before).not.toBeNull();

      // Deploy: the same origin now serves the next build.
      const port = preview!.port;
      await preview!.close();
      preview = await startPreview({ port, outDir: relative(ROOT, next) });

      const waiting = await page.evaluate(async () => {
        const registration = (await navigator.serviceWorker.getRegistration())!;
        await registration.update();
        for (let i = 0; i < 100 && !registration.waiting; i++) await new Promise((r) => setTimeout(r, 100));
        return registration.waiting?.state ?? null;
      });
      expect(waiting, 'the new worker installed and waits').toBe('installed');

      // Offered: the page shows the update banner (registerSW's onNeedRefresh) …
      const banner = page.getByTestId('update-banner');
      await banner.waitFor({ timeout: 15_000 });
      expect(await banner.textContent()).toMatch(/new version/i);
      // … and keeps working on its own build meanwhile: a changed assumption sweeps again.
      const runs = Number(await page.getByTestId('heatmap').getAttribute('data-run'));
      await page.locator('input[data-param="capexMusdPerMwIt"]').fill('11');
      await page.waitForFunction(
        (runs) => {
          const el = document.querySelector('[data-testid="heatmap"]');
          return Number(el?.getAttribute('data-run')) > runs && el?.getAttribute('data-state') === 'done';
        },
        runs,
        { timeout: 45_000 },
      );
      expect(await page.locator('meta[name="x-deployment"]').count()).toBe(0);
      // "Later" hides the offer; nothing changes.
      await page.getByTestId('update-later').click();
      expect(await banner.count()).toBe(0);

      // Not taken: the page, and a reload of it, stay on the build it runs; the offer is made again.
      await page.reload({ waitUntil: 'load' });
      await waitComputed(page);
      expect(await page.locator('meta[name="x-deployment"]').count()).toBe(0);
      expect(await controller(page)).toBe(before);
      await banner.waitFor({ timeout: 15_000 });

      // Taken through the banner: the new worker takes over and the page reloads on the new build.
      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByTestId('update-reload').click()]);
      await page.locator('meta[name="x-deployment"]').waitFor({ state: 'attached', timeout: 15_000 });
      expect(await page.locator('meta[name="x-deployment"]').count()).toBe(1);
      await waitComputed(page);
      expect(await page.getByTestId('update-banner').count()).toBe(0);
      expect(watch.problems).toEqual([]);
    } finally {
      watch.stop();
      await page.close();
    }
  });
});
