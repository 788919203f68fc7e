/**
 * The writes, each inside the transaction that also stores its idempotent
 * answer. They validate with the core schemas (the code the browser runs),
 * move claims only through the core state machine, and follow the memory
 * engine's side effects: an accepted claim naming an offer takes a place (and
 * gives it back when withdrawn), a need follows the claims that answer it
 * (listed again when the last one ends without the work), projects and the
 * organization's satisfaction follow their claims.
 */
import type * as v from 'valibot';
import {
  AreaSchema,
  canReviewNeed,
  capacityLeft,
  createClaim,
  maskName,
  meanRating,
  NeedDraftSchema,
  NeedReviewSchema,
  needStatusAfter,
  OfferDraftSchema,
  PROJECT_CLAIM_STATES,
  ProjectDraftSchema,
  projectFigures,
  areaLevel,
  parentAreaCode,
  transitionClaim,
  validateWith,
  type Actor,
  type Area,
  type Claim,
  type ClaimAction,
  type ClaimEvent,
  type Need,
  type Organization,
  type Project,
  type PublicNeed,
  type ServiceOffer,
} from '@renling/core';
import { actorOf, Auth, type Principal } from './auth.js';
import type { Queryable } from './db.js';
import { UNIQUE_VIOLATION, sqlState } from './db.js';
import { fieldError, problems } from './errors.js';
import type { StoredAnswer } from './idempotency.js';
import { isStaffOrAdmin, memberOf, requireAccount, requireArea, requireSignedIn } from './policy.js';
import type { JsonObject } from './query.js';
import { claimRow, claimScope, insertRows, insertTogether, needPublic, needRows, offerRow, projectRow, areaRow, type Row } from './store.js';
import { anyOverlap, hashCode } from './util.js';

export interface WriteContext {
  tx: Queryable;
  principal: Principal;
  /** The request's Idempotency-Key: ids are made from it, and a transition's event id is it. */
  key: string;
  now: Date;
  auth: Auth;
}

function validated<T>(schema: v.GenericSchema<unknown, T>, input: unknown): T {
  const result = validateWith(schema, input);
  if (!result.ok) throw problems.validation('The submission has invalid fields.', result.errors);
  return result.value;
}

function accountIdOf(principal: Principal): string | null {
  return principal.kind === 'account' ? principal.account.id : null;
}

interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  at: string;
  eventId?: string | null;
  from?: string | null;
  to?: string | null;
  reason?: string;
  detail?: unknown;
  actor?: Actor | null;
}

/** One audit entry; `actor` defaults to the principal's. */
export async function audit(tx: Queryable, principal: Principal, entry: AuditEntry): Promise<void> {
  await insertRows(tx, 'audit_log', [auditRow(principal, entry)]);
}

function auditRow(principal: Principal, entry: AuditEntry): Row {
  const actor = entry.actor ?? actorOf(principal) ?? { role: 'resident', id: 'anonymous' };
  return {
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    actor_role: actor.role,
    actor_id: actor.id,
    account_id: accountIdOf(principal),
    event_id: entry.eventId ?? null,
    from_state: entry.from ?? null,
    to_state: entry.to ?? null,
    reason: entry.reason ?? '',
    at: entry.at,
    detail: entry.detail ?? null,
  };
}

async function lockDoc<T>(tx: Queryable, table: 'offers' | 'needs' | 'claims' | 'organizations', id: string): Promise<T | null> {
  const row = await tx.query<{ doc: T }>(`select doc from ${table} where id = $1 for update`, [id]);
  return row.rows[0]?.doc ?? null;
}

async function organization(tx: Queryable, id: unknown): Promise<Organization | null> {
  if (typeof id !== 'string') return null;
  const row = await tx.query<{ doc: Organization }>('select doc from organizations where id = $1', [id]);
  return row.rows[0]?.doc ?? null;
}

const organizationAreas = (org: Organization): string[] => [org.areaCode, ...org.serviceAreaCodes];

/** Beijing time's date, for tracking numbers residents read out on the phone. */
const cstDay = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');

// ---------------------------------------------------------------------------
// Needs
// ---------------------------------------------------------------------------

