/**
 * Where the library keeps its records (src/state/kv.ts): IndexedDB (fake-indexeddb here), memory,
 * and IndexedDB falling back to memory when it is missing, refused or full, without touching what
 * it stored before.
 */
import 'fake-indexeddb/auto';
import { createStore, type UseStore } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { fallbackKeyValue, idbKeyValue, memoryKeyValue, type KeyValue, type StorageFault } from '../../src/state/kv.ts';

let n = 0;
let idb: UseStore;
beforeEach(() => {
  idb = createStore(`kv-test-${++n}`, 'scenarios');
});

/** IndexedDB whose writes fail with `error` once `failing.on` is set (reads keep working). */
function failingWrites(error: () => unknown): { kv: KeyValue; failing: { on: boolean } } {
  const failing = { on: false };
  const base = idbKeyValue(() => idb);
  const guard =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      failing.on ? Promise.reject(error()) : f(...a);
  return {
    failing,
    kv: { ...base, set: guard(base.set), del: guard(base.del), setAll: guard(base.setAll), update: guard(base.update) },
  };
}

describe('idbKeyValue', () => {
  it('update reads and writes in one go; a throwing change writes nothing', async () => {
    const kv = idbKeyValue(() => idb);
    await kv.set('a', { v: 1 });
    await kv.update('a', (cur) => ({ v: (cur as { v: number }).v + 1 }));
    expect(await kv.get('a')).toEqual({ v: 2 });
    await expect(
      kv.update('a', () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await kv.get('a')).toEqual({ v: 2 });
  });
});

describe('memoryKeyValue', () => {
  it('keeps copies: a later change of the caller’s object does not reach the stored value', async () => {
    const kv = memoryKeyValue([['x', { v: 1 }]]);
    const value = { v: 2 };
    await kv.set('y', value);
    value.v = 3;
    expect(await kv.get('y')).toEqual({ v: 2 });
    expect((await kv.entries()).map(([k]) => k).sort()).toEqual(['x', 'y']);
    await kv.del('x');
    expect(await kv.get('x')).toBeUndefined();
  });
});

describe('fallbackKeyValue', () => {
  it('full: goes on in memory from a copy of what was stored, says so once, and never writes to IndexedDB again', async () => {
    const { kv: primary, failing } = failingWrites(() => new DOMException('the quota is exceeded', 'QuotaExceededError'));
    const faults: StorageFault[] = [];
    const kv = fallbackKeyValue(primary, (f) => faults.push(f));
    await kv.set('a', 'stored');
    expect(kv.fault).toBeNull();
    failing.on = true;
    await kv.set('a', 'newer');
    expect(faults).toEqual([{ kind: 'full', detail: 'the quota is exceeded' }]);
    expect(kv.fault).toEqual(faults[0]);
    expect(await kv.get('a')).toBe('newer');
    // The copy in IndexedDB is the last good one, and stays so even when IndexedDB works again.
    failing.on = false;
    await kv.set('b', 'later');
    expect(await primary.get('a')).toBe('stored');
    expect(await primary.get('b')).toBeUndefined();
    expect(Object.fromEntries(await kv.entries())).toEqual({ a: 'newer', b: 'later' });
    expect(faults).toHaveLength(1);
  });

  it('unavailable: IndexedDB cannot even be opened; memory starts empty and everything works', async () => {
    const broken = idbKeyValue(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const faults: StorageFault[] = [];
    const kv = fallbackKeyValue(broken, (f) => faults.push(f));
    expect(await kv.get('a')).toBeUndefined();
    expect(faults).toEqual([{ kind: 'unavailable', detail: 'The operation is insecure.' }]);
    await kv.setAll([
      ['a', 1],
      ['b', 2],
    ]);
    await kv.update('a', (cur) => (cur as number) + 10);
    expect(Object.fromEntries(await kv.entries())).toEqual({ a: 11, b: 2 });
  });

  it('an error of the change itself is the caller’s, not a storage fault', async () => {
    const faults: StorageFault[] = [];
    const kv = fallbackKeyValue(
      idbKeyValue(() => idb),
      (f) => faults.push(f),
    );
    await kv.set('a', 1);
    await expect(
      kv.update('a', () => {
        throw new Error('conflict');
      }),
    ).rejects.toThrow('conflict');
    expect(faults).toEqual([]);
    expect(kv.fault).toBeNull();
    expect(await kv.get('a')).toBe(1);
  });

  it('a transaction aborted without a reason is reported as unavailable, in words', async () => {
    const { kv: primary, failing } = failingWrites(() => null);
    const faults: StorageFault[] = [];
    const kv = fallbackKeyValue(primary, (f) => faults.push(f));
    failing.on = true;
    await kv.set('a', 1);
    expect(faults).toEqual([{ kind: 'unavailable', detail: 'the storage transaction was aborted' }]);
  });
});
