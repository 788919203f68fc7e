/**
 * The authorization matrix: every route × every kind of caller, each cell
 * either allowed (2xx) or refused with 401 (no valid token) or 403 (signed
 * in, not allowed). Each cell gets fresh records, so one cell's outcome
 * never depends on another's. A last test checks the matrix has a row for
 * every route the app serves.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROUTES } from '../src/app.js';
import { call, ENGINE, openTestDatabase, startTestServer, type Answer, type TestDatabase, type TestServer } from './support/harness.js';
import { buildWorld, PRINCIPALS, type PrincipalName, type World } from './support/fixtures.js';

type Outcome = 'ok' | 401 | 403;
type Expect = Record<PrincipalName, Outcome>;

/** Outcomes per principal: anonymous 401 and everyone else 403 unless listed; an invalid token is always 401. */
function expect(allowed: readonly PrincipalName[], overrides: Partial<Expect> = {}): Expect {
  const out = {} as Expect;
  for (const who of PRINCIPALS) out[who] = allowed.includes(who) ? 'ok' : who === 'anonymous' ? 401 : 403;
  out['invalid token'] = 401;
  return { ...out, ...overrides };
}

const EVERYONE: PrincipalName[] = ['anonymous', 'resident', 'organization', 'other organization', 'staff', 'other staff', 'admin'];
const SIGNED_IN: PrincipalName[] = ['resident', 'organization', 'other organization', 'staff', 'other staff', 'admin'];
const ACCOUNTS: PrincipalName[] = ['organization', 'other organization', 'staff', 'other staff', 'admin'];

interface Row {
  method: 'GET' | 'POST' | 'PUT';
  template: string;
  /** What the row is about, when one route has several rows. */
  label?: string;
  expect: Expect;
  run(w: World, who: PrincipalName): Promise<Answer>;
}

const actionRow = (action: string, label: string, allowed: PrincipalName[], prepare: (w: World) => Promise<string>, body: unknown = {}): Row => ({
  method: 'POST',
  template: '/claims/{id}/{action}',
  label: `${action} (${label})`,
  expect: expect(allowed),
  async run(w, who) {
    const id = await prepare(w);
    return w.post(who, `/claims/${id}/${action}`, body);
  },
});

