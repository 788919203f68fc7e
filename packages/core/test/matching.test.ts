import { expect } from '@open-wc/testing';
import { generateDataset } from '@renling/mocks';
import { LOCALES } from '../src/model.js';
import type { Locale, PublicNeed, ServiceOffer } from '../src/model.js';
import { createAreaTree, demoStreetAreas } from '../src/areas.js';
import {
  DEFAULT_MATCH_WEIGHTS,
  MATCH_PART_NAMES,
  allocate,
  allocationCsv,
  categoryRelation,
  createMatchIndex,
  gapReport,
  gapReportCsv,
  matchReasonText,
  relatedTopCategories,
  scoreMatch,
  suggestNeedsNaive,
  suggestOffersNaive,
  toCsv,
} from '../src/matching/index.js';
import type { MatchContext, MatchPartName, MatchReason, MatchReasonCode, MatchScore } from '../src/matching/index.js';
import { COMMUNITY, DISTRICT, GRID, NOW, OTHER_COMMUNITY, OTHER_GRID, STREET, need, offer, org, orgMap } from './matching-fixtures.js';

const ctx: MatchContext = { organizations: orgMap(org()), now: NOW };
const part = (score: MatchScore, name: MatchPartName) => {
  const found = score.parts.find((p) => p.name === name);
  if (!found) throw new Error(`no part ${name}`);
  return found;
};
const score = (n: Partial<PublicNeed> = {}, o: Partial<ServiceOffer> = {}, context: MatchContext = ctx): MatchScore => scoreMatch(need(n), offer(o), context);

