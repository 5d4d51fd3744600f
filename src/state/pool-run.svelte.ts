/**
 * A state that asks the worker pool for a scenario's figures and keeps `state` and `error`; a reply
 * for an outdated request — one a newer request or dispose() superseded — is dropped. Each kind
 * says in `compute` what it asks for and shows.
 *
 * Two schedules: by default at most one request an animation frame (OncePerFrame), each started at
 * once (the detail, the network panel); given `ready`, as background work (Background: the latest
 * request only, one job at a time, and only when `ready` says the pool may take it — the tornado).
 */
import { sweepPool, type SweepPool } from '../worker/pool.ts';
import { Background } from './background.ts';
import { OncePerFrame } from './frame.ts';

export abstract class PoolRun<T> {
  state: 'running' | 'done' | 'error' = $state('running');
  error = $state('');

  protected readonly pool: SweepPool;
  readonly #frames: OncePerFrame<T> | undefined;
  readonly #background: Background<T> | undefined;
  #token = 0;

  /** `ready`: run as background work, which the pool may take only when `ready()` holds (see Background). */
  constructor(pool: SweepPool = sweepPool, ready?: () => boolean) {
    this.pool = pool;
    if (ready) {
      this.#background = new Background((value, current) => this.#run(value, current), ready);
    } else {
      this.#frames = new OncePerFrame<T>((next) => {
        const token = ++this.#token;
        void this.#run(next, () => token === this.#token);
      });
    }
  }

  request(value: T): void {
    if (this.#background) this.#background.request(value);
    else this.#frames!.request(value);
  }

  /** As request(), but a request when none ran since the last frame starts at once (OncePerFrame.requestNow); background work waits its turn. */
  requestNow(value: T): void {
    if (this.#background) this.#background.request(value);
    else this.#frames!.requestNow(value);
  }

  dispose(): void {
    this.#frames?.cancel();
    this.#background?.cancel();
    this.#token++;
  }

  /**
   * Asks the pool for `value`'s figures and returns what shows them, which runs only while the
   * request is still current, together with the state turning 'done'; a throw turns it 'error' with
   * the message. `current()` turns false once a newer request (or dispose) came: anything compute
   * shows before it returns, it shows only while current() holds.
   */
  protected abstract compute(value: T, current: () => boolean): Promise<() => void>;

  async #run(value: T, current: () => boolean): Promise<void> {
    this.state = 'running';
    try {
      const show = await this.compute(value, current);
      if (!current()) return;
      show();
      this.state = 'done';
      this.error = '';
    } catch (error) {
      if (!current()) return;
      this.state = 'error';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
