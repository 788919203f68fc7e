import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  ACTOR_ROLES,
  CLAIM_DIRECTIONS,
  CLAIM_EVENT_TYPES,
  CLAIM_SET_NEED_STATUSES,
  CLAIM_STATES,
  ClaimSchema,
  NEED_STATUSES,
  REOPENED_NEED_STATUS,
  needStatusAfter,
} from '../src/model.js';
import type { Actor, Claim, ClaimDirection, ClaimEventType, ClaimRating, ClaimState, NeedStatus } from '../src/model.js';
import {
  CLAIM_TRANSITIONS,
  ClaimTransitionError,
  allowedEvents,
  canTransition,
  createClaim,
  isFinalClaimState,
  transitionClaim,
} from '../src/claims.js';
import type { ClaimEvent, ClaimResult, ClaimTransitionErrorCode } from '../src/claims.js';

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const ORG_ID = 'org-1';
const org: Actor = { role: 'organization', id: ORG_ID, name: '阳光社工服务社' };
const otherOrg: Actor = { role: 'organization', id: 'org-2' };
const staff: Actor = { role: 'staff', id: 'staff-1', name: '网格员 王' };
const admin: Actor = { role: 'admin', id: 'admin-1' };
const system: Actor = { role: 'system', id: 'scheduler' };
const resident: Actor = { role: 'resident', id: 'res-1' };
const otherResident: Actor = { role: 'resident', id: 'res-2' };
/** Right ids under the wrong role must not pass. */
const residentNamedLikeOrg: Actor = { role: 'resident', id: ORG_ID };
const orgNamedLikeResident: Actor = { role: 'organization', id: 'res-1' };

const T0_MS = Date.parse('2024-05-01T08:00:00.000Z');
const T0 = new Date(T0_MS).toISOString();
/** T0 plus some minutes. */
const t = (minutes: number): string => new Date(T0_MS + minutes * 60_000).toISOString();
const EXPIRES = t(60);

let idCounter = 0;
const nextId = (): string => `ev-${++idCounter}`;

function needClaim(expiresAt: string | null = EXPIRES): Claim {
  return createClaim({
    id: 'claim-need-1',
    direction: 'need-claim',
    needId: 'need-1',
    offerId: null,
    organizationId: ORG_ID,
    requestedBy: org,
    at: T0,
    expiresAt,
  });
}

function booking(expiresAt: string | null = EXPIRES): Claim {
  return createClaim({
    id: 'claim-offer-1',
    direction: 'offer-booking',
    needId: null,
    offerId: 'offer-1',
    organizationId: ORG_ID,
    requestedBy: resident,
    at: T0,
    expiresAt,
  });
}

const fresh = (direction: ClaimDirection): Claim => (direction === 'need-claim' ? needClaim() : booking());

interface EventExtra {
  id?: string;
  reason?: string;
  beneficiaries?: number;
  rating?: ClaimRating;
}

/** An event with valid defaults; decline and withdraw get a reason unless `reason` is given (even as undefined). */
function makeEvent(type: ClaimEventType, by: Actor, minutes: number, extra: EventExtra = {}): ClaimEvent {
  const reason = 'reason' in extra ? extra.reason : type === 'decline' || type === 'withdraw' ? '时间冲突' : undefined;
  const base = { id: extra.id ?? nextId(), by, at: t(minutes), ...(reason === undefined ? {} : { reason }) };
  switch (type) {
    case 'complete':
      return { ...base, type, beneficiaries: extra.beneficiaries ?? 12 };
    case 'rate':
      return { ...base, type, rating: extra.rating ?? { score: 5, comment: '服务很及时' } };
    default:
      return { ...base, type };
  }
}

/** An actor the brief permits for this event in this direction. */
function permittedActor(direction: ClaimDirection, type: ClaimEventType): Actor {
  switch (type) {
    case 'accept':
    case 'decline':
      return direction === 'need-claim' ? staff : org;
    case 'withdraw':
      return direction === 'need-claim' ? org : resident;
    case 'expire':
      return system;
    case 'start':
    case 'complete':
      return org;
    case 'rate':
      return resident;
  }
}

const PATHS: Record<ClaimState, ClaimEventType[]> = {
  pending: [],
  accepted: ['accept'],
  'in-progress': ['accept', 'start'],
  completed: ['accept', 'start', 'complete'],
  rated: ['accept', 'start', 'complete', 'rate'],
  declined: ['decline'],
  withdrawn: ['withdraw'],
  expired: ['expire'],
};

function expectOk(result: ClaimResult): Claim {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.claim;
}

function expectError(result: ClaimResult, code: ClaimTransitionErrorCode): ClaimTransitionError {
  if (result.ok) throw new Error(`expected ${code}, got ok (state ${result.claim.state})`);
  expect(result.error.code, result.error.message).to.equal(code);
  return result.error;
}

/** A claim driven to `state` by permitted actors; events at minutes 10, 20, … (expire at the deadline). */
function drive(direction: ClaimDirection, state: ClaimState): Claim {
  let claim = fresh(direction);
  PATHS[state].forEach((type, i) => {
    const minutes = type === 'expire' ? 60 : (i + 1) * 10;
    claim = expectOk(transitionClaim(claim, makeEvent(type, permittedActor(direction, type), minutes)));
  });
  expect(claim.state).to.equal(state);
  return claim;
}

const isValidClaim = (claim: Claim): boolean => v.safeParse(ClaimSchema, claim).success;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const legalPairs = (): [ClaimState, ClaimEventType, ClaimState][] =>
  CLAIM_STATES.flatMap((from) =>
    CLAIM_EVENT_TYPES.flatMap((type): [ClaimState, ClaimEventType, ClaimState][] => {
      const to = CLAIM_TRANSITIONS[from][type];
      return to === undefined ? [] : [[from, type, to]];
    }),
  );

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

