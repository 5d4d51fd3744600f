/**
 * The page's link (src/state/link.ts) on top of the codec: what counts as a link in the address,
 * the address of a scenario the explorer holds while someone types (invalid keys left out), and
 * that it reads back as what was shown. The codec's own tables are test/model/url.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, defaultInputs } from '../../src/model/registry/index.ts';
import { V1_CHANGED_DEFAULTS, v2KeysAtV1 } from '../../src/model/scenario/migrations.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import type { Scenario } from '../../src/model/scenario/types.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
import { defaultView, type View } from '../../src/model/view.ts';
import { describeIgnored, hasLinkParams, hrefFor, linkableScenario, readArrivingLink } from '../../src/state/link.ts';

const view = defaultView();
const page = 'https://example.test/hashpivot/?old=1#top';

describe('hasLinkParams / readArrivingLink', () => {
  it.each([
    ['', false],
    ['?', false],
    ['?&&', false],
    ['?v=1', true],
    ['?utm_source=mail', true],
    ['https://x.test/?siteMw=5#h', true],
    ['https://x.test/#?siteMw=5', false],
  ])('%j has a link: %s', (search, expected) => {
    expect(hasLinkParams(search)).toBe(expected);
  });

  it('tells the bare page, an embed and a link apart', () => {
    expect(readArrivingLink('').kind).toBe('none');
    expect(readArrivingLink('?v=2&embed=1').kind).toBe('embed');
    const r = readArrivingLink('?v=2&siteMw=250&bogus=1');
    expect(r.kind).toBe('link');
    if (r.kind !== 'link') return;
    expect(r.link.scenario).toEqual({ version: 2, siteMw: 250 });
    expect(r.link.ignored.map((i) => i.param)).toEqual(['bogus']);
  });
});

describe('hrefFor: the address follows what is shown, and reads back as it', () => {
  const cases: [string, Scenario, View][] = [
    ['defaults', { version: CURRENT_VERSION }, view],
    [
      'keys, texts and a view',
      { version: 2, siteMw: 250, name: 'Base & co', notes: 'a+b = c?\nnext line', startDate: '2026-03-01T00:00:00.000Z' },
      { ...view, metric: 'securityBudget', month: 30, x: { key: 'siteMw', min: 10, max: 500, n: 40, log: true } },
    ],
    ['tiny and huge numbers', { version: 2, startDifficulty: 1e18, hashrateEhs: 1e-12 }, view],
    [
      'version-2 keys',
      { version: 2, networkResponsePctPerMonth: 50, btcVolatilityPctPerYear: 0, monteCarloPaths: 200, monteCarloSeed: 4_294_967_295 },
      view,
    ],
  ];
  it.each(cases)('%s', (_, scenario, v) => {
    const href = hrefFor(page, scenario, v);
    expect(href.startsWith('https://example.test/hashpivot/?v=2')).toBe(true);
    expect(href.endsWith('#top')).toBe(true);
    const back = decodeLink(new URL(href).search);
    expect(back.ignored).toEqual([]);
    expect(back.scenario).toEqual(linkableScenario(scenario));
    expect(back.view).toEqual(v);
  });

  it('leaves out what is invalid while someone types, keeping the rest', () => {
    const typing = { version: 2, siteMw: -5, capexMusdPerMwIt: 13 } as Scenario;
    expect(linkableScenario(typing)).toEqual({ version: 2, capexMusdPerMwIt: 13 });
    const back = decodeLink(new URL(hrefFor(page, typing, view)).search);
    expect(back.scenario).toEqual({ version: 2, capexMusdPerMwIt: 13 });
    expect(back.ignored).toEqual([]);
  });
});

describe('links of version 1 and version 2', () => {
  /** What a version-1 link's omitted keys stand for, written out by the migration to version 2. */
  const V1_VALUES = { ...V1_CHANGED_DEFAULTS, ...v2KeysAtV1(10) };

  it('a version-1 link computes what it computed, and its re-written link spells out the version-1 values', () => {
    const old = decodeLink('?v=1&siteMw=250&hashrateGrowthPctPerMonth=2&discountRatePct=9');
    expect(old.version).toBe(1);
    expect(old.ignored).toEqual([]);
    const v1Inputs = { ...defaultInputs(1), siteMw: 250, hashrateGrowthPctPerMonth: 2, discountRatePct: 9, discountRatePivotPct: 9 };
    expect(resolveInputs(old.scenario)).toEqual(v1Inputs);
    expect(old.scenario).toEqual({
      version: 2,
      ...V1_VALUES,
      siteMw: 250,
      hashrateGrowthPctPerMonth: 2,
      discountRatePct: 9,
      discountRatePivotPct: 9,
    });
    const href = hrefFor(page, old.scenario, old.view);
    const query = new URL(href).search;
    // Only what differs from version 2's defaults: the version-1 values of what version 2 changed.
    expect(query).toBe(
      '?v=2&hashrateGrowthPctPerMonth=2&networkResponsePctPerMonth=0&btcVolatilityPctPerYear=0&siteMw=250' +
        '&efficiencyGainPctPerYear=0&mothballOpexPct=100&powerEscalatorPctPerYear=0&asicResalePct=0&renewalPct=0' +
        '&discountRatePct=9&exitMultipleMine=0&exitMultiplePivot=0&discountRatePivotPct=9',
    );
    const again = decodeLink(query);
    expect(again.version).toBe(2);
    expect(again.ignored).toEqual([]);
    expect(resolveInputs(again.scenario)).toEqual(v1Inputs);
    expect(new URL(hrefFor(page, again.scenario, again.view)).search).toBe(query);
  });

  it("a version-1 link that sets nothing is version 1's default scenario", () => {
    const old = decodeLink('?v=1');
    expect(resolveInputs(old.scenario)).toEqual(defaultInputs(1));
    expect(resolveInputs(decodeLink('?v=2').scenario)).toEqual(defaultInputs(2));
  });

  it("an epochElapsedSeconds on an epoch's last block: dropped from a version-1 link, saying so; refused in a version-2 one", () => {
    const old = decodeLink('?v=1&startHeight=933407&epochElapsedSeconds=1209000&siteMw=50');
    expect(old.scenario).toMatchObject({ startHeight: 933_407, siteMw: 50 });
    expect(old.scenario).not.toHaveProperty('epochElapsedSeconds');
    expect(old.ignored).toHaveLength(1);
    expect(old.ignored[0]).toMatchObject({ param: 'epochElapsedSeconds', raw: '1209000' });
    expect(old.ignored[0]!.reason).toMatch(/^dropped: startHeight \(933407\) is an epoch's last block/);
    const current = decodeLink('?v=2&startHeight=933407&epochElapsedSeconds=1209000&siteMw=50');
    expect(current.scenario).toEqual({ version: 2, startHeight: 933_407, siteMw: 50 });
    expect(current.ignored).toHaveLength(1);
    expect(current.ignored[0]!.reason).toMatch(/^not used when startHeight \(933407\) is an epoch's last block/);
  });

  it("an invalid version-1 key takes its version-1 default, not version 2's", () => {
    const old = decodeLink('?v=1&discountRatePct=abc&exitMultiplePivot=-1');
    expect(old.ignored.map((i) => i.param).sort()).toEqual(['discountRatePct', 'exitMultiplePivot']);
    expect(resolveInputs(old.scenario)).toEqual(defaultInputs(1));
  });
});

describe('describeIgnored', () => {
  it('names the parameter, its value and the reason', () => {
    const { ignored } = decodeLink('?v=1&siteMw=abc&bogus&x=nope');
    const lines = ignored.map(describeIgnored);
    expect(lines.some((l) => /^siteMw = "abc": expected a number/.test(l))).toBe(true);
    expect(lines).toContain('bogus: unknown parameter');
    expect(lines.some((l) => l.startsWith('x = "nope": '))).toBe(true);
  });
});
