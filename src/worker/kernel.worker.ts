/**
 * The kernel worker: runs the model and sweep blocks off the page's thread (handlers.ts). The WASM
 * kernel is loaded once, on the first request, and kept for the worker's life.
 */
import { loadKernel } from '../kernel/load-browser.ts';
import { createHandlers, respond } from './handlers.ts';
import { transferables, type Request } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handlers = createHandlers(loadKernel);

scope.addEventListener('message', async (event: MessageEvent<Request>) => {
  const reply = await respond(handlers, event.data);
  // A sweep block's values are handed over, not copied.
  scope.postMessage(reply, transferables(reply));
});
