/**
 * The numeric model keys of the scenario file (docs/model.md §6), in the order the WASM kernel
 * reads them from its input block. The parameter registry's group files name them
 * (src/model/registry/); this module re-exports the list and its types.
 *
 * `startDate`, `name` and `notes` are not model inputs: times in the model are seconds after t0.
 */
export { MODEL_KEYS, MONTH_SECONDS, type ModelInputs, type ModelKey } from './registry/index.ts';
