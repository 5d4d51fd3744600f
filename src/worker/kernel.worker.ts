/**
 * The kernel worker: runs the model off the page's thread. The WASM kernel is loaded once, on
 * the first request, and kept for the worker's life.
 */
import type { Model } from '../kernel/api.ts';
import { createModel } from '../kernel/facade.ts';
import { loadKernel } from '../kernel/load-browser.ts';
import { errorMessage, type Handlers, type Reply, type Request } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let model: Promise<Model> | undefined;
function getModel(): Promise<Model> {
  if (!model) {
    const loading = loadKernel().then(createModel);
    loading.catch(() => {
      if (model === loading) model = undefined;
    });
    model = loading;
  }
  return model;
}

const handlers: Handlers = {
  async project(inputs) {
    return (await getModel()).project(inputs);
  },
};

async function handle(request: Request): Promise<unknown> {
  if (!Object.hasOwn(handlers, request?.type)) throw new Error(`unknown request type: ${String(request?.type)}`);
  // TypeScript cannot pair a union of handlers with a union of payloads; `Handlers` already did.
  const handler = handlers[request.type] as (payload: unknown) => unknown;
  return handler(request.payload);
}

scope.addEventListener('message', async (event: MessageEvent<Request>) => {
  const request = event.data;
  const id = typeof request?.id === 'number' ? request.id : -1;
  let reply: Reply;
  try {
    reply = { id, ok: true, result: await handle(request) };
  } catch (error) {
    reply = { id, ok: false, error: errorMessage(error) };
  }
  scope.postMessage(reply);
});
