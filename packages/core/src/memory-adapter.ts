/**
 * An adapter over records held in memory: the demo portal, stories and
 * tests use it. It behaves like a remote one (asynchronous, abortable,
 * paged, optional latency) so components meet the same states they will
 * meet in production.
 */
import { AdapterError, type DataAdapter, type ListOptions, type Page, type RequestOptions } from './adapter.js';
import { toPublicNeed } from './privacy.js';
import type { Area, Need, Organization, Project, ServiceOffer } from './model.js';

export interface MemoryDataset {
  areas: Area[];
  organizations: Organization[];
  offers: ServiceOffer[];
  needs: Need[];
  projects: Project[];
}

export interface MemoryAdapterOptions {
  /** Milliseconds each call waits, to show loading states. */
  latency?: number;
}

function abortError(): AdapterError {
  return new AdapterError('aborted', 'The request was cancelled.');
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function page<T>(all: readonly T[], options: ListOptions = {}): Page<T> {
  const start = options.cursor ? Number.parseInt(options.cursor, 10) || 0 : 0;
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const items = all.slice(start, start + limit);
  const end = start + items.length;
  return { items, nextCursor: end < all.length ? String(end) : null, total: all.length };
}

function indexById<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  return new Map(records.map((r) => [r.id, r]));
}

export function createMemoryAdapter(data: MemoryDataset, options: MemoryAdapterOptions = {}): DataAdapter {
  const latency = options.latency ?? 0;
  const organizations = indexById(data.organizations);
  const offers = indexById(data.offers);
  const projects = indexById(data.projects);
  const areas = new Map(data.areas.map((a) => [a.code, a]));
  // only the public view ever leaves this adapter's read side
  const publicNeeds = data.needs.map(toPublicNeed);

  async function one<T>(map: Map<string, T>, id: string, what: string, opts?: RequestOptions): Promise<T> {
    await wait(latency, opts?.signal);
    const found = map.get(id);
    if (!found) throw new AdapterError('not-found', `${what} ${id} was not found.`);
    return structuredClone(found);
  }

  async function many<T>(records: readonly T[], opts?: ListOptions): Promise<Page<T>> {
    await wait(latency, opts?.signal);
    return structuredClone(page(records, opts));
  }

  return {
    getOrganization: (id, opts) => one(organizations, id, 'Organization', opts),
    listOrganizations: (opts) => many(data.organizations, opts),
    getOffer: (id, opts) => one(offers, id, 'Offer', opts),
    listOffers: (opts) =>
      many(
        opts?.organizationId ? data.offers.filter((o) => o.organizationId === opts.organizationId) : data.offers,
        opts,
      ),
    getProject: (id, opts) => one(projects, id, 'Project', opts),
    listProjects: (opts) => many(data.projects, opts),
    listNeeds: (opts) => many(publicNeeds, opts),
    getArea: (code, opts) => one(areas, code, 'Area', opts),
    listAreas: async (opts) => {
      await wait(latency, opts?.signal);
      return structuredClone(data.areas);
    },
  };
}
