import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import { API_BASE_SETTING, apiBase, apiOrigin } from './src/pwa/api-base.ts';
import { contentSecurityPolicy, cspMetaTag } from './src/pwa/csp.ts';

// The public API "today's network" reads: one build setting, built into the page and allowed, as its
// one extra origin, in the policy (src/pwa/api-base.ts).
const API_BASE = apiBase(process.env[API_BASE_SETTING]);

// The one Content-Security-Policy (src/pwa/csp.ts): a header from `vite preview`, a <meta> in the
// built HTML for hosts that send no header.
const CSP = contentSecurityPolicy({ connectOrigins: [apiOrigin(API_BASE)] });

/** Writes the policy into every built HTML page, right after its charset. */
function cspMeta(policy: string): Plugin {
  return {
    name: 'hashpivot-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const charset = /<meta charset="utf-8" \/>/i;
        if (!charset.test(html)) throw new Error(`${ctx.filename}: no <meta charset="utf-8" /> to put the Content-Security-Policy after`);
        return html.replace(charset, (m) => `${m}\n    ${cspMetaTag(policy)}`);
      },
    },
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    cspMeta(CSP),
    // The installable, offline explorer. Every file of a build — HTML, JS chunks, the worker,
    // both .wasm kernels, icons — is precached by the generated service worker, each with
    // its revision. Why an old page never runs new WASM, nor a new page old WASM: Vite names every
    // asset after its content hash (assets/release-simd-<hash>.wasm), and a worker chunk only asks
    // for the .wasm URL built into it; a new deployment's service worker installs beside the old one
    // and WAITS ('prompt': no skipWaiting, no clientsClaim), so an open page keeps being served the
    // old build's files, a complete and consistent set, from the old precache until the user takes
    // the offered reload (src/pwa/register.ts); then the new worker activates, every open explorer
    // reloads onto the new HTML, and the old precache is deleted (cleanupOutdatedCaches).
    VitePWA({
      registerType: 'prompt',
      // Registration is the explorer's own code (src/pwa/register.ts), never a script injected into
      // index.html: the embed (`?embed=1`, the same page) must not install the precache into every
      // reader's browser, so it never registers.
      injectRegister: false,
      // globPatterns below already takes every file of static/ (icons included): listing them
      // again would only repeat precache entries.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'hashpivot',
        short_name: 'hashpivot',
        description:
          'Should a Bitcoin miner pivot its megawatts to AI/HPC hosting? Exact consensus math and pivot economics, computed in your browser, offline too.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        // One pair in the manifest (the icon's dark tile); per-scheme colours for the browser's
        // chrome belong in index.html as <meta name="theme-color" media="(prefers-color-scheme: …)">.
        theme_color: '#1d2433',
        background_color: '#1d2433',
        categories: ['finance', 'productivity', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The web manifest is added by the plugin itself.
        globPatterns: ['**/*.{html,js,css,wasm,svg,png,ico}'],
        // Any navigation (a shared link's ?v=2&…, or an old ?v=1&…) is the explorer's page, offline too.
        navigateFallback: '/index.html',
        cleanupOutdatedCaches: true,
        // The kernels are a few hundred KB; leave room so a larger build is still precached.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  publicDir: 'static',
  define: { 'import.meta.env.HASHPIVOT_API_BASE': JSON.stringify(API_BASE) },
  // The asc bindings and our workers use top-level await and ES modules.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // A .wasm inlined as a data: URL leaves the service worker no file to precache.
    assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
  },
  preview: { host: '127.0.0.1', headers: { 'Content-Security-Policy': CSP } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/**/*.svelte.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The runes classes (src/state/*.svelte.ts) in Node, compiled and run as in the browser:
        // Svelte's client runtime, so deriveds are cached and effects run (test/helpers/runes-environment.ts).
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'runes',
          include: ['test/**/*.svelte.test.ts'],
          exclude: ['test/browser/**'],
          environment: './test/helpers/runes-environment.ts',
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Each browser test file runs a preview server and a Chromium: after the unit tests, one
        // file at a time, so two cores are not shared by several browsers.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          // A poll waits on the page's workers, chunks and frames: on a loaded 2-core machine a
          // second (the default) is not enough; a poll that needs less says so itself.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
