// Sweeps: the model at every cell of a grid over two input keys, row block by row block.
//
// Work is shared by structure: each key belongs to the stages it invalidates (network projection,
// finance tables, mining tables, month prices), and a cell reruns only the stages its axis key
// touches; a row reruns those of its own key once. Δ and the pivot's NPV are affine in the lease
// rate, so a lease-rate axis costs one evaluation per line of the other axis — for the Monte Carlo
// metrics too, since the lease moves every path's Δ alike. Every cell uses the same price paths.
import {
  ALL_STAGES, I_BTC_PRICE_GROWTH_PCT_PER_YEAR, I_BTC_PRICE_USD, I_BTC_VOLATILITY_PCT_PER_YEAR, I_EXIT_MONTH, I_EXIT_SHARE_PCT, I_FEES_GROWTH_PCT_PER_YEAR,
  I_HORIZON_YEARS, I_LEASE_USD_PER_KW_MONTH, I_MONTE_CARLO_PATHS, I_NETWORK_RESPONSE_PCT_PER_MONTH, I_START_HEIGHT,
  KEY_STAGES, MC_DELTA_MEAN, METRIC_ATTACK_HARDWARE, METRIC_ATTACK_POWER_PER_HOUR, METRIC_ATTACK_REWARD_PER_HOUR,
  METRIC_BREAKEVEN_BTC_PRICE, METRIC_BREAKEVEN_LEASE_RATE, METRIC_DELTA, METRIC_DELTA_MEAN, METRIC_DELTA_P5,
  METRIC_DELTA_P50, METRIC_DELTA_P95, METRIC_HASHPRICE, METRIC_IRR, METRIC_NPV_MINE, METRIC_NPV_PIVOT,
  METRIC_PROB_PIVOT_WINS, METRIC_SECURITY_BUDGET, N_INPUTS, R_BREAKEVEN_LEASE_RATE, R_DELTA, R_LEASE_SLOPE,
  R_NPV_MINE, R_NPV_PIVOT, STAGE_FINANCE, STAGE_MINING, STAGE_NETWORK, STAGE_PIVOT, STAGE_PRICES, STAGE_RESPONSE,
} from './generated/interface';
import {
  inputs, laneInputs, mAttackHardware, mAttackPower, mAttackReward, mHashprice, mSecurityBudget, MAX_LANES,
  fillDeterministicPrices, needsMonthlyProjection, priceMonths, projectLanes, projectMonthlyLanes, projectNetwork,
  resetMonthlyPrefixes, resetPrefixes, takeLane,
} from './network';
import { mcResults, monteCarlo, pathRangeSet, rangeDeltas, setPathRange, sortedDeltas } from './montecarlo';
import { percentileOf } from './sort';
import {
  computeBreakevenBtcPrice, computeCore, computeIrr, computePayback, prepareFinance, prepareMining, preparePivot,
  results,
} from './economics';

export const MAX_AXIS: i32 = 2048;
const xValues = new StaticArray<f64>(MAX_AXIS);
const yValues = new StaticArray<f64>(MAX_AXIS);
const base = new StaticArray<f64>(N_INPUTS);
let out: usize = 0;
let outCapacity: i32 = 0;

/** The stages a change of input `key` invalidates (the registry's `stages` of that key). */
@inline function stagesOf(key: i32): i32 {
  return load<i32>(KEY_STAGES + (<usize>key << 2));
}

/** …and when the network answers back (λ > 0), a key of its 'response' stage reprojects it too. */
@inline function stagesIn(key: i32, responsive: bool): i32 {
  const stages = stagesOf(key);
  return responsive && stages & STAGE_RESPONSE ? stages | STAGE_NETWORK | STAGE_MINING : stages;
}

