/**
 * The CLI's `--set KEY=VALUE` overrides: applied to a parsed scenario before validation, so a bad
 * override and a bad file are reported together.
 */
import type { ModelKey } from '../keys.ts';
import { PARAMS_BY_KEY, isModelKey, isTextKey } from '../registry/index.ts';
import { parseJsonText } from './json.ts';
import { duplicateKeys } from './duplicates.ts';
import { expected, isPlainObject, quote, showKey } from './messages.ts';
import { versionRangeText } from './migrations.ts';
import { ProblemList } from './problems.ts';
import { unknownKey } from './suggest.ts';
import type { Problem, ValidationResult } from './types.ts';
import { validateScenario } from './validate.ts';

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Applies `KEY=VALUE` overrides to a parsed scenario. Numbers are parsed strictly (decimal or
 * exponent notation, nothing else; an overflow such as 1e400 is an error); text keys take the
 * value verbatim. A key given more than once takes its last value, with a notice saying so.
 * Bad overrides are reported (into `problems`, whose list is capped) and skipped; the rest of
 * the scenario is left to validateScenario. A non-object `raw` is returned as it is (validation
 * reports it).
 */
export function applyOverrides(
  raw: unknown,
  sets: readonly string[],
  problems: ProblemList = new ProblemList(),
): { raw: unknown; problems: Problem[]; notices?: Problem[] } {
  const notices: Problem[] = [];
  // Without overrides the object is passed on as it is: copying a huge one is slow.
  if (!isPlainObject(raw) || sets.length === 0) return { raw, problems: problems.problems() };
  const out: Record<string, unknown> = { ...raw };
  // Each key's last occurrence, and how many times it was given.
  const last = new Map<string, number>();
  const times = new Map<string, number>();
  const keyOf = (set: string) => set.slice(0, set.indexOf('=')).trim();
  sets.forEach((set, i) => {
    if (set.indexOf('=') <= 0) return;
    const key = keyOf(set);
    last.set(key, i);
    times.set(key, (times.get(key) ?? 0) + 1);
  });
  sets.forEach((set, i) => {
    const eq = set.indexOf('=');
    if (eq <= 0) {
      problems.add({ key: '--set', message: `--set: expected KEY=VALUE, got ${quote(set)}` });
      return;
    }
    const key = keyOf(set);
    if (last.get(key) !== i) return;
    const known = isTextKey(key) || isModelKey(key) || key === 'version';
    const count = times.get(key) ?? 1;
    if (known && count > 1) {
      notices.push({ key, message: `${showKey(key)}: given ${count} times with --set; the last (${quote(set)}) is used` });
    }
    const problem = applyOne(out, key, set.slice(eq + 1));
    if (problem) problems.add(problem);
  });
  return notices.length > 0 ? { raw: out, problems: problems.problems(), notices } : { raw: out, problems: problems.problems() };
}

/** Writes one override into `out`, or returns its problem. */
function applyOne(out: Record<string, unknown>, key: string, text: string): Problem | (() => Problem) | null {
  if (isTextKey(key)) {
    out[key] = text;
    return null;
  }
  if (!isModelKey(key) && key !== 'version') return () => unknownKey(key);
  const what = key === 'version' ? `a whole number (supported: ${versionRangeText()})` : expected(PARAMS_BY_KEY[key as ModelKey]);
  const trimmed = text.trim();
  if (!NUMBER_RE.test(trimmed)) return { key, message: `${key}: expected ${what}, got ${quote(text)}` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { key, message: `${key}: expected ${what}, got ${trimmed} (a number too large for a double)` };
  out[key] = value;
  return null;
}

/**
 * Applies overrides and validates: the problems of both stages (after `earlier` ones, e.g. a
 * file's duplicate keys) together, at most MAX_LISTED_PROBLEMS listed; and the notices of both
 * (a repeated --set, a migration).
 */
export function validateWithOverrides(raw: unknown, sets: readonly string[], earlier: readonly Problem[] = []): ValidationResult {
  const problems = new ProblemList();
  problems.addAll(earlier);
  const overridden = applyOverrides(raw, sets, problems);
  const result = validateScenario(overridden.raw, problems);
  if (!result.ok) return result;
  const notices = [...(overridden.notices ?? []), ...(result.notices ?? [])];
  return notices.length > 0 ? { ...result, notices } : result;
}

/**
 * Parses scenario text, applies overrides and validates (what the CLI does with a file); a key
 * the file gives twice is a problem too (JSON.parse would keep the last without a word).
 */
export function scenarioFromText(text: string, sets: readonly string[] = []): ValidationResult {
  const parsed = parseJsonText(text);
  return parsed.ok ? validateWithOverrides(parsed.raw, sets, duplicateKeys(text, parsed.raw)) : parsed;
}
