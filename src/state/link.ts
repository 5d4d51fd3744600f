/**
 * The page's link: what the address bar holds for the explorer's scenario and view, and how an
 * arriving address is read. The codec itself (the public format) is src/model/url/; this file
 * only decides what to hand it and what to say about what it ignored. Pure: no DOM, no state.
 */
import { CURRENT_VERSION } from '../model/registry/index.ts';
import type { Scenario } from '../model/scenario/types.ts';
import { validateScenario } from '../model/scenario/validate.ts';
import type { Ignored } from '../model/url/format.ts';
import { decodeLink, isEmbed, type DecodedLink } from '../model/url/parse.ts';
import { encodeLink } from '../model/url/write.ts';
import { defaultView, type View } from '../model/view.ts';

/** Whether an address (a whole URL, or its query with or without `?`) says anything at all. */
export function hasLinkParams(search: string): boolean {
  let query = search;
  if (URL.canParse(search)) query = new URL(search).search;
  query = (query.split('#')[0] ?? '').replace(/^\?/, '');
  return query.split('&').some((part) => part !== '');
}

export type ArrivingLink = { kind: 'none' } | { kind: 'embed' } | { kind: 'link'; link: DecodedLink };

/** What an address asks the explorer to show: nothing in particular, an embed, or a link. */
export function readArrivingLink(search: string): ArrivingLink {
  if (!hasLinkParams(search)) return { kind: 'none' };
  if (isEmbed(search)) return { kind: 'embed' };
  return { kind: 'link', link: decodeLink(search) };
}

/**
 * The scenario a link can carry: while someone types, the explorer may hold an invalid value;
 * the link leaves such keys out (their defaults stand), as the map and the detail do.
 */
export function linkableScenario(scenario: Scenario): Scenario {
  const checked = validateScenario(scenario);
  if (checked.ok) return checked.scenario;
  const bad = new Set(checked.problems.map((p) => p.key));
  const kept = Object.fromEntries(Object.entries(scenario).filter(([k]) => k !== 'version' && !bad.has(k)));
  const again = validateScenario({ ...kept, version: CURRENT_VERSION });
  return again.ok ? again.scenario : { version: CURRENT_VERSION };
}

/**
 * The query (`?v=2&…`) of the explorer's scenario and view; `notes` false leaves the scenario's
 * notes out (the page's own links do, unless the person chose to share them).
 */
export function queryFor(scenario: Scenario, view: View, notes = true): string {
  return encodeLink(linkableScenario(scenario), view, { notes });
}

/** The page's address for a scenario and view: `base` with the link's query (notes as queryFor). */
export function hrefFor(base: string, scenario: Scenario, view: View, notes = true): string {
  const url = new URL(base);
  return `${url.origin}${url.pathname}${queryFor(scenario, view, notes)}${url.hash}`;
}

/** Whether two scenarios and views are the same but for their notes (a reload of the page's own address). */
export function sameButNotes(a: { scenario: Scenario; view?: View }, b: { scenario: Scenario; view: View }): boolean {
  return queryFor(a.scenario, a.view ?? defaultView(), false) === queryFor(b.scenario, b.view, false);
}

/** One line per ignored parameter: `siteMw = "abc": expected a number …`. */
export function describeIgnored(item: Ignored): string {
  if (item.param === '…') return item.reason;
  const name = item.param === '' ? 'the link' : item.param;
  return item.raw === '' ? `${name}: ${item.reason}` : `${name} = "${item.raw}": ${item.reason}`;
}
