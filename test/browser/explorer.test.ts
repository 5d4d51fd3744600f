/**
 * The explorer in Chromium against the built site: parameters drive the heatmap, the axes and
 * metric drive its axes, legend and breakeven line, a clicked cell is shown in detail, and the
 * keyboard alone reaches and changes a parameter. The keys version 2 adds are in the panel with
 * their units and sources; a preset loads as the version-2 file it is, and a preset's version-1 file, opened as a version-1
 * link, is migrated as a file is. Screenshots of the main view at 1280×800 and
 * 390×844 go to test-results/ (not committed) for a person to look at; the test itself checks
 * that no axis label overlaps another or leaves the chart.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, REGISTRY, defaultInputs } from '../../src/model/registry/index.ts';
import { V2_ADDED_KEYS } from '../../src/model/scenario/migrations.ts';
import { PRESETS_V1 } from '../helpers/presets-v1.ts';
import { ROOT, browserSuite, watchPage } from './harness.ts';
import { heatmap, runs, sweepDone } from './page.ts';

const suite = browserSuite();
// Each test opens `/?v=2`, the link of the default scenario and view: the bare page restores the
// working scenario the previous test left in this profile (session.svelte.ts).
const SHOTS = join(ROOT, 'test-results');
// The full-pivot preset as it was written for version 1, as a version-1 link (its keys; the name is no model input).
const { version: _v1, name: _name, ...FULL_PIVOT_V1_KEYS } = PRESETS_V1['full-pivot-coreweave-terms'];
const FULL_PIVOT_V1_LINK = `/?${new URLSearchParams({ v: '1', ...Object.fromEntries(Object.entries(FULL_PIVOT_V1_KEYS).map(([k, v]) => [k, String(v)])) })}`;

async function canvasPixels(page: Page): Promise<string> {
  return heatmap(page)
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => c.toDataURL());
}

/** A parameter's field (label, tooltip, input, unit) around its number input. */
const fieldOf = (input: Locator) => input.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " field ")][1]');

async function breakevenD(page: Page): Promise<string> {
  return (await page.getByTestId('breakeven').getAttribute('d')) ?? '';
}

/**
 * Tick labels and titles of every chart's axes and legend (the heatmap and the detail's series):
 * none overlaps another in the same axis, none is cut off by its chart or the page.
 */
async function expectReadableAxes(page: Page): Promise<void> {
  const report = await page.evaluate(() => {
    const problems: string[] = [];
    for (const svg of document.querySelectorAll('svg')) {
      const frame = svg.getBoundingClientRect();
      if (frame.width === 0) continue;
      for (const group of svg.querySelectorAll('.axis, .legend')) {
        const boxes = [...group.querySelectorAll('text')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
        for (const { text, box } of boxes) {
          const out =
            box.left < Math.max(0, frame.left) - 1 ||
            box.right > Math.min(document.documentElement.clientWidth, frame.right) + 1 ||
            box.top < frame.top - 1 ||
            box.bottom > frame.bottom + 1;
          if (out) problems.push(`"${text}" is cut off`);
        }
        for (let a = 0; a < boxes.length; a++) {
          for (let b = a + 1; b < boxes.length; b++) {
            const [p, q] = [boxes[a]!.box, boxes[b]!.box];
            if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5) {
              problems.push(`"${boxes[a]!.text}" overlaps "${boxes[b]!.text}"`);
            }
          }
        }
      }
    }
    const heat = document.querySelector('[data-testid="heatmap"] svg')!;
    const ticks = (sel: string) => [...heat.querySelectorAll(`${sel} .tick text`)].map((t) => t.textContent);
    return { problems, x: ticks('[data-testid="x-axis"]'), y: ticks('[data-testid="y-axis"]') };
  });
  expect(report.problems).toEqual([]);
  expect(report.x.length).toBeGreaterThanOrEqual(2);
  expect(report.y.length).toBeGreaterThanOrEqual(2);
}

