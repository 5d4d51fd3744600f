/**
 * Collapses the requests made within one animation frame into the last one, and runs it at that
 * frame: what follows a slider runs at most once a frame. A null request cancels a waiting one.
 */
export class OncePerFrame<T> {
  readonly #run: (value: T) => void;
  #pending: T | null = null;
  #frame = 0;

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
      if (next) this.#run(next);
    });
  }

  cancel(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#pending = null;
  }
}
