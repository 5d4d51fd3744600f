// Heatmap axes and sliders read the registry's plausible ranges.
import { describe, expect, it } from 'vitest';
import { MODEL_KEYS } from '../../src/model/keys.ts';
import { PARAMS_BY_KEY } from '../../src/model/registry/index.ts';
import { sliderRange, suggestAxis } from '../../src/state/axes.ts';

describe('suggestAxis', () => {
  it('spans the plausible range, by ratio where the registry says so', () => {
    expect(suggestAxis('btcPriceUsd', 16)).toEqual({ key: 'btcPriceUsd', min: 30_000, max: 250_000, n: 16, log: true });
    expect(suggestAxis('leaseUsdPerKwMonth', 16)).toEqual({ key: 'leaseUsdPerKwMonth', min: 60, max: 220, n: 16, log: false });
    expect(suggestAxis('siteMw', 8)).toMatchObject({ min: 10, max: 1000, log: true });
  });

  it('caps whole-number axes at one point per value', () => {
    expect(suggestAxis('buildMonths', 64)).toEqual({ key: 'buildMonths', min: 6, max: 36, n: 31, log: false });
  });

  it('falls back to the default ± 60 % inside the allowed range', () => {
    expect(PARAMS_BY_KEY.uptimePct.plausible).toBeUndefined();
    expect(suggestAxis('uptimePct', 8)).toEqual({ key: 'uptimePct', min: 38, max: 100, n: 8, log: false });
  });

  it("stays inside every key's allowed range", () => {
    for (const key of MODEL_KEYS) {
      const a = suggestAxis(key, 16);
      const p = PARAMS_BY_KEY[key];
      expect(a.min, key).toBeGreaterThanOrEqual(p.min);
      expect(a.max, key).toBeLessThanOrEqual(p.max);
      expect(a.max, key).toBeGreaterThan(a.min);
    }
  });
});

describe('sliderRange', () => {
  it('covers a short range whole, a long one by its plausible range, a block height not at all', () => {
    expect(sliderRange('uptimePct')).toEqual({ min: 0, max: 100, step: 0.5 });
    expect(sliderRange('btcPriceUsd')).toEqual({ min: 30_000, max: 250_000, step: 100 });
    expect(sliderRange('startHeight')).toBeNull();
  });

  it("spans a key's plausible range even when its whole range has few steps", () => {
    // Power price: allowed 0–1 $/kWh in 0.001 steps (1,000 steps, once the whole range); plausible 0.02–0.10.
    expect(sliderRange('powerUsdPerKwh')).toEqual({ min: 0.02, max: 0.1, step: 0.001 });
    expect(sliderRange('discountRatePct')).toEqual({ min: 4, max: 20, step: 0.5 });
    for (const key of MODEL_KEYS) {
      const p = PARAMS_BY_KEY[key];
      const r = sliderRange(key);
      if (p.plausible && r) expect([r.min, r.max], p.key).toEqual([p.plausible.low, p.plausible.high]);
    }
  });
});
