/**
 * A sensible range for a key when it becomes a heatmap axis: the ranges analysts argue over
 * (domain.md's typical values) where we know them, else the default ± 60 % inside the key's range.
 */
import type { ModelKey } from '../model/keys.ts';
import { PARAMS_BY_KEY } from '../model/registry/index.ts';
import type { Axis } from '../model/sweep.ts';

const KNOWN: Partial<Record<ModelKey, [number, number, boolean]>> = {
  leaseUsdPerKwMonth: [60, 220, false],
  btcPriceUsd: [30_000, 250_000, true],
  hashrateGrowthPctPerMonth: [-2, 4, false],
  btcPriceGrowthPctPerYear: [-30, 60, false],
  powerUsdPerKwh: [0.02, 0.1, false],
  capexMusdPerMwIt: [5, 14, false],
  grossToItRatio: [1.2, 1.5, false],
  noiMarginPct: [60, 95, false],
  discountRatePct: [4, 20, false],
  buildMonths: [6, 36, false],
  leaseTermYears: [5, 20, false],
  horizonYears: [5, 20, false],
  fleetJPerTh: [12, 35, false],
  siteMw: [10, 1000, true],
  startDifficulty: [80e12, 300e12, true],
  hashrateEhs: [500, 2500, true],
  feesBtcPerBlock: [0.01, 0.5, true],
  pivotSharePct: [0, 100, false],
  defaultPctPerYear: [0, 10, false],
  recoveryPct: [0, 100, false],
  exitMultiplePivot: [0, 20, false],
  exitMultipleMine: [0, 12, false],
};

export function suggestAxis(key: ModelKey, n: number): Axis {
  const p = PARAMS_BY_KEY[key];
  const known = KNOWN[key];
  let [min, max, log] = known ?? [0, 0, false];
  if (!known) {
    const span = p.default !== 0 ? Math.abs(p.default) * 0.6 : (p.max - p.min) / 4;
    min = Math.max(p.min, p.default - span);
    max = Math.min(p.max, p.default + span);
    if (p.integer) [min, max] = [Math.floor(min), Math.ceil(max)];
    if (!(max > min)) [min, max] = [p.min, p.max];
  }
  const points = p.integer ? Math.min(n, Math.round(max - min) + 1) : n;
  return { key, min, max, n: Math.max(2, points), log };
}

/** The range a slider covers: the key's own when it has few steps, else the practical one; none for keys like a block height. */
export function sliderRange(key: ModelKey): { min: number; max: number; step: number } | null {
  const p = PARAMS_BY_KEY[key];
  if ((p.max - p.min) / p.step <= 2500) return { min: p.min, max: p.max, step: p.step };
  const known = KNOWN[key];
  if (!known || (known[1] - known[0]) / p.step > 5000) return null;
  return { min: known[0], max: known[1], step: p.step };
}
