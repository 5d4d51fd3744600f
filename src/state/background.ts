/**
 * Background work on the worker pool for the latest request only (the tornado, the price paths):
 * asked at most once an animation frame — checked at the frame, after the map's own request of that
 * frame has started its sweep — only when the pool may take it (`ready`; when it says no, the
 * request is dropped and the caller asks again when it may, from an effect that reads what `ready`
 * reads), never twice for the same request object, and one job at a time (Latest).
 */
import { OncePerFrame } from './frame.ts';
import { Latest } from './latest.ts';

export class Background<T> {
  readonly #latest: Latest<T>;
  readonly #frames: OncePerFrame<T>;
  /** The last request handed to the job; asking again for it (the same object) computes nothing. */
  #sent: T | null = null;

  /** `job` gets a `current()` that turns false once a newer request (or cancel) came. */
  constructor(job: (value: T, current: () => boolean) => Promise<void>, ready: () => boolean) {
    this.#latest = new Latest(job);
    this.#frames = new OncePerFrame<T>((next) => {
      if (next === this.#sent || !ready()) return;
      this.#sent = next;
      this.#latest.request(next);
    });
  }

  request(value: T): void {
    this.#frames.request(value);
  }

  cancel(): void {
    this.#frames.cancel();
    this.#latest.cancel();
    this.#sent = null;
  }
}
