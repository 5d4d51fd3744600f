/** A time-series chart rendered in Node: cumulative Δ cash flow with payback points and a halving. */
import { describe, expect, it } from 'vitest';
import { seriesSvg } from '../../src/charts/series.ts';
import { MONTH_SECONDS } from '../../src/model/keys.ts';
import { expectSnapshot } from './snapshot.ts';

const START = Date.parse('2026-01-08T00:00:00Z');

describe('series', () => {
  it('cumulative cash flow, plain and discounted, with paybacks, a halving and retargets', async () => {
    const months = 120;
    const plain: [number, number][] = [];
    const discounted: [number, number][] = [];
    let a = 0;
    let b = 0;
    for (let m = 1; m <= months; m++) {
      const cf = m <= 12 ? -8e7 : 1.6e7;
      a += cf;
      b += cf * 1.1 ** (-m / 12);
      plain.push([m * MONTH_SECONDS, a]);
      discounted.push([m * MONTH_SECONDS, b]);
    }
    const svg = seriesSvg({
      width: 600,
      height: 220,
      startMs: START,
      endSeconds: months * MONTH_SECONDS,
      unit: 'USD',
      zero: true,
      lines: [
        { name: 'Cumulative Δ', points: plain, color: 'var(--series-delta, #0072b2)' },
        { name: 'discounted', points: discounted, color: 'var(--series-delta, #0072b2)', dashed: true },
      ],
      rules: [{ seconds: 27 * MONTH_SECONDS, label: 'halving' }],
      rug: { seconds: Array.from({ length: 40 }, (_, k) => (k + 1) * 1_209_600 * 2), label: 'retargets' },
      marks: [
        { seconds: 72 * MONTH_SECONDS, value: 0, label: 'payback, month 72' },
        { seconds: 95 * MONTH_SECONDS, value: 0, label: 'discounted payback, month 95' },
      ],
      testid: 'cumulative',
    });
    expect(svg).toContain('payback, month 72');
    await expectSnapshot('series-cumulative', svg);
  });

  it('rejects nonsense at the door', () => {
    expect(() => seriesSvg({ width: 300, height: 200, startMs: START, endSeconds: 0, unit: 'USD', lines: [] })).toThrow(
      'invalid endSeconds: 0',
    );
    expect(() => seriesSvg({ width: 300, height: 200, startMs: START, endSeconds: 10, unit: 'furlongs', lines: [] })).toThrow(
      'invalid unit: furlongs',
    );
  });
});
