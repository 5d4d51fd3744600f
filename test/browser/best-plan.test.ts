/**
 * The best plan and the how-it-works page in Chromium against the built site: the explorer's best
 * plan equals the command line's (src/model/best.ts on the Node kernel's sweeps of the same
 * scenario), its sentence carries those figures, one click applies it; the how-it-works dialog is
 * reached by keyboard and from a glossary term, with focus on the entry and back on the opener
 * when it closes; the new parts fit 390 px and keep their text readable in dark mode. Screenshots
 * at 1280×800 and 390×844 go to test-results/ for a person to look at.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { money } from '../../src/charts/format.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import { DEFAULT_SHARE_RANGE, bestPlan, defaultStartRange, type BestPlan } from '../../src/model/best.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import type { Scenario } from '../../src/model/scenario/types.ts';
import { axisValues, type SweepSpec } from '../../src/model/sweep.ts';
import { ROOT, browserSuite, watchPage } from './harness.ts';
import { fillParam, lowContrast, noHorizontalScroll, sweepDone } from './page.ts';

const suite = browserSuite();
const SHOTS = join(ROOT, 'test-results');

/** The command line's `best` on a scenario: the Node kernel's sweeps over its default grid, then src/model/best.ts. */
function cliBest(scenario: Scenario): BestPlan {
  const inputs = { ...resolveInputs(scenario), btcVolatilityPctPerYear: 0 };
  const spec: SweepSpec = {
    x: { key: 'pivotSharePct', ...DEFAULT_SHARE_RANGE, log: false },
    y: { key: 'pivotStartMonth', ...defaultStartRange(inputs.horizonYears), log: false },
    metric: 'npvPivot',
    month: 1,
  };
  const sweeper = createSweeper(loadKernelSync());
  return bestPlan({
    shares: axisValues(spec.x),
    starts: axisValues(spec.y),
    npvPivot: sweepGrid(sweeper, inputs, spec),
    delta: sweepGrid(sweeper, inputs, { ...spec, metric: 'delta' }),
  });
}

const section = (page: Page) => page.getByTestId('best-plan');

/** Waits for a search newer than `after` to finish and returns the plan the page shows. */
async function shownPlan(page: Page, after = 0): Promise<BestPlan> {
  await page.waitForFunction(
    (after) => {
      const el = document.querySelector('[data-testid="best-plan"]');
      return el?.getAttribute('data-state') === 'done' && Number(el.getAttribute('data-run')) > after;
    },
    after,
    { timeout: 60_000 },
  );
  const attr = async (name: string) => Number(await section(page).getAttribute(name));
  return {
    pivotSharePct: await attr('data-share'),
    pivotStartMonth: await attr('data-start'),
    npvPivot: await attr('data-npv-pivot'),
    delta: await attr('data-delta'),
    deltaNow: await attr('data-delta-now'),
    valueOfWaiting: await attr('data-value-of-waiting'),
  };
}

const planRuns = async (page: Page) => Number(await section(page).getAttribute('data-run'));

