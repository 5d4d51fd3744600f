/**
 * The link codec: a scenario and a view as a URL query string, and back. A public format
 * (interfaces.md, "Links and embeds"): links and embeds written today are read forever, through
 * the migrations below. Pure: no DOM, no state; the explorer's state calls it.
 *
 * The format, version 1:
 *
 *   ?v=1&siteMw=250&name=Base%20case&x=leaseUsdPerKwMonth:60:220:48&metric=npvPivot
 *
 * - `v` — the schema version the link was made with (registry.ts CURRENT_VERSION). Every link this
 *   codec writes names it, so the default scenario and view give exactly `?v=1`, never an empty
 *   string: the version is what pins the defaults the link's omissions stand for.
 *   A link without `v` that holds any scenario or view parameter is read as version 1, the first
 *   (so a hand-written link means the same thing forever); a query with neither (the bare page,
 *   or only tracking parameters) is the explorer's front page at the current version.
 * - Scenario keys (domain.md §6) as `key=value`, only where the value differs from what the key
 *   would take if absent (for a derived key such as hashrateEhs: differs from its derivation).
 *   Numbers in JavaScript's shortest round-trip form with the exponent's `+` left out (`1e21`,
 *   since a `+` in a query reads as a space); text keys (startDate, name, notes) percent-encoded
 *   (`+` is read as a space too, as forms write it).
 * - The view: `x=KEY:MIN:MAX:N[:log]`, `y=…` (the CLI's axis form), `metric=NAME`, `month=M`, only
 *   where they differ from defaultView().
 * - The embed marker `embed=1`: the embed view's URL is the explorer's plus the marker (same path),
 *   with an optional `title` and `subtitle` (the embed dialog's texts). An embed link writes ALL
 *   four view fields, not only the differences: the scenario's defaults are pinned by `v` and the
 *   scenario migrations (domain.md §6 makes every default change a version bump), but a published
 *   chart should not depend on anyone remembering that the view's defaults are public too — its
 *   axes, metric and month are spelled out, so the chart a story shows is the chart it was given.
 *   (Scenario keys stay differences only: writing all 37 would make every iframe src 1 KB for no
 *   added safety, since a registry default change without a migration would already break files.)
 *
 * Reserved parameter names, never to be used as scenario keys: v, x, y, metric, month, embed,
 * title, subtitle.
 *
 * Reading never throws and never rejects a whole link for one bad part: every valid parameter is
 * loaded, every invalid one is replaced by its default and listed in `ignored` with the reason
 * (naming the key and its allowed range, in validateScenario's words). A link naming a version
 * newer than this build is ignored whole: its keys may mean something this build does not know.
 */
import type { ModelKey } from './keys.ts';
import {
  CURRENT_VERSION,
  SCENARIO_KEYS,
  TEXT_PARAMS_BY_KEY,
  isModelKey,
  isTextKey,
} from './registry/index.ts';
import { migrate } from './scenario/migrations.ts';
import { resolveInputs } from './scenario/resolve.ts';
import { suggestKey } from './scenario/suggest.ts';
import type { Scenario } from './scenario/types.ts';
import { validateScenario } from './scenario/validate.ts';
import { METRICS, checkSweep, parseAxis, type Axis, type Metric } from './sweep.ts';
import { defaultView, type View } from './view.ts';

/** How one parameter read (style.md, after the grapher). */
export type ParamParse<T> =
  | { status: 'valid'; value: T }
  | { status: 'invalid'; raw: string; reason: string }
  | { status: 'missing' };

/** A parameter of a link that was not loaded, and why. */
export interface Ignored {
  /** The parameter's name as it appeared (decoded), e.g. `siteMw`, `x`, `v`. */
  param: string;
  /** Its value as it appeared (decoded; long values cut to 200 characters). */
  raw: string;
  /** Why, e.g. `expected a number from 0.1 to 10000 MW, got 1e400 …`. */
  reason: string;
}

/** The link's parameters, by name (first occurrence), values percent-decoded. */
export type LinkParams = Map<string, string>;

