import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  AdapterError,
  PROJECT_CLAIM_STATES,
  createCachedAdapter,
  createMemoryAdapter,
  createMemoryCacheStorage,
  type Actor,
  type Claim,
  type DataAdapter,
  type MemoryAdapter,
} from '@renling/core';
import { DEMO_SEED, generateDataset, type Dataset } from '@renling/mocks';
import './claim-tracker.js';
import type { RlClaimTracker } from './claim-tracker.js';
import type { RlClaimEntry } from './claim-entry.js';
import type { RlProjectBuilder } from './project-builder.js';
import type { RlProjectCard } from '../project-card/project-card.js';
import type { RlClaimChangedEvent, ClaimChangedDetail } from '../../events/claim-changed.js';
import type { RlProjectCreatedEvent } from '../../events/project-created.js';
import { THEMES, type Theme } from '../../styles/tokens.js';
import { useLocale } from '../../localization/localization.js';
import { control, text, typeInto } from '../../../test/form-helpers.js';
import { gatedAdapter } from '../../../test/directory.js';

/** The page behind the tracker: a dark theme is meant for a dark page. */
const PAGE: Record<Theme, string> = { light: '#f4f1ec', dark: '#121418', elder: '#ffffff' };

const STAFF: Actor = { role: 'staff', id: 'staff-test', name: '王芳' };

let generated: Dataset | null = null;
/** The demo street with 60 organizations, a fresh copy per test so writes never leak. */
function dataset(): Dataset {
  generated ??= generateDataset({ seed: DEMO_SEED, organizations: 60 });
  return structuredClone(generated);
}

const grouped = (data: Dataset): Set<string> => new Set(data.projects.flatMap((p) => p.claimIds));

/** A pending claim on a resident's own need (so the resident who rates is known), in no project. */
function pendingNeedClaim(data: Dataset): { claim: Claim; resident: Actor; organization: Actor } {
  const inProject = grouped(data);
  const claim = data.claims.find((c) => {
    if (c.direction !== 'need-claim' || c.state !== 'pending' || inProject.has(c.id)) return false;
    return data.needs.find((n) => n.id === c.needId)?.channel === 'self';
  });
  if (!claim?.needId) throw new Error('the dataset has no pending claim on a self-submitted need');
  return {
    claim,
    resident: { role: 'resident', id: `resident-${claim.needId}` },
    organization: { role: 'organization', id: claim.organizationId },
  };
}

type Calls = Record<string, unknown[][]>;

/**
 * The adapter with every call recorded. It hides `withActor`, so the tracker
 * uses it as given (already acting as the viewer) and no call goes around it.
 */
function spied(base: DataAdapter, overrides: Partial<DataAdapter> = {}): { adapter: DataAdapter; calls: Calls } {
  const calls: Calls = {};
  const adapter = new Proxy(base, {
    get(target, key) {
      if (typeof key !== 'string' || key === 'withActor' || !(key in target)) return undefined;
      const own = overrides[key as keyof DataAdapter] as ((...a: unknown[]) => Promise<unknown>) | undefined;
      const fn = own ?? (target[key as keyof DataAdapter] as (...a: unknown[]) => Promise<unknown>).bind(target);
      return (...args: unknown[]) => {
        (calls[key] ??= []).push(args);
        return fn(...args);
      };
    },
  });
  return { adapter, calls };
}

interface MountOptions {
  adapter: DataAdapter | null;
  viewer?: Actor | null;
  claimId?: string;
  needId?: string;
  organizationId?: string;
  state?: string;
  limit?: number;
  theme?: Theme;
  width?: number;
}

async function mount(options: MountOptions): Promise<RlClaimTracker> {
  const theme = options.theme ?? 'light';
  const wrapper = await fixture<HTMLDivElement>(html`<div style="background: ${PAGE[theme]}; padding: 8px; width: ${options.width ?? 900}px">
    <rl-claim-tracker
      theme=${theme}
      claim-id=${ifDefined(options.claimId)}
      need-id=${ifDefined(options.needId)}
      organization-id=${ifDefined(options.organizationId)}
      state=${ifDefined(options.state)}
      limit=${ifDefined(options.limit)}
      .viewer=${options.viewer ?? null}
      .adapter=${options.adapter}
    ></rl-claim-tracker>
  </div>`);
  const el = wrapper.querySelector('rl-claim-tracker')!;
  await settled(el);
  return el;
}

