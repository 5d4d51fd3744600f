/**
 * The page's entry. One page, two apps: with the embed marker in the URL (`?…&embed=1`) the
 * embed view, loaded on its own and without a service worker (it must not install the app's
 * precache into every reader's browser); otherwise the explorer, which registers the service
 * worker and offers a new deployment as a reload (UpdateBanner) rather than taking it.
 */
import { mount } from 'svelte';
import './app.css';
import { isEmbed } from './model/url/parse.ts';

const target = document.getElementById('app');
if (!target) throw new Error('hashpivot: #app is missing from index.html');

async function explorer(target: HTMLElement): Promise<void> {
  const { default: App } = await import('./App.svelte');
  mount(App, { target });
  const [{ registerServiceWorker }, { default: UpdateBanner }] = await Promise.all([
    import('./pwa/register.ts'),
    import('./components/UpdateBanner.svelte'),
  ]);
  let banner: ReturnType<typeof mount> | null = null;
  registerServiceWorker((update) => {
    if (banner) return;
    const host = document.body.appendChild(document.createElement('div'));
    banner = mount(UpdateBanner, { target: host, props: { update } });
  });
}

async function embed(target: HTMLElement): Promise<void> {
  const { mountEmbed } = await import('./embed/mount.ts');
  mountEmbed(target);
}

(isEmbed(location.search) ? embed(target) : explorer(target)).catch((error: unknown) => {
  // A failed chunk load (a deployment replaced the files under an open page, no service worker)
  // must not leave a blank page without a word.
  target.textContent = `hashpivot could not start: ${error instanceof Error ? error.message : String(error)}. Reloading the page may help.`;
  throw error;
});
