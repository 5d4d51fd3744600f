// The command line: every command in process through main(argv, io), with buffers for its streams;
// a few smoke tests of the installed command (node bin/hashpivot.mjs, after `npm run build:node`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as reference from '../../src/kernel/consensus-ref.ts';
import { createModel } from '../../src/kernel/facade.ts';
import { loadKernelSync } from '../../src/kernel/load-node.ts';
import { MODEL_KEYS } from '../../src/model/keys.ts';
import { PRESETS, findPreset, presetScenario } from '../../src/model/presets.ts';
import { defaultScenario } from '../../src/model/registry/index.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateWithOverrides } from '../../src/model/scenario/set.ts';
import { runCli as cli, type CliRun } from '../helpers/cli.ts';
import { PUBLIC_MONTH_FIELDS } from '../helpers/public.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMMANDS = ['subsidy', 'retarget', 'difficulty', 'params', 'validate', 'project', 'evaluate', 'sweep', 'best', 'presets'];

/** The installed command, run as users run it: node bin/hashpivot.mjs (`npm run build:node` first). */
function spawned(args: string[], input?: string): CliRun {
  const run = spawnSync(process.execPath, ['bin/hashpivot.mjs', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Exit 2, every line of stderr non-empty, and no stack trace. */
function expectFailure(run: CliRun, ...fragments: string[]) {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr.trim().length).toBeGreaterThan(0);
  for (const f of fragments) expect(run.stderr).toContain(f);
}

/** A file holding `text`, for commands that read a path. */
function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hashpivot-')), 'scenario.json');
  writeFileSync(path, text);
  return path;
}

interface CoreVectors {
  retarget: { case: string; bits: string; firstTime: number; lastTime: number; expected: string }[];
  subsidy: { height: number; sats: number }[];
  difficulty: { bits: string; exact: number }[];
}
const vectors: CoreVectors = JSON.parse(readFileSync(new URL('../vectors/bitcoin-core.json', import.meta.url), 'utf8'));

const model = createModel(loadKernelSync());
const inputsOf = (raw: unknown, sets: string[] = []) => {
  const r = validateWithOverrides(raw, sets);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return resolveInputs(r.scenario);
};

describe('hashpivot', () => {
  it('prints the command list for --help, and fails without a command', async () => {
    const help = await cli(['--help']);
    expect(help.status).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(`  ${c} `);
    expectFailure(await cli([]), 'Usage: hashpivot');
  });

  it.each(COMMANDS)('%s --help', async (command) => {
    const run = await cli([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Usage: hashpivot ${command}`);
    expect(run.stderr).toBe('');
  });

  it('rejects an unknown command and an unknown option, naming them', async () => {
    expectFailure(await cli(['mine']), 'unknown command "mine"');
    expectFailure(await cli(['params', '--bogus']), 'unknown option --bogus');
    expectFailure(await cli(['params', 'extra']), 'unexpected argument "extra"');
    expectFailure(await cli(['params', '--format', 'xml']), '--format: expected json or csv, got "xml"');
  });
});

describe('consensus commands', () => {
  it.each(vectors.subsidy.map((v) => [v.height, v.sats] as const))('subsidy %d', async (height, sats) => {
    const run = await cli(['subsidy', String(height)]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${sats}\n`);
  });

  it('subsidy prints 312500000 at 840000 and 0 past the last halving', async () => {
    expect((await cli(['subsidy', '840000'])).stdout).toBe('312500000\n');
    expect((await cli(['subsidy', '13440000'])).stdout).toBe('0\n');
  });

  it('subsidy refuses what is not a height', async () => {
    expectFailure(await cli(['subsidy']), '<height>: missing');
    expectFailure(await cli(['subsidy', '1.5']), '<height>: expected a whole number', '"1.5"');
    expectFailure(await cli(['subsidy', 'abc']), '<height>');
    expectFailure(await cli(['subsidy', '99999999999999999999']), '<height>');
  });

  it.each(vectors.retarget.map((v) => [v.case, v] as const))('retarget: %s', async (_, v) => {
    const run = await cli(['retarget', '--bits', v.bits, '--first', String(v.firstTime), '--last', String(v.lastTime)]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${v.expected}\n`);
    expect(run.stdout).toMatch(/^0x[0-9a-f]{8}\n$/);
  });

  it('retarget names every bad or missing argument', async () => {
    const run = await cli(['retarget', '--bits', 'zz', '--first', 'x']);
    expectFailure(run, '--bits: expected 0x', '--first: expected a whole number', '--last: missing');
    expect(run.stderr.trim().split('\n')).toHaveLength(3);
  });

  it.each(vectors.difficulty.map((v) => [v.bits, v] as const))('difficulty --bits %s', async (bits, v) => {
    const run = await cli(['difficulty', '--bits', bits]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${reference.difficultyFromBits(Number(bits))}\n`);
    expect(Number(run.stdout)).toBeCloseTo(v.exact, 12);
  });

  it('difficulty prints 1 for 0x1d00ffff and refuses bad bits', async () => {
    expect((await cli(['difficulty', '--bits', '0x1d00ffff'])).stdout).toBe('1\n');
    expectFailure(await cli(['difficulty']), '--bits: missing');
    expectFailure(await cli(['difficulty', '--bits', '0x123456789']), '--bits: expected 0x followed by 1 to 8 hex digits');
  });
});

describe('scenario commands', () => {
  it('params lists every key with its range and source (JSON)', async () => {
    const run = await cli(['params']);
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => r.key)).toEqual(['startDate', ...MODEL_KEYS, 'name', 'notes']);
    for (const r of rows) {
      for (const field of ['group', 'label', 'unit', 'default', 'min', 'max', 'integer', 'source']) expect(r).toHaveProperty(field);
      expect(String(r.source).length).toBeGreaterThan(0);
    }
    // The start date's range, as validation holds it: from the genesis block's day to 2199-12-31.
    expect(rows.find((r) => r.key === 'startDate')).toMatchObject({ type: 'date', min: '2009-01-03', max: '2199-12-31' });
    expect(rows.find((r) => r.key === 'notes')).toMatchObject({ min: null, max: null });
    expect(rows.find((r) => r.key === 'siteMw')).toMatchObject({
      group: 'miner',
      unit: 'MW',
      default: 100,
      min: 0.1,
      max: 10000,
      integer: false,
    });
  });

  it('params --format csv has a header and a row per key', async () => {
    const run = await cli(['params', '--format', 'csv']);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('key,type,group,label,unit,default,min,max,step,integer,maxLength,derived,description,source');
    expect(lines).toHaveLength(1 + MODEL_KEYS.length + 3);
    for (const key of MODEL_KEYS) expect(lines.some((l) => l.startsWith(`${key},number,`))).toBe(true);
  });

  it('presets lists name, title, description, kind, source and scenario file of each preset', async () => {
    const rows = JSON.parse((await cli(['presets'])).stdout);
    expect(rows.map(({ name, title, description }: Record<string, string>) => ({ name, title, description }))).toEqual(
      PRESETS.map(({ name, title, description }) => ({ name, title, description })),
    );
    for (const [i, row] of rows.entries()) {
      expect(['example', 'deal']).toContain(row.kind);
      expect(row.source).toBe(PRESETS[i].sources.join('; '));
      // The scenario names its version, as --preset uses it.
      expect(row.scenario).toEqual(presetScenario(PRESETS[i]));
      expect(row.scenario.version).toBe(PRESETS[i].version);
    }
    expect((await cli(['presets', '--format', 'csv'])).stdout.split('\n')[0]).toBe('name,title,description,kind,source');
  });

  it('presets: every scenario a version-2 file; a deal adds its announcedValueUsd and a dated source, an example neither', async () => {
    const rows: Record<string, unknown>[] = JSON.parse((await cli(['presets'])).stdout);
    const deals = rows.filter((r) => r.kind === 'deal');
    expect(deals.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      const preset = findPreset(row.name as string)!;
      expect((row.scenario as { version: number }).version, preset.name).toBe(2);
      expect(row.source, preset.name).toMatch(/\b20\d\d\b/);
      if (row.kind === 'deal') {
        expect(Object.keys(row)).toEqual(['name', 'title', 'description', 'kind', 'source', 'scenario', 'announcedValueUsd']);
        expect(row.announcedValueUsd).toBe(preset.announcedValueUsd);
        expect(row.source).toMatch(/\b20\d\d-\d\d-\d\d\b/);
      } else {
        expect(Object.keys(row)).toEqual(['name', 'title', 'description', 'kind', 'source', 'scenario']);
      }
    }
    // The printed scenario is what --preset runs: the same figures from stdin.
    const hut8 = rows.find((r) => r.name === 'hut8-fluidstack-2025')!;
    const fromStdin = await cli(['evaluate', '-', '--set', 'btcVolatilityPctPerYear=0'], JSON.stringify(hut8.scenario));
    expect(fromStdin.status).toBe(0);
    expect((await cli(['evaluate', '--preset', 'hut8-fluidstack-2025', '--set', 'btcVolatilityPctPerYear=0'])).stdout).toBe(
      fromStdin.stdout,
    );
  });

  it('validate prints {"ok":true} for the default scenario, from stdin and from a file', async () => {
    const text = JSON.stringify(defaultScenario());
    expect(await cli(['validate', '-'], text)).toEqual({ status: 0, stdout: '{"ok":true}\n', stderr: '' });
    expect(await cli(['validate', file(text)])).toEqual({ status: 0, stdout: '{"ok":true}\n', stderr: '' });
    expect((await cli(['validate', '-'], '{"version": 1}')).stdout).toBe('{"ok":true}\n');
  });

  it.each(PRESETS.map((p) => p.name))('validate --preset %s', async (name) => {
    expect(await cli(['validate', '--preset', name])).toEqual({ status: 0, stdout: '{"ok":true}\n', stderr: '' });
  });

  it('validate reports input problems, naming the argument', async () => {
    expectFailure(await cli(['validate', 'no/such/file.json']), 'scenario: cannot read "no/such/file.json": no such file');
    expectFailure(await cli(['validate']), 'scenario: missing');
    expectFailure(await cli(['validate', '--preset', 'nope']), '--preset: unknown preset "nope"');
    expectFailure(await cli(['validate', '-', '--preset', PRESETS[0].name], '{}'), 'not both');
  });

  it('validate applies --set over a preset', async () => {
    expectFailure(
      await cli(['validate', '--preset', PRESETS[0].name, '--set', 'leaseTermYears=40']),
      'leaseTermYears: expected a whole number from 1 to 30 yr, got 40',
    );
    expect((await cli(['validate', '--preset', PRESETS[0].name, '--set', 'leaseTermYears=15'])).status).toBe(0);
  });
});

