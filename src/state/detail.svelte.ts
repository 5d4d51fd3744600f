/**
 * The scenario in detail: its evaluation and network projection, from the worker pool, for
 * whichever scenario the explorer shows in detail. At most one request an animation frame; a
 * reply for an outdated request is dropped.
 */
import type { Evaluation, Projection } from '../kernel/api.ts';
import type { ModelInputs } from '../model/keys.ts';
import { sweepPool, type SweepPool } from '../worker/pool.ts';

export class DetailRun {
  state: 'running' | 'done' | 'error' = $state('running');
  error = $state('');
  /** The inputs the figures below belong to. */
  inputs: ModelInputs | null = $state.raw(null);
  evaluation: Evaluation | null = $state.raw(null);
  projection: Projection | null = $state.raw(null);

  readonly #pool: SweepPool;
  #pending: ModelInputs | null = null;
  #frame = 0;
  #token = 0;

  constructor(pool: SweepPool = sweepPool) {
    this.#pool = pool;
  }

  request(inputs: ModelInputs): void {
    this.#pending = inputs;
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const next = this.#pending;
      this.#pending = null;
      if (next) void this.#run(next);
    });
  }

  dispose(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#token++;
  }

  async #run(inputs: ModelInputs): Promise<void> {
    const token = ++this.#token;
    this.state = 'running';
    try {
      const [evaluation, projection] = await Promise.all([this.#pool.evaluate(inputs), this.#pool.project(inputs)]);
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
