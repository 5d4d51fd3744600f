// The parameter registry against docs/model.md §6: every model key, sane ranges, sourced defaults,
// the whole-number keys, and the derived defaults resolution recomputes.
import { describe, expect, it } from 'vitest';
import { MODEL_KEYS } from '../../src/model/keys.ts';
import {
  CURRENT_VERSION,
  PARAMS_BY_KEY,
  REGISTRY,
  SCENARIO_KEYS,
  TEXT_REGISTRY,
  defaultInputs,
  defaultScenario,
  epochElapsedSecondsFor,
  hashrateEhsFor,
  rangeText,
} from '../../src/model/registry/index.ts';
import { parseStartDate } from '../../src/model/scenario/dates.ts';
import { MIGRATIONS, migrate } from '../../src/model/scenario/migrations.ts';
import { resolveInputs, resolveScenario } from '../../src/model/scenario/resolve.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';

/** docs/model.md §6.3: "Whole numbers: …". */
const WHOLE = [
  'startHeight',
  'exitMonth',
  'horizonYears',
  'refreshYears',
  'pivotStartMonth',
  'buildMonths',
  'leaseTermYears',
  'monteCarloPaths',
  'monteCarloSeed',
];
/** Shares and probabilities: within [0, 100]. */
const SHARES = [
  'exitSharePct',
  'uptimePct',
  'poolFeePct',
  'curtailedPct',
  'pivotSharePct',
  'noiMarginPct',
  'defaultPctPerYear',
  'recoveryPct',
  'mothballOpexPct',
  'asicResalePct',
  'renewalPct',
];
/** Dimensionless keys, whose unit is empty. */
const DIMENSIONLESS = ['startDifficulty', 'miningPue', 'hashSupplyElasticity', 'monteCarloSeed'];

describe('registry', () => {
  it('lists every model key once, in MODEL_KEYS order', () => {
    expect(REGISTRY.map((p) => p.key)).toEqual([...MODEL_KEYS]);
    for (const key of MODEL_KEYS) expect(PARAMS_BY_KEY[key].key).toBe(key);
  });

  it.each(REGISTRY.map((p) => [p.key, p] as const))('%s: unit, range, default and source', (key, p) => {
    expect(typeof p.unit).toBe('string');
    if (!DIMENSIONLESS.includes(key)) expect(p.unit.length).toBeGreaterThan(0);
    expect(p.label.length).toBeGreaterThan(0);
    expect(['network', 'miner', 'pivot', 'finance']).toContain(p.group);
    expect(Number.isFinite(p.min) && Number.isFinite(p.max)).toBe(true);
    expect(p.min).toBeLessThan(p.max);
    expect(p.default).toBeGreaterThanOrEqual(p.min);
    expect(p.default).toBeLessThanOrEqual(p.max);
    expect(p.step).toBeGreaterThan(0);
    expect(p.source.trim().length).toBeGreaterThan(5);
    expect(p.description.trim().length).toBeGreaterThan(5);
    expect(p.description).not.toContain('\n');
    expect(p.integer).toBe(WHOLE.includes(key));
    if (p.integer) {
      expect(Number.isInteger(p.default) && Number.isInteger(p.min) && Number.isInteger(p.max)).toBe(true);
    }
  });

  it('groups keys as docs/model.md §6.2 does', () => {
    const groups = Object.fromEntries(
      ['network', 'miner', 'pivot', 'finance'].map((g) => [g, REGISTRY.filter((p) => p.group === g).map((p) => p.key)]),
    );
    expect(groups.network).toEqual([
      'startHeight',
      'startDifficulty',
      'epochElapsedSeconds',
      'hashrateEhs',
      'hashrateGrowthPctPerMonth',
      'exitSharePct',
      'exitMonth',
      'btcPriceUsd',
      'btcPriceGrowthPctPerYear',
      'feesBtcPerBlock',
      'horizonYears',
      'networkResponsePctPerMonth',
      'netHashcostUsdPerPhDay',
      'hashSupplyElasticity',
      'netMaxGrowthPctPerMonth',
      'netMaxDeclinePctPerMonth',
      'netFleetJPerTh',
      'netPowerUsdPerKwh',
      'feesGrowthPctPerYear',
      'btcVolatilityPctPerYear',
    ]);
    expect(groups.miner).toHaveLength(15);
    expect(groups.miner.slice(12)).toEqual(['mothballOpexPct', 'powerEscalatorPctPerYear', 'asicResalePct']);
    expect(groups.pivot).toHaveLength(12);
    expect(groups.pivot.at(-1)).toBe('renewalPct');
    expect(groups.finance).toEqual([
      'discountRatePct',
      'exitMultipleMine',
      'exitMultiplePivot',
      'discountRatePivotPct',
      'monteCarloPaths',
      'monteCarloSeed',
    ]);
  });

  it('keeps shares and probabilities in [0, 100], exitSharePct below 100, builds of at least a month', () => {
    for (const key of SHARES) {
      const p = PARAMS_BY_KEY[key as (typeof MODEL_KEYS)[number]];
      expect(p.unit.startsWith('%'), key).toBe(true);
      expect(p.min, key).toBeGreaterThanOrEqual(0);
      expect(p.max, key).toBeLessThanOrEqual(100);
    }
    expect(PARAMS_BY_KEY.exitSharePct.max).toBeLessThan(100);
    expect(PARAMS_BY_KEY.buildMonths.min).toBe(1);
    expect(PARAMS_BY_KEY.btcPriceUsd.min).toBe(1);
    expect(PARAMS_BY_KEY.btcPriceUsd.max).toBe(1e8);
    expect(PARAMS_BY_KEY.horizonYears).toMatchObject({ min: 1, max: 30 });
    expect(PARAMS_BY_KEY.startHeight).toMatchObject({ min: 0, max: 6_929_999 });
    expect(PARAMS_BY_KEY.hashrateGrowthPctPerMonth).toMatchObject({ min: -10, max: 20 });
  });

  it('starts from a real retarget: an epoch boundary with its date and sources', () => {
    const { startHeight, startDifficulty, btcPriceUsd, feesBtcPerBlock } = defaultInputs();
    expect(startHeight % 2016).toBe(0);
    expect(startHeight).toBe(931_392);
    expect(startDifficulty).toBe(146.47e12);
    // Between the 2024 halving (840,000) and the next one, ≈144 blocks a day after 2024-04-20.
    const days = (parseStartDate(defaultScenario().startDate) - Date.parse('2024-04-20T00:00:00Z')) / 86_400_000;
    expect(Math.abs(840_000 + days * 144 - startHeight)).toBeLessThan(3 * 2016);
    expect(btcPriceUsd).toBeGreaterThan(10_000);
    expect(feesBtcPerBlock).toBeGreaterThan(0);
    for (const key of ['startHeight', 'startDifficulty', 'btcPriceUsd', 'feesBtcPerBlock'] as const) {
      expect(PARAMS_BY_KEY[key].source).toMatch(/20(2[4-6])/);
    }
  });

  it('derives hashrateEhs and epochElapsedSeconds from the start state', () => {
    expect(PARAMS_BY_KEY.hashrateEhs.default).toBe((146.47e12 * 2 ** 32) / 600 / 1e18);
    expect(PARAMS_BY_KEY.hashrateEhs.default).toBeCloseTo(1048.47, 2);
    expect(PARAMS_BY_KEY.hashrateEhs.derived).toBeTruthy();
    expect(PARAMS_BY_KEY.epochElapsedSeconds.default).toBe(0);
    expect(PARAMS_BY_KEY.epochElapsedSeconds.derived).toBeTruthy();
    expect(hashrateEhsFor(1)).toBeGreaterThanOrEqual(PARAMS_BY_KEY.hashrateEhs.min);
    expect(hashrateEhsFor(1e18)).toBeLessThanOrEqual(PARAMS_BY_KEY.hashrateEhs.max);
    expect(epochElapsedSecondsFor(931_393)).toBe(600);
    expect(epochElapsedSecondsFor(2015)).toBe(2015 * 600);
  });

  it('has the text keys: startDate, name (≤ 120), notes (≤ 4000)', () => {
    expect(TEXT_REGISTRY.map((t) => t.key)).toEqual(['startDate', 'name', 'notes']);
    expect(TEXT_REGISTRY.find((t) => t.key === 'name')?.maxLength).toBe(120);
    expect(TEXT_REGISTRY.find((t) => t.key === 'notes')?.maxLength).toBe(4000);
    expect(new Date(TEXT_REGISTRY[0].default).toISOString()).toBe(TEXT_REGISTRY[0].default);
    for (const t of TEXT_REGISTRY) expect(t.source.length).toBeGreaterThan(0);
    expect(SCENARIO_KEYS).toEqual(['version', 'startDate', ...MODEL_KEYS, 'name', 'notes']);
  });

  it('writes range text with the unit', () => {
    expect(rangeText(PARAMS_BY_KEY.siteMw)).toBe('from 0.1 to 10000 MW');
    expect(rangeText(PARAMS_BY_KEY.buildMonths)).toBe('a whole number from 1 to 120 months');
  });
});

