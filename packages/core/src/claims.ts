/**
 * The claim (认领) state machine for both directions of two-way claiming:
 * an organization claims a resident's need (need-claim), or a resident or
 * community books an organization's offer (offer-booking).
 *
 * Everything here is pure: claims go in, new claims come out, inputs are
 * never touched, so the same code runs in the browser (optimistic UI, an
 * offline queue on a grid worker's phone) and on the reference server, and
 * frozen or shared claims are safe to pass in.
 */
import * as v from 'valibot';
import {
  ActorSchema,
  CLAIM_EVENT_TYPES,
  ClaimRatingSchema,
  ClaimSchema,
  ClaimTransitionSchema,
  Id,
} from './model.js';
import type {
  Actor,
  Claim,
  ClaimDirection,
  ClaimEventType,
  ClaimRating,
  ClaimState,
  ClaimTransition,
} from './model.js';

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

interface ClaimEventBase<T extends ClaimEventType> {
  readonly type: T;
  /** Unique per event; a second event with the same id is a replay and changes nothing. */
  readonly id: string;
  readonly by: Actor;
  /** ISO timestamp of when the actor acted (not when the server heard of it). */
  readonly at: string;
  /** Why; required for decline and withdraw, kept in the history for every event. */
  readonly reason?: string;
}

export type ClaimEvent =
  | ClaimEventBase<'accept'>
  | ClaimEventBase<'decline'>
  | ClaimEventBase<'withdraw'>
  | ClaimEventBase<'expire'>
  | ClaimEventBase<'start'>
  | (ClaimEventBase<'complete'> & {
      /** Person-times served (受益人次), a non-negative integer. */
      readonly beneficiaries: number;
    })
  | (ClaimEventBase<'rate'> & { readonly rating: ClaimRating });

// ---------------------------------------------------------------------------
// The transition table: the one place that says which event leads where
// ---------------------------------------------------------------------------

export type ClaimTransitionTable = {
  readonly [S in ClaimState]: { readonly [E in ClaimEventType]?: ClaimState };
};

const freezeRows = (table: ClaimTransitionTable): ClaimTransitionTable => {
  for (const row of Object.values(table)) Object.freeze(row);
  return Object.freeze(table);
};

/**
 * state → event type → next state. A state with no events is final.
 * Withdrawal stays open until the work is done because a resident may move,
 * recover or be taken into care while a service is under way.
 */
