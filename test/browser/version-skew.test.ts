/**
 * A new deployment while a page is open: the page never pairs its JS with the new build's WASM or
 * kernel worker. Two builds are served in turn from one origin: the build under test, then a
 * "next" build made from it whose kernel worker and both .wasm files have new content and so new
 * names (as a changed kernel gets from Vite's content hashes), with the old files gone from the
 * server, as after a real deployment.
 *
 * After the deployment the open page's kernel workers are stopped, so that the page has to start
 * new ones (and fetch a worker script and a kernel again) for its next computation:
 * - under the service worker, they are the page's own build, from the old precache, and the page
 *   keeps computing; after the offered reload the page runs the next build;
 * - on a page no service worker controls (a first visit), the old files are gone: the page says
 *   that the site was updated and a reload loads it, and never fetches the new build's files.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, launchBrowser, startPreview, watchPage, type BrowserSession, type PreviewServer } from './harness.ts';
import { fillParam } from './page.ts';

const DIST = join(ROOT, process.env.HASHPIVOT_DIST ?? 'dist');
const isKernelFile = (name: string) => /^kernel\.worker-.+\.js$/.test(name) || name.endsWith('.wasm');

interface Deployment {
  dir: string;
  /** The kernel worker's and the kernels' file names in the build under test, and in the next one. */
  before: string[];
  after: string[];
}

/**
 * The next build: the kernel worker and the kernels with new content under new names, and, as
 * Vite's content hashes do, every chunk that names a renamed file renamed too (up to the entry in
 * index.html); the old files removed.
 */
async function nextDeployment(): Promise<Deployment> {
  const dir = await mkdtemp(join(tmpdir(), 'hashpivot-skew-'));
  await cp(DIST, dir, { recursive: true });
  const assets = join(dir, 'assets');
  const files = await readdir(assets);
  const before = files.filter(isKernelFile);
  const nextName = (name: string) => name.replace(/\.(js|wasm)$/, 'next.$1');
  const renames = new Map(before.map((name) => [name, nextName(name)]));
  const rename = (text: string) => [...renames].reduce((t, [from, to]) => t.split(from).join(to), text);
  const texts = new Map<string, string>();
  for (const f of files.filter((f) => f.endsWith('.js'))) texts.set(f, await readFile(join(assets, f), 'utf8'));
  for (let grew = true; grew;) {
    grew = false;
    for (const [file, text] of texts) {
      if (!renames.has(file) && rename(text) !== text) {
        renames.set(file, nextName(file));
        grew = true;
      }
    }
  }
  // An empty custom section named "next" at the end of a module: valid, and other bytes.
  const customSection = Buffer.from([0x00, 0x05, 0x04, ...Buffer.from('next')]);
  for (const [from, to] of renames) {
    const content = from.endsWith('.wasm')
      ? Buffer.concat([await readFile(join(assets, from)), customSection])
      : `${rename(texts.get(from)!)}${isKernelFile(from) ? '\n// next deployment\n' : ''}`;
    await writeFile(join(assets, to), content);
    await rm(join(assets, from));
  }
  const html = rename(await readFile(join(dir, 'index.html'), 'utf8'));
  await writeFile(
    join(dir, 'index.html'),
    html.replace('<title>hashpivot</title>', '<title>hashpivot</title><meta name="x-deployment" content="next">'),
  );
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  const swNext = rename(sw).replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1000000000000000000000000000000next"');
  expect(swNext).not.toBe(sw);
  await writeFile(join(dir, 'sw.js'), swNext);
  return { dir, before, after: before.map(nextName) };
}

async function waitComputed(page: Page, after = 0): Promise<string> {
  await page.waitForFunction(
    (after) => {
      const el = document.querySelector('[data-testid="heatmap"]');
      const state = el?.getAttribute('data-state');
      return Number(el?.getAttribute('data-run')) > after && (state === 'done' || state === 'error');
    },
    after,
    { timeout: 45_000 },
  );
  return (await page.getByTestId('heatmap').getAttribute('data-state'))!;
}
const runs = async (page: Page) => Number(await page.getByTestId('heatmap').getAttribute('data-run'));

/**
 * Makes every kernel worker of the page fail (an uncaught error in it), so the pool starts new ones;
 * returns once the page has ended each of them (its client terminates a worker on its error).
 */
async function stopKernelWorkers(page: Page): Promise<number> {
  const workers = page.workers().filter((w) => w.url().includes('kernel.worker'));
  const closed = workers.map((worker) => worker.waitForEvent('close', { timeout: 15_000 }));
  for (const worker of workers)
    await worker.evaluate(() =>
      setTimeout(() => {
        throw new Error('kernel worker stopped by the test');
      }, 0),
    );
  await Promise.all(closed);
  return workers.length;
}

interface Fetched {
  file: string;
  status: number;
  fromServiceWorker: boolean;
}

/** The kernel files the page and its workers fetch from now on (not the service worker's own fetches). */
function recordKernelFetches(session: BrowserSession): { fetched: Fetched[]; stop(): void } {
  const fetched: Fetched[] = [];
  const onResponse = (r: Response) => {
    const file = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (isKernelFile(file) && !r.request().serviceWorker())
      fetched.push({ file, status: r.status(), fromServiceWorker: r.fromServiceWorker() });
  };
  session.context.on('response', onResponse);
  return { fetched, stop: () => session.context.off('response', onResponse) };
}

