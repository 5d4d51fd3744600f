/**
 * The scenario library's file formats and stored records. Pure: the IndexedDB side is
 * src/state/store.ts.
 *
 * Export files (public formats, like the scenario file they contain):
 * - One scenario: exactly the scenario file of docs/model.md §6 — `{"version": 2, …keys, "name",
 *   "notes"}` (the current version), the keys the scenario sets, in canonical order — so the CLI
 *   reads it as it is.
 * - The whole library:
 *
 *     {"format": "hashpivot-library", "version": 1, "exported": "2026-02-01T10:00:00.000Z",
 *      "scenarios": [{"version": 2, "name": "Base case", …}, …]}
 *
 *   The top-level `version` is the library format's own version (LIBRARY_VERSION, 1), not the
 *   scenarios' schema version: each entry is a scenario file with its own `version` and is migrated
 *   on its own (an entry of version 1 imports as version 2 with its version-1 values written out).
 *   `exported` is informative. Views are not part of a file: they travel in links.
 *
 * Import is all or nothing: a file (or a batch of files) with any problem imports nothing, and its
 * problems are listed with their file, entry and key, in validateScenario's words (a file's first
 * 20, then one line counting the rest).
 *
 * Stored records (IndexedDB): `{id, name, modified, schemaVersion, scenario, view?}`. The scenario is
 * stored as written by the build that saved it; migrateRecord brings it to CURRENT_VERSION when read,
 * so a record saved by an older build opens in a newer one (and one from a newer build is reported,
 * not misread).
 */
import { CURRENT_VERSION, TEXT_PARAMS_BY_KEY } from './registry/index.ts';
import { parseJsonText } from './scenario/json.ts';
import { describe } from './scenario/messages.ts';
import { MAX_LISTED_PROBLEMS, ProblemList, moreProblems } from './scenario/problems.ts';
import { resolveInputs } from './scenario/resolve.ts';
import type { Problem, Scenario } from './scenario/types.ts';
import { validateScenario } from './scenario/validate.ts';
import { checkSweep, type Axis } from './sweep.ts';
import type { View } from './view.ts';

export const LIBRARY_FORMAT = 'hashpivot-library';
/** The library file format's version. */
export const LIBRARY_VERSION = 1;
const LIBRARY_KEYS = ['format', 'version', 'exported', 'scenarios'];

/** A saved scenario as IndexedDB holds it. */
export interface StoredRecord {
  id: string;
  /** The list's name; kept equal to `scenario.name`. */
  name: string;
  /** Last modification, ISO 8601 UTC (Date.prototype.toISOString). */
  modified: string;
  /** The schema version `scenario` is written in. */
  schemaVersion: number;
  scenario: Scenario;
  view?: View;
}

/** One problem of an import, where it is and what is wrong. */
export interface ImportProblem {
  /** The file's name as given. */
  file: string;
  /** The entry of a library file, e.g. `scenarios[2] ("Base case")`; absent for a one-scenario file. */
  entry?: string;
  /** The key (or `scenario`, `format`, `version`, `scenarios`). */
  key: string;
  /** Starts with the key, as validateScenario writes it. */
  message: string;
}

export interface ImportedScenario {
  /** The scenario's name, or the file's name without its extension when it has none. */
  name: string;
  /** Valid, migrated to CURRENT_VERSION, `name` set. */
  scenario: Scenario;
}

export type ImportResult = { ok: true; scenarios: ImportedScenario[] } | { ok: false; problems: ImportProblem[] };

/** One line for people: `base.json: scenarios[2] ("Base"): siteMw: expected …`. */
export function formatImportProblem(p: ImportProblem): string {
  return `${p.file}: ${p.entry ? `${p.entry}: ` : ''}${p.message}`;
}

// ---------------------------------------------------------------------------------------------
// Export

function withName(scenario: Scenario, name: string | undefined): Scenario {
  return name === undefined || name === '' ? scenario : { ...scenario, name };
}

/** The scenario file of one scenario (canonical key order), with `name` when given. */
export function exportScenario(scenario: Scenario, name?: string): string {
  const checked = validateScenario(withName(scenario, name));
  if (!checked.ok) throw new Error(`cannot export an invalid scenario: ${checked.problems.map((p) => p.message).join('; ')}`);
  return `${JSON.stringify(checked.scenario, null, 2)}\n`;
}

/** The library file of `records` (each scenario named after its record), in the order given. */
export function exportLibrary(records: readonly Pick<StoredRecord, 'name' | 'scenario'>[], exported: Date = new Date()): string {
  const scenarios = records.map((r) => JSON.parse(exportScenario(r.scenario, r.name)) as Scenario);
  return `${JSON.stringify({ format: LIBRARY_FORMAT, version: LIBRARY_VERSION, exported: exported.toISOString(), scenarios }, null, 2)}\n`;
}

/** A file name for a download: `hashpivot-base-case.json`. */
export function exportFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `hashpivot-${slug || 'scenario'}.json`;
}

