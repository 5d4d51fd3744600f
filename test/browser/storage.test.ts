/**
 * The library when the browser's storage fails, and with two tabs, in Chromium's real IndexedDB:
 * - IndexedDB refused (as in some private windows): the explorer works, says that what is saved is
 *   kept in this tab only, saves there, and offers the library and the scenario as files;
 * - the quota exceeded on a save: the same, and the copy stored before the failure is intact, as a
 *   reload shows;
 * - two tabs on the same saved scenario: a save in one is announced in the other, and the other's
 *   save over it is refused and said, never silently written over it, until the person chooses.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, watchPage } from './harness.ts';
import { fillParam, sweepDone } from './page.ts';

const suite = browserSuite();

const row = (page: Page, name: string) => page.getByTestId('scenario-list').locator(`li[data-name="${name}"]`);
const paramValue = (page: Page, key: string) => page.locator(`[data-param="${key}"]`).inputValue();

async function saveAs(page: Page, name: string): Promise<void> {
  await page.getByTestId('scenario-name').fill(name);
  await page.getByTestId('save-as').click();
  await row(page, name).waitFor({ timeout: 10_000 });
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** A saved scenario as IndexedDB holds it, read past the page's code (the init scripts patch only writes and open). */
function storedRecord(page: Page, id: string): Promise<{ name: string; modified: string; scenario: Record<string, unknown> } | null> {
  return page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('hashpivot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('scenarios').objectStore('scenarios').get(`scenario:${id}`);
          req.onsuccess = () => resolve(req.result ?? null);
          req.onerror = () => reject(req.error);
        };
      }),
    id,
  );
}

/** A new page of the suite's browser with `init` run before the page's own scripts; fails on page errors. */
async function withInitPage(path: string, init: () => void, fn: (page: Page) => Promise<void>): Promise<void> {
  const page = await suite.browser.newPage();
  const watch = watchPage(page);
  try {
    await page.addInitScript(init);
    await page.goto(suite.preview.href(path), { waitUntil: 'load' });
    await fn(page);
    expect(watch.problems).toEqual([]);
  } finally {
    watch.stop();
    await page.close();
  }
}

describe('storage faults', () => {
  it('IndexedDB refused: the explorer works, says the library is kept in this tab only, and offers files', () =>
    withInitPage(
      '/?v=2',
      () => {
        IDBFactory.prototype.open = function () {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        };
      },
      async (page) => {
        await sweepDone(page);
        const notice = page.getByTestId('storage-notice');
        await notice.waitFor({ timeout: 10_000 });
        expect(await notice.getAttribute('data-kind')).toBe('unavailable');
        expect(await notice.textContent()).toMatch(/kept in this tab only.*export it as a file.*The operation is insecure\./s);
        expect(await notice.getAttribute('role')).toBe('alert');

        // Saving works, in memory, and says where it went.
        await fillParam(page, 'siteMw', '140');
        await saveAs(page, 'In memory');
        await expect(page.getByTestId('library-status').textContent()).resolves.toBe('Saved “In memory” in this tab only.');
        await expect(page.getByTestId('library-error').count()).resolves.toBe(0);

        const scenario = await downloaded(page, () => page.getByTestId('storage-export-current').click());
        expect(scenario.name).toBe('hashpivot-in-memory.json');
        expect(JSON.parse(scenario.text)).toMatchObject({ version: 2, siteMw: 140, name: 'In memory' });
        const library = await downloaded(page, () => page.getByTestId('storage-export-all').click());
        expect(JSON.parse(library.text).scenarios.map((s: { name: string }) => s.name)).toEqual(['In memory']);
      },
    ));

  it('the quota exceeded on a save: goes on in memory, says so, offers files, and the stored copy is intact', () =>
    withInitPage(
      '/?v=2',
      () => {
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          if ((window as unknown as { __quotaFull?: boolean }).__quotaFull)
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return put.apply(this, args);
        };
      },
      async (page) => {
        await sweepDone(page);
        await fillParam(page, 'siteMw', '210');
        await saveAs(page, 'Quota case');
        const id = (await row(page, 'Quota case').getAttribute('data-id'))!;
        const good = await storedRecord(page, id);
        expect(good).toMatchObject({ name: 'Quota case', scenario: { siteMw: 210 } });
        await expect(page.getByTestId('storage-notice').count()).resolves.toBe(0);

        // The disk fills up; the next save of the open scenario cannot be written.
        await page.evaluate(() => ((window as unknown as { __quotaFull?: boolean }).__quotaFull = true));
        await fillParam(page, 'siteMw', '275');
        await page.getByTestId('save').click();
        const notice = page.getByTestId('storage-notice');
        await notice.waitFor({ timeout: 10_000 });
        expect(await notice.getAttribute('data-kind')).toBe('full');
        expect(await notice.textContent()).toMatch(/storage for hashpivot is full.*kept in this tab only.*saved before is unchanged/s);
        await page.waitForFunction(
          () => document.querySelector('[data-testid="library-status"]')?.textContent === 'Saved “Quota case” in this tab only.',
        );
        // The last good copy is what IndexedDB still holds, unchanged.
        expect(await storedRecord(page, id)).toEqual(good);

        // The files keep what this tab holds.
        const scenario = await downloaded(page, () => page.getByTestId('storage-export-current').click());
        expect(JSON.parse(scenario.text)).toMatchObject({ siteMw: 275, name: 'Quota case' });
        const library = await downloaded(page, () => page.getByTestId('storage-export-all').click());
        const entry = JSON.parse(library.text).scenarios.find((s: { name: string }) => s.name === 'Quota case');
        expect(entry).toMatchObject({ siteMw: 275 });

        // After a reload (room again), the stored copy opens as it was saved.
        await page.reload({ waitUntil: 'load' });
        await row(page, 'Quota case').getByTestId('open').click();
        await page.waitForFunction(() => (document.querySelector('[data-param="siteMw"]') as HTMLInputElement).value === '210');
        await expect(page.getByTestId('storage-notice').count()).resolves.toBe(0);
      },
    ));
});

