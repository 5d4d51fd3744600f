// Bad scenarios, each with its own message naming the key and the allowed range or type: through
// the library, and through the CLI in process (`hashpivot validate -`, exit 2, no stack trace).
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/model/registry/index.ts';
import { parseScenarioText } from '../../src/model/scenario/json.ts';
import { applyOverrides, scenarioFromText } from '../../src/model/scenario/set.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { runCli as cli } from '../helpers/cli.ts';

interface Bad {
  name: string;
  /** The scenario as JSON text (given verbatim), or a value to stringify. */
  text?: string;
  json?: unknown;
  sets?: string[];
  /** The problem's key. */
  key: string;
  /** Every fragment must appear in that problem's message. */
  says: string[];
}

const v1 = (extra: Record<string, unknown>) => ({ version: 1, ...extra });

const BAD: Bad[] = [
  // The document itself.
  { name: 'missing version', json: { siteMw: 50 }, key: 'version', says: ['version: missing', '"version": 2', 'supported: 1 to 2'] },
  { name: 'unsupported version 3', json: { version: 3 }, key: 'version', says: ['version: unsupported version 3', 'reads version 1 to 2'] },
  { name: 'version 0', json: { version: 0 }, key: 'version', says: ['unsupported version 0'] },
  { name: 'version as a string', json: { version: '1' }, key: 'version', says: ['version: expected a whole number', 'a string ("1")'] },
  { name: 'fractional version', json: { version: 1.5 }, key: 'version', says: ['version: expected a whole number', 'got 1.5'] },
  { name: 'an array', json: [1, 2], key: 'scenario', says: ['scenario: expected a JSON object', 'got an array'] },
  { name: 'null', text: 'null', key: 'scenario', says: ['scenario: expected a JSON object', 'got null'] },
  { name: 'a string', text: '"hello"', key: 'scenario', says: ['scenario: expected a JSON object', 'got a string ("hello")'] },
  { name: 'a number', text: '42', key: 'scenario', says: ['scenario: expected a JSON object', 'got 42'] },
  { name: 'malformed JSON', text: '{"version": 1, "siteMw": }', key: 'scenario', says: ['scenario: malformed JSON'] },
  { name: 'truncated JSON', text: '{"version": 1,', key: 'scenario', says: ['scenario: malformed JSON'] },
  {
    name: 'malformed JSON with a position',
    text: '{"version": 1,\n "siteMw" 5}',
    key: 'scenario',
    says: ['malformed JSON', 'line 2, column'],
  },
  { name: 'empty input', text: '  \n', key: 'scenario', says: ['scenario: empty input'] },
  // Keys.
  { name: 'unknown key', json: v1({ foo: 1 }), key: 'foo', says: ['foo: unknown key'] },
  { name: 'misspelt key', json: v1({ siteMW: 100 }), key: 'siteMW', says: ['siteMW: unknown key', 'did you mean siteMw?'] },
  {
    name: 'string for a number',
    json: v1({ siteMw: '100' }),
    key: 'siteMw',
    says: ['siteMw: expected a number from 0.1 to 10000 MW', 'got a string ("100")'],
  },
  {
    name: 'null for a number',
    json: v1({ powerUsdPerKwh: null }),
    key: 'powerUsdPerKwh',
    says: ['powerUsdPerKwh: expected a number from 0 to 1 USD/kWh', 'got null'],
  },
  {
    name: 'boolean for a number',
    json: v1({ uptimePct: true }),
    key: 'uptimePct',
    says: ['uptimePct: expected a number from 0 to 100 %', 'a boolean'],
  },
  { name: 'object for a number', json: v1({ siteMw: { mw: 5 } }), key: 'siteMw', says: ['siteMw: expected a number', 'got an object'] },
  { name: 'negative MW', json: v1({ siteMw: -5 }), key: 'siteMw', says: ['siteMw: expected a number from 0.1 to 10000 MW', 'got -5'] },
  { name: 'zero MW', json: v1({ siteMw: 0 }), key: 'siteMw', says: ['from 0.1 to 10000 MW', 'got 0'] },
  {
    name: 'a probability over 100 %',
    json: v1({ defaultPctPerYear: 150 }),
    key: 'defaultPctPerYear',
    says: ['defaultPctPerYear: expected a number from 0 to 100 %/yr', 'got 150'],
  },
  {
    name: 'recovery over 100 %',
    json: v1({ recoveryPct: 100.5 }),
    key: 'recoveryPct',
    says: ['recoveryPct: expected a number from 0 to 100 %', 'got 100.5'],
  },
  { name: 'negative uptime', json: v1({ uptimePct: -1 }), key: 'uptimePct', says: ['from 0 to 100 %', 'got -1'] },
  {
    name: 'pivot share over 100 %',
    json: v1({ pivotSharePct: 120 }),
    key: 'pivotSharePct',
    says: ['pivotSharePct: expected a number from 0 to 100 %', 'got 120'],
  },
  {
    name: 'horizon 0',
    json: v1({ horizonYears: 0 }),
    key: 'horizonYears',
    says: ['horizonYears: expected a whole number from 1 to 30 yr', 'got 0'],
  },
  { name: 'horizon 31 years', json: v1({ horizonYears: 31 }), key: 'horizonYears', says: ['from 1 to 30 yr', 'got 31'] },
  {
    name: 'build of 0 months',
    json: v1({ buildMonths: 0 }),
    key: 'buildMonths',
    says: ['buildMonths: expected a whole number from 1 to 120 months', 'got 0'],
  },
  {
    name: 'build of 2.5 months',
    json: v1({ buildMonths: 2.5 }),
    key: 'buildMonths',
    says: ['buildMonths: expected a whole number from 1 to 120 months', 'got 2.5'],
  },
  {
    name: 'fractional start height',
    json: v1({ startHeight: 931392.5 }),
    key: 'startHeight',
    says: ['startHeight: expected a whole number from 0 to 6929999', 'got 931392.5'],
  },
  {
    name: 'start height beyond the last subsidy',
    json: v1({ startHeight: 7_000_000 }),
    key: 'startHeight',
    says: ['from 0 to 6929999', 'got 7000000'],
  },
  { name: 'negative start height', json: v1({ startHeight: -1 }), key: 'startHeight', says: ['from 0 to 6929999', 'got -1'] },
  {
    name: 'difficulty 0',
    json: v1({ startDifficulty: 0 }),
    key: 'startDifficulty',
    says: ['startDifficulty: expected a number from 1 to 1000000000000000000', 'got 0'],
  },
  {
    name: 'hashrate growth 25 %/month',
    json: v1({ hashrateGrowthPctPerMonth: 25 }),
    key: 'hashrateGrowthPctPerMonth',
    says: ['from -10 to 20 %/month', 'got 25'],
  },
  {
    name: 'exit share 100 %',
    json: v1({ exitSharePct: 100 }),
    key: 'exitSharePct',
    says: ['exitSharePct: expected a number from 0 to 99.9 %', 'got 100'],
  },
  {
    name: 'fractional exit month',
    json: v1({ exitMonth: 1.5 }),
    key: 'exitMonth',
    says: ['exitMonth: expected a whole number from 0 to 600 months', 'got 1.5'],
  },
  {
    name: 'BTC price 0',
    json: v1({ btcPriceUsd: 0 }),
    key: 'btcPriceUsd',
    says: ['btcPriceUsd: expected a number from 1 to 100000000 USD', 'got 0'],
  },
  {
    name: 'negative lease rate',
    json: v1({ leaseUsdPerKwMonth: -1 }),
    key: 'leaseUsdPerKwMonth',
    says: ['from 0 to 1000 USD/kW-month', 'got -1'],
  },
  {
    name: 'lease term of 0 years',
    json: v1({ leaseTermYears: 0 }),
    key: 'leaseTermYears',
    says: ['leaseTermYears: expected a whole number from 1 to 30 yr'],
  },
  { name: 'PUE below 1', json: v1({ miningPue: 0.9 }), key: 'miningPue', says: ['miningPue: expected a number from 1 to 3', 'got 0.9'] },
  {
    name: '1e400 as JSON text',
    text: '{"version": 1, "siteMw": 1e400}',
    key: 'siteMw',
    says: ['siteMw: expected a number from 0.1 to 10000 MW', 'got a number too large for a double'],
  },
  {
    name: '-1e400 as JSON text',
    text: '{"version": 1, "feesBtcPerBlock": -1e400}',
    key: 'feesBtcPerBlock',
    says: ['feesBtcPerBlock: expected a number', 'got a negative number too large for a double'],
  },
  // --set.
  {
    name: '1e400 via --set',
    json: v1({}),
    sets: ['siteMw=1e400'],
    key: 'siteMw',
    says: ['siteMw: expected a number from 0.1 to 10000 MW', 'got 1e400', 'too large'],
  },
  {
    name: 'text via --set',
    json: v1({}),
    sets: ['siteMw=abc'],
    key: 'siteMw',
    says: ['siteMw: expected a number from 0.1 to 10000 MW', 'got "abc"'],
  },
  {
    name: 'hex via --set',
    json: v1({}),
    sets: ['buildMonths=0x10'],
    key: 'buildMonths',
    says: ['buildMonths: expected a whole number', 'got "0x10"'],
  },
  {
    name: 'empty value via --set',
    json: v1({}),
    sets: ['horizonYears='],
    key: 'horizonYears',
    says: ['horizonYears: expected a whole number from 1 to 30 yr', 'got ""'],
  },
  { name: 'unknown key via --set', json: v1({}), sets: ['nokey=1'], key: 'nokey', says: ['nokey: unknown key'] },
  { name: '--set without =', json: v1({}), sets: ['siteMw'], key: '--set', says: ['--set: expected KEY=VALUE', 'got "siteMw"'] },
  {
    name: 'out of range via --set',
    json: v1({}),
    sets: ['recoveryPct=101'],
    key: 'recoveryPct',
    says: ['recoveryPct: expected a number from 0 to 100 %', 'got 101'],
  },
  // Text keys.
  {
    name: 'a name of 10,000 characters',
    json: v1({ name: 'x'.repeat(10_000) }),
    key: 'name',
    says: ['name: expected text of at most 120 characters', 'got 10000 characters'],
  },
  {
    name: 'notes too long',
    json: v1({ notes: 'n'.repeat(4001) }),
    key: 'notes',
    says: ['notes: expected text of at most 4000 characters', 'got 4001 characters'],
  },
  { name: 'a number for the name', json: v1({ name: 5 }), key: 'name', says: ['name: expected text', 'got 5'] },
  {
    name: 'startDate not a date',
    json: v1({ startDate: 'yesterday' }),
    key: 'startDate',
    says: ['startDate: expected an ISO 8601 UTC date-time', 'got "yesterday"'],
  },
  {
    name: 'startDate with a local offset',
    json: v1({ startDate: '2026-01-08T00:00:00+02:00' }),
    key: 'startDate',
    says: ['startDate: expected an ISO 8601 UTC'],
  },
  {
    name: 'startDate without a zone',
    json: v1({ startDate: '2026-01-08T00:00:00' }),
    key: 'startDate',
    says: ['startDate: expected an ISO 8601 UTC'],
  },
  {
    name: 'startDate on 30 February',
    json: v1({ startDate: '2026-02-30' }),
    key: 'startDate',
    says: ['startDate: expected an ISO 8601 UTC', 'got "2026-02-30"'],
  },
  {
    name: 'startDate before Bitcoin',
    json: v1({ startDate: '1999-01-01T00:00:00Z' }),
    key: 'startDate',
    says: ['startDate: expected a date from 2009-01-03 to 2199-12-31'],
  },
  {
    name: 'startDate as a number',
    json: v1({ startDate: 20260108 }),
    key: 'startDate',
    says: ['startDate: expected an ISO 8601 UTC', 'got 20260108'],
  },
  // Rules across keys.
  {
    name: 'epochElapsedSeconds nonzero at the default height (an epoch boundary)',
    json: v1({ epochElapsedSeconds: 600 }),
    key: 'epochElapsedSeconds',
    says: ['epochElapsedSeconds: must be 0 when startHeight (931392)', 'startHeight mod 2016 = 0', 'got 600'],
  },
  {
    name: 'epochElapsedSeconds nonzero on another epoch boundary',
    json: v1({ startHeight: 2016, epochElapsedSeconds: 1 }),
    key: 'epochElapsedSeconds',
    says: ['must be 0 when startHeight (2016)'],
  },
  {
    name: 'epochElapsedSeconds beyond 8 weeks',
    json: v1({ startHeight: 931_393, epochElapsedSeconds: 5e6 }),
    key: 'epochElapsedSeconds',
    says: ['from 0 to 4838400 s', 'got 5000000'],
  },
];

