/**
 * Claims (认领) in both directions, every one built from `createClaim` and a
 * real sequence of events through `transitionClaim`, so each history is one
 * the state machine itself produced and can be replayed.
 */
import { createClaim, maskName, transitionClaim } from '@renling/core';
import type { Actor, Claim, ClaimEvent, ClaimState, Need } from '@renling/core';
import type { TopCode } from './catalog.js';
import type { AreaIndex, OrgFacts } from './context.js';
import { BASE_MS, DAY, HOUR, MINUTE, isoTimestamp } from './dates.js';
import { personName } from './names.js';
import { topOf } from './needs.js';
import type { OfferDraft } from './offers.js';
import type { Rng } from './random.js';

const STATES: readonly ClaimState[] = ['pending', 'accepted', 'declined', 'withdrawn', 'expired', 'in-progress', 'completed', 'rated'];
const STATE_WEIGHTS = [12, 9, 7, 6, 5, 14, 14, 33] as const;
const EXPIRY = 7 * DAY;

const ACCEPT_NOTES = {
  'need-claim': ['', '已核实机构资质和服务能力，同意认领。', '与居民电话确认后同意。'],
  'offer-booking': ['', '已为您预留名额。', '已电话确认服务时间。'],
} as const;
const DECLINE_REASONS = {
  'need-claim': ['该需求已由其他机构认领。', '机构服务范围不覆盖该小区，建议转介。', '需求需要专业医疗服务，已转介社区卫生服务中心。'],
  'offer-booking': ['本期名额已满，请下期再预约。', '服务对象不符合项目要求。', '所选时段暂无服务人员，已电话沟通改期。'],
} as const;
const WITHDRAW_REASONS = {
  organization: ['机构人手调整，暂时无法承接。', '经上门评估，超出机构专业范围。'],
  resident: ['家人已安排照顾，不再需要。', '临时有事，取消预约。', '老人已入住养老院。'],
  staff: ['居民已搬离本社区。', '需求已由居委会协调解决。'],
} as const;
const RATING_COMMENTS: Readonly<Record<number, readonly string[]>> = {
  5: ['服务很周到，老人很满意。', '志愿者很耐心，谢谢！', '解决了我们家的大难题。', ''],
  4: ['总体不错，希望时间能更灵活。', '服务挺好，就是等的时间有点长。', ''],
  3: ['一般，希望增加服务次数。', '还可以，沟通可以更及时。'],
  2: ['上门时间多次变动。', '服务内容和介绍不太一样。'],
  1: ['预约后很久没有人来。', ''],
};

const SYSTEM: Actor = { role: 'system', id: 'system-scheduler', name: '到期处理任务' };

interface ClaimPlan {
  readonly id: string;
  readonly direction: Claim['direction'];
  readonly needId: string | null;
  readonly offerId: string | null;
  readonly org: OrgFacts;
  readonly requestedBy: Actor;
  /** Who answers (accept/decline): staff for needs, the organization for its offers. */
  readonly answerer: Actor;
  /** Who rates: the resident served, or staff on a door-to-door follow-up. */
  readonly rater: Actor;
  /** Earliest moment the claim can be made. */
  readonly notBefore: number;
  readonly target: ClaimState;
  /** Person-times served per session. */
  readonly perSession: number;
}

type Step = { type: ClaimEvent['type']; by: Actor; gap: number };

/** The events that lead from pending to `target`, with gaps in ms; only the ones needed are drawn. */
function stepsTo(rng: Rng, plan: ClaimPlan): Step[] {
  const org: Actor = { role: 'organization', id: plan.org.org.id, name: plan.org.org.name };
  const answer = (type: 'accept' | 'decline'): Step => ({ type, by: plan.answerer, gap: rng.int(2 * 60, 5 * 24 * 60) * MINUTE });
  const start = (): Step => ({ type: 'start', by: org, gap: rng.int(1, 10) * DAY + rng.int(0, 480) * MINUTE });
  const complete = (): Step => ({ type: 'complete', by: org, gap: rng.int(3, 60) * DAY + rng.int(0, 480) * MINUTE });
  const withdraw = (): Step => {
    const by = rng.chance(0.8) || plan.answerer.role !== 'staff' ? plan.requestedBy : plan.answerer;
    return { type: 'withdraw', by, gap: rng.int(1, 96) * HOUR };
  };
  switch (plan.target) {
    case 'pending':
      return [];
    case 'accepted':
      return [answer('accept')];
    case 'declined':
      return [answer('decline')];
    case 'withdrawn': {
      const stage = rng.int(0, 2);
      return stage === 0 ? [withdraw()] : stage === 1 ? [answer('accept'), withdraw()] : [answer('accept'), start(), withdraw()];
    }
    case 'expired':
      return [{ type: 'expire', by: SYSTEM, gap: EXPIRY + rng.int(1, 30) * HOUR }];
    case 'in-progress':
      return [answer('accept'), start()];
    case 'completed':
      return [answer('accept'), start(), complete()];
    case 'rated':
      return [answer('accept'), start(), complete(), { type: 'rate', by: plan.rater, gap: rng.int(12, 240) * HOUR }];
  }
}