/**
 * Maps the parameters of a link of version `from` to version `from + 1`: the link's own syntax and
 * the view's defaults (a changed view default is pinned by writing the old one when absent). The
 * scenario's keys and defaults are migrated afterwards by scenario.ts MIGRATIONS, exactly as a
 * scenario file of that version would be.
 */
export interface LinkMigration {
  from: number;
  /** When it was written (YYYY-MM-DD). */
  date: string;
  description: string;
  up(params: LinkParams): LinkParams;
}

/** Ordered by `from`; one per version bump (an identity one when only the scenario changed). */
export const LINK_MIGRATIONS: readonly LinkMigration[] = [];

export interface EmbedTexts {
  title?: string;
  subtitle?: string;
}

export interface EncodeOptions {
  /** Write an embed link: the marker, every view field, and the embed's title and subtitle. */
  embed?: boolean | EmbedTexts;
}

export interface DecodedLink {
  /** The version the link was read as (before migration). */
  version: number;
  /** Valid, of CURRENT_VERSION, holding only the keys the link set (absent keys take defaults). */
  scenario: Scenario;
  view: View;
  /** Set when the link carries the embed marker. */
  embed: EmbedTexts | null;
  ignored: Ignored[];
}

export interface DecodeOptions {
  /** Replaces LINK_MIGRATIONS (tests). */
  migrations?: readonly LinkMigration[];
}

export const EMBED_PARAM = 'embed';
export const TITLE_MAX_LENGTH = 200;
export const SUBTITLE_MAX_LENGTH = 500;

const VIEW_PARAMS = ['x', 'y', 'metric', 'month'] as const;
const EMBED_PARAMS = [EMBED_PARAM, 'title', 'subtitle'] as const;
const RESERVED = new Set<string>(['v', ...VIEW_PARAMS, ...EMBED_PARAMS]);
/** No valid axis, metric or month is anywhere near this long; longer values are refused unread. */
const MAX_VIEW_VALUE = 200;
const MAX_RAW_SHOWN = 200;
const MAX_IGNORED = 100;

// ---------------------------------------------------------------------------------------------
// Writing

/** Shortest round-trip form, without the exponent's `+` (a `+` in a query reads as a space). */
export function formatNumber(n: number): string {
  return String(n).replace('e+', 'e');
}

/** Percent-encodes text, leaving the characters a query may hold as they are, for legibility. */
function encodeText(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%40/gi, '@').replace(/%2F/gi, '/');
}

export function formatAxis(axis: Axis): string {
  return `${axis.key}:${formatNumber(axis.min)}:${formatNumber(axis.max)}:${axis.n}${axis.log ? ':log' : ''}`;
}

function sameAxis(a: Axis, b: Axis): boolean {
  return a.key === b.key && a.min === b.min && a.max === b.max && a.n === b.n && a.log === b.log;
}

/** The value a scenario key takes when the scenario leaves it out (derived keys included). */
function impliedValue(scenario: Scenario, key: ModelKey): number {
  const without: Record<string, unknown> = { ...scenario };
  delete without[key];
  return resolveInputs(without as Scenario)[key];
}

/**
 * The query string (with its `?`) of a scenario and a view: `?v=1` and what differs from version
 * 1's defaults. `scenario` is a valid scenario of the current version (validateScenario's output or
 * a resolved one); with `embed`, an embed link (see the module comment).
 */
export function encodeLink(scenario: Scenario, view: View, options: EncodeOptions = {}): string {
  const parts = [`v=${CURRENT_VERSION}`];
  const embed = options.embed ? (options.embed === true ? {} : options.embed) : null;
  if (embed) parts.push(`${EMBED_PARAM}=1`);
  const s = scenario as Record<string, unknown>;
  for (const key of SCENARIO_KEYS) {
    const value = s[key];
    if (key === 'version' || value === undefined) continue;
    if (isModelKey(key)) {
      if (typeof value === 'number' && !Object.is(value, impliedValue(scenario, key))) {
        parts.push(`${key}=${formatNumber(value)}`);
      }
    } else if (isTextKey(key)) {
      if (typeof value === 'string' && value !== TEXT_PARAMS_BY_KEY[key].default) parts.push(`${key}=${encodeText(value)}`);
    }
  }
  const base = defaultView();
  if (embed || !sameAxis(view.x, base.x)) parts.push(`x=${formatAxis(view.x)}`);
  if (embed || !sameAxis(view.y, base.y)) parts.push(`y=${formatAxis(view.y)}`);
  if (embed || view.metric !== base.metric) parts.push(`metric=${view.metric}`);
  if (embed || view.month !== base.month) parts.push(`month=${view.month}`);
  if (embed?.title) parts.push(`title=${encodeText(embed.title)}`);
  if (embed?.subtitle) parts.push(`subtitle=${encodeText(embed.subtitle)}`);
  return `?${parts.join('&')}`;
}

