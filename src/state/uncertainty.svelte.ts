/**
 * The scenario in detail over its price paths: the probability that the pivot wins and the other
 * Monte Carlo figures, the percentiles of price, hashprice and hashrate month by month (the fan
 * charts), then the histogram of Δ — each from the worker pool, after the deterministic detail
 * (state/detail.svelte.ts), which shows first. One request at a time, the latest only.
 */
import { histogramEdges, type DeltaHistogram } from '../model/histogram.ts';
import type { ModelInputs } from '../model/keys.ts';
import type { MonteCarloFigures, MonthsPercentiles } from '../model/results.ts';
import { sweepPool, type SweepPool } from '../worker/pool.ts';
import { Background } from './background.ts';

/** 'off': the volatility is 0, so there are no price paths. */
export type UncertaintyState = 'running' | 'done' | 'off' | 'error';

/** Bars of the histogram of Δ. */
export const HISTOGRAM_BINS = 40;

export class UncertaintyRun {
  state: UncertaintyState = $state('running');
  error = $state('');
  /** The inputs the figures below belong to. */
  inputs: ModelInputs | null = $state.raw(null);
  figures: MonteCarloFigures | null = $state.raw(null);
  monthsP: MonthsPercentiles | null = $state.raw(null);
  /** The histogram of Δ for `inputs`; null until it is back (or when there is none). */
  histogram: DeltaHistogram | null = $state.raw(null);
  /** The inputs the histogram's answer belongs to, when it came back null too (no share of the site leased). */
  histogramFor: ModelInputs | null = $state.raw(null);
  /** Counts the figures shown (tests wait for a newer one). */
  runs = $state(0);

  readonly #pool: SweepPool;
  readonly #background: Background<ModelInputs>;

  /**
   * `ready`: whether the pool may take this work now; when it says no, the request is dropped and
   * the caller asks again when it may (an effect that reads what `ready` reads).
   */
  constructor(ready: () => boolean = () => true, pool: SweepPool = sweepPool) {
    this.#pool = pool;
    this.#background = new Background((value, current) => this.#run(value, current), ready);
  }

  request(inputs: ModelInputs): void {
    this.#background.request(inputs);
  }

  dispose(): void {
    this.#background.cancel();
  }

  async #run(inputs: ModelInputs, current: () => boolean): Promise<void> {
    if (!(inputs.btcVolatilityPctPerYear > 0)) {
      this.#show(inputs, null, null);
      this.state = 'off';
      return;
    }
    this.state = 'running';
    try {
      const { monteCarlo, monthsP } = await this.#pool.single('uncertainty', inputs);
      if (!current()) return;
      this.#show(inputs, monteCarlo, monthsP);
      this.state = 'done';
      if (!monteCarlo) return;
      const edges = histogramEdges(monteCarlo.deltaP5, monteCarlo.deltaP95, HISTOGRAM_BINS);
      const histogram = await this.#pool.single('distribution', { inputs, edges });
      if (!current()) return;
      this.histogram = histogram;
      this.histogramFor = inputs;
    } catch (error) {
      if (!current()) return;
      this.state = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  #show(inputs: ModelInputs, figures: MonteCarloFigures | null, monthsP: MonthsPercentiles | null): void {
    this.inputs = inputs;
    this.figures = figures;
    this.monthsP = monthsP;
    this.histogram = null;
    this.error = '';
    this.runs++;
  }
}
