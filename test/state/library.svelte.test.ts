/**
 * The scenario library as the page holds it (src/state/library.svelte.ts), on fake-indexeddb:
 * saving the explorer's scenario and opening it again, rename, duplicate, a delete and its undo,
 * import and export, and the errors the page shows.
 */
import 'fake-indexeddb/auto';
import { clear, createStore, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseImports } from '../../src/model/library.ts';
import { defaultView } from '../../src/model/view.ts';
import { explorer } from '../../src/state/explorer.svelte.ts';
import { Library, UNDO_MS } from '../../src/state/library.svelte.ts';
import { DB_NAME, STORE_NAME, getScenario } from '../../src/state/store.ts';

const idb = createStore(DB_NAME, STORE_NAME);
let lib: Library;

beforeEach(async () => {
  await clear(idb);
  explorer.loadScenario({ version: 2 });
  explorer.setView(defaultView());
  lib = new Library();
});

afterEach(() => {
  vi.useRealTimers();
});

/** The view of the default axes with another metric, so that a restored view can be told apart. */
const irrView = () => ({ ...defaultView(), metric: 'irr' as const });

describe('Library: save and open', () => {
  it('saves the explorer scenario and view as a new scenario, names it in the explorer, and lists it', async () => {
    explorer.setParam('siteMw', 50);
    explorer.setView(irrView());
    const record = await lib.save('  Texas site ', true);
    expect(record).toMatchObject({ name: 'Texas site', scenario: { version: 2, siteMw: 50, name: 'Texas site' }, view: irrView() });
    expect(lib.currentId).toBe(record!.id);
    expect(lib.items.map((i) => i.name)).toEqual(['Texas site']);
    expect(lib.status).toBe('Saved “Texas site”.');
    expect(lib.error).toBe('');
    expect(explorer.scenario.name).toBe('Texas site');
    const stored = await getScenario(record!.id);
    expect(stored).toMatchObject({ status: 'found', record: { scenario: { siteMw: 50 }, view: irrView() } });
  });

  it('save overwrites the open scenario; save as new adds another', async () => {
    const first = await lib.save('A', true);
    explorer.setParam('siteMw', 75);
    const again = await lib.save('A', false);
    expect(again!.id).toBe(first!.id);
    expect(lib.items).toHaveLength(1);
    expect(await getScenario(first!.id)).toMatchObject({ status: 'found', record: { scenario: { siteMw: 75 } } });
    const other = await lib.save('B', true);
    expect(other!.id).not.toBe(first!.id);
    expect(lib.currentId).toBe(other!.id);
    expect(lib.items.map((i) => i.name).sort()).toEqual(['A', 'B']);
  });

  it('open puts the saved scenario and its view back into the explorer', async () => {
    explorer.setParam('powerUsdPerKwh', 0.03);
    explorer.setView(irrView());
    const saved = await lib.save('Cheap power', true);
    explorer.loadScenario({ version: 2, siteMw: 10 });
    explorer.setView(defaultView());
    lib.currentId = null;
    await lib.open(saved!.id);
    expect(explorer.scenario).toEqual({ version: 2, powerUsdPerKwh: 0.03, name: 'Cheap power' });
    expect(explorer.view).toEqual(irrView());
    expect(lib.currentId).toBe(saved!.id);
    expect(lib.status).toBe('Opened “Cheap power”.');
  });

  it('an invalid scenario is not saved, and the error says why', async () => {
    explorer.setParam('uptimePct', 101);
    expect(await lib.save('Broken', true)).toBeUndefined();
    expect(lib.error).toContain('uptimePct');
    expect(lib.items).toEqual([]);
    expect(lib.currentId).toBeNull();
  });

  it('opening a scenario that is gone shows an error and leaves the explorer alone', async () => {
    explorer.setParam('siteMw', 42);
    await lib.open('no-such-id');
    expect(lib.error).toBe('That scenario is no longer saved.');
    expect(explorer.scenario).toEqual({ version: 2, siteMw: 42 });
    expect(lib.currentId).toBeNull();
  });
});

describe('Library: rename, duplicate, delete and undo', () => {
  it('renames; the explorer follows when it is the open one', async () => {
    const a = await lib.save('A', true);
    const b = await lib.save('B', true);
    await lib.rename(b!.id, ' Bee ');
    expect(lib.nameOf(b!.id)).toBe('Bee');
    expect(explorer.scenario.name).toBe('Bee');
    expect(lib.status).toBe('Renamed to “Bee”.');
    await lib.rename(a!.id, 'Ay');
    expect(lib.nameOf(a!.id)).toBe('Ay');
    expect(explorer.scenario.name).toBe('Bee');
  });

  it('duplicates under a new id, named as a copy', async () => {
    const a = await lib.save('Base', true);
    await lib.duplicate(a!.id);
    expect(lib.items.map((i) => i.name).sort()).toEqual(['Base', 'Base (copy)']);
    expect(lib.status).toBe('Saved a copy as “Base (copy)”.');
    expect(lib.currentId).toBe(a!.id);
  });

  it('a delete can be undone; the open scenario is no longer open', async () => {
    const a = await lib.save('Keep me', true);
    await lib.remove(a!.id);
    expect(lib.items).toEqual([]);
    expect(lib.currentId).toBeNull();
    expect(lib.undo?.name).toBe('Keep me');
    expect(lib.status).toBe('Deleted “Keep me”.');
    await lib.undoDelete();
    expect(lib.undo).toBeNull();
    expect(lib.items.map((i) => [i.id, i.name])).toEqual([[a!.id, 'Keep me']]);
    expect(lib.status).toBe('Restored “Keep me”.');
    // Nothing left to undo: a second undo does nothing.
    await lib.undoDelete();
    expect(lib.items).toHaveLength(1);
  });

  it(`offers the undo for ${UNDO_MS / 1000} s`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const a = await lib.save('Short-lived', true);
    await lib.remove(a!.id);
    vi.advanceTimersByTime(UNDO_MS - 1);
    expect(lib.undo).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(lib.undo).toBeNull();
  });

  it('deleting what is not there offers no undo', async () => {
    await lib.remove('no-such-id');
    expect(lib.undo).toBeNull();
    expect(lib.error).toBe('');
  });
});

