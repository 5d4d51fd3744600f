// What vite.config.ts builds into the page with `define` (src/pwa/api-base.ts).
interface ImportMetaEnv {
  /** The public API's base URL that "today's network" reads, without a trailing slash. */
  readonly HASHPIVOT_API_BASE: string;
}
