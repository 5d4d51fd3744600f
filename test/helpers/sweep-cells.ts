/**
 * Helpers of the sweep tests: the scenario of one cell of a sweep, a metric read from a whole
 * evaluation, and a cell-by-cell comparison of a grid with its expected values that records the
 * largest differences (for the notes) and every mismatch (for the failure message).
 */
import type { ModelInputs } from '../../src/model/keys.ts';
import { epochElapsedSecondsFor, hashrateEhsFor } from '../../src/model/registry/index.ts';
import { axisValues, type Metric, type SweepSpec } from '../../src/model/sweep.ts';
import type { Evaluation, MonthRow } from '../../src/model/results.ts';

/** The sweep metrics of version 1: the ones the version-1 reference (src/kernel/reference.ts) computes. */
export const V1_METRICS = [
  'delta',
  'npvMine',
  'npvPivot',
  'irr',
  'paybackMonth',
  'breakevenLeaseRate',
  'breakevenBtcPrice',
  'hashprice',
  'securityBudget',
] as const satisfies readonly Metric[];
export type V1Metric = (typeof V1_METRICS)[number];

/** Which derived defaults the base scenario set itself (sweepInputs' second argument). */
export interface Explicit {
  hashrateEhs: boolean;
  epochElapsedSeconds: boolean;
}

/**
 * The scenario of cell (column i, row j): the base with the two axis keys set to their axis values,
 * and the derived defaults the base did not set recomputed from the cell's own start state
 * (docs/model.md §2.2, §5.9), as the kernel derives them per cell.
 */
export function cellScenario(
  base: ModelInputs,
  explicit: Explicit,
  spec: SweepSpec,
  i: number,
  j: number,
  xs = axisValues(spec.x),
  ys = axisValues(spec.y),
): ModelInputs {
  const s: ModelInputs = { ...base, [spec.x.key]: xs[i], [spec.y.key]: ys[j] };
  if (!explicit.hashrateEhs) s.hashrateEhs = hashrateEhsFor(s.startDifficulty);
  if (!explicit.epochElapsedSeconds) s.epochElapsedSeconds = epochElapsedSecondsFor(s.startHeight);
  return s;
}

/** All scenarios of a grid, row-major, x varying fastest (the sweep's order). */
export function gridScenarios(base: ModelInputs, explicit: Explicit, spec: SweepSpec): ModelInputs[] {
  const xs = axisValues(spec.x);
  const ys = axisValues(spec.y);
  const out: ModelInputs[] = [];
  for (let j = 0; j < spec.y.n; j++) for (let i = 0; i < spec.x.n; i++) out.push(cellScenario(base, explicit, spec, i, j, xs, ys));
  return out;
}

/** What a cell's expected metrics are read from: its evaluation and its projected months. */
export interface CellTruth {
  evaluation: Evaluation;
  months: Pick<
    MonthRow,
    'hashpriceUsdPerPhDay' | 'securityBudgetUsdPerDay' | 'attackHardwareUsd' | 'attackPowerUsdPerHour' | 'attackRewardUsdPerHour'
  >[];
}

/**
 * A sweep metric from a cell's evaluation and months; null where none exists. The Monte Carlo
 * metrics are the evaluation's Monte Carlo figures, and with no volatility (no Monte Carlo) the
 * deterministic values (docs/model.md §7.5): probPivotWins 1 where Δ > 0, else 0; the others Δ.
 */
export function metricOf(cell: CellTruth, metric: Metric, month: number): number | null {
  const e = cell.evaluation;
  const mc = e.monteCarlo;
  switch (metric) {
    case 'delta':
      return e.delta;
    case 'npvMine':
      return e.npv.mine;
    case 'npvPivot':
      return e.npv.pivot;
    case 'irr':
      return e.irr;
    case 'paybackMonth':
      return e.paybackMonth;
    case 'breakevenLeaseRate':
      return e.breakeven.leaseRate;
    case 'breakevenBtcPrice':
      return e.breakeven.btcPrice;
    case 'hashprice':
      return cell.months[month - 1].hashpriceUsdPerPhDay;
    case 'securityBudget':
      return cell.months[month - 1].securityBudgetUsdPerDay;
    case 'attackHardware':
      return cell.months[month - 1].attackHardwareUsd;
    case 'attackPowerPerHour':
      return cell.months[month - 1].attackPowerUsdPerHour;
    case 'attackRewardPerHour':
      return cell.months[month - 1].attackRewardUsdPerHour;
    case 'probPivotWins':
      return mc ? mc.probPivotWins : e.delta > 0 ? 1 : 0;
    case 'deltaMean':
      return mc ? mc.deltaMean : e.delta;
    case 'deltaP5':
      return mc ? mc.deltaP5 : e.delta;
    case 'deltaP50':
      return mc ? mc.deltaP50 : e.delta;
    case 'deltaP95':
      return mc ? mc.deltaP95 : e.delta;
  }
}

