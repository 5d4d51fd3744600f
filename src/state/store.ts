/**
 * The scenario library in IndexedDB, through idb-keyval: one database `hashpivot`, one object
 * store `scenarios`, holding
 *
 *   `scenario:<id>`          a saved scenario (library.ts StoredRecord)
 *   `working`                the auto-saved working scenario and view
 *   `persistence-requested`  set once navigator.storage.persist() has been asked for
 *
 * (one object store with key prefixes: idb-keyval opens its database without an upgrade, so a
 * second object store in the same database would never be created).
 *
 * Records keep the schema version they were written in and are migrated when read
 * (library.ts migrateRecord); reading never rewrites them, so an older build that opens the same
 * profile after a newer one has written is told the record is newer, and nothing is lost.
 *
 * Plain async functions, no runes: src/state/*.svelte.ts holds the app's state and calls these.
 * `openScenarioStore()` makes an instance (tests pass their own database, clock, ids and storage
 * manager); the top-level functions use one default instance, opened on first use, which goes on
 * in memory when IndexedDB is missing, refused or full (src/state/kv.ts fallbackKeyValue) and says
 * so through `onStorageFault`.
 *
 * Two tabs saving over the same scenario: a save over an existing one names the `modified` stamp
 * it last saw (SaveInput.expectedModified), and when the stored record has another one, or is
 * gone, the save writes nothing and rejects with a ConflictError (checked and written in one
 * transaction).
 */
import { createStore, type UseStore } from 'idb-keyval';
import { makeRecord, migrateRecord, type ImportedScenario, type StoredRecord } from '../model/library.ts';
import { TEXT_PARAMS_BY_KEY } from '../model/registry/index.ts';
import type { Problem, Scenario } from '../model/scenario/types.ts';
import type { View } from '../model/view.ts';
import { fallbackKeyValue, idbKeyValue, type KeyValue, type StorageFault } from './kv.ts';

export const DB_NAME = 'hashpivot';
export const STORE_NAME = 'scenarios';
const RECORD_PREFIX = 'scenario:';
const WORKING_KEY = 'working';
const PERSIST_KEY = 'persistence-requested';

/** One line of the scenario list. */
export interface ScenarioSummary {
  id: string;
  name: string;
  /** ISO 8601 UTC. */
  modified: string;
}

/** What getScenario found (after the grapher's parse results). */
export type LoadResult =
  | {
      status: 'found';
      record: StoredRecord;
      /** The older schema version it was stored in. */ migratedFrom?: number;
      /** Why its view was dropped. */ viewProblems?: Problem[];
    }
  | { status: 'invalid'; id: string; problems: Problem[] }
  | { status: 'missing' };

/** Everything needed to undo a delete: the record as it was stored. */
export interface UndoToken {
  readonly kind: 'deleted';
  readonly record: Readonly<Record<string, unknown>> & { id: string };
}

export interface SaveInput {
  /** Present to overwrite a saved scenario ("save"); absent for a new one ("save as"). */
  id?: string;
  /**
   * With `id`: the `modified` of that record as this page last read or wrote it. When the stored
   * record has another (it was saved elsewhere since) or is gone, nothing is written and the save
   * rejects with a ConflictError. Absent: overwrite whatever is stored.
   */
  expectedModified?: string;
  name: string;
  scenario: Scenario;
  view?: View;
}

/** A scenario to import, with its view when it has one. */
export type ImportInput = ImportedScenario & { view?: View };

/** The saved scenario the working one was opened from or last saved as, with its stamp as read then. */
export type OpenMarker = Pick<ScenarioSummary, 'id' | 'modified'>;

export interface WorkingScenario {
  scenario: Scenario;
  view?: View;
  modified: string;
  open?: OpenMarker;
}

/** A save over a scenario that was changed or deleted elsewhere (another tab) since it was read. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    readonly id: string,
    /** The stored record now; undefined when it was deleted. */
    readonly theirs: { name: string; modified: string } | undefined,
  ) {
    super(
      theirs
        ? `“${theirs.name}” was changed elsewhere (saved ${theirs.modified}) after it was opened here`
        : 'that scenario was deleted elsewhere after it was opened here',
    );
  }
}

export interface StoreOptions {
  /** An idb-keyval store; by default createStore('hashpivot', 'scenarios'). */
  store?: UseStore;
  /** Where the records are kept, instead of `store` (e.g. memoryKeyValue, fallbackKeyValue). */
  kv?: KeyValue;
  now?: () => Date;
  newId?: () => string;
  /** navigator.storage by default; null where there is none. */
  storage?: Pick<StorageManager, 'persist' | 'persisted'> | null;
}

