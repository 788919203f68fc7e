/**
 * The small storage API the kit's browser-side parts share (the response
 * cache, the outbox, the local adapter). Kept small on purpose: whatever is
 * behind it (IndexedDB or the session-only memory stand-in) must provide it.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';

/** One object store. Every method returns a promise that rejects on failure (never throws). */
export interface RenlingStore<T> {
  get(key: IDBValidKey): Promise<T | undefined>;
  /** Every record, in key order. */
  getAll(): Promise<T[]>;
  /** `key` only for stores without a keyPath ('meta', 'local-seed'); returns the record's key. */
  put(value: T, key?: IDBValidKey): Promise<IDBValidKey>;
  delete(key: IDBValidKey): Promise<void>;
  clear(): Promise<void>;
  count(): Promise<number>;
}

/**
 * The stores of one transaction. Inside `transaction(…, work)`, await only
 * these stores' requests: IndexedDB commits a transaction as soon as it has
 * no pending request, so awaiting anything else (a fetch, a timer) ends it.
 */
export interface RenlingTransaction {
  store<T>(name: string): RenlingStore<T>;
}

/**
 * - 'ok': IndexedDB is in use (or being opened); data outlives the tab.
 * - 'memory': data is kept in memory for this session only, because there is
 *   no IndexedDB, the browser refused to open it (private browsing, storage
 *   disabled), the quota ran out, or another tab upgraded the database to a
 *   newer schema than this page knows. The kit keeps working and can say so.
 * - 'unavailable': opening waits for another tab that holds an older version
 *   open and does not let go; calls wait too. Ask the person to close other
 *   tabs of this site. Becomes 'ok' once that tab lets go.
 */
export type StorageState = 'ok' | 'memory' | 'unavailable';

/** Why the state is what it is; null while 'ok'. */
export type StorageStateReason = 'no-indexeddb' | 'open-failed' | 'quota' | 'version' | 'blocked';

/**
 * One schema step; step i (0-based) brings the database to version i + 1.
 * `oldVersion` is the version before this upgrade began (0 for a new
 * database). Steps may add stores and indexes and move data; they never
 * delete a store that holds data.
 */
export type Migration = (
  db: IDBPDatabase,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
  oldVersion: number,
) => void;

export interface OpenRenlingDatabaseOptions {
  /** Database name; default 'renling'. */
  name?: string;
  /** The schema steps; the version is their number. Default MIGRATIONS. */
  migrations?: readonly Migration[];
  /** The IndexedDB factory; default globalThis.indexedDB. null (or passing undefined explicitly) means none: memory mode. */
  indexedDB?: IDBFactory | null;
}

export interface RenlingDatabase extends EventTarget {
  readonly name: string;
  readonly version: number;
  readonly state: StorageState;
  readonly stateReason: StorageStateReason | null;
  /** Settles when the first open succeeded or fell back to memory; never rejects. Pending while 'unavailable'. */
  readonly ready: Promise<void>;
  /** A store by name; each call is its own transaction. */
  store<T>(name: string): RenlingStore<T>;
  /**
   * One atomic transaction over several stores: all of `work`'s writes land,
   * or none (if it throws or a write fails). `work` may run twice (once more
   * after a lost connection or a switch to memory), so it must have no
   * effects outside the stores.
   */
  transaction<R>(storeNames: readonly string[], mode: IDBTransactionMode, work: (tx: RenlingTransaction) => Promise<R>): Promise<R>;
  /** Closes the connection; later calls reject with an InvalidStateError. */
  close(): void;
}
