/**
 * The DataAdapter contract as tests: what every adapter (memory, REST, local
 * IndexedDB, …) must do, whatever stands behind it.
 *
 *   runContractSuite('memory', async () => ({ adapter: createMemoryAdapter(contractDataset()) }));
 *
 * `setup` runs before each test and must return a fresh adapter over
 * `contractDataset()` (the demo street, 60 organizations) with nothing
 * written yet, acting as community staff of the street (the memory engine's
 * default actor), so that it may accept, start, complete and rate claims,
 * and `as(actor)`: an adapter over the same data signed in as someone else
 * (an organization, a resident, a street administrator).
 */
// Mocha and chai, as in the *.test.ts files the config exempts: chai's chains
// are thenable once chai-a11y-axe is loaded; the ones that matter are awaited.
/* eslint-disable @typescript-eslint/no-floating-promises */
import { expect } from '@open-wc/testing';
import { DEMO_SEED, generateDataset, type Dataset } from '@renling/mocks';
import {
  AdapterError,
  type AdapterErrorKind,
  type ClaimQuery,
  type DataAdapter,
  type ListQuery,
  type NeedQuery,
  type OfferQuery,
  type OrganizationQuery,
  type Page,
  type ProjectQuery,
} from '../../src/adapter.js';
import { MATCHABLE_NEED_STATUSES } from '../../src/matching/prepare.js';
import {
  meanRating,
  PROJECT_CLAIM_STATES,
  type Actor,
  type Claim,
  type Need,
  type NeedDraft,
  type NeedReview,
  type NeedStatus,
  type OfferDraft,
  type ProjectDraft,
  type PublicNeed,
  type ServiceOffer,
} from '../../src/model.js';
import { toPublicNeed } from '../../src/privacy.js';

export interface ContractSubject {
  adapter: DataAdapter;
  /** The same data, signed in as `actor` (the memory engine's withActor, a mock or real session over REST). */
  as(actor: Actor): DataAdapter | Promise<DataAdapter>;
  teardown?: () => Promise<void> | void;
}

/** The data every adapter under the suite must serve. */
export const contractDataset = (): Dataset => generateDataset({ seed: DEMO_SEED, organizations: 60 });

/** A need as its submitter would send it, made from a generated one. */
export function draftFromNeed(need: Need, title: string): NeedDraft {
  const { id: _id, trackingNumber: _t, status: _s, createdAt: _c, updatedAt: _u, ...draft } = need;
  return { ...draft, title };
}

/** An offer as its organization would publish it, made from a generated one. */
export function draftFromOffer(offer: ServiceOffer, title: string): OfferDraft {
  const { id: _id, updatedAt: _u, ...draft } = offer;
  return { ...draft, title };
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`the contract dataset has no ${what}`);
  return value;
}

/** The same value as it would cross a network: undefined members dropped. */
const plain = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown;

const ids = (items: readonly { id: string }[]): string[] => items.map((i) => i.id).sort();