export interface ScenarioStore {
  /** Name and last modification of every saved scenario, newest first. */
  listScenarios(): Promise<ScenarioSummary[]>;
  /** Saves (overwrites `id`, or creates) a valid scenario; the first user save asks for persistence. */
  saveScenario(input: SaveInput): Promise<StoredRecord>;
  /** A saved scenario, migrated to the current schema version. */
  getScenario(id: string): Promise<LoadResult>;
  renameScenario(id: string, name: string): Promise<StoredRecord>;
  /** A copy under a new id, named `<name> (copy)` unless a name is given. */
  duplicateScenario(id: string, name?: string): Promise<StoredRecord>;
  /** Deletes and returns what restoreScenario needs to undo it; undefined when there was nothing. */
  deleteScenario(id: string): Promise<UndoToken | undefined>;
  /** Puts a deleted record back (under a new id if its id was taken meanwhile); returns its id. */
  restoreScenario(token: UndoToken): Promise<string>;
  /** Auto-saves the working scenario (and the saved one it is open as); false (and nothing written) when it is not valid. */
  saveWorking(scenario: Scenario, view?: View, open?: OpenMarker | null): Promise<boolean>;
  /** The auto-saved working scenario, migrated; undefined when there is none or it is unreadable. */
  loadWorking(): Promise<WorkingScenario | undefined>;
  /**
   * Asks the browser once (per profile) to keep the site's storage; resolves to its answer, or to
   * undefined when it was asked before or there is no navigator.storage.persist.
   */
  requestPersistence(): Promise<boolean | undefined>;
  /** Adds every scenario in one transaction, each under a new id: all or nothing. */
  importRecords(items: readonly ImportInput[]): Promise<StoredRecord[]>;
}

function defaultId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

function defaultStorage(): StoreOptions['storage'] {
  return typeof navigator !== 'undefined' && navigator.storage && typeof navigator.storage.persist === 'function'
    ? navigator.storage
    : null;
}

const recordKey = (id: string) => `${RECORD_PREFIX}${id}`;

function copyName(name: string): string {
  const suffix = ' (copy)';
  const max = TEXT_PARAMS_BY_KEY.name.maxLength;
  return name.length + suffix.length <= max ? `${name}${suffix}` : `${name.slice(0, max - suffix.length)}${suffix}`;
}

export function openScenarioStore(options: StoreOptions = {}): ScenarioStore {
  // IndexedDB is opened on first use, so importing this module never touches it.
  const kv = options.kv ?? idbKeyValue(() => options.store ?? createStore(DB_NAME, STORE_NAME));
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? defaultId;
  let persistOnce: Promise<boolean | undefined> | undefined;

  async function read(id: string): Promise<LoadResult> {
    const raw = await kv.get(recordKey(id));
    if (raw === undefined) return { status: 'missing' };
    const r = migrateRecord(raw);
    if (!r.ok) return { status: 'invalid', id, problems: r.problems };
    const found: LoadResult = { status: 'found', record: r.record };
    if (r.migratedFrom !== undefined) found.migratedFrom = r.migratedFrom;
    if (r.viewProblems) found.viewProblems = r.viewProblems;
    return found;
  }

  async function readValid(id: string): Promise<StoredRecord> {
    const r = await read(id);
    if (r.status === 'missing') throw new Error(`no saved scenario with id ${id}`);
    if (r.status === 'invalid') throw new Error(`saved scenario ${id} cannot be read: ${r.problems.map((p) => p.message).join('; ')}`);
    return r.record;
  }

  const self: ScenarioStore = {
    async listScenarios() {
      const all = await kv.entries();
      const out: ScenarioSummary[] = [];
      for (const [key, value] of all) {
        if (typeof key !== 'string' || !key.startsWith(RECORD_PREFIX)) continue;
        if (typeof value !== 'object' || value === null) continue;
        const v = value as Record<string, unknown>;
        out.push({
          id: typeof v.id === 'string' ? v.id : key.slice(RECORD_PREFIX.length),
          name: typeof v.name === 'string' ? v.name : '',
          modified: typeof v.modified === 'string' ? v.modified : '',
        });
      }
      return out.sort((a, b) => (a.modified < b.modified ? 1 : a.modified > b.modified ? -1 : a.name.localeCompare(b.name)));
    },

    async saveScenario(input) {
      const record = makeRecord({ id: input.id ?? newId(), name: input.name, scenario: input.scenario, view: input.view }, now());
      const expected = input.id === undefined ? undefined : input.expectedModified;
      if (expected === undefined) await kv.set(recordKey(record.id), record);
      else
        await kv.update(recordKey(record.id), (current) => {
          const stored = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : undefined;
          if (!stored) throw new ConflictError(record.id, undefined);
          if (stored.modified !== expected) {
            const name = typeof stored.name === 'string' ? stored.name : '';
            throw new ConflictError(record.id, { name, modified: String(stored.modified) });
          }
          return record;
        });
      void self.requestPersistence().catch(() => undefined);
      return record;
    },

    getScenario: read,

    async renameScenario(id, name) {
      const current = await readValid(id);
      const record = makeRecord({ id, name, scenario: current.scenario, view: current.view }, now());
      await kv.set(recordKey(id), record);
      return record;
    },

    async duplicateScenario(id, name) {
      const current = await readValid(id);
      const record = makeRecord(
        { id: newId(), name: name ?? copyName(current.name), scenario: current.scenario, view: current.view },
        now(),
      );
      await kv.set(recordKey(record.id), record);
      return record;
    },

    async deleteScenario(id) {
      const key = recordKey(id);
      const raw = await kv.get(key);
      if (raw === undefined) return undefined;
      await kv.del(key);
      const record = (typeof raw === 'object' && raw !== null ? { ...(raw as object), id } : { id, value: raw }) as UndoToken['record'];
      return { kind: 'deleted', record };
    },

    async restoreScenario(token) {
      let id = token.record.id;
      if ((await kv.get(recordKey(id))) !== undefined) id = newId();
      await kv.set(recordKey(id), { ...token.record, id });
      return id;
    },

    async saveWorking(scenario, view, open) {
      let record: StoredRecord & { open?: OpenMarker };
      try {
        record = makeRecord({ id: WORKING_KEY, name: scenario.name ?? '', scenario, view }, now());
      } catch {
        return false;
      }
      if (open) record.open = { id: open.id, modified: open.modified };
      await kv.set(WORKING_KEY, record);
      return true;
    },

    async loadWorking() {
      const raw = await kv.get(WORKING_KEY);
      if (raw === undefined) return undefined;
      const r = migrateRecord(raw);
      if (!r.ok) return undefined;
      const out: WorkingScenario = { scenario: r.record.scenario, modified: r.record.modified };
      if (r.record.view) out.view = r.record.view;
      const open = (raw as { open?: Partial<OpenMarker> }).open;
      if (typeof open?.id === 'string' && typeof open.modified === 'string') out.open = { id: open.id, modified: open.modified };
      return out;
    },

    requestPersistence() {
      persistOnce ??= (async () => {
        const storage = options.storage === undefined ? defaultStorage() : options.storage;
        if (!storage || typeof storage.persist !== 'function') return undefined;
        if ((await kv.get(PERSIST_KEY)) !== undefined) return undefined;
        await kv.set(PERSIST_KEY, now().toISOString());
        if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
        return storage.persist();
      })();
      return persistOnce;
    },

    async importRecords(items) {
      // Every record is made (and so validated) before anything is written.
      const modified = now();
      const records = items.map((item) => makeRecord({ id: newId(), name: item.name, scenario: item.scenario, view: item.view }, modified));
      await kv.setAll(records.map((r) => [recordKey(r.id), r]));
      if (records.length > 0) void self.requestPersistence().catch(() => undefined);
      return records;
    },
  };
  return self;
}

