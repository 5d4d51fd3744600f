/**
 * The embed's view fields (`chart`, `theme`) and their own version, `lv` (format.ts): reading them,
 * and the migrations that bring a link's view fields from its view version to VIEW_VERSION.
 */
import {
  DEFAULT_CHART,
  DEFAULT_THEME,
  VIEW_FIELDS,
  VIEW_VERSION,
  VIEW_VERSION_PARAM,
  type EmbedChart,
  type EmbedTheme,
  type Ignored,
  type LinkParams,
} from './format.ts';
import { parseChartParam, parseThemeParam, type ParamParse } from './params.ts';

/** Maps the view fields of a link of view version `from` to view version `from + 1`. */
export interface ViewMigration {
  from: number;
  /** When it was written (YYYY-MM-DD). */
  date: string;
  description: string;
  /** The parameters of view version `from + 1` (the input is not changed); `embed`: the link carries the marker. */
  up(params: LinkParams, embed: boolean): LinkParams;
}

/**
 * View version 1 → 2: an embed link of view version 1 without `theme` was drawn following the
 * reader's colour scheme, so it is given `theme=auto` (version 2 reads a missing theme as light).
 * Version 1 had no `chart`: its embeds showed the map, which a missing `chart` still means.
 */
export const VIEW_V1_TO_V2: ViewMigration = {
  from: 1,
  date: '2026-11-30',
  description: 'An embed without theme is written theme=auto, as it was drawn; chart absent stays the map',
  up(params, embed) {
    const out = new Map(params);
    if (embed && !out.has('theme')) out.set('theme', 'auto');
    return out;
  },
};

/** Ordered by `from`, one per view version bump. */
export const VIEW_MIGRATIONS: readonly ViewMigration[] = [VIEW_V1_TO_V2];

export interface ViewFields {
  /** The view version the link was read as (before migration). */
  viewVersion: number;
  /** Null for a link without the embed marker (these fields are read only in embed links). */
  theme: EmbedTheme | null;
  chart: EmbedChart | null;
}

/** Reads `lv`: missing is view version 1, as every link written before it was. */
export function parseViewVersionParam(raw: string | undefined): ParamParse<number> {
  if (raw === undefined) return { status: 'missing' };
  if (/^\d{1,9}$/.test(raw) && Number(raw) >= 1) return { status: 'valid', value: Number(raw) };
  return { status: 'invalid', raw, reason: `expected a whole number from 1 (this build reads view versions 1 to ${VIEW_VERSION})` };
}

/**
 * Reads `lv`, `chart` and `theme` from a link's parameters (after the link migrations), migrating
 * the view fields up to VIEW_VERSION; what is not read is pushed to `ignored`. `shown` shortens a
 * raw value for a message.
 */
export function readViewFields(params: LinkParams, embed: boolean, ignored: Ignored[], shown: (raw: string) => string): ViewFields {
  const lv = parseViewVersionParam(params.get(VIEW_VERSION_PARAM));
  let viewVersion = 1;
  if (lv.status === 'valid') viewVersion = lv.value;
  else if (lv.status === 'invalid')
    ignored.push({ param: VIEW_VERSION_PARAM, raw: shown(lv.raw), reason: `${lv.reason}; read as view version 1` });

  if (!embed) {
    for (const name of VIEW_FIELDS) {
      const raw = params.get(name);
      if (raw !== undefined) ignored.push({ param: name, raw: shown(raw), reason: 'only read in an embed link (embed=1)' });
    }
    return { viewVersion, theme: null, chart: null };
  }
  const fields: ViewFields = { viewVersion, theme: DEFAULT_THEME, chart: DEFAULT_CHART };
  if (viewVersion > VIEW_VERSION) {
    const present = VIEW_FIELDS.filter((name) => params.has(name));
    ignored.push({
      param: VIEW_VERSION_PARAM,
      raw: String(viewVersion),
      reason:
        `the link's view fields are of view version ${viewVersion}, made by a newer hashpivot; this copy reads view versions 1 to ${VIEW_VERSION}` +
        ` — the scenario and its view are loaded, the embed is shown as the map in light colours (reload the page to update it)`,
    });
    for (const name of present) {
      ignored.push({
        param: name,
        raw: shown(params.get(name)!),
        reason: `not read: view version ${viewVersion} is newer than this build's ${VIEW_VERSION}`,
      });
    }
    return fields;
  }
  const migrate = (from: LinkParams) => {
    let at = viewVersion;
    for (const m of VIEW_MIGRATIONS) {
      if (m.from !== at || at >= VIEW_VERSION) continue;
      from = m.up(from, embed);
      at = m.from + 1;
    }
    return from;
  };
  const migrated = migrate(params);
  // What each field's absence means in the link's own view version: an invalid value stands for that.
  const absent = migrate(new Map([...params].filter(([name]) => !(VIEW_FIELDS as readonly string[]).includes(name))));
  const read = <T>(param: string, parse: (raw: string | undefined) => ParamParse<T>, set: (value: T) => void) => {
    const parsed = parse(migrated.get(param));
    const fallback = parse(absent.get(param));
    if (fallback.status === 'valid') set(fallback.value);
    if (parsed.status === 'valid') set(parsed.value);
    else if (parsed.status === 'invalid') ignored.push({ param, raw: shown(parsed.raw), reason: parsed.reason });
  };
  read('theme', parseThemeParam, (t) => (fields.theme = t));
  read('chart', parseChartParam, (c) => (fields.chart = c));
  return fields;
}