async function settled(el: RlClaimTracker): Promise<void> {
  await waitUntil(() => el.shadowRoot && !el.shadowRoot.querySelector('[aria-busy="true"]'), 'tracker stayed loading', { timeout: 5000 });
  await el.updateComplete;
  await Promise.all(entries(el).map((e) => e.updateComplete));
}

const entries = (el: RlClaimTracker): RlClaimEntry[] => [...el.shadowRoot!.querySelectorAll('rl-claim-entry')];

function entry(el: RlClaimTracker, claimId: string): RlClaimEntry {
  const found = entries(el).find((e) => e.claim.id === claimId);
  if (!found) throw new Error(`claim ${claimId} is not shown`);
  return found;
}

const button = (root: Element, event: string): HTMLButtonElement | null =>
  root.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-event="${event}"]`);

const buttonByText = (root: Element, label: string): HTMLButtonElement | null =>
  [...root.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === label) ?? null;

const badge = (e: RlClaimEntry): string => e.shadowRoot!.querySelector('.badge')?.textContent?.trim() ?? '';

async function waitForState(el: RlClaimTracker, claimId: string, label: string): Promise<RlClaimEntry> {
  await waitUntil(() => badge(entry(el, claimId)) === label, `claim ${claimId} never showed ${label}`, { timeout: 5000 });
  const e = entry(el, claimId);
  await e.updateComplete;
  return e;
}

/** The focused element, through every shadow root. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function tabTo(predicate: (a: Element | null) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 80 && !predicate(focused()); i++) await sendKeys({ press: 'Tab' });
  expect(predicate(focused()), `Tab never reached ${what}`).to.equal(true);
}

const isAction = (event: string) => (a: Element | null) => a?.getAttribute('data-event') === event;
const hasText = (label: string) => (a: Element | null) => a?.tagName === 'BUTTON' && a.textContent?.trim() === label;

/** The read cache over a source that went offline after the tracker read everything once. */
function offlineSwitch(base: DataAdapter): { adapter: DataAdapter; goOffline: () => void } {
  let online = true;
  let clock = 0;
  const source = new Proxy(base, {
    get(target, key) {
      if (typeof key !== 'string' || key === 'withActor' || !(key in target)) return undefined;
      const method = (target[key as keyof DataAdapter] as (...a: unknown[]) => Promise<unknown>).bind(target);
      return (...args: unknown[]) => (online ? method(...args) : Promise.reject(new AdapterError('network', 'offline')));
    },
  });
  const adapter = createCachedAdapter(source, { storage: createMemoryCacheStorage(), now: () => clock });
  return {
    adapter,
    goOffline: () => {
      online = false;
      clock = 1e12;
    },
  };
}

/** An organization with two claims a project may group, accepting pending ones first where needed. */
async function twoGroupableClaims(data: Dataset, memory: MemoryAdapter): Promise<{ organizationId: string; claims: Claim[] }> {
  const inProject = grouped(data);
  const free = data.claims.filter((c) => !inProject.has(c.id));
  const byOrg = new Map<string, Claim[]>();
  for (const c of free) byOrg.set(c.organizationId, [...(byOrg.get(c.organizationId) ?? []), c]);
  const staff = memory.withActor(STAFF);
  for (const [organizationId, list] of byOrg) {
    const ready = list.filter((c) => PROJECT_CLAIM_STATES.includes(c.state) && c.state !== 'completed' && c.state !== 'rated');
    const pending = list.filter((c) => c.state === 'pending');
    if (ready.length + pending.length < 2) continue;
    const chosen = [...ready, ...pending].slice(0, 2);
    const claims: Claim[] = [];
    for (const c of chosen)
      claims.push(c.state === 'pending' ? await staff.acceptClaim(c.id, {}, { idempotencyKey: `test-accept-${c.id}` }) : c);
    return { organizationId, claims };
  }
  throw new Error('no organization with two claims to group');
}

describe('rl-claim-tracker', () => {
  before(async () => {
    await useLocale('zh-CN');
  });

  describe('accessibility in every state and theme', () => {
    for (const theme of THEMES) {
      it(`loading, empty, error, offline (${theme})`, async () => {
        const data = dataset();
        const memory = createMemoryAdapter(data);
        const gated = gatedAdapter(memory);
        // updateComplete waits for the claims, so the held tracker is put on the page by hand
        const page = await fixture<HTMLDivElement>(html`<div style="background: ${PAGE[theme]}; padding: 8px"></div>`);
        const loading = document.createElement('rl-claim-tracker');
        loading.theme = theme;
        loading.adapter = gated.adapter;
        page.append(loading);
        await waitUntil(() => loading.shadowRoot?.querySelector('[aria-busy="true"]'), 'no loading skeleton');
        await expect(loading).to.be.accessible();
        gated.release();

        const quiet = data.needs.find((n) => !data.claims.some((c) => c.needId === n.id))!;
        const empty = await mount({ adapter: memory, needId: quiet.id, theme });
        expect(text(empty)).to.contain('还没有认领记录');
        await expect(empty).to.be.accessible();

        const failing = await mount({ adapter: { ...memory, listClaims: () => Promise.reject(new AdapterError('server', 'down')) }, theme });
        expect(failing.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain('服务器出了点问题');
        expect(buttonByText(failing, '重试')).to.not.equal(null);
        await expect(failing).to.be.accessible();

        const { claim } = pendingNeedClaim(data);
        const net = offlineSwitch(memory);
        const offline = await mount({ adapter: net.adapter, viewer: STAFF, needId: claim.needId!, theme });
        net.goOffline();
        offline.reload();
        await waitUntil(() => text(offline).includes('之前保存的认领记录'), 'no offline notice');
        await Promise.all(entries(offline).map((e) => e.updateComplete));
        expect(button(entry(offline, claim.id), 'accept')?.disabled).to.equal(true);
        await expect(offline).to.be.accessible();
      });

      it(`claims with actions, forms with errors, a shown contact (${theme})`, async () => {
        const data = dataset();
        const memory = createMemoryAdapter(data);
        const { claim, organization } = pendingNeedClaim(data);
        const el = await mount({ adapter: memory, viewer: STAFF, organizationId: claim.organizationId, theme });
        await expect(el).to.be.accessible();

        const e = entry(el, claim.id);
        button(e, 'decline')!.click();
        await e.updateComplete;
        e.shadowRoot!.querySelector<HTMLButtonElement>('.inline-form button[type="submit"]')!.click();
        await e.updateComplete;
        expect(text(e)).to.contain('请写明婉拒的理由');
        await expect(el).to.be.accessible();

        buttonByText(e, '取消')!.click();
        button(e, 'accept')!.click();
        await waitForState(el, claim.id, '已接受');
        el.viewer = organization;
        await settled(el);
        const asOrg = entry(el, claim.id);
        asOrg.shadowRoot!.querySelector<HTMLButtonElement>('.show-contact')!.click();
        await waitUntil(() => asOrg.shadowRoot!.querySelector('a[href^="tel:"]'), 'contact not shown');
        await expect(el).to.be.accessible();

        await memory.withActor(organization).startClaim(claim.id, {}, { idempotencyKey: 'a11y-start' });
        await memory.withActor(organization).completeClaim(claim.id, { beneficiaries: 2 }, { idempotencyKey: 'a11y-complete' });
        el.viewer = { role: 'resident', id: `resident-${claim.needId}` };
        await settled(el);
        const asResident = entry(el, claim.id);
        button(asResident, 'rate')!.click();
        await asResident.updateComplete;
        asResident.shadowRoot!.querySelector<HTMLButtonElement>('.inline-form button[type="submit"]')!.click();
        await asResident.updateComplete;
        expect(text(asResident)).to.contain('请选择 1 到 5 颗星');
        await expect(el).to.be.accessible();
      });

      it(`the project form with errors, and a created project (${theme})`, async () => {
        const data = dataset();
        const memory = createMemoryAdapter(data);
        const { organizationId, claims } = await twoGroupableClaims(data, memory);
        const el = await mount({ adapter: memory, viewer: STAFF, organizationId, theme });
        el.shadowRoot!.querySelector<HTMLButtonElement>('.build-toggle')!.click();
        await el.updateComplete;
        const builder = el.shadowRoot!.querySelector<RlProjectBuilder>('rl-project-builder')!;
        await builder.updateComplete;
        builder.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
        await waitUntil(() => builder.shadowRoot!.querySelector('.form-message'), 'no form message');
        await expect(el).to.be.accessible();

        for (const c of claims) builder.shadowRoot!.querySelector<HTMLInputElement>(`#field-claimIds input[value="${c.id}"]`)!.click();
        await typeInto(builder, 'title', '社区为老服务项目');
        const funding = control<HTMLSelectElement>(builder, 'fundingSource');
        funding.value = 'gov-purchase';
        funding.dispatchEvent(new Event('change'));
        await typeInto(builder, 'budget', '80000');
        await typeInto(builder, 'end', '2027-12-31');
        builder.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
        await waitUntil(() => el.shadowRoot!.querySelector('rl-project-card')?.shadowRoot?.querySelector('[role="progressbar"]'), 'no project card');
        await expect(el).to.be.accessible();
      });
    }
  });

  it('walks a need claim from pending to rated with the keyboard alone', async () => {
    const data = dataset();
    const memory = createMemoryAdapter(data);
    const { claim, resident, organization } = pendingNeedClaim(data);
    const changes: ClaimChangedDetail[] = [];
    const el = await mount({ adapter: memory, viewer: STAFF, claimId: claim.id });
    el.addEventListener('rl-claim-changed', (event: RlClaimChangedEvent) => changes.push(event.detail));
    const start = document.createElement('button');
    start.textContent = 'before';
    el.before(start);
    start.focus();

    // staff accept
    await tabTo(isAction('accept'), 'the accept button');
    await sendKeys({ press: 'Enter' });
    let e = await waitForState(el, claim.id, '已接受');
    expect(e.shadowRoot!.querySelector('[aria-current="step"]')?.textContent).to.contain('已接受');
    expect(e.shadowRoot!.querySelector('[role="status"]')?.textContent).to.contain('已接受这条认领');

    // the organization starts and completes with 3 beneficiaries
    el.viewer = organization;
    await settled(el);
    start.focus();
    await tabTo(isAction('start'), 'the start button');
    await sendKeys({ press: 'Enter' });
    await waitForState(el, claim.id, '服务中');
    start.focus();
    await tabTo(isAction('complete'), 'the complete button');
    await sendKeys({ press: 'Enter' });
    e = entry(el, claim.id);
    await waitUntil(() => focused()?.id === 'field-beneficiaries', 'focus did not move to the beneficiaries');
    await sendKeys({ type: '3' });
    await tabTo(hasText('确认完成'), 'the confirm button');
    await sendKeys({ press: 'Enter' });
    e = await waitForState(el, claim.id, '已完成');
    expect(text(e)).to.contain('受益 3 人次');

    // the resident rates 5 stars with a comment
    el.viewer = resident;
    await settled(el);
    start.focus();
    await tabTo(isAction('rate'), 'the rate button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.getAttribute('name') === 'score', 'focus did not move to the stars');
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'ArrowRight' });
    expect((focused() as HTMLInputElement).value).to.equal('5');
    await tabTo((a) => a?.id === 'field-comment', 'the comment');
    await sendKeys({ type: '志愿者很耐心' });
    await tabTo(hasText('提交评价'), 'the submit button');
    await sendKeys({ press: 'Enter' });
    e = await waitForState(el, claim.id, '已评价');
    expect(text(e)).to.contain('5 星 · 非常满意');
    expect(text(e)).to.contain('志愿者很耐心');
    expect(e.shadowRoot!.querySelector('[aria-current="step"]')?.textContent).to.contain('已评价');

    const stored = await memory.getClaim(claim.id);
    expect(stored.state).to.equal('rated');
    expect(stored.history.map((t) => `${t.event}:${t.by.role}`)).to.deep.equal([
      'accept:staff',
      'start:organization',
      'complete:organization',
      'rate:resident',
    ]);
    expect(stored.beneficiaries).to.equal(3);
    expect(stored.rating).to.deep.equal({ score: 5, comment: '志愿者很耐心' });
    expect(changes.map((c) => c.event)).to.deep.equal(['accept', 'start', 'complete', 'rate']);
    expect(changes.at(-1)?.claim.state).to.equal('rated');
    start.remove();
  });

  it('asks for a reason before declining, and keeps it in the history', async () => {
    const data = dataset();
    const { claim } = pendingNeedClaim(data);
    const { adapter, calls } = spied(createMemoryAdapter(data).withActor(STAFF));
    const el = await mount({ adapter, viewer: STAFF, claimId: claim.id });
    const e = entry(el, claim.id);
    button(e, 'decline')!.click();
    await e.updateComplete;
    expect(focused()?.id).to.equal('field-reason');
    e.shadowRoot!.querySelector<HTMLButtonElement>('.inline-form button[type="submit"]')!.click();
    await e.updateComplete;
    const reason = e.shadowRoot!.querySelector<HTMLTextAreaElement>('#field-reason')!;
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(reason.getAttribute('aria-describedby')).to.contain('field-reason-error');
    expect(e.shadowRoot!.querySelector('#field-reason-error')?.textContent).to.contain('请写明婉拒的理由');
    expect(calls['declineClaim']).to.equal(undefined);

    await typeInto(e, 'reason', '本周人手不足，请改派其他机构');
    e.shadowRoot!.querySelector<HTMLButtonElement>('.inline-form button[type="submit"]')!.click();
    const done = await waitForState(el, claim.id, '已婉拒');
    expect(calls['declineClaim']).to.have.length(1);
    expect(text(done)).to.contain('理由：本周人手不足，请改派其他机构');
    expect(done.shadowRoot!.querySelector('[aria-current="step"]')?.textContent).to.contain('已婉拒');
    expect(button(done, 'accept')).to.equal(null);

    // its organization learns the contact stays hidden
    el.viewer = { role: 'organization', id: claim.organizationId };
    await settled(el);
    expect(text(entry(el, claim.id))).to.contain('这条认领已结束，居民的联系方式不向机构显示');
    expect(entry(el, claim.id).shadowRoot!.querySelector('.show-contact')).to.equal(null);
  });

  it('shows the resident contact to the organization only after acceptance, on a press, and forgets it', async () => {
    const data = dataset();
    const { claim, organization } = pendingNeedClaim(data);
    const need = data.needs.find((n) => n.id === claim.needId)!;
    const memory = createMemoryAdapter(data);
    const { adapter, calls } = spied(memory.withActor(organization));
    const el = await mount({ adapter, viewer: organization, claimId: claim.id });
    let e = entry(el, claim.id);
    expect(text(e)).to.contain('认领被接受后，机构才能看到居民的联系方式');
    expect(e.shadowRoot!.querySelector('.show-contact')).to.equal(null);
    expect(button(e, 'accept'), 'an organization does not accept a claim on a need').to.equal(null);

    await memory.withActor(STAFF).acceptClaim(claim.id, {}, { idempotencyKey: 'contact-accept' });
    el.reload();
    await settled(el);
    e = entry(el, claim.id);
    expect(e.shadowRoot!.querySelector('.show-contact')).to.not.equal(null);
    expect(calls['getNeedContact'], 'no contact read before the press').to.equal(undefined);
    expect(text(e)).to.not.contain(need.contact.name);

    e.shadowRoot!.querySelector<HTMLButtonElement>('.show-contact')!.click();
    await waitUntil(() => e.shadowRoot!.querySelector('a[href^="tel:"]'), 'contact not shown');
    expect(calls['getNeedContact']).to.have.length(1);
    expect(text(e)).to.contain(need.contact.name);
    expect(text(e)).to.contain(need.contact.address);
    expect(e.shadowRoot!.querySelector('a[href^="tel:"]')!.getAttribute('href')).to.equal(`tel:${need.contact.phone.replace(/[^\d+]/gu, '')}`);
    expect(text(e), 'no health notes when none were given').to.not.contain('健康情况');

    // a change of viewer forgets it
    el.viewer = { ...organization, name: '另一位工作人员' };
    await settled(el);
    e = entry(el, claim.id);
    expect(text(e)).to.not.contain(need.contact.name);
    expect(calls['getNeedContact']).to.have.length(1);

    // after completion the organization no longer sees it
    await memory.withActor(organization).startClaim(claim.id, {}, { idempotencyKey: 'contact-start' });
    await memory.withActor(organization).completeClaim(claim.id, { beneficiaries: 1 }, { idempotencyKey: 'contact-complete' });
    el.reload();
    await settled(el);
    e = entry(el, claim.id);
    expect(e.shadowRoot!.querySelector('.show-contact')).to.equal(null);
    expect(text(e)).to.contain('服务已完成，居民的联系方式不再向机构显示');
  });

  it('shows health notes when the need has them, and a refusal as its message', async () => {
    const data = dataset();
    const { claim, organization } = pendingNeedClaim(data);
    const need = data.needs.find((n) => n.id === claim.needId)!;
    need.health = { conditions: '高血压，需按时服药', mobility: 'assisted' };
    need.consent = { ...need.consent, health: true };
    const memory = createMemoryAdapter(data);
    await memory.withActor(STAFF).acceptClaim(claim.id, {}, { idempotencyKey: 'health-accept' });
    const el = await mount({ adapter: memory, viewer: STAFF, claimId: claim.id });
    let e = entry(el, claim.id);
    e.shadowRoot!.querySelector<HTMLButtonElement>('.show-contact')!.click();
    await waitUntil(() => text(e).includes('健康情况'), 'no health notes');
    expect(text(e)).to.contain('高血压，需按时服药（需要搀扶或轮椅）');

    const refusing = spied(memory.withActor(organization), {
      getNeedContact: () => Promise.reject(new AdapterError('forbidden', 'not yours')),
    });
    const other = await mount({ adapter: refusing.adapter, viewer: organization, claimId: claim.id });
    e = entry(other, claim.id);
    e.shadowRoot!.querySelector<HTMLButtonElement>('.show-contact')!.click();
    await waitUntil(() => e.shadowRoot!.querySelector('[role="alert"]'), 'no refusal shown');
    expect(e.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('您没有进行此操作的权限');
    expect(text(e)).to.not.contain(need.contact.name);
  });

  it('never offers a resident the accept button', async () => {
    const data = dataset();
    const memory = createMemoryAdapter(data);
    const resident: Actor = { role: 'resident', id: 'resident-someone' };
    const el = await mount({ adapter: memory, viewer: resident, state: 'pending' });
    expect(entries(el).length).to.be.greaterThan(2);
    for (const e of entries(el)) {
      expect(e.claim.state).to.equal('pending');
      expect(button(e, 'accept'), e.claim.id).to.equal(null);
      expect(button(e, 'decline'), e.claim.id).to.equal(null);
    }
    // the same list as staff does offer it, so the check above can fail
    el.viewer = STAFF;
    await settled(el);
    expect(entries(el).every((e) => button(e, 'accept') !== null)).to.equal(true);
  });

  it('sends a double click once, and retries a failed press with the same key', async () => {
    const data = dataset();
    const { claim } = pendingNeedClaim(data);
    const memory = createMemoryAdapter(data);
    const { adapter, calls } = spied(memory.withActor(STAFF));
    const el = await mount({ adapter, viewer: STAFF, claimId: claim.id });
    const accept = button(entry(el, claim.id), 'accept')!;
    accept.click();
    accept.click();
    await waitForState(el, claim.id, '已接受');
    expect(calls['acceptClaim']).to.have.length(1);
    expect((await memory.getClaim(claim.id)).history.filter((t) => t.event === 'accept')).to.have.length(1);

    let failures = 1;
    const flaky = spied(memory.withActor(STAFF), {
      startClaim: (id, input, options) =>
        failures-- > 0 ? Promise.reject(new AdapterError('network', 'offline')) : memory.withActor(STAFF).startClaim(id, input, options),
    });
    el.adapter = flaky.adapter;
    await settled(el);
    button(entry(el, claim.id), 'start')!.click();
    await waitUntil(() => entry(el, claim.id).shadowRoot!.querySelector('#action-error'), 'no error beside the action');
    const e = entry(el, claim.id);
    expect(e.shadowRoot!.querySelector('#action-error')!.textContent).to.contain('网络连接不上');
    expect(button(e, 'start')!.getAttribute('aria-describedby')).to.equal('action-error');
    button(e, 'start')!.click();
    await waitForState(el, claim.id, '服务中');
    const keys = flaky.calls['startClaim']!.map((args) => (args[2] as { idempotencyKey: string }).idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
  });

  it('says so and shows the new state when someone else changed the claim first', async () => {
    const data = dataset();
    const { claim } = pendingNeedClaim(data);
    const memory = createMemoryAdapter(data);
    const el = await mount({ adapter: memory, viewer: STAFF, claimId: claim.id });
    await memory.withActor({ role: 'staff', id: 'staff-other' }).declineClaim(claim.id, { reason: '重复登记' }, { idempotencyKey: 'other-decline' });
    button(entry(el, claim.id), 'accept')!.click();
    const e = await waitForState(el, claim.id, '已婉拒');
    await waitUntil(() => e.shadowRoot!.querySelector('#action-error'), 'no conflict message');
    expect(e.shadowRoot!.querySelector('#action-error')!.textContent).to.contain('刚被别人更新过');
    expect(button(e, 'accept')).to.equal(null);
  });

  it('groups two accepted claims into a project whose card follows completion', async () => {
    const data = dataset();
    const memory = createMemoryAdapter(data);
    const { organizationId, claims } = await twoGroupableClaims(data, memory);
    const el = await mount({ adapter: memory, viewer: STAFF, organizationId });
    el.shadowRoot!.querySelector<HTMLButtonElement>('.build-toggle')!.click();
    await el.updateComplete;
    const builder = el.shadowRoot!.querySelector<RlProjectBuilder>('rl-project-builder')!;
    await builder.updateComplete;
    for (const c of claims) builder.shadowRoot!.querySelector<HTMLInputElement>(`#field-claimIds input[value="${c.id}"]`)!.click();
    await builder.updateComplete;
    // category, area and planned beneficiaries come from the claims
    expect(builder.shadowRoot!.querySelector<HTMLElement & { value: string }>('rl-category-picker')!.value).to.not.equal('');
    expect(builder.shadowRoot!.querySelector<HTMLElement & { value: string }>('rl-area-picker')!.value).to.match(/^\d{6,}/u);
    expect(Number(control(builder, 'planned').value)).to.be.greaterThan(0);

    await typeInto(builder, 'title', '华阳路街道为老服务项目');
    const funding = control<HTMLSelectElement>(builder, 'fundingSource');
    funding.value = 'venture-philanthropy';
    funding.dispatchEvent(new Event('change'));
    await typeInto(builder, 'budget', '50000');
    await typeInto(builder, 'start', '2026-03-01');
    await typeInto(builder, 'end', '2026-12-31');
    await typeInto(builder, 'planned', '100');
    const created = oneEvent<RlProjectCreatedEvent>(el, 'rl-project-created');
    builder.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { project } = (await created).detail;
    expect(project.claimIds).to.have.members(claims.map((c) => c.id));
    expect(project.organizationId).to.equal(organizationId);
    expect(project.fundingSource).to.equal('venture-philanthropy');
    expect(project.budget).to.equal(50000);
    expect(project.period).to.deep.equal({ start: '2026-03-01', end: '2026-12-31' });

    await el.updateComplete;
    const card = el.shadowRoot!.querySelector<RlProjectCard>('rl-project-card')!;
    const served = (): number => Number(card.shadowRoot!.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? -1);
    await waitUntil(() => card.shadowRoot!.querySelector('[role="progressbar"]'), 'project card not drawn');
    expect(text(card)).to.contain('华阳路街道为老服务项目');
    const before = served();
    expect(before).to.equal(project.beneficiaries.served);

    // staff complete one of its claims with 4 beneficiaries: the card follows
    const target = claims[0]!;
    if (target.state === 'accepted') {
      button(entry(el, target.id), 'start')!.click();
      await waitForState(el, target.id, '服务中');
    }
    const e = entry(el, target.id);
    button(e, 'complete')!.click();
    await e.updateComplete;
    await typeInto(e, 'beneficiaries', '4');
    e.shadowRoot!.querySelector<HTMLButtonElement>('.inline-form button[type="submit"]')!.click();
    await waitForState(el, target.id, '已完成');
    await waitUntil(() => served() === before + 4, `served stayed ${served()}`, { timeout: 5000 });
    expect(card.shadowRoot!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuetext')).to.contain(`已服务 ${before + 4} 人次`);
    expect((await memory.getProject(project.id)).beneficiaries.served).to.equal(before + 4);
  });

  it('ties project form problems to their fields and sends nothing until they are fixed', async () => {
    const data = dataset();
    const memory = createMemoryAdapter(data);
    const { organizationId, claims } = await twoGroupableClaims(data, memory);
    const { adapter, calls } = spied(memory.withActor(STAFF));
    const el = await mount({ adapter, viewer: STAFF, state: 'accepted,in-progress,completed,rated' });
    el.shadowRoot!.querySelector<HTMLButtonElement>('.build-toggle')!.click();
    await el.updateComplete;
    const builder = el.shadowRoot!.querySelector<RlProjectBuilder>('rl-project-builder')!;
    await builder.updateComplete;
    const root = builder.shadowRoot!;
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => root.querySelector('.form-message'), 'no summary of the problems');
    const error = (field: string): string => root.querySelector(`#field-${field}-error`)?.textContent?.trim() ?? '';
    expect(error('claimIds')).to.contain('请至少选择一条已接受的认领');
    expect(error('title')).to.equal('请填写此项');
    expect(error('fundingSource')).to.not.equal('');
    expect(error('budget')).to.equal('请填写此项');
    expect(error('end')).to.equal('请填写此项');
    expect(control(builder, 'title').getAttribute('aria-describedby')).to.contain('field-title-error');
    expect(root.activeElement?.closest('#field-claimIds'), 'focus on the first problem').to.not.equal(null);

    // a claim already counted in a project is taken, with the project's name
    const inProject = data.projects.find((p) => p.claimIds.some((id) => entries(el).some((e) => e.claim.id === id)))!;
    const takenId = inProject.claimIds.find((id) => entries(el).some((e) => e.claim.id === id))!;
    const takenBox = (): HTMLInputElement => root.querySelector<HTMLInputElement>(`#field-claimIds input[value="${takenId}"]`)!;
    await waitUntil(() => takenBox().disabled, 'a claim in a project stayed choosable');
    expect(root.querySelector(`#${takenBox().getAttribute('aria-describedby') ?? ''}`)?.textContent).to.contain(`已计入项目“${inProject.title}”`);

    // choosing a claim disables the other organizations' claims, with the reason
    root.querySelector<HTMLInputElement>(`#field-claimIds input[value="${claims[0]!.id}"]`)!.click();
    await builder.updateComplete;
    const others = [...root.querySelectorAll<HTMLInputElement>('#field-claimIds input')].filter(
      (box) => !grouped(data).has(box.value) && entries(el).find((e) => e.claim.id === box.value)?.claim.organizationId !== organizationId,
    );
    expect(others.length).to.be.greaterThan(0);
    for (const box of others) {
      expect(box.disabled).to.equal(true);
      const reason = root.querySelector(`#${box.getAttribute('aria-describedby') ?? ''}`)?.textContent ?? '';
      expect(reason).to.contain('一个项目只能包含同一家组织的认领');
    }

    await typeInto(builder, 'budget', '五万');
    await typeInto(builder, 'start', '2026-06-01');
    await typeInto(builder, 'end', '2026-05-01');
    await typeInto(builder, 'planned', '0');
    expect(error('budget')).to.contain('请填写金额');
    expect(error('end')).to.equal('结束日期不能早于开始日期');
    expect(error('planned')).to.contain('不少于 1');
    expect(error('claimIds')).to.equal('');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await builder.updateComplete;
    expect(calls['createProject']).to.equal(undefined);
  });

  it('loads claims up to its limit and more on request', async () => {
    const data = dataset();
    const el = await mount({ adapter: createMemoryAdapter(data), limit: 20 });
    expect(entries(el)).to.have.length(20);
    expect(text(el)).to.contain(`已显示 20 / ${data.claims.length} 条`);
    buttonByText(el, '加载更多')!.click();
    await waitUntil(() => entries(el).length === 40, 'no second batch');
    expect(new Set(entries(el).map((e) => e.claim.id)).size).to.equal(40);
  });

  it('renders in traditional Chinese', async () => {
    const data = dataset();
    const { claim } = pendingNeedClaim(data);
    await useLocale('zh-TW');
    try {
      const el = await mount({ adapter: createMemoryAdapter(data), viewer: STAFF, claimId: claim.id });
      const t = text(entry(el, claim.id));
      expect(t).to.contain('機構認領需求');
      expect(t).to.contain('待確認');
      expect(t).to.contain('處理記錄');
      expect(t).to.contain('居民聯絡方式');
      expect(buttonByText(el, '組建服務項目')).to.not.equal(null);
    } finally {
      await useLocale('zh-CN');
    }
  });
});
