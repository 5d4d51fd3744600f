/**
 * Today's network: the scenario's start state read from a block explorer's public REST API in
 * mempool.space's documented format (the Esplora block endpoints and mempool's /api/v1 mining and
 * price endpoints), checked, and turned into one change of the scenario. The reading is pure: the
 * caller passes `get`, which fetches a path below the API's base URL and returns the body as text
 * (or throws with a reason). Nothing here touches the network or the scenario.
 *
 * What is read (docs/model.md §8):
 * - the tip: `/api/blocks/tip/hash`, then `/api/block/{hash}` → startHeight, startDate (the tip's
 *   timestamp), startDifficulty (the tip's difficulty, which the next block shares unless the tip
 *   closes an epoch);
 * - the epoch's first block: `/api/block-height/{e}`, then `/api/block/{hash}` → epochElapsedSeconds
 *   (tip time − that block's time). On an epoch's last block no epochElapsedSeconds is set (the next
 *   block opens a new epoch) and startDifficulty is the retargeted one, D · 1209600 / timespan with
 *   the timespan clamped to [302400, 4838400] as consensus does (docs/model.md §2);
 * - `/api/v1/mining/hashrate/3d` → hashrateEhs (currentHashrate, H/s);
 * - `/api/v1/prices` → btcPriceUsd (USD);
 * - `/api/v1/mining/reward-stats/144` → feesBtcPerBlock (totalFee in satoshis over the last 144 blocks);
 * - and netHashcostUsdPerPhDay, the steady-state hashprice of that state (docs/model.md §7.1).
 */
import { steadyStateHashprice } from './registry/index.ts';
import { checkKey } from './scenario/validate.ts';
import type { Problem } from './scenario/types.ts';

const EPOCH = 2016;
const TARGET_TIMESPAN = 14 * 24 * 60 * 60;

/** Fetches `path` below the API's base URL; resolves to the body of a 2xx answer, else throws with a reason. */
export type Get = (path: string) => Promise<string>;

/** The keys the button sets; `epochElapsedSeconds` undefined means the key is removed. */
export interface TodayValues {
  startDate: string;
  startHeight: number;
  startDifficulty: number;
  epochElapsedSeconds: number | undefined;
  hashrateEhs: number;
  btcPriceUsd: number;
  feesBtcPerBlock: number;
  netHashcostUsdPerPhDay: number;
}

/** The keys in the order the button shows them. */
export const TODAY_KEYS = Object.freeze([
  'startDate',
  'startHeight',
  'startDifficulty',
  'epochElapsedSeconds',
  'hashrateEhs',
  'btcPriceUsd',
  'feesBtcPerBlock',
  'netHashcostUsdPerPhDay',
] as const satisfies readonly (keyof TodayValues)[]);

export type TodayResult = { ok: true; values: TodayValues; paths: string[] } | { ok: false; message: string; problems: Problem[] };

class Unexpected extends Error {}

/** Reads today's start state; `feesGrowthPctPerYear` is the scenario's, for the steady-state hashprice. */
export async function readTodayNetwork(get: Get, feesGrowthPctPerYear: number): Promise<TodayResult> {
  const paths: string[] = [];
  const fetchText = async (path: string) => {
    paths.push(path);
    try {
      return await get(path);
    } catch (error) {
      throw new Unexpected(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const fetchJson = async (path: string) => {
    const text = await fetchText(path);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Unexpected(`${path}: the answer is not JSON`);
    }
  };
  const block = async (hash: string) => {
    const b = await fetchJson(`/api/block/${encodeURIComponent(hash)}`);
    return { height: field(b, 'height', `/api/block/${hash}`), timestamp: field(b, 'timestamp', `/api/block/${hash}`), b };
  };

  try {
    const tipHash = hashText(await fetchText('/api/blocks/tip/hash'), '/api/blocks/tip/hash');
    const tip = await block(tipHash);
    const difficulty = field(tip.b, 'difficulty', '/api/block (the tip)');
    const epochStart = tip.height - (tip.height % EPOCH);
    const last = tip.height % EPOCH === EPOCH - 1;
    let epochElapsedSeconds: number | undefined = 0;
    let startDifficulty = difficulty;
    if (tip.height % EPOCH !== 0) {
      const firstPath = `/api/block-height/${epochStart}`;
      const first = await block(hashText(await fetchText(firstPath), firstPath));
      if (first.height !== epochStart) throw new Unexpected(`${firstPath}: the block's height is ${first.height}, not ${epochStart}`);
      const elapsed = tip.timestamp - first.timestamp;
      if (last) {
        epochElapsedSeconds = undefined;
        startDifficulty = (difficulty * TARGET_TIMESPAN) / Math.min(Math.max(elapsed, TARGET_TIMESPAN / 4), TARGET_TIMESPAN * 4);
      } else {
        epochElapsedSeconds = elapsed;
      }
    }
    const hashrate = field(await fetchJson('/api/v1/mining/hashrate/3d'), 'currentHashrate', '/api/v1/mining/hashrate/3d');
    const price = field(await fetchJson('/api/v1/prices'), 'USD', '/api/v1/prices');
    const rewards = await fetchJson('/api/v1/mining/reward-stats/144');
    const where = '/api/v1/mining/reward-stats/144';
    const blocks = field(rewards, 'endBlock', where) - field(rewards, 'startBlock', where) + 1;
    if (!(blocks >= 1)) throw new Unexpected(`${where}: endBlock is before startBlock`);
    const feesBtcPerBlock = field(rewards, 'totalFee', where) / blocks / 1e8;

    const values: TodayValues = {
      startDate: new Date(tip.timestamp * 1000).toISOString().replace('.000Z', 'Z'),
      startHeight: tip.height,
      startDifficulty,
      epochElapsedSeconds,
      hashrateEhs: hashrate / 1e18,
      btcPriceUsd: price,
      feesBtcPerBlock,
      netHashcostUsdPerPhDay: 0,
    };
    values.netHashcostUsdPerPhDay = steadyStateHashprice({ ...values, feesGrowthPctPerYear });
    const problems = TODAY_KEYS.flatMap((key) => {
      const value = values[key];
      const problem = value === undefined ? null : checkKey(key, value);
      return problem ? [problem] : [];
    });
    if (problems.length > 0) {
      return {
        ok: false,
        message: `The answer is outside what a scenario allows, so nothing was changed: ${problems.map((p) => p.message).join('; ')}`,
        problems,
      };
    }
    return { ok: true, values, paths };
  } catch (error) {
    if (!(error instanceof Unexpected)) throw error;
    return { ok: false, message: `Could not read today's network, so nothing was changed: ${error.message}`, problems: [] };
  }
}

/** A finite number (or a string of one, as some endpoints send big values) at `key` of a JSON object. */
function field(json: unknown, key: string, where: string): number {
  const value = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new Unexpected(
      `${where}: expected a number in "${key}", got ${value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 40)}`,
    );
  }
  return number;
}

function hashText(text: string, where: string): string {
  const hash = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hash))
    throw new Unexpected(`${where}: expected a block hash (64 hexadecimal digits), got ${JSON.stringify(hash.slice(0, 40))}`);
  return hash;
}
