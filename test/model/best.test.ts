/**
 * The best plan (src/model/best.ts) on hand-made grids: the highest NPV of the pivot path, ties to
 * the smaller share and then the earlier start, deltaNow and valueOfWaiting, and the ranges a
 * search accepts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARE_RANGE, bestPlan, checkShareRange, checkStartRange, defaultStartRange } from '../../src/model/best.ts';

/** A grid from rows of NPVs (one row per start, one column per share); Δ = NPV − `mine`. */
function grid(shares: number[], starts: number[], rows: number[][], mine = 0) {
  const npvPivot = rows.flat();
  return { shares, starts, npvPivot, delta: npvPivot.map((v) => v - mine) };
}

describe('bestPlan', () => {
  it('takes the cell with the highest NPV, share fastest', () => {
    // shares 0, 50, 100 × starts 0, 6, 12; the best is share 50 at start 6 (NPV 9).
    const g = grid(
      [0, 50, 100],
      [0, 6, 12],
      [
        [1, 4, 3],
        [1, 9, 5],
        [1, 7, 8],
      ],
      1,
    );
    expect(bestPlan(g)).toEqual({ pivotSharePct: 50, pivotStartMonth: 6, npvPivot: 9, delta: 8, deltaNow: 3, valueOfWaiting: 5 });
  });

  it('breaks a tie to the smaller share, then to the earlier start', () => {
    // NPV 5 at (100, 0), (50, 12) and (50, 6): the smaller share wins, then the earlier start.
    const g = grid(
      [0, 50, 100],
      [0, 6, 12],
      [
        [2, 3, 5],
        [2, 5, 4],
        [2, 5, 1],
      ],
      2,
    );
    expect(bestPlan(g)).toMatchObject({ pivotSharePct: 50, pivotStartMonth: 6, npvPivot: 5, delta: 3 });
    // A flat grid (share 0 pivots nothing whatever the start): share 0, start 0, Δ 0, nothing to wait for.
    const flat = grid(
      [0, 100],
      [0, 1, 2],
      [
        [7, 7],
        [7, 7],
        [7, 7],
      ],
      7,
    );
    expect(bestPlan(flat)).toEqual({ pivotSharePct: 0, pivotStartMonth: 0, npvPivot: 7, delta: 0, deltaNow: 0, valueOfWaiting: 0 });
  });

  it('breaks ties by value, not by position, when an axis runs downward', () => {
    const g = { shares: [100, 0], starts: [12, 0], npvPivot: [4, 4, 4, 4], delta: [1, 1, 1, 1] };
    expect(bestPlan(g)).toMatchObject({ pivotSharePct: 0, pivotStartMonth: 0 });
  });

  it('handles negative NPVs: the least negative wins, and waiting can be worth something', () => {
    // Mining is worth −100; every plan loses money, pivoting late loses least.
    const g = grid(
      [0, 100],
      [0, 24],
      [
        [-100, -130],
        [-100, -80],
      ],
      -100,
    );
    expect(bestPlan(g)).toEqual({ pivotSharePct: 100, pivotStartMonth: 24, npvPivot: -80, delta: 20, deltaNow: 0, valueOfWaiting: 20 });
    // All negative Δ at start 0: deltaNow is the largest (the least negative), not 0.
    const worse = grid(
      [25, 100],
      [0, 24],
      [
        [-150, -130],
        [-120, -125],
      ],
      -100,
    );
    expect(bestPlan(worse)).toEqual({
      pivotSharePct: 25,
      pivotStartMonth: 24,
      npvPivot: -120,
      delta: -20,
      deltaNow: -30,
      valueOfWaiting: 10,
    });
  });

  it('searches a single share, and a single start', () => {
    const one = grid([60], [0, 3, 6], [[-5], [2], [1]], -3);
    expect(bestPlan(one)).toEqual({ pivotSharePct: 60, pivotStartMonth: 3, npvPivot: 2, delta: 5, deltaNow: -2, valueOfWaiting: 7 });
    const cell = grid([60], [0], [[4]], 1);
    expect(bestPlan(cell)).toEqual({ pivotSharePct: 60, pivotStartMonth: 0, npvPivot: 4, delta: 3, deltaNow: 3, valueOfWaiting: 0 });
  });

  it('takes deltaNow from the given start-0 deltas when the grid has no start 0', () => {
    const g = grid(
      [0, 100],
      [12, 24],
      [
        [10, 30],
        [10, 20],
      ],
      10,
    );
    expect(bestPlan(g, [0, 25])).toEqual({
      pivotSharePct: 100,
      pivotStartMonth: 12,
      npvPivot: 30,
      delta: 20,
      deltaNow: 25,
      valueOfWaiting: -5,
    });
    expect(() => bestPlan(g)).toThrow(/no start 0/);
    expect(() => bestPlan(g, [1])).toThrow(/expected 2 deltas/);
  });

  it('accepts the kernel’s Float64Arrays and skips cells that are not numbers', () => {
    const g = {
      shares: new Float64Array([0, 100]),
      starts: new Float64Array([0, 1]),
      npvPivot: new Float64Array([1, NaN, 2, Infinity]),
      delta: new Float64Array([0, NaN, 1, Infinity]),
    };
    expect(bestPlan(g)).toEqual({ pivotSharePct: 0, pivotStartMonth: 1, npvPivot: 2, delta: 1, deltaNow: 0, valueOfWaiting: 1 });
  });

  it('refuses a grid of the wrong size or without a finite cell', () => {
    expect(() => bestPlan({ shares: [0, 1], starts: [0], npvPivot: [1], delta: [1] })).toThrow(/2 × 1 = 2 cells/);
    expect(() => bestPlan({ shares: [], starts: [0], npvPivot: [], delta: [] })).toThrow(/at least one share/);
    expect(() => bestPlan({ shares: [0], starts: [0], npvPivot: [NaN], delta: [NaN] })).toThrow(/no cell/);
  });
});