function reasonFor(rng: Rng, step: Step, plan: ClaimPlan): string {
  switch (step.type) {
    case 'accept':
      return rng.pick(ACCEPT_NOTES[plan.direction]);
    case 'decline':
      return rng.pick(DECLINE_REASONS[plan.direction]);
    case 'withdraw':
      return rng.pick(step.by.role === 'organization' ? WITHDRAW_REASONS.organization : step.by.role === 'resident' ? WITHDRAW_REASONS.resident : WITHDRAW_REASONS.staff);
    case 'expire':
      return '超过七天未确认，系统自动失效。';
    case 'start':
      return rng.chance(0.3) ? '首次服务前已上门评估。' : '';
    default:
      return '';
  }
}

/** Builds the claim, or returns null when its story does not fit before the base date. */
function buildClaim(rng: Rng, plan: ClaimPlan): Claim | null {
  const steps = stepsTo(rng, plan);
  const span = steps.reduce((sum, s) => sum + s.gap, 0);
  const latestStart = BASE_MS - span - 10 * MINUTE;
  if (latestStart < plan.notBefore) return null;
  // pending claims are recent (not yet due to expire); the others anywhere that fits
  const earliest = plan.target === 'pending' ? Math.max(plan.notBefore, BASE_MS - EXPIRY + HOUR) : plan.notBefore;
  if (earliest > latestStart) return null;
  const createdMs = earliest + Math.floor(rng.next() * Math.min(latestStart - earliest, 200 * DAY) / MINUTE) * MINUTE;

  let claim = createClaim({
    id: plan.id,
    direction: plan.direction,
    needId: plan.needId,
    offerId: plan.offerId,
    organizationId: plan.org.org.id,
    requestedBy: plan.requestedBy,
    at: isoTimestamp(createdMs),
    expiresAt: isoTimestamp(createdMs + EXPIRY),
  });
  let at = createdMs;
  let sessions = 1;
  steps.forEach((step, n) => {
    at += step.gap;
    const base = { id: `${plan.id}-e${n + 1}`, by: step.by, at: isoTimestamp(at), reason: reasonFor(rng, step, plan) };
    let event: ClaimEvent;
    if (step.type === 'complete') {
      sessions = Math.max(1, Math.round(step.gap / (7 * DAY)));
      const beneficiaries = plan.perSession * sessions;
      event = { ...base, type: 'complete', beneficiaries, reason: rng.chance(0.4) ? `共服务${beneficiaries}人次。` : '' };
    } else if (step.type === 'rate') {
      const score = rng.weighted([5, 4, 3, 2, 1] as const, [0.52, 0.3, 0.11, 0.05, 0.02]);
      event = { ...base, type: 'rate', rating: { score, comment: rng.pick(RATING_COMMENTS[score] ?? ['']) } };
    } else {
      event = { ...base, type: step.type };
    }
    const result = transitionClaim(claim, event);
    if (!result.ok) throw new Error(`mocks: ${plan.id} ${step.type}: ${result.error.message}`);
    claim = result.claim;
  });
  return claim;
}

/**
 * Need-claims for published needs that an organization of the same field
 * works in the need's district, and bookings for about a quarter of the
 * offers. Every state appears in both directions when there are at least
 * eight claims of each. Updates the needs' status to follow their claims.
 */
