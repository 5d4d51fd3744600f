/**
 * The explorer's state: the scenario being explored and the view on it (heatmap axes, metric,
 * month), plus the cell shown in detail. Persistence, links and embeds build on this class; it
 * knows nothing of URLs or storage.
 *
 * The scenario is held raw, as a scenario file of the current version would hold it (only the keys
 * that were set), and may be invalid while someone types: `problems` lists what is wrong, and
 * `inputs` are resolved from the valid keys only, so the model never sees a bad value. A scenario
 * of an older version (a preset written for it) is migrated when loaded, so the map, the detail
 * and the link all read the same current-version keys.
 */
import type { ModelInputs, ModelKey } from '../model/keys.ts';
import { findPreset, presetScenario } from '../model/presets.ts';
import { CURRENT_VERSION, isModelKey } from '../model/registry/index.ts';
import { migrate } from '../model/scenario/migrations.ts';
import { resolveInputs } from '../model/scenario/resolve.ts';
import type { Problem, Scenario } from '../model/scenario/types.ts';
import { validateScenario } from '../model/scenario/validate.ts';
import { checkSweep } from '../model/sweep.ts';
import { defaultView, type View } from '../model/view.ts';
import { sweepInputs } from '../model/sweep.ts';
import type { SweepRequest } from '../worker/pool.ts';

export type ScenarioValue = number | string;

/** A cell of the heatmap: the two axis keys at the cell's values. */
export interface Cell {
  xKey: ModelKey;
  x: number;
  yKey: ModelKey;
  y: number;
}

/**
 * A scenario of an older version brought to the current one as an imported file is: validated and
 * migrated (the older version's values written out), keys in canonical order. One that does not
 * validate is migrated as it is, its problems then reported by the explorer.
 */
function current(s: Scenario): Scenario {
  if (s.version === CURRENT_VERSION) return s;
  const checked = validateScenario(s);
  return checked.ok ? checked.scenario : (migrate(s) as Scenario);
}

/** The scenario without the keys that have problems (they fall back to their defaults). */
function validPart(s: Scenario, problems: readonly Problem[]): Scenario {
  if (problems.length === 0) return s;
  const bad = new Set(problems.map((p) => p.key));
  return Object.fromEntries(Object.entries(s).filter(([k]) => k === 'version' || !bad.has(k))) as Scenario;
}

export class Explorer {
  scenario: Scenario = $state.raw({ version: CURRENT_VERSION });
  view: View = $state.raw(defaultView());
  /** The heatmap cell shown in detail; null: the scenario itself. */
  cell: Cell | null = $state.raw(null);

  readonly problems: Problem[] = $derived.by(() => {
    const r = validateScenario(this.scenario);
    return r.ok ? [] : r.problems;
  });
  readonly valid = $derived(this.problems.length === 0);
  readonly #usable = $derived(validPart(this.scenario, this.problems));
  readonly inputs: ModelInputs = $derived(resolveInputs(this.#usable));
  readonly viewProblems: Problem[] = $derived(checkSweep(this.view, this.inputs.horizonYears));

  /** What the heatmap computes; null while the scenario or the view has problems. */
  readonly sweepRequest: SweepRequest | null = $derived.by(() => {
    if (!this.valid || this.viewProblems.length > 0) return null;
    const s = this.#usable;
    return {
      inputs: sweepInputs(this.inputs, { hashrateEhs: 'hashrateEhs' in s, epochElapsedSeconds: 'epochElapsedSeconds' in s }),
      spec: this.view,
    };
  });

  /** The scenario shown in detail: the clicked cell's, or the scenario itself. */
  readonly detailScenario: Scenario = $derived(
    this.cell ? { ...this.#usable, [this.cell.xKey]: this.cell.x, [this.cell.yKey]: this.cell.y } : this.#usable,
  );
  readonly detailInputs: ModelInputs = $derived(resolveInputs(this.detailScenario));

  /** The problem with one key, if any (inline validation). */
  problemFor(key: string): Problem | undefined {
    return this.problems.find((p) => p.key === key);
  }

  /** Sets one key; `undefined` removes it (back to its default). Invalid values are kept and reported. */
  setParam(key: ModelKey | 'startDate' | 'name' | 'notes', value: ScenarioValue | undefined): void {
    const next: Record<string, unknown> = { ...this.scenario };
    if (value === undefined) delete next[key];
    else next[key] = value;
    this.scenario = next as Scenario;
  }

  /** Sets several keys in one change (a plan's share and start together); `undefined` removes a key. */
  setParams(values: Partial<Record<ModelKey | 'startDate', ScenarioValue | undefined>>): void {
    const next: Record<string, unknown> = { ...this.scenario, ...values };
    for (const [key, value] of Object.entries(values)) if (value === undefined) delete next[key];
    this.scenario = next as Scenario;
  }

  /** Changes part of the view; a cell chosen on other axes is let go. */
  setView(partial: Partial<View>): void {
    const next = { ...this.view, ...partial };
    if (this.cell && (next.x.key !== this.cell.xKey || next.y.key !== this.cell.yKey)) this.cell = null;
    this.view = next;
  }

  /**
   * Replaces the scenario (a preset, a saved scenario, a link); the detail goes back to it. One of
   * an older version is migrated to the current one.
   */
  loadScenario(s: Scenario): void {
    this.scenario = current({ ...s, version: s.version ?? CURRENT_VERSION });
    this.cell = null;
  }

  /** Starts from a named preset (migrated like any file of its version), or from the defaults for an unknown name or ''. */
  loadPreset(name: string): void {
    const preset = findPreset(name);
    this.loadScenario(preset ? presetScenario(preset) : { version: CURRENT_VERSION });
  }

  /** Shows a heatmap cell in detail (null: the scenario itself). */
  selectCell(cell: Cell | null): void {
    this.cell = cell;
  }

  /** The value a key has in the resolved inputs (derived keys included). */
  value(key: string): number | undefined {
    return isModelKey(key) ? this.inputs[key] : undefined;
  }
}

/** The page's explorer. */
export const explorer = new Explorer();
