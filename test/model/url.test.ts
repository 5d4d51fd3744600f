/**
 * The link codec (src/model/url/): round trips, minimal links, and bad links that load what is
 * valid, list what was ignored, and never throw.
 */
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, PARAMS_BY_KEY, defaultScenario, hashrateEhsFor } from '../../src/model/registry/index.ts';
import { resolveScenario } from '../../src/model/scenario/resolve.ts';
import type { Scenario } from '../../src/model/scenario/types.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { V1_CHANGED_DEFAULTS, v2KeysAtV1 } from '../../src/model/scenario/migrations.ts';
import { LINK_MIGRATIONS, type LinkMigration } from '../../src/model/url/migrations.ts';
import { decodeLink, isEmbed } from '../../src/model/url/parse.ts';
import { encodeEmbedLink, encodeLink, formatNumber } from '../../src/model/url/write.ts';
import { defaultView, type View } from '../../src/model/view.ts';

const base: Scenario = { version: CURRENT_VERSION };
/** What a version-1 link's omitted keys stand for, written out by the migration to version 2. */
const V1_VALUES = { ...V1_CHANGED_DEFAULTS, ...v2KeysAtV1(10) };
const view = defaultView();

function valid(s: Record<string, unknown>): Scenario {
  const r = validateScenario({ version: CURRENT_VERSION, ...s });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

describe('encodeLink', () => {
  it('writes only the version for the default scenario and view', () => {
    expect(encodeLink(base, view)).toBe('?v=2');
    // A resolved scenario (every key present, derived keys included) is still the default.
    expect(encodeLink(defaultScenario(), defaultView())).toBe('?v=2');
  });

  it('writes a derived key only when it differs from its derivation', () => {
    const difficulty = 120e12;
    expect(encodeLink({ ...base, startDifficulty: difficulty, hashrateEhs: hashrateEhsFor(difficulty) }, view)).toBe(
      '?v=2&startDifficulty=120000000000000',
    );
    expect(encodeLink({ ...base, startDifficulty: difficulty, hashrateEhs: 900 }, view)).toBe(
      '?v=2&startDifficulty=120000000000000&hashrateEhs=900',
    );
  });

  it('writes numbers in shortest form without the exponent plus', () => {
    expect(encodeLink({ ...base, startDifficulty: 1e18, hashrateEhs: 1e-12 }, view)).toBe(
      '?v=2&startDifficulty=1000000000000000000&hashrateEhs=1e-12',
    );
    expect(formatNumber(1e21)).toBe('1e21');
    expect(formatNumber(-2.5e300)).toBe('-2.5e300');
    expect(encodeLink({ ...base, powerUsdPerKwh: 0.1 + 0.2 }, view)).toBe('?v=2&powerUsdPerKwh=0.30000000000000004');
  });

  it('writes an embed link with its view version and every view field', () => {
    expect(encodeEmbedLink(base, view)).toBe(
      '?v=2&lv=2&embed=1&x=leaseUsdPerKwMonth:60:220:96&y=btcPriceUsd:30000:250000:96:log&metric=delta&month=1&chart=map&theme=light',
    );
    expect(encodeEmbedLink(base, view, { title: 'Pivot or mine?', subtitle: '' })).toMatch(
      /&title=Pivot%20or%20mine%3F&chart=map&theme=light$/,
    );
  });
});

const cases: [string, Record<string, unknown>, Partial<View>][] = [
  ['one number', { siteMw: 250 }, {}],
  ['whole numbers', { startHeight: 931_500, epochElapsedSeconds: 600, horizonYears: 12 }, {}],
  ['negative and tiny', { hashrateGrowthPctPerMonth: -2.5, hashrateEhs: 1e-12 }, {}],
  ['huge', { startDifficulty: 9.99e17, btcPriceUsd: 1e8 }, {}],
  ['date, short form', { startDate: '2027-03-01' }, {}],
  ['date-time', { startDate: '2026-05-01T12:30:00.000Z' }, {}],
  ['text with every awkward character', { name: 'A & B = "C" + 50% / ü 🚀?#', notes: 'line 1\nline 2,\ttab;' }, {}],
  ['text that looks like a number', { name: '1e400', notes: '0x10' }, {}],
  [
    'all view fields',
    {},
    {
      x: { key: 'siteMw', min: 1, max: 500, n: 32, log: true },
      y: { key: 'powerUsdPerKwh', min: 0.01, max: 0.2, n: 20, log: false },
      metric: 'hashprice',
      month: 24,
    },
  ],
  ['metric only', { pivotSharePct: 50 }, { metric: 'irr' }],
  ['month within a long horizon', { horizonYears: 20 }, { metric: 'securityBudget', month: 200 }],
];

describe('round trips', () => {
  it.each(cases)('%s', (_name, keys, viewPatch) => {
    const scenario = valid(keys);
    const v: View = { ...defaultView(), ...viewPatch };
    const link = encodeLink(scenario, v);
    const decoded = decodeLink(link);
    expect(decoded.ignored).toEqual([]);
    expect(decoded.scenario).toEqual(scenario);
    expect(decoded.view).toEqual(v);
    expect(decoded.embed).toBeNull();
    expect(encodeLink(decoded.scenario, decoded.view)).toBe(link);
    // The embed form reads back the same scenario and view.
    const embed = decodeLink(encodeEmbedLink(scenario, v, { title: 'T', subtitle: 'S' }));
    expect(embed.ignored).toEqual([]);
    expect(embed.scenario).toEqual(scenario);
    expect(embed.view).toEqual(v);
    expect(embed.embed).toEqual({ title: 'T', subtitle: 'S' });
  });

  it('every key of the registry at its maximum', () => {
    const keys = Object.fromEntries(Object.values(PARAMS_BY_KEY).map((p) => [p.key, p.max]));
    keys.startHeight = 931_393; // not an epoch boundary, so epochElapsedSeconds may be nonzero
    const scenario = valid(keys);
    const link = encodeLink(scenario, view);
    const decoded = decodeLink(link);
    expect(decoded.ignored).toEqual([]);
    // Keys at their default (pivotSharePct's maximum is its default) are left out of the link.
    expect(resolveScenario(decoded.scenario)).toEqual(resolveScenario(scenario));
    expect(encodeLink(decoded.scenario, view)).toBe(link);
  });

  it('accepts a whole URL, no question mark, a hash, and + for spaces', () => {
    for (const search of ['https://example.test/?v=2&name=a+b#top', 'v=1&name=a%20b', '?v=2&name=a+b']) {
      const d = decodeLink(search);
      expect(d.scenario.name).toBe('a b');
      expect(d.ignored).toEqual([]);
    }
  });
});

describe('versions', () => {
  it('an empty query is the front page at the current version', () => {
    for (const search of ['', '?', '?utm_source=news']) {
      const d = decodeLink(search);
      expect(d.version).toBe(CURRENT_VERSION);
      expect(d.scenario).toEqual(base);
      expect(d.view).toEqual(defaultView());
    }
    expect(decodeLink('?utm_source=news').ignored).toEqual([{ param: 'utm_source', raw: 'news', reason: 'unknown parameter' }]);
  });

  it('a link without v is read as version 1', () => {
    const d = decodeLink('?siteMw=200');
    expect(d.version).toBe(1);
    expect(d.scenario).toEqual({ version: CURRENT_VERSION, ...V1_VALUES, siteMw: 200 });
    expect(d.ignored).toEqual([]);
  });

  it('a bad v is reported and read as version 1', () => {
    const d = decodeLink('?v=one&siteMw=200');
    expect(d.scenario.siteMw).toBe(200);
    expect(d.ignored).toHaveLength(1);
    expect(d.ignored[0]).toMatchObject({ param: 'v', raw: 'one' });
    expect(d.ignored[0]!.reason).toMatch(/whole number.*read as version 1/);
  });

  it('a link from a newer version is ignored whole, saying why', () => {
    const d = decodeLink(`?v=${CURRENT_VERSION + 1}&siteMw=200&x=siteMw:1:2:3`);
    expect(d.scenario).toEqual(base);
    expect(d.view).toEqual(defaultView());
    expect(d.ignored).toHaveLength(1);
    expect(d.ignored[0]!.param).toBe('v');
    expect(d.ignored[0]!.reason).toMatch(/newer hashpivot .*reload.*nothing in the link was loaded \(2 parameters\)/);
  });

  it('an older version runs through the link migrations, in order', () => {
    // A made-up version 0 whose links called siteMw "mw" and whose default metric was npvPivot.
    const migrations: LinkMigration[] = [
      {
        from: 0,
        date: '2025-12-01',
        description: 'test: mw → siteMw; pin the old default metric',
        up(params) {
          const out = new Map(params);
          if (out.has('mw')) {
            out.set('siteMw', out.get('mw')!);
            out.delete('mw');
          }
          if (!out.has('metric')) out.set('metric', 'npvPivot');
          return out;
        },
      },
      ...LINK_MIGRATIONS,
    ];
    const d = decodeLink('?v=0&mw=300&month=2', { migrations });
    expect(d.version).toBe(0);
    expect(d.ignored).toEqual([]);
    // Its scenario keys are read as version 1's, the oldest scenario version.
    expect(d.scenario).toEqual({ version: CURRENT_VERSION, ...V1_VALUES, siteMw: 300 });
    expect(d.view).toEqual({ ...defaultView(), metric: 'npvPivot', month: 2 });
    // Without the migration, version 0 is unknown to this build.
    const without = decodeLink('?v=0&mw=300');
    expect(without.scenario).toEqual(base);
    expect(without.ignored[0]!.reason).toMatch(/version 0 is no longer supported/);
  });
});

describe('bad and partial links', () => {
  it('loads what is valid and lists what was ignored, naming the range', () => {
    const d = decodeLink('?v=2&siteMw=250&uptimePct=120&poolFeePct=abc&bogus=1&siteMW=3&x=foo&metric=profit&name=ok');
    expect(d.scenario).toEqual({ version: CURRENT_VERSION, siteMw: 250, name: 'ok' });
    expect(d.view).toEqual(defaultView());
    const byParam = Object.fromEntries(d.ignored.map((i) => [i.param, i]));
    expect(Object.keys(byParam).sort()).toEqual(['bogus', 'metric', 'poolFeePct', 'siteMW', 'uptimePct', 'x']);
    expect(byParam.uptimePct!.reason).toMatch(/^expected a number from 0 to 100 %, got 120$/);
    expect(byParam.poolFeePct!.reason).toMatch(/got a string \("abc"\)/);
    expect(byParam.siteMW!.reason).toBe('unknown parameter (did you mean siteMw?)');
    expect(byParam.x!.reason).toMatch(/KEY:MIN:MAX:N\[:log\]/);
    expect(byParam.metric!.reason).toMatch(/one of delta, npvMine/);
  });

  it('drops the key a rule across keys rejects', () => {
    const d = decodeLink('?v=2&startHeight=931392&epochElapsedSeconds=600&siteMw=10');
    expect(d.scenario).toEqual({ version: CURRENT_VERSION, startHeight: 931_392, siteMw: 10 });
    expect(d.ignored.map((i) => i.param)).toEqual(['epochElapsedSeconds']);
  });

  it('checks the view against the scenario and itself', () => {
    const d = decodeLink('?v=2&horizonYears=2&x=btcPriceUsd:1000:2000:10&y=btcPriceUsd:1:5:2&month=30&metric=hashprice');
    expect(d.view.x.key).toBe('btcPriceUsd');
    expect(d.view.y.key).toBe('leaseUsdPerKwMonth'); // the default y shares x's key: the default x instead
    expect(d.view.month).toBe(1);
    expect(d.view.metric).toBe('hashprice');
    expect(d.ignored.map((i) => i.param).sort()).toEqual(['month', 'y']);
    expect(d.ignored.find((i) => i.param === 'month')!.reason).toMatch(/\[1, 24\]/);
  });

  it('reports an axis outside its key range and a repeated parameter', () => {
    const d = decodeLink('?v=2&x=siteMw:0:500:10&siteMw=5&siteMw=6&y=btcPriceUsd:0:100:10:log');
    expect(d.scenario.siteMw).toBe(5);
    expect(d.view.x).toEqual(defaultView().x);
    expect(d.view.y).toEqual(defaultView().y);
    const reasons = d.ignored.map((i) => `${i.param}: ${i.reason}`);
    expect(reasons).toContain('siteMw: repeated; the first value is used');
    expect(reasons.find((r) => r.startsWith('x:'))).toMatch(/min of siteMw must be a number in \[0\.1, 10000\]/);
    expect(reasons.find((r) => r.startsWith('y:'))).toMatch(/logarithmic axis needs min > 0/);
  });

  it('title and subtitle are read only in an embed', () => {
    const d = decodeLink('?v=2&title=Hi');
    expect(d.embed).toBeNull();
    expect(d.ignored).toEqual([{ param: 'title', raw: 'Hi', reason: 'only read in an embed link (embed=1)' }]);
    expect(decodeLink('?v=2&embed=yes').ignored[0]).toMatchObject({ param: 'embed', reason: 'expected 1 (the embed marker)' });
  });

  const garbage = [
    '%E0%A4%A',
    '?v=1&name=%E0%A4%A',
    '?v=1&%E0%A4%A=1',
    '?x=foo',
    '?v=1&siteMw=1e400',
    '?v=1&siteMw=-1e400&uptimePct=NaN&poolFeePct=Infinity&asicUsdPerTh=0x10',
    `?v=1&name=${'n'.repeat(100_000)}`,
    `?v=1&x=${'siteMw:'.repeat(50_000)}`,
    `?v=1&${'k'.repeat(100_000)}=1`,
    `?${'&'.repeat(10_000)}`,
    `?${Array.from({ length: 5_000 }, (_, i) => `p${i}=${i}`).join('&')}`,
    '?v=99999999999999999999999',
    '?v=1&v=2&startDate=2026-02-30',
    '?=&==&v==1',
    '?__proto__=1&constructor=2&toString=3',
    '?v=1&hashrateEhs=%00',
    '???#?&#',
  ];

  it.each(garbage.map((g) => [g.length > 60 ? `${g.slice(0, 60)}… (${g.length} chars)` : g, g]))('never throws: %s', (_label, search) => {
    const d = decodeLink(search);
    expect(d.scenario.version).toBe(CURRENT_VERSION);
    expect(validateScenario(d.scenario).ok).toBe(true);
    expect(d.ignored.length).toBeLessThanOrEqual(100);
    for (const i of d.ignored) {
      expect(i.raw.length).toBeLessThanOrEqual(201);
      expect(i.param.length).toBeLessThanOrEqual(201);
      expect(i.reason.length).toBeLessThan(600);
    }
    expect(() => isEmbed(search)).not.toThrow();
  });

  it('names the key and the range of an overflowing number', () => {
    const d = decodeLink('?v=2&siteMw=1e400');
    expect(d.ignored).toEqual([
      { param: 'siteMw', raw: '1e400', reason: 'expected a number from 0.1 to 10000 MW, got a number too large for a double' },
    ]);
  });

  it('reports malformed percent-encoding', () => {
    const d = decodeLink('?v=2&name=%E0%A4%A&siteMw=3');
    expect(d.scenario).toEqual({ version: CURRENT_VERSION, siteMw: 3 });
    expect(d.ignored).toEqual([{ param: 'name', raw: '%E0%A4%A', reason: 'malformed percent-encoding in the value' }]);
  });
});

describe('isEmbed', () => {
  it('is true only with embed=1', () => {
    expect(isEmbed('?v=2&embed=1')).toBe(true);
    expect(isEmbed(encodeEmbedLink(base, view))).toBe(true);
    expect(isEmbed('https://x.test/?embed=1#a')).toBe(true);
    expect(isEmbed('?v=2')).toBe(false);
    expect(isEmbed('?embed=0')).toBe(false);
    expect(isEmbed('?embed')).toBe(false);
    expect(isEmbed('?v=2#embed=1')).toBe(false);
  });

  it('an embed link, re-encoded without the marker, is the explorer on the same scenario and view', () => {
    const scenario = valid({ siteMw: 42, name: 'Story' });
    const v: View = { ...defaultView(), metric: 'npvMine' };
    const decoded = decodeLink(encodeEmbedLink(scenario, v, { title: 'A title' }));
    expect(encodeLink(decoded.scenario, decoded.view)).toBe(encodeLink(scenario, v));
    expect(encodeLink(decoded.scenario, decoded.view)).toBe('?v=2&siteMw=42&name=Story&metric=npvMine');
  });
});
