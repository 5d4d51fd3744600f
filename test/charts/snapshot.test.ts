/** The snapshot helper itself (test/charts/snapshot.ts): a missing snapshot is written locally and fails under CI. */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectSnapshot, normalise, underCi } from './snapshot.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '__snapshots__');
const NAME = `helper-missing-${process.pid}`;
const FILE = join(DIR, `${NAME}.svg`);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path id="a" d="M0.123456 1"/></svg>';

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(FILE, { force: true });
  await rm(join(DIR, `${NAME}-changed.svg`), { force: true });
});

describe('expectSnapshot', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', true],
  ])('CI=%s counts as CI: %s', (value, ci) => {
    expect(underCi(value === undefined ? {} : { CI: value })).toBe(ci);
  });

  it('fails on a missing snapshot under CI, and writes nothing', async () => {
    vi.stubEnv('CI', 'true');
    await expect(expectSnapshot(NAME, SVG)).rejects.toThrow(`${NAME}.svg: no such snapshot; under CI`);
    expect(existsSync(FILE)).toBe(false);
  });

  it('writes a missing snapshot outside CI, then compares with it', async () => {
    vi.stubEnv('CI', '');
    await expectSnapshot(NAME, SVG);
    expect(await readFile(FILE, 'utf8')).toBe(normalise(SVG));
    vi.stubEnv('CI', 'true');
    await expectSnapshot(NAME, SVG);
    await expect(expectSnapshot(NAME, SVG.replace('M0', 'M5'))).rejects.toThrow(`${NAME}.svg differs`);
    expect(existsSync(join(DIR, `${NAME}-changed.svg`))).toBe(true);
  });
});
