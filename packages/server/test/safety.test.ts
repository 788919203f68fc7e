/**
 * Hostile input is refused cleanly (the contract's error body, never a 500,
 * never a changed database): SQL injection strings everywhere a value goes,
 * oversized and malformed bodies, unknown routes and methods. And the
 * headers: security headers, CORS only for the configured sites, rate limits
 * with Retry-After.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_RATE_LIMITS } from '../src/rate-limit.js';
import { call, ENGINE, kindOf, openTestDatabase, startTestServer, type TestDatabase, type TestServer } from './support/harness.js';
import { buildWorld, type World } from './support/fixtures.js';

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE needs; --",
  '1; DELETE FROM organizations',
  "%' OR 1=1 --",
  '\\%_\\',
  "') UNION SELECT password_hash, username FROM accounts --",
  '$1',
  '\u0000',
  "王' || (select string_agg(username, ',') from accounts) || '",
];

describe(`refusing hostile input (${ENGINE})`, () => {
  let test: TestDatabase;
  let server: TestServer;
  let w: World;
  const counts = async (): Promise<string> =>
    JSON.stringify(
      (
        await server.db.query(
          'select (select count(*) from needs)::int as needs, (select count(*) from organizations)::int as orgs, (select count(*) from accounts)::int as accounts, (select count(*) from claims)::int as claims',
        )
      ).rows,
    );

  before(async () => {
    test = await openTestDatabase();
    server = await startTestServer(test, { corsOrigins: ['https://www.huayang.example.cn'] });
    w = await buildWorld(server);
  });
  after(async () => {
    await server.close();
    await test.dispose();
  });

  it('treats SQL injection strings in queries and paths as plain values', async () => {
    const before = await counts();
    for (const attack of INJECTIONS) {
      const v = encodeURIComponent(attack);
      for (const path of [
        `/organizations?q=${v}`,
        `/organizations?categoryCode=${v}&areaCode=${v}`,
        `/offers?q=${v}&organizationId=${v}&areaCode=${v}&categoryCode=${v}`,
        `/needs?q=${v}&areaCode=${v}`,
        `/projects?q=${v}&organizationId=${v}&areaCode=${v}`,
      ]) {
        const answer = await call(w.api, 'GET', path);
        if (attack.includes('\u0000')) {
          // PostgreSQL text cannot hold NUL: refused as the control character it is
          assert.equal(answer.status, 422, `${path}: ${answer.text}`);
          assert.equal(kindOf(answer), 'validation');
          continue;
        }
        assert.equal(answer.status, 200, `${path}: ${answer.text}`);
        assert.equal((answer.body as { total: number }).total, 0, `${path} matches nothing`);
      }
      for (const path of [`/organizations/${v}`, `/offers/${v}`, `/needs/${v}`, `/projects/${v}`, `/areas/${v}`]) {
        const answer = await call(w.api, 'GET', path);
        assert.ok(answer.status === 404 || answer.status === 405, `${path}: ${answer.status}`);
        assert.ok(kindOf(answer), `${path} has the error body`);
      }
      const claims = await call(w.api, 'GET', `/claims?needId=${v}&offerId=${v}&organizationId=${v}`, { headers: w.headers.staff });
      assert.equal(claims.status, attack.includes('\u0000') ? 422 : 200);
      const enumBad = await call(w.api, 'GET', `/offers?status=${v}`);
      assert.equal(enumBad.status, 422);
      const cursor = await call(w.api, 'GET', `/needs?cursor=${v}`);
      assert.equal(cursor.status, 422);
    }
    assert.equal(await counts(), before);
  });

  it('stores SQL injection strings in bodies as text, and refuses them as ids', async () => {
    const attack = INJECTIONS[1]!;
    const made = await call(w.api, 'POST', '/needs', { body: w.needDraft(w.communityA, attack) });
    assert.equal(made.status, 201, made.text);
    const found = await call(w.api, 'GET', `/needs?q=${encodeURIComponent(attack)}`);
    assert.equal((found.body as { total: number }).total, 1);
    assert.equal((found.body as { items: { title: string }[] }).items[0]?.title, attack);
    const claim = await call(w.api, 'POST', '/claims', {
      body: { direction: 'need-claim', needId: attack, offerId: null, organizationId: w.orgA.id, categoryCode: 'elderly', requestedBy: { role: 'organization', id: w.orgA.id } },
      headers: w.headers.staff,
    });
    assert.equal(claim.status, 404);
    const login = await call(w.api, 'POST', '/auth/login', { body: { username: "admin' --", password: "' OR '1'='1" } });
    assert.equal(login.status, 401);
    const action = await call(w.api, 'POST', `/claims/${encodeURIComponent(attack)}/accept`, { body: {}, headers: w.headers.staff });
    assert.equal(action.status, 404);
    assert.ok((await counts()).includes('"orgs"'));
  });

  it('refuses oversized bodies with 413 and the error body, before reading them whole', async () => {
    const huge = { ...w.needDraft(w.communityA), description: '长'.repeat(100_000) };
    const answer = await call(w.api, 'POST', '/needs', { body: huge });
    assert.equal(answer.status, 413);
    assert.equal(kindOf(answer), 'validation');
    // without Content-Length (chunked), the limit holds while streaming
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(10_000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${w.api}/needs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'streamed-too-large' },
      body: chunks,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    assert.equal(streamed.status, 413);
    // a long description within the body limit is the schema's to refuse, field by field
    const long = await call(w.api, 'POST', '/needs', { body: { ...w.needDraft(w.communityA), description: '长'.repeat(2001) } });
    assert.equal(long.status, 422);
    assert.deepEqual((long.body as { error: { fieldErrors: { path: string; code: string }[] } }).error.fieldErrors.map((e) => [e.path, e.code]), [['description', 'too-long']]);
    const longQuery = await call(w.api, 'GET', `/organizations?q=${'养'.repeat(300)}`);
    assert.equal(longQuery.status, 422);
  });

  it('refuses malformed bodies: not JSON, not an object, not application/json', async () => {
    const notJson = await call(w.api, 'POST', '/needs', { raw: '{"title": ', headers: { 'Content-Type': 'application/json' } });
    assert.equal(notJson.status, 422);
    assert.equal(kindOf(notJson), 'validation');
    const array = await call(w.api, 'POST', '/needs', { raw: '[1,2,3]', headers: { 'Content-Type': 'application/json' } });
    assert.equal(array.status, 422);
    const form = await call(w.api, 'POST', '/needs', { raw: 'title=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    assert.equal(kindOf(form), 'validation');
    const wrongTypes = await call(w.api, 'POST', '/needs', { body: { ...w.needDraft(w.communityA), beneficiaries: '2', audiences: 'elderly' } });
    assert.equal(wrongTypes.status, 422);
    const nul = await call(w.api, 'POST', '/claims', {
      body: { direction: 'offer-booking', needId: null, offerId: w.offerA.id, organizationId: w.orgA.id, categoryCode: 'elderly', requestedBy: { role: 'resident', id: 'x', name: '王\u0000' }, note: 'a' },
    });
    assert.equal(nul.status, 422);
    assert.deepEqual((nul.body as { error: { fieldErrors: { path: string; code: string }[] } }).error.fieldErrors.map((e) => [e.path, e.code]), [['requestedBy.name', 'control-chars']]);
    const bad = await call(w.api, 'GET', '/offers?limit=lots&hasCapacity=maybe');
    assert.equal(bad.status, 422);
    assert.deepEqual((bad.body as { error: { fieldErrors: { path: string }[] } }).error.fieldErrors.map((e) => e.path).sort(), ['hasCapacity', 'limit']);
  });

  it('answers unknown routes with 404 and wrong methods with 405 and Allow, in the error body', async () => {
    const missing = await call(w.api, 'GET', '/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(kindOf(missing), 'not-found');
    const wrong = await call(w.api, 'DELETE', `/needs/${w.residentNeedId}`);
    assert.equal(wrong.status, 405);
    assert.equal(kindOf(wrong), 'read-only');
    assert.match(wrong.headers.get('Allow') ?? '', /GET/u);
    const action = await call(w.api, 'POST', `/claims/x/explode`, { body: {}, headers: w.headers.staff });
    assert.equal(action.status, 404);
    const badToken = await call(w.api, 'GET', '/organizations', { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } });
    assert.equal(badToken.status, 401);
    assert.equal(badToken.headers.get('WWW-Authenticate'), 'Bearer');
  });

  it('sends security headers on answers and errors alike, and never caches API answers', async () => {
    for (const path of ['/organizations?limit=1', '/nothing-here']) {
      const answer = await call(w.api, 'GET', path);
      assert.equal(answer.headers.get('X-Content-Type-Options'), 'nosniff');
      assert.equal(answer.headers.get('Referrer-Policy'), 'no-referrer');
      assert.equal(answer.headers.get('X-Frame-Options'), 'DENY');
      assert.match(answer.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/u);
      assert.equal(answer.headers.get('Cache-Control'), 'no-store');
      assert.match(answer.headers.get('Content-Type') ?? '', /application\/json/u);
    }
  });

  it('allows only the configured sites by CORS, with the headers widgets need', async () => {
    const site = 'https://www.huayang.example.cn';
    const preflight = await fetch(`${w.api}/needs`, {
      method: 'OPTIONS',
      headers: { Origin: site, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key' },
    });
    assert.ok(preflight.status === 204 || preflight.status === 200);
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), site);
    assert.match(preflight.headers.get('Access-Control-Allow-Headers') ?? '', /Idempotency-Key/iu);
    assert.match(preflight.headers.get('Access-Control-Allow-Headers') ?? '', /Authorization/iu);
    assert.equal(preflight.headers.get('Access-Control-Allow-Credentials'), null, 'bearer tokens, no cookies');
    const read = await call(w.api, 'GET', '/areas', { headers: { Origin: site } });
    assert.equal(read.headers.get('Access-Control-Allow-Origin'), site);
    assert.match(read.headers.get('Access-Control-Expose-Headers') ?? '', /Idempotent-Replayed/u);
    assert.equal(read.headers.get('Cross-Origin-Resource-Policy'), 'cross-origin');
    const refused = await call(w.api, 'GET', '/organizations?limit=1', { headers: { Authorization: 'Bearer nope', Origin: site } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('Access-Control-Allow-Origin'), site, 'errors are readable by the widget too');
    const stranger = await call(w.api, 'GET', '/areas', { headers: { Origin: 'https://evil.example.com' } });
    assert.equal(stranger.headers.get('Access-Control-Allow-Origin'), null);
  });

  it('rate-limits per address and per account with 429, Retry-After and the error body', async () => {
    const limited = await startTestServer(test, {
      rateLimits: {
        ...DEFAULT_RATE_LIMITS,
        perAddress: { limit: 5, windowMs: 60_000 },
        writesPerAddress: { limit: 2, windowMs: 60_000 },
        perAccount: { limit: 3, windowMs: 60_000 },
        loginPerUsername: { limit: 2, windowMs: 60_000 },
      },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(limited.api, 'POST', '/needs', { body: w.needDraft(w.communityA, `限流 ${i}`) })).status);
      assert.deepEqual(statuses, [201, 201, 429]);
      const reads: number[] = [];
      for (let i = 0; i < 4; i++) reads.push((await call(limited.api, 'GET', '/areas')).status);
      assert.deepEqual(reads, [200, 200, 429, 429], 'the address had used 3 of its 5');
      const refused = await call(limited.api, 'GET', '/areas');
      assert.equal(kindOf(refused), 'rate-limited');
      assert.match(refused.headers.get('Retry-After') ?? '', /^\d+$/u);
    } finally {
      await limited.close();
    }
    const perAccount = await startTestServer(test, {
      rateLimits: { ...DEFAULT_RATE_LIMITS, perAddress: { limit: 1000, windowMs: 60_000 }, perAccount: { limit: 3, windowMs: 60_000 }, loginPerUsername: { limit: 2, windowMs: 60_000 } },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(perAccount.api, 'GET', '/claims?limit=1', { headers: w.headers.staff })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      // another account is counted apart
      assert.equal((await call(perAccount.api, 'GET', '/claims?limit=1', { headers: w.headers.admin })).status, 200);
      const guesses: number[] = [];
      for (let i = 0; i < 3; i++) guesses.push((await call(perAccount.api, 'POST', '/auth/login', { body: { username: 'admin', password: `guess number ${i}` } })).status);
      assert.deepEqual(guesses, [401, 401, 429]);
    } finally {
      await perAccount.close();
    }
  });
});
