/**
 * What the kernel worker does with each request, apart from the worker itself: the worker entry
 * (kernel.worker.ts) wires it to `self`, and the Node tests wire it to a fake worker running the
 * same code on the Node kernel.
 *
 * One kernel instance per worker, loaded once behind a shared promise; one sweeper on it. A sweep
 * is begun once per sweep id and then computes whichever row blocks the pool hands this worker.
 * project/evaluate between blocks do not disturb a begun sweep: the kernel keeps the sweep's base
 * inputs and axes apart from the input block they write (assembly/sweep.ts), and every rows() call
 * starts again from that base. A distribution is a one-row sweep of its own: after it, the next
 * block begins its sweep again.
 */
import { deltaHistogram } from '../kernel/distribution.ts';
import { createModel } from '../kernel/facade.ts';
import { createSweeper, type Sweeper } from '../kernel/sweep.ts';
import type { KernelExports } from '../kernel/wasm.ts';
import { MODEL_KEYS, type ModelInputs } from '../model/keys.ts';
import { checkSweep } from '../model/sweep.ts';
import { tornado } from '../model/tornado.ts';
import { splitsByPaths } from './path-parts.ts';
import { errorMessage, type Handlers, type Reply, type Request, type SweepRowsPayload } from './protocol.ts';

function checkInputs(inputs: ModelInputs): void {
  const bad = MODEL_KEYS.filter((key) => typeof inputs?.[key] !== 'number' || Number.isNaN(inputs[key]));
  if (bad.length) throw new Error(`sweep: inputs lack a number for ${bad.join(', ')}`);
}

function checkBlock({ rowStart, rowEnd, spec }: SweepRowsPayload): void {
  if (!Number.isInteger(rowStart) || !Number.isInteger(rowEnd) || rowStart < 0 || rowEnd > spec.y.n || rowStart >= rowEnd) {
    throw new Error(`sweep: rows ${rowStart}..${rowEnd} are not a block of 0..${spec.y.n}`);
  }
}

export function createHandlers(load: () => Promise<KernelExports>): Handlers {
  let kernel: Promise<{ model: ReturnType<typeof createModel>; sweeper: ReturnType<typeof createSweeper> }> | undefined;
  const get = () => {
    if (!kernel) {
      const loading = load().then((raw) => ({ model: createModel(raw), sweeper: createSweeper(raw) }));
      // A failed load is not kept: the next request tries again.
      loading.catch(() => {
        if (kernel === loading) kernel = undefined;
      });
      kernel = loading;
    }
    return kernel;
  };
  let begun: number | undefined;

  // A trap (memory out of bounds, an abort) can leave the kernel half way through a request, its
  // state not what the next request expects: the next request loads a fresh instance.
  return dropKernelOnTrap(
    () => {
      kernel = undefined;
      begun = undefined;
    },
    {
      async project(inputs) {
        return (await get()).model.project(inputs);
      },
      async evaluate(inputs) {
        return (await get()).model.evaluate(inputs);
      },
      async uncertainty(inputs) {
        const { monteCarlo, monthsP } = (await get()).model.evaluate(inputs);
        return { monteCarlo, monthsP };
      },
      async distribution({ inputs, edges }) {
        const { model } = await get();
        // The histogram runs a one-row sweep of its own: a begun sweep begins again at its next block.
        begun = undefined;
        return deltaHistogram(model.exports, inputs, edges);
      },
      async tornado(scenario) {
        return tornado((await get()).model, scenario);
      },
      async sweepRows(payload) {
        const { sweeper } = await get();
        const t0 = performance.now();
        begin(sweeper, payload);
        const values = sweeper.rows(payload.rowStart, payload.rowEnd);
        return { sweep: payload.sweep, rowStart: payload.rowStart, rowEnd: payload.rowEnd, values, ms: performance.now() - t0 };
      },
      async sweepPaths(payload) {
        const { sweeper } = await get();
        const t0 = performance.now();
        begin(sweeper, payload);
        const { pathFirst: first, pathCount: count } = payload;
        const paths = payload.inputs.monteCarloPaths;
        if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > paths) {
          throw new Error(`sweep: paths ${first}..${first + count} are not a range of 0..${paths}`);
        }
        if (!splitsByPaths(payload.inputs, payload.spec)) {
          throw new Error(`sweep: this ${payload.spec.metric} map cannot be split by paths (see splitsByPaths)`);
        }
        const part = sweeper.pathRows(payload.rowStart, payload.rowEnd, first, count);
        return { sweep: payload.sweep, rowStart: payload.rowStart, rowEnd: payload.rowEnd, part, ms: performance.now() - t0 };
      },
    },
  );

  /** Begins sweep `payload.sweep` once on this worker's kernel, then checks the block. */
  function begin(sweeper: Sweeper, payload: SweepRowsPayload): void {
    if (payload.sweep !== begun) {
      begun = undefined;
      // The pool does not check specs: an invalid one fails here and reaches the caller as an error.
      checkInputs(payload.inputs);
      const problems = checkSweep(payload.spec, payload.inputs.horizonYears);
      if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
      sweeper.begin(payload.inputs, payload.spec);
      begun = payload.sweep;
    }
    checkBlock(payload);
  }
}

/** Handlers that call `drop` when the kernel traps (a WebAssembly.RuntimeError or the kernel's abort), then fail as before. */
function dropKernelOnTrap(drop: () => void, handlers: Handlers): Handlers {
  const guarded: Record<string, (payload: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (payload: unknown) => unknown][]) {
    guarded[name] = async (payload) => {
      try {
        return await handler(payload);
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError || (error instanceof Error && error.message.startsWith('kernel abort'))) drop();
        throw error;
      }
    };
  }
  return guarded as unknown as Handlers;
}

/** Runs one request and builds its reply; never throws (an error becomes `{ok: false}`). */
export async function respond(handlers: Handlers, request: Request): Promise<Reply> {
  const id = typeof request?.id === 'number' ? request.id : -1;
  try {
    if (!Object.hasOwn(handlers, request?.type)) throw new Error(`unknown request type: ${String(request?.type)}`);
    // TypeScript cannot pair a union of handlers with a union of payloads; `Handlers` already did.
    const handler = handlers[request.type] as (payload: unknown) => unknown;
    return { id, ok: true, result: await handler(request.payload) };
  } catch (error) {
    return { id, ok: false, error: errorMessage(error) };
  }
}
