/**
 * What the property-based tests of this folder found, each pinned by one example: a link of text
 * with an unpaired surrogate, an axis part that is not a number, a long file name, values nested
 * deeper than JSON.stringify and structuredClone reach, a parser message holding a line break, and
 * a huge link or library file whose every unknown name was given a "did you mean" search.
 */
import { describe, expect, it, vi } from 'vitest';
import { LIBRARY_FORMAT, migrateRecord, parseImport } from '../../src/model/library.ts';
import { CURRENT_VERSION, TEXT_PARAMS_BY_KEY } from '../../src/model/registry/index.ts';
import { parseJsonText } from '../../src/model/scenario/json.ts';
import { suggestKey, unknownKey } from '../../src/model/scenario/suggest.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { parseAxis } from '../../src/model/sweep.ts';
import { decodeLink } from '../../src/model/url/parse.ts';
import { encodeLink } from '../../src/model/url/write.ts';
import { defaultView } from '../../src/model/view.ts';

// suggestKey and unknownKey as they are, their calls counted.
vi.mock('../../src/model/scenario/suggest.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/model/scenario/suggest.ts')>();
  return { ...actual, suggestKey: vi.fn(actual.suggestKey), unknownKey: vi.fn(actual.unknownKey) };
});

/** An array nested `depth` deep, past what the recursive JSON.stringify and structuredClone reach (about 4,000). */
const deep = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;

describe('findings of the property-based tests', () => {
  it('a name or notes with an unpaired surrogate (a file may hold "\\ud800") is written as U+FFFD, not a URIError', () => {
    const scenario = { version: CURRENT_VERSION, name: 'Deal \ud800 A', notes: '\udc00' };
    expect(validateScenario(scenario).ok).toBe(true);
    const search = encodeLink(scenario, defaultView(), { embed: { title: 'T\ud83d' } });
    expect(search).toBe(
      '?v=2&lv=2&embed=1&name=Deal%20%EF%BF%BD%20A&notes=%EF%BF%BD&x=leaseUsdPerKwMonth:60:220:96&y=btcPriceUsd:30000:250000:96:log&metric=delta&month=1&title=T%EF%BF%BD&chart=map&theme=light',
    );
    const link = decodeLink(search);
    expect(link.ignored).toEqual([]);
    expect([link.scenario.name, link.scenario.notes, link.embed?.title]).toEqual(['Deal \ufffd A', '\ufffd', 'T\ufffd']);
  });

  it('an axis part that is not a number is quoted as written, never "got NaN"', () => {
    const parsed = parseAxis('y', 'exitMonth:0:600:6==');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.map((p) => p.message)).toEqual([
      'y: the number of points must be a whole number in [2, 2048], got "6=="',
    ]);
    const link = decodeLink('?v=2&x=siteMw:ten:500:8');
    expect(link.ignored).toEqual([
      { param: 'x', raw: 'siteMw:ten:500:8', reason: 'min of siteMw must be a number in [0.1, 10000] MW, got "ten"' },
    ]);
  });

  it("a library's unnamed entry is named after a long file within the name's 200 characters", () => {
    const max = TEXT_PARAMS_BY_KEY.name.maxLength;
    const file = `${'n'.repeat(max)}.json`;
    const result = parseImport(JSON.stringify({ format: LIBRARY_FORMAT, version: 1, scenarios: [{ version: 2 }] }), file);
    if (!result.ok) throw new Error(result.problems[0].message);
    // 198 characters of the stem, then " 1".
    expect(result.scenarios[0].name).toBe(`${'n'.repeat(max - 2)} 1`);
    expect(validateScenario(result.scenarios[0].scenario).ok).toBe(true);
  });

  it('a library\'s own keys holding deep or missing values are problems naming them, not a RangeError or "undefined"', () => {
    const result = parseImport(`{"format": ${JSON.stringify([0]).replace('0', '['.repeat(6000) + ']'.repeat(6000))}}`, 'f.json');
    expect(result).toEqual({
      ok: false,
      problems: [{ file: 'f.json', key: 'format', message: 'format: expected "hashpivot-library" (a hashpivot library), got an array' }],
    });
    const missing = parseImport(JSON.stringify({ format: LIBRARY_FORMAT, scenarios: [] }), 'g.json');
    expect(!missing.ok && missing.problems.map((p) => p.message)).toEqual(['version: expected the library format version 1, got nothing']);
  });

  it('a stored view carrying a deeply nested extra field is read as its four fields, not a RangeError', () => {
    const view = defaultView();
    const result = migrateRecord({
      id: 'r',
      name: 'A',
      modified: '2026-02-01T10:00:00.000Z',
      scenario: { version: 2, name: 'A' },
      view: { ...view, extra: deep(6000), x: { ...view.x, junk: deep(6000) } },
    });
    expect(result.ok && result.record.view).toEqual(view);
  });

  it("malformed JSON is one line: the parser's quoted text has its line breaks escaped", () => {
    const parsed = parseJsonText('{"siteMw":\n\n x}');
    if (parsed.ok) throw new Error('malformed JSON read');
    // (The parser's wording differs between Node versions; the quoted text is the point.)
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].message).toMatch(/^scenario: malformed JSON: /);
    expect(parsed.problems[0].message).not.toMatch(/[\n\r]/);
    expect(parsed.problems[0].message).toContain('"{"siteMw":\\n\\n x}"');
  });

  it('a link of 100,000 unknown names (1.9 MB) searches a "did you mean" only for the 100 it lists', () => {
    const search = `?v=2&siteMw=300&${Array.from({ length: 100_000 }, (_, i) => `siteMwx${i}=${i}`).join('&')}`;
    vi.mocked(suggestKey).mockClear();
    const link = decodeLink(search);
    expect(vi.mocked(suggestKey).mock.calls.length).toBeLessThanOrEqual(100);
    expect(link.scenario).toEqual({ version: CURRENT_VERSION, siteMw: 300 });
    expect(link.ignored).toHaveLength(100);
    expect(link.ignored[0]).toEqual({ param: 'siteMwx0', raw: '0', reason: 'unknown parameter (did you mean siteMw?)' });
    expect(link.ignored[99]).toEqual({ param: '…', raw: '', reason: 'and 99901 more parameters ignored' });
  });

  it('a library of 20,000 bad entries lists 20 problems and counts the rest, searching no "did you mean" for those', () => {
    const entry = { version: 2, siteMwx: 1, pivotSharePctt: 2, uptimePct: 'x' };
    const text = JSON.stringify({ format: LIBRARY_FORMAT, version: 1, scenarios: Array.from({ length: 20_000 }, () => entry) });
    vi.mocked(unknownKey).mockClear();
    const result = parseImport(text, 'big.json');
    if (result.ok) throw new Error('bad entries imported');
    // 3 problems an entry: entries 0 to 5 give 18, entry 6 the last 2 listed; 60,000 - 20 more.
    expect(result.problems).toHaveLength(21);
    expect(result.problems[0]).toEqual({
      file: 'big.json',
      entry: 'scenarios[0]',
      key: 'siteMwx',
      message: 'siteMwx: unknown key (did you mean siteMw?)',
    });
    expect(result.problems[19].entry).toBe('scenarios[6]');
    expect(result.problems[20]).toEqual({ file: 'big.json', key: 'scenario', message: 'scenario: … and 59980 more problems not listed' });
    expect(vi.mocked(unknownKey).mock.calls.length).toBeLessThanOrEqual(20);
  });
});
