/**
 * Two saved scenarios side by side (src/state/compare.svelte.ts): the keys where they differ, what
 * each comes to and B − A; the comparison's choice of sides, its states and its errors. Saved
 * scenarios are in fake-indexeddb; evaluations come from a fake pool on the Node kernel.
 */
import 'fake-indexeddb/auto';
import { clear, createStore } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../src/charts/format.ts';
import { defaultInputs } from '../../src/model/registry/index.ts';
import type { Evaluation } from '../../src/model/results.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { Comparison, columnNames, diffScenarios, resultRows, timingRows } from '../../src/state/compare.svelte.ts';
import { DB_NAME, STORE_NAME, saveScenario } from '../../src/state/store.ts';
import { FakePool } from '../helpers/fake-pool.ts';

const idb = createStore(DB_NAME, STORE_NAME);

beforeEach(async () => {
  await clear(idb);
});

describe('diffScenarios', () => {
  it('lists the keys whose resolved values differ, with labels, in registry order', () => {
    const rows = diffScenarios({ version: 1, siteMw: 50, name: 'A', notes: 'x' }, { version: 1, siteMw: 80, uptimePct: 90, name: 'B' });
    expect(rows.map((r) => r.key)).toEqual(['siteMw', 'uptimePct']);
    expect(rows[0]).toEqual({ key: 'siteMw', label: expect.any(String), a: '50 MW', b: '80 MW' });
    expect(rows[1]!.a).not.toBe(rows[1]!.b);
  });

  it('compares a key left out with the same key at its default as equal', () => {
    expect(diffScenarios({ version: 1 }, { version: 1, siteMw: defaultInputs().siteMw })).toEqual([]);
  });

  it('shows derived keys as the model sees them: the hashrate follows the start difficulty', () => {
    const keys = diffScenarios({ version: 1 }, { version: 1, startDifficulty: 100e12 }).map((r) => r.key);
    expect(keys).toContain('startDifficulty');
    expect(keys).toContain('hashrateEhs');
  });

  it('prints both values in full where the short forms would print alike', () => {
    const [row] = diffScenarios({ version: 1, siteMw: 100.0001 }, { version: 1, siteMw: 100.0002 });
    expect(row).toMatchObject({ a: '100.0001', b: '100.0002' });
  });
});

describe('resultRows', () => {
  const evaluation = (mine: number, pivot: number, lease: number | null): Evaluation =>
    ({ npv: { mine, pivot }, delta: pivot - mine, breakeven: { leaseRate: lease, btcPrice: null } }) as unknown as Evaluation;

  it('gives NPVs, Δ and the breakevens of both, and B − A with its sign', () => {
    const rows = resultRows(evaluation(10e6, 12e6, 100), evaluation(11e6, 15e6, null));
    expect(rows.map((r) => r.key)).toEqual(['npvMine', 'npvPivot', 'delta', 'breakevenLeaseRate', 'breakevenBtcPrice']);
    expect(rows[0]).toMatchObject({ a: money(10e6), b: money(11e6), diff: `+${money(1e6)}` });
    expect(rows[2]).toMatchObject({ a: money(2e6), b: money(4e6), diff: `+${money(2e6)}` });
    // None on one side: no difference.
    expect(rows[3]).toMatchObject({ b: 'none', diff: '—' });
    expect(rows[4]).toMatchObject({ a: 'none', b: 'none', diff: '—' });
  });

  it('puts no sign on no difference, and a minus on a negative one', () => {
    const rows = resultRows(evaluation(10e6, 12e6, 100), evaluation(10e6, 11e6, 100));
    expect(rows[0]!.diff).toBe(money(0));
    expect(rows[3]!.diff.startsWith('+')).toBe(false);
    expect(rows[1]!.diff).toBe(money(-1e6));
    expect(rows[1]!.diff.startsWith('−')).toBe(true);
  });
});

