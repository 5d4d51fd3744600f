/**
 * The command line's argument parsing under generated command lines, in process (main(argv, io)):
 * every command with its own options (read from its definition), right and wrong values, repeated
 * and unknown options, files and stdin holding valid or broken scenarios. main never throws; a
 * failure is exit code 2 with each stderr line naming the option, argument or key at fault; a
 * success prints JSON or CSV with no NaN or Infinity.
 *
 * The model's commands would run the WASM kernel once their arguments pass: here the kernel's
 * model and sweeper are stubs that throw KERNEL_REACHED, so a command line that gets that far is
 * known to have passed every check (and nothing else may have been reported), at no model cost.
 * The consensus commands (subsidy, retarget, difficulty) run the real kernel: it is cheap.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMANDS, main } from '../../src/cli/main.ts';
import { PRESETS } from '../../src/model/presets.ts';
import { MODEL_KEYS, SCENARIO_KEYS } from '../../src/model/registry/index.ts';
import { scenarioFromText } from '../../src/model/scenario/set.ts';
import { METRICS } from '../../src/model/sweep.ts';
import { formatAxis } from '../../src/model/url/write.ts';
import {
  anyJson,
  badKey,
  badValue,
  numberText,
  runs,
  text,
  timeout,
  validAxis,
  validRawScenario,
  validValue,
  VALUE_KEYS,
} from './arbitraries.ts';

const KERNEL_REACHED = 'kernel reached (a test stub)';

vi.mock('../../src/kernel/load-node.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/kernel/load-node.ts')>();
  return {
    ...actual,
    createNodeModel: () => {
      throw new Error(KERNEL_REACHED);
    },
  };
});
vi.mock('../../src/kernel/sweep.ts', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const stub = () => {
    throw new Error(KERNEL_REACHED);
  };
  return Object.fromEntries(Object.entries(actual).map(([name, value]) => [name, typeof value === 'function' ? stub : value]));
});

let dir = '';
const files: Record<'valid' | 'old' | 'broken' | 'deep' | 'folder' | 'missing', string> = {
  valid: '',
  old: '',
  broken: '',
  deep: '',
  folder: '',
  missing: '',
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hashpivot-fuzz-'));
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  files.valid = write('valid.json', JSON.stringify({ version: 2, siteMw: 120, name: 'Fuzz' }));
  files.old = write('old.json', JSON.stringify({ version: 1, startHeight: 2015 + 2016 * 400, epochElapsedSeconds: 600 }));
  files.broken = write('broken.json', '{"version": 2, "siteMw": ');
  files.deep = write('deep.json', `{"version": 2, "siteMw": ${'['.repeat(6000)}${']'.repeat(6000)}}`);
  files.folder = join(dir, 'folder');
  mkdirSync(files.folder);
  files.missing = join(dir, 'missing.json');
});

/** Text a scenario of `-` reads: valid files of any version, broken ones, any JSON, garbage. */
const stdinText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: validRawScenario.map((o) => JSON.stringify(o)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(validRawScenario, fc.oneof(fc.constantFrom(...VALUE_KEYS), badKey), badValue)
      .map(([o, k, v]) => JSON.stringify({ ...o, [k]: v }) ?? '{}'),
  },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? '') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);

/** `MIN:MAX:N` with numbers right and wrong. */
const range: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: -5, max: 120 }), fc.integer({ min: -5, max: 400 }), fc.integer({ min: 0, max: 3000 })).map((p) => p.join(':')),
  fc.array(numberText, { minLength: 1, maxLength: 4 }).map((p) => p.join(':')),
);

/** Values for an option by its name (option names come from each command's definition). */
function optionValue(name: string): fc.Arbitrary<string> {
  const garbage = fc.oneof(numberText, text(40), fc.constant(''));
  const byName: Record<string, fc.Arbitrary<string>> = {
    set: fc.oneof(
      fc.constantFrom(...VALUE_KEYS).chain((k) => validValue(k).map((v) => `${k}=${String(v)}`)),
      fc.tuple(fc.oneof(fc.constantFrom(...SCENARIO_KEYS), badKey), numberText).map(([k, v]) => `${k}=${v}`),
      text(30),
    ),
    preset: fc.oneof(fc.constantFrom(...PRESETS.map((p) => p.name)), text(20)),
    format: fc.constantFrom('json', 'csv', 'JSON', 'xml', ''),
    x: fc.oneof(
      fc
        .constantFrom(...MODEL_KEYS)
        .chain(validAxis)
        .map(formatAxis),
      text(40),
      numberText,
    ),
    metric: fc.oneof(fc.constantFrom(...METRICS), text(20)),
    month: fc.oneof(fc.integer({ min: -2, max: 400 }).map(String), numberText),
    bits: fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }).map((b) => `0x${b.toString(16).padStart(8, '0')}`),
      fc.constantFrom('0x1d00ffff', '0x17034219', '0x00000000', '0x01003456', '0x207fffff', '0xff123456', '1d00ffff', '0x', '0x123456789'),
    ),
    first: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }).map(String), numberText),
    share: range,
  };
  byName.y = byName.x;
  byName.last = byName.first;
  byName.start = range;
  return fc.oneof({ weight: 4, arbitrary: byName[name] ?? garbage }, { weight: 1, arbitrary: garbage });
}

