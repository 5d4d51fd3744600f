// `best`: the plan (pivot share × start month) with the highest NPV of the pivot path, checked by
// brute force against `evaluate`'s figures over the same grid; its ranges and their messages.
import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/kernel/facade.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import type { ModelInputs } from '../../src/model/keys.ts';
import { findPreset, presetScenario } from '../../src/model/presets.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateWithOverrides } from '../../src/model/scenario/set.ts';
import { runCli as cli, type CliRun } from '../helpers/cli.ts';
import { PRESETS_V1 } from '../helpers/presets-v1.ts';

const model = createModel(loadKernelSync());
const FIELDS = ['pivotSharePct', 'pivotStartMonth', 'npvPivot', 'delta', 'deltaNow', 'valueOfWaiting'];
// The low-cost miner as written for version 1 (the network growing 1 %/month, one discount rate, no
// paths): cheap to search by brute force, and a case where waiting pays.
const LOW_COST_V1 = PRESETS_V1['low-cost-miner-abroad'];
const LOW_COST_TEXT = JSON.stringify(LOW_COST_V1);

const inputsOf = (raw: unknown, sets: string[] = []): ModelInputs => {
  const r = validateWithOverrides(raw, sets);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return resolveInputs(r.scenario);
};

/** n values from min to max, evenly spaced, whole numbers rounded (as a sweep's axis). */
const range = (min: number, max: number, n: number, whole = false) =>
  Array.from({ length: n }, (_, i) => {
    const v = i === n - 1 ? max : min + (i / (n - 1)) * (max - min);
    return whole ? Math.round(v) : v;
  });

/**
 * The best plan by brute force: evaluate every cell, keep the highest NPV of the pivot path
 * (strictly higher wins, so with shares and starts ascending a tie keeps the smaller share, then
 * the earlier start — the loop runs shares outermost); deltaNow the largest Δ at start 0.
 */
function bruteForce(inputs: ModelInputs, shares: number[], starts: number[]) {
  let best = { pivotSharePct: NaN, pivotStartMonth: NaN, npvPivot: -Infinity, delta: NaN };
  for (const s of shares) {
    for (const m of starts) {
      const e = model.evaluate({ ...inputs, pivotSharePct: s, pivotStartMonth: m });
      if (e.npv.pivot > best.npvPivot) best = { pivotSharePct: s, pivotStartMonth: m, npvPivot: e.npv.pivot, delta: e.delta };
    }
  }
  const deltaNow = Math.max(...shares.map((s) => model.evaluate({ ...inputs, pivotSharePct: s, pivotStartMonth: 0 }).delta));
  return { ...best, deltaNow, valueOfWaiting: best.delta - deltaNow };
}

function expectPlan(run: CliRun, expected: ReturnType<typeof bruteForce>) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout) as Record<string, number>;
  expect(Object.keys(out)).toEqual(FIELDS);
  expect([out.pivotSharePct, out.pivotStartMonth]).toEqual([expected.pivotSharePct, expected.pivotStartMonth]);
  for (const f of ['npvPivot', 'delta', 'deltaNow', 'valueOfWaiting'] as const) {
    expect(Math.abs(out[f] - expected[f]), f).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected.npvPivot)));
  }
  expect(out.valueOfWaiting).toBe(out.delta - out.deltaNow);
  return out;
}

/** Exit 2, every line of stderr non-empty, and no stack trace. */
function expectFailure(run: CliRun, ...fragments: string[]) {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/^\s+at /m);
  for (const f of fragments) expect(run.stderr).toContain(f);
}

