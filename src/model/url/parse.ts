/**
 * Reading a link (format.ts) into a scenario, a view and the list of what was not loaded. Never
 * throws: what is valid is loaded, what is not is replaced by its default and listed in `ignored`.
 */
import { CURRENT_VERSION, SCENARIO_KEYS } from '../registry/index.ts';
import { oldestVersion as oldestScenarioVersion } from '../scenario/migrations.ts';
import { resolveInputs } from '../scenario/resolve.ts';
import { suggestKey } from '../scenario/suggest.ts';
import type { Scenario } from '../scenario/types.ts';
import { validateScenario } from '../scenario/validate.ts';
import { checkSweep } from '../sweep.ts';
import { defaultView, type View } from '../view.ts';
import {
  EMBED_PARAM,
  RESERVED,
  SUBTITLE_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  type EmbedChart,
  type EmbedTexts,
  type EmbedTheme,
  type Ignored,
  type LinkParams,
} from './format.ts';
import { LINK_MIGRATIONS, migrateLink, oldestVersion, versionRange, type LinkMigration } from './migrations.ts';
import {
  parseAxisParam,
  parseMetricParam,
  parseMonthParam,
  parseTextParam,
  parseVersionParam,
  scenarioValue,
  stripKey,
  type ParamParse,
} from './params.ts';
import { readViewFields } from './view-fields.ts';
import { formatAxis } from './write.ts';

export interface DecodedLink {
  /** The version the link was read as (before migration). */
  version: number;
  /**
   * Valid, of CURRENT_VERSION, holding the keys the link set and those a migration from the link's
   * version wrote (absent keys take defaults).
   */
  scenario: Scenario;
  view: View;
  /** Set when the link carries the embed marker. */
  embed: EmbedTexts | null;
  /**
   * The embed's theme: as the link names it, else `light` (view version 2) or `auto` (view version 1,
   * how those embeds were drawn); null for a link without the embed marker.
   */
  theme: EmbedTheme | null;
  /** Which chart the embed shows (`map` when the link names none); null for a link without the embed marker. */
  chart: EmbedChart | null;
  /** The link's view version (`lv`) as read, before migration: 1 for a link without it. */
  viewVersion: number;
  ignored: Ignored[];
}

export interface DecodeOptions {
  /** Replaces LINK_MIGRATIONS (tests). */
  migrations?: readonly LinkMigration[];
}

const MAX_RAW_SHOWN = 200;
const MAX_IGNORED = 100;

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

function unknownParam(name: string): string {
  const hint = name.length <= 60 ? (suggestKey(name) ?? [...RESERVED].find((r) => r.toLowerCase() === name.toLowerCase())) : undefined;
  return `unknown parameter${hint ? ` (did you mean ${hint}?)` : ''}`;
}

function defaults(version: number, ignored: Ignored[]): DecodedLink {
  return {
    version,
    scenario: { version: CURRENT_VERSION },
    view: defaultView(),
    embed: null,
    theme: null,
    chart: null,
    viewVersion: 1,
    ignored,
  };
}

/**
 * Reads a link's query (`?v=2&…`, without `?`, or a whole URL). Never throws: what is valid is
 * loaded, what is not is replaced by its default and listed in `ignored`.
 */
export function decodeLink(search: string, options: DecodeOptions = {}): DecodedLink {
  try {
    return decode(search, options.migrations ?? LINK_MIGRATIONS);
  } catch (error) {
    // Not expected; a link must never take the page down.
    return defaults(CURRENT_VERSION, [
      {
        param: '',
        raw: shown(String(search)),
        reason: `the link could not be read (${error instanceof Error ? error.message : String(error)})`,
      },
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
  params = migrateLink(params, version, migrations, ignored);

  // The scenario: every scenario key, validated (and migrated) as a file of that version is; each
  // key with a problem is dropped (the default of the link's version stands) and listed, and so
  // is a key the migration dropped. (A link version older than any scenario version changed only
  // the link's own syntax.)
  const raw: Record<string, unknown> = { version: Math.max(version, oldestScenarioVersion()) };
  const rawText = new Map<string, string>();
  for (const [name, value] of params) {
    if (RESERVED.has(name)) continue;
    if (!SCENARIO_KEYS.includes(name)) {
      // Only the first MAX_IGNORED are shown: a huge link's other unknown names cost no "did you mean" search.
      ignored.push({
        param: shown(name),
        raw: shown(value),
        reason: ignored.length < MAX_IGNORED ? unknownParam(name) : 'unknown parameter',
      });
      continue;
    }
    raw[name] = scenarioValue(name, value);
    rawText.set(name, value);
  }
  let scenario: Scenario = { version: CURRENT_VERSION };
  for (let attempt = 0; attempt < 8; attempt++) {
    const result = validateScenario(raw);
    if (result.ok) {
      scenario = result.scenario;
      for (const notice of result.notices ?? []) {
        ignored.push({ param: notice.key, raw: shown(rawText.get(notice.key) ?? ''), reason: stripKey(notice.message) });
      }
      break;
    }
    for (const problem of result.problems) {
      if (!Object.hasOwn(raw, problem.key) || problem.key === 'version') continue;
      ignored.push({
        param: problem.key,
        raw: shown(rawText.get(problem.key) ?? String(raw[problem.key])),
        reason: stripKey(problem.message),
      });
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
  for (const [param, max] of [
    ['title', TITLE_MAX_LENGTH],
    ['subtitle', SUBTITLE_MAX_LENGTH],
  ] as const) {
    const parse = parseTextParam(params.get(param), max);
    if (parse.status === 'missing') continue;
    if (!embed) ignored.push({ param, raw: shown(params.get(param) ?? ''), reason: 'only read in an embed link (embed=1)' });
    else read(param, parse, (text) => (embed![param] = text));
  }
  const { viewVersion, theme, chart } = readViewFields(params, embed !== null, ignored, shown);

  if (ignored.length > MAX_IGNORED) {
    const rest = ignored.length - MAX_IGNORED + 1;
    ignored.splice(MAX_IGNORED - 1, Infinity, { param: '…', raw: '', reason: `and ${rest} more parameters ignored` });
  }
  return { version, scenario, view, embed, theme, chart, viewVersion, ignored };
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
