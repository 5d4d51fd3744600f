/** The numbers people read on the charts. */
import { describe, expect, it } from 'vitest';
import { axisTitle, formatValue, tickFormat } from '../../src/charts/format.ts';
import { REGISTRY } from '../../src/model/registry/index.ts';
import { METRIC_UNITS } from '../../src/model/sweep.ts';

describe('format', () => {
  it('writes units as the page and the downloads show them', () => {
    expect(formatValue('USD/kW-month', 120)).toBe('$120/kW-mo');
    expect(formatValue('USD', 80_000)).toBe('$80k');
    expect(formatValue('%/month', 2.5)).toBe('2.5 %/mo');
    expect(formatValue('USD', -14e6)).toBe('−$14M');
    expect(formatValue('USD', 1.25e9)).toBe('$1.25B');
    expect(formatValue('fraction per year', 0.123)).toBe('12.3 %/yr');
    expect(formatValue('block', 931_392)).toBe('931,392');
    expect(formatValue('', 146.47e12)).toBe('146T');
    expect(formatValue('USD', NaN)).toBe('none');
    expect(formatValue('paths', 1000)).toBe('1,000 paths');
    expect(formatValue('fraction', 0.625)).toBe('62.5 %');
    expect(formatValue('USD/hour', 2.5e6)).toBe('$2.5M/h');
  });

  it("knows every parameter's and every metric's unit", () => {
    for (const unit of new Set([...REGISTRY.map((p) => p.unit), ...Object.values(METRIC_UNITS)])) {
      expect(() => formatValue(unit, 1), unit).not.toThrow();
      expect(() => axisTitle('x', unit), unit).not.toThrow();
    }
  });

  it('gives ticks the digits they need', () => {
    const f = tickFormat('USD', [1e6, 1.25e6, 1.5e6]);
    expect([1e6, 1.25e6, 1.5e6].map(f)).toEqual(['$1M', '$1.25M', '$1.5M']);
    expect([0.02, 0.04].map(tickFormat('USD/kWh', [0.02, 0.04]))).toEqual(['$0.02/kWh', '$0.04/kWh']);
  });
});
