/**
 * The public REST API that "today's network" reads (mempool.space's format), as one build setting:
 * `HASHPIVOT_API_BASE` when the site is built, https://mempool.space by default. vite.config.ts
 * reads it once, builds it into the page (import.meta.env.HASHPIVOT_API_BASE) and allows its origin,
 * and only that one, in the Content-Security-Policy's connect-src (src/pwa/csp.ts).
 */

export const API_BASE_SETTING = 'HASHPIVOT_API_BASE';
export const DEFAULT_API_BASE = 'https://mempool.space';

/** The base URL without a trailing slash (paths such as `/api/v1/prices` are put after it); throws on a bad setting. */
export function apiBase(setting: string | undefined): string {
  const raw = setting?.trim() || DEFAULT_API_BASE;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${API_BASE_SETTING}: expected an http(s) URL such as ${DEFAULT_API_BASE}, got ${JSON.stringify(raw)}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password) {
    throw new Error(`${API_BASE_SETTING}: expected an http(s) URL without query, fragment or credentials, got ${JSON.stringify(raw)}`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The origin the page fetches from, for connect-src. */
export function apiOrigin(base: string): string {
  return new URL(base).origin;
}
