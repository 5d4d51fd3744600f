import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  publicDir: 'static',
  // The asc bindings and our workers use top-level await and ES modules.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // A .wasm inlined as a data: URL leaves the service worker no file to precache.
    assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
  },
  preview: { host: '127.0.0.1' },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'], sequence: { groupOrder: 0 } },
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
        },
      },
    ],
  },
});
