/**
 * The session (src/state/session.svelte.ts): what the explorer is tied to outside the page. A
 * link opens as it says and writes nothing; without one, the working scenario saved by the last
 * visit comes back; the address follows the scenario and view, and the working scenario is saved a
 * moment after each change. The address bar, history and page events are small fakes; the
 * database is fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { clear, createStore } from 'idb-keyval';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultView, type View } from '../../src/model/view.ts';
import { explorer } from '../../src/state/explorer.svelte.ts';
import { hrefFor } from '../../src/state/link.ts';
import { Session } from '../../src/state/session.svelte.ts';
import { DB_NAME, STORE_NAME, loadWorking, saveWorking } from '../../src/state/store.ts';

const PAGE = 'https://example.test/hashpivot/';
const idb = createStore(DB_NAME, STORE_NAME);

/** The page's address, history and window events, as much as the session uses. */
function fakePage(address: string) {
  const url = new URL(address);
  const location = { href: url.href, search: url.search };
  const replaced: string[] = [];
  const listeners = new Map<string, (() => void)[]>();
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', {
    state: null,
    replaceState: (_state: unknown, _title: string, href: string) => {
      replaced.push(href);
      location.href = href;
      location.search = new URL(href).search;
    },
  });
  vi.stubGlobal('addEventListener', (type: string, listener: () => void) =>
    listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  );
  return { location, replaced, fire: (type: string) => listeners.get(type)?.forEach((l) => l()) };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const irrView = (): View => ({ ...defaultView(), metric: 'irr' });

beforeEach(async () => {
  await clear(idb);
  explorer.loadScenario({ version: 2 });
  explorer.setView(defaultView());
});

/** Every session a test starts: afterwards their pending saves land before the next test clears the database. */
const sessions: Session[] = [];
function newSession(): Session {
  const session = new Session();
  sessions.push(session);
  return session;
}

afterEach(async () => {
  vi.useRealTimers();
  for (const session of sessions.splice(0)) session.flush();
  await new Promise((r) => setTimeout(r, 20));
  vi.unstubAllGlobals();
});

describe('Session: start', () => {
  it('opens a link as it says, at once, and lists what it could not use', () => {
    const link = hrefFor(PAGE, { version: 2, siteMw: 250, name: 'Shared' }, irrView());
    fakePage(`${link}&bogus=1`);
    const session = newSession();
    session.start();
    expect(session.ready).toBe(true);
    expect(session.fromLink).toBe(true);
    expect(explorer.scenario).toEqual({ version: 2, siteMw: 250, name: 'Shared' });
    expect(explorer.view).toEqual(irrView());
    expect(session.ignored.map((i) => i.param)).toEqual(['bogus']);
    session.dismissNotice();
    expect(session.ignored).toEqual([]);
  });

  it('without a link, restores the working scenario and view saved by the last visit', async () => {
    await saveWorking({ version: 2, powerUsdPerKwh: 0.031 }, irrView());
    fakePage(PAGE);
    const session = newSession();
    session.start();
    expect(session.ready).toBe(false);
    await until(() => session.ready);
    expect(session.fromLink).toBe(false);
    expect(explorer.scenario).toEqual({ version: 2, powerUsdPerKwh: 0.031 });
    expect(explorer.view).toEqual(irrView());
  });

  it('a change made while the database answers wins over the saved working scenario', async () => {
    await saveWorking({ version: 2, powerUsdPerKwh: 0.031 });
    fakePage(PAGE);
    const session = newSession();
    session.start();
    explorer.setParam('siteMw', 12);
    await until(() => session.ready);
    expect(explorer.scenario).toEqual({ version: 2, siteMw: 12 });
  });

  it('with nothing saved, keeps the defaults and is ready', async () => {
    fakePage(PAGE);
    const session = newSession();
    session.start();
    await until(() => session.ready);
    expect(explorer.scenario).toEqual({ version: 2 });
  });

  it('on an embed address does nothing', async () => {
    await saveWorking({ version: 2, siteMw: 77 });
    const page = fakePage(`${PAGE}?v=1&siteMw=5&embed=1`);
    const session = newSession();
    session.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(session.ready).toBe(false);
    expect(explorer.scenario).toEqual({ version: 2 });
    session.follow();
    expect(page.replaced).toEqual([]);
  });

  it('starts once', () => {
    fakePage(hrefFor(PAGE, { version: 2, siteMw: 250 }, defaultView()));
    const session = newSession();
    session.start();
    explorer.setParam('siteMw', 5);
    session.start();
    expect(explorer.scenario).toEqual({ version: 2, siteMw: 5 });
  });
});