describe('CLAIM_TRANSITIONS', () => {
  it('is exactly the lifecycle of the brief', () => {
    expect(legalPairs()).to.have.deep.members([
      ['pending', 'accept', 'accepted'],
      ['pending', 'decline', 'declined'],
      ['pending', 'withdraw', 'withdrawn'],
      ['pending', 'expire', 'expired'],
      ['accepted', 'start', 'in-progress'],
      ['accepted', 'withdraw', 'withdrawn'],
      ['in-progress', 'complete', 'completed'],
      ['in-progress', 'withdraw', 'withdrawn'],
      ['completed', 'rate', 'rated'],
    ]);
    expect(Object.keys(CLAIM_TRANSITIONS)).to.have.members([...CLAIM_STATES]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CLAIM_TRANSITIONS)).to.equal(true);
    for (const state of CLAIM_STATES) expect(Object.isFrozen(CLAIM_TRANSITIONS[state])).to.equal(true);
  });

  it('marks declined, withdrawn, expired and rated final', () => {
    expect(CLAIM_STATES.filter(isFinalClaimState)).to.have.members(['declined', 'withdrawn', 'expired', 'rated']);
  });
});

// ---------------------------------------------------------------------------
// createClaim
// ---------------------------------------------------------------------------

describe('createClaim', () => {
  it('makes a pending need-claim with an empty history', () => {
    const claim = needClaim();
    expect(claim).to.deep.equal({
      id: 'claim-need-1',
      direction: 'need-claim',
      needId: 'need-1',
      offerId: null,
      organizationId: ORG_ID,
      requestedBy: org,
      state: 'pending',
      history: [],
      beneficiaries: null,
      rating: null,
      createdAt: T0,
      updatedAt: T0,
      expiresAt: EXPIRES,
    });
    expect(isValidClaim(claim)).to.equal(true);
  });

  it('makes a pending offer-booking; expiresAt defaults to null', () => {
    const claim = createClaim({
      id: 'b-1',
      direction: 'offer-booking',
      needId: 'need-9', // a booking may answer a known need
      offerId: 'offer-1',
      organizationId: ORG_ID,
      requestedBy: staff,
      at: T0,
    });
    expect(claim.state).to.equal('pending');
    expect(claim.expiresAt).to.equal(null);
    expect(claim.needId).to.equal('need-9');
    expect(isValidClaim(claim)).to.equal(true);
  });

  it('keeps only the actor fields of requestedBy', () => {
    const user = { role: 'resident' as const, id: 'res-1', phone: '13812345678' };
    const claim = createClaim({
      id: 'b-2',
      direction: 'offer-booking',
      needId: null,
      offerId: 'offer-1',
      organizationId: ORG_ID,
      requestedBy: user,
      at: T0,
    });
    expect(claim.requestedBy).to.deep.equal({ role: 'resident', id: 'res-1' });
  });

  const base = {
    id: 'c-1',
    direction: 'need-claim' as ClaimDirection,
    needId: 'need-1' as string | null,
    offerId: null as string | null,
    organizationId: ORG_ID,
    requestedBy: org,
    at: T0,
  };
  const inconsistent: [string, Parameters<typeof createClaim>[0]][] = [
    ['a need-claim without needId', { ...base, needId: null }],
    ['an offer-booking without offerId', { ...base, direction: 'offer-booking', requestedBy: resident }],
    ['a need claimed by another organization', { ...base, requestedBy: otherOrg }],
    ['a need claimed by a resident', { ...base, requestedBy: resident }],
    ['an offer booked by an organization', { ...base, direction: 'offer-booking', offerId: 'o-1' }],
    ['a claim requested by the system', { ...base, requestedBy: system }],
    ['an unknown direction', { ...base, direction: 'swap' as ClaimDirection }],
    ['an empty id', { ...base, id: '' }],
    ['an id with spaces', { ...base, id: ' c-1' }],
    ['a bad organization id', { ...base, organizationId: 'org 1' }],
    ['a bad requester id', { ...base, requestedBy: { role: 'staff', id: '' } }],
    ['a non-timestamp at', { ...base, at: '2024-05-01' }],
    ['a non-timestamp expiresAt', { ...base, expiresAt: 'tomorrow' }],
    ['an expiresAt before at', { ...base, expiresAt: t(-1) }],
  ];
  for (const [name, input] of inconsistent) {
    it(`refuses ${name}`, () => {
      expect(() => createClaim(input)).to.throw(TypeError, /createClaim/);
    });
  }
});

// ---------------------------------------------------------------------------
// Legal transitions
// ---------------------------------------------------------------------------

