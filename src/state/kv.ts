/**
 * Where the scenario library keeps its records (src/state/store.ts): a small key-value interface
 * with three implementations.
 *
 * - `idbKeyValue`: IndexedDB through idb-keyval. Every write is one transaction, so a write that
 *   fails (the quota exceeded, the disk gone) writes nothing and the record stored before stays.
 * - `memoryKeyValue`: a Map, for as long as the page lives.
 * - `fallbackKeyValue`: IndexedDB while it works; at its first failure (IndexedDB missing or
 *   refused, or full) it says why once (`onFault`) and goes on in memory for the rest of the page's
 *   life, starting from a copy of what IndexedDB still lets it read. It never writes to IndexedDB
 *   again after that, so what was stored before the failure stays as it was.
 */
import { del, entries, get, promisifyRequest, set, type UseStore } from 'idb-keyval';

export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  entries(): Promise<[IDBValidKey, unknown][]>;
  /** Writes every entry, all or nothing. */
  setAll(items: readonly [string, unknown][]): Promise<void>;
  /**
   * Reads `key` and writes what `change` makes of it, with nothing written in between (one
   * transaction); when `change` throws, nothing is written and the error is the promise's.
   */
  update(key: string, change: (current: unknown) => unknown): Promise<void>;
}

/** Why the library went on in memory. */
export interface StorageFault {
  /** `full`: a write exceeded the quota; `unavailable`: IndexedDB is missing or refused. */
  kind: 'full' | 'unavailable';
  /** The browser's message. */
  detail: string;
}

/** IndexedDB through idb-keyval; `open` makes the store, on first use (so making one never touches IndexedDB). */
export function idbKeyValue(open: () => UseStore): KeyValue {
  let idb: UseStore | undefined;
  const db = (): UseStore => (idb ??= open());
  return {
    get: (key) => get(key, db()),
    set: (key, value) => set(key, value, db()),
    del: (key) => del(key, db()),
    entries: () => entries(db()),
    setAll: (items) =>
      db()('readwrite', (os) => {
        try {
          for (const [key, value] of items) os.put(value, key);
        } catch (error) {
          os.transaction.abort();
          throw error;
        }
        return promisifyRequest(os.transaction);
      }),
    update: (key, change) =>
      db()(
        'readwrite',
        (os) =>
          new Promise<void>((resolve, reject) => {
            const request = os.get(key);
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              try {
                os.put(change(request.result), key);
                resolve(promisifyRequest(os.transaction));
              } catch (error) {
                reject(error);
              }
            };
          }),
      ),
  };
}

export function memoryKeyValue(seed: Iterable<[IDBValidKey, unknown]> = []): KeyValue {
  const map = new Map<IDBValidKey, unknown>(seed);
  // Copies in and out, as IndexedDB's structured clone does: a caller's later change never reaches a stored value.
  const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value));
  return {
    get: async (key) => copy(map.get(key)),
    set: async (key, value) => void map.set(key, copy(value)),
    del: async (key) => void map.delete(key),
    entries: async () => [...map].map(([k, v]) => [k, copy(v)] as [IDBValidKey, unknown]),
    setAll: async (items) => {
      const copies = items.map(([k, v]) => [k, copy(v)] as const);
      for (const [k, v] of copies) map.set(k, v);
    },
    update: async (key, change) => void map.set(key, copy(change(copy(map.get(key))))),
  };
}

export interface FallbackKeyValue extends KeyValue {
  /** The fault that sent it to memory; null while IndexedDB works. */
  readonly fault: StorageFault | null;
}

function faultOf(error: unknown): StorageFault {
  // DOMException is an Error in browsers; a transaction aborted without a reason rejects with null.
  const e = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown }) : {};
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : name;
  const detail = message || (error === null || error === undefined ? 'the storage transaction was aborted' : String(error));
  return { kind: name === 'QuotaExceededError' ? 'full' : 'unavailable', detail };
}

/** IndexedDB (`primary`) while it works, then memory; `onFault` is told once. */
export function fallbackKeyValue(primary: KeyValue, onFault: (fault: StorageFault) => void = () => {}): FallbackKeyValue {
  let memory: KeyValue | undefined;
  let fault: StorageFault | null = null;
  let switching: Promise<KeyValue> | undefined;

  const toMemory = (error: unknown): Promise<KeyValue> =>
    (switching ??= (async () => {
      fault = faultOf(error);
      let seed: [IDBValidKey, unknown][] = [];
      try {
        seed = await primary.entries();
      } catch {
        // Nothing readable: memory starts empty.
      }
      memory = memoryKeyValue(seed);
      onFault(fault);
      return memory;
    })());

  async function run<T>(op: (kv: KeyValue) => Promise<T>, isOwnError?: (error: unknown) => boolean): Promise<T> {
    if (memory) return op(memory);
    try {
      return await op(primary);
    } catch (error) {
      if (isOwnError?.(error)) throw error;
      return op(await toMemory(error));
    }
  }

  return {
    get fault() {
      return fault;
    },
    get: (key) => run((kv) => kv.get(key)),
    set: (key, value) => run((kv) => kv.set(key, value)),
    del: (key) => run((kv) => kv.del(key)),
    entries: () => run((kv) => kv.entries()),
    setAll: (items) => run((kv) => kv.setAll(items)),
    update: (key, change) => {
      // An error of `change` itself (a conflict) is the caller's, not a storage fault.
      const thrown = new Set<unknown>();
      const tracked = (current: unknown) => {
        try {
          return change(current);
        } catch (error) {
          thrown.add(error);
          throw error;
        }
      };
      return run(
        (kv) => kv.update(key, tracked),
        (error) => thrown.has(error),
      );
    },
  };
}
