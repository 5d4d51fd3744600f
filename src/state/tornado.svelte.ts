/**
 * What matters most for the scenario in detail: the tornado of Δ (src/model/tornado.ts), computed
 * on the worker pool, one request at a time, the latest only.
 */
import type { Scenario } from '../model/scenario/types.ts';
import type { Tornado } from '../model/tornado.ts';
import { sweepPool, type SweepPool } from '../worker/pool.ts';
import { Background } from './background.ts';

export class TornadoRun {
  state: 'running' | 'done' | 'error' = $state('running');
  error = $state('');
  /** The scenario the tornado belongs to. */
  scenario: Scenario | null = $state.raw(null);
  tornado: Tornado | null = $state.raw(null);
  runs = $state(0);

  readonly #pool: SweepPool;
  readonly #background: Background<Scenario>;

  /**
   * `ready`: whether the pool may take this work now; when it says no, the request is dropped and
   * the caller asks again when it may (an effect that reads what `ready` reads).
   */
  constructor(ready: () => boolean = () => true, pool: SweepPool = sweepPool) {
    this.#pool = pool;
    this.#background = new Background((value, current) => this.#run(value, current), ready);
  }

  /** A valid scenario (the one in detail). */
  request(scenario: Scenario): void {
    this.#background.request(scenario);
  }

  dispose(): void {
    this.#background.cancel();
  }

  async #run(scenario: Scenario, current: () => boolean): Promise<void> {
    this.state = 'running';
    try {
      const tornado = await this.#pool.single('tornado', scenario);
      if (!current()) return;
      this.scenario = scenario;
      this.tornado = tornado;
      this.state = 'done';
      this.error = '';
      this.runs++;
    } catch (error) {
      if (!current()) return;
      this.state = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