// ---------------------------------------------------------------------------------------------
// Import

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.json$/i, '');
  return stem.slice(0, TEXT_PARAMS_BY_KEY.name.maxLength);
}

function entryLabel(index: number, entry: unknown): string {
  const name =
    isPlainObject(entry) && typeof entry.name === 'string' && entry.name !== '' ? ` (${JSON.stringify(entry.name.slice(0, 40))})` : '';
  return `scenarios[${index}]${name}`;
}

/** A value of a library file's own key, as a message shows it (never `undefined`, never a deep stringify). */
function shownValue(value: unknown): string {
  return value === undefined || typeof value === 'object' ? describe(value) : (JSON.stringify(value) ?? describe(value)).slice(0, 60);
}

/** The name of a library's unnamed entry `index`: the file's stem and its number, within the name's length. */
function entryName(file: string, index: number): string {
  const number = ` ${index + 1}`;
  return `${fileStem(file).slice(0, TEXT_PARAMS_BY_KEY.name.maxLength - number.length)}${number}`;
}

function named(scenario: Scenario, fallback: string): ImportedScenario {
  const name = scenario.name !== undefined && scenario.name !== '' ? scenario.name : fallback || 'Imported scenario';
  return { name, scenario: { ...scenario, name } };
}

/**
 * Reads one file: a scenario file or a library file. All or nothing: any problem and no
 * scenario is returned.
 */
export function parseImport(text: string, fileName: string): ImportResult {
  const problems: ImportProblem[] = [];
  const add = (ps: readonly Problem[], entry?: string) => {
    for (const p of ps)
      problems.push(
        entry === undefined
          ? { file: fileName, key: p.key, message: p.message }
          : { file: fileName, entry, key: p.key, message: p.message },
      );
  };
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    add(parsed.problems);
    return { ok: false, problems };
  }
  const raw = parsed.raw;
  if (isPlainObject(raw) && Object.hasOwn(raw, 'format')) return parseLibrary(raw, fileName);
  if (Array.isArray(raw)) {
    add([
      {
        key: 'scenario',
        message: `scenario: expected a scenario ({"version": ${CURRENT_VERSION}, …}) or a library ({"format": "${LIBRARY_FORMAT}", …}), got an array`,
      },
    ]);
    return { ok: false, problems };
  }
  const result = validateScenario(raw);
  if (!result.ok) {
    add(result.problems);
    return { ok: false, problems };
  }
  return { ok: true, scenarios: [named(result.scenario, fileStem(fileName))] };
}

/** Fills the places of a ProblemList already taken, so validation writes only the messages there is room for. */
const TAKEN: Problem = { key: 'scenario', message: 'scenario: listed before' };

/**
 * Reads a library file's object. Its problems are listed up to MAX_LISTED_PROBLEMS, then counted
 * in one last line: an entry validated when the list is full writes no message (nor a "did you
 * mean" search), so a huge file of bad entries costs no more than checking them.
 */
function parseLibrary(raw: Record<string, unknown>, file: string): ImportResult {
  const problems: ImportProblem[] = [];
  let unlisted = 0;
  const top = (key: string, message: string) => {
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ file, key, message: `${key}: ${message}` });
    else unlisted++;
  };
  if (raw.format !== LIBRARY_FORMAT) {
    top('format', `expected "${LIBRARY_FORMAT}" (a hashpivot library), got ${shownValue(raw.format)}`);
    return { ok: false, problems };
  }
  const v = raw.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    top('version', `expected the library format version ${LIBRARY_VERSION}, got ${shownValue(v)}`);
  } else if (v > LIBRARY_VERSION) {
    top('version', `library format version ${v} is newer than this build reads (${LIBRARY_VERSION}); update hashpivot`);
    return { ok: false, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!LIBRARY_KEYS.includes(key))
      top(key.length > 60 ? `${key.slice(0, 60)}…` : key, `unknown key of a library file (expected ${LIBRARY_KEYS.join(', ')})`);
  }
  if (raw.exported !== undefined && typeof raw.exported !== 'string') top('exported', 'expected an ISO 8601 date-time text');
  if (!Array.isArray(raw.scenarios)) {
    top('scenarios', `expected an array of scenarios, got ${raw.scenarios === undefined ? 'nothing' : typeof raw.scenarios}`);
    return { ok: false, problems };
  }
  const scenarios: ImportedScenario[] = [];
  raw.scenarios.forEach((entry, i) => {
    const taken = Math.min(problems.length, MAX_LISTED_PROBLEMS);
    const list = new ProblemList();
    for (let k = 0; k < taken; k++) list.add(TAKEN);
    const result = validateScenario(entry, list);
    // A valid entry adds nothing (with places taken it reads as not ok, but the import fails then anyway).
    if (list.size === taken) {
      if (result.ok) scenarios.push(named(result.scenario, entryName(file, i)));
      return;
    }
    const own = result.ok ? [] : result.problems.slice(taken, MAX_LISTED_PROBLEMS);
    for (const p of own) problems.push({ file, entry: entryLabel(i, entry), key: p.key, message: p.message });
    unlisted += list.size - taken - own.length;
  });
  if (unlisted > 0) problems.push({ file, ...moreProblems(unlisted) });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenarios };
}