/** A positional argument: a file (valid, old, broken, deeply nested, a folder, missing), stdin, a height, garbage. */
const positional: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('-', 'valid', 'old', 'broken', 'deep', 'folder', 'missing').map((k) => (k === '-' ? k : files[k as keyof typeof files])),
  fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), numberText),
  text(20).map((t) => join(dir, 'nothing', t)),
  fc.constantFrom('-x', '--', '---', '-hx', '--help=1'),
);

/** Valid values of the options, for command lines that pass (or nearly pass) every check. */
const VALID_VALUES: Record<string, fc.Arbitrary<string>> = {
  set: fc.constantFrom(...VALUE_KEYS).chain((k) => validValue(k).map((v) => `${k}=${String(v)}`)),
  preset: fc.constantFrom(...PRESETS.map((p) => p.name)),
  format: fc.constantFrom('json', 'csv'),
  x: fc
    .constantFrom(...MODEL_KEYS)
    .chain(validAxis)
    .map(formatAxis),
  y: fc
    .constantFrom(...MODEL_KEYS)
    .chain(validAxis)
    .map(formatAxis),
  metric: fc.constantFrom(...METRICS),
  month: fc.integer({ min: 1, max: 12 }).map(String),
  bits: fc.constantFrom('0x1d00ffff', '0x17034219', '0x1b0404cb'),
  first: fc.constant('1231006505'),
  last: fc.integer({ min: 1231006505, max: 1231006505 + 4 * 2016 * 600 }).map(String),
  share: fc.constantFrom('0:100:21', '10:90:5', '50:50:1'),
  start: fc.constantFrom('0:12:13', '0:0:1', '3:9:4'),
};
/** The options a command needs to run at all. */
const REQUIRED = new Set(['x', 'y', 'metric', 'bits', 'first', 'last']);

/** A command line built to pass: each needed option, some others, the scenario or height. */
const validLine: fc.Arbitrary<string[]> = fc.constantFrom(...COMMANDS).chain((command) => {
  const names = Object.keys(command.options).filter((n) => n !== 'help' && n !== 'preset' && VALID_VALUES[n]);
  const options = names.map((n) =>
    fc.tuple(fc.boolean(), VALID_VALUES[n]).map(([given, v]) => (given || REQUIRED.has(n) ? [`--${n}=${v}`] : [])),
  );
  const input =
    command.name === 'subsidy'
      ? fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map((h) => [String(h)])
      : command.maxPositionals === 0
        ? fc.constant([])
        : 'preset' in command.options
          ? fc.oneof(
              fc.constantFrom('file', '-').map((k) => [k === '-' ? k : files.valid]),
              VALID_VALUES.preset.map((p) => [`--preset=${p}`]),
            )
          : fc.constant(['-']);
  return fc.tuple(input, ...options).map(([first, ...rest]) => [command.name, ...first, ...rest.flat()]);
});

/** A command line: a command (or none, or an unknown one) and its arguments, mostly its own options. */
const commandLine: fc.Arbitrary<string[]> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(...COMMANDS).chain((command) => {
      const names = Object.keys(command.options);
      const option =
        names.length === 0
          ? fc.constant<string[]>([])
          : fc
              .constantFrom(...names)
              .chain((name) =>
                command.options[name].type === 'boolean'
                  ? fc.constant([`--${name}`])
                  : optionValue(name).chain((v) => fc.constantFrom([`--${name}`, v], [`--${name}=${v}`], [`--${name}`])),
              );
      const argument = fc.oneof(
        { weight: 6, arbitrary: option },
        { weight: 2, arbitrary: positional.map((p) => [p]) },
        { weight: 1, arbitrary: fc.oneof(badKey, text(10)).map((t) => [`--${t}`]) },
        { weight: 1, arbitrary: fc.constantFrom(['-h'], ['--help'], ['-'], ['--preset'], ['--set']) },
      );
      return fc.array(argument, { maxLength: 7 }).map((args) => [command.name, ...args.flat()]);
    }),
  },
  { weight: 1, arbitrary: fc.array(fc.oneof(text(12), fc.constantFrom('help', '--help', '-h', 'sweep', 'validate')), { maxLength: 3 }) },
  { weight: 4, arbitrary: validLine },
  {
    // A line that passes, then one argument dropped or one added.
    weight: 4,
    arbitrary: fc
      .tuple(
        validLine,
        fc.nat(),
        fc.oneof(
          positional,
          optionValue('set').map((v) => `--set=${v}`),
          fc.constantFrom('--x', '--month=0', '-h'),
        ),
      )
      .map(([line, i, extra]) => (i % 2 === 0 ? line.filter((_, j) => j !== 1 + (i % Math.max(1, line.length - 1))) : [...line, extra])),
  },
);

