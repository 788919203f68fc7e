/**
 * Idempotency-Key held in the database: concurrent identical requests make one
 * record; a key in flight answers 409; a key reused for another request 422;
 * a failed write lets its key go. And the races the state machine must win:
 * one transition per claim, no booking past an offer's capacity.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Claim } from '@renling/core';
import { principalKey } from '../src/auth.js';
import type { HttpProblem } from '../src/errors.js';
import { Idempotency } from '../src/idempotency.js';
import { canonicalJson, sha256 } from '../src/util.js';
import { call, DATABASE_URL, ENGINE, key, kindOf, openTestDatabase, startTestServer, type TestDatabase, type TestServer } from './support/harness.js';
import { buildWorld, type World } from './support/fixtures.js';

describe(`idempotency in the database (${ENGINE})`, () => {
  let test: TestDatabase;
  let server: TestServer;
  let w: World;

  before(async () => {
    test = await openTestDatabase();
    server = await startTestServer(test);
    w = await buildWorld(server);
  });
  after(async () => {
    await server.close();
    await test.dispose();
  });

  const needCount = async (title: string): Promise<number> => {
    const rows = await server.db.query<{ n: number }>("select count(*)::int as n from needs where doc->>'title' = $1", [title]);
    return rows.rows[0]?.n ?? -1;
  };

  it('50 concurrent identical submissions with one key leave exactly one record', async () => {
    const title = `并发提交 ${key('t').slice(-6)}`;
    const draft = w.needDraft(w.communityA, title);
    const k = key('burst');
    const answers = await Promise.all(Array.from({ length: 50 }, () => call(w.api, 'POST', '/needs', { body: draft, key: k })));
    const statuses = answers.map((a) => a.status);
    assert.ok(statuses.every((s) => s === 201 || s === 409), `only 201 and 409: ${statuses.join(' ')}`);
    const fresh = answers.filter((a) => a.status === 201 && a.headers.get('Idempotent-Replayed') === null);
    assert.equal(fresh.length, 1, 'one request did the write');
    for (const a of answers.filter((x) => x.status === 409)) assert.equal(kindOf(a), 'conflict');
    const bodies = new Set(answers.filter((a) => a.status === 201).map((a) => a.text));
    assert.equal(bodies.size, 1, 'every 201 carries the same receipt');
    assert.equal(await needCount(title), 1);

    const retry = await call(w.api, 'POST', '/needs', { body: draft, key: k });
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(retry.text, fresh[0]?.text);
    assert.equal(await needCount(title), 1);
    const listed = await call(w.api, 'GET', `/needs?q=${encodeURIComponent(title)}`);
    assert.equal((listed.body as { total: number }).total, 1);
  });

  it('50 concurrent submissions with 50 keys make 50 records', async () => {
    const title = `五十个键 ${key('t').slice(-6)}`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => call(w.api, 'POST', '/needs', { body: w.needDraft(w.communityA, title) })));
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [201]);
    assert.equal(await needCount(title), 50);
  });

  it('refuses the same key with a different body, or for another operation, with 422 conflict', async () => {
    const k = key('reuse');
    const first = await call(w.api, 'POST', '/needs', { body: w.needDraft(w.communityA, '第一次'), key: k });
    assert.equal(first.status, 201);
    const other = await call(w.api, 'POST', '/needs', { body: w.needDraft(w.communityA, '第二次'), key: k });
    assert.equal(other.status, 422);
    assert.equal(kindOf(other), 'conflict');
    const offer = await call(w.api, 'POST', '/offers', { body: w.offerDraft(), key: k, headers: w.headers.staff });
    assert.equal(offer.status, 422);
    assert.equal(kindOf(offer), 'conflict');
    // the same body from someone else is not the same request either
    const signedIn = await call(w.api, 'POST', '/needs', { body: w.needDraft(w.communityA, '第一次'), key: k, headers: w.headers.staff });
    assert.equal(signedIn.status, 422);
    assert.equal(await needCount('第二次'), 0);
  });

  it('answers 409 while the key is in flight, 422 for another request meanwhile, and the stored answer after', async () => {
    // PGlite has one connection: a write held open there blocks every other query, so its mode is 'process'
    for (const inFlight of DATABASE_URL ? (['process', 'database'] as const) : (['process'] as const)) {
      const idempotency = new Idempotency(server.db, { inFlight });
      const k = key(`flight-${inFlight}`);
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const first = idempotency.run(k, 'print-a', async () => {
        await gate;
        return { status: 201, body: { made: inFlight } };
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await assert.rejects(idempotency.run(k, 'print-a', () => Promise.reject(new Error('must not run'))), (e: HttpProblem) => e.status === 409 && e.kind === 'conflict');
      await assert.rejects(idempotency.run(k, 'print-b', () => Promise.reject(new Error('must not run'))), (e: HttpProblem) => e.status === 422 && e.kind === 'conflict');
      release();
      assert.deepEqual(await first, { answer: { status: 201, body: { made: inFlight } }, replayed: false });
      const again = await idempotency.run(k, 'print-a', () => Promise.reject(new Error('must not run')));
      assert.deepEqual(again, { answer: { status: 201, body: { made: inFlight } }, replayed: true });
    }
  });

  it('takes over a key left in flight by a crashed request', { skip: !DATABASE_URL && 'PGlite knows its requests in flight in its one process' }, async () => {
    const draft = w.needDraft(w.communityA, `飞行中 ${key('t').slice(-6)}`);
    const k = key('flight');
    const fingerprint = sha256(canonicalJson(['need.create', principalKey({ kind: 'anonymous' }), JSON.parse(JSON.stringify(draft))]));
    await server.db.query("insert into idempotency_keys (key, fingerprint, state) values ($1, $2, 'in-flight')", [k, fingerprint]);
    const busy = await call(w.api, 'POST', '/needs', { body: draft, key: k });
    assert.equal(busy.status, 409);
    assert.equal(kindOf(busy), 'conflict');
    // a different body is a different request, in flight or not
    const different = await call(w.api, 'POST', '/needs', { body: { ...draft, title: '别的内容' }, key: k });
    assert.equal(different.status, 422);
    await server.db.query("update idempotency_keys set created_at = now() - interval '10 minutes' where key = $1", [k]);
    const taken = await call(w.api, 'POST', '/needs', { body: draft, key: k });
    assert.equal(taken.status, 201);
    assert.equal(taken.headers.get('Idempotent-Replayed'), null);
  });

  it('lets the key of a refused write go, so the corrected write can use it', async () => {
    const k = key('fix');
    const bad = await call(w.api, 'POST', '/needs', { body: { ...w.needDraft(w.communityA), title: '' }, key: k });
    assert.equal(bad.status, 422);
    assert.equal(kindOf(bad), 'validation');
    const good = await call(w.api, 'POST', '/needs', { body: w.needDraft(w.communityA, '改好了再提交'), key: k });
    assert.equal(good.status, 201);
  });

  it('needs a well-formed key on every POST', async () => {
    const missing = await call(w.api, 'POST', '/needs', { body: w.needDraft(w.communityA), key: null });
    assert.equal(missing.status, 422);
    assert.deepEqual((missing.body as { error: { fieldErrors: { path: string; code: string }[] } }).error.fieldErrors.map((e) => [e.path, e.code]), [['Idempotency-Key', 'required']]);
    const malformed = await call(w.api, 'POST', '/needs', { body: w.needDraft(w.communityA), headers: { 'Idempotency-Key': "x' or 1=1 --" } });
    assert.equal(malformed.status, 422);
    assert.equal((malformed.body as { error: { fieldErrors: { code: string }[] } }).error.fieldErrors[0]?.code, 'format');
  });

  it('makes one transition of 50 concurrent accepts with one key', async () => {
    const claim = await w.needClaim(w.residentNeedId, 'pending');
    const k = key('accept-once');
    const burst = await Promise.all(
      Array.from({ length: 50 }, () => call(w.api, 'POST', `/claims/${claim.id}/accept`, { body: { reason: '同意' }, key: k, headers: w.headers.staff })),
    );
    assert.ok(burst.every((a) => a.status === 200 || a.status === 409), burst.map((a) => a.status).join(' '));
    const stored = (await call(w.api, 'GET', `/claims/${claim.id}`, { headers: w.headers.staff })).body as Claim;
    assert.deepEqual(stored.history.map((t) => [t.event, t.eventId]), [['accept', k]]);
    const audited = await server.db.query<{ n: number }>("select count(*)::int as n from audit_log where subject_id = $1 and action = 'claim.accept'", [claim.id]);
    assert.equal(audited.rows[0]?.n, 1, 'one audit entry per transition');
  });

  it('lets one of 20 concurrent accepts with different keys win; the rest are conflicts', async () => {
    const claim = await w.needClaim(w.residentNeedId, 'pending');
    const race = await Promise.all(Array.from({ length: 20 }, () => w.post('staff', `/claims/${claim.id}/accept`, { reason: '同意' })));
    assert.equal(race.filter((a) => a.status === 200).length, 1, race.map((a) => a.status).join(' '));
    assert.ok(race.filter((a) => a.status !== 200).every((a) => a.status === 409 && kindOf(a) === 'conflict'));
    const stored = (await call(w.api, 'GET', `/claims/${claim.id}`, { headers: w.headers.staff })).body as Claim;
    assert.equal(stored.history.length, 1);
  });

  it('never books an offer past its places, however many accepts race', async () => {
    const offer = { ...w.offerDraft(), title: '只剩一个名额', capacity: { perPeriod: 1, period: 'month' as const, used: 0 } };
    const made = await call(w.api, 'POST', '/offers', { body: offer, headers: w.headers.organization });
    assert.equal(made.status, 201, made.text);
    const offerId = (made.body as { id: string }).id;
    const claims: string[] = [];
    for (let i = 0; i < 20; i++) {
      const booked = await call(w.api, 'POST', '/claims', {
        body: { direction: 'offer-booking', needId: null, offerId, organizationId: w.orgA.id, categoryCode: offer.categoryCode, requestedBy: { role: 'resident', id: 'x' } },
      });
      assert.equal(booked.status, 201);
      claims.push((booked.body as { id: string }).id);
    }
    const accepts = await Promise.all(claims.map((id) => call(w.api, 'POST', `/claims/${id}/accept`, { body: {}, headers: w.headers.organization })));
    assert.equal(accepts.filter((a) => a.status === 200).length, 1, accepts.map((a) => a.status).join(' '));
    assert.ok(accepts.filter((a) => a.status !== 200).every((a) => a.status === 409 && kindOf(a) === 'conflict'));
    const stored = await call(w.api, 'GET', `/offers/${offerId}`);
    assert.equal((stored.body as { capacity: { used: number } }).capacity.used, 1);
  });
});
