// The keys of scenario version 2 (docs/model.md §7.6) in the registry: their groups, ranges and
// whole numbers, their version-1 values (with which every scenario keeps its version-1 results)
// and their version-2 defaults, the marginal hashcost computed from the default start state, and
// the validation messages of the new ranges.
import { describe, expect, it } from 'vitest';
import calibration from '../vectors/model-calibration-v2.json' with { type: 'json' };
import {
  DEFAULT_NET_HASHCOST,
  PARAMS_BY_KEY,
  defaultInputs,
  hashrateEhsFor,
  rangeText,
  steadyStateHashprice,
  subsidyBtcAt,
  type ModelKey,
} from '../../src/model/registry/index.ts';
import { V1_CHANGED_DEFAULTS, V2_ADDED_KEYS, v2KeysAtV1 } from '../../src/model/scenario/migrations.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
import { encodeLink } from '../../src/model/url/write.ts';
import { defaultView } from '../../src/model/view.ts';

/** docs/model.md §7: each added key's group, range, version-1 value and version-2 default. */
const ADDED: Record<string, { group: string; min: number; max: number; v1: number; v2: number; integer?: boolean }> = {
  networkResponsePctPerMonth: { group: 'network', min: 0, max: 100, v1: 0, v2: 30 },
  netHashcostUsdPerPhDay: { group: 'network', min: 1, max: 1000, v1: 39.47, v2: 39.47 },
  hashSupplyElasticity: { group: 'network', min: 0.1, max: 10, v1: 3, v2: 3 },
  netMaxGrowthPctPerMonth: { group: 'network', min: 0, max: 100, v1: 8, v2: 8 },
  netMaxDeclinePctPerMonth: { group: 'network', min: 0, max: 99, v1: 15, v2: 15 },
  netFleetJPerTh: { group: 'network', min: 5, max: 200, v1: 22, v2: 22 },
  netPowerUsdPerKwh: { group: 'network', min: 0.005, max: 1, v1: 0.05, v2: 0.05 },
  feesGrowthPctPerYear: { group: 'network', min: -50, max: 100, v1: 0, v2: 0 },
  btcVolatilityPctPerYear: { group: 'network', min: 0, max: 300, v1: 0, v2: 50 },
  mothballOpexPct: { group: 'miner', min: 0, max: 100, v1: 100, v2: 30 },
  powerEscalatorPctPerYear: { group: 'miner', min: -10, max: 20, v1: 0, v2: 2 },
  asicResalePct: { group: 'miner', min: 0, max: 100, v1: 0, v2: 20 },
  renewalPct: { group: 'pivot', min: 0, max: 100, v1: 0, v2: 70 },
  discountRatePivotPct: { group: 'finance', min: 0, max: 100, v1: 10, v2: 8 },
  monteCarloPaths: { group: 'finance', min: 1, max: 100_000, v1: 1000, v2: 1000, integer: true },
  monteCarloSeed: { group: 'finance', min: 0, max: 4_294_967_295, v1: 1, v2: 1, integer: true },
};

/** docs/model.md §7.6: the version-1 keys whose default version 2 changes. */
const CHANGED = {
  hashrateGrowthPctPerMonth: { v1: 1, v2: 0 },
  efficiencyGainPctPerYear: { v1: 0, v2: 10 },
  discountRatePct: { v1: 10, v2: 12 },
  exitMultipleMine: { v1: 0, v2: 4 },
  exitMultiplePivot: { v1: 0, v2: 10 },
};