export async function createNeed(ctx: WriteContext, body: JsonObject): Promise<StoredAnswer> {
  const { tx, principal, key, now } = ctx;
  // organizations take needs through claims, not by entering them
  if (memberOf(principal) !== null) throw problems.forbidden('Organizations do not submit needs; claim them.');
  const value = validated(NeedDraftSchema, body);
  if (isStaffOrAdmin(principal)) requireArea(principal, [value.areaCode], 'This need');
  const residentId = principal.kind === 'resident' ? principal.residentId : Auth.newResidentId(`need:${key}`);
  const at = now.toISOString();
  const need: Need = {
    ...value,
    id: `need-${hashCode(`need:${key}`, 16)}`,
    trackingNumber: `RL-${cstDay(now)}-${hashCode(`tracking:${key}`, 8)}`,
    status: 'submitted',
    createdAt: at,
    updatedAt: at,
  };
  const rows = needRows(need, residentId);
  try {
    await insertTogether(tx, [
      ['needs', [rows.need]],
      ['need_private', [rows.private]],
      ['audit_log', [auditRow(principal, { action: 'need.create', subjectType: 'need', subjectId: need.id, at, to: 'submitted' })]],
    ]);
  } catch (error) {
    // the id comes from the key: a key forgotten after 48 hours and used again
    if (sqlState(error) === UNIQUE_VIOLATION) throw problems.keyReused();
    throw error;
  }
  const publicNeed = needPublic(rows.need.doc as PublicNeed);
  return {
    status: 201,
    body: { need: publicNeed, trackingNumber: need.trackingNumber, followToken: ctx.auth.residentToken(residentId) },
  };
}

/** Staff verify, publish or close a need in their areas; the moves are core's NEED_REVIEWS. */
export async function reviewNeed(ctx: WriteContext, id: string, body: JsonObject): Promise<StoredAnswer> {
  const { tx, principal, now } = ctx;
  requireAccount(principal, ['staff', 'admin']);
  const { status: to, reason } = validated(NeedReviewSchema, body);
  const row = await tx.query<{ doc: PublicNeed; area_code: string }>('select doc, area_code from needs where id = $1 for update', [id]);
  const found = row.rows[0];
  if (!found) throw problems.notFound(`Need ${id}`);
  requireArea(principal, [found.area_code], 'This need');
  const from = found.doc.status;
  if (!canReviewNeed(from, to)) throw problems.conflict(`A need that is ${from} cannot become ${to}.`);
  const at = now.toISOString();
  const doc: PublicNeed = { ...found.doc, status: to, updatedAt: at };
  await tx.query('update needs set status = $2, doc = $3::jsonb where id = $1', [id, to, JSON.stringify(doc)]);
  await audit(tx, principal, { action: `need.${to}`, subjectType: 'need', subjectId: id, at, from, to, reason });
  return { status: 200, body: needPublic(doc) };
}

// ---------------------------------------------------------------------------
// Offers
// ---------------------------------------------------------------------------

/** An organization's member for its own organization; staff and admins for organizations in their areas. */
function requireOfferAuthor(principal: Principal, org: Organization): void {
  const member = memberOf(principal);
  if (member !== null) {
    if (member !== org.id) throw problems.forbidden('Organizations publish and edit only their own offers.');
    return;
  }
  requireArea(principal, organizationAreas(org), 'This organization');
}

export async function createOffer(ctx: WriteContext, body: JsonObject): Promise<StoredAnswer> {
  const { tx, principal, key, now } = ctx;
  requireAccount(principal, ['organization', 'staff', 'admin']);
  const value = validated(OfferDraftSchema, body);
  const org = await organization(tx, value.organizationId);
  if (!org) throw problems.validation('Unknown organization.', [fieldError('organizationId', 'format')]);
  requireOfferAuthor(principal, org);
  const offer: ServiceOffer = { ...value, id: `off-${hashCode(`offer:${key}`, 12)}`, updatedAt: now.toISOString() };
  try {
    await insertRows(tx, 'offers', [offerRow(offer)]);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw problems.keyReused();
    throw error;
  }
  await audit(tx, principal, { action: 'offer.create', subjectType: 'offer', subjectId: offer.id, at: offer.updatedAt });
  return { status: 201, body: offer };
}

