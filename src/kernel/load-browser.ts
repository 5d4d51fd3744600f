/**
 * Loading the kernel in a browser page or worker. Vite emits the .wasm files as assets (never
 * inlined: see vite.config.ts) and rewrites these URLs to the hashed names.
 */
import { instantiate, simdSupported, type KernelExports } from './wasm.ts';

function kernelUrl(simd: boolean): URL {
  // Two literal `new URL(...)` calls, not one with a variable name: Vite only sees literals.
  return simd
    ? new URL('../../build/kernel/release-simd.wasm', import.meta.url)
    : new URL('../../build/kernel/release.wasm', import.meta.url);
}

async function compile(url: URL): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`hashpivot: cannot fetch ${url.pathname}: HTTP ${response.status}`);
  // compileStreaming needs the application/wasm content type; fall back when a server omits it.
  if (response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

let kernel: Promise<KernelExports> | undefined;

/** The one kernel instance of this page or worker, compiled and instantiated on first use. */
export function loadKernel(): Promise<KernelExports> {
  if (!kernel) {
    const loading = compile(kernelUrl(simdSupported())).then(instantiate);
    // A failed load is not cached: the next call tries again.
    loading.catch(() => {
      if (kernel === loading) kernel = undefined;
    });
    kernel = loading;
  }
  return kernel;
}
