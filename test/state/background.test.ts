// Background (src/state/background.ts): background work asked once a frame, only when the pool may
// take it, never twice for the same request, the latest only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Background } from '../../src/state/background.ts';
import { manualFrames } from '../helpers/fake-pool.ts';

let frames: ReturnType<typeof manualFrames>;
beforeEach(() => {
  frames = manualFrames();
  vi.stubGlobal('requestAnimationFrame', frames.requestAnimationFrame);
  vi.stubGlobal('cancelAnimationFrame', frames.cancelAnimationFrame);
});
afterEach(() => vi.unstubAllGlobals());

describe('Background', () => {
  it('runs the last request of a frame, once per request object, and only when ready', async () => {
    const ran: string[] = [];
    let ready = false;
    const background = new Background<{ name: string }>(
      async (value) => void ran.push(value.name),
      () => ready,
    );
    const a = { name: 'a' };
    const b = { name: 'b' };
    background.request(a);
    background.request(b);
    frames.runFrame();
    await Promise.resolve();
    // Not ready: dropped, not kept for later.
    expect(ran).toEqual([]);
    ready = true;
    frames.runFrame();
    await Promise.resolve();
    expect(ran).toEqual([]);
    // Asked again once ready: the last of the frame runs.
    background.request(a);
    background.request(b);
    frames.runFrame();
    await Promise.resolve();
    expect(ran).toEqual(['b']);
    // The same object again computes nothing; an equal but new object does.
    background.request(b);
    frames.runFrame();
    await Promise.resolve();
    expect(ran).toEqual(['b']);
    background.request({ name: 'b' });
    frames.runFrame();
    await Promise.resolve();
    expect(ran).toEqual(['b', 'b']);
  });

  it('cancel drops what waits for the frame and forgets the last request, so it may be asked again', async () => {
    const ran: string[] = [];
    const background = new Background<{ name: string }>(
      async (value) => void ran.push(value.name),
      () => true,
    );
    const a = { name: 'a' };
    background.request(a);
    background.cancel();
    frames.runFrame();
    await Promise.resolve();
    expect(ran).toEqual([]);
    expect(frames.pending).toBe(0);
    background.request(a);
    frames.runFrame();
    await Promise.resolve();
    background.cancel();
    background.request(a);
    frames.runFrame();
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual(['a', 'a']);
  });
});
