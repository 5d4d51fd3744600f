/**
 * Reading a scenario for a command: a file, stdin (`-`) or a preset, then `--set` overrides, then
 * validation. Every problem of every stage that can run is reported together; the notices of a
 * migration from an older version go to stderr.
 */
import { readFileSync } from 'node:fs';
import type { ModelInputs } from '../model/keys.ts';
import { PRESETS, findPreset, presetScenario } from '../model/presets.ts';
import { startTimeMs } from '../model/scenario/dates.ts';
import { duplicateKeys } from '../model/scenario/duplicates.ts';
import { parseJsonText } from '../model/scenario/json.ts';
import { resolveInputs } from '../model/scenario/resolve.ts';
import { validateWithOverrides } from '../model/scenario/set.ts';
import type { Problem, Scenario } from '../model/scenario/types.ts';
import { CliError, stringOption, type Context } from './args.ts';

export interface LoadedScenario {
  scenario: Scenario;
  inputs: ModelInputs;
  /** t0 in milliseconds since 1970. */
  startMs: number;
}

export type Checked = { ok: true; loaded: LoadedScenario } | { ok: false; problems: Problem[] };

async function readSource(path: string, ctx: Context): Promise<string> {
  if (path === '-') {
    try {
      return await (ctx.io.stdin ? ctx.io.stdin() : readFileSync(0, 'utf8'));
    } catch (e) {
      throw new CliError(`scenario: cannot read stdin: ${(e as Error).message}`);
    }
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new CliError(`scenario: cannot read ${JSON.stringify(path)}: ${why}`);
  }
}

/**
 * The scenario named by a command's arguments, checked. Problems with the arguments themselves
 * (no input, two inputs, an unreadable file, an unknown preset) throw a CliError.
 */
export async function checkScenario(ctx: Context): Promise<Checked> {
  const path = ctx.positionals[0];
  const presetName = stringOption(ctx.values, 'preset');
  const sets = (ctx.values.set as string[] | undefined) ?? [];

  let raw: unknown;
  let duplicates: Problem[] = [];
  if (presetName !== undefined) {
    if (path !== undefined) {
      throw new CliError(
        `scenario: give either a file (or - for stdin) or --preset, not both (got ${JSON.stringify(path)} and --preset ${presetName})`,
      );
    }
    const preset = findPreset(presetName);
    if (!preset) {
      throw new CliError(`--preset: unknown preset ${JSON.stringify(presetName)}; presets: ${PRESETS.map((p) => p.name).join(', ')}`);
    }
    raw = presetScenario(preset);
  } else {
    if (path === undefined) throw new CliError('scenario: missing; give a file path, - for stdin, or --preset NAME');
    const text = await readSource(path, ctx);
    const parsed = parseJsonText(text);
    if (!parsed.ok) return parsed;
    raw = parsed.raw;
    duplicates = duplicateKeys(text, raw);
  }

  const result = validateWithOverrides(raw, sets, duplicates);
  if (!result.ok) return result;
  // What migrating an older version changed beyond writing its values (a key it dropped), and a
  // --set key given more than once: told on stderr, one a line; neither an error nor output.
  for (const notice of result.notices ?? []) ctx.io.stderr(`${notice.message}\n`);
  const scenario = result.scenario;
  return { ok: true, loaded: { scenario, inputs: resolveInputs(scenario), startMs: startTimeMs(scenario) } };
}

/** Like checkScenario, but problems throw a CliError (one line each). */
export async function loadScenario(ctx: Context): Promise<LoadedScenario> {
  const checked = await checkScenario(ctx);
  if (!checked.ok) throw new CliError(checked.problems.map((p) => p.message));
  return checked.loaded;
}

/**
 * The scenario, or undefined with its problems added to `lines`, so that a command reports them
 * together with the problems of its own options.
 */
export async function loadScenarioInto(ctx: Context, lines: string[]): Promise<LoadedScenario | undefined> {
  try {
    return await loadScenario(ctx);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    lines.push(...e.lines);
    return undefined;
  }
}
