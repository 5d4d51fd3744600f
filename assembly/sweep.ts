// Sweeps: the model at every cell of a grid over two input keys, row block by row block.
//
// Work is shared by structure: each key belongs to the stages it invalidates (network projection,
// finance tables, mining tables, month prices), and a cell reruns only the stages its axis key
// touches; a row reruns those of its own key once. Δ and the pivot's NPV are affine in the lease
// rate, so a lease-rate axis costs one evaluation per line of the other axis.
import {
  ALL_STAGES, I_EXIT_MONTH, I_EXIT_SHARE_PCT, I_HORIZON_YEARS, I_LEASE_USD_PER_KW_MONTH, I_START_HEIGHT, KEY_STAGES,
  METRIC_BREAKEVEN_BTC_PRICE, METRIC_BREAKEVEN_LEASE_RATE, METRIC_DELTA, METRIC_HASHPRICE, METRIC_IRR,
  METRIC_NPV_MINE, METRIC_NPV_PIVOT, METRIC_SECURITY_BUDGET, N_INPUTS, R_BREAKEVEN_LEASE_RATE, R_DELTA,
  R_LEASE_SLOPE, R_NPV_MINE, R_NPV_PIVOT, STAGE_FINANCE, STAGE_MINING, STAGE_NETWORK, STAGE_PIVOT, STAGE_PRICES,
} from './generated/interface';
import {
  inputs, laneInputs, mHashprice, mSecurityBudget, MAX_LANES, priceMonths, projectLanes, projectNetwork, resetPrefixes,
  takeLane,
} from './network';
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

function run(stages: i32, metric: i32): void {
  if (stages & STAGE_NETWORK) projectNetwork();
  if (stages & STAGE_FINANCE) prepareFinance();
  if (stages & STAGE_MINING) prepareMining();
  if (stages & STAGE_PIVOT) preparePivot();
  if (stages & STAGE_PRICES && (metric == METRIC_HASHPRICE || metric == METRIC_SECURITY_BUDGET)) priceMonths();
}

/** The metric of the cell whose stages are up to date. `month` is 1-based (hashprice, security budget). */
function metricValue(metric: i32, month: i32): f64 {
  if (metric == METRIC_HASHPRICE) return unchecked(mHashprice[month - 1]);
  if (metric == METRIC_SECURITY_BUDGET) return unchecked(mSecurityBudget[month - 1]);
  if (metric == METRIC_BREAKEVEN_BTC_PRICE) return computeBreakevenBtcPrice();
  computeCore();
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

/**
 * Rows [rowStart, rowEnd) of the grid: row r sets key yKey to yValues[r], column c sets xKey to
 * xValues[c]; results go to the reserved buffer, row-major from rowStart, x varying fastest.
 */
export function sweepRows(xKey: i32, nx: i32, yKey: i32, rowStart: i32, rowEnd: i32, metric: i32, month: i32): void {
  sweepReserve((rowEnd - rowStart) * nx);
  for (let i = 0; i < N_INPUTS; i++) unchecked((inputs[i] = base[i]));
  const leaseAffine =
    xKey == I_LEASE_USD_PER_KW_MONTH && yKey != xKey &&
    (metric == METRIC_DELTA || metric == METRIC_NPV_PIVOT || metric == METRIC_NPV_MINE || metric == METRIC_BREAKEVEN_LEASE_RATE);
  const xStages = stagesOf(xKey);
  const yStages = stagesOf(yKey);
  // A network key on x: every cell projects, so project the row's cells in lockstep lanes (they
  // must share the start height).
  const lockstep = (xStages & STAGE_NETWORK) != 0 && xKey != I_START_HEIGHT && yKey != I_START_HEIGHT;
  // Rows that differ only in the share leaving at the exit shock share every group's projection
  // up to the shock (network.ts keeps it in a slot per group of columns).
  const exitMonth = <i32>inputs[I_EXIT_MONTH];
  const sharedPrefix =
    lockstep && yKey == I_EXIT_SHARE_PCT && metric != METRIC_SECURITY_BUDGET && xKey != I_EXIT_MONTH &&
    xKey != I_HORIZON_YEARS && exitMonth >= 1 && exitMonth < <i32>inputs[I_HORIZON_YEARS] * 12;
  // The slots belong to one x axis: the values written before sweepBegin, and this key.
  if (sharedPrefix && xKey != prefixKey) {
    resetPrefixes(exitMonth);
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
      computeCore();
      const slope = unchecked(results[R_LEASE_SLOPE]);
      const delta0 = unchecked(results[R_DELTA]);
      const pivot0 = unchecked(results[R_NPV_PIVOT]);
      const mine = unchecked(results[R_NPV_MINE]);
      const breakeven = unchecked(results[R_BREAKEVEN_LEASE_RATE]);
      for (let c = 0; c < nx; c++) {
        const dl = unchecked(xValues[c]) - l0;
        let v: f64;
        if (metric == METRIC_DELTA) v = delta0 + dl * slope;
        else if (metric == METRIC_NPV_PIVOT) v = pivot0 + dl * slope;
        else if (metric == METRIC_NPV_MINE) v = mine;
        else v = breakeven;
        put(row + c, v);
      }
      continue;
    }
    if (lockstep) {
      // The row's cells in groups of MAX_LANES, projected together, then evaluated one by one.
      for (let c0 = 0; c0 < nx; c0 += MAX_LANES) {
        const lanes = min(MAX_LANES, nx - c0);
        for (let l = 0; l < lanes; l++) {
          const at = l * N_INPUTS;
          for (let i = 0; i < N_INPUTS; i++) unchecked((laneInputs[at + i] = inputs[i]));
          unchecked((laneInputs[at + xKey] = xValues[c0 + l]));
        }
        projectLanes(lanes, false, metric == METRIC_SECURITY_BUDGET, sharedPrefix ? c0 / MAX_LANES : -1);
        for (let l = 0; l < lanes; l++) {
          const c = c0 + l;
          unchecked((inputs[xKey] = xValues[c]));
          takeLane(l, metric == METRIC_SECURITY_BUDGET);
          run((c == 0 ? ALL_STAGES : xStages) & ~STAGE_NETWORK, metric);
          put(row + c, metricValue(metric, month));
        }
      }
      continue;
    }
    for (let c = 0; c < nx; c++) {
      unchecked((inputs[xKey] = xValues[c]));
      run(c == 0 ? ALL_STAGES : xStages, metric);
      put(row + c, metricValue(metric, month));
    }
  }
}