describe('matching: scoreMatch parts and reasons', () => {
  it('sums named parts in a fixed order; default weights sum to 100', () => {
    expect(Object.values(DEFAULT_MATCH_WEIGHTS).reduce((a, b) => a + b, 0)).to.equal(100);
    const s = score();
    expect(s.parts.map((p) => p.name)).to.deep.equal([...MATCH_PART_NAMES]);
    expect(s.eligible).to.equal(true);
    expect(s.blockers).to.deep.equal([]);
    const sum = s.parts.reduce((a, p) => a + Math.round(p.points * 100), 0) / 100;
    expect(s.total).to.equal(sum);
    for (const p of s.parts) {
      expect(p.value, p.name).to.be.within(0, 1);
      expect(p.points, p.name).to.be.closeTo(p.value * DEFAULT_MATCH_WEIGHTS[p.name], 0.01);
      expect(p.reason.part).to.equal(p.name);
    }
    // the fixture pair fits on everything but the text
    expect(s.total).to.be.above(85);
  });

  it('category: same item > same top level > related field; unrelated blocks', () => {
    const same = part(score(), 'category');
    expect([same.value, same.reason.code]).to.deep.equal([1, 'category-same-item']);
    const top = part(score({}, { categoryCode: 'elderly.home-care' }), 'category');
    expect([top.value, top.reason.code]).to.deep.equal([0.7, 'category-same-top']);
    const related = score({}, { categoryCode: 'health.chronic-disease' });
    expect([part(related, 'category').value, part(related, 'category').reason.code]).to.deep.equal([0.4, 'category-related']);
    expect(related.eligible).to.equal(true);
    const unrelated = score({}, { categoryCode: 'legal-aid.consultation' });
    expect(part(unrelated, 'category').reason.code).to.equal('category-unrelated');
    expect(unrelated.eligible).to.equal(false);
    expect(unrelated.blockers).to.deep.equal(['category-unrelated']);
  });

  it('category relations are symmetric and documented', () => {
    expect(categoryRelation('elderly.meals', 'health')).to.equal('related');
    expect(categoryRelation('health', 'elderly.meals')).to.equal('related');
    expect(categoryRelation('legal-aid', 'mediation.neighbour')).to.equal('related');
    expect(categoryRelation('elderly', 'enterprise')).to.equal('unrelated');
    expect(relatedTopCategories('elderly.meals')).to.include.members(['health', 'disability']);
  });

  it('audience: shared groups, all residents, a general need, none', () => {
    expect(part(score(), 'audience').value).to.equal(1);
    const half = part(score({ audiences: ['elderly', 'disabled'] }), 'audience');
    expect(half.value).to.be.closeTo(0.8, 1e-9);
    expect(half.reason).to.deep.equal({ part: 'audience', code: 'audience-overlap', params: { audiences: 'elderly' } });
    expect(part(score({}, { audiences: ['all-residents'] }), 'audience').reason.code).to.equal('audience-all-residents');
    expect(part(score({ audiences: ['all-residents'] }, { audiences: ['families'] }), 'audience').reason.code).to.equal('audience-targeted');
    const none = part(score({}, { audiences: ['youth'] }), 'audience');
    expect([none.value, none.reason.code]).to.deep.equal([0, 'audience-none']);
  });

  it('area: same grid or community > street > district; outside the service area blocks', () => {
    const cases: [string[], number, MatchReasonCode][] = [
      [[GRID], 1, 'area-same-grid'],
      [[COMMUNITY], 1, 'area-same-community'],
      [[STREET], 0.6, 'area-same-street'],
      [[DISTRICT], 0.3, 'area-same-district'],
      [[DISTRICT, COMMUNITY], 1, 'area-same-community'],
    ];
    for (const [codes, value, code] of cases) {
      const p = part(score({}, { serviceAreaCodes: codes }), 'area');
      expect([p.value, p.reason.code], codes.join()).to.deep.equal([value, code]);
    }
    const elsewhere = score({}, { serviceAreaCodes: [OTHER_COMMUNITY] });
    expect(elsewhere.blockers).to.deep.equal(['area-not-served']);
    expect(part(elsewhere, 'area').reason.code).to.equal('area-not-served');
    // a grid team does not cover a need placed only at community level
    expect(score({ areaCode: COMMUNITY }, { serviceAreaCodes: [OTHER_GRID] }).blockers).to.deep.equal(['area-not-served']);
  });

  it('capacity: places left saturate at ten; full, paused, closed and out-of-date offers block', () => {
    const five = part(score({}, { capacity: { perPeriod: 8, period: 'week', used: 3 } }), 'capacity');
    expect(five.value).to.equal(0.5);
    expect(five.reason).to.deep.equal({ part: 'capacity', code: 'capacity-left', params: { left: 5, period: 'week' } });
    const full = score({}, { capacity: { perPeriod: 8, period: 'week', used: 8 } });
    expect(full.blockers).to.deep.equal(['offer-full']);
    expect(part(full, 'capacity').reason.code).to.equal('capacity-full');
    expect(score({}, { status: 'paused' }).blockers).to.deep.equal(['offer-not-open']);
    expect(score({}, { status: 'closed' }).blockers).to.deep.equal(['offer-not-open']);
    const expired = score({}, { validTo: '2026-10-31' });
    expect(expired.blockers).to.deep.equal(['offer-out-of-dates']);
    expect(part(expired, 'capacity').reason.params).to.deep.equal({ status: 'out-of-dates' });
    expect(score({}, { validFrom: '2026-11-02' }).blockers).to.deep.equal(['offer-out-of-dates']);
    // the last valid day still counts
    expect(score({}, { validTo: '2026-11-01' }).eligible).to.equal(true);
  });

  it('a need that is not open (submitted, claimed, closed) blocks', () => {
    for (const status of ['submitted', 'claimed', 'in-progress', 'completed', 'closed'] as const) {
      expect(score({ status }).blockers, status).to.deep.equal(['need-not-open']);
    }
    expect(score({ status: 'verified' }).eligible).to.equal(true);
  });

  it('fit: home visits suit elders; the schedule is read from both texts', () => {
    expect(part(score(), 'fit').value).to.equal(1);
    const online = part(score({}, { modes: ['online'] }), 'fit');
    expect(online.value).to.be.closeTo(0.5 * 0.3 + 0.5, 1e-9);
    expect(online.reason.code).to.equal('fit-partial');
    const youth = part(score({ audiences: ['youth'] }, { modes: ['online'], audiences: ['youth'] }), 'fit');
    expect(youth.value).to.be.closeTo(0.5 * 0.7 + 0.5, 1e-9);

    const wednesdayMorning = { schedule: { text: '每周三上午 9:00–11:30', weekdays: [3] }, modes: ['home-visit' as const] };
    expect(part(score({ preferredTime: '工作日上午' }, wednesdayMorning), 'fit').reason.params).to.deep.equal({ mode: 'home-visit', schedule: 'match' });
    expect(part(score({ preferredTime: '周末' }, wednesdayMorning), 'fit').reason.params?.schedule).to.equal('partial');
    expect(part(score({ preferredTime: '週末晚上' }, wednesdayMorning), 'fit').reason.params?.schedule).to.equal('mismatch');
    expect(part(score({ preferredTime: '周三下午' }, wednesdayMorning), 'fit').reason.params?.schedule).to.equal('partial');
    expect(part(score({ preferredTime: 'weekday mornings' }, wednesdayMorning), 'fit').reason.params?.schedule).to.equal('match');
    // "每周一次" is once a week, not Monday
    expect(part(score({ preferredTime: '每周一次即可' }, wednesdayMorning), 'fit').reason.params?.schedule).to.equal('no-preference');
    const byAppointment = { schedule: { text: '电话预约，上门时间另行商定', weekdays: [] } };
    expect(part(score({ preferredTime: '周末' }, byAppointment), 'fit').reason.params?.schedule).to.equal('flexible');
  });

  it('urgency: the need’s level scaled by how soon the offer acts', () => {
    const critical = part(score({ urgency: 'critical' }), 'urgency');
    expect([critical.value, critical.reason.code]).to.deep.equal([1, 'urgency-critical']);
    const low = part(score({ urgency: 'low' }, { capacity: { perPeriod: 50, period: 'once', used: 0 } }), 'urgency');
    expect(low.value).to.be.closeTo(0.25 * (0.5 + 0.5 * 0.3), 1e-9);
    expect(part(score({ urgency: 'high' }, { schedule: { text: '每周三', weekdays: [3] } }), 'urgency').value).to.be.closeTo(0.75 * 0.6, 1e-9);
  });

  it('trust: grade, registration and satisfaction; an unknown organization scores nothing', () => {
    expect(part(score(), 'trust').value).to.be.closeTo(1, 1e-9);
    const modest = part(score({}, {}, { ...ctx, organizations: orgMap(org({ rating: null, registration: { status: 'filed' }, satisfaction: null })) }), 'trust');
    expect(modest.value).to.be.closeTo(0.3 * 0.6 + 0.3 * 0.5, 1e-9);
    expect(modest.reason.params).to.deep.equal({ rating: '', registration: 'filed', satisfaction: '' });
    const unknown = part(score({}, {}, { ...ctx, organizations: new Map() }), 'trust');
    expect([unknown.value, unknown.reason.code]).to.deep.equal([0, 'trust-unknown']);
    // a lookup function works like a map
    expect(part(score({}, {}, { ...ctx, organizations: (id) => (id === 'org-1' ? org() : undefined) }), 'trust').value).to.be.closeTo(1, 1e-9);
  });

  it('text: shared words of titles and descriptions, across scripts', () => {
    const same = part(score({ title: '老年助餐送餐上门', description: '为社区独居老人每天中午送餐上门。' }), 'text');
    expect(same.value).to.equal(1);
    const traditional = part(score({ title: '老年助餐送餐上門', description: '為社區獨居老人每天中午送餐上門。' }), 'text');
    expect(traditional.value).to.equal(1);
    const none = part(score({ title: 'Tax forms', description: 'help with annual filing' }), 'text');
    expect([none.value, none.reason.code]).to.deep.equal([0, 'text-none']);
    const some = part(score({ title: '老人助餐', description: '希望有人帮忙做饭' }), 'text');
    expect(some.value).to.be.within(0.1, 0.5);
    expect(some.reason.code).to.equal('text-similar');
  });

  it('weights are configurable and checked', () => {
    const onlyArea = score({}, { serviceAreaCodes: [STREET] }, { ...ctx, weights: { category: 0, audience: 0, area: 50, capacity: 0, fit: 0, urgency: 0, trust: 0, text: 0 } });
    expect(onlyArea.total).to.equal(30);
    expect(part(onlyArea, 'area').points).to.equal(30);
    expect(part(onlyArea, 'category').points).to.equal(0);
    const doubled = score({}, {}, { ...ctx, weights: { trust: 20 } });
    expect(part(doubled, 'trust').points).to.equal(20);
    expect(() => score({}, {}, { ...ctx, weights: { trust: -1 } })).to.throw(RangeError, /trust/u);
    expect(() => score({}, {}, { ...ctx, weights: { area: Number.NaN } })).to.throw(RangeError);
    expect(() => score({}, {}, { ...ctx, weights: { distance: 1 } as never })).to.throw(RangeError, /distance/u);
    expect(() => score({}, {}, { ...ctx, now: new Date('nope') })).to.throw(TypeError);
  });

  it('rejects data it cannot score with the record and field named', () => {
    expect(() => score({ categoryCode: 'elderly.nope' })).to.throw(TypeError, /need-1.*category/u);
    expect(() => score({}, { serviceAreaCodes: ['3101'] })).to.throw(TypeError, /offer-1.*area code/u);
    expect(() => score({ audiences: ['aliens' as never] })).to.throw(TypeError, /audience/u);
    expect(() => score({}, { modes: [] })).to.throw(TypeError, /modes/u);
    expect(() => score({}, { schedule: { text: 'x', weekdays: [8] } })).to.throw(TypeError, /weekday/u);
  });
});

