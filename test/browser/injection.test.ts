/**
 * Hostile text is shown as text, never as markup, everywhere a person's text is shown: names and
 * notes in the explorer and its library list, buttons and messages; the compare view; imported
 * files' names and keys in the problems; a link's name and its refused values; the embed's title
 * and subtitle, in the embed and in the code the dialog offers; the scenario file downloaded.
 *
 * Each check looks at the DOM (no element the text would have made exists; the text is there
 * literally) and at `window.__pwned`, which the payloads would set. The Content-Security-Policy
 * would stop an inline handler from running even if one got in; the DOM check does not rely on it.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './harness.ts';

const suite = browserSuite();

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '"><script>window.__pwned=2</script>';
const SVG = "'><svg onload=window.__pwned=3><b>bold</b>";
const NOTES = `</textarea>${IMG}\n${SCRIPT}`;

/** Nothing the payloads would create is in the page (or frame), and none of them ran. */
async function clean(target: Page | Frame): Promise<void> {
  const found = await target.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    made: document.querySelectorAll('img[src="x"], script:not([src]), svg[onload], b, [onerror], [onload]').length,
  }));
  expect(found).toEqual({ pwned: undefined, made: 0 });
}

const row = (page: Page, name: string) =>
  page
    .getByTestId('scenario-list')
    .locator('li')
    .filter({ has: page.getByTestId('open').getByText(name, { exact: true }) });

async function saveAs(page: Page, name: string, notes = ''): Promise<string> {
  await page.getByTestId('scenario-name').fill(name);
  await page.getByTestId('scenario-notes').fill(notes);
  await page.getByTestId('save-as').click();
  await row(page, name).first().waitFor({ timeout: 10_000 });
  return (await row(page, name).first().getAttribute('data-id'))!;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return readFile(await download.path(), 'utf8');
}

