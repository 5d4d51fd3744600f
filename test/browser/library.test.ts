/**
 * The scenario library in Chromium with its real IndexedDB: saved scenarios survive a reload;
 * rename, duplicate, delete and its undo; export one scenario and the whole library as downloads
 * and import both back unchanged; an invalid import lists its problems and changes nothing; two
 * saved scenarios compared (with IRR, paybacks and a chart of both cumulative Δ); the working
 * scenario restored on a bare visit; a saved scenario stays open across a reload, Save updates it
 * in place (asking first when another tab saved it meanwhile), and an unsaved-changes marker shows.
 *
 * The tests of this file share one browser profile (one library), so each names its own
 * scenarios and looks only at those.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './harness.ts';
import { fillParam, sweepDone } from './page.ts';

const suite = browserSuite();

const list = (page: Page) => page.getByTestId('scenario-list');
const row = (page: Page, name: string) => list(page).locator(`li[data-name="${name}"]`);

/** The list as the page shows it: name and last-modified of every row, in order. */
async function listed(page: Page): Promise<{ id: string; name: string; modified: string }[]> {
  return list(page)
    .locator('li')
    .evaluateAll((lis) =>
      lis.map((li) => ({
        id: li.getAttribute('data-id') ?? '',
        name: li.getAttribute('data-name') ?? '',
        modified: li.querySelector('time')?.getAttribute('datetime') ?? '',
      })),
    );
}

async function count(page: Page, name: string): Promise<number> {
  return row(page, name).count();
}

async function waitForCount(page: Page, name: string, n: number): Promise<void> {
  await page.waitForFunction(
    ([name, n]) => document.querySelectorAll(`[data-testid="scenario-list"] li[data-name="${CSS.escape(name as string)}"]`).length === n,
    [name, n] as const,
    { timeout: 10_000 },
  );
}

/** Names the explorer's scenario, sets a key, and saves it as a new scenario. */
async function saveAs(page: Page, name: string, params: Record<string, string> = {}): Promise<void> {
  for (const [key, value] of Object.entries(params)) await fillParam(page, key, value);
  await page.getByTestId('scenario-name').fill(name);
  const before = await count(page, name);
  await page.getByTestId('save-as').click();
  await waitForCount(page, name, before + 1);
}

/** The auto-saved working scenario as IndexedDB holds it (undefined until the first auto-save). */
function working(page: Page): Promise<{ scenario: Record<string, unknown>; open?: { id: string; modified: string } } | undefined> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('hashpivot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('scenarios')) return resolve(undefined);
          const req = db.transaction('scenarios').objectStore('scenarios').get('working');
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

async function importFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page
    .getByTestId('import')
    .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })));
}

