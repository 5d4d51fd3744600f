// A month's readout on a time-series chart (src/components/series-readout.ts): the month under a
// pointer, its guide's x, each line's value in it, and its words.
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/charts/format.ts';
import { seriesPlot, seriesSvg, type SeriesSpec } from '../../src/charts/series.ts';
import { networkCharts } from '../../src/components/network-series.ts';
import {
  lineValue,
  monthAfterKey,
  monthAtX,
  monthReadout,
  monthX,
  placeReadout,
  plotMonths,
  valueY,
} from '../../src/components/series-readout.ts';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import { MONTH_SECONDS } from '../../src/model/keys.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';

const M = MONTH_SECONDS;
const START = Date.parse('2027-01-01T00:00:00Z');

/** 120 months of a USD/PH/day line at mid-month, 50 + m in month m. */
const SPEC: SeriesSpec = {
  width: 600,
  height: 220,
  startMs: START,
  endSeconds: 120 * M,
  unit: 'USD/PH/day',
  lines: [{ name: 'hashprice', color: '#000', points: Array.from({ length: 120 }, (_, k) => [(k + 0.5) * M, 51 + k] as const) }],
};

describe('the plot under a series chart', () => {
  it('is where the SVG draws its axes: a 600 px chart of $51–$170/PH/day has its plot 79 px in and 507 px wide', () => {
    const plot = seriesPlot(SPEC);
    const svg = seriesSvg(SPEC);
    // The left axis at (left, top) and the bottom axis at (left, top + height).
    expect(svg).toContain(`<g class="axis axis-left" transform="translate(${plot.left},${plot.top})"`);
    expect(svg).toContain(`<g class="axis axis-bottom" transform="translate(${plot.left},${plot.top + plot.height})"`);
    // The y labels (up to "$180/PH/day") and their gap take 79 px; 600 − 79 − 14 (right margin) = 507; no key row wraps, so the
    // plot starts 26 px down and ends 24 px above the bottom.
    // $51–$170 rounds out to ticks every $20, from $40 to $180.
    expect(plot).toEqual({ left: 79, top: 26, width: 507, height: 220 - 26 - 24, endSeconds: 120 * M, yDomain: [40, 180] });
    // Month 1's point (mid-month) is drawn at 79 + 507 · 0.5/120 = 81.11 px.
    // Its value, $51, is (180 − 51) / (180 − 40) of the 170 px down from the top: 26 + 156.64 = 182.64; valueY agrees.
    expect(svg).toContain('<path class="line" d="M81.11,182.64');
    expect(valueY(51, plot)).toBeCloseTo(182.643, 3);
    // Values beyond the axis are held on its edges.
    expect([valueY(180, plot), valueY(1e9, plot), valueY(40, plot), valueY(-5, plot)]).toEqual([26, 26, 196, 196]);
  });
});

describe('the month under a pointer', () => {
  const plot = seriesPlot(SPEC);
  it('is the month whose span holds x: the plot’s middle is the end of month 60 of 120', () => {
    expect(plotMonths(plot)).toBe(120);
    // The middle: 79 + 507 / 2 = 332.5, 120 / 2 = 60 months in.
    expect(monthAtX(79 + 507 / 2, plot)).toBe(60);
    expect(monthAtX(79 + 507 / 2 + 0.5, plot)).toBe(61);
    // Month 18 spans 79 + 507 · 17/120 = 150.83 to 79 + 507 · 18/120 = 155.05.
    expect(monthAtX(150.9, plot)).toBe(18);
    expect(monthAtX(155, plot)).toBe(18);
    expect(monthAtX(155.1, plot)).toBe(19);
    // Beside the plot: its first or last month.
    expect(monthAtX(0, plot)).toBe(1);
    expect(monthAtX(79, plot)).toBe(1);
    expect(monthAtX(600, plot)).toBe(120);
  });
  it('has its guide at the middle of the month, and the guide’s x maps back to its month', () => {
    // 79 + 507 · 17.5/120 = 152.9375; 79 + 507 · 0.5/120 = 81.1125
    expect(monthX(18, plot)).toBeCloseTo(152.9375, 6);
    expect(monthX(1, plot)).toBeCloseTo(81.1125, 6);
    for (let m = 1; m <= 120; m++) expect(monthAtX(monthX(m, plot), plot)).toBe(m);
  });
  it('counts a part month at the end of a horizon', () => {
    expect(plotMonths({ ...plot, endSeconds: 30.5 * M })).toBe(31);
    // The plot's right edge, 79 + 507 = 586, is 30.5 months in: month 31.
    expect(monthAtX(586, { ...plot, endSeconds: 30.5 * M })).toBe(31);
    // A month before it, 29.5 months in: month 30.
    expect(monthAtX(586 - 507 / 30.5, { ...plot, endSeconds: 30.5 * M })).toBe(30);
  });
});