function textOf(c: Bad): string {
  return c.text ?? JSON.stringify(c.json);
}

describe('bad scenarios', () => {
  it('are at least 30, with distinct names', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD.map((c) => c.name)).size).toBe(BAD.length);
  });

  describe('in the library', () => {
    it.each(BAD.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const result = scenarioFromText(textOf(c), c.sets ?? []);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const problem = result.problems.find((p) => p.key === c.key);
      expect(problem, JSON.stringify(result.problems)).toBeDefined();
      for (const fragment of c.says) expect(problem!.message).toContain(fragment);
      for (const p of result.problems) expect(p.message.includes('\n')).toBe(false);
      // A message names its key first (quoted when the key is not an identifier).
      expect(problem!.message.startsWith(`${c.key}:`) || problem!.message.startsWith(`"${c.key}":`)).toBe(true);
    });
  });

  describe('through the CLI: hashpivot validate -', () => {
    it.each(BAD.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const sets = (c.sets ?? []).flatMap((s) => ['--set', s]);
      const run = await cli(['validate', '-', ...sets], textOf(c));
      expect(run.status).toBe(2);
      for (const fragment of c.says) expect(run.stderr).toContain(fragment);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stderr).not.toMatch(/Error:/);
      const out = JSON.parse(run.stdout);
      expect(out.ok).toBe(false);
      expect(out.problems.some((p: { key: string }) => p.key === c.key)).toBe(true);
      // One problem a line.
      expect(run.stderr.trim().split('\n')).toHaveLength(out.problems.length);
    });
  });
});

