/**
 * The messages between the page and the kernel worker. Every request carries an `id`; the reply
 * to it carries the same `id`, so the client can match replies to requests and drop outdated ones.
 *
 * `Requests` is the whole protocol: the worker's handler table is typed from it (a handler with the
 * wrong argument or result breaks the build) and so is the client's `request()`.
 */
import type { DeltaHistogram } from '../model/histogram.ts';
import type { Evaluation, MonteCarloFigures, MonthsPercentiles, Projection } from '../model/results.ts';
import type { ModelInputs } from '../model/keys.ts';
import type { PathPart } from '../kernel/sweep.ts';
import type { Scenario } from '../model/scenario/types.ts';
import type { SweepSpec } from '../model/sweep.ts';
import type { Tornado } from '../model/tornado.ts';

/** One block of rows of a sweep; the worker begins sweep `sweep` once, then computes any block of it. */
export interface SweepRowsPayload {
  /** The pool's id for the whole sweep (all its blocks share it); a new id means a new begin(). */
  sweep: number;
  /** As sweepInputs() gives them (−1 = derived per cell). */
  inputs: ModelInputs;
  spec: SweepSpec;
  rowStart: number;
  rowEnd: number;
}

export interface SweepRowsResult {
  sweep: number;
  rowStart: number;
  rowEnd: number;
  /** (rowEnd − rowStart) × spec.x.n values, x fastest, NaN = none; its buffer is transferred. */
  values: Float64Array;
  /** Time the worker spent on the block, for the pool's block sizing. */
  ms: number;
}

/** A block of a path-metric sweep over a range of the paths alone, for the pool to merge (path-parts.ts). */
export interface SweepPathsPayload extends SweepRowsPayload {
  pathFirst: number;
  pathCount: number;
}

export interface SweepPathsResult {
  sweep: number;
  rowStart: number;
  rowEnd: number;
  part: PathPart;
  ms: number;
}

export interface Requests {
  /** The network projection of one scenario. */
  project: { payload: ModelInputs; result: Projection };
  /** Every output of one scenario. */
  evaluate: { payload: ModelInputs; result: Evaluation };
  /** Rows [rowStart, rowEnd) of a sweep. */
  sweepRows: { payload: SweepRowsPayload; result: SweepRowsResult };
  /** Rows [rowStart, rowEnd) of a path-metric sweep over paths [pathFirst, pathFirst + pathCount). */
  sweepPaths: { payload: SweepPathsPayload; result: SweepPathsResult };
  /** evaluate's figures over the price paths alone (both null when the volatility is 0). */
  uncertainty: { payload: ModelInputs; result: { monteCarlo: MonteCarloFigures | null; monthsP: MonthsPercentiles | null } };
  /** The histogram of Δ over the price paths between the given edges; null when it has none. */
  distribution: { payload: { inputs: ModelInputs; edges: number[] }; result: DeltaHistogram | null };
  /** Δ with each input at each end of its plausible range (a valid scenario). */
  tornado: { payload: Scenario; result: Tornado };
}

export type RequestType = keyof Requests;
export type Payload<T extends RequestType> = Requests[T]['payload'];
export type Result<T extends RequestType> = Requests[T]['result'];

/** One request, page → worker. */
export type Request = { [T in RequestType]: { id: number; type: T; payload: Payload<T> } }[RequestType];

/** One reply, worker → page. `error` is a message for people, never a stack trace. */
export type Reply<R = unknown> = { id: number; ok: true; result: R } | { id: number; ok: false; error: string };

/** What the worker runs for each request type. */
export type Handlers = { [T in RequestType]: (payload: Payload<T>) => Result<T> | Promise<Result<T>> };

export function isReply(data: unknown): data is Reply {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return typeof d.id === 'number' && (d.ok === true || (d.ok === false && typeof d.error === 'string'));
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The buffers a reply can hand over instead of copying: a sweep block's values, a path part's Δs and shifts. */
export function transferables(reply: Reply): Transferable[] {
  if (!reply.ok) return [];
  const result = reply.result as { values?: unknown; part?: { shifts?: unknown; deltas?: unknown } } | null;
  return [result?.values, result?.part?.shifts, result?.part?.deltas].filter((a) => a instanceof Float64Array).map((a) => a.buffer);
}
