/**
 * The page's side of the kernel worker: `request(type, payload)` posts a request and resolves
 * with the worker's result, or rejects with its error. The worker starts on the first request.
 * Cancelling a running kernel call means ending the worker (`terminate()`); the next request
 * starts a fresh one.
 */
import { isReply, type Payload, type Request, type RequestType, type Result } from './protocol.ts';

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** A new kernel worker (kernel.worker.ts); the pool starts its workers with this too. */
export function createKernelWorker(): Worker {
  // Kept as one literal expression: Vite bundles the worker only when it sees this exact form.
  return new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: 'hashpivot-kernel' });
}

export class KernelClient {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #create: () => Worker;

  constructor(create: () => Worker = createKernelWorker) {
    this.#create = create;
  }

  request<T extends RequestType>(type: T, payload: Payload<T>): Promise<Result<T>> {
    const worker = this.#start();
    const id = this.#nextId++;
    return new Promise<Result<T>>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      try {
        worker.postMessage({ id, type, payload } as Request);
      } catch (error) {
        // The payload could not be cloned.
        this.#pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Ends the worker; every request still waiting rejects with `reason`. */
  terminate(reason = 'kernel worker stopped'): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(new Error(reason));
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#create();
    worker.addEventListener('message', (event: MessageEvent) => {
      const reply = event.data;
      if (!isReply(reply)) return;
      const pending = this.#pending.get(reply.id);
      // No entry: the request was cancelled, its reply is outdated.
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new Error(reply.error));
    });
    // The worker failed to load or threw outside a request: no reply will come. One that never
    // replied did not load: its script is this build's (content-hashed) file, which is gone from
    // the server when the site was deployed anew since this page loaded (and no service worker
    // keeps this build's files); never another build's, so a reload is the way on.
    let replied = false;
    worker.addEventListener('message', () => (replied = true), { once: true });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.terminate(
        replied || event.message
          ? `kernel worker failed: ${event.message || 'it stopped'}`
          : 'kernel worker failed: could not start. If hashpivot was updated since this page was opened, reload the page to use the new version.',
      );
    });
    worker.addEventListener('messageerror', () => this.terminate('kernel worker sent a message that could not be read'));
    this.#worker = worker;
    return worker;
  }
}
