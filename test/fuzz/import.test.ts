/**
 * Scenario files and the library's import and stored records (src/model/scenario/,
 * src/model/library.ts) under generated input: exported files import as they were; any text —
 * valid files mutated, wrong types, prototype keys, deep nesting, huge numbers, garbage — is
 * either a sound scenario or problems each naming its key, never an exception; and no function
 * that is given saved content changes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LIBRARY_FORMAT,
  LIBRARY_VERSION,
  exportLibrary,
  exportScenario,
  makeRecord,
  migrateRecord,
  parseImport,
  parseImports,
  type ImportProblem,
} from '../../src/model/library.ts';
import { CURRENT_VERSION, SCENARIO_KEYS, TEXT_PARAMS_BY_KEY } from '../../src/model/registry/index.ts';
import { showKey } from '../../src/model/scenario/messages.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import { scenarioFromText } from '../../src/model/scenario/set.ts';
import type { Problem } from '../../src/model/scenario/types.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { checkSweep } from '../../src/model/sweep.ts';
import {
  PROTOTYPE_KEYS,
  VALUE_KEYS,
  anyJson,
  badKey,
  badValue,
  deepFreeze,
  deepJsonText,
  numberText,
  runs,
  scenarioDefects,
  text,
  timeout,
  validRawScenario,
  validScenario,
  validScenarioAndView,
  validValue,
} from './arbitraries.ts';

const NAME_MAX = TEXT_PARAMS_BY_KEY.name.maxLength;

/** A problem names its key first: `siteMw: …`, `"we ird": …`, or a library's `format: …`. */
function expectNamed(p: Problem | ImportProblem, input: string) {
  const named = p.message.startsWith(`${p.key}: `) || p.message.startsWith(`${showKey(p.key)}: `);
  expect(named, p.message).toBe(true);
  expect(p.message, 'one line').not.toMatch(/[\n\r]/);
  for (const word of ['NaN', 'Infinity', 'undefined', '[object Object]']) {
    if (!input.includes(word)) expect(p.message).not.toContain(word);
  }
}

/** File names, ordinary and not: long, with paths, unicode, no extension. */
const fileName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('base.json', 'C:\\Users\\me\\deal.JSON', '/tmp/a/b.json', '.json', 'scenario', ''),
  text(40).map((t) => `${t}.json`),
  fc.integer({ min: NAME_MAX - 5, max: NAME_MAX + 50 }).map((n) => `${'n'.repeat(n)}.json`),
);

/** A scenario object of any version this build reads, mutated: keys dropped, added, given wrong values. */
const mutatedScenario: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    validRawScenario,
    fc.array(
      fc.oneof(
        fc.tuple(fc.constantFrom(...VALUE_KEYS), badValue).map(([k, v]) => (o: Record<string, unknown>) => ({ ...o, [k]: v })),
        fc.tuple(badKey, badValue).map(([k, v]) => (o: Record<string, unknown>) => ({ ...o, [k]: v })),
        fc.constantFrom(...SCENARIO_KEYS).map((k) => (o: Record<string, unknown>) => {
          const out = { ...o };
          delete out[k];
          return out;
        }),
        badValue.map((v) => (o: Record<string, unknown>) => ({ ...o, version: v })),
        fc.constantFrom(...PROTOTYPE_KEYS).map((k) => (o: Record<string, unknown>) => {
          // As JSON.parse reads it: an own key named __proto__ (or constructor, …) holding an object.
          const body = JSON.stringify(o).slice(1, -1);
          return JSON.parse(`{"${k}": {"siteMw": -1, "version": 99}${body === '' ? '' : `, ${body}`}}`) as Record<string, unknown>;
        }),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([raw, ms]) => ms.reduce((o, m) => m(o), raw));

/** A library file's object: valid or mutated entries, and its own keys right or wrong. */
const libraryObject: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 3, arbitrary: validRawScenario }, { weight: 1, arbitrary: mutatedScenario }, anyJson), { maxLength: 5 }),
    fc.record(
      {
        format: fc.oneof(fc.constant(LIBRARY_FORMAT), badValue),
        version: fc.oneof(fc.constant(LIBRARY_VERSION), badValue),
        exported: fc.oneof(fc.constant('2026-02-01T10:00:00.000Z'), badValue),
        scenarios: badValue,
        extra: badValue,
      },
      { requiredKeys: [] },
    ),
    fc.boolean(),
  )
  .map(([scenarios, overrides, wholly]) => ({
    format: LIBRARY_FORMAT,
    version: LIBRARY_VERSION,
    exported: '2026-02-01T10:00:00.000Z',
    scenarios,
    ...(wholly ? {} : overrides),
  }));

