/**
 * Links in Chromium: the address and the page's link (`share-url`) follow the scenario and the
 * view; a link opened in a fresh browser profile draws the same heatmap, pixel for pixel; a bad or
 * partial link loads what is valid, lists what it ignored and why, and leaves everything saved —
 * the library and the working scenario — as it was, until the person changes something. A link of
 * version 1 shows exactly what the command line computes for the same version-1 file, and the
 * address becomes the equivalent version-2 link. A scenario's notes stay on the device: the
 * address, the share link and the embed link leave them out unless the person opts in; a reload
 * brings them back from the working scenario, and an old link with notes still loads them.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatValue, money } from '../../src/charts/format.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
import { hrefFor } from '../../src/state/link.ts';
import { ROOT, browserSuite, launchBrowser, withPage } from './harness.ts';
import { fillParam, heatmap, runs, sweepDone } from './page.ts';

const suite = browserSuite();

/** Changes something and waits for the sweep it starts. */
async function andSweep(page: Page, change: () => Promise<unknown>): Promise<void> {
  await sweepDone(page);
  const n = await runs(page);
  await change();
  await sweepDone(page, n);
}

const param = (page: Page, key: string) => page.locator(`[data-param="${key}"]`).inputValue();

/** The heatmap canvas: its size and every pixel (RGBA), as a data URL. */
const pixels = (page: Page) =>
  heatmap(page)
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => `${c.width}x${c.height} ${c.toDataURL()}`);

/** Everything the page's IndexedDB holds (the library, the working scenario), by key. */
function dumpStore(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open('hashpivot');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('scenarios')) return resolve({});
          const store = db.transaction('scenarios').objectStore('scenarios');
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            const out: Record<string, unknown> = {};
            keys.result.forEach((k, i) => (out[String(k)] = values.result[i]));
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

