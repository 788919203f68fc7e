/**
 * The kit's one IndexedDB database: a versioned schema, one connection that
 * behaves well with other tabs, and a session-only memory fallback, behind
 * the small store API in ./types.ts.
 *
 *   const db = openRenlingDatabase();
 *   await db.store<OutboxRecord>('outbox').put(record);
 *   db.addEventListener('statechange', () => showStorageNotice(db.state));
 *
 * idb's openDB always opens the global `indexedDB`; the factory is a
 * parameter here (tests, other realms), so the open request is made here and
 * idb's `wrap` turns it and everything after it into promises.
 */
import { unwrap, wrap, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import { MemoryBackend } from './memory-backend.js';
import type {
  Migration,
  OpenRenlingDatabaseOptions,
  RenlingDatabase,
  RenlingStore,
  RenlingTransaction,
  StorageState,
  StorageStateReason,
} from './types.js';

/** Store names, with their keyPath (null: the key is given with each put). */
export const STORE_KEY_PATHS = {
  /** Responses by request key; records `{ key, value, storedAt, ttl? }`. */
  cache: 'key',
  /** Writes not yet sent; records keyed by their client-made `id`, indexed by `createdAt`. */
  outbox: 'id',
  /** Small settings and markers, under keys the caller picks. */
  meta: null,
  'local-needs': 'id',
  'local-offers': 'id',
  'local-claims': 'id',
  /** v3: projects and organizations change too (figures that follow claims), so they left 'local-seed'. */
  'local-projects': 'id',
  'local-organizations': 'id',
  /** Remembered write answers (IdempotencyRecord), by idempotency key. */
  'local-idempotency': 'key',
  /** What the local adapter was seeded from, under the key 'dataset': the marker and the areas. */
  'local-seed': null,
} as const satisfies Record<string, string | null>;

export type RenlingStoreName = keyof typeof STORE_KEY_PATHS;

/** The key of the local adapter's seed record in 'local-seed'. */
export const SEED_KEY = 'dataset';

type UpgradeDatabase = Parameters<Migration>[0];
type UpgradeTransaction = Parameters<Migration>[1];

/** Creates a store unless an earlier (partial) schema already has it: never drop data. */
function ensureStore(db: UpgradeDatabase, tx: UpgradeTransaction, name: RenlingStoreName) {
  if (db.objectStoreNames.contains(name)) return tx.objectStore(name);
  const keyPath = STORE_KEY_PATHS[name];
  return keyPath === null ? db.createObjectStore(name) : db.createObjectStore(name, { keyPath });
}

/**
 * The schema, one step per version (the version is the list's length).
 * Append new steps; never edit or remove a released one, since browsers out
 * there hold databases at every earlier version.
 */
export const MIGRATIONS: readonly Migration[] = [
  // v1: the response cache, the outbox of unsent writes, small settings
  (db, tx) => {
    ensureStore(db, tx, 'cache');
    const outbox = ensureStore(db, tx, 'outbox');
    if (!outbox.indexNames.contains('createdAt')) outbox.createIndex('createdAt', 'createdAt');
    ensureStore(db, tx, 'meta');
  },
  // v2: the local adapter's records, for sites without a backend
  (db, tx) => {
    for (const name of ['local-needs', 'local-offers', 'local-claims', 'local-idempotency', 'local-seed'] as const)
      ensureStore(db, tx, name);
  },
  // v3: projects and organizations get their own stores, moved out of the seed record
  (db, tx) => {
    const projects = ensureStore(db, tx, 'local-projects');
    const organizations = ensureStore(db, tx, 'local-organizations');
    if (!db.objectStoreNames.contains('local-seed')) return;
    const seeds = tx.objectStore('local-seed');
    // requests chained inside the upgrade keep it open; a failed one aborts the whole upgrade
    void seeds
      .get(SEED_KEY)
      .then(async (seed: unknown) => {
        if (typeof seed !== 'object' || seed === null) return;
        const { projects: movedProjects, organizations: movedOrganizations, ...rest } = seed as Record<string, unknown>;
        const puts: Promise<unknown>[] = [];
        for (const project of Array.isArray(movedProjects) ? movedProjects : []) puts.push(projects.put(project));
        for (const organization of Array.isArray(movedOrganizations) ? movedOrganizations : []) puts.push(organizations.put(organization));
        puts.push(seeds.put(rest, SEED_KEY));
        await Promise.all(puts);
      })
      .catch(() => undefined);
  },
];

/** Fired on the database whenever `state` changes. */
export class StorageStateEvent extends Event {
  constructor(
    readonly state: StorageState,
    readonly reason: StorageStateReason | null,
  ) {
    super('statechange');
  }
}

const isNamed = (error: unknown, name: string): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;

/** Chromium and Firefox name it so; old Safari only gives the legacy code 22. */
const isQuotaError = (error: unknown): boolean =>
  isNamed(error, 'QuotaExceededError') || (error instanceof DOMException && error.code === 22);

const closedError = (): DOMException => new DOMException('The Renling database is closed.', 'InvalidStateError');

/** A request placed at once whose synchronous failure (DataError, ReadOnlyError) becomes a rejection. */
function settle<T>(work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // already committed or aborted
  }
}

