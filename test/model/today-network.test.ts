// Today's network read from answers in mempool.space's documented REST format
// (src/model/today-network.ts), served by a fake `get`; the arithmetic of each derived key is shown.
import { describe, expect, it } from 'vitest';
import { readTodayNetwork, TODAY_KEYS } from '../../src/model/today-network.ts';
import { steadyStateHashprice } from '../../src/model/registry/index.ts';

const TIP = 'a'.repeat(64);
const FIRST = 'b'.repeat(64);

/** Answers as the API documents them, for a tip at `height` found at `time`, its epoch opened at `firstTime`. */
function answers(height: number, time: number, firstTime: number, over: Record<string, string> = {}): Record<string, string> {
  const epochStart = height - (height % 2016);
  return {
    '/api/blocks/tip/hash': TIP,
    [`/api/block/${TIP}`]: JSON.stringify({
      id: TIP,
      height,
      timestamp: time,
      difficulty: 149_301_214_130_879.6,
      bits: 386_022_054,
      tx_count: 3000,
    }),
    [`/api/block-height/${epochStart}`]: FIRST,
    [`/api/block/${FIRST}`]: JSON.stringify({ id: FIRST, height: epochStart, timestamp: firstTime, difficulty: 149_301_214_130_879.6 }),
    '/api/v1/mining/hashrate/3d': JSON.stringify({
      hashrates: [],
      difficulty: [],
      currentHashrate: 1.0523e21,
      currentDifficulty: 149_301_214_130_879.6,
    }),
    '/api/v1/prices': JSON.stringify({ time: time, USD: 91_250, EUR: 78_900 }),
    // Over 144 blocks: 144 · 0.025 BTC = 3.6 BTC = 360,000,000 sat; endBlock − startBlock + 1 = 144.
    '/api/v1/mining/reward-stats/144': JSON.stringify({
      startBlock: height - 143,
      endBlock: height,
      totalReward: '46800000000',
      totalFee: '360000000',
      totalTx: '430000',
    }),
    ...over,
  };
}

const serve =
  (table: Record<string, string>) =>
  async (path: string): Promise<string> => {
    if (!(path in table)) throw new Error('HTTP 404');
    const body = table[path];
    if (body.startsWith('HTTP ')) throw new Error(body);
    return body;
  };

describe("today's network", () => {
  it('fills every start-state key from a tip inside an epoch', async () => {
    // Height 927,500: 927,500 mod 2016 = 140 → the epoch opened at 927,360, 84,000 s before the tip.
    const r = await readTodayNetwork(serve(answers(927_500, 1_764_460_800, 1_764_460_800 - 84_000)), 0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.values).toEqual({
      startDate: '2025-11-30T00:00:00Z',
      startHeight: 927_500,
      startDifficulty: 149_301_214_130_879.6,
      epochElapsedSeconds: 84_000,
      hashrateEhs: 1052.3,
      btcPriceUsd: 91_250,
      feesBtcPerBlock: 0.025,
      // 144 · (3.125 + 0.025) · 91,250 · 10^15 / 1.0523e21 = 39.33…, to the cent.
      netHashcostUsdPerPhDay: 39.33,
    });
    expect(steadyStateHashprice({ startHeight: 927_500, hashrateEhs: 1052.3, btcPriceUsd: 91_250, feesBtcPerBlock: 0.025 })).toBe(39.33);
    expect(Object.keys(r.values)).toEqual([...TODAY_KEYS]);
    expect(r.paths).toContain('/api/block-height/927360');
  });

  it("on an epoch's first block, 0 s have elapsed and no other block is fetched", async () => {
    const table = answers(927_360, 1_764_460_800, 0);
    delete table['/api/block-height/927360'];
    const r = await readTodayNetwork(serve(table), 0);
    expect(r.ok && r.values.epochElapsedSeconds).toBe(0);
  });

  it("on an epoch's last block, sets no epochElapsedSeconds and retargets the difficulty of the next block", async () => {
    // 929,375 mod 2016 = 2015. The epoch took 1,008,000 s, so D' = D · 1,209,600 / 1,008,000 = 1.2 D.
    const r = await readTodayNetwork(serve(answers(929_375, 1_765_468_800, 1_765_468_800 - 1_008_000)), 0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.values.epochElapsedSeconds).toBeUndefined();
    expect(r.values.startDifficulty).toBeCloseTo(149_301_214_130_879.6 * 1.2, 0);
    // A 10-week epoch is clamped to 4 × 2 weeks: D' = D / 4.
    const slow = await readTodayNetwork(serve(answers(929_375, 1_765_468_800, 1_765_468_800 - 6_048_000)), 0);
    expect(slow.ok && slow.values.startDifficulty).toBeCloseTo(149_301_214_130_879.6 / 4, 0);
  });

  it('a server error, a timeout, malformed JSON or a garbled hash gives a message naming where', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ '/api/v1/prices': 'HTTP 500' }, /\/api\/v1\/prices: HTTP 500/],
      [{ '/api/v1/prices': 'HTTP timed out after 10 s' }, /timed out/],
      [{ '/api/v1/mining/hashrate/3d': '{"currentHashrate": 1.0e21,' }, /hashrate\/3d: the answer is not JSON/],
      [{ '/api/v1/prices': '{"EUR": 80000}' }, /\/api\/v1\/prices: expected a number in "USD", got nothing/],
      [{ '/api/blocks/tip/hash': '<html>' }, /expected a block hash/],
    ];
    for (const [over, message] of cases) {
      const r = await readTodayNetwork(serve(answers(927_500, 1_764_460_800, 1_764_460_800 - 84_000, over)), 0);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(message);
    }
  });

  it('values outside what a scenario allows are refused with their key and range', async () => {
    const r = await readTodayNetwork(
      serve(answers(927_500, 1_764_460_800, 1_764_460_800 - 84_000, { '/api/v1/prices': JSON.stringify({ USD: -5 }) })),
      0,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.key)).toContain('btcPriceUsd');
      expect(r.message).toMatch(/btcPriceUsd: expected .* got -5/);
    }
    // A tip timestamp before its epoch's first block: a negative elapsed time.
    const back = await readTodayNetwork(serve(answers(927_500, 1_764_460_800, 1_764_460_800 + 600)), 0);
    expect(!back.ok && back.problems.map((p) => p.key)).toEqual(['epochElapsedSeconds']);
  });
});