/**
 * A tolerance: |got − want| ≤ max(rel·|want|, abs), or exact equality (rel = abs = 0). `scale`,
 * when given, replaces |want| in the relative part (Δ is a difference of two NPVs: its rounding
 * error scales with them, not with Δ).
 */
export interface Tolerance {
  rel: number;
  abs: number;
}

/** The largest differences seen in a comparison: absolute, and relative to |want|. */
export interface Extremes {
  abs: number;
  rel: number;
  /** Cells compared, and cells where both sides are null. */
  cells: number;
  nulls: number;
  /** Cells that were not bit-for-bit equal. */
  inexact: number;
}

export const noExtremes = (): Extremes => ({ abs: 0, rel: 0, cells: 0, nulls: 0, inexact: 0 });

export function mergeExtremes(into: Extremes, e: Extremes): void {
  into.abs = Math.max(into.abs, e.abs);
  into.rel = Math.max(into.rel, e.rel);
  into.cells += e.cells;
  into.nulls += e.nulls;
  into.inexact += e.inexact;
}

/**
 * Compares a sweep grid (NaN = none) with the expected values (null = none), cell by cell. Returns
 * every mismatch (described with its cell, axis values, expected and actual value) and the extremes.
 * `scale(k)` optionally gives the magnitude the relative tolerance of got[k] applies to.
 */
export function compareGrid(
  got: Float64Array,
  want: readonly (number | null)[],
  spec: SweepSpec,
  tol: Tolerance,
  scale?: (k: number) => number,
  /** The grid index of got[k], when got holds only some cells of the grid. */
  cellOf: (k: number) => number = (k) => k,
): { mismatches: string[]; extremes: Extremes } {
  const mismatches: string[] = [];
  const extremes = noExtremes();
  const xs = axisValues(spec.x);
  const ys = axisValues(spec.y);
  const where = (k: number) => {
    const i = cellOf(k) % spec.x.n;
    const j = Math.floor(cellOf(k) / spec.x.n);
    return `cell (${i}, ${j}) ${spec.x.key}=${xs[i]} ${spec.y.key}=${ys[j]}`;
  };
  if (got.length !== want.length) return { mismatches: [`grid has ${got.length} cells, expected ${want.length}`], extremes };
  for (let k = 0; k < want.length; k++) {
    const g = got[k];
    const w = want[k];
    extremes.cells++;
    if (w === null || Number.isNaN(g)) {
      if (w === null && Number.isNaN(g)) extremes.nulls++;
      else mismatches.push(`${where(k)}: expected ${w}, got ${Number.isNaN(g) ? 'NaN (none)' : g}`);
      continue;
    }
    if (!Number.isFinite(g) || !Number.isFinite(w)) {
      mismatches.push(`${where(k)}: expected ${w}, got ${g} (not finite)`);
      continue;
    }
    const d = Math.abs(g - w);
    const s = scale ? scale(k) : Math.abs(w);
    if (d !== 0) extremes.inexact++;
    extremes.abs = Math.max(extremes.abs, d);
    if (d !== 0) extremes.rel = Math.max(extremes.rel, d / Math.max(Math.abs(w), Number.MIN_VALUE));
    if (d > Math.max(tol.rel * s, tol.abs)) {
      mismatches.push(
        `${where(k)}: expected ${w}, got ${g} (difference ${d.toExponential(3)}, relative ${(d / Math.abs(w)).toExponential(3)})`,
      );
    }
  }
  return { mismatches, extremes };
}

/** The first few mismatches of a comparison, for a failure message. */
export function summarise(label: string, mismatches: readonly string[], max = 8): string {
  if (mismatches.length === 0) return '';
  return `${label}: ${mismatches.length} mismatches\n  ${mismatches.slice(0, max).join('\n  ')}${mismatches.length > max ? `\n  … ${mismatches.length - max} more` : ''}`;
}

/** Bit-for-bit equality of two grids (NaN equals NaN); returns the first differing cells. */
export function identical(a: Float64Array, b: Float64Array, max = 5): string[] {
  const out: string[] = [];
  if (a.length !== b.length) return [`lengths ${a.length} and ${b.length}`];
  for (let k = 0; k < a.length && out.length < max; k++) if (!Object.is(a[k], b[k])) out.push(`cell ${k}: ${a[k]} vs ${b[k]}`);
  return out;
}