describe('a deployment while a page is open', () => {
  let preview: PreviewServer | undefined;
  let browser: BrowserSession | undefined;
  let next: Deployment | undefined;

  beforeAll(async () => {
    next = await nextDeployment();
  });
  afterAll(async () => {
    await Promise.allSettled([browser?.close(), preview?.close()]);
    if (next) await rm(next.dir, { recursive: true, force: true });
  });

  async function deploy(): Promise<void> {
    const port = preview!.port;
    await preview!.close();
    preview = await startPreview({ port, outDir: relative(ROOT, next!.dir) });
  }

  it('the next build has other names for the kernel worker and both kernels, and the old ones are gone', async () => {
    expect(next!.before.filter((f) => f.endsWith('.wasm'))).toHaveLength(2);
    expect(next!.before.filter((f) => f.endsWith('.js'))).toHaveLength(1);
    const files = await readdir(join(next!.dir, 'assets'));
    for (const f of next!.before) expect(files).not.toContain(f);
    for (const f of next!.after) expect(files).toContain(f);
  });

  it('under the service worker: the open page keeps computing with its own worker and kernel, then reloads onto the next build', async () => {
    preview = await startPreview();
    browser = await launchBrowser();
    const page = await browser.newPage();
    const watch = watchPage(page);
    try {
      await page.goto(preview.href('/?v=2'), { waitUntil: 'load' });
      await page.evaluate(async () => {
        for (let i = 0; i < 20 && !(await navigator.serviceWorker.getRegistration()); i++) await new Promise((r) => setTimeout(r, 100));
        await navigator.serviceWorker.ready;
      });
      await page.reload({ waitUntil: 'load' });
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(preview.href('/sw.js'));
      expect(await waitComputed(page)).toBe('done');

      await deploy();
      // The next build's service worker installs (fetching the next files into the cache) and waits.
      const waiting = await page.evaluate(async () => {
        const registration = (await navigator.serviceWorker.getRegistration())!;
        await registration.update();
        for (let i = 0; i < 100 && !registration.waiting; i++) await new Promise((r) => setTimeout(r, 100));
        return registration.waiting?.state ?? null;
      });
      expect(waiting).toBe('installed');

      const recorder = recordKernelFetches(browser);
      expect(await stopKernelWorkers(page)).toBeGreaterThanOrEqual(1);
      const before = await runs(page);
      await fillParam(page, 'siteMw', '155');
      expect(await waitComputed(page, before), (await page.getByTestId('heatmap-status').textContent()) ?? '').toBe('done');
      recorder.stop();
      // New workers started, on this page's own build: its worker script and kernel, from the old precache.
      expect(recorder.fetched.some((f) => f.file.startsWith('kernel.worker'))).toBe(true);
      expect(recorder.fetched.some((f) => f.file.endsWith('.wasm'))).toBe(true);
      for (const f of recorder.fetched) {
        expect(next!.before, JSON.stringify(recorder.fetched)).toContain(f.file);
        expect(f).toMatchObject({ status: 200, fromServiceWorker: true });
      }
      expect(await page.locator('meta[name="x-deployment"]').count()).toBe(0);

      // Taken: the page reloads onto the next build, whose files it now fetches, and computes.
      const afterReload = recordKernelFetches(browser);
      await page.getByTestId('update-banner').waitFor({ timeout: 15_000 });
      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByTestId('update-reload').click()]);
      await page.locator('meta[name="x-deployment"]').waitFor({ state: 'attached', timeout: 15_000 });
      expect(await waitComputed(page), (await page.getByTestId('heatmap-status').textContent()) ?? '').toBe('done');
      afterReload.stop();
      expect(afterReload.fetched.length).toBeGreaterThanOrEqual(2);
      for (const f of afterReload.fetched) expect(next!.after, JSON.stringify(afterReload.fetched)).toContain(f.file);

      // What went wrong on the way is the test's own stopping of the workers, nothing else.
      expect(watch.problems.filter((p) => !p.includes('kernel worker stopped by the test'))).toEqual([]);
    } finally {
      watch.stop();
      await page.close();
      await Promise.allSettled([browser?.close(), preview?.close()]);
      browser = undefined;
      preview = undefined;
    }
  });

  it('on a page no service worker controls: it computes on with its own build or says the site was updated, and never fetches the next build', async () => {
    preview = await startPreview();
    browser = await launchBrowser();
    const page = await browser.newPage();
    const watch = watchPage(page);
    try {
      await page.goto(preview.href('/?v=2'), { waitUntil: 'load' });
      expect(await waitComputed(page)).toBe('done');
      expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();

      await deploy();
      const recorder = recordKernelFetches(browser);
      expect(await stopKernelWorkers(page)).toBeGreaterThanOrEqual(1);
      const before = await runs(page);
      await fillParam(page, 'siteMw', '155');
      const state = await waitComputed(page, before);
      recorder.stop();
      // Either the browser still holds this build's worker and kernels in its HTTP cache (their
      // names are content-hashed, so a cached file is this build's) and the page computes on, or
      // they are gone and the page says why; never a mix with the next build (checked below).
      const status = (await page.getByTestId('heatmap-status').textContent()) ?? '';
      if (state === 'error') expect(status).toMatch(/updated since this page was opened.*reload/i);
      else expect(state, status).toBe('done');
      // It asked for its own build's worker, which is gone; never for the next build's files.
      expect(recorder.fetched.length).toBeGreaterThanOrEqual(1);
      for (const f of recorder.fetched) expect(next!.before, JSON.stringify(recorder.fetched)).toContain(f.file);
      expect(
        watch.problems.every((p) => /kernel worker stopped by the test|404|kernel\.worker|ERR_ABORTED/.test(p)),
        watch.problems.join('\n'),
      ).toBe(true);
    } finally {
      watch.stop();
      await page.close();
    }
  });
});