/** A metric of one month of the network: it needs the month fields of a full projection. */
@inline function monthMetric(metric: i32): bool {
  return (
    metric == METRIC_HASHPRICE || metric == METRIC_SECURITY_BUDGET || metric == METRIC_ATTACK_HARDWARE ||
    metric == METRIC_ATTACK_POWER_PER_HOUR || metric == METRIC_ATTACK_REWARD_PER_HOUR
  );
}

/** A metric over the scenario's price paths. */
@inline function pathMetric(metric: i32): bool {
  return (
    metric == METRIC_PROB_PIVOT_WINS || metric == METRIC_DELTA_MEAN || metric == METRIC_DELTA_P5 ||
    metric == METRIC_DELTA_P50 || metric == METRIC_DELTA_P95
  );
}

function run(stages: i32, metric: i32): void {
  if (stages & STAGE_NETWORK) projectNetwork();
  if (stages & STAGE_FINANCE) prepareFinance();
  if (stages & STAGE_MINING) prepareMining();
  if (stages & STAGE_PIVOT) preparePivot();
  if (stages & STAGE_PRICES && monthMetric(metric)) priceMonths();
}

// Where sweepPathRows leaves each unit's Δs (a row's, when a lease axis shifts them alike, else a
// cell's), the unit the current cell belongs to, and the last unit written.
let pathsOut: usize = 0;
let pathsOutCapacity: usize = 0;
let pathUnit: i32 = 0;
let pathUnitSize: i32 = 0;
let lastPathUnit: i32 = -1;

/**
 * A Monte Carlo metric from the sorted Δs of the paths, every Δ shifted by `shift`. With a range
 * of the paths set (sweepPathRows), the range's Δs go to the current unit and the cell gets the shift.
 */
function pathStatistic(metric: i32, shift: f64): f64 {
  if (pathRangeSet()) {
    if (pathUnit != lastPathUnit) {
      memory.copy(pathsOut + ((<usize>pathUnit * <usize>pathUnitSize) << 3), rangeDeltas(), <usize>pathUnitSize << 3);
      lastPathUnit = pathUnit;
    }
    return shift;
  }
  const n = <i32>inputs[I_MONTE_CARLO_PATHS];
  const sorted = sortedDeltas();
  if (metric == METRIC_DELTA_MEAN) return unchecked(mcResults[MC_DELTA_MEAN]) + shift;
  if (metric == METRIC_DELTA_P5) return percentileOf(sorted, n, 5) + shift;
  if (metric == METRIC_DELTA_P50) return percentileOf(sorted, n, 50) + shift;
  if (metric == METRIC_DELTA_P95) return percentileOf(sorted, n, 95) + shift;
  // P(Δ + shift > 0): the paths above the first Δ with Δ + shift > 0, by bisection.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (load<f64>(sorted + (<usize>mid << 3)) + shift > 0) hi = mid;
    else lo = mid + 1;
  }
  return <f64>(n - lo) / <f64>n;
}

/** Runs the paths of the current cell (σ > 0), leaving the deterministic tables as they were. */
function runPaths(): void {
  monteCarlo(false);
  if (inputs[I_NETWORK_RESPONSE_PCT_PER_MONTH] > 0) {
    projectNetwork();
    prepareMining();
  }
}

