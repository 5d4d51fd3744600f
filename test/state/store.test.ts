/**
 * The scenario library in IndexedDB (src/state/store.ts), on fake-indexeddb: a fresh database per
 * test, a fake clock and a fake storage manager.
 */
import 'fake-indexeddb/auto';
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_VERSION } from '../../src/model/registry/index.ts';
import { V1_CHANGED_DEFAULTS, v2KeysAtV1 } from '../../src/model/scenario/migrations.ts';
import { defaultView } from '../../src/model/view.ts';
import { ConflictError, openScenarioStore, type ScenarioStore } from '../../src/state/store.ts';

let dbCount = 0;
let idb: UseStore;
let clock: number;
let ids: number;
let persistCalls: number;
let s: ScenarioStore;

function open(extra: Parameters<typeof openScenarioStore>[0] = {}): ScenarioStore {
  return openScenarioStore({
    store: idb,
    now: () => new Date((clock += 60_000)),
    newId: () => `id${++ids}`,
    storage: {
      persist: async () => {
        persistCalls++;
        return true;
      },
      persisted: async () => false,
    },
    ...extra,
  });
}

beforeEach(() => {
  idb = createStore(`hashpivot-test-${++dbCount}`, 'scenarios');
  clock = Date.parse('2026-02-01T00:00:00Z');
  ids = 0;
  persistCalls = 0;
  s = open();
});

const base = { version: CURRENT_VERSION, siteMw: 250 };

async function snapshot(): Promise<unknown> {
  return { list: await s.listScenarios(), working: await s.loadWorking() };
}

describe('saved scenarios', () => {
  it('save, list newest first, get', async () => {
    const a = await s.saveScenario({ name: 'A', scenario: base, view: defaultView() });
    const b = await s.saveScenario({ name: 'B', scenario: { version: 1, horizonYears: 5 } });
    expect(a.id).toBe('id1');
    expect(await s.listScenarios()).toEqual([
      { id: 'id2', name: 'B', modified: '2026-02-01T00:02:00.000Z' },
      { id: 'id1', name: 'A', modified: '2026-02-01T00:01:00.000Z' },
    ]);
    expect(await s.getScenario('id1')).toEqual({ status: 'found', record: a });
    expect(await s.getScenario('id2')).toEqual({ status: 'found', record: b });
    expect(await s.getScenario('nope')).toEqual({ status: 'missing' });
    // Saving again under the same id overwrites it and moves it to the top.
    await s.saveScenario({ id: 'id1', name: 'A2', scenario: { ...base, siteMw: 300 } });
    expect((await s.listScenarios()).map((x) => x.name)).toEqual(['A2', 'B']);
  });

  it('refuses an invalid scenario and writes nothing', async () => {
    await expect(s.saveScenario({ name: 'bad', scenario: { version: 1, siteMw: -1 } })).rejects.toThrow(/siteMw/);
    expect(await s.listScenarios()).toEqual([]);
  });

  it('rename', async () => {
    await s.saveScenario({ name: 'A', scenario: base });
    const r = await s.renameScenario('id1', 'Base case');
    expect(r.name).toBe('Base case');
    expect(r.scenario.name).toBe('Base case');
    const got = await s.getScenario('id1');
    expect(got.status === 'found' && got.record.name).toBe('Base case');
    await expect(s.renameScenario('id1', 'x'.repeat(121))).rejects.toThrow(/120/);
    await expect(s.renameScenario('missing', 'x')).rejects.toThrow(/no saved scenario/);
  });

  it('duplicate', async () => {
    await s.saveScenario({ name: 'A', scenario: base, view: { ...defaultView(), metric: 'irr' } });
    const copy = await s.duplicateScenario('id1');
    expect(copy).toMatchObject({ id: 'id2', name: 'A (copy)', scenario: { ...base, name: 'A (copy)' }, view: { metric: 'irr' } });
    const named = await s.duplicateScenario('id1', 'High');
    expect(named.name).toBe('High');
    expect((await s.listScenarios()).map((x) => x.name)).toEqual(['High', 'A (copy)', 'A']);
    const long = await s.saveScenario({ name: 'n'.repeat(120), scenario: base });
    expect((await s.duplicateScenario(long.id)).name).toHaveLength(120);
  });

  it('delete and undo', async () => {
    const a = await s.saveScenario({ name: 'A', scenario: base });
    await s.saveScenario({ name: 'B', scenario: base });
    const token = await s.deleteScenario('id1');
    expect(token).toBeDefined();
    expect((await s.listScenarios()).map((x) => x.name)).toEqual(['B']);
    expect(await s.deleteScenario('id1')).toBeUndefined();
    expect(await s.restoreScenario(token!)).toBe('id1');
    expect(await s.getScenario('id1')).toEqual({ status: 'found', record: a });
    expect((await s.listScenarios()).map((x) => x.name)).toEqual(['B', 'A']);
    // The token survives structured cloning (it may be kept in $state or history).
    const again = structuredClone(await s.deleteScenario('id1'))!;
    await s.saveScenario({ id: 'id1', name: 'taken', scenario: base });
    const id = await s.restoreScenario(again);
    expect(id).not.toBe('id1');
    expect((await s.listScenarios()).map((x) => x.name).sort()).toEqual(['A', 'B', 'taken']);
  });

  it('migrates when read and leaves the stored record as it was', async () => {
    // A record as an older build wrote it: no version in the scenario, schemaVersion beside it.
    const old = { id: 'old', name: 'Old', modified: '2025-12-01T00:00:00.000Z', schemaVersion: 1, scenario: { siteMw: 99 } };
    await set('scenario:old', old, idb);
    const got = await s.getScenario('old');
    // Migrated from version 1: the version-1 values of what version 2 adds or changes are written out.
    expect(got).toEqual({
      status: 'found',
      migratedFrom: 1,
      record: {
        id: 'old',
        name: 'Old',
        modified: old.modified,
        schemaVersion: CURRENT_VERSION,
        scenario: { version: CURRENT_VERSION, ...V1_CHANGED_DEFAULTS, ...v2KeysAtV1(10), siteMw: 99 },
      },
    });
    expect(await get('scenario:old', idb)).toEqual(old);
  });

  it('reports a record it cannot read, and lists it', async () => {
    const newer = {
      id: 'new',
      name: 'From a newer build',
      modified: '2026-03-01T00:00:00.000Z',
      schemaVersion: 99,
      scenario: { version: 99 },
    };
    await set('scenario:new', newer, idb);
    const got = await s.getScenario('new');
    expect(got.status).toBe('invalid');
    expect(got.status === 'invalid' && got.problems[0]!.message).toMatch(/unsupported version 99/);
    expect(await s.listScenarios()).toEqual([{ id: 'new', name: 'From a newer build', modified: newer.modified }]);
    await expect(s.duplicateScenario('new')).rejects.toThrow(/cannot be read/);
  });
});

