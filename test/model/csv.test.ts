/**
 * CSV of results (src/model/csv.ts): the CLI's headers exactly, the download's with units, x
 * varying fastest, empty fields for none.
 */
import { describe, expect, it } from 'vitest';
import { MONTH_FIELDS, type Evaluation, type Projection } from '../../src/model/results.ts';
import { cashFlowsCsv, csvField, monthlyCsv, projectionCsv, sweepCsv, toCsv } from '../../src/model/csv.ts';
import type { SweepSpec } from '../../src/model/sweep.ts';
import { runCli } from '../helpers/cli.ts';
import { PUBLIC_MONTH_FIELDS } from '../helpers/public.ts';

const spec: SweepSpec = {
  x: { key: 'leaseUsdPerKwMonth', min: 100, max: 200, n: 3, log: false },
  y: { key: 'startDifficulty', min: 1e14, max: 2e14, n: 2, log: false },
  metric: 'irr',
  month: 1,
};

/** A row-by-row parse of simple CSV (no quoted commas), enough for these files. */
function rows(text: string): string[][] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
}

describe('fields', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    [NaN, ''],
    [Infinity, ''],
    [-Infinity, ''],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e21, '1e+21'],
    [-0, '0'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['plain', 'plain'],
  ])('%s → %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  // A text cell starting with = + - @ tab or CR would be a formula in a spreadsheet: it gets a
  // leading ' (and quotes when it holds a comma, a quote or a line break, as any text).
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+1', "'+1"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['-123', "'-123"],
    ['a=1', 'a=1'],
    [" '=x", " '=x"],
  ])('text %j → %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('numbers are written as they are, negative ones included', () => {
    expect([-123, -0.5, -1e-7, -1e21].map(csvField)).toEqual(['-123', '-0.5', '-1e-7', '-1e+21']);
    expect(toCsv(['name', 'delta'], [['=cmd', -123]])).toBe("name,delta\n'=cmd,-123\n");
  });

  it('toCsv', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, null],
          [NaN, 'x'],
        ],
      ),
    ).toBe('a,b\n1,\n,x\n');
  });
});

describe('sweepCsv', () => {
  const values = new Float64Array([0.1, 0.2, NaN, 0.4, Infinity, 0.6]);

  it("the CLI's header and order: x fastest, empty for none", () => {
    expect(sweepCsv(spec, values)).toBe(
      [
        'leaseUsdPerKwMonth,startDifficulty,irr',
        '100,100000000000000,0.1',
        '150,100000000000000,0.2',
        '200,100000000000000,',
        '100,200000000000000,0.4',
        '150,200000000000000,',
        '200,200000000000000,0.6',
        '',
      ].join('\n'),
    );
  });

  it("the download's header names the units (none for a unitless key)", () => {
    expect(rows(sweepCsv(spec, [1, 2, 3, 4, 5, null], { units: true }))[0]).toEqual([
      'leaseUsdPerKwMonth (USD/kW-month)',
      'startDifficulty',
      'irr (fraction per year)',
    ]);
    const delta = { ...spec, metric: 'delta' as const, y: { key: 'btcPriceUsd' as const, min: 1e4, max: 1e5, n: 2, log: true } };
    expect(rows(sweepCsv(delta, [1, 2, 3, 4, 5, 6], { units: true }))[0]).toEqual([
      'leaseUsdPerKwMonth (USD/kW-month)',
      'btcPriceUsd (USD)',
      'delta (USD)',
    ]);
  });

  it('names the version-2 metrics as the third column, with their units in the download', () => {
    for (const metric of [
      'attackHardware',
      'attackPowerPerHour',
      'attackRewardPerHour',
      'probPivotWins',
      'deltaMean',
      'deltaP5',
      'deltaP50',
      'deltaP95',
    ] as const) {
      expect(rows(sweepCsv({ ...spec, metric }, values))[0]).toEqual(['leaseUsdPerKwMonth', 'startDifficulty', metric]);
    }
    expect(rows(sweepCsv({ ...spec, metric: 'probPivotWins' }, values, { units: true }))[0]![2]).toBe('probPivotWins (fraction)');
    expect(rows(sweepCsv({ ...spec, metric: 'attackPowerPerHour' }, values, { units: true }))[0]![2]).toBe('attackPowerPerHour (USD/hour)');
  });

  it('has one row per cell and refuses a grid of the wrong size', () => {
    expect(rows(sweepCsv(spec, values))).toHaveLength(1 + 6);
    expect(() => sweepCsv(spec, [1, 2, 3])).toThrow(/3 × 2 = 6 values, got 3/);
  });

  it('equals the CLI sweep, field for field', async () => {
    const args = ['sweep', '-', '--x', 'leaseUsdPerKwMonth:80:200:4', '--y', 'btcPriceUsd:40000:160000:3:log', '--metric', 'delta'];
    const run = (extra: string[]) => runCli([...args, ...extra], '{"version": 1}');
    const json = await run(['--format', 'json']);
    expect(json.status, json.stderr).toBe(0);
    const grid = JSON.parse(json.stdout) as { values: (number | null)[] };
    const cliSpec: SweepSpec = {
      x: { key: 'leaseUsdPerKwMonth', min: 80, max: 200, n: 4, log: false },
      y: { key: 'btcPriceUsd', min: 40000, max: 160000, n: 3, log: true },
      metric: 'delta',
      month: 1,
    };
    expect(sweepCsv(cliSpec, grid.values)).toBe((await run([])).stdout);
  });
});

