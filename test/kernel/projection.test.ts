// The network projection (docs/model.md §2) on hand-worked examples, in the TS reference and every
// WASM build. Each expectation is derived from the rules in the comments.
import { describe, expect, it } from 'vitest';
import type { ModelInputs } from '../../src/model/keys.ts';
import type { ModelV1, ProjectionV1 } from '../../src/model/results.ts';
import { allModels, expectClose, mulberry32, onScheduleEhs, randomInputs, withInputs, MONTH, TWO_32 } from '../helpers/scenarios.ts';

/** τ: the block interval once a constant network is back on schedule after the first retarget. */
const TAU = (600 * 2016) / 2015; // 600.2977667…

/** A constant network (growth 0, no exit shock) with its tip on an epoch boundary, at k × on schedule. */
function constantNetwork(k: number, over: Partial<ModelInputs> = {}): ModelInputs {
  const startDifficulty = over.startDifficulty ?? 146.4e12;
  return withInputs({
    startHeight: 1_038_240, // 2016 · 515: the tip is an epoch's first block, found at t0
    startDifficulty,
    epochElapsedSeconds: 0,
    hashrateEhs: k * onScheduleEhs(startDifficulty),
    hashrateGrowthPctPerMonth: 0,
    exitSharePct: 0,
    exitMonth: 0,
    horizonYears: 2,
    ...over,
  });
}

const subsidyBtc = (height: number) => Math.floor(5_000_000_000 / 2 ** Math.floor(height / 210_000)) / 1e8;

