/**
 * The data chain every entry point builds the same way: `<rl-provider>` for
 * the page, and a form used alone (with `api`, `src` or nothing at all).
 * One place, so a form alone and a form inside a provider talk to the
 * same kind of adapter, cache and outbox.
 */
import {
  cacheStorageFrom,
  createCachedAdapter,
  createLocalAdapter,
  createOutbox,
  createRestAdapter,
  createStaticAdapter,
  openRenlingDatabase,
  outboxStorageFrom,
  type DataAdapter,
  type Outbox,
  type RenlingDatabase,
} from '@renling/core';

/** Where the data comes from; first match wins: `adapter`, `api`, `src`, else the browser's IndexedDB. */
export interface DataSource {
  adapter?: DataAdapter | null | undefined;
  /** Base URL of a server speaking the REST contract. */
  api?: string | undefined;
  /** URL of a static JSON dataset (read-only). */
  src?: string | undefined;
  /** Name of the IndexedDB database for the cache, the outbox, drafts and local data. */
  storageName: string;
}

export interface DataChain {
  readonly database: RenlingDatabase;
  /** What reads go through (cached where the source is remote). */
  readonly adapter: DataAdapter;
  /** Submissions: stored first, sent to the source adapter. Not started. */
  readonly outbox: Outbox;
}

/**
 * Builds source adapter, read cache and outbox over one database. `database`
 * is reused when it has the requested name, so rebuilding after an `api`
 * change keeps one connection.
 */
export function buildDataChain(source: DataSource, database: RenlingDatabase | null = null): DataChain {
  const db = database && database.name === source.storageName ? database : openRenlingDatabase({ name: source.storageName });
  let origin: DataAdapter;
  let adapter: DataAdapter;
  if (source.adapter) {
    origin = adapter = source.adapter;
  } else if (source.api) {
    origin = createRestAdapter({ baseUrl: source.api });
    adapter = createCachedAdapter(origin, { storage: cacheStorageFrom(db) });
  } else if (source.src) {
    origin = createStaticAdapter({ url: source.src });
    adapter = createCachedAdapter(origin, { storage: cacheStorageFrom(db) });
  } else {
    // already in the browser: nothing to cache
    origin = adapter = createLocalAdapter({ db });
  }
  // writes skip the read cache: the outbox must see the source's own answers and errors
  const outbox = createOutbox({ adapter: origin, storage: outboxStorageFrom(db), lockName: `renling-outbox:${source.storageName}` });
  return { database: db, adapter, outbox };
}