describe('matching: reason texts', () => {
  const reasons: MatchReason[] = [];
  const collect = (s: MatchScore): void => {
    for (const p of s.parts) reasons.push(p.reason);
  };
  collect(score());
  collect(score({ audiences: ['elderly', 'disabled'], preferredTime: '周末', urgency: 'critical' }, { categoryCode: 'elderly.home-care', serviceAreaCodes: [STREET], schedule: { text: '每周三上午', weekdays: [3] } }));
  collect(score({ audiences: ['all-residents'], urgency: 'high' }, { categoryCode: 'health.chronic-disease', audiences: ['youth'], serviceAreaCodes: [DISTRICT], capacity: { perPeriod: 4, period: 'week', used: 4 } }, { ...ctx, organizations: new Map() }));
  collect(score({ urgency: 'low' }, { audiences: ['all-residents'], serviceAreaCodes: [OTHER_COMMUNITY], status: 'paused', modes: ['online'] }));
  collect(score({ title: 'Tax forms', description: 'annual filing' }, { categoryCode: 'legal-aid.consultation', audiences: ['women'], serviceAreaCodes: [GRID], validTo: '2026-10-01' }));

  it('has a text for every reason produced, in every locale', () => {
    for (const reason of reasons) {
      const texts = LOCALES.map((l) => matchReasonText(reason, l));
      for (const t of texts) expect(t, reason.code).to.be.a('string').and.not.equal('');
      expect(texts[0], reason.code).to.not.equal(texts[2]);
      expect(texts[2], reason.code).to.not.match(/[\u4e00-\u9fff]/u);
    }
    const codes = new Set(reasons.map((r) => r.code));
    expect(codes.size).to.be.above(20);
  });

  it('reads as expected', () => {
    const sameItem: MatchReason = { part: 'category', code: 'category-same-item' };
    expect(LOCALES.map((l) => matchReasonText(sameItem, l))).to.deep.equal(['同一服务类别', '同一服務類別', 'Same service category']);
    const left = (n: number, l: Locale): string => matchReasonText({ part: 'capacity', code: 'capacity-left', params: { left: n, period: 'week' } }, l);
    expect([left(3, 'zh-CN'), left(3, 'zh-TW'), left(3, 'en'), left(1, 'en')]).to.deep.equal(['尚余 3 个名额', '尚餘 3 個名額', '3 places left', '1 place left']);
    const audience: MatchReason = { part: 'audience', code: 'audience-overlap', params: { audiences: 'elderly,disabled' } };
    expect(matchReasonText(audience, 'zh-CN')).to.equal('服务对象相符：老年人、残疾人');
    expect(matchReasonText(audience, 'en')).to.equal('Serves elders, people with disabilities');
    const related: MatchReason = { part: 'category', code: 'category-related', params: { category: 'health.chronic-disease' } };
    expect(matchReasonText(related, 'zh-TW')).to.equal('相關領域：醫療保健');
    expect(() => matchReasonText(sameItem, 'fr' as Locale)).to.throw(RangeError);
  });
});

