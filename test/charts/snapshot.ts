/**
 * Chart snapshots as Observable Plot keeps them: the SVG normalised (long decimals rounded, ids
 * renumbered, one element a line) and compared with a file under __snapshots__/. A missing
 * snapshot is written, except under CI (CI set in the environment), where it fails: CI checks the
 * committed snapshots and never makes its own. A different one fails and writes
 * `<name>-changed.svg` beside it to compare.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '__snapshots__');

/** Whether the tests run under CI: the CI variable set, and not to "false" or "0". */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

export function normalise(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `id-${ids.size + 1}`);
  let out = svg.replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${ids.get(id)}"`);
  out = out.replace(/(url\(#|href="#)([^)"]+)/g, (all, pre: string, id: string) => (ids.has(id) ? `${pre}${ids.get(id)}` : all));
  out = out.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100));
  return out.replace(/></g, '>\n<') + '\n';
}

export async function expectSnapshot(name: string, svg: string): Promise<void> {
  const actual = normalise(svg);
  const file = join(DIR, `${name}.svg`);
  const changed = join(DIR, `${name}-changed.svg`);
  if (!existsSync(file)) {
    if (underCi()) {
      throw new Error(
        `${name}.svg: no such snapshot; under CI a missing snapshot fails instead of being written (run the test without CI and commit __snapshots__/${name}.svg)`,
      );
    }
    await mkdir(DIR, { recursive: true });
    await writeFile(file, actual);
    return;
  }
  const expected = await readFile(file, 'utf8');
  if (expected === actual) {
    await rm(changed, { force: true });
    return;
  }
  await writeFile(changed, actual);
  expect(actual, `${name}.svg differs; see ${name}-changed.svg`).toBe(expected);
}