describe('a line’s value in a month', () => {
  it('is its point inside the month (mid-month or at the start), or what a step line holds at the month’s end', () => {
    const mid = { name: 'a', color: '', points: [0.5, 1.5, 2.5].map((m, k) => [m * M, 10 * (k + 1)] as const) };
    expect([1, 2, 3, 4].map((m) => lineValue(mid, m))).toEqual([10, 20, 30, null]);
    const start = { name: 'b', color: '', points: [0, 1, 2].map((m, k) => [m * M, k === 1 ? null : 7 + k] as const) };
    expect([1, 2, 3].map((m) => lineValue(start, m))).toEqual([7, null, 9]);
    // Steps at 0, 1.2 and 1.9 months: month 1 ends at 100, month 2 at 300 (the last step before its end), month 3 too.
    const step = {
      name: 'c',
      color: '',
      step: true,
      points: [
        [0, 100],
        [1.2 * M, 200],
        [1.9 * M, 300],
      ] as const,
    };
    expect([1, 2, 3].map((m) => lineValue(step, m))).toEqual([100, 300, 300]);
    // What is not a number is none.
    const bad = { name: 'd', color: '', points: [[0.5 * M, NaN] as const, [1.5 * M, Infinity] as const] };
    expect([1, 2].map((m) => lineValue(bad, m))).toEqual([null, null]);
  });
});

describe('the readout of a month', () => {
  it('names the month and its calendar month, then each line in the chart’s unit; none for a missing value', () => {
    // Month 18's middle is 17.5 · 30.4375 = 532.7 days after 1 Jan 2027: 167.7 days into 2028, in June (days 153–182 of a leap year).
    const r = monthReadout({ ...SPEC, lines: [...SPEC.lines, { name: 'gone', color: '', points: [] }] }, 18);
    expect(r.heading).toBe('Month 18 · Jun 2028');
    // 51 + 17 = 68
    expect(r.lines).toEqual(['hashprice: $68/PH/day', 'gone: none']);
    expect(r.text).toBe('Month 18 · Jun 2028; hashprice: $68/PH/day; gone: none');
    expect(monthReadout(SPEC, 1).heading).toBe('Month 1 · Jan 2027');
  });

  it("reads each network chart's lines as its CSV has them, month by month, with and without the exit", () => {
    const model = createNodeModel();
    const inputs = resolveInputs({ version: 2, exitSharePct: 30, exitMonth: 6 });
    const charts = networkCharts(inputs, model.project(inputs), model.project({ ...inputs, exitSharePct: 0 }));
    for (const chart of charts) {
      expect(chart.spec.lines.length, chart.id).toBe(chart.table.length);
      for (let m = 1; m <= 120; m++) {
        const r = monthReadout({ ...chart.spec, startMs: START }, m);
        const want = chart.spec.lines.map((line, k) => `${line.name}: ${formatValue(chart.spec.unit, chart.table[k]!.values[m - 1]!)}`);
        expect(r.lines, `${chart.id} month ${m}`).toEqual(want);
        expect(r.text).not.toMatch(/NaN|Infinity|none/);
      }
    }
  });
});

describe('keys and placement', () => {
  it('move by a month within the chart, jump to its ends, and clear with Escape', () => {
    expect(monthAfterKey('ArrowRight', 18, 120)).toBe(19);
    expect(monthAfterKey('ArrowLeft', 18, 120)).toBe(17);
    expect(monthAfterKey('ArrowRight', 120, 120)).toBe(120);
    expect(monthAfterKey('ArrowLeft', 1, 120)).toBe(1);
    expect(monthAfterKey('ArrowRight', null, 120)).toBe(1);
    expect(monthAfterKey('ArrowLeft', null, 120)).toBe(120);
    expect(monthAfterKey('Home', 50, 120)).toBe(1);
    expect(monthAfterKey('End', 50, 120)).toBe(120);
    expect(monthAfterKey('Escape', 50, 120)).toBeNull();
    expect(monthAfterKey('a', 50, 120)).toBeUndefined();
  });
  it('put the readout right of the guide when it fits, else left of it, else (a phone) at the top or bottom away from the points', () => {
    const frame = { width: 280, height: 240 };
    const box = { width: 150, height: 90 };
    // At x = 100 it fits on the right: 110 + 150 = 260 ≤ 280; its top where asked.
    expect(placeReadout({ x: 100, ys: [120], top: 70 }, box, frame)).toEqual({ left: 110, top: 70 });
    // At x = 200 it would end at 360: it goes left, 200 − 10 − 150 = 40.
    expect(placeReadout({ x: 200, ys: [120], top: 70 }, box, frame)).toEqual({ left: 40, top: 70 });
    // A top too low for the box is raised into the frame: 240 − 90 = 150.
    expect(placeReadout({ x: 100, ys: [], top: 200 }, box, frame)).toEqual({ left: 110, top: 150 });
    // A 200 px box fits neither side of x = 120 (330 > 280, −90 < 0): centred on the guide, 120 − 100 = 20, and at the
    // top (0–90) unless that covers more points than the bottom (150–240) does.
    const wide = { width: 200, height: 90 };
    expect(placeReadout({ x: 120, ys: [200, 220], top: 70 }, wide, frame)).toEqual({ left: 20, top: 0 });
    expect(placeReadout({ x: 120, ys: [60, 94, 200], top: 70 }, wide, frame)).toEqual({ left: 20, top: 150 });
    expect(placeReadout({ x: 120, ys: [60, 200], top: 70 }, wide, frame)).toEqual({ left: 20, top: 0 });
    // At x = 200 (neither 410 ≤ 280 nor −10 ≥ 0) centring would end past the right edge: 200 − 100 = 100 > 280 − 200 = 80.
    expect(placeReadout({ x: 200, ys: [], top: 70 }, wide, frame).left).toBe(80);
    // A box wider than the frame starts at its left edge.
    expect(placeReadout({ x: 100, ys: [], top: 70 }, { width: 300, height: 90 }, frame).left).toBe(0);
  });
});
