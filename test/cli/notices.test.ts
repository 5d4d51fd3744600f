// Migration notices on the command line: what migrating a version-1 scenario changed beyond writing
// its values (an epochElapsedSeconds on an epoch's last block, dropped) is said on stderr, one a
// line; the exit code and stdout are those of the same scenario without the dropped key.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { runCli as cli } from '../helpers/cli.ts';
import { PRESETS_V1 } from '../helpers/presets-v1.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// 931,391 = 2016 · 462 − 1: the last block of an epoch, where version 1 did not use epochElapsedSeconds.
const LAST_BLOCK = 931_391;
const v1File = { version: 1, siteMw: 120, startHeight: LAST_BLOCK, epochElapsedSeconds: 600_000 };
const { epochElapsedSeconds: _dropped, ...v1Without } = v1File;

/** validateScenario's notices for a scenario, one line each, as the CLI prints them. */
function noticeLines(raw: unknown): string {
  const r = validateScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  expect(r.notices?.length).toBeGreaterThan(0);
  return r.notices!.map((n) => `${n.message}\n`).join('');
}

describe('migration notices', () => {
  it.each([['evaluate'], ['project'], ['validate'], ['best', '--share', '0:100:3', '--start', '0:2:3']])(
    '%s prints them on stderr, one a line, with the exit code and stdout of the scenario without the dropped key',
    async (...args) => {
      const notices = noticeLines(v1File);
      expect(notices).toMatch(/^epochElapsedSeconds: dropped: startHeight \(931391\) is an epoch's last block/);
      expect(notices.split('\n')).toHaveLength(2);
      const run = await cli([...args, '-'], JSON.stringify(v1File));
      const clean = await cli([...args, '-'], JSON.stringify(v1Without));
      expect(clean).toMatchObject({ status: 0, stderr: '' });
      expect(run.status).toBe(0);
      expect(run.stderr).toBe(notices);
      expect(run.stdout).toBe(clean.stdout);
    },
  );

  it('sweep and --set too: a preset’s version-1 file moved onto an epoch’s last block', async () => {
    const sweep = ['sweep', '-', '--x', 'leaseUsdPerKwMonth:100:160:3', '--y', 'siteMw:50:150:2', '--metric', 'delta'];
    const file = JSON.stringify(PRESETS_V1['low-cost-miner-abroad']);
    const sets = ['--set', `startHeight=${LAST_BLOCK}`];
    const run = await cli([...sweep, ...sets, '--set', 'epochElapsedSeconds=1200'], file);
    const clean = await cli([...sweep, ...sets], file);
    expect(clean).toMatchObject({ status: 0, stderr: '' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^epochElapsedSeconds: dropped: [^\n]*\n$/);
    expect(run.stdout).toBe(clean.stdout);
  });

  it('a scenario with problems exits 2 with its problems only; a version-2 file gets no notice but the error', async () => {
    const bad = await cli(['evaluate', '-'], JSON.stringify({ ...v1File, siteMw: -1 }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^siteMw: expected/);
    expect(bad.stderr).not.toContain('dropped');
    const v2 = await cli(['evaluate', '-'], JSON.stringify({ ...v1File, version: 2 }));
    expect(v2.status).toBe(2);
    expect(v2.stderr).toMatch(/^epochElapsedSeconds: not used when startHeight \(931391\)/);
  });

  it('node bin/hashpivot.mjs: the notice on stderr, the figures on stdout, exit 0', () => {
    const run = spawnSync(process.execPath, ['bin/hashpivot.mjs', 'evaluate', '-'], {
      cwd: ROOT,
      input: JSON.stringify(v1File),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe(noticeLines(v1File));
    expect(JSON.parse(run.stdout)).toHaveProperty('delta');
  });
});