describe('two tabs', () => {
  it('never silently overwrite each other: the second save over the same scenario is refused and said', async () => {
    const a = await suite.browser.newPage();
    const b = await suite.browser.newPage();
    const watches = [watchPage(a), watchPage(b)];
    try {
      await a.goto(suite.preview.href('/?v=2'), { waitUntil: 'load' });
      await fillParam(a, 'siteMw', '111');
      await saveAs(a, 'Shared site');
      const id = (await row(a, 'Shared site').getAttribute('data-id'))!;

      await b.goto(suite.preview.href('/?v=2'), { waitUntil: 'load' });
      await row(b, 'Shared site').getByTestId('open').click();
      await b.waitForFunction(() => (document.querySelector('[data-param="siteMw"]') as HTMLInputElement).value === '111');

      // Tab A saves a change; tab B is told.
      await fillParam(a, 'siteMw', '222');
      await a.getByTestId('save').click();
      await a.waitForFunction(() => document.querySelector('[data-testid="library-status"]')?.textContent === 'Saved “Shared site”.');
      await b.getByTestId('changed-elsewhere').waitFor({ timeout: 10_000 });
      expect(await b.getByTestId('changed-elsewhere').textContent()).toBe(
        '“Shared site” was changed in another tab. Saving it here will ask before replacing that version.',
      );

      // Tab B saves its own change over it: refused, and tab A's version stays.
      await fillParam(b, 'siteMw', '333');
      await b.getByTestId('save').click();
      const error = b.getByTestId('library-error');
      await error.waitFor({ timeout: 10_000 });
      expect(await error.textContent()).toMatch(
        /^Not saved: “Shared site” was changed in another tab \(at .+\) after you opened it here\./,
      );
      expect((await storedRecord(b, id))!.scenario.siteMw).toBe(222);

      // Opening theirs shows tab A's version; replacing it is the other choice, and then tab A is the one asked.
      await b.getByTestId('conflict-open-theirs').click();
      await b.waitForFunction(() => (document.querySelector('[data-param="siteMw"]') as HTMLInputElement).value === '222');
      await fillParam(b, 'siteMw', '444');
      await b.getByTestId('save').click();
      await b.waitForFunction(() => document.querySelector('[data-testid="library-status"]')?.textContent === 'Saved “Shared site”.');
      expect((await storedRecord(b, id))!.scenario.siteMw).toBe(444);
      await fillParam(a, 'siteMw', '555');
      await a.getByTestId('save').click();
      await a.getByTestId('conflict').waitFor({ timeout: 10_000 });
      await a.getByTestId('conflict-overwrite').click();
      await a.waitForFunction(() => document.querySelector('[data-testid="library-status"]')?.textContent === 'Saved “Shared site”.');
      expect((await storedRecord(a, id))!.scenario.siteMw).toBe(555);
      expect(await paramValue(a, 'siteMw')).toBe('555');
      for (const w of watches) expect(w.problems).toEqual([]);
    } finally {
      for (const w of watches) w.stop();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
