/** Loading the kernel in Node: reads build/kernel/<variant>.wasm from the project root. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createModel } from './facade.ts';
import { instantiateSync, simdSupported, type KernelExports, type KernelVariant } from './wasm.ts';

/** The folder holding asconfig.json, found upwards from this file (src/ or its compiled copy). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'asconfig.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('hashpivot: cannot find the project root (asconfig.json)');
    dir = up;
  }
  return dir;
}

const modules = new Map<KernelVariant, WebAssembly.Module>();

/** A fresh kernel instance (own memory) of the given build; the compiled module is cached. */
export function loadKernelSync(variant: KernelVariant = simdSupported() ? 'release-simd' : 'release'): KernelExports {
  let module = modules.get(variant);
  if (!module) {
    const file = join(projectRoot(), 'build', 'kernel', `${variant}.wasm`);
    if (!existsSync(file)) throw new Error(`hashpivot: ${file} is missing; run \`npm run build:kernel\``);
    module = new WebAssembly.Module(readFileSync(file));
    modules.set(variant, module);
  }
  return instantiateSync(module);
}

/** The model on a fresh kernel instance, for the CLI and the tests. */
export function createNodeModel(variant?: KernelVariant) {
  return createModel(loadKernelSync(variant));
}