describe('Library: import and export', () => {
  it('exports one scenario as a scenario file that imports back as a copy', async () => {
    explorer.setParam('siteMw', 33);
    const a = await lib.save('Thirty-three', true);
    const file = await lib.exportOne(a!.id);
    expect(file!.name).toBe('hashpivot-thirty-three.json');
    expect(JSON.parse(file!.text)).toEqual({ version: 2, siteMw: 33, name: 'Thirty-three' });
    await lib.importFiles([file!]);
    expect(lib.status).toBe('Imported 1 scenario.');
    expect(lib.importProblems).toEqual([]);
    expect(lib.items.map((i) => i.name)).toEqual(['Thirty-three', 'Thirty-three']);
    expect(new Set(lib.items.map((i) => i.id)).size).toBe(2);
  });

  it('exports the whole library, leaving out and naming what this build cannot read', async () => {
    await lib.save('One', true);
    await lib.save('Two', true);
    await set(
      'scenario:broken',
      { id: 'broken', name: 'Broken', modified: '2026-01-01T00:00:00.000Z', scenario: { version: 2, siteMw: -1 } },
      idb,
    );
    const file = await lib.exportAll();
    expect(file!.name).toBe('hashpivot-library.json');
    const parsed = parseImports([file!]);
    expect(parsed.ok && parsed.scenarios.map((s) => s.name).sort()).toEqual(['One', 'Two']);
    expect(lib.status).toBe('Exported 2; left out (unreadable): Broken.');
  });

  it('imports nothing from a set of files when one of them has a problem, and lists the problems', async () => {
    const good = { name: 'good.json', text: '{"version": 1, "siteMw": 20}' };
    const bad = { name: 'bad.json', text: '{"version": 1, "siteMw": -20}' };
    await lib.importFiles([good, bad]);
    expect(lib.items).toEqual([]);
    expect(lib.status).toBe('Nothing was imported.');
    expect(lib.importProblems).toHaveLength(1);
    expect(lib.importProblems[0]).toMatch(/^bad\.json: siteMw: /);
    // The next import clears them.
    await lib.importFiles([good]);
    expect(lib.importProblems).toEqual([]);
    expect(lib.items.map((i) => i.name)).toEqual(['good']);
  });
});

describe('Library: two tabs', () => {
  const tick = () => new Promise((r) => setTimeout(r, 5));

  it('a save over a scenario another tab changed since it was opened here is refused, said, and can be resolved', async () => {
    const other = new Library();
    const saved = await lib.save('Shared', true);
    await other.open(saved!.id);
    await tick();
    // This tab saves a change: the other tab is told, and rereads its list.
    explorer.setParam('siteMw', 120);
    await lib.save('Shared', false);
    await vi.waitFor(() =>
      expect(other.elsewhere).toBe('“Shared” was changed in another tab. Saving it here will ask before replacing that version.'),
    );
    // The other tab saves its own change over the same scenario: refused, nothing written.
    explorer.setParam('siteMw', 180);
    expect(await other.save('Shared', false)).toBeUndefined();
    expect(other.conflict).toMatchObject({ id: saved!.id, theirs: { name: 'Shared' } });
    expect(other.error).toMatch(/^Not saved: “Shared” was changed in another tab \(at .+\) after you opened it here\./);
    expect(await getScenario(saved!.id)).toMatchObject({ status: 'found', record: { scenario: { siteMw: 120 } } });
    // Replacing theirs is a choice: then it is written.
    await tick();
    const replaced = await other.save('Shared', false, true);
    expect(replaced!.scenario.siteMw).toBe(180);
    expect(other.conflict).toBeNull();
    expect(other.error).toBe('');
  });

  it('a scenario deleted in another tab is not brought back by a save here', async () => {
    const other = new Library();
    const saved = await lib.save('Doomed', true);
    await other.open(saved!.id);
    await lib.remove(saved!.id);
    await vi.waitFor(() => expect(other.elsewhere).toBe('“Doomed” was deleted in another tab.'));
    expect(await other.save('Doomed', false)).toBeUndefined();
    expect(other.conflict).toEqual({ id: saved!.id, name: 'Doomed', theirs: undefined });
    expect(other.error).toMatch(/was deleted in another tab/);
    expect(await getScenario(saved!.id)).toEqual({ status: 'missing' });
    const kept = await other.save('Doomed', true);
    expect(kept!.id).not.toBe(saved!.id);
  });
});