describe('Session: following the explorer', () => {
  it('the address follows the scenario and view without adding history entries', async () => {
    const page = fakePage(PAGE);
    const session = newSession();
    session.start();
    await until(() => session.ready);
    session.follow();
    expect(session.href).toBe(hrefFor(PAGE, { version: 2 }, defaultView()));
    explorer.setParam('siteMw', 60);
    explorer.setView(irrView());
    session.follow();
    const href = hrefFor(PAGE, { version: 2, siteMw: 60 }, irrView());
    expect(session.href).toBe(href);
    expect(page.location.href).toBe(href);
    expect(page.replaced.at(-1)).toBe(href);
    // The same state again: no new replaceState.
    const count = page.replaced.length;
    session.follow();
    expect(page.replaced).toHaveLength(count);
  });

  it('saves the working scenario a moment after a change, and a new visit restores it', async () => {
    fakePage(PAGE);
    const first = newSession();
    first.start();
    await until(() => first.ready);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    explorer.setParam('siteMw', 61);
    first.follow();
    explorer.setParam('siteMw', 62);
    first.follow();
    vi.advanceTimersByTime(399);
    await new Promise((r) => setImmediate(r));
    expect(await loadWorking()).toBeUndefined();
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    await expect.poll(async () => (await loadWorking())?.scenario).toEqual({ version: 2, siteMw: 62 });

    explorer.loadScenario({ version: 2 });
    fakePage(PAGE);
    const second = newSession();
    second.start();
    await until(() => second.ready);
    expect(explorer.scenario).toEqual({ version: 2, siteMw: 62 });
  });

  it('flush saves a pending change now; leaving the page flushes it', async () => {
    const page = fakePage(PAGE);
    const session = newSession();
    session.start();
    await until(() => session.ready);
    explorer.setParam('uptimePct', 91);
    session.follow();
    page.fire('pagehide');
    await expect.poll(async () => (await loadWorking())?.scenario).toEqual({ version: 2, uptimePct: 91 });
  });

  it('an invalid scenario is never saved as the working one', async () => {
    await saveWorking({ version: 2, siteMw: 70 });
    fakePage(PAGE);
    const session = newSession();
    session.start();
    await until(() => session.ready);
    explorer.setParam('siteMw', -1);
    session.follow();
    session.flush();
    await new Promise((r) => setTimeout(r, 20));
    expect((await loadWorking())?.scenario).toEqual({ version: 2, siteMw: 70 });
  });

  it('opening a link writes nothing until the person changes something', async () => {
    await saveWorking({ version: 2, siteMw: 70 });
    fakePage(hrefFor(PAGE, { version: 2, siteMw: 250 }, defaultView()));
    const session = newSession();
    session.start();
    session.follow();
    session.flush();
    await new Promise((r) => setTimeout(r, 20));
    expect((await loadWorking())?.scenario).toEqual({ version: 2, siteMw: 70 });
    explorer.setParam('siteMw', 251);
    session.follow();
    session.flush();
    await expect.poll(async () => (await loadWorking())?.scenario).toEqual({ version: 2, siteMw: 251 });
  });

  it('in an effect, as the page runs it, follows every change', async () => {
    const page = fakePage(PAGE);
    const session = newSession();
    session.start();
    await until(() => session.ready);
    const stop = $effect.root(() => {
      $effect(() => session.follow());
    });
    try {
      flushSync();
      expect(session.href).toBe(hrefFor(PAGE, { version: 2 }, defaultView()));
      explorer.setParam('siteMw', 64);
      flushSync();
      expect(page.location.href).toBe(hrefFor(PAGE, { version: 2, siteMw: 64 }, defaultView()));
      explorer.setView(irrView());
      flushSync();
      expect(session.href).toBe(hrefFor(PAGE, { version: 2, siteMw: 64 }, irrView()));
    } finally {
      stop();
    }
  });
});
