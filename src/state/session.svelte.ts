/**
 * What the explorer's scenario is tied to outside the page: the address bar and the auto-saved
 * working scenario.
 *
 * - On start, a link in the address is shown as it says (what it could not use is listed in
 *   `ignored`); without one, the working scenario saved by the last visit is restored.
 * - From then on the address follows the scenario and the view (history.replaceState, no history
 *   entry per keystroke), and the working scenario is saved a moment after each change.
 * - Opening a link writes nothing: the working scenario saved before stays until the person changes
 *   something here. A link is someone else's view; looking at it should not cost you yours.
 *   (Saved scenarios are never touched by a link at all.)
 * - Notes stay on the device: the address and the share link leave them out unless the person
 *   chooses to share them (`shareNotes`; on when the opening link carried notes, which are public
 *   already). A reload of the page's own address (the working scenario but for its notes) brings
 *   the notes back from the working scenario, and with it the saved scenario it was open as.
 */
import { loadWorking, saveWorking, type OpenMarker, type WorkingScenario } from './store.ts';
import { explorer } from './explorer.svelte.ts';
import { library } from './library.svelte.ts';
import { hrefFor, readArrivingLink, sameButNotes } from './link.ts';
import type { Ignored } from '../model/url/format.ts';
import type { Scenario } from '../model/scenario/types.ts';
import type { View } from '../model/view.ts';

const SAVE_DELAY_MS = 400;

interface Snapshot {
  scenario: Scenario;
  view: View;
  open: OpenMarker | null;
}

export class Session {
  /** Whether the start is over (the link read or the working scenario restored). */
  ready = $state(false);
  /** The page opened on a link. */
  fromLink = $state(false);
  /** What the opening link held that could not be used, and why. */
  ignored: Ignored[] = $state.raw([]);
  /** The page's link for the current scenario and view (absolute). */
  href = $state('');
  /** Whether the address and the share link carry the scenario's notes (the person chose to share them). */
  shareNotes = $state(false);

  #started = false;
  #baseline: Snapshot | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: Snapshot | null = null;

  /**
   * Reads the address and sets the explorer up; synchronous for a link, so the first sweep is
   * already the link's. Call once, before the explorer's first computation.
   */
  start(): void {
    if (this.#started || typeof location === 'undefined') return;
    this.#started = true;
    this.#initial = { scenario: explorer.scenario, view: explorer.view };
    const arriving = readArrivingLink(location.search);
    if (arriving.kind === 'link') {
      const { link } = arriving;
      explorer.loadScenario(link.scenario);
      explorer.setView(link.view);
      this.fromLink = true;
      this.shareNotes = link.scenario.notes !== undefined;
      this.ignored = link.ignored;
      this.#ready();
      this.#initial = { scenario: explorer.scenario, view: explorer.view };
      void loadWorking()
        .then((working) => {
          if (working && this.#untouched() && sameButNotes(working, link)) this.#resume(working);
        })
        .catch(() => undefined);
    } else if (arriving.kind === 'embed') {
      // The embed view has its own page; an explorer on an embed address writes nothing.
    } else {
      void loadWorking()
        .then((working) => {
          // Someone may have started changing things while the database answered: theirs wins.
          if (working && this.#untouched()) this.#resume(working);
        })
        .catch(() => undefined)
        .finally(() => this.#ready());
    }
    addEventListener('pagehide', () => this.flush());
  }

  #initial: { scenario: Scenario; view: View } | null = null;

  #untouched(): boolean {
    return this.#initial !== null && explorer.scenario === this.#initial.scenario && explorer.view === this.#initial.view;
  }

  /** Takes up the working scenario where the last visit left it: its notes, its view, the saved one it was open as. */
  #resume(working: WorkingScenario): void {
    explorer.loadScenario(working.scenario);
    if (working.view) explorer.setView(working.view);
    if (working.open) void library.restoreOpen(working.open);
    if (this.ready) this.#ready();
  }

  #ready(): void {
    this.#baseline = { scenario: explorer.scenario, view: explorer.view, open: library.opened };
    this.ready = true;
  }

  /** Call from an effect: follows the explorer (reads its scenario and view, and the saved scenario it is open as). */
  follow(): void {
    const scenario = explorer.scenario;
    const view = explorer.view;
    const open = library.opened;
    const notes = this.shareNotes;
    if (!this.ready || typeof location === 'undefined') return;
    const href = hrefFor(location.href, scenario, view, notes);
    this.href = href;
    if (href !== location.href) history.replaceState(history.state, '', href);
    const base = this.#baseline;
    if (base && base.scenario === scenario && base.view === view && base.open === open) return;
    this.#baseline = null;
    this.#pending = { scenario, view, open };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Saves a pending change of the working scenario now. */
  flush(): void {
    clearTimeout(this.#timer);
    const pending = this.#pending;
    this.#pending = null;
    if (pending) void saveWorking(pending.scenario, pending.view, pending.open).catch(() => undefined);
  }

  dismissNotice(): void {
    this.ignored = [];
  }
}

export const session = new Session();
