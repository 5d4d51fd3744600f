/**
 * Export and import files, and stored records (src/model/library.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  LIBRARY_FORMAT,
  checkView,
  exportFileName,
  exportLibrary,
  exportScenario,
  formatImportProblem,
  makeRecord,
  migrateRecord,
  parseImport,
  parseImports,
} from '../../src/model/library.ts';
import { CURRENT_VERSION } from '../../src/model/registry/index.ts';
import { scenarioFromText } from '../../src/model/scenario/set.ts';
import { defaultView } from '../../src/model/view.ts';

const base = { version: CURRENT_VERSION, siteMw: 250, pivotSharePct: 40 };
const when = new Date('2026-02-01T10:00:00.000Z');

describe('export', () => {
  it('one scenario is a scenario file the CLI reads, with its name and notes', () => {
    const text = exportScenario({ ...base, notes: 'two\nlines', siteMw: 250 }, 'Base case');
    expect(JSON.parse(text)).toEqual({ version: 2, siteMw: 250, pivotSharePct: 40, name: 'Base case', notes: 'two\nlines' });
    expect(Object.keys(JSON.parse(text))).toEqual(['version', 'siteMw', 'pivotSharePct', 'name', 'notes']);
    expect(scenarioFromText(text).ok).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('refuses an invalid scenario', () => {
    expect(() => exportScenario({ version: 1, siteMw: -1 })).toThrow(/siteMw/);
  });

  it('the library holds every scenario as a scenario file', () => {
    const text = exportLibrary(
      [
        { name: 'A', scenario: { version: 2, siteMw: 10 } },
        { name: 'B', scenario: { version: 2, name: 'old name' } },
      ],
      when,
    );
    expect(JSON.parse(text)).toEqual({
      format: LIBRARY_FORMAT,
      version: 1,
      exported: '2026-02-01T10:00:00.000Z',
      scenarios: [
        { version: 2, siteMw: 10, name: 'A' },
        { version: 2, name: 'B' },
      ],
    });
  });

  it('names files after the scenario', () => {
    expect(exportFileName('Base case: 2026 (Café)')).toBe('hashpivot-base-case-2026-cafe.json');
    expect(exportFileName('')).toBe('hashpivot-scenario.json');
    expect(exportFileName('???')).toBe('hashpivot-scenario.json');
  });
});

describe('import', () => {
  it('round trips one scenario and the library', () => {
    const one = parseImport(exportScenario(base, 'Base'), 'base.json');
    expect(one).toEqual({ ok: true, scenarios: [{ name: 'Base', scenario: { ...base, name: 'Base' } }] });

    const records = [
      { name: 'A', scenario: { version: 2, siteMw: 10, notes: 'n' } },
      { name: 'B', scenario: { version: 2, horizonYears: 5 } },
    ];
    const lib = parseImport(exportLibrary(records, when), 'lib.json');
    expect(lib.ok && lib.scenarios).toEqual(records.map((r) => ({ name: r.name, scenario: { ...r.scenario, name: r.name } })));
  });

  it('names an unnamed scenario after its file', () => {
    const r = parseImport('{"version": 1}', 'C:\\Users\\me\\High case.JSON');
    expect(r.ok && r.scenarios[0]!.name).toBe('High case');
    expect(r.ok && r.scenarios[0]!.scenario.name).toBe('High case');
  });

  it('lists problems per file, entry and key, and imports nothing', () => {
    const lib = JSON.stringify({
      format: LIBRARY_FORMAT,
      version: 1,
      scenarios: [{ version: 1, name: 'Fine' }, { version: 1, name: 'Bad', siteMw: 0, uptimePct: 'x' }, 'oops'],
    });
    const r = parseImport(lib, 'lib.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatImportProblem)).toEqual([
      'lib.json: scenarios[1] ("Bad"): siteMw: expected a number from 0.1 to 10000 MW, got 0',
      'lib.json: scenarios[1] ("Bad"): uptimePct: expected a number from 0 to 100 %, got a string ("x")',
      'lib.json: scenarios[2]: scenario: expected a JSON object such as {"version": 2}, got a string ("oops")',
    ]);
    expect(r.problems[0]).toMatchObject({ file: 'lib.json', entry: 'scenarios[1] ("Bad")', key: 'siteMw' });
    expect('scenarios' in r).toBe(false);
  });

  it.each([
    ['malformed JSON', '{"version": 1,', /scenario: malformed JSON/],
    ['empty', '', /empty input/],
    ['an array', '[]', /got an array/],
    ['another format', '{"format": "grapher"}', /format: expected "hashpivot-library"/],
    ['a newer library', `{"format": "${LIBRARY_FORMAT}", "version": 2, "scenarios": []}`, /newer than this build/],
    ['no scenarios', `{"format": "${LIBRARY_FORMAT}", "version": 1}`, /scenarios: expected an array/],
    ['an unknown library key', `{"format": "${LIBRARY_FORMAT}", "version": 1, "scenarios": [], "extra": 1}`, /extra: unknown key/],
    ['a newer scenario', '{"version": 99}', /unsupported version 99/],
    ['an unknown scenario key', '{"version": 1, "siteMW": 3}', /did you mean siteMw/],
  ])('refuses %s', (_name, text, message) => {
    const r = parseImport(text, 'f.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('several files: all or nothing', () => {
    const good = { name: 'a.json', text: exportScenario(base, 'A') };
    const bad = { name: 'b.json', text: '{"version": 1, "siteMw": "big"}' };
    expect(parseImports([good, good]).ok).toBe(true);
    const r = parseImports([good, bad]);
    expect(r).toEqual({ ok: false, problems: [expect.objectContaining({ file: 'b.json', key: 'siteMw' })] });
  });
});

describe('records', () => {
  const record = makeRecord({ id: 'r1', name: 'Base', scenario: base, view: defaultView() }, when);

  it('makeRecord keeps the name in the scenario and stamps the time and version', () => {
    expect(record).toEqual({
      id: 'r1',
      name: 'Base',
      modified: '2026-02-01T10:00:00.000Z',
      schemaVersion: CURRENT_VERSION,
      scenario: { ...base, name: 'Base' },
      view: defaultView(),
    });
    expect(() => makeRecord({ id: 'x', name: 'n'.repeat(121), scenario: base }, when)).toThrow(/at most 120/);
    expect(() => makeRecord({ id: 'x', name: 'n', scenario: { version: 1, siteMw: 0 } }, when)).toThrow(/siteMw/);
    expect(() => makeRecord({ id: 'x', name: 'n', scenario: base, view: { ...defaultView(), month: 0 } }, when)).toThrow(/month/);
  });

  it('migrateRecord reads a current record as it is', () => {
    expect(migrateRecord(structuredClone(record))).toEqual({ ok: true, record });
  });

  it('migrateRecord takes the version from the scenario, then schemaVersion', () => {
    const { version: _, ...unversioned } = record.scenario;
    const r = migrateRecord({ ...record, scenario: unversioned, schemaVersion: CURRENT_VERSION });
    expect(r.ok && r.record.scenario).toEqual(record.scenario);
  });

  it('migrateRecord reports a record from a newer build instead of misreading it', () => {
    const r = migrateRecord({
      ...record,
      schemaVersion: CURRENT_VERSION + 1,
      scenario: { ...record.scenario, version: CURRENT_VERSION + 1 },
    });
    expect(r).toEqual({ ok: false, problems: [expect.objectContaining({ key: 'version' })] });
  });

  it('migrateRecord drops a view that no longer fits and says why', () => {
    const r = migrateRecord({ ...record, scenario: { ...record.scenario, horizonYears: 1 }, view: { ...defaultView(), month: 20 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.view).toBeUndefined();
    expect(r.viewProblems?.[0]?.key).toBe('month');
  });

  it.each([
    null,
    'x',
    {},
    { id: 'a', name: 'n', modified: 'yesterday', scenario: {} },
    { id: 'a', name: 'n', modified: when.toISOString(), scenario: [] },
  ])('migrateRecord refuses a damaged record: %j', (raw) => {
    expect(migrateRecord(raw).ok).toBe(false);
  });

  it('checkView checks shape and ranges', () => {
    expect(checkView(defaultView(), base)).toEqual([]);
    expect(checkView({ x: 1 }, base)[0]!.key).toBe('view');
    expect(checkView({ ...defaultView(), metric: 'nope' }, base)[0]!.key).toBe('metric');
  });
});
