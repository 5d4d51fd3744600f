/**
 * The inputs of the model's version 2 (docs/model.md §7): every model key of the registry, the
 * version-1 keys and those §7.6 adds. Percentages are percent (5 means 5 %), as in the scenario file.
 * The keys version 2 adds and their "v1 values" are the migration's (src/model/scenario/migrations.ts).
 */
import type { ModelInputs } from '../../model/keys.ts';
import { defaultInputs } from '../../model/registry/index.ts';
import { V2_ADDED_KEYS, v2KeysAtV1, type V2AddedKey } from '../../model/scenario/migrations.ts';

/** The keys version 2 adds (docs/model.md §7.6), in their groups' order. */
export const V2_KEYS = V2_ADDED_KEYS;
export type V2Key = V2AddedKey;

/** A version-2 scenario with every model key resolved to a number. */
export type ModelInputsV2 = ModelInputs;

/**
 * The version-2 defaults of the added keys. `netHashcostUsdPerPhDay` is the steady-state hashprice
 * h(N0, 0) = 144 · (s + F) · P0 · 10^15 / N0 of the default start state (height 931,392, difficulty
 * 146.47 T so N0 = 146.47e12 · 2^32 / 600 H/s, subsidy 3.125 BTC, fees 0.036 BTC, P0 = $90,922):
 * 144 · 3.161 · 90,922 · 10^15 / 1.048467e21 = 39.473…, rounded to the cent.
 */
export const V2_DEFAULTS: Readonly<Record<V2Key, number>> = Object.freeze(
  Object.fromEntries(V2_KEYS.map((key) => [key, defaultInputs(2)[key]])) as Record<V2Key, number>,
);

/**
 * The "v1 values" of the added keys for a version-1 scenario: the values with which the version-2
 * model gives exactly the version-1 results (no network response, full opex when off, no power
 * escalation, no fee growth, no resale, no renewal, one discount rate, no Monte Carlo); the keys
 * without a v1 value take their version-2 default, which then changes no version-1 output.
 */
export function v1Values(v1: ModelInputs): Record<V2Key, number> {
  return v2KeysAtV1(v1.discountRatePct);
}

/** A version-1 scenario as version-2 inputs with identical results. */
export const fromV1 = (v1: ModelInputs): ModelInputsV2 => ({ ...v1, ...v1Values(v1) });