describe('explorer', () => {
  it('opens on the breakeven map with every parameter, the detail, and readable axes (1280×800)', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      const panel = page.getByTestId('parameters');
      for (const p of REGISTRY) {
        await expect(panel.locator(`input[type="number"][data-param="${p.key}"]`).count(), p.key).resolves.toBe(1);
      }
      // data-param only on the number input, never on a slider.
      await expect(page.locator('input[type="range"][data-param]').count()).resolves.toBe(0);
      await expect(heatmap(page).locator('canvas').count()).resolves.toBe(1);
      expect(await breakevenD(page)).toMatch(/^M[\d.]+,[\d.]+L/);
      await expect(page.locator('.breakeven-label').textContent()).resolves.toContain('breakeven');
      await expect(page.getByTestId('current-marker').count()).resolves.toBe(1);
      await expect(page.getByTestId('x-axis').locator('.title').textContent()).resolves.toBe('Lease rate ($/kW-month)');
      await expect(page.getByTestId('x-axis').locator('.tick text').first().textContent()).resolves.toMatch(/^\$\d+\/kW-mo$/);
      await expect(page.getByTestId('y-axis').locator('.tick text').first().textContent()).resolves.toMatch(/^\$\d+k$/);
      await expect(page.getByTestId('legend').textContent()).resolves.toContain('pivot wins');
      await expect(page.getByTestId('heatmap-words').textContent()).resolves.toContain('The breakeven line');
      await page.getByTestId('detail').locator('xpath=self::*[@data-state="done"]').waitFor();
      await expect(page.getByTestId('headline').textContent()).resolves.toMatch(
        /^Pivoting 100 MW (wins by|loses) .* at \$140\/kW-month; it breaks even at \$[\d,]+\/kW-month\.$/,
      );
      // The five of the deterministic model, and the fan charts of BTC price, hashprice and hashrate.
      // The fan charts may follow the detail's own charts by a render: wait for all eight.
      await expect.poll(() => page.getByTestId('detail').locator('svg.series').count(), { timeout: 10_000 }).toBe(8);
      await expectReadableAxes(page);
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'explorer-1280x800.png') });
    }));

  it('shows the keys version 2 adds in their groups, with their units, sources and version-2 defaults', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      const panel = page.getByTestId('parameters');
      const defaults = defaultInputs(2);
      for (const key of V2_ADDED_KEYS) {
        const spec = REGISTRY.find((p) => p.key === key)!;
        const input = panel.locator(`input[type="number"][data-param="${key}"]`);
        await expect(input.count(), key).resolves.toBe(1);
        // A key without a section is in its registry group's own panel group; one with a section in
        // that section's group (Uncertainty), or in a section of its registry group (the attack's
        // keys sit under Network response).
        const group = input.locator('xpath=ancestor::details[1]');
        const [inGroup, inSection] = [await group.getAttribute('data-group'), await group.getAttribute('data-section')];
        const placed =
          spec.section === undefined ? inGroup === spec.group && inSection === null : inSection === spec.section || inGroup === spec.group;
        expect(placed, key).toBe(true);
        await expect(input.inputValue(), key).resolves.toBe(String(defaults[key]));
        const field = fieldOf(input);
        await expect(field.locator('label').textContent(), key).resolves.toBe(spec.label);
        await expect(field.locator('.unit').textContent(), key).resolves.toBe(spec.unit);
        await expect(field.locator('[role="tooltip"] .source').textContent(), key).resolves.toBe(`Source: ${spec.source}`);
      }
      // The two named in the model's version 2: the network's response and the BTC volatility.
      const field = (key: string) => fieldOf(panel.locator(`[data-param="${key}"]`));
      await expect(panel.locator('[data-param="networkResponsePctPerMonth"]').inputValue()).resolves.toBe('30');
      await expect(field('networkResponsePctPerMonth').locator('.unit').textContent()).resolves.toBe('%/month');
      await expect(field('networkResponsePctPerMonth').locator('.source').textContent()).resolves.toMatch(/Version 2: 30 %\/month/);
      await expect(panel.locator('[data-param="btcVolatilityPctPerYear"]').inputValue()).resolves.toBe('50');
      await expect(field('btcVolatilityPctPerYear').locator('.unit').textContent()).resolves.toBe('%/yr');
      await expect(field('btcVolatilityPctPerYear').locator('.source').textContent()).resolves.toMatch(/Version 2: 50 %\/yr/);
      await expect(panel.locator('[data-param="monteCarloPaths"]').inputValue()).resolves.toBe('1000');
    }));

  it('changing a parameter changes the heatmap, and an out-of-range value is named with its range', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      const [before, line] = [await canvasPixels(page), await breakevenD(page)];
      const capex = page.locator('[data-param="capexMusdPerMwIt"]');
      const n = await runs(page);
      await capex.fill('13');
      await sweepDone(page, n);
      expect(await canvasPixels(page)).not.toBe(before);
      expect(await breakevenD(page)).not.toBe(line);

      await capex.fill('80');
      await expect(page.getByTestId('problem-capexMusdPerMwIt').textContent()).resolves.toContain('from 0 to 50');
      await expect(capex.getAttribute('aria-invalid')).resolves.toBe('true');

      // A preset replaces the scenario, problems and all, and the map follows.
      const m = await runs(page);
      await page.getByTestId('preset').selectOption('full-pivot-coreweave-terms');
      await sweepDone(page, m);
      await expect(page.locator('[data-param="siteMw"]').inputValue()).resolves.toBe('286');
      await expect(capex.getAttribute('aria-invalid')).resolves.toBe('false');
      // A version-2 preset is taken as written: version 2's network response, not version 1's 0.
      await expect(page.locator('[data-param="networkResponsePctPerMonth"]').inputValue()).resolves.toBe('30');

      // The table view of the grid, for reading without the picture.
      await page.locator('summary', { hasText: 'Table view' }).click();
      const table = page.getByTestId('heatmap-table');
      // The rows render once the details element opens: wait for them rather than count at once.
      await table.locator('tbody tr').nth(9).waitFor();
      await expect(table.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(10);
      await expect(table.locator('thead th').nth(1).textContent()).resolves.toBe('$60/kW-mo');
    }));

  it('a preset’s version-1 file, as a version-1 link, is migrated as a file is: the map and the detail agree on a discount-rate axis', () =>
    suite.withPage(FULL_PIVOT_V1_LINK, async (page) => {
      await sweepDone(page);
      // Version 1's values written out: no network response, one discount rate for both paths.
      await expect(page.locator('[data-param="siteMw"]').inputValue()).resolves.toBe('286');
      await expect(page.locator('[data-param="networkResponsePctPerMonth"]').inputValue()).resolves.toBe('0');
      await expect(page.locator('[data-param="discountRatePivotPct"]').inputValue()).resolves.toBe('10');
      await page.waitForFunction(() => new URLSearchParams(location.search).get('siteMw') === '286');
      const address = new URL(page.url()).searchParams;
      expect(address.get('v')).toBe(String(CURRENT_VERSION));
      expect(address.get('networkResponsePctPerMonth')).toBe('0');
      expect(address.get('discountRatePivotPct')).toBe('10');

      // A cell on a discountRatePct axis, shown in detail, is the cell the map computed.
      const n = await runs(page);
      await page.getByTestId('x-key').selectOption('discountRatePct');
      await sweepDone(page, n);
      const box = (await page.locator('[data-testid="heatmap"] .frame').boundingBox())!;
      const at = { x: box.x + box.width * 0.8, y: box.y + box.height * 0.5 };
      await page.mouse.move(at.x, at.y);
      const hover = page.getByTestId('heatmap-hover');
      await hover.waitFor();
      const x = Number(await hover.getAttribute('data-x'));
      const value = Number(await hover.getAttribute('data-value'));
      expect(x).not.toBe(10);
      await page.mouse.click(at.x, at.y);
      await page.getByTestId('detail').locator('xpath=self::*[@data-source="cell" and @data-state="done"]').waitFor();
      await page.waitForFunction((x) => Number(document.querySelector('[data-testid="detail"]')?.getAttribute('data-x')) === x, x);
      // The detail may still show the scenario's run for a frame after the click: wait for the
      // cell's own evaluation to reach the summary (or time out, and let the assertion say by how much).
      const close = (v: number) =>
        Math.abs(Number(document.querySelector('[data-testid="summary"]')?.getAttribute('data-delta')) - v) <=
        1e-6 * Math.max(1, Math.abs(v));
      await page.waitForFunction(close, value, { timeout: 10_000 }).catch(() => undefined);
      const delta = Number(await page.getByTestId('summary').getAttribute('data-delta'));
      expect(Math.abs(delta - value)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(value)));
    }));

  it('other axes and metric: the axes, the legend and the breakeven line follow', () =>
    // At the default $140/kW-month the pivot wins on every cell of capex × hashrate growth; at
    // $100/kW-month that map has a breakeven line to follow.
    suite.withPage('/?v=2&leaseUsdPerKwMonth=100', async (page) => {
      await sweepDone(page);
      const line = await breakevenD(page);
      let n = await runs(page);
      await page.getByTestId('x-key').selectOption('capexMusdPerMwIt');
      await sweepDone(page, n);
      n = await runs(page);
      await page.getByTestId('y-key').selectOption('hashrateGrowthPctPerMonth');
      await sweepDone(page, n);
      await expect(heatmap(page).getAttribute('data-x-key')).resolves.toBe('capexMusdPerMwIt');
      await expect(page.getByTestId('x-axis').locator('.title').textContent()).resolves.toBe('Conversion capex ($M per MW of IT)');
      await expect(page.getByTestId('x-axis').locator('.tick text').first().textContent()).resolves.toMatch(/^\$[\d.]+M\/MW-IT$/);
      await expect(page.getByTestId('y-axis').locator('.title').textContent()).resolves.toBe('Hashrate growth (% per month)');
      await expect(page.getByTestId('y-axis').locator('.tick text').first().textContent()).resolves.toMatch(/ %\/mo$/);
      const moved = await breakevenD(page);
      expect(moved).not.toBe(line);
      expect(moved).toMatch(/^M/);
      await expectReadableAxes(page);

      n = await runs(page);
      await page.getByTestId('metric').selectOption('npvPivot');
      await sweepDone(page, n);
      const legend = (await page.getByTestId('legend').textContent()) ?? '';
      expect(legend).toContain('NPV, pivot');
      expect(legend).not.toContain('pivot wins');
      // The breakeven line is still Δ = 0, drawn over the other metric.
      expect(await breakevenD(page)).toBe(moved);

      n = await runs(page);
      const logScale = await page
        .getByTestId('x-log')
        .check({ force: true })
        .then(
          () => true,
          () => false,
        );
      // A log scale (where the axis allows one) is a sweep of its own: the one waited for below is the 40 points'.
      if (logScale) await sweepDone(page, n);
      n = await runs(page);
      await page.getByTestId('x-n').fill('40');
      await page.getByTestId('x-n').press('Enter');
      await sweepDone(page, n);
      await expect(
        heatmap(page)
          .locator('canvas')
          .evaluate((c: HTMLCanvasElement) => c.width),
      ).resolves.toBe(40);
      expect(await breakevenD(page)).not.toBe(moved);
    }));

  it('a clicked cell is shown in detail, with that cell’s scenario', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      const svg = heatmap(page).locator('svg').first();
      const box = (await page.locator('[data-testid="heatmap"] .frame').boundingBox())!;
      const at = { x: box.x + box.width * 0.23, y: box.y + box.height * 0.31 };
      await page.mouse.move(at.x, at.y);
      const hover = page.getByTestId('heatmap-hover');
      await hover.waitFor();
      const x = Number(await hover.getAttribute('data-x'));
      const y = Number(await hover.getAttribute('data-y'));
      const value = Number(await hover.getAttribute('data-value'));
      expect(Number.isFinite(value)).toBe(true);
      await svg.click({ position: { x: at.x - (await svg.boundingBox())!.x, y: at.y - (await svg.boundingBox())!.y } });
      const detail = page.getByTestId('detail');
      await detail.locator('xpath=self::*[@data-source="cell" and @data-state="done"]').waitFor();
      expect(Number(await detail.getAttribute('data-x'))).toBe(x);
      expect(Number(await detail.getAttribute('data-y'))).toBe(y);
      await page.waitForFunction((x) => document.querySelector('[data-testid="summary"]')?.getAttribute('data-lease') === String(x), x);
      const delta = Number(await page.getByTestId('summary').getAttribute('data-delta'));
      // The detail evaluates the cell's scenario on its own; it agrees with the sweep's cell.
      expect(Math.abs(delta - value)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(value)));
      await expect(page.getByTestId('selected-cell').count()).resolves.toBe(1);
      await expect(detail.locator('h2').textContent()).resolves.toContain('the cell at Lease rate $');

      await page.getByTestId('detail-reset').click();
      await detail.locator('xpath=self::*[@data-source="scenario"]').waitFor();
    }));

  it('the keyboard alone reaches and changes a parameter, with visible focus', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      let key: string | null = null;
      for (let k = 0; k < 40 && !key; k++) {
        await page.keyboard.press('Tab');
        key = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.param ?? null);
      }
      expect(key, 'Tab reached no parameter').not.toBeNull();
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe('none');
      const input = page.locator(`[data-param="${key}"]`);
      const before = Number(await input.inputValue());
      const n = await runs(page);
      await page.keyboard.press('ArrowUp');
      await expect.poll(async () => Number(await input.inputValue())).toBeGreaterThan(before);
      await sweepDone(page, n);
      // And the heatmap takes arrow keys too: Enter shows the cursor's cell in detail.
      await page.getByTestId('heatmap').locator('svg').first().focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await page.getByTestId('detail').locator('xpath=self::*[@data-source="cell"]').waitFor();
    }));

  it('works on a 390 px phone: nothing wider than the screen, axes readable', async () => {
    // The phone layout is chosen when the page starts, so the viewport is set before it loads.
    const page = await suite.browser.newPage();
    const watch = watchPage(page);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(suite.preview.href('/?v=2'));
      await sweepDone(page);
      await page.getByTestId('detail').locator('xpath=self::*[@data-state="done"]').waitFor();
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
      await expectReadableAxes(page);
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'explorer-390x844.png') });
      await heatmap(page).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'explorer-390x844-map.png') });
      expect(watch.problems).toEqual([]);
    } finally {
      watch.stop();
      await page.close();
    }
  });

  it('reruns at most once an animation frame while a slider moves, and fills in progressively', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      const n = await runs(page);
      // 40 slider steps, one every 2 ms: ~80 ms, about 5 frames.
      const frames = await page.evaluate(async () => {
        const slider = document.querySelector<HTMLInputElement>('input[type="range"][aria-label^="Lease rate"]')!;
        let frames = 0;
        let counting = true;
        const tick = () => {
          frames++;
          if (counting) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        for (let k = 0; k < 40; k++) {
          slider.value = String(100 + k);
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => setTimeout(r, 2));
        }
        await new Promise((r) => requestAnimationFrame(r));
        counting = false;
        return frames;
      });
      await sweepDone(page, n);
      const started = (await runs(page)) - n;
      expect(started).toBeGreaterThanOrEqual(1);
      expect(started).toBeLessThanOrEqual(frames + 1);
      await expect(page.locator('[data-param="leaseUsdPerKwMonth"]').inputValue()).resolves.toBe('139');

      // A big grid on two network keys (a projection per cell): the status counts rows as
      // blocks arrive, before the sweep is done.
      await page.evaluate(() => {
        const status = document.querySelector('[data-testid="heatmap-status"]')!;
        const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
        new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      });
      let m = await runs(page);
      await page.getByTestId('x-key').selectOption('hashrateGrowthPctPerMonth');
      await sweepDone(page, m);
      m = await runs(page);
      await page.getByTestId('y-n').fill('400');
      await page.getByTestId('y-n').press('Enter');
      await sweepDone(page, m);
      const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      const partial = seen.filter((t) => /Computing… [1-9]\d* of 400 rows/.test(t));
      expect(partial.length, seen.join(' | ')).toBeGreaterThan(0);
    }));
});