// ---------------------------------------------------------------------------------------------
// The default instance

let instance: ScenarioStore | undefined;
let fault: StorageFault | null = null;
const faultListeners = new Set<(fault: StorageFault) => void>();

function onFault(f: StorageFault): void {
  fault = f;
  for (const listener of faultListeners) listener(f);
}

const store = (): ScenarioStore =>
  (instance ??= openScenarioStore({
    kv: fallbackKeyValue(
      idbKeyValue(() => createStore(DB_NAME, STORE_NAME)),
      onFault,
    ),
  }));

/** Why the default store went on in memory (IndexedDB missing, refused or full); null while it has not. */
export const storageFault = (): StorageFault | null => fault;

/** Calls `listener` when the default store goes on in memory (at once if it already has); returns an unsubscribe. */
export function onStorageFault(listener: (fault: StorageFault) => void): () => void {
  faultListeners.add(listener);
  if (fault) listener(fault);
  return () => faultListeners.delete(listener);
}

export const listScenarios: ScenarioStore['listScenarios'] = () => store().listScenarios();
export const saveScenario: ScenarioStore['saveScenario'] = (input) => store().saveScenario(input);
export const getScenario: ScenarioStore['getScenario'] = (id) => store().getScenario(id);
export const renameScenario: ScenarioStore['renameScenario'] = (id, name) => store().renameScenario(id, name);
export const duplicateScenario: ScenarioStore['duplicateScenario'] = (id, name) => store().duplicateScenario(id, name);
export const deleteScenario: ScenarioStore['deleteScenario'] = (id) => store().deleteScenario(id);
export const restoreScenario: ScenarioStore['restoreScenario'] = (token) => store().restoreScenario(token);
export const saveWorking: ScenarioStore['saveWorking'] = (scenario, view, open) => store().saveWorking(scenario, view, open);
export const loadWorking: ScenarioStore['loadWorking'] = () => store().loadWorking();
export const requestPersistence: ScenarioStore['requestPersistence'] = () => store().requestPersistence();
export const importRecords: ScenarioStore['importRecords'] = (items) => store().importRecords(items);
