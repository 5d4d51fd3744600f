// The command line under careless or hostile input: non-finite results refused, problems capped
// and one a line, duplicate and repeated keys told, large grids streamed. In process through
// main(argv, io).
import { describe, expect, it } from 'vitest';
import { blockRows, streamSweep } from '../../src/cli/stream.ts';
import { main } from '../../src/cli/main.ts';
import { toJson } from '../../src/cli/output.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { createSweeper, sweepGrid } from '../../src/kernel/sweep.ts';
import { sweepCsv } from '../../src/model/csv.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateWithOverrides } from '../../src/model/scenario/set.ts';
import { axisValues, sweepInputs, type SweepSpec } from '../../src/model/sweep.ts';
import { runCli as cli, type CliRun } from '../helpers/cli.ts';

/** Exit 2, every stderr line non-empty, no stack trace, and each fragment on stderr. */
function expectFailure(run: CliRun, ...fragments: string[]) {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  for (const line of run.stderr.trimEnd().split('\n')) expect(line.trim().length).toBeGreaterThan(0);
  for (const f of fragments) expect(run.stderr).toContain(f);
}

describe('difficulty: never a non-finite number', () => {
  it.each(['0x00000000', '0x01000000', '0x1d000000', '0xff000000'])('a zero target (%s) is an error naming --bits', async (bits) => {
    const run = await cli(['difficulty', '--bits', bits]);
    expectFailure(run, `--bits: ${bits} is a zero target`);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a one-bit mantissa at the smallest exponent is still finite', async () => {
    // GetDifficulty: 0xffff / mantissa, times 256 for each exponent step below 29; mantissa 1 and
    // exponent 0 give 65535 · 256^29.
    const run = await cli(['difficulty', '--bits', '0x00000001']);
    expect(run.status).toBe(0);
    expect(Math.abs(Number(run.stdout) / (65535 * 256 ** 29) - 1)).toBeLessThan(1e-12);
  });
});

/** A scenario file of `count` unknown keys (about 36 bytes each). */
function unknownKeys(count: number): string {
  const parts = ['{"version": 2'];
  for (let i = 0; i < count; i++) parts.push(`,\n"unknownParameterNumber${i}": 1`);
  return `${parts.join('')}\n}`;
}

const stderrLines = (run: CliRun) => run.stderr.trimEnd().split('\n');

describe('problems: at most 20 listed, then how many more', () => {
  it('a file of 5,000 unknown keys lists 20 and counts the other 4,980, on stderr and in validate’s JSON', async () => {
    const run = await cli(['validate', '-'], unknownKeys(5000));
    expectFailure(run);
    const lines = stderrLines(run);
    expect(lines).toHaveLength(21);
    expect(lines.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `unknownParameterNumber${i}: unknown key`));
    expect(lines[20]).toBe('scenario: … and 4980 more problems not listed');
    const verdict = JSON.parse(run.stdout);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.map((p: { message: string }) => p.message)).toEqual(lines);
  });

  it('so does a --set list, counted with the file’s problems', async () => {
    const sets = Array.from({ length: 3000 }, (_, i) => ['--set', `unknownSetting${i}=1`]).flat();
    const run = await cli(['validate', '-', ...sets, '--set', 'siteMw=-1'], '{"version": 2, "siteMw": 5, "nope": 1}');
    const lines = stderrLines(run);
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('unknownSetting0: unknown key');
    // 3,000 unknown --set keys, the bad siteMw and the file's unknown key: 3,002 problems.
    expect(lines[20]).toBe('scenario: … and 2982 more problems not listed');
  });

  it('the first listed problems keep their "did you mean"', async () => {
    const run = await cli(['validate', '-'], '{"version": 2, "siteMW": 5}');
    expect(stderrLines(run)).toEqual(['siteMW: unknown key (did you mean siteMw?)']);
  });

  it('100,000 unknown keys (3.6 MB) take well under 4 s: no suggestion is searched for an unlisted key', async () => {
    // Each listed unknown key costs an edit distance against every known key; before the cap the
    // whole file took about 10 s this way (about 100 µs a key).
    const text = unknownKeys(100_000);
    const t0 = performance.now();
    const run = await cli(['validate', '-'], text);
    const ms = performance.now() - t0;
    expect(stderrLines(run)[20]).toBe('scenario: … and 99980 more problems not listed');
    expect(ms).toBeLessThan(4000);
  }, 30_000);
});