describe('defaults and resolution', () => {
  it('defaultScenario() is version 2 with every key, and validates', () => {
    const s = defaultScenario();
    expect(s.version).toBe(CURRENT_VERSION);
    expect(CURRENT_VERSION).toBe(2);
    expect(Object.keys(s).sort()).toEqual([...SCENARIO_KEYS].sort());
    const r = validateScenario(s);
    expect(r.ok).toBe(true);
    if (r.ok) expect(resolveInputs(r.scenario)).toEqual(defaultInputs());
  });

  it('resolves an empty scenario to the defaults of its version', () => {
    expect(resolveInputs({ version: 2 })).toEqual(defaultInputs());
    expect(resolveScenario({ version: 2 })).toEqual(defaultScenario());
    expect(resolveInputs({ version: 1 })).toEqual(defaultInputs(1));
    expect(resolveScenario({ version: 1 })).toEqual({ ...defaultScenario(), ...defaultInputs(1) });
  });

  it('recomputes derived keys when they are absent, and keeps them when given', () => {
    const a = resolveInputs({ version: 1, startDifficulty: 100e12, startHeight: 931_500 });
    expect(a.hashrateEhs).toBe((100e12 * 2 ** 32) / 600 / 1e18);
    expect(a.epochElapsedSeconds).toBe(108 * 600);
    const b = resolveInputs({ version: 1, startDifficulty: 100e12, hashrateEhs: 500, startHeight: 931_500, epochElapsedSeconds: 1234 });
    expect(b.hashrateEhs).toBe(500);
    expect(b.epochElapsedSeconds).toBe(1234);
  });

  it('has one migration, from version 1, and migrate leaves a version-2 scenario alone', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual([1]);
    const raw = { version: 2, siteMw: 5 };
    expect(migrate(raw)).toEqual(raw);
    expect(migrate({ version: 1, siteMw: 5 })).toMatchObject({ version: 2, siteMw: 5, networkResponsePctPerMonth: 0 });
  });
});
