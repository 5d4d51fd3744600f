// The exit wave's three figures (src/model/exit-wave.ts): on hand-made projections whose
// arithmetic is shown, and on the kernel's own projections of the default scenario.
import { describe, expect, it } from 'vitest';
import { exitWave, exitWaveSentence } from '../../src/model/exit-wave.ts';
import { MONTH_SECONDS, type ModelInputs } from '../../src/model/keys.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import type { MonthRow, Projection } from '../../src/model/results.ts';
import { createNodeModel } from '../../src/kernel/load-node.ts';

/** A projection from columns: hashprice, hashrate and target per month, retargets at the given seconds. */
function projection(hashprice: number[], hashrate: number[], target: (number | null)[], retargetSeconds: number[]): Projection {
  const months = hashprice.map(
    (h, i) => ({ month: i + 1, hashpriceUsdPerPhDay: h, hashrateEhs: hashrate[i], targetHashrateEhs: target[i] }) as MonthRow,
  );
  return { months, retargets: retargetSeconds.map((seconds) => ({ height: 0, seconds, difficulty: 1 })), halvings: [] };
}

describe('the exit wave, by hand', () => {
  // Six months; 40 % leaves at the end of month 2. Without the exit: hashprice 50, hashrate 100 throughout.
  const without = projection(
    [50, 50, 50, 50, 50, 50],
    [100, 100, 100, 100, 100, 100],
    [100, 100, 100, 100, 100, 100],
    [2.5 * MONTH_SECONDS],
  );
  // With it: the first retarget after the exit falls in month 3 (at 2.5 months), so the jump is read in month 4.
  // The hashrate climbs back toward its target 95: month 5 at 94.5 is within 1 % of 95 (|94.5 − 95| = 0.5 ≤ 0.95).
  const withExit = projection([50, 50, 52, 80, 60, 55], [100, 100, 60, 75, 94.5, 95], [100, 100, 95, 95, 95, 95], [2.5 * MONTH_SECONDS]);
  const wave = exitWave({ exitSharePct: 40, exitMonth: 2 }, withExit, without)!;

  it('reads the jump in the first whole month after the retarget, against the month before the exit', () => {
    // 80 / 50 = 1.6 in month 4.
    expect(wave.jump).toEqual({ month: 4, ratio: 1.6 });
  });

  it('reads the recovery when the hashrate is within 1 % of its target, and the kept gain then', () => {
    // Month 3: |60 − 95| = 35 > 0.95; month 4: 20 > 0.95; month 5: 0.5 ≤ 0.95 → 94.5 / 100.
    expect(wave.recovery).toEqual({ month: 5, ratio: 0.945 });
    // Hashprice 60 in month 5 against 50 without the exit: 1.2.
    expect(wave.keptGain).toEqual({ month: 5, ratio: 1.2 });
  });

  it('says the hashrate settles, rather than recovers, when it never rose above what the exit left', () => {
    // 40 % left 60; month 3 at 59.5 is within 1 % of its target 60 (0.5 ≤ 0.6): 59.5 / 100 < 0.6 + 0.005.
    const settled = projection([50, 50, 52, 80, 60, 55], [100, 100, 59.5, 59, 58, 57], [100, 100, 60, 60, 60, 60], [2.5 * MONTH_SECONDS]);
    const w = exitWave({ exitSharePct: 40, exitMonth: 2 }, settled, without)!;
    expect(w.recovery).toEqual({ month: 3, ratio: 0.595 });
    expect(exitWaveSentence(w)).toMatch(/; the hashrate settles at 60 % of its old level by month 3 and the survivors keep a 4 % gain\.$/);
  });

  it('says them in words', () => {
    expect(exitWaveSentence(wave)).toBe(
      'After 40 % of the hashrate leaves at the end of month 2, the miners who stay earn 60 % more per PH/s after the next retarget; ' +
        'as others plug in, the hashrate recovers to 95 % of its old level by month 5 and the survivors keep a 20 % gain.',
    );
  });

  it('says when the horizon ends before a figure is reached', () => {
    // No target (the network's response off): no recovery; a retarget in the last month: no jump.
    const late = projection([50, 50, 50, 50], [100, 100, 60, 60], [null, null, null, null], [3.5 * MONTH_SECONDS]);
    const flat = projection([50, 50, 50, 50], [100, 100, 100, 100], [null, null, null, null], [3.5 * MONTH_SECONDS]);
    const w = exitWave({ exitSharePct: 40, exitMonth: 2 }, late, flat)!;
    expect(w).toMatchObject({ jump: null, recovery: null, keptGain: null });
    expect(exitWaveSentence(w)).toBe(
      'After 40 % of the hashrate leaves at the end of month 2, no retarget follows within the horizon, so the miners who stay earn no more per PH/s ' +
        'before it ends; the hashrate does not come back to within 1 % of its target within the horizon.',
    );
  });

  it('is null without an exit wave', () => {
    expect(exitWave({ exitSharePct: 0, exitMonth: 2 }, withExit, without)).toBeNull();
    expect(exitWave({ exitSharePct: 40, exitMonth: 6 }, withExit, without)).toBeNull();
  });

  it('measures an exit at t0 against the first month without it', () => {
    const w = exitWave({ exitSharePct: 40, exitMonth: 0 }, withExit, without)!;
    // The first retarget after t0 is at 2.5 months → month 4: 80 / 50.
    expect(w.jump).toEqual({ month: 4, ratio: 1.6 });
    expect(exitWaveSentence(w)).toMatch(/^After 40 % of the hashrate leaves at the start, /);
  });
});

describe('the exit wave of the kernel’s projections', () => {
  const model = createNodeModel();
  const run = (over: Partial<ModelInputs>) => {
    const s = { ...defaultInputs(), horizonYears: 8, ...over };
    return exitWave(s, model.project(s), model.project({ ...s, exitSharePct: 0 }));
  };

  it('a larger exit gives the survivors a larger jump, and the hashrate recovers with the response on', () => {
    const small = run({ exitSharePct: 10, exitMonth: 6 })!;
    const large = run({ exitSharePct: 30, exitMonth: 6 })!;
    expect(small.jump!.ratio).toBeGreaterThan(1);
    expect(large.jump!.ratio).toBeGreaterThan(small.jump!.ratio);
    // The first retarget after the end of month 6 falls in month 7 or 8 (an epoch is about half a month).
    expect(large.jump!.month).toBeGreaterThanOrEqual(8);
    expect(large.jump!.month).toBeLessThanOrEqual(9);
    expect(large.recovery).not.toBeNull();
    expect(large.recovery!.month).toBeGreaterThan(6);
  });

  it('with the network’s response off, the hashrate never recovers', () => {
    const w = run({ exitSharePct: 30, exitMonth: 6, networkResponsePctPerMonth: 0 })!;
    expect(w.jump!.ratio).toBeGreaterThan(1);
    expect(w.recovery).toBeNull();
    expect(w.keptGain).toBeNull();
  });
});
