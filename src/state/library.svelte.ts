/**
 * The scenario library as the page shows it: the list of saved scenarios, the one open in the
 * explorer, a delete that can be undone for a few seconds, and import and export as files. The
 * storage is src/state/store.ts; the file formats are src/model/library.ts.
 *
 * When the browser's storage fails (IndexedDB missing, refused or full) the library goes on in
 * this tab's memory and `storage` says why, so the page can say so and offer the files. Tabs tell
 * each other of every change (BroadcastChannel `hashpivot-library`): the others reread their list,
 * and a save over a scenario changed in another tab since it was opened here is refused and
 * described in `conflict` rather than written over the other tab's version.
 */
import { exportFileName, exportLibrary, exportScenario, formatImportProblem, parseImports, type StoredRecord } from '../model/library.ts';
import type { Scenario } from '../model/scenario/types.ts';
import { defaultView, type View } from '../model/view.ts';
import { explorer } from './explorer.svelte.ts';
import type { StorageFault } from './kv.ts';
import { queryFor } from './link.ts';
import * as store from './store.ts';
import { ConflictError, type OpenMarker, type ScenarioSummary, type UndoToken } from './store.ts';

/** A scenario and view as one comparable text (the link with its notes). */
const snapshot = (scenario: Scenario, view: View | undefined) => queryFor(scenario, view ?? defaultView(), true);

/** How long the Undo of a delete stays offered. */
export const UNDO_MS = 8_000;

/** The channel on which the explorer's tabs tell each other that the library changed. */
export const LIBRARY_CHANNEL = 'hashpivot-library';

/** What a tab posts after changing the library: the scenario changed (when one) and its new stamp. */
interface ChangeMessage {
  type: 'changed';
  id?: string;
  modified?: string;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** An ISO time as the reader's local date and time. */
const whenText = (iso: string) => (Number.isFinite(Date.parse(iso)) ? when.format(Date.parse(iso)) : iso);

const changedText = (name: string) => `“${name}” was changed in another tab. Saving it here will ask before replacing that version.`;

/** A save refused because another tab changed (`theirs`) or deleted the scenario after it was opened here. */
export interface Conflict {
  id: string;
  /** The name it has here. */
  name: string;
  theirs?: { name: string; modified: string };
}

export interface TextFile {
  name: string;
  text: string;
}

/** Offers `text` as a downloaded file (a JSON download through a temporary object URL). */
export function downloadText(file: TextFile, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([file.text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export class Library {
  items: ScenarioSummary[] = $state.raw([]);
  /** The saved scenario the explorer holds (what "Save" overwrites); null: none. */
  currentId: string | null = $state(null);
  /** The last delete, undoable until `UNDO_MS` after it. */
  undo: { token: UndoToken; name: string } | null = $state.raw(null);
  /** The last import's problems, one line each (file, entry, key, message); nothing was imported. */
  importProblems: string[] = $state.raw([]);
  /** A short report of the last action, for people (and screen readers). */
  status = $state('');
  /** An error of the last action (storage refused, a record unreadable). */
  error = $state('');
  /** Why saved scenarios are kept in this tab only (IndexedDB missing, refused or full); null: kept in the browser. */
  storage: StorageFault | null = $state.raw(null);
  /** The last save over the open scenario, refused because another tab changed or deleted it. */
  conflict: Conflict | null = $state.raw(null);
  /** Said when another tab changed the open scenario. */
  elsewhere = $state('');
  /** The open scenario and its `modified` as this tab last read or wrote it (kept with the working scenario across reloads). */
  opened: OpenMarker | null = $state.raw(null);
  /** The open scenario as saved (snapshot), to tell unsaved changes. */
  #saved: string | null = $state(null);
  /** Whether the explorer's scenario or view differs from the open scenario as saved. */
  readonly dirty = $derived(this.#saved !== null && snapshot(explorer.scenario, explorer.view) !== this.#saved);

  #undoTimer: ReturnType<typeof setTimeout> | undefined;
  #channel: BroadcastChannel | undefined;

  constructor() {
    store.onStorageFault((fault) => (this.storage = fault));
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(LIBRARY_CHANNEL);
      // Node (the tests) would otherwise be kept alive by the open channel.
      (this.#channel as { unref?: () => void }).unref?.();
      this.#channel.onmessage = (event: MessageEvent) => this.#changedElsewhere(event.data as ChangeMessage);
    }
  }

  #announce(message: ChangeMessage): void {
    // What is kept in memory is this tab's alone.
    if (this.storage) return;
    try {
      this.#channel?.postMessage(message);
    } catch {
      // a closed channel: nobody to tell
    }
  }

  #changedElsewhere(message: ChangeMessage): void {
    if (message?.type !== 'changed') return;
    const name = message.id === undefined ? '' : this.nameOf(message.id);
    void this.refresh().catch(() => undefined);
    if (message.id === undefined || message.id !== this.currentId) return;
    if (message.modified === this.opened?.modified) this.elsewhere = '';
    else if (message.modified) this.elsewhere = changedText(name);
    else this.elsewhere = `“${name}” was deleted in another tab.`;
  }

  #setCurrent(id: string | null, modified?: string, saved?: { scenario: Scenario; view?: View }): void {
    this.currentId = id;
    this.opened = id === null || modified === undefined ? null : { id, modified };
    this.#saved = id === null || !saved ? null : snapshot(saved.scenario, saved.view);
    this.conflict = null;
    this.elsewhere = '';
  }

  /** The explorer no longer holds a saved scenario (it started from a preset or the defaults). */
  close(): void {
    this.#setCurrent(null);
  }

  /**
   * After a reload: the working scenario was open as `marker`; it is open again with the stamp it
   * had then, so a save over a version another tab wrote meanwhile still asks first.
   */
  restoreOpen(marker: OpenMarker): Promise<void> {
    return this.#act(async () => {
      const r = await store.getScenario(marker.id);
      if (r.status !== 'found') return;
      this.#setCurrent(marker.id, marker.modified, r.record);
      if (r.record.modified !== marker.modified) this.elsewhere = changedText(r.record.name);
    });
  }