describe('matching: candidate index', () => {
  const data = generateDataset({ seed: 20261101, organizations: 400 });
  const organizations = orgMap(...data.organizations);
  const context: MatchContext = { organizations, now: new Date('2026-11-01T10:00:00+08:00') };
  const index = createMatchIndex({ needs: data.needs, offers: data.offers, ...context });
  const openNeeds = data.needs.filter((n) => n.status === 'published' || n.status === 'verified');

  it('suggests exactly what scoring all pairs gives, for every open need', () => {
    let nonEmpty = 0;
    for (const n of openNeeds) {
      const fast = index.suggestOffers(n, 5);
      const slow = suggestOffersNaive(n, data.offers, 5, context);
      expect(fast.map((s) => [s.item.id, s.score.total]), n.id).to.deep.equal(slow.map((s) => [s.item.id, s.score.total]));
      expect(fast.map((s) => s.score)).to.deep.equal(slow.map((s) => s.score));
      if (fast.length > 0) nonEmpty++;
      for (let i = 1; i < fast.length; i++) expect(fast[i - 1]?.score.total).to.be.at.least(fast[i]?.score.total ?? 0);
      for (const s of fast) expect(s.score.eligible).to.equal(true);
    }
    expect(nonEmpty).to.be.above(openNeeds.length / 2);
  });

  it('suggests needs for offers exactly as scoring all pairs does', () => {
    for (const o of data.offers.slice(0, 300)) {
      const fast = index.suggestNeeds(o, 4).map((s) => [s.item.id, s.score.total]);
      expect(fast, o.id).to.deep.equal(suggestNeedsNaive(o, data.needs, 4, context).map((s) => [s.item.id, s.score.total]));
    }
  });

  it('lists every eligible offer, best first', () => {
    const n = openNeeds[0] as PublicNeed;
    const all = index.eligibleOffers(n);
    expect(all.map((s) => s.item.id).slice(0, 5)).to.deep.equal(index.suggestOffers(n, 5).map((s) => s.item.id));
    const eligibleByScan = data.offers.filter((o) => scoreMatch(n, o, context).eligible).map((o) => o.id).sort();
    expect(all.map((s) => s.item.id).sort()).to.deep.equal(eligibleByScan);
  });

  it('gives suggestions the same score data as scoreMatch, before and after the parts are read, through JSON and structuredClone', () => {
    const n = openNeeds.find((x) => index.suggestOffers(x, 3).length === 3) as PublicNeed;
    const o = data.offers.find((x) => index.suggestNeeds(x, 3).length === 3) as ServiceOffer;
    const sources: [string, MatchScore[]][] = [
      ['suggestOffers', index.suggestOffers(n, 3).map((s) => s.score)],
      ['eligibleOffers', index.eligibleOffers(n).slice(0, 3).map((s) => s.score)],
      ['suggestNeeds', index.suggestNeeds(o, 3).map((s) => s.score)],
    ];
    for (const [name, scores] of sources) {
      expect(scores, name).to.have.length(3);
      const pairs = name === 'suggestNeeds' ? index.suggestNeeds(o, 3).map((s) => [s.item, o] as const) : index.suggestOffers(n, 3).map((s) => [n, s.item] as const);
      const expected = pairs.map(([pn, po]) => scoreMatch(pn, po, context));
      // each copy is taken before `parts` has been read on the original
      const [first, second, third] = scores as [MatchScore, MatchScore, MatchScore];
      expect(JSON.stringify(first), name).to.equal(JSON.stringify(expected[0]));
      expect(JSON.parse(JSON.stringify(first)), name).to.deep.equal(expected[0]);
      expect(structuredClone(second), name).to.deep.equal(expected[1]);
      expect(Object.keys(third), name).to.deep.equal(['total', 'parts', 'eligible', 'blockers']);
      expect({ ...third }, name).to.deep.equal(expected[2]);
      expect(scores, name).to.deep.equal(expected);
      // read once, the parts stay the same array, and can be replaced like any property
      expect(first.parts, name).to.equal(first.parts);
      const replaced: MatchScore = { ...first };
      first.parts = [];
      expect(first.parts, name).to.deep.equal([]);
      expect(Object.getOwnPropertyDescriptor(first, 'parts')?.enumerable, name).to.equal(true);
      expect(replaced, name).to.deep.equal(expected[0]);
    }
  });

  it('follows added, updated and removed offers and needs', () => {
    const local = createMatchIndex({ needs: [need()], offers: [offer()], ...ctx });
    expect(local.offerCount).to.equal(1);
    expect(local.suggestOffers(need(), 5).map((s) => s.item.id)).to.deep.equal(['offer-1']);
    local.addOffer(offer({ id: 'offer-2', serviceAreaCodes: [STREET] }));
    expect(local.suggestOffers(need(), 5).map((s) => s.item.id)).to.deep.equal(['offer-1', 'offer-2']);
    local.updateOffer(offer({ capacity: { perPeriod: 30, period: 'day', used: 30 } }));
    expect(local.suggestOffers(need(), 5).map((s) => s.item.id)).to.deep.equal(['offer-2']);
    expect(local.removeOffer('offer-2')).to.equal(true);
    expect(local.removeOffer('offer-2')).to.equal(false);
    expect(local.suggestOffers(need(), 5)).to.deep.equal([]);
    local.updateOffer(offer());
    expect(local.suggestNeeds(offer(), 5).map((s) => s.item.id)).to.deep.equal(['need-1']);
    local.updateNeed(need({ status: 'claimed' }));
    expect(local.suggestNeeds(offer(), 5)).to.deep.equal([]);
    local.addNeed(need({ id: 'need-2', areaCode: COMMUNITY }));
    expect(local.suggestNeeds(offer(), 5).map((s) => s.item.id)).to.deep.equal(['need-2']);
    expect(local.removeNeed('need-2')).to.equal(true);
    expect(local.needCount).to.equal(1);
    expect(() => local.addOffer(offer())).to.throw(RangeError, /already/u);
    expect(() => local.updateOffer(offer({ id: 'nope' }))).to.throw(RangeError, /not in/u);
    expect(() => local.updateNeed(need({ id: 'nope' }))).to.throw(RangeError, /not in/u);
    // a bad update leaves the index as it was
    expect(() => local.updateOffer(offer({ categoryCode: 'bad' }))).to.throw(TypeError);
    expect(local.suggestOffers(need(), 5).map((s) => s.item.id)).to.deep.equal(['offer-1']);
  });

  it('checks k and its input', () => {
    expect(() => index.suggestOffers(openNeeds[0] as PublicNeed, -1)).to.throw(RangeError);
    expect(() => index.suggestOffers(openNeeds[0] as PublicNeed, 1.5)).to.throw(RangeError);
    expect(index.suggestOffers(openNeeds[0] as PublicNeed, 0)).to.deep.equal([]);
    expect(() => createMatchIndex({ needs: [], offers: [offer(), offer()], ...ctx })).to.throw(RangeError, /offer-1/u);
    expect(() => createMatchIndex({ needs: 'x' as never, offers: [], ...ctx })).to.throw(TypeError);
    expect(() => suggestOffersNaive(need(), [offer(), offer()], 3, ctx)).to.throw(RangeError, /Duplicate/u);
  });
});

