/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * The explorer's service worker registration (vite.config.ts configures the worker itself).
 *
 * Only the explorer's entry calls this, and only outside an embed: the embed (`?embed=1`, the same
 * page) must not install the app's precache into every reader's browser. Import it lazily so the
 * embed does not even load it:
 *
 *   if (!isEmbed(location.search)) {
 *     import('./pwa/register.ts').then((pwa) => pwa.registerServiceWorker((update) => showBanner(update)));
 *   }
 *
 * A new deployment is OFFERED, never forced (registerType 'prompt'): its service worker installs
 * and waits; `onNeedRefresh` is called with `update`, which the page calls when the user takes the
 * reload — the new worker then activates and the page reloads on the new build. Until then the page
 * keeps running the build it loaded, with that build's WASM (see vite.config.ts).
 */
import { registerSW } from 'virtual:pwa-register';
import { isEmbed } from '../model/url/parse.ts';

/** How often an open page asks the server whether a new deployment exists. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export interface RegisterOptions {
  /** Called once the app is cached and works offline (the first visit). */
  onOfflineReady?: () => void;
  /** Called when registration fails (the app keeps working online). */
  onError?: (error: unknown) => void;
}

/**
 * Registers the service worker; false (and nothing done) in an embed or where there are no service
 * workers.
 */
export function registerServiceWorker(onNeedRefresh: (update: () => Promise<void>) => void, options: RegisterOptions = {}): boolean {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
  if (isEmbed(location.search)) return false;
  const updateSW = registerSW({
    immediate: true,
    onNeedRefresh: () => onNeedRefresh(() => updateSW(true)),
    onOfflineReady: options.onOfflineReady,
    onRegisterError: options.onError,
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine && !registration.installing) registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
  });
  return true;
}