const ROWS: Row[] = [
  // -- public reads ------------------------------------------------------------
  { method: 'GET', template: '/organizations', expect: expect(EVERYONE), run: (w, who) => w.get(who, '/organizations?limit=5') },
  { method: 'GET', template: '/organizations/{id}', expect: expect(EVERYONE), run: (w, who) => w.get(who, `/organizations/${w.orgA.id}`) },
  { method: 'GET', template: '/offers', expect: expect(EVERYONE), run: (w, who) => w.get(who, '/offers?limit=5') },
  { method: 'GET', template: '/offers/{id}', expect: expect(EVERYONE), run: (w, who) => w.get(who, `/offers/${w.offerA.id}`) },
  { method: 'GET', template: '/needs', expect: expect(EVERYONE), run: (w, who) => w.get(who, '/needs?limit=5') },
  { method: 'GET', template: '/needs/{id}', expect: expect(EVERYONE), run: (w, who) => w.get(who, `/needs/${w.residentNeedId}`) },
  { method: 'GET', template: '/projects', expect: expect(EVERYONE), run: (w, who) => w.get(who, '/projects?limit=5') },
  { method: 'GET', template: '/projects/{id}', expect: expect(EVERYONE), run: (w, who) => w.get(who, `/projects/${w.data.projects[0]?.id ?? ''}`) },
  { method: 'GET', template: '/areas', expect: expect(EVERYONE), run: (w, who) => w.get(who, '/areas') },
  { method: 'GET', template: '/areas/{code}', expect: expect(EVERYONE), run: (w, who) => w.get(who, `/areas/${w.communityA}`) },

  // -- offers: their organization, or staff of its area ---------------------------
  {
    method: 'POST',
    template: '/offers',
    expect: expect(['organization', 'staff', 'admin']),
    run: (w, who) => w.post(who, '/offers', w.offerDraft()),
  },
  {
    method: 'PUT',
    template: '/offers/{id}',
    expect: expect(['organization', 'staff', 'admin']),
    run: (w, who) => call(w.api, 'PUT', `/offers/${w.offerA.id}`, { body: { ...w.offerDraft(), title: `改过的标题 ${who}` }, headers: w.headers[who] }),
  },

  // -- needs --------------------------------------------------------------------
  {
    method: 'POST',
    template: '/needs',
    label: 'in community A',
    expect: expect(['anonymous', 'resident', 'staff', 'admin']),
    run: (w, who) => w.post(who, '/needs', w.needDraft(w.communityA)),
  },
  {
    method: 'GET',
    template: '/needs/{id}/contact',
    expect: expect(['organization', 'staff']),
    async run(w, who) {
      const need = await w.submitNeed(w.communityA);
      await w.needClaim(need.id, 'accepted');
      return w.get(who, `/needs/${need.id}/contact`);
    },
  },
  {
    method: 'POST',
    template: '/needs/{id}/status',
    expect: expect(['staff', 'admin']),
    async run(w, who) {
      const need = await w.submitNeed(w.communityA);
      return w.post(who, `/needs/${need.id}/status`, { status: 'verified', reason: '上门核实' });
    },
  },
  {
    method: 'GET',
    template: '/needs/{id}/matches',
    expect: expect(['staff', 'admin']),
    run: (w, who) => w.get(who, `/needs/${w.residentNeedId}/matches`),
  },
  { method: 'GET', template: '/track', expect: expect(['resident']), run: (w, who) => w.get(who, '/track') },

  // -- claims -------------------------------------------------------------------
  { method: 'GET', template: '/claims', expect: expect(SIGNED_IN), run: (w, who) => w.get(who, '/claims?limit=5') },
  {
    method: 'GET',
    template: '/claims/{id}',
    label: "an organization's claim on the resident's need",
    expect: expect(['resident', 'organization', 'staff', 'admin']),
    async run(w, who) {
      const claim = await w.needClaim(w.residentNeedId, 'pending');
      return w.get(who, `/claims/${claim.id}`);
    },
  },
  {
    method: 'POST',
    template: '/claims',
    label: 'need-claim by organization A',
    expect: expect(['organization', 'staff', 'admin']),
    run: (w, who) =>
      w.post(who, '/claims', {
        direction: 'need-claim',
        needId: w.residentNeedId,
        offerId: null,
        organizationId: w.orgA.id,
        categoryCode: 'elderly',
        requestedBy: { role: 'organization', id: w.orgA.id },
      }),
  },
  {
    method: 'POST',
    template: '/claims',
    label: "booking of A's offer",
    expect: expect(['anonymous', 'resident', 'staff', 'admin']),
    run: (w, who) =>
      w.post(who, '/claims', {
        direction: 'offer-booking',
        needId: null,
        offerId: w.offerA.id,
        organizationId: w.orgA.id,
        categoryCode: w.offerA.categoryCode,
        requestedBy: { role: 'resident', id: 'resident-walk-in', name: '王小明' },
      }),
  },
  actionRow('accept', 'a need-claim: the community answers', ['staff', 'admin'], async (w) => (await w.needClaim(w.residentNeedId, 'pending')).id, { reason: '同意' }),
  actionRow(
    'accept',
    'a booking: the organization answers',
    ['organization', 'staff', 'admin'],
    async (w) => {
      const made = await w.post('resident', '/claims', {
        direction: 'offer-booking',
        needId: null,
        offerId: w.offerA.id,
        organizationId: w.orgA.id,
        categoryCode: w.offerA.categoryCode,
        requestedBy: { role: 'resident', id: 'ignored' },
      });
      return (made.body as { id: string }).id;
    },
  ),
  actionRow('decline', 'a need-claim', ['staff', 'admin'], async (w) => (await w.needClaim(w.residentNeedId, 'pending')).id, { reason: '机构资质不符' }),
  actionRow('withdraw', 'the requester or staff', ['organization', 'staff', 'admin'], async (w) => (await w.needClaim(w.residentNeedId, 'pending')).id, { reason: '人手不足' }),
  actionRow('start', 'its organization or staff', ['organization', 'staff', 'admin'], async (w) => (await w.needClaim(w.residentNeedId, 'accepted')).id),
  actionRow('complete', 'its organization or staff', ['organization', 'staff', 'admin'], async (w) => (await w.needClaim(w.residentNeedId, 'in-progress')).id, { beneficiaries: 2 }),
  actionRow('rate', "the need's resident or staff", ['resident', 'staff'], async (w) => (await w.needClaim(w.residentNeedId, 'completed')).id, { score: 5, comment: '很满意' }),

  // -- areas and projects: the street admin -------------------------------------
  {
    method: 'POST',
    template: '/areas',
    expect: expect(['admin']),
    run: (w, who) => {
      const code = `${w.communityA}${String(900 + PRINCIPALS.indexOf(who)).padStart(3, '0')}`;
      return w.post(who, '/areas', { code, level: 'grid', name: `测试网格 ${who}`, parentCode: w.communityA });
    },
  },
  {
    method: 'POST',
    template: '/projects',
    expect: expect(['admin']),
    run: (w, who) => {
      const { id: _id, updatedAt: _u, ...project } = w.data.projects[0]!;
      return w.post(who, '/projects', { ...project, title: `矩阵测试项目 ${who}`, organizationId: w.orgA.id, areaCode: w.communityA });
    },
  },

  // -- accounts -------------------------------------------------------------------
  {
    method: 'POST',
    template: '/auth/login',
    expect: expect(EVERYONE),
    async run(w, who) {
      const username = `login-${PRINCIPALS.indexOf(who)}-${Date.now().toString(36)}`;
      const invited = await w.post('admin', '/invitations', { role: 'staff', areaCodes: [w.communityA], name: '登录测试' });
      await call(w.api, 'POST', '/invitations/accept', { body: { token: (invited.body as { token: string }).token, username, password: 'a long enough password' } });
      return w.post(who, '/auth/login', { username, password: 'a long enough password' });
    },
  },
  {
    method: 'POST',
    template: '/auth/logout',
    expect: expect(ACCOUNTS),
    async run(w, who) {
      // a second session, so the one the other rows use stays signed in
      if (!ACCOUNTS.includes(who)) return w.post(who, '/auth/logout');
      const username = `logout-${PRINCIPALS.indexOf(who)}-${Date.now().toString(36)}`;
      const invited = await w.post('admin', '/invitations', { role: 'staff', areaCodes: [w.communityA], name: '退出测试' });
      const accepted = await call(w.api, 'POST', '/invitations/accept', { body: { token: (invited.body as { token: string }).token, username, password: 'a long enough password' } });
      return call(w.api, 'POST', '/auth/logout', { headers: { Authorization: `Bearer ${(accepted.body as { token: string }).token}` } });
    },
  },
  { method: 'GET', template: '/auth/me', expect: expect(SIGNED_IN), run: (w, who) => w.get(who, '/auth/me') },
  {
    method: 'POST',
    template: '/invitations',
    label: 'a member for organization A',
    expect: expect(['staff', 'admin']),
    run: (w, who) => w.post(who, '/invitations', { role: 'organization', organizationId: w.orgA.id, name: '甲机构新成员' }),
  },
  {
    method: 'POST',
    template: '/invitations',
    label: 'staff for community A',
    expect: expect(['admin']),
    run: (w, who) => w.post(who, '/invitations', { role: 'staff', areaCodes: [w.communityA], name: '新社区工作人员' }),
  },
  {
    method: 'POST',
    template: '/invitations/accept',
    expect: expect(EVERYONE),
    async run(w, who) {
      const invited = await w.post('admin', '/invitations', { role: 'organization', organizationId: w.orgA.id, name: '受邀成员' });
      const username = `invitee-${PRINCIPALS.indexOf(who)}-${Date.now().toString(36)}`;
      return w.post(who, '/invitations/accept', { token: (invited.body as { token: string }).token, username, password: 'a long enough password' });
    },
  },
  { method: 'GET', template: '/accounts', expect: expect(['admin']), run: (w, who) => w.get(who, '/accounts') },
  {
    method: 'POST',
    template: '/accounts/{id}/disable',
    expect: expect(['admin']),
    async run(w, who) {
      const invited = await w.post('admin', '/invitations', { role: 'staff', areaCodes: [w.communityA], name: '将被停用' });
      const accepted = await call(w.api, 'POST', '/invitations/accept', {
        body: { token: (invited.body as { token: string }).token, username: `gone-${PRINCIPALS.indexOf(who)}-${Date.now().toString(36)}`, password: 'a long enough password' },
      });
      return w.post(who, `/accounts/${(accepted.body as { account: { id: string } }).account.id}/disable`);
    },
  },
  {
    method: 'POST',
    template: '/accounts/{id}/areas',
    expect: expect(['admin']),
    run: (w, who) => w.post(who, `/accounts/${w.accountIds['other staff']}/areas`, { areaCodes: [w.communityB] }),
  },
  { method: 'GET', template: '/audit', expect: expect(['admin']), run: (w, who) => w.get(who, '/audit?limit=5') },
];

