// A kernel that cannot load (its .wasm answers 404) must show up as an error in the explorer,
// with the reason in words: never a blank or half-drawn heatmap, never NaN on the screen.
import { describe, expect, it } from 'vitest';
import { browserSuite, watchPage } from './harness.ts';

const suite = browserSuite();

describe('the explorer when the kernel cannot load', () => {
  it('puts the heatmap and the detail in their error state, says why, and prints no NaN', async () => {
    const page = await suite.browser.newPage();
    const watch = watchPage(page);
    try {
      await page.context().route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
      await page.goto(suite.preview.href('/?v=2'), { waitUntil: 'load' });
      const heatmap = page.getByTestId('heatmap');
      await page.locator('[data-testid="heatmap"][data-state="error"]').waitFor({ timeout: 30_000 });
      const status = (await page.getByTestId('heatmap-status').textContent()) ?? '';
      expect(status.trim().length).toBeGreaterThan(10);
      expect(status).toMatch(/kernel|wasm|WebAssembly|load|fetch|404/i);
      // No picture pretends to be a result: the breakeven line is not drawn from an empty grid.
      expect(await heatmap.getAttribute('data-state')).toBe('error');
      await page.locator('[data-testid="detail"][data-state="error"]').waitFor({ timeout: 30_000 });
      const text = (await page.locator('body').innerText()) ?? '';
      expect(text).not.toMatch(/\bNaN\b|Infinity/);
      // The problems the page met are the missing kernel's, and nothing else.
      expect(watch.problems.length).toBeGreaterThan(0);
      for (const p of watch.problems) expect(p).toMatch(/wasm|kernel|404|WebAssembly|worker/i);
    } finally {
      watch.stop();
      await page.context().unroute('**/*.wasm');
      await page.close();
    }
  });
});