/** The metric of the cell whose stages are up to date. `month` is 1-based (the month metrics). */
function metricValue(metric: i32, month: i32): f64 {
  if (metric == METRIC_HASHPRICE) return unchecked(mHashprice[month - 1]);
  if (metric == METRIC_SECURITY_BUDGET) return unchecked(mSecurityBudget[month - 1]);
  if (metric == METRIC_ATTACK_HARDWARE) return unchecked(mAttackHardware[month - 1]);
  if (metric == METRIC_ATTACK_POWER_PER_HOUR) return unchecked(mAttackPower[month - 1]);
  if (metric == METRIC_ATTACK_REWARD_PER_HOUR) return unchecked(mAttackReward[month - 1]);
  if (metric == METRIC_BREAKEVEN_BTC_PRICE) return computeBreakevenBtcPrice();
  if (pathMetric(metric) && inputs[I_BTC_VOLATILITY_PCT_PER_YEAR] > 0) {
    runPaths();
    return pathStatistic(metric, 0);
  }
  computeCore();
  // With σ = 0 the path metrics are the deterministic model's: P(Δ > 0) is 1 or 0, the rest Δ.
  if (metric == METRIC_PROB_PIVOT_WINS) return unchecked(results[R_DELTA]) > 0 ? 1 : 0;
  if (pathMetric(metric)) return unchecked(results[R_DELTA]);
  if (metric == METRIC_DELTA) return unchecked(results[R_DELTA]);
  if (metric == METRIC_NPV_MINE) return unchecked(results[R_NPV_MINE]);
  if (metric == METRIC_NPV_PIVOT) return unchecked(results[R_NPV_PIVOT]);
  if (metric == METRIC_BREAKEVEN_LEASE_RATE) return unchecked(results[R_BREAKEVEN_LEASE_RATE]);
  if (metric == METRIC_IRR) return computeIrr();
  return computePayback(false); // METRIC_PAYBACK_MONTH
}

export function sweepAxisPtr(which: i32): usize {
  return which == 0 ? changetype<usize>(xValues) : changetype<usize>(yValues);
}

/** Keeps the current input block as the sweep's base scenario and forgets what the last sweep shared; write the axis values before the first sweepRows. */
export function sweepBegin(): void {
  for (let i = 0; i < N_INPUTS; i++) unchecked((base[i] = inputs[i]));
  resetPrefixes(<i32>inputs[I_EXIT_MONTH]);
  prefixKey = -1;
}

let prefixKey: i32 = -1; // the x key the prefix slots were kept for

/** A buffer for `cells` results; reused while large enough (the stub runtime never frees). */
export function sweepReserve(cells: i32): usize {
  if (cells > outCapacity) {
    out = heap.alloc(<usize>cells << 3);
    outCapacity = cells;
  }
  return out;
}

@inline function put(index: i32, v: f64): void {
  store<f64>(out + (<usize>index << 3), v);
}

/** Whether a row costs one evaluation: Δ-like metrics are affine in the lease rate on x (docs/model.md §9). */
@inline function leaseAffineOf(xKey: i32, yKey: i32, metric: i32): bool {
  return (
    xKey == I_LEASE_USD_PER_KW_MONTH && yKey != xKey &&
    (metric == METRIC_DELTA || metric == METRIC_NPV_PIVOT || metric == METRIC_NPV_MINE ||
      metric == METRIC_BREAKEVEN_LEASE_RATE || pathMetric(metric))
  );
}

/**
 * Rows [rowStart, rowEnd) of the grid: row r sets key yKey to yValues[r], column c sets xKey to
 * xValues[c]; results go to the reserved buffer, row-major from rowStart, x varying fastest.
 */
export function sweepRows(xKey: i32, nx: i32, yKey: i32, rowStart: i32, rowEnd: i32, metric: i32, month: i32): void {
  // Every path: a range a trapped sweepPathRows left set must not reach this sweep.
  setPathRange(0, -1);
  rows(xKey, nx, yKey, rowStart, rowEnd, metric, month);
}