/** An embed link: encodeLink with the marker, every view field, and the texts. */
export function encodeEmbedLink(scenario: Scenario, view: View, texts: EmbedTexts = {}): string {
  return encodeLink(scenario, view, { embed: texts });
}

// ---------------------------------------------------------------------------------------------
// Reading

function shown(raw: string): string {
  return raw.length > MAX_RAW_SHOWN ? `${raw.slice(0, MAX_RAW_SHOWN)}…` : raw;
}

function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** The query part of `search` (a query with or without `?`, or a whole URL), split and decoded. */
function splitSearch(search: string): { pairs: [string, string][]; ignored: Ignored[] } {
  let text = String(search);
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  const q = text.indexOf('?');
  if (q >= 0) text = text.slice(q + 1);
  const pairs: [string, string][] = [];
  const ignored: Ignored[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const name = decodeComponent(rawName);
    const value = decodeComponent(rawValue);
    if (name === null || value === null) {
      ignored.push({
        param: shown(name ?? rawName),
        raw: shown(rawValue),
        reason: `malformed percent-encoding in the ${name === null ? 'name' : 'value'}`,
      });
      continue;
    }
    pairs.push([name, value]);
  }
  return { pairs, ignored };
}

/** First occurrence wins; later ones are listed as ignored. */
function collect(pairs: [string, string][], ignored: Ignored[]): LinkParams {
  const params: LinkParams = new Map();
  for (const [name, value] of pairs) {
    if (params.has(name)) {
      ignored.push({ param: shown(name), raw: shown(value), reason: 'repeated; the first value is used' });
    } else {
      params.set(name, value);
    }
  }
  return params;
}

function oldestVersion(migrations: readonly LinkMigration[]): number {
  let v = CURRENT_VERSION;
  while (migrations.some((m) => m.from === v - 1)) v--;
  return v;
}

function versionRange(migrations: readonly LinkMigration[]): string {
  const oldest = oldestVersion(migrations);
  return oldest === CURRENT_VERSION ? `version ${CURRENT_VERSION}` : `versions ${oldest} to ${CURRENT_VERSION}`;
}

/** Reads `v`: whole numbers only. */
export function parseVersionParam(raw: string | undefined, migrations: readonly LinkMigration[] = LINK_MIGRATIONS): ParamParse<number> {
  if (raw === undefined) return { status: 'missing' };
  if (!/^\d{1,9}$/.test(raw)) {
    return { status: 'invalid', raw, reason: `expected a whole number (this build reads ${versionRange(migrations)})` };
  }
  return { status: 'valid', value: Number(raw) };
}

/** Reads `x` or `y` (`KEY:MIN:MAX:N[:log]`), checked against the key's range. */
export function parseAxisParam(name: 'x' | 'y', raw: string | undefined): ParamParse<Axis> {
  if (raw === undefined) return { status: 'missing' };
  if (raw.length > MAX_VIEW_VALUE) return { status: 'invalid', raw, reason: `expected KEY:MIN:MAX:N[:log], got ${raw.length} characters` };
  const parsed = parseAxis(name, raw);
  if (parsed.ok) return { status: 'valid', value: parsed.axis };
  return { status: 'invalid', raw, reason: parsed.problems.map((p) => stripKey(p.message)).join('; ') };
}

