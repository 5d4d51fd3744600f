/**
 * The page's link (src/state/link.ts) on top of the codec: what counts as a link in the address,
 * the address of a scenario the explorer holds while someone types (invalid keys left out), and
 * that it reads back as what was shown. The codec's own tables are test/model/url.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION } from '../../src/model/registry/index.ts';
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
    expect(readArrivingLink('?v=1&embed=1').kind).toBe('embed');
    const r = readArrivingLink('?v=1&siteMw=250&bogus=1');
    expect(r.kind).toBe('link');
    if (r.kind !== 'link') return;
    expect(r.link.scenario).toEqual({ version: 1, siteMw: 250 });
    expect(r.link.ignored.map((i) => i.param)).toEqual(['bogus']);
  });
});

describe('hrefFor: the address follows what is shown, and reads back as it', () => {
  const cases: [string, Scenario, View][] = [
    ['defaults', { version: CURRENT_VERSION }, view],
    ['keys, texts and a view', { version: 1, siteMw: 250, name: 'Base & co', notes: 'a+b = c?\nnext line', startDate: '2026-03-01T00:00:00.000Z' }, { ...view, metric: 'securityBudget', month: 30, x: { key: 'siteMw', min: 10, max: 500, n: 40, log: true } }],
    ['tiny and huge numbers', { version: 1, startDifficulty: 1e18, hashrateEhs: 1e-12 }, view],
  ];
  it.each(cases)('%s', (_, scenario, v) => {
    const href = hrefFor(page, scenario, v);
    expect(href.startsWith('https://example.test/hashpivot/?v=1')).toBe(true);
    expect(href.endsWith('#top')).toBe(true);
    const back = decodeLink(new URL(href).search);
    expect(back.ignored).toEqual([]);
    expect(back.scenario).toEqual(linkableScenario(scenario));
    expect(back.view).toEqual(v);
  });

  it('leaves out what is invalid while someone types, keeping the rest', () => {
    const typing = { version: 1, siteMw: -5, capexMusdPerMwIt: 13 } as Scenario;
    expect(linkableScenario(typing)).toEqual({ version: 1, capexMusdPerMwIt: 13 });
    const back = decodeLink(new URL(hrefFor(page, typing, view)).search);
    expect(back.scenario).toEqual({ version: 1, capexMusdPerMwIt: 13 });
    expect(back.ignored).toEqual([]);
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