/** Reads several files together: all of them, or nothing when any has a problem. */
export function parseImports(files: readonly { name: string; text: string }[]): ImportResult {
  const problems: ImportProblem[] = [];
  const scenarios: ImportedScenario[] = [];
  for (const f of files) {
    const r = parseImport(f.text, f.name);
    if (r.ok) scenarios.push(...r.scenarios);
    else problems.push(...r.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenarios };
}

// ---------------------------------------------------------------------------------------------
// Stored records

function isAxis(value: unknown): value is Axis {
  return (
    isPlainObject(value) &&
    typeof value.key === 'string' &&
    typeof value.min === 'number' &&
    typeof value.max === 'number' &&
    typeof value.n === 'number' &&
    typeof value.log === 'boolean'
  );
}

/** A checked view's own fields, copied: whatever else a stored object held (nested at any depth) is left behind. */
function copyView(view: View): View {
  const axis = (a: Axis): Axis => ({ key: a.key, min: a.min, max: a.max, n: a.n, log: a.log });
  return { x: axis(view.x), y: axis(view.y), metric: view.metric, month: view.month };
}

/** Problems of a view for a (valid) scenario: its shape, its axes, its metric, its month. */
export function checkView(view: unknown, scenario: Scenario): Problem[] {
  if (!isPlainObject(view) || !isAxis(view.x) || !isAxis(view.y) || typeof view.metric !== 'string' || typeof view.month !== 'number') {
    return [{ key: 'view', message: 'view: expected {x, y, metric, month}' }];
  }
  return checkSweep(view as unknown as View, resolveInputs(scenario).horizonYears);
}

export type RecordResult =
  | {
      ok: true;
      record: StoredRecord;
      /** The schema version it was stored in, when older. */ migratedFrom?: number;
      /** Why a stored view was dropped. */ viewProblems?: Problem[];
    }
  | { ok: false; problems: Problem[] };

/**
 * A stored record as the current build reads it: the scenario validated and migrated to
 * CURRENT_VERSION (`schemaVersion` updated), the view kept when it is still valid for it.
 */
export function migrateRecord(raw: unknown): RecordResult {
  if (!isPlainObject(raw)) return { ok: false, problems: [{ key: 'record', message: 'record: expected an object' }] };
  const problems: Problem[] = [];
  if (typeof raw.id !== 'string' || raw.id === '') problems.push({ key: 'id', message: 'id: expected a non-empty text' });
  if (typeof raw.name !== 'string') problems.push({ key: 'name', message: 'name: expected text' });
  if (typeof raw.modified !== 'string' || Number.isNaN(Date.parse(raw.modified))) {
    problems.push({ key: 'modified', message: 'modified: expected an ISO 8601 date-time' });
  }
  if (!isPlainObject(raw.scenario)) problems.push({ key: 'scenario', message: 'scenario: expected an object' });
  if (problems.length > 0) return { ok: false, problems };
  const stored = raw.scenario as Record<string, unknown>;
  const schemaVersion =
    typeof stored.version === 'number' ? stored.version : typeof raw.schemaVersion === 'number' ? raw.schemaVersion : CURRENT_VERSION;
  const checked = validateScenario({ ...stored, version: schemaVersion });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const record: StoredRecord = {
    id: raw.id as string,
    name: raw.name as string,
    modified: raw.modified as string,
    schemaVersion: CURRENT_VERSION,
    scenario: checked.scenario,
  };
  const result: RecordResult = { ok: true, record };
  if (schemaVersion !== CURRENT_VERSION) result.migratedFrom = schemaVersion;
  if (raw.view !== undefined) {
    const viewProblems = checkView(raw.view, checked.scenario);
    if (viewProblems.length === 0) record.view = copyView(raw.view as View);
    else result.viewProblems = viewProblems;
  }
  return result;
}

/** A new record for `scenario` (validated; throws on an invalid one: the UI holds only valid ones). */
export function makeRecord(fields: { id: string; name: string; scenario: Scenario; view?: View }, modified: Date): StoredRecord {
  const nameProblem = fields.name.length > TEXT_PARAMS_BY_KEY.name.maxLength;
  if (nameProblem) throw new Error(`name: expected text of at most ${TEXT_PARAMS_BY_KEY.name.maxLength} characters`);
  const checked = validateScenario(withName(fields.scenario, fields.name));
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join('; '));
  const scenario = { ...checked.scenario };
  if (fields.name === '') delete scenario.name;
  const record: StoredRecord = {
    id: fields.id,
    name: fields.name,
    modified: modified.toISOString(),
    schemaVersion: CURRENT_VERSION,
    scenario,
  };
  if (fields.view) {
    const problems = checkView(fields.view, scenario);
    if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
    record.view = copyView(fields.view);
  }
  return record;
}
