/**
 * Resolution: a validated scenario with its defaults filled in and its derived keys computed
 * (docs/model.md §6), as the kernel's ModelInputs or as a whole scenario.
 */
import type { ModelInputs } from '../keys.ts';
import { CURRENT_VERSION, PARAMS_BY_KEY, REGISTRY, TEXT_PARAMS_BY_KEY, epochElapsedSecondsFor, hashrateEhsFor } from '../registry/index.ts';
import { migrate } from './migrations.ts';
import type { ResolvedScenario, Scenario } from './types.ts';

/** A valid scenario of an older version brought to CURRENT_VERSION, as validation does. */
function current(s: Scenario): Scenario {
  return s.version < CURRENT_VERSION ? (migrate(s) as Scenario) : s;
}

/**
 * The kernel's inputs for a validated scenario: defaults filled in, derived keys computed. A
 * scenario of an older version is migrated first, so it computes what it computed.
 */
export function resolveInputs(scenario: Scenario): ModelInputs {
  const s = current(scenario);
  const out = {} as ModelInputs;
  for (const p of REGISTRY) out[p.key] = s[p.key] ?? p.default;
  if (s.epochElapsedSeconds === undefined) out.epochElapsedSeconds = epochElapsedSecondsFor(out.startHeight);
  if (s.hashrateEhs === undefined) out.hashrateEhs = hashrateEhsFor(out.startDifficulty);
  if (PARAMS_BY_KEY.discountRatePivotPct.derived !== undefined && s.discountRatePivotPct === undefined) {
    out.discountRatePivotPct = out.discountRatePct;
  }
  return out;
}

/** A validated scenario with every key present. */
export function resolveScenario(scenario: Scenario): ResolvedScenario {
  const s = current(scenario);
  return {
    version: CURRENT_VERSION,
    startDate: s.startDate ?? TEXT_PARAMS_BY_KEY.startDate.default,
    ...resolveInputs(s),
    name: s.name ?? TEXT_PARAMS_BY_KEY.name.default,
    notes: s.notes ?? TEXT_PARAMS_BY_KEY.notes.default,
  };
}
