/**
 * The built site in Chromium: the page loads, the worker pool loads the WASM kernel and projects
 * the default scenario (the detail view's network figures), and nothing on the way logs an error.
 */
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './harness.ts';

const suite = browserSuite();

describe('smoke', () => {
  it('serves the page on 127.0.0.1', async () => {
    expect(new URL(suite.preview.url).hostname).toBe('127.0.0.1');
    const response = await fetch(suite.preview.href('/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>hashpivot</title>');
  });

  it('projects the default scenario in the kernel worker', async () => {
    const requested: string[] = [];
    // The page's and its workers' requests; the service worker precaches both builds on its own.
    const onRequest = (request: Request) => {
      if (!request.serviceWorker()) requested.push(request.url());
    };
    suite.browser.context.on('request', onRequest);
    await suite.withPage('/', async (page) => {
      await expect(page.title()).resolves.toBe('hashpivot');
      await expect(page.locator('h1').textContent()).resolves.toBe('hashpivot');

      const figure = page.getByTestId('projected-figure');
      await figure.locator('xpath=self::*[@data-state="done" or @data-state="error"]').waitFor({ timeout: 30_000 });
      const state = await figure.getAttribute('data-state');
      expect(state, `the page reports: ${await figure.textContent()}`).toBe('done');

      const hashprice = Number(await page.getByTestId('hashprice').getAttribute('data-value'));
      expect(Number.isFinite(hashprice)).toBe(true);
      expect(hashprice).toBeGreaterThan(0);
      await expect(page.getByTestId('hashprice').textContent()).resolves.toMatch(/^\s*\$[\d,]+\.\d\d\/PH\/day\s*$/);

      const halving = await page.getByTestId('halving-date').textContent();
      expect(halving).toMatch(/^\d{4}-\d\d-\d\d$/);
    });
    suite.browser.context.off('request', onRequest);
    // One kernel build, fetched from this server (release-simd where SIMD validates); the worker
    // pool may fetch it once a worker, as many workers as the machine has cores less one.
    const kernels = requested.filter((url) => url.endsWith('.wasm'));
    expect(kernels.length).toBeGreaterThanOrEqual(1);
    expect(new Set(kernels).size).toBe(1);
    expect(kernels[0]!.startsWith(suite.preview.href('/assets/release'))).toBe(true);
  });
});
