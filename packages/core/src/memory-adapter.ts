/**
 * The whole data contract over records held in memory. It is the engine
 * behind the demo portal, the stories, the msw handlers (which put HTTP in
 * front of it) and the local IndexedDB adapter (which persists its changes),
 * so every one of them filters, pages, validates and claims the same way.
 *
 * It behaves like a remote adapter: asynchronous, abortable, paged, with
 * optional latency, validation errors with field paths, and idempotent writes.
 */
import type * as v from 'valibot';
import {
  AdapterError,
  type ClaimQuery,
  type ClaimRequestInput,
  type DataAdapter,
  type ListQuery,
  type NeedQuery,
  type NeedReceipt,
  type OfferQuery,
  type OrganizationQuery,
  type Page,
  type ProjectQuery,
  type RequestOptions,
  type WriteOptions,
} from './adapter.js';
import { isWithinArea } from './areas.js';
import { createClaim, transitionClaim, type ClaimEvent } from './claims.js';
import { toPublicNeed } from './privacy.js';
import { topLevelCode } from './taxonomy.js';
import { validateWith } from './validation.js';
import {
  capacityLeft,
  NeedDraftSchema,
  OfferDraftSchema,
  type Actor,
  type Area,
  type Claim,
  type ClaimEventType,
  type Need,
  type Organization,
  type Project,
  type PublicNeed,
  type ServiceOffer,
} from './model.js';

export interface MemoryDataset {
  areas: Area[];
  organizations: Organization[];
  offers: ServiceOffer[];
  needs: Need[];
  projects: Project[];
  claims?: Claim[];
}

/** A remembered answer to a write, so a retry with the same key gets the same answer. */
export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  result: unknown;
}

/** One durable change, for adapters that persist what the engine does. */
export type MemoryChange =
  | { store: 'needs'; record: Need }
  | { store: 'offers'; record: ServiceOffer }
  | { store: 'claims'; record: Claim }
  | { store: 'idempotency'; record: IdempotencyRecord };

export interface MemoryAdapterOptions {
  /** Milliseconds each call waits, to show loading states. */
  latency?: number;
  /** Who performs claim transitions (accept, start, …): the signed-in user. Defaults to community staff. */
  actor?: Actor;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Remembered write answers, e.g. loaded from storage. */
  idempotency?: IdempotencyRecord[];
  /** Called with each change before the write resolves; a rejection fails the write. */
  persist?: (changes: MemoryChange[]) => Promise<void> | void;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const DEFAULT_ACTOR: Actor = { role: 'staff', id: 'local-staff' };

function aborted(): AdapterError {
  return new AdapterError('aborted', 'The request was cancelled.');
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(aborted());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Case-, width- and script-insensitive enough for a demo directory's free-text filter. */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

function matchesText(q: string | undefined, ...fields: (string | readonly string[])[]): boolean {
  if (!q?.trim()) return true;
  const haystack = fold(fields.flat().join('\n'));
  return fold(q)
    .split(/\s+/u)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

const inCategory = (code: string, wanted: string | undefined): boolean =>
  !wanted || code === wanted || topLevelCode(code) === wanted;

const oneOf = <T>(value: T, wanted: readonly T[] | undefined): boolean => !wanted?.length || wanted.includes(value);

function paginate<T>(all: readonly T[], query: ListQuery = {}): Page<T> {
  const start = query.cursor ? Number.parseInt(query.cursor, 10) : 0;
  if (!Number.isInteger(start) || start < 0) {
    throw new AdapterError('validation', 'The paging cursor is not valid.', {
      fieldErrors: [{ path: 'cursor', code: 'format', message: 'cursor' }],
    });
  }
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT, 1), MAX_LIMIT);
  const items = all.slice(start, start + limit);
  const end = start + items.length;
  return { items, nextCursor: end < all.length ? String(end) : null, total: all.length };
}

/** Stable text for "is this the same request?": key order does not matter. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** A short code from a string, for readable ids and tracking numbers. */
function shortHash(text: string, length: number): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  let out = '';
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  while (out.length < length) {
    out += alphabet[h % alphabet.length] ?? '0';
    h = Math.floor(h / alphabet.length) || Math.imul(h + out.length, 2654435761) >>> 0;
  }
  return out;
}

