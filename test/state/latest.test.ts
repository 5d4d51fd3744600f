// Latest (src/state/latest.ts): one job at a time, for the latest request only.
import { describe, expect, it } from 'vitest';
import { Latest } from '../../src/state/latest.ts';

describe('Latest', () => {
  it('runs the first request, then only the last of those made meanwhile, and tells a job when it is outdated', async () => {
    const started: number[] = [];
    const outdated: boolean[] = [];
    const release: (() => void)[] = [];
    const latest = new Latest<number>(async (n, current) => {
      started.push(n);
      await new Promise<void>((r) => release.push(r));
      outdated.push(!current());
    });
    latest.request(1);
    latest.request(2);
    latest.request(3);
    latest.request(4);
    await Promise.resolve();
    expect(started).toEqual([1]);
    release.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    // 2 and 3 were replaced by 4 before 1 ended.
    expect(started).toEqual([1, 4]);
    release.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(outdated).toEqual([true, false]);
    // Idle again: the next request starts at once; a cancel marks it outdated and drops what waits.
    latest.request(5);
    latest.request(6);
    latest.cancel();
    release.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([1, 4, 5]);
    expect(outdated).toEqual([true, false, true]);
  });

  it('goes on after a job that throws', async () => {
    const seen: number[] = [];
    const latest = new Latest<number>(async (n) => {
      seen.push(n);
      if (n === 1) throw new Error('boom');
    });
    latest.request(1);
    await new Promise((r) => setTimeout(r, 0));
    latest.request(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([1, 2]);
  });
});
