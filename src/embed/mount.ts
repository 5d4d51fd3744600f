/**
 * The embed's entry (main.ts imports it lazily when the URL carries `embed=1`): the chart alone,
 * computed in the reader's browser, with no service worker and no saved data. EmbedApp reads its
 * own URL.
 */
import { mount } from 'svelte';
import EmbedApp from './EmbedApp.svelte';

export function mountEmbed(target: HTMLElement) {
  document.documentElement.classList.add('embed');
  return mount(EmbedApp, { target });
}
