/**
 * The cache and the outbox kept in the kit's IndexedDB database (with its
 * memory fallback), through the database's small store API.
 */
import type { CacheEntry, CacheStorage } from './cache.js';
import type { OutboxRecord, OutboxStorage } from './outbox.js';
import type { RenlingDatabase } from './storage/index.js';

export function cacheStorageFrom(db: RenlingDatabase): CacheStorage {
  const store = db.store<CacheEntry>('cache');
  return {
    get: (key) => store.get(key),
    put: (entry) => store.put(entry),
    delete: (key) => store.delete(key),
    keys: async () => (await store.getAll()).map((entry) => entry.key),
  };
}

export function outboxStorageFrom(db: RenlingDatabase): OutboxStorage {
  const store = db.store<OutboxRecord>('outbox');
  return {
    getAll: () => store.getAll(),
    put: (record) => store.put(record),
    delete: (id) => store.delete(id),
  };
}
