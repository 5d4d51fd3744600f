// One scenario, whole: the network on the deterministic price path, both paths' cash flows and
// every output (docs/model.md §5), and with volatility σ > 0 the Monte Carlo figures (§7.5).
import { I_BTC_VOLATILITY_PCT_PER_YEAR, I_NETWORK_RESPONSE_PCT_PER_MONTH, I_HORIZON_YEARS } from './generated/interface';
import { inputs, priceMonths, projectNetwork } from './network';
import { finishEvaluation, prepare, prepareMining } from './economics';
import { mcResults, monteCarlo, monthPercentile, setPathRange } from './montecarlo';

/** Projects the network and evaluates both paths; results land in the result blocks and the cash-flow arrays. */
export function evaluate(): void {
  // Every path: a range a trapped sweepPathRows left set must not reach this evaluation.
  setPathRange(0, -1);
  projectNetwork();
  prepare();
  if (inputs[I_BTC_VOLATILITY_PCT_PER_YEAR] > 0) {
    monteCarlo(true);
    // With λ > 0 each path projected its own network: back to the deterministic one.
    if (inputs[I_NETWORK_RESPONSE_PCT_PER_MONTH] > 0) {
      projectNetwork();
      prepareMining();
    }
  }
  priceMonths();
  finishEvaluation();
}

/** The address of the Monte Carlo figures (MC_*) of the last evaluate() with σ > 0. */
export function monteCarloPtr(): usize {
  return changetype<usize>(mcResults);
}

/**
 * The percentiles of the last evaluate() with σ > 0: month m's (0-based) `pct` percentile of field
 * MP_* (price, hashprice, hashrate) over the paths.
 */
export function monthsPercentile(field: i32, m: i32, pct: i32): f64 {
  if (m < 0 || m >= <i32>inputs[I_HORIZON_YEARS] * 12) return NaN;
  return monthPercentile(field, m, pct);
}
