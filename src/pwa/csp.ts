/**
 * The page's Content-Security-Policy, in one place: vite.config.ts sends it as a header from
 * `vite preview` and writes it into the built HTML as `<meta http-equiv="Content-Security-Policy">`
 * (for a static host that sends no header); the browser tests read it from here.
 *
 * - Scripts only from the site's own files: no inline script, no eval. `'wasm-unsafe-eval'` lets
 *   the kernel worker compile its WebAssembly and allows nothing else.
 * - Workers (the kernel workers, the service worker) only from the site's own files.
 * - Styles: the site's stylesheets, and inline `style` attributes ('unsafe-inline' for styles
 *   only), which Svelte writes for positions and sizes and the charts' SVG markup carries. Style
 *   cannot run script, so this opens no way to inject one.
 * - Images from the site, and `data:`/`blob:` ones: the heatmap's raster and the PNG download are
 *   drawn through such URLs.
 * - No plugins, no `<base>` elsewhere, forms only to the site.
 *
 * There is no `frame-ancestors`: the embed is meant to be framed by any page (and a `<meta>` policy
 * could not carry it anyway).
 */

export type CspDirectives = Record<string, readonly string[]>;

export interface CspOptions {
  /** More origins the page may fetch from (connect-src), e.g. a public API's, as a build setting. */
  connectOrigins?: readonly string[];
}

/** The policy as directives and their sources. */
export function cspDirectives(options: CspOptions = {}): CspDirectives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.connectOrigins ?? [])],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  };
}

/** The header's (and the meta element's) value: `default-src 'self'; script-src …`. */
export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The policy as one string. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  return serializeCsp(cspDirectives(options));
}

/** The `<meta>` element for the built HTML (the policy holds no `"`, `<` or `&`). */
export function cspMetaTag(policy: string): string {
  if (/["<>&]/.test(policy)) throw new Error(`a Content-Security-Policy cannot hold " < > or &: ${policy}`);
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
}
