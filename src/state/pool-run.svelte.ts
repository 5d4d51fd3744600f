/**
 * A state that asks the worker pool for a scenario's figures: at most one request an animation
 * frame (OncePerFrame), and a reply for an outdated request — one a newer request or dispose()
 * superseded — is dropped. Each kind says in `compute` what it asks for and shows; this class keeps
 * `state` and `error`.
 */
import { sweepPool, type SweepPool } from '../worker/pool.ts';
import { OncePerFrame } from './frame.ts';

export abstract class PoolRun<T> {
  state: 'running' | 'done' | 'error' = $state('running');
  error = $state('');

  protected readonly pool: SweepPool;
  readonly #frames = new OncePerFrame<T>((next) => void this.#run(next));
  #token = 0;

  constructor(pool: SweepPool = sweepPool) {
    this.pool = pool;
  }

  request(value: T): void {
    this.#frames.request(value);
  }

  /** As request(), but a request when none ran since the last frame starts at once (OncePerFrame.requestNow). */
  requestNow(value: T): void {
    this.#frames.requestNow(value);
  }

  dispose(): void {
    this.#frames.cancel();
    this.#token++;
  }

  /**
   * Asks the pool for `value`'s figures and returns what shows them, which runs only while the
   * request is still current, together with the state turning 'done'; a throw turns it 'error' with
   * the message. `current()` turns false once a newer request (or dispose) came: anything compute
   * shows before it returns, it shows only while current() holds.
   */
  protected abstract compute(value: T, current: () => boolean): Promise<() => void>;

  async #run(value: T): Promise<void> {
    const token = ++this.#token;
    const current = (): boolean => token === this.#token;
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
