/**
 * The CLI's `--set KEY=VALUE` overrides: applied to a parsed scenario before validation, so a bad
 * override and a bad file are reported together.
 */
import type { ModelKey } from '../keys.ts';
import { PARAMS_BY_KEY, isModelKey, isTextKey } from '../registry/index.ts';
import { parseJsonText } from './json.ts';
import { expected, isPlainObject, quote } from './messages.ts';
import { versionRangeText } from './migrations.ts';
import { unknownKey } from './suggest.ts';
import type { Problem, ValidationResult } from './types.ts';
import { validateScenario } from './validate.ts';

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Applies `KEY=VALUE` overrides to a parsed scenario. Numbers are parsed strictly (decimal or
 * exponent notation, nothing else; an overflow such as 1e400 is an error); text keys take the
 * value verbatim. Bad overrides are reported and skipped; the rest of the scenario is left to
 * validateScenario. A non-object `raw` is returned as it is (validation reports it).
 */
export function applyOverrides(raw: unknown, sets: readonly string[]): { raw: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!isPlainObject(raw)) return { raw, problems };
  const out: Record<string, unknown> = { ...raw };
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) {
      problems.push({ key: '--set', message: `--set: expected KEY=VALUE, got ${quote(set)}` });
      continue;
    }
    const key = set.slice(0, eq).trim();
    const text = set.slice(eq + 1);
    if (isTextKey(key)) {
      out[key] = text;
      continue;
    }
    if (!isModelKey(key) && key !== 'version') {
      problems.push(unknownKey(key));
      continue;
    }
    const what = key === 'version' ? `a whole number (supported: ${versionRangeText()})` : expected(PARAMS_BY_KEY[key as ModelKey]);
    const trimmed = text.trim();
    if (!NUMBER_RE.test(trimmed)) {
      problems.push({ key, message: `${key}: expected ${what}, got ${quote(text)}` });
      continue;
    }
    const value = Number(trimmed);
    if (!Number.isFinite(value)) {
      problems.push({ key, message: `${key}: expected ${what}, got ${trimmed} (a number too large for a double)` });
      continue;
    }
    out[key] = value;
  }
  return { raw: out, problems };
}

/** Applies overrides and validates: every problem of both stages together. */
export function validateWithOverrides(raw: unknown, sets: readonly string[]): ValidationResult {
  const overridden = applyOverrides(raw, sets);
  const result = validateScenario(overridden.raw);
  const problems = [...overridden.problems, ...(result.ok ? [] : result.problems)];
  return problems.length > 0 ? { ok: false, problems } : result;
}

/** Parses scenario text, applies overrides and validates (what the CLI does with a file). */
export function scenarioFromText(text: string, sets: readonly string[] = []): ValidationResult {
  const parsed = parseJsonText(text);
  return parsed.ok ? validateWithOverrides(parsed.raw, sets) : parsed;
}
