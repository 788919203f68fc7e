import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  AdapterError,
  AreaSchema,
  ClaimSchema,
  NeedPrivateViewSchema,
  OrganizationSchema,
  ProjectSchema,
  PublicNeedSchema,
  ServiceOfferSchema,
  createRestAdapter,
  type Area,
  type Claim,
  type DataAdapter,
  type FetchLike,
  type NeedDraft,
  type NeedPrivateView,
  type OfferDraft,
  type Organization,
  type Project,
  type ProjectDraft,
  type PublicNeed,
  type ServiceOffer,
  type WriteOptions,
} from '../src/index.js';

// ---------------------------------------------------------------------------
// Fixtures: one valid record of each kind
// ---------------------------------------------------------------------------

const AT = '2026-11-01T09:00:00+08:00';

const area: Area = { code: '310105001001', level: 'community', name: '华阳路第一居委', nameEn: 'Huayang Road No.1', parentCode: '310105001' };

const organization: Organization = {
  id: 'org-1',
  name: '长宁区乐龄社工服务社',
  type: 'social-service-agency',
  registration: { status: 'registered', creditCode: '52310105MJ1234567X', authority: '长宁区民政局', date: '2015-06-01' },
  rating: '4A',
  areaCode: '310105001',
  serviceAreaCodes: ['310105001'],
  categoryCodes: ['elderly.meals'],
  description: '为华阳路街道的老人提供助餐和陪伴。',
  tags: ['助餐'],
  socialWorkers: 3,
  satisfaction: 4.6,
  contact: { person: '李老师', phone: '021-62345678', email: 'info@example.org', address: '华阳路 1 号' },
  founded: '2015-06-01',
  updatedAt: AT,
};

const offer: ServiceOffer = {
  id: 'off-1',
  organizationId: 'org-1',
  categoryCode: 'elderly.meals',
  title: '长者助餐送餐',
  description: '工作日中午送餐上门。',
  audiences: ['elderly'],
  serviceAreaCodes: ['310105001'],
  capacity: { perPeriod: 30, period: 'day', used: 12 },
  schedule: { text: '周一至周五 11:00–12:30', weekdays: [1, 2, 3, 4, 5] },
  modes: ['on-site', 'home-visit'],
  cost: { kind: 'subsidized', amount: 8 },
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  status: 'open',
  contact: { name: '李老师', phone: '13812341234' },
  updatedAt: AT,
};

const need: PublicNeed = {
  id: 'need-1',
  trackingNumber: 'RL-20261101-AB12',
  title: '楼道堆物清理',
  description: '三楼楼道堆满杂物，老人进出不便。',
  categoryCode: 'housing-property.stairwell-cleaning',
  audiences: ['elderly', 'all-residents'],
  areaCode: '310105001001',
  urgency: 'high',
  preferredTime: '',
  channel: 'self',
  forWhom: 'self',
  status: 'published',
  beneficiaries: 6,
  createdAt: AT,
  updatedAt: AT,
};

const project: Project = {
  id: 'proj-1',
  title: '华阳路长者助餐项目',
  summary: '政府购买服务，覆盖五个居委。',
  organizationId: 'org-1',
  categoryCode: 'elderly.meals',
  areaCode: '310105001',
  fundingSource: 'gov-purchase',
  budget: 120000,
  period: { start: '2026-01-01', end: '2026-12-31' },
  beneficiaries: { served: 3200, planned: 5000 },
  satisfaction: 96.5,
  status: 'active',
  needIds: ['need-1'],
  claimIds: ['claim-1'],
  updatedAt: AT,
};

const claim: Claim = {
  id: 'claim-1',
  direction: 'need-claim',
  needId: 'need-1',
  offerId: null,
  organizationId: 'org-1',
  requestedBy: { role: 'organization', id: 'org-1', name: '乐龄社工服务社' },
  state: 'accepted',
  history: [
    { eventId: 'ev-1', event: 'accept', from: 'pending', to: 'accepted', by: { role: 'staff', id: 'staff-1' }, at: AT, reason: '' },
  ],
  beneficiaries: null,
  rating: null,
  createdAt: AT,
  updatedAt: AT,
  expiresAt: null,
};

const contactView: NeedPrivateView = {
  needId: 'need-1',
  trackingNumber: 'RL-20261101-AB12',
  areaCode: '310105001001003',
  contact: { name: '王小明', phone: '13812341234', address: '华阳路 100 弄 5 号' },
  minor: false,
  original: { title: '王小明家楼道堆物清理', description: '三楼楼道堆满杂物，老人进出不便。', preferredTime: '' },
};

const { id: _projectId, updatedAt: _projectAt, ...projectDraft } = project;
const projectDraftInput: ProjectDraft = projectDraft;

const needDraft: NeedDraft = {
  title: '楼道堆物清理',
  description: '三楼楼道堆满杂物。',
  categoryCode: 'housing-property.stairwell-cleaning',
  audiences: ['elderly'],
  areaCode: '310105001001',
  urgency: 'high',
  preferredTime: '',
  channel: 'self',
  forWhom: 'self',
  beneficiaries: 2,
  contact: { name: '王小明', phone: '13812341234', address: '华阳路 100 弄 5 号' },
  consent: { textVersion: '2026-11', givenAt: AT, personalInfo: true, health: false, guardian: false },
};

