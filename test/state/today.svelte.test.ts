/**
 * Today's network in the explorer (src/state/today.svelte.ts): `get` built on fetch names an HTTP
 * error, a timeout and a network failure; a good reading is one change of the scenario, undone in
 * one step while nothing else changed it; a bad one changes nothing. And the build setting for the
 * API's base URL (src/pwa/api-base.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiBase, apiOrigin } from '../../src/pwa/api-base.ts';
import { explorer } from '../../src/state/explorer.svelte.ts';
import { TodayNetwork, fetchGet } from '../../src/state/today.svelte.ts';

afterEach(() => {
  vi.useRealTimers();
  explorer.loadScenario({ version: 2 });
});

const TIP = 'a'.repeat(64);
const FIRST = 'b'.repeat(64);
/** Height 927,500, 84,000 s into the epoch that opened at 927,360 (test/model/today-network.test.ts works the figures). */
const ANSWERS: Record<string, string> = {
  '/api/blocks/tip/hash': TIP,
  [`/api/block/${TIP}`]: JSON.stringify({ height: 927_500, timestamp: 1_764_460_800, difficulty: 149_301_214_130_879.6 }),
  '/api/block-height/927360': FIRST,
  [`/api/block/${FIRST}`]: JSON.stringify({ height: 927_360, timestamp: 1_764_460_800 - 84_000 }),
  '/api/v1/mining/hashrate/3d': JSON.stringify({ currentHashrate: 1.0523e21 }),
  '/api/v1/prices': JSON.stringify({ USD: 91_250 }),
  '/api/v1/mining/reward-stats/144': JSON.stringify({ startBlock: 927_357, endBlock: 927_500, totalFee: '360000000' }),
};
const table = (over: Record<string, string> = {}) => {
  const t = { ...ANSWERS, ...over };
  return async (path: string) => {
    if (t[path] === undefined) throw new Error('HTTP 404');
    return t[path];
  };
};

describe('fetchGet', () => {
  it('returns the body of a 2xx answer from base + path and names an HTTP error', async () => {
    const seen: string[] = [];
    const fetcher = (async (url: string) => {
      seen.push(url);
      return url.endsWith('/bad') ? new Response('no', { status: 500, statusText: 'Internal Server Error' }) : new Response('ok');
    }) as unknown as typeof fetch;
    const get = fetchGet('http://127.0.0.1:9', 10_000, fetcher);
    await expect(get('/api/v1/prices')).resolves.toBe('ok');
    await expect(get('/bad')).rejects.toThrow('the server answered HTTP 500 Internal Server Error');
    expect(seen).toEqual(['http://127.0.0.1:9/api/v1/prices', 'http://127.0.0.1:9/bad']);
  });

  it('gives up after the timeout, and calls a refused connection a network failure', async () => {
    vi.useFakeTimers();
    const hang = ((_: string, init: RequestInit) =>
      new Promise((_resolve, reject) =>
        init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as unknown as typeof fetch;
    const pending = fetchGet('http://x', 10_000, hang)('/p');
    const check = expect(pending).rejects.toThrow('no answer within 10 s (timed out)');
    await vi.advanceTimersByTimeAsync(10_000);
    await check;
    const refused = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(fetchGet('http://x', 10_000, refused)('/p')).rejects.toThrow('http://x could not be reached (a network failure)');
  });
});

describe('TodayNetwork', () => {
  it('applies a good reading as one change, shows where from, and undoes it in one step', async () => {
    explorer.loadScenario({ version: 2, epochElapsedSeconds: 600, startHeight: 931_393, name: 'mine' });
    const before = explorer.scenario;
    const today = new TodayNetwork('http://127.0.0.1:9', table());
    await today.fetch();
    expect(today.state).toBe('done');
    expect(explorer.scenario).toEqual({
      ...before,
      startDate: '2025-11-30T00:00:00Z',
      startHeight: 927_500,
      startDifficulty: 149_301_214_130_879.6,
      epochElapsedSeconds: 84_000,
      hashrateEhs: 1052.3,
      btcPriceUsd: 91_250,
      feesBtcPerBlock: 0.025,
      netHashcostUsdPerPhDay: 39.33,
    });
    expect(explorer.valid).toBe(true);
    expect(today.fetched?.base).toBe('http://127.0.0.1:9');
    expect(today.canUndo).toBe(true);
    today.undo();
    expect(explorer.scenario).toBe(before);
    expect(today.canUndo).toBe(false);
  });

  it("removes epochElapsedSeconds for a tip on an epoch's last block, and offers no undo once the scenario changed otherwise", async () => {
    // 929,375 mod 2016 = 2015: the epoch opened at 927,360.
    const last = table({
      [`/api/block/${TIP}`]: JSON.stringify({ height: 929_375, timestamp: 1_765_468_800, difficulty: 1.5e14 }),
      '/api/block-height/927360': FIRST,
      [`/api/block/${FIRST}`]: JSON.stringify({ height: 927_360, timestamp: 1_765_468_800 - 1_209_600 }),
    });
    explorer.loadScenario({ version: 2, epochElapsedSeconds: 600, startHeight: 931_393 });
    const today = new TodayNetwork('http://x', last);
    await today.fetch();
    expect(today.state).toBe('done');
    expect('epochElapsedSeconds' in explorer.scenario).toBe(false);
    expect(explorer.scenario.startHeight).toBe(929_375);
    explorer.setParam('leaseUsdPerKwMonth', 150);
    expect(today.canUndo).toBe(false);
  });

  it('changes nothing on a bad answer and says why', async () => {
    const before = explorer.scenario;
    const today = new TodayNetwork('http://x', table({ '/api/v1/prices': JSON.stringify({ USD: -5 }) }));
    await today.fetch();
    expect(today.state).toBe('error');
    expect(today.message).toMatch(/^The answer is outside what a scenario allows, so nothing was changed: btcPriceUsd/);
    expect(explorer.scenario).toBe(before);
    expect(today.canUndo).toBe(false);
  });
});

describe('the API base setting', () => {
  it('defaults to mempool.space, keeps a path, and refuses what is not an http(s) URL', () => {
    expect(apiBase(undefined)).toBe('https://mempool.space');
    expect(apiBase(' http://127.0.0.1:38917/ ')).toBe('http://127.0.0.1:38917');
    expect(apiBase('https://example.org/mempool/')).toBe('https://example.org/mempool');
    expect(apiOrigin('https://example.org/mempool')).toBe('https://example.org');
    for (const bad of ['mempool.space', 'ftp://example.org', 'https://example.org/?q=1', 'https://u:p@example.org']) {
      expect(() => apiBase(bad), bad).toThrow(/HASHPIVOT_API_BASE: expected/);
    }
  });
});
