/**
 * Reading one link parameter at a time. Each reader returns
 * `{status: "valid", value} | {status: "invalid", raw, reason} | {status: "missing"}`, so the
 * caller reports an invalid value and keeps the default instead of throwing.
 */
import { isTextKey } from '../registry/index.ts';
import { METRICS, parseAxis, type Axis, type Metric } from '../sweep.ts';
import { EMBED_CHARTS, EMBED_THEMES, type EmbedChart, type EmbedTheme } from './format.ts';
import { LINK_MIGRATIONS, versionRange, type LinkMigration } from './migrations.ts';

/** How one parameter read. */
export type ParamParse<T> = { status: 'valid'; value: T } | { status: 'invalid'; raw: string; reason: string } | { status: 'missing' };

/** No valid axis, metric or month is anywhere near this long; longer values are refused unread. */
const MAX_VIEW_VALUE = 200;

const STRICT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A validation message without its leading `key: `. */
export function stripKey(message: string): string {
  return message.replace(/^-{0,2}[^:\s]{1,80}: /, '');
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

/** Reads the embed's `theme`. */
export function parseThemeParam(raw: string | undefined): ParamParse<EmbedTheme> {
  if (raw === undefined) return { status: 'missing' };
  if ((EMBED_THEMES as readonly string[]).includes(raw)) return { status: 'valid', value: raw as EmbedTheme };
  return { status: 'invalid', raw, reason: `expected one of ${EMBED_THEMES.join(', ')}` };
}

/** Reads the embed's `chart`. */
export function parseChartParam(raw: string | undefined): ParamParse<EmbedChart> {
  if (raw === undefined) return { status: 'missing' };
  if ((EMBED_CHARTS as readonly string[]).includes(raw)) return { status: 'valid', value: raw as EmbedChart };
  return { status: 'invalid', raw, reason: `expected one of ${EMBED_CHARTS.join(', ')}` };
}

/** Reads a text parameter of the embed (title, subtitle). */
export function parseTextParam(raw: string | undefined, maxLength: number): ParamParse<string> {
  if (raw === undefined) return { status: 'missing' };
  if (raw.length > maxLength)
    return { status: 'invalid', raw, reason: `expected text of at most ${maxLength} characters, got ${raw.length} characters` };
  return { status: 'valid', value: raw };
}

/**
 * A scenario value as the link spells it: text for text keys, a number where it reads strictly as
 * one, otherwise the text itself (validation then says "expected a number …, got a string").
 */
export function scenarioValue(key: string, raw: string): unknown {
  if (isTextKey(key)) return raw;
  return STRICT_NUMBER.test(raw) ? Number(raw) : raw;
}
