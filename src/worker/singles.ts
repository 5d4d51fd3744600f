/**
 * The worker pool's queue of single requests (anything but a sweep block). The detail's own
 * figures (evaluate, project) are urgent: they go ahead of a sweep's remaining blocks; the rest
 * (the price paths, the tornado, the histogram …) wait behind them. The same request (payload and
 * type) asked again while it is in flight is not queued twice: both callers get its promise.
 */
import { measure } from '../model/timing.ts';
import type { KernelClient } from './client.ts';
import type { Payload, RequestType, Result } from './protocol.ts';

/** A request for one worker, not a sweep block. */
export type SingleType = Exclude<RequestType, 'sweepRows' | 'sweepPaths'>;

export interface Single {
  run(client: KernelClient): Promise<void>;
  reject(error: Error): void;
  urgent: boolean;
}

/** Requests that go before the current sweep's next block. */
const URGENT: ReadonlySet<SingleType> = new Set(['evaluate', 'project']);

export class SingleQueue {
  readonly #queue: Single[] = [];
  readonly #inFlight = new WeakMap<object, Map<SingleType, Promise<unknown>>>();

  /** Queues a request, or returns the same request's promise while it is in flight; `queued` is called once it is queued. */
  add<T extends SingleType>(type: T, payload: Payload<T>, queued: () => void): Promise<Result<T>> {
    const key = typeof payload === 'object' && payload !== null ? (payload as object) : null;
    const same = key ? this.#inFlight.get(key)?.get(type) : undefined;
    if (same) return same as Promise<Result<T>>;
    const promise = new Promise<Result<T>>((resolve, reject) => {
      const asked = performance.now();
      const run = (client: KernelClient) => {
        const sent = performance.now();
        measure(`queue:${type}`, asked, sent);
        return client.request(type, payload).then((result) => {
          measure(`worker:${type}`, sent);
          resolve(result);
        }, reject);
      };
      this.#queue.push({ run, reject, urgent: URGENT.has(type) });
    });
    if (key) {
      const byType = this.#inFlight.get(key) ?? new Map<SingleType, Promise<unknown>>();
      this.#inFlight.set(key, byType.set(type, promise));
      const forget = () => {
        if (byType.get(type) === promise) byType.delete(type);
      };
      promise.then(forget, forget);
    }
    queued();
    return promise;
  }

  /** Whether `take(urgentOnly)` has a request to give. */
  has(urgentOnly: boolean): boolean {
    return urgentOnly ? this.#queue.some((s) => s.urgent) : this.#queue.length > 0;
  }

  /** The first request waiting (the first urgent one when `urgentOnly`), taken off the queue. */
  take(urgentOnly: boolean): Single | undefined {
    const k = urgentOnly ? this.#queue.findIndex((s) => s.urgent) : 0;
    return k < 0 ? undefined : this.#queue.splice(k, 1)[0];
  }

  /** Empties the queue; returns what it held. */
  drain(): Single[] {
    return this.#queue.splice(0);
  }
}
