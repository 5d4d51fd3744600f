// The map's "how to read it" sentence: what the colour is, and the side of the breakeven where the pivot wins.
import { describe, expect, it } from 'vitest';
import { readingLine, winningSide } from '../../src/charts/reading.ts';
import { defaultView, type View } from '../../src/model/view.ts';

/** A 4×4 view (lease rate across, BTC price up) with Δ given row by row from the bottom. */
function grid(rows: number[][]): { view: View; delta: Float64Array } {
  const base = defaultView();
  const view = { ...base, x: { ...base.x, n: rows[0]!.length }, y: { ...base.y, n: rows.length } };
  return { view, delta: Float64Array.from(rows.flat()) };
}

describe('winningSide', () => {
  it('names the halves where more cells win', () => {
    // Wins at high lease (right) and low price (bottom rows): right half 6 of 8 win, left 1 of 8;
    // bottom half 5 of 8, top 2 of 8.
    const { view, delta } = grid([
      [-1, 1, 1, 1],
      [-1, -1, 1, 1],
      [-1, -1, -1, 1],
      [-1, -1, -1, 1],
    ]);
    expect(winningSide(view, delta)).toBe('higher lease rate and lower BTC price');
  });

  it('names one axis when the other does not matter, and says none, everywhere or neither', () => {
    expect(
      winningSide(
        grid([
          [-1, -1, 1, 1],
          [-1, -1, 1, 1],
        ]).view,
        grid([
          [-1, -1, 1, 1],
          [-1, -1, 1, 1],
        ]).delta,
      ),
    ).toBe('higher lease rate');
    const none = grid([
      [-1, -1],
      [-1, NaN],
    ]);
    expect(winningSide(none.view, none.delta)).toBeNull();
    const all = grid([
      [1, 2],
      [3, NaN],
    ]);
    expect(winningSide(all.view, all.delta)).toBe('everywhere');
    // A checkerboard: half the cells of every half win.
    const even = grid([
      [1, -1],
      [-1, 1],
    ]);
    expect(winningSide(even.view, even.delta)).toBe('');
  });
});

describe('readingLine', () => {
  it('follows the metric and says where the pivot wins once Δ is known', () => {
    const { view, delta } = grid([
      [-1, 1],
      [-1, 1],
    ]);
    expect(readingLine(view, null)).toBe(
      'How to read it: each point is a scenario at a lease rate (across) and BTC price (up); the colour is Δ, what pivoting gains ' +
        'over mining: purple where the pivot wins, orange where mining wins; the line is the breakeven, where both paths are worth ' +
        'the same; the ring marks your scenario.',
    );
    expect(readingLine(view, delta)).toContain('; the pivot wins on its side toward higher lease rate;');
    expect(readingLine({ ...view, metric: 'hashprice', month: 3 }, delta)).toContain(
      'the colour is hashprice, month 3, dark purple low to yellow high;',
    );
    expect(readingLine(view, Float64Array.of(-1, -1, -1, -1))).toContain(
      'the pivot wins nowhere on this map, so it has no breakeven line;',
    );
  });
});
