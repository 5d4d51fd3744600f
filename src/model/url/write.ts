/**
 * Writing a link: a scenario and a view as a query string holding `v` and only what differs from
 * that version's defaults (format.ts), or an embed link pinning its whole view.
 */
import type { ModelKey } from '../keys.ts';
import { CURRENT_VERSION, SCENARIO_KEYS, TEXT_PARAMS_BY_KEY, isModelKey, isTextKey } from '../registry/index.ts';
import { migrate } from '../scenario/migrations.ts';
import { resolveInputs } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Axis } from '../sweep.ts';
import { defaultView, type View } from '../view.ts';
import {
  DEFAULT_CHART,
  DEFAULT_THEME,
  EMBED_PARAM,
  VIEW_VERSION,
  VIEW_VERSION_PARAM,
  type EmbedChart,
  type EmbedTexts,
  type EmbedTheme,
} from './format.ts';

export interface EncodeOptions {
  /** Write an embed link: the marker, the view version, every view field, and the embed's title and subtitle. */
  embed?: boolean | EmbedTexts;
  /** The embed's theme (embed links only; default light, written out). */
  theme?: EmbedTheme;
  /** The embed's chart (embed links only; default the map, written out). */
  chart?: EmbedChart;
  /** Write the scenario's notes (default true); false leaves them out. */
  notes?: boolean;
}

/** What an embed link carries besides the scenario and view. */
export interface EmbedLinkOptions extends EmbedTexts {
  theme?: EmbedTheme;
  chart?: EmbedChart;
  /** Write the scenario's notes (default true). */
  notes?: boolean;
}

/** Shortest round-trip form, without the exponent's `+` (a `+` in a query reads as a space). */
export function formatNumber(n: number): string {
  return String(n).replace('e+', 'e');
}

/** An unpaired UTF-16 surrogate, which UTF-8 (and so percent-encoding) cannot carry. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Percent-encodes text, leaving the characters a query may hold as they are, for legibility. An
 * unpaired surrogate (possible in an imported file's `"\ud800"`) is written as U+FFFD, as
 * String.prototype.toWellFormed does, instead of making encodeURIComponent throw.
 */
function encodeText(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\ufffd'))
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%40/gi, '@')
    .replace(/%2F/gi, '/');
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
 * The query string (with its `?`) of a scenario and a view: `?v=` the current version and what
 * differs from its defaults. `scenario` is a valid scenario (validateScenario's output or a
 * resolved one; one of an older version is migrated first); with `embed`, an embed link (see
 * format.ts).
 */
export function encodeLink(given: Scenario, view: View, options: EncodeOptions = {}): string {
  const scenario = given.version < CURRENT_VERSION ? (migrate(given) as Scenario) : given;
  const parts = [`v=${CURRENT_VERSION}`];
  const embed = options.embed ? (options.embed === true ? {} : options.embed) : null;
  // The view version goes with the view fields that need it: embed links only (format.ts).
  if (embed) parts.push(`${VIEW_VERSION_PARAM}=${VIEW_VERSION}`, `${EMBED_PARAM}=1`);
  const s = scenario as Record<string, unknown>;
  for (const key of SCENARIO_KEYS) {
    const value = s[key];
    if (key === 'version' || value === undefined || (key === 'notes' && options.notes === false)) continue;
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
  if (embed) parts.push(`chart=${options.chart ?? DEFAULT_CHART}`, `theme=${options.theme ?? DEFAULT_THEME}`);
  return `?${parts.join('&')}`;
}

/** An embed link: encodeLink with the marker, every view field, the texts, the chart and the theme. */
export function encodeEmbedLink(scenario: Scenario, view: View, options: EmbedLinkOptions = {}): string {
  const { theme, chart, notes, ...texts } = options;
  const embed: EmbedTexts = {};
  if (texts.title !== undefined) embed.title = texts.title;
  if (texts.subtitle !== undefined) embed.subtitle = texts.subtitle;
  return encodeLink(scenario, view, {
    embed,
    ...(theme ? { theme } : {}),
    ...(chart ? { chart } : {}),
    ...(notes === false ? { notes } : {}),
  });
}
