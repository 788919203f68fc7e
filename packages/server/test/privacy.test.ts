/**
 * What the server shows of residents, and to whom: public needs with their
 * free text masked and areas cut to the community; the contact only to staff
 * of the area and to the organization whose claim was accepted; residents
 * following their own needs with the secret link's token; claims seen only
 * by their parties.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Claim, Page, PublicNeed } from '@renling/core';
import { bearer, call, ENGINE, kindOf, openTestDatabase, startTestServer, type TestDatabase, type TestServer } from './support/harness.js';
import { buildWorld, type World } from './support/fixtures.js';

describe(`privacy (${ENGINE})`, () => {
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

  const grid = (): string => {
    const code = w.data.areas.find((a) => a.level === 'grid' && a.parentCode === w.communityA)?.code;
    assert.ok(code);
    return code;
  };

  it('masks names, phones and ID numbers in the public text, and cuts grids to their community', async () => {
    const draft = {
      ...w.needDraft(grid(), '王秀英阿婆需要助浴'),
      description: '网格员上门了解：王秀英独居，电话 138-1234-5678，座机 021-62345678，身份证 310105194901011234。',
      contact: { name: '王秀英', phone: '13812345678', address: '华阳路 100 弄 5 号 302 室' },
    };
    const made = await w.post('anonymous', '/needs', draft);
    assert.equal(made.status, 201, made.text);
    const receipt = made.body as { need: PublicNeed; trackingNumber: string; followToken: string };
    const got = (await w.get('anonymous', `/needs/${receipt.need.id}`)).body as PublicNeed & Record<string, unknown>;
    assert.equal(got.areaCode, w.communityA);
    assert.equal(got.title, '王**阿婆需要助浴');
    assert.equal(got.description, '网格员上门了解：王**独居，电话 138****5678，座机 021-****5678，身份证 **************1234。');
    for (const hidden of ['contact', 'consent', 'health', 'minor']) assert.ok(!(hidden in got), hidden);
    assert.deepEqual(receipt.need, got);
    const text = JSON.stringify((await w.get('anonymous', `/needs?limit=200`)).body);
    for (const secret of ['13812345678', '62345678', '310105194901011234', '王秀英', '华阳路 100 弄']) assert.ok(!text.includes(secret), secret);
    // the masked text is what is searched: a phone number finds nothing
    assert.equal(((await w.get('anonymous', '/needs?q=1381234')).body as Page<PublicNeed>).total, 0);
    assert.equal(((await w.get('anonymous', `/needs?q=${encodeURIComponent('王秀英')}`)).body as Page<PublicNeed>).total, 0);
  });

  it('shows the contact only to staff of the area and to the organization whose claim was accepted', async () => {
    const need = await w.submitNeed(grid(), '需要上门理发');
    const path = `/needs/${need.id}/contact`;
    const statuses = async (): Promise<Record<string, number>> => {
      const out: Record<string, number> = {};
      for (const who of ['anonymous', 'resident', 'organization', 'other organization', 'staff', 'other staff', 'admin'] as const)
        out[who] = (await w.get(who, path)).status;
      return out;
    };
    const before = await statuses();
    assert.deepEqual(before, { anonymous: 401, resident: 403, organization: 403, 'other organization': 403, staff: 200, 'other staff': 403, admin: 403 });

    const claim = await w.needClaim(need.id, 'pending');
    assert.equal((await w.get('organization', path)).status, 403, 'a pending claim is not enough');
    await w.post('staff', `/claims/${claim.id}/accept`, { reason: '资质核实' });
    const shown = await w.get('organization', path);
    assert.equal(shown.status, 200);
    const contact = shown.body as { contact: { name: string; phone: string; address: string }; areaCode: string; trackingNumber: string };
    assert.deepEqual(contact.contact, { ...w.needDraft(grid()).contact }, 'unmasked, as submitted');
    assert.equal(contact.areaCode, grid(), 'the full grid for the one who visits');
    assert.equal(contact.trackingNumber, need.trackingNumber);
    assert.equal((await w.get('other organization', path)).status, 403);
    assert.equal((await w.get('admin', path)).status, 403);

    // a withdrawn claim takes the access away again
    await w.post('organization', `/claims/${claim.id}/withdraw`, { reason: '人手不足' });
    assert.equal((await w.get('organization', path)).status, 403);

    const reads = await server.db.query<{ actor_role: string }>(
      "select actor_role from audit_log where action = 'need.contact.read' and subject_id = $1 order by id",
      [need.id],
    );
    assert.deepEqual(reads.rows.map((r) => r.actor_role), ['staff', 'organization']);
  });

  it('lets a resident follow and rate their own need with the secret link, and nobody else with theirs', async () => {
    const mine = await w.submitNeed(w.communityA, '想找人陪同就医');
    const theirs = await w.submitNeed(w.communityA, '别人的需求');
    const claim = await w.needClaim(mine.id, 'completed');
    const track = await call(w.api, 'GET', '/track', { headers: bearer(mine.followToken) });
    assert.equal(track.status, 200);
    const followed = track.body as { needs: PublicNeed[]; claims: Claim[] };
    assert.deepEqual(followed.needs.map((n) => n.trackingNumber), [mine.trackingNumber]);
    assert.deepEqual(followed.claims.map((c) => c.id), [claim.id]);

    const other = await call(w.api, 'POST', `/claims/${claim.id}/rate`, { body: { score: 1, comment: '' }, headers: bearer(theirs.followToken) });
    assert.equal(other.status, 403);
    const tampered = `${mine.followToken.slice(0, -2)}xx`;
    assert.equal((await call(w.api, 'GET', '/track', { headers: bearer(tampered) })).status, 401);
    const rated = await call(w.api, 'POST', `/claims/${claim.id}/rate`, { body: { score: 5, comment: '陪同很耐心' }, headers: bearer(mine.followToken) });
    assert.equal(rated.status, 200, rated.text);
    assert.deepEqual((rated.body as Claim).rating, { score: 5, comment: '陪同很耐心' });
    assert.equal((rated.body as Claim).history.at(-1)?.by.role, 'resident');
  });

  it('gives an anonymous booker a follow token for their booking, and keeps residents’ names masked in claims', async () => {
    const booking = {
      direction: 'offer-booking',
      needId: null,
      offerId: w.offerA.id,
      organizationId: w.orgA.id,
      categoryCode: w.offerA.categoryCode,
      requestedBy: { role: 'staff', id: 'pretending-to-be-staff', name: '李建国' },
    };
    const made = await w.post('anonymous', '/claims', booking);
    assert.equal(made.status, 201, made.text);
    const claim = made.body as Claim & { followToken: string };
    assert.equal(claim.requestedBy.role, 'resident', 'an anonymous caller is a resident, whatever the body says');
    assert.equal(claim.requestedBy.name, '李**');
    assert.notEqual(claim.requestedBy.id, 'pretending-to-be-staff');
    const someoneElse = await w.post('resident', `/claims/${claim.id}/withdraw`, { reason: '不需要了' });
    assert.equal(someoneElse.status, 403);
    const withdrawn = await call(w.api, 'POST', `/claims/${claim.id}/withdraw`, { body: { reason: '家人已安排' }, headers: bearer(claim.followToken) });
    assert.equal(withdrawn.status, 200, withdrawn.text);
    assert.equal((withdrawn.body as Claim).state, 'withdrawn');

    const byStaff = await w.post('staff', '/claims', { ...booking, requestedBy: { role: 'resident', id: 'resident-door-42', name: '张桂芳' } });
    assert.equal((byStaff.body as Claim).requestedBy.name, '张**');
    assert.equal((byStaff.body as Claim).requestedBy.id, 'resident-door-42');
  });

  it('lists claims only to their parties: the organization, staff of the area, the resident', async () => {
    const need = await w.submitNeed(w.communityA, '只给相关方看的认领');
    const claim = await w.needClaim(need.id, 'pending');
    const ids = async (who: Parameters<World['get']>[0], headers?: Record<string, string>): Promise<string[]> => {
      const answer = headers ? await call(w.api, 'GET', `/claims?needId=${need.id}`, { headers }) : await w.get(who, `/claims?needId=${need.id}`);
      assert.equal(answer.status, 200, answer.text);
      return (answer.body as Page<Claim>).items.map((c) => c.id);
    };
    assert.deepEqual(await ids('organization'), [claim.id]);
    assert.deepEqual(await ids('staff'), [claim.id]);
    assert.deepEqual(await ids('admin'), [claim.id]);
    assert.deepEqual(await ids('other organization'), []);
    assert.deepEqual(await ids('other staff'), []);
    assert.deepEqual(await ids('resident'), [], 'another resident');
    assert.deepEqual(await ids('resident', bearer(need.followToken)), [claim.id]);
    assert.equal((await w.get('other staff', `/claims/${claim.id}`)).status, 403);
    assert.equal(kindOf(await w.get('anonymous', '/claims')), 'unauthorized');
  });

  it('lets staff verify and publish needs in their areas, and suggests matching offers', async () => {
    const need = await w.submitNeed(w.communityA, '核实后发布');
    const verified = await w.post('staff', `/needs/${need.id}/status`, { status: 'verified', reason: '电话回访' });
    assert.equal((verified.body as PublicNeed).status, 'verified');
    const again = await w.post('staff', `/needs/${need.id}/status`, { status: 'verified' });
    assert.equal(again.status, 409);
    const published = await w.post('staff', `/needs/${need.id}/status`, { status: 'published' });
    assert.equal((published.body as PublicNeed).status, 'published');
    const audit = await w.get('admin', `/audit?subjectType=need&subjectId=${need.id}`);
    assert.deepEqual((audit.body as Page<{ action: string }>).items.map((e) => e.action), ['need.create', 'need.verified', 'need.published']);

    const matches = await w.get('staff', `/needs/${w.residentNeedId}/matches`);
    assert.equal(matches.status, 200);
    for (const offer of (matches.body as { items: { status: string; capacity: { used: number; perPeriod: number } }[] }).items) {
      assert.equal(offer.status, 'open');
      assert.ok(offer.capacity.used < offer.capacity.perPeriod);
    }
  });
});