  async refresh(): Promise<void> {
    this.items = await store.listScenarios();
  }

  nameOf(id: string): string {
    return this.items.find((s) => s.id === id)?.name ?? '';
  }

  /** Runs a library action: errors are shown, the list is reread afterwards. */
  async #act<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.error = '';
    try {
      return await action();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return undefined;
    } finally {
      await this.refresh().catch(() => undefined);
    }
  }

  /**
   * Saves the explorer's scenario and view: over the open one, or (`asNew`) as a new one. Over the
   * open one, a version saved by another tab since it was opened here is not replaced unless
   * `overwrite`: the save is refused and `conflict` says so.
   */
  save(name: string, asNew: boolean, overwrite = false): Promise<StoredRecord | undefined> {
    return this.#act(async () => {
      const id = asNew ? undefined : (this.currentId ?? undefined);
      const expectedModified = id !== undefined && !overwrite ? this.opened?.modified : undefined;
      let record: StoredRecord;
      try {
        record = await store.saveScenario({ id, expectedModified, name: name.trim(), scenario: explorer.scenario, view: explorer.view });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const mine = this.nameOf(error.id) || name.trim();
        this.conflict = { id: error.id, name: mine, theirs: error.theirs };
        this.elsewhere = '';
        throw new Error(
          error.theirs
            ? `Not saved: “${error.theirs.name}” was changed in another tab (at ${whenText(error.theirs.modified)}) after you opened it here. Save yours as a new scenario, replace theirs, or open theirs.`
            : `Not saved: “${mine}” was deleted in another tab after you opened it here. Save yours as a new scenario to keep it.`,
          { cause: error },
        );
      }
      explorer.setParam('name', record.name === '' ? undefined : record.name);
      this.#setCurrent(record.id, record.modified, record);
      this.status = this.storage ? `Saved “${record.name}” in this tab only.` : `Saved “${record.name}”.`;
      this.#announce({ type: 'changed', id: record.id, modified: record.modified });
      return record;
    });
  }

  /** Opens a saved scenario in the explorer, with the view it was saved with. */
  open(id: string): Promise<void> {
    return this.#act(async () => {
      const r = await store.getScenario(id);
      if (r.status !== 'found')
        throw new Error(r.status === 'missing' ? 'That scenario is no longer saved.' : r.problems.map((p) => p.message).join('; '));
      explorer.loadScenario(r.record.scenario);
      if (r.record.view) explorer.setView(r.record.view);
      this.#setCurrent(id, r.record.modified, r.record);
      this.status = `Opened “${r.record.name}”.`;
    });
  }

  rename(id: string, name: string): Promise<void> {
    return this.#act(async () => {
      const record = await store.renameScenario(id, name.trim());
      if (id === this.currentId) {
        explorer.setParam('name', record.name === '' ? undefined : record.name);
        this.#setCurrent(id, record.modified, record);
      }
      this.status = `Renamed to “${record.name}”.`;
      this.#announce({ type: 'changed', id, modified: record.modified });
    });
  }

  duplicate(id: string): Promise<void> {
    return this.#act(async () => {
      const record = await store.duplicateScenario(id);
      this.status = `Saved a copy as “${record.name}”.`;
      this.#announce({ type: 'changed', id: record.id, modified: record.modified });
    });
  }

  remove(id: string): Promise<void> {
    return this.#act(async () => {
      const name = this.nameOf(id);
      const token = await store.deleteScenario(id);
      if (id === this.currentId) this.#setCurrent(null);
      this.#announce({ type: 'changed', id });
      if (!token) return;
      clearTimeout(this.#undoTimer);
      this.undo = { token, name };
      this.#undoTimer = setTimeout(() => (this.undo = null), UNDO_MS);
      this.status = `Deleted “${name}”.`;
    });
  }

  undoDelete(): Promise<void> {
    const undo = this.undo;
    this.undo = null;
    clearTimeout(this.#undoTimer);
    if (!undo) return Promise.resolve();
    return this.#act(async () => {
      const id = await store.restoreScenario(undo.token);
      this.status = `Restored “${undo.name}”.`;
      const modified = undo.token.record.modified;
      this.#announce({ type: 'changed', id, modified: typeof modified === 'string' ? modified : undefined });
    });
  }

  /** Reads files (scenario or library files) and adds every scenario in them, or nothing. */
  importFiles(files: readonly TextFile[]): Promise<void> {
    return this.#act(async () => {
      this.importProblems = [];
      const result = parseImports(files);
      if (!result.ok) {
        this.importProblems = result.problems.map(formatImportProblem);
        this.status = 'Nothing was imported.';
        return;
      }
      const records = await store.importRecords(result.scenarios);
      this.status = `Imported ${records.length} scenario${records.length === 1 ? '' : 's'}.`;
      this.#announce({ type: 'changed' });
    });
  }

  /** The scenario file of one saved scenario. */
  async exportOne(id: string): Promise<TextFile | undefined> {
    return this.#act(async () => {
      const r = await store.getScenario(id);
      if (r.status !== 'found')
        throw new Error(r.status === 'missing' ? 'That scenario is no longer saved.' : r.problems.map((p) => p.message).join('; '));
      return { name: exportFileName(r.record.name), text: exportScenario(r.record.scenario, r.record.name) };
    });
  }

  /** The scenario file of the explorer's scenario, as it is now (saved or not). */
  exportCurrent(): TextFile {
    return { name: exportFileName(explorer.scenario.name ?? ''), text: exportScenario(explorer.scenario) };
  }

  /** The library file of every saved scenario (those this build cannot read are left out and named). */
  async exportAll(): Promise<TextFile | undefined> {
    return this.#act(async () => {
      const list = await store.listScenarios();
      const records: StoredRecord[] = [];
      const skipped: string[] = [];
      for (const item of list) {
        const r = await store.getScenario(item.id);
        if (r.status === 'found') records.push(r.record);
        else if (r.status === 'invalid') skipped.push(item.name || item.id);
      }
      this.status =
        skipped.length > 0
          ? `Exported ${records.length}; left out (unreadable): ${skipped.join(', ')}.`
          : `Exported ${records.length} scenarios.`;
      return { name: exportFileName('library'), text: exportLibrary(records) };
    });
  }
}

export const library = new Library();
