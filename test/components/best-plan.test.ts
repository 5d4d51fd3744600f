/**
 * The best plan in words (src/components/best-plan.ts): a plan that waits, one that pivots now, and
 * one that keeps mining, with the figures of hand-made plans; and the best pivot among the shares
 * above 0.
 */
import { describe, expect, it } from 'vitest';
import type { BestPlan } from '../../src/model/best.ts';
import { bestPivot, planSentence, signedMoney } from '../../src/components/best-plan.ts';

const plan = (p: Partial<BestPlan>): BestPlan => ({
  pivotSharePct: 60,
  pivotStartMonth: 18,
  npvPivot: 80e6,
  delta: 31e6,
  deltaNow: 22e6,
  valueOfWaiting: 9e6,
  ...p,
});

describe('planSentence', () => {
  it('says what waiting is worth: Δ at the plan less the best Δ of pivoting now', () => {
    expect(planSentence(plan({}))).toBe(
      'Pivot 60 % of the site in month 18: Δ +$31M; pivoting now instead gives +$22M, so waiting is worth $9M.',
    );
  });

  it('names the whole site at 100 % and a negative Δ now with a minus sign', () => {
    // 134.6M − (−4.25M) = 138.85M of waiting, printed to 3 significant digits.
    const p = plan({ pivotSharePct: 100, pivotStartMonth: 20, delta: 134.6e6, deltaNow: -4.25e6, valueOfWaiting: 138.85e6 });
    expect(planSentence(p)).toBe(
      'Pivot the whole site in month 20: Δ +$135M; pivoting now instead gives −$4.25M, so waiting is worth $139M.',
    );
  });

  it('says "now" when the best plan starts at month 0', () => {
    const p = plan({ pivotSharePct: 100, pivotStartMonth: 0, delta: 467e6, deltaNow: 467e6, valueOfWaiting: 0 });
    expect(planSentence(p)).toBe('Pivot the whole site now: Δ +$467M; waiting for a later month is worth nothing on this map.');
  });

  it('says to keep mining when the best share is 0, and what the best pivot would cost', () => {
    const p = plan({ pivotSharePct: 0, pivotStartMonth: 0, delta: 0, deltaNow: 0, valueOfWaiting: 0 });
    expect(planSentence(p)).toBe('Keep mining the whole site: no pivot on this map raises the NPV (Δ $0).');
    const pivot = plan({ pivotSharePct: 5, pivotStartMonth: 60, delta: -1.2e6 });
    expect(planSentence(p, pivot)).toBe(
      'Keep mining the whole site: no pivot on this map raises the NPV (Δ $0). The best pivot, 5 % of the site in month 60, would give Δ −$1.2M.',
    );
  });
});

describe('signedMoney', () => {
  it('puts + on gains, − on losses and nothing on 0', () => {
    expect([signedMoney(31e6), signedMoney(-950e3), signedMoney(0), signedMoney(0.001)]).toEqual(['+$31M', '−$950k', '$0', '+$0.001']);
  });
});

describe('bestPivot', () => {
  it('is the best cell among the shares above 0, by the same rule', () => {
    // shares 0, 50, 100 × starts 0, 12; mining's NPV 10, so share 0 (Δ 0) is the best plan overall,
    // and among the others the best NPV is 9 at share 50, start 12 (Δ −1); now, the best Δ is −2.
    const npvPivot = [10, 8, 7, 10, 9, 5];
    const grid = { shares: [0, 50, 100], starts: [0, 12], npvPivot, delta: npvPivot.map((v) => v - 10) };
    expect(bestPivot(grid)).toEqual({ pivotSharePct: 50, pivotStartMonth: 12, npvPivot: 9, delta: -1, deltaNow: -2, valueOfWaiting: 1 });
  });

  it('is null when no share above 0 was searched', () => {
    expect(bestPivot({ shares: [0], starts: [0, 1], npvPivot: [1, 2], delta: [0, 0] })).toBeNull();
  });
});