describe('model commands', () => {
  it('project prints months, retargets and halvings, with ISO times from startDate', async () => {
    const run = await cli(['project', '-'], '{"version": 1}');
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['months', 'retargets', 'halvings']);
    const expected = model.project(inputsOf({ version: 1 }));
    expect(out.months).toEqual(expected.months);
    expect(out.months).toHaveLength(120);
    expect(Object.keys(out.months[0])).toEqual(PUBLIC_MONTH_FIELDS);
    const t0 = Date.parse(defaultScenario().startDate);
    expect(out.retargets).toHaveLength(expected.retargets.length);
    expect(out.retargets[0].height).toBe(933_408);
    out.retargets.forEach((r: { height: number; time: string; difficulty: number }, i: number) => {
      expect(Object.keys(r)).toEqual(['height', 'time', 'difficulty']);
      expect(r.time).toBe(new Date(t0 + Math.round(expected.retargets[i].seconds * 1000)).toISOString());
      expect(r.difficulty).toBe(expected.retargets[i].difficulty);
    });
    expect(out.halvings.map((h: { height: number }) => h.height)).toEqual([1_050_000, 1_260_000]);
    expect(Object.keys(out.halvings[0])).toEqual(['height', 'time', 'subsidyBtc']);
    expect(out.halvings[0].subsidyBtc).toBe(1.5625);
    expect(out.halvings[0].time).toMatch(/^2028-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('project follows startDate and --set', async () => {
    const a = JSON.parse(
      (await cli(['project', '-', '--set', 'horizonYears=2', '--set', 'startDate=2026-01-09'], '{"version": 1}')).stdout,
    );
    const b = JSON.parse((await cli(['project', '-', '--set', 'horizonYears=2'], '{"version": 1}')).stdout);
    expect(a.months).toHaveLength(24);
    expect(a.months).toEqual(b.months);
    expect(Date.parse(a.retargets[0].time) - Date.parse(b.retargets[0].time)).toBe(86_400_000);
  });

  it('project --format csv prints the months with the field names as header', async () => {
    const run = await cli(['project', '--preset', 'low-cost-miner-abroad', '--format', 'csv']);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'month,endHeight,difficulty,hashrateEhs,blocks,btcIssued,feesBtc,btcPriceUsd,hashpriceUsdPerPhDay,securityBudgetUsdPerDay,' +
        'attackHardwareUsd,attackPowerUsdPerHour,attackRewardUsdPerHour,targetHashrateEhs,marginalHashcostUsdPerPhDay',
    );
    const expected = model.project(inputsOf(presetScenario(findPreset('low-cost-miner-abroad')!)));
    expect(lines).toHaveLength(1 + expected.months.length);
    expect(lines[1]).toBe(
      PUBLIC_MONTH_FIELDS.map((k) => String(expected.months[0][k as keyof (typeof expected.months)[0]] ?? '')).join(','),
    );
  });

  it('the README’s figures for the default scenario are what evaluate and best print for it', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const out = JSON.parse((await cli(['evaluate', '-'], '{"version": 2}')).stdout);
    const millions = (v: number) => `$${Math.round(v / 1e6)} million`;
    expect(readme).toContain(`about **+${millions(out.delta)}**`);
    expect(readme).toContain(`pivot ≈ ${millions(out.npv.pivot)}, keep mining ≈ ${millions(out.npv.mine)}`);
    expect(out.monteCarlo.probPivotWins).toBe(1);
    expect(readme).toContain(`wins on **all ${out.monteCarlo.paths.toLocaleString('en-US')}** random BTC price paths`);
    expect(readme).toContain(`5th percentile ≈ +${millions(out.monteCarlo.deltaP5)}`);
    expect(readme).toContain(`about **$${Math.round(out.breakeven.leaseRate)}/kW-month**`);
    expect(readme).toContain(`above ≈ $${(Math.round(out.breakeven.btcPrice / 1000) * 1000).toLocaleString('en-US')} today`);
    const best = JSON.parse((await cli(['best', '-'], '{"version": 2}')).stdout);
    expect(best).toMatchObject({ pivotSharePct: 100, pivotStartMonth: 0 });
    expect(readme).toContain('`best` finds the whole site, at once');
  });

  it('evaluate prints the figures the README lists, null where none', async () => {
    const run = await cli(['evaluate', '--preset', 'full-pivot-coreweave-terms']);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual([
      'npv',
      'delta',
      'breakeven',
      'irr',
      'paybackMonth',
      'discountedPaybackMonth',
      'perMwYear',
      'cashFlows',
      'monteCarlo',
      'monthsP',
    ]);
    const expected = model.evaluate(inputsOf(presetScenario(findPreset('full-pivot-coreweave-terms')!)));
    expect(out).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(Object.keys(out.npv)).toEqual(['mine', 'pivot']);
    expect(Object.keys(out.breakeven)).toEqual(['leaseRate', 'btcPrice']);
    expect(Object.keys(out.perMwYear.mine)).toEqual(['revenue', 'ebitda']);
    expect(out.cashFlows.mine).toHaveLength(12 * 12);
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('evaluate --format csv prints month,mine,pivot,delta', async () => {
    const run = await cli(['evaluate', '-', '--format', 'csv'], '{"version": 1, "horizonYears": 3}');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('month,mine,pivot,delta');
    expect(lines).toHaveLength(1 + 36);
    const e = model.evaluate(inputsOf({ version: 1, horizonYears: 3 }));
    lines.slice(1).forEach((line, i) => {
      const [month, mine, pivot, delta] = line.split(',').map(Number);
      expect(month).toBe(i + 1);
      expect(mine).toBe(e.cashFlows.mine[i]);
      expect(pivot).toBe(e.cashFlows.pivot[i]);
      expect(delta).toBe(e.cashFlows.pivot[i] - e.cashFlows.mine[i]);
    });
  });

  it('project and evaluate refuse invalid scenarios before the kernel sees them', async () => {
    expectFailure(
      await cli(['project', '-'], '{"version": 1, "siteMw": -5, "horizonYears": 0}'),
      'siteMw: expected',
      'horizonYears: expected',
    );
    expectFailure(
      await cli(['evaluate', '-', '--set', 'exitSharePct=100'], '{"version": 1}'),
      'exitSharePct: expected a number from 0 to 99.9 %, got 100',
    );
    expectFailure(await cli(['evaluate', '-'], '[]'), 'scenario: expected a JSON object');
  });
});

describe('sweep', () => {
  it('checks its axes, metric and month, naming each', async () => {
    const run = await cli(['sweep', '--preset', 'low-cost-miner-abroad', '--x', 'siteMW:1:2:3', '--y', 'buildMonths:1:24:1']);
    expectFailure(run, '--x: unknown key "siteMW"', '--y: the number of points must be a whole number in [2, 2048]', '--metric: missing');
    expectFailure(
      await cli([
        'sweep',
        '--preset',
        'low-cost-miner-abroad',
        '--x',
        'siteMw:1:2:3',
        '--y',
        'buildMonths:1:24:5',
        '--metric',
        'foo',
        '--month',
        '0',
      ]),
      '--metric: must be one of delta,',
      '--month: must be a whole number in [1, 120]',
    );
    expectFailure(
      await cli(['sweep', '--preset', 'nope', '--x', 'siteMw:1:2:3', '--y', 'buildMonths:1:24:5', '--metric', 'delta']),
      '--preset: unknown preset "nope"',
    );
    expectFailure(
      await cli(['sweep', '--preset', 'low-cost-miner-abroad', '--x', 'siteMw:0:5:2', '--y', 'siteMw:1:2:2', '--metric', 'delta']),
      '--x: min of siteMw must be a number in [0.1, 10000] MW, got 0',
    );
    expectFailure(
      await cli(['sweep', '--preset', 'low-cost-miner-abroad', '--x', 'siteMw:1:5', '--metric', 'delta']),
      '--x: expected KEY:MIN:MAX:N',
      '--y: missing',
    );
    expectFailure(
      await cli(['sweep', '--preset', 'low-cost-miner-abroad', '--x', 'siteMw:1:5:2', '--y', 'siteMw:1:5:2', '--metric', 'delta']),
      '--y: the two axes must be different keys',
    );
    expectFailure(
      await cli(['sweep', '--preset', 'low-cost-miner-abroad', '--x', 'siteMw:0:5:2:log', '--y', 'buildMonths:1:2:2', '--metric', 'delta']),
      '--x:',
    );
    expectFailure(
      await cli([
        'sweep',
        '--preset',
        'low-cost-miner-abroad',
        '--x',
        'siteMw:1:5:2',
        '--y',
        'buildMonths:1:2:2',
        '--metric',
        'hashprice',
        '--month',
        '500',
      ]),
      '--month: must be a whole number in [1, 120]',
    );
    expectFailure(
      await cli(['sweep', '-', '--x', 'epochElapsedSeconds:0:600:2', '--y', 'siteMw:1:2:2', '--metric', 'delta'], '{"version": 1}'),
      'epochElapsedSeconds must be 0 when startHeight mod 2016 = 0',
    );
  });

  /** Cells of a sweep against evaluate on the same scenarios, x varying fastest. */
  async function expectSweepMatchesEvaluate(x: [string, number[]], y: [string, number[]], spec: string[]) {
    const run = await cli(['sweep', '-', ...spec, '--metric', 'delta'], '{"version": 1}');
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`${x[0]},${y[0]},delta`);
    const expected: string[] = [];
    for (const yv of y[1]) {
      for (const xv of x[1]) {
        const e = model.evaluate(inputsOf({ version: 1, [x[0]]: xv, [y[0]]: yv }));
        expected.push(`${xv},${yv},${e.delta}`);
      }
    }
    const close = (line: string, want: string) => {
      const [a, b, v] = line.split(',').map(Number);
      const [wa, wb, wv] = want.split(',').map(Number);
      expect([a, b]).toEqual([wa, wb]);
      expect(Math.abs(v - wv)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(wv)));
    };
    expect(lines).toHaveLength(1 + expected.length);
    lines.slice(1).forEach((line, i) => close(line, expected[i]));
  }

  it('prints the grid as CSV, x varying fastest, the cells as evaluate computes them', async () => {
    await expectSweepMatchesEvaluate(
      ['siteMw', [50, 200]],
      ['powerUsdPerKwh', [0.02, 0.05, 0.08]],
      ['--x', 'siteMw:50:200:2', '--y', 'powerUsdPerKwh:0.02:0.08:3'],
    );
  });

  it('varies the other key on a lease-rate axis too', async () => {
    await expectSweepMatchesEvaluate(
      ['leaseUsdPerKwMonth', [50, 200]],
      ['powerUsdPerKwh', [0.02, 0.08]],
      ['--x', 'leaseUsdPerKwMonth:50:200:2', '--y', 'powerUsdPerKwh:0.02:0.08:2'],
    );
  });

  it('prints the grid as JSON with the axes, null where none', async () => {
    const run = await cli([
      'sweep',
      '--preset',
      'hybrid-curtailable-mining',
      '--x',
      'pivotSharePct:0:100:3',
      '--y',
      'siteMw:50:100:2',
      '--metric',
      'irr',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      x: { key: 'pivotSharePct', values: [0, 50, 100] },
      y: { key: 'siteMw', values: [50, 100] },
      metric: 'irr',
    });
    expect(out.values).toHaveLength(6);
    // No pivot, no incremental cash flow: no IRR.
    expect(out.values[0]).toBeNull();
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
  });
});

describe('bin/hashpivot.mjs (spawned)', () => {
  it('exits 2 with the problems on stderr and nothing on stdout for a bad input', () => {
    const run = spawned(['evaluate', '-', '--set', 'exitSharePct=100'], '{"version": 1, "siteMw": -5}');
    expectFailure(run, 'siteMw: expected', 'exitSharePct: expected a number from 0 to 99.9 %, got 100');
    expect(run.stdout).toBe('');
    expectFailure(spawned(['mine']), 'unknown command "mine"');
    expectFailure(spawned([]), 'Usage: hashpivot');
  });

  it('prints JSON on stdout and exits 0', () => {
    const run = spawned(['evaluate', '--preset', 'full-pivot-coreweave-terms']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(JSON.stringify(model.evaluate(inputsOf(presetScenario(findPreset('full-pivot-coreweave-terms')!))))),
    );
  });

  it('reads a scenario of - from stdin', () => {
    expect(spawned(['validate', '-'], JSON.stringify(defaultScenario()))).toEqual({ status: 0, stdout: '{"ok":true}\n', stderr: '' });
    const run = spawned(['validate', '-'], '{"version": 1, "uptimePct": 101}');
    expectFailure(run, 'uptimePct');
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false });
  });
});
