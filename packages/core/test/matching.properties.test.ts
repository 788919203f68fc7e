import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { generateDataset } from '@renling/mocks';
import { capacityLeft } from '../src/model.js';
import type { Audience, Organization, PublicNeed, ServiceMode, ServiceOffer } from '../src/model.js';
import { MATCH_PART_NAMES, allocate, createMatchIndex, scoreMatch, suggestNeedsNaive, suggestOffersNaive } from '../src/matching/index.js';
import type { Allocation, MatchContext, MatchWeights } from '../src/matching/index.js';
import { COMMUNITY, DISTRICT, GRID, NOW, OTHER_COMMUNITY, OTHER_GRID, STREET, need, offer, org, orgMap } from './matching-fixtures.js';

/** Fisher–Yates with a small LCG, so a shuffle is reproducible from fast-check's seed. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const weightsArb: fc.Arbitrary<Partial<MatchWeights> | undefined> = fc.option(
  fc.record(Object.fromEntries(MATCH_PART_NAMES.map((name) => [name, fc.integer({ min: 0, max: 40 })])) as Record<keyof MatchWeights, fc.Arbitrary<number>>),
  { nil: undefined },
);

// ---------------------------------------------------------------------------
// Small random worlds: a few needs and offers in the fixture street
// ---------------------------------------------------------------------------

const CATEGORIES = ['elderly.meals', 'elderly.home-care', 'health.chronic-disease', 'legal-aid.consultation', 'mediation.neighbour'] as const;
const NEED_AREAS = [GRID, OTHER_GRID, OTHER_COMMUNITY, `${OTHER_COMMUNITY}001`] as const;
const SERVICE_AREAS = [GRID, COMMUNITY, OTHER_COMMUNITY, STREET, DISTRICT] as const;
const AUDIENCE_POOL: readonly Audience[] = ['elderly', 'disabled', 'youth', 'all-residents'];
const TEXTS: readonly (readonly [title: string, description: string])[] = [
  ['独居老人需要送餐', '腿脚不便，希望中午送餐上门'],
  ['慢性病随访', '高血压老人需要定期测量血压'],
  ['邻里噪音纠纷', '楼上装修噪音，希望调解'],
  ['法律咨询', '遗产继承问题想咨询律师'],
];
const ORGS: Organization[] = [
  org(),
  org({ id: 'org-2', rating: null, registration: { status: 'filed' }, satisfaction: 3.2 }),
  org({ id: 'org-3', rating: '3A', satisfaction: null }),
];
const worldContext = (weights: Partial<MatchWeights> | undefined): MatchContext => ({ organizations: orgMap(...ORGS), now: NOW, ...(weights ? { weights } : {}) });

const needArb = fc.record({
  categoryCode: fc.constantFrom(...CATEGORIES),
  areaCode: fc.constantFrom(...NEED_AREAS),
  audiences: fc.subarray([...AUDIENCE_POOL], { minLength: 1 }),
  urgency: fc.constantFrom('low', 'normal', 'high', 'critical' as const),
  status: fc.constantFrom('published', 'published', 'verified', 'claimed' as const),
  preferredTime: fc.constantFrom('', '周末', '工作日上午', '晚上'),
  text: fc.constantFrom(...TEXTS),
});

const offerArb = fc.record({
  categoryCode: fc.constantFrom(...CATEGORIES),
  serviceAreaCodes: fc.subarray([...SERVICE_AREAS], { minLength: 1, maxLength: 2 }),
  audiences: fc.subarray([...AUDIENCE_POOL], { minLength: 1 }),
  places: fc.integer({ min: 0, max: 2 }),
  status: fc.constantFrom('open', 'open', 'open', 'paused' as const),
  modes: fc.subarray(['on-site', 'home-visit', 'online'] as ServiceMode[], { minLength: 1 }),
  weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { maxLength: 3 }),
  organizationId: fc.constantFrom('org-1', 'org-2', 'org-3'),
  text: fc.constantFrom(...TEXTS),
});

function worldArb(maxNeeds: number, maxOffers: number): fc.Arbitrary<{ needs: PublicNeed[]; offers: ServiceOffer[] }> {
  return fc.record({
    needs: fc.array(needArb, { minLength: 1, maxLength: maxNeeds }).map((list) =>
      list.map(({ text: [title, description], ...n }, i) => need({ ...n, id: `n${i}`, title, description })),
    ),
    offers: fc.array(offerArb, { minLength: 1, maxLength: maxOffers }).map((list) =>
      list.map(({ text: [title, description], places, weekdays, ...o }, i) =>
        offer({
          ...o,
          id: `o${i}`,
          title,
          description,
          capacity: { perPeriod: 2, period: 'week', used: 2 - places },
          schedule: { text: weekdays.length === 0 ? '电话预约' : '上午', weekdays },
        }),
      ),
    ),
  });
}

/** The best total in cents over every assignment (each open need: nothing or one eligible offer with a free place). */
function bruteForceBest(needs: readonly PublicNeed[], offers: readonly ServiceOffer[], context: MatchContext, minScore: number): number {
  const open = needs.filter((n) => n.status === 'published' || n.status === 'verified');
  const options = open.map((n) =>
    offers
      .map((o, j) => ({ j, score: scoreMatch(n, o, context) }))
      .filter(({ score }) => score.eligible && score.total >= minScore)
      .map(({ j, score }) => ({ j, cents: Math.round(score.total * 100) })),
  );
  const left = offers.map((o) => capacityLeft(o));
  let best = 0;
  const walk = (i: number, sum: number): void => {
    if (i === open.length) {
      best = Math.max(best, sum);
      return;
    }
    walk(i + 1, sum);
    for (const { j, cents } of options[i] ?? []) {
      if ((left[j] as number) === 0) continue;
      left[j] = (left[j] as number) - 1;
      walk(i + 1, sum + cents);
      left[j] += 1;
    }
  };
  walk(0, 0);
  return best;
}