describe('one problem a line', () => {
  it('malformed JSON whose parser message quotes line breaks is one line', async () => {
    const run = await cli(['validate', '-'], '{"version": 2,\n"siteMw": x\n}');
    expectFailure(run, 'scenario: malformed JSON');
    expect(stderrLines(run)).toHaveLength(1);
  });

  it.each(['2.5', 'abc', '-1', '1e1', ''])('sweep --month=%s that is not a whole number is shown as typed, never as NaN', async (month) => {
    const run = await cli(
      ['sweep', '-', '--x', 'siteMw:1:2:2', '--y', 'btcPriceUsd:50000:60000:2', '--metric', 'hashprice', `--month=${month}`],
      '{"version": 2, "horizonYears": 2}',
    );
    expectFailure(run);
    // A 2-year horizon has months 1 to 24.
    expect(stderrLines(run)).toEqual([`--month: must be a whole number in [1, 24] (the horizon's months), got ${JSON.stringify(month)}`]);
    expect(run.stderr).not.toMatch(/NaN/);
    expect(run.stdout).toBe('');
  });

  it('an option followed by an argument that starts with a dash says how to give such a value, in one line', async () => {
    const negative = await cli(['best', '-', '--start', '0:1:2', '--share', '-5:10:2'], '{"version": 2}');
    expectFailure(negative);
    expect(stderrLines(negative)).toEqual([
      'hashpivot best: --share: no value (the next argument, "-5:10:2", starts with a dash; a value that does is written --share=-5:10:2); see `hashpivot best --help`',
    ]);
    const forgotten = await cli(['retarget', '--bits', '0x1d00ffff', '--first', '--last', '9']);
    expectFailure(forgotten, '--first: no value (the next argument, "--last", starts with a dash');
    expect(stderrLines(forgotten)).toHaveLength(1);
  });
});

describe('keys given twice', () => {
  it('a file that gives a key twice is a problem naming the key and its lines', async () => {
    const run = await cli(['validate', '-'], '{"version": 2,\n"siteMw": 5,\n"name": "a",\n"siteMw": 6}');
    expectFailure(run);
    expect(stderrLines(run)).toEqual(['siteMw: given 2 times in the file (lines 2 and 4); JSON keeps only the last, so give it once']);
  });

  it('reported with the file’s other problems; keys of nested objects are not top-level keys', async () => {
    const run = await cli(['evaluate', '-'], '{"version": 2, "version": 2, "siteMw": -1, "notes": {"a": 1, "a": 2}}');
    expect(stderrLines(run)).toEqual([
      'version: given 2 times in the file (lines 1 and 1); JSON keeps only the last, so give it once',
      expect.stringMatching(/^siteMw: expected a number from/),
      expect.stringMatching(/^notes: expected text/),
    ]);
  });

  it('a repeated --set keeps the last and says so on stderr', async () => {
    const twice = await cli(['evaluate', '-', '--set', 'siteMw=50', '--set', 'name=x', '--set', 'siteMw=80'], '{"version": 2}');
    const once = await cli(['evaluate', '-', '--set', 'name=x', '--set', 'siteMw=80'], '{"version": 2}');
    expect(once).toMatchObject({ status: 0, stderr: '' });
    expect(twice.status).toBe(0);
    expect(twice.stderr).toBe('siteMw: given 2 times with --set; the last ("siteMw=80") is used\n');
    expect(twice.stdout).toBe(once.stdout);
  });

  it('an option of one value given again (--preset, --format) keeps the last and says so on stderr', async () => {
    const twice = await cli([
      'evaluate',
      '--preset',
      'low-cost-miner-abroad',
      '--format',
      'json',
      '--preset',
      'cipher-aws-2025',
      '--format',
      'csv',
    ]);
    const once = await cli(['evaluate', '--preset', 'cipher-aws-2025', '--format', 'csv']);
    expect(once).toMatchObject({ status: 0, stderr: '' });
    expect(twice.status).toBe(0);
    expect(stderrLines(twice)).toEqual([
      '--preset: given 2 times; the last ("cipher-aws-2025") is used',
      '--format: given 2 times; the last ("csv") is used',
    ]);
    expect(twice.stdout).toBe(once.stdout);
    // --set is repeatable by design: a different key each time says nothing.
    const sets = await cli(['validate', '-', '--set', 'siteMw=80', '--set', 'name=x'], '{"version": 2}');
    expect(sets).toMatchObject({ status: 0, stderr: '' });
  });

  it('a negative number where an argument was meant says to give it after --, where it meets the range', async () => {
    const run = await cli(['subsidy', '-1']);
    expectFailure(run, 'hashpivot subsidy: unknown option -1 (a negative number is given after --: hashpivot subsidy -- -1)');
    expectFailure(await cli(['subsidy', '--', '-1']), '<height>: expected a whole number from 0');
    // An unknown option that is not a number says only that.
    expect((await cli(['subsidy', '-x'])).stderr).not.toContain('negative number');
  });

  it('an unknown key given twice with --set is one problem', async () => {
    const run = await cli(['validate', '-', '--set', 'zzzzzzzz=1', '--set', 'zzzzzzzz=2'], '{"version": 2}');
    expect(stderrLines(run)).toEqual(['zzzzzzzz: unknown key']);
  });
});