describe('ranges', () => {
  it('defaults: shares 0–100 % every 5 %, starts every month to min(60, horizon months − 1)', () => {
    expect(DEFAULT_SHARE_RANGE).toEqual({ min: 0, max: 100, n: 21 });
    expect(defaultStartRange(10)).toEqual({ min: 0, max: 60, n: 61 });
    expect(defaultStartRange(5)).toEqual({ min: 0, max: 59, n: 60 });
    expect(defaultStartRange(1)).toEqual({ min: 0, max: 11, n: 12 });
  });

  it('share: within 0–100 %, MIN ≤ MAX, N a whole number ≥ 1, N = 1 exactly when MIN = MAX', () => {
    expect(checkShareRange('--share', DEFAULT_SHARE_RANGE)).toEqual([]);
    expect(checkShareRange('--share', { min: 40, max: 40, n: 1 })).toEqual([]);
    expect(checkShareRange('--share', { min: 0, max: 120, n: 5 })).toEqual(['--share: MAX must be a number from 0 to 100 %, got 120']);
    expect(checkShareRange('--share', { min: -1, max: 50, n: 5 })).toEqual(['--share: MIN must be a number from 0 to 100 %, got -1']);
    expect(checkShareRange('--share', { min: 60, max: 50, n: 5 })).toEqual(['--share: MIN must not exceed MAX, got 60:50']);
    expect(checkShareRange('--share', { min: 0, max: 50, n: 0 })).toEqual(['--share: N must be a whole number from 1 to 2048, got 0']);
    expect(checkShareRange('--share', { min: 0, max: 50, n: 2.5 })).toEqual(['--share: N must be a whole number from 1 to 2048, got 2.5']);
    expect(checkShareRange('--share', { min: 0, max: 50, n: 1 })).toEqual(['--share: N is 1 exactly when MIN equals MAX, got 0:50:1']);
    expect(checkShareRange('--share', { min: 50, max: 50, n: 3 })).toEqual(['--share: N is 1 exactly when MIN equals MAX, got 50:50:3']);
  });

  it('start: whole months within 0 to the horizon’s months − 1, at most one value a month', () => {
    expect(checkStartRange('--start', defaultStartRange(10), 10)).toEqual([]);
    expect(checkStartRange('--start', { min: 0, max: 119, n: 120 }, 10)).toEqual([]);
    expect(checkStartRange('--start', { min: 12, max: 12, n: 1 }, 10)).toEqual([]);
    expect(checkStartRange('--start', { min: 0, max: 120, n: 5 }, 10)).toEqual([
      "--start: MAX must be a whole month from 0 to 119 (the horizon's months − 1), got 120",
    ]);
    expect(checkStartRange('--start', { min: 0.5, max: 12, n: 5 }, 10)).toEqual([
      "--start: MIN must be a whole month from 0 to 119 (the horizon's months − 1), got 0.5",
    ]);
    expect(checkStartRange('--start', { min: 0, max: 10, n: 12 }, 10)).toEqual([
      '--start: N must be a whole number from 1 to 11 (one a month from 0 to 10), got 12',
    ]);
    expect(checkStartRange('--start', { min: 0, max: 10, n: 1 }, 10)).toEqual(['--start: N is 1 exactly when MIN equals MAX, got 0:10:1']);
    expect(checkStartRange('--start', { min: 10, max: 0, n: 3 }, 10)).toEqual(['--start: MIN must not exceed MAX, got 10:0']);
    expect(checkStartRange('--start', { min: 0, max: 200, n: 0 }, 10)).toEqual([
      "--start: MAX must be a whole month from 0 to 119 (the horizon's months − 1), got 200",
      '--start: N must be a whole number of at least 1, got 0',
    ]);
  });
});
