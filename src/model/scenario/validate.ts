/**
 * Validating a scenario (docs/model.md §6): every problem at once, each naming its key and the
 * allowed range or type, and never a throw. Only a validated scenario is resolved, so nothing
 * invalid reaches the kernel.
 */
import type { ModelKey } from '../keys.ts';
import {
  CURRENT_VERSION,
  PARAMS_BY_KEY,
  SCENARIO_KEYS,
  TEXT_PARAMS_BY_KEY,
  isModelKey,
  isTextKey,
  type TextKey,
} from '../registry/index.ts';
import { EARLIEST_DATE, LATEST_DATE, parseStartDate } from './dates.ts';
import { describe, expected, isPlainObject, quote } from './messages.ts';
import { migrateWithNotices, oldestVersion, versionRangeText } from './migrations.ts';
import { ProblemList } from './problems.ts';
import { unknownKey } from './suggest.ts';
import type { Problem, Scenario, ValidationResult } from './types.ts';

// ---------------------------------------------------------------------------------------------
// One key at a time

/** Checks one numeric value against its registry entry; null when it is fine. */
export function checkNumber(key: ModelKey, value: unknown): Problem | null {
  const p = PARAMS_BY_KEY[key];
  const bad = (got: string): Problem => ({ key, message: `${key}: expected ${expected(p)}, got ${got}` });
  if (typeof value !== 'number') return bad(describe(value));
  if (!Number.isFinite(value)) return bad(describe(value));
  if (p.integer && !Number.isInteger(value)) return bad(String(value));
  if (value < p.min || value > p.max) return bad(String(value));
  return null;
}

/** Checks one text value (startDate, name, notes); null when it is fine. */
export function checkText(key: TextKey, value: unknown): Problem | null {
  const spec = TEXT_PARAMS_BY_KEY[key];
  if (spec.kind === 'date') {
    const want = `an ISO 8601 UTC date-time such as "2026-01-08T00:00:00Z" or a date such as "2026-01-08"`;
    if (typeof value !== 'string') return { key, message: `${key}: expected ${want}, got ${describe(value)}` };
    const ms = parseStartDate(value);
    if (Number.isNaN(ms)) return { key, message: `${key}: expected ${want}, got ${quote(value)}` };
    if (ms < Date.parse(EARLIEST_DATE) || ms > Date.parse(`${LATEST_DATE}T23:59:59.999Z`)) {
      return { key, message: `${key}: expected a date from ${EARLIEST_DATE} to ${LATEST_DATE}, got ${quote(value)}` };
    }
    return null;
  }
  if (typeof value !== 'string') {
    return { key, message: `${key}: expected text of at most ${spec.maxLength} characters, got ${describe(value)}` };
  }
  if (value.length > spec.maxLength) {
    return { key, message: `${key}: expected text of at most ${spec.maxLength} characters, got ${value.length} characters` };
  }
  return null;
}

/** Checks one key of a scenario, whatever it is; null when it is fine. */
export function checkKey(key: string, value: unknown): Problem | null {
  if (isModelKey(key)) return checkNumber(key, value);
  if (isTextKey(key)) return checkText(key, value);
  return unknownKey(key);
}

// ---------------------------------------------------------------------------------------------
// Whole scenarios

/** `version` and the scenario keys of `raw` (whose own keys are `keys`), in its order. */
function knownKeys(raw: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key === 'version' || isModelKey(key) || isTextKey(key)) out[key] = raw[key];
  return out;
}

/**
 * Checks a parsed scenario (any JSON value). Returns its problems (the first MAX_LISTED_PROBLEMS
 * of them and a count of the rest), or the scenario with its keys in canonical order and migrated
 * to the current version. A scenario whose version is newer than this build is reported on that
 * alone: its keys may mean something this build does not know. `problems` holds those found
 * before (e.g. in --set overrides), to be reported with these.
 */