describe('best', () => {
  it('on the default grid (shares every 5 %, starts 0–60) finds what evaluate finds cell by cell', async () => {
    // A low-cost miner does best to mine on and convert the whole site later: waiting is worth something.
    const expected = bruteForce(inputsOf(LOW_COST_V1), range(0, 100, 21), range(0, 60, 61, true));
    const out = expectPlan(await cli(['best', '-'], LOW_COST_TEXT), expected);
    expect(out.pivotSharePct).toBe(100);
    expect(out.pivotStartMonth).toBeGreaterThan(0);
    expect(out.valueOfWaiting).toBeGreaterThan(0);
  });

  it('a responding network with version-2 keys and a volatility: the search stays deterministic', async () => {
    const sets = [
      'networkResponsePctPerMonth=30',
      'efficiencyGainPctPerYear=10',
      'hashrateGrowthPctPerMonth=0',
      'mothballOpexPct=30',
      'asicResalePct=20',
      'renewalPct=70',
      'discountRatePivotPct=8',
      'exitMultipleMine=4',
      'exitMultiplePivot=10',
      'btcVolatilityPctPerYear=50',
      'monteCarloPaths=50',
    ];
    const args = ['best', '-', '--share', '0:100:11', '--start', '0:36:13', ...sets.flatMap((s) => ['--set', s])];
    const run = await cli(args, '{"version": 1}');
    expectPlan(run, bruteForce(inputsOf({ version: 1 }, sets), range(0, 100, 11), range(0, 36, 13, true)));
    // σ plays no part: the same plan and figures as with σ = 0.
    expect((await cli([...args, '--set', 'btcVolatilityPctPerYear=0'], '{"version": 1}')).stdout).toBe(run.stdout);
  });

  it('a pivot that never pays: share 0 (Δ = 0 at every start), the tie going to start 0', async () => {
    const inputs = inputsOf({ version: 1 });
    const expected = bruteForce(inputs, range(0, 100, 21), range(0, 60, 61, true));
    const out = expectPlan(await cli(['best', '-'], '{"version": 1}'), expected);
    expect(out).toMatchObject({ pivotSharePct: 0, pivotStartMonth: 0, delta: 0, deltaNow: 0, valueOfWaiting: 0 });
  });

  it('a single share, starts that leave out month 0 (deltaNow still pivots at once), and CSV', async () => {
    const inputs = inputsOf(LOW_COST_V1);
    const one = await cli(['best', '-', '--share', '50:50:1'], LOW_COST_TEXT);
    expectPlan(one, bruteForce(inputs, [50], range(0, 60, 61, true)));

    const later = await cli(['best', '-', '--share', '0:100:3', '--start', '12:48:10'], LOW_COST_TEXT);
    const starts = range(12, 48, 10, true);
    expect(starts).toEqual([12, 16, 20, 24, 28, 32, 36, 40, 44, 48]);
    expectPlan(later, bruteForce(inputs, [0, 50, 100], starts));

    const csv = await cli(['best', '-', '--share', '0:100:3', '--start', '12:48:10', '--format', 'csv'], LOW_COST_TEXT);
    const [header, row, ...rest] = csv.stdout.trimEnd().split('\n');
    expect(header).toBe(FIELDS.join(','));
    expect(row).toBe(FIELDS.map((f) => String(JSON.parse(later.stdout)[f])).join(','));
    expect(rest).toEqual([]);
  });

  it('--preset NAME searches the preset’s scenario file, as that file on stdin does', async () => {
    const preset = findPreset('low-cost-miner-abroad')!;
    expect(preset.version).toBe(2);
    const grid = ['--share', '0:100:3', '--start', '0:12:4'];
    const run = await cli(['best', '--preset', preset.name, ...grid]);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toBe((await cli(['best', '-', ...grid], JSON.stringify(presetScenario(preset)))).stdout);
    expectPlan(run, bruteForce(inputsOf(presetScenario(preset)), [0, 50, 100], [0, 4, 8, 12]));
  });

  it('a horizon shorter than 61 months searches every month it has', async () => {
    const short = inputsOf(LOW_COST_V1, ['horizonYears=2']);
    const run = await cli(['best', '-', '--set', 'horizonYears=2'], LOW_COST_TEXT);
    expectPlan(run, bruteForce(short, range(0, 100, 21), range(0, 23, 24, true)));
    expectFailure(
      await cli(['best', '-', '--set', 'horizonYears=2', '--start', '0:24:25'], LOW_COST_TEXT),
      '--start: MAX must be a whole month from 0 to 23',
    );
  });

  it('rejects bad ranges, naming the option and the allowed range (exit 2)', async () => {
    const best = (...args: string[]) => cli(['best', '-', ...args], '{"version": 1}');
    expectFailure(await best('--share', '0:150:5'), '--share: MAX must be a number from 0 to 100 %, got 150');
    expectFailure(await best('--share=-10:50:5'), '--share: MIN must be a number from 0 to 100 %, got -10');
    expectFailure(await best('--share', '0:100'), '--share: expected MIN:MAX:N, got "0:100"');
    expectFailure(await best('--share', '0:100:x'), '--share: expected MIN:MAX:N');
    expectFailure(await best('--share', '0:100:0'), '--share: N must be a whole number from 1 to 2048, got 0');
    expectFailure(await best('--share', '0:100:1'), '--share: N is 1 exactly when MIN equals MAX');
    expectFailure(await best('--start', '0:120:5'), "--start: MAX must be a whole month from 0 to 119 (the horizon's months − 1), got 120");
    expectFailure(await best('--start', '0:10.5:3'), '--start: MAX must be a whole month from 0 to 119');
    expectFailure(await best('--start', '0:10:12'), '--start: N must be a whole number from 1 to 11 (one a month from 0 to 10), got 12');
    // Every problem at once, with the scenario's.
    const all = await cli(['best', '-', '--share', '0:150:5', '--start', '5:1:2', '--format', 'xml'], '{"version": 1}');
    expectFailure(all, '--format: expected json or csv', '--share: MAX', '--start: MIN must not exceed MAX');
    expectFailure(await cli(['best', '-', '--share', '0:150:5'], '{"version": 1, "siteMw": -5}'), 'siteMw: expected', '--share: MAX');
    expectFailure(await cli(['best', '--preset', 'nope']), '--preset: unknown preset "nope"');
  });

  it('--help names the options, the fields and the defaults', async () => {
    const run = await cli(['best', '--help']);
    expect(run.status).toBe(0);
    for (const text of ['--share MIN:MAX:N', '--start MIN:MAX:N', '0:100:21', 'min(60, horizon months - 1)', ...FIELDS])
      expect(run.stdout).toContain(text);
  });
});