describe('timingRows and columnNames', () => {
  const ev = (irr: number | null, payback: number | null, discounted: number | null): Evaluation =>
    ({ irr, paybackMonth: payback, discountedPaybackMonth: discounted }) as unknown as Evaluation;

  it('gives IRR and both paybacks, and B − A in percentage points and months', () => {
    const rows = timingRows(ev(0.085, 40, null), ev(0.1, 37, 52));
    expect(rows.map((r) => r.key)).toEqual(['irr', 'paybackMonth', 'discountedPaybackMonth']);
    // 10 % − 8.5 % = 1.5 points a year; 37 − 40 = −3 months.
    expect(rows[0]).toMatchObject({ a: '8.5 %/yr', b: '10 %/yr', diff: '+1.5 %/yr' });
    expect(rows[1]).toMatchObject({ a: 'month 40', b: 'month 37', diff: '−3 months' });
    expect(rows[2]).toMatchObject({ a: 'none', b: 'month 52', diff: '—' });
  });

  it('names each side once, telling two of the same name apart', () => {
    expect(columnNames(['A', 'B2'])).toEqual(['A', 'B2']);
    expect(columnNames(['Base', 'Base'])).toEqual(['Base (A)', 'Base (B)']);
    expect(columnNames(['', ''])).toEqual(['Untitled (A)', 'Untitled (B)']);
  });
});

describe('Comparison', () => {
  async function saved(name: string, scenario: Record<string, unknown>) {
    return (await saveScenario({ name, scenario: { version: 1, ...scenario } })).id;
  }

  it('waits for both sides, then shows the names, the differing keys and both results', async () => {
    const fake = new FakePool();
    const c = new Comparison(fake.pool);
    const a = await saved('Small', { siteMw: 50 });
    const b = await saved('Large', { siteMw: 200 });
    await c.choose('a', a);
    expect(c.state).toBe('idle');
    expect(fake.calls).toEqual([]);
    const done = c.choose('b', b);
    expect(c.state).toBe('running');
    await done;
    expect(c.state).toBe('done');
    expect(c.names).toEqual(['Small', 'Large']);
    expect(c.diff.map((r) => r.key)).toEqual(['siteMw']);
    const ea = fake.model.evaluate(resolveInputs({ version: 1, siteMw: 50 }));
    const eb = fake.model.evaluate(resolveInputs({ version: 1, siteMw: 200 }));
    expect(c.results).toEqual(resultRows(ea, eb));
    expect(c.error).toBe('');
  });

  it('a newer choice wins over a slower earlier one', async () => {
    const fake = new FakePool();
    const c = new Comparison(fake.pool);
    const a = await saved('A', { siteMw: 50 });
    const b = await saved('B', { siteMw: 60 });
    const b2 = await saved('B2', { siteMw: 70 });
    await c.choose('a', a);
    let open!: () => void;
    fake.gate = new Promise((r) => (open = r));
    const first = c.choose('b', b);
    // The first pair is in the pool, held there, before the second choice is made.
    await expect.poll(() => fake.calls.length).toBe(2);
    fake.gate = undefined;
    const second = c.choose('b', b2);
    await second;
    expect(c.names).toEqual(['A', 'B2']);
    open();
    await first;
    expect(c.names).toEqual(['A', 'B2']);
    expect(c.diff[0]).toMatchObject({ key: 'siteMw', b: '70 MW' });
  });

  it('says when a side cannot be read, and when the pool fails', async () => {
    const fake = new FakePool();
    const c = new Comparison(fake.pool);
    const a = await saved('A', {});
    await c.choose('a', a);
    await c.choose('b', 'deleted-meanwhile');
    expect(c.state).toBe('error');
    expect(c.error).toMatch(/cannot be read/);
    const b = await saved('B', { siteMw: 20 });
    fake.failNext = new Error('kernel worker failed: out of memory');
    await c.choose('b', b);
    expect(c.state).toBe('error');
    expect(c.error).toBe('kernel worker failed: out of memory');
    await c.choose('b', b);
    expect(c.state).toBe('done');
    expect(c.error).toBe('');
  });

  it('goes back to idle when a side is cleared', async () => {
    const c = new Comparison(new FakePool().pool);
    await c.choose('a', await saved('A', {}));
    await c.choose('b', await saved('B', { siteMw: 20 }));
    expect(c.state).toBe('done');
    await c.choose('a', '');
    expect(c.state).toBe('idle');
  });
});