const projection: Projection = {
  months: [1, 2].map((month) => ({
    month,
    endHeight: 931_392 + 4383 * month,
    difficulty: 146.47e12,
    hashrateEhs: 1048.5,
    blocks: 4383,
    btcIssued: 13_696.875,
    feesBtc: 157.8,
    btcPriceUsd: 91_000,
    hashpriceUsdPerPhDay: 39.8,
    securityBudgetUsdPerDay: 41e6,
    attackHardwareUsd: 15.7e9,
    attackPowerUsdPerHour: 1.15e6,
    attackRewardUsdPerHour: 41e6 / 24,
    // The network's target and marginal hashcost: none in month 1 (as with no network response).
    targetHashrateEhs: month === 1 ? null : 1051.25,
    marginalHashcostUsdPerPhDay: month === 1 ? null : 39.34,
  })),
  retargets: [],
  halvings: [],
};
const evaluation = { cashFlows: { mine: [10, 20, 30], pivot: [-5, 25, 40] } } as Evaluation;

describe('monthly series', () => {
  it("projectionCsv is the CLI's project CSV", () => {
    const r = rows(projectionCsv(projection));
    expect(r[0]).toEqual(PUBLIC_MONTH_FIELDS);
    expect(r[0]).toEqual([...MONTH_FIELDS]);
    // null is an empty field.
    expect(r[1]).toEqual([
      '1',
      '935775',
      '146470000000000',
      '1048.5',
      '4383',
      '13696.875',
      '157.8',
      '91000',
      '39.8',
      '41000000',
      '15700000000',
      '1150000',
      String(41e6 / 24),
      '',
      '',
    ]);
    expect(r[2]!.slice(-2)).toEqual(['1051.25', '39.34']);
  });

  it("cashFlowsCsv is the CLI's evaluate CSV", () => {
    expect(cashFlowsCsv(evaluation)).toBe('month,mine,pivot,delta\n1,10,-5,-15\n2,20,25,5\n3,30,40,10\n');
    expect(rows(cashFlowsCsv(evaluation, { units: true }))[0]).toEqual(['month', 'mine (USD)', 'pivot (USD)', 'delta (USD)']);
  });

  it('monthlyCsv: every field and the cash flows, units in the header, empty where a month has no value', () => {
    const r = rows(monthlyCsv(projection, evaluation));
    expect(r[0]).toEqual([
      'month',
      'endHeight (block)',
      'difficulty',
      'hashrateEhs (EH/s)',
      'blocks (blocks)',
      'btcIssued (BTC)',
      'feesBtc (BTC)',
      'btcPriceUsd (USD)',
      'hashpriceUsdPerPhDay (USD/PH/day)',
      'securityBudgetUsdPerDay (USD/day)',
      'attackHardwareUsd (USD)',
      'attackPowerUsdPerHour (USD/hour)',
      'attackRewardUsdPerHour (USD/hour)',
      'targetHashrateEhs (EH/s)',
      'marginalHashcostUsdPerPhDay (USD/PH/day)',
      'cashFlowMine (USD)',
      'cashFlowPivot (USD)',
      'cashFlowDelta (USD)',
    ]);
    expect(r).toHaveLength(4);
    expect(r[1]!.slice(-3)).toEqual(['10', '-5', '-15']);
    expect(r[3]).toEqual(['3', ...Array<string>(14).fill(''), '30', '40', '10']);
    expect(r[1]!.slice(-5)).toEqual(['', '', '10', '-5', '-15']);
    expect(rows(monthlyCsv(projection))[0]).toHaveLength(15);
    expect(rows(monthlyCsv(projection, undefined, { units: false }))[0]![1]).toBe('endHeight');
  });
});