describe('the keys version 2 adds', () => {
  it('are the sixteen of docs/model.md §7.6', () => {
    expect([...V2_ADDED_KEYS].sort()).toEqual(Object.keys(ADDED).sort());
  });

  it.each(Object.entries(ADDED))('%s: group, range, whole numbers, version-1 default, version-2 default', (key, want) => {
    const p = PARAMS_BY_KEY[key as ModelKey];
    expect(p.group).toBe(want.group);
    expect([p.min, p.max]).toEqual([want.min, want.max]);
    expect(p.integer).toBe(want.integer ?? false);
    expect(p.v1Default).toBe(want.v1);
    expect(p.default).toBe(want.v2);
    expect(p.v2Default ?? p.v1Default).toBe(want.v2);
    expect(p.assumption).toBe(false);
    if (/Modelling assumption/.test(p.source)) expect(p.source.length).toBeGreaterThan(60);
  });

  it.each(Object.entries(CHANGED))('%s has its version-2 default, its version-1 one beside it', (key, want) => {
    const p = PARAMS_BY_KEY[key as ModelKey];
    expect(p.v1Default).toBe(want.v1);
    expect(p.default).toBe(want.v2);
    expect(p.v2Default).toBe(want.v2);
    expect(V1_CHANGED_DEFAULTS[key as keyof typeof V1_CHANGED_DEFAULTS]).toBe(want.v1);
  });

  it('has a version-2 default recorded only where it differs', () => {
    for (const p of Object.values(PARAMS_BY_KEY)) {
      if (p.v2Default !== undefined) expect(p.v2Default, p.key).not.toBe(p.v1Default);
    }
    const recorded = Object.values(PARAMS_BY_KEY)
      .filter((p) => p.v2Default !== undefined)
      .map((p) => p.key);
    const differ = [
      ...Object.keys(CHANGED),
      ...Object.entries(ADDED)
        .filter(([, a]) => a.v1 !== a.v2)
        .map(([k]) => k),
    ];
    expect(recorded.sort()).toEqual(differ.sort());
  });

  it('defaults in version 1 to the values with which a scenario keeps its version-1 results', () => {
    const inputs = defaultInputs(1);
    expect(Object.fromEntries(V2_ADDED_KEYS.map((k) => [k, inputs[k]]))).toEqual(v2KeysAtV1(inputs.discountRatePct));
    for (const [key, v1] of Object.entries(V1_CHANGED_DEFAULTS)) expect(inputs[key as ModelKey], key).toBe(v1);
  });

  it('says the growth key is the drift of hash supply when the network responds', () => {
    expect(PARAMS_BY_KEY.hashrateGrowthPctPerMonth.description).toMatch(/drift of hash supply at a given cost/);
    expect(PARAMS_BY_KEY.networkResponsePctPerMonth.description).toMatch(/marginal machine just pays/);
    expect(PARAMS_BY_KEY.hashSupplyElasticity.description).toMatch(/\(N \/ S\)\^\(1\/ε\)/);
    expect(PARAMS_BY_KEY.hashSupplyElasticity.source).toMatch(/2024 halving.*86\.39 T.*97 T, 117 T and 140 T/);
  });
});

describe('the hosting discount rate: the mining rate in version 1, a key of its own from version 2', () => {
  it('follows discountRatePct in a version-1 scenario that leaves it out, and defaults to 8 % in version 2', () => {
    expect(PARAMS_BY_KEY.discountRatePivotPct.derived).toBeUndefined();
    expect(resolveInputs({ version: 1 }).discountRatePivotPct).toBe(10);
    expect(resolveInputs({ version: 1, discountRatePct: 7 }).discountRatePivotPct).toBe(7);
    expect(resolveInputs({ version: 1, discountRatePct: 7, discountRatePivotPct: 6 }).discountRatePivotPct).toBe(6);
    expect(resolveInputs({ version: 2 }).discountRatePivotPct).toBe(8);
    expect(resolveInputs({ version: 2, discountRatePct: 7 }).discountRatePivotPct).toBe(8);
  });

  it("is written in a link where it differs from 8 %; a version-1 link's mining rate carries over to it", () => {
    const view = defaultView();
    expect(encodeLink({ version: 2, discountRatePct: 9 }, view)).toBe('?v=2&discountRatePct=9');
    expect(encodeLink({ version: 2, discountRatePivotPct: 8 }, view)).toBe('?v=2');
    expect(encodeLink({ version: 2, discountRatePivotPct: 6 }, view)).toBe('?v=2&discountRatePivotPct=6');
    const old = decodeLink('?v=1&discountRatePct=12');
    expect(resolveInputs(old.scenario)).toMatchObject({ discountRatePct: 12, discountRatePivotPct: 12 });
    // 12 % is version 2's mining rate, so only the hosting rate is spelt out.
    expect(encodeLink(old.scenario, view)).toContain('&discountRatePivotPct=12');
    expect(encodeLink(old.scenario, view)).not.toContain('&discountRatePct=');
  });
});

describe('the marginal hashcost: h(N0, 0) of the default start state (docs/model.md §7.1)', () => {
  it('is 144 · (3.125 + 0.036) · 90,922 · 10^15 / N0 = 39.4729 → $39.47/PH/day', () => {
    const n0 = (146.47e12 * 2 ** 32) / 600; // H/s, 1.04847e21
    expect(subsidyBtcAt(931_393)).toBe(3.125);
    const exact = (144 * (3.125 + 0.036) * 90_922 * 1e15) / n0;
    expect(exact).toBeCloseTo(39.4729, 4);
    expect(DEFAULT_NET_HASHCOST).toBe(39.47);
    expect(PARAMS_BY_KEY.netHashcostUsdPerPhDay.default).toBe(39.47);
    expect(PARAMS_BY_KEY.netHashcostUsdPerPhDay.source).toContain('144 · (s + F_1) · P0 · 10^15 / N0');
    expect(PARAMS_BY_KEY.netHashcostUsdPerPhDay.source).toContain('$39.47/PH/day');
    expect(PARAMS_BY_KEY.netHashcostUsdPerPhDay.derived).toBeUndefined();
  });

  it('is what the version-2 calibration cases starting from the same state use', () => {
    const cases = calibration.deterministic.map((c) => c.scenario as Record<string, number | string>);
    const same = cases.filter(
      (s) =>
        s.startHeight === 931_392 &&
        s.startDifficulty === 146.47e12 &&
        s.btcPriceUsd === 90_922 &&
        s.feesBtcPerBlock === 0.036 &&
        s.hashrateEhs === undefined,
    );
    expect(same.length).toBeGreaterThan(0);
    for (const s of same) {
      const h = steadyStateHashprice({
        startHeight: 931_392,
        hashrateEhs: hashrateEhsFor(146.47e12),
        btcPriceUsd: 90_922,
        feesBtcPerBlock: 0.036,
        feesGrowthPctPerYear: s.feesGrowthPctPerYear as number,
      });
      expect(s.netHashcostUsdPerPhDay).toBe(h);
    }
  });

  it('follows the start state it is given: subsidy of the next block, month 1 fees, price and hashrate', () => {
    const state = { startHeight: 839_999, hashrateEhs: 600, btcPriceUsd: 64_000, feesBtcPerBlock: 0.1 };
    // The next block is the 2024 halving's: 3.125 BTC.
    expect(steadyStateHashprice(state)).toBe(Math.round(((144 * 3.225 * 64_000 * 1e15) / 600e18) * 100) / 100);
    // Month 1's fees grow for half a month: F · 1.2^(1/24).
    const grown = steadyStateHashprice({ ...state, feesGrowthPctPerYear: 20 });
    expect(grown).toBe(Math.round(((144 * (3.125 + 0.1 * 1.2 ** (1 / 24)) * 64_000 * 1e15) / 600e18) * 100) / 100);
    expect(subsidyBtcAt(0)).toBe(50);
    expect(subsidyBtcAt(6_929_999)).toBe(1e-8);
    expect(subsidyBtcAt(6_930_000)).toBe(0);
  });
});