describe('transitionClaim: legal transitions', () => {
  for (const direction of CLAIM_DIRECTIONS) {
    for (const [from, type, to] of legalPairs()) {
      it(`${direction}: ${from} --${type}--> ${to}`, () => {
        const claim = drive(direction, from);
        const by = permittedActor(direction, type);
        const event = makeEvent(type, by, 100, { reason: '  记录原因  ' });
        const result = transitionClaim(claim, event);
        const next = expectOk(result);
        expect(result.ok && result.changed).to.equal(true);
        expect(next).not.to.equal(claim);
        expect(next.state).to.equal(to);
        expect(next.updatedAt).to.equal(event.at);
        expect(next.history).to.have.length(claim.history.length + 1);
        expect(next.history.at(-1)).to.deep.equal({
          eventId: event.id,
          event: type,
          from,
          to,
          by,
          at: event.at,
          reason: '记录原因', // trimmed as the schema would
        });
        expect(next.history.slice(0, -1)).to.deep.equal(claim.history);
        expect(isValidClaim(next)).to.equal(true);
      });
    }

    it(`${direction}: runs the whole happy path and keeps who, when and why`, () => {
      let claim = fresh(direction);
      const steps: ClaimEventType[] = ['accept', 'start', 'complete', 'rate'];
      steps.forEach((type, i) => {
        claim = expectOk(transitionClaim(claim, makeEvent(type, permittedActor(direction, type), (i + 1) * 10)));
      });
      expect(claim.state).to.equal('rated');
      expect(claim.history.map((h) => [h.from, h.to])).to.deep.equal([
        ['pending', 'accepted'],
        ['accepted', 'in-progress'],
        ['in-progress', 'completed'],
        ['completed', 'rated'],
      ]);
      expect(claim.beneficiaries).to.equal(12);
      expect(claim.rating).to.deep.equal({ score: 5, comment: '服务很及时' });
      expect(claim.updatedAt).to.equal(t(40));
      expect(claim.createdAt).to.equal(T0);
      expect(isValidClaim(claim)).to.equal(true);
    });
  }

  it('records beneficiaries on complete, 0 included', () => {
    const claim = expectOk(transitionClaim(drive('need-claim', 'in-progress'), makeEvent('complete', org, 100, { beneficiaries: 0 })));
    expect(claim.beneficiaries).to.equal(0);
    expect(claim.rating).to.equal(null);
  });

  it('records the rating on rate; a missing comment becomes empty', () => {
    const rating = { score: 3 } as ClaimRating;
    const claim = expectOk(transitionClaim(drive('offer-booking', 'completed'), makeEvent('rate', resident, 100, { rating })));
    expect(claim.rating).to.deep.equal({ score: 3, comment: '' });
    expect(claim.beneficiaries).to.equal(12);
    expect(isValidClaim(claim)).to.equal(true);
  });

  it('stores only the actor fields of by', () => {
    const by = { ...staff, token: 'secret' } as Actor;
    const claim = expectOk(transitionClaim(needClaim(), makeEvent('accept', by, 5)));
    expect(claim.history[0]?.by).to.deep.equal(staff);
  });

  it('accepts events at the same instant as the last one, written with any offset', () => {
    let claim = expectOk(transitionClaim(needClaim(), makeEvent('accept', staff, 10)));
    // t(10) is 08:10Z, i.e. 16:10 in Beijing
    claim = expectOk(transitionClaim(claim, { type: 'start', id: nextId(), by: org, at: '2024-05-01T16:10:00+08:00' }));
    expect(claim.state).to.equal('in-progress');
    expect(isValidClaim(claim)).to.equal(true);
  });
});

// ---------------------------------------------------------------------------
// Illegal transitions
// ---------------------------------------------------------------------------

describe('transitionClaim: illegal transitions', () => {
  for (const direction of CLAIM_DIRECTIONS) {
    for (const from of CLAIM_STATES) {
      for (const type of CLAIM_EVENT_TYPES) {
        if (CLAIM_TRANSITIONS[from][type] !== undefined) continue;
        it(`${direction}: ${type} from ${from} is illegal`, () => {
          const claim = drive(direction, from);
          // even an actor who could send this event elsewhere is refused
          const error = expectError(transitionClaim(claim, makeEvent(type, permittedActor(direction, type), 100)), 'illegal-transition');
          expect(error).to.be.instanceOf(ClaimTransitionError);
          expect(error).to.be.instanceOf(Error);
          expect(error.name).to.equal('ClaimTransitionError');
          expect(error.from).to.equal(from);
          expect(error.event).to.equal(type);
          expect(error.message).to.be.a('string').and.not.equal('');
          expect(canTransition(claim, type, permittedActor(direction, type))).to.equal(false);
        });
      }
    }
  }

  it('reports an illegal transition before a forbidden actor or a bad payload', () => {
    const declined = drive('need-claim', 'declined');
    expectError(transitionClaim(declined, makeEvent('withdraw', otherOrg, 100, { reason: undefined })), 'illegal-transition');
  });

  it('reports a forbidden actor before a bad payload', () => {
    expectError(transitionClaim(needClaim(), makeEvent('decline', otherOrg, 100, { reason: undefined })), 'forbidden-actor');
  });
});

// ---------------------------------------------------------------------------
// Who may do what
// ---------------------------------------------------------------------------

interface PermissionCase {
  type: ClaimEventType;
  from: ClaimState;
  allowed: Actor[];
  forbidden: Actor[];
}

const PERMISSIONS: Record<ClaimDirection, PermissionCase[]> = {
  'need-claim': [
    { type: 'accept', from: 'pending', allowed: [staff, admin], forbidden: [org, otherOrg, resident, system] },
    { type: 'decline', from: 'pending', allowed: [staff, admin], forbidden: [org, otherOrg, resident, system] },
    {
      type: 'withdraw',
      from: 'pending',
      allowed: [org, staff, admin],
      forbidden: [otherOrg, resident, system, residentNamedLikeOrg],
    },
    { type: 'withdraw', from: 'accepted', allowed: [org, staff, admin], forbidden: [otherOrg, resident, system] },
    { type: 'withdraw', from: 'in-progress', allowed: [org, staff, admin], forbidden: [otherOrg, resident, system] },
    { type: 'expire', from: 'pending', allowed: [system], forbidden: [org, otherOrg, resident, staff, admin] },
    {
      type: 'start',
      from: 'accepted',
      allowed: [org, staff, admin],
      forbidden: [otherOrg, resident, system, residentNamedLikeOrg],
    },
    { type: 'complete', from: 'in-progress', allowed: [org, staff, admin], forbidden: [otherOrg, resident, system] },
    // the organization is the requester of a need-claim, but does not rate its own work
    { type: 'rate', from: 'completed', allowed: [resident, otherResident, staff], forbidden: [org, otherOrg, admin, system] },
  ],
  'offer-booking': [
    {
      type: 'accept',
      from: 'pending',
      allowed: [org, staff, admin],
      forbidden: [otherOrg, resident, system, residentNamedLikeOrg],
    },
    { type: 'decline', from: 'pending', allowed: [org, staff, admin], forbidden: [otherOrg, resident, system] },
    {
      type: 'withdraw',
      from: 'pending',
      allowed: [resident, staff, admin],
      forbidden: [otherResident, org, system, orgNamedLikeResident],
    },
    { type: 'withdraw', from: 'accepted', allowed: [resident, staff, admin], forbidden: [otherResident, org, system] },
    { type: 'withdraw', from: 'in-progress', allowed: [resident, staff, admin], forbidden: [otherResident, org, system] },
    { type: 'expire', from: 'pending', allowed: [system], forbidden: [org, resident, staff, admin] },
    { type: 'start', from: 'accepted', allowed: [org, staff, admin], forbidden: [otherOrg, resident, system] },
    { type: 'complete', from: 'in-progress', allowed: [org, staff, admin], forbidden: [otherOrg, resident, system] },
    {
      type: 'rate',
      from: 'completed',
      allowed: [resident, staff],
      forbidden: [otherResident, org, admin, system, orgNamedLikeResident],
    },
  ],
};

