/**
 * Runs an async job for the latest request only, one at a time: a request made while a job runs
 * waits, replaced by any later one, and starts when the running job ends. A slider that moves for a
 * second queues one job, not sixty; what is shown is always the last request's.
 */
export class Latest<T> {
  readonly #job: (value: T, current: () => boolean) => Promise<void>;
  #running = false;
  #waiting: { value: T } | null = null;
  #generation = 0;

  /** `job` gets a `current()` that turns false once a newer request (or cancel) came. */
  constructor(job: (value: T, current: () => boolean) => Promise<void>) {
    this.#job = job;
  }

  request(value: T): void {
    this.#generation++;
    this.#waiting = { value };
    if (!this.#running) void this.#drain();
  }

  cancel(): void {
    this.#generation++;
    this.#waiting = null;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    while (this.#waiting) {
      const { value } = this.#waiting;
      this.#waiting = null;
      const generation = this.#generation;
      try {
        await this.#job(value, () => generation === this.#generation);
      } catch {
        // The job reports its own errors; the next request still runs.
      }
    }
    this.#running = false;
  }
}