/** Reads `metric`. */
export function parseMetricParam(raw: string | undefined): ParamParse<Metric> {
  if (raw === undefined) return { status: 'missing' };
  if ((METRICS as readonly string[]).includes(raw)) return { status: 'valid', value: raw as Metric };
  return { status: 'invalid', raw, reason: `expected one of ${METRICS.join(', ')}` };
}

/** Reads `month` as a whole number ≥ 1 (its upper bound, the horizon, is checked with the scenario). */
export function parseMonthParam(raw: string | undefined): ParamParse<number> {
  if (raw === undefined) return { status: 'missing' };
  if (/^\d{1,6}$/.test(raw) && Number(raw) >= 1) return { status: 'valid', value: Number(raw) };
  return { status: 'invalid', raw, reason: 'expected a whole number of months from 1' };
}

/** Reads a text parameter of the embed (title, subtitle). */
function parseTextParam(raw: string | undefined, maxLength: number): ParamParse<string> {
  if (raw === undefined) return { status: 'missing' };
  if (raw.length > maxLength) return { status: 'invalid', raw, reason: `expected text of at most ${maxLength} characters, got ${raw.length} characters` };
  return { status: 'valid', value: raw };
}

const STRICT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A scenario value as the link spells it: text for text keys, a number where it reads strictly as
 * one, otherwise the text itself (validation then says "expected a number …, got a string").
 */
function scenarioValue(key: string, raw: string): unknown {
  if (isTextKey(key)) return raw;
  return STRICT_NUMBER.test(raw) ? Number(raw) : raw;
}

/** A validation message without its leading `key: `. */
function stripKey(message: string): string {
  return message.replace(/^-{0,2}[^:\s]{1,80}: /, '');
}

function unknownParam(name: string): string {
  const hint = name.length <= 60 ? suggestKey(name) ?? [...RESERVED].find((r) => r.toLowerCase() === name.toLowerCase()) : undefined;
  return `unknown parameter${hint ? ` (did you mean ${hint}?)` : ''}`;
}

function defaults(version: number, ignored: Ignored[]): DecodedLink {
  return { version, scenario: { version: CURRENT_VERSION }, view: defaultView(), embed: null, ignored };
}

/**
 * Reads a link's query (`?v=1&…`, without `?`, or a whole URL). Never throws: what is valid is
 * loaded, what is not is replaced by its default and listed in `ignored`.
 */
export function decodeLink(search: string, options: DecodeOptions = {}): DecodedLink {
  try {
    return decode(search, options.migrations ?? LINK_MIGRATIONS);
  } catch (error) {
    // Not expected; a link must never take the page down.
    return defaults(CURRENT_VERSION, [
      { param: '', raw: shown(String(search)), reason: `the link could not be read (${error instanceof Error ? error.message : String(error)})` },
    ]);
  }
}

