/**
 * What matters most for the scenario in detail: the tornado of Δ (src/model/tornado.ts), computed
 * on the worker pool as background work, one request at a time, the latest only.
 */
import type { Scenario } from '../model/scenario/types.ts';
import type { Tornado } from '../model/tornado.ts';
import { sweepPool, type SweepPool } from '../worker/pool.ts';
import { PoolRun } from './pool-run.svelte.ts';

/** request(): a valid scenario (the one in detail). */
export class TornadoRun extends PoolRun<Scenario> {
  /** The scenario the tornado belongs to. */
  scenario: Scenario | null = $state.raw(null);
  tornado: Tornado | null = $state.raw(null);
  runs = $state(0);

  /**
   * `ready`: whether the pool may take this work now; when it says no, the request is dropped and
   * the caller asks again when it may (an effect that reads what `ready` reads).
   */
  constructor(ready: () => boolean = () => true, pool: SweepPool = sweepPool) {
    super(pool, ready);
  }

  protected async compute(scenario: Scenario): Promise<() => void> {
    const tornado = await this.pool.single('tornado', scenario);
    return () => {
      this.scenario = scenario;
      this.tornado = tornado;
      this.runs++;
    };
  }
}