describe(`authorization matrix (${ENGINE})`, () => {
  let test: TestDatabase;
  let server: TestServer;
  let world: World;

  before(async () => {
    test = await openTestDatabase();
    server = await startTestServer(test);
    world = await buildWorld(server);
  });
  after(async () => {
    await server.close();
    await test.dispose();
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.template}${row.label ? ` — ${row.label}` : ''}`, async () => {
      const wrong: string[] = [];
      for (const who of PRINCIPALS) {
        const answer = await row.run(world, who);
        const wanted = row.expect[who];
        const ok = wanted === 'ok' ? answer.status >= 200 && answer.status < 300 : answer.status === wanted;
        // a refusal carries the contract's error body with the matching kind
        const kindOk =
          wanted === 'ok' ||
          (answer.body as { error?: { kind?: string } } | null)?.error?.kind === (wanted === 401 ? 'unauthorized' : 'forbidden');
        if (!ok || !kindOk) wrong.push(`${who}: wanted ${wanted}, got ${answer.status} ${answer.text.slice(0, 160)}`);
      }
      assert.deepEqual(wrong, [], wrong.join('\n'));
    });
  }

  it('has a row for every route the server serves, and every claim action', () => {
    const covered = new Set(ROWS.map((r) => `${r.method} ${r.template}`));
    const missing = ROUTES.map(([method, template]) => `${method} ${template}`).filter((route) => !covered.has(route));
    assert.deepEqual(missing, []);
    const actions = new Set(ROWS.filter((r) => r.template === '/claims/{id}/{action}').map((r) => r.label?.split(' ')[0]));
    assert.deepEqual([...actions].sort(), ['accept', 'complete', 'decline', 'rate', 'start', 'withdraw']);
  });
});
