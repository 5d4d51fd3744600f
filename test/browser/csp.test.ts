/**
 * The Content-Security-Policy (src/pwa/csp.ts): sent as a header by `vite preview` on the page and
 * on the files it loads, written as a <meta> into every built HTML page, with no 'unsafe-eval' and
 * no inline script; under it the explorer, its kernel workers with their WASM, the service worker
 * and the embed all work, and script put into the page by other means does not run.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiBase, apiOrigin } from '../../src/pwa/api-base.ts';
import { contentSecurityPolicy, cspDirectives } from '../../src/pwa/csp.ts';
import { ROOT, browserSuite, watchPage } from './harness.ts';

const suite = browserSuite();
const DIST = join(ROOT, process.env.HASHPIVOT_DIST ?? 'dist');
// The site's policy: the API base it was built with (a build setting) is its one extra connect-src origin.
const POLICY = contentSecurityPolicy({ connectOrigins: [apiOrigin(apiBase(process.env.HASHPIVOT_API_BASE))] });

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

/**
 * Opens `path` in a new page that records every CSP violation it reports from its first script
 * on; fails on any other problem of the page unless `allowProblems`.
 */
async function withWatchedPage(path: string, fn: (page: Page) => Promise<void>, allowProblems = false): Promise<void> {
  const page = await suite.browser.newPage();
  const watch = watchPage(page);
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    await page.goto(suite.preview.href(path), { waitUntil: 'load' });
    await fn(page);
    if (!allowProblems) expect(watch.problems).toEqual([]);
  } finally {
    watch.stop();
    await page.close();
  }
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

async function waitHeatmap(page: Page): Promise<void> {
  const settled = page.locator('[data-testid="heatmap"]:is([data-state="done"], [data-state="error"])').first();
  await settled.waitFor({ timeout: 45_000 });
  expect(await settled.getAttribute('data-state'), (await settled.textContent()) ?? '').toBe('done');
}

describe('the Content-Security-Policy', () => {
  it('allows WebAssembly but no eval, and scripts only from the site', () => {
    const d = cspDirectives();
    expect(POLICY).not.toMatch(/'unsafe-eval'/);
    expect(d['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d['worker-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    // 'unsafe-inline' only where style is concerned.
    for (const [name, sources] of Object.entries(d)) if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
    // An origin for fetching is one setting away, and only connect-src changes.
    const withApi = cspDirectives({ connectOrigins: ['https://api.example.org'] });
    expect(withApi['connect-src']).toEqual(["'self'", 'https://api.example.org']);
    expect({ ...withApi, 'connect-src': d['connect-src'] }).toEqual(d);
  });

  it('is a header on the page and on the files it loads in vite preview', async () => {
    const html = await (await fetch(suite.preview.href('/'))).text();
    const paths = ['/', '/?v=2&embed=1', '/sw.js', '/manifest.webmanifest'];
    for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) paths.push(m[1]!);
    const assets = await readdir(join(DIST, 'assets'));
    paths.push(...assets.filter((f) => f.endsWith('.wasm') || f.startsWith('kernel.worker')).map((f) => `/assets/${f}`));
    expect(paths.some((p) => p.includes('kernel.worker'))).toBe(true);
    for (const path of paths) {
      const response = await fetch(suite.preview.href(path));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toBe(POLICY);
      await response.arrayBuffer();
    }
  });

  it('is a meta element in every built HTML page, which has no inline script', async () => {
    const files = await htmlFiles(DIST);
    expect(files.map((f) => relative(DIST, f))).toContain('index.html');
    for (const file of files) {
      const html = await readFile(file, 'utf8');
      const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1]);
      expect(metas, file).toEqual([POLICY]);
      // Every <script> loads a file; none carries code of its own.
      for (const script of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(script[1], file).toMatch(/\ssrc="\/assets\//);
        expect(script[2]!.trim(), file).toBe('');
      }
      expect(html, file).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('the explorer computes under it (worker, WASM, service worker), and injected script does not run', () =>
    withWatchedPage(
      '/',
      async (page) => {
        await waitHeatmap(page);
        await page.locator('[data-testid="detail"][data-state="done"]').waitFor({ timeout: 45_000 });
        const active = await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
          return (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? null;
        });
        expect(active).toBe(suite.preview.href('/sw.js'));
        expect(await violations(page)).toEqual([]);

        // Script put into the page another way than the site's files is refused.
        const ran = await page.evaluate(async () => {
          const w = window as unknown as { __ran?: string[] };
          w.__ran = [];
          const inline = document.createElement('script');
          inline.textContent = 'window.__ran.push("inline")';
          document.body.append(inline);
          const img = document.createElement('div');
          img.innerHTML = '<img src="data:," onerror="window.__ran.push(\'handler\')">';
          document.body.append(img);
          try {
            setTimeout('window.__ran.push("string timer")', 0);
          } catch {
            // refused at once
          }
          await new Promise((r) => setTimeout(r, 300));
          return w.__ran;
        });
        expect(ran).toEqual([]);
        const refused = await violations(page);
        expect(refused.filter((v) => v.startsWith('script-src')).length).toBeGreaterThanOrEqual(2);
      },
      // The refused scripts are reported on the console by the browser.
      true,
    ));

  it('the embed computes under it', () =>
    withWatchedPage('/?v=2&embed=1', async (page) => {
      await waitHeatmap(page);
      expect(await violations(page)).toEqual([]);
    }));
});
