/**
 * The whole data contract over records held in memory. It is the engine
 * behind the demo portal, the stories, the msw handlers (which put HTTP in
 * front of it) and the local IndexedDB adapter (which persists its changes),
 * so every one of them filters, pages, validates and claims the same way.
 *
 * It behaves like a remote adapter: asynchronous, abortable, paged, with
 * optional latency, validation errors with field paths, and idempotent writes.
 * Claim transitions, contact reads and project writes are judged as the
 * engine's actor; `withActor` gives a view over the same records that acts as
 * someone else, the way a server judges each request by its session.
 */
import * as v from 'valibot';
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
  type ProjectQuery,
  type RequestOptions,
  type WriteOptions,
} from './adapter.js';
import { isWithinArea } from './areas.js';
import { createClaim, transitionClaim, type ClaimEvent } from './claims.js';
import { toPublicNeed } from './privacy.js';
import { validateWith, validationMessage, type FieldError, type ValidationCode } from './validation.js';
import {
  ActorSchema,
  canReviewNeed,
  capacityLeft,
  meanRating,
  NeedDraftSchema,
  NeedReviewSchema,
  needStatusAfter,
  OfferDraftSchema,
  PROJECT_CLAIM_STATES,
  ProjectDraftSchema,
  projectFigures,
  type Actor,
  type Area,
  type Claim,
  type ClaimEventType,
  type ClaimState,
  type Need,
  type NeedPrivateView,
  type Organization,
  type Project,
  type PublicNeed,
  type ServiceOffer,
} from './model.js';
import { deepFreeze } from './freeze.js';
import { inCategory, matchesText, needMatches, oneOf, paginate } from './list-query.js';

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
  | { store: 'projects'; record: Project }
  | { store: 'organizations'; record: Organization }
  | { store: 'idempotency'; record: IdempotencyRecord };

/** The engine's adapter: the contract, and views of the same records acting as someone else. */
export interface MemoryAdapter extends DataAdapter {
  /** Who this view acts as. */
  readonly actor: Actor;
  /**
   * A view over the same records, remembered answers, persistence and write
   * queue whose claim transitions, contact reads and project writes are
   * judged as `actor`. Not part of DataAdapter: a REST client cannot choose
   * who it is; the server's session decides.
   */
  withActor(actor: Actor): MemoryAdapter;
}

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
  /**
   * Freeze the records once and hand them out as they are, instead of a copy on each read. For
   * a large dataset nothing changes in place (a static file): copies of a city's 35,000
   * organizations and 100,000 offers for a page that lists them all took 40 % of the page's
   * memory, and its garbage collections grew with it. A caller changing a record it read gets a
   * TypeError instead of changing the adapter's. The dataset handed in is frozen in place.
   */
  frozen?: boolean;
}

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
  if (code === 'forbidden-actor') return new AdapterError('forbidden', message, { status: 403 });
  if (code === 'illegal-transition') return new AdapterError('conflict', message, { status: 409 });
  return new AdapterError('validation', message, { status: 422 });
}

const fieldError = (path: string, code: ValidationCode): FieldError => ({ path, code, message: validationMessage(code, 'zh-CN') });

const isStaffOrAdmin = (actor: Actor): boolean => actor.role === 'staff' || actor.role === 'admin';

/** While its claim is accepted or in progress, an organization may read the need's contact; the reference server's rule. */
export const CONTACT_CLAIM_STATES: readonly ClaimState[] = ['accepted', 'in-progress'];

