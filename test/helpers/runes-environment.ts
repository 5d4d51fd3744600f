/**
 * A Vitest environment for the runes classes: Node's globals, but modules transformed as Vite's
 * client environment, so the Svelte plugin compiles `.svelte.ts` for the client runtime (the
 * browser's: deriveds cached, effects run under `$effect.root` and `flushSync`) rather than for
 * server rendering, where effects never run. Used by the `runes` project in vite.config.ts.
 */
import type { Environment } from 'vitest/environments';

export default {
  name: 'runes',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => undefined }),
} satisfies Environment;
