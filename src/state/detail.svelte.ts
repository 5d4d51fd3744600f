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
import { PoolRun } from './pool-run.svelte.ts';

export class DetailRun extends PoolRun<ModelInputs> {
  /** The inputs the figures below belong to. */
  inputs: ModelInputs | null = $state.raw(null);
  evaluation: Evaluation | null = $state.raw(null);
  projection: Projection | null = $state.raw(null);
  /** The evaluation and its inputs as soon as they are back, before the projection: what the headline reads. */
  answer: { inputs: ModelInputs; evaluation: Evaluation } | null = $state.raw(null);

  protected async compute(inputs: ModelInputs, current: () => boolean): Promise<() => void> {
    const evaluating = this.pool.evaluate({ ...inputs, btcVolatilityPctPerYear: 0 });
    const projecting = this.pool.project(inputs);
    // Neither rejection goes unhandled while the other is awaited.
    projecting.catch(() => {});
    const evaluation = await evaluating;
    if (current()) this.answer = { inputs, evaluation };
    const projection = await projecting;
    return () => {
      this.inputs = inputs;
      this.evaluation = evaluation;
      this.projection = projection;
    };
  }
}
