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
