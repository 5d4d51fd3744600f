// Monte Carlo over price paths (docs/model.md §7.5): path j of the scenario's seed has its own
// geometric Brownian price path, sampled every half month; everything else is the deterministic
// model, path by path — with λ > 0 each path projects its own network, with λ = 0 the network does
// not depend on the price and every path shares it. Every cell of a sweep uses the same paths.
import {
  I_BTC_PRICE_GROWTH_PCT_PER_YEAR, I_BTC_PRICE_USD, I_BTC_VOLATILITY_PCT_PER_YEAR, I_HORIZON_YEARS,
  I_MONTE_CARLO_PATHS, I_MONTE_CARLO_SEED, I_NETWORK_RESPONSE_PCT_PER_MONTH, MC_DELTA_MEAN, MC_DELTA_P5,
  MC_DELTA_P50, MC_DELTA_P95, MC_NPV_MEAN_MINE, MC_NPV_MEAN_PIVOT, MC_PATHS, MC_PROB_PIVOT_WINS, MC_SEED, N_MCS,
  MP_BTC_PRICE_USD, MP_HASHPRICE_USD_PER_PH_DAY, MP_HASHRATE_EHS, N_MPS,
} from './generated/interface';
import { halfPrices, inputs, lnHalfPrices, mHashrateEhs, MONTH, mBtcPerHs, pricesChanged, projectMonthly } from './network';
import { cashFlows, midPrices, npvMine, npvPivot, prepareMining, usePathPrices } from './economics';
import { normals, seedPath } from './random';
import { percentileOf, sortF64 } from './sort';

/** `evaluate`'s Monte Carlo figures, by the names of generated/interface.ts (MC_*). */
export const mcResults = new StaticArray<f64>(N_MCS);

/**
 * The most half-month samples kept for reuse (paths · 2 · months, 128 MB a table): a sweep's cells
 * share their paths, so they are drawn once; past this (e.g. 100,000 paths over 30 years, 1.15 GB
 * for both tables) each path is drawn again where it is used, from the same stream, to the same
 * numbers (docs/model.md §8).
 */
export const PATH_CACHE_SAMPLES: usize = 1 << 24;

// Buffers in linear memory, grown as needed (the stub runtime never frees).
let factors: usize = 0; // path j's price relative to P0 at half-month i: j · 2·months + i (row 0 only when not cached)
let lnFactors: usize = 0; // … and its log
let deltas: usize = 0; // Δ of each path
let columns: usize = 0; // per field MP_* and month m, the paths' values: N_MPS blocks of months · paths
let scratch: usize = 0; // normals of one path, then a column being sorted
let capacity: usize = 0; // the factor tables', in months of one path (2 samples each)
let smallCapacity: usize = 0; // the Δs' and the scratch's, in f64
let columnCapacity: usize = 0;
let cached = true; // whether factors hold every path, or only the one drawn last
// What the factors were drawn for.
let drawnPaths: i32 = -1;
let drawnMonths: i32 = -1;
let drawnSeed: f64 = -1;
let drawnSigma: f64 = -1;
let drawnGrowth: f64 = NaN;
let drawnFirst: i32 = -1;
let drawnEnd: i32 = -1;

// The paths a sweep block computes when the page splits a cell's paths across workers
// (setPathRange): [rangeFirst, rangeFirst + rangeCount), or every path while rangeCount < 0.
let rangeFirst: i32 = 0;
let rangeCount: i32 = -1;

/**
 * From now on monteCarlo() runs only paths [first, first + count) and leaves their Δs, in path
 * order and unsorted, for rangeDeltas(); a negative count runs every path again, as evaluate does.
 */
export function setPathRange(first: i32, count: i32): void {
  rangeFirst = first;
  rangeCount = count;
}

/** Whether monteCarlo() runs a range of the paths (setPathRange). */
export function pathRangeSet(): bool {
  return rangeCount >= 0;
}

/** The Δs of the range's paths, path order, after monteCarlo() with a range set. */
export function rangeDeltas(): usize {
  return deltas;
}

/**
 * Makes room for `paths` paths of `months` months: the factor tables (a path's 2 · months samples
 * each, every path when cached) and, apart from them, the Δs and the scratch (one of the paths or
 * of a path's samples each) — each grown when its own need outgrows it.
 */
function reserve(paths: i32, months: i32): void {
  cached = <usize>paths * <usize>(2 * months) <= PATH_CACHE_SAMPLES;
  const need = cached ? <usize>paths * <usize>months : <usize>months;
  if (need > capacity) {
    factors = heap.alloc(need << 4); // 2 · months per path
    lnFactors = heap.alloc(need << 4);
    capacity = need;
    drawnPaths = -1;
  }
  const small = <usize>max(paths, 2 * months);
  if (small > smallCapacity) {
    deltas = heap.alloc(small << 3);
    scratch = heap.alloc(small << 3);
    smallCapacity = small;
  }
}