function rows(xKey: i32, nx: i32, yKey: i32, rowStart: i32, rowEnd: i32, metric: i32, month: i32): void {
  sweepReserve((rowEnd - rowStart) * nx);
  for (let i = 0; i < N_INPUTS; i++) unchecked((inputs[i] = base[i]));
  const leaseAffine = leaseAffineOf(xKey, yKey, metric);
  // Month by month (a responding network or growing fees) in some cell: no closed-form lanes, and
  // with λ > 0 the network follows the price, so a price key reprojects it.
  const monthly =
    needsMonthlyProjection() || xKey == I_NETWORK_RESPONSE_PCT_PER_MONTH || yKey == I_NETWORK_RESPONSE_PCT_PER_MONTH ||
    xKey == I_FEES_GROWTH_PCT_PER_YEAR || yKey == I_FEES_GROWTH_PCT_PER_YEAR;
  const responsive =
    inputs[I_NETWORK_RESPONSE_PCT_PER_MONTH] > 0 || xKey == I_NETWORK_RESPONSE_PCT_PER_MONTH ||
    yKey == I_NETWORK_RESPONSE_PCT_PER_MONTH;
  const xStages = stagesIn(xKey, responsive);
  const yStages = stagesIn(yKey, responsive);
  const full = monthMetric(metric);
  // A network key on x: every cell projects, so project the row's cells in lockstep lanes (they
  // must share the start height).
  const lockstep = !monthly && (xStages & STAGE_NETWORK) != 0 && xKey != I_START_HEIGHT && yKey != I_START_HEIGHT;
  // …and month by month, when every lane can share the row's price path and only Δ's inputs are needed.
  const monthlyLockstep =
    monthly && (xStages & STAGE_NETWORK) != 0 && xKey != I_START_HEIGHT && yKey != I_START_HEIGHT && !full &&
    !(pathMetric(metric) && inputs[I_BTC_VOLATILITY_PCT_PER_YEAR] > 0) && xKey != I_BTC_PRICE_USD &&
    xKey != I_BTC_PRICE_GROWTH_PCT_PER_YEAR && metric != METRIC_BREAKEVEN_BTC_PRICE;
  // Rows that differ only in the share leaving at the exit shock share every group's projection
  // up to the shock (network.ts keeps it in a slot per group of columns).
  const exitMonth = <i32>inputs[I_EXIT_MONTH];
  const sharedPrefix =
    lockstep && yKey == I_EXIT_SHARE_PCT && !full && xKey != I_EXIT_MONTH &&
    xKey != I_HORIZON_YEARS && exitMonth >= 1 && exitMonth < <i32>inputs[I_HORIZON_YEARS] * 12;
  const sharedMonthlyPrefix =
    monthlyLockstep && yKey == I_EXIT_SHARE_PCT && xKey != I_EXIT_MONTH && xKey != I_HORIZON_YEARS && exitMonth >= 1 &&
    exitMonth < <i32>inputs[I_HORIZON_YEARS] * 12;
  // The slots belong to one x axis: the values written before sweepBegin, and this key.
  if ((sharedPrefix || sharedMonthlyPrefix) && xKey != prefixKey) {
    if (sharedPrefix) resetPrefixes(exitMonth);
    else resetMonthlyPrefixes(exitMonth);
    prefixKey = xKey;
  }
  for (let r = rowStart; r < rowEnd; r++) {
    unchecked((inputs[yKey] = yValues[r]));
    const row = (r - rowStart) * nx;
    if (leaseAffine) {
      // One evaluation at the first lease rate; Δ(L) = Δ(L0) + (L − L0)·dΔ/dL.
      const l0 = unchecked(xValues[0]);
      inputs[xKey] = l0;
      run(r == rowStart ? ALL_STAGES : yStages, metric);
      if (pathMetric(metric) && inputs[I_BTC_VOLATILITY_PCT_PER_YEAR] > 0) {
        // Every path's Δ moves by the same (L − L0)·dΔ/dL: the hosting flows do not depend on the price.
        pathUnit = r - rowStart;
        runPaths();
        computeCore();
        const slopeAll = unchecked(results[R_LEASE_SLOPE]);
        for (let c = 0; c < nx; c++) put(row + c, pathStatistic(metric, (unchecked(xValues[c]) - l0) * slopeAll));
        continue;
      }
      computeCore();
      const slope = unchecked(results[R_LEASE_SLOPE]);
      const delta0 = unchecked(results[R_DELTA]);
      if (metric == METRIC_PROB_PIVOT_WINS) {
        for (let c = 0; c < nx; c++) put(row + c, delta0 + (unchecked(xValues[c]) - l0) * slope > 0 ? 1 : 0);
        continue;
      }
      // Every other metric is a + (L − L0)·b: Δ (and, with σ = 0, the path metrics) and the pivot's
      // NPV move with the slope; the mining NPV and the breakeven lease rate do not move.
      let a = delta0;
      let b = slope;
      if (metric == METRIC_NPV_PIVOT) a = unchecked(results[R_NPV_PIVOT]);
      else if (metric == METRIC_NPV_MINE || metric == METRIC_BREAKEVEN_LEASE_RATE) {
        a = unchecked(results[metric == METRIC_NPV_MINE ? R_NPV_MINE : R_BREAKEVEN_LEASE_RATE]);
        b = 0;
      }
      for (let c = 0; c < nx; c++) put(row + c, b == 0 ? a : a + (unchecked(xValues[c]) - l0) * b);
      continue;
    }
    if (monthlyLockstep || lockstep) {
      // The row's cells in groups of MAX_LANES, projected together, then evaluated one by one.
      if (monthlyLockstep) fillDeterministicPrices(inputs[I_BTC_PRICE_USD]);
      for (let c0 = 0; c0 < nx; c0 += MAX_LANES) {
        const lanes = min(MAX_LANES, nx - c0);
        for (let l = 0; l < lanes; l++) {
          const at = l * N_INPUTS;
          for (let i = 0; i < N_INPUTS; i++) unchecked((laneInputs[at + i] = inputs[i]));
          unchecked((laneInputs[at + xKey] = xValues[c0 + l]));
        }
        const slot = c0 / MAX_LANES;
        if (monthlyLockstep) projectMonthlyLanes(lanes, sharedMonthlyPrefix ? slot : -1);
        else projectLanes(lanes, false, full, sharedPrefix ? slot : -1);
        for (let l = 0; l < lanes; l++) {
          const c = c0 + l;
          unchecked((inputs[xKey] = xValues[c]));
          takeLane(l, full);
          run((c == 0 ? ALL_STAGES : xStages) & ~STAGE_NETWORK, metric);
          pathUnit = row + c;
          put(row + c, metricValue(metric, month));
        }
      }
      continue;
    }
    for (let c = 0; c < nx; c++) {
      unchecked((inputs[xKey] = xValues[c]));
      run(c == 0 ? ALL_STAGES : xStages, metric);
      pathUnit = row + c;
      put(row + c, metricValue(metric, month));
    }
  }
}

