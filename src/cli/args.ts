/**
 * What every command shares: the command shape, option parsing with node:util's parseArgs, and
 * the error that carries problems to stderr (one a line, exit code 2, no stack trace).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes and reads; process streams in the real CLI, buffers in tests. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The text a scenario of `-` reads; the process's standard input when absent. */
  stdin?: () => Promise<string>;
  /**
   * Writes to stdout and resolves once the text is handed on (the stream drained), so that a long
   * output is never queued whole in memory; stdout() is used when absent.
   */
  stdoutDrained?: (text: string) => Promise<void>;
  /** Whether stderr is a terminal (progress is shown only there). */
  stderrIsTTY?: boolean;
}

/** A user-facing failure: each line names the key or argument at fault. Exit code 2. */
export class CliError extends Error {
  readonly lines: string[];
  /** Printed on stdout before the lines go to stderr (e.g. validate's JSON verdict). */
  readonly stdout?: string;
  constructor(lines: string | string[], stdout?: string) {
    const all = Array.isArray(lines) ? lines : [lines];
    super(all.join('\n'));
    this.lines = all;
    this.stdout = stdout;
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface Context {
  values: Values;
  positionals: string[];
  io: Io;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  options: Options;
  /** Most positional arguments the command takes. */
  maxPositionals: number;
  run(ctx: Context): void | Promise<void>;
}

export const HELP_OPTION: Options = { help: { type: 'boolean', short: 'h' } };
export const FORMAT_OPTION: Options = { format: { type: 'string' } };
export const SCENARIO_OPTIONS: Options = {
  preset: { type: 'string' },
  set: { type: 'string', multiple: true },
};

export const SCENARIO_HELP = `Scenario input:
  <scenario>          a JSON file, or - to read it from stdin
  --preset NAME       start from a preset instead (see \`hashpivot presets\`)
  --set KEY=VALUE     override a key (repeatable); see \`hashpivot params\` for the keys`;

/** Parses a command's arguments; a parse error becomes a CliError naming the option. */
export function parseCommandArgs(command: Command, argv: string[]): { values: Values; positionals: string[]; notices: string[] } {
  const options = { ...HELP_OPTION, ...command.options };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    let message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    // Node's advice on positionals that start with a dash is noise here: keep the first sentence.
    const unknown = /^Unknown option '([^']*)'/.exec(message);
    if (unknown) message = `unknown option ${unknown[1]}`;
    // A negative number where an argument was meant (`subsidy -1`) reads as an option: say how to give it.
    if (unknown && /^-\d/.test(unknown[1]!))
      message += ` (a negative number is given after --: hashpivot ${command.name} -- ${unknown[1]})`;
    // An option followed by an argument that starts with a dash (`--first -5`, `--first --last 9`):
    // Node's first line names no fix, its second and third do; say both in one line.
    const dashed = /^Option '(--?[^' ]+)' argument is ambiguous/.exec(message);
    if (dashed) {
      const at = argv.findIndex((arg, i) => arg === dashed[1] && argv[i + 1]?.startsWith('-'));
      const value = at >= 0 ? argv[at + 1] : '-…';
      message = `${dashed[1]}: no value (the next argument, ${JSON.stringify(value)}, starts with a dash; a value that does is written ${dashed[1]}=${value})`;
    }
    throw new CliError(`hashpivot ${command.name}: ${message}; see \`hashpivot ${command.name} --help\``);
  }
  const values = parsed.values as Values;
  if (!values.help && parsed.positionals.length > command.maxPositionals) {
    const extra = parsed.positionals
      .slice(command.maxPositionals)
      .map((p) => JSON.stringify(p))
      .join(' ');
    throw new CliError(`hashpivot ${command.name}: unexpected argument ${extra}; see \`hashpivot ${command.name} --help\``);
  }
  return { values, positionals: parsed.positionals, notices: repeatedOptions(options, parsed.tokens, values) };
}

/**
 * An option that takes one value given more than once (`--preset a --preset b`) keeps the last,
 * as --set does for a key; a line on stderr says so.
 */
function repeatedOptions(options: Options, tokens: readonly { kind: string; name?: string }[], values: Values): string[] {
  const counts = new Map<string, number>();
  for (const t of tokens) if (t.kind === 'option' && t.name) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  return [...counts]
    .filter(([name, n]) => n > 1 && options[name]?.type === 'string' && !options[name]?.multiple)
    .map(([name, n]) => `--${name}: given ${n} times; the last (${JSON.stringify(values[name])}) is used`);
}

export type Format = 'json' | 'csv';

/** The --format option: json or csv. */
export function formatOf(values: Values, fallback: Format = 'json'): Format {
  const f = values.format;
  if (f === undefined) return fallback;
  if (f === 'json' || f === 'csv') return f;
  throw new CliError(`--format: expected json or csv, got ${JSON.stringify(f)}`);
}

/** A string option's value, or undefined. */
export function stringOption(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