export function createMemoryAdapter(data: MemoryDataset, options: MemoryAdapterOptions = {}): MemoryAdapter {
  const latency = options.latency ?? 0;
  const now = options.now ?? (() => new Date());
  const frozen = options.frozen ?? false;
  if (frozen) for (const list of Object.values(data)) if (Array.isArray(list)) deepFreeze(list);
  const organizations = new Map(data.organizations.map((r) => [r.id, r]));
  const offers = new Map(data.offers.map((r) => [r.id, r]));
  const needs = new Map(data.needs.map((r) => [r.id, r]));
  const projects = new Map(data.projects.map((r) => [r.id, r]));
  const claims = new Map((data.claims ?? []).map((r) => [r.id, r]));
  const areas = new Map(data.areas.map((a) => [a.code, a]));
  const remembered = new Map((options.idempotency ?? []).map((r) => [r.key, r]));
  // writes run one at a time, as a database transaction would, so concurrent
  // retries of one key cannot both create a record; every view shares this queue
  let writeQueue: Promise<unknown> = Promise.resolve();

  async function read<T>(signal: AbortSignal | undefined, produce: () => T): Promise<T> {
    await wait(latency, signal);
    return frozen ? produce() : structuredClone(produce());
  }

  /** Writes applied so far: a list filtered before one is stale. */
  let changed = 0;
  const lastFiltered = new Map<string, { key: string; changed: number; list: readonly unknown[] }>();
  /**
   * The records of `kind` that `query` asks for, filtered once for all its pages: a page of 200
   * filtered every record again, and reading a city's 100,000 offers so took 500 passes over them.
   */
  function filtered<T>(kind: string, query: ListQuery & { signal?: AbortSignal }, produce: () => T[]): readonly T[] {
    const { cursor: _cursor, limit: _limit, signal: _signal, ...asked } = query;
    const key = fingerprint(asked);
    const last = lastFiltered.get(kind);
    if (last?.key === key && last.changed === changed) return last.list as readonly T[];
    const list = produce();
    // what the list made (a need's public part) is handed out as it is too
    if (frozen) deepFreeze(list);
    lastFiltered.set(kind, { key, changed, list });
    return list;
  }

  function one<T>(map: Map<string, T>, id: string, what: string): T {
    const found = map.get(id);
    if (!found) throw new AdapterError('not-found', `${what} ${id} was not found.`, { status: 404 });
    return found;
  }

  function apply(change: MemoryChange): void {
    if (frozen) deepFreeze(change.record);
    changed++;
    switch (change.store) {
      case 'needs':
        needs.set(change.record.id, change.record);
        break;
      case 'offers':
        offers.set(change.record.id, change.record);
        break;
      case 'claims':
        claims.set(change.record.id, change.record);
        break;
      case 'projects':
        projects.set(change.record.id, change.record);
        break;
      case 'organizations':
        organizations.set(change.record.id, change.record);
        break;
      case 'idempotency':
        remembered.set(change.record.key, change.record);
        break;
    }
  }

  /**
   * One write under its idempotency key. `args` is what makes two requests
   * the same request: for writes judged by who acts, it includes the actor,
   * as a server's key includes the session.
   */
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
      for (const change of changes) apply(change);
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

  /** The projects that group `claim`, with their figures worked out again from their claims. */
  function projectsFollowing(claim: Claim, at: string): Project[] {
    const changed: Project[] = [];
    for (const project of projects.values()) {
      if (!project.claimIds.includes(claim.id)) continue;
      const own = project.claimIds.map((id) => (id === claim.id ? claim : claims.get(id))).filter((c): c is Claim => c !== undefined);
      const figures = projectFigures(project, own);
      const next = { ...project, ...figures };
      if (fingerprint(next) !== fingerprint(project)) changed.push({ ...next, updatedAt: at });
    }
    return changed;
  }

  /** The organization's satisfaction: the mean of its rated claims' scores, `claim` as it now is. */
  function organizationFollowing(claim: Claim, at: string): Organization | null {
    const organization = organizations.get(claim.organizationId);
    if (!organization) return null;
    const scores: number[] = [];
    for (const c of claims.values()) if (c.id !== claim.id && c.organizationId === claim.organizationId && c.rating) scores.push(c.rating.score);
    if (claim.rating) scores.push(claim.rating.score);
    const satisfaction = meanRating(scores);
    if (satisfaction === null || satisfaction === organization.satisfaction) return null;
    return { ...organization, satisfaction, updatedAt: at };
  }

  function transition(
    actor: Actor,
    id: string,
    type: ClaimEventType,
    extra: { reason?: string; beneficiaries?: number; rating?: { score: number; comment: string } },
    opts: WriteOptions,
  ): Promise<Claim> {
    return write(`claim.${type}`, [id, extra, actor], opts, (changes) => {
      const claim = one(claims, id, 'Claim');
      const at = now().toISOString();
      const event = { type, id: opts.idempotencyKey, by: actor, at, ...extra } as ClaimEvent;
      const result = transitionClaim(claim, event);
      if (!result.ok) throw claimErrorToAdapterError(result.error.code, result.error.message);
      // an event already in the history (its key forgotten): nothing moves again
      if (!result.changed) return claim;
      const next = result.claim;
      // a place of the offer is taken on accept, whichever direction names the offer,
      // and given back when the claim is withdrawn before the work is done
      if (next.offerId && (type === 'accept' || (type === 'withdraw' && (claim.state === 'accepted' || claim.state === 'in-progress')))) {
        const offer = one(offers, next.offerId, 'Offer');
        if (type === 'accept' && capacityLeft(offer) === 0)
          throw new AdapterError('conflict', 'The offer has no places left.', { status: 409 });
        const used = type === 'accept' ? offer.capacity.used + 1 : Math.max(0, offer.capacity.used - 1);
        changes.push({ store: 'offers', record: { ...offer, capacity: { ...offer.capacity, used }, updatedAt: at } });
      }
      // the need follows the claims that answer it, whichever direction they came from,
      // and is listed again when the last one holding it ends without the work
      const need = next.needId ? needs.get(next.needId) : undefined;
      if (need) {
        const claimsOfNeed = [...claims.values()].filter((c) => c.needId === need.id && c.id !== next.id).concat(next);
        const status = needStatusAfter(need.status, { from: claim.state, to: next.state }, claimsOfNeed);
        if (status !== need.status) changes.push({ store: 'needs', record: { ...need, status, updatedAt: at } });
      }
      changes.push({ store: 'claims', record: next });
      for (const project of projectsFollowing(next, at)) changes.push({ store: 'projects', record: project });
      if (type === 'rate') {
        const organization = organizationFollowing(next, at);
        if (organization) changes.push({ store: 'organizations', record: organization });
      }
      return next;
    });
  }

  function needContact(actor: Actor, need: Need): NeedPrivateView {
    const allowed =
      isStaffOrAdmin(actor) ||
      (actor.role === 'organization' &&
        [...claims.values()].some(
          (c) => c.needId === need.id && c.organizationId === actor.id && CONTACT_CLAIM_STATES.includes(c.state),
        ));
    if (!allowed)
      throw new AdapterError(
        'forbidden',
        "A resident's contact is shown only to staff and to the organization whose claim is accepted or in progress.",
        { status: 403 },
      );
    return {
      needId: need.id,
      trackingNumber: need.trackingNumber,
      areaCode: need.areaCode,
      contact: need.contact,
      ...(need.health ? { health: need.health } : {}),
      minor: need.minor,
      original: { title: need.title, description: need.description, preferredTime: need.preferredTime },
    };
  }

  /** Checks that a project's claims and needs exist and fit; every problem becomes a field error. */
  function projectProblems(project: { organizationId: string; claimIds: string[]; needIds: string[] }): FieldError[] {
    const problems: FieldError[] = [];
    if (!organizations.has(project.organizationId)) problems.push(fieldError('organizationId', 'format'));
    const grouped = new Set([...projects.values()].flatMap((p) => p.claimIds));
    project.claimIds.forEach((claimId, i) => {
      const claim = claims.get(claimId);
      // a claim not accepted yet, or another organization's, cannot be grouped here
      if (!claim || !PROJECT_CLAIM_STATES.includes(claim.state) || claim.organizationId !== project.organizationId)
        problems.push(fieldError(`claimIds.${i}`, 'enum'));
      // counted in one project only, or the street's totals would count it twice
      else if (grouped.has(claimId)) problems.push(fieldError(`claimIds.${i}`, 'duplicate'));
    });
    project.needIds.forEach((needId, i) => {
      if (!needs.has(needId)) problems.push(fieldError(`needIds.${i}`, 'enum'));
    });
    return problems;
  }

  const sortedById = <T extends { id: string }>(map: Map<string, T>): T[] =>
    [...map.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  function view(actor: Actor): MemoryAdapter {
    const adapter: MemoryAdapter = {
      actor,
      withActor: (other) => {
        const parsed = v.safeParse(ActorSchema, other);
        if (!parsed.success) throw new TypeError(`withActor: not an actor (${parsed.issues[0].message})`);
        return view(parsed.output);
      },

      listOrganizations: (q: OrganizationQuery = {}) =>
        read(q.signal, () =>
          paginate(
            filtered('organizations', q, () =>
              [...organizations.values()].filter(
                (o) =>
                  oneOf(o.type, q.type) &&
                  oneOf(o.registration.status, q.registration) &&
                  (!q.rating?.length || (o.rating !== null && q.rating.includes(o.rating))) &&
                  (!q.areaCode || o.serviceAreaCodes.some((c) => isWithinArea(c, q.areaCode!) || isWithinArea(q.areaCode!, c))) &&
                  (!q.categoryCode || o.categoryCodes.some((c) => inCategory(c, q.categoryCode))) &&
                  matchesText(q.q, o.name, o.description, o.tags),
              ),
            ),
            q,
          ),
        ),
      getOrganization: (id, opts?: RequestOptions) => read(opts?.signal, () => one(organizations, id, 'Organization')),

      listOffers: (q: OfferQuery = {}) =>
        read(q.signal, () =>
          paginate(
            filtered('offers', q, () =>
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
              fieldErrors: [fieldError('organizationId', 'format')],
              status: 422,
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
            filtered('needs', q, () =>
              sortedById(needs)
                .filter((n) => needMatches(n, q))
                .map(toPublicNeed),
            ),
            q,
          ),
        ),
      getNeed: (id, opts) => read(opts?.signal, (): PublicNeed => toPublicNeed(one(needs, id, 'Need'))),
      getNeedContact: (needId, opts) => read(opts?.signal, () => needContact(actor, one(needs, needId, 'Need'))),
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
      reviewNeed: (id, input, opts) =>
        write('need.review', [id, input, actor], opts, (changes): PublicNeed => {
          // the reference server's rule: staff of the area and the street's administrators review needs
          if (!isStaffOrAdmin(actor))
            throw new AdapterError('forbidden', 'Needs are reviewed by community staff and street administrators.', { status: 403 });
          const review = validated(NeedReviewSchema, input);
          const need = one(needs, id, 'Need');
          if (!canReviewNeed(need.status, review.status))
            throw new AdapterError('conflict', `A need that is ${need.status} cannot become ${review.status}.`, { status: 409 });
          const reviewed: Need = { ...need, status: review.status, updatedAt: now().toISOString() };
          changes.push({ store: 'needs', record: reviewed });
          return toPublicNeed(reviewed);
        }),

      listProjects: (q: ProjectQuery = {}) =>
        read(q.signal, () =>
          paginate(
            filtered('projects', q, () =>
              [...projects.values()].filter(
                (p) =>
                  (!q.organizationId || p.organizationId === q.organizationId) &&
                  inCategory(p.categoryCode, q.categoryCode) &&
                  (!q.areaCode || isWithinArea(p.areaCode, q.areaCode)) &&
                  oneOf(p.status, q.status) &&
                  matchesText(q.q, p.title, p.summary),
              ),
            ),
            q,
          ),
        ),
      getProject: (id, opts) => read(opts?.signal, () => one(projects, id, 'Project')),
      createProject: (draft, opts) =>
        write('project.create', [draft, actor], opts, (changes) => {
          if (!isStaffOrAdmin(actor))
            throw new AdapterError('forbidden', 'Projects are recorded by community staff and street administrators.', { status: 403 });
          const value = validated(ProjectDraftSchema, draft);
          const problems = projectProblems(value);
          if (problems.length)
            throw new AdapterError('validation', 'The project names claims or needs it cannot group.', { fieldErrors: problems, status: 422 });
          const grouped = value.claimIds.map((claimId) => one(claims, claimId, 'Claim'));
          const needIds = [...new Set([...value.needIds, ...grouped.flatMap((c) => (c.needId === null ? [] : [c.needId]))])];
          const base: Project = {
            ...value,
            needIds,
            id: `proj-${shortHash(opts.idempotencyKey, 12)}`,
            // what the claims have done so far, not what the draft says
            status: value.status === 'suspended' ? 'suspended' : 'planned',
            updatedAt: now().toISOString(),
          };
          const project: Project = grouped.length ? { ...base, ...projectFigures(base, grouped) } : { ...base, status: value.status };
          changes.push({ store: 'projects', record: project });
          return project;
        }),

      listClaims: (q: ClaimQuery = {}) =>
        read(q.signal, () =>
          paginate(
            filtered('claims', q, () =>
              sortedById(claims).filter(
                (c) =>
                  (!q.needId || c.needId === q.needId) &&
                  (!q.offerId || c.offerId === q.offerId) &&
                  (!q.organizationId || c.organizationId === q.organizationId) &&
                  oneOf(c.state, q.state),
              ),
            ),
            q,
          ),
        ),
      getClaim: (id, opts) => read(opts?.signal, () => one(claims, id, 'Claim')),
      requestClaim: (input: ClaimRequestInput, opts) =>
        write('claim.request', [input, actor], opts, (changes) => {
          // who may ask for which direction: the reference server's rule
          if (input.direction === 'need-claim') {
            if (actor.role === 'resident') throw new AdapterError('forbidden', 'Residents book offers; organizations claim needs.', { status: 403 });
            if (actor.role === 'organization' && actor.id !== input.organizationId)
              throw new AdapterError('forbidden', 'An organization claims needs only for itself.', { status: 403 });
          } else if (input.direction === 'offer-booking' && actor.role === 'organization') {
            throw new AdapterError('forbidden', 'Organizations claim needs; residents and staff book offers.', { status: 403 });
          }
          const offer = input.offerId ? one(offers, input.offerId, 'Offer') : null;
          if (input.needId) one(needs, input.needId, 'Need');
          if (typeof input.organizationId === 'string' && !organizations.has(input.organizationId))
            throw new AdapterError('validation', 'Unknown organization.', { fieldErrors: [fieldError('organizationId', 'format')], status: 422 });
          if (offer && offer.organizationId !== input.organizationId)
            throw new AdapterError('validation', 'The offer belongs to another organization.', {
              fieldErrors: [fieldError('organizationId', 'format')],
              status: 422,
            });
          let claim: Claim;
          try {
            claim = createClaim({
              id: `claim-${shortHash(opts.idempotencyKey, 12)}`,
              direction: input.direction,
              needId: input.needId,
              offerId: input.offerId,
              organizationId: input.organizationId,
              // staff enter claims for someone; anyone else asks for themselves
              requestedBy: actor.role === 'resident' || actor.role === 'organization' ? actor : input.requestedBy,
              at: now().toISOString(),
            });
          } catch (error) {
            throw new AdapterError('validation', error instanceof Error ? error.message : String(error), { status: 422 });
          }
          changes.push({ store: 'claims', record: claim });
          return claim;
        }),
      acceptClaim: (id, input, opts) => transition(actor, id, 'accept', input, opts),
      declineClaim: (id, input, opts) => transition(actor, id, 'decline', input, opts),
      withdrawClaim: (id, input, opts) => transition(actor, id, 'withdraw', input, opts),
      startClaim: (id, input, opts) => transition(actor, id, 'start', input, opts),
      completeClaim: (id, input, opts) => transition(actor, id, 'complete', input, opts),
      rateClaim: (id, input, opts) => transition(actor, id, 'rate', { rating: input }, opts),

      listAreas: (opts) => read(opts?.signal, () => [...areas.values()]),
      getArea: (code, opts) => read(opts?.signal, () => one(areas, code, 'Area')),
    };
    return adapter;
  }

  return view(options.actor ?? DEFAULT_ACTOR);
}