/**
 * sweepRows over paths [first, first + count) of a path metric (σ > 0 in every cell): the page
 * splits a block's paths across workers and merges. Each cell's value in the reserved buffer is
 * the shift its Δs take (a lease axis moves every path's Δ alike), and each unit's `count` Δs, in
 * path order, go to sweepPathsPtr(). Returns the number of units: the block's rows when its Δs
 * are a row's (the lease on x), else its cells.
 */
export function sweepPathRows(
  xKey: i32, nx: i32, yKey: i32, rowStart: i32, rowEnd: i32, metric: i32, month: i32, first: i32, count: i32,
): i32 {
  // A row's Δs on a lease axis, else a cell's: room for that many units, grown at least twofold
  // (the stub runtime never frees, so fewer, larger steps waste less).
  const units = leaseAffineOf(xKey, yKey, metric) ? rowEnd - rowStart : (rowEnd - rowStart) * nx;
  const need = <usize>units * <usize>count;
  if (need > pathsOutCapacity) {
    const n = max(need, pathsOutCapacity << 1);
    pathsOut = heap.alloc(n << 3);
    pathsOutCapacity = n;
  }
  pathUnitSize = count;
  lastPathUnit = -1;
  setPathRange(first, count);
  rows(xKey, nx, yKey, rowStart, rowEnd, metric, month);
  setPathRange(0, -1);
  return units;
}

export function sweepPathsPtr(): usize {
  return pathsOut;
}
