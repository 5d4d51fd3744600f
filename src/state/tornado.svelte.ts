/**
 * What matters most for the scenario in detail: the tornado of Δ (src/model/tornado.ts), computed
 * on the worker pool, one request at a time, the latest only.
 */
import type { Scenario } from '../model/scenario/types.ts';
import type { Tornado } from '../model/tornado.ts';
import { sweepPool, type SweepPool } from '../worker/pool.ts';
import { OncePerFrame } from './frame.ts';
import { Latest } from './latest.ts';

export class TornadoRun {
  state: 'running' | 'done' | 'error' = $state('running');
  error = $state('');
  /** The scenario the tornado belongs to. */
  scenario: Scenario | null = $state.raw(null);
  tornado: Tornado | null = $state.raw(null);
  runs = $state(0);

  readonly #pool: SweepPool;
  readonly #latest = new Latest<Scenario>((scenario, current) => this.#run(scenario, current));
  readonly #ready: () => boolean;
  /** The last request handed to the pool; asking again for it (the same object) computes nothing. */
  #sent: Scenario | null = null;
  readonly #frames = new OncePerFrame<Scenario>((next) => {
    // Checked at the frame, after the map's own request of that frame has started its sweep.
    if (next === this.#sent || !this.#ready()) return;
    this.#sent = next;
    this.#latest.request(next);
  });

  /**
   * `ready`: whether the pool may take this work now; when it says no, the request is dropped and
   * the caller asks again when it may (an effect that reads what `ready` reads).
   */
  constructor(ready: () => boolean = () => true, pool: SweepPool = sweepPool) {
    this.#ready = ready;
    this.#pool = pool;
  }

  /** A valid scenario (the one in detail). */
  request(scenario: Scenario): void {
    this.#frames.request(scenario);
  }

  dispose(): void {
    this.#frames.cancel();
    this.#latest.cancel();
    this.#sent = null;
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
