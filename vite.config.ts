import { defineConfig } from 'vite';
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
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
