/**
 * The embed's contract with the pages that host it (a public format, like the link itself):
 *
 * - The embed posts its content height to its parent whenever it changes, as Datawrapper's and
 *   Flourish's embeds do: `{type: "hashpivot:height", height: <CSS px, whole>}`. Nothing else is
 *   sent; the height is not private, so any parent may read it.
 * - The snippet: an `<iframe>` with a title, loading="lazy" and a height that fits, as wide as its
 *   column (no minimum: the embed is laid out from 280 px up), an optional script that sets the
 *   height of whichever iframe on the host page sent the message (matched by its window, so several
 *   embeds on one page each get their own height), and a text fallback for readers without
 *   JavaScript or frames (a feed reader, a text browser): the title as a link to the chart, and
 *   the chart's description, in a `<noscript>`.
 */

export const HEIGHT_MESSAGE = 'hashpivot:height';

export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  height: number;
}

export function isHeightMessage(data: unknown): data is HeightMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  return m.type === HEIGHT_MESSAGE && typeof m.height === 'number' && Number.isFinite(m.height) && m.height > 0;
}

/** Widths the embed is laid out for, px (an iframe of any width in between fits). */
export const EMBED_MIN_WIDTH = 280;
export const EMBED_MAX_WIDTH = 1200;
/** The snippet's height before the embed has reported one (a 640 px wide embed of a short title). */
export const DEFAULT_EMBED_HEIGHT = 620;

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The resize script: accepts the message only from `origin` (the app's), and only for an iframe
 * whose window sent it.
 */
export function resizeScript(origin: string): string {
  const o = JSON.stringify(origin).replace(/</g, '\\u003c');
  return (
    '<script>(function(){window.addEventListener("message",function(e){' +
    `if(e.origin!==${o}||!e.data||e.data.type!=="${HEIGHT_MESSAGE}"||!(e.data.height>0))return;` +
    'var f=document.getElementsByTagName("iframe");' +
    'for(var i=0;i<f.length;i++)if(f[i].contentWindow===e.source)f[i].style.height=Math.ceil(e.data.height)+"px";' +
    '});})();</script>'
  );
}

export interface SnippetOptions {
  /** The embed's absolute URL. */
  url: string;
  title: string;
  height: number;
  /** Add the resize script. */
  resize: boolean;
  /** The chart in words, for the fallback (chartDescription). */
  description?: string;
}

/** The HTML a host page pastes. */
export function embedSnippet(options: SnippetOptions): string {
  const height = Math.max(200, Math.ceil(options.height));
  const iframe =
    `<iframe src="${escapeAttr(options.url)}" title="${escapeAttr(options.title)}" width="100%" height="${height}" ` +
    `loading="lazy" style="border:0;width:100%;max-width:${EMBED_MAX_WIDTH}px;height:${height}px"></iframe>`;
  const parts = [iframe];
  if (options.resize) parts.push(resizeScript(new URL(options.url).origin));
  parts.push(fallback(options));
  return parts.join('\n');
}

/** What a reader without JavaScript or frames gets instead: the title, linking to the chart, and its description. */
function fallback(options: SnippetOptions): string {
  const link = `<a href="${escapeAttr(options.url)}">${escapeAttr(options.title)}</a>`;
  const words = options.description ? ` ${escapeAttr(options.description)}` : '';
  const stop = /[.?!]$/.test(options.title.trim()) ? '' : '.';
  return `<noscript><p>${link}${stop}${words}</p></noscript>`;
}