describe('matching: allocate', () => {
  const onlyCategoryAndArea: MatchContext = { ...ctx, weights: { category: 10, area: 10, audience: 0, capacity: 0, fit: 0, urgency: 0, trust: 0, text: 0 } };

  it('maximizes the total, not the first choice of each need', () => {
    // A would take X (20) first, leaving B nothing; A with Y (17) and B with X (20) is better
    const a = need({ id: 'a', areaCode: GRID });
    const b = need({ id: 'b', areaCode: OTHER_GRID });
    const x = offer({ id: 'x', serviceAreaCodes: [COMMUNITY], capacity: { perPeriod: 1, period: 'week', used: 0 } });
    const y = offer({ id: 'y', categoryCode: 'elderly.home-care', serviceAreaCodes: [GRID], capacity: { perPeriod: 1, period: 'week', used: 0 } });
    const result = allocate([a, b], [x, y], onlyCategoryAndArea);
    expect(result.pairs.map((p) => [p.needId, p.offerId, p.score.total])).to.deep.equal([
      ['a', 'y', 17],
      ['b', 'x', 20],
    ]);
    expect(result.totalScore).to.equal(37);
    expect(result.unmatched).to.deep.equal([]);
    expect(result.optimal).to.equal(true);
  });

  it('never gives an offer more needs than places left, and reports why the others missed', () => {
    const needs = ['n1', 'n2', 'n3'].map((id) => need({ id }));
    const one = offer({ id: 'one', capacity: { perPeriod: 5, period: 'week', used: 4 } });
    const full = offer({ id: 'full', capacity: { perPeriod: 5, period: 'week', used: 5 } });
    const closed = offer({ id: 'closed', status: 'closed' });
    const far = offer({ id: 'far', serviceAreaCodes: [OTHER_COMMUNITY] });
    const result = allocate(needs, [one, full, closed, far], { ...ctx, nearestMisses: 5 });
    expect(result.pairs).to.have.length(1);
    expect(result.unmatched.map((u) => u.needId)).to.have.length(2);
    for (const u of result.unmatched) {
      const why = Object.fromEntries(u.nearestMisses.map((m) => [m.offerId, m.why]));
      expect(why).to.deep.equal({ one: 'taken', full: 'full', closed: 'ineligible' });
      const totals = u.nearestMisses.map((m) => m.score.total);
      expect(totals).to.deep.equal([...totals].sort((p, q) => q - p));
    }
    expect(allocate(needs, [one, full, closed], { ...ctx, nearestMisses: 1 }).unmatched[0]?.nearestMisses).to.have.length(1);
  });

  it('leaves out pairs below minScore and says so', () => {
    const result = allocate([need()], [offer()], { ...ctx, minScore: 99.5 });
    expect(result.pairs).to.deep.equal([]);
    expect(result.unmatched[0]?.nearestMisses.map((m) => [m.offerId, m.why])).to.deep.equal([['offer-1', 'below-threshold']]);
    expect(() => allocate([need()], [offer()], { ...ctx, minScore: Number.NaN })).to.throw(RangeError);
    expect(() => allocate([need()], [offer()], { ...ctx, nearestMisses: -1 })).to.throw(RangeError);
    expect(() => allocate([need(), need()], [offer()], ctx)).to.throw(RangeError, /Duplicate need/u);
  });

  it('ignores needs that are not open', () => {
    const result = allocate([need({ status: 'claimed' }), need({ id: 'need-2' })], [offer()], ctx);
    expect(result.pairs.map((p) => p.needId)).to.deep.equal(['need-2']);
    expect(result.unmatched).to.deep.equal([]);
  });

  it('allocates a generated district round within every capacity', () => {
    const data = generateDataset({ seed: 7, organizations: 300 });
    const context: MatchContext = { organizations: orgMap(...data.organizations), now: new Date('2026-11-01T10:00:00+08:00') };
    const result = allocate(data.needs, data.offers, context);
    expect(result.optimal).to.equal(true);
    const used = new Map<string, number>();
    for (const p of result.pairs) used.set(p.offerId, (used.get(p.offerId) ?? 0) + 1);
    for (const o of data.offers) expect(used.get(o.id) ?? 0, o.id).to.be.at.most(Math.max(0, o.capacity.perPeriod - o.capacity.used));
    const openCount = data.needs.filter((n) => n.status === 'published' || n.status === 'verified').length;
    expect(result.pairs.length + result.unmatched.length).to.equal(openCount);
    expect(result.totalScore).to.equal(result.pairs.reduce((a, p) => a + Math.round(p.score.total * 100), 0) / 100);
  });
});

