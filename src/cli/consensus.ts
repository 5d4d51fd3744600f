/** `subsidy`, `retarget` and `difficulty`: Bitcoin Core's exact consensus math, from the kernel. */
import { createConsensus } from '../kernel/consensus.ts';
import { loadKernelSync } from '../kernel/load-node.ts';
import { CliError, stringOption, type Command, type Values } from './args.ts';

function consensus() {
  return createConsensus(loadKernelSync());
}

const MAX_HEIGHT = (1n << 63n) - 1n;

function parseHeight(text: string | undefined): bigint {
  if (text === undefined) throw new CliError('<height>: missing; usage: hashpivot subsidy <height>');
  if (!/^\d+$/.test(text) || BigInt(text) > MAX_HEIGHT) {
    throw new CliError(`<height>: expected a whole number from 0 to ${MAX_HEIGHT}, got ${JSON.stringify(text)}`);
  }
  return BigInt(text);
}

function parseBits(values: Values, usage: string): number {
  const text = stringOption(values, 'bits');
  if (text === undefined) throw new CliError(`--bits: missing; usage: ${usage}`);
  if (!/^0[xX][0-9a-fA-F]{1,8}$/.test(text)) {
    throw new CliError(`--bits: expected 0x followed by 1 to 8 hex digits (compact nBits), got ${JSON.stringify(text)}`);
  }
  return parseInt(text.slice(2), 16);
}

function parseTime(values: Values, name: 'first' | 'last', usage: string): number | CliError {
  const text = stringOption(values, name);
  if (text === undefined) return new CliError(`--${name}: missing; usage: ${usage}`);
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) {
    return new CliError(
      `--${name}: expected a whole number of seconds since 1970-01-01 (a block's Unix time), got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

export const subsidyCommand: Command = {
  name: 'subsidy',
  summary: 'block subsidy at a height, in satoshis',
  help: `Usage: hashpivot subsidy <height>

Prints the block subsidy at <height> in satoshis, as Bitcoin Core's GetBlockSubsidy computes it
(e.g. 312500000 at height 840000).`,
  options: {},
  maxPositionals: 1,
  run({ positionals, io }) {
    const height = parseHeight(positionals[0]);
    io.stdout(`${consensus().subsidySats(height)}\n`);
  },
};

const RETARGET_USAGE = 'hashpivot retarget --bits 0x… --first <unix s> --last <unix s>';

export const retargetCommand: Command = {
  name: 'retarget',
  summary: 'next compact target (nBits) at a retarget',
  help: `Usage: ${RETARGET_USAGE}

Prints the nBits of the first block of the next epoch, as 0x and 8 lowercase hex digits, from
the epoch's nBits and the times of its first and last blocks (Bitcoin Core's
CalculateNextWorkRequired: 2015 intervals, clamped to [302400, 4838400] s, capped at powLimit).

Options:
  --bits 0x…          the epoch's compact target, e.g. 0x1d00ffff
  --first <unix s>    time of the epoch's first block
  --last <unix s>     time of the epoch's last block`,
  options: { bits: { type: 'string' }, first: { type: 'string' }, last: { type: 'string' } },
  maxPositionals: 0,
  run({ values, io }) {
    const problems: string[] = [];
    let bits = 0;
    try {
      bits = parseBits(values, RETARGET_USAGE);
    } catch (e) {
      problems.push(...(e as CliError).lines);
    }
    const first = parseTime(values, 'first', RETARGET_USAGE);
    const last = parseTime(values, 'last', RETARGET_USAGE);
    for (const t of [first, last]) if (t instanceof CliError) problems.push(...t.lines);
    if (problems.length > 0) throw new CliError(problems);
    const next = consensus().retargetBits(bits, first as number, last as number);
    io.stdout(`0x${next.toString(16).padStart(8, '0')}\n`);
  },
};

export const difficultyCommand: Command = {
  name: 'difficulty',
  summary: 'difficulty of a compact target (nBits)',
  help: `Usage: hashpivot difficulty --bits 0x…

Prints the difficulty of a compact target as Bitcoin Core's GetDifficulty computes it (a double).
A zero target (mantissa, the low 6 hex digits, all zero) has no finite difficulty and is an error.

Options:
  --bits 0x…          compact target, e.g. 0x1d00ffff (difficulty 1)`,
  options: { bits: { type: 'string' } },
  maxPositionals: 0,
  run({ values, io }) {
    const bits = parseBits(values, 'hashpivot difficulty --bits 0x…');
    const difficulty = consensus().difficultyFromBits(bits);
    if (!Number.isFinite(difficulty)) {
      const text = stringOption(values, 'bits') as string;
      throw new CliError(
        `--bits: ${text} is a zero target (its mantissa, the low 6 hex digits, is 0), which has no finite difficulty; ` +
          'expected a nonzero mantissa, e.g. 0x1d00ffff',
      );
    }
    io.stdout(`${difficulty}\n`);
  },
};