describe('two tabs saving over the same scenario', () => {
  it('a save naming the stamp it last saw is refused when another tab saved since, or deleted it; nothing is written', async () => {
    const tabB = open();
    const mine = await s.saveScenario({ name: 'Shared', scenario: base });
    // Tab B saves over it, knowing the stamp it read.
    const theirs = await tabB.saveScenario({
      id: mine.id,
      expectedModified: mine.modified,
      name: 'Shared',
      scenario: { ...base, siteMw: 300 },
    });
    expect(theirs.modified).not.toBe(mine.modified);
    // This tab still holds the first stamp: refused, and B's version stays.
    const stale = s.saveScenario({ id: mine.id, expectedModified: mine.modified, name: 'Shared', scenario: { ...base, siteMw: 400 } });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ id: mine.id, theirs: { name: 'Shared', modified: theirs.modified } });
    expect(await s.getScenario(mine.id)).toEqual({ status: 'found', record: theirs });
    // With the current stamp it goes through; without one it overwrites whatever is there.
    const next = await s.saveScenario({
      id: mine.id,
      expectedModified: theirs.modified,
      name: 'Shared',
      scenario: { ...base, siteMw: 500 },
    });
    await s.saveScenario({ id: mine.id, name: 'Shared', scenario: { ...base, siteMw: 600 } });
    expect(next.scenario.siteMw).toBe(500);
    // Deleted by the other tab: refused too, and nothing comes back to life.
    await tabB.deleteScenario(mine.id);
    const gone = s.saveScenario({ id: mine.id, expectedModified: next.modified, name: 'Shared', scenario: base });
    await expect(gone).rejects.toMatchObject({ name: 'ConflictError', theirs: undefined, message: /deleted elsewhere/ });
    expect(await s.getScenario(mine.id)).toEqual({ status: 'missing' });
  });
});

