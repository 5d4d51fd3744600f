/**
 * A sensible range for a key when it becomes a heatmap axis or a slider: the registry's plausible
 * range (the values analysts argue over) where it has one, else the default ± 60 % inside the
 * key's allowed range.
 */
import type { ModelKey } from '../model/keys.ts';
import { PARAMS_BY_KEY } from '../model/registry/index.ts';
import type { Axis } from '../model/sweep.ts';

export function suggestAxis(key: ModelKey, n: number): Axis {
  const p = PARAMS_BY_KEY[key];
  const known = p.plausible;
  let min = known?.low ?? 0;
  let max = known?.high ?? 0;
  if (!known) {
    const span = p.default !== 0 ? Math.abs(p.default) * 0.6 : (p.max - p.min) / 4;
    min = Math.max(p.min, p.default - span);
    max = Math.min(p.max, p.default + span);
    if (p.integer) [min, max] = [Math.floor(min), Math.ceil(max)];
    if (!(max > min)) [min, max] = [p.min, p.max];
  }
  const points = p.integer ? Math.min(n, Math.round(max - min) + 1) : n;
  return { key, min, max, n: Math.max(2, points), log: known?.log ?? false };
}

/**
 * The range a slider covers: the key's plausible range (the registry's, with its source) where it
 * has one, else the key's whole range when it has few steps; none for keys like a block height. The
 * number box beside it still takes the whole allowed range: a value outside the slider's pins it at
 * its end.
 */
export function sliderRange(key: ModelKey): { min: number; max: number; step: number } | null {
  const p = PARAMS_BY_KEY[key];
  const known = p.plausible;
  if (known && (known.high - known.low) / p.step <= 5000) return { min: known.low, max: known.high, step: p.step };
  if ((p.max - p.min) / p.step <= 2500) return { min: p.min, max: p.max, step: p.step };
  return null;
}
