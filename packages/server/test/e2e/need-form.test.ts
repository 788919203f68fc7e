/**
 * End to end in Chromium, on the built demo portal served by this server (as
 * `npm start` serves it, so the page talks to /api through the REST adapter):
 * a resident submits a need through <rl-need-form>; an organization claims it;
 * staff accept; the resident's contact is then shown to that organization (and
 * to staff of the area) and to no one else. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import type { Claim, PublicNeed } from '@renling/core';
import { bearer, call, contractDataset, ENGINE, loadContractData, openTestDatabase, signedIn, startTestServer, type TestDatabase, type TestServer } from '../support/harness.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const site = `${root}demo/dist`;

describe(`a need from the form to the organization that claimed it (${ENGINE}, Chromium)`, () => {
  let test: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  const data = contractDataset();
  const street = data.areas.find((a) => a.level === 'street')?.code ?? '';
  const communities = data.areas.filter((a) => a.level === 'community').map((a) => a.code);

  before(async () => {
    assert.ok(existsSync(`${site}/index.html`), 'demo/dist is missing: run "npm run build" first');
    test = await openTestDatabase();
    await loadContractData(test.db, data);
    server = await startTestServer(test, { staticDir: site });
    browser = await chromium.launch({
      executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await test?.dispose();
  });

  it('submits through <rl-need-form> over REST; the contact reaches the accepted organization only', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const submitted = page.waitForResponse((r) => r.url().endsWith('/api/needs') && r.request().method() === 'POST', { timeout: 20_000 });
    await page.goto(`${server.server.url}/`);

    const form = page.locator('rl-need-form');
    await page.waitForFunction(() => document.querySelector('rl-need-form')?.shadowRoot?.querySelector('rl-area-picker')?.shadowRoot?.querySelector('select'), null, { timeout: 15_000 });
    await form.getByLabel('我已阅读并同意上述个人信息处理说明').check();
    await form.getByRole('combobox', { name: '服务类别' }).fill('助餐');
    await form.getByRole('option').first().click();
    await form.getByLabel('需求标题').fill('独居老人需要每天送午饭');
    await form.getByRole('checkbox', { name: '老年人' }).check();
    await form.getByLabel('社区（村）').selectOption({ index: 1 });
    await form.getByLabel('您的称呼').fill('王秀英');
    await form.getByLabel('联系电话').fill('138 1234 5678');
    await form.getByLabel('上门地址').fill('华阳路 200 弄 3 号 402 室');
    await form.getByRole('button', { name: '提交需求' }).click();

    const response = await submitted;
    assert.equal(response.status(), 201, 'the form posted to the server');
    assert.match(response.request().headers()['idempotency-key'] ?? '', /^[\w.:-]{1,64}$/u);
    const receipt = (await response.json()) as { need: PublicNeed; trackingNumber: string; followToken: string };
    await page.waitForFunction(() => document.querySelector('rl-need-form')?.shadowRoot?.querySelector('[part~="tracking-number"]'), null, { timeout: 15_000 });
    const shown = (await form.locator('[part~="tracking-number"]').textContent())?.replace(/\s+/gu, '') ?? '';
    assert.equal(shown, receipt.trackingNumber, 'the page shows the server’s tracking number');
    assert.deepEqual(errors, []);
    await context.close();

    const need = receipt.need;
    const area = (await call(server.api, 'GET', `/needs/${need.id}/contact`, { headers: (await signedIn(server.auth, server.db, 'staff', { areaCodes: [street] })).headers })).body as { areaCode: string };
    const community = area.areaCode.slice(0, 12);
    const elsewhere = communities.find((c) => c !== community) ?? '';
    const [orgA, orgB] = data.organizations;
    assert.ok(orgA && orgB && elsewhere);
    const who = {
      organization: (await signedIn(server.auth, server.db, 'organization', { organizationId: orgA.id })).headers,
      'other organization': (await signedIn(server.auth, server.db, 'organization', { organizationId: orgB.id })).headers,
      staff: (await signedIn(server.auth, server.db, 'staff', { areaCodes: [community] })).headers,
      'other staff': (await signedIn(server.auth, server.db, 'staff', { areaCodes: [elsewhere] })).headers,
      admin: (await signedIn(server.auth, server.db, 'admin', { areaCodes: [street] })).headers,
      resident: bearer(receipt.followToken),
      anonymous: {},
    };
    const contactStatuses = async (): Promise<Record<string, number>> => {
      const out: Record<string, number> = {};
      for (const [name, headers] of Object.entries(who)) out[name] = (await call(server.api, 'GET', `/needs/${need.id}/contact`, { headers })).status;
      return out;
    };

    // the public need carries none of it
    const publicText = JSON.stringify((await call(server.api, 'GET', `/needs/${need.id}`)).body);
    for (const secret of ['王秀英', '13812345678', '200 弄']) assert.ok(!publicText.includes(secret), secret);

    // the organization claims; before staff accept, it sees nothing
    const claimed = await call(server.api, 'POST', '/claims', {
      headers: who.organization,
      body: { direction: 'need-claim', needId: need.id, offerId: null, organizationId: orgA.id, categoryCode: need.categoryCode, requestedBy: { role: 'organization', id: orgA.id } },
    });
    assert.equal(claimed.status, 201, claimed.text);
    const claim = claimed.body as Claim;
    assert.equal((await contactStatuses()).organization, 403);

    const accepted = await call(server.api, 'POST', `/claims/${claim.id}/accept`, { headers: who.staff, body: { reason: '机构资质已核实' } });
    assert.equal(accepted.status, 200, accepted.text);
    assert.deepEqual(await contactStatuses(), {
      organization: 200,
      'other organization': 403,
      staff: 200,
      'other staff': 403,
      admin: 403,
      resident: 403,
      anonymous: 401,
    });
    const contact = (await call(server.api, 'GET', `/needs/${need.id}/contact`, { headers: who.organization })).body as { contact: { name: string; phone: string; address: string } };
    assert.deepEqual(contact.contact, { name: '王秀英', phone: '13812345678', address: '华阳路 200 弄 3 号 402 室' });
    assert.equal(((await call(server.api, 'GET', `/needs/${need.id}`)).body as PublicNeed).status, 'claimed');
  });
});