describe('the working scenario', () => {
  it('keeps the saved scenario it is open as, with the stamp as read then', async () => {
    const view = defaultView();
    expect(await s.saveWorking(base, view, { id: 'id7', modified: '2026-01-01T00:00:00.000Z' })).toBe(true);
    expect((await s.loadWorking())?.open).toEqual({ id: 'id7', modified: '2026-01-01T00:00:00.000Z' });
    expect(await s.saveWorking(base, view, null)).toBe(true);
    expect((await s.loadWorking())?.open).toBeUndefined();
    // A malformed marker (written by hand, or by a build that wrote something else) is no marker.
    await set('working', { ...(await get('working', idb)), open: { id: 7 } }, idb);
    expect((await s.loadWorking())?.open).toBeUndefined();
  });

  it('saves itself and loads back', async () => {
    expect(await s.loadWorking()).toBeUndefined();
    const view = { ...defaultView(), month: 3, metric: 'hashprice' as const };
    expect(await s.saveWorking({ ...base, name: 'wip' }, view)).toBe(true);
    expect(await s.loadWorking()).toEqual({ scenario: { ...base, name: 'wip' }, view, modified: '2026-02-01T00:01:00.000Z' });
    expect(await s.saveWorking({ version: 1, siteMw: 0 })).toBe(false);
    expect((await s.loadWorking())?.scenario).toEqual({ ...base, name: 'wip' });
    // The working scenario is not in the list.
    expect(await s.listScenarios()).toEqual([]);
  });
});

describe('persistence', () => {
  it('is asked for once, on the first user save, and not by auto-saves', async () => {
    await s.saveWorking(base);
    expect(persistCalls).toBe(0);
    await s.saveScenario({ name: 'A', scenario: base });
    await s.saveScenario({ name: 'B', scenario: base });
    expect(await s.requestPersistence()).toBe(true);
    expect(persistCalls).toBe(1);
    // A later session in the same profile does not ask again.
    const later = open();
    expect(await later.requestPersistence()).toBeUndefined();
    expect(persistCalls).toBe(1);
  });

  it('does nothing where there is no storage manager', async () => {
    const bare = open({ storage: null });
    await bare.saveScenario({ name: 'A', scenario: base });
    expect(await bare.requestPersistence()).toBeUndefined();
  });

  it('does not ask when storage is already persistent', async () => {
    const persisted = open({ storage: { persist: async () => (persistCalls++, true), persisted: async () => true } });
    expect(await persisted.requestPersistence()).toBe(true);
    expect(persistCalls).toBe(0);
  });
});

describe('import', () => {
  it('adds every scenario under a new id', async () => {
    await s.saveScenario({ name: 'Existing', scenario: base });
    const added = await s.importRecords([
      { name: 'I1', scenario: { version: 1, siteMw: 1 } },
      { name: 'I2', scenario: { version: 1, siteMw: 2 }, view: defaultView() },
    ]);
    expect(added.map((r) => r.id)).toEqual(['id2', 'id3']);
    expect((await s.listScenarios()).map((x) => x.name).sort()).toEqual(['Existing', 'I1', 'I2']);
  });

  it('a failed import changes nothing: an invalid scenario', async () => {
    await s.saveScenario({ name: 'Existing', scenario: base });
    await s.saveWorking(base);
    const before = await snapshot();
    await expect(
      s.importRecords([
        { name: 'fine', scenario: { version: 1 } },
        { name: 'bad', scenario: { version: 1, uptimePct: 101 } },
      ]),
    ).rejects.toThrow(/uptimePct/);
    expect(await snapshot()).toEqual(before);
  });

  it('a failed import changes nothing: a write failing inside the transaction', async () => {
    await s.saveScenario({ name: 'Existing', scenario: base });
    const before = await snapshot();
    // The object store fails on the second put, after the first was made.
    let puts = 0;
    const failing: UseStore = (mode, callback) =>
      idb(mode, (store) =>
        callback(
          new Proxy(store, {
            get(target, prop) {
              if (prop === 'put') {
                return (value: unknown, key?: IDBValidKey) => {
                  if (++puts === 2) throw new DOMException('disk full', 'QuotaExceededError');
                  return target.put(value, key);
                };
              }
              const v = Reflect.get(target, prop);
              return typeof v === 'function' ? v.bind(target) : v;
            },
          }),
        ),
      );
    const flaky = open({ store: failing });
    await expect(
      flaky.importRecords([
        { name: 'one', scenario: { version: 1 } },
        { name: 'two', scenario: { version: 1 } },
      ]),
    ).rejects.toThrow(/disk full/);
    expect(puts).toBe(2);
    expect(await snapshot()).toEqual(before);
  });
});
