/**
 * The link decoder (src/model/url/) under generated links: valid links built from the registry
 * round-trip exactly; links mutated every way a careless or hostile user might never break it —
 * no exception (not even one caught by decodeLink's own guard), a valid scenario and view with
 * every number finite and inside its range, each ignored parameter named with a reason, and the
 * first occurrence of a parameter never overridden by a later one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, SCENARIO_KEYS } from '../../src/model/registry/index.ts';
import { resolveInputs, resolveScenario } from '../../src/model/scenario/resolve.ts';
import type { Scenario } from '../../src/model/scenario/types.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { checkSweep } from '../../src/model/sweep.ts';
import { EMBED_CHARTS, EMBED_THEMES, RESERVED, SUBTITLE_MAX_LENGTH, TITLE_MAX_LENGTH, VIEW_VERSION } from '../../src/model/url/format.ts';
import { decodeLink, isEmbed, type DecodedLink } from '../../src/model/url/parse.ts';
import { encodeLink, formatNumber } from '../../src/model/url/write.ts';
import {
  PROTOTYPE_KEYS,
  badKey,
  numberText,
  runs,
  scenarioDefects,
  text,
  timeout,
  validRawScenario,
  validScenarioAndView,
} from './arbitraries.ts';

/** Everything a decoded link must satisfy, whatever the link was. */
function expectSound(search: string, link: DecodedLink) {
  // decodeLink's guard catches what decoding throws; it must never have had to.
  expect(link.ignored.filter((i) => i.reason.startsWith('the link could not be read'))).toEqual([]);
  expect(scenarioDefects(link.scenario)).toEqual([]);
  const horizonYears = resolveInputs(link.scenario).horizonYears;
  expect(checkSweep(link.view, horizonYears)).toEqual([]);
  for (const axis of [link.view.x, link.view.y]) {
    expect([axis.min, axis.max, axis.n].every(Number.isFinite)).toBe(true);
  }
  // An embed always has a chart and a theme, of the allowed values; a link without the marker neither.
  expect(link.chart === null ? null : EMBED_CHARTS.includes(link.chart)).toBe(link.embed === null ? null : true);
  expect(link.theme === null ? null : EMBED_THEMES.includes(link.theme)).toBe(link.embed === null ? null : true);
  if (link.embed) {
    expect(link.embed.title?.length ?? 0).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(link.embed.subtitle?.length ?? 0).toBeLessThanOrEqual(SUBTITLE_MAX_LENGTH);
  }
  expect(link.ignored.length).toBeLessThanOrEqual(100);
  for (const item of link.ignored) {
    // The reason says what is wrong; the parameter is named (empty only when its name was).
    expect(item.reason.trim()).not.toBe('');
    for (const word of ['NaN', 'undefined', '[object Object]']) {
      if (!decodeURIComponentSafe(search).includes(word)) expect(item.reason).not.toContain(word);
    }
    if (item.param === '') expect(search).toMatch(/(^|[?&])=/);
    expect(item.raw.length).toBeLessThanOrEqual(201);
  }
  // The marker is read even from a link whose version this build cannot read (the page is still
  // the embed); otherwise decodeLink and isEmbed agree.
  const unreadable = link.version > CURRENT_VERSION || link.version < 1;
  if (!unreadable) expect(isEmbed(search)).toBe(link.embed !== null);
  else expect(link.embed).toBeNull();
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The parts (`name=value`) of an encoded link. */
const partsOf = (query: string) => query.slice(1).split('&');

const encoded = (s: string) => encodeURIComponent(s);

/** An index into `ps` as the earlier mutations left it (0 when it is empty). */
const at = (ps: readonly string[], i: number) => (ps.length === 0 ? 0 : i % ps.length);

/** The mutations of a link's parts: parts dropped, repeated, reordered, garbled or added. */
const mutation: fc.Arbitrary<(ps: string[]) => string[]> = fc.oneof(
  fc.nat().map((i) => (ps: string[]) => ps.filter((_, j) => j !== at(ps, i))),
  fc.nat().map((i) => (ps: string[]) => [...ps, ps[at(ps, i)] ?? 'v=2']),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (ps: string[]) => {
    const out = [...ps];
    [out[at(ps, i)], out[at(ps, j)]] = [out[at(ps, j)], out[at(ps, i)]];
    return out;
  }),
  fc.tuple(fc.nat(), fc.oneof(numberText, text(60))).map(([i, v]) => (ps: string[]) => {
    const out = [...ps];
    out[at(ps, i)] = `${(out[at(ps, i)] ?? 'siteMw').split('=')[0]}=${encoded(v)}`;
    return out;
  }),
  fc
    .tuple(fc.oneof(fc.constantFrom(...SCENARIO_KEYS, ...RESERVED), badKey), fc.oneof(numberText, text(300)))
    .map(([name, v]) => (ps: string[]) => [...ps, `${encoded(name)}=${encoded(v)}`]),
  fc.tuple(fc.nat(), fc.constantFrom('%', '%E0%A4%A', '%zz', '%FF', '+', '==', '&&', '#', '?')).map(([i, junk]) => (ps: string[]) => {
    const out = [...ps];
    out[at(ps, i)] = `${out[at(ps, i)] ?? ''}${junk}`;
    return out;
  }),
  fc.constantFrom('v=1', 'v=0', 'v=3', 'v=99999', 'v=-1', 'v=2.0', 'v=', 'v').map((v) => (ps: string[]) => [v, ...ps.slice(1)]),
  fc.tuple(fc.constantFrom('x', 'y'), text(60)).map(([axis, t]) => (ps: string[]) => [...ps, `${axis}=${encoded(t)}`]),
  fc.constant((ps: string[]) => [...ps, `title=${'t'.repeat(TITLE_MAX_LENGTH + 1)}`, 'embed=1']),
);