export const CLAIM_TRANSITIONS: ClaimTransitionTable = freezeRows({
  pending: { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn', expire: 'expired' },
  accepted: { start: 'in-progress', withdraw: 'withdrawn' },
  'in-progress': { complete: 'completed', withdraw: 'withdrawn' },
  completed: { rate: 'rated' },
  declined: {},
  withdrawn: {},
  expired: {},
  rated: {},
});

const nextState = (state: ClaimState, type: ClaimEventType): ClaimState | undefined => {
  // hasOwn so that a corrupt state such as 'toString' cannot reach Object.prototype
  if (!Object.hasOwn(CLAIM_TRANSITIONS, state)) return undefined;
  const row = CLAIM_TRANSITIONS[state];
  return Object.hasOwn(row, type) ? row[type] : undefined;
};

/** declined, withdrawn, expired and rated: nothing can happen to the claim any more. */
export const isFinalClaimState = (state: ClaimState): boolean =>
  Object.hasOwn(CLAIM_TRANSITIONS, state) && Object.keys(CLAIM_TRANSITIONS[state]).length === 0;

const isClaimEventType = (type: unknown): type is ClaimEventType =>
  typeof type === 'string' && (CLAIM_EVENT_TYPES as readonly string[]).includes(type);

// ---------------------------------------------------------------------------
// Errors and results
// ---------------------------------------------------------------------------

export type ClaimTransitionErrorCode = 'illegal-transition' | 'forbidden-actor' | 'invalid-event';

export class ClaimTransitionError extends Error {
  override readonly name = 'ClaimTransitionError';
  readonly code: ClaimTransitionErrorCode;
  /** The claim's state when the event was refused. */
  readonly from: ClaimState;
  readonly event: ClaimEventType;

  constructor(code: ClaimTransitionErrorCode, from: ClaimState, event: ClaimEventType, message: string) {
    super(message);
    this.code = code;
    this.from = from;
    this.event = event;
  }
}

export type ClaimResult =
  | { readonly ok: true; readonly claim: Claim; readonly changed: boolean }
  | { readonly ok: false; readonly error: ClaimTransitionError };

// ---------------------------------------------------------------------------
// Who may do what
// ---------------------------------------------------------------------------

const isStaffOrAdmin = (actor: Actor): boolean => actor.role === 'staff' || actor.role === 'admin';

const isClaimOrganization = (claim: Claim, actor: Actor): boolean =>
  actor.role === 'organization' && actor.id === claim.organizationId;

const isRequester = (claim: Claim, actor: Actor): boolean =>
  actor.role === claim.requestedBy.role && actor.id === claim.requestedBy.id;

const mayAct = (claim: Claim, type: ClaimEventType, actor: Actor): boolean => {
  switch (type) {
    case 'accept':
    case 'decline':
      // The side that was asked answers: the community for its residents' needs,
      // the organization for its own offers. Staff and admins can always step in.
      return isStaffOrAdmin(actor) || (claim.direction === 'offer-booking' && isClaimOrganization(claim, actor));
    case 'withdraw':
      return isRequester(claim, actor) || isStaffOrAdmin(actor);
    case 'expire':
      // Deadlines are enforced by a scheduled job, never by a person.
      return actor.role === 'system';
    case 'start':
    case 'complete':
      return isClaimOrganization(claim, actor) || isStaffOrAdmin(actor);
    case 'rate':
      // Satisfaction (群众满意度) must come from the people served, not from the
      // organization that served them. For a need the claim only knows the
      // need's id, not its owner, so any resident passes here and the server
      // checks ownership. Staff rate on a resident's behalf (door-to-door
      // follow-up); admins only as the requester, so street-level figures stay
      // residents' own.
      if (actor.role === 'staff') return true;
      if (claim.direction === 'need-claim') return actor.role === 'resident';
      return isRequester(claim, actor) && actor.role !== 'organization';
  }
};

/** Ids must already be in the schema's canonical form, or replays would not match. */
const isCanonicalId = (id: unknown): id is string => typeof id === 'string' && id === id.trim() && v.is(Id, id);

const isValidActor = (actor: unknown): actor is Actor =>
  v.is(ActorSchema, actor) && isCanonicalId((actor as { id: unknown }).id);

// ---------------------------------------------------------------------------
// Timestamps: compared as instants, since "+08:00" and "Z" forms both occur
// ---------------------------------------------------------------------------

const TimestampSchema = ClaimTransitionSchema.entries.at;
const TIMESTAMP_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z| ?([+-])(\d{2})(?::?(\d{2}))?)$/u;

/**
 * [seconds since the epoch, nanoseconds]. Date.parse is not used because it
 * rejects forms the schema accepts (e.g. "+08" without minutes) and would
 * round away sub-millisecond order.
 */
const instant = (timestamp: string): readonly [number, number] | null => {
  const m = TIMESTAMP_PARTS.exec(timestamp);
  if (!m) return null;
  const n = (i: number): number => Number(m[i] ?? '0');
  const offsetMinutes = m[8] === undefined ? 0 : (m[8] === '-' ? -1 : 1) * (n(9) * 60 + n(10));
  const seconds = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6)) / 1000 - offsetMinutes * 60;
  const nanos = Number((m[7] ?? '').padEnd(9, '0'));
  return [seconds, nanos];
};

/** Negative when a is earlier than b; null when either cannot be read. */
const compareTimestamps = (a: string, b: string): number | null => {
  const x = instant(a);
  const y = instant(b);
  if (!x || !y) return null;
  return x[0] - y[0] || x[1] - y[1];
};