type WritableStore = IDBPObjectStore<unknown, string[], string, 'readwrite'>;

function idbStore<T>(store: WritableStore, factory: IDBFactory): RenlingStore<T> {
  return {
    get: (key) => settle(async () => (await store.get(key)) as T | undefined),
    getAll: () => settle(async () => (await store.getAll()) as T[]),
    put: (value, key) =>
      settle(() => {
        const keyPath = store.keyPath;
        if (key === undefined) return store.put(value);
        if (typeof keyPath === 'string') {
          // an in-line store given the same key again: accept it rather than fail on style
          const own = (value as Record<string, unknown> | null)?.[keyPath];
          if (own === undefined || factory.cmp(own, key) !== 0)
            throw new DOMException(`The store '${store.name}' uses in-line keys; the key given differs.`, 'DataError');
          return store.put(value);
        }
        return store.put(value, key);
      }),
    delete: (key) => settle(() => store.delete(key)),
    clear: () => settle(() => store.clear()),
    count: () => settle(() => store.count()),
  };
}

async function runIdb<R>(
  db: IDBPDatabase,
  factory: IDBFactory,
  storeNames: readonly string[],
  mode: IDBTransactionMode,
  work: (tx: RenlingTransaction) => Promise<R>,
): Promise<R> {
  // typed read-write only so the write methods exist; the browser itself refuses writes in a read-only transaction
  const tx = db.transaction([...storeNames], mode as 'readwrite');
  const done = tx.done;
  // observed below on success; on failure the work's own error is the one to report
  done.catch(() => undefined);
  const handle: RenlingTransaction = { store: <T>(name: string) => idbStore<T>(tx.objectStore(name), factory) };
  let result: R;
  try {
    result = await work(handle);
  } catch (error) {
    const reason: unknown = tx.error;
    abortQuietly(tx);
    // a request may fail as AbortError while the transaction's own error says why
    throw isQuotaError(reason) ? reason : error;
  }
  await done;
  return result;
}

function openIdb(
  factory: IDBFactory,
  name: string,
  migrations: readonly Migration[],
  onBlocked: () => void,
): Promise<IDBPDatabase> {
  const request = factory.open(name, migrations.length);
  let failure: unknown = null;
  request.addEventListener('upgradeneeded', (event) => {
    const tx = request.transaction;
    if (!tx) return;
    try {
      const db = wrap(request.result);
      const upgrade = wrap(tx) as unknown as UpgradeTransaction;
      // idb makes a `done` promise for every transaction; an aborted upgrade is reported through the open request
      upgrade.done.catch(() => undefined);
      for (let step = event.oldVersion; step < migrations.length; step++) migrations[step]?.(db, upgrade, event.oldVersion);
    } catch (error) {
      // a failing step must not leave a half-upgraded schema behind
      failure = error;
      tx.abort();
    }
  });
  request.addEventListener('blocked', onBlocked);
  return wrap(request).then(
    (db) => {
      if (!db) throw new DOMException('IndexedDB opened no database.', 'UnknownError');
      return db;
    },
    (error: unknown) => {
      throw failure ?? error;
    },
  );
}

type Backend = { kind: 'idb'; db: IDBPDatabase } | { kind: 'memory'; memory: MemoryBackend };

class Database extends EventTarget implements RenlingDatabase {
  readonly name: string;
  readonly version: number;
  readonly ready: Promise<void>;
  private currentState: StorageState = 'ok';
  private currentReason: StorageStateReason | null = null;
  private readonly factory: IDBFactory | null;
  private readonly migrations: readonly Migration[];
  private db: IDBPDatabase | null = null;
  private opening: Promise<Backend> | null = null;
  private memory: Promise<MemoryBackend> | null = null;
  private closed = false;

  constructor(options: OpenRenlingDatabaseOptions) {
    super();
    this.name = options.name ?? 'renling';
    this.migrations = options.migrations ?? MIGRATIONS;
    if (this.migrations.length === 0) throw new RangeError('openRenlingDatabase: at least one migration is needed.');
    this.version = this.migrations.length;
    // an explicit `indexedDB: undefined` means "none", unlike an absent option
    const factory = 'indexedDB' in options ? options.indexedDB : globalThis.indexedDB;
    this.factory = factory ?? null;
    if (this.factory) {
      this.ready = this.backend().then(
        () => undefined,
        () => undefined,
      );
    } else {
      this.currentState = 'memory';
      this.currentReason = 'no-indexeddb';
      this.memory = Promise.resolve(this.newMemory());
      this.ready = Promise.resolve();
    }
  }

  get state(): StorageState {
    return this.currentState;
  }

  get stateReason(): StorageStateReason | null {
    return this.currentReason;
  }

