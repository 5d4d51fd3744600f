/**
 * Collapses the requests made within one animation frame into the last one, and runs it at that
 * frame: what follows a slider runs at most once a frame. A null request cancels a waiting one.
 *
 * `requestNow` runs a request at once when nothing ran since the last frame (a typed value, a
 * click: the work starts before the page renders the change) and otherwise waits like `request`;
 * after any run, the rest of that frame waits, so a stream of changes still runs at most once a
 * frame after its first.
 */
export class OncePerFrame<T> {
  readonly #run: (value: T) => void;
  #pending: T | null = null;
  #frame = 0;
  /** Set from a run until the next frame, once requestNow has been used: requestNow waits meanwhile. */
  #cooling = 0;
  #leading = false;

  constructor(run: (value: T) => void) {
    this.#run = run;
  }

  request(value: T | null): void {
    this.#pending = value;
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const next = this.#pending;
      this.#pending = null;
      if (next) {
        this.#cool();
        this.#run(next);
      }
    });
  }

  requestNow(value: T | null): void {
    this.#leading = true;
    if (value === null || this.#cooling || this.#frame) {
      this.request(value);
      return;
    }
    this.#cool();
    this.#run(value);
  }

  cancel(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    if (this.#cooling) cancelAnimationFrame(this.#cooling);
    this.#frame = 0;
    this.#cooling = 0;
    this.#pending = null;
  }

  #cool(): void {
    if (!this.#leading || this.#cooling) return;
    this.#cooling = requestAnimationFrame(() => (this.#cooling = 0));
  }
}