let keyCounter = 0;
/** A fresh idempotency key (a valid claim event id too). */
export const newKey = (label = 'k'): string =>
  `contract-${label}-${Date.now().toString(36)}-${(keyCounter += 1).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function failure(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    expect(error, 'rejects with an AdapterError').to.be.instanceOf(AdapterError);
    return error as AdapterError;
  }
  throw new Error('expected the call to be refused');
}

async function expectKind(promise: Promise<unknown>, kind: AdapterErrorKind): Promise<AdapterError> {
  const error = await failure(promise);
  expect(error.kind, `${error.kind}: ${error.message}`).to.equal(kind);
  return error;
}

/** Walks every page; checks totals agree, the cursor ends with null and no record comes twice. */
async function walk<T extends { id: string }>(
  list: (query: ListQuery) => Promise<Page<T>>,
  limit: number,
): Promise<{ items: T[]; total: number; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let total = -1;
  let pages = 0;
  do {
    const page: Page<T> = await list({ limit, ...(cursor === null ? {} : { cursor }) });
    pages += 1;
    if (total === -1) total = page.total;
    expect(page.total, 'total is the same on every page').to.equal(total);
    expect(page.items.length, 'a page holds at most limit items').to.be.at.most(limit);
    if (page.nextCursor !== null) expect(page.items.length, 'a page before the last is full').to.equal(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (pages > 1000) throw new Error('the cursor never ends');
  } while (cursor !== null);
  expect(new Set(ids(items)).size, 'no record on two pages').to.equal(items.length);
  expect(items.length, 'the walk sees total records').to.equal(total);
  return { items, total, pages };
}

const fold = (s: string): string => s.normalize('NFKC').toLowerCase();
const matchesText = (q: string, ...fields: (string | readonly string[])[]): boolean => {
  const haystack = fold(fields.flat().join('\n'));
  return fold(q)
    .split(/\s+/u)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
};
const inCategory = (code: string, wanted: string): boolean => code === wanted || code.split('.')[0] === wanted;
const within = (code: string, ancestor: string): boolean => code.startsWith(ancestor);
const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** The first candidate that selects some records but not all (else the first that selects any). */
function choose<T>(candidates: readonly T[], count: (value: T) => number, total: number, what: string): T {
  const selective = candidates.find((c) => count(c) > 0 && count(c) < total);
  return must(selective ?? candidates.find((c) => count(c) > 0), `value for the ${what} filter`);
}

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

export function runContractSuite(name: string, setup: () => Promise<ContractSubject>): void {
  describe(`DataAdapter contract: ${name}`, function () {
    const data = contractDataset();
    let adapter: DataAdapter;
    let subject: ContractSubject;
    let teardown: ContractSubject['teardown'];
    const as = async (actor: Actor): Promise<DataAdapter> => subject.as(actor);

    beforeEach(async () => {
      subject = await setup();
      adapter = subject.adapter;
      teardown = subject.teardown;
    });
    afterEach(async () => {
      await teardown?.();
      teardown = undefined;
    });

    /** Every record a list returns for a query, across pages. */
    async function all<Q extends ListQuery, T extends { id: string }>(
      list: (query: Q) => Promise<Page<T>>,
      query: Q,
    ): Promise<{ items: T[]; total: number }> {
      const items: T[] = [];
      let cursor: string | null = null;
      let total = 0;
      let guard = 0;
      do {
        const page: Page<T> = await list({ ...query, limit: 200, ...(cursor === null ? {} : { cursor }) });
        total = page.total;
        items.push(...page.items);
        cursor = page.nextCursor;
        guard += 1;
      } while (cursor !== null && guard < 100);
      return { items, total };
    }

    async function expectFilter<Q extends ListQuery, T extends { id: string }>(
      list: (query: Q) => Promise<Page<T>>,
      query: NoInfer<Q>,
      expected: readonly { id: string }[],
    ): Promise<void> {
      expect(expected.length, `the data has records for ${JSON.stringify(query)}`).to.be.greaterThan(0);
      const got = await all(list, query);
      expect(ids(got.items), JSON.stringify(query)).to.deep.equal(ids(expected));
      expect(got.total, `total for ${JSON.stringify(query)}`).to.equal(expected.length);
    }

    // -----------------------------------------------------------------------
    describe('paging', () => {
      const lists = (): [string, (q: ListQuery) => Promise<Page<{ id: string }>>, number][] => [
        ['organizations', (q) => adapter.listOrganizations(q), data.organizations.length],
        ['offers', (q) => adapter.listOffers(q), data.offers.length],
        ['needs', (q) => adapter.listNeeds(q), data.needs.length],
        ['projects', (q) => adapter.listProjects(q), data.projects.length],
        ['claims', (q) => adapter.listClaims(q), data.claims.length],
      ];

      it('walks every record exactly once with the cursor, and total counts them', async () => {
        for (const [what, list, count] of lists()) {
          expect(count, what).to.be.greaterThan(7);
          const { items, total, pages } = await walk(list, 7);
          expect(total, what).to.equal(count);
          expect(pages, what).to.equal(Math.ceil(count / 7));
          expect(items.length, what).to.equal(count);
        }
      });

      it('pages by 50 by default and honours a limit of 1', async () => {
        for (const [what, list, count] of lists()) {
          const first = await list({});
          expect(first.items.length, what).to.equal(Math.min(50, count));
          expect(first.nextCursor === null, what).to.equal(count <= 50);
          const one = await list({ limit: 1 });
          expect(one.items, what).to.have.length(1);
          expect(one.nextCursor, what).to.be.a('string');
          expect(one.total, what).to.equal(count);
        }
      });

      it('refuses a cursor it did not make with validation', async () => {
        await expectKind(adapter.listOrganizations({ cursor: 'not-a-cursor' }), 'validation');
      });

      it('lists every area', async () => {
        const areas = await adapter.listAreas();
        expect(areas.map((a) => a.code).sort()).to.deep.equal(data.areas.map((a) => a.code).sort());
      });
    });

    // -----------------------------------------------------------------------
    describe('filters', () => {
      it('filters organizations by type, registration, rating, area, category and text', async () => {
        const orgs = data.organizations;
        const list = (q: OrganizationQuery): ReturnType<DataAdapter['listOrganizations']> => adapter.listOrganizations(q);
        const types = unique(orgs.map((o) => o.type)).slice(0, 2);
        await expectFilter(list, { type: types }, orgs.filter((o) => types.includes(o.type)));
        const registration = choose(['registered', 'filed', 'none'] as const, (r) => orgs.filter((o) => o.registration.status === r).length, orgs.length, 'registration');
        await expectFilter(list, { registration: [registration] }, orgs.filter((o) => o.registration.status === registration));
        const ratings = unique(orgs.flatMap((o) => (o.rating === null ? [] : [o.rating]))).slice(0, 2);
        await expectFilter(list, { rating: ratings }, orgs.filter((o) => o.rating !== null && ratings.includes(o.rating)));
        const communities = data.areas.filter((a) => a.level === 'community').map((a) => a.code);
        const serves = (o: (typeof orgs)[number], area: string): boolean => o.serviceAreaCodes.some((c) => within(c, area) || within(area, c));
        const area = choose(communities, (a) => orgs.filter((o) => serves(o, a)).length, orgs.length, 'organization area');
        await expectFilter(list, { areaCode: area }, orgs.filter((o) => serves(o, area)));
        const code = must(orgs.flatMap((o) => o.categoryCodes).find((c) => c.includes('.')), 'second-level category');
        const top = must(code.split('.')[0], 'top-level category');
        await expectFilter(list, { categoryCode: top }, orgs.filter((o) => o.categoryCodes.some((c) => inCategory(c, top))));
        await expectFilter(list, { categoryCode: code }, orgs.filter((o) => o.categoryCodes.includes(code)));
        const words = unique(orgs.map((o) => [...o.name].slice(0, 2).join('')));
        const q = choose(words, (w) => orgs.filter((o) => matchesText(w, o.name, o.description, o.tags)).length, orgs.length, 'organization text');
        await expectFilter(list, { q }, orgs.filter((o) => matchesText(q, o.name, o.description, o.tags)));
        // filters combine with AND
        await expectFilter(
          list,
          { type: types, areaCode: area },
          orgs.filter((o) => types.includes(o.type) && serves(o, area)),
        );
      });

      it('filters offers by organization, category, area, audience, status, capacity and text', async () => {
        const offers = data.offers;
        const list = (q: OfferQuery): ReturnType<DataAdapter['listOffers']> => adapter.listOffers(q);
        const orgId = must(offers[0], 'offer').organizationId;
        await expectFilter(list, { organizationId: orgId }, offers.filter((o) => o.organizationId === orgId));
        const top = must(must(offers[0], 'offer').categoryCode.split('.')[0], 'category');
        await expectFilter(list, { categoryCode: top }, offers.filter((o) => inCategory(o.categoryCode, top)));
        const communities = data.areas.filter((a) => a.level === 'community').map((a) => a.code);
        const serves = (o: ServiceOffer, area: string): boolean => o.serviceAreaCodes.some((c) => within(c, area) || within(area, c));
        const area = choose(communities, (a) => offers.filter((o) => serves(o, a)).length, offers.length, 'offer area');
        await expectFilter(list, { areaCode: area }, offers.filter((o) => serves(o, area)));
        const audience = ['children', 'disabled'] as const;
        await expectFilter(list, { audience: [...audience] }, offers.filter((o) => o.audiences.some((a) => (audience as readonly string[]).includes(a))));
        await expectFilter(list, { status: ['paused', 'closed'] }, offers.filter((o) => o.status === 'paused' || o.status === 'closed'));
        await expectFilter(list, { hasCapacity: true }, offers.filter((o) => o.capacity.used < o.capacity.perPeriod));
        await expectFilter(list, { hasCapacity: false }, offers);
        const words = unique(offers.map((o) => [...o.title].slice(0, 2).join('')));
        const q = choose(words, (w) => offers.filter((o) => matchesText(w, o.title, o.description)).length, offers.length, 'offer text');
        await expectFilter(list, { q }, offers.filter((o) => matchesText(q, o.title, o.description)));
      });

      it('filters needs by category, area, urgency, status and text', async () => {
        const needs = data.needs;
        const list = (q: NeedQuery): ReturnType<DataAdapter['listNeeds']> => adapter.listNeeds(q);
        const tops = unique(needs.map((n) => must(n.categoryCode.split('.')[0], 'category')));
        const top = choose(tops, (t) => needs.filter((n) => inCategory(n.categoryCode, t)).length, needs.length, 'need category');
        await expectFilter(list, { categoryCode: top }, needs.filter((n) => inCategory(n.categoryCode, top)));
        const communities = unique(needs.map((n) => n.areaCode.slice(0, 12)));
        const area = choose(communities, (a) => needs.filter((n) => within(n.areaCode, a)).length, needs.length, 'need area');
        await expectFilter(list, { areaCode: area }, needs.filter((n) => within(n.areaCode, area)));
        await expectFilter(list, { urgency: ['high', 'critical'] }, needs.filter((n) => n.urgency === 'high' || n.urgency === 'critical'));
        const status = choose(unique(needs.map((n) => n.status)), (s) => needs.filter((n) => n.status === s).length, needs.length, 'need status');
        await expectFilter(list, { status: [status] }, needs.filter((n) => n.status === status));
        const words = unique(needs.map((n) => [...n.title].slice(0, 2).join('')));
        const q = choose(words, (w) => needs.filter((n) => matchesText(w, n.title, n.description)).length, needs.length, 'need text');
        await expectFilter(list, { q }, needs.filter((n) => matchesText(q, n.title, n.description)));
      });

      it('filters projects by organization, category, area and status', async () => {
        const projects = data.projects;
        const list = (q: ProjectQuery): ReturnType<DataAdapter['listProjects']> => adapter.listProjects(q);
        const orgId = must(projects[0], 'project').organizationId;
        await expectFilter(list, { organizationId: orgId }, projects.filter((p) => p.organizationId === orgId));
        const top = must(must(projects[0], 'project').categoryCode.split('.')[0], 'category');
        await expectFilter(list, { categoryCode: top }, projects.filter((p) => inCategory(p.categoryCode, top)));
        const areas = unique(projects.map((p) => p.areaCode));
        const area = choose(areas, (a) => projects.filter((p) => within(p.areaCode, a)).length, projects.length, 'project area');
        await expectFilter(list, { areaCode: area }, projects.filter((p) => within(p.areaCode, area)));
        const status = choose(unique(projects.map((p) => p.status)), (s) => projects.filter((p) => p.status === s).length, projects.length, 'project status');
        await expectFilter(list, { status: [status] }, projects.filter((p) => p.status === status));
      });

      it('filters claims by need, offer, organization and state', async () => {
        const claims = data.claims;
        const list = (q: ClaimQuery): ReturnType<DataAdapter['listClaims']> => adapter.listClaims(q);
        const needId = must(claims.find((c) => c.needId !== null)?.needId, 'claim on a need');
        await expectFilter(list, { needId }, claims.filter((c) => c.needId === needId));
        const offerId = must(claims.find((c) => c.offerId !== null)?.offerId, 'claim on an offer');
        await expectFilter(list, { offerId }, claims.filter((c) => c.offerId === offerId));
        const orgId = must(claims[0], 'claim').organizationId;
        await expectFilter(list, { organizationId: orgId }, claims.filter((c) => c.organizationId === orgId));
        await expectFilter(list, { state: ['pending', 'rated'] }, claims.filter((c) => c.state === 'pending' || c.state === 'rated'));
      });

      it('returns needs in their public form only', async () => {
        const { items } = await all((q: ListQuery) => adapter.listNeeds(q), {});
        expect(items.length).to.equal(data.needs.length);
        for (const need of items) {
          expect(need).to.not.have.any.keys('contact', 'consent', 'health', 'minor');
          expect(need.areaCode, 'no finer than the community').to.have.length(12);
        }
      });
    });

    // -----------------------------------------------------------------------
    describe('get one', () => {
      it('gets each kind of record by id, as listed', async () => {
        const org = must(data.organizations[3], 'organization');
        expect(plain(await adapter.getOrganization(org.id))).to.deep.equal(plain(org));
        const offer = must(data.offers[5], 'offer');
        expect(plain(await adapter.getOffer(offer.id))).to.deep.equal(plain(offer));
        const need = must(data.needs.find((n) => n.health !== undefined) ?? data.needs[0], 'need');
        const got = await adapter.getNeed(need.id);
        expect(plain(got)).to.deep.equal(plain(toPublicNeed(need)));
        expect(got).to.not.have.any.keys('contact', 'consent', 'health', 'minor');
        const project = must(data.projects[1], 'project');
        expect(plain(await adapter.getProject(project.id))).to.deep.equal(plain(project));
        const claim = must(data.claims.find((c) => c.history.length > 1), 'claim with a history');
        expect(plain(await adapter.getClaim(claim.id))).to.deep.equal(plain(claim));
        const area = must(data.areas.find((a) => a.level === 'grid'), 'grid');
        expect(plain(await adapter.getArea(area.code))).to.deep.equal(plain(area));
      });

      it('refuses unknown ids with not-found', async () => {
        await expectKind(adapter.getOrganization('no-such-organization'), 'not-found');
        await expectKind(adapter.getOffer('no-such-offer'), 'not-found');
        await expectKind(adapter.getNeed('no-such-need'), 'not-found');
        await expectKind(adapter.getProject('no-such-project'), 'not-found');
        await expectKind(adapter.getClaim('no-such-claim'), 'not-found');
        await expectKind(adapter.getArea('999999999'), 'not-found');
      });
    });

    // -----------------------------------------------------------------------
    describe('createNeed', () => {
      const sample = (): Need => must(data.needs.find((n) => n.health === undefined && !n.minor) ?? data.needs[0], 'need');

      it('answers a receipt with a tracking number and the public need, which is then listed', async () => {
        const grid = must(data.areas.find((a) => a.level === 'grid'), 'grid');
        const title = `合约测试需求 ${newKey('t').slice(-6)}`;
        const draft: NeedDraft = {
          ...draftFromNeed(sample(), title),
          areaCode: grid.code,
          health: { conditions: '行动不便，需要轮椅', mobility: 'assisted' },
          consent: { ...sample().consent, health: true },
        };
        const before = (await adapter.listNeeds({ limit: 1 })).total;
        const receipt = await adapter.createNeed(draft, { idempotencyKey: newKey('need') });
        expect(receipt.trackingNumber).to.match(/^RL-\d{8}-[0-9A-Z]{4,8}$/u);
        expect(receipt.need.trackingNumber).to.equal(receipt.trackingNumber);
        expect(receipt.need.title).to.equal(title);
        expect(receipt.need.status).to.equal('submitted');
        expect(receipt.need).to.not.have.any.keys('contact', 'consent', 'health', 'minor');
        expect(receipt.need.areaCode, 'a grid is shown at its community').to.equal(grid.code.slice(0, 12));

        expect((await adapter.listNeeds({ limit: 1 })).total).to.equal(before + 1);
        const found = await adapter.listNeeds({ q: title });
        expect(found.items.map((n) => n.id)).to.deep.equal([receipt.need.id]);
        expect(plain(found.items[0])).to.deep.equal(plain(receipt.need));
        expect(plain(await adapter.getNeed(receipt.need.id))).to.deep.equal(plain(receipt.need));
      });

      it('refuses invalid drafts with validation and field paths, writing nothing', async () => {
        const base = draftFromNeed(sample(), '字段校验测试');
        const before = (await adapter.listNeeds({ limit: 1 })).total;
        const cases: [NeedDraft, string, string][] = [
          [{ ...base, contact: { ...base.contact, phone: '12345' } }, 'contact.phone', 'phone'],
          [{ ...base, title: '' }, 'title', 'required'],
          [{ ...base, areaCode: must(data.areas.find((a) => a.level === 'street'), 'street').code }, 'areaCode', 'area-too-coarse'],
          [{ ...base, health: { conditions: '糖尿病', mobility: 'independent' }, consent: { ...base.consent, health: false } }, 'health', 'health-consent-required'],
          [{ ...base, minor: true, consent: { ...base.consent, guardian: false } }, 'consent.guardian', 'guardian-required'],
        ];
        for (const [draft, path, code] of cases) {
          const error = await expectKind(adapter.createNeed(draft, { idempotencyKey: newKey('bad') }), 'validation');
          const field = error.fieldErrors.find((e) => e.path === path);
          expect(field, `${path} in ${JSON.stringify(error.fieldErrors.map((e) => e.path))}`).to.not.equal(undefined);
          expect(field?.code, path).to.equal(code);
          expect(field?.message, path).to.be.a('string').and.not.equal('');
        }
        expect((await adapter.listNeeds({ limit: 1 })).total).to.equal(before);
      });
    });

    // -----------------------------------------------------------------------
    describe('reviewNeed', () => {
      /** A need submitted just now by the suite's staff: status submitted. */
      async function submitted(title: string): Promise<PublicNeed> {
        const sample = must(data.needs.find((n) => !n.minor) ?? data.needs[0], 'need');
        const receipt = await adapter.createNeed(draftFromNeed(sample, `${title} ${newKey('n').slice(-6)}`), { idempotencyKey: newKey('need') });
        expect(receipt.need.status).to.equal('submitted');
        return receipt.need;
      }
      const listed = async (status: NeedStatus): Promise<string[]> =>
        (await all((q: NeedQuery) => adapter.listNeeds(q), { status: [status] })).items.map((n) => n.id);

      it('lets staff verify a submitted need, which is then listed as verified, and publish it for matching', async () => {
        const need = await submitted('核实后发布的需求');
        const verified = await adapter.reviewNeed(need.id, { status: 'verified', reason: '网格员上门核实' }, { idempotencyKey: newKey('v') });
        expect(verified.id).to.equal(need.id);
        expect(verified.status).to.equal('verified');
        expect(verified).to.not.have.any.keys('contact', 'consent', 'health', 'minor');
        expect(plain(await adapter.getNeed(need.id))).to.deep.equal(plain(verified));
        expect(await listed('verified')).to.include(need.id);
        expect(await listed('submitted')).to.not.include(need.id);

        const published = await adapter.reviewNeed(need.id, { status: 'published' }, { idempotencyKey: newKey('p') });
        expect(published.status).to.equal('published');
        const matchable = await all((q: NeedQuery) => adapter.listNeeds(q), { status: [...MATCHABLE_NEED_STATUSES] });
        expect(matchable.items.map((n) => n.id)).to.include(need.id);

        // a street administrator reviews too: a submitted need published at once
        const other = await submitted('街道直接发布的需求');
        const byAdmin = await (await as({ role: 'admin', id: 'contract-admin' })).reviewNeed(other.id, { status: 'published' }, { idempotencyKey: newKey('p') });
        expect(byAdmin.status).to.equal('published');
      });

      it('refuses organizations and residents as forbidden, changing nothing', async () => {
        const need = await submitted('机构不能审核的需求');
        const org = openOffer().organizationId;
        for (const actor of [{ role: 'organization', id: org }, { role: 'resident', id: 'contract-resident' }] as const) {
          const other = await as(actor);
          await expectKind(other.reviewNeed(need.id, { status: 'published' }, { idempotencyKey: newKey('x') }), 'forbidden');
        }
        expect(plain(await adapter.getNeed(need.id))).to.deep.equal(plain(need));
      });

      it('refuses a move the review table does not allow as conflict, and a status it does not know as validation', async () => {
        const need = await submitted('不予受理的需求');
        const closed = await adapter.reviewNeed(need.id, { status: 'closed', reason: '不属于本社区的服务范围' }, { idempotencyKey: newKey('c') });
        expect(closed.status).to.equal('closed');
        await expectKind(adapter.reviewNeed(need.id, { status: 'verified' }, { idempotencyKey: newKey('v') }), 'conflict');
        await expectKind(adapter.reviewNeed(need.id, { status: 'closed', reason: '再次关闭' }, { idempotencyKey: newKey('c') }), 'conflict');
        expect(plain(await adapter.getNeed(need.id))).to.deep.equal(plain(closed));

        const published = must(data.needs.find((n) => n.status === 'published'), 'published need');
        await expectKind(adapter.reviewNeed(published.id, { status: 'verified' }, { idempotencyKey: newKey('v') }), 'conflict');

        const fresh = await submitted('状态不在审核表里');
        const invalid = { status: 'claimed' } as unknown as NeedReview;
        const error = await expectKind(adapter.reviewNeed(fresh.id, invalid, { idempotencyKey: newKey('bad') }), 'validation');
        expect(error.fieldErrors.map((e) => e.path)).to.include('status');
        expect((await adapter.getNeed(fresh.id)).status).to.equal('submitted');
        await expectKind(adapter.reviewNeed('need-that-does-not-exist', { status: 'verified' }, { idempotencyKey: newKey('v') }), 'not-found');
      });

      it('answers a replay of the same key with the first answer, changing nothing', async () => {
        const need = await submitted('同一个键审核两次');
        const key = newKey('review');
        const first = await adapter.reviewNeed(need.id, { status: 'verified', reason: '电话回访' }, { idempotencyKey: key });
        const again = await adapter.reviewNeed(need.id, { status: 'verified', reason: '电话回访' }, { idempotencyKey: key });
        expect(plain(again)).to.deep.equal(plain(first));
        const published = await adapter.reviewNeed(need.id, { status: 'published' }, { idempotencyKey: newKey('p') });
        // the old key still names the first write: its answer again, and the need stays published
        const replayed = await adapter.reviewNeed(need.id, { status: 'verified', reason: '电话回访' }, { idempotencyKey: key });
        expect(plain(replayed)).to.deep.equal(plain(first));
        expect(plain(await adapter.getNeed(need.id))).to.deep.equal(plain(published));
      });
    });

    // -----------------------------------------------------------------------
    describe('idempotency', () => {
      it('answers the same key twice with the same receipt and keeps one record', async () => {
        const draft = draftFromNeed(must(data.needs[2], 'need'), '同一个键提交两次');
        const key = newKey('same');
        const before = (await adapter.listNeeds({ limit: 1 })).total;
        const first = await adapter.createNeed(draft, { idempotencyKey: key });
        const second = await adapter.createNeed(draft, { idempotencyKey: key });
        expect(plain(second)).to.deep.equal(plain(first));
        expect((await adapter.listNeeds({ limit: 1 })).total).to.equal(before + 1);
        expect((await adapter.listNeeds({ q: '同一个键提交两次' })).total).to.equal(1);
      });

      it('refuses the same key with a different body as conflict', async () => {
        const key = newKey('diff');
        await adapter.createNeed(draftFromNeed(must(data.needs[2], 'need'), '第一次的标题'), { idempotencyKey: key });
        await expectKind(adapter.createNeed(draftFromNeed(must(data.needs[2], 'need'), '第二次的标题'), { idempotencyKey: key }), 'conflict');
        const offer = draftFromOffer(must(data.offers[0], 'offer'), '换了操作的同一个键');
        await expectKind(adapter.createOffer(offer, { idempotencyKey: key }), 'conflict');
        expect((await adapter.listNeeds({ q: '第二次的标题' })).total).to.equal(0);
      });

      it('makes offers and transitions idempotent too', async () => {
        const draft = draftFromOffer(must(data.offers[0], 'offer'), '幂等的服务发布');
        const key = newKey('offer');
        const a = await adapter.createOffer(draft, { idempotencyKey: key });
        const b = await adapter.createOffer(draft, { idempotencyKey: key });
        expect(b.id).to.equal(a.id);
        expect((await adapter.listOffers({ q: '幂等的服务发布' })).total).to.equal(1);

        const claim = await adapter.requestClaim(booking(openOffer()), { idempotencyKey: newKey('req') });
        const acceptKey = newKey('acc');
        const once = await adapter.acceptClaim(claim.id, { reason: '同意' }, { idempotencyKey: acceptKey });
        const twice = await adapter.acceptClaim(claim.id, { reason: '同意' }, { idempotencyKey: acceptKey });
        expect(plain(twice)).to.deep.equal(plain(once));
        expect(twice.history).to.have.length(1);
        expect(twice.history[0]?.eventId).to.equal(acceptKey);
      });
    });

    // -----------------------------------------------------------------------
    describe('createOffer', () => {
      it('publishes an offer that is then listed and readable', async () => {
        const source = must(data.offers[1], 'offer');
        const draft = draftFromOffer(source, '新发布的助餐服务');
        const before = (await adapter.listOffers({ organizationId: source.organizationId })).total;
        const offer = await adapter.createOffer(draft, { idempotencyKey: newKey('offer') });
        expect(offer.id).to.be.a('string').and.not.equal(source.id);
        expect(offer.updatedAt).to.be.a('string');
        const { id: _id, updatedAt: _u, ...rest } = offer;
        expect(plain(rest)).to.deep.equal(plain(draft));
        expect((await adapter.listOffers({ organizationId: source.organizationId })).total).to.equal(before + 1);
        expect(plain(await adapter.getOffer(offer.id))).to.deep.equal(plain(offer));
      });

      it('refuses invalid offers with validation and field paths', async () => {
        const draft = draftFromOffer(must(data.offers[1], 'offer'), '日期颠倒的服务');
        const backwards = await expectKind(
          adapter.createOffer({ ...draft, validFrom: '2027-06-30', validTo: '2027-01-01' }, { idempotencyKey: newKey('bad') }),
          'validation',
        );
        expect(backwards.fieldErrors.map((e) => [e.path, e.code])).to.deep.include(['validTo', 'date-order']);
        const orphan = await expectKind(
          adapter.createOffer({ ...draft, organizationId: 'no-such-organization' }, { idempotencyKey: newKey('bad') }),
          'validation',
        );
        expect(orphan.fieldErrors.map((e) => e.path)).to.include('organizationId');
      });
    });

    // -----------------------------------------------------------------------
    const openOffer = (): ServiceOffer =>
      must(
        data.offers.find((o) => o.status === 'open' && o.capacity.perPeriod - o.capacity.used >= 2),
        'open offer with places',
      );
    const booking = (offer: ServiceOffer): Parameters<DataAdapter['requestClaim']>[0] => ({
      direction: 'offer-booking',
      offerId: offer.id,
      needId: null,
      organizationId: offer.organizationId,
      categoryCode: offer.categoryCode,
      requestedBy: { role: 'resident', id: 'resident-contract' },
      note: '想给母亲预约',
    });

    describe('claims', () => {
      it('runs a need-claim through request → accept → start → complete → rate', async () => {
        const need = must(data.needs.find((n) => n.status === 'published') ?? data.needs[0], 'need');
        const org = must(data.organizations.find((o) => o.categoryCodes.some((c) => inCategory(need.categoryCode, c.split('.')[0] ?? ''))) ?? data.organizations[0], 'organization');
        const keys = { request: newKey('r'), accept: newKey('a'), start: newKey('s'), complete: newKey('c'), rate: newKey('t') };
        const claim = await adapter.requestClaim(
          {
            direction: 'need-claim',
            needId: need.id,
            offerId: null,
            organizationId: org.id,
            categoryCode: need.categoryCode,
            requestedBy: { role: 'organization', id: org.id },
          },
          { idempotencyKey: keys.request },
        );
        expect(claim).to.include({ direction: 'need-claim', needId: need.id, organizationId: org.id, state: 'pending' });
        expect(claim.history).to.deep.equal([]);

        const accepted = await adapter.acceptClaim(claim.id, { reason: '已核实机构资质' }, { idempotencyKey: keys.accept });
        expect(accepted.state).to.equal('accepted');
        expect((await adapter.getNeed(need.id)).status).to.equal('claimed');
        const started = await adapter.startClaim(claim.id, {}, { idempotencyKey: keys.start });
        expect(started.state).to.equal('in-progress');
        expect((await adapter.getNeed(need.id)).status).to.equal('in-progress');
        const completed = await adapter.completeClaim(claim.id, { beneficiaries: 2 }, { idempotencyKey: keys.complete });
        expect(completed.state).to.equal('completed');
        expect(completed.beneficiaries).to.equal(2);
        expect((await adapter.getNeed(need.id)).status).to.equal('completed');
        const rated = await adapter.rateClaim(claim.id, { score: 5, comment: '服务很周到' }, { idempotencyKey: keys.rate });
        expect(rated.state).to.equal('rated');
        expect(rated.rating).to.deep.equal({ score: 5, comment: '服务很周到' });

        expect(rated.history.map((t) => [t.event, t.from, t.to, t.eventId])).to.deep.equal([
          ['accept', 'pending', 'accepted', keys.accept],
          ['start', 'accepted', 'in-progress', keys.start],
          ['complete', 'in-progress', 'completed', keys.complete],
          ['rate', 'completed', 'rated', keys.rate],
        ]);
        expect(rated.history[0]?.reason).to.equal('已核实机构资质');
        expect(plain(await adapter.getClaim(claim.id))).to.deep.equal(plain(rated));
        const listed = await adapter.listClaims({ needId: need.id, state: ['rated'] });
        expect(listed.items.map((c) => c.id)).to.include(claim.id);
      });

      it('runs an offer booking through request → accept (taking a place) → start → complete → rate', async () => {
        const offer = openOffer();
        const claim = await adapter.requestClaim(booking(offer), { idempotencyKey: newKey('r') });
        expect(claim).to.include({ direction: 'offer-booking', offerId: offer.id, needId: null, state: 'pending' });
        expect(claim.requestedBy).to.deep.include({ role: 'resident', id: 'resident-contract' });
        await adapter.acceptClaim(claim.id, {}, { idempotencyKey: newKey('a') });
        expect((await adapter.getOffer(offer.id)).capacity.used).to.equal(offer.capacity.used + 1);
        await adapter.startClaim(claim.id, { reason: '按约上门' }, { idempotencyKey: newKey('s') });
        await adapter.completeClaim(claim.id, { beneficiaries: 1, reason: '服务完成' }, { idempotencyKey: newKey('c') });
        const rated = await adapter.rateClaim(claim.id, { score: 4, comment: '' }, { idempotencyKey: newKey('t') });
        expect(rated.state).to.equal('rated');
        expect(rated.history.map((t) => t.to)).to.deep.equal(['accepted', 'in-progress', 'completed', 'rated']);
        expect((await adapter.listClaims({ offerId: offer.id })).items.map((c) => c.id)).to.include(claim.id);
      });

      it('declines only with a reason, and withdraws with one', async () => {
        const claim = await adapter.requestClaim(booking(openOffer()), { idempotencyKey: newKey('r') });
        const noReason = await expectKind(adapter.declineClaim(claim.id, { reason: '' }, { idempotencyKey: newKey('d') }), 'validation');
        expect(noReason.message).to.be.a('string');
        expect((await adapter.getClaim(claim.id)).state).to.equal('pending');
        const declined = await adapter.declineClaim(claim.id, { reason: '本期名额已满' }, { idempotencyKey: newKey('d') });
        expect(declined.state).to.equal('declined');
        expect(declined.history[0]).to.include({ event: 'decline', reason: '本期名额已满' });

        const other = await adapter.requestClaim(booking(openOffer()), { idempotencyKey: newKey('r') });
        await expectKind(adapter.withdrawClaim(other.id, { reason: '' }, { idempotencyKey: newKey('w') }), 'validation');
        const withdrawn = await adapter.withdrawClaim(other.id, { reason: '家人已安排' }, { idempotencyKey: newKey('w') });
        expect(withdrawn.state).to.equal('withdrawn');
      });

      it('refuses transitions the state does not allow with conflict', async () => {
        const claim = await adapter.requestClaim(booking(openOffer()), { idempotencyKey: newKey('r') });
        await expectKind(adapter.startClaim(claim.id, {}, { idempotencyKey: newKey('s') }), 'conflict');
        await expectKind(adapter.completeClaim(claim.id, { beneficiaries: 1 }, { idempotencyKey: newKey('c') }), 'conflict');
        await adapter.acceptClaim(claim.id, {}, { idempotencyKey: newKey('a') });
        await expectKind(adapter.rateClaim(claim.id, { score: 5, comment: '' }, { idempotencyKey: newKey('t') }), 'conflict');
        await expectKind(adapter.acceptClaim(claim.id, {}, { idempotencyKey: newKey('a') }), 'conflict');
        await expectKind(adapter.declineClaim(claim.id, { reason: '太晚了' }, { idempotencyKey: newKey('d') }), 'conflict');
        expect((await adapter.getClaim(claim.id)).state).to.equal('accepted');
      });

      it('refuses claims on unknown records and malformed requests', async () => {
        await expectKind(adapter.acceptClaim('no-such-claim', {}, { idempotencyKey: newKey('a') }), 'not-found');
        await expectKind(
          adapter.requestClaim({ ...booking(openOffer()), offerId: 'no-such-offer' }, { idempotencyKey: newKey('r') }),
          'not-found',
        );
        await expectKind(adapter.requestClaim({ ...booking(openOffer()), offerId: null }, { idempotencyKey: newKey('r') }), 'validation');
      });
    });

    // -----------------------------------------------------------------------
    describe('claim lifecycle', () => {
      const organizationActor = (organizationId: string): Actor => ({ role: 'organization', id: organizationId });

      /** A need submitted just now (no claims yet), by community staff, with health information when the data has some. */
      async function freshNeed(title: string): Promise<{ id: string; trackingNumber: string; draft: NeedDraft }> {
        const sample = must(data.needs.find((n) => n.health !== undefined && !n.minor) ?? data.needs[0], 'need');
        const draft = draftFromNeed(sample, `${title} ${newKey('n').slice(-6)}`);
        const receipt = await adapter.createNeed(draft, { idempotencyKey: newKey('need') });
        return { id: receipt.need.id, trackingNumber: receipt.trackingNumber, draft };
      }

      /** A need-claim of `organizationId`, entered by staff. */
      const needClaim = (needId: string, organizationId: string, offerId: string | null = null, by: DataAdapter = adapter): Promise<Claim> =>
        by.requestClaim(
          {
            direction: 'need-claim',
            needId,
            offerId,
            organizationId,
            categoryCode: must(data.needs[0], 'need').categoryCode,
            requestedBy: organizationActor(organizationId),
          },
          { idempotencyKey: newKey('r') },
        );

      it('shows a need’s contact to staff always, and to the organization only while its claim is accepted or in progress', async () => {
        const need = await freshNeed('联系方式的可见范围');
        const org = openOffer().organizationId;
        const other = must(data.organizations.find((o) => o.id !== org), 'second organization').id;
        const asOrg = await as(organizationActor(org));
        const asOther = await as(organizationActor(other));
        const asResident = await as({ role: 'resident', id: 'resident-of-another-need' });

        const view = await adapter.getNeedContact(need.id);
        expect(view.needId).to.equal(need.id);
        expect(view.trackingNumber).to.equal(need.trackingNumber);
        expect(view.areaCode, 'the full area, for the one who visits').to.equal(need.draft.areaCode);
        expect(plain(view.contact)).to.deep.equal(plain(need.draft.contact));
        expect((plain(view) as NeedDraft).health, 'health, given with its consent').to.deep.equal((plain(need.draft) as NeedDraft).health);
        expect(view.minor).to.equal(need.draft.minor ?? false);
        expect(view.original.title, 'the text as submitted').to.equal(need.draft.title);
        await expectKind(adapter.getNeedContact('no-such-need'), 'not-found');

        await expectKind(asOrg.getNeedContact(need.id), 'forbidden');
        const claim = await needClaim(need.id, org, null, asOrg);
        expect(claim.requestedBy).to.deep.include({ role: 'organization', id: org });
        await expectKind(asOrg.getNeedContact(need.id), 'forbidden');
        await adapter.acceptClaim(claim.id, { reason: '资质核实' }, { idempotencyKey: newKey('a') });
        expect(plain(await asOrg.getNeedContact(need.id))).to.deep.equal(plain(view));
        await asOrg.startClaim(claim.id, {}, { idempotencyKey: newKey('s') });
        expect((await asOrg.getNeedContact(need.id)).needId).to.equal(need.id);
        await expectKind(asOther.getNeedContact(need.id), 'forbidden');
        await expectKind(asResident.getNeedContact(need.id), 'forbidden');

        await asOrg.completeClaim(claim.id, { beneficiaries: 1 }, { idempotencyKey: newKey('c') });
        await expectKind(asOrg.getNeedContact(need.id), 'forbidden');
        expect((await adapter.getNeedContact(need.id)).needId, 'staff still see it').to.equal(need.id);
      });

      it('judges transitions as the one acting: the organization may not accept its own claim on a need', async () => {
        const need = await freshNeed('机构不能自己批准');
        const org = openOffer().organizationId;
        const asOrg = await as(organizationActor(org));
        const claim = await needClaim(need.id, org, null, asOrg);
        await expectKind(asOrg.acceptClaim(claim.id, {}, { idempotencyKey: newKey('a') }), 'forbidden');
        await expectKind(asOrg.requestClaim({ ...booking(openOffer()), organizationId: org }, { idempotencyKey: newKey('r') }), 'forbidden');
        expect((await adapter.getClaim(claim.id)).state).to.equal('pending');
      });

      /** A published need of the data that no claim holds (none accepted or later). */
      const unheldNeed = (skip: readonly string[] = []): Need =>
        must(
          data.needs.find(
            (n) =>
              n.status === 'published' &&
              !skip.includes(n.id) &&
              !data.claims.some((c) => c.needId === n.id && PROJECT_CLAIM_STATES.includes(c.state)),
          ),
          'published need that no claim holds',
        );

      /** The ids of the needs a list for matching shows (verified and published), across pages. */
      const matchableNeedIds = async (): Promise<string[]> =>
        (await all((q: NeedQuery) => adapter.listNeeds(q), { status: [...MATCHABLE_NEED_STATUSES] })).items.map((n) => n.id);

      it('lists a need for claiming again when the claim that held it is withdrawn, from accepted or in progress, in either direction', async () => {
        const need = unheldNeed();
        const org = openOffer().organizationId;
        const claim = await needClaim(need.id, org);
        await adapter.acceptClaim(claim.id, {}, { idempotencyKey: newKey('a') });
        expect((await adapter.getNeed(need.id)).status).to.equal('claimed');
        expect(await matchableNeedIds(), 'a claimed need is not offered for matching').to.not.include(need.id);

        await adapter.withdrawClaim(claim.id, { reason: '机构人手不足，无法上门' }, { idempotencyKey: newKey('w') });
        expect((await adapter.getNeed(need.id)).status).to.equal('published');
        const listed = await all((q: NeedQuery) => adapter.listNeeds(q), { status: ['published'] });
        expect(listed.items.map((n) => n.id)).to.include(need.id);
        expect(await matchableNeedIds()).to.include(need.id);

        // a booking naming the need, started and then withdrawn, gives it back the same way
        const booked = await adapter.requestClaim({ ...booking(openOffer()), needId: need.id }, { idempotencyKey: newKey('r') });
        await adapter.acceptClaim(booked.id, {}, { idempotencyKey: newKey('a') });
        await adapter.startClaim(booked.id, {}, { idempotencyKey: newKey('s') });
        expect((await adapter.getNeed(need.id)).status).to.equal('in-progress');
        await adapter.withdrawClaim(booked.id, { reason: '老人已入住养老院' }, { idempotencyKey: newKey('w') });
        expect((await adapter.getNeed(need.id)).status).to.equal('published');
        expect(await matchableNeedIds()).to.include(need.id);
      });

      it('keeps a need claimed while another claim on it still holds it', async () => {
        const need = unheldNeed();
        const first = openOffer().organizationId;
        const second = must(data.organizations.find((o) => o.id !== first), 'second organization').id;
        const a = await needClaim(need.id, first);
        const b = await needClaim(need.id, second);
        await adapter.acceptClaim(a.id, {}, { idempotencyKey: newKey('a') });
        await adapter.acceptClaim(b.id, {}, { idempotencyKey: newKey('a') });
        expect((await adapter.getNeed(need.id)).status).to.equal('claimed');

        await adapter.withdrawClaim(a.id, { reason: '由另一家机构承接' }, { idempotencyKey: newKey('w') });
        expect((await adapter.getNeed(need.id)).status, 'the other claim is still accepted').to.equal('claimed');
        expect(await matchableNeedIds()).to.not.include(need.id);

        await adapter.startClaim(b.id, {}, { idempotencyKey: newKey('s') });
        expect((await adapter.getNeed(need.id)).status).to.equal('in-progress');
        await adapter.withdrawClaim(b.id, { reason: '居民已搬离本社区' }, { idempotencyKey: newKey('w') });
        expect((await adapter.getNeed(need.id)).status, 'no claim holds it any more').to.equal('published');
      });

      it('leaves the need as it is when a pending claim is declined or withdrawn', async () => {
        const need = unheldNeed();
        const org = openOffer().organizationId;
        const before = await adapter.getNeed(need.id);
        const declined = await needClaim(need.id, org);
        await adapter.declineClaim(declined.id, { reason: '该机构不在本社区服务' }, { idempotencyKey: newKey('d') });
        const withdrawn = await needClaim(need.id, org);
        await adapter.withdrawClaim(withdrawn.id, { reason: '重复提交' }, { idempotencyKey: newKey('w') });
        expect(plain(await adapter.getNeed(need.id)), 'status and time untouched').to.deep.equal(plain(before));

        // not yet reviewed: a pending claim ending does not list it either
        const fresh = await freshNeed('未审核需求的认领被拒绝');
        const submitted = await adapter.getNeed(fresh.id);
        const refused = await needClaim(fresh.id, org);
        await adapter.declineClaim(refused.id, { reason: '需求尚未核实' }, { idempotencyKey: newKey('d') });
        expect(plain(await adapter.getNeed(fresh.id))).to.deep.equal(plain(submitted));

        // held by an accepted claim: a second one declined changes nothing
        const held = await needClaim(need.id, org);
        await adapter.acceptClaim(held.id, {}, { idempotencyKey: newKey('a') });
        const claimed = await adapter.getNeed(need.id);
        const extra = await adapter.requestClaim({ ...booking(openOffer()), needId: need.id }, { idempotencyKey: newKey('r') });
        await adapter.declineClaim(extra.id, { reason: '已有机构承接' }, { idempotencyKey: newKey('d') });
        expect(plain(await adapter.getNeed(need.id))).to.deep.equal(plain(claimed));
        expect(claimed.status).to.equal('claimed');
      });

      it('moves a need with a staff booking of an offer for a resident, as with a need-claim', async () => {
        const need = await freshNeed('网格员代居民预约');
        const offer = openOffer();
        const claim = await adapter.requestClaim({ ...booking(offer), needId: need.id }, { idempotencyKey: newKey('r') });
        expect(claim).to.include({ direction: 'offer-booking', needId: need.id, offerId: offer.id });
        await adapter.acceptClaim(claim.id, {}, { idempotencyKey: newKey('a') });
        expect((await adapter.getNeed(need.id)).status).to.equal('claimed');
        expect((await adapter.getOffer(offer.id)).capacity.used).to.equal(offer.capacity.used + 1);
        await adapter.startClaim(claim.id, {}, { idempotencyKey: newKey('s') });
        expect((await adapter.getNeed(need.id)).status).to.equal('in-progress');
        await adapter.completeClaim(claim.id, { beneficiaries: 1 }, { idempotencyKey: newKey('c') });
        expect((await adapter.getNeed(need.id)).status).to.equal('completed');
      });

      it('takes a place for any accepted claim naming the offer, refuses a full offer, and gives the place back on withdrawal', async () => {
        const source = openOffer();
        const offer = await adapter.createOffer(
          { ...draftFromOffer(source, '只有一个名额的服务'), status: 'open', capacity: { perPeriod: 1, period: 'month', used: 0 } },
          { idempotencyKey: newKey('offer') },
        );
        const need = await freshNeed('带服务项目的需求认领');
        const served = await needClaim(need.id, offer.organizationId, offer.id);
        await adapter.acceptClaim(served.id, {}, { idempotencyKey: newKey('a') });
        expect((await adapter.getOffer(offer.id)).capacity.used, 'a need-claim with an offer takes a place').to.equal(1);

        const late = await adapter.requestClaim(booking(offer), { idempotencyKey: newKey('r') });
        await expectKind(adapter.acceptClaim(late.id, {}, { idempotencyKey: newKey('a') }), 'conflict');
        expect((await adapter.getClaim(late.id)).state).to.equal('pending');
        expect((await adapter.getOffer(offer.id)).capacity.used).to.equal(1);

        await adapter.startClaim(served.id, {}, { idempotencyKey: newKey('s') });
        await adapter.withdrawClaim(served.id, { reason: '居民已搬离本社区' }, { idempotencyKey: newKey('w') });
        expect((await adapter.getOffer(offer.id)).capacity.used, 'a withdrawal gives the place back').to.equal(0);
        await adapter.acceptClaim(late.id, {}, { idempotencyKey: newKey('a') });
        expect((await adapter.getOffer(offer.id)).capacity.used).to.equal(1);

        const declined = await adapter.requestClaim(booking(offer), { idempotencyKey: newKey('r') });
        await adapter.declineClaim(declined.id, { reason: '本期名额已满' }, { idempotencyKey: newKey('d') });
        expect((await adapter.getOffer(offer.id)).capacity.used, 'a declined claim never held a place').to.equal(1);
      });

      it('replays a claim request and each transition with the same key without doing anything twice', async () => {
        const offer = openOffer();
        const before = (await adapter.listClaims({ offerId: offer.id })).total;
        const keys = { request: newKey('r'), accept: newKey('a'), start: newKey('s'), complete: newKey('c'), rate: newKey('t') };
        const request = booking(offer);
        const first = await adapter.requestClaim(request, { idempotencyKey: keys.request });
        const again = await adapter.requestClaim(request, { idempotencyKey: keys.request });
        expect(again.id).to.equal(first.id);
        expect((await adapter.listClaims({ offerId: offer.id })).total, 'one claim').to.equal(before + 1);

        for (let i = 0; i < 2; i++) await adapter.acceptClaim(first.id, { reason: '已预留名额' }, { idempotencyKey: keys.accept });
        expect((await adapter.getOffer(offer.id)).capacity.used, 'the place counted once').to.equal(offer.capacity.used + 1);
        expect((await adapter.getClaim(first.id)).history, 'one history entry').to.have.length(1);
        for (let i = 0; i < 2; i++) await adapter.startClaim(first.id, {}, { idempotencyKey: keys.start });
        for (let i = 0; i < 2; i++) await adapter.completeClaim(first.id, { beneficiaries: 2 }, { idempotencyKey: keys.complete });
        let last: Claim | null = null;
        for (let i = 0; i < 2; i++) last = await adapter.rateClaim(first.id, { score: 5, comment: '' }, { idempotencyKey: keys.rate });
        expect(last?.history.map((t) => t.eventId)).to.deep.equal([keys.accept, keys.start, keys.complete, keys.rate]);
        expect(plain(await adapter.getClaim(first.id))).to.deep.equal(plain(last));
        expect((await adapter.getOffer(offer.id)).capacity.used).to.equal(offer.capacity.used + 1);
        expect((await adapter.listClaims({ offerId: offer.id })).total).to.equal(before + 1);
      });
    });

    // -----------------------------------------------------------------------
    describe('createProject', () => {
      const admin: Actor = { role: 'admin', id: 'contract-admin' };

      /** Two accepted claims of one organization: a need-claim on a new need and a booking of its offer. */
      async function acceptedClaims(): Promise<{ org: string; needId: string; claims: Claim[] }> {
        const offer = openOffer();
        const sample = must(data.needs.find((n) => !n.minor) ?? data.needs[0], 'need');
        const receipt = await adapter.createNeed(draftFromNeed(sample, `项目里的需求 ${newKey('n').slice(-6)}`), { idempotencyKey: newKey('need') });
        const claimed = await adapter.requestClaim(
          {
            direction: 'need-claim',
            needId: receipt.need.id,
            offerId: null,
            organizationId: offer.organizationId,
            categoryCode: offer.categoryCode,
            requestedBy: { role: 'organization', id: offer.organizationId },
          },
          { idempotencyKey: newKey('r') },
        );
        const booked = await adapter.requestClaim(booking(offer), { idempotencyKey: newKey('r') });
        const claims = [];
        for (const claim of [claimed, booked]) claims.push(await adapter.acceptClaim(claim.id, {}, { idempotencyKey: newKey('a') }));
        return { org: offer.organizationId, needId: receipt.need.id, claims };
      }

      const draftFor = (org: string, claimIds: string[], needIds: string[] = []): ProjectDraft => {
        const template = must(data.projects[0], 'project');
        const area = must(data.areas.find((a) => a.level === 'community'), 'community').code;
        return {
          title: '社区为老助餐与陪伴项目',
          summary: '把已确认的认领合并为一个公益项目。',
          organizationId: org,
          categoryCode: template.categoryCode,
          areaCode: area,
          fundingSource: 'venture-philanthropy',
          budget: 50_000,
          period: { start: '2026-01-01', end: '2026-12-31' },
          beneficiaries: { served: 999, planned: 40 },
          satisfaction: 99,
          status: 'completed',
          needIds,
          claimIds,
        };
      };

      it('groups accepted claims into a project whose figures then follow them, once per key', async () => {
        const { org, needId, claims } = await acceptedClaims();
        const [first, second] = [must(claims[0], 'claim'), must(claims[1], 'claim')];
        const asAdmin = await as(admin);
        const before = (await adapter.listProjects({ limit: 1 })).total;
        const key = newKey('project');
        const draft = draftFor(org, [first.id, second.id]);
        const project = await asAdmin.createProject(draft, { idempotencyKey: key });
        expect(project.id).to.be.a('string');
        expect(project).to.include({ organizationId: org, status: 'planned', satisfaction: null });
        expect(project.beneficiaries, 'figures come from the claims, not the draft').to.deep.equal({ served: 0, planned: 40 });
        expect(project.claimIds).to.deep.equal([first.id, second.id]);
        expect(project.needIds, 'the needs of its claims').to.include(needId);
        expect(plain(await asAdmin.createProject(draft, { idempotencyKey: key }))).to.deep.equal(plain(project));
        expect((await adapter.listProjects({ limit: 1 })).total).to.equal(before + 1);
        expect(plain(await adapter.getProject(project.id))).to.deep.equal(plain(project));

        await adapter.startClaim(first.id, {}, { idempotencyKey: newKey('s') });
        expect((await adapter.getProject(project.id)).status).to.equal('active');
        await adapter.completeClaim(first.id, { beneficiaries: 3 }, { idempotencyKey: newKey('c') });
        await adapter.startClaim(second.id, {}, { idempotencyKey: newKey('s') });
        expect((await adapter.getProject(project.id)).beneficiaries.served).to.equal(3);
        await adapter.completeClaim(second.id, { beneficiaries: 2 }, { idempotencyKey: newKey('c') });
        const done = await adapter.getProject(project.id);
        expect(done.beneficiaries.served).to.equal(5);
        expect(done.status, 'every claim completed').to.equal('completed');
        expect(done.satisfaction).to.equal(null);

        await adapter.rateClaim(first.id, { score: 5, comment: '很满意' }, { idempotencyKey: newKey('t') });
        await adapter.rateClaim(second.id, { score: 4, comment: '' }, { idempotencyKey: newKey('t') });
        const rated = await adapter.getProject(project.id);
        expect(rated.satisfaction, 'mean 4.5 of 5').to.equal(90);
        expect(rated.status).to.equal('completed');
        const scores = [...data.claims.filter((c) => c.organizationId === org && c.rating).map((c) => c.rating!.score), 5, 4];
        expect((await adapter.getOrganization(org)).satisfaction, "the organization's mean rating").to.equal(meanRating(scores));
      });

      it('refuses claims that are unknown, not accepted, another organization’s or in a project already, and unknown needs', async () => {
        const { org, claims } = await acceptedClaims();
        const accepted = must(claims[0], 'claim');
        const asAdmin = await as(admin);
        const pending = await adapter.requestClaim(booking(openOffer()), { idempotencyKey: newKey('r') });
        const others = must(
          data.claims.find((c) => c.organizationId !== org && c.state === 'accepted'),
          "another organization's accepted claim",
        );
        await asAdmin.createProject(draftFor(org, [accepted.id]), { idempotencyKey: newKey('project') });
        const before = (await adapter.listProjects({ limit: 1 })).total;
        const error = await expectKind(
          asAdmin.createProject(draftFor(org, [pending.id, others.id, 'no-such-claim', accepted.id], ['no-such-need']), {
            idempotencyKey: newKey('project'),
          }),
          'validation',
        );
        expect(error.fieldErrors.map((e) => [e.path, e.code])).to.deep.equal([
          ['claimIds.0', 'enum'],
          ['claimIds.1', 'enum'],
          ['claimIds.2', 'enum'],
          ['claimIds.3', 'duplicate'],
          ['needIds.0', 'enum'],
        ]);
        for (const field of error.fieldErrors) expect(field.message).to.be.a('string').and.not.equal('');
        const invalid = await expectKind(
          asAdmin.createProject({ ...draftFor(org, []), period: { start: '2026-12-31', end: '2026-01-01' } }, { idempotencyKey: newKey('project') }),
          'validation',
        );
        expect(invalid.fieldErrors.map((e) => [e.path, e.code])).to.deep.include(['period.end', 'date-order']);
        await expectKind((await as({ role: 'organization', id: org })).createProject(draftFor(org, [accepted.id]), { idempotencyKey: newKey('p') }), 'forbidden');
        expect((await adapter.listProjects({ limit: 1 })).total, 'nothing written').to.equal(before);
      });
    });

    // -----------------------------------------------------------------------
    describe('AbortSignal', () => {
      it('rejects reads with an aborted signal as aborted', async () => {
        const controller = new AbortController();
        controller.abort();
        await expectKind(adapter.listOrganizations({ signal: controller.signal }), 'aborted');
        await expectKind(adapter.getOffer(must(data.offers[0], 'offer').id, { signal: controller.signal }), 'aborted');
        await expectKind(adapter.listAreas({ signal: controller.signal }), 'aborted');
      });

      it('rejects a write with an aborted signal as aborted, writing nothing', async () => {
        const controller = new AbortController();
        controller.abort();
        const before = (await adapter.listNeeds({ limit: 1 })).total;
        const draft = draftFromNeed(must(data.needs[0], 'need'), '取消了的提交');
        await expectKind(adapter.createNeed(draft, { idempotencyKey: newKey('abort'), signal: controller.signal }), 'aborted');
        expect((await adapter.listNeeds({ limit: 1 })).total).to.equal(before);
      });
    });
  });
}