/** A valid link, mutated one to five times. */
const mutatedLink: fc.Arbitrary<string> = fc
  .tuple(validScenarioAndView, fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 5 }))
  .map(([{ scenario, view }, embed, ms]) => `?${ms.reduce((ps, m) => m(ps), partsOf(encodeLink(scenario, view, { embed }))).join('&')}`);

/** A version-1 (or current) link written by hand from a file's keys, numbers and text as they are. */
const handWrittenLink: fc.Arbitrary<{ raw: Record<string, unknown>; search: string; withV: boolean }> = fc
  .tuple(validRawScenario, fc.boolean())
  .map(([raw, withV]) => {
    const parts = Object.entries(raw)
      .filter(([k]) => k !== 'version')
      .map(([k, v]) => `${k}=${encoded(typeof v === 'number' ? formatNumber(v) : String(v))}`);
    const needsV = raw.version !== 1 || parts.length === 0;
    return { raw, search: `?${[...(withV || needsV ? [`v=${raw.version}`] : []), ...parts].join('&')}`, withV };
  });

const anyLink: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: mutatedLink },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('?', '&', '=', '%', '+', '#', 'v', '2', 'x', ':', '1', 'e') }) },
  { weight: 1, arbitrary: handWrittenLink.map((l) => l.search) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...SCENARIO_KEYS, ...PROTOTYPE_KEYS, ...RESERVED), badKey), numberText), { maxLength: 120 })
      .map((pairs) => `https://example.test/?${pairs.map(([k, v]) => `${encoded(k)}=${encoded(v)}`).join('&')}#frag`),
  },
);

/** `text` with each unpaired surrogate replaced by U+FFFD (String.prototype.toWellFormed). */
const wellFormed = (t: string) => t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const sameView = (a: DecodedLink['view'], b: DecodedLink['view']) => expect(a).toEqual(b);