  store<T>(name: string): RenlingStore<T> {
    const one = <R>(op: (store: RenlingStore<T>) => Promise<R>, mode: IDBTransactionMode): Promise<R> =>
      this.transaction([name], mode, (tx) => op(tx.store<T>(name)));
    return {
      get: (key) => one((s) => s.get(key), 'readonly'),
      getAll: () => one((s) => s.getAll(), 'readonly'),
      put: (value, key) => one((s) => s.put(value, key), 'readwrite'),
      delete: (key) => one((s) => s.delete(key), 'readwrite'),
      clear: () => one((s) => s.clear(), 'readwrite'),
      count: () => one((s) => s.count(), 'readonly'),
    };
  }

  async transaction<R>(
    storeNames: readonly string[],
    mode: IDBTransactionMode,
    work: (tx: RenlingTransaction) => Promise<R>,
  ): Promise<R> {
    let retried = false;
    for (;;) {
      const backend = await this.backend();
      if (backend.kind === 'memory') return backend.memory.run(storeNames, mode, work);
      try {
        return await runIdb(backend.db, this.factory!, storeNames, mode, work);
      } catch (error) {
        if (this.closed) throw error;
        if (isQuotaError(error)) {
          // the transaction was rolled back; do it again in memory, where it fits
          await this.toMemory('quota', backend.db);
          continue;
        }
        // the connection went away under us (closed by the browser, or for another tab's upgrade): reopen, once
        if (!retried && (this.db !== backend.db || isNamed(error, 'InvalidStateError'))) {
          retried = true;
          this.drop(backend.db);
          continue;
        }
        throw error;
      }
    }
  }

  close(): void {
    this.closed = true;
    this.db?.close();
    this.db = null;
  }

  private backend(): Promise<Backend> {
    if (this.closed) return Promise.reject(closedError());
    if (this.memory) return this.memory.then((memory) => ({ kind: 'memory', memory }));
    if (this.db) return Promise.resolve({ kind: 'idb', db: this.db });
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async open(): Promise<Backend> {
    let db: IDBPDatabase;
    try {
      db = await openIdb(this.factory!, this.name, this.migrations, () => this.setState('unavailable', 'blocked'));
    } catch (error) {
      if (this.closed) throw closedError();
      // VersionError: another tab upgraded to a schema this page does not know; a reload fixes it.
      // Anything else: private browsing, storage disabled, a failed upgrade.
      const memory = await this.toMemory(isNamed(error, 'VersionError') ? 'version' : 'open-failed', null);
      return { kind: 'memory', memory };
    }
    if (this.closed) {
      db.close();
      throw closedError();
    }
    const raw = unwrap(db);
    raw.addEventListener('versionchange', () => {
      // another tab wants to upgrade (or delete) the database: let go at once so it can; reopen on next use
      raw.close();
      if (this.db === db) this.db = null;
    });
    raw.addEventListener('close', () => {
      // terminated by the browser (storage cleared, disk error): reopen on next use
      if (this.db === db) this.db = null;
    });
    this.db = db;
    this.setState('ok', null);
    return { kind: 'idb', db };
  }

  private drop(db: IDBPDatabase): void {
    if (this.db !== db) return;
    this.db = null;
    db.close();
  }

  private newMemory(): MemoryBackend {
    return new MemoryBackend(Object.entries(STORE_KEY_PATHS));
  }

  /** Switches to memory for the rest of the session, keeping what IndexedDB held (it is still readable). */
  private toMemory(reason: StorageStateReason, from: IDBPDatabase | null): Promise<MemoryBackend> {
    this.memory ??= (async () => {
      const memory = this.newMemory();
      if (from) {
        try {
          await copyInto(memory, from);
        } catch {
          // start empty rather than not at all
        }
        if (this.db === from) this.db = null;
        from.close();
      }
      this.setState('memory', reason);
      return memory;
    })();
    return this.memory;
  }

  private setState(state: StorageState, reason: StorageStateReason | null): void {
    if (state === this.currentState && reason === this.currentReason) return;
    this.currentState = state;
    this.currentReason = reason;
    this.dispatchEvent(new StorageStateEvent(state, reason));
  }
}

async function copyInto(memory: MemoryBackend, db: IDBPDatabase): Promise<void> {
  const names = [...db.objectStoreNames];
  if (names.length === 0) return;
  const tx = db.transaction(names, 'readonly');
  await Promise.all(
    names.map(async (name) => {
      const store = tx.objectStore(name);
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
      memory.define(name, typeof store.keyPath === 'string' ? store.keyPath : null);
      memory.load(name, keys, values);
    }),
  );
}

/**
 * Opens (lazily, and again whenever the connection was lost) the kit's
 * database. Returns at once; calls wait for the connection. See
 * `StorageState` for what `state` means.
 */
export function openRenlingDatabase(options: OpenRenlingDatabaseOptions = {}): RenlingDatabase {
  return new Database(options);
}
