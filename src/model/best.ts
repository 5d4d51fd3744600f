/**
 * The best plan: over a grid of pivot share × pivot start month, the cell with the highest NPV of
 * the pivot path, and what waiting for it is worth against pivoting now (the CLI's `best`). Pure:
 * the grids come from the kernel's sweep (metrics npvPivot and delta, x = pivotSharePct,
 * y = pivotStartMonth), computed with the volatility taken as 0.
 */

/** Two metrics over shares × starts, row-major with the share varying fastest (a sweep's order). */
export interface PlanGrid {
  /** pivotSharePct values, % (the x axis). */
  shares: ArrayLike<number>;
  /** pivotStartMonth values (the y axis). */
  starts: ArrayLike<number>;
  /** NPV of the pivot path per cell, USD. */
  npvPivot: ArrayLike<number>;
  /** Δ = NPV(pivot) − NPV(keep mining) per cell, USD. */
  delta: ArrayLike<number>;
}

export interface BestPlan {
  pivotSharePct: number;
  pivotStartMonth: number;
  npvPivot: number;
  /** Δ at the best plan. */
  delta: number;
  /** The largest Δ over the shares with the conversion starting at month 0. */
  deltaNow: number;
  /** delta − deltaNow. */
  valueOfWaiting: number;
}

/**
 * The cell with the highest npvPivot; ties go to the smaller share, then the earlier start.
 * `deltaNow` is the largest Δ over the grid's row at start 0, or over `nowDeltas` (Δ of each share
 * with start 0, in the grid's share order) when the grid has no start 0. Cells that are not finite
 * numbers are skipped; a grid without one finite cell, or without a start-0 row and `nowDeltas`,
 * is an error.
 */
export function bestPlan(grid: PlanGrid, nowDeltas?: ArrayLike<number>): BestPlan {
  const { shares, starts, npvPivot, delta } = grid;
  const nx = shares.length;
  const ny = starts.length;
  if (nx < 1 || ny < 1) throw new Error('bestPlan: the grid needs at least one share and one start');
  if (npvPivot.length !== nx * ny || delta.length !== nx * ny) {
    throw new Error(`bestPlan: expected ${nx} × ${ny} = ${nx * ny} cells, got ${npvPivot.length} NPVs and ${delta.length} deltas`);
  }

  let best = -1;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = j * nx + i;
      if (!Number.isFinite(npvPivot[c]) || !Number.isFinite(delta[c])) continue;
      if (best < 0 || better(c, best)) best = c;
    }
  }
  if (best < 0) throw new Error('bestPlan: no cell has a finite NPV');

  /** Is cell a better plan than cell b: a higher NPV, or as high with a smaller share, or that and an earlier start. */
  function better(a: number, b: number): boolean {
    if (npvPivot[a] !== npvPivot[b]) return npvPivot[a] > npvPivot[b];
    const [sa, sb] = [shares[a % nx], shares[b % nx]];
    if (sa !== sb) return sa < sb;
    return starts[Math.floor(a / nx)] < starts[Math.floor(b / nx)];
  }

  const deltaNow = largestNowDelta(grid, nowDeltas);
  const bestDelta = delta[best];
  return {
    pivotSharePct: shares[best % nx],
    pivotStartMonth: starts[Math.floor(best / nx)],
    npvPivot: npvPivot[best],
    delta: bestDelta,
    deltaNow,
    valueOfWaiting: bestDelta - deltaNow,
  };
}

function largestNowDelta(grid: PlanGrid, nowDeltas: ArrayLike<number> | undefined): number {
  const { shares, starts, delta } = grid;
  const nx = shares.length;
  let row = -1;
  for (let j = 0; j < starts.length && row < 0; j++) if (starts[j] === 0) row = j;
  if (row < 0 && nowDeltas === undefined) throw new Error('bestPlan: the grid has no start 0; give the deltas of pivoting now');
  if (row < 0 && nowDeltas!.length !== nx) throw new Error(`bestPlan: expected ${nx} deltas of pivoting now, got ${nowDeltas!.length}`);
  const at = (i: number) => (row >= 0 ? delta[row * nx + i] : nowDeltas![i]);
  let largest = -Infinity;
  for (let i = 0; i < nx; i++) if (Number.isFinite(at(i)) && at(i) > largest) largest = at(i);
  if (largest === -Infinity) throw new Error('bestPlan: no finite delta at start 0');
  return largest;
}

/** A range of a plan axis: n values from min to max, evenly spaced (as a sweep's axis). */
export interface PlanRange {
  min: number;
  max: number;
  n: number;
}

/** The shares searched by default: 0, 5, …, 100 %. */
export const DEFAULT_SHARE_RANGE: PlanRange = { min: 0, max: 100, n: 21 };

/** The starts searched by default: every month from 0 to min(60, the horizon's months − 1). */
export function defaultStartRange(horizonYears: number): PlanRange {
  const max = Math.min(60, 12 * horizonYears - 1);
  return { min: 0, max, n: max + 1 };
}

/** Most shares a search takes (a sweep axis's most points). */
export const MAX_SHARES = 2048;

/**
 * Problems with a share range, each starting with `name: `: min and max in [0, 100] with
 * min ≤ max, n a whole number in [1, MAX_SHARES], n = 1 exactly when min = max.
 */
export function checkShareRange(name: string, r: PlanRange): string[] {
  const problems: string[] = [];
  for (const [label, v] of [
    ['MIN', r.min],
    ['MAX', r.max],
  ] as const) {
    if (!Number.isFinite(v) || v < 0 || v > 100) problems.push(`${name}: ${label} must be a number from 0 to 100 %, got ${v}`);
  }
  if (problems.length === 0 && r.min > r.max) problems.push(`${name}: MIN must not exceed MAX, got ${r.min}:${r.max}`);
  if (!Number.isInteger(r.n) || r.n < 1 || r.n > MAX_SHARES) {
    problems.push(`${name}: N must be a whole number from 1 to ${MAX_SHARES}, got ${r.n}`);
  } else if (problems.length === 0 && (r.n === 1) !== (r.min === r.max)) {
    problems.push(`${name}: N is 1 exactly when MIN equals MAX, got ${r.min}:${r.max}:${r.n}`);
  }
  return problems;
}

/**
 * Problems with a start range, each starting with `name: `: whole months min ≤ max in
 * [0, the horizon's months − 1], n a whole number from 1 to max − min + 1 (at most one value a
 * month), n = 1 exactly when min = max.
 */
export function checkStartRange(name: string, r: PlanRange, horizonYears: number): string[] {
  const last = 12 * horizonYears - 1;
  const problems: string[] = [];
  for (const [label, v] of [
    ['MIN', r.min],
    ['MAX', r.max],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > last) {
      problems.push(`${name}: ${label} must be a whole month from 0 to ${last} (the horizon's months − 1), got ${v}`);
    }
  }
  if (problems.length === 0 && r.min > r.max) problems.push(`${name}: MIN must not exceed MAX, got ${r.min}:${r.max}`);
  const most = problems.length === 0 ? r.max - r.min + 1 : undefined;
  if (!Number.isInteger(r.n) || r.n < 1 || (most !== undefined && r.n > most)) {
    const range = most !== undefined ? `from 1 to ${most} (one a month from ${r.min} to ${r.max})` : 'of at least 1';
    problems.push(`${name}: N must be a whole number ${range}, got ${r.n}`);
  } else if (most !== undefined && r.n === 1 && r.min !== r.max) {
    problems.push(`${name}: N is 1 exactly when MIN equals MAX, got ${r.min}:${r.max}:${r.n}`);
  }
  return problems;
}