// ---------------------------------------------------------------------------
// Creating a claim
// ---------------------------------------------------------------------------

export interface CreateClaimInput {
  id: string;
  direction: ClaimDirection;
  /** Required for need-claim; for offer-booking, the need the booking answers, if any. */
  needId: string | null;
  /** Required for offer-booking; for need-claim, the offer the organization will serve it with, if any. */
  offerId: string | null;
  organizationId: string;
  requestedBy: Actor;
  at: string;
  expiresAt?: string | null;
}

const createProblem = (input: CreateClaimInput): string | null => {
  if (!isCanonicalId(input.id)) return 'id is not a valid id';
  if (!isCanonicalId(input.organizationId)) return 'organizationId is not a valid id';
  if (input.needId !== null && !isCanonicalId(input.needId)) return 'needId is not a valid id';
  if (input.offerId !== null && !isCanonicalId(input.offerId)) return 'offerId is not a valid id';
  if (!isValidActor(input.requestedBy)) return 'requestedBy is not a valid actor';
  if (!v.is(TimestampSchema, input.at)) return 'at is not an ISO timestamp';
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt !== null) {
    if (!v.is(TimestampSchema, expiresAt)) return 'expiresAt is not an ISO timestamp';
    if ((compareTimestamps(expiresAt, input.at) ?? -1) < 0) return 'expiresAt is before the claim is made';
  }
  const by = input.requestedBy;
  switch (input.direction) {
    case 'need-claim':
      if (input.needId === null) return 'a need-claim needs a needId';
      // An organization claims for itself; staff may enter the claim for it.
      if (!isStaffOrAdmin(by) && !(by.role === 'organization' && by.id === input.organizationId)) {
        return 'a need can be claimed only by its organization or by staff';
      }
      return null;
    case 'offer-booking':
      if (input.offerId === null) return 'an offer-booking needs an offerId';
      // Residents book for themselves; the community (staff) books for residents.
      if (by.role !== 'resident' && !isStaffOrAdmin(by)) return 'an offer can be booked only by a resident or by staff';
      return null;
    default:
      return 'direction is not a claim direction';
  }
};

/**
 * A new pending claim with an empty history.
 * @throws TypeError when the input is inconsistent (a programming error, not a user one).
 */
export function createClaim(input: CreateClaimInput): Claim {
  const problem = createProblem(input);
  if (problem !== null) throw new TypeError(`createClaim: ${problem}`);
  const claim: Claim = {
    id: input.id,
    direction: input.direction,
    needId: input.needId,
    offerId: input.offerId,
    organizationId: input.organizationId,
    // parsed, so extra properties of a user object do not leak into stored claims
    requestedBy: v.parse(ActorSchema, input.requestedBy),
    state: 'pending',
    history: [],
    beneficiaries: null,
    rating: null,
    createdAt: input.at,
    updatedAt: input.at,
    expiresAt: input.expiresAt ?? null,
  };
  const checked = v.safeParse(ClaimSchema, claim);
  if (!checked.success) throw new TypeError(`createClaim: ${checked.issues[0].message}`);
  return claim;
}

// ---------------------------------------------------------------------------
// Applying an event
// ---------------------------------------------------------------------------

const REASON_REQUIRED: ReadonlySet<ClaimEventType> = new Set(['decline', 'withdraw']);
const ReasonSchema = ClaimTransitionSchema.entries.reason;

type Payload = { reason: string; beneficiaries?: number; rating?: ClaimRating };

