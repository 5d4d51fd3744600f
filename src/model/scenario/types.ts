/**
 * The scenario file's types (docs/model.md §6): a scenario as written, one with every key filled
 * in, and what validation says about it.
 */
import type { ModelInputs } from '../keys.ts';

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

/**
 * A valid scenario (with `notices` when migrating it from an older version changed more than its
 * defaults, e.g. dropped a key that version ignored), or every problem.
 */
export type ValidationResult = { ok: true; scenario: Scenario; notices?: Problem[] } | { ok: false; problems: Problem[] };
