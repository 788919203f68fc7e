// End-to-end tests: the built one-file bundle on plain pages, and the built demo portal,
// in Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../scripts/static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
mkdirSync(shots, { recursive: true });

for (const built of ['packages/elements/dist/renling.js', 'demo/dist/index.html']) {
  if (!existsSync(root + built)) {
    console.error(`Missing ${built}: run "npm run build" first.`);
    process.exit(1);
  }
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const BUNDLE = '/packages/elements/dist/renling.js';
const axeSource = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** Opens a page and collects what it throws and logs. */
async function open(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1024, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto(url);
  return { page, errors, warnings, close: () => context.close() };
}

const shadowText = (page, selector) =>
  page.evaluate((s) => document.querySelector(s)?.shadowRoot?.textContent?.replace(/\s+/gu, ' ') ?? '', selector);

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('renling.js loaded by one script tag renders the card and its event fires', async ({ browser, base }) => {
  const { page, errors, close } = await open(browser, `${base}/test/pages/embed.html`);
  await page.waitForFunction(() => document.querySelector('#card')?.shadowRoot?.querySelector('button'));
  const text = await shadowText(page, '#card');
  assert(text.includes('助餐送餐上门') && text.includes('本周剩余 3 个名额'), `card text: ${text.slice(0, 200)}`);
  await page.locator('#card').getByRole('button', { name: '预约此服务' }).click();
  const detail = await page.evaluate(() => window.__booked);
  assert(detail?.offerId === 'off-1' && detail.direction === 'offer-booking', `event detail: ${JSON.stringify(detail)}`);
  assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await close();
});

test('a card placed before its provider is defined still gets the provider context', async ({ browser, base }) => {
  const { page, errors, close } = await open(browser, `${base}/test/pages/plain.html?src=${BUNDLE}`);
  await page.waitForFunction(() => window.__ready === true);
  await page.evaluate(() => document.querySelector('rl-provider').setAttribute('locale', 'en'));
  await page.waitForFunction(() => document.querySelector('#project')?.shadowRoot?.textContent?.includes('Budget'));
  assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await close();
});

test('loading renling.js twice throws nothing and keeps one working definition', async ({ browser, base }) => {
  const { page, errors, warnings, close } = await open(
    browser,
    `${base}/test/pages/plain.html?src=${BUNDLE}&src=${BUNDLE}?copy=2`,
  );
  await page.waitForFunction(() => window.__ready === true);
  await page.waitForFunction(() => document.querySelector('#project')?.shadowRoot?.textContent?.includes('乐龄守护计划'), null, {
    timeout: 5000,
  });
  assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  assert(!warnings.some((w) => w.includes('renling')), `unexpected warning: ${warnings.join(' | ')}`);
  await close();
});

test('next to another version of the kit: no error, one warning per tag', async ({ browser, base }) => {
  // a copy of the bundle that reports another version, served beside the real one
  const { version } = JSON.parse(readFileSync(`${root}packages/elements/package.json`, 'utf8'));
  const quoted = new RegExp(`(["'\`])${version.replaceAll('.', '\\.')}\\1`, 'gu');
  const other = readFileSync(root + BUNDLE.slice(1), 'utf8').replace(quoted, '"9.9.9"');
  assert(other.includes('"9.9.9"'), 'could not find the version in the bundle');
  mkdirSync(`${shots}other-version`, { recursive: true });
  writeFileSync(`${shots}other-version/renling.js`, other);
  const { page, errors, warnings, close } = await open(
    browser,
    `${base}/test/pages/plain.html?src=${BUNDLE}&src=/test/screenshots/other-version/renling.js`,
  );
  await page.waitForFunction(() => window.__ready === true);
  assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  const mismatch = warnings.filter((w) => w.includes('[renling]') && w.includes('rl-project-card'));
  assert(mismatch.length === 1, `expected one version warning for rl-project-card, got: ${warnings.join(' | ')}`);
  await close();
});

test('hostile page CSS does not change how the card looks', async ({ browser, base }) => {
  const shot = async (hostile) => {
    const { page, close } = await open(browser, `${base}/test/pages/plain.html?src=${BUNDLE}${hostile ? '&hostile' : ''}`);
    await page.waitForFunction(() => window.__ready === true);
    await page.waitForFunction(() =>
      ['#project', '#offer'].every((id) => document.querySelector(id)?.shadowRoot?.querySelector('article')),
    );
    await page.waitForTimeout(400);
    const png = await page.locator('#project').screenshot({ path: `${shots}card-${hostile ? 'hostile' : 'clean'}.png`, animations: 'disabled' });
    const offerPng = await page.locator('#offer').screenshot({ animations: 'disabled' });
    await close();
    return [png, offerPng];
  };
  const [clean, cleanOffer] = await shot(false);
  const [hostile, hostileOffer] = await shot(true);
  assert(clean.equals(hostile), 'project card pixels differ under hostile CSS (see test/screenshots/card-*.png)');
  assert(cleanOffer.equals(hostileOffer), 'offer card pixels differ under hostile CSS');
});

test('the demo portal shows project and offer cards from the seeded street, without errors', async ({ browser, demo }) => {
  const { page, errors, close } = await open(browser, `${demo}/`);
  await page.waitForFunction(
    () => document.querySelectorAll('rl-project-card').length === 12 &&
      [...document.querySelectorAll('rl-project-card')].every((c) => c.shadowRoot?.querySelector('article')),
    null,
    { timeout: 10000 },
  );
  const titles = await page.evaluate(() =>
    [...document.querySelectorAll('rl-project-card')].map((c) => c.shadowRoot.querySelector('[part~="title"]').textContent.trim()),
  );
  assert(titles.every((t) => t.length > 1), `empty titles: ${JSON.stringify(titles)}`);
  const stats = await page.locator('#stats').textContent();
  assert(/社会组织\s*6\d/u.test(stats ?? ''), `stats: ${stats}`);
  await page.locator('#offers rl-project-card').first().getByRole('button', { name: '预约此服务' }).click();
  await page.waitForSelector('#toast:not([hidden])');
  assert((await page.locator('#toast').textContent()).includes('预约申请'), 'no booking confirmation');
  assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await close();
});

for (const theme of ['light', 'dark', 'elder']) {
  test(`the demo portal in the ${theme} theme has no axe violations (screenshot saved)`, async ({ browser, demo }) => {
    const { page, close } = await open(browser, `${demo}/?theme=${theme}`);
    await page.waitForFunction(
      () => [...document.querySelectorAll('rl-project-card')].filter((c) => c.shadowRoot?.querySelector('article')).length === 12,
      null,
      { timeout: 10000 },
    );
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${shots}portal-${theme}.png`, fullPage: true });
    const violations = await axe(page);
    assert(violations.length === 0, `axe: ${violations.join(' | ')}`);
    await close();
  });
}

test('the demo portal switches language, and fits a 320 px phone screen', async ({ browser, demo }) => {
  const { page, close } = await open(browser, `${demo}/`, { viewport: { width: 320, height: 640 } });
  await page.waitForFunction(() => document.querySelector('rl-project-card')?.shadowRoot?.querySelector('article'));
  await page.selectOption('#locale', 'en');
  await page.waitForFunction(() => document.querySelector('#projects rl-project-card')?.shadowRoot?.textContent?.includes('Beneficiaries'));
  assert((await page.locator('h1').textContent()).includes('organizations'), 'page chrome not in English');
  await page.selectOption('#locale', 'zh-TW');
  await page.waitForFunction(() => document.querySelector('#projects rl-project-card')?.shadowRoot?.textContent?.includes('受益人次'));
  await page.selectOption('#theme', 'elder');
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: `${shots}portal-phone-elder.png`, fullPage: false });
  assert(overflow <= 0, `page scrolls sideways by ${overflow}px at 320px`);
  await close();
});

test('the demo portal takes a need: fill, submit, tracking number shown', async ({ browser, demo }) => {
  const { page, errors, close } = await open(browser, `${demo}/`, { viewport: { width: 390, height: 844 } });
  const form = page.locator('rl-need-form');
  await page.waitForFunction(() => document.querySelector('rl-need-form')?.shadowRoot?.querySelector('rl-area-picker')?.shadowRoot?.querySelector('select'), null, {
    timeout: 10000,
  });
  const submit = form.getByRole('button', { name: '提交需求' });
  assert(await submit.isDisabled(), 'submit is enabled before consent');
  await form.getByLabel('我已阅读并同意上述个人信息处理说明').check();
  await form.getByRole('combobox', { name: '服务类别' }).fill('助餐');
  await form.getByRole('option').first().click();
  await form.getByLabel('需求标题').fill('独居老人需要每天送午饭');
  await form.getByRole('checkbox', { name: '老年人' }).check();
  await form.getByLabel('社区（村）').selectOption({ index: 1 });
  await form.getByLabel('您的称呼').fill('王阿姨');
  await form.getByLabel('联系电话').fill('138 1234 5678');
  await form.getByLabel('上门地址').fill('华阳路 200 弄 3 号');
  await submit.click();
  await page.waitForFunction(() => document.querySelector('rl-need-form')?.shadowRoot?.querySelector('[part~="tracking-number"]'), null, { timeout: 10000 });
  const tracking = (await form.locator('[part~="tracking-number"]').textContent())?.trim() ?? '';
  assert(/^RL-\d{8}-[0-9A-Z]{4,8}$/u.test(tracking), `tracking number: ${tracking}`);
  assert((await shadowText(page, 'rl-need-form')).includes('接下来会怎样'), 'no next steps');
  await page.screenshot({ path: `${shots}portal-need-sent.png`, fullPage: false });
  // the forms section only: other sections have their own tests
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('#forms'), { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert(violations.length === 0, `axe: ${violations.join(' | ')}`);
  assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await close();
});

test('the demo directory finds 养老, opens an organization, and Back returns to the results', async ({ browser, demo }) => {
  const { page, errors, close } = await open(browser, `${demo}/`, { viewport: { width: 1024, height: 900 } });
  const directory = page.locator('rl-org-directory');
  const search = directory.getByRole('combobox', { name: '搜索社会组织和服务' });
  await search.waitFor({ timeout: 10000 });
  await search.scrollIntoViewIfNeeded();
  await search.fill('养老');
  // Enter submits and closes the suggestions, which would cover the first results
  await search.press('Enter');
  const results = directory.getByRole('list', { name: '搜索结果' });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('dir-q') === '养老', null, { timeout: 5000 });
  const first = results.getByRole('link').first();
  await first.waitFor();
  const marks = await results.locator('mark').allTextContents();
  assert(marks.length > 0 && marks.every((m) => '养老'.includes(m) || m.includes('养老')), `marks: ${marks.join(',')}`);
  const name = (await first.textContent())?.trim() ?? '';
  const length = await page.evaluate(() => history.length);
  await first.click();
  await directory.getByRole('heading', { name, level: 3 }).waitFor();
  assert((await page.evaluate(() => history.length)) === length + 1, 'opening an organization did not add a history entry');
  assert(new URL(page.url()).searchParams.has('dir-org'), `no organization in the URL: ${page.url()}`);
  await page.screenshot({ path: `${shots}portal-directory-organization.png`, fullPage: false });
  await page.goBack();
  await first.waitFor();
  const url = new URL(page.url());
  assert(!url.searchParams.has('dir-org') && url.searchParams.get('dir-q') === '养老', `after Back: ${page.url()}`);
  assert((await search.inputValue()) === '养老', 'the search text was lost');
  assert((await first.textContent())?.trim() === name, 'Back did not return to the same results');
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('#directory'), { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert(violations.length === 0, `axe: ${violations.join(' | ')}`);
  assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await close();
});

// -- two-way claiming on the demo's embedded default (the local adapter) ------------------------

/** Switches who the workbench acts as, then waits for the claim tracker to reload. */
async function actAs(page, role) {
  await page.selectOption('#wb-role', role);
  await page.waitForTimeout(50);
  await page.evaluate(() => document.querySelector('rl-claim-tracker').updateComplete);
}

/** Staff group the tracker's (only) claim into a project; returns the project card's text. */
async function groupIntoProject(page, title) {
  const tracker = page.locator('rl-claim-tracker');
  await actAs(page, 'staff');
  await tracker.getByRole('button', { name: '组建服务项目' }).click();
  await tracker.getByRole('checkbox').first().check();
  await tracker.getByLabel('项目名称').fill(title);
  await tracker.getByLabel('资金来源').selectOption({ index: 1 });
  await tracker.getByLabel('项目预算（元）').fill('20000');
  await tracker.getByLabel('开始日期').fill('2026-12-01');
  await tracker.getByLabel('结束日期').fill('2027-11-30');
  await tracker.getByRole('button', { name: '创建项目' }).click();
  await page.waitForFunction(
    (t) => document.querySelector('rl-claim-tracker')?.shadowRoot?.querySelector('rl-project-card')?.shadowRoot?.querySelector('article')?.textContent?.includes(t),
    title,
    { timeout: 10000 },
  );
  return page.evaluate(() => document.querySelector('rl-claim-tracker').shadowRoot.querySelector('rl-project-card').shadowRoot.textContent.replace(/\s+/gu, ' '));
}

async function axeWithin(page, selector) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (s) => {
    const result = await window.axe.run(document.querySelector(s), { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}

test('need side: a need sent from the form is published by staff, claimed by an organization, accepted, done, rated and grouped into a project', async ({ browser, demo }) => {
  const { page, errors, close } = await open(browser, `${demo}/`, { viewport: { width: 1280, height: 900 } });
  const form = page.locator('rl-need-form');
  await page.waitForFunction(() => document.querySelector('rl-need-form')?.shadowRoot?.querySelector('rl-area-picker')?.shadowRoot?.querySelector('select'), null, {
    timeout: 10000,
  });
  const title = '孩子放学后独自在家需要安全教育';
  await form.getByLabel('我已阅读并同意上述个人信息处理说明').check();
  await form.getByRole('combobox', { name: '服务类别' }).fill('儿童保护');
  await form.getByRole('option').first().click();
  await form.getByLabel('需求标题').fill(title);
  await form.getByRole('checkbox', { name: '儿童' }).check();
  await form.getByLabel('社区（村）').selectOption({ label: '大西别墅居委会' });
  await form.getByLabel('您的称呼').fill('王阿姨');
  await form.getByLabel('联系电话').fill('138 1234 5678');
  await form.getByLabel('上门地址').fill('华阳路 200 弄 3 号');
  await form.getByRole('button', { name: '提交需求' }).click();
  await page.waitForFunction(() => document.querySelector('rl-need-form')?.shadowRoot?.querySelector('[part~="tracking-number"]'), null, { timeout: 10000 });

  // staff: the new need waits for review on the matching desk; publishing it brings suggestions
  const matcher = page.locator('rl-matcher');
  await matcher.getByLabel('认领状态').selectOption({ label: '待核实' });
  // the lists render only the rows on screen
  await matcher.getByRole('listbox', { name: '需求清单' }).scrollIntoViewIfNeeded();
  const needRow = matcher.getByRole('option', { name: new RegExp(title) });
  await needRow.waitFor({ timeout: 10000 });
  await needRow.click();
  await matcher.getByRole('button', { name: '核实并发布' }).click();
  const candidate = matcher.locator('[part~="candidate"]').filter({ hasText: '儿童安全自护课堂' });
  await candidate.waitFor({ timeout: 10000 });

  // the organization claims it with its own offer; published, it is listed under its field and community
  await actAs(page, 'organization');
  await matcher.getByLabel('认领状态').selectOption({ label: '全部状态' });
  await matcher.getByLabel('服务类别').selectOption({ label: '青少年儿童' });
  await matcher.locator('select[name="area"]').selectOption({ label: '大西别墅居委会' });
  await matcher.getByRole('listbox', { name: '需求清单' }).scrollIntoViewIfNeeded();
  await matcher.getByRole('option', { name: new RegExp(title) }).click();
  await candidate.getByRole('button', { name: '由该机构认领' }).click();
  const tracker = page.locator('rl-claim-tracker');
  await tracker.getByText(title).first().waitFor({ timeout: 10000 });
  // before acceptance the organization gets no way to the resident's contact
  assert((await tracker.getByRole('button', { name: '显示联系方式' }).count()) === 0, 'contact offered before acceptance');
  await tracker.getByText('认领被接受后，机构才能看到居民的联系方式').waitFor();

  await actAs(page, 'staff');
  await tracker.getByRole('button', { name: '接受认领' }).click();
  await tracker.getByText('已接受这条认领。').waitFor();

  await actAs(page, 'organization');
  await tracker.getByRole('button', { name: '显示联系方式' }).click();
  await tracker.getByText('王阿姨').waitFor();
  const tel = await tracker.locator('a[href^="tel:"]').getAttribute('href');
  assert(tel?.replace(/\D/gu, '').endsWith('13812345678'), `phone link: ${tel}`);
  await tracker.getByRole('button', { name: '开始服务' }).click();
  await tracker.getByRole('button', { name: '完成服务' }).click();
  await tracker.getByLabel('受益人次').fill('1');
  await tracker.getByRole('button', { name: '确认完成' }).click();
  await tracker.getByText('已记录服务完成。').waitFor();
  // done: the organization no longer sees the contact
  assert((await tracker.getByRole('button', { name: '显示联系方式' }).count()) === 0, 'contact still offered after completion');

  await actAs(page, 'resident');
  await tracker.getByRole('button', { name: '评价服务' }).click();
  await tracker.getByRole('radio', { name: '非常满意', exact: true }).check();
  await tracker.getByLabel('评价内容').fill('老师讲得很清楚，孩子记住了。');
  await tracker.getByRole('button', { name: '提交评价' }).click();
  await tracker.getByText('感谢评价，已记录。').waitFor();

  const card = await groupIntoProject(page, '大西别墅儿童安全教育项目');
  assert(card.includes('大西别墅儿童安全教育项目'), `project card: ${card.slice(0, 200)}`);
  await page.locator('#workbench').screenshot({ path: `${shots}portal-workbench-need-side.png` });
  const violations = await axeWithin(page, '#workbench');
  assert(violations.length === 0, `axe: ${violations.join(' | ')}`);
  assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await close();
});

test('offer side: a resident books a service from the directory; the organization accepts and completes it; the resident rates it; staff make it a project', async ({ browser, demo }) => {
  const { page, errors, close } = await open(browser, `${demo}/`, { viewport: { width: 1280, height: 900 } });
  await page.locator('#wb-role').waitFor({ timeout: 15000 });
  await actAs(page, 'resident');
  const directory = page.locator('rl-org-directory');
  const search = directory.getByRole('combobox', { name: '搜索社会组织和服务' });
  await search.fill('儿童安全自护课堂');
  await search.press('Enter');
  await directory.getByRole('list', { name: '搜索结果' }).getByRole('link').first().click();
  await directory.getByRole('button', { name: /预约/ }).first().click();
  await page.waitForSelector('#toast:not([hidden])');
  assert((await page.locator('#toast').textContent()).includes('预约申请'), 'no booking confirmation');
  const tracker = page.locator('rl-claim-tracker');
  await tracker.getByText('儿童安全自护课堂').first().waitFor();
  // the resident cannot answer their own booking
  assert((await tracker.getByRole('button', { name: '接受认领' }).count()) === 0, 'a resident was offered accept');

  await actAs(page, 'organization');
  await tracker.getByRole('button', { name: '接受认领' }).click();
  await tracker.getByRole('button', { name: '开始服务' }).click();
  await tracker.getByRole('button', { name: '完成服务' }).click();
  await tracker.getByLabel('受益人次').fill('2');
  await tracker.getByRole('button', { name: '确认完成' }).click();
  await tracker.getByText('已记录服务完成。').waitFor();

  await actAs(page, 'resident');
  await tracker.getByRole('button', { name: '评价服务' }).click();
  await tracker.getByRole('radio', { name: '满意', exact: true }).check();
  await tracker.getByLabel('评价内容').fill('老师很耐心，孩子学到了很多。');
  await tracker.getByRole('button', { name: '提交评价' }).click();
  await tracker.getByText('感谢评价，已记录。').waitFor();
  await tracker.getByText('4 星 · 满意').first().waitFor();

  const card = await groupIntoProject(page, '大西别墅儿童安全自护项目');
  assert(card.includes('大西别墅儿童安全自护项目'), `project card: ${card.slice(0, 200)}`);
  await page.locator('#workbench').screenshot({ path: `${shots}portal-workbench-offer-side.png` });
  const violations = await axeWithin(page, '#workbench');
  assert(violations.length === 0, `axe: ${violations.join(' | ')}`);
  assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await close();
});

const server = await startStaticServer({ root });
const demoServer = await startStaticServer({ root: `${root}demo/dist`, fallback: 'index.html' });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
let passed = 0;
let failed = 0;
try {
  // E2E_GREP=text runs only the tests whose name contains it
  for (const { name, fn } of tests.filter((t) => !process.env.E2E_GREP || t.name.includes(process.env.E2E_GREP))) {
    const started = performance.now();
    try {
      await fn({ browser, base: server.url, demo: demoServer.url });
      passed++;
      console.log(`  ✓ ${name} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      failed++;
      console.log(`  ✗ ${name}\n      ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
  await demoServer.close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