/** Makes room for `fields` monthly columns of `paths` paths of `months` months (evaluate only, not sweeps). */
function reserveColumns(paths: i32, months: i32, fields: i32): void {
  const need = <usize>paths * <usize>months * <usize>fields;
  if (need <= columnCapacity) return;
  columns = heap.alloc(need << 3);
  columnCapacity = need;
}

/**
 * Whether every path shares the deterministic network (λ = 0): then only the price column is
 * kept, since each month's hashrate is the same on every path and its hashprice is the price times
 * that month's BTC per H/s (a positive factor keeps the order, so the order statistics follow).
 */
let sharedNetwork = false;

/** Month m's hashprice per unit of BTC price on the shared network, $/PH/day per $/BTC. */
@inline function hashpricePerPrice(m: i32): f64 {
  return (unchecked(mBtcPerHs[m]) * 1e15) / (MONTH / 86400);
}

/**
 * The scenario's paths relative to P0: exp((ln(1+μ) − σ²/2)·i/24 + σ·W_i), drawn once per setting;
 * paths [first, end) of them, where a range is set.
 */
function drawPaths(paths: i32, months: i32, first: i32, end: i32): void {
  const seed = inputs[I_MONTE_CARLO_SEED];
  const sigma = inputs[I_BTC_VOLATILITY_PCT_PER_YEAR] / 100;
  const growth = inputs[I_BTC_PRICE_GROWTH_PCT_PER_YEAR];
  reserve(paths, months);
  if (
    paths == drawnPaths && months == drawnMonths && seed == drawnSeed && sigma == drawnSigma && growth == drawnGrowth &&
    first == drawnFirst && end == drawnEnd
  ) {
    return;
  }
  if (cached) for (let j = first; j < end; j++) drawPath(j, months, j);
  drawnFirst = first;
  drawnEnd = end;
  drawnPaths = paths;
  drawnMonths = months;
  drawnSeed = seed;
  drawnSigma = sigma;
  drawnGrowth = growth;
}

/** Draws path j's factors into row `row` of the tables (j itself when cached, else 0). */
function drawPath(j: i32, months: i32, rowIndex: i32): void {
  const sigma = inputs[I_BTC_VOLATILITY_PCT_PER_YEAR] / 100;
  const drift = Math.log1p(inputs[I_BTC_PRICE_GROWTH_PCT_PER_YEAR] / 100) - (sigma * sigma) / 2; // per year
  const step = Math.sqrt(1.0 / 24); // sd of W over half a month, in years^½
  const samples = 2 * months;
  seedPath(<u32>inputs[I_MONTE_CARLO_SEED], <u32>j);
  normals(scratch, samples - 1);
  const row = factors + ((<usize>rowIndex * <usize>samples) << 3);
  const lnRow = lnFactors + ((<usize>rowIndex * <usize>samples) << 3);
  store<f64>(row, 1);
  store<f64>(lnRow, 0);
  let w: f64 = 0;
  for (let i = 1; i < samples; i++) {
    w += step * load<f64>(scratch + (<usize>(i - 1) << 3));
    const lnFactor = (drift * <f64>i) / 24 + sigma * w;
    store<f64>(row + (<usize>i << 3), Math.exp(lnFactor));
    store<f64>(lnRow + (<usize>i << 3), lnFactor);
  }
}

/**
 * Δ of path j at first-year price p0 (after drawPaths and the deterministic tables): its prices
 * into halfPrices and midPrices, its own network when λ > 0, its cash flows.
 */
function pathDelta(j: i32, months: i32, p0: f64): f64 {
  const samples = 2 * months;
  if (!cached) drawPath(j, months, 0);
  const at = cached ? j : 0;
  const row = factors + ((<usize>at * <usize>samples) << 3);
  const lnRow = lnFactors + ((<usize>at * <usize>samples) << 3);
  const lnP0 = Math.log(p0);
  for (let i = 0; i < samples; i++) {
    unchecked((halfPrices[i] = p0 * load<f64>(row + (<usize>i << 3))));
    unchecked((lnHalfPrices[i] = lnP0 + load<f64>(lnRow + (<usize>i << 3))));
  }
  pricesChanged();
  if (inputs[I_NETWORK_RESPONSE_PCT_PER_MONTH] > 0) {
    projectMonthly(false);
    prepareMining();
  }
  for (let m = 1; m <= months; m++) unchecked((midPrices[m - 1] = halfPrices[2 * m - 1]));
  usePathPrices();
  cashFlows();
  return npvPivot - npvMine;
}

