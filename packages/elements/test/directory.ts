/** Shared set-up for the directory's tests: datasets, adapters that hold or fail, the offline cache. */
import {
  AdapterError,
  createCachedAdapter,
  createMemoryAdapter,
  createMemoryCacheStorage,
  type CachedAdapter,
  type DataAdapter,
} from '@renling/core';
import { DEMO_SEED, generateDataset, type Dataset } from '@renling/mocks';

let street: Dataset | null = null;
/** The demo street: 60 organizations in 华阳路街道, the same every time. */
export function streetDataset(): Dataset {
  street ??= generateDataset({ seed: DEMO_SEED, organizations: 60 });
  return street;
}

/**
 * The virtualizer's ResizeObserver reports a benign loop error that mocha
 * would count as an uncaught exception (see org-results.ts); it is ignored
 * here as the component ignores it on a page.
 */
export function ignoreResizeObserverLoop(): () => void {
  const previous = window.onerror;
  window.onerror = function (message, ...rest) {
    if (typeof message === 'string' && message.includes('ResizeObserver loop')) return true;
    return previous ? (previous.call(window, message, ...rest) as boolean) : false;
  };
  return () => {
    window.onerror = previous;
  };
}

/** An adapter whose calls wait until released, to hold the loading state. */
export function gatedAdapter(base: DataAdapter): { adapter: DataAdapter; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const adapter = new Proxy(base, {
    get(target, key) {
      if (typeof key !== 'string' || !(key in target)) return undefined;
      const fn = (target[key as keyof DataAdapter] as (...args: unknown[]) => Promise<unknown>).bind(target);
      return async (...args: unknown[]) => {
        await gate;
        return fn(...args);
      };
    },
  });
  return { adapter, release };
}

/** Fails the first `failures` organization list calls as a network error would. */
export function flakyAdapter(base: DataAdapter, failures: number): DataAdapter & { calls: number } {
  const flaky = {
    ...base,
    calls: 0,
    listOrganizations: (query?: Parameters<DataAdapter['listOrganizations']>[0]) => {
      flaky.calls++;
      return failures-- > 0 ? Promise.reject(new AdapterError('network', 'offline')) : base.listOrganizations(query);
    },
  };
  return flaky;
}

/**
 * The read cache over a source that has gone offline: every list was read
 * once while online (so the cache holds it), then the network went and the
 * entries aged past their TTL. Reads answer from the cache and the cache
 * emits `offline`, as on a resident's phone in a lift.
 */
export async function offlineCachedAdapter(dataset: Dataset): Promise<CachedAdapter> {
  const base = createMemoryAdapter(dataset);
  let online = true;
  let clock = 0;
  const source = new Proxy(base, {
    get(target, key) {
      if (typeof key !== 'string' || !(key in target)) return undefined;
      const method = (target[key as keyof DataAdapter] as (...a: unknown[]) => Promise<unknown>).bind(target);
      return (...args: unknown[]) => (online ? method(...args) : Promise.reject(new AdapterError('network', 'offline')));
    },
  });
  const cached = createCachedAdapter(source, { storage: createMemoryCacheStorage(), now: () => clock });
  // the same reads the directory makes, so the same cache keys
  const { readAll } = await import('../src/components/org-directory/directory-data.js');
  await readAll((cursor) => cached.listOrganizations({ cursor, limit: 200 }));
  await readAll((cursor) => cached.listOffers({ cursor, limit: 200 }));
  await cached.listAreas({});
  online = false;
  clock = 1e12;
  return cached;
}