function claimErrorToAdapterError(code: string, message: string): AdapterError {
  if (code === 'forbidden-actor') return new AdapterError('forbidden', message);
  if (code === 'illegal-transition') return new AdapterError('conflict', message);
  return new AdapterError('validation', message);
}

export function createMemoryAdapter(data: MemoryDataset, options: MemoryAdapterOptions = {}): DataAdapter {
  const latency = options.latency ?? 0;
  const actor = options.actor ?? DEFAULT_ACTOR;
  const now = options.now ?? (() => new Date());
  const organizations = new Map(data.organizations.map((r) => [r.id, r]));
  const offers = new Map(data.offers.map((r) => [r.id, r]));
  const needs = new Map(data.needs.map((r) => [r.id, r]));
  const projects = new Map(data.projects.map((r) => [r.id, r]));
  const claims = new Map((data.claims ?? []).map((r) => [r.id, r]));
  const areas = new Map(data.areas.map((a) => [a.code, a]));
  const remembered = new Map((options.idempotency ?? []).map((r) => [r.key, r]));
  // writes run one at a time, as a database transaction would, so concurrent
  // retries of one key cannot both create a record
  let writeQueue: Promise<unknown> = Promise.resolve();

  async function read<T>(signal: AbortSignal | undefined, produce: () => T): Promise<T> {
    await wait(latency, signal);
    return structuredClone(produce());
  }

  function one<T>(map: Map<string, T>, id: string, what: string): T {
    const found = map.get(id);
    if (!found) throw new AdapterError('not-found', `${what} ${id} was not found.`, { status: 404 });
    return found;
  }

  function write<T>(
    operation: string,
    args: unknown,
    opts: WriteOptions,
    perform: (changes: MemoryChange[]) => T,
  ): Promise<T> {
    const run = async (): Promise<T> => {
      await wait(latency, opts.signal);
      if (!opts.idempotencyKey) throw new AdapterError('validation', 'Every write needs an idempotency key.');
      const print = fingerprint([operation, args]);
      const previous = remembered.get(opts.idempotencyKey);
      if (previous) {
        if (previous.fingerprint !== print)
          throw new AdapterError('conflict', 'This idempotency key was already used for a different request.', {
            status: 422,
          });
        return structuredClone(previous.result) as T;
      }
      const changes: MemoryChange[] = [];
      const result = perform(changes);
      const record: IdempotencyRecord = { key: opts.idempotencyKey, fingerprint: print, result: structuredClone(result) };
      changes.push({ store: 'idempotency', record });
      // durable first, then visible: a failed persist leaves nothing half-written
      await options.persist?.(changes);
      for (const change of changes) {
        if (change.store === 'needs') needs.set(change.record.id, change.record);
        else if (change.store === 'offers') offers.set(change.record.id, change.record);
        else if (change.store === 'claims') claims.set(change.record.id, change.record);
        else remembered.set(change.record.key, change.record);
      }
      return structuredClone(result);
    };
    const next = writeQueue.then(run, run);
    writeQueue = next.catch(() => undefined);
    return next;
  }

  function validated<T>(schema: v.GenericSchema<unknown, T>, input: unknown): T {
    const result = validateWith(schema, input);
    if (!result.ok)
      throw new AdapterError('validation', 'The submission has invalid fields.', { fieldErrors: result.errors, status: 422 });
    return result.value;
  }

  function transition(
    id: string,
    type: ClaimEventType,
    extra: { reason?: string; beneficiaries?: number; rating?: { score: number; comment: string } },
    opts: WriteOptions,
  ): Promise<Claim> {
    return write(`claim.${type}`, [id, extra], opts, (changes) => {
      const claim = one(claims, id, 'Claim');
      const at = now().toISOString();
      const event = { type, id: opts.idempotencyKey, by: actor, at, ...extra } as ClaimEvent;
      const result = transitionClaim(claim, event);
      if (!result.ok) throw claimErrorToAdapterError(result.error.code, result.error.message);
      const next = result.claim;
      // the lists follow their claims: a booked place is taken, a claimed need is claimed
      if (type === 'accept' && next.offerId && next.direction === 'offer-booking') {
        const offer = one(offers, next.offerId, 'Offer');
        if (capacityLeft(offer) === 0) throw new AdapterError('conflict', 'The offer has no places left.', { status: 409 });
        changes.push({
          store: 'offers',
          record: { ...offer, capacity: { ...offer.capacity, used: offer.capacity.used + 1 }, updatedAt: at },
        });
      }
      if (next.needId && next.direction === 'need-claim') {
        const status = type === 'accept' ? 'claimed' : type === 'start' ? 'in-progress' : type === 'complete' ? 'completed' : null;
        const need = needs.get(next.needId);
        if (status && need) changes.push({ store: 'needs', record: { ...need, status, updatedAt: at } });
      }
      changes.push({ store: 'claims', record: next });
      return next;
    });
  }

  const sortedById = <T extends { id: string }>(map: Map<string, T>): T[] =>
    [...map.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const adapter: DataAdapter = {
    listOrganizations: (q: OrganizationQuery = {}) =>
      read(q.signal, () =>
        paginate(
          [...organizations.values()].filter(
            (o) =>
              oneOf(o.type, q.type) &&
              oneOf(o.registration.status, q.registration) &&
              (!q.rating?.length || (o.rating !== null && q.rating.includes(o.rating))) &&
              (!q.areaCode || o.serviceAreaCodes.some((c) => isWithinArea(c, q.areaCode!) || isWithinArea(q.areaCode!, c))) &&
              (!q.categoryCode || o.categoryCodes.some((c) => inCategory(c, q.categoryCode))) &&
              matchesText(q.q, o.name, o.description, o.tags),
          ),
          q,
        ),
      ),
    getOrganization: (id, opts?: RequestOptions) => read(opts?.signal, () => one(organizations, id, 'Organization')),

    listOffers: (q: OfferQuery = {}) =>
      read(q.signal, () =>
        paginate(
          [...offers.values()].filter(
            (o) =>
              (!q.organizationId || o.organizationId === q.organizationId) &&
              inCategory(o.categoryCode, q.categoryCode) &&
              (!q.areaCode || o.serviceAreaCodes.some((c) => isWithinArea(q.areaCode!, c) || isWithinArea(c, q.areaCode!))) &&
              (!q.audience?.length || o.audiences.some((a) => q.audience!.includes(a))) &&
              oneOf(o.status, q.status) &&
              (!q.hasCapacity || capacityLeft(o) > 0) &&
              matchesText(q.q, o.title, o.description),
          ),
          q,
        ),
      ),
    getOffer: (id, opts) => read(opts?.signal, () => one(offers, id, 'Offer')),
    createOffer: (draft, opts) =>
      write('offer.create', draft, opts, (changes) => {
        const value = validated(OfferDraftSchema, draft);
        if (!organizations.has(value.organizationId))
          throw new AdapterError('validation', 'Unknown organization.', {
            fieldErrors: [{ path: 'organizationId', code: 'format', message: 'organizationId' }],
          });
        const offer: ServiceOffer = {
          ...value,
          id: `off-${shortHash(opts.idempotencyKey, 10)}`,
          updatedAt: now().toISOString(),
        };
        changes.push({ store: 'offers', record: offer });
        return offer;
      }),

    listNeeds: (q: NeedQuery = {}) =>
      read(q.signal, () =>
        paginate(
          sortedById(needs)
            .filter(
              (n) =>
                inCategory(n.categoryCode, q.categoryCode) &&
                (!q.areaCode || isWithinArea(n.areaCode, q.areaCode)) &&
                oneOf(n.urgency, q.urgency) &&
                oneOf(n.status, q.status) &&
                matchesText(q.q, n.title, n.description),
            )
            .map(toPublicNeed),
          q,
        ),
      ),
    getNeed: (id, opts) => read(opts?.signal, (): PublicNeed => toPublicNeed(one(needs, id, 'Need'))),
    createNeed: (draft, opts) =>
      write('need.create', draft, opts, (changes): NeedReceipt => {
        const value = validated(NeedDraftSchema, draft);
        const at = now();
        const day = at.toISOString().slice(0, 10).replaceAll('-', '');
        const trackingNumber = `RL-${day}-${shortHash(opts.idempotencyKey, 6)}`;
        const need: Need = {
          ...value,
          id: `need-${shortHash(opts.idempotencyKey, 12)}`,
          trackingNumber,
          status: 'submitted',
          createdAt: at.toISOString(),
          updatedAt: at.toISOString(),
        };
        changes.push({ store: 'needs', record: need });
        return { need: toPublicNeed(need), trackingNumber };
      }),

    listProjects: (q: ProjectQuery = {}) =>
      read(q.signal, () =>
        paginate(
          [...projects.values()].filter(
            (p) =>
              (!q.organizationId || p.organizationId === q.organizationId) &&
              inCategory(p.categoryCode, q.categoryCode) &&
              (!q.areaCode || isWithinArea(p.areaCode, q.areaCode)) &&
              oneOf(p.status, q.status) &&
              matchesText(q.q, p.title, p.summary),
          ),
          q,
        ),
      ),
    getProject: (id, opts) => read(opts?.signal, () => one(projects, id, 'Project')),

    listClaims: (q: ClaimQuery = {}) =>
      read(q.signal, () =>
        paginate(
          sortedById(claims).filter(
            (c) =>
              (!q.needId || c.needId === q.needId) &&
              (!q.offerId || c.offerId === q.offerId) &&
              (!q.organizationId || c.organizationId === q.organizationId) &&
              oneOf(c.state, q.state),
          ),
          q,
        ),
      ),
    getClaim: (id, opts) => read(opts?.signal, () => one(claims, id, 'Claim')),
    requestClaim: (input: ClaimRequestInput, opts) =>
      write('claim.request', input, opts, (changes) => {
        if (input.offerId) one(offers, input.offerId, 'Offer');
        if (input.needId) one(needs, input.needId, 'Need');
        let claim: Claim;
        try {
          claim = createClaim({
            id: `claim-${shortHash(opts.idempotencyKey, 12)}`,
            direction: input.direction,
            needId: input.needId,
            offerId: input.offerId,
            organizationId: input.organizationId,
            requestedBy: input.requestedBy,
            at: now().toISOString(),
          });
        } catch (error) {
          throw new AdapterError('validation', error instanceof Error ? error.message : String(error), { status: 422 });
        }
        changes.push({ store: 'claims', record: claim });
        return claim;
      }),
    acceptClaim: (id, input, opts) => transition(id, 'accept', input, opts),
    declineClaim: (id, input, opts) => transition(id, 'decline', input, opts),
    withdrawClaim: (id, input, opts) => transition(id, 'withdraw', input, opts),
    startClaim: (id, input, opts) => transition(id, 'start', input, opts),
    completeClaim: (id, input, opts) => transition(id, 'complete', input, opts),
    rateClaim: (id, input, opts) => transition(id, 'rate', { rating: input }, opts),

    listAreas: (opts) => read(opts?.signal, () => [...areas.values()]),
    getArea: (code, opts) => read(opts?.signal, () => one(areas, code, 'Area')),
  };
  return adapter;
}