/** PUT /offers/{id}: the whole draft again. Places taken stay the server's count. */
export async function updateOffer(ctx: Omit<WriteContext, 'key'>, id: string, body: JsonObject): Promise<ServiceOffer> {
  const { tx, principal, now } = ctx;
  requireAccount(principal, ['organization', 'staff', 'admin']);
  const existing = await lockDoc<ServiceOffer>(tx, 'offers', id);
  if (!existing) throw problems.notFound(`Offer ${id}`);
  const org = await organization(tx, existing.organizationId);
  if (!org) throw problems.notFound(`Organization ${existing.organizationId}`);
  requireOfferAuthor(principal, org);
  const value = validated(OfferDraftSchema, body);
  if (value.organizationId !== existing.organizationId)
    throw problems.validation('An offer cannot move to another organization.', [fieldError('organizationId', 'format')]);
  const used = existing.capacity.used;
  if (used > value.capacity.perPeriod)
    throw problems.validation(`${used} places are already taken this period.`, [fieldError('capacity.perPeriod', 'too-small', String(used))]);
  const offer: ServiceOffer = { ...value, capacity: { ...value.capacity, used }, id, updatedAt: now.toISOString() };
  const row = offerRow(offer);
  await tx.query(
    `update offers set category_code = $2, category_top = $3, audiences = $4::text[], service_area_codes = $5::text[],
       service_area_keys = $6::text[], status = $7, capacity_per_period = $8, capacity_used = $9, search_text = $10, doc = $11::jsonb
     where id = $1`,
    [
      id,
      row['category_code'] as string,
      row['category_top'] as string,
      row['audiences'] as string[],
      row['service_area_codes'] as string[],
      row['service_area_keys'] as string[],
      row['status'] as string,
      row['capacity_per_period'] as number,
      row['capacity_used'] as number,
      row['search_text'] as string,
      JSON.stringify(offer),
    ],
  );
  await audit(tx, principal, { action: 'offer.update', subjectType: 'offer', subjectId: id, at: offer.updatedAt });
  return offer;
}

// ---------------------------------------------------------------------------
// Claims
// ---------------------------------------------------------------------------

const optionalName = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? maskName(value).slice(0, 80) : undefined;

/** Who the claim is recorded as requested by: never taken from the body unless staff enter it for someone. */
function requester(principal: Principal, body: JsonObject, key: string): Actor {
  const given = typeof body['requestedBy'] === 'object' && body['requestedBy'] !== null ? (body['requestedBy'] as JsonObject) : {};
  const name = optionalName(given['name']);
  const resident = (id: string): Actor => (name ? { role: 'resident', id, name } : { role: 'resident', id });
  switch (principal.kind) {
    case 'anonymous':
      return resident(Auth.newResidentId(`booking:${key}`));
    case 'resident':
      return resident(principal.residentId);
    case 'account': {
      const actor = actorOf(principal);
      if (!actor) throw problems.unauthorized();
      if (principal.account.role === 'organization') return actor;
      // staff enter claims for a resident (door to door) or an organization (on the phone)
      if (given['role'] === 'resident' && typeof given['id'] === 'string') {
        // names of residents are kept masked in claims, which organizations read
        return name ? { role: 'resident', id: given['id'], name } : { role: 'resident', id: given['id'] };
      }
      if (given['role'] === 'organization' && typeof given['id'] === 'string') {
        const orgName = typeof given['name'] === 'string' && given['name'].trim() ? given['name'].trim().slice(0, 80) : undefined;
        return orgName ? { role: 'organization', id: given['id'], name: orgName } : { role: 'organization', id: given['id'] };
      }
      return actor;
    }
  }
}