describe.each(allModels())('projection: %s', (_name, model: ModelV1) => {
  it('a constant on-schedule network retargets once by 2016/2015 and then never drifts', () => {
    const D0 = 146.4e12;
    const p = model.project(constantNetwork(1, { startDifficulty: D0, horizonYears: 10 }));
    // Epoch 0: blocks h0+1 … h0+2015 every 600 s; block h0+2015 (the epoch's last) at 2015·600 =
    // 1,209,000 s; T = 1,209,000 (2015 intervals) → D' = D0·1,209,600/1,209,000 = D0·2016/2015.
    const first = p.retargets[0];
    expect(first.height).toBe(1_038_240 + 2016);
    expectClose(first.difficulty, (D0 * 2016) / 2015, 1e-12, 0, 'D1');
    // Block h0+2016 is mined at D', 600·D'/D0 = 600·2016/2015 s after block h0+2015.
    expectClose(first.seconds, 2015 * 600 + TAU, 1e-12, 0, 'first retarget time');
    // Every later epoch: 2015 intervals of 600·2016/2015 = 1,209,600 s exactly → D unchanged.
    for (const r of p.retargets) expectClose(r.difficulty, (D0 * 2016) / 2015, 1e-12, 0, `difficulty at ${r.height}`);
    for (const row of p.months) expectClose(row.difficulty, (D0 * 2016) / 2015, 1e-12, 0, `month ${row.month}`);
    // Retarget j (1-based) is found at 1,209,000 + τ + (j−1)·2016·τ ≤ 120 months = 315,576,000 s
    // → j − 1 ≤ (315,576,000 − 1,209,600.298)/1,210,200.298 = 259.76 → 260 retargets.
    expect(p.retargets).toHaveLength(260);
    p.retargets.forEach((r, j) => {
      expect(r.height).toBe(1_038_240 + 2016 * (j + 1));
      expectClose(r.seconds, 2015 * 600 + TAU + j * 2016 * TAU, 1e-12, 0, `retarget ${j + 1} time`);
    });
  });

  it('hashprice: the instantaneous formula gives $39.8/PH/day, and month 1 of a projection matches it', () => {
    // 86400 · (3.125 + 0.03) · 96,000 / (153e12 · 2^32) · 10^15
    //   = 2.6168832e10 / 6.5713e26 · 1e15 = 39.8229… $/PH/day.
    const hand = ((86400 * 3.155 * 96_000) / (153e12 * TWO_32)) * 1e15;
    expect(hand).toBeCloseTo(39.8229, 4);
    expect(Math.abs(hand - 39.8)).toBeLessThan(0.05);

    const p = model.project(
      constantNetwork(1, {
        startDifficulty: 153e12,
        feesBtcPerBlock: 0.03,
        btcPriceUsd: 96_000,
        btcPriceGrowthPctPerYear: 0,
        horizonYears: 1,
      }),
    );
    // An on-schedule epoch lasts two weeks, so every month holds a retarget. Month 1 (2,629,800 s):
    // D0 until block h0+2015 at 1,209,000 s, then D1 = D0·2016/2015 (the second retarget, at
    // 2,419,200.3 s, leaves D1 unchanged). Subsidy 3.125 all month (heights ≤ 1,042,621 < 1,050,000).
    //   hashprice_1 = hand · (1,209,000 + 1,420,800 · 2015/2016) / 2,629,800 = hand · 0.99973201
    const month1 = (hand * (1_209_000 + (1_420_800 * 2015) / 2016)) / 2_629_800;
    expectClose(p.months[0].hashpriceUsdPerPhDay, month1, 1e-6, 0, 'month 1 hashprice');
    expectClose(p.months[0].hashpriceUsdPerPhDay, 39.8122, 1e-5, 0, 'month 1 hashprice (number)');
    // Month 2 lies wholly at D1: hashprice = hand · 2015/2016.
    expectClose(p.months[1].hashpriceUsdPerPhDay, (hand * 2015) / 2016, 1e-9, 0, 'month 2 hashprice');
    expect(p.months[0].btcPriceUsd).toBe(96_000);
    // Blocks of month 1: 2015 at D0, then block h0+2015+j at 1,209,000 + j·τ < 2,629,800
    // → j ≤ floor(1,420,800 / 600.2978) = floor(2366.83) = 2366 → 4381 blocks.
    expect(p.months[0].blocks).toBe(2015 + 2366);
    expect(p.months[0].endHeight).toBe(1_038_240 + 4381);
    // Security budget: (4381 · 3.125 + 4381 · 0.03) · 96,000 / 30.4375 days.
    expectClose(p.months[0].securityBudgetUsdPerDay, (4381 * 3.155 * 96_000) / 30.4375, 1e-12, 0, 'security budget');
  });

  it('twice the on-schedule hashrate: the first epoch takes half as long and D doubles × 2016/2015', () => {
    const D0 = 146.4e12;
    const p = model.project(constantNetwork(2, { startDifficulty: D0 }));
    // Blocks every D0·2^32 / (2·D0·2^32/600) = 300 s. Block h0+2015 at 2015·300 = 604,500 s, half of
    // the on-schedule 1,209,000 s; T = 604,500 ∈ [302,400, 4,838,400] → no clamp;
    // D' = D0·1,209,600/604,500 = 2·D0·2016/2015.
    const D1 = (D0 * 1_209_600) / (2015 * 300);
    expect(D1 / D0).toBeCloseTo((2 * 2016) / 2015, 14);
    const [r1, r2] = p.retargets;
    expect(r1.height).toBe(1_038_240 + 2016);
    expectClose(r1.difficulty, (2 * D0 * 2016) / 2015, 1e-12, 0, 'D1');
    // The retarget's listed time is when block h0+2016 is found. It is mined at D', so its interval
    // is D'·2^32/(2·D0·2^32/600) = 300·2·2016/2015 = 600·2016/2015 s, not 300 s: the time is
    // 604,500 + 600.2978 = 605,100.2978 s (not 2016·300 = 604,800).
    expectClose(r1.seconds, 2015 * 300 + TAU, 0, 1e-6, 'first retarget time');
    // From then on blocks come every 600·2016/2015 s: T = 2015·τ = 1,209,600 → D unchanged.
    expectClose(r2.difficulty, r1.difficulty, 1e-12, 0, 'D2');
    expectClose(r2.seconds, 2015 * 300 + TAU + 2016 * TAU, 0, 1e-6, 'second retarget time');
  });

  it('the ×4 clamp: a hashrate 10× the on-schedule level', () => {
    const D0 = 146.4e12;
    const p = model.project(constantNetwork(10, { startDifficulty: D0, horizonYears: 1 }));
    // Blocks every 600/10 = 60 s; T = 2015·60 = 120,900 < 302,400 → clamped: D1 = D0·1,209,600/302,400 = 4·D0.
    expectClose(p.retargets[0].difficulty, 4 * D0, 1e-12, 0, 'D1');
    expectClose(p.retargets[0].seconds, 2015 * 60 + 240, 0, 1e-6, 'first retarget time'); // block h0+2016 at 4·D0: 600·4/10 = 240 s
    // Epoch 1 at 4·D0: 240 s a block, T = 2015·240 = 483,600 (no clamp) → D2 = 4·D0·1,209,600/483,600
    // = 4·D0·5040/2015 = 10·D0·2016/2015; then on schedule, unchanged.
    expectClose(p.retargets[1].difficulty, (10 * D0 * 2016) / 2015, 1e-12, 0, 'D2');
    expectClose(p.retargets[2].difficulty, (10 * D0 * 2016) / 2015, 1e-12, 0, 'D3');
  });

  it('the ÷4 clamp: a hashrate 1/10 of the on-schedule level', () => {
    const D0 = 146.4e12;
    const p = model.project(constantNetwork(0.1, { startDifficulty: D0, horizonYears: 1 }));
    // Blocks every 6000 s; T = 2015·6000 = 12,090,000 > 4,838,400 → clamped: D1 = D0·1,209,600/4,838,400 = D0/4.
    expectClose(p.retargets[0].difficulty, D0 / 4, 1e-12, 0, 'D1');
    // Block h0+2016 at D0/4: 6000/4 = 1500 s after block h0+2015.
    expectClose(p.retargets[0].seconds, 2015 * 6000 + 1500, 0, 1e-6, 'first retarget time');
    // Epoch 1: T = 2015·1500 = 3,022,500 (no clamp) → D2 = (D0/4)·1,209,600/3,022,500 = 0.1·D0·2016/2015.
    expectClose(p.retargets[1].difficulty, (0.1 * D0 * 2016) / 2015, 1e-12, 0, 'D2');
    expectClose(p.retargets[1].seconds, 2015 * 6000 + 1500 + 2015 * 1500 + TAU, 0, 1e-6, 'second retarget time');
  });

  it('an exit shock scales the hashrate of the months after it by (1 − φ)', () => {
    for (const growth of [0, 1]) {
      const base = constantNetwork(1, { hashrateGrowthPctPerMonth: growth, horizonYears: 3 });
      const plain = model.project(base).months;
      const shocked = model.project({ ...base, exitSharePct: 30, exitMonth: 7 }).months;
      shocked.forEach((row, i) => {
        // Months 1–7 lie before t = 7·month; months 8… after it. The curve is scaled, not rebased.
        const factor = row.month <= 7 ? 1 : 0.7;
        expectClose(row.hashrateEhs, factor * plain[i].hashrateEhs, 1e-12, 0, `growth ${growth}, month ${row.month}`);
      });
      // Growth 0: the months before the shock hold N0 exactly.
      if (growth === 0) expectClose(plain[0].hashrateEhs, onScheduleEhs(146.4e12), 1e-12, 0, 'N0');
    }
  });

  it('an exit shock at t0 slows the first epoch by 1/(1 − φ)', () => {
    const D0 = 146.4e12;
    const p = model.project(constantNetwork(1, { startDifficulty: D0, exitSharePct: 20, exitMonth: 0, horizonYears: 1 }));
    // φ = 0.2: N = 0.8·N0, blocks every 600/0.8 = 750 s. T = 2015·750 = 1,511,250 → D1 = D0·1,209,600/1,511,250.
    const D1 = (D0 * 1_209_600) / 1_511_250;
    expectClose(p.retargets[0].difficulty, D1, 1e-12, 0, 'D1');
    // Then blocks every 750·D1/D0 = 750·1,209,600/1,511,250 = 600·2016/2015 s again.
    expectClose(p.retargets[0].seconds, 1_511_250 + TAU, 0, 1e-6, 'first retarget time');
    // Month 1: 2015 blocks by 1,511,250 s, then floor((2,629,800 − 1,511,250)/τ) = floor(1863.33) = 1863.
    expect(p.months[0].blocks).toBe(2015 + 1863);
    expectClose(p.months[0].hashrateEhs, 0.8 * onScheduleEhs(D0), 1e-12, 0, 'month 1 hashrate');
  });

  it('an exit shock mid-epoch slows block production until the next retarget, which answers it', () => {
    const D0 = 146.4e12;
    const phi = 0.5;
    const base = constantNetwork(1, { startDifficulty: D0, horizonYears: 1 });
    const plain = model.project(base);
    const p = model.project({ ...base, exitSharePct: 100 * phi, exitMonth: 1 });
    const D1 = (D0 * 2016) / 2015;
    // Without the shock block h0+n (n ≥ 2015) is found at 1,209,000 + (n − 2015)·τ. The shock at
    // t_s = 2,629,800 s falls in epoch 3 (blocks n = 4032 … 6047, at D1): its first block at
    // 1,209,000 + 2017·τ = 2,419,800.6 s; its last block would come at 1,209,000 + 4032·τ = 3,629,400.6 s.
    const ts = MONTH;
    const epochStart = 1_209_000 + 2017 * TAU;
    const lastPlain = 1_209_000 + 4032 * TAU;
    // After the shock the remaining work goes at half the rate: the last block comes at
    // t_s + (3,629,400.6 − t_s)/(1 − φ) = 4,629,001.2 s.
    const lastShock = ts + (lastPlain - ts) / (1 - phi);
    // T = 4,629,001.2 − 2,419,800.6 = 2,209,200.6 (no clamp) → D3 = D1·1,209,600/T ≈ 0.5475·D1.
    const D3 = (D1 * 1_209_600) / (lastShock - epochStart);
    // Block n = 6048 is mined at D3 by (1 − φ)·N0: 600·(D3/D0)/(1 − φ) s after the last block.
    const retargetTime = lastShock + (600 * (D3 / D0)) / (1 - phi);

    // The two retargets before the shock are the same as without it.
    for (const j of [0, 1]) {
      expect(p.retargets[j].height).toBe(plain.retargets[j].height);
      expectClose(p.retargets[j].difficulty, plain.retargets[j].difficulty, 1e-12, 0, `retarget ${j + 1}`);
      expectClose(p.retargets[j].seconds, plain.retargets[j].seconds, 1e-12, 0, `retarget ${j + 1} time`);
    }
    expect(plain.retargets[2].height).toBe(1_038_240 + 6048);
    expectClose(plain.retargets[2].seconds, lastPlain + TAU, 0, 1e-6, 'unshocked third retarget');
    const r3 = p.retargets[2];
    expect(r3.height).toBe(1_038_240 + 6048);
    expectClose(r3.difficulty, D3, 1e-9, 0, 'D3 after the shock');
    expectClose(r3.seconds, retargetTime, 0, 1e-3, 'third retarget time');
    // Month 2 (wholly after the shock): before the retarget blocks come every 2τ, after it every
    // 600·(D3/D0)/(1 − φ) s — fewer blocks than the unshocked month's floor(2,629,800/τ) ≈ 4380.
    expect(p.months[1].blocks).toBeLessThan(plain.months[1].blocks);
  });

  it('places block 1,050,000 where an epoch-by-epoch hand calculation puts it', () => {
    // Tip at 1,038,240 = 2016·515 (an epoch's first block, at t0); block 1,050,000 is n = 11,760
    // blocks later: epoch 0 holds n = 1 … 2015, epoch e ≥ 1 holds n = 2016e … 2016e + 2015.
    // Hashrate k·D0·2^32/600, constant: a block at relative difficulty r = D/D0 takes 600·r/k s;
    // each epoch has T = 2015 intervals, so r' = r · 1,209,600 / clamp(2015 · 600·r/k).
    const handTime = (k: number, n: number) => {
      let r = 1;
      let t = 0;
      let found = 0; // blocks found so far (n counts from the tip)
      for (let epoch = 0; found < n; epoch++) {
        const tau = (600 * r) / k;
        const inEpoch = Math.min(epoch === 0 ? 2015 : 2016, n - found);
        t += inEpoch * tau;
        found += inEpoch;
        r = (r * 1_209_600) / Math.min(Math.max(2015 * tau, 302_400), 4_838_400);
      }
      return t;
    };
    // k = 1: 2015·600 + 9745·600·2016/2015 = 1,209,000 + 5,849,901.737 = 7,058,901.737 s.
    // k = 1.1: epoch 0 is 2015·600/1.1 = 1,099,090.91 s; then r = 1.1·2016/2015 → on schedule:
    //   1,099,090.91 + 9745·τ = 6,948,992.646 s.
    // k = 0.2: epoch 0 takes 2015·3000 = 6,045,000 s → T clamped to 4,838,400, r = 1/4; epoch 1:
    //   750 s a block, 2016·750 = 1,512,000 s, T = 1,511,250 → r = (1/4)·1,209,600/1,511,250 =
    //   0.2·2016/2015 → on schedule; 11,760 − 4031 = 7729 blocks of τ = 4,639,701.439 s;
    //   total 12,196,701.439 s.
    const cases: [number, number][] = [
      [1, 2015 * 600 + 9745 * TAU],
      [1.1, (2015 * 600) / 1.1 + 9745 * TAU],
      [0.2, 2015 * 3000 + 2016 * 750 + 7729 * TAU],
    ];
    for (const [k, expected] of cases) {
      expect(handTime(k, 11_760)).toBeCloseTo(expected, 6);
      const p = model.project(constantNetwork(k, { horizonYears: 1 }));
      expect(p.halvings[0].height).toBe(1_050_000);
      expect(p.halvings[0].subsidyBtc).toBe(1.5625);
      expect(Math.abs(p.halvings[0].seconds - expected), `k = ${k}`).toBeLessThan(1e-3);
    }
    expect(cases[0][1]).toBeCloseTo(7_058_901.737, 3);
    expect(cases[2][1]).toBeCloseTo(12_196_701.439, 3);
  });

  it('keeps its bookkeeping: rows, events within the horizon, blocks and issuance add up', () => {
    const rng = mulberry32(0x5eed);
    const scenarios = [
      constantNetwork(1, { horizonYears: 15 }),
      ...Array.from({ length: 12 }, () => randomInputs(rng, { maxHorizonYears: 6 })),
    ];
    for (const s of scenarios) {
      const p: ProjectionV1 = model.project(s);
      const horizon = 12 * s.horizonYears * MONTH;
      expect(p.months).toHaveLength(12 * s.horizonYears);
      p.months.forEach((row, i) => expect(row.month).toBe(i + 1));
      for (const e of [...p.retargets, ...p.halvings]) expect(e.seconds).toBeLessThanOrEqual(horizon);
      for (const r of p.retargets) expect(r.height % 2016).toBe(0);
      for (const h of p.halvings) {
        expect(h.height % 210_000).toBe(0);
        expect(h.subsidyBtc).toBe(subsidyBtc(h.height));
      }
      const total = p.months.reduce((acc, row) => acc + row.blocks, 0);
      expect(total).toBe(p.months[p.months.length - 1].endHeight - s.startHeight);
      let prevEnd = s.startHeight;
      for (const row of p.months) {
        expect(row.blocks).toBe(row.endHeight - prevEnd);
        expectClose(row.feesBtc, row.blocks * s.feesBtcPerBlock, 1e-12, 1e-12, 'fees');
        const first = prevEnd + 1;
        const halving = Math.floor(row.endHeight / 210_000) > Math.floor(prevEnd / 210_000);
        if (row.blocks > 0 && !halving) {
          expectClose(row.btcIssued, row.blocks * subsidyBtc(first), 1e-12, 0, `month ${row.month} issuance`);
        } else if (halving) {
          // The halving block H and those after it earn the new subsidy.
          const H = 210_000 * Math.floor(row.endHeight / 210_000);
          const issued = (H - first) * subsidyBtc(first) + (row.endHeight - H + 1) * subsidyBtc(H);
          expectClose(row.btcIssued, issued, 1e-12, 0, `month ${row.month} issuance across the halving`);
        }
        prevEnd = row.endHeight;
      }
    }
    // 15 on-schedule years are ≈ 788,900 blocks (to ≈ 1,827,100): the halvings at 1,050,000,
    // 1,260,000, 1,470,000 and 1,680,000, each found at 1,209,000 + (H − 1,038,240 − 2015)·τ.
    const long = model.project(scenarios[0]);
    expect(long.halvings.map((h) => [h.height, h.subsidyBtc])).toEqual([
      [1_050_000, 1.5625],
      [1_260_000, 0.78125],
      [1_470_000, 0.390625],
      [1_680_000, 0.1953125],
    ]);
    for (const h of long.halvings) expectClose(h.seconds, 1_209_000 + (h.height - 1_038_240 - 2015) * TAU, 0, 1e-3, `halving ${h.height}`);
  });
});