describe('validation', () => {
  it('reports every problem at once', () => {
    const r = validateScenario({ siteMw: -1, foo: 2, buildMonths: 2.5, name: 'x'.repeat(200), startDate: 'soon', epochElapsedSeconds: 60 });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.key)).toEqual(['version', 'siteMw', 'foo', 'buildMonths', 'name', 'startDate', 'epochElapsedSeconds']);
  });

  it('reports only the version of a scenario from a newer build', () => {
    const r = validateScenario({ version: 3, someFutureKey: 1 });
    expect(r).toEqual({ ok: false, problems: [{ key: 'version', message: expect.stringContaining('unsupported version 3') }] });
  });

  it('accepts edge values and returns keys in canonical order', () => {
    const r = validateScenario({
      name: 'x'.repeat(120),
      notes: 'y'.repeat(4000),
      exitSharePct: 99.9,
      siteMw: 0.1,
      startHeight: 931_393,
      epochElapsedSeconds: 600,
      startDate: '2026-01-08',
      version: 2,
    });
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(Object.keys(r.scenario)).toEqual([
        'version',
        'startDate',
        'startHeight',
        'epochElapsedSeconds',
        'exitSharePct',
        'siteMw',
        'name',
        'notes',
      ]);
  });

  it.each(['2026-01-08', '2026-01-08T00:00Z', '2026-01-08T12:34:56Z', '2026-01-08T12:34:56.789Z', '2026-01-08T12:34:56+00:00'])(
    'accepts the UTC date %s',
    (startDate) => expect(validateScenario({ version: 1, startDate }).ok).toBe(true),
  );

  it('accepts epochElapsedSeconds 0 on a boundary and any in-range value off it', () => {
    expect(validateScenario({ version: 1, epochElapsedSeconds: 0 }).ok).toBe(true);
    expect(validateScenario({ version: 1, startHeight: 2015, epochElapsedSeconds: 4_838_400 }).ok).toBe(true);
  });

  it('parses --set values strictly, text keys verbatim', () => {
    const { raw, problems } = applyOverrides({ version: 1 }, [
      'siteMw=50',
      'hashrateGrowthPctPerMonth=-1.5',
      'feesBtcPerBlock=3e-2',
      'name=a=b',
      'startDate=2026-02-01',
    ]);
    expect(problems).toEqual([]);
    expect(raw).toEqual({
      version: 1,
      siteMw: 50,
      hashrateGrowthPctPerMonth: -1.5,
      feesBtcPerBlock: 0.03,
      name: 'a=b',
      startDate: '2026-02-01',
    });
    expect(applyOverrides([1], ['siteMw=5'])).toEqual({ raw: [1], problems: [] });
  });

  it('does not let a JSON __proto__ key through', () => {
    const r = parseScenarioText('{"version": 1, "__proto__": {"siteMw": 5}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toContain('__proto__: unknown key');
  });

  it('validates the default scenario and prints {"ok":true} through the CLI', async () => {
    const run = await cli(['validate', '-'], JSON.stringify(defaultScenario()));
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('{"ok":true}\n');
    expect(run.status).toBe(0);
  });
});

describe('negative zero', () => {
  it('is read as 0, from a file as from JSON text', () => {
    const r = validateScenario(JSON.parse('{"version": 2, "exitSharePct": -0, "hashrateGrowthPctPerMonth": -0}'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.is(r.scenario.exitSharePct, 0)).toBe(true);
    expect(Object.is(r.scenario.hashrateGrowthPctPerMonth, 0)).toBe(true);
    expect(JSON.stringify(r.scenario)).not.toContain('-0');
  });
});