describe('best plan', () => {
  it('equals the command line’s plan on the default scenario: the whole site, now', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      const plan = await shownPlan(page);
      const cli = cliBest({ version: 2 });
      expect(plan).toEqual(cli);
      // The default pivots the whole site at month 0: nothing to wait for.
      expect([plan.pivotSharePct, plan.pivotStartMonth, plan.valueOfWaiting]).toEqual([100, 0, 0]);
      await expect(page.getByTestId('best-plan-sentence').textContent()).resolves.toBe(
        `Pivot the whole site now: Δ +${money(cli.delta)}; waiting for a later month is worth nothing on this map.`,
      );
      // The map: 21 shares × 61 start months on the canvas, the plan marked, axes of its own.
      const canvas = section(page).locator('canvas');
      await expect(canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).resolves.toEqual([21, 61]);
      await expect(section(page).getByTestId('best-plan-selected-cell').count()).resolves.toBe(1);
      await expect(section(page).getByTestId('best-plan-x-axis').locator('.title').textContent()).resolves.toBe('Pivot share (%)');
      await expect(section(page).locator('svg[role="img"]').getAttribute('aria-describedby')).resolves.toBe('best-plan-sentence');
      // The table for people who do not see the map: starts 0, 6 … 60 down, shares 0, 20 … 100 % across.
      await section(page).locator('summary', { hasText: 'as a table' }).click();
      const table = page.getByTestId('best-plan-table');
      await expect(table.locator('thead th').allTextContents()).resolves.toEqual(['Start', '0 %', '20 %', '40 %', '60 %', '80 %', '100 %']);
      // The rows render once the details element opens: wait for them rather than count at once.
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(11);
      await expect(table.locator('tbody tr').first().locator('td').last().textContent()).resolves.toBe(money(cli.npvPivot));
      // The scenario already has this plan.
      await expect(page.getByTestId('best-plan-apply').isDisabled()).resolves.toBe(true);
      // The main heatmap's hooks stay unique on the page.
      for (const id of ['selected-cell', 'current-marker', 'x-axis', 'legend', 'breakeven']) {
        expect(await page.getByTestId(id).count(), id).toBeLessThanOrEqual(1);
      }
      await mkdir(SHOTS, { recursive: true });
      await section(page).screenshot({ path: join(SHOTS, 'best-plan-1280x800.png') });
    }));

  it('finds a plan that waits, says what waiting is worth, and applies it in one click', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      const before = await planRuns(page);
      await fillParam(page, 'leaseUsdPerKwMonth', '100');
      await fillParam(page, 'btcPriceUsd', '150000');
      let plan = await shownPlan(page, before);
      // The search waits for the main map: by now it is done too.
      await expect(page.getByTestId('heatmap').getAttribute('data-state')).resolves.toBe('done');
      while (plan.npvPivot !== cliBest({ version: 2, leaseUsdPerKwMonth: 100, btcPriceUsd: 150_000 }).npvPivot) {
        // The two fields were typed one after the other: the first search may have had only one of them.
        plan = await shownPlan(page, await planRuns(page));
      }
      const cli = cliBest({ version: 2, leaseUsdPerKwMonth: 100, btcPriceUsd: 150_000 });
      expect(plan).toEqual(cli);
      // At $100/kW-month and $150k the pivot pays more from month 20: waiting is worth Δ − Δ now > 0.
      expect([cli.pivotSharePct, cli.pivotStartMonth]).toEqual([100, 20]);
      expect(cli.valueOfWaiting).toBeCloseTo(cli.delta - cli.deltaNow, 6);
      expect(cli.valueOfWaiting).toBeGreaterThan(0);
      await expect(page.getByTestId('best-plan-sentence').textContent()).resolves.toBe(
        `Pivot the whole site in month 20: Δ +${money(cli.delta)}; pivoting now instead gives +${money(cli.deltaNow)}, ` +
          `so waiting is worth ${money(cli.valueOfWaiting)}.`,
      );
      await mkdir(SHOTS, { recursive: true });
      await section(page).screenshot({ path: join(SHOTS, 'best-plan-wait-1280x800.png') });

      // Apply: the scenario's share and start become the plan's, in one change.
      const runsBefore = await planRuns(page);
      const mapRuns = Number(await page.getByTestId('heatmap').getAttribute('data-run'));
      await page.getByTestId('best-plan-apply').click();
      await expect(page.locator('[data-param="pivotStartMonth"]').inputValue()).resolves.toBe('20');
      await expect(page.locator('[data-param="pivotSharePct"]').inputValue()).resolves.toBe('100');
      await expect(page.getByTestId('best-plan-apply').textContent()).resolves.toContain('Your scenario has this plan');
      await sweepDone(page, mapRuns);
      // The plan does not depend on the scenario's own share and start: no new search. The map's
      // end asks for the plan again at the next animation frame; two frames on, a search it started
      // would show as running.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect(await planRuns(page)).toBe(runsBefore);
      await expect(section(page).getAttribute('data-state')).resolves.toBe('done');
    }));
});