describe('validation of the new ranges', () => {
  const problem = (extra: Record<string, unknown>) => {
    const r = validateScenario({ version: 1, ...extra });
    return r.ok ? [] : r.problems.map((p) => p.message);
  };

  it.each([
    ['networkResponsePctPerMonth', 101, 'networkResponsePctPerMonth: expected a number from 0 to 100 %/month, got 101'],
    ['netHashcostUsdPerPhDay', 0.5, 'netHashcostUsdPerPhDay: expected a number from 1 to 1000 USD/PH/day, got 0.5'],
    ['hashSupplyElasticity', 0, 'hashSupplyElasticity: expected a number from 0.1 to 10, got 0'],
    ['netMaxGrowthPctPerMonth', -1, 'netMaxGrowthPctPerMonth: expected a number from 0 to 100 %/month, got -1'],
    ['netMaxDeclinePctPerMonth', 100, 'netMaxDeclinePctPerMonth: expected a number from 0 to 99 %/month, got 100'],
    ['netFleetJPerTh', 4, 'netFleetJPerTh: expected a number from 5 to 200 J/TH, got 4'],
    ['netPowerUsdPerKwh', 0.001, 'netPowerUsdPerKwh: expected a number from 0.005 to 1 USD/kWh, got 0.001'],
    ['feesGrowthPctPerYear', -60, 'feesGrowthPctPerYear: expected a number from -50 to 100 %/yr, got -60'],
    ['btcVolatilityPctPerYear', 301, 'btcVolatilityPctPerYear: expected a number from 0 to 300 %/yr, got 301'],
    ['mothballOpexPct', 120, 'mothballOpexPct: expected a number from 0 to 100 %, got 120'],
    ['powerEscalatorPctPerYear', 25, 'powerEscalatorPctPerYear: expected a number from -10 to 20 %/yr, got 25'],
    ['asicResalePct', -5, 'asicResalePct: expected a number from 0 to 100 %, got -5'],
    ['renewalPct', 100.5, 'renewalPct: expected a number from 0 to 100 %, got 100.5'],
    ['discountRatePivotPct', 101, 'discountRatePivotPct: expected a number from 0 to 100 %/yr, got 101'],
    ['monteCarloPaths', 0, 'monteCarloPaths: expected a whole number from 1 to 100000 paths, got 0'],
    ['monteCarloPaths', 250.5, 'monteCarloPaths: expected a whole number from 1 to 100000 paths, got 250.5'],
    ['monteCarloPaths', 100_001, 'monteCarloPaths: expected a whole number from 1 to 100000 paths, got 100001'],
    ['monteCarloSeed', 1.5, 'monteCarloSeed: expected a whole number from 0 to 4294967295, got 1.5'],
    ['monteCarloSeed', 2 ** 32, 'monteCarloSeed: expected a whole number from 0 to 4294967295, got 4294967296'],
    ['monteCarloSeed', -1, 'monteCarloSeed: expected a whole number from 0 to 4294967295, got -1'],
  ])('%s = %s', (key, value, message) => {
    expect(problem({ [key]: value })).toEqual([message]);
  });

  it('accepts each key at both ends of its range', () => {
    for (const key of V2_ADDED_KEYS) {
      const p = PARAMS_BY_KEY[key];
      expect(validateScenario({ version: 1, [key]: p.min }).ok, `${key} = ${rangeText(p)}`).toBe(true);
      expect(validateScenario({ version: 1, [key]: p.max }).ok, `${key} = ${rangeText(p)}`).toBe(true);
    }
  });
});
