// The command line under careless or hostile input: non-finite results refused, problems capped
// and one a line, duplicate and repeated keys told, large grids streamed. In process through
// main(argv, io).
import { describe, expect, it } from 'vitest';
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

  it('an unknown key given twice with --set is one problem', async () => {
    const run = await cli(['validate', '-', '--set', 'zzzzzzzz=1', '--set', 'zzzzzzzz=2'], '{"version": 2}');
    expect(stderrLines(run)).toEqual(['zzzzzzzz: unknown key']);
  });
});
