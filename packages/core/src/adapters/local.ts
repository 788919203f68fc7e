/**
 * The embedded default: the whole data contract, reads and writes, kept in
 * the browser's IndexedDB. For demos, kiosks and single-computer community
 * offices with no server.
 *
 * The memory engine does the work (filters, paging, validation, claims,
 * idempotency), so this adapter answers exactly as the others do; this file
 * only loads the engine from IndexedDB and writes each change back, in one
 * transaction, before the engine makes it visible.
 *
 * Records that change (needs, offers, claims, projects, organizations,
 * remembered write answers) have their own stores; the areas, which the
 * contract cannot change, are kept with the seed marker in 'local-seed'.
 */
import { AdapterError, toAdapterError, type DataAdapter } from '../adapter.js';
import {
  createMemoryAdapter,
  type IdempotencyRecord,
  type MemoryAdapter,
  type MemoryChange,
  type MemoryDataset,
} from '../memory-adapter.js';
import * as v from 'valibot';
import { ActorSchema, type Actor, type Area, type Claim, type Need, type Organization, type Project, type ServiceOffer } from '../model.js';
import { openRenlingDatabase, SEED_KEY } from '../storage/database.js';
import type { RenlingDatabase, StorageState } from '../storage/types.js';

export interface LocalAdapterOptions {
  /** The records to start from when the database is new, e.g. generateDataset({ seed: DEMO_SEED, organizations: 60 }). */
  dataset?: MemoryDataset;
  /** Or a JSON file in the same format, fetched only when the database is new. */
  url?: string | URL;
  /** A database shared with the cache and outbox; by default one is opened by `name`. */
  db?: RenlingDatabase;
  /** Database name when `db` is not given; default 'renling'. */
  name?: string;
  now?: () => Date;
  /** Who performs claim transitions: the signed-in user. */
  actor?: Actor;
  /** Milliseconds each call waits, to show loading states. */
  latency?: number;
}

export interface LocalAdapter extends DataAdapter {
  /** 'memory' means this session's changes will not outlive the tab (see StorageState). */
  readonly storageState: StorageState;
  /** Settles when the records are loaded (seeding first if needed); rejects with an AdapterError if they cannot be. */
  readonly ready: Promise<void>;
  readonly database: RenlingDatabase;
  /** Closes the database if this adapter opened it (every view shares it). */
  close(): void;
  /**
   * A view over the same records, database and write queue whose claim
   * transitions, contact reads and project writes are judged as `actor`: the
   * demo portal acting as community staff, an organization and a resident.
   */
  withActor(actor: Actor): LocalAdapter;
}

/** What 'local-seed' holds under SEED_KEY: the marker and the areas, which nothing changes. */
interface SeedRecord {
  source: string;
  seededAt: string;
  areas: Area[];
}

const STORE_OF: Record<MemoryChange['store'], string> = {
  needs: 'local-needs',
  offers: 'local-offers',
  claims: 'local-claims',
  projects: 'local-projects',
  organizations: 'local-organizations',
  idempotency: 'local-idempotency',
};
const RECORD_STORES = [
  'local-needs',
  'local-offers',
  'local-claims',
  'local-projects',
  'local-organizations',
  'local-idempotency',
] as const;

function isDataset(value: unknown): value is MemoryDataset {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    ['areas', 'organizations', 'offers', 'needs', 'projects'].every((k) => Array.isArray(v[k])) &&
    (v.claims === undefined || Array.isArray(v.claims))
  );
}

async function fetchDataset(url: string | URL): Promise<MemoryDataset> {
  const response = await fetch(url);
  if (!response.ok) {
    const kind = response.status === 404 ? 'not-found' : response.status >= 500 ? 'server' : 'malformed';
    throw new AdapterError(kind, `The seed data at ${String(url)} could not be loaded (${response.status}).`, {
      status: response.status,
    });
  }
  const body: unknown = await response.json();
  if (!isDataset(body)) throw new AdapterError('malformed', `The seed data at ${String(url)} is not a dataset.`);
  return body;
}