const { id: _offerId, updatedAt: _offerAt, ...offerDraft } = offer;
const offerDraftInput: OfferDraft = offerDraft;

const BASE = 'https://api.example.test/renling/v1';

// ---------------------------------------------------------------------------
// A fake fetch that records what it was asked
// ---------------------------------------------------------------------------

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  signal: AbortSignal | null | undefined;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      signal: init.signal,
    };
    calls.push(call);
    return respond(call);
  };
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const raw = (body: string, status = 200, contentType = 'application/json'): Response =>
  new Response(body, { status, headers: { 'Content-Type': contentType } });

const page = <T>(items: T[], nextCursor: string | null = null, total = items.length) => ({ items, nextCursor, total });

/** A fetch that waits for its signal and rejects with its reason, as the real one does. */
const hangingFetch = (): { fetch: FetchLike; calls: Call[] } =>
  fakeFetch(
    (call) =>
      new Promise<Response>((_, reject) => {
        call.signal?.addEventListener('abort', () => reject(call.signal?.reason as Error));
      }),
  );

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(AdapterError);
    return error as AdapterError;
  }
  throw new Error('expected the call to reject');
}

const write = (key = 'key-1'): WriteOptions => ({ idempotencyKey: key });

describe('createRestAdapter', () => {
  it('the fixtures are valid records', () => {
    expect(v.is(AreaSchema, area)).to.be.true;
    expect(v.is(OrganizationSchema, organization)).to.be.true;
    expect(v.is(ServiceOfferSchema, offer)).to.be.true;
    expect(v.is(PublicNeedSchema, need)).to.be.true;
    expect(v.is(ProjectSchema, project)).to.be.true;
    expect(v.is(ClaimSchema, claim)).to.be.true;
  });

  describe('URLs and queries', () => {
    it('builds list URLs from the contract parameters, repeating arrays', async () => {
      const { fetch, calls } = fakeFetch(() => json(page([organization])));
      const adapter = createRestAdapter({ baseUrl: `${BASE}/`, fetch });
      const result = await adapter.listOrganizations({
        type: ['association', 'foundation'],
        registration: ['registered'],
        rating: ['5A', '4A'],
        areaCode: '310105001',
        categoryCode: 'elderly',
        q: '助餐 老人',
        cursor: '50',
        limit: 25,
      });
      expect(result).to.deep.equal(page([organization]));
      const url = new URL(calls[0]!.url);
      expect(`${url.origin}${url.pathname}`).to.equal(`${BASE}/organizations`);
      expect(url.searchParams.getAll('type')).to.deep.equal(['association', 'foundation']);
      expect(url.searchParams.getAll('rating')).to.deep.equal(['5A', '4A']);
      expect(url.searchParams.get('registration')).to.equal('registered');
      expect(url.searchParams.get('areaCode')).to.equal('310105001');
      expect(url.searchParams.get('categoryCode')).to.equal('elderly');
      expect(url.searchParams.get('q')).to.equal('助餐 老人');
      expect(url.searchParams.get('cursor')).to.equal('50');
      expect(url.searchParams.get('limit')).to.equal('25');
      expect(calls[0]!.method).to.equal('GET');
    });

    it('leaves out empty parameters and sends booleans as true/false', async () => {
      const { fetch, calls } = fakeFetch(() => json(page([offer])));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      await adapter.listOffers();
      await adapter.listOffers({ hasCapacity: true, audience: ['elderly', 'disabled'], status: [], q: '', organizationId: 'org-1' });
      expect(calls[0]!.url).to.equal(`${BASE}/offers`);
      const url = new URL(calls[1]!.url);
      expect(url.searchParams.get('hasCapacity')).to.equal('true');
      expect(url.searchParams.getAll('audience')).to.deep.equal(['elderly', 'disabled']);
      expect(url.searchParams.has('status')).to.be.false;
      expect(url.searchParams.has('q')).to.be.false;
      expect(url.searchParams.get('organizationId')).to.equal('org-1');
    });

    it('sends only the parameters each list knows (no signal, no stray keys)', async () => {
      const { fetch, calls } = fakeFetch((call) => json(call.url.includes('/needs') ? page([need]) : call.url.includes('/projects') ? page([project]) : page([claim])));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      const controller = new AbortController();
      await adapter.listNeeds({ urgency: ['high', 'critical'], status: ['published'], areaCode: '310105001', signal: controller.signal });
      await adapter.listProjects({ status: ['active'], organizationId: 'org-1' });
      await adapter.listClaims({ state: ['pending', 'accepted'], needId: 'need-1', offerId: 'off-1' });
      expect(calls.map((c) => c.url)).to.deep.equal([
        `${BASE}/needs?areaCode=310105001&urgency=high&urgency=critical&status=published`,
        `${BASE}/projects?organizationId=org-1&status=active`,
        `${BASE}/claims?needId=need-1&offerId=off-1&state=pending&state=accepted`,
      ]);
    });

    it('encodes ids into paths and works with a base URL relative to the page', async () => {
      const odd = { ...organization, id: 'org:1.x' };
      const { fetch, calls } = fakeFetch((call) => (call.url.includes('/areas') ? json(area) : json(odd)));
      const adapter = createRestAdapter({ baseUrl: '/api', fetch });
      expect(await adapter.getOrganization('org:1.x')).to.deep.equal(odd);
      expect(await adapter.getArea('310105001001')).to.deep.equal(area);
      expect(calls.map((c) => c.url)).to.deep.equal(['/api/organizations/org%3A1.x', '/api/areas/310105001001']);
    });

    it('reads every kind of record by its path', async () => {
      const routes: Record<string, unknown> = {
        [`${BASE}/offers/off-1`]: offer,
        [`${BASE}/needs/need-1`]: need,
        [`${BASE}/needs/need-1/contact`]: contactView,
        [`${BASE}/projects/proj-1`]: project,
        [`${BASE}/claims/claim-1`]: claim,
        [`${BASE}/areas`]: { items: [area] },
      };
      const { fetch } = fakeFetch((call) => (call.url in routes ? json(routes[call.url]) : json({ error: { kind: 'not-found', message: 'no' } }, 404)));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      expect(await adapter.getOffer('off-1')).to.deep.equal(offer);
      expect(await adapter.getNeed('need-1')).to.deep.equal(need);
      expect(await adapter.getNeedContact('need-1')).to.deep.equal(contactView);
      expect(await adapter.getProject('proj-1')).to.deep.equal(project);
      expect(await adapter.getClaim('claim-1')).to.deep.equal(claim);
      expect(await adapter.listAreas()).to.deep.equal([area]);
      expect((await rejection(adapter.getOffer('off-2'))).kind).to.equal('not-found');
    });

    it('rejects a query value the contract cannot express as validation, without a request', async () => {
      const { fetch, calls } = fakeFetch(() => json(page([])));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      const error = await rejection(adapter.listNeeds({ q: { nested: true } as unknown as string }));
      expect(error.kind).to.equal('validation');
      expect(calls).to.have.length(0);
    });
  });

  describe('headers', () => {
    it('sends Accept and the configured headers; no body headers on reads', async () => {
      const { fetch, calls } = fakeFetch(() => json(page([need])));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch, headers: { Authorization: 'Bearer abc', 'X-Site': 'huayang' } });
      await adapter.listNeeds();
      const { headers } = calls[0]!;
      expect(headers.get('Accept')).to.equal('application/json');
      expect(headers.get('Authorization')).to.equal('Bearer abc');
      expect(headers.get('X-Site')).to.equal('huayang');
      expect(headers.has('Content-Type')).to.be.false;
      expect(headers.has('Idempotency-Key')).to.be.false;
    });

    it('asks a headers function on every request, so a renewed token is used', async () => {
      let token = 0;
      const { fetch, calls } = fakeFetch(() => json(page([need])));
      const adapter = createRestAdapter({
        baseUrl: BASE,
        fetch,
        headers: async () => {
          await Promise.resolve();
          token += 1;
          return { Authorization: `Bearer t${token}` };
        },
      });
      await adapter.listNeeds();
      await adapter.listNeeds();
      expect(calls.map((c) => c.headers.get('Authorization'))).to.deep.equal(['Bearer t1', 'Bearer t2']);
    });

    it('a header that cannot be sent is unauthorized and sends nothing', async () => {
      const { fetch, calls } = fakeFetch(() => json(page([need])));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch, headers: { Authorization: 'Bearer a\nb' } });
      expect((await rejection(adapter.listNeeds())).kind).to.equal('unauthorized');
      expect(calls).to.have.length(0);
    });

    it('a failing headers function is unauthorized and sends nothing', async () => {
      const { fetch, calls } = fakeFetch(() => json(page([need])));
      const adapter = createRestAdapter({
        baseUrl: BASE,
        fetch,
        headers: () => {
          throw new Error('token expired');
        },
      });
      const error = await rejection(adapter.listNeeds());
      expect(error.kind).to.equal('unauthorized');
      expect(error.message).to.contain('token expired');
      expect(calls).to.have.length(0);
    });
  });

  describe('writes', () => {
    it('createNeed posts the draft as JSON with the Idempotency-Key and checks the receipt', async () => {
      const { fetch, calls } = fakeFetch(() => json({ need, trackingNumber: need.trackingNumber }, 201));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch, headers: { 'Idempotency-Key': 'not-this-one' } });
      const receipt = await adapter.createNeed(needDraft, write('k-need-1'));
      expect(receipt).to.deep.equal({ need, trackingNumber: need.trackingNumber });
      const call = calls[0]!;
      expect(call.method).to.equal('POST');
      expect(call.url).to.equal(`${BASE}/needs`);
      expect(call.headers.get('Idempotency-Key')).to.equal('k-need-1');
      expect(call.headers.get('Content-Type')).to.equal('application/json');
      expect(call.body).to.deep.equal(needDraft);
    });

    it('keeps the follow-link secret a server issues with the receipt', async () => {
      const { fetch } = fakeFetch(() => json({ need, trackingNumber: need.trackingNumber, followToken: 'rt1.secret' }, 201));
      const receipt = await createRestAdapter({ baseUrl: BASE, fetch }).createNeed(needDraft, write('k-follow'));
      expect(receipt.followToken).to.equal('rt1.secret');
    });

    it('every write sends its key, to its path', async () => {
      const { fetch, calls } = fakeFetch((call) =>
        call.url.endsWith('/offers')
          ? json(offer, 201)
          : call.url.endsWith('/needs')
            ? json({ need, trackingNumber: need.trackingNumber })
            : call.url.endsWith('/projects')
              ? json(project, 201)
              : json(claim),
      );
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      const request = { direction: 'need-claim' as const, needId: 'need-1', offerId: null, organizationId: 'org-1', categoryCode: 'elderly.meals', requestedBy: { role: 'organization' as const, id: 'org-1' } };
      await adapter.createOffer(offerDraftInput, write('k1'));
      await adapter.createNeed(needDraft, write('k2'));
      await adapter.requestClaim(request, write('k3'));
      await adapter.acceptClaim('claim-1', {}, write('k4'));
      await adapter.declineClaim('claim-1', { reason: '人手不足' }, write('k5'));
      await adapter.withdrawClaim('claim-1', { reason: '已解决' }, write('k6'));
      await adapter.startClaim('claim-1', {}, write('k7'));
      await adapter.completeClaim('claim-1', { beneficiaries: 3 }, write('k8'));
      await adapter.rateClaim('claim-1', { score: 5, comment: '很好' }, write('k9'));
      expect(await adapter.createProject(projectDraftInput, write('k10'))).to.deep.equal(project);
      expect(calls.map((c) => [c.method, c.url.slice(BASE.length), c.headers.get('Idempotency-Key')])).to.deep.equal([
        ['POST', '/offers', 'k1'],
        ['POST', '/needs', 'k2'],
        ['POST', '/claims', 'k3'],
        ['POST', '/claims/claim-1/accept', 'k4'],
        ['POST', '/claims/claim-1/decline', 'k5'],
        ['POST', '/claims/claim-1/withdraw', 'k6'],
        ['POST', '/claims/claim-1/start', 'k7'],
        ['POST', '/claims/claim-1/complete', 'k8'],
        ['POST', '/claims/claim-1/rate', 'k9'],
        ['POST', '/projects', 'k10'],
      ]);
      expect(calls[9]!.body).to.deep.equal(projectDraftInput);
      expect(calls[3]!.body).to.deep.equal({});
      expect(calls[7]!.body).to.deep.equal({ beneficiaries: 3 });
      expect(calls[8]!.body).to.deep.equal({ score: 5, comment: '很好' });
    });

    it('a write without a key is refused before anything is sent', async () => {
      const { fetch, calls } = fakeFetch(() => json(claim));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      const error = await rejection(adapter.acceptClaim('claim-1', {}, { idempotencyKey: '' }));
      expect(error.kind).to.equal('validation');
      expect(error.fieldErrors[0]?.path).to.equal('idempotencyKey');
      expect(calls).to.have.length(0);
    });

    it('a receipt whose tracking number disagrees with its need is malformed', async () => {
      const { fetch } = fakeFetch(() => json({ need, trackingNumber: 'RL-20261101-ZZZZ' }));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      expect((await rejection(adapter.createNeed(needDraft, write()))).kind).to.equal('malformed');
    });

    it('a transition answered with another claim is malformed', async () => {
      const { fetch } = fakeFetch(() => json({ ...claim, id: 'claim-2' }));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      expect((await rejection(adapter.startClaim('claim-1', {}, write()))).kind).to.equal('malformed');
    });

    it('reviewNeed posts the status and reason to the need, with its key, and checks the answer is that need so reviewed', async () => {
      const { fetch, calls } = fakeFetch(() => json({ ...need, status: 'published' }));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      const reviewed = await adapter.reviewNeed(need.id, { status: 'published', reason: '电话回访核实' }, write('k-review'));
      expect(reviewed).to.deep.equal({ ...need, status: 'published' });
      expect(calls.map((c) => [c.method, c.url.slice(BASE.length), c.headers.get('Idempotency-Key')])).to.deep.equal([
        ['POST', `/needs/${need.id}/status`, 'k-review'],
      ]);
      expect(calls[0]!.body).to.deep.equal({ status: 'published', reason: '电话回访核实' });
      for (const answer of [{ ...need, status: 'verified' }, { ...need, id: 'need-2', status: 'published' }, { ...need, status: 'published', title: '' }]) {
        const wrong = createRestAdapter({ baseUrl: BASE, fetch: fakeFetch(() => json(answer)).fetch });
        expect((await rejection(wrong.reviewNeed(need.id, { status: 'published' }, write()))).kind, JSON.stringify(answer)).to.equal('malformed');
      }
      expect((await rejection(adapter.reviewNeed('', { status: 'verified' }, write()))).kind).to.equal('validation');
    });

    it('a project answered as something else is malformed', async () => {
      const { fetch } = fakeFetch(() => json({ ...project, beneficiaries: { served: -1, planned: 0 } }, 201));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      expect((await rejection(adapter.createProject(projectDraftInput, write()))).kind).to.equal('malformed');
    });

    it('drops private fields a server leaks into a public need', async () => {
      const { fetch } = fakeFetch(() => json({ ...need, contact: { name: '王小明', phone: '13812341234', address: '华阳路 100 弄' } }));
      const adapter = createRestAdapter({ baseUrl: BASE, fetch });
      const got = await adapter.getNeed('need-1');
      expect(got).to.deep.equal(need);
      expect(JSON.stringify(got)).not.to.contain('13812341234');
    });
  });

  describe('error statuses', () => {
    const errorBody = (kind: string, message: string, fieldErrors?: unknown) => ({ error: { kind, message, ...(fieldErrors ? { fieldErrors } : {}) } });

    async function statusError(response: () => Response, call: (a: DataAdapter) => Promise<unknown> = (a) => a.listNeeds()): Promise<AdapterError> {
      const { fetch } = fakeFetch(response);
      return rejection(call(createRestAdapter({ baseUrl: BASE, fetch })));
    }

    it('maps 401, 403, 404, 409 and 500 with the server message', async () => {
      const cases: [number, string][] = [
        [401, 'unauthorized'],
        [403, 'forbidden'],
        [404, 'not-found'],
        [409, 'conflict'],
        [500, 'server'],
        [503, 'rate-limited'],
        [504, 'timeout'],
        [405, 'read-only'],
      ];
      for (const [status, kind] of cases) {
        const error = await statusError(() => json(errorBody(kind, `server says ${status}`), status));
        expect([status, error.kind]).to.deep.equal([status, kind]);
        expect(error.status).to.equal(status);
        expect(error.message).to.equal(`server says ${status}`);
      }
    });

    it('409 with kind duplicate is duplicate: the write with this key is already done', async () => {
      const error = await statusError(
        () => json(errorBody('duplicate', 'already received'), 409),
        (a) => a.createNeed(needDraft, write()),
      );
      expect(error.kind).to.equal('duplicate');
      expect(error.status).to.equal(409);
    });

    it('the error body names the kind when one status carries several', async () => {
      const reused = await statusError(
        () => json(errorBody('conflict', 'This idempotency key was already used for a different request.'), 422),
        (a) => a.createNeed(needDraft, write()),
      );
      expect([reused.kind, reused.status]).to.deep.equal(['conflict', 422]);
      // an unknown kind, or one only a client can observe, leaves the status to decide
      expect((await statusError(() => json(errorBody('teapot', 'x'), 422))).kind).to.equal('validation');
      expect((await statusError(() => json(errorBody('network', 'x'), 500))).kind).to.equal('server');
      expect((await statusError(() => json(errorBody('malformed', 'x'), 404))).kind).to.equal('not-found');
    });

    it('422 carries the field errors', async () => {
      const fieldErrors = [
        { path: 'contact.phone', code: 'phone', message: '请填写有效的电话号码' },
        { path: 'title', code: 'required', message: '请填写此项' },
      ];
      const error = await statusError(
        () => json(errorBody('validation', 'invalid', fieldErrors), 422),
        (a) => a.createNeed(needDraft, write()),
      );
      expect(error.kind).to.equal('validation');
      expect(error.fieldErrors).to.deep.equal(fieldErrors);
    });

    it('a 422 whose error body is off-contract still maps to validation, without field errors', async () => {
      const error = await statusError(() => json(errorBody('validation', 'x', [{ path: 'a', code: 'no-such-code', message: 'm' }]), 422));
      expect(error.kind).to.equal('validation');
      expect(error.fieldErrors).to.deep.equal([]);
    });

    it('429 carries retryAfter from Retry-After, seconds or a date', async () => {
      const seconds = await statusError(() => json(errorBody('rate-limited', 'slow down'), 429, { 'Retry-After': '120' }));
      expect(seconds.kind).to.equal('rate-limited');
      expect(seconds.retryAfter).to.equal(120);
      const date = new Date(Date.now() + 60_000).toUTCString();
      const none = await statusError(() => raw('', 429, 'text/plain'));
      expect([none.kind, none.retryAfter]).to.deep.equal(['rate-limited', null]);
      const withDate = await statusError(() => new Response('', { status: 429, headers: { 'Retry-After': date } }));
      expect(withDate.retryAfter).to.be.within(55, 61);
    });

    it('maps the status of an HTML error page, an empty or a cut-off body', async () => {
      const html = '<!doctype html><html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
      const bad = await statusError(() => raw(html, 502, 'text/html'));
      expect([bad.kind, bad.status]).to.deep.equal(['server', 502]);
      expect(bad.message).to.contain('502');
      expect((await statusError(() => raw('', 403))).kind).to.equal('forbidden');
      expect((await statusError(() => raw('{"error":{"kind":"not-fo', 404))).kind).to.equal('not-found');
      expect((await statusError(() => json({ error: 'nope' }, 401))).kind).to.equal('unauthorized');
      expect((await statusError(() => json(null, 500))).kind).to.equal('server');
      expect((await statusError(() => raw('Bad Request', 400, 'text/plain'))).kind).to.equal('validation');
    });

    it('cuts a runaway server message', async () => {
      const error = await statusError(() => json(errorBody('server', 'x'.repeat(100_000)), 500));
      expect(error.message.length).to.be.at.most(500);
    });
  });

  describe('timeouts, aborts and the network', () => {
    it('a request with no answer in time is timeout', async () => {
      const { fetch } = hangingFetch();
      const adapter = createRestAdapter({ baseUrl: BASE, fetch, timeout: 30 });
      const error = await rejection(adapter.listOrganizations());
      expect(error.kind).to.equal('timeout');
      expect(error.transient).to.be.true;
    });

    it('times out even when fetch ignores its signal, or the body stalls', async () => {
      const ignoring = fakeFetch(() => new Promise<Response>(() => undefined));
      expect((await rejection(createRestAdapter({ baseUrl: BASE, fetch: ignoring.fetch, timeout: 30 }).listNeeds())).kind).to.equal('timeout');
      const stalling = fakeFetch(
        () =>
          new Response(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"items":['));
              },
            }),
            { status: 200 },
          ),
      );
      expect((await rejection(createRestAdapter({ baseUrl: BASE, fetch: stalling.fetch, timeout: 30 }).listNeeds())).kind).to.equal('timeout');
    });

    it('passes a signal to fetch and uses the default 15 s timeout', async () => {
      const { fetch, calls } = fakeFetch(() => json(page([need])));
      await createRestAdapter({ baseUrl: BASE, fetch }).listNeeds();
      expect(calls[0]!.signal).to.be.instanceOf(AbortSignal);
      expect(calls[0]!.signal?.aborted).to.be.false;
    });

    it('the caller aborting is aborted, whatever the reason given', async () => {
      for (const reason of [undefined, 'bye', new Error('gone')]) {
        const { fetch } = hangingFetch();
        const adapter = createRestAdapter({ baseUrl: BASE, fetch });
        const controller = new AbortController();
        const pending = adapter.getOrganization('org-1', { signal: controller.signal });
        setTimeout(() => controller.abort(reason), 5);
        const error = await rejection(pending);
        expect(error.kind).to.equal('aborted');
      }
    });

    it('an already aborted signal sends nothing', async () => {
      const { fetch, calls } = fakeFetch(() => json(organization));
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(createRestAdapter({ baseUrl: BASE, fetch }).getOrganization('org-1', { signal: controller.signal }));
      expect(error.kind).to.equal('aborted');
      expect(calls).to.have.length(0);
    });

    it('a write aborted by the caller is aborted too', async () => {
      const { fetch } = hangingFetch();
      const controller = new AbortController();
      const pending = createRestAdapter({ baseUrl: BASE, fetch }).createNeed(needDraft, { idempotencyKey: 'k', signal: controller.signal });
      controller.abort();
      expect((await rejection(pending)).kind).to.equal('aborted');
    });

    it('fetch failing in any way is network', async () => {
      const failures: (() => Promise<Response>)[] = [
        () => Promise.reject(new TypeError('Failed to fetch')),
        () => Promise.reject(new Error('ECONNRESET')),
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a fake fetch may reject with anything
        () => Promise.reject('a string'),
        () => {
          throw new TypeError('sync throw');
        },
      ];
      for (const fail of failures) {
        const adapter = createRestAdapter({ baseUrl: BASE, fetch: fail });
        const error = await rejection(adapter.listNeeds());
        expect(error.kind).to.equal('network');
      }
    });

    it('a body cut off mid-stream is network on success, the status kind on an error', async () => {
      const broken = (status: number) => () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"items":[{"id":'));
              controller.error(new TypeError('network error'));
            },
          }),
          { status },
        );
      expect((await rejection(createRestAdapter({ baseUrl: BASE, fetch: fakeFetch(broken(200)).fetch }).listNeeds())).kind).to.equal('network');
      expect((await rejection(createRestAdapter({ baseUrl: BASE, fetch: fakeFetch(broken(503)).fetch }).listNeeds())).kind).to.equal('rate-limited');
    });

    it('a fetch that gives something other than a Response is malformed', async () => {
      const adapter = createRestAdapter({ baseUrl: BASE, fetch: () => Promise.resolve(undefined as unknown as Response) });
      expect((await rejection(adapter.listNeeds())).kind).to.equal('malformed');
    });
  });

  // -------------------------------------------------------------------------
  // The malformed-response corpus, against every read method
  // -------------------------------------------------------------------------

  describe('malformed responses', () => {
    type Body = { text: string; contentType?: string };
    interface ReadMethod {
      name: string;
      call: (a: DataAdapter) => Promise<unknown>;
      /** A valid body for this call. */
      valid: unknown;
      /** The record a corpus case breaks (the first item of a list). */
      record: Record<string, unknown>;
      list: boolean;
      /** A required field and a long-text field of the record. */
      required: string;
      textField: string;
      idField: string;
    }

    const rec = (value: object): Record<string, unknown> => structuredClone(value) as Record<string, unknown>;
    const readMethods: ReadMethod[] = [
      { name: 'listOrganizations', call: (a) => a.listOrganizations(), valid: page([organization]), record: rec(organization), list: true, required: 'registration', textField: 'name', idField: 'id' },
      { name: 'getOrganization', call: (a) => a.getOrganization('org-1'), valid: organization, record: rec(organization), list: false, required: 'registration', textField: 'name', idField: 'id' },
      { name: 'listOffers', call: (a) => a.listOffers(), valid: page([offer]), record: rec(offer), list: true, required: 'capacity', textField: 'title', idField: 'id' },
      { name: 'getOffer', call: (a) => a.getOffer('off-1'), valid: offer, record: rec(offer), list: false, required: 'capacity', textField: 'title', idField: 'id' },
      { name: 'listNeeds', call: (a) => a.listNeeds(), valid: page([need]), record: rec(need), list: true, required: 'trackingNumber', textField: 'title', idField: 'id' },
      { name: 'getNeed', call: (a) => a.getNeed('need-1'), valid: need, record: rec(need), list: false, required: 'trackingNumber', textField: 'title', idField: 'id' },
      { name: 'getNeedContact', call: (a) => a.getNeedContact('need-1'), valid: contactView, record: rec(contactView), list: false, required: 'contact', textField: 'trackingNumber', idField: 'needId' },
      { name: 'listProjects', call: (a) => a.listProjects(), valid: page([project]), record: rec(project), list: true, required: 'period', textField: 'title', idField: 'id' },
      { name: 'getProject', call: (a) => a.getProject('proj-1'), valid: project, record: rec(project), list: false, required: 'period', textField: 'title', idField: 'id' },
      { name: 'listClaims', call: (a) => a.listClaims(), valid: page([claim]), record: rec(claim), list: true, required: 'history', textField: 'id', idField: 'id' },
      { name: 'getClaim', call: (a) => a.getClaim('claim-1'), valid: claim, record: rec(claim), list: false, required: 'history', textField: 'id', idField: 'id' },
      { name: 'listAreas', call: (a) => a.listAreas(), valid: { items: [area] }, record: rec(area), list: true, required: 'level', textField: 'name', idField: 'code' },
      { name: 'getArea', call: (a) => a.getArea('310105001001'), valid: area, record: rec(area), list: false, required: 'level', textField: 'name', idField: 'code' },
    ];

    /** Wraps a broken record the way the method's answer holds it. */
    const answerWith = (m: ReadMethod, record: unknown): unknown =>
      m.list ? (m.name === 'listAreas' ? { items: [record] } : page([record])) : record;
    const withField = (m: ReadMethod, field: string, value: unknown): unknown => answerWith(m, { ...m.record, [field]: value });
    const without = (m: ReadMethod, field: string): unknown => {
      const { [field]: _gone, ...rest } = m.record;
      return answerWith(m, rest);
    };
    const asJson = (value: unknown): Body => ({ text: JSON.stringify(value) });

    const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

    const corpus: [string, (m: ReadMethod) => Body | null][] = [
      ['null', () => ({ text: 'null' })],
      ['an array instead of an object', (m) => asJson(m.list ? [m.record] : [m.record])],
      ['a bare string', () => asJson('ok')],
      ['a number', () => ({ text: '42' })],
      ['an HTML page with status 200', () => ({ text: '<!DOCTYPE html><html><head><title>登录</title></head><body>请先登录</body></html>', contentType: 'text/html' })],
      ['truncated JSON', (m) => ({ text: JSON.stringify(m.valid).slice(0, 40) })],
      ['an empty body', () => ({ text: '' })],
      ['whitespace only', () => ({ text: ' \n ' })],
      ['extra nesting around the answer', (m) => asJson({ data: m.valid })],
      ['extra nesting around the record', (m) => asJson(answerWith(m, { record: m.record }))],
      ['a wrong type (id as a number)', (m) => asJson(withField(m, m.idField, 310105001001))],
      ['a missing required field', (m) => asJson(without(m, m.required))],
      ['a required field null', (m) => asJson(withField(m, m.required, null))],
      ['an object where a string belongs', (m) => asJson(withField(m, m.textField, { zh: 'x' }))],
      ['an unknown enum value', (m) => asJson(withField(m, m.name.includes('Area') ? 'level' : m.name.includes('Claim') ? 'state' : m.name.includes('Organization') ? 'type' : m.name === 'getNeedContact' ? 'minor' : 'status', 'whatever'))],
      ['a 10 MB string field', (m) => asJson(withField(m, m.textField, TEN_MB))],
      ['a record of another kind', (m) => asJson(answerWith(m, m.name.includes('Area') ? organization : area))],
      // lists only
      ['a list with one bad item', (m) => (m.list ? asJson(m.name === 'listAreas' ? { items: [area, { ...area, code: 'x' }, area] } : page([m.record, { ...m.record, [m.required]: 'bad' }, m.record])) : null)],
      ['a nextCursor of the wrong type', (m) => (m.list && m.name !== 'listAreas' ? asJson({ ...page([m.record]), nextCursor: 42 }) : null)],
      ['a missing nextCursor', (m) => (m.list && m.name !== 'listAreas' ? asJson({ items: [m.record], total: 1 }) : null)],
      ['a total as a string', (m) => (m.list && m.name !== 'listAreas' ? asJson({ ...page([m.record]), total: '1' }) : null)],
      ['a negative total', (m) => (m.list && m.name !== 'listAreas' ? asJson({ ...page([m.record]), total: -1 }) : null)],
      ['items as an object', (m) => (m.list ? asJson({ items: { 0: m.record }, nextCursor: null, total: 1 }) : null)],
      ['items null', (m) => (m.list ? asJson({ items: null, nextCursor: null, total: 0 }) : null)],
      // single records only
      ['a different record than asked for', (m) => (m.list ? null : asJson({ ...m.record, [m.idField]: m.idField === 'code' ? '310105001002' : 'other-1' }))],
    ];

    for (const method of readMethods) {
      describe(method.name, () => {
        it('accepts the valid answer', async () => {
          const { fetch } = fakeFetch(() => json(method.valid));
          const value = await method.call(createRestAdapter({ baseUrl: BASE, fetch }));
          expect(value).to.deep.equal(method.name === 'listAreas' ? [area] : method.valid);
        });

        for (const [label, make] of corpus) {
          const body = make(method);
          if (body === null) continue;
          it(`rejects ${label} as malformed`, async () => {
            const { fetch } = fakeFetch(() => raw(body.text, 200, body.contentType));
            const error = await rejection(method.call(createRestAdapter({ baseUrl: BASE, fetch })));
            expect(error.kind, error.message.slice(0, 300)).to.equal('malformed');
            expect(error.message.length).to.be.below(2000);
          });
        }
      });
    }

    it('any JSON body (1,000 runs): a value that passes the schema, or an AdapterError', async () => {
      const listOf = <T>(schema: v.GenericSchema<unknown, T>) =>
        v.object({ items: v.array(schema), nextCursor: v.nullable(v.string()), total: v.pipe(v.number(), v.integer(), v.minValue(0)) });
      const schemaFor: Record<string, v.GenericSchema> = {
        listOrganizations: listOf(OrganizationSchema),
        getOrganization: OrganizationSchema,
        listOffers: listOf(ServiceOfferSchema),
        getOffer: ServiceOfferSchema,
        listNeeds: listOf(PublicNeedSchema),
        getNeed: PublicNeedSchema,
        getNeedContact: NeedPrivateViewSchema,
        listProjects: listOf(ProjectSchema),
        getProject: ProjectSchema,
        listClaims: listOf(ClaimSchema),
        getClaim: ClaimSchema,
        listAreas: v.array(AreaSchema),
        getArea: AreaSchema,
      };
      const method = fc.constantFrom(...readMethods);
      // Mostly near-misses, which get deep into the schemas, plus anything at all.
      const nearMiss = method.chain((m) =>
        fc.record({
          m: fc.constant(m),
          text: fc.oneof(
            fc.json(),
            fc.string(),
            // one field of the record replaced by anything
            fc
              .tuple(fc.constantFrom(...Object.keys(m.record)), fc.jsonValue())
              .map(([key, value]) => JSON.stringify(withField(m, key, value))),
            // one field of the page replaced by anything
            fc
              .tuple(fc.constantFrom('items', 'nextCursor', 'total'), fc.jsonValue())
              .map(([key, value]) => JSON.stringify(m.list ? { ...(m.valid as object), [key]: value } : { ...m.record, [key]: value })),
            fc.nat(JSON.stringify(m.valid).length).map((n) => JSON.stringify(m.valid).slice(0, n)),
            fc.constant(JSON.stringify(m.valid)),
          ),
          status: fc.constantFrom(200, 200, 200, 201, 204, 400, 404, 409, 422, 429, 500, 502),
        }),
      );
      let passed = 0;
      await fc.assert(
        fc.asyncProperty(nearMiss, async ({ m, text, status }) => {
          const body = status === 204 ? null : text;
          const { fetch } = fakeFetch(() => new Response(body, { status }));
          try {
            const value = await m.call(createRestAdapter({ baseUrl: BASE, fetch }));
            const schema = schemaFor[m.name]!;
            expect(v.is(schema, value), `${m.name} returned an invalid value for ${text.slice(0, 200)}`).to.be.true;
            expect(status).to.be.below(300);
            passed += 1;
          } catch (error) {
            expect(error, String(error)).to.be.instanceOf(AdapterError);
          }
        }),
        { numRuns: 1000 },
      );
      // the generator does reach valid answers, so both branches were exercised
      expect(passed).to.be.greaterThan(0);
    });
  });
});
