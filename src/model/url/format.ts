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
 *   with an optional `title` and `subtitle` (the embed dialog's texts), the view version `lv` and
 *   the view fields `chart` and `theme` (see below). An embed link writes ALL its view fields
 *   (`x`, `y`, `metric`, `month`, `chart`, `theme`), not only the differences: the scenario's defaults are pinned by `v` and the
 *   scenario migrations (docs/model.md §6 makes every default change a version bump), but a
 *   published chart should not depend on anyone remembering that the view's defaults are public
 *   too — its axes, metric and month are spelled out, so the chart a story shows is the chart it
 *   was given. (Scenario keys stay differences only: writing all 53 would make every iframe src
 *   1 KB for no added safety, since a registry default change without a migration would already
 *   break files.)
 *
 * - `lv` — the link's view version: the version of the embed's view fields (`chart`, `theme`),
 *   which change how a chart is shown, never what the model computes. They have a version of their
 *   own so that adding one is a version bump and a migration without bumping the scenario schema
 *   `v`, which would change every link (each `v` pins a scenario default set, docs/model.md §6).
 *   The name: `v` is taken, and `lv` ("link view") is short and reads as the version beside it.
 *   View version 1 is every link written before `lv` existed (a link without `lv`); view version 2
 *   (VIEW_VERSION) is written as `lv=2` into every embed link, right after `v`. An explorer link
 *   carries no view field that needs it (`chart` and `theme` are read only in embed links), so it
 *   never names `lv`: the default explorer link stays exactly `?v=2`.
 * - `theme=light|dark|auto` (embed links only): the embed's colours — light, dark, or following the
 *   reader's colour scheme. In view version 2 a missing `theme` means `light`; in view version 1
 *   it meant `auto` (how those embeds were drawn), which VIEW_MIGRATIONS writes out when reading an
 *   older link. The writer spells it out in every embed link (light unless asked otherwise).
 * - `chart=NAME` (embed links only, view version 2): which chart the embed shows — `map` (the
 *   heatmap of `metric` over `x` × `y`, the default; a missing `chart` means it) or one of the
 *   network panel's charts over the scenario's horizon: `hashrate` (with its target N*),
 *   `difficulty`, `hashprice` (with the marginal hashcost), `security-budget`, `attack-hardware`,
 *   `attack-cost` (an hour's attack power against the hour's reward). A network chart still pins
 *   `x`, `y`, `metric` and `month` (the link's "Open in the full explorer" view). The writer spells
 *   `chart` out in every embed link.
 * - Reading `lv`: missing is view version 1; a value that is not a whole number is listed in
 *   `ignored` and read as 1, as a bad `v` is. An `lv` newer than this build does NOT discard the
 *   link, unlike a newer `v`: view fields change only the look, so the scenario and the pinned view
 *   still load and compute what they did, while the view fields such a link carries (`chart`,
 *   `theme`) are ignored, each listed with the reason, and the embed shows this build's defaults
 *   (the map, light).
 * - A scenario's `notes` are written only when the writer is asked to (EncodeOptions.notes is not
 *   false); the explorer's share and embed links leave them out unless the person opts in. A link
 *   that carries notes is read with them, whenever it was written.
 *
 * Reserved parameter names, never to be used as scenario keys: v, lv, x, y, metric, month, embed,
 * title, subtitle, theme, chart.
 *
 * Reading never throws and never rejects a whole link for one bad part: every valid parameter is
 * loaded, every invalid one is replaced by its default and listed in `ignored` with the reason
 * (naming the key and its allowed range, in validateScenario's words). A link naming a version
 * newer than this build is ignored whole: its keys may mean something this build does not know
 * (a newer `lv` is not: see above).
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
/** What an embed link of view version 2 without `theme` shows, and what the Embed dialog offers first. */
export const DEFAULT_THEME: EmbedTheme = 'light';

/** The charts an embed can show (`chart`): the heatmap, or one of the network panel's charts. */
export const EMBED_CHARTS = ['map', 'hashrate', 'difficulty', 'hashprice', 'security-budget', 'attack-hardware', 'attack-cost'] as const;
export type EmbedChart = (typeof EMBED_CHARTS)[number];
/** What an embed link without `chart` shows (in every view version). */
export const DEFAULT_CHART: EmbedChart = 'map';

/** The view version this build writes into embed links (`lv`) and reads up to. */
export const VIEW_VERSION = 2;
export const VIEW_VERSION_PARAM = 'lv';
/** The view fields `lv` versions. */
export const VIEW_FIELDS = ['chart', 'theme'] as const;

export const EMBED_PARAM = 'embed';
export const TITLE_MAX_LENGTH = 200;
export const SUBTITLE_MAX_LENGTH = 500;

const VIEW_PARAMS = ['x', 'y', 'metric', 'month'] as const;
const EMBED_PARAMS = [EMBED_PARAM, 'title', 'subtitle', ...VIEW_FIELDS] as const;
/** The parameter names that are not scenario keys. */
export const RESERVED = new Set<string>(['v', VIEW_VERSION_PARAM, ...VIEW_PARAMS, ...EMBED_PARAMS]);