/** `node bin/hashpivot.mjs evaluate -` on a scenario file (the compiled CLI, built with the site). */
function evaluateOnCli(file: object): {
  npv: { mine: number; pivot: number };
  delta: number;
  breakeven: { leaseRate: number | null };
  cashFlows: { mine: number[]; pivot: number[] };
} {
  const run = spawnSync(process.execPath, ['bin/hashpivot.mjs', 'evaluate', '-'], {
    cwd: ROOT,
    input: JSON.stringify(file),
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('links', () => {
  it('a version-1 link shows what the version-1 file computes on the command line, and becomes the equivalent version-2 link', async () => {
    const file = { version: 1, siteMw: 200, discountRatePct: 12 };
    const truth = evaluateOnCli(file);
    const old = '/?v=1&siteMw=200&discountRatePct=12';
    await suite.withPage(old, async (page) => {
      await sweepDone(page);
      await page.locator('[data-testid="detail"][data-source="scenario"][data-state="done"]').waitFor();
      await expect(page.getByTestId('link-notice').count()).resolves.toBe(0);

      // The address is rewritten to the version-2 link of the same scenario and view.
      await page.waitForFunction(() => new URLSearchParams(location.search).get('v') === '2');
      const expected = decodeLink(old);
      // (Keys at their version-2 defaults are left out of it, as in any link; the inputs are the same.)
      const now = decodeLink(page.url());
      expect(now).toMatchObject({ version: 2, view: expected.view, ignored: [] });
      expect(resolveInputs(now.scenario)).toEqual(resolveInputs(expected.scenario));
      expect(page.url()).toBe(hrefFor(suite.preview.href('/'), expected.scenario, expected.view));
      await expect(page.getByTestId('share-url').inputValue()).resolves.toBe(page.url());

      // The panel holds version 1's values: no network response, no volatility, one discount rate.
      await expect(param(page, 'siteMw')).resolves.toBe('200');
      await expect(param(page, 'discountRatePct')).resolves.toBe('12');
      await expect(param(page, 'discountRatePivotPct')).resolves.toBe('12');
      await expect(param(page, 'networkResponsePctPerMonth')).resolves.toBe('0');
      await expect(param(page, 'btcVolatilityPctPerYear')).resolves.toBe('0');
      await expect(param(page, 'hashrateGrowthPctPerMonth')).resolves.toBe('1');

      // The figures are the command line's, exactly.
      await expect(page.getByTestId('summary').getAttribute('data-delta')).resolves.toBe(String(truth.delta));
      await expect(page.getByTestId('npv-mine').textContent()).resolves.toBe(money(truth.npv.mine));
      await expect(page.getByTestId('npv-pivot').textContent()).resolves.toBe(money(truth.npv.pivot));
      await expect(page.getByTestId('delta').textContent()).resolves.toBe(money(truth.delta));
      const lease = truth.breakeven.leaseRate;
      await expect(page.getByTestId('breakeven-lease').textContent()).resolves.toBe(
        lease === null ? 'none' : formatValue('USD/kW-month', lease, { sig: 4 }),
      );
      // And so is every month's cash flow of both paths, in the page's CSV of the months.
      await page.getByTestId('downloads').locator('summary').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-monthly-csv').click()]);
      const [header, ...rows] = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
      const columns = header!.split(',');
      const mine = columns.indexOf('cashFlowMine (USD)');
      const pivot = columns.indexOf('cashFlowPivot (USD)');
      expect(rows).toHaveLength(truth.cashFlows.mine.length);
      expect(rows.map((r) => Number(r.split(',')[mine]))).toEqual(truth.cashFlows.mine);
      expect(rows.map((r) => Number(r.split(',')[pivot]))).toEqual(truth.cashFlows.pivot);
    });
  });

  it('a shared link opened in a fresh browser profile draws a pixel-identical heatmap', async () => {
    const shared = await suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      const defaults = await pixels(page);
      await andSweep(page, () => fillParam(page, 'capexMusdPerMwIt', '13'));
      await andSweep(page, () =>
        page
          .getByTestId('x-n')
          .fill('40')
          .then(() => page.getByTestId('x-n').dispatchEvent('change')),
      );
      await andSweep(page, () => page.getByTestId('metric').selectOption('npvPivot'));
      await page.getByTestId('scenario-name').fill('Shared view');
      const url = await page.getByTestId('share-url').inputValue();
      expect(page.url()).toBe(url);
      const q = new URL(url).searchParams;
      expect(q.get('v')).toBe('2');
      expect(q.get('capexMusdPerMwIt')).toBe('13');
      expect(q.get('metric')).toBe('npvPivot');
      expect(q.get('x')).toBe('leaseUsdPerKwMonth:60:220:40');
      expect(q.get('name')).toBe('Shared view');
      const picture = await pixels(page);
      expect(picture).not.toBe(defaults);
      // The copy button puts the link on the clipboard.
      await suite.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.preview.url.replace(/\/$/, '') });
      await page.getByTestId('copy-link').click();
      // The clipboard write is asynchronous: the label turns once it has been granted and done.
      await expect.poll(() => page.getByTestId('copy-link').textContent(), { timeout: 10_000 }).toBe('Copied');
      await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(url);

      // A per-month metric: the month travels too.
      await andSweep(page, () => page.getByTestId('metric').selectOption('securityBudget'));
      await andSweep(page, () =>
        page
          .getByTestId('month')
          .fill('30')
          .then(() => page.getByTestId('month').dispatchEvent('change')),
      );
      const monthUrl = await page.getByTestId('share-url').inputValue();
      expect(new URL(monthUrl).searchParams.get('month')).toBe('30');
      return [
        { url, picture },
        { url: monthUrl, picture: await pixels(page) },
      ];
    });

    const fresh = await launchBrowser();
    try {
      for (const { url, picture } of shared) {
        await withPage(fresh, url, async (page) => {
          await sweepDone(page);
          expect(await pixels(page)).toBe(picture);
          await expect(param(page, 'capexMusdPerMwIt')).resolves.toBe('13');
          await expect(page.getByTestId('x-n').inputValue()).resolves.toBe('40');
          await expect(page.getByTestId('scenario-name').inputValue()).resolves.toBe('Shared view');
          await expect(page.getByTestId('link-notice').count()).resolves.toBe(0);
          // The link reads back as itself.
          await expect(page.getByTestId('share-url').inputValue()).resolves.toBe(url);
          expect(page.url()).toBe(url);
        });
      }
      // Nothing saved in the fresh profile by only looking at a link.
      await withPage(fresh, `${new URL(shared[0]!.url).origin}/`, async (page) => {
        await sweepDone(page);
        await expect(param(page, 'capexMusdPerMwIt')).resolves.not.toBe('13');
        await expect(page.getByTestId('scenario-list').locator('li').count()).resolves.toBe(0);
      });
    } finally {
      await fresh.close();
    }
  });

  it('a malformed link loads what is valid, lists what it ignored and why, and leaves everything saved as it was', () =>
    suite.withPage('/?v=2', async (page) => {
      // Something saved, and a working scenario.
      await page.getByTestId('scenario-name').fill('Keep me');
      await page.getByTestId('save-as').click();
      await page.getByTestId('scenario-list').locator('li[data-name="Keep me"]').waitFor();
      await fillParam(page, 'siteMw', '250');
      // The working scenario saves once typing pauses: wait until the store has it.
      await expect.poll(async () => (await dumpStore(page)).working, { timeout: 10_000 }).toMatchObject({ scenario: { siteMw: 250 } });
      const saved = await dumpStore(page);
      expect(saved.working).toMatchObject({ scenario: { siteMw: 250, name: 'Keep me' } });

      const bad =
        '/?v=1&siteMw=abc&bogus=1&x=nope&capexMusdPerMwIt=13&metric=npvPivot&month=0&capexMusdPerMwIt=14&leaseUsdPerKwMonth=%E0%A4%A';
      await page.goto(suite.preview.href(bad));
      const notice = page.getByTestId('link-notice');
      await notice.waitFor();
      const lines = await notice.locator('li').allTextContents();
      const line = (start: string) => lines.find((l) => l.startsWith(start)) ?? `(no line for ${start} in ${JSON.stringify(lines)})`;
      expect(line('siteMw = "abc"')).toMatch(/expected a number/);
      expect(line('bogus = "1"')).toMatch(/unknown parameter/);
      expect(line('x = "nope"')).toMatch(/KEY:MIN:MAX:N/);
      expect(line('month = "0"')).toMatch(/whole number/);
      expect(line('capexMusdPerMwIt = "14"')).toMatch(/repeated/);
      expect(line('leaseUsdPerKwMonth')).toMatch(/percent-encoding/);
      // What was valid is shown.
      await sweepDone(page);
      await expect(param(page, 'capexMusdPerMwIt')).resolves.toBe('13');
      await expect(param(page, 'siteMw')).resolves.toBe('100');
      await expect(page.getByTestId('metric').inputValue()).resolves.toBe('npvPivot');
      // A version-1 link: the address becomes the equivalent version-2 link, version 1's values written out.
      await expect(param(page, 'networkResponsePctPerMonth')).resolves.toBe('0');
      const migrated = new URL(page.url()).searchParams;
      expect(migrated.get('v')).toBe('2');
      expect(migrated.get('capexMusdPerMwIt')).toBe('13');
      expect(migrated.get('metric')).toBe('npvPivot');
      expect(migrated.get('networkResponsePctPerMonth')).toBe('0');
      expect(migrated.get('btcVolatilityPctPerYear')).toBe('0');
      await page.waitForTimeout(1_000);
      expect(await dumpStore(page)).toEqual(saved);

      // A link from a newer hashpivot: nothing of it is loaded, and it says why.
      await page.goto(suite.preview.href('/?v=99&siteMw=5'));
      await expect(notice.textContent()).resolves.toMatch(/newer hashpivot/);
      await expect(param(page, 'siteMw')).resolves.toBe('100');
      await sweepDone(page);
      await page.waitForTimeout(1_000);
      expect(await dumpStore(page)).toEqual(saved);

      // Without a link, the working scenario from before the links.
      await page.goto(suite.preview.href('/'));
      await page.waitForFunction(() => (document.querySelector('[data-param="siteMw"]') as HTMLInputElement).value === '250');
      await expect(notice.count()).resolves.toBe(0);

      // Once the person changes something on a link's page, that becomes the working scenario;
      // saved scenarios still untouched.
      await page.goto(suite.preview.href('/?v=1&siteMw=180'));
      await sweepDone(page);
      await fillParam(page, 'capexMusdPerMwIt', '11');
      await expect
        .poll(async () => (await dumpStore(page)).working, { timeout: 10_000 })
        .toMatchObject({ scenario: { capexMusdPerMwIt: 11 } });
      const after = await dumpStore(page);
      expect(after.working).toMatchObject({ scenario: { siteMw: 180, capexMusdPerMwIt: 11 } });
      const records = (d: Record<string, unknown>) => Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('scenario:')));
      expect(records(after)).toEqual(records(saved));
    }));

  it('a share link of a scenario with notes has no notes unless the person opts in', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      await page.getByTestId('scenario-notes').fill('quote from tenant X');
      await fillParam(page, 'siteMw', '90');
      const share = page.getByTestId('share-url');
      await expect.poll(() => share.inputValue()).toContain('siteMw=90');
      expect(decodeLink(await share.inputValue()).scenario).toEqual({ version: 2, siteMw: 90 });
      expect(page.url()).not.toContain('notes');
      expect(page.url()).not.toContain('tenant');
      expect(decodeLink((await page.getByTestId('embed-url').getAttribute('href')) ?? '').scenario.notes).toBeUndefined();

      // Opting in puts them in the link (and the address), and only then.
      await page.getByTestId('share-notes').check();
      await expect.poll(async () => decodeLink(await share.inputValue()).scenario.notes).toBe('quote from tenant X');
      await page.getByTestId('share-notes').uncheck();
      await expect.poll(async () => decodeLink(await share.inputValue()).scenario.notes).toBeUndefined();

      // A reload of the page's own address keeps them: they come back from the working scenario,
      // once it is saved (a moment after the last change).
      await expect
        .poll(async () => (await dumpStore(page)).working, { timeout: 10_000 })
        .toMatchObject({ scenario: { siteMw: 90, notes: 'quote from tenant X' } });
      await page.reload();
      await sweepDone(page);
      await expect.poll(() => page.getByTestId('scenario-notes').inputValue(), { timeout: 10_000 }).toBe('quote from tenant X');
      expect(decodeLink(await share.inputValue()).scenario.notes).toBeUndefined();

      // A link written with notes (an old link, or one shared on purpose) still loads them.
      await page.goto(suite.preview.href('/?v=2&siteMw=91&notes=an%20old%20note'));
      await expect.poll(() => page.getByTestId('scenario-notes').inputValue()).toBe('an old note');
      expect(await page.getByTestId('share-notes').isChecked()).toBe(true);
      expect(decodeLink(await share.inputValue()).scenario.notes).toBe('an old note');
      await sweepDone(page);
      await page.getByTestId('scenario-notes').fill('');
    }));
});
