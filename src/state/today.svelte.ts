/**
 * Today's network: on request only, the start state read from the public API the site was built
 * for (src/pwa/api-base.ts) and applied to the explorer's scenario as one change, which can be
 * undone as long as nothing else has changed the scenario since. Offline, on an error, a timeout or
 * an answer that fails validation, it says what went wrong and changes nothing.
 */
import { readTodayNetwork, type Get, type TodayValues } from '../model/today-network.ts';
import type { Scenario } from '../model/scenario/types.ts';
import { explorer } from './explorer.svelte.ts';

/** The API's base URL, a build setting. */
export const API_BASE: string = import.meta.env.HASHPIVOT_API_BASE;
/** How long one request may take. */
export const TIMEOUT_MS = 10_000;

/** Now, ISO 8601 UTC: a timestamp to show, not state that changes. */
const now = (): string => new Date().toISOString();

const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** `get` for readTodayNetwork: fetches `base + path`, gives up after `timeoutMs`, and names what went wrong. */
export function fetchGet(base: string, timeoutMs = TIMEOUT_MS, fetcher: typeof fetch = fetch): Get {
  return async (path) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetcher(base + path, { signal: controller.signal, credentials: 'omit', cache: 'no-store' });
      if (!response.ok)
        throw new Error(`the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
      return await response.text();
    } catch (error) {
      if (controller.signal.aborted) throw new Error(`no answer within ${timeoutMs / 1000} s (timed out)`, { cause: error });
      // fetch rejects with a TypeError when no answer came at all.
      if (error instanceof TypeError) {
        throw new Error(isOffline() ? 'you are offline' : `${base} could not be reached (a network failure)`, { cause: error });
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

export interface Fetched {
  values: TodayValues;
  /** Where from: the API's base URL. */
  base: string;
  /** When it was fetched, ISO 8601 UTC. */
  at: string;
}

export class TodayNetwork {
  state: 'idle' | 'loading' | 'done' | 'undone' | 'error' = $state('idle');
  /** What went wrong, for people; '' when nothing did. */
  message = $state('');
  /** What the last successful fetch read, from where and when. */
  fetched: Fetched | null = $state.raw(null);
  /** The scenario before and after the change, while it can be undone. */
  #change: { before: Scenario; after: Scenario } | null = $state.raw(null);
  readonly canUndo = $derived(this.#change !== null && explorer.scenario === this.#change.after);

  readonly #base: string;
  readonly #get: Get;

  constructor(base = API_BASE, get: Get = fetchGet(base)) {
    this.#base = base;
    this.#get = get;
  }

  async fetch(): Promise<void> {
    if (this.state === 'loading') return;
    this.message = '';
    if (isOffline()) {
      this.state = 'error';
      this.message = `You are offline: today's network is read from ${this.#base}, so nothing was changed.`;
      return;
    }
    this.state = 'loading';
    let result;
    try {
      result = await readTodayNetwork(this.#get, explorer.inputs.feesGrowthPctPerYear);
    } catch (error) {
      result = { ok: false as const, message: `Could not read today's network, so nothing was changed: ${String(error)}` };
    }
    if (!result.ok) {
      this.state = 'error';
      this.message = result.message;
      return;
    }
    const before = explorer.scenario;
    explorer.setParams(result.values);
    this.#change = { before, after: explorer.scenario };
    this.fetched = { values: result.values, base: this.#base, at: now() };
    this.state = 'done';
  }

  /** Puts back the scenario as it was before the last fetch was applied. */
  undo(): void {
    if (!this.canUndo || !this.#change) return;
    explorer.scenario = this.#change.before;
    this.#change = null;
    this.state = 'undone';
  }
}

export const todayNetwork = new TodayNetwork();