/** The text of a file: JSON of valid or mutated objects, then perhaps broken as text. */
const fileText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: mutatedScenario.map((o) => JSON.stringify(o, null, 2)) },
      { weight: 4, arbitrary: libraryObject.map((o) => JSON.stringify(o)) },
      { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant((t: string) => t) },
      fc.nat().map((i) => (t: string) => t.slice(0, i % (t.length + 1))),
      fc.constant((t: string) => `\ufeff${t}`),
      // A key written twice.
      fc.tuple(fc.constantFrom(...SCENARIO_KEYS), numberText).map(
        ([k, v]) =>
          (t: string) =>
            t.replace(/^\{/, `{"${k}": ${JSON.stringify(v)}, "${k}": 1,`),
      ),
      // Numbers JSON.parse reads as ±Infinity or 0.
      fc.constantFrom('1e400', '-1e400', '1e-400').map((n) => (t: string) => t.replace(/: -?\d[\d.eE+-]*/, `: ${n}`)),
    ),
  )
  .map(([t, m]) => m(t));

describe('scenario and library files under generated input', () => {
  it(
    'an exported library imports as the scenarios and names it was made of',
    () => {
      const records = fc.array(fc.record({ name: text(NAME_MAX), scenario: validScenario }), { minLength: 1, maxLength: 4 });
      fc.assert(
        fc.property(records, fileName, (given, file) => {
          deepFreeze(given);
          const before = structuredClone(given);
          const imported = parseImport(exportLibrary(given), file);
          expect(given).toEqual(before);
          if (!imported.ok) throw new Error(imported.problems.map((p) => p.message).join('\n'));
          expect(imported.scenarios.length).toBe(given.length);
          imported.scenarios.forEach((s, i) => {
            const name = given[i].name || given[i].scenario.name || imported.scenarios[i].name;
            expect(s.name).toBe(name);
            expect(s.scenario).toEqual({ ...given[i].scenario, name });
            expect(scenarioDefects(s.scenario)).toEqual([]);
          });
          // One scenario's file, too.
          const one = parseImport(exportScenario(given[0].scenario, given[0].name), file);
          // (Unnamed, it is named after the file rather than as the library's first entry.)
          const { name: _name, ...unnamed } = imported.scenarios[0].scenario;
          expect(one.ok && { ...one.scenarios[0].scenario, name: undefined }).toEqual({ ...unnamed, name: undefined });
        }),
        runs(0.15),
      );
    },
    timeout(4000),
  );

  it(
    'any file text imports as sound scenarios or as problems naming their file, entry and key',
    () => {
      fc.assert(
        fc.property(fileText, fileName, (input, file) => {
          const result = parseImport(input, file);
          if (result.ok) {
            // Only a library may hold no scenario.
            if (result.scenarios.length === 0) expect(input).toContain(LIBRARY_FORMAT);
            for (const s of result.scenarios) {
              expect(s.name).not.toBe('');
              expect(s.scenario.name).toBe(s.name);
              expect(scenarioDefects(s.scenario)).toEqual([]);
            }
          } else {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const p of result.problems) {
              expect(p.file).toBe(file);
              expectNamed(p, input);
            }
          }
          // The same text as the CLI reads it: the same verdict on a scenario file.
          const cli = scenarioFromText(input);
          if (cli.ok) expect(scenarioDefects(cli.scenario)).toEqual([]);
          else for (const p of cli.problems) expectNamed(p, input);
        }),
        runs(),
      );
    },
    timeout(6000),
  );

  it(
    'a file nested far deeper than any scenario is refused by name, not a RangeError',
    () => {
      fc.assert(
        fc.property(deepJsonText, fc.nat(), (input, cut) => {
          // Whole, or cut short (malformed).
          for (const text of [input, input.slice(0, cut % input.length)]) {
            const result = parseImport(text, 'deep.json');
            expect(result.ok).toBe(false);
            if (!result.ok) for (const p of result.problems) expectNamed(p, text);
            const cli = scenarioFromText(text);
            if (!cli.ok) for (const p of cli.problems) expectNamed(p, text);
          }
        }),
        runs(0.01),
      );
    },
    timeout(2000),
  );

  it(
    'a batch of files imports all or nothing',
    () => {
      const files = fc.array(
        fc.record({
          name: fileName,
          text: fc.oneof(
            fileText,
            validRawScenario.map((o) => JSON.stringify(o)),
          ),
        }),
        {
          maxLength: 4,
        },
      );
      fc.assert(
        fc.property(files, (fs) => {
          const each = fs.map((f) => parseImport(f.text, f.name));
          const all = parseImports(fs);
          expect(all.ok).toBe(each.every((r) => r.ok));
          if (all.ok) expect(all.scenarios.length).toBe(each.reduce((n, r) => n + (r.ok ? r.scenarios.length : 0), 0));
          else expect(all.problems.length).toBe(each.reduce((n, r) => n + (r.ok ? 0 : r.problems.length), 0));
        }),
        runs(0.05),
      );
    },
    timeout(2000),
  );

  it(
    'a stored record is read, or refused with named problems, without being changed',
    () => {
      const record = fc.oneof(
        validScenarioAndView.map(({ scenario, view }) => ({
          id: 'r1',
          name: scenario.name ?? '',
          modified: '2026-02-01T10:00:00.000Z',
          schemaVersion: CURRENT_VERSION,
          scenario,
          view,
        })),
        fc.record(
          {
            id: fc.oneof(fc.constant('r2'), badValue),
            name: fc.oneof(text(NAME_MAX), badValue),
            modified: fc.oneof(fc.constant('2026-02-01T10:00:00.000Z'), badValue),
            schemaVersion: fc.oneof(fc.integer({ min: 0, max: 3 }), badValue),
            scenario: fc.oneof(mutatedScenario, validRawScenario, badValue),
            view: fc.oneof(
              validScenarioAndView.map((sv) => sv.view),
              validScenarioAndView.map((sv) => ({ ...sv.view, extra: JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`) })),
              badValue,
            ),
          },
          { requiredKeys: ['id', 'name', 'modified', 'scenario'] },
        ),
      );
      fc.assert(
        fc.property(record, (raw) => {
          deepFreeze(raw);
          const before = structuredClone(raw);
          const result = migrateRecord(raw);
          expect(raw).toEqual(before);
          if (!result.ok) {
            for (const p of result.problems) expectNamed(p, JSON.stringify(raw) ?? '');
            return;
          }
          expect(result.record.schemaVersion).toBe(CURRENT_VERSION);
          expect(scenarioDefects(result.record.scenario)).toEqual([]);
          if (result.record.view) {
            expect(checkSweep(result.record.view, resolveInputs(result.record.scenario).horizonYears)).toEqual([]);
          }
          for (const p of result.viewProblems ?? []) expect(p.message.trim()).not.toBe('');
          // Saved again and read back, it is the same record.
          const fields = deepFreeze({
            id: result.record.id,
            name: result.record.name,
            scenario: result.record.scenario,
            view: result.record.view,
          });
          const again = makeRecord(fields, new Date(result.record.modified));
          const reread = migrateRecord(again);
          expect(reread.ok && reread.record.scenario).toEqual(again.scenario);
        }),
        runs(0.15),
      );
    },
    timeout(4000),
  );

  it(
    'overrides of any key with any text are applied or refused by name',
    () => {
      const set = fc.oneof(
        fc.tuple(fc.constantFrom(...VALUE_KEYS), numberText).map(([k, v]) => `${k}=${v}`),
        fc.constantFrom(...VALUE_KEYS).chain((k) => validValue(k).map((v) => `${k}=${String(v)}`)),
        fc.tuple(badKey, numberText).map(([k, v]) => `${k}=${v}`),
        text(40),
      );
      fc.assert(
        fc.property(validRawScenario, fc.array(set, { maxLength: 6 }), (raw, sets) => {
          const input = JSON.stringify(raw);
          const result = scenarioFromText(input, sets);
          const all = `${input} ${sets.join(' ')}`;
          if (result.ok) expect(scenarioDefects(result.scenario)).toEqual([]);
          else for (const p of result.problems) expectNamed(p, all);
          // A file with no override reads as its object does.
          expect(scenarioFromText(input)).toEqual(validateScenario(raw));
        }),
        runs(0.1),
      );
    },
    timeout(2000),
  );
});