describe('matching: gap report', () => {
  const needs = [
    need({ id: 'a1', areaCode: GRID }),
    need({ id: 'a2', areaCode: GRID, beneficiaries: 2 }),
    need({ id: 'a3', areaCode: OTHER_COMMUNITY }),
    need({ id: 'h1', categoryCode: 'health.chronic-disease', areaCode: COMMUNITY }),
    need({ id: 'x', status: 'closed' }),
  ];
  const offers = [
    offer({ id: 'local', capacity: { perPeriod: 1, period: 'week', used: 0 } }),
    offer({ id: 'wide', serviceAreaCodes: [STREET], capacity: { perPeriod: 5, period: 'week', used: 2 } }),
    offer({ id: 'closed', status: 'closed' }),
    offer({ id: 'full', capacity: { perPeriod: 3, period: 'week', used: 3 } }),
    offer({ id: 'nowhere', categoryCode: 'legal-aid.consultation', serviceAreaCodes: [DISTRICT], capacity: { perPeriod: 4, period: 'month', used: 0 } }),
  ];

  it('counts open needs and free places by category × area; cells add up to the totals', () => {
    const report = gapReport(needs, offers, { areaLevel: 'community', now: NOW });
    const cell = (c: string, a: string) => report.cells.find((x) => x.categoryCode === c && x.areaCode === a);
    expect(cell('elderly', COMMUNITY)).to.deep.include({ openNeeds: 2, beneficiaries: 3 });
    // the local place counts in its community first; the street-wide three are split by what each community
    // still lacks (one each), the odd place going to the first
    expect(cell('elderly', COMMUNITY)).to.deep.include({ freePlaces: 3, gap: -1 });
    expect(cell('elderly', OTHER_COMMUNITY)).to.deep.include({ openNeeds: 1, freePlaces: 1, gap: 0 });
    expect(cell('health', COMMUNITY)).to.deep.include({ openNeeds: 1, freePlaces: 0, gap: 1 });
    // places with no need in reach stay under their own area
    expect(cell('legal-aid', DISTRICT)).to.deep.include({ openNeeds: 0, freePlaces: 4, gap: -4 });
    const sum = (k: 'openNeeds' | 'beneficiaries' | 'freePlaces' | 'gap') => report.cells.reduce((a, c) => a + c[k], 0);
    expect(report.totals).to.deep.equal({ openNeeds: sum('openNeeds'), beneficiaries: sum('beneficiaries'), freePlaces: sum('freePlaces'), gap: sum('gap') });
    expect(report.totals).to.deep.equal({ openNeeds: 4, beneficiaries: 5, freePlaces: 8, gap: -4 });
    expect(report.categories).to.deep.equal(['elderly', 'health', 'legal-aid']);
    expect(report.areas).to.deep.equal([DISTRICT, COMMUNITY, OTHER_COMMUNITY]);
  });

  it('groups by street and by item on request, and checks its options', () => {
    const byStreet = gapReport(needs, offers, { now: NOW });
    expect(byStreet.cells.find((c) => c.categoryCode === 'elderly')).to.deep.include({ areaCode: STREET, openNeeds: 3, freePlaces: 4 });
    const byItem = gapReport(needs, offers, { categoryLevel: 'item', now: NOW });
    expect(byItem.categories).to.deep.equal(['elderly.meals', 'health.chronic-disease', 'legal-aid.consultation']);
    expect(() => gapReport(needs, offers, { areaLevel: 'grid' as never })).to.throw(RangeError);
    expect(() => gapReport(needs, offers, { categoryLevel: 'leaf' as never })).to.throw(RangeError);
  });
});