describe('transitionClaim: who may do what', () => {
  for (const direction of CLAIM_DIRECTIONS) {
    for (const { type, from, allowed, forbidden } of PERMISSIONS[direction]) {
      for (const actor of allowed) {
        it(`${direction}: ${actor.role} ${actor.id} may ${type} from ${from}`, () => {
          const claim = drive(direction, from);
          expect(canTransition(claim, type, actor)).to.equal(true);
          expect(allowedEvents(claim, actor)).to.include(type);
          expectOk(transitionClaim(claim, makeEvent(type, actor, 100)));
        });
      }
      for (const actor of forbidden) {
        it(`${direction}: ${actor.role} ${actor.id} may not ${type} from ${from}`, () => {
          const claim = drive(direction, from);
          expect(canTransition(claim, type, actor)).to.equal(false);
          expect(allowedEvents(claim, actor)).not.to.include(type);
          const error = expectError(transitionClaim(claim, makeEvent(type, actor, 100)), 'forbidden-actor');
          expect(error.from).to.equal(from);
          expect(error.event).to.equal(type);
        });
      }
    }
  }

  it('lists the buttons each actor would see', () => {
    const pendingNeed = needClaim();
    expect(allowedEvents(pendingNeed, staff)).to.deep.equal(['accept', 'decline', 'withdraw']);
    expect(allowedEvents(pendingNeed, org)).to.deep.equal(['withdraw']);
    expect(allowedEvents(pendingNeed, system)).to.deep.equal(['expire']);
    expect(allowedEvents(pendingNeed, resident)).to.deep.equal([]);
    const pendingBooking = booking();
    expect(allowedEvents(pendingBooking, org)).to.deep.equal(['accept', 'decline']);
    expect(allowedEvents(pendingBooking, resident)).to.deep.equal(['withdraw']);
    expect(allowedEvents(drive('offer-booking', 'accepted'), org)).to.deep.equal(['start']);
    expect(allowedEvents(drive('offer-booking', 'in-progress'), admin)).to.deep.equal(['withdraw', 'complete']);
    expect(allowedEvents(drive('offer-booking', 'completed'), resident)).to.deep.equal(['rate']);
    for (const final of ['declined', 'withdrawn', 'expired', 'rated'] as const) {
      for (const actor of [org, staff, admin, system, resident]) {
        expect(allowedEvents(drive('offer-booking', final), actor)).to.deep.equal([]);
      }
    }
  });

  it('refuses a malformed actor as an invalid event', () => {
    const claim = needClaim();
    expect(canTransition(claim, 'accept', { role: 'staff', id: 'has space' })).to.equal(false);
    expectError(transitionClaim(claim, makeEvent('accept', { role: 'staff', id: 'has space' }, 5)), 'invalid-event');
    expectError(transitionClaim(claim, makeEvent('accept', { role: 'janitor' } as unknown as Actor, 5)), 'invalid-event');
    expectError(transitionClaim(claim, makeEvent('accept', null as unknown as Actor, 5)), 'invalid-event');
  });
});

// ---------------------------------------------------------------------------
// Invalid events
// ---------------------------------------------------------------------------