function checkAllocation(result: Allocation, needs: readonly PublicNeed[], offers: readonly ServiceOffer[], minScore: number): void {
  const taken = new Map<string, number>();
  const seenNeeds = new Set<string>();
  for (const p of result.pairs) {
    expect(seenNeeds.has(p.needId), `${p.needId} twice`).to.equal(false);
    seenNeeds.add(p.needId);
    taken.set(p.offerId, (taken.get(p.offerId) ?? 0) + 1);
    expect(p.score.eligible).to.equal(true);
    expect(p.score.total).to.be.at.least(minScore);
  }
  for (const o of offers) expect(taken.get(o.id) ?? 0, o.id).to.be.at.most(capacityLeft(o));
  const open = needs.filter((n) => n.status === 'published' || n.status === 'verified').map((n) => n.id);
  expect([...result.pairs.map((p) => p.needId), ...result.unmatched.map((u) => u.needId)].sort()).to.deep.equal([...open].sort());
  expect(result.optimal).to.equal(true);
}

describe('matching properties: allocation', () => {
  it('reaches the brute-force optimum on small cases (≤ 5 needs × 4 offers, 0–2 places)', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(worldArb(5, 4), weightsArb, fc.constantFrom(0, 0, 40, 70), ({ needs, offers }, weights, minScore) => {
        const context = worldContext(weights);
        const result = allocate(needs, offers, { ...context, minScore });
        checkAllocation(result, needs, offers, minScore);
        expect(Math.round(result.totalScore * 100)).to.equal(bruteForceBest(needs, offers, context, minScore));
      }),
      { numRuns: 300 },
    );
  });

  it('never exceeds an offer’s places on larger random cases', () => {
    fc.assert(
      fc.property(worldArb(14, 8), weightsArb, ({ needs, offers }, weights) => {
        const result = allocate(needs, offers, worldContext(weights));
        checkAllocation(result, needs, offers, 0);
        for (const u of result.unmatched) {
          for (const miss of u.nearestMisses) {
            const o = offers.find((x) => x.id === miss.offerId) as ServiceOffer;
            if (miss.why === 'full') expect(capacityLeft(o)).to.equal(0);
            if (miss.why === 'taken') expect(miss.score.eligible).to.equal(true);
            if (miss.why === 'ineligible') expect(miss.score.eligible).to.equal(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of the lists', () => {
    fc.assert(
      fc.property(worldArb(12, 8), fc.integer(), ({ needs, offers }, seed) => {
        const context = worldContext(undefined);
        const a = allocate(needs, offers, context);
        const b = allocate(shuffled(needs, seed), shuffled(offers, seed + 1), context);
        expect(b).to.deep.equal(a);
      }),
      { numRuns: 100 },
    );
  });
});

describe('matching properties: scores and the index', () => {
  it('scores do not depend on input order, and the index equals all pairs (small worlds)', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(worldArb(10, 10), weightsArb, fc.integer(), fc.integer({ min: 1, max: 6 }), ({ needs, offers }, weights, seed, k) => {
        const context = worldContext(weights);
        const index = createMatchIndex({ needs, offers, ...context });
        const shuffledIndex = createMatchIndex({ needs: shuffled(needs, seed), offers: shuffled(offers, seed + 7), ...context });
        for (const n of needs) {
          const expected = suggestOffersNaive(n, offers, k, context);
          expect(index.suggestOffers(n, k)).to.deep.equal(expected);
          expect(shuffledIndex.suggestOffers(n, k)).to.deep.equal(expected);
          expect(suggestOffersNaive(n, shuffled(offers, seed), k, context)).to.deep.equal(expected);
        }
        for (const o of offers) {
          const expected = suggestNeedsNaive(o, needs, k, context);
          expect(index.suggestNeeds(o, k)).to.deep.equal(expected);
          expect(shuffledIndex.suggestNeeds(o, k)).to.deep.equal(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the index equals all pairs after offers are added, updated and removed one by one', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(
        // many offers for few places in the list, so a bucket's scan often stops early
        worldArb(6, 24),
        weightsArb,
        fc.integer(),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('update', 'remove', 're-add' as const), fc.integer({ min: 0, max: 2 }), fc.constantFrom('org-1', 'org-2', 'org-3', 'org-4')), { maxLength: 12 }),
        ({ needs, offers }, weights, seed, k, changes) => {
          const context = worldContext(weights);
          // half of the offers in bulk, the rest one by one, in a shuffled order
          const order = shuffled(offers, seed);
          const half = order.length >> 1;
          const index = createMatchIndex({ needs, offers: order.slice(0, half), ...context });
          const current = new Map(order.slice(0, half).map((o) => [o.id, o]));
          for (const o of order.slice(half)) {
            index.addOffer(o);
            current.set(o.id, o);
          }
          // then changes of places and organization (so of the points an offer scores alone), removals and additions back
          for (const [at, change, places, organizationId] of changes) {
            const original = offers[at % offers.length] as ServiceOffer;
            const known = current.get(original.id);
            if (change === 'update' && known) {
              const updated = { ...known, organizationId, capacity: { ...known.capacity, used: known.capacity.perPeriod - places } };
              index.updateOffer(updated);
              current.set(updated.id, updated);
            } else if (change === 'remove') {
              expect(index.removeOffer(original.id)).to.equal(known !== undefined);
              current.delete(original.id);
            } else if (change === 're-add' && !known) {
              index.addOffer(original);
              current.set(original.id, original);
            }
          }
          const list = [...current.values()];
          for (const n of needs) expect(index.suggestOffers(n, k)).to.deep.equal(suggestOffersNaive(n, list, k, context));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps buckets in order through offers added, updated and removed one by one', () => {
    // alike offers (the need's own text, field and schedule) differing only in places,
    // organization and area: the bounds a scan stops on are then exact, so a row out of
    // order in a bucket visited after the first changes the result
    const n = need();
    const alike = (id: string, organizationId: string, places: number, area: string): ServiceOffer =>
      offer({ id, organizationId, title: n.title, description: n.description, serviceAreaCodes: [area], capacity: { perPeriod: 12, period: 'week', used: 12 - places } });
    const offerArb = fc.tuple(fc.constantFrom('org-1', 'org-2', 'org-3', 'org-4'), fc.integer({ min: 1, max: 12 }), fc.constantFrom(GRID, COMMUNITY, STREET));
    fc.assert(
      fc.property(
        fc.array(offerArb, { minLength: 1, maxLength: 16 }),
        fc.nat(16),
        fc.array(fc.tuple(fc.nat(), offerArb, fc.boolean()), { maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        weightsArb,
        (list, inBulk, changes, k, weights) => {
          const context = worldContext(weights);
          const offers = list.map(([organizationId, places, area], i) => alike(`o${i}`, organizationId, places, area));
          const index = createMatchIndex({ needs: [n], offers: offers.slice(0, inBulk), ...context });
          const current = new Map(offers.slice(0, inBulk).map((o) => [o.id, o]));
          for (const o of offers.slice(inBulk)) {
            index.addOffer(o);
            current.set(o.id, o);
          }
          for (const [at, [organizationId, places, area], remove] of changes) {
            const id = `o${at % offers.length}`;
            if (remove) {
              index.removeOffer(id);
              current.delete(id);
            } else {
              const changed = alike(id, organizationId, places, area);
              if (current.has(id)) index.updateOffer(changed);
              else index.addOffer(changed);
              current.set(id, changed);
            }
          }
          expect(index.suggestOffers(n, k)).to.deep.equal(suggestOffersNaive(n, [...current.values()], k, context));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the index equals all pairs on generated datasets, whatever the weights', function () {
    // dataset generation dominates; give it room on a busy machine
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(40, 150, 260, 420), weightsArb, fc.integer({ min: 1, max: 8 }), (seed, organizations, weights, k) => {
        const data = generateDataset({ seed, organizations });
        const context: MatchContext = { organizations: orgMap(...data.organizations), now: new Date('2026-11-01T10:00:00+08:00'), ...(weights ? { weights } : {}) };
        const index = createMatchIndex({ needs: data.needs, offers: data.offers, ...context });
        for (const n of data.needs.slice(0, 60)) {
          const fast = index.suggestOffers(n, k);
          const slow = suggestOffersNaive(n, data.offers, k, context);
          expect(fast.map((s) => [s.item.id, s.score.total]), n.id).to.deep.equal(slow.map((s) => [s.item.id, s.score.total]));
        }
        for (const o of data.offers.slice(0, 40)) {
          expect(index.suggestNeeds(o, k).map((s) => s.item.id)).to.deep.equal(suggestNeedsNaive(o, data.needs, k, context).map((s) => s.item.id));
        }
      }),
      { numRuns: 10 },
    );
  });
});