describe('matching: CSV', () => {
  it('quotes per RFC 4180, ends rows with CRLF, starts with the BOM', () => {
    const csv = toCsv([
      ['名称', 'a,b', 'say "hi"', 'two\nlines', null, 3.5],
      ['', -2, 0],
    ]);
    expect(csv.startsWith('\uFEFF')).to.equal(true);
    expect(csv.slice(1)).to.equal('名称,"a,b","say ""hi""","two\nlines",,3.5\r\n,-2,0\r\n');
  });

  it('keeps text cells from running as formulas, but not numbers', () => {
    const csv = toCsv([['=SUM(A1)', '+1', '-1', '@cmd', '\tx', 'a=b'], [-5]]);
    expect(csv.slice(1)).to.equal("'=SUM(A1),'+1,'-1,'@cmd,'\tx,a=b\r\n-5\r\n");
    expect(toCsv([['=1,2']]).slice(1)).to.equal(`"'=1,2"\r\n`);
  });

  it('rejects cells it cannot write', () => {
    expect(() => toCsv([[{} as never]])).to.throw(TypeError, /row 1, column 1/u);
    expect(() => toCsv([[Number.POSITIVE_INFINITY]])).to.throw(RangeError);
    expect(() => toCsv(['x' as never])).to.throw(TypeError);
  });

  it('exports an allocation and a gap report in each locale', () => {
    const needs = [need({ id: 'n1' }), need({ id: 'n2', trackingNumber: 'RL-20261020-CD34', title: '=HYPERLINK("x")' })];
    const offers = [offer({ capacity: { perPeriod: 1, period: 'week', used: 0 } })];
    const result = allocate(needs, offers, ctx);
    const lookups = { needs: new Map(needs.map((n) => [n.id, n])), offers: new Map(offers.map((o) => [o.id, o])), organizations: orgMap(org()) };
    const zh = allocationCsv(result, lookups, 'zh-CN').slice(1).split('\r\n');
    expect(zh[0]).to.equal('需求编号,需求,需求类别,需求区域代码,结果,服务,服务类别,社会组织,得分,理由');
    expect(zh[1]).to.match(/^RL-20261020-AB12,独居老人需要助餐送餐,老年助餐,310105001001001,已匹配,老年助餐送餐上门,老年助餐,乐龄社工服务社,\d+(\.\d+)?,同一服务类别/u);
    expect(zh[2]).to.match(/^RL-20261020-CD34,"'=HYPERLINK\(""x""\)",.*,未匹配,,,,\d+(\.\d+)?,最接近：老年助餐送餐上门（名额已分给其他需求）$/u);
    expect(allocationCsv(result, lookups, 'en')).to.include('Matched');
    expect(allocationCsv(result, lookups, 'zh-TW')).to.include('已媒合');

    const report = gapReport(needs, offers, { now: NOW });
    const tree = createAreaTree(demoStreetAreas());
    const gap = gapReportCsv(report, 'zh-CN', tree).slice(1).split('\r\n');
    expect(gap[0]).to.equal('类别,区域,区域代码,待满足需求,涉及人数,空余名额,缺口');
    expect(gap[1]).to.equal('为老服务,长宁区 华阳路街道,310105001,2,2,1,1');
    expect(gap[2]).to.equal('合计,,,2,2,1,1');
    expect(gapReportCsv(report, 'en')).to.include('Open needs');
    expect(() => gapReportCsv(report, 'de' as Locale)).to.throw(RangeError);
  });
});
