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
