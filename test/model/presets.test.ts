// The presets: well-formed, valid, only what differs from the defaults, and on the terms they name.
import { describe, expect, it } from 'vitest';
import { PRESETS, findPreset, presetScenario } from '../../src/model/presets.ts';
import { PARAMS_BY_KEY, TEXT_PARAMS_BY_KEY, defaultInputs, isModelKey, isTextKey } from '../../src/model/registry/index.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';

describe('presets', () => {
  it('are at least five, with unique slugs', () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(5);
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))('%s is well formed and validates', (name, p) => {
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(p.title.length).toBeGreaterThan(5);
    expect(p.description.length).toBeGreaterThan(10);
    expect(p.description).not.toContain('\n');
    expect(p.sources.length).toBeGreaterThan(0);
    for (const s of p.sources) expect(s.trim().length).toBeGreaterThan(10);
    expect('version' in p.overrides).toBe(false);
    const r = validateScenario(presetScenario(p));
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(() => resolveInputs(r.scenario)).not.toThrow();
    // Only what differs from the defaults of the preset's version.
    expect(p.version).toBe(1);
    for (const [key, value] of Object.entries(p.overrides)) {
      if (isModelKey(key)) expect(value, key).not.toBe(defaultInputs(p.version)[key]);
      else if (isTextKey(key)) expect(value, key).not.toBe(TEXT_PARAMS_BY_KEY[key].default);
    }
    expect(findPreset(name)).toBe(p);
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))('%s is a version-1 file and keeps its version-1 inputs', (_name, p) => {
    expect(presetScenario(p).version).toBe(1);
    const r = validateScenario(presetScenario(p));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const { name: _title, ...keys } = p.overrides;
    const rate = keys.discountRatePct ?? 10;
    expect(resolveInputs(r.scenario)).toEqual({ ...defaultInputs(1), ...keys, discountRatePivotPct: rate });
    expect(resolveInputs(r.scenario)).toMatchObject({ networkResponsePctPerMonth: 0, btcVolatilityPctPerYear: 0, mothballOpexPct: 100 });
  });

  it('carry the terms they are named after', () => {
    const inputs = (name: string) => resolveInputs(presetScenario(findPreset(name)!));
    expect(inputs('full-pivot-coreweave-terms')).toMatchObject({
      pivotSharePct: 100,
      leaseUsdPerKwMonth: 121,
      leaseTermYears: 12,
      grossToItRatio: 1.43,
    });
    const backstop = inputs('lease-with-hyperscaler-backstop');
    expect(backstop).toMatchObject({ leaseUsdPerKwMonth: 155, grossToItRatio: 1.25 });
    expect(backstop.defaultPctPerYear).toBeLessThan(PARAMS_BY_KEY.defaultPctPerYear.default);
    expect(backstop.recoveryPct).toBeGreaterThan(PARAMS_BY_KEY.recoveryPct.default);
    const hybrid = inputs('hybrid-curtailable-mining');
    expect(hybrid.pivotSharePct).toBe(50);
    expect(hybrid.curtailedPct).toBeGreaterThan(0);
    expect(hybrid.demandResponseUsdPerMwh).toBeGreaterThan(0);
    expect(inputs('high-cost-miner-2028-halving')).toMatchObject({ powerUsdPerKwh: 0.07, fleetJPerTh: 25 });
    expect(inputs('low-cost-miner-abroad')).toMatchObject({ powerUsdPerKwh: 0.03, miningPue: 1.03 });
  });

  it('returns undefined for an unknown name', () => {
    expect(findPreset('nope')).toBeUndefined();
  });
});
