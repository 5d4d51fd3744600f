/**
 * The scenario file (domain.md §6): its type, validation, migrations, `--set` overrides and
 * resolution into the kernel's ModelInputs.
 *
 * Validation reports every problem at once, each naming its key and the allowed range or type,
 * and never throws. Only a validated scenario is resolved, so nothing invalid reaches the kernel.
 */
import type { ModelInputs, ModelKey } from './keys.ts';
import {
  CURRENT_VERSION,
  PARAMS_BY_KEY,
  REGISTRY,
  SCENARIO_KEYS,
  TEXT_PARAMS_BY_KEY,
  epochElapsedSecondsFor,
  hashrateEhsFor,
  isModelKey,
  isTextKey,
  rangeText,
  type ParamSpec,
  type TextKey,
} from './registry/index.ts';

/** A scenario as written: `version` and any subset of the keys; missing keys take defaults. */
export type Scenario = {
  version: number;
  startDate?: string;
  name?: string;
  notes?: string;
} & Partial<ModelInputs>;

/** A scenario with every key present (defaults and derived values filled in). */
export type ResolvedScenario = {
  version: number;
  startDate: string;
  name: string;
  notes: string;
} & ModelInputs;

/** One thing wrong with a scenario; `message` starts with the key. */
export interface Problem {
  key: string;
  message: string;
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

// ---------------------------------------------------------------------------------------------
// Migrations

/** Maps a scenario of version `from` to version `from + 1`. */
export interface Migration {
  from: number;
  /** When the migration was written (YYYY-MM-DD). */
  date: string;
  description: string;
  up(raw: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Ordered by `from`; one per version bump. Empty while version 1 is the only version. A
 * migration pins the older version's defaults by writing them into the scenario when absent, so
 * an old file or link keeps computing what it computed.
 */
export const MIGRATIONS: readonly Migration[] = [];

/** Brings a scenario object of a supported older version up to CURRENT_VERSION. */
export function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  let out = raw;
  let version = typeof raw.version === 'number' ? raw.version : CURRENT_VERSION;
  for (const m of MIGRATIONS) {
    if (m.from !== version) continue;
    out = { ...m.up(out), version: m.from + 1 };
    version = m.from + 1;
  }
  return out;
}

/** The oldest version a migration chain reaches CURRENT_VERSION from. */
function oldestVersion(): number {
  let v = CURRENT_VERSION;
  while (MIGRATIONS.some((m) => m.from === v - 1)) v--;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Describing values in messages

const MAX_SHOWN = 40;

function quote(text: string): string {
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  return JSON.stringify(shown);
}

/** How a key is shown in a message: plain when it is a plain identifier. */
function showKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]{0,59}$/.test(key) ? key : quote(key);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string (${quote(value)})`;
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (!Number.isFinite(value)) return `${value} (a number too large for a double)`;
      return String(value);
    case 'boolean':
      return `a boolean (${value})`;
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expected(p: ParamSpec): string {
  return p.integer ? rangeText(p) : `a number ${rangeText(p)}`;
}

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

const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]00:00))?$/;
const EARLIEST_DATE = '2009-01-03';
const LATEST_DATE = '2199-12-31';

/** Milliseconds since 1970 of a valid start date; NaN when it is not ISO 8601 UTC. */
export function parseStartDate(text: string): number {
  const m = DATE_RE.exec(text);
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const frac = m[7] ? Number(m[7]) : 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(frac * 1000);
  // Rejects 2026-02-30 and the like, which Date.UTC would roll over.
  if (new Date(ms).getUTCDate() !== day) return NaN;
  return ms;
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

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

/** The known key an unknown one most likely meant, if any is close. */
export function suggestKey(key: string): string | undefined {
  if (key.length > 60) return undefined;
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of SCENARIO_KEYS) {
    const d = k.toLowerCase() === lower ? 0 : editDistance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function unknownKey(key: string): Problem {
  const hint = suggestKey(key);
  return { key, message: `${showKey(key)}: unknown key${hint ? ` (did you mean ${hint}?)` : ''}` };
}

/** Checks one key of a scenario, whatever it is; null when it is fine. */
export function checkKey(key: string, value: unknown): Problem | null {
  if (isModelKey(key)) return checkNumber(key, value);
  if (isTextKey(key)) return checkText(key, value);
  return unknownKey(key);
}

// ---------------------------------------------------------------------------------------------
// Whole scenarios

const VERSION_RANGE = (): string =>
  oldestVersion() === CURRENT_VERSION ? `${CURRENT_VERSION}` : `${oldestVersion()} to ${CURRENT_VERSION}`;

/**
 * Checks a parsed scenario (any JSON value). Returns every problem, or the scenario with its keys
 * in canonical order and migrated to the current version. A scenario whose version is newer than
 * this build is reported on that alone: its keys may mean something this build does not know.
 */
export function validateScenario(raw: unknown): ValidationResult {
  if (!isPlainObject(raw)) {
    return {
      ok: false,
      problems: [
        { key: 'scenario', message: `scenario: expected a JSON object such as {"version": ${CURRENT_VERSION}}, got ${describe(raw)}` },
      ],
    };
  }
  const problems: Problem[] = [];
  let obj = raw;
  if (!Object.hasOwn(raw, 'version')) {
    problems.push({
      key: 'version',
      message: `version: missing; a scenario starts with "version": ${CURRENT_VERSION} (supported: ${VERSION_RANGE()})`,
    });
  } else {
    const v = raw.version;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      problems.push({ key: 'version', message: `version: expected a whole number (supported: ${VERSION_RANGE()}), got ${describe(v)}` });
    } else if (v < oldestVersion() || v > CURRENT_VERSION) {
      return {
        ok: false,
        problems: [{ key: 'version', message: `version: unsupported version ${v}; this build reads version ${VERSION_RANGE()}` }],
      };
    } else if (v < CURRENT_VERSION) {
      obj = migrate(raw);
    }
  }

  for (const key of Object.keys(obj)) {
    if (key === 'version') continue;
    const problem = checkKey(key, obj[key]);
    if (problem) problems.push(problem);
  }

  // Rules across keys, checked on values that are valid on their own (or defaults).
  const valid = (key: ModelKey): boolean => Object.hasOwn(obj, key) && checkNumber(key, obj[key]) === null;
  const height = valid('startHeight') ? (obj.startHeight as number) : PARAMS_BY_KEY.startHeight.default;
  const heightValid = !Object.hasOwn(obj, 'startHeight') || valid('startHeight');
  if (heightValid && valid('epochElapsedSeconds') && height % 2016 === 0 && obj.epochElapsedSeconds !== 0) {
    problems.push({
      key: 'epochElapsedSeconds',
      message:
        `epochElapsedSeconds: must be 0 when startHeight (${height}) is an epoch's first block ` +
        `(startHeight mod 2016 = 0), got ${obj.epochElapsedSeconds as number}`,
    });
  }

  if (problems.length > 0) return { ok: false, problems };
  const scenario: Record<string, unknown> = { version: CURRENT_VERSION };
  for (const key of SCENARIO_KEYS) {
    if (key !== 'version' && Object.hasOwn(obj, key)) scenario[key] = obj[key];
  }
  return { ok: true, scenario: scenario as Scenario };
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON text (a leading BOM is ignored); malformed JSON is one problem, never a throw. */
export function parseJsonText(text: string): { ok: true; raw: unknown } | { ok: false; problems: Problem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return {
      ok: false,
      problems: [{ key: 'scenario', message: `scenario: empty input; expected a JSON object such as {"version": ${CURRENT_VERSION}}` }],
    };
  }
  try {
    return { ok: true, raw: JSON.parse(body) };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(detail);
    let where = '';
    if (at) {
      const { line, column } = lineColumn(body, Number(at[1]));
      where = ` (line ${line}, column ${column})`;
    }
    return { ok: false, problems: [{ key: 'scenario', message: `scenario: malformed JSON: ${detail}${where}` }] };
  }
}

