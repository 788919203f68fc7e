/**
 * The session-only stand-in for IndexedDB: the same store and transaction
 * API over Maps, used when the browser has no IndexedDB, refuses to open it
 * (private browsing) or runs out of quota. It keeps IndexedDB's semantics
 * where callers could notice: values are structured clones, keys follow the
 * store's keyPath or are given out of line, getAll() is in key order, and a
 * transaction's writes become visible all together or not at all.
 */
import type { RenlingStore, RenlingTransaction } from './types.js';

interface Entry {
  key: IDBValidKey;
  value: unknown;
}

/** A key as comparable data: [type rank, payload], ranked as IndexedDB orders types. */
type EncodedKey = [0, number] | [1, number] | [2, string] | [3, number[]] | [4, EncodedKey[]];

/** Runs at once, as an IndexedDB request is placed at once, but reports failure as a rejection. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

const dataError = (message: string): DOMException => new DOMException(message, 'DataError');

function encodeKey(key: unknown): EncodedKey {
  if (typeof key === 'number') {
    if (Number.isNaN(key)) throw dataError('NaN is not a valid key.');
    return [0, key];
  }
  if (key instanceof Date) {
    const time = key.getTime();
    if (Number.isNaN(time)) throw dataError('An invalid date is not a valid key.');
    return [1, time];
  }
  if (typeof key === 'string') return [2, key];
  if (key instanceof ArrayBuffer) return [3, [...new Uint8Array(key)]];
  if (ArrayBuffer.isView(key)) return [3, [...new Uint8Array(key.buffer, key.byteOffset, key.byteLength)]];
  if (Array.isArray(key)) return [4, key.map(encodeKey)];
  throw dataError('The value is not a valid key.');
}

function compareEncoded(a: EncodedKey, b: EncodedKey): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[0] === 4 || a[0] === 3) {
    const left = a[1] as readonly (EncodedKey | number)[];
    const right = b[1] as readonly (EncodedKey | number)[];
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      const x = left[i]!;
      const y = right[i]!;
      const c = typeof x === 'number' ? x - (y as number) : compareEncoded(x, y as EncodedKey);
      if (c !== 0) return c;
    }
    return left.length - right.length;
  }
  const x = a[1];
  const y = b[1];
  return x < y ? -1 : x > y ? 1 : 0;
}

function keyFromPath(value: unknown, keyPath: string): IDBValidKey {
  let current: unknown = value;
  for (const part of keyPath.split('.')) {
    if (current === null || typeof current !== 'object') throw dataError(`The value has no key at '${keyPath}'.`);
    current = (current as Record<string, unknown>)[part];
  }
  encodeKey(current);
  return current as IDBValidKey;
}

interface Staged {
  cleared: boolean;
  /** Encoded key → the new entry, or null for a deletion. */
  writes: Map<string, Entry | null>;
}

export class MemoryBackend {
  private readonly data = new Map<string, Map<string, Entry>>();
  private readonly keyPaths = new Map<string, string | null>();
  // one transaction at a time, as IndexedDB serializes overlapping read-write
  // transactions: a read-then-write cannot interleave with another
  private queue: Promise<unknown> = Promise.resolve();

  /** `keyPaths`: each known store's keyPath (null: keys are given out of line). */
  constructor(keyPaths: Iterable<readonly [string, string | null]>) {
    for (const [name, keyPath] of keyPaths) this.keyPaths.set(name, keyPath);
  }

  /** Declares a store, e.g. one found in the IndexedDB database being replaced. */
  define(name: string, keyPath: string | null): void {
    this.keyPaths.set(name, keyPath);
  }

  /** Puts records as they were, before any caller sees the backend (used when copying from IndexedDB). */
  load(name: string, keys: readonly IDBValidKey[], values: readonly unknown[]): void {
    const map = this.table(name);
    keys.forEach((key, i) => map.set(JSON.stringify(encodeKey(key)), { key, value: values[i] }));
  }

  run<R>(storeNames: readonly string[], mode: IDBTransactionMode, work: (tx: RenlingTransaction) => Promise<R>): Promise<R> {
    const attempt = async (): Promise<R> => {
      const staged = new Map<string, Staged>();
      const tx: RenlingTransaction = {
        store: <T>(name: string): RenlingStore<T> => {
          if (!storeNames.includes(name))
            throw new DOMException(`The store '${name}' is not in this transaction's scope.`, 'NotFoundError');
          return this.storeIn<T>(name, mode, staged);
        },
      };
      const result = await work(tx);
      // commit: every staged change lands at once
      for (const [name, stage] of staged) {
        const table = this.table(name);
        if (stage.cleared) table.clear();
        for (const [encoded, entry] of stage.writes) {
          if (entry) table.set(encoded, entry);
          else table.delete(encoded);
        }
      }
      return result;
    };
    const next = this.queue.then(attempt, attempt);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private table(name: string): Map<string, Entry> {
    let table = this.data.get(name);
    if (!table) {
      table = new Map();
      this.data.set(name, table);
    }
    return table;
  }

  private storeIn<T>(name: string, mode: IDBTransactionMode, staged: Map<string, Staged>): RenlingStore<T> {
    const keyPath = this.keyPaths.get(name) ?? null;
    const stage = (): Staged => {
      let s = staged.get(name);
      if (!s) {
        s = { cleared: false, writes: new Map() };
        staged.set(name, s);
      }
      return s;
    };
    const writable = (): Staged => {
      if (mode === 'readonly') throw new DOMException('The transaction is read-only.', 'ReadOnlyError');
      return stage();
    };
    /** What the transaction sees: the committed table with its own staged changes on top. */
    const visible = (): Map<string, Entry> => {
      const s = staged.get(name);
      const base = s?.cleared ? new Map<string, Entry>() : new Map(this.table(name));
      for (const [encoded, entry] of s?.writes ?? []) {
        if (entry) base.set(encoded, entry);
        else base.delete(encoded);
      }
      return base;
    };
    const sorted = (): Entry[] =>
      [...visible().values()].sort((a, b) => compareEncoded(encodeKey(a.key), encodeKey(b.key)));

    return {
      get: (key) => settle(() => structuredClone(visible().get(JSON.stringify(encodeKey(key)))?.value) as T | undefined),
      getAll: () => settle(() => sorted().map((e) => structuredClone(e.value) as T)),
      put: (value, key) =>
        settle(() => {
          const s = writable();
          if (keyPath === null && key === undefined) throw dataError(`The store '${name}' needs a key.`);
          const copy = structuredClone(value);
          const actual = keyPath === null ? key! : keyFromPath(copy, keyPath);
          // as in IndexedDB mode: an in-line store may be given its own key again, not another
          if (keyPath !== null && key !== undefined && compareEncoded(encodeKey(key), encodeKey(actual)) !== 0)
            throw dataError(`The store '${name}' uses in-line keys; the key given differs.`);
          s.writes.set(JSON.stringify(encodeKey(actual)), { key: structuredClone(actual), value: copy });
          return actual;
        }),
      delete: (key) =>
        settle(() => {
          writable().writes.set(JSON.stringify(encodeKey(key)), null);
        }),
      clear: () =>
        settle(() => {
          const s = writable();
          s.cleared = true;
          s.writes.clear();
        }),
      count: () => settle(() => visible().size),
    };
  }
}
