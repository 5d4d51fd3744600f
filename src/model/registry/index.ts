/**
 * The parameter registry: every key of the scenario file (docs/model.md §6) with its group, label,
 * unit, default, allowed range, the public source of its default, its typical range, the kernel
 * stages a change of it invalidates and whether a chart's assumption line names it. The key list,
 * the CLI's `params`, validation, the UI's parameter panel, the URL codec, heatmap axes, sliders
 * and chart assumption lines all derive from it.
 *
 * The group files list the keys in the order the WASM kernel reads them from its input block:
 * network, miner, pivot, finance. Changing a default or a key's meaning bumps CURRENT_VERSION and
 * adds a migration (src/model/scenario/migrations.ts).
 */
import { FINANCE } from './finance.ts';
import { MINER } from './miner.ts';
import { NETWORK } from './network.ts';
import { PIVOT } from './pivot.ts';
import { TEXT_REGISTRY } from './text.ts';
import {
  CURRENT_VERSION,
  defaultIn,
  derivedIn,
  type KeyedSpec,
  type ParamGroup,
  type SpecFields,
  type TextKey,
  type TextSpec,
} from './types.ts';

export {
  CURRENT_VERSION,
  MONTH_SECONDS,
  STAGES,
  defaultIn,
  derivedIn,
  epochElapsedSecondsFor,
  hashrateEhsFor,
  steadyStateHashprice,
  subsidyBtcAt,
  type ParamGroup,
  type Plausible,
  type SpecFields,
  type Stage,
  type StartState,
  type TextKey,
  type TextSpec,
} from './types.ts';
export { DEFAULT_BTC_PRICE, DEFAULT_NET_HASHCOST, DEFAULT_START_DATE, DEFAULT_START_DIFFICULTY, DEFAULT_START_HEIGHT } from './network.ts';
export { TEXT_REGISTRY } from './text.ts';

/** Each group's specs, in the kernel's input order. */
const GROUPS = { network: NETWORK, miner: MINER, pivot: PIVOT, finance: FINANCE } satisfies Record<ParamGroup, Record<string, SpecFields>>;
const SPECS = { ...NETWORK, ...MINER, ...PIVOT, ...FINANCE };

/** A numeric model key: the property names of the group files. */
export type ModelKey = keyof typeof SPECS;
/** A scenario with every model key resolved to a number (derived defaults filled in). */
export type ModelInputs = Record<ModelKey, number>;
/** A numeric model input. */
export type ParamSpec = KeyedSpec<ModelKey>;
export type ScenarioKey = ModelKey | TextKey;

/** Every numeric model key, in the order the kernel reads them from its input block. */
export const MODEL_KEYS: readonly ModelKey[] = Object.freeze(Object.keys(SPECS) as ModelKey[]);

/** Every numeric model key's spec, in MODEL_KEYS order, with its default of CURRENT_VERSION. */
export const REGISTRY: readonly ParamSpec[] = Object.freeze(
  (Object.entries(GROUPS) as [ParamGroup, Record<string, SpecFields>][]).flatMap(([group, specs]) =>
    Object.entries(specs).map(([key, spec]): ParamSpec => {
      const { derived: _derived, ...rest } = spec as SpecFields;
      const derived = derivedIn(spec, CURRENT_VERSION);
      return {
        key: key as ModelKey,
        group,
        ...rest,
        default: defaultIn(spec, CURRENT_VERSION),
        v1Default: spec.default,
        ...(derived === undefined ? {} : { derived }),
      };
    }),
  ),
);

export const PARAMS_BY_KEY: Readonly<Record<ModelKey, ParamSpec>> = Object.freeze(
  Object.fromEntries(REGISTRY.map((p) => [p.key, p])) as Record<ModelKey, ParamSpec>,
);

export const TEXT_PARAMS_BY_KEY: Readonly<Record<TextKey, TextSpec>> = Object.freeze(
  Object.fromEntries(TEXT_REGISTRY.map((p) => [p.key, p])) as Record<TextKey, TextSpec>,
);

/** The keys a chart's assumption line names first, in their `assumptionOrder`. */
export const ASSUMPTION_KEYS: readonly ModelKey[] = Object.freeze(
  REGISTRY.filter((p) => p.assumption)
    .sort((a, b) => (a.assumptionOrder ?? 0) - (b.assumptionOrder ?? 0))
    .map((p) => p.key),
);

export function isModelKey(key: string): key is ModelKey {
  return Object.hasOwn(PARAMS_BY_KEY, key);
}

export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(TEXT_PARAMS_BY_KEY, key);
}

/** Every key a scenario may hold, `version` first. */
export const SCENARIO_KEYS: readonly string[] = Object.freeze(['version', 'startDate', ...MODEL_KEYS, 'name', 'notes']);

/**
 * The default model inputs of scenario version `version` (the default start state, derived keys
 * included): what a scenario of that version that sets no key computes.
 */
export function defaultInputs(version: number = CURRENT_VERSION): ModelInputs {
  return Object.fromEntries(REGISTRY.map((p) => [p.key, version >= 2 ? (p.v2Default ?? p.v1Default) : p.v1Default])) as ModelInputs;
}

/** A complete scenario of version `version` (the current one unless given): every key at its default. */
export function defaultScenario(version: number = CURRENT_VERSION): {
  version: number;
  startDate: string;
  name: string;
  notes: string;
} & ModelInputs {
  return {
    version,
    startDate: TEXT_PARAMS_BY_KEY.startDate.default,
    ...defaultInputs(version),
    name: TEXT_PARAMS_BY_KEY.name.default,
    notes: TEXT_PARAMS_BY_KEY.notes.default,
  };
}

/** "0.1 to 10000 MW" — the range text every validation message uses. */
export function rangeText(p: ParamSpec): string {
  const unit = p.unit === 'month' ? ' months' : p.unit === 'block' || p.unit === '' ? '' : ` ${p.unit}`;
  return `${p.integer ? 'a whole number ' : ''}from ${p.min} to ${p.max}${unit}`;
}
