/**
 * The scenario library as the page shows it: the list of saved scenarios, the one open in the
 * explorer, a delete that can be undone for a few seconds, and import and export as files. The
 * storage is src/state/store.ts; the file formats are src/model/library.ts.
 */
import { exportFileName, exportLibrary, exportScenario, formatImportProblem, parseImports, type StoredRecord } from '../model/library.ts';
import { explorer } from './explorer.svelte.ts';
import * as store from './store.ts';
import type { ScenarioSummary, UndoToken } from './store.ts';

/** How long the Undo of a delete stays offered. */
export const UNDO_MS = 8_000;

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

  #undoTimer: ReturnType<typeof setTimeout> | undefined;

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

  /** Saves the explorer's scenario and view: over the open one, or (`asNew`) as a new one. */
  save(name: string, asNew: boolean): Promise<StoredRecord | undefined> {
    return this.#act(async () => {
      const id = asNew ? undefined : (this.currentId ?? undefined);
      const record = await store.saveScenario({ id, name: name.trim(), scenario: explorer.scenario, view: explorer.view });
      explorer.setParam('name', record.name === '' ? undefined : record.name);
      this.currentId = record.id;
      this.status = `Saved “${record.name}”.`;
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
      this.currentId = id;
      this.status = `Opened “${r.record.name}”.`;
    });
  }

  rename(id: string, name: string): Promise<void> {
    return this.#act(async () => {
      const record = await store.renameScenario(id, name.trim());
      if (id === this.currentId) explorer.setParam('name', record.name === '' ? undefined : record.name);
      this.status = `Renamed to “${record.name}”.`;
    });
  }

  duplicate(id: string): Promise<void> {
    return this.#act(async () => {
      const record = await store.duplicateScenario(id);
      this.status = `Saved a copy as “${record.name}”.`;
    });
  }

  remove(id: string): Promise<void> {
    return this.#act(async () => {
      const name = this.nameOf(id);
      const token = await store.deleteScenario(id);
      if (id === this.currentId) this.currentId = null;
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
      await store.restoreScenario(undo.token);
      this.status = `Restored “${undo.name}”.`;
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
