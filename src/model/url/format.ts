/**
 * The link format: a scenario and a view as a URL query string. A public format (links and
 * embeds written today are read forever, through migrations.ts). Pure: no DOM, no state; the
 * explorer's state calls write.ts and parse.ts.
 *
 * The format, version 2 (version 1's syntax is the same; only its defaults differ):
 *
 *   ?v=2&siteMw=250&name=Base%20case&x=leaseUsdPerKwMonth:60:220:48&metric=npvPivot
 *
 * - `v` — the schema version the link was made with (registry CURRENT_VERSION). Every link this
 *   codec writes names it, so the default scenario and view give exactly `?v=2`, never an empty
 *   string: the version is what pins the defaults the link's omissions stand for. A version-1
 *   link's omissions mean version 1's defaults: read through the migrations, its scenario holds
 *   them, and the link written back from it spells out those that differ from version 2's.
 *   A link without `v` that holds any scenario or view parameter is read as version 1, the first
 *   (so a hand-written link means the same thing forever); a query with neither (the bare page,
 *   or only tracking parameters) is the explorer's front page at the current version.
 * - Scenario keys (docs/model.md §6) as `key=value`, only where the value differs from what the
 *   key would take if absent (for a derived key such as hashrateEhs: differs from its derivation).
 *   Numbers in JavaScript's shortest round-trip form with the exponent's `+` left out (`1e21`,
 *   since a `+` in a query reads as a space); text keys (startDate, name, notes) percent-encoded
 *   as UTF-8 (`+` is read as a space too, as forms write it; an unpaired UTF-16 surrogate, which
 *   UTF-8 cannot carry, is written as U+FFFD).
 * - The view: `x=KEY:MIN:MAX:N[:log]`, `y=…` (the CLI's axis form), `metric=NAME`, `month=M`, only
 *   where they differ from defaultView().
 * - The embed marker `embed=1`: the embed view's URL is the explorer's plus the marker (same path),
 *   with an optional `title` and `subtitle` (the embed dialog's texts) and the view field `theme`
 *   (see below). An embed link writes ALL
 *   four view fields, not only the differences: the scenario's defaults are pinned by `v` and the
 *   scenario migrations (docs/model.md §6 makes every default change a version bump), but a
 *   published chart should not depend on anyone remembering that the view's defaults are public
 *   too — its axes, metric and month are spelled out, so the chart a story shows is the chart it
 *   was given. (Scenario keys stay differences only: writing all 53 would make every iframe src
 *   1 KB for no added safety, since a registry default change without a migration would already
 *   break files.)
 *
 * - `theme=light|dark|auto` (embed links only): the embed's colours — light, dark, or following the
 *   reader's colour scheme. The Embed dialog writes it into every embed link it makes (light unless
 *   the person chooses otherwise), so a published chart keeps its look. An embed link without it —
 *   every one written before the field existed, all of them version 2 — means `auto`, which is how
 *   those embeds were drawn: the field's absence keeps its published meaning, so adding it needed
 *   no change of `v` (which names the scenario schema) and no migration of older links.
 * - A scenario's `notes` are written only when the writer is asked to (EncodeOptions.notes is not
 *   false); the explorer's share and embed links leave them out unless the person opts in. A link
 *   that carries notes is read with them, whenever it was written.
 *
 * Reserved parameter names, never to be used as scenario keys: v, x, y, metric, month, embed,
 * title, subtitle, theme.
 *
 * Reading never throws and never rejects a whole link for one bad part: every valid parameter is
 * loaded, every invalid one is replaced by its default and listed in `ignored` with the reason
 * (naming the key and its allowed range, in validateScenario's words). A link naming a version
 * newer than this build is ignored whole: its keys may mean something this build does not know.
 */

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

export interface EmbedTexts {
  title?: string;
  subtitle?: string;
}

/** The embed's colours: light, dark, or the reader's colour scheme. */
export const EMBED_THEMES = ['light', 'dark', 'auto'] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];
/** What an embed link without `theme` shows: what every embed did before the field existed. */
export const ABSENT_THEME: EmbedTheme = 'auto';
/** What the Embed dialog offers first. */
export const DEFAULT_THEME: EmbedTheme = 'light';

export const EMBED_PARAM = 'embed';
export const TITLE_MAX_LENGTH = 200;
export const SUBTITLE_MAX_LENGTH = 500;

const VIEW_PARAMS = ['x', 'y', 'metric', 'month'] as const;
const EMBED_PARAMS = [EMBED_PARAM, 'title', 'subtitle', 'theme'] as const;
/** The parameter names that are not scenario keys. */
export const RESERVED = new Set<string>(['v', ...VIEW_PARAMS, ...EMBED_PARAMS]);
