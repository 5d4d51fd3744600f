/** A time-series chart rendered in Node: cumulative Δ cash flow with payback points and a halving. */
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/charts/svg.ts';
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
  it('names itself, wraps a key too wide for one row, draws each line with its own dash, and stacks rule labels that would collide', () => {
    const flat = (v: number): [number, number][] => [
      [0, v],
      [120 * MONTH_SECONDS, v],
    ];
    const lines = ['hashrate', 'hashrate, no exit', 'target N*', 'target N*, no exit'].map((name, k) => ({
      name,
      points: flat(k + 1),
      color: '#000',
      dash: ['', '7 3', '1.5 2.5', '7 2.5 1.5 2.5'][k] || undefined,
    }));
    const spec = { height: 220, startMs: START, endSeconds: 120 * MONTH_SECONDS, unit: 'EH/s', lines, label: 'Hashrate in words' };
    const rules = [
      { seconds: 6 * MONTH_SECONDS, label: '30 % leave' },
      { seconds: 7 * MONTH_SECONDS, label: 'halving → 1.5625 BTC' },
      { seconds: 100 * MONTH_SECONDS, label: 'halving → 0.78125 BTC' },
    ];
    const keyRows = (svg: string) => new Set([...svg.matchAll(/class="key" transform="translate\([\d.]+,(\d+)\)"/g)].map((m) => m[1])).size;
    const ruleYs = (svg: string) => [...svg.matchAll(/<g class="rule">.*?<text x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1]));
    const wide = seriesSvg({ ...spec, width: 900, rules });
    const narrow = seriesSvg({ ...spec, width: 358, rules });
    expect(wide).toContain('aria-label="Hashrate in words"><title>Hashrate in words</title>');
    expect(keyRows(wide)).toBe(1);
    expect(keyRows(narrow)).toBe(2);
    for (const dash of ['7 3', '1.5 2.5', '7 2.5 1.5 2.5']) expect(narrow).toContain(`stroke-dasharray="${dash}"`);
    // Months 6 and 7 are a few pixels apart: the second label goes a row lower, 15 px (a line of
    // 11 px text is about 13 px tall); month 100's has room.
    const [a, b, c] = ruleYs(narrow);
    expect([b! - a!, c! - a!]).toEqual([15, 0]);
  });

  it('keeps rule labels inside the plot of a narrow chart, clear of the y axis, and leaves out one wider than the plot', () => {
    const spec = {
      height: 220,
      startMs: START,
      endSeconds: 120 * MONTH_SECONDS,
      unit: 'USD/PH/day',
      lines: [{ name: 'hashprice', points: [[0, 10] as [number, number], [120 * MONTH_SECONDS, 60] as [number, number]], color: '#000' }],
    };
    const rules = [
      { seconds: 6 * MONTH_SECONDS, label: '30 % leave' },
      { seconds: 28 * MONTH_SECONDS, label: 'halving → 1.5625 BTC' },
      { seconds: 76 * MONTH_SECONDS, label: 'halving → 0.78125 BTC' },
    ];
    const width = 256;
    const svg = seriesSvg({ ...spec, width, rules });
    const left = Number(/class="axis axis-left"[^>]*transform="translate\(([\d.]+),/.exec(svg)![1]);
    const right = width - 14;
    const labels = [...svg.matchAll(/<g class="rule">.*?<text x="([\d.]+)" y="[\d.]+" text-anchor="start"[^>]*>([^<]+)<\/text>/g)];
    expect(labels.map((m) => m[2])).toEqual(['30 % leave', 'halving → 1.5625 BTC', 'halving → 0.78125 BTC']);
    for (const [, x, label] of labels) {
      // The 76th month's rule sits ~125 px in: anchored at its end, its label ran ~10 px past the axis into its tick labels.
      expect(Number(x), label).toBeGreaterThanOrEqual(left);
      expect(Number(x) + textWidth(label!, 11), label).toBeLessThanOrEqual(right + 0.01);
    }
    // At 120 px the plot is narrower than a halving's label: the rule is drawn, its label is its tooltip.
    const tiny = seriesSvg({ ...spec, width: 120, rules });
    expect(tiny.match(/<g class="rule">/g)).toHaveLength(3);
    expect(tiny).toContain('<title>halving → 0.78125 BTC</title>');
    expect(tiny).not.toMatch(/<text[^>]*>halving → 0.78125 BTC<\/text>/);
  });
});
