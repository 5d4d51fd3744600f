/** What the browser tests do on the explorer's page, in one place: read its heatmap, wait for its sweeps, type parameters. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const heatmap = (page: Page) => page.getByTestId('heatmap');

/** How many sweeps the heatmap has started. */
export async function runs(page: Page): Promise<number> {
  return Number(await heatmap(page).getAttribute('data-run'));
}

/** Waits until a sweep newer than `after` is done (or failed: then the test fails with its message). */
export async function sweepDone(page: Page, after = 0): Promise<void> {
  await page.waitForFunction(
    (after) => {
      const el = document.querySelector('[data-testid="heatmap"]');
      const state = el?.getAttribute('data-state');
      return Number(el?.getAttribute('data-run')) > after && (state === 'done' || state === 'error');
    },
    after,
    { timeout: 45_000 },
  );
  const state = await heatmap(page).getAttribute('data-state');
  expect(state, (await page.getByTestId('heatmap-status').textContent()) ?? '').toBe('done');
}

/** Types a value into a parameter's number input, opening its group first. */
export async function fillParam(page: Page, key: string, value: string): Promise<void> {
  const input = page.locator(`[data-param="${key}"]`);
  await input.evaluate((el) => {
    const group = el.closest('details');
    if (group) group.open = true;
  });
  await input.fill(value);
}

/**
 * Text of the new parts against what is behind it: every element with its own text inside `root`,
 * its colour against the first opaque background up its ancestors, WCAG contrast ratio. Returns
 * those under `min`.
 */
export async function lowContrast(page: Page, root: string, min = 4.5): Promise<string[]> {
  return page.evaluate(
    ({ root, min }) => {
      const parse = (c: string) => {
        const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(c);
        return m ? { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], a: m[4] === undefined ? 1 : Number(m[4]) } : null;
      };
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const background = (el: Element | null): number[] => {
        for (; el; el = el.parentElement) {
          const c = parse(getComputedStyle(el).backgroundColor);
          if (c && c.a >= 0.99) return c.rgb;
        }
        return [255, 255, 255];
      };
      const bad: string[] = [];
      for (const scope of document.querySelectorAll(root)) {
        for (const el of scope.querySelectorAll('*')) {
          const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
          const box = el.getBoundingClientRect();
          if (!own || box.width === 0 || el.closest('svg')) continue;
          const fg = parse(getComputedStyle(el).color)!.rgb;
          const [a, b] = [lum(fg), lum(background(el))];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < min) bad.push(`${el.tagName.toLowerCase()} "${el.textContent!.trim().slice(0, 40)}": ${ratio.toFixed(2)}`);
        }
      }
      return bad;
    },
    { root, min },
  );
}

export const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