describe('decodeLink under generated links', () => {
  it(
    'a valid scenario and view round-trip exactly through encodeLink, also as an embed',
    () => {
      const embedTexts = fc.option(
        fc.record({ title: text(TITLE_MAX_LENGTH), subtitle: text(SUBTITLE_MAX_LENGTH) }, { requiredKeys: [] }),
        { nil: undefined },
      );
      const looks = fc.record({ chart: fc.constantFrom(...EMBED_CHARTS), theme: fc.constantFrom(...EMBED_THEMES) }, { requiredKeys: [] });
      fc.assert(
        fc.property(validScenarioAndView, embedTexts, looks, ({ scenario, view }, texts, look) => {
          const search = encodeLink(scenario, view, texts === undefined ? {} : { embed: texts, ...look });
          const link = decodeLink(search);
          expect(link.ignored).toEqual([]);
          expect(link.version).toBe(CURRENT_VERSION);
          expect(resolveScenario(link.scenario)).toEqual(resolveScenario(scenario));
          sameView(link.view, view);
          // Empty texts are not written; the others come back as they were.
          const expectedEmbed = texts === undefined ? null : Object.fromEntries(Object.entries(texts).filter(([, t]) => t !== ''));
          expect(link.embed).toEqual(expectedEmbed);
          // An embed link names its view version and every view field; an explorer link neither.
          expect(link.viewVersion).toBe(texts === undefined ? 1 : VIEW_VERSION);
          expect(link.chart).toBe(texts === undefined ? null : (look.chart ?? 'map'));
          expect(link.theme).toBe(texts === undefined ? null : (look.theme ?? 'light'));
          // Written again, the link is the same text.
          const again = link.embed ? { embed: link.embed, chart: link.chart!, theme: link.theme! } : {};
          expect(encodeLink(link.scenario, link.view, again)).toBe(search);
        }),
        runs(0.2),
      );
    },
    timeout(6000),
  );

  it(
    'a link written by hand from a valid file of any version reads as that file does',
    () => {
      fc.assert(
        fc.property(handWrittenLink, ({ raw, search }) => {
          const link = decodeLink(search);
          const file = validateScenario(raw);
          if (!file.ok) throw new Error('the generator gives valid files');
          expect(link.scenario).toEqual(file.scenario);
          expect(link.version).toBe(raw.version);
          // Only what a migration said (a dropped key) is listed, as the file's notices.
          expect(link.ignored.map((i) => i.param)).toEqual((file.notices ?? []).map((n) => n.key));
        }),
        runs(0.2),
      );
    },
    timeout(6000),
  );

  it(
    'any link, mutated or garbage, decodes to a valid scenario and view, naming each ignored parameter',
    () => {
      fc.assert(
        fc.property(anyLink, (search) => {
          expectSound(search, decodeLink(search));
        }),
        runs(),
      );
    },
    timeout(8000),
  );

  it(
    'a later repetition or an unknown parameter never changes what a valid link loads',
    () => {
      const extra = fc.array(fc.tuple(badKey, fc.oneof(numberText, text(100))), { minLength: 1, maxLength: 8 });
      fc.assert(
        fc.property(validScenarioAndView, fc.boolean(), extra, fc.nat(), ({ scenario, view }, embed, unknown, seed) => {
          const parts = partsOf(encodeLink(scenario, view, { embed }));
          const known = new Set([...SCENARIO_KEYS, ...RESERVED]);
          const names = new Set(unknown.map(([k]) => k).filter((k) => !known.has(k)));
          const added = [...names].map((k) => `${encoded(k)}=${encoded(String(seed))}`);
          // Every part again with another value, after the originals.
          const repeated = parts.map((p, i) => `${p.split('=')[0]}=${encoded(i % 2 === 0 ? '1e400' : String(seed))}`);
          const link = decodeLink(`?${[...parts, ...added, ...repeated].join('&')}`);
          expect(resolveScenario(link.scenario)).toEqual(resolveScenario(scenario));
          sameView(link.view, view);
          expect(link.embed !== null).toBe(embed);
          const reasons = link.ignored.map((i) => i.reason);
          expect(reasons.filter((r) => r.startsWith('repeated')).length).toBe(Math.min(repeated.length, 100));
        }),
        runs(0.1),
      );
    },
    timeout(6000),
  );

  it('a scenario whose text holds unpaired surrogates is written as a link without throwing', () => {
    const lone = fc.string({
      unit: fc.oneof(
        fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
        fc.constant('a'),
      ),
    });
    fc.assert(
      fc.property(lone, lone, (name, notes) => {
        const scenario: Scenario = { version: CURRENT_VERSION, name: name.slice(0, 200), notes };
        const search = encodeLink(scenario, decodeLink('').view, { embed: { title: name.slice(0, 200) } });
        const link = decodeLink(search);
        expect(link.ignored).toEqual([]);
        expectSound(search, link);
        // What was well formed comes back as it was; an unpaired surrogate as U+FFFD.
        expect(link.scenario.notes ?? '').toBe(wellFormed(notes));
      }),
      runs(0.05),
    );
  });
});
