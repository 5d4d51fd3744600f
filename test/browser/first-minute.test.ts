/**
 * The first minute on the explorer, in Chromium at 390×844 and 1280×800: the answer (the headline),
 * the "how to read it" line and the top of the map are on the first screen; the skip link is the
 * first tab stop and takes the focus to the map; sliders span the registry's plausible ranges while
 * the number box takes the whole allowed range; the heatmap's keyboard readout sits beside its cell,
 * on screen, in a live region; a clicked cell is read out by the map and "Use these values" makes
 * its two values the scenario's. Screenshots of the first screen at both sizes, light and dark, go
 * to test-results/ for a person to look at.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PARAMS_BY_KEY } from '../../src/model/registry/index.ts';
import type { ModelKey } from '../../src/model/keys.ts';
import { ROOT, browserSuite, watchPage } from './harness.ts';
import { fillParam, heatmap, lowContrast, noHorizontalScroll, runs, sweepDone } from './page.ts';

const suite = browserSuite();
const SHOTS = join(ROOT, 'test-results');
const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

/** Opens the default scenario at a size (set before the page loads: the phone layout is chosen at start) and a colour scheme. */
async function open(size: { width: number; height: number }, scheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; done(): void }> {
  const page = await suite.browser.newPage();
  const watch = watchPage(page);
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize(size);
  await page.goto(suite.preview.href('/?v=2'));
  await sweepDone(page);
  await page.getByTestId('answer').locator('xpath=self::*[@data-state="done"]').waitFor();
  return {
    page,
    done() {
      watch.stop();
      expect(watch.problems).toEqual([]);
    },
  };
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not rendered');
  return b;
}

const fieldOf = (page: Page, key: string) =>
  page.locator(`[data-param="${key}"]`).locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " field ")][1]');

describe('the first screen', () => {
  for (const size of SIZES) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`holds the answer, how to read the map and the map's top at ${size.width}×${size.height} (${scheme})`, async () => {
        const { page, done } = await open(size, scheme);
        try {
          const answer = await box(page.getByTestId('answer'));
          const reading = await box(page.getByTestId('map-reading'));
          const map = await box(heatmap(page).locator('svg').first());
          expect(answer.y).toBeGreaterThanOrEqual(0);
          expect(answer.y + answer.height).toBeLessThanOrEqual(size.height);
          expect(reading.y + reading.height).toBeLessThanOrEqual(size.height);
          // At least the map's top 120 px (its legend or axis title and the first rows) are on screen.
          expect(map.y + 120).toBeLessThanOrEqual(size.height);
          // The answer comes before the reading line, the reading line before the map.
          expect(answer.y).toBeLessThan(reading.y);
          expect(reading.y + reading.height).toBeLessThanOrEqual(map.y + 1);
          await expect(page.getByTestId('answer').textContent()).resolves.toMatch(
            /^\s*Pivoting 100 MW (wins by|loses) .* at \$140\/kW-month; it breaks even at \$[\d,]+\/kW-month\.\s*$/,
          );
          // The default map: Δ over lease rate (across) and BTC price (up); the pivot wins at high lease rates.
          await expect(page.getByTestId('map-reading').textContent()).resolves.toBe(
            'How to read it: each point is a scenario at a lease rate (across) and BTC price (up); the colour is Δ, what pivoting ' +
              'gains over mining: purple where the pivot wins, orange where mining wins; the line is the breakeven, where both paths ' +
              'are worth the same; the pivot wins on its side toward higher lease rate; the ring marks your scenario.',
          );
          expect(await noHorizontalScroll(page)).toBe(true);
          expect(await lowContrast(page, '.answer')).toEqual([]);
          await mkdir(SHOTS, { recursive: true });
          await page.screenshot({ path: join(SHOTS, `first-screen-${size.width}x${size.height}-${scheme}.png`) });
          done();
        } finally {
          await page.close();
        }
      });
    }
  }

  it('follows the chosen metric in the reading line', async () => {
    const { page, done } = await open(SIZES[1]);
    try {
      const n = await runs(page);
      await page.getByTestId('metric').selectOption('irr');
      await sweepDone(page, n);
      await expect
        .poll(() => page.getByTestId('map-reading').textContent())
        .toContain("the colour is IRR of the pivot's extra cash flows, dark purple low to yellow high;");
      done();
    } finally {
      await page.close();
    }
  });
});

describe('the skip link', () => {
  for (const size of SIZES) {
    it(`is the first tab stop and takes the focus to the map (${size.width}×${size.height})`, async () => {
      const { page, done } = await open(size);
      try {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.keyboard.press('Tab');
        await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('skip-to-map');
        const link = await box(page.getByTestId('skip-to-map'));
        expect(link.y).toBeGreaterThanOrEqual(0);
        expect(link.y + link.height).toBeLessThanOrEqual(size.height);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('map');
        // The map's section at the top of the screen, its map on screen; the URL (which holds the scenario) untouched.
        await expect.poll(async () => (await box(page.locator('#map'))).y).toBeLessThan(20);
        const map = await box(heatmap(page).locator('svg').first());
        expect(map.y).toBeGreaterThanOrEqual(0);
        expect(map.y + 120).toBeLessThanOrEqual(size.height);
        expect(new URL(page.url()).hash).toBe('');
        // The next tab stop is inside the map's section.
        await page.keyboard.press('Tab');
        await expect(page.evaluate(() => !!document.activeElement?.closest('#map'))).resolves.toBe(true);
        done();
      } finally {
        await page.close();
      }
    });
  }
});

