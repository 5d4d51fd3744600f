// The presets: well-formed version-2 files holding only what differs from version 2's defaults; the
// examples on the terms they name and telling the stories their names promise (through the WASM
// kernel); the deals reproducing their announced value from their own keys, with a dated source.
import { describe, expect, it } from 'vitest';
import { createNodeModel } from '../../src/kernel/load-node.ts';
import type { ModelInputs } from '../../src/model/keys.ts';
import { PRESETS, findPreset, presetScenario, type Preset } from '../../src/model/presets.ts';
import { PARAMS_BY_KEY, TEXT_PARAMS_BY_KEY, defaultInputs, isModelKey, isTextKey } from '../../src/model/registry/index.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { MONTH } from '../helpers/scenarios.ts';

const model = createNodeModel();
const inputsOf = (p: Preset): ModelInputs => resolveInputs(presetScenario(p));
const EXAMPLES = PRESETS.filter((p) => p.kind === 'example');
const DEALS = PRESETS.filter((p) => p.kind === 'deal');

describe('presets', () => {
  it('are at least five examples and six deals, with unique slugs', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
    expect(DEALS.length).toBeGreaterThanOrEqual(6);
    expect(EXAMPLES.length + DEALS.length).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))('%s is well formed and validates', (name, p) => {
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(p.title.length).toBeGreaterThan(5);
    expect(p.description.length).toBeGreaterThan(10);
    expect(p.description).not.toContain('\n');
    expect(p.sources.length).toBeGreaterThan(0);
    // Each source is dated: a year at least.
    for (const s of p.sources) expect(s, s).toMatch(/\b(19|20)\d\d\b/);
    expect('version' in p.overrides).toBe(false);
    const r = validateScenario(presetScenario(p));
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(() => resolveInputs(r.scenario)).not.toThrow();
    // Only what differs from the defaults of the preset's version.
    for (const [key, value] of Object.entries(p.overrides)) {
      if (isModelKey(key)) expect(value, key).not.toBe(defaultInputs(p.version)[key]);
      else if (isTextKey(key)) expect(value, key).not.toBe(TEXT_PARAMS_BY_KEY[key].default);
    }
    expect(findPreset(name)).toBe(p);
    expect(p.announcedValueUsd !== undefined, 'announcedValueUsd exactly for a deal').toBe(p.kind === 'deal');
    expect(p.terms !== undefined, 'terms exactly for a deal').toBe(p.kind === 'deal');
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))('%s is a version-2 file: version 2’s defaults and its own keys', (_name, p) => {
    expect(p.version).toBe(2);
    expect(presetScenario(p).version).toBe(2);
    const { name: _title, ...keys } = p.overrides;
    expect(inputsOf(p)).toEqual({ ...defaultInputs(2), ...keys });
  });

  it('carry the terms they are named after', () => {
    const inputs = (name: string) => inputsOf(findPreset(name)!);
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
    // The high-cost miner pays more per hash than the default miner: power × J/TH × PUE.
    const high = inputs('high-cost-miner-2028-halving');
    const base = defaultInputs(2);
    const perHash = (i: ModelInputs) => i.powerUsdPerKwh * i.fleetJPerTh * i.miningPue;
    // 0.043 · 21 · 1.08 = 0.97524 against 0.04 · 20 · 1.05 = 0.84: 16 % more per hash.
    expect(perHash(high) / perHash(base)).toBeCloseTo(0.97524 / 0.84, 12);
    expect(perHash(high) / perHash(base)).toBeGreaterThan(1.15);
    expect(inputs('low-cost-miner-abroad')).toMatchObject({ powerUsdPerKwh: 0.03, miningPue: 1.03 });
  });

  it('returns undefined for an unknown name', () => {
    expect(findPreset('nope')).toBeUndefined();
  });
});

/** Hours in a month (docs/model.md §3.3) and days. */
const HOURS = 730.5;
const DAYS = HOURS / 24;

/**
 * A month's mining figures on the keep-mining path, from `project`'s hashprice (the month's BTC per
 * PH/s per day × mid-month price) for a site with no curtailment and no refresh (docs/model.md §3,
 * §7.2): revenue = u · (1−f) · fleet PH/s · hashprice · days; power = M · 1000 · 730.5 · u · p ·
 * (1+x)^floor((m−1)/12); the fleet is off when revenue < power + (1−b) · o · M, and then its cash
 * flow is −b · o · M.
 */
