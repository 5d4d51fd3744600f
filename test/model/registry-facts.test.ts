// The registry as the one place for a key's facts: the key order the kernel reads, the stages a
// change invalidates, the plausible ranges and their sources, and the chart's assumption keys.
import { describe, expect, it } from 'vitest';
import { KEY_ASSUMPTIONS } from '../../src/charts/export.ts';
import { MODEL_KEYS } from '../../src/model/keys.ts';
import { ASSUMPTION_KEYS, REGISTRY, STAGES, TEXT_REGISTRY, type Stage } from '../../src/model/registry/index.ts';
import { FINANCE } from '../../src/model/registry/finance.ts';
import { MINER } from '../../src/model/registry/miner.ts';
import { NETWORK } from '../../src/model/registry/network.ts';
import { PIVOT } from '../../src/model/registry/pivot.ts';

/** The stages each key invalidates, as the kernel's sweep recomputes them. */
const PROJECTION: Stage[] = ['network', 'mining', 'prices'];
const EXPECTED_STAGES: Record<string, Stage[]> = {
  horizonYears: [...STAGES],
  ...Object.fromEntries(
    [
      'startHeight',
      'startDifficulty',
      'epochElapsedSeconds',
      'hashrateEhs',
      'hashrateGrowthPctPerMonth',
      'exitSharePct',
      'exitMonth',
      'feesBtcPerBlock',
      'networkResponsePctPerMonth',
      'netHashcostUsdPerPhDay',
      'hashSupplyElasticity',
      'netMaxGrowthPctPerMonth',
      'netMaxDeclinePctPerMonth',
      'feesGrowthPctPerYear',
      'btcVolatilityPctPerYear',
    ].map((k) => [k, PROJECTION]),
  ),
  netFleetJPerTh: ['prices'],
  netPowerUsdPerKwh: ['prices'],
  discountRatePivotPct: ['finance'],
  // The price path and the falling cost of hashing move N* when the network answers back.
  btcPriceUsd: ['prices', 'response'],
  btcPriceGrowthPctPerYear: ['finance', 'prices', 'response'],
  // The attack figures price the network's machines (ASIC price) and their power (efficiency).
  asicUsdPerTh: ['mining', 'prices'],
  efficiencyGainPctPerYear: ['mining', 'prices', 'response'],
  discountRatePct: ['finance'],
  siteMw: ['mining', 'pivot'],
  ...Object.fromEntries(
    [
      'pivotSharePct',
      'pivotStartMonth',
      'grossToItRatio',
      'buildMonths',
      'leaseEscalatorPct',
      'leaseTermYears',
      'noiMarginPct',
      'defaultPctPerYear',
      'recoveryPct',
      'asicResalePct',
      'renewalPct',
    ].map((k) => [k, ['pivot']]),
  ),
  ...Object.fromEntries(
    [
      'miningPue',
      'fleetJPerTh',
      'uptimePct',
      'poolFeePct',
      'powerUsdPerKwh',
      'opexUsdPerMwMonth',
      'demandResponseUsdPerMwh',
      'refreshYears',
      'curtailedPct',
      'mothballOpexPct',
      'powerEscalatorPctPerYear',
    ].map((k) => [k, ['mining']]),
  ),
  ...Object.fromEntries(
    ['capexMusdPerMwIt', 'leaseUsdPerKwMonth', 'exitMultipleMine', 'exitMultiplePivot', 'monteCarloPaths', 'monteCarloSeed'].map((k) => [
      k,
      [],
    ]),
  ),
};

/** A chart's assumption line, in this order. */
const ASSUMPTIONS = [
  'siteMw',
  'powerUsdPerKwh',
  'fleetJPerTh',
  'btcPriceUsd',
  'btcPriceGrowthPctPerYear',
  'hashrateGrowthPctPerMonth',
  'leaseUsdPerKwMonth',
  'capexMusdPerMwIt',
  'pivotSharePct',
  'horizonYears',
  'discountRatePct',
];

/** Words that point at planning documents rather than at a public reference. */
const INTERNAL = /domain\.md|seeds?\b|typical values/i;

describe('registry: one place for each key', () => {
  it('names the keys once, in the kernel order: network, miner, pivot, finance', () => {
    const groups = [NETWORK, MINER, PIVOT, FINANCE].map((g) => Object.keys(g));
    expect([...MODEL_KEYS]).toEqual(groups.flat());
    expect(REGISTRY.map((p) => p.key)).toEqual([...MODEL_KEYS]);
    expect(new Set(MODEL_KEYS).size).toBe(MODEL_KEYS.length);
    expect(MODEL_KEYS).toHaveLength(53);
    expect(MODEL_KEYS[0]).toBe('startHeight');
    expect(MODEL_KEYS.at(-1)).toBe('monteCarloSeed');
  });

  it.each(REGISTRY.map((p) => [p.key, p] as const))('%s: stages within STAGES, as the kernel recomputes them', (key, p) => {
    for (const s of p.stages) expect(STAGES).toContain(s);
    expect(new Set(p.stages).size).toBe(p.stages.length);
    expect([...p.stages].sort()).toEqual([...EXPECTED_STAGES[key]].sort());
  });

  it.each(REGISTRY.filter((p) => p.plausible).map((p) => [p.key, p] as const))(
    '%s: plausible range inside [min, max], sourced',
    (_key, p) => {
      const r = p.plausible!;
      expect(r.low).toBeLessThan(r.high);
      expect(r.low).toBeGreaterThanOrEqual(p.min);
      expect(r.high).toBeLessThanOrEqual(p.max);
      if (r.log) expect(r.low).toBeGreaterThan(0);
      expect(r.source.trim().length).toBeGreaterThan(10);
    },
  );

  it('gives the keys analysts argue over a plausible range', () => {
    const keys = REGISTRY.filter((p) => p.plausible).map((p) => p.key);
    expect(keys).toHaveLength(34);
    for (const key of ['btcPriceUsd', 'leaseUsdPerKwMonth', 'powerUsdPerKwh', 'capexMusdPerMwIt', 'discountRatePct']) {
      expect(keys).toContain(key);
    }
  });

  it('cites public references, not planning documents', () => {
    for (const p of REGISTRY) {
      expect(p.source, p.key).not.toMatch(INTERNAL);
      if (p.plausible) expect(p.plausible.source, p.key).not.toMatch(INTERNAL);
      if (p.derived) expect(p.derived, p.key).not.toMatch(INTERNAL);
    }
    for (const t of TEXT_REGISTRY) expect(t.source, t.key).not.toMatch(INTERNAL);
  });

  it('lists the assumption keys in the order a chart names them', () => {
    expect([...ASSUMPTION_KEYS]).toEqual(ASSUMPTIONS);
    expect([...KEY_ASSUMPTIONS]).toEqual(ASSUMPTIONS);
    const orders = REGISTRY.filter((p) => p.assumption).map((p) => p.assumptionOrder);
    expect([...orders].sort((a, b) => a! - b!)).toEqual(ASSUMPTIONS.map((_, i) => i + 1));
    for (const p of REGISTRY) expect(p.assumptionOrder === undefined, p.key).toBe(!p.assumption);
  });
});