describe('sliders', () => {
  it("span each key's plausible range while the number box takes the whole allowed range", async () => {
    const { page, done } = await open(SIZES[1]);
    try {
      const keys: ModelKey[] = ['powerUsdPerKwh', 'discountRatePct', 'btcPriceUsd', 'fleetJPerTh'];
      for (const key of keys) {
        const p = PARAMS_BY_KEY[key];
        const slider = fieldOf(page, key).locator('input[type="range"]');
        await expect(slider.getAttribute('min'), key).resolves.toBe(String(p.plausible!.low));
        await expect(slider.getAttribute('max'), key).resolves.toBe(String(p.plausible!.high));
        expect(p.plausible!.high, key).toBeLessThan(p.max);
      }
      // Power at $0.50/kWh: allowed (0–1), outside the plausible 0.02–0.10: no problem, the slider pinned at its end.
      const n = await runs(page);
      await fillParam(page, 'powerUsdPerKwh', '0.5');
      await sweepDone(page, n);
      await expect(page.getByTestId('problem-powerUsdPerKwh').count()).resolves.toBe(0);
      await expect(page.locator('[data-param="powerUsdPerKwh"]').getAttribute('aria-invalid')).resolves.toBe('false');
      await expect(fieldOf(page, 'powerUsdPerKwh').locator('input[type="range"]').inputValue()).resolves.toBe('0.1');
      await expect(page.locator('[data-param="powerUsdPerKwh"]').inputValue()).resolves.toBe('0.5');
      // Beyond the allowed range the box reports it, naming the range.
      await fillParam(page, 'powerUsdPerKwh', '1.5');
      await expect(page.getByTestId('problem-powerUsdPerKwh').textContent()).resolves.toMatch(/0 to 1/);
      await fillParam(page, 'powerUsdPerKwh', '0.04');
      done();
    } finally {
      await page.close();
    }
  });
});

describe('the heatmap by keyboard', () => {
  for (const size of SIZES) {
    it(`shows the cursor's readout beside its cell, on screen and announced (${size.width}×${size.height})`, async () => {
      const { page, done } = await open(size);
      try {
        const svg = heatmap(page).locator('svg').first();
        await svg.focus();
        const live = page.getByTestId('heatmap-live');
        await expect(live.getAttribute('aria-live')).resolves.toBe('polite');
        // The middle of the map, then its right edge, then its top-left corner: the readout stays on screen by the cell.
        for (const keys of [
          ['ArrowRight'],
          Array(6).fill('Shift+ArrowRight'),
          [...Array(12).fill('Shift+ArrowLeft'), ...Array(6).fill('Shift+ArrowUp')],
        ]) {
          for (const k of keys) await page.keyboard.press(k);
          const readout = live.getByTestId('heatmap-hover');
          await expect(readout.textContent()).resolves.toMatch(/Lease rate: \$[\d.]+\/kW-mo.*BTC price: \$[\d.]+k.*Δ NPV/);
          const r = await box(readout);
          const cell = await box(heatmap(page).locator('rect.cursor'));
          expect(r.x).toBeGreaterThanOrEqual(0);
          expect(r.y).toBeGreaterThanOrEqual(0);
          expect(r.x + r.width).toBeLessThanOrEqual(size.width);
          expect(r.y + r.height).toBeLessThanOrEqual(size.height);
          // Next to the cell: the gap between the two boxes is at most 12 px, across or down.
          const gapX = Math.max(0, r.x - (cell.x + cell.width), cell.x - (r.x + r.width));
          const gapY = Math.max(0, r.y - (cell.y + cell.height), cell.y - (r.y + r.height));
          expect(Math.max(gapX, gapY), JSON.stringify({ r, cell })).toBeLessThanOrEqual(12);
        }
        done();
      } finally {
        await page.close();
      }
    });
  }
});

describe('a clicked cell', () => {
  for (const size of SIZES) {
    it(`is read out by the map and "Use these values" sets both keys (${size.width}×${size.height})`, async () => {
      const { page, done } = await open(size);
      try {
        const canvas = await box(heatmap(page).locator('canvas'));
        await page.mouse.click(canvas.x + canvas.width * 0.3, canvas.y + canvas.height * 0.4);
        const chosen = page.getByTestId('cell-readout');
        await chosen.waitFor();
        await expect(chosen.textContent().then((t) => t?.replace(/\s+/g, ' '))).resolves.toMatch(
          /Chosen cell: Lease rate \$[\d.]+\/kW-mo · BTC price \$[\d.]+k · Δ NPV/,
        );
        const map = await box(heatmap(page).locator('svg').first());
        const c = await box(chosen);
        expect(c.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
        expect(c.y - (map.y + map.height)).toBeLessThan(80);
        await page.getByTestId('answer').locator('xpath=self::*[@data-source="cell"]').waitFor();
        const x = Number(await chosen.getAttribute('data-x'));
        const y = Number(await chosen.getAttribute('data-y'));
        // 30 % across 60–220 and 40 % down a log 30k–250k axis: about $108/kW-month and about $105k.
        expect(x).toBeGreaterThan(100);
        expect(x).toBeLessThan(116);
        expect(y).toBeGreaterThan(90_000);
        expect(y).toBeLessThan(120_000);
        const n = await runs(page);
        await page.getByTestId('use-cell').click();
        await expect(page.locator('[data-param="leaseUsdPerKwMonth"]').inputValue()).resolves.toBe(String(x));
        await expect(page.locator('[data-param="btcPriceUsd"]').inputValue()).resolves.toBe(String(y));
        await sweepDone(page, n);
        await page.getByTestId('detail').locator('xpath=self::*[@data-source="scenario"]').waitFor();
        await expect(chosen.count()).resolves.toBe(0);
        await expect
          .poll(() => page.getByTestId('answer').textContent())
          .toMatch(new RegExp(`^\\s*Pivoting 100 MW .* at \\$${Math.round(x)}/kW-month;`));
        done();
      } finally {
        await page.close();
      }
    });
  }
});
