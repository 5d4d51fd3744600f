// The command line's version-2 outputs: the new month fields of `project` (JSON and CSV, null as
// an empty field), `evaluate`'s monteCarlo and monthsP, the new sweep metrics, and no NaN or
// Infinity from extreme inputs. In process through main(argv, io).
import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/kernel/facade.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import type { ModelInputs } from '../../src/model/keys.ts';
import { MONTH_FIELDS } from '../../src/model/results.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateWithOverrides } from '../../src/model/scenario/set.ts';
import { METRICS } from '../../src/model/sweep.ts';
import { runCli as cli, type CliRun } from '../helpers/cli.ts';
import { PUBLIC_MONTH_FIELDS } from '../helpers/public.ts';

const model = createModel(loadKernelSync());
// The five that version 2 adds: the public list's last five.
const NEW_MONTH_FIELDS = PUBLIC_MONTH_FIELDS.slice(-5);
const MONTE_CARLO_KEYS = ['paths', 'seed', 'probPivotWins', 'deltaMean', 'deltaP5', 'deltaP50', 'deltaP95', 'npvMeanMine', 'npvMeanPivot'];
const NEW_METRICS = [
  'attackHardware',
  'attackPowerPerHour',
  'attackRewardPerHour',
  'probPivotWins',
  'deltaMean',
  'deltaP5',
  'deltaP50',
  'deltaP95',
];

const inputsOf = (sets: string[]): ModelInputs => {
  const r = validateWithOverrides({ version: 1 }, sets);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return resolveInputs(r.scenario);
};
const setArgs = (sets: string[]) => sets.flatMap((s) => ['--set', s]);
/** A command on `{"version": 1}` with `sets`. */
const run = (args: string[], sets: string[] = []) => cli([args[0], '-', ...args.slice(1), ...setArgs(sets)], '{"version": 1}');