describe('scenario library', () => {
  it('a saved scenario is in the list after a reload, with its name, last-modified time, key and view', () =>
    suite.withPage('/?v=2', async (page) => {
      await saveAs(page, 'Base case', { capexMusdPerMwIt: '13' });
      await page.getByTestId('metric').selectOption('npvPivot');
      await page.reload({ waitUntil: 'load' });
      await row(page, 'Base case').waitFor();
      const [item] = (await listed(page)).filter((s) => s.name === 'Base case');
      expect(Date.now() - Date.parse(item!.modified)).toBeLessThan(120_000);
      await expect(row(page, 'Base case').locator('time').textContent()).resolves.not.toBe('');

      // Opened from the list on a fresh default page: the key and the view it was saved with.
      await page.goto(suite.preview.href('/?v=2'));
      await row(page, 'Base case').getByTestId('open').click();
      await page.waitForFunction(() => (document.querySelector('[data-param="capexMusdPerMwIt"]') as HTMLInputElement).value === '13');
      await expect(page.getByTestId('metric').inputValue()).resolves.toBe('delta');
      await expect(page.getByTestId('scenario-name').inputValue()).resolves.toBe('Base case');
      // Persistence was asked for on the first save (once per profile, remembered in the store).
      const asked = await page.evaluate(
        () =>
          new Promise<unknown>((resolve) => {
            const open = indexedDB.open('hashpivot');
            open.onsuccess = () => {
              const req = open.result.transaction('scenarios').objectStore('scenarios').get('persistence-requested');
              req.onsuccess = () => resolve(req.result);
            };
          }),
      );
      expect(typeof asked).toBe('string');
    }));

  it('rename, duplicate, delete and undo', () =>
    suite.withPage('/?v=2', async (page) => {
      await saveAs(page, 'Draft A', { siteMw: '150' });
      const id = await row(page, 'Draft A').getAttribute('data-id');

      await row(page, 'Draft A').getByTestId('rename').click();
      await page.getByTestId('rename-input').fill('Renamed A');
      await page.getByTestId('rename-confirm').click();
      await waitForCount(page, 'Renamed A', 1);
      expect(await count(page, 'Draft A')).toBe(0);
      await expect(row(page, 'Renamed A').getAttribute('data-id')).resolves.toBe(id);

      await row(page, 'Renamed A').getByTestId('duplicate').click();
      await waitForCount(page, 'Renamed A (copy)', 1);
      const copyId = await row(page, 'Renamed A (copy)').getAttribute('data-id');
      expect(copyId).not.toBe(id);

      const before = await listed(page);
      await row(page, 'Renamed A').getByTestId('delete').click();
      await waitForCount(page, 'Renamed A', 0);
      const undo = page.getByTestId('undo');
      await expect(undo.isVisible()).resolves.toBe(true);
      await undo.click();
      await waitForCount(page, 'Renamed A', 1);
      // Back as it was: same id, same last-modified, same place in the list.
      expect(await listed(page)).toEqual(before);
      await expect(undo.count()).resolves.toBe(0);

      // Undo is offered for a few seconds only; after that the delete stands.
      await row(page, 'Renamed A (copy)').getByTestId('delete').click();
      await waitForCount(page, 'Renamed A (copy)', 0);
      await undo.waitFor({ state: 'detached', timeout: 15_000 });
      await page.reload();
      await row(page, 'Renamed A').waitFor();
      expect(await count(page, 'Renamed A (copy)')).toBe(0);
    }));

  it('export one scenario and the library, import both back: the round trip is equal', () =>
    suite.withPage('/?v=2', async (page) => {
      await saveAs(page, 'Trip one', { siteMw: '321', capexMusdPerMwIt: '9.5' });
      await page.getByTestId('scenario-notes').fill('Notes with “quotes”, commas, and\na line break.');
      await saveAs(page, 'Trip two', { leaseUsdPerKwMonth: '155' });

      const one = await downloaded(page, () => row(page, 'Trip two').getByTestId('export-one').click());
      expect(one.name).toBe('hashpivot-trip-two.json');
      const scenario = JSON.parse(one.text);
      expect(scenario).toMatchObject({
        version: 2,
        leaseUsdPerKwMonth: 155,
        name: 'Trip two',
        notes: 'Notes with “quotes”, commas, and\na line break.',
      });

      const lib = await downloaded(page, () => page.getByTestId('export-all').click());
      expect(lib.name).toBe('hashpivot-library.json');
      const library = JSON.parse(lib.text);
      expect(library.format).toBe('hashpivot-library');
      const before = await listed(page);
      expect(library.scenarios.map((s: { name: string }) => s.name)).toEqual(before.map((s) => s.name));

      // One scenario back: a new entry, and exported again it is the same file.
      await importFiles(page, [one]);
      await waitForCount(page, 'Trip two', 2);
      const ids = (await listed(page)).filter((s) => s.name === 'Trip two').map((s) => s.id);
      const newId = ids.find((i) => !before.some((b) => b.id === i))!;
      const again = await downloaded(page, () => list(page).locator(`li[data-id="${newId}"]`).getByTestId('export-one').click());
      expect(again.text).toBe(one.text);

      // The library back: every scenario once more, and the library exported again holds each twice.
      await importFiles(page, [lib]);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="scenario-list"] li').length === n, before.length * 2 + 1);
      const lib2 = JSON.parse((await downloaded(page, () => page.getByTestId('export-all').click())).text);
      const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
      expect(sorted(lib2.scenarios)).toEqual(sorted([...library.scenarios, ...library.scenarios, scenario]));
    }));

  it('an invalid import lists its problems by file and key, and the library is unchanged', () =>
    suite.withPage('/?v=2', async (page) => {
      await saveAs(page, 'Untouchable');
      const before = await listed(page);
      const good = { name: 'good.json', text: JSON.stringify({ version: 1, name: 'Good one', siteMw: 200 }) };
      const bad = { name: 'bad.json', text: JSON.stringify({ version: 1, siteMw: -5, colour: 'red' }) };
      const badLibrary = {
        name: 'lib.json',
        text: JSON.stringify({
          format: 'hashpivot-library',
          version: 1,
          scenarios: [
            { version: 1, name: 'Fine' },
            { version: 1, name: 'Broken', capexMusdPerMwIt: 'x' },
          ],
        }),
      };
      await importFiles(page, [good, bad, badLibrary, { name: 'junk.json', text: '{"version": 1,' }]);
      const problems = page.getByTestId('import-problems').locator('li');
      await problems.first().waitFor();
      const lines = await problems.allTextContents();
      expect(lines.some((l) => l.startsWith('bad.json: siteMw:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('bad.json: colour:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('lib.json: scenarios[1] ("Broken"): capexMusdPerMwIt:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('junk.json:'))).toBe(true);
      expect(lines.some((l) => l.startsWith('good.json'))).toBe(false);
      // Nothing imported, not even the good file's scenario: all or nothing.
      expect(await listed(page)).toEqual(before);
      await page.reload();
      await row(page, 'Untouchable').waitFor();
      expect(await listed(page)).toEqual(before);
    }));

  it('compares two saved scenarios: the keys that differ and their results with the difference', () =>
    suite.withPage('/?v=2', async (page) => {
      await saveAs(page, 'Cmp low lease', { leaseUsdPerKwMonth: '100' });
      await saveAs(page, 'Cmp high lease', { leaseUsdPerKwMonth: '180', siteMw: '120' });
      const idOf = (name: string) => row(page, name).getAttribute('data-id') as Promise<string>;
      await page.getByTestId('compare-a').selectOption(await idOf('Cmp low lease'));
      await page.getByTestId('compare-b').selectOption(await idOf('Cmp high lease'));
      await page.locator('[data-testid="compare"][data-state="done"]').waitFor({ timeout: 30_000 });
      const table = page.getByTestId('compare-table');
      const diffKeys = await table
        .getByTestId('compare-diff')
        .locator('tr[data-key]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')));
      expect(diffKeys).toEqual(['siteMw', 'leaseUsdPerKwMonth']);
      const cells = async (key: string) => table.locator(`tr[data-key="${key}"] td`).allTextContents();
      expect(await cells('leaseUsdPerKwMonth')).toEqual(['$100/kW-mo', '$180/kW-mo', '']);
      for (const key of ['npvMine', 'npvPivot', 'delta', 'breakevenLeaseRate', 'breakevenBtcPrice']) {
        const [a, b, d] = await cells(key);
        expect(a, key).toMatch(/\$|none/);
        expect(b, key).toMatch(/\$|none/);
        expect(d, key).toMatch(/\$|—/);
      }
      // A higher lease rate makes the pivot worth more: B − A of its NPV is positive.
      expect((await cells('npvPivot'))[2]).toMatch(/^\+\$/);
    }));

  it('the working scenario saves itself and comes back on a visit without a link', () =>
    suite.withPage('/?v=2', async (page) => {
      await fillParam(page, 'siteMw', '77');
      await page.getByTestId('scenario-notes').fill('work in progress');
      // The notes stay on the device: the address never carries them, the working scenario does.
      await page.waitForFunction(() => location.search.includes('siteMw=77') && !location.search.includes('notes='));
      // The auto-save waits for typing to pause: wait until the store has it.
      await expect.poll(() => working(page), { timeout: 10_000 }).toMatchObject({ scenario: { siteMw: 77, notes: 'work in progress' } });
      await page.goto(suite.preview.href('/'));
      await page.waitForFunction(() => (document.querySelector('[data-param="siteMw"]') as HTMLInputElement).value === '77');
      await expect(page.getByTestId('scenario-notes').inputValue()).resolves.toBe('work in progress');
      // The address follows what is shown.
      await expect(page.getByTestId('share-url').inputValue()).resolves.toBe(page.url());
      expect(new URL(page.url()).searchParams.get('siteMw')).toBe('77');
    }));

  it('a saved scenario reloads as open: Save updates it in place, Start from names it, a marker shows unsaved changes', () =>
    suite.withPage('/?v=2', async (page) => {
      await saveAs(page, 'Stays open', { siteMw: '140' });
      const id = await row(page, 'Stays open').getAttribute('data-id');
      const open = page.getByTestId('open-scenario');
      await expect.poll(() => open.textContent()).toContain('“Stays open”');
      expect(await open.getAttribute('data-dirty')).toBe('false');
      // The working scenario saves once typing pauses, with the saved one it is open as.
      await expect.poll(async () => (await working(page))?.open?.id, { timeout: 10_000 }).toBe(id);

      await page.reload();
      await sweepDone(page);
      await expect.poll(() => page.getByTestId('save').textContent(), { timeout: 10_000 }).toBe('Save “Stays open”');
      expect(await page.locator('[data-testid="preset"] option:checked').textContent()).toBe('Saved: Stays open');
      expect(await page.getByTestId('unsaved').count()).toBe(0);

      // A change shows the marker; Save writes over the same scenario (no second one), and the marker goes.
      await fillParam(page, 'siteMw', '150');
      await page.getByTestId('unsaved').waitFor();
      expect(await page.getByTestId('preset-open').textContent()).toContain('with unsaved changes');
      const before = (await listed(page)).find((r) => r.id === id)!;
      await page.getByTestId('save').click();
      await page.waitForFunction(
        ([id, modified]) =>
          document.querySelector(`[data-testid="scenario-list"] li[data-id="${id}"] time`)?.getAttribute('datetime') !== modified,
        [id, before.modified] as const,
      );
      expect(await count(page, 'Stays open')).toBe(1);
      await expect.poll(() => page.getByTestId('unsaved').count()).toBe(0);
      const saved = (await listed(page)).find((r) => r.id === id)!;
      await expect
        .poll(() => working(page), { timeout: 10_000 })
        .toMatchObject({ scenario: { siteMw: 150 }, open: { id, modified: saved.modified } });

      // After another reload it is still open, with the saved value.
      await page.reload();
      await sweepDone(page);
      await expect.poll(() => page.getByTestId('save').textContent(), { timeout: 10_000 }).toBe('Save “Stays open”');
      expect(await page.locator('[data-param="siteMw"]').inputValue()).toBe('150');

      // Another tab saves it meanwhile: Save here asks instead of writing over theirs.
      const other = await suite.browser.newPage();
      try {
        await other.goto(page.url(), { waitUntil: 'load' });
        await sweepDone(other);
        await expect.poll(() => other.getByTestId('save').textContent(), { timeout: 10_000 }).toBe('Save “Stays open”');
        await fillParam(other, 'siteMw', '160');
        await other.getByTestId('save').click();
        await other.getByTestId('unsaved').waitFor({ state: 'detached' });
      } finally {
        await other.close();
      }
      await fillParam(page, 'siteMw', '170');
      await page.getByTestId('save').click();
      await page.getByTestId('conflict').waitFor();
      expect(await page.getByTestId('library-error').textContent()).toMatch(/changed in another tab/);
      expect(await count(page, 'Stays open')).toBe(1);

      // Save as new copies it, and the copy is what is open now.
      await page.getByTestId('save-as').click();
      await waitForCount(page, 'Stays open', 2);
      const ids = await list(page)
        .locator('li[data-name="Stays open"]')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')));
      expect(ids).toContain(id);
      await expect.poll(() => page.getByTestId('unsaved').count()).toBe(0);
      // Starting from a preset closes it.
      await page.getByTestId('preset').selectOption('');
      await expect.poll(() => page.getByTestId('open-scenario').count()).toBe(0);
    }));

  it('compares IRR, paybacks and a chart of both cumulative Δ, each name once', () =>
    suite.withPage('/?v=2', async (page) => {
      await saveAs(page, 'Same name', { leaseUsdPerKwMonth: '110' });
      await saveAs(page, 'Same name', { leaseUsdPerKwMonth: '190' });
      const ids = await list(page)
        .locator('li[data-name="Same name"]')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')!));
      // The list is newest first: A is the first saved (the lower lease rate).
      await page.getByTestId('compare-a').selectOption(ids[1]!);
      await page.getByTestId('compare-b').selectOption(ids[0]!);
      await page.locator('[data-testid="compare"][data-state="done"]').waitFor({ timeout: 30_000 });
      const table = page.getByTestId('compare-table');
      expect(await table.locator('thead th').allTextContents()).toEqual(['', 'Same name (A)', 'Same name (B)', 'B − A']);
      const cells = async (key: string) => table.locator(`tr[data-key="${key}"] td`).allTextContents();
      const [irrA, irrB, irrD] = await cells('irr');
      expect(irrA).toMatch(/ %\/yr$|^none$/);
      expect(irrB).toMatch(/ %\/yr$|^none$/);
      expect(irrD).toMatch(/%\/yr$|^—$/);
      for (const key of ['paybackMonth', 'discountedPaybackMonth']) {
        const [a, b, d] = await cells(key);
        expect(a, key).toMatch(/^month \d+$|^none$/);
        expect(b, key).toMatch(/^month \d+$|^none$/);
        expect(d, key).toMatch(/months$|^—$/);
      }
      // A higher lease rate pays back no later.
      const [pa, pb] = (await cells('paybackMonth')).map((t) => Number(/\d+/.exec(t)?.[0] ?? Infinity));
      expect(pb!).toBeLessThanOrEqual(pa!);
      // The chart: one line per scenario, named in its key.
      const chart = page.getByTestId('compare-chart');
      expect(await chart.locator('path.line, path[data-line]').count()).toBeGreaterThanOrEqual(2);
      expect(await chart.textContent()).toContain('Same name (A)');
      expect(await chart.textContent()).toContain('Same name (B)');
      expect(await page.getByTestId('compare').textContent()).not.toMatch(/A: A:|B: B:/);
    }));
});