function decode(search: string, migrations: readonly LinkMigration[]): DecodedLink {
  const split = splitSearch(search);
  const ignored = split.ignored;
  let params = collect(split.pairs, ignored);

  // The version.
  const v = parseVersionParam(params.get('v'), migrations);
  params.delete('v');
  const modelParams = [...params.keys()].some((k) => SCENARIO_KEYS.includes(k) || RESERVED.has(k));
  let version: number;
  if (v.status === 'valid') {
    version = v.value;
  } else {
    if (v.status === 'invalid') ignored.push({ param: 'v', raw: shown(v.raw), reason: `${v.reason}; read as version 1` });
    version = v.status === 'missing' && !modelParams ? CURRENT_VERSION : 1;
  }
  const oldest = oldestVersion(migrations);
  if (version > CURRENT_VERSION || version < oldest) {
    const why =
      version > CURRENT_VERSION
        ? `the link was made by a newer hashpivot (version ${version}); this copy reads ${versionRange(migrations)} — reload the page to update it`
        : `version ${version} is no longer supported; this build reads ${versionRange(migrations)}`;
    const n = params.size;
    return defaults(version, [
      ...ignored,
      { param: 'v', raw: String(version), reason: `${why}; nothing in the link was loaded (${n} parameter${n === 1 ? '' : 's'})` },
    ]);
  }
  // The link's own syntax and the view's defaults, up to the current version.
  let at = version;
  for (const m of migrations) {
    if (m.from !== at || at >= CURRENT_VERSION) continue;
    params = m.up(new Map(params));
    at = m.from + 1;
  }

  // The scenario: every scenario key, migrated as a file of that version is, then validated;
  // each key with a problem is dropped (its default stands) and listed.
  let raw: Record<string, unknown> = { version };
  const rawText = new Map<string, string>();
  for (const [name, value] of params) {
    if (RESERVED.has(name)) continue;
    if (!SCENARIO_KEYS.includes(name)) {
      ignored.push({ param: shown(name), raw: shown(value), reason: unknownParam(name) });
      continue;
    }
    raw[name] = scenarioValue(name, value);
    rawText.set(name, value);
  }
  raw = { ...migrate(raw), version: CURRENT_VERSION };
  let scenario: Scenario = { version: CURRENT_VERSION };
  for (let attempt = 0; attempt < 8; attempt++) {
    const result = validateScenario(raw);
    if (result.ok) {
      scenario = result.scenario;
      break;
    }
    for (const problem of result.problems) {
      if (!Object.hasOwn(raw, problem.key) || problem.key === 'version') continue;
      ignored.push({ param: problem.key, raw: shown(rawText.get(problem.key) ?? String(raw[problem.key])), reason: stripKey(problem.message) });
      delete raw[problem.key];
    }
  }

  // The view: each field read alone, then together with the scenario (distinct axes, a month
  // inside the horizon).
  const base = defaultView();
  const view: View = { ...base };
  const read = <T>(param: string, parse: ParamParse<T>, set: (value: T) => void) => {
    if (parse.status === 'valid') set(parse.value);
    else if (parse.status === 'invalid') ignored.push({ param, raw: shown(parse.raw), reason: parse.reason });
  };
  read('x', parseAxisParam('x', params.get('x')), (a) => (view.x = a));
  read('y', parseAxisParam('y', params.get('y')), (a) => (view.y = a));
  read('metric', parseMetricParam(params.get('metric')), (m) => (view.metric = m));
  read('month', parseMonthParam(params.get('month')), (m) => (view.month = m));
  const horizonYears = resolveInputs(scenario).horizonYears;
  for (const problem of checkSweep(view, horizonYears)) {
    if (problem.key === 'y') {
      ignored.push({ param: 'y', raw: shown(params.get('y') ?? formatAxis(view.y)), reason: stripKey(problem.message) });
      view.y = base.y.key !== view.x.key ? base.y : base.x;
    } else if (problem.key === 'month') {
      ignored.push({ param: 'month', raw: shown(params.get('month') ?? String(view.month)), reason: stripKey(problem.message) });
      view.month = base.month;
    }
  }

  // The embed marker and its texts.
  let embed: EmbedTexts | null = null;
  const marker = params.get(EMBED_PARAM);
  if (marker === '1') embed = {};
  else if (marker !== undefined) ignored.push({ param: EMBED_PARAM, raw: shown(marker), reason: 'expected 1 (the embed marker)' });
  for (const [param, max] of [['title', TITLE_MAX_LENGTH], ['subtitle', SUBTITLE_MAX_LENGTH]] as const) {
    const parse = parseTextParam(params.get(param), max);
    if (parse.status === 'missing') continue;
    if (!embed) ignored.push({ param, raw: shown(params.get(param) ?? ''), reason: 'only read in an embed link (embed=1)' });
    else read(param, parse, (text) => (embed![param] = text));
  }

  if (ignored.length > MAX_IGNORED) {
    const rest = ignored.length - MAX_IGNORED + 1;
    ignored.splice(MAX_IGNORED - 1, Infinity, { param: '…', raw: '', reason: `and ${rest} more parameters ignored` });
  }
  return { version, scenario, view, embed, ignored };
}

/** Whether a link's query carries the embed marker (`embed=1`). Never throws. */
export function isEmbed(search: string): boolean {
  try {
    const { pairs } = splitSearch(search);
    const first = pairs.find(([name]) => name === EMBED_PARAM);
    return first?.[1] === '1';
  } catch {
    return false;
  }
}
