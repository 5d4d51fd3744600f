/**
 * Instantiating the AssemblyScript kernel, wherever it runs. The kernel needs no bindings: it
 * takes and returns plain numbers and exchanges arrays through buffers in its linear memory.
 */
export type KernelVariant = 'release' | 'release-simd' | 'debug';

/**
 * The kernel's exports, typed by the compiler itself: asc writes build/kernel/release.d.ts beside
 * the release build (asconfig.json's `bindings`), so a renamed or retyped kernel function breaks
 * the TS build. Every build exports the same names. The raw instance is used, not the bindings'
 * adapters: a `u32` result arrives as a signed number (read it with `>>> 0`).
 */
export type KernelExports = Awaited<ReturnType<typeof import('../../build/kernel/release.js').instantiate>>;

/** Reads an AssemblyScript string (UTF-16, byte length stored just before it). */
function readString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}

export function kernelImports(getMemory: () => WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: {
      abort(msg: number, file: number, line: number, column: number) {
        const m = getMemory();
        throw new Error(`kernel abort: ${readString(m, msg)} at ${readString(m, file)}:${line}:${column}`);
      },
    },
  };
}

export function instantiateSync(module: WebAssembly.Module): KernelExports {
  let memory: WebAssembly.Memory | undefined;
  const instance = new WebAssembly.Instance(
    module,
    kernelImports(() => memory!),
  );
  const exports = instance.exports as unknown as KernelExports;
  memory = exports.memory;
  return exports;
}

export async function instantiate(module: WebAssembly.Module): Promise<KernelExports> {
  let memory: WebAssembly.Memory | undefined;
  const instance = await WebAssembly.instantiate(
    module,
    kernelImports(() => memory!),
  );
  const exports = instance.exports as unknown as KernelExports;
  memory = exports.memory;
  return exports;
}

/** A minimal module using one f64x2 instruction: validates only where WASM SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

export function simdSupported(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}
