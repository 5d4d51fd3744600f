/**
 * The link's view version `lv` and the embed's view fields `chart` and `theme`
 * (src/model/url/format.ts, view-fields.ts): embed links are written with `lv=2` and every view
 * field; a link without `lv` is view version 1, whose embeds without a theme were drawn `auto`;
 * an unknown chart or a newer view version is listed in `ignored` while the scenario still loads.
 */
import { describe, expect, it } from 'vitest';
import { EMBED_CHARTS, VIEW_VERSION } from '../../src/model/url/format.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
import { VIEW_MIGRATIONS, VIEW_V1_TO_V2 } from '../../src/model/url/view-fields.ts';
import { encodeEmbedLink, encodeLink } from '../../src/model/url/write.ts';
import { defaultView } from '../../src/model/view.ts';

const view = defaultView();
const AXES = 'x=leaseUsdPerKwMonth:60:220:96&y=btcPriceUsd:30000:250000:96:log&metric=delta&month=1';

describe('writing', () => {
  it('an embed link names lv=2 after v, and its chart and theme, even at their defaults', () => {
    expect(VIEW_VERSION).toBe(2);
    expect(encodeEmbedLink({ version: 2, siteMw: 50 }, view, { chart: 'hashprice', theme: 'dark' })).toBe(
      `?v=2&lv=2&embed=1&siteMw=50&${AXES}&chart=hashprice&theme=dark`,
    );
    expect(encodeEmbedLink({ version: 2 }, view)).toBe(`?v=2&lv=2&embed=1&${AXES}&chart=map&theme=light`);
  });

  it('an explorer link has no view field that needs lv: the default stays exactly ?v=2', () => {
    expect(encodeLink({ version: 2 }, view)).toBe('?v=2');
    expect(encodeLink({ version: 2 }, view, { chart: 'difficulty', theme: 'dark' })).toBe('?v=2');
    expect(decodeLink('?v=2')).toMatchObject({ viewVersion: 1, chart: null, theme: null, ignored: [] });
  });

  it('every chart and theme round-trips', () => {
    for (const chart of EMBED_CHARTS) {
      for (const theme of ['light', 'dark', 'auto'] as const) {
        const link = encodeEmbedLink({ version: 2, exitSharePct: 30 }, view, { title: 'T', chart, theme });
        const back = decodeLink(link);
        expect(back).toMatchObject({ chart, theme, viewVersion: 2, embed: { title: 'T' }, ignored: [] });
        expect(back.scenario).toEqual({ version: 2, exitSharePct: 30 });
        expect(encodeEmbedLink(back.scenario, back.view, { ...back.embed, chart: back.chart!, theme: back.theme! })).toBe(link);
      }
    }
  });
});

describe('reading', () => {
  it('view version 1 (no lv): an embed without theme is auto and shows the map', () => {
    const old = decodeLink(`?v=2&embed=1&siteMw=120&${AXES}&title=Old`);
    expect(old).toMatchObject({ viewVersion: 1, theme: 'auto', chart: 'map', ignored: [] });
    expect(old.scenario).toEqual({ version: 2, siteMw: 120 });
    // Written again it is a view-version-2 link that spells the theme out, so it keeps its look.
    expect(encodeEmbedLink(old.scenario, old.view, { ...old.embed, chart: old.chart!, theme: old.theme! })).toBe(
      `?v=2&lv=2&embed=1&siteMw=120&${AXES}&title=Old&chart=map&theme=auto`,
    );
  });

  it('the migration from view version 1 writes theme=auto into an embed without one, and nothing else', () => {
    expect(VIEW_MIGRATIONS.map((m) => m.from)).toEqual([1]);
    expect([...VIEW_V1_TO_V2.up(new Map([['embed', '1']]), true)]).toEqual([
      ['embed', '1'],
      ['theme', 'auto'],
    ]);
    expect([...VIEW_V1_TO_V2.up(new Map([['theme', 'dark']]), true)]).toEqual([['theme', 'dark']]);
    expect([...VIEW_V1_TO_V2.up(new Map([['siteMw', '5']]), false)]).toEqual([['siteMw', '5']]);
  });

  it('view version 2: a missing theme is light and a missing chart the map', () => {
    expect(decodeLink('?v=2&lv=2&embed=1')).toMatchObject({ viewVersion: 2, theme: 'light', chart: 'map', ignored: [] });
    expect(decodeLink('?v=2&lv=2&embed=1&chart=attack-cost')).toMatchObject({ theme: 'light', chart: 'attack-cost', ignored: [] });
  });

  it('an unknown chart is ignored, naming the allowed charts; the rest of the link loads', () => {
    const link = decodeLink('?v=2&lv=2&embed=1&siteMw=80&chart=pie&theme=dark');
    expect(link).toMatchObject({ chart: 'map', theme: 'dark', scenario: { version: 2, siteMw: 80 } });
    expect(link.ignored).toEqual([
      {
        param: 'chart',
        raw: 'pie',
        reason: 'expected one of map, hashrate, difficulty, hashprice, security-budget, attack-hardware, attack-cost',
      },
    ]);
    expect(decodeLink('?v=2&chart=hashrate').ignored).toEqual([
      { param: 'chart', raw: 'hashrate', reason: 'only read in an embed link (embed=1)' },
    ]);
  });

  it('a bad lv is listed and read as view version 1', () => {
    const link = decodeLink('?v=2&lv=two&embed=1');
    expect(link).toMatchObject({ viewVersion: 1, theme: 'auto', chart: 'map' });
    expect(link.ignored).toEqual([
      { param: 'lv', raw: 'two', reason: 'expected a whole number from 1 (this build reads view versions 1 to 2); read as view version 1' },
    ]);
    expect(decodeLink('?v=2&lv=0&embed=1').ignored.map((i) => i.param)).toEqual(['lv']);
  });

  it('a newer lv: the scenario and axes load, its view fields are ignored with the reason, and the embed is the light map', () => {
    const link = decodeLink(`?v=2&lv=3&embed=1&siteMw=90&${AXES.replace('metric=delta', 'metric=irr')}&chart=sankey&theme=sepia`);
    expect(link).toMatchObject({ viewVersion: 3, chart: 'map', theme: 'light', embed: {}, scenario: { version: 2, siteMw: 90 } });
    expect(link.view.metric).toBe('irr');
    expect(link.ignored.map((i) => [i.param, i.raw])).toEqual([
      ['lv', '3'],
      ['chart', 'sankey'],
      ['theme', 'sepia'],
    ]);
    expect(link.ignored[0]!.reason).toMatch(/view version 3, made by a newer hashpivot; this copy reads view versions 1 to 2/);
    expect(link.ignored[1]!.reason).toBe("not read: view version 3 is newer than this build's 2");
    // With no view field in it, only lv itself is listed.
    expect(decodeLink('?v=2&lv=9&embed=1').ignored.map((i) => i.param)).toEqual(['lv']);
  });
});