export async function requestClaim(ctx: WriteContext, body: JsonObject): Promise<StoredAnswer> {
  const { tx, principal, key, now } = ctx;
  const direction = body['direction'];
  const needId = body['needId'] ?? null;
  const offerId = body['offerId'] ?? null;
  const organizationId = body['organizationId'];
  // who may ask for which direction
  const member = memberOf(principal);
  if (direction === 'need-claim') {
    if (principal.kind === 'anonymous') throw problems.unauthorized('Sign in as an organization or staff to claim a need.');
    if (principal.kind === 'resident') throw problems.forbidden('Residents book offers; organizations claim needs.');
    if (member !== null && member !== organizationId) throw problems.forbidden('An organization claims needs only for itself.');
  } else if (direction === 'offer-booking') {
    if (member !== null) throw problems.forbidden('Organizations claim needs; residents and staff book offers.');
  }
  // records first, as the memory engine looks them up
  const offer = typeof offerId === 'string' ? await lockDoc<ServiceOffer>(tx, 'offers', offerId) : null;
  if (typeof offerId === 'string' && !offer) throw problems.notFound(`Offer ${offerId}`);
  const needRow =
    typeof needId === 'string'
      ? (await tx.query<{ area_code: string }>('select area_code from needs where id = $1', [needId])).rows[0]
      : undefined;
  if (typeof needId === 'string' && !needRow) throw problems.notFound(`Need ${needId}`);
  const scope = claimScope(needRow?.area_code ?? null, offer?.serviceAreaCodes ?? []);
  if (isStaffOrAdmin(principal) && scope.length) requireArea(principal, scope, 'This claim');

  if (typeof organizationId === 'string' && !(await organization(tx, organizationId)))
    throw problems.validation('Unknown organization.', [fieldError('organizationId', 'format')]);
  if (offer && typeof organizationId === 'string' && offer.organizationId !== organizationId)
    throw problems.validation('The offer belongs to another organization.', [fieldError('organizationId', 'format')]);

  let claim: Claim;
  try {
    claim = createClaim({
      id: `claim-${hashCode(`claim:${key}`, 16)}`,
      direction: direction as Claim['direction'],
      needId: needId as string | null,
      offerId: offerId as string | null,
      organizationId: organizationId as string,
      requestedBy: requester(principal, body, key),
      at: now.toISOString(),
    });
  } catch (error) {
    throw problems.validation(error instanceof Error ? error.message : String(error));
  }
  try {
    await insertRows(tx, 'claims', [claimRow(claim, scope)]);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw problems.keyReused();
    throw error;
  }
  await audit(tx, principal, {
    action: 'claim.request',
    subjectType: 'claim',
    subjectId: claim.id,
    at: claim.createdAt,
    to: 'pending',
    actor: claim.requestedBy,
    reason: typeof body['note'] === 'string' ? body['note'].slice(0, 500) : '',
  });
  // an anonymous booker gets the secret that lets them follow, withdraw and rate it
  const followToken = principal.kind === 'anonymous' ? ctx.auth.residentToken(claim.requestedBy.id) : undefined;
  return { status: 201, body: followToken ? { ...claim, followToken } : claim };
}

/** May this principal see this claim? */
export async function mayReadClaim(tx: Queryable, principal: Principal, claim: Claim, scope: readonly string[]): Promise<boolean> {
  switch (principal.kind) {
    case 'anonymous':
      return false;
    case 'resident': {
      if (claim.requestedBy.role === 'resident' && claim.requestedBy.id === principal.residentId) return true;
      if (claim.needId === null) return false;
      const owner = await tx.query('select 1 from needs where id = $1 and resident_id = $2', [claim.needId, principal.residentId]);
      return owner.rowCount > 0;
    }
    case 'account':
      if (principal.account.role === 'organization') return principal.account.organizationId === claim.organizationId;
      return anyOverlap(scope, principal.account.areaCodes);
  }
}

/** The projects that group `claim` (already stored as it now is), with their figures worked out again. */
async function projectsFollow(tx: Queryable, claim: Claim, at: string): Promise<void> {
  const rows = await tx.query<{ doc: Project }>('select doc from projects where claim_ids @> array[$1]::text[] order by id for update', [claim.id]);
  for (const { doc: project } of rows.rows) {
    const own = await tx.query<{ doc: Claim }>('select doc from claims where id = any($1::text[])', [project.claimIds]);
    const figures = projectFigures(project, own.rows.map((r) => r.doc));
    const next: Project = { ...project, ...figures };
    if (JSON.stringify(next) === JSON.stringify(project)) continue;
    const doc: Project = { ...next, updatedAt: at };
    await tx.query('update projects set status = $2, doc = $3::jsonb where id = $1', [project.id, doc.status, JSON.stringify(doc)]);
  }
}