@inline function column(field: i32, months: i32, paths: i32, m: i32): usize {
  return columns + ((<usize>(field * months + m) * <usize>paths) << 3);
}

/**
 * Runs every path of the scenario (after the deterministic network and tables are prepared);
 * fills mcResults and, with `withMonths`, each month's percentiles of price, hashprice and
 * hashrate (monthsPercentile). Leaves the tables of the last path behind when λ > 0.
 */
export function monteCarlo(withMonths: bool): void {
  const paths = <i32>inputs[I_MONTE_CARLO_PATHS];
  const months = <i32>inputs[I_HORIZON_YEARS] * 12;
  const p0 = inputs[I_BTC_PRICE_USD];
  // A range of the paths (setPathRange) leaves its Δs in path order for the page to merge.
  const first = rangeCount >= 0 ? rangeFirst : 0;
  const end = rangeCount >= 0 ? min(paths, rangeFirst + rangeCount) : paths;
  drawPaths(paths, months, first, end);
  if (rangeCount >= 0) {
    for (let j = first; j < end; j++) store<f64>(deltas + (<usize>(j - first) << 3), pathDelta(j, months, p0));
    return;
  }
  sharedNetwork = inputs[I_NETWORK_RESPONSE_PCT_PER_MONTH] <= 0;
  if (withMonths) reserveColumns(paths, months, sharedNetwork ? 1 : N_MPS);
  let wins = 0;
  let sumDelta: f64 = 0;
  let sumMine: f64 = 0;
  let sumPivot: f64 = 0;
  for (let j = 0; j < paths; j++) {
    const d = pathDelta(j, months, p0);
    store<f64>(deltas + (<usize>j << 3), d);
    if (d > 0) wins++;
    sumDelta += d;
    sumMine += npvMine;
    sumPivot += npvPivot;
    if (!withMonths) continue;
    const at = <usize>j << 3;
    for (let m = 0; m < months; m++) store<f64>(column(MP_BTC_PRICE_USD, months, paths, m) + at, unchecked(midPrices[m]));
    if (sharedNetwork) continue;
    for (let m = 0; m < months; m++) {
      store<f64>(column(MP_HASHPRICE_USD_PER_PH_DAY, months, paths, m) + at, hashpricePerPrice(m) * unchecked(midPrices[m]));
      store<f64>(column(MP_HASHRATE_EHS, months, paths, m) + at, unchecked(mHashrateEhs[m]));
    }
  }
  sortF64(deltas, paths);
  const n = <f64>paths;
  unchecked((mcResults[MC_PATHS] = n));
  unchecked((mcResults[MC_SEED] = inputs[I_MONTE_CARLO_SEED]));
  unchecked((mcResults[MC_PROB_PIVOT_WINS] = <f64>wins / n));
  unchecked((mcResults[MC_DELTA_MEAN] = sumDelta / n));
  unchecked((mcResults[MC_DELTA_P5] = percentileOf(deltas, paths, 5)));
  unchecked((mcResults[MC_DELTA_P50] = percentileOf(deltas, paths, 50)));
  unchecked((mcResults[MC_DELTA_P95] = percentileOf(deltas, paths, 95)));
  unchecked((mcResults[MC_NPV_MEAN_MINE] = sumMine / n));
  unchecked((mcResults[MC_NPV_MEAN_PIVOT] = sumPivot / n));
  if (withMonths) {
    const fields = sharedNetwork ? 1 : N_MPS;
    for (let field = 0; field < fields; field++) {
      for (let m = 0; m < months; m++) sortF64(column(field, months, paths, m), paths);
    }
  }
}

/** Month m's (0-based) `pct` percentile of field MP_* (after monteCarlo(true)). */
export function monthPercentile(field: i32, m: i32, pct: i32): f64 {
  const paths = <i32>inputs[I_MONTE_CARLO_PATHS];
  const months = <i32>inputs[I_HORIZON_YEARS] * 12;
  if (sharedNetwork && field == MP_HASHRATE_EHS) return unchecked(mHashrateEhs[m]);
  if (sharedNetwork && field == MP_HASHPRICE_USD_PER_PH_DAY) {
    return hashpricePerPrice(m) * percentileOf(column(MP_BTC_PRICE_USD, months, paths, m), paths, pct);
  }
  return percentileOf(column(field, months, paths, m), paths, pct);
}

/** The sorted Δs of the last monteCarlo(), for the sweep's statistics. */
export function sortedDeltas(): usize {
  return deltas;
}
