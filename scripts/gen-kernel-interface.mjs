// Writes assembly/generated/interface.ts from the kernel interface the TS side defines
// (src/model/kernel-interface.ts, compiled to build/gen by `tsc -p tsconfig.gen.json`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { assemblyScriptInterface } = await import(join(root, 'build/gen/src/model/kernel-interface.js'));
const out = join(root, 'assembly/generated/interface.ts');
const text = assemblyScriptInterface();
let old = '';
try {
  old = readFileSync(out, 'utf8');
} catch {
  // first run
}
if (old !== text) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`gen-kernel-interface: wrote ${out}`);
}