/** Storage failures reach the caller as AdapterErrors; nothing was written or shown, so a retry is safe. */
const storageError = (error: unknown): AdapterError =>
  error instanceof AdapterError
    ? error
    : new AdapterError('server', `Local storage failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });

export function createLocalAdapter(options: LocalAdapterOptions = {}): LocalAdapter {
  const ownsDb = options.db === undefined;
  const db = options.db ?? openRenlingDatabase(options.name === undefined ? {} : { name: options.name });
  let loading: Promise<MemoryAdapter> | null = null;

  /** Writes the seed and the marker in one transaction, so a half seed is never taken for a whole one. */
  async function seed(): Promise<{ record: SeedRecord; dataset: MemoryDataset }> {
    if (!options.dataset && options.url === undefined) {
      // nothing to seed from: start empty, unmarked, so a later seed can still come
      const empty: SeedRecord = { source: 'empty', seededAt: '', areas: [] };
      return { record: empty, dataset: { areas: [], organizations: [], offers: [], needs: [], projects: [], claims: [] } };
    }
    const dataset = options.dataset ?? (await fetchDataset(options.url!));
    const record: SeedRecord = {
      source: options.dataset ? 'dataset' : String(options.url),
      seededAt: (options.now?.() ?? new Date()).toISOString(),
      areas: dataset.areas,
    };
    await db.transaction([...RECORD_STORES, 'local-seed'], 'readwrite', async (tx) => {
      const puts: Promise<unknown>[] = [];
      for (const need of dataset.needs) puts.push(tx.store<Need>('local-needs').put(need));
      for (const offer of dataset.offers) puts.push(tx.store<ServiceOffer>('local-offers').put(offer));
      for (const claim of dataset.claims ?? []) puts.push(tx.store<Claim>('local-claims').put(claim));
      for (const project of dataset.projects) puts.push(tx.store<Project>('local-projects').put(project));
      for (const organization of dataset.organizations) puts.push(tx.store<Organization>('local-organizations').put(organization));
      puts.push(tx.store<SeedRecord>('local-seed').put(record, SEED_KEY));
      await Promise.all(puts);
    });
    return { record, dataset };
  }

  async function load(): Promise<MemoryAdapter> {
    let seeded = await db.store<SeedRecord>('local-seed').get(SEED_KEY);
    if (!seeded) seeded = (await seed()).record;
    // read everything in one transaction: one consistent picture, even with another tab writing
    const [needs, offers, claims, projects, organizations, idempotency] = await db.transaction([...RECORD_STORES], 'readonly', (tx) =>
      Promise.all([
        tx.store<Need>('local-needs').getAll(),
        tx.store<ServiceOffer>('local-offers').getAll(),
        tx.store<Claim>('local-claims').getAll(),
        tx.store<Project>('local-projects').getAll(),
        tx.store<Organization>('local-organizations').getAll(),
        tx.store<IdempotencyRecord>('local-idempotency').getAll(),
      ]),
    );
    const dataset: MemoryDataset = { areas: seeded.areas, organizations, projects, needs, offers, claims };
    return createMemoryAdapter(dataset, {
      idempotency,
      ...(options.now ? { now: options.now } : {}),
      ...(options.actor ? { actor: options.actor } : {}),
      ...(options.latency !== undefined ? { latency: options.latency } : {}),
      // one transaction per write: the need's status and its claim are stored together or not at all
      persist: async (changes) => {
        try {
          await db.transaction([...new Set(changes.map((c) => STORE_OF[c.store]))], 'readwrite', async (tx) => {
            await Promise.all(changes.map((c) => tx.store(STORE_OF[c.store]).put(c.record)));
          });
        } catch (error) {
          throw storageError(error);
        }
      },
    });
  }

  /** The engine; a failed load (a fetch that did not answer) is tried again on the next call. */
  function engine(): Promise<MemoryAdapter> {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw toAdapterError(error);
    });
    return loading;
  }

  /** The adapter acting as `actor` (the engine's own actor when null). */
  function view(actor: Actor | null): LocalAdapter {
    const via = async <T>(call: (adapter: DataAdapter) => Promise<T>): Promise<T> => {
      const base = await engine();
      return call(actor ? base.withActor(actor) : base);
    };
    return {
      get storageState() {
        return db.state;
      },
      get ready() {
        return engine().then(() => undefined);
      },
      database: db,
      close() {
        if (ownsDb) db.close();
      },
      withActor: (other) => {
        const parsed = v.safeParse(ActorSchema, other);
        if (!parsed.success) throw new TypeError(`withActor: not an actor (${parsed.issues[0].message})`);
        return view(parsed.output);
      },

      listOrganizations: (query) => via((a) => a.listOrganizations(query)),
      getOrganization: (id, opts) => via((a) => a.getOrganization(id, opts)),
      listOffers: (query) => via((a) => a.listOffers(query)),
      getOffer: (id, opts) => via((a) => a.getOffer(id, opts)),
      createOffer: (draft, opts) => via((a) => a.createOffer(draft, opts)),
      listNeeds: (query) => via((a) => a.listNeeds(query)),
      getNeed: (id, opts) => via((a) => a.getNeed(id, opts)),
      getNeedContact: (id, opts) => via((a) => a.getNeedContact(id, opts)),
      createNeed: (draft, opts) => via((a) => a.createNeed(draft, opts)),
      reviewNeed: (id, input, opts) => via((a) => a.reviewNeed(id, input, opts)),
      listProjects: (query) => via((a) => a.listProjects(query)),
      getProject: (id, opts) => via((a) => a.getProject(id, opts)),
      createProject: (draft, opts) => via((a) => a.createProject(draft, opts)),
      listClaims: (query) => via((a) => a.listClaims(query)),
      getClaim: (id, opts) => via((a) => a.getClaim(id, opts)),
      requestClaim: (input, opts) => via((a) => a.requestClaim(input, opts)),
      acceptClaim: (id, input, opts) => via((a) => a.acceptClaim(id, input, opts)),
      declineClaim: (id, input, opts) => via((a) => a.declineClaim(id, input, opts)),
      withdrawClaim: (id, input, opts) => via((a) => a.withdrawClaim(id, input, opts)),
      startClaim: (id, input, opts) => via((a) => a.startClaim(id, input, opts)),
      completeClaim: (id, input, opts) => via((a) => a.completeClaim(id, input, opts)),
      rateClaim: (id, input, opts) => via((a) => a.rateClaim(id, input, opts)),
      listAreas: (opts) => via((a) => a.listAreas(opts)),
      getArea: (code, opts) => via((a) => a.getArea(code, opts)),
    };
  }

  return view(null);
}
