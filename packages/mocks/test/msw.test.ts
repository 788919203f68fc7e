// The msw mock API in the browser: routes, idempotency over HTTP, the request
// log, and each fault switch checked with plain fetch.
import { expect } from '@open-wc/testing';
import { ErrorBodySchema, IDEMPOTENCY_HEADER, REPLAYED_HEADER, type Need, type NeedDraft, type ServiceOffer } from '@renling/core';
import * as v from 'valibot';
import { DEMO_SEED, createMockWorker, generateDataset, mockAuthorization, type MockWorker } from '../src/index.js';

const BASE = '/msw-test-api';
const dataset = generateDataset({ seed: DEMO_SEED, organizations: 20 });

let counter = 0;
const newKey = (): string => `test-${Date.now().toString(36)}-${(counter += 1)}`;

function draftFrom(need: Need, title: string): NeedDraft {
  const { id: _id, trackingNumber: _t, status: _s, createdAt: _c, updatedAt: _u, ...draft } = need;
  return { ...draft, title };
}

const firstNeed = (): Need => {
  const need = dataset.needs[0];
  if (!need) throw new Error('the dataset has no needs');
  return need;
};

const api = (path: string, init?: RequestInit): Promise<Response> => fetch(`${BASE}${path}`, init);

const post = (path: string, body: unknown, key: string | null = newKey(), init: RequestInit = {}): Promise<Response> =>
  api(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key === null ? {} : { [IDEMPOTENCY_HEADER]: key }) },
    body: JSON.stringify(body),
    ...init,
  });

async function errorOf(response: Response): Promise<v.InferOutput<typeof ErrorBodySchema>['error']> {
  const body: unknown = await response.json();
  return v.parse(ErrorBodySchema, body).error;
}