describe('transitionClaim: invalid events', () => {
  for (const direction of CLAIM_DIRECTIONS) {
    for (const from of ['pending', 'accepted', 'in-progress'] as const) {
      it(`${direction}: withdraw from ${from} needs a reason`, () => {
        const claim = drive(direction, from);
        const by = permittedActor(direction, 'withdraw');
        for (const reason of [undefined, '', '   ', '\n\t']) {
          expectError(transitionClaim(claim, makeEvent('withdraw', by, 100, { reason })), 'invalid-event');
        }
      });
    }
    it(`${direction}: decline needs a reason`, () => {
      const claim = fresh(direction);
      const by = permittedActor(direction, 'decline');
      for (const reason of [undefined, '', '   ']) {
        const error = expectError(transitionClaim(claim, makeEvent('decline', by, 5, { reason })), 'invalid-event');
        expect(error.from).to.equal('pending');
        expect(error.event).to.equal('decline');
      }
    });
  }

  it('refuses a reason that the schema would not store', () => {
    const claim = needClaim();
    for (const reason of ['x'.repeat(501), 'bell\u0007']) {
      expectError(transitionClaim(claim, makeEvent('accept', staff, 5, { reason })), 'invalid-event');
      expectError(transitionClaim(claim, makeEvent('decline', staff, 5, { reason })), 'invalid-event');
    }
    expectOk(transitionClaim(claim, makeEvent('accept', staff, 5, { reason: 'x'.repeat(500) })));
  });

  it('complete needs a non-negative integer of beneficiaries', () => {
    const claim = drive('offer-booking', 'in-progress');
    for (const beneficiaries of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3' as unknown as number]) {
      expectError(transitionClaim(claim, makeEvent('complete', org, 100, { beneficiaries })), 'invalid-event');
    }
    const { beneficiaries: _omitted, ...noCount } = makeEvent('complete', org, 100) as Extract<ClaimEvent, { type: 'complete' }>;
    expectError(transitionClaim(claim, noCount as ClaimEvent), 'invalid-event');
  });

  it('rate needs an integer score from 1 to 5 and a short comment', () => {
    const claim = drive('need-claim', 'completed');
    const bad: unknown[] = [
      { score: 0, comment: '' },
      { score: 6, comment: '' },
      { score: 4.5, comment: '' },
      { score: '5', comment: '' },
      { score: 5, comment: 'x'.repeat(501) },
      null,
    ];
    for (const rating of bad) {
      // spread in, since makeEvent would fill in a default for null
      const event = { ...makeEvent('rate', resident, 100), rating: rating as ClaimRating } as ClaimEvent;
      expectError(transitionClaim(claim, event), 'invalid-event');
    }
    for (const score of [1, 2, 3, 4, 5]) {
      expect(expectOk(transitionClaim(claim, makeEvent('rate', resident, 100, { rating: { score, comment: '' } }))).rating?.score).to.equal(score);
    }
  });

  it('expire waits for the deadline', () => {
    const claim = needClaim(); // expires at t(60)
    const error = expectError(transitionClaim(claim, makeEvent('expire', system, 59)), 'invalid-event');
    expect(error.event).to.equal('expire');
    expect(expectOk(transitionClaim(claim, makeEvent('expire', system, 60))).state).to.equal('expired');
    expect(expectOk(transitionClaim(claim, makeEvent('expire', system, 600))).state).to.equal('expired');
  });

  it('expire works any time when the claim has no deadline', () => {
    expect(expectOk(transitionClaim(booking(null), makeEvent('expire', system, 1))).state).to.equal('expired');
  });

  it('compares the deadline as an instant, whatever the offset', () => {
    // 16:59 in Beijing is 08:59Z, a minute before the deadline
    const early = { type: 'expire' as const, id: nextId(), by: system, at: '2024-05-01T16:59:00+08:00' };
    expectError(transitionClaim(needClaim(), early), 'invalid-event');
    const onTime = { type: 'expire' as const, id: nextId(), by: system, at: '2024-05-01T17:00:00+0800' };
    expectOk(transitionClaim(needClaim(), onTime));
  });

  it('refuses events out of clock order', () => {
    const accepted = expectOk(transitionClaim(needClaim(), makeEvent('accept', staff, 30)));
    expectError(transitionClaim(accepted, makeEvent('start', org, 29)), 'invalid-event');
    // written in another offset, 16:29 Beijing is still before 08:30Z
    expectError(transitionClaim(accepted, { type: 'start', id: nextId(), by: org, at: '2024-05-01T16:29:59.999+08:00' }), 'invalid-event');
    // sub-millisecond order counts too
    const precise = expectOk(transitionClaim(needClaim(), { type: 'accept', id: nextId(), by: staff, at: '2024-05-01T08:30:00.0000002Z' }));
    expectError(transitionClaim(precise, { type: 'start', id: nextId(), by: org, at: '2024-05-01T08:30:00.0000001Z' }), 'invalid-event');
    expectOk(transitionClaim(precise, { type: 'start', id: nextId(), by: org, at: '2024-05-01T08:30:00.0000002Z' }));
  });

  it('refuses events from before the claim was made', () => {
    expectError(transitionClaim(needClaim(), makeEvent('accept', staff, -1)), 'invalid-event');
    expectOk(transitionClaim(needClaim(), makeEvent('accept', staff, 0)));
  });

  it('refuses malformed ids, timestamps and types', () => {
    const claim = needClaim();
    for (const id of ['', ' ev-x', 'ev x', 'x'.repeat(65)]) {
      expectError(transitionClaim(claim, makeEvent('accept', staff, 5, { id })), 'invalid-event');
    }
    for (const at of ['2024-05-01', 'yesterday', '2024-05-01T25:00:00Z', '']) {
      expectError(transitionClaim(claim, { ...makeEvent('accept', staff, 5), at }), 'invalid-event');
    }
    const unknown = { ...makeEvent('accept', staff, 5), type: 'approve' } as unknown as ClaimEvent;
    const error = expectError(transitionClaim(claim, unknown), 'invalid-event');
    expect(error.from).to.equal('pending');
    const proto = { ...makeEvent('accept', staff, 5), type: 'toString' } as unknown as ClaimEvent;
    expectError(transitionClaim(claim, proto), 'invalid-event');
    expect(canTransition(claim, 'toString' as ClaimEventType, staff)).to.equal(false);
  });
});

// ---------------------------------------------------------------------------
// Idempotency and purity
// ---------------------------------------------------------------------------