/** The organization's satisfaction: the mean score of its rated claims. */
async function organizationFollows(tx: Queryable, organizationId: string, at: string): Promise<void> {
  const scores = await tx.query<{ score: number }>(
    "select (doc -> 'rating' ->> 'score')::int as score from claims where organization_id = $1 and doc -> 'rating' ->> 'score' is not null",
    [organizationId],
  );
  const satisfaction = meanRating(scores.rows.map((r) => r.score));
  const organization = await lockDoc<Organization>(tx, 'organizations', organizationId);
  if (!organization || satisfaction === null || satisfaction === organization.satisfaction) return;
  const doc: Organization = { ...organization, satisfaction, updatedAt: at };
  // a new version, so directory copies in every process reload it
  await tx.query(`update organizations set doc = $2::jsonb, version = nextval('directory_version') where id = $1`, [organizationId, JSON.stringify(doc)]);
}

export async function transition(
  ctx: WriteContext,
  id: string,
  action: ClaimAction,
  extra: { reason?: string; beneficiaries?: number; rating?: unknown },
): Promise<StoredAnswer> {
  const { tx, principal, key, now } = ctx;
  requireSignedIn(principal);
  const row = await tx.query<{ doc: Claim; scope_codes: string[] }>('select doc, scope_codes from claims where id = $1 for update', [id]);
  const found = row.rows[0];
  if (!found) throw problems.notFound(`Claim ${id}`);
  const claim = found.doc;
  if (!(await mayReadClaim(tx, principal, claim, found.scope_codes))) throw problems.forbidden('This claim is not yours to act on.');
  const actor = actorOf(principal);
  if (!actor) throw problems.unauthorized();
  // the state machine lets any resident rate a need-claim; only the need's own resident may
  if (action === 'rate' && principal.kind === 'resident' && claim.direction === 'need-claim') {
    const owner = await tx.query('select 1 from needs where id = $1 and resident_id = $2', [claim.needId, principal.residentId]);
    if (owner.rowCount === 0) throw problems.forbidden('Only the resident whose need it is may rate it.');
  }
  const at = now.toISOString();
  const event = { type: action, id: key, by: actor, at, ...extra } as ClaimEvent;
  const result = transitionClaim(claim, event);
  if (!result.ok) {
    const { code, message } = result.error;
    if (code === 'forbidden-actor') throw problems.forbidden(message);
    if (code === 'illegal-transition') throw problems.conflict(message);
    throw problems.validation(message);
  }
  // a replay of an event already in the history (its key was forgotten): nothing changes
  if (!result.changed) return { status: 200, body: claim };
  const next = result.claim;

  // a place is taken on accept, whichever direction names the offer, and given back on a withdrawal before the work is done
  const releases = action === 'withdraw' && (claim.state === 'accepted' || claim.state === 'in-progress');
  if (next.offerId && (action === 'accept' || releases)) {
    const offer = await lockDoc<ServiceOffer>(tx, 'offers', next.offerId);
    if (!offer) throw problems.notFound(`Offer ${next.offerId}`);
    if (action === 'accept' && capacityLeft(offer) === 0) throw problems.conflict('The offer has no places left.');
    const used = action === 'accept' ? offer.capacity.used + 1 : Math.max(0, offer.capacity.used - 1);
    const updated: ServiceOffer = { ...offer, capacity: { ...offer.capacity, used }, updatedAt: at };
    await tx.query('update offers set capacity_used = $2, doc = $3::jsonb where id = $1', [offer.id, used, JSON.stringify(updated)]);
  }
  // the need follows the claims that answer it, whichever direction they came from, and is
  // listed again when the last one holding it ends without the work (core's needStatusAfter)
  if (next.needId) {
    // the need's row lock comes first, so transitions of two claims on one need take turns
    // and the second reads the first one's claim as committed
    const need = await lockDoc<PublicNeed>(tx, 'needs', next.needId);
    if (need) {
      const others = await tx.query<{ doc: Claim }>('select doc from claims where need_id = $1 and id <> $2', [need.id, next.id]);
      const claimsOfNeed = [...others.rows.map((r) => r.doc), next];
      const status = needStatusAfter(need.status, { from: claim.state, to: next.state }, claimsOfNeed);
      if (status !== need.status) {
        const doc: PublicNeed = { ...need, status, updatedAt: at };
        await tx.query('update needs set status = $2, doc = $3::jsonb where id = $1', [need.id, status, JSON.stringify(doc)]);
      }
    }
  }
  await tx.query('update claims set state = $2, doc = $3::jsonb where id = $1', [id, next.state, JSON.stringify(next)]);
  await projectsFollow(tx, next, at);
  if (action === 'rate') await organizationFollows(tx, next.organizationId, at);
  const entry = next.history.at(-1);
  await audit(tx, principal, {
    action: `claim.${action}`,
    subjectType: 'claim',
    subjectId: id,
    at,
    eventId: key,
    from: entry?.from ?? claim.state,
    to: next.state,
    reason: entry?.reason ?? '',
    actor,
  });
  return { status: 200, body: next };
}