describe('hostile text is shown as text', () => {
  it('in the explorer, the library list, its messages, the compare view and the scenario file', () =>
    suite.withPage('/?v=2', async (page) => {
      const a = await saveAs(page, IMG, NOTES);
      await expect(page.getByTestId('scenario-name').inputValue()).resolves.toBe(IMG);
      await expect(page.getByTestId('scenario-notes').inputValue()).resolves.toBe(NOTES);
      await expect(row(page, IMG).getByTestId('open').textContent()).resolves.toBe(IMG);
      await expect(row(page, IMG).getAttribute('data-name')).resolves.toBe(IMG);
      await expect(page.getByTestId('save').textContent()).resolves.toBe(`Save “${IMG}”`);
      await expect(page.getByTestId('library-status').textContent()).resolves.toBe(`Saved “${IMG}”.`);
      await clean(page);

      const b = await saveAs(page, SCRIPT, SVG);
      // Renamed to the third payload.
      await row(page, SCRIPT).getByTestId('rename').click();
      await page.getByTestId('rename-input').fill(SVG);
      await page.getByTestId('rename-confirm').click();
      await row(page, SVG).waitFor();
      await expect(page.getByTestId('library-status').textContent()).resolves.toBe(`Renamed to “${SVG}”.`);
      await clean(page);

      // The compare view: both names in the pickers and the table's heads.
      await page.getByTestId('compare-a').selectOption(a);
      await page.getByTestId('compare-b').selectOption(b);
      await page.locator('[data-testid="compare"][data-state="done"]').waitFor({ timeout: 30_000 });
      const heads = await page.getByTestId('compare-table').locator('thead th').allTextContents();
      expect(heads.slice(1, 3)).toEqual([IMG, SVG]);
      const options = await page.getByTestId('compare-a').locator('option').allTextContents();
      expect(options).toEqual(expect.arrayContaining([IMG, SVG]));
      await clean(page);

      // The scenario file: the name and notes as JSON strings, exactly.
      const file = JSON.parse(await downloaded(page, () => row(page, IMG).getByTestId('export-one').click()));
      expect(file).toMatchObject({ name: IMG, notes: NOTES });
      await clean(page);
    }));

  it('in imported files: their scenarios’ names and their problems, file names and keys included', () =>
    suite.withPage('/?v=2', async (page) => {
      const files = (list: { name: string; text: string }[]) =>
        page
          .getByTestId('import')
          .setInputFiles(list.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })));
      await files([{ name: `${IMG}.json`, text: JSON.stringify({ version: 2, [SCRIPT]: 1, siteMw: IMG }) }]);
      const problems = page.getByTestId('import-problems').locator('li');
      await problems.first().waitFor();
      const lines = await problems.allTextContents();
      // The unknown key is quoted as JSON writes it; the file's name and the refused value as they are.
      expect(lines.some((l) => l.startsWith(`${IMG}.json: `) && l.includes(`${JSON.stringify(SCRIPT)}: unknown key`))).toBe(true);
      expect(lines.some((l) => l.startsWith(`${IMG}.json: siteMw: `) && l.includes(IMG.slice(1)))).toBe(true);
      await clean(page);

      const name = `${SVG} imported`;
      await files([{ name: 'fine.json', text: JSON.stringify({ version: 2, name, notes: NOTES }) }]);
      await row(page, name).waitFor({ timeout: 10_000 });
      await row(page, name).getByTestId('open').click();
      await page.waitForFunction(
        (name) => (document.querySelector('[data-testid="scenario-name"]') as HTMLInputElement).value === name,
        name,
      );
      await expect(page.getByTestId('scenario-notes').inputValue()).resolves.toBe(NOTES);
      await clean(page);
    }));

  it('in a link: its name and notes, and the values it could not use', () =>
    suite.withPage(
      `/?v=2&name=${encodeURIComponent(IMG)}&notes=${encodeURIComponent(NOTES)}&siteMw=${encodeURIComponent(SCRIPT)}`,
      async (page) => {
        await expect(page.getByTestId('scenario-name').inputValue()).resolves.toBe(IMG);
        await expect(page.getByTestId('scenario-notes').inputValue()).resolves.toBe(NOTES);
        const notice = page.getByTestId('link-notice');
        await notice.waitFor();
        expect(await notice.locator('li').allTextContents()).toEqual([expect.stringContaining(`siteMw = "${SCRIPT}"`)]);
        await clean(page);
      },
    ));

  it('in the embed: its title, subtitle and a parameter it does not know', () =>
    suite.withPage(
      `/?v=2&embed=1&title=${encodeURIComponent(SCRIPT)}&subtitle=${encodeURIComponent(IMG)}&${encodeURIComponent(SVG)}=1`,
      async (page) => {
        await expect(page.getByTestId('embed-title').textContent()).resolves.toBe(SCRIPT);
        await expect(page.getByTestId('embed-subtitle').textContent()).resolves.toBe(IMG);
        await expect(page.getByTestId('embed-ignored').textContent()).resolves.toContain(SVG);
        await clean(page);
      },
    ));

  it('in the embed dialog: the code to paste escapes the title, and its preview shows it as text', () =>
    suite.withPage('/?v=2', async (page) => {
      await page.getByTestId('embed-button').click();
      await page.getByTestId('embed-title-input').fill(SCRIPT);
      const snippet = page.getByTestId('embed-snippet');
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="embed-snippet"]') as HTMLTextAreaElement | null)?.value.includes('title="&quot;&gt;'),
        undefined,
        { timeout: 10_000 },
      );
      const code = await snippet.inputValue();
      expect(code).toContain('title="&quot;&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;"');
      // The snippet is one iframe, its text fallback for readers without frames or JavaScript (which
      // holds the title as text), and when asked for the resize script, which does not hold the title.
      const parsed = await page.evaluate((code) => {
        const doc = new DOMParser().parseFromString(code, 'text/html');
        const scripts = [...doc.querySelectorAll('script')];
        return {
          iframes: doc.querySelectorAll('iframe').length,
          title: doc.querySelector('iframe')?.title,
          elements: doc.head.children.length + doc.body.children.length,
          fallbacks: doc.querySelectorAll('noscript').length,
          fallbackText: doc.querySelector('noscript')?.textContent ?? '',
          scripts: scripts.length,
          scriptsWithTitle: scripts.filter((s) => s.textContent?.includes('__pwned')).length,
        };
      }, code);
      expect(parsed).toEqual({
        iframes: 1,
        title: SCRIPT,
        elements: 2 + parsed.scripts,
        fallbacks: 1,
        fallbackText: expect.stringContaining(SCRIPT),
        scripts: parsed.scripts,
        scriptsWithTitle: 0,
      });
      expect(parsed.scripts).toBeLessThanOrEqual(1);
      const frame = page.frameLocator('[data-testid="embed-preview"]');
      await frame.getByTestId('embed-title').waitFor({ timeout: 15_000 });
      // The preview follows the title a moment after typing.
      await expect.poll(() => frame.getByTestId('embed-title').textContent(), { timeout: 15_000 }).toBe(SCRIPT);
      await clean(page);
      for (const f of page.frames()) await clean(f);
    }));
});