describe('transitionClaim: idempotency', () => {
  it('returns the same claim, unchanged, for a replayed event', () => {
    const accept = makeEvent('accept', staff, 10);
    const accepted = expectOk(transitionClaim(needClaim(), accept));
    const replay = transitionClaim(accepted, accept);
    expect(replay).to.deep.equal({ ok: true, claim: accepted, changed: false });
    expect(replay.ok && replay.claim).to.equal(accepted);
  });

  it('ignores a replay after the claim has moved on, even to a final state', () => {
    const accept = makeEvent('accept', staff, 10);
    let claim = expectOk(transitionClaim(needClaim(), accept));
    claim = expectOk(transitionClaim(claim, makeEvent('withdraw', org, 20)));
    const replay = transitionClaim(claim, accept);
    expect(replay.ok && replay.changed).to.equal(false);
    expect(replay.ok && replay.claim).to.equal(claim);
  });

  it('treats a different event under a used id as the same event', () => {
    const accept = makeEvent('accept', staff, 10);
    const accepted = expectOk(transitionClaim(needClaim(), accept));
    const clash = makeEvent('withdraw', resident, 0, { id: accept.id, reason: undefined });
    const replay = transitionClaim(accepted, clash);
    expect(replay.ok && !replay.changed && replay.claim === accepted).to.equal(true);
  });

  it('does not remember refused events: the same id may succeed later', () => {
    const start = makeEvent('start', org, 20);
    expectError(transitionClaim(needClaim(), start), 'illegal-transition');
    const accepted = expectOk(transitionClaim(needClaim(), makeEvent('accept', staff, 10)));
    expect(expectOk(transitionClaim(accepted, start)).state).to.equal('in-progress');
  });
});

describe('transitionClaim: purity', () => {
  for (const direction of CLAIM_DIRECTIONS) {
    it(`${direction}: never mutates a deeply frozen claim or event`, () => {
      const steps: [ClaimEventType, number][] = [
        ['accept', 10],
        ['start', 20],
        ['complete', 30],
        ['rate', 40],
      ];
      let claim = deepFreeze(fresh(direction));
      for (const [type, minutes] of steps) {
        const before = structuredClone(claim);
        const event = deepFreeze(makeEvent(type, permittedActor(direction, type), minutes));
        const next = expectOk(transitionClaim(claim, event));
        expect(claim).to.deep.equal(before);
        // refusals and replays leave it alone too
        transitionClaim(claim, deepFreeze(makeEvent('expire', staff, minutes)));
        transitionClaim(next, event);
        expect(claim).to.deep.equal(before);
        claim = deepFreeze(next);
      }
      expect(claim.state).to.equal('rated');
    });
  }

  it('leaves a frozen withdrawn path intact', () => {
    const claim = deepFreeze(drive('offer-booking', 'in-progress'));
    const snapshot = JSON.stringify(claim);
    const next = expectOk(transitionClaim(claim, deepFreeze(makeEvent('withdraw', resident, 100))));
    expect(next.state).to.equal('withdrawn');
    expect(JSON.stringify(claim)).to.equal(snapshot);
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

const RUNS = { numRuns: 1000 };

const ACTOR_IDS = [ORG_ID, 'org-2', 'res-1', 'res-2', 'staff-1', 'scheduler'] as const;

/** Every role with right and wrong ids, weighted towards the actors who can act, plus malformed ones. */
const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(org, staff, resident, system, admin) },
  { weight: 6, arbitrary: fc.record({ role: fc.constantFrom(...ACTOR_ROLES), id: fc.constantFrom(...ACTOR_IDS) }) },
  { weight: 1, arbitrary: fc.constant({ role: 'staff', id: 'not an id' }) },
);

interface Step {
  type: ClaimEventType;
  by: Actor;
  /** Minutes after the previous event; negative breaks clock order. */
  dt: number;
  reason: string | undefined;
  beneficiaries: number;
  rating: ClaimRating;
  /** Reuse the id of an earlier event (by position) instead of a new one. */
  reuse: number | null;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  // every type, but the forward ones more often so that runs get past the first steps
  type: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<ClaimEventType>('accept', 'start', 'complete', 'rate') },
    { weight: 1, arbitrary: fc.constantFrom<ClaimEventType>(...CLAIM_EVENT_TYPES) },
  ),
  by: actorArb,
  dt: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 24 * 60 }) }, { weight: 1, arbitrary: fc.integer({ min: -240, max: -1 }) }),
  reason: fc.constantFrom(undefined, '', '   ', '居民已入住养老院', 'schedule clash', 'x'.repeat(501)),
  beneficiaries: fc.oneof({ weight: 6, arbitrary: fc.nat(200) }, { weight: 1, arbitrary: fc.constantFrom(-1, 2.5, Number.NaN) }),
  rating: fc.record({
    score: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 6, 3.5) }),
    comment: fc.constantFrom('', '很满意', '  来得及时  '),
  }),
  reuse: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
});

interface ClaimSetup {
  direction: ClaimDirection;
  requestedBy: Actor;
  expiresIn: number | null;
}

const setupArb: fc.Arbitrary<ClaimSetup> = fc.constantFrom<ClaimDirection>(...CLAIM_DIRECTIONS).chain((direction) =>
  fc.record({
    direction: fc.constant(direction),
    requestedBy: direction === 'need-claim' ? fc.constantFrom(org, staff) : fc.constantFrom(resident, otherResident, staff),
    expiresIn: fc.option(fc.integer({ min: 0, max: 7 * 24 * 60 }), { nil: null }),
  }),
);

const claimFrom = (s: ClaimSetup): Claim =>
  createClaim({
    id: 'claim-p',
    direction: s.direction,
    needId: s.direction === 'need-claim' ? 'need-p' : null,
    offerId: s.direction === 'offer-booking' ? 'offer-p' : null,
    organizationId: ORG_ID,
    requestedBy: s.requestedBy,
    at: T0,
    expiresAt: s.expiresIn === null ? null : t(s.expiresIn),
  });

/** Turns generated steps into concrete events: ids, timestamps from T0 on. */
function toEvents(steps: Step[]): ClaimEvent[] {
  let minutes = 0;
  return steps.map((step, i) => {
    minutes += step.dt;
    const id = step.reuse === null || i === 0 ? `p-${i}` : `p-${step.reuse % i}`;
    const base = { id, by: step.by, at: t(minutes), ...(step.reason === undefined ? {} : { reason: step.reason }) };
    switch (step.type) {
      case 'complete':
        return { ...base, type: step.type, beneficiaries: step.beneficiaries };
      case 'rate':
        return { ...base, type: step.type, rating: step.rating };
      default:
        return { ...base, type: step.type };
    }
  });
}