export function generateClaims(
  rng: Rng,
  index: AreaIndex,
  facts: readonly OrgFacts[],
  offers: readonly OfferDraft[],
  needs: Need[],
): Claim[] {
  const byDistrictTop = new Map<string, OrgFacts[]>();
  const factsById = new Map<string, OrgFacts>();
  for (const f of facts) {
    factsById.set(f.org.id, f);
    for (const top of new Set(f.offerTops)) {
      const key = `${f.district}|${top}`;
      const list = byDistrictTop.get(key);
      if (list) list.push(f);
      else byDistrictTop.set(key, [f]);
    }
  }
  const staff = new Map<string, Actor>();
  const staffOf = (communityCode: string): Actor => {
    let actor = staff.get(communityCode);
    if (actor === undefined) {
      const community = index.byCode.get(communityCode);
      actor = { role: 'staff', id: `staff-${communityCode}`, name: `${personName(rng)}（${community?.name ?? '居委会'}）` };
      staff.set(communityCode, actor);
    }
    return actor;
  };
  const covers = (f: OrgFacts, areaCode: string): boolean => f.org.serviceAreaCodes.some((sa) => areaCode.startsWith(sa));

  const claims: Claim[] = [];
  let claimNo = 0;
  const nextId = (): string => `claim-${String(++claimNo).padStart(6, '0')}`;
  const forced = { 'need-claim': rng.shuffle([...STATES]), 'offer-booking': rng.shuffle([...STATES]) };
  const drawTarget = (direction: Claim['direction']): ClaimState => forced[direction][0] ?? rng.weighted(STATES, STATE_WEIGHTS);
  const built = (direction: Claim['direction'], claim: Claim): void => {
    const queue = forced[direction];
    const i = queue.indexOf(claim.state);
    if (i !== -1) queue.splice(i, 1);
    claims.push(claim);
  };

  // 需求认领: organizations claim residents' needs
  for (const need of needs) {
    if (need.status !== 'published' || !rng.chance(0.7)) continue;
    const top: TopCode = topOf(need.categoryCode);
    const pool = byDistrictTop.get(`${need.areaCode.slice(0, 6)}|${top}`);
    if (pool === undefined) continue;
    const community = need.areaCode.slice(0, 12);
    let notBefore = Date.parse(need.createdAt) + rng.int(1, 72) * HOUR;
    let last: Claim | null = null;
    for (let round = 0; round < 2; round++) {
      let f = rng.pick(pool);
      for (let attempt = 0; attempt < 6 && !covers(f, need.areaCode); attempt++) f = rng.pick(pool);
      const ownOffer = f.offerIds.find((_, k) => f.offerTops[k] === top);
      const byStaff = rng.chance(0.15);
      const orgActor: Actor = { role: 'organization', id: f.org.id, name: f.org.name };
      const rater: Actor =
        need.channel === 'self' ? { role: 'resident', id: `resident-${need.id}`, name: maskName(need.contact.name) } : staffOf(community);
      const direction = 'need-claim';
      let target = round === 0 ? drawTarget(direction) : rng.weighted(['accepted', 'in-progress', 'completed', 'rated'] as const, [1, 2, 2, 4]);
      const plan = (t: ClaimState): ClaimPlan => ({
        id: `claim-${String(claimNo + 1).padStart(6, '0')}`,
        direction,
        needId: need.id,
        offerId: ownOffer !== undefined && rng.chance(0.6) ? ownOffer : null,
        org: f,
        requestedBy: byStaff ? staffOf(community) : orgActor,
        answerer: staffOf(community),
        rater,
        notBefore,
        target: t,
        perSession: need.beneficiaries,
      });
      let claim = buildClaim(rng, plan(target));
      if (claim === null) {
        target = 'pending';
        claim = buildClaim(rng, plan(target));
      }
      if (claim === null) break;
      nextId();
      built(direction, claim);
      last = claim;
      const failed = claim.state === 'declined' || claim.state === 'withdrawn' || claim.state === 'expired';
      if (!failed || !rng.chance(0.4)) break;
      notBefore = Date.parse(claim.updatedAt) + rng.int(1, 72) * HOUR;
    }
    if (last !== null) {
      need.status =
        last.state === 'accepted' ? 'claimed'
          : last.state === 'in-progress' ? 'in-progress'
            : last.state === 'completed' || last.state === 'rated' ? 'completed'
              : 'published';
      if (last.updatedAt > need.updatedAt) need.updatedAt = last.updatedAt;
    }
  }

  // 服务认领: residents and committees book organizations' offers
  for (const { offer } of offers) {
    if (!rng.chance(offer.status === 'closed' ? 0.08 : 0.25)) continue;
    const f = factsById.get(offer.organizationId);
    if (f === undefined) continue;
    const community = communityIn(rng, index, rng.pick(offer.serviceAreaCodes));
    if (community === null) continue;
    const byResident = rng.chance(0.7);
    const resident: Actor = { role: 'resident', id: `resident-${offer.id}-${claimNo + 1}`, name: maskName(personName(rng)) };
    const requester = byResident ? resident : staffOf(community);
    const orgActor: Actor = { role: 'organization', id: f.org.id, name: f.org.name };
    const direction = 'offer-booking';
    const make = (target: ClaimState): Claim | null =>
      buildClaim(rng, {
        id: `claim-${String(claimNo + 1).padStart(6, '0')}`,
        direction,
        needId: null,
        offerId: offer.id,
        org: f,
        requestedBy: requester,
        answerer: rng.chance(0.9) ? orgActor : staffOf(community),
        rater: requester,
        notBefore: Date.parse(`${offer.validFrom}T09:00:00+08:00`),
        target,
        perSession: rng.int(1, 3),
      });
    const claim = make(drawTarget(direction)) ?? make('pending');
    if (claim === null) continue;
    nextId();
    built(direction, claim);
  }
  return claims;
}

/** A community inside an area: the area itself, one of a street's, or one of a district's. */
function communityIn(rng: Rng, index: AreaIndex, code: string): string | null {
  if (code.length >= 12) return code.slice(0, 12);
  const list = code.length === 9 ? index.communitiesOf.get(code) : index.communitiesOfDistrict.get(code);
  return list !== undefined && list.length > 0 ? rng.pick(list).code : null;
}

/** Mean rating per organization, for its satisfaction figure. */
export function ratingsByOrganization(claims: readonly Claim[]): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const c of claims) {
    if (c.rating === null) continue;
    const s = sums.get(c.organizationId) ?? [0, 0];
    s[0] += c.rating.score;
    s[1] += 1;
    sums.set(c.organizationId, s);
  }
  const out = new Map<string, number>();
  for (const [id, [sum, n]] of sums) out.set(id, Math.round((sum / n) * 10) / 10);
  return out;
}