// ---------------------------------------------------------------------------
// Areas and projects: the street admin's
// ---------------------------------------------------------------------------

export async function createArea(ctx: WriteContext, body: JsonObject): Promise<StoredAnswer> {
  const { tx, principal, now } = ctx;
  requireAccount(principal, ['admin']);
  const area: Area = validated(AreaSchema, body);
  const consistent = areaLevel(area.code) === area.level && parentAreaCode(area.code) === area.parentCode;
  if (!consistent)
    throw problems.validation('The level and parent must follow from the code.', [fieldError('parentCode', 'area-code')]);
  if (area.parentCode === null || !(await tx.query('select 1 from areas where code = $1', [area.parentCode])).rowCount)
    throw problems.validation('The parent area is unknown.', [fieldError('parentCode', 'area-code')]);
  requireArea(principal, [area.code], 'This area');
  try {
    await insertRows(tx, 'areas', [areaRow(area)]);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw problems.conflict(`Area ${area.code} exists already.`);
    throw error;
  }
  await audit(tx, principal, { action: 'area.create', subjectType: 'area', subjectId: area.code, at: now.toISOString() });
  return { status: 201, body: area };
}

export async function createProject(ctx: WriteContext, body: JsonObject): Promise<StoredAnswer> {
  const { tx, principal, key, now } = ctx;
  requireAccount(principal, ['admin']);
  const at = now.toISOString();
  const value = validated(ProjectDraftSchema, body);
  if (!(await organization(tx, value.organizationId)))
    throw problems.validation('Unknown organization.', [fieldError('organizationId', 'format')]);
  requireArea(principal, [value.areaCode], 'This project');
  // the memory engine's checks: accepted (or later) claims of this organization, in no other project; needs that exist
  const found = await tx.query<{ doc: Claim }>('select doc from claims where id = any($1::text[]) for update', [value.claimIds]);
  const claims = new Map(found.rows.map((r) => [r.doc.id, r.doc]));
  const taken = await tx.query<{ id: string }>(
    'select distinct unnest(claim_ids) as id from projects where claim_ids && $1::text[]',
    [value.claimIds],
  );
  const grouped = new Set(taken.rows.map((r) => r.id));
  const knownNeeds = await tx.query<{ id: string }>('select id from needs where id = any($1::text[])', [value.needIds]);
  const needs = new Set(knownNeeds.rows.map((r) => r.id));
  const errors = [
    ...value.claimIds.flatMap((id, i) => {
      const claim = claims.get(id);
      if (!claim || !PROJECT_CLAIM_STATES.includes(claim.state) || claim.organizationId !== value.organizationId)
        return [fieldError(`claimIds.${i}`, 'enum')];
      return grouped.has(id) ? [fieldError(`claimIds.${i}`, 'duplicate')] : [];
    }),
    ...value.needIds.flatMap((id, i) => (needs.has(id) ? [] : [fieldError(`needIds.${i}`, 'enum')])),
  ];
  if (errors.length) throw problems.validation('The project names claims or needs it cannot group.', errors);
  const own = value.claimIds.map((id) => claims.get(id)).filter((c): c is Claim => c !== undefined);
  const base: Project = {
    ...value,
    needIds: [...new Set([...value.needIds, ...own.flatMap((c) => (c.needId === null ? [] : [c.needId]))])],
    id: `proj-${hashCode(`project:${key}`, 12)}`,
    // what the claims have done so far, not what the draft says
    status: value.status === 'suspended' ? 'suspended' : 'planned',
    updatedAt: at,
  };
  const project: Project = own.length ? { ...base, ...projectFigures(base, own) } : { ...base, status: value.status };
  try {
    await insertRows(tx, 'projects', [projectRow(project)]);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw problems.keyReused();
    throw error;
  }
  await audit(tx, principal, { action: 'project.create', subjectType: 'project', subjectId: project.id, at });
  return { status: 201, body: project };
}