const stepsArb = fc.array(stepArb, { maxLength: 60, size: 'max' });

/** A result with the error reduced to its data, for deep comparison. */
const plain = (result: ClaimResult): unknown =>
  result.ok
    ? result
    : { ok: false, code: result.error.code, from: result.error.from, event: result.error.event, message: result.error.message };

describe('transitionClaim: properties', () => {
  it('keeps every claim valid and every transition in the table, whatever arrives', () => {
    const reached = new Set<ClaimState>();
    fc.assert(
      fc.property(setupArb, stepsArb, (setup, steps) => {
        let claim = deepFreeze(claimFrom(setup));
        let applied = 0;
        let finalReached: ClaimState | null = null;
        for (const event of toEvents(steps)) {
          const before = claim;
          const seen = before.history.some((h) => h.eventId === event.id);
          const could = canTransition(before, event.type, event.by);
          const result = transitionClaim(before, event);
          if (result.ok && result.changed) {
            applied += 1;
            expect(seen).to.equal(false);
            expect(could, 'canTransition agreed').to.equal(true);
            claim = deepFreeze(result.claim);
            const last = claim.history.at(-1);
            expect(last?.eventId).to.equal(event.id);
            expect(last?.from).to.equal(before.state);
            expect(last && CLAIM_TRANSITIONS[last.from][last.event]).to.equal(claim.state);
          } else if (result.ok) {
            expect(seen).to.equal(true);
            expect(result.claim).to.equal(before);
          } else {
            expect(seen).to.equal(false);
            expect(result.error).to.be.instanceOf(ClaimTransitionError);
            expect(result.error.from).to.equal(before.state);
            expect(result.error.event).to.equal(event.type);
            if (result.error.code === 'illegal-transition') {
              expect(CLAIM_TRANSITIONS[before.state][event.type]).to.equal(undefined);
            }
            // what canTransition promised can only fail on the event's own data
            if (could) expect(result.error.code).to.equal('invalid-event');
          }
          expect(CLAIM_STATES).to.include(claim.state);
          if (finalReached !== null) expect(claim.state).to.equal(finalReached);
          else if (isFinalClaimState(claim.state)) finalReached = claim.state;
          expect(isValidClaim(claim)).to.equal(true);
          reached.add(claim.state);
        }
        expect(claim.history).to.have.length(applied);
        claim.history.forEach((h, i) => {
          expect(CLAIM_TRANSITIONS[h.from][h.event], `${h.from} --${h.event}-->`).to.equal(h.to);
          expect(h.from).to.equal(i === 0 ? 'pending' : claim.history[i - 1]?.to);
          // the history is in clock order, from the claim's creation on (all generated times are UTC)
          expect(Date.parse(h.at)).to.be.at.least(Date.parse(claim.history[i - 1]?.at ?? claim.createdAt));
        });
        expect(claim.state).to.equal(claim.history.at(-1)?.to ?? 'pending');
      }),
      RUNS,
    );
    // the generator must actually explore the machine, or the property proves little
    expect([...reached]).to.have.members([...CLAIM_STATES]);
  });

  it('ignores any replay of an applied event, later in the sequence', () => {
    const replayArb = fc.array(fc.option(fc.record({ pick: fc.nat(), tamper: fc.boolean() }), { nil: null }), { maxLength: 40 });
    let replays = 0;
    fc.assert(
      fc.property(setupArb, stepsArb, replayArb, (setup, steps, plan) => {
        let claim = deepFreeze(claimFrom(setup));
        const applied: ClaimEvent[] = [];
        toEvents(steps).forEach((event, i) => {
          const result = transitionClaim(claim, event);
          if (result.ok && result.changed) {
            claim = deepFreeze(result.claim);
            applied.push(event);
          }
          const replay = plan[i];
          if (!replay || applied.length === 0) return;
          const original = applied[replay.pick % applied.length];
          if (!original) return;
          // a tampered replay keeps only the id: still the same event
          const again: ClaimEvent = replay.tamper
            ? { type: 'withdraw', id: original.id, by: system, at: t(-10_000) }
            : original;
          const snapshot = structuredClone(claim);
          const out = transitionClaim(claim, again);
          replays += 1;
          expect(out.ok && out.changed).to.equal(false);
          expect(out.ok && out.claim).to.equal(claim);
          expect(out.ok && out.claim).to.deep.equal(snapshot);
        });
      }),
      RUNS,
    );
    expect(replays).to.be.greaterThan(100);
  });

  it('is deterministic: the same sequence twice gives the same results', () => {
    fc.assert(
      fc.property(setupArb, stepsArb, (setup, steps) => {
        const run = (): unknown[] => {
          let claim = claimFrom(setup);
          return toEvents(steps).map((event) => {
            const result = transitionClaim(claim, event);
            if (result.ok) claim = result.claim;
            return plain(result);
          });
        };
        expect(run()).to.deep.equal(run());
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------
// The need a claim answers
// ---------------------------------------------------------------------------

const states = (...list: ClaimState[]): { state: ClaimState }[] => list.map((state) => ({ state }));
/** Every move the table allows, as [from, to]. */
const MOVES: [ClaimState, ClaimState][] = CLAIM_STATES.flatMap((from) =>
  Object.values(CLAIM_TRANSITIONS[from]).map((to): [ClaimState, ClaimState] => [from, to]),
);
const HOLDING: readonly ClaimState[] = ['accepted', 'in-progress', 'completed', 'rated'];

describe('needStatusAfter', () => {
  it('follows one claim forward: claimed, in progress, completed, and completed once rated', () => {
    expect(needStatusAfter('published', { from: 'pending', to: 'accepted' }, states('accepted'))).to.equal('claimed');
    expect(needStatusAfter('claimed', { from: 'accepted', to: 'in-progress' }, states('in-progress'))).to.equal('in-progress');
    expect(needStatusAfter('in-progress', { from: 'in-progress', to: 'completed' }, states('completed'))).to.equal('completed');
    expect(needStatusAfter('completed', { from: 'completed', to: 'rated' }, states('rated'))).to.equal('completed');
  });

  it('lists the need again when the claim that held it is withdrawn, from accepted or in progress', () => {
    expect(REOPENED_NEED_STATUS).to.equal('published');
    expect(NEED_STATUSES).to.include(REOPENED_NEED_STATUS);
    expect(needStatusAfter('claimed', { from: 'accepted', to: 'withdrawn' }, states('withdrawn'))).to.equal('published');
    expect(needStatusAfter('in-progress', { from: 'in-progress', to: 'withdrawn' }, states('withdrawn', 'declined', 'expired'))).to.equal(
      'published',
    );
  });

  it('keeps the need as another claim still holding it implies', () => {
    expect(needStatusAfter('claimed', { from: 'accepted', to: 'withdrawn' }, states('withdrawn', 'accepted'))).to.equal('claimed');
    expect(needStatusAfter('in-progress', { from: 'in-progress', to: 'withdrawn' }, states('withdrawn', 'in-progress'))).to.equal('in-progress');
    expect(needStatusAfter('in-progress', { from: 'in-progress', to: 'withdrawn' }, states('withdrawn', 'rated'))).to.equal('completed');
    // work taken on and not yet done keeps it in progress, even beside a finished claim
    expect(needStatusAfter('completed', { from: 'pending', to: 'accepted' }, states('completed', 'accepted'))).to.equal('in-progress');
  });

  it('changes nothing when a pending claim is declined, withdrawn or expired', () => {
    for (const to of ['declined', 'withdrawn', 'expired'] as const) {
      for (const status of NEED_STATUSES) {
        expect(needStatusAfter(status, { from: 'pending', to }, states(to)), `${status}, pending → ${to}`).to.equal(status);
        expect(needStatusAfter(status, { from: 'pending', to }, states(to, 'accepted')), `${status} beside an accepted claim`).to.equal(status);
      }
    }
  });

  it('never moves a closed need, and never reopens one a claim did not set', () => {
    for (const [from, to] of MOVES) {
      expect(needStatusAfter('closed', { from, to }, states(to, 'in-progress'))).to.equal('closed');
      expect(needStatusAfter('closed', { from, to }, states(to))).to.equal('closed');
    }
    for (const status of ['submitted', 'verified', 'published'] as const) {
      expect(needStatusAfter(status, { from: 'accepted', to: 'withdrawn' }, states('withdrawn'))).to.equal(status);
    }
  });

  it('gives the same answer in any order of claims, and a status claims set while any claim holds the need', () => {
    const moveArb = fc.constantFrom(...MOVES);
    fc.assert(
      fc.property(
        fc.constantFrom(...NEED_STATUSES),
        moveArb,
        fc.array(fc.constantFrom(...CLAIM_STATES), { maxLength: 6 }),
        fc.nat(),
        (status: NeedStatus, [from, to], others, shift) => {
          const all = states(...others, to);
          const rotated = [...all.slice(shift % all.length), ...all.slice(0, shift % all.length)];
          const after = needStatusAfter(status, { from, to }, all);
          expect(needStatusAfter(status, { from, to }, rotated)).to.equal(after);
          const moves = HOLDING.includes(from) || HOLDING.includes(to);
          if (status === 'closed' || !moves) expect(after).to.equal(status);
          else if (all.some((c) => HOLDING.includes(c.state))) expect(CLAIM_SET_NEED_STATUSES).to.include(after);
          else expect(after).to.equal(CLAIM_SET_NEED_STATUSES.includes(status) ? REOPENED_NEED_STATUS : status);
        },
      ),
      RUNS,
    );
  });

  it('leaves a published need published once every claim on it has ended without the work, whatever happened on the way', () => {
    // several claims on one need, moved in any order along the table
    const planArb = fc.array(fc.record({ claim: fc.nat({ max: 3 }), pick: fc.nat() }), { maxLength: 40 });
    fc.assert(
      fc.property(planArb, (plan) => {
        const claims: ClaimState[] = ['pending', 'pending', 'pending', 'pending'];
        let status: NeedStatus = 'published';
        for (const { claim, pick } of plan) {
          const from = claims[claim] ?? 'pending';
          const next = Object.values(CLAIM_TRANSITIONS[from]);
          const to = next[pick % Math.max(next.length, 1)];
          if (to === undefined) continue;
          claims[claim] = to;
          status = needStatusAfter(status, { from, to }, states(...claims));
          const holding = claims.filter((c) => HOLDING.includes(c));
          if (holding.length === 0) expect(status, claims.join(',')).to.equal('published');
          else expect(CLAIM_SET_NEED_STATUSES).to.include(status);
          if (holding.length > 0 && holding.every((c) => c === 'accepted')) expect(status).to.equal('claimed');
        }
        // end every claim still open without the work
        for (let i = 0; i < claims.length; i++) {
          const from = claims[i] ?? 'pending';
          const to = CLAIM_TRANSITIONS[from].withdraw;
          if (to === undefined) continue;
          claims[i] = to;
          status = needStatusAfter(status, { from, to }, states(...claims));
        }
        const served = claims.some((c) => c === 'completed' || c === 'rated');
        expect(status).to.equal(served ? 'completed' : 'published');
      }),
      RUNS,
    );
  });
});