/** The event's own data checked against the claim; a string says what is wrong. */
const readPayload = (claim: Claim, event: ClaimEvent): Payload | string => {
  if (!isCanonicalId(event.id)) return 'event id is not a valid id';
  if (typeof event.at !== 'string' || !v.is(TimestampSchema, event.at)) return 'at is not an ISO timestamp';

  // Events must arrive in clock order, or the history would tell a false story.
  const last = claim.history.at(-1)?.at ?? claim.createdAt;
  if ((compareTimestamps(event.at, last) ?? 0) < 0) return `at ${event.at} is before ${last}`;

  const reason = v.safeParse(ReasonSchema, event.reason);
  if (!reason.success) return 'reason is not acceptable text';
  if (REASON_REQUIRED.has(event.type) && reason.output === '') return `${event.type} needs a reason`;
  const payload: Payload = { reason: reason.output };

  switch (event.type) {
    case 'expire':
      // Expiry before the deadline would cut short the time the other side was promised.
      if (claim.expiresAt !== null && (compareTimestamps(event.at, claim.expiresAt) ?? 0) < 0) {
        return `the claim does not expire before ${claim.expiresAt}`;
      }
      break;
    case 'complete':
      if (!Number.isSafeInteger(event.beneficiaries) || event.beneficiaries < 0) {
        return 'beneficiaries must be a non-negative integer';
      }
      payload.beneficiaries = event.beneficiaries;
      break;
    case 'rate': {
      const rating = v.safeParse(ClaimRatingSchema, event.rating);
      if (!rating.success) return 'rating needs an integer score 1–5 and a short comment';
      payload.rating = rating.output;
      break;
    }
    default:
      break;
  }
  return payload;
};

/**
 * Applies one event. Pure: the claim passed in is never modified; on success
 * a new claim comes back with the transition appended to its history.
 * An event whose id is already in the history is a replay (a retried request,
 * a re-sent offline queue) and returns the same claim object, unchanged.
 */
export function transitionClaim(claim: Claim, event: ClaimEvent): ClaimResult {
  if (claim.history.some((t) => t.eventId === event.id)) return { ok: true, claim, changed: false };

  const from = claim.state;
  const type: unknown = event.type;
  const fail = (code: ClaimTransitionErrorCode, message: string): ClaimResult => ({
    ok: false,
    // an unknown type only arrives from untyped callers; reported as given
    error: new ClaimTransitionError(code, from, type as ClaimEventType, message),
  });

  if (!isClaimEventType(type)) return fail('invalid-event', `unknown event type ${String(type)}`);
  const to = nextState(from, type);
  if (to === undefined) return fail('illegal-transition', `cannot ${type} a claim that is ${from}`);
  // Without a well-formed actor there is nobody to check permissions for.
  if (!isValidActor(event.by)) return fail('invalid-event', 'by is not a valid actor');
  if (!mayAct(claim, type, event.by)) {
    return fail('forbidden-actor', `${event.by.role} ${event.by.id} may not ${type} ${claim.direction} ${claim.id}`);
  }
  const payload = readPayload(claim, event);
  if (typeof payload === 'string') return fail('invalid-event', payload);

  const transition: ClaimTransition = {
    eventId: event.id,
    event: type,
    from,
    to,
    by: v.parse(ActorSchema, event.by),
    at: event.at,
    reason: payload.reason,
  };
  const next: Claim = {
    ...claim,
    state: to,
    history: [...claim.history, transition],
    updatedAt: event.at,
    ...(payload.beneficiaries === undefined ? {} : { beneficiaries: payload.beneficiaries }),
    ...(payload.rating === undefined ? {} : { rating: payload.rating }),
  };
  return { ok: true, claim: next, changed: true };
}

// ---------------------------------------------------------------------------
// For UIs: which buttons to show
// ---------------------------------------------------------------------------

/**
 * Whether the state allows the event and the actor may send it. The event's
 * own data (reason, beneficiaries, rating, time) is not known yet, so a form
 * behind the button can still be refused with 'invalid-event'.
 */
export const canTransition = (claim: Claim, eventType: ClaimEventType, actor: Actor): boolean =>
  isClaimEventType(eventType) &&
  nextState(claim.state, eventType) !== undefined &&
  isValidActor(actor) &&
  mayAct(claim, eventType, actor);

/** The events this actor could send now, in CLAIM_EVENT_TYPES order. */
export const allowedEvents = (claim: Claim, actor: Actor): ClaimEventType[] =>
  CLAIM_EVENT_TYPES.filter((type) => canTransition(claim, type, actor));