async function totalNeeds(): Promise<number> {
  const page = (await (await api('/needs?limit=1')).json()) as { total: number };
  return page.total;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('msw mock API', () => {
  let mock: MockWorker;

  before(async () => {
    mock = createMockWorker({ baseUrl: BASE, dataset });
    await mock.start();
  });
  after(() => mock.stop());
  beforeEach(() => mock.reset());

  describe('routes', () => {
    it('pages a list with cursor, limit and total', async () => {
      const response = await api('/organizations?limit=5');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/json/u);
      const page = (await response.json()) as { items: { id: string }[]; nextCursor: string | null; total: number };
      expect(page.items).to.have.length(5);
      expect(page.total).to.equal(dataset.organizations.length);
      expect(page.nextCursor).to.be.a('string');
      const next = (await (await api(`/organizations?limit=5&cursor=${page.nextCursor}`)).json()) as typeof page;
      expect(next.items[0]?.id).to.not.equal(page.items[0]?.id);
    });

    it('reads repeated parameters as arrays and booleans as true/false', async () => {
      const response = await api('/organizations?type=association&type=foundation&limit=200');
      const page = (await response.json()) as { items: { type: string }[]; total: number };
      const expected = dataset.organizations.filter((o) => o.type === 'association' || o.type === 'foundation');
      expect(page.total).to.equal(expected.length);
      expect(page.items.every((o) => o.type === 'association' || o.type === 'foundation')).to.be.true;

      const open = (await (await api('/offers?hasCapacity=true&limit=200')).json()) as { items: ServiceOffer[] };
      expect(open.items.every((o) => o.capacity.used < o.capacity.perPeriod)).to.be.true;
    });

    it('refuses values the contract does not allow with 422 and field paths', async () => {
      const response = await api('/organizations?type=association&type=bank&limit=ten&hasCapacity=1');
      expect(response.status).to.equal(422);
      const error = await errorOf(response);
      expect(error.kind).to.equal('validation');
      expect(error.fieldErrors?.map((e) => e.path)).to.deep.equal(['limit', 'type.1']);
      const flag = await api('/offers?hasCapacity=yes');
      expect((await errorOf(flag)).fieldErrors?.[0]?.path).to.equal('hasCapacity');
    });

    it('serves needs in their public form only', async () => {
      const page = (await (await api('/needs?limit=200')).json()) as { items: Record<string, unknown>[] };
      expect(page.items.length).to.be.greaterThan(0);
      for (const need of page.items) {
        expect(need).to.not.have.any.keys('contact', 'consent', 'health', 'minor');
        expect(String(need.areaCode)).to.have.length(12);
      }
      const one = (await (await api(`/needs/${firstNeed().id}`)).json()) as Record<string, unknown>;
      expect(one).to.not.have.any.keys('contact', 'consent', 'health', 'minor');
    });

    it('answers GET /areas with { items } and unknown records with 404 not-found', async () => {
      const areas = (await (await api('/areas')).json()) as { items: unknown[] };
      expect(areas.items).to.have.length(dataset.areas.length);
      const missing = await api('/offers/no-such-offer');
      expect(missing.status).to.equal(404);
      expect((await errorOf(missing)).kind).to.equal('not-found');
    });

    it('answers unknown paths with 404 and wrong methods with 405, in the error body', async () => {
      const unknown = await api('/volunteers');
      expect(unknown.status).to.equal(404);
      expect((await errorOf(unknown)).kind).to.equal('not-found');
      const wrong = await api('/organizations', { method: 'DELETE' });
      expect(wrong.status).to.equal(405);
      expect(wrong.headers.get('Allow')).to.equal('GET');
      expect((await errorOf(wrong)).kind).to.equal('read-only');
      const action = await post('/claims/any/approve', {});
      expect(action.status).to.equal(404);
    });

    it('runs claim transitions through POST /claims/{id}/{action}', async () => {
      const need = firstNeed();
      const org = dataset.organizations[0]!;
      const created = await post('/claims', {
        direction: 'need-claim',
        needId: need.id,
        offerId: null,
        organizationId: org.id,
        categoryCode: need.categoryCode,
        requestedBy: { role: 'organization', id: org.id },
      });
      expect(created.status).to.equal(201);
      const claim = (await created.json()) as { id: string; state: string };
      expect(claim.state).to.equal('pending');
      const declined = await post(`/claims/${claim.id}/decline`, {});
      expect(declined.status).to.equal(422);
      const accepted = await post(`/claims/${claim.id}/accept`, { reason: '社区同意' });
      expect(accepted.status).to.equal(200);
      expect(((await accepted.json()) as { state: string }).state).to.equal('accepted');
      const rated = await post(`/claims/${claim.id}/rate`, { score: 5, comment: '' });
      expect(rated.status).to.equal(409);
      expect((await errorOf(rated)).kind).to.equal('conflict');
    });
  });

  describe('mock sign-in', () => {
    const published = (): Need => dataset.needs.find((n) => n.status === 'published') ?? firstNeed();

    it('judges a request with mockAuthorization as that actor; without one, as community staff', async () => {
      const need = published();
      const org = dataset.organizations[1]!;
      const asOrg = mockAuthorization({ role: 'organization', id: org.id });
      expect(asOrg).to.deep.equal({ Authorization: `Bearer mock:organization:${org.id}` });
      const contactPath = `/needs/${need.id}/contact`;
      expect((await api(contactPath, { headers: asOrg })).status).to.equal(403);
      expect((await errorOf(await api(contactPath, { headers: asOrg }))).kind).to.equal('forbidden');

      const created = await post(
        '/claims',
        { direction: 'need-claim', needId: need.id, offerId: null, organizationId: org.id, categoryCode: need.categoryCode, requestedBy: { role: 'staff', id: 'x' } },
        newKey(),
        { headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_HEADER]: newKey(), ...asOrg } },
      );
      expect(created.status).to.equal(201);
      const claim = (await created.json()) as { id: string; requestedBy: { role: string; id: string } };
      expect(claim.requestedBy).to.deep.equal({ role: 'organization', id: org.id });
      const selfAccept = await api(`/claims/${claim.id}/accept`, { method: 'POST', headers: { [IDEMPOTENCY_HEADER]: newKey(), ...asOrg } });
      expect(selfAccept.status).to.equal(403);
      expect((await post(`/claims/${claim.id}/accept`, {})).status, 'staff accept').to.equal(200);

      const shown = await api(contactPath, { headers: asOrg });
      expect(shown.status).to.equal(200);
      const view = (await shown.json()) as { needId: string; contact: unknown; areaCode: string };
      expect(view.needId).to.equal(need.id);
      expect(view.contact).to.deep.equal(need.contact);
      expect(view.areaCode).to.equal(need.areaCode);
      const resident = mockAuthorization({ role: 'resident', id: 'resident-1' });
      expect((await api(contactPath, { headers: resident })).status).to.equal(403);
      expect((await api(contactPath)).status, 'staff, the default').to.equal(200);
      expect((await api('/needs/no-such-need/contact')).status).to.equal(404);
    });

    it('refuses a mock sign-in that is not role:id with 401 unauthorized', async () => {
      for (const token of ['Bearer mock:', 'Bearer mock:nobody:x', 'Bearer mock:staff:not an id', 'Bearer mock:staff']) {
        const response = await api('/organizations?limit=1', { headers: { Authorization: token } });
        expect(response.status, token).to.equal(401);
        expect((await errorOf(response)).kind).to.equal('unauthorized');
      }
    });

    it('records projects with POST /projects, once per key', async () => {
      const claim = dataset.claims.find((c) => c.state === 'accepted' && !dataset.projects.some((p) => p.claimIds.includes(c.id)))!;
      const { id: _id, updatedAt: _u, ...template } = dataset.projects[0]!;
      const draft = { ...template, status: 'active', organizationId: claim.organizationId, claimIds: [claim.id], needIds: [] };
      const key = newKey();
      const first = await post('/projects', draft, key);
      expect(first.status).to.equal(201);
      const project = (await first.json()) as { id: string; status: string; claimIds: string[] };
      expect(project).to.include({ status: 'planned' });
      const again = await post('/projects', draft, key);
      expect(again.headers.get(REPLAYED_HEADER)).to.equal('true');
      expect(((await again.json()) as { id: string }).id).to.equal(project.id);
      const refused = await post('/projects', { ...draft, claimIds: ['no-such-claim'] });
      expect(refused.status).to.equal(422);
      expect((await errorOf(refused)).fieldErrors?.map((e) => [e.path, e.code])).to.deep.equal([['claimIds.0', 'enum']]);
      const byOrg = await api('/projects', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_HEADER]: newKey(), ...mockAuthorization({ role: 'organization', id: claim.organizationId }) },
        body: JSON.stringify(draft),
      });
      expect(byOrg.status).to.equal(403);
    });
  });

  describe('idempotency', () => {
    it('refuses a POST without Idempotency-Key with 422 validation', async () => {
      const response = await post('/needs', draftFrom(firstNeed(), '没有幂等键的需求'), null);
      expect(response.status).to.equal(422);
      const error = await errorOf(response);
      expect(error.kind).to.equal('validation');
      expect(error.fieldErrors?.[0]?.path).to.equal(IDEMPOTENCY_HEADER);
    });

    it('replays the stored answer for the same key and body, marked Idempotent-Replayed', async () => {
      const before = await totalNeeds();
      const key = newKey();
      const draft = draftFrom(firstNeed(), '楼道灯坏了需要维修');
      const first = await post('/needs', draft, key);
      expect(first.status).to.equal(201);
      expect(first.headers.get(REPLAYED_HEADER)).to.equal(null);
      const again = await post('/needs', draft, key);
      expect(again.status).to.equal(201);
      expect(again.headers.get(REPLAYED_HEADER)).to.equal('true');
      expect(await again.json()).to.deep.equal(await first.json());
      expect(await totalNeeds()).to.equal(before + 1);
    });

    it('answers the same key with a different body with 422 conflict', async () => {
      const key = newKey();
      expect((await post('/needs', draftFrom(firstNeed(), '第一次提交的标题'), key)).status).to.equal(201);
      const other = await post('/needs', draftFrom(firstNeed(), '换了一个标题'), key);
      expect(other.status).to.equal(422);
      expect((await errorOf(other)).kind).to.equal('conflict');
    });

    it('answers 409 while a request with the same key is in flight', async () => {
      mock.faults.latency = 300;
      const key = newKey();
      const draft = draftFrom(firstNeed(), '同一个键同时提交两次');
      const [a, b] = await Promise.all([post('/needs', draft, key), post('/needs', draft, key)]);
      expect([a.status, b.status].sort()).to.deep.equal([201, 409]);
      const conflict = a.status === 409 ? a : b;
      expect((await errorOf(conflict)).kind).to.equal('conflict');
      mock.faults.latency = 0;
      // once the first is done, the key replays
      const later = await post('/needs', draft, key);
      expect(later.status).to.equal(201);
      expect(later.headers.get(REPLAYED_HEADER)).to.equal('true');
    });
  });

  describe('faults', () => {
    it('latency delays every answer', async () => {
      mock.faults.latency = 250;
      const started = performance.now();
      const response = await api('/areas');
      expect(response.status).to.equal(200);
      expect(performance.now() - started).to.be.at.least(240);
    });

    it('offline fails the request with a network error, for the next N requests or always', async () => {
      mock.faults.offline = 1;
      const error = await rejectionOf(api('/areas'));
      expect(error).to.be.instanceOf(TypeError);
      expect((await api('/areas')).status).to.equal(200);
      mock.faults.offline = true;
      expect(await rejectionOf(api('/areas'))).to.be.instanceOf(TypeError);
      expect(await rejectionOf(api('/areas'))).to.be.instanceOf(TypeError);
      expect(mock.requests.map((r) => r.outcome)).to.deep.equal(['offline', 'ok', 'offline', 'offline']);
    });

    it('status500 answers 500 with kind server for a count of requests, or always', async () => {
      mock.faults.status500 = 2;
      for (let i = 0; i < 2; i++) {
        const response = await api('/organizations');
        expect(response.status).to.equal(500);
        expect((await errorOf(response)).kind).to.equal('server');
      }
      expect((await api('/organizations')).status).to.equal(200);
      mock.faults.status500 = 'always';
      expect((await api('/organizations')).status).to.equal(500);
      expect((await api('/organizations')).status).to.equal(500);
    });

    it('a write refused by status500 never reaches the engine', async () => {
      const before = await totalNeeds();
      mock.faults.status500 = 1;
      expect((await post('/needs', draftFrom(firstNeed(), '服务器出错时提交'))).status).to.equal(500);
      expect(await totalNeeds()).to.equal(before);
    });

    it('rateLimit answers 429 with Retry-After and kind rate-limited', async () => {
      mock.faults.rateLimit = { count: 1, retryAfter: 7 };
      const limited = await api('/offers');
      expect(limited.status).to.equal(429);
      expect(limited.headers.get('Retry-After')).to.equal('7');
      expect((await errorOf(limited)).kind).to.equal('rate-limited');
      expect((await api('/offers')).status).to.equal(200);
    });

    it('timeout hangs until the client aborts', async () => {
      mock.faults.timeout = 1;
      const started = performance.now();
      const error = await rejectionOf(api('/projects', { signal: AbortSignal.timeout(300) }));
      expect(error).to.be.instanceOf(DOMException);
      expect((error as DOMException).name).to.equal('TimeoutError');
      expect(performance.now() - started).to.be.at.least(290);
      // the hung request holds nothing up
      expect((await api('/projects')).status).to.equal(200);
    });

    it('timeout on a write holds no key: a retry with the same key is served', async () => {
      mock.faults.timeout = 1;
      const key = newKey();
      const draft = draftFrom(firstNeed(), '超时以后重试的需求');
      const controller = new AbortController();
      const hung = post('/needs', draft, key, { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      expect(await rejectionOf(hung)).to.have.property('name', 'AbortError');
      const retry = await post('/needs', draft, key);
      expect(retry.status).to.equal(201);
      expect(retry.headers.get(REPLAYED_HEADER)).to.equal(null);
    });

    it('malformedJson cuts the JSON body off, keeping the status', async () => {
      mock.faults.malformedJson = 1;
      const response = await api('/organizations?limit=3');
      expect(response.status).to.equal(200);
      const text = await response.text();
      expect(text.startsWith('{"items":[')).to.be.true;
      expect(() => {
        JSON.parse(text);
      }).to.throw(SyntaxError);
      expect(mock.requests.at(-1)?.outcome).to.equal('malformed');
    });

    it('htmlError answers a 502 HTML page instead of JSON', async () => {
      mock.faults.htmlError = true;
      const response = await api('/needs');
      expect(response.status).to.equal(502);
      expect(response.headers.get('content-type')).to.match(/^text\/html/u);
      expect(await response.text()).to.contain('502 Bad Gateway');
    });

    it('loseResponse commits the write and drops the answer; a retry leaves exactly one record', async () => {
      const before = await totalNeeds();
      mock.faults.loseResponse = 1;
      const key = newKey();
      const draft = draftFrom(firstNeed(), '回复丢失以后重试');
      expect(await rejectionOf(post('/needs', draft, key))).to.be.instanceOf(TypeError);
      expect(await totalNeeds()).to.equal(before + 1);
      const retry = await post('/needs', draft, key);
      expect(retry.status).to.equal(201);
      expect(retry.headers.get(REPLAYED_HEADER)).to.equal('true');
      const receipt = (await retry.json()) as { need: { id: string; title: string } };
      expect(receipt.need.title).to.equal('回复丢失以后重试');
      expect(await totalNeeds()).to.equal(before + 1);
      const writes = mock.requests.filter((r) => r.method === 'POST').map((r) => r.outcome);
      expect(writes).to.deep.equal(['lost', 'replayed']);
    });

    it('loseResponse leaves reads alone', async () => {
      mock.faults.loseResponse = true;
      expect((await api('/areas')).status).to.equal(200);
    });

    it('reset() turns every fault off', async () => {
      Object.assign(mock.faults, { offline: true, status500: 'always', latency: 5000 });
      mock.reset();
      expect(mock.faults).to.deep.include({ offline: false, status500: false, latency: 0, rateLimit: null });
      expect((await api('/areas')).status).to.equal(200);
    });
  });

  describe('request log', () => {
    it('records method, path, query, idempotency key, status, outcome and kind', async () => {
      const key = newKey();
      await api('/organizations?type=foundation&limit=2');
      await api('/needs/no-such-need');
      await post('/needs', draftFrom(firstNeed(), '记录请求日志'), key);
      await post('/needs', draftFrom(firstNeed(), '记录请求日志'), key);
      expect(mock.requests).to.deep.equal([
        {
          method: 'GET',
          path: '/organizations',
          search: '?type=foundation&limit=2',
          idempotencyKey: null,
          status: 200,
          outcome: 'ok',
          kind: null,
        },
        {
          method: 'GET',
          path: '/needs/no-such-need',
          search: '',
          idempotencyKey: null,
          status: 404,
          outcome: 'error',
          kind: 'not-found',
        },
        { method: 'POST', path: '/needs', search: '', idempotencyKey: key, status: 201, outcome: 'ok', kind: null },
        { method: 'POST', path: '/needs', search: '', idempotencyKey: key, status: 201, outcome: 'replayed', kind: null },
      ]);
    });

    it('is emptied by reset(), which can also start over on another dataset', async () => {
      await api('/areas');
      expect(mock.requests).to.have.length(1);
      const small = generateDataset({ seed: 7, organizations: 3 });
      mock.reset(small);
      expect(mock.requests).to.have.length(0);
      const page = (await (await api('/organizations')).json()) as { total: number };
      expect(page.total).to.equal(3);
    });
  });
});