describe('how it works', () => {
  it('is reached by keyboard from the header, shows the model and its glossary, and gives focus back on Escape', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      const dialog = page.getByTestId('how-it-works');
      await expect.poll(() => dialog.isVisible()).toBe(false);
      let reached = false;
      for (let k = 0; k < 30 && !reached; k++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'how-it-works-open');
      }
      expect(reached).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('how-it-works-title');
      // Every glossary term the page uses has an entry.
      const terms = await dialog.getByTestId('glossary').locator('dt').allTextContents();
      expect(terms).toEqual([
        'Hashprice',
        'Difficulty',
        'Retarget',
        'Halving',
        'J/TH',
        'PUE',
        'NOI',
        'NPV',
        'Δ',
        'IRR',
        'Payback',
        'Breakeven',
      ]);
      // The equations and the model document, loaded into the page at its section.
      await expect(dialog.locator('pre').first().textContent()).resolves.toContain('hashprice = 86,400');
      await dialog.locator('button[data-doc="§5.2"]').click();
      // The document is its own chunk, loaded the first time it is opened.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('model-s5-2');
      await expect(page.locator('#model-s5-2').textContent()).resolves.toBe('§5.2 NPVs and Δ');
      await expect(page.locator('#model-s5-2 + pre').textContent()).resolves.toContain('Δ         = NPV_pivot − NPV_mine');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('how-it-works-open');
    }));

  it('opens at a glossary entry from a term where it appears in the explorer, by click and by keyboard', () =>
    suite.withPage('/?v=2', async (page) => {
      await sweepDone(page);
      await page.getByTestId('detail').locator('xpath=self::*[@data-state="done"]').waitFor();
      const dialog = page.getByTestId('how-it-works');
      // In the detail's figures: IRR.
      await page.getByTestId('summary').locator('button[data-term="irr"]').click();
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('glossary-irr');
      await expect(dialog.locator('#glossary-irr + dd').textContent()).resolves.toContain('Internal rate of return');
      const inView = await page.locator('#glossary-irr').evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
      expect(inView).toBe(true);
      await dialog.getByTestId('how-it-works-close').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-term'))).toBe('irr');
      // In the best plan's words, by keyboard: Δ.
      await shownPlan(page);
      const delta = section(page).locator('button[data-term="delta"]');
      await delta.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('glossary-delta');
      // A term in a parameter's label: the PUE of mining.
      await page.keyboard.press('Escape');
      await page.locator('[data-param="miningPue"]').evaluate((el) => (el.closest('details')!.open = true));
      await mkdir(SHOTS, { recursive: true });
      await page.getByTestId('parameters').screenshot({ path: join(SHOTS, 'glossary-terms-parameters-1280x800.png') });
      await page.getByTestId('parameters').locator('button[data-term="pue"]').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('glossary-pue');
    }));
});

describe('the new parts on a phone and in dark mode', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`fit 390 px without horizontal scroll and keep text readable (${scheme})`, async () => {
      const page = await suite.browser.newPage();
      const watch = watchPage(page);
      try {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(suite.preview.href('/?v=2'));
        await sweepDone(page);
        await shownPlan(page);
        expect(await noHorizontalScroll(page)).toBe(true);
        expect(await lowContrast(page, '[data-testid="best-plan"]')).toEqual([]);
        await mkdir(SHOTS, { recursive: true });
        await section(page).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `best-plan-390x844-${scheme}.png`) });
        await page.getByTestId('how-it-works-open').click();
        const dialog = page.getByTestId('how-it-works');
        await expect.poll(() => dialog.isVisible()).toBe(true);
        await dialog.locator('button[data-doc="§2.7"]').click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('model-s2-7');
        expect(await noHorizontalScroll(page)).toBe(true);
        await expect(dialog.evaluate((d) => d.scrollWidth <= d.clientWidth)).resolves.toBe(true);
        expect(await lowContrast(page, '[data-testid="how-it-works"]')).toEqual([]);
        await dialog.evaluate((d) => (d.scrollTop = 0));
        await page.screenshot({ path: join(SHOTS, `how-it-works-390x844-${scheme}.png`) });
        await page.setViewportSize({ width: 1280, height: 800 });
        expect(await lowContrast(page, '[data-testid="how-it-works"]')).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `how-it-works-1280x800-${scheme}.png`) });
        expect(watch.problems).toEqual([]);
      } finally {
        watch.stop();
        await page.close();
      }
    });
  }
});
