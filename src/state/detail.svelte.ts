/**
 * The scenario in detail: its evaluation and network projection, from the worker pool, for
 * whichever scenario the explorer shows in detail. At most one request an animation frame; a
 * reply for an outdated request is dropped.
 *
 * The evaluation is the deterministic model's alone (its Monte Carlo fields null): those figures
 * take the price paths' time, so they follow on their own (state/uncertainty.svelte.ts) and the
 * headline never waits for them. Nor does it wait for the projection: `answer` (the headline's
 * inputs and evaluation) is set as soon as the evaluation is back, the rest together once the
 * projection is too.
 */
import type { Evaluation, Projection } from '../model/results.ts';
import type { ModelInputs } from '../model/keys.ts';
import { sweepPool, type SweepPool } from '../worker/pool.ts';
import { OncePerFrame } from './frame.ts';

export class DetailRun {
  state: 'running' | 'done' | 'error' = $state('running');
  error = $state('');
  /** The inputs the figures below belong to. */
  inputs: ModelInputs | null = $state.raw(null);
  evaluation: Evaluation | null = $state.raw(null);
  projection: Projection | null = $state.raw(null);
  /** The evaluation and its inputs as soon as they are back, before the projection: what the headline reads. */
  answer: { inputs: ModelInputs; evaluation: Evaluation } | null = $state.raw(null);

  readonly #pool: SweepPool;
  readonly #frames = new OncePerFrame<ModelInputs>((next) => void this.#run(next));
  #token = 0;

  constructor(pool: SweepPool = sweepPool) {
    this.#pool = pool;
  }

  request(inputs: ModelInputs): void {
    this.#frames.request(inputs);
  }

  /** As request(), but a request when none ran since the last frame starts at once (OncePerFrame.requestNow). */
  requestNow(inputs: ModelInputs): void {
    this.#frames.requestNow(inputs);
  }

  dispose(): void {
    this.#frames.cancel();
    this.#token++;
  }

  async #run(inputs: ModelInputs): Promise<void> {
    const token = ++this.#token;
    this.state = 'running';
    try {
      const evaluating = this.#pool.evaluate({ ...inputs, btcVolatilityPctPerYear: 0 });
      const projecting = this.#pool.project(inputs);
      // Neither rejection goes unhandled while the other is awaited.
      projecting.catch(() => {});
      const evaluation = await evaluating;
      if (token !== this.#token) return;
      this.answer = { inputs, evaluation };
      const projection = await projecting;
      if (token !== this.#token) return;
      this.inputs = inputs;
      this.evaluation = evaluation;
      this.projection = projection;
      this.state = 'done';
      this.error = '';
    } catch (error) {
      if (token !== this.#token) return;
      this.state = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