function miningMonth(i: ModelInputs, m: number, hashprice: number) {
  const u = i.uptimePct / 100;
  const fleetPh = (i.siteMw * 1e6) / i.miningPue / i.fleetJPerTh / 1000;
  const revenue = u * (1 - i.poolFeePct / 100) * fleetPh * hashprice * DAYS;
  const power = i.siteMw * 1000 * HOURS * u * i.powerUsdPerKwh * (1 + i.powerEscalatorPctPerYear / 100) ** Math.floor((m - 1) / 12);
  const opex = i.opexUsdPerMwMonth * i.siteMw;
  const b = i.mothballOpexPct / 100;
  const off = revenue < power + (1 - b) * opex;
  return { off, cashFlow: off ? -b * opex : revenue - power - opex };
}

describe('the examples tell the stories their names promise', () => {
  it('high-cost-miner-2028-halving: earns every month until the 2028 halving, then mothballs within 3 months and stays off', () => {
    const i = { ...inputsOf(findPreset('high-cost-miner-2028-halving')!), btcVolatilityPctPerYear: 0 };
    expect(i).toMatchObject({ curtailedPct: 0, refreshYears: 0, mothballOpexPct: 30 });
    const p = model.project(i);
    const mine = model.evaluate(i).cashFlows.mine;
    const n = mine.length;
    // The halving at height 1,050,000 (subsidy 3.125 → 1.5625 BTC), in month floor(t / month) + 1.
    const halving = p.halvings.find((h) => h.height === 1_050_000)!;
    expect(halving.subsidyBtc).toBe(1.5625);
    const halvingMonth = Math.floor(halving.seconds / MONTH) + 1;
    expect(halvingMonth).toBeGreaterThan(12);
    // Month by month the kernel's cash flow is the rule above (the last month adds the exit value).
    const months = p.months.map((row, k) => miningMonth(i, k + 1, row.hashpriceUsdPerPhDay));
    for (let m = 1; m < n; m++) expect(mine[m - 1], `month ${m}`).toBeCloseTo(months[m - 1].cashFlow, 3);
    // It earns (fleet on, cash flow positive) in every month before the halving…
    for (let m = 1; m < halvingMonth; m++) {
      expect(months[m - 1].off, `month ${m}`).toBe(false);
      expect(mine[m - 1], `month ${m}`).toBeGreaterThan(0);
    }
    // …and mothballs within 3 months after it, paying b · o · M = 30 % · $10,000 · 100 MW = $300,000 a month…
    const firstOff = months.findIndex((row) => row.off) + 1;
    expect(firstOff).toBeGreaterThanOrEqual(halvingMonth);
    expect(firstOff).toBeLessThanOrEqual(halvingMonth + 3);
    expect(mine[firstOff - 1]).toBeCloseTo(-300_000, 6);
    // …and stays off to the horizon (the network's recovery after the halving does not bring it back).
    for (let m = firstOff; m < n; m++) expect(mine[m - 1], `month ${m}`).toBeCloseTo(-300_000, 6);
  });

  it('high-cost-miner-2028-halving earns less than the default miner on the same network, month by month', () => {
    const high = { ...inputsOf(findPreset('high-cost-miner-2028-halving')!), btcVolatilityPctPerYear: 0 };
    const base = { ...defaultInputs(2), btcVolatilityPctPerYear: 0 };
    const [h, b] = [model.evaluate(high).cashFlows.mine, model.evaluate(base).cashFlows.mine];
    for (let m = 1; m <= 24; m++) expect(b[m - 1], `month ${m}`).toBeGreaterThan(h[m - 1]);
  });

  it('low-cost-miner-abroad: mining pays at the default price (NPV of keep mining > 0), refreshes and all', () => {
    const preset = findPreset('low-cost-miner-abroad')!;
    expect(preset.overrides).not.toHaveProperty('btcPriceUsd');
    expect(preset.overrides).not.toHaveProperty('btcPriceGrowthPctPerYear');
    // σ plays no part in npv (the deterministic model's); 0 skips the paths.
    const i = { ...inputsOf(preset), btcVolatilityPctPerYear: 0 };
    expect(i.btcPriceUsd).toBe(defaultInputs(2).btcPriceUsd);
    const e = model.evaluate(i);
    expect(e.npv.mine).toBeGreaterThan(0);
    // Its first month alone: on, and a margin of more than half its power bill.
    const first = miningMonth(i, 1, model.project(i).months[0].hashpriceUsdPerPhDay);
    expect(first.off).toBe(false);
    expect(e.cashFlows.mine[0]).toBeCloseTo(first.cashFlow, 3);
    expect(first.cashFlow).toBeGreaterThan(0.5 * i.siteMw * 1000 * HOURS * (i.uptimePct / 100) * i.powerUsdPerKwh);
  });
});

