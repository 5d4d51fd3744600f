/**
 * Generators for the property-based tests of test/fuzz/: valid scenarios, views and files built
 * from the registry (every key list derived from it), and the mutations a careless or hostile user
 * makes of them — dropped, repeated and garbled parameters, huge numbers, unicode, prototype keys,
 * deep nesting, wrong types.
 *
 * The broadest property of each area runs FUZZ_RUNS inputs, 10,000 by default (CI), and narrower
 * ones a share of that (runs(share)); HASHPIVOT_FUZZ_RUNS scales them all, e.g.
 * `HASHPIVOT_FUZZ_RUNS=200000 npx vitest run --project unit test/fuzz`. A failure prints the seed
 * and path fast-check needs to replay it (HASHPIVOT_FUZZ_SEED sets the seed).
 */
import fc from 'fast-check';
import {
  CURRENT_VERSION,
  MODEL_KEYS,
  PARAMS_BY_KEY,
  REGISTRY,
  SCENARIO_KEYS,
  TEXT_REGISTRY,
  type ParamSpec,
} from '../../src/model/registry/index.ts';
import { EARLIEST_DATE, LATEST_DATE } from '../../src/model/scenario/dates.ts';
import { resolveInputs } from '../../src/model/scenario/resolve.ts';
import type { Scenario } from '../../src/model/scenario/types.ts';
import { validateScenario } from '../../src/model/scenario/validate.ts';
import { METRICS, checkSweep, type Axis } from '../../src/model/sweep.ts';
import type { View } from '../../src/model/view.ts';

function envInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name}: expected a whole number from 1, got ${JSON.stringify(text)}`);
  return n;
}

/** Inputs per property: 10,000 unless HASHPIVOT_FUZZ_RUNS says otherwise. */
export const FUZZ_RUNS = envInteger('HASHPIVOT_FUZZ_RUNS', 10_000);
const SEED = process.env.HASHPIVOT_FUZZ_SEED ? envInteger('HASHPIVOT_FUZZ_SEED', 1) : undefined;

/** fast-check's parameters for one property (`share` of FUZZ_RUNS, for the costlier ones). */
export function runs(share = 1): fc.Parameters<unknown> {
  return { numRuns: Math.max(1, Math.round(FUZZ_RUNS * share)), ...(SEED === undefined ? {} : { seed: SEED }) };
}

/** A vitest timeout for a property of FUZZ_RUNS inputs that takes about `msPer10k` per 10,000. */
export function timeout(msPer10k: number): number {
  return Math.max(30_000, Math.ceil((msPer10k * 4 * FUZZ_RUNS) / 10_000));
}

// ---------------------------------------------------------------------------------------------
// Values

/** −0 reads and writes as 0 everywhere (JSON, links); the generators give 0. */
const noNegativeZero = (v: number) => v + 0;

/** A valid value of a numeric key: its bounds, its default, on its step grid, or anywhere in range. */
export function validNumber(p: ParamSpec): fc.Arbitrary<number> {
  const anywhere = fc.double({ min: p.min, max: p.max, noNaN: true }).map(noNegativeZero);
  const steps = Math.floor((p.max - p.min) / p.step);
  const gridded = fc.integer({ min: 0, max: Math.min(steps, 2 ** 31 - 1) }).map((k) => Math.min(p.max, p.min + k * p.step));
  const plausible = p.plausible ? [fc.double({ min: p.plausible.low, max: p.plausible.high, noNaN: true }).map(noNegativeZero)] : [];
  const any = fc.oneof(fc.constantFrom(p.min, p.max, p.default, p.v1Default), gridded, anywhere, ...plausible);
  return p.integer ? any.map((v) => Math.min(p.max, Math.max(p.min, Math.round(v)))) : any;
}

const DATE_MIN = new Date(`${EARLIEST_DATE}T00:00:00.000Z`);
const DATE_MAX = new Date(`${LATEST_DATE}T23:59:59.999Z`);

/** A valid start date, as a date or an ISO 8601 UTC date-time. */
export const validDate: fc.Arbitrary<string> = fc
  .tuple(fc.date({ min: DATE_MIN, max: DATE_MAX, noInvalidDate: true }), fc.constantFrom('date', 'iso', 'seconds', 'offset'))
  .map(([d, form]) => {
    const iso = d.toISOString();
    if (form === 'date') return iso.slice(0, 10);
    if (form === 'seconds') return `${iso.slice(0, 19)}Z`;
    if (form === 'offset') return `${iso.slice(0, 23)}+00:00`;
    return iso;
  });

/** Unicode text: any code point (well formed), spaces and the characters a query or HTML treats specially. */
export function text(maxLength: number): fc.Arbitrary<string> {
  const special = fc.constantFrom('&', '=', '+', '%', '?', '#', ':', '/', '<', '>', '"', "'", ' ', '\n', '\u0000', '\u202e', '😀', 'é');
  return fc
    .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 }), special), {
      maxLength: 12,
    })
    .map((parts) => parts.join(''))
    .map((s) => (s.length > maxLength ? s.slice(0, maxLength).replace(/[\ud800-\udbff]$/, '') : s));
}

const textArb: Record<string, fc.Arbitrary<string>> = Object.fromEntries(
  TEXT_REGISTRY.map((t) => [t.key, t.kind === 'date' ? validDate : fc.oneof(text(t.maxLength), fc.constant('x'.repeat(t.maxLength)))]),
);

const numberArb: Record<string, fc.Arbitrary<number>> = Object.fromEntries(REGISTRY.map((p) => [p.key, validNumber(p)]));

/** A valid value of any scenario key but `version`. */
export function validValue(key: string): fc.Arbitrary<unknown> {
  return Object.hasOwn(textArb, key) ? textArb[key] : numberArb[key];
}

/** Every scenario key but `version`. */
export const VALUE_KEYS: readonly string[] = SCENARIO_KEYS.filter((k) => k !== 'version');

// ---------------------------------------------------------------------------------------------
// Scenarios

/** `raw` with the keys a rule across keys rejects dropped, validated. */
export function repaired(raw: Record<string, unknown>): Scenario {
  const copy = { ...raw };
  for (let i = 0; i < 8; i++) {
    const r = validateScenario(copy);
    if (r.ok) return r.scenario;
    for (const p of r.problems) delete copy[p.key];
  }
  throw new Error(`cannot repair ${JSON.stringify(raw)}`);
}

/** Some keys of a scenario, each with a valid value (a few keys, or any of them). */
export const validEntries: fc.Arbitrary<Record<string, unknown>> = fc
  .oneof(
    { weight: 5, arbitrary: fc.uniqueArray(fc.constantFrom(...VALUE_KEYS), { maxLength: 6 }) },
    { weight: 1, arbitrary: fc.subarray([...VALUE_KEYS]) },
  )
  .chain((keys) => fc.tuple(...keys.map((k) => validValue(k))).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))));

/** A valid scenario of the current version (validateScenario's output). */
export const validScenario: fc.Arbitrary<Scenario> = validEntries.map((entries) => repaired({ version: CURRENT_VERSION, ...entries }));

/** A valid scenario of any version this build reads (older ones hold only their own keys). */
export const validRawScenario: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.integer({ min: 1, max: CURRENT_VERSION }), validEntries)
  .map(([version, entries]) => {
    const raw: Record<string, unknown> = { version, ...entries };
    // A key a version lacks is not in its files: any key whose validation fails is dropped.
    for (let i = 0; i < 8; i++) {
      const r = validateScenario(raw);
      if (r.ok) return raw;
      for (const p of r.problems) delete raw[p.key];
    }
    throw new Error(`cannot repair ${JSON.stringify(raw)}`);
  });

// ---------------------------------------------------------------------------------------------
// Views

/** An axis valid for its key: inside its range, 2–2048 points, logarithmic only above 0. */
export function validAxis(key: (typeof MODEL_KEYS)[number]): fc.Arbitrary<Axis> {
  const p = PARAMS_BY_KEY[key];
  return fc.tuple(numberArb[key], numberArb[key], fc.integer({ min: 2, max: 2048 }), fc.boolean()).map(([a, b, n, log]): Axis => {
    let [min, max] = a < b ? [a, b] : [b, a];
    if (min === max) [min, max] = [p.min, p.max];
    if (p.integer) {
      // Rounded values must not repeat: a linear axis of at most one point a unit.
      return { key, min, max, n: Math.max(2, Math.min(n, max - min + 1)), log: false };
    }
    return { key, min, max, n, log: log && min > 0 };
  });
}

/** A valid view for `scenario`: two different keys, a metric, a month inside the horizon. */
export function validView(scenario: Scenario): fc.Arbitrary<View> {
  const horizonYears = resolveInputs(scenario).horizonYears;
  return fc
    .uniqueArray(fc.constantFrom(...MODEL_KEYS), { minLength: 2, maxLength: 2 })
    .chain(([kx, ky]) => fc.tuple(validAxis(kx), validAxis(ky), fc.constantFrom(...METRICS), fc.integer({ min: 1, max: 12 * 30 })))
    .map(([x, y, metric, month]) => {
      const horizonAxis = [x, y].find((a) => a.key === 'horizonYears');
      const months = 12 * (horizonAxis ? Math.round(horizonAxis.min) : horizonYears);
      const view: View = { x, y, metric, month: ((month - 1) % months) + 1 };
      if (checkSweep(view, horizonYears).length > 0) throw new Error(`invalid view generated: ${JSON.stringify(view)}`);
      return view;
    });
}

/** A valid scenario with a valid view for it. */
export const validScenarioAndView: fc.Arbitrary<{ scenario: Scenario; view: View }> = validScenario.chain((scenario) =>
  validView(scenario).map((view) => ({ scenario, view })),
);

// ---------------------------------------------------------------------------------------------
// Hostile pieces

/** Names that are not keys but look like one, or are the object prototype's own. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** A key that is probably wrong: a near miss of a real one, a prototype key, unicode, or nothing. */
export const badKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.constantFrom(...SCENARIO_KEYS).map((k) => k.toUpperCase()),
  fc.tuple(fc.constantFrom(...SCENARIO_KEYS), fc.nat()).map(([k, i]) => k.slice(0, i % k.length) + k.slice((i % k.length) + 1)),
  fc.constant(''),
  text(80),
  fc.string({ minLength: 61, maxLength: 300 }),
);

/** Numbers as text, from the ordinary to the unreadable. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom(
    '1e400',
    '-1e400',
    '1e-400',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1_000',
    '1,5',
    ' 1',
    '1 ',
    '',
    '-0',
    '+5',
    '.5',
    '5.',
    '1e',
    'e5',
  ),
  fc.constantFrom(...REGISTRY).map((p) => String(p.max * 10 + 1)),
  fc.constantFrom(...REGISTRY).map((p) => String(p.min - 1)),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
);

/** Any JSON value, deeply nested ones included (deeper ones are written as text: deepJsonText). */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.integer({ min: 1, max: 200 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc.integer({ min: 1, max: 200 }).map((depth) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
);

/** A wrong value for a scenario key: another type, out of range, huge, NaN-like, nested. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  numberText,
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2),
  anyJson,
);

/** Deeply freezes `value` (so a function that writes to it throws) and returns it. */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const child of Object.values(v)) stack.push(child);
    }
  }
  return value;
}

/** Every number in `value` (recursively). */
export function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

/** Problems of a scenario as the decoder or an import yields it: valid, finite, inside every range. */
export function scenarioDefects(scenario: Scenario): string[] {
  const defects: string[] = [];
  const r = validateScenario(scenario);
  if (!r.ok) defects.push(...r.problems.map((p) => p.message));
  if (scenario.version !== CURRENT_VERSION) defects.push(`version ${scenario.version}`);
  for (const [key, value] of Object.entries(scenario)) {
    if (key === 'version') continue;
    const p = PARAMS_BY_KEY[key as keyof typeof PARAMS_BY_KEY];
    if (p && (typeof value !== 'number' || !Number.isFinite(value) || value < p.min || value > p.max)) defects.push(`${key}=${value}`);
  }
  for (const [key, value] of Object.entries(resolveInputs(scenario))) {
    if (!Number.isFinite(value)) defects.push(`resolved ${key}=${value}`);
  }
  return defects;
}

/** JSON text nested far deeper than any object a generator builds (JSON.parse reads it without recursion). */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 5000, max: 12_000 }),
    fc.constantFrom('[', '{"a":'),
    fc.constantFrom(...VALUE_KEYS, 'version', 'format', 'scenarios', 'exported'),
    fc.constantFrom('{"version": 2, ', '{"format": "hashpivot-library", "version": 1, '),
  )
  .map(
    ([depth, open, key, start]) =>
      `${start}"${key}": ${open.repeat(depth)}${open === '[' ? '' : '1'}${(open === '[' ? ']' : '}').repeat(depth)}}`,
  );
