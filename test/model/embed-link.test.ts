/**
 * The embed's theme and the notes in links (src/model/url/): `theme` is an embed view field,
 * written when given and read only with the embed marker; an embed link without it reads as
 * `auto`, as embeds were drawn before it existed. Notes are written unless the writer leaves them
 * out, and a link with notes always loads them.
 */
import { describe, expect, it } from 'vitest';
import { withLabels } from '../../src/model/scenario/messages.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
import { encodeEmbedLink, encodeLink } from '../../src/model/url/write.ts';
import { defaultView } from '../../src/model/view.ts';
import { sameButNotes } from '../../src/state/link.ts';

const view = defaultView();
const withNotes = { version: 2, siteMw: 50, notes: 'quote from tenant X' };

describe('theme', () => {
  it('is written into an embed link, with the chart, after the texts, and read back', () => {
    const link = encodeEmbedLink({ version: 2 }, view, { title: 'T', theme: 'dark' });
    expect(link).toBe(
      '?v=2&lv=2&embed=1&x=leaseUsdPerKwMonth:60:220:96&y=btcPriceUsd:30000:250000:96:log&metric=delta&month=1&title=T&chart=map&theme=dark',
    );
    expect(decodeLink(link)).toMatchObject({ embed: { title: 'T' }, theme: 'dark', chart: 'map', viewVersion: 2, ignored: [] });
  });

  it('an embed link of view version 1 (no lv) without it is auto, how those embeds were drawn; a link without the marker has none', () => {
    expect(decodeLink('?v=2&embed=1')).toMatchObject({ theme: 'auto', chart: 'map', viewVersion: 1, ignored: [] });
    expect(decodeLink('?v=1&siteMw=200&embed=1').theme).toBe('auto');
    expect(decodeLink('?v=2&embed=1&lv=1').theme).toBe('auto');
    expect(decodeLink('?v=2&embed=1&theme=dark').theme).toBe('dark');
    expect(decodeLink('?v=2').theme).toBeNull();
    expect(encodeLink({ version: 2 }, view, { theme: 'dark' })).toBe('?v=2');
  });

  it('a bad value or one outside an embed is listed and ignored', () => {
    const bad = decodeLink('?v=2&embed=1&theme=purple');
    expect(bad.theme).toBe('auto');
    expect(bad.ignored).toEqual([{ param: 'theme', raw: 'purple', reason: 'expected one of light, dark, auto' }]);
    expect(decodeLink('?v=2&lv=2&embed=1&theme=purple').theme).toBe('light');
    expect(decodeLink('?v=2&theme=dark').ignored).toEqual([
      { param: 'theme', raw: 'dark', reason: 'only read in an embed link (embed=1)' },
    ]);
  });
});

describe('notes', () => {
  it('are left out when asked, and a link with them still loads them', () => {
    expect(encodeLink(withNotes, view, { notes: false })).toBe('?v=2&siteMw=50');
    expect(encodeEmbedLink(withNotes, view, { notes: false })).not.toContain('notes');
    const shared = encodeLink(withNotes, view);
    expect(shared).toBe('?v=2&siteMw=50&notes=quote%20from%20tenant%20X');
    expect(decodeLink(shared).scenario).toEqual(withNotes);
  });

  it("a reload of the page's own address is the working scenario but for its notes", () => {
    const address = decodeLink(encodeLink(withNotes, view, { notes: false }));
    expect(sameButNotes({ scenario: withNotes }, address)).toBe(true);
    expect(sameButNotes({ scenario: { ...withNotes, siteMw: 51 } }, address)).toBe(false);
    expect(sameButNotes({ scenario: withNotes, view: { ...view, metric: 'irr' } }, address)).toBe(false);
  });
});

describe('withLabels', () => {
  it('writes each key a message names as its label, and leaves other words alone', () => {
    expect(withLabels('pivotSharePct: expected a number from 0 to 100 %, got 120')).toBe(
      'Pivot share: expected a number from 0 to 100 %, got 120',
    );
    expect(withLabels("epochElapsedSeconds: must be 0 when startHeight (931392) is an epoch's first block")).toBe(
      "Epoch elapsed: must be 0 when Start height (931392) is an epoch's first block",
    );
    expect(withLabels('name: expected text; notMyKey stays')).toBe('name: expected text; notMyKey stays');
  });
});
