/**
 * Monte Carlo over price paths (docs/model.md §7.5): path j of the scenario's seed draws its own
 * price path (random.ts); everything else is the deterministic model, path by path — with λ > 0
 * each path runs its own network, with λ = 0 the network does not depend on the price and is shared.
 * The monthly percentiles keep every path's price, hashprice and hashrate (3 · months · paths
 * doubles: 58 MB for 20,000 paths over 10 years), which suits a reference run in tests.
 */
import type { ModelInputsV2 } from './inputs.ts';
import { cashFlows } from './economics.ts';
import { value } from './finance.ts';
import { hashpriceOf, runNetwork, type NetworkRun } from './network.ts';
import { randomPrices } from './random.ts';
import type { MonteCarloFigures, MonthsPercentiles, Percentiles } from './results.ts';

/** The order statistic at ⌈pct/100 · n⌉ (1-based) of ascending `sorted`; pct a whole percent. */
export function percentile(sorted: ArrayLike<number>, pct: number): number {
  const rank = Math.max(1, Math.ceil((pct * sorted.length) / 100));
  return sorted[rank - 1];
}

/** The 5th, 50th and 95th percentiles of each month's column (`values[m−1]` holds month m's paths). */
function monthPercentiles(values: Float64Array[]): Percentiles {
  const out: Percentiles = { p5: [], p50: [], p95: [] };
  for (const column of values) {
    const sorted = column.slice().sort();
    out.p5.push(percentile(sorted, 5));
    out.p50.push(percentile(sorted, 50));
    out.p95.push(percentile(sorted, 95));
  }
  return out;
}

export interface MonteCarloResult {
  figures: MonteCarloFigures;
  monthsP: MonthsPercentiles;
}

/** Runs the scenario's paths; `deterministic` is the network on the deterministic price path. */
export function monteCarlo(s: ModelInputsV2, deterministic: NetworkRun): MonteCarloResult {
  const paths = s.monteCarloPaths;
  const seed = s.monteCarloSeed;
  const months = 12 * s.horizonYears;
  const mineRate = s.discountRatePct / 100;
  const hostRate = s.discountRatePivotPct / 100;
  const deltas = new Float64Array(paths);
  const column = () => Array.from({ length: months }, () => new Float64Array(paths));
  const price = column();
  const hashprice = column();
  const hashrate = column();
  let wins = 0;
  let sumDelta = 0;
  let sumMine = 0;
  let sumPivot = 0;

  for (let j = 0; j < paths; j++) {
    const prices = randomPrices(s.btcPriceUsd, s.btcPriceGrowthPctPerYear, s.btcVolatilityPctPerYear, months, seed, j);
    const run: NetworkRun = s.networkResponsePctPerMonth > 0 ? runNetwork(s, prices, false) : { ...deterministic, prices };
    const v = value(cashFlows(s, run.btcPerHashSecond, prices), mineRate, hostRate);
    deltas[j] = v.delta;
    if (v.delta > 0) wins++;
    sumDelta += v.delta;
    sumMine += v.npvMine;
    sumPivot += v.npvPivot;
    for (let m = 1; m <= months; m++) {
      price[m - 1][j] = prices[2 * m - 1];
      hashprice[m - 1][j] = hashpriceOf(run, m);
      hashrate[m - 1][j] = run.hashrate[m - 1] / 1e18;
    }
  }

  deltas.sort();
  return {
    figures: {
      paths,
      seed,
      probPivotWins: wins / paths,
      deltaMean: sumDelta / paths,
      deltaP5: percentile(deltas, 5),
      deltaP50: percentile(deltas, 50),
      deltaP95: percentile(deltas, 95),
      npvMeanMine: sumMine / paths,
      npvMeanPivot: sumPivot / paths,
    },
    monthsP: {
      btcPriceUsd: monthPercentiles(price),
      hashpriceUsdPerPhDay: monthPercentiles(hashprice),
      hashrateEhs: monthPercentiles(hashrate),
    },
  };
}