describe('sweep: the grid streamed a block of rows at a time', () => {
  const spec = (nx: number, ny: number): SweepSpec => ({
    x: { key: 'leaseUsdPerKwMonth', min: 60, max: 220, n: nx, log: false },
    y: { key: 'btcPriceUsd', min: 30_000, max: 250_000, n: ny, log: true },
    metric: 'delta',
    month: 1,
  });
  const axisArgs = (s: SweepSpec) => ['--x', `leaseUsdPerKwMonth:60:220:${s.x.n}`, '--y', `btcPriceUsd:30000:250000:${s.y.n}:log`];

  /** The grid as the kernel computes it whole, printed whole (what the CLI printed before streaming). */
  function whole(s: SweepSpec, horizonYears: number) {
    const r = validateWithOverrides({ version: 2 }, [`horizonYears=${horizonYears}`]);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const base = sweepInputs(resolveInputs(r.scenario), { hashrateEhs: false, epochElapsedSeconds: false });
    const grid = sweepGrid(createSweeper(loadKernelSync()), base, s);
    const cells = Array.from(grid, (v) => (Number.isFinite(v) ? v : null));
    return {
      csv: sweepCsv(s, grid),
      json: toJson({
        x: { key: s.x.key, values: [...axisValues(s.x)] },
        y: { key: s.y.key, values: [...axisValues(s.y)] },
        metric: s.metric,
        values: cells,
      }),
    };
  }

  it('prints exactly the whole grid’s CSV and JSON, on one block and across blocks (2048 × 40: 32 rows, then 8)', async () => {
    expect(blockRows(2048)).toBe(32);
    for (const s of [spec(3, 4), spec(2048, 40)]) {
      const want = whole(s, 1);
      const args = ['sweep', '-', ...axisArgs(s), '--metric', 'delta', '--set', 'horizonYears=1'];
      const csv = await cli(args, '{"version": 2}');
      expect(csv.stderr).toBe('');
      expect(csv.stdout).toBe(want.csv);
      const json = await cli([...args, '--format', 'json'], '{"version": 2}');
      expect(json.stdout).toBe(want.json);
    }
  }, 60_000);

  it('text of none, negative, tiny and huge values as sweepCsv and JSON.stringify write them, across blocks', async () => {
    const s = spec(5, 100_000); // 13,108 rows a block: 8 blocks
    const cell = (c: number) => [NaN, -0, 1e-300, -1.5e21, 0.1 + 0.2, Infinity, c][c % 7];
    const grid = Float64Array.from({ length: 5 * 100_000 }, (_, c) => cell(c));
    let csv = '';
    await streamSweep(s, 'csv', (a, b) => grid.slice(a * 5, b * 5), { write: (t) => void (csv += t) });
    expect(csv).toBe(sweepCsv(s, grid));
    let json = '';
    await streamSweep(s, 'json', (a, b) => grid.slice(a * 5, b * 5), { write: (t) => void (json += t) });
    expect(json).toBe(
      toJson({
        x: { key: s.x.key, values: [...axisValues(s.x)] },
        y: { key: s.y.key, values: [...axisValues(s.y)] },
        metric: s.metric,
        values: Array.from(grid),
      }),
    );
  });

  it('a 2048 × 2048 grid never holds more than a block: each block is written and drained before the next is computed', async () => {
    const s = spec(2048, 2048);
    let pending = false;
    let asked = 0;
    let biggest = 0;
    let bytes = 0;
    const progress: number[] = [];
    await streamSweep(
      s,
      'csv',
      (start, end) => {
        // A block is asked for only once the previous one has drained, and holds at most 32 rows.
        expect(pending).toBe(false);
        expect(end - start).toBeLessThanOrEqual(32);
        asked += end - start;
        return new Float64Array((end - start) * 2048).fill(1.25);
      },
      {
        write(text) {
          biggest = Math.max(biggest, text.length);
          bytes += text.length;
          pending = true;
          return new Promise<void>((resolve) =>
            setImmediate(() => {
              pending = false;
              resolve();
            }),
          );
        },
        progress: (done) => void progress.push(done),
      },
    );
    expect(asked).toBe(2048);
    expect(progress).toHaveLength(64);
    expect(progress.at(-1)).toBe(2048);
    // The whole CSV is 4,194,304 lines (≈ 170 MB here); each write is one block, a 64th of it.
    expect(bytes).toBeGreaterThan(4_194_304 * 20);
    expect(biggest).toBeLessThan(bytes / 60);
  }, 60_000);

  it('progress goes to stderr only when it is a terminal, and is cleared at the end', async () => {
    // 2048 × 40 cells: a block of 32 rows, then one of 8. On a terminal, progress after the first
    // block (32 of 40 rows, 80 %), then the line cleared; stdout the same either way.
    const args = ['sweep', '-', ...axisArgs(spec(2048, 40)), '--metric', 'delta', '--set', 'horizonYears=1'];
    let stderr = '';
    let stdout = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
      stdin: async () => '{"version": 2}',
    };
    expect(await main(args, io)).toBe(0);
    expect(stderr).toBe('');
    const piped = stdout;
    stdout = '';
    expect(await main(args, { ...io, stderrIsTTY: true })).toBe(0);
    expect(stdout).toBe(piped);
    expect(stderr).toBe('\rsweep: 32 of 40 rows (80 %)\r\x1b[2K');
  }, 30_000);
});