function ok(r: CliRun): string {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Every number in a JSON value, with its path; nulls listed apart. */
function leaves(value: unknown, path = '', out: { numbers: [string, number][]; nulls: string[] } = { numbers: [], nulls: [] }) {
  if (value === null) out.nulls.push(path);
  else if (typeof value === 'number') out.numbers.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  return out;
}

const RESPONSE = ['networkResponsePctPerMonth=30', 'hashrateGrowthPctPerMonth=0', 'efficiencyGainPctPerYear=10', 'horizonYears=4'];
const VOLATILE = ['btcVolatilityPctPerYear=50', 'monteCarloPaths=200', 'monteCarloSeed=7', 'horizonYears=3'];

describe('project: the version-2 month fields', () => {
  it('with no network response: the attack figures in every month, the target and hashcost null (empty in CSV)', async () => {
    const out = JSON.parse(ok(await run(['project'])));
    expect(Object.keys(out.months[0])).toEqual([...MONTH_FIELDS]);
    expect(out.months).toEqual(model.project(inputsOf([])).months);
    for (const m of out.months) {
      expect(Object.keys(m)).toEqual([...MONTH_FIELDS]);
      for (const f of ['attackHardwareUsd', 'attackPowerUsdPerHour', 'attackRewardUsdPerHour']) expect(m[f]).toBeGreaterThan(0);
      expect(m.attackRewardUsdPerHour).toBeCloseTo(m.securityBudgetUsdPerDay / 24, 6);
      expect(m.targetHashrateEhs).toBeNull();
      expect(m.marginalHashcostUsdPerPhDay).toBeNull();
    }
    const lines = ok(await run(['project', '--format', 'csv']))
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(MONTH_FIELDS.join(','));
    expect(lines).toHaveLength(1 + out.months.length);
    lines.slice(1).forEach((line, i) => {
      const fields = line.split(',');
      expect(fields).toHaveLength(MONTH_FIELDS.length);
      // null → empty field, the last two; the rest as JavaScript prints them.
      expect(fields.slice(-2)).toEqual(['', '']);
      expect(fields.slice(0, -2)).toEqual(MONTH_FIELDS.slice(0, -2).map((f) => String(out.months[i][f])));
    });
  });

  it('with the network responding: every field a number, in JSON and CSV', async () => {
    const out = JSON.parse(ok(await run(['project'], RESPONSE)));
    expect(out.months).toEqual(model.project(inputsOf(RESPONSE)).months);
    expect(out.months).toHaveLength(48);
    for (const m of out.months) for (const f of MONTH_FIELDS) expect(Number.isFinite(m[f]), `${f} of month ${m.month}`).toBe(true);
    // The network starts near its target (the hashcost default is the start state's hashprice).
    expect(out.months[0].targetHashrateEhs).toBeGreaterThan(0);
    expect(out.months[0].marginalHashcostUsdPerPhDay).toBeGreaterThan(0);
    const lines = ok(await run(['project', '--format', 'csv'], RESPONSE))
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(MONTH_FIELDS.join(','));
    lines.slice(1).forEach((line, i) => {
      expect(line.split(',').map(Number)).toEqual(MONTH_FIELDS.map((f) => out.months[i][f]));
    });
  });
});

describe('evaluate: monteCarlo and monthsP', () => {
  it('are null with no volatility; npv and delta unchanged by them', async () => {
    const out = JSON.parse(ok(await run(['evaluate'])));
    expect(out.monteCarlo).toBeNull();
    expect(out.monthsP).toBeNull();
    expect(Object.keys(out).slice(-2)).toEqual(['monteCarlo', 'monthsP']);
  });

  it('with a volatility: every field, in order, probPivotWins in [0, 1], P5 ≤ P50 ≤ P95, the same run to run', async () => {
    // A lease rate near the breakeven, so that some paths win and some lose.
    const breakeven = model.evaluate(inputsOf(VOLATILE)).breakeven.leaseRate!;
    const sets = [...VOLATILE, `leaseUsdPerKwMonth=${Math.round(breakeven)}`];
    const text = ok(await run(['evaluate'], sets));
    const out = JSON.parse(text);
    expect(Object.keys(out.monteCarlo)).toEqual(MONTE_CARLO_KEYS);
    expect(out).toEqual(JSON.parse(JSON.stringify(model.evaluate(inputsOf(sets)))));
    const mc = out.monteCarlo;
    expect([mc.paths, mc.seed]).toEqual([200, 7]);
    expect(mc.probPivotWins).toBeGreaterThan(0);
    expect(mc.probPivotWins).toBeLessThan(1);
    expect(mc.deltaP5).toBeLessThanOrEqual(mc.deltaP50);
    expect(mc.deltaP50).toBeLessThanOrEqual(mc.deltaP95);
    expect(mc.deltaMean).toBeCloseTo(mc.npvMeanPivot - mc.npvMeanMine, 3);
    // The deterministic figures stay those of σ = 0.
    const flat = JSON.parse(
      ok(await run(['evaluate'], [...sets.filter((s) => !s.startsWith('btcVolatilityPctPerYear=')), 'btcVolatilityPctPerYear=0'])),
    );
    expect([out.npv, out.delta, out.breakeven, out.irr]).toEqual([flat.npv, flat.delta, flat.breakeven, flat.irr]);

    expect(Object.keys(out.monthsP)).toEqual(['btcPriceUsd', 'hashpriceUsdPerPhDay', 'hashrateEhs']);
    for (const field of Object.values(out.monthsP) as { p5: number[]; p50: number[]; p95: number[] }[]) {
      expect(Object.keys(field)).toEqual(['p5', 'p50', 'p95']);
      for (const q of [field.p5, field.p50, field.p95]) expect(q).toHaveLength(36);
      field.p5.forEach((p5, m) => {
        expect(p5).toBeLessThanOrEqual(field.p50[m]);
        expect(field.p50[m]).toBeLessThanOrEqual(field.p95[m]);
      });
    }
    // The price spreads out with time.
    const price = out.monthsP.btcPriceUsd;
    expect(price.p95[35] - price.p5[35]).toBeGreaterThan(price.p95[0] - price.p5[0]);
    expect(ok(await run(['evaluate'], sets))).toBe(text);
    // --format csv stays the monthly cash flows.
    expect(ok(await run(['evaluate', '--format', 'csv'], sets)).split('\n')[0]).toBe('month,mine,pivot,delta');
  });
});

describe('sweep: the version-2 metrics', () => {
  it('--help lists every metric and says which take --month', async () => {
    const help = ok(await cli(['sweep', '--help']));
    for (const metric of METRICS) expect(help).toContain(metric);
    expect(help).toMatch(/hashprice, securityBudget, attackHardware, attackPowerPerHour, attackRewardPerHour are\s+those\s+of\s+month M/);
  });

  it('the attack metrics are those of project at --month, cell by cell', async () => {
    const fields = {
      attackHardware: 'attackHardwareUsd',
      attackPowerPerHour: 'attackPowerUsdPerHour',
      attackRewardPerHour: 'attackRewardUsdPerHour',
    } as const;
    for (const [metric, field] of Object.entries(fields)) {
      const args = [
        'sweep',
        '--x',
        'asicUsdPerTh:10:20:2',
        '--y',
        'btcPriceUsd:50000:100000:2',
        '--metric',
        metric,
        '--month',
        '5',
        '--format',
        'json',
      ];
      const out = JSON.parse(ok(await run(args, RESPONSE)));
      expect(out.metric).toBe(metric);
      const expected = [50000, 100000].flatMap((p) =>
        [10, 20].map((k) => model.project(inputsOf([...RESPONSE, `asicUsdPerTh=${k}`, `btcPriceUsd=${p}`])).months[4][field]),
      );
      out.values.forEach((v: number, i: number) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-9 * expected[i]));
      const csv = ok(await run([...args.slice(0, -2), '--format', 'csv'], RESPONSE));
      expect(csv.split('\n')[0]).toBe(`asicUsdPerTh,btcPriceUsd,${metric}`);
    }
    const bad = await run(
      ['sweep', '--x', 'asicUsdPerTh:10:20:2', '--y', 'btcPriceUsd:50000:100000:2', '--metric', 'attackHardware', '--month', '49'],
      RESPONSE,
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--month: must be a whole number in [1, 48]');
  });

  it('with the network responding, a key of its supply curve moves every cell as evaluate says', async () => {
    // efficiencyGainPctPerYear lowers the marginal hashcost: more hashrate, a lower hashprice.
    const sets = ['networkResponsePctPerMonth=30', 'hashrateGrowthPctPerMonth=0', 'horizonYears=4'];
    const args = ['sweep', '--x', 'efficiencyGainPctPerYear:0:20:2', '--y', 'siteMw:50:100:2', '--format', 'json'];
    const delta = JSON.parse(ok(await run([...args, '--metric', 'delta'], sets))).values as number[];
    const hashprice = JSON.parse(ok(await run([...args, '--metric', 'hashprice', '--month', '5'], sets))).values as number[];
    const cells = [50, 100].flatMap((mw) => [0, 20].map((e) => [...sets, `siteMw=${mw}`, `efficiencyGainPctPerYear=${e}`]));
    cells.forEach((cell, i) => {
      const want = model.evaluate(inputsOf(cell)).delta;
      expect(Math.abs(delta[i] - want), `delta, cell ${i}`).toBeLessThanOrEqual(1e-9 * Math.abs(want));
      const price = model.project(inputsOf(cell)).months[4].hashpriceUsdPerPhDay;
      expect(Math.abs(hashprice[i] - price), `hashprice, cell ${i}`).toBeLessThanOrEqual(1e-9 * price);
    });
  });

  it('the Monte Carlo metrics: the deterministic values with no volatility', async () => {
    const sweep = async (metric: string, sets: string[]) =>
      JSON.parse(
        ok(
          await run(
            ['sweep', '--x', 'leaseUsdPerKwMonth:60:400:3', '--y', 'pivotSharePct:50:100:2', '--metric', metric, '--format', 'json'],
            sets,
          ),
        ),
      ).values as number[];
    const sets: string[] = [];
    const delta = await sweep('delta', sets);
    expect(delta.some((d) => d > 0) && delta.some((d) => d < 0)).toBe(true);
    expect(await sweep('probPivotWins', sets)).toEqual(delta.map((d) => (d > 0 ? 1 : 0)));
    for (const metric of ['deltaMean', 'deltaP5', 'deltaP50', 'deltaP95']) expect(await sweep(metric, sets)).toEqual(delta);
  });

  it('the Monte Carlo metrics over paths: what evaluate reports for each cell', async () => {
    const breakeven = Math.round(model.evaluate(inputsOf(VOLATILE)).breakeven.leaseRate!);
    const leases = [breakeven - 40, breakeven, breakeven + 40];
    const args = ['sweep', '--x', `leaseUsdPerKwMonth:${leases[0]}:${leases[2]}:3`, '--y', 'siteMw:50:100:2', '--format', 'json'];
    const grids: Record<string, number[]> = {};
    for (const metric of NEW_METRICS.slice(3)) grids[metric] = JSON.parse(ok(await run([...args, '--metric', metric], VOLATILE))).values;
    const cells = [50, 100].flatMap((mw) =>
      leases.map((l) => model.evaluate(inputsOf([...VOLATILE, `siteMw=${mw}`, `leaseUsdPerKwMonth=${l}`])).monteCarlo!),
    );
    cells.forEach((mc, i) => {
      for (const metric of NEW_METRICS.slice(3)) {
        const want = mc[metric as keyof typeof mc];
        expect(Math.abs(grids[metric][i] - want), `${metric} cell ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }
      expect(grids.probPivotWins[i]).toBeGreaterThanOrEqual(0);
      expect(grids.probPivotWins[i]).toBeLessThanOrEqual(1);
      expect(grids.deltaP5[i]).toBeLessThanOrEqual(grids.deltaP50[i]);
      expect(grids.deltaP50[i]).toBeLessThanOrEqual(grids.deltaP95[i]);
    });
    // A higher lease rate never lowers the chance that the pivot wins.
    for (const row of [0, 3]) {
      const p = grids.probPivotWins.slice(row, row + 3);
      expect(p[0]).toBeLessThanOrEqual(p[1]);
      expect(p[1]).toBeLessThanOrEqual(p[2]);
    }
  });
});

describe('extreme inputs: no NaN or Infinity printed', () => {
  // The network answers at once (λ 100 %/month) to a 99 % exit, with every clamp wide open.
  const EXTREME = [
    'networkResponsePctPerMonth=100',
    'exitSharePct=99',
    'exitMonth=12',
    'netMaxGrowthPctPerMonth=100',
    'netMaxDeclinePctPerMonth=99',
    'hashSupplyElasticity=10',
    'btcVolatilityPctPerYear=300',
    'monteCarloPaths=50',
    'horizonYears=5',
  ];

  it.each([
    ['project', ['project']],
    ['project csv', ['project', '--format', 'csv']],
    ['evaluate', ['evaluate']],
    ['evaluate csv', ['evaluate', '--format', 'csv']],
    ['best', ['best', '--share', '0:100:3', '--start', '0:24:5']],
    ...NEW_METRICS.map((m) => [
      `sweep ${m}`,
      ['sweep', '--x', 'exitSharePct:0:99:3', '--y', 'networkResponsePctPerMonth:0:100:2', '--metric', m, '--month', '13'],
    ]),
    ...NEW_METRICS.map((m) => [
      `sweep ${m} json`,
      [
        'sweep',
        '--x',
        'exitSharePct:0:99:3',
        '--y',
        'networkResponsePctPerMonth:0:100:2',
        '--metric',
        m,
        '--month',
        '13',
        '--format',
        'json',
      ],
    ]),
  ] as [string, string[]][])('%s', async (_, args) => {
    const text = ok(await run(args, EXTREME));
    expect(text).not.toMatch(/NaN|Infinity/);
    if (args.includes('csv') || (args[0] === 'sweep' && !args.includes('json'))) {
      // Every field a number, except the target and the hashcost where the network does not respond.
      const [header, ...rows] = text.trimEnd().split('\n');
      const names = header.split(',');
      for (const row of rows) {
        row.split(',').forEach((field, i) => {
          if (field === '') expect(['targetHashrateEhs', 'marginalHashcostUsdPerPhDay'], `empty ${names[i]}`).toContain(names[i]);
          else expect(Number.isFinite(Number(field)), `${names[i]} = ${field}`).toBe(true);
        });
      }
      return;
    }
    const { nulls } = leaves(JSON.parse(text));
    // Where a figure may be none: the breakevens, IRR and paybacks (evaluate), a sweep cell of those.
    for (const path of nulls) expect(path).toMatch(/^(breakeven\.(leaseRate|btcPrice)|irr|paybackMonth|discountedPaybackMonth)$/);
  });

  it('project in the extreme: the hashrate falls at the exit, and the network climbs back toward its target', async () => {
    const months = JSON.parse(ok(await run(['project'], EXTREME))).months;
    expect(months[12].hashrateEhs).toBeLessThan(0.05 * months[11].hashrateEhs);
    expect(months[59].hashrateEhs).toBeGreaterThan(months[12].hashrateEhs);
    for (const m of months) for (const f of NEW_MONTH_FIELDS) expect(Number.isFinite(m[f])).toBe(true);
  });
});