export function validateScenario(raw: unknown, problems: ProblemList = new ProblemList()): ValidationResult {
  if (!isPlainObject(raw)) {
    problems.add({
      key: 'scenario',
      message: `scenario: expected a JSON object such as {"version": ${CURRENT_VERSION}}, got ${describe(raw)}`,
    });
    return { ok: false, problems: problems.problems() };
  }
  let notices: Problem[] = [];
  const keys = Object.keys(raw);
  let obj = raw;
  let version = CURRENT_VERSION;
  if (!Object.hasOwn(raw, 'version')) {
    problems.add({
      key: 'version',
      message: `version: missing; a scenario starts with "version": ${CURRENT_VERSION} (supported: ${versionRangeText()})`,
    });
  } else {
    const v = raw.version;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      problems.add({ key: 'version', message: `version: expected a whole number (supported: ${versionRangeText()}), got ${describe(v)}` });
    } else if (v < oldestVersion() || v > CURRENT_VERSION) {
      problems.add({ key: 'version', message: `version: unsupported version ${v}; this build reads version ${versionRangeText()}` });
      return { ok: false, problems: problems.problems() };
    } else {
      version = v;
      // Only the keys a scenario has are migrated: copying a huge object of unknown keys is slow.
      if (v < CURRENT_VERSION) ({ scenario: obj, notices } = migrateWithNotices(knownKeys(raw, keys)));
    }
  }

  for (const key of keys) {
    if (key === 'version') continue;
    // An unknown key's message (with its "did you mean") is written only if it is listed.
    if (!isModelKey(key) && !isTextKey(key)) problems.add(() => unknownKey(key));
    else if (Object.hasOwn(obj, key)) problems.add(checkKey(key, obj[key]));
  }
  // The keys a migration wrote.
  if (obj !== raw)
    for (const key of Object.keys(obj)) if (key !== 'version' && !Object.hasOwn(raw, key)) problems.add(checkKey(key, obj[key]));

  // Rules across keys, checked on values that are valid on their own (or defaults).
  const valid = (key: ModelKey): boolean => Object.hasOwn(obj, key) && checkNumber(key, obj[key]) === null;
  const height = valid('startHeight') ? (obj.startHeight as number) : PARAMS_BY_KEY.startHeight.default;
  const heightValid = !Object.hasOwn(obj, 'startHeight') || valid('startHeight');
  if (heightValid && valid('epochElapsedSeconds') && height % 2016 === 0 && obj.epochElapsedSeconds !== 0) {
    problems.add({
      key: 'epochElapsedSeconds',
      message:
        `epochElapsedSeconds: must be 0 when startHeight (${height}) is an epoch's first block ` +
        `(startHeight mod 2016 = 0), got ${obj.epochElapsedSeconds as number}`,
    });
  }

  // From version 2 on, a tip on an epoch's last block has no use for it (docs/model.md §6, Fine print).
  if (version >= 2 && heightValid && Object.hasOwn(obj, 'epochElapsedSeconds') && height % 2016 === 2015) {
    problems.add({
      key: 'epochElapsedSeconds',
      message:
        `epochElapsedSeconds: not used when startHeight (${height}) is an epoch's last block (startHeight mod 2016 = ` +
        '2015): the next block opens a new epoch at startDifficulty; leave it out',
    });
  }

  if (problems.size > 0) return { ok: false, problems: problems.problems() };
  const scenario: Record<string, unknown> = { version: CURRENT_VERSION };
  for (const key of SCENARIO_KEYS) {
    // −0 (as JSON or a link may write it) is read as 0, so it is never shown or written as "-0".
    if (key !== 'version' && Object.hasOwn(obj, key)) scenario[key] = obj[key] === 0 ? 0 : obj[key];
  }
  return notices.length > 0 ? { ok: true, scenario: scenario as Scenario, notices } : { ok: true, scenario: scenario as Scenario };
}