/** The subjects a problem line may name besides options: the scenario, its keys, the height. */
const SUBJECTS = new Set(['scenario', '<height>', ...SCENARIO_KEYS]);

/**
 * Whether a failure's stderr line starts with the option, argument, key or command at fault. A
 * line `hashpivot <command>: …` is the parser's only when it ends pointing at the command's help:
 * main writes an unexpected exception the same way, and that must never happen.
 */
function namesItsSubject(line: string): boolean {
  if (line.startsWith('hashpivot: unknown command ')) return true;
  const parser = /^hashpivot ([a-z]+): .*; see `hashpivot \1 --help`$/.exec(line);
  if (parser) return true;
  if (/^--[A-Za-z][\w-]*(\/--[A-Za-z][\w-]*)?: /.test(line)) return true; // `--x: …`, `--x/--y: …`
  const subject = /^("(?:[^"\\]|\\.)*"|<?[A-Za-z_]\w*>?): /.exec(line)?.[1];
  // Any other subject is an unknown key (quoted when it is not a plain identifier).
  return subject !== undefined && (SUBJECTS.has(subject) || line.startsWith(`${subject}: unknown key`));
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], input: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: async () => input,
  });
  return { status, stdout, stderr };
}

describe('the command line under generated arguments', () => {
  it(
    'never throws; fails with exit 2 naming what is wrong on each line, or prints finite JSON or CSV',
    async () => {
      await fc.assert(
        fc.asyncProperty(commandLine, stdinText, async (argv, input) => {
          const r = await run(argv, input);
          expect([0, 2]).toContain(r.status);
          if (argv.length === 0) {
            // No command: the usage, on stderr.
            expect([r.status, r.stderr.startsWith('Usage: hashpivot <command>')]).toEqual([2, true]);
            return;
          }
          const lines = r.stderr.split('\n').slice(0, -1);
          expect(r.stderr === '' || r.stderr.endsWith('\n')).toBe(true);
          expect(r.stderr).not.toMatch(/^\s+at /m);
          for (const line of lines) expect(line.trim()).not.toBe('');
          if (r.stderr.includes(KERNEL_REACHED)) {
            // Every check passed: nothing printed, no problem reported (a notice may precede it).
            expect(lines.at(-1)).toBe(`hashpivot ${argv[0]}: ${KERNEL_REACHED}`);
            for (const line of lines.slice(0, -1)) expect(namesItsSubject(line), line).toBe(true);
            expect(r.stdout).toBe('');
            return;
          }
          if (r.status === 2) {
            expect(lines.length).toBeGreaterThan(0);
            for (const line of lines) expect(namesItsSubject(line), line).toBe(true);
            if (r.stdout !== '') JSON.parse(r.stdout); // validate's verdict
            return;
          }
          // Success: what it printed holds no NaN or Infinity, and its JSON parses.
          const printed = r.stdout;
          expect(printed).not.toMatch(/\bNaN\b|Infinity/);
          if (printed.startsWith('{') || printed.startsWith('[')) JSON.parse(printed);
        }),
        runs(),
      );
    },
    timeout(10_000),
  );

  it(
    'validate agrees with the scenario reader on any text and overrides',
    async () => {
      const sets = fc.array(optionValue('set'), { maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(stdinText, sets, async (input, overrides) => {
          const r = await run(['validate', '-', ...overrides.map((s) => `--set=${s}`)], input);
          const expected = scenarioFromText(input, overrides);
          expect(r.status).toBe(expected.ok ? 0 : 2);
          if (expected.ok) {
            expect(JSON.parse(r.stdout)).toEqual({ ok: true });
          } else {
            expect(JSON.parse(r.stdout)).toEqual({ ok: false, problems: expected.problems });
            // Each problem on its own line (what else stderr holds is notices).
            expect(r.stderr.split('\n').length - 1).toBeGreaterThanOrEqual(expected.problems.length);
          }
        }),
        runs(0.2),
      );
    },
    timeout(3000),
  );
});