/**
 * A deal's revenue over its initial term from its own keys (docs/model.md §4.2–§4.3): critical IT MW
 * = siteMw · pivotSharePct / 100 / grossToItRatio, times 1000 kW, the first-year rent L, and the sum
 * over the term's 12·T months of the escalator factor (1 + esc)^floor((k − 1) / 12).
 */
function termRevenueUsd(i: ModelInputs): number {
  const itMw = (i.siteMw * i.pivotSharePct) / 100 / i.grossToItRatio;
  let factors = 0;
  for (let k = 1; k <= 12 * i.leaseTermYears; k++) factors += (1 + i.leaseEscalatorPct / 100) ** Math.floor((k - 1) / 12);
  return itMw * 1000 * i.leaseUsdPerKwMonth * factors;
}

describe('the deal library', () => {
  it('the term revenue, worked by hand for Hut 8–Fluidstack', () => {
    // 330 MW / 1.35 = 244.44 MW of IT; Σ = 12 · (1.03^15 − 1) / 0.03 = 12 · 18.5989 = 223.187;
    // 244.444 · 1000 · $128 · 223.187 = $6.983B, 0.24 % under the announced $7.0B.
    const i = inputsOf(findPreset('hut8-fluidstack-2025')!);
    expect(termRevenueUsd(i)).toBeCloseTo((330 / 1.35) * 1000 * 128 * ((12 * (1.03 ** 15 - 1)) / 0.03), 0);
    expect(termRevenueUsd(i) / 7.0e9 - 1).toBeCloseTo(-0.0024, 4);
  });

  it.each(DEALS.map((p) => [p.name, p] as const))('%s reproduces its announced value within 2 % from its own keys', (_name, p) => {
    const value = termRevenueUsd(inputsOf(p));
    expect(Math.abs(value / p.announcedValueUsd! - 1), `${value} against ${p.announcedValueUsd}`).toBeLessThanOrEqual(0.02);
  });

  it.each(DEALS.map((p) => [p.name, p] as const))('%s carries its announced terms and names a dated source', (_name, p) => {
    const t = p.terms!;
    const i = inputsOf(p);
    expect(t.announced).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(Number.isNaN(Date.parse(t.announced))).toBe(false);
    expect(p.sources.join(' ')).toContain(t.announced);
    expect(p.sources.join(' ')).toContain(t.host);
    // The whole site converts; its critical IT load is the announced one within 1 %.
    expect(i.pivotSharePct).toBe(100);
    expect(Math.abs(i.siteMw / i.grossToItRatio / t.criticalItMw - 1)).toBeLessThan(0.01);
    expect(i.leaseTermYears).toBe(t.termYears);
    // A published escalator is the preset's; an unpublished one is an assumption the description states.
    if (t.escalatorPct !== null) expect(i.leaseEscalatorPct).toBe(t.escalatorPct);
    else expect(p.description).toMatch(/Assumed:.*(escalator|flat rent)/);
    // A backstop shows as recovery above the registry's default; without one, none.
    const recovery = PARAMS_BY_KEY.recoveryPct.default;
    if (t.backstop !== null) expect(i.recoveryPct).toBeGreaterThan(recovery);
    else expect(i.recoveryPct).toBeLessThanOrEqual(recovery);
    // The build and the whole initial term lie inside the horizon.
    expect(i.horizonYears * 12).toBeGreaterThanOrEqual(i.pivotStartMonth + i.buildMonths + 12 * i.leaseTermYears);
    expect(p.description).toContain('Assumed:');
  });
});
