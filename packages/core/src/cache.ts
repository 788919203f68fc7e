/**
 * A read cache in front of any adapter: stale-while-revalidate with a TTL
 * per resource. A fresh entry answers at once; a stale one answers at once
 * too and is refreshed in the background (a `revalidated` event tells the
 * components to redraw); with no answer from the network, a stale entry is
 * still served (an `offline` event says so), because an old list beats an
 * empty screen for a resident on a bad signal. Writes go straight through and
 * drop the cached reads they make stale.
 */
import { isTransientKind, toAdapterError, type DataAdapter } from './adapter.js';

export interface CacheEntry {
  key: string;
  value: unknown;
  storedAt: number;
}

/** The few operations the cache needs; the IndexedDB 'cache' store provides them. */
export interface CacheStorage {
  get(key: string): Promise<CacheEntry | undefined>;
  put(entry: CacheEntry): Promise<unknown>;
  delete(key: string): Promise<unknown>;
  keys(): Promise<string[]>;
}

export type CachedResource = 'organizations' | 'offers' | 'needs' | 'projects' | 'claims' | 'areas';

/** Milliseconds each resource stays fresh: areas barely change, claims move fast. */
export const DEFAULT_TTL: Record<CachedResource, number> = {
  organizations: 10 * 60_000,
  offers: 5 * 60_000,
  needs: 2 * 60_000,
  projects: 10 * 60_000,
  claims: 60_000,
  areas: 24 * 60 * 60_000,
};

const READS = {
  listOrganizations: 'organizations',
  getOrganization: 'organizations',
  listOffers: 'offers',
  getOffer: 'offers',
  listNeeds: 'needs',
  getNeed: 'needs',
  listProjects: 'projects',
  getProject: 'projects',
  listClaims: 'claims',
  getClaim: 'claims',
  listAreas: 'areas',
  getArea: 'areas',
} as const satisfies Partial<Record<keyof DataAdapter, CachedResource>>;
type ReadMethod = keyof typeof READS;

/** Which cached resources each write makes stale. */
const WRITES = {
  createNeed: ['needs'],
  reviewNeed: ['needs'],
  createOffer: ['offers'],
  requestClaim: ['claims'],
  acceptClaim: ['claims', 'offers', 'needs', 'projects'],
  declineClaim: ['claims'],
  // a need held by the withdrawn claim is listed again
  withdrawClaim: ['claims', 'offers', 'needs', 'projects'],
  startClaim: ['claims', 'needs', 'projects'],
  completeClaim: ['claims', 'needs', 'projects'],
  rateClaim: ['claims', 'organizations', 'projects'],
  createProject: ['projects', 'claims'],
} as const satisfies Partial<Record<keyof DataAdapter, readonly CachedResource[]>>;
type WriteMethod = keyof typeof WRITES;

export interface CacheEventDetail {
  key: string;
  method: ReadMethod;
  value?: unknown;
}

export interface CachedAdapterOptions {
  storage: CacheStorage;
  ttl?: Partial<Record<CachedResource, number>>;
  now?: () => number;
}

/** In-memory cache storage, for tests and for browsers without IndexedDB. */
export function createMemoryCacheStorage(): CacheStorage & { entries: Map<string, CacheEntry> } {
  const entries = new Map<string, CacheEntry>();
  return {
    entries,
    get: (key) => Promise.resolve(structuredClone(entries.get(key))),
    put: (entry) => Promise.resolve(void entries.set(entry.key, structuredClone(entry))),
    delete: (key) => Promise.resolve(entries.delete(key)),
    keys: () => Promise.resolve([...entries.keys()]),
  };
}

/** The cache key of a read: method and arguments, without the signal, keys sorted. */
function cacheKey(method: string, args: unknown[]): string {
  const plain = args.map((arg) =>
    arg && typeof arg === 'object'
      ? Object.fromEntries(
          Object.entries(arg as Record<string, unknown>)
            .filter(([k, v]) => k !== 'signal' && v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : arg,
  );
  return `${method}:${JSON.stringify(plain)}`;
}

export interface CachedAdapter extends DataAdapter {
  /** `revalidated` (fresh data arrived after a stale answer) and `offline` (a stale answer stood in for the network). */
  readonly events: EventTarget;
}

export function createCachedAdapter(inner: DataAdapter, options: CachedAdapterOptions): CachedAdapter {
  const { storage } = options;
  const ttl = { ...DEFAULT_TTL, ...options.ttl };
  const now = options.now ?? (() => Date.now());
  const events = new EventTarget();
  const inFlight = new Map<string, Promise<unknown>>();

  const emit = (type: 'revalidated' | 'offline', detail: CacheEventDetail): void => {
    events.dispatchEvent(new CustomEvent<CacheEventDetail>(type, { detail }));
  };

  // storage trouble must never break a read: the cache is an optimization
  const safeGet = (key: string): Promise<CacheEntry | undefined> => storage.get(key).catch(() => undefined);
  const safePut = (entry: CacheEntry): Promise<unknown> => storage.put(entry).catch(() => undefined);

  /** One network read per key at a time; the answer is stored before it is returned. */
  function fetchAndStore(key: string, call: () => Promise<unknown>): Promise<unknown> {
    const running = inFlight.get(key);
    if (running) return running;
    const promise = call()
      .then(async (value) => {
        await safePut({ key, value, storedAt: now() });
        return value;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  async function read(method: ReadMethod, args: unknown[]): Promise<unknown> {
    const key = cacheKey(method, args);
    const call = (): Promise<unknown> => (inner[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    const entry = await safeGet(key);
    if (!entry) return fetchAndStore(key, call);
    if (now() - entry.storedAt < ttl[READS[method]]) return entry.value;
    // stale: answer now, refresh behind
    fetchAndStore(key, () => {
      // the caller's signal belongs to the caller's wait, not to the refresh
      const unsignalled = args.map((a) => (a && typeof a === 'object' && 'signal' in a ? { ...a, signal: undefined } : a));
      return (inner[method] as (...a: unknown[]) => Promise<unknown>)(...unsignalled);
    }).then(
      (value) => emit('revalidated', { key, method, value }),
      (error: unknown) => {
        if (isTransientKind(toAdapterError(error).kind)) emit('offline', { key, method });
      },
    );
    return entry.value;
  }

  async function invalidate(resources: readonly CachedResource[]): Promise<void> {
    const methods = Object.entries(READS)
      .filter(([, resource]) => resources.includes(resource))
      .map(([method]) => `${method}:`);
    const keys = await storage.keys().catch(() => [] as string[]);
    await Promise.all(keys.filter((k) => methods.some((m) => k.startsWith(m))).map((k) => storage.delete(k).catch(() => undefined)));
  }

  function write(method: WriteMethod) {
    return async (...args: unknown[]): Promise<unknown> => {
      const result = await (inner[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      await invalidate(WRITES[method]);
      return result;
    };
  }

  const adapter = { events } as Record<string, unknown>;
  for (const method of Object.keys(READS) as ReadMethod[]) adapter[method] = (...args: unknown[]) => read(method, args);
  for (const method of Object.keys(WRITES) as WriteMethod[]) adapter[method] = write(method);
  // a resident's contact is never stored in the cache: read through every time
  adapter.getNeedContact = (...args: Parameters<DataAdapter['getNeedContact']>) => inner.getNeedContact(...args);
  return adapter as unknown as CachedAdapter;
}
