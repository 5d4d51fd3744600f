// The monthly cash-flow chart: build months and an exit value far beyond every other month are
// drawn on the plot's edges, so the operating months are not flattened by their scale.
import { describe, expect, it } from 'vitest';
import { seriesSvg } from '../../src/charts/series.ts';
import { cashFlowClip } from '../../src/components/detail-series.ts';
import { MONTH_SECONDS } from '../../src/model/keys.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import type { Evaluation } from '../../src/model/results.ts';

const START = Date.parse('2026-01-08T00:00:00Z');
// 24 months. Mining earns $2M a month, and its $20M exit value in month 24. The pivot builds in
// months 1–6 at −$50M a month, then earns $3M a month, and its $200M exit value in month 24.
const mine: number[] = Array.from({ length: 24 }, (_, k) => (k === 23 ? 22e6 : 2e6));
const pivot: number[] = Array.from({ length: 24 }, (_, k) => (k < 6 ? -50e6 : k === 23 ? 203e6 : 3e6));
const ev = (pivotFlows = pivot, mineFlows = mine) => ({ cashFlows: { mine: mineFlows, pivot: pivotFlows } }) as unknown as Evaluation;
const inputs = { ...defaultInputs(), pivotStartMonth: 0, buildMonths: 6 };

describe('cashFlowClip', () => {
  it('clips the build months and the exit values when they reach 1.5 spans beyond the rest', () => {
    // The rest (months 1–23 of mining, 7–23 of the pivot, and 0) spans 0 to $3M: span 3M.
    // −50M < 0 − 1.5 × 3M: the floor is 0 − 0.15 × 3M = −$450k; 203M > 3M + 4.5M: the ceiling is 3M + 0.45M.
    expect(cashFlowClip(inputs, ev())).toEqual({
      low: -450_000,
      high: 3_450_000,
      label: 'Off the scale: −$50M/mo (build), $203M (exit value)',
    });
  });

  it('leaves the scale alone when nothing reaches that far, and clips only the side that does', () => {
    const mild = pivot.map((v, k) => (k < 6 ? -4e6 : k === 23 ? 3e6 : v));
    const mildMine = mine.map(() => 2e6);
    // −4M is above 0 − 4.5M and 3M is the top of the rest.
    expect(cashFlowClip(inputs, ev(mild, mildMine))).toBeUndefined();
    expect(cashFlowClip({ ...inputs, buildMonths: 0 }, ev(pivot.map((v, k) => (k < 6 ? 3e6 : v))))).toEqual({
      high: 3_450_000,
      label: 'Off the scale: $203M (exit value)',
    });
  });

  it('draws values beyond the clip on the edges, with the note and the axis breaks', () => {
    const spec = {
      width: 600,
      height: 220,
      startMs: START,
      endSeconds: 24 * MONTH_SECONDS,
      unit: 'USD',
      zero: true,
      lines: [{ name: 'pivot', points: pivot.map((v, k) => [(k + 1) * MONTH_SECONDS, v] as [number, number]), color: '#000' }],
    };
    const clipped = seriesSvg({ ...spec, clip: cashFlowClip(inputs, ev()) });
    expect(clipped).toContain('Off the scale: −$50M/mo (build), $203M (exit value)');
    expect(clipped).toContain('data-testid="series-clip"');
    // The y ticks stay within the operating range: none reaches $10M either way.
    expect(clipped).not.toMatch(/>−?\$\d{2,3}M</);
    // Too narrow for the note on one line (about 300 px of text at 11 px): a line for each part.
    const narrow = seriesSvg({ ...spec, width: 260, clip: cashFlowClip(inputs, ev()) });
    expect(narrow).toContain('>Off the scale: −$50M/mo (build)</text>');
    expect(narrow).toContain('>$203M (exit value)</text>');
    const plain = seriesSvg(spec);
    expect(plain).not.toContain('series-clip');
    expect(plain).toMatch(/>\$\d{3}M</);
  });
});