/** Parses and validates scenario JSON text. */
export function parseScenarioText(text: string): ValidationResult {
  const parsed = parseJsonText(text);
  return parsed.ok ? validateScenario(parsed.raw) : parsed;
}

// ---------------------------------------------------------------------------------------------
// --set KEY=VALUE

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
    const what = key === 'version' ? `a whole number (supported: ${VERSION_RANGE()})` : expected(PARAMS_BY_KEY[key as ModelKey]);
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

// ---------------------------------------------------------------------------------------------
// Resolution

/** The kernel's inputs for a validated scenario: defaults filled in, derived keys computed. */
export function resolveInputs(s: Scenario): ModelInputs {
  const out = {} as ModelInputs;
  for (const p of REGISTRY) out[p.key] = s[p.key] ?? p.default;
  if (s.epochElapsedSeconds === undefined) out.epochElapsedSeconds = epochElapsedSecondsFor(out.startHeight);
  if (s.hashrateEhs === undefined) out.hashrateEhs = hashrateEhsFor(out.startDifficulty);
  return out;
}

/** A validated scenario with every key present. */
export function resolveScenario(s: Scenario): ResolvedScenario {
  return {
    version: CURRENT_VERSION,
    startDate: s.startDate ?? TEXT_PARAMS_BY_KEY.startDate.default,
    ...resolveInputs(s),
    name: s.name ?? TEXT_PARAMS_BY_KEY.name.default,
    notes: s.notes ?? TEXT_PARAMS_BY_KEY.notes.default,
  };
}

/** The start instant t0 of a validated scenario, in milliseconds since 1970. */
export function startTimeMs(s: Scenario): number {
  return parseStartDate(s.startDate ?? TEXT_PARAMS_BY_KEY.startDate.default);
}

/** The ISO 8601 time of `seconds` after t0, as Date.prototype.toISOString prints it. */
export function isoAt(startMs: number, seconds: number): string {
  return new Date(startMs + Math.round(seconds * 1000)).toISOString();
}
