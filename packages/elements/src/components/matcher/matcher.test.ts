import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  AdapterError,
  createCachedAdapter,
  createMemoryAdapter,
  createMemoryCacheStorage,
  suggestOffersNaive,
  type Actor,
  type Claim,
  type ClaimRequestInput,
  type DataAdapter,
  type Need,
  type NeedReview,
  type PublicNeed,
  type ServiceOffer,
  type WriteOptions,
} from '@renling/core';
import type { Dataset } from '@renling/mocks';
import '../provider/provider.js';
import './matcher.js';
import type { MatcherView, RlMatcher } from './matcher.js';
import type { RlMatcherList } from './matcher-list.js';
import type { MatcherFilters } from './matcher-data.js';
import type { ClaimCreatedDetail } from '../../events/claim-created.js';
import { RlClaimChangedEvent } from '../../events/claim-changed.js';
import { THEMES, type Theme } from '../../styles/tokens.js';
import { useLocale } from '../../localization/localization.js';
import { gatedAdapter, ignoreResizeObserverLoop, streetDataset } from '../../../test/directory.js';

const STREET = '310105001';
const STAFF: Actor = { role: 'staff', id: 'hy-staff-01', name: '华阳路街道社区工作人员' };
/** The page behind the desk: a dark theme is meant for a dark page. */
const PAGE: Record<Theme, string> = { light: '#f4f1ec', dark: '#121418', elder: '#ffffff' };

interface MountOptions {
  adapter?: DataAdapter | null;
  theme?: Theme;
  width?: number;
  viewer?: Actor | null;
  view?: MatcherView;
  filters?: MatcherFilters;
  area?: string;
}

interface Harness {
  el: RlMatcher;
  created: ClaimCreatedDetail[];
}

async function mount(options: MountOptions = {}): Promise<Harness> {
  const created: ClaimCreatedDetail[] = [];
  const adapter = options.adapter === undefined ? createMemoryAdapter(streetDataset()) : options.adapter;
  const theme = options.theme ?? 'light';
  const wrapper = await fixture<HTMLDivElement>(html`<div style="background: ${PAGE[theme]}; padding: 8px; width: ${options.width ?? 1000}px">
    <rl-matcher
      no-history
      theme=${theme}
      area=${options.area ?? STREET}
      view=${options.view ?? 'desk'}
      .adapter=${adapter}
      .viewer=${options.viewer === undefined ? STAFF : options.viewer}
      .filters=${options.filters ?? { area: null, category: null, urgency: null, status: 'all' }}
      @rl-claim-created=${(e: CustomEvent<ClaimCreatedDetail>) => created.push(e.detail)}
    ></rl-matcher>
  </div>`);
  return { el: wrapper.querySelector('rl-matcher')!, created };
}

const root = (el: Element): ShadowRoot => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(h: Harness, selector: string): T | null => root(h.el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(h: Harness, selector: string): T[] => [...root(h.el).querySelectorAll<T>(selector)];
const text = (el: Element | null): string => (el ? (el.shadowRoot ?? el).textContent?.replace(/\s+/gu, ' ').trim() ?? '' : '');
const list = (h: Harness, which: 'needs' | 'offers'): RlMatcherList | null => $<RlMatcherList>(h, `#${which}-list`);

/** Rendered options of a list, in list order. */
function options(l: RlMatcherList | null): HTMLElement[] {
  if (!l?.shadowRoot) return [];
  return [...l.shadowRoot.querySelectorAll<HTMLElement>('[role="option"]')].sort((a, b) => Number(a.dataset['index']) - Number(b.dataset['index']));
}

/** Waits for the desk with the first rows of both lists on screen. */
async function loaded(h: Harness): Promise<void> {
  await waitUntil(() => list(h, 'needs') && list(h, 'offers'), 'lists not shown', { timeout: 15000 });
  // a list in a hidden tab renders no rows, nor does one off screen
  const shown = (which: 'needs' | 'offers'): boolean => !$(h, `#panel-${which}`)!.hidden;
  list(h, 'needs')!.scrollIntoView({ block: 'nearest' });
  await waitUntil(
    () => (!shown('needs') || options(list(h, 'needs')).length > 0) && (!shown('offers') || options(list(h, 'offers')).length > 0),
    'rows not rendered',
    { timeout: 5000 },
  );
}

/**
 * The memory adapter without its `withActor`, so that a wrapper around it
 * stays in the way: a desk with its own viewer would otherwise write through
 * the memory adapter's view of that person and skip the wrapper.
 */
function plain(adapter: DataAdapter): DataAdapter {
  const { withActor: _withActor, ...rest } = adapter as DataAdapter & { withActor?: unknown };
  return rest;
}

/** The option whose item has this id, scrolled into view and rendered. */
async function option(h: Harness, which: 'needs' | 'offers', id: string): Promise<HTMLElement> {
  const l = list(h, which)!;
  const index = l.items.findIndex((item) => item.id === id);
  expect(index, `${id} not in the ${which} list`).to.be.at.least(0);
  l.focusRow(index);
  await waitUntil(() => l.shadowRoot!.querySelector(`[data-id="${id}"]`), `${id} not rendered`);
  return l.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`)!;
}

async function chooseNeed(h: Harness, id: string): Promise<void> {
  (await option(h, 'needs', id)).click();
  await h.el.updateComplete;
  await waitUntil(() => $(h, '.candidates, #panel-suggestions .hint'), 'no suggestions shown');
}

async function chooseOffer(h: Harness, id: string): Promise<void> {
  (await option(h, 'offers', id)).click();
  await h.el.updateComplete;
  await waitUntil(() => $(h, '.candidates, #panel-suggestions .hint'), 'no suggestions shown');
}

const candidates = (h: Harness): HTMLElement[] => $$(h, '.candidates > li');
const actionButton = (candidate: HTMLElement, direction: 'need-claim' | 'offer-booking'): HTMLButtonElement =>
  candidate.querySelector<HTMLButtonElement>(`button[data-action="${direction}"]`)!;

async function claimsOf(adapter: DataAdapter, query: { needId?: string; offerId?: string }): Promise<Claim[]> {
  return (await adapter.listClaims({ ...query, limit: 200 })).items;
}

/** The needs the engine matches: verified and published. */
function openNeeds(data: Dataset): Need[] {
  return data.needs.filter((n) => n.status === 'published' || n.status === 'verified');
}

/** The needs the desk lists: the open ones and those waiting for review. */
function deskNeeds(data: Dataset): Need[] {
  return data.needs.filter((n) => n.status === 'published' || n.status === 'verified' || n.status === 'submitted');
}

/** The first need of the desk's list that is matched (not one waiting for review). */
const firstOpen = (h: Harness): PublicNeed => must((list(h, 'needs')!.items as PublicNeed[]).find((n) => n.status !== 'submitted'), 'open need in the list');

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}`);
  return value;
}

/** Records every adapter call by name, to prove what the desk never asks for. */
function recording(base: DataAdapter): { adapter: DataAdapter; calls: string[] } {
  const calls: string[] = [];
  const adapter = new Proxy(base, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(key);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { adapter, calls };
}

/** Captures CSV downloads instead of saving files: the Blob's bytes and the file name. */
function captureDownloads(): { files: { name: string; blob: Blob }[]; restore: () => void } {
  const files: { name: string; blob: Blob }[] = [];
  const create = URL.createObjectURL.bind(URL);
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    const url = create(obj);
    if (obj instanceof Blob) blobs.set(url, obj);
    return url;
  };
  // links inherit click() from HTMLElement: an own property shadows it until deleted
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) files.push({ name: this.download, blob });
    else HTMLElement.prototype.click.call(this);
  };
  return {
    files,
    restore: () => {
      URL.createObjectURL = create;
      delete (HTMLAnchorElement.prototype as Partial<HTMLAnchorElement>).click;
    },
  };
}

/** Types into the reason as a person would, for the desk's input handler. */
function reasonInput(field: HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

const noFilters: MatcherFilters = { area: null, category: null, urgency: null, status: 'all' };

describe('rl-matcher', function () {
  this.timeout(40000);
  let restoreResize: () => void;

  before(async () => {
    restoreResize = ignoreResizeObserverLoop();
    await useLocale('zh-CN');
  });
  after(() => restoreResize());

  describe('accessibility in every state and theme', () => {
    for (const theme of THEMES) {
      it(`loading, loaded and a need selected (${theme})`, async () => {
        const { adapter, release } = gatedAdapter(createMemoryAdapter(streetDataset()));
        const h = await mount({ adapter, theme });
        await waitUntil(() => $(h, '[aria-busy="true"]'), 'no skeleton');
        await expect(h.el).to.be.accessible();
        release();
        await loaded(h);
        await expect(h.el).to.be.accessible();
        await chooseNeed(h, firstOpen(h).id);
        expect(candidates(h).length).to.be.greaterThan(0);
        await expect(h.el).to.be.accessible();
      });

      it(`empty (${theme})`, async () => {
        const data = streetDataset();
        const h = await mount({ theme, adapter: createMemoryAdapter({ ...data, needs: data.needs.map((n) => ({ ...n, status: 'closed' as const })) }) });
        await waitUntil(() => $(h, '.empty'), 'no empty state');
        expect(text($(h, '.empty'))).to.contain('没有待认领的需求');
        await expect(h.el).to.be.accessible();
      });

      it(`error (${theme})`, async () => {
        const base = createMemoryAdapter(streetDataset());
        const h = await mount({ theme, adapter: { ...base, listNeeds: () => Promise.reject(new AdapterError('server', 'down')) } });
        await waitUntil(() => $(h, '[role="alert"]'), 'no error shown');
        expect(text($(h, '[role="alert"]'))).to.contain(new AdapterError('server', '').userMessage('zh-CN'));
        await expect(h.el).to.be.accessible();
      });

      it(`allocation review and gap report (${theme})`, async () => {
        const h = await mount({ theme, view: 'allocation' });
        await waitUntil(() => $(h, '.pairs'), 'no allocation review');
        $$<HTMLButtonElement>(h, '.decision--accept')[0]!.click();
        $$<HTMLButtonElement>(h, '.decision--reject')[1]!.click();
        await h.el.updateComplete;
        await expect(h.el).to.be.accessible();
        h.el.view = 'gaps';
        await waitUntil(() => $(h, '.heatmap'), 'no heat map');
        await expect(h.el).to.be.accessible();
      });

      it(`phone width with tabs (${theme})`, async () => {
        const h = await mount({ theme, width: 320 });
        await waitUntil(() => $(h, '[role="tablist"]'), 'no tabs at 320px', { timeout: 15000 });
        await loaded(h);
        await expect(h.el).to.be.accessible();
        await chooseNeed(h, firstOpen(h).id);
        await waitUntil(() => !$(h, '#panel-suggestions')!.hidden, 'suggestions tab not shown');
        await expect(h.el).to.be.accessible();
      });
    }

    it('offline, from the read cache, with a notice', async () => {
      const data = streetDataset();
      const base = createMemoryAdapter(data);
      let online = true;
      let clock = 0;
      const source = new Proxy(base, {
        get(target, key) {
          const method = Reflect.get(target, key) as unknown;
          if (typeof method !== 'function') return method;
          return (...args: unknown[]) =>
            online ? (method as (...a: unknown[]) => unknown).apply(target, args) : Promise.reject(new AdapterError('network', 'offline'));
        },
      });
      const cached = createCachedAdapter(source, { storage: createMemoryCacheStorage(), now: () => clock });
      const first = await mount({ adapter: cached });
      await loaded(first);
      online = false;
      clock = 1e12;
      const h = await mount({ adapter: cached });
      await loaded(h);
      await waitUntil(() => $(h, '.notice'), 'no offline notice');
      expect(text($(h, '.notice'))).to.contain('之前保存的清单');
      await expect(h.el).to.be.accessible();
    });
  });

  describe('loading', () => {
    it('reads every page of open needs and offers of the area, and never a need contact', async () => {
      const data = streetDataset();
      const { adapter, calls } = recording(createMemoryAdapter(data));
      const h = await mount({ adapter });
      await loaded(h);
      const open = openNeeds(data);
      // needs waiting for review are listed too (never matched: see 'submitted needs')
      expect(list(h, 'needs')!.items.map((n) => n.id).sort()).to.deep.equal(deskNeeds(data).map((n) => n.id).sort());
      expect(list(h, 'offers')!.items.length).to.equal(data.offers.filter((o) => o.status === 'open').length);
      await chooseNeed(h, open[0]!.id);
      h.el.view = 'allocation';
      await waitUntil(() => $(h, '.allocation'));
      expect(calls).to.include.members(['listNeeds', 'listOffers', 'listOrganizations', 'listAreas', 'listClaims']);
      expect(calls).not.to.include('getNeedContact');
    });

    it('retries after an error', async () => {
      const base = createMemoryAdapter(streetDataset());
      let failures = 1;
      const h = await mount({
        adapter: { ...base, listNeeds: (q) => (failures-- > 0 ? Promise.reject(new AdapterError('network', 'offline')) : base.listNeeds(q)) },
      });
      await waitUntil(() => $(h, '[role="alert"] button'), 'no retry button');
      $<HTMLButtonElement>(h, '[role="alert"] button')!.click();
      await loaded(h);
    });

    it('works inside <rl-provider>, acting as its viewer', async () => {
      const adapter = createMemoryAdapter(streetDataset());
      const provider = await fixture(html`<rl-provider .adapter=${adapter} viewer="staff:hy-staff-02">
        <div style="width: 1000px"><rl-matcher no-history area=${STREET}></rl-matcher></div>
      </rl-provider>`);
      const h: Harness = { el: provider.querySelector('rl-matcher')!, created: [] };
      await loaded(h);
      const need = firstOpen(h);
      await chooseNeed(h, need.id);
      actionButton(candidates(h)[0]!, 'need-claim').click();
      await waitUntil(() => $(h, '.action-status--shown'), 'no success message');
      const claims = await claimsOf(adapter, { needId: need.id });
      expect(claims.filter((c) => c.state === 'pending' && c.requestedBy.id === 'hy-staff-02')).to.have.length(1);
    });
  });

  describe('filters', () => {
    it('narrow both lists by community, category, urgency and claim status', async () => {
      const data = streetDataset();
      const h = await mount();
      await loaded(h);
      const select = (name: string, value: string): void => {
        const s = $<HTMLSelectElement>(h, `select[name="${name}"]`)!;
        s.value = value;
        s.dispatchEvent(new Event('change'));
      };
      const community = '310105001003';
      select('area', community);
      await h.el.updateComplete;
      expect(h.el.filters.area).to.equal(community);
      const needs = (list(h, 'needs')?.items ?? []) as PublicNeed[];
      expect(needs.length).to.be.greaterThan(0);
      expect(needs.every((n) => n.areaCode.startsWith(community))).to.equal(true);
      const offers = (list(h, 'offers')?.items ?? []) as ServiceOffer[];
      expect(offers.length).to.be.greaterThan(0);
      expect(offers.every((o) => o.serviceAreaCodes.some((c) => c.startsWith(community) || community.startsWith(c)))).to.equal(true);
      select('area', '');
      select('category', 'elderly');
      select('urgency', 'normal');
      await h.el.updateComplete;
      const filtered = list(h, 'needs')?.items ?? [];
      const expected = deskNeeds(data).filter((n) => n.categoryCode.startsWith('elderly.') && n.urgency === 'normal');
      expect(filtered.map((n) => n.id).sort()).to.deep.equal(expected.map((n) => n.id).sort());
      select('category', '');
      select('urgency', '');
      select('status', 'pending');
      await h.el.updateComplete;
      const pendingNeedIds = new Set(data.claims.filter((c) => c.state === 'pending' && c.needId).map((c) => c.needId));
      const withPending = (list(h, 'needs')?.items ?? []).map((n) => n.id);
      expect(withPending.every((id) => pendingNeedIds.has(id))).to.equal(true);
      $<HTMLButtonElement>(h, '.clear')!.click();
      await h.el.updateComplete;
      expect(h.el.filters).to.deep.equal(noFilters);
    });
  });

  describe('scope and URL', () => {
    afterEach(() => {
      const url = new URL(location.href);
      for (const name of [...url.searchParams.keys()]) if (name.startsWith('mt-')) url.searchParams.delete(name);
      history.replaceState(null, '', url);
    });

    it('a community scope lists its needs only and filters by grid', async () => {
      const community = '310105001003';
      const h = await mount({ area: community });
      await loaded(h);
      const needs = list(h, 'needs')!.items as PublicNeed[];
      expect(needs.length).to.be.greaterThan(0);
      expect(needs.every((n) => n.areaCode.startsWith(community))).to.equal(true);
      const area = $<HTMLSelectElement>(h, 'select[name="area"]')!;
      expect(text(area.closest('label')!.querySelector('.field-label'))).to.equal('网格');
      const codes = [...area.options].map((o) => o.value).filter(Boolean);
      expect(codes.length).to.be.greaterThan(0);
      expect(codes.every((c) => c.length === 15 && c.startsWith(community))).to.equal(true);
    });

    it('keeps filters, the chosen need and the view in the URL, and reads them back', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px">
        <rl-matcher url-prefix="mt-" area=${STREET} .adapter=${createMemoryAdapter(streetDataset())} .viewer=${STAFF}></rl-matcher>
      </div>`);
      const h: Harness = { el: wrapper.querySelector('rl-matcher')!, created: [] };
      await loaded(h);
      const category = $<HTMLSelectElement>(h, 'select[name="category"]')!;
      category.value = 'elderly';
      category.dispatchEvent(new Event('change'));
      await h.el.updateComplete;
      const need = firstOpen(h);
      await chooseNeed(h, need.id);
      const params = new URL(location.href).searchParams;
      expect(params.get('mt-cat')).to.equal('elderly');
      expect(params.get('mt-need')).to.equal(need.id);
      const again = await fixture<HTMLDivElement>(html`<div style="width: 1000px">
        <rl-matcher url-prefix="mt-" area=${STREET} .adapter=${createMemoryAdapter(streetDataset())}></rl-matcher>
      </div>`);
      const el = again.querySelector('rl-matcher')!;
      expect(el.filters.category).to.equal('elderly');
      expect(el.selected).to.deep.equal({ kind: 'need', id: need.id });
      await waitUntil(() => el.shadowRoot!.querySelector('.candidates'), 'the chosen need has no suggestions after reload', { timeout: 15000 });
    });
  });

  describe('keyboard and screen readers', () => {
    it('moves through a list with arrows, Home and End, selects with Enter, and reaches the actions with Tab', async () => {
      const h = await mount();
      await loaded(h);
      const needs = list(h, 'needs')!;
      const focused = (): HTMLElement | null => (needs.shadowRoot!.activeElement as HTMLElement | null) ?? null;
      needs.focus();
      await waitUntil(() => focused()?.dataset['index'] === '0', 'first row not focused');
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => focused()?.dataset['index'] === '1', 'ArrowDown did not move');
      await sendKeys({ press: 'End' });
      await waitUntil(() => focused()?.dataset['index'] === String(needs.items.length - 1), 'End did not reach the last row');
      await sendKeys({ press: 'Home' });
      await waitUntil(() => focused()?.dataset['index'] === '0', 'Home did not return');
      // down to the first matched need after the first row (needs waiting for review have no candidates)
      const target = (needs.items as PublicNeed[]).findIndex((n, i) => i >= 1 && n.status !== 'submitted');
      for (let i = 0; i < target; i++) await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => focused()?.dataset['index'] === String(target));
      expect(focused()!.getAttribute('aria-selected')).to.equal('false');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => candidates(h).length > 0, 'Enter did not select');
      expect(h.el.selected).to.deep.equal({ kind: 'need', id: needs.items[target]!.id });
      expect(focused()!.getAttribute('aria-selected')).to.equal('true');
      expect(text($(h, '[role="status"].visually-hidden'))).to.contain('已选择需求');
      // the offers list's tab stop, then the first candidate's first action
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      const active = root(h.el).activeElement as HTMLElement | null;
      expect(active?.dataset['action']).to.equal('need-claim');
      expect(candidates(h)[0]!.contains(active)).to.equal(true);
      // each candidate's score is a meter read out as points
      const meter = candidates(h)[0]!.querySelector('[role="meter"]')!;
      expect(meter.getAttribute('aria-valuetext')).to.match(/^\d+ 分$/u);
      expect(candidates(h)[0]!.querySelectorAll('.reason').length).to.be.greaterThan(0);
    });

    it('on a phone, Enter on a need opens the suggestions tab and moves focus there', async () => {
      const h = await mount({ width: 320 });
      await waitUntil(() => $(h, '[role="tablist"]'), 'no tabs', { timeout: 15000 });
      await loaded(h);
      list(h, 'needs')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(h.el).activeElement?.id === 'suggestions-heading', 'focus did not move to the suggestions');
      expect($(h, '#tab-suggestions')!.getAttribute('aria-selected')).to.equal('true');
      $<HTMLButtonElement>(h, '#tab-suggestions')!.focus();
      await sendKeys({ press: 'ArrowLeft' });
      await h.el.updateComplete;
      expect($(h, '#tab-offers')!.getAttribute('aria-selected')).to.equal('true');
      expect($(h, '#panel-offers')!.hidden).to.equal(false);
      expect($(h, '#panel-needs')!.hidden).to.equal(true);
    });
  });

  describe('claims', () => {
    it('an organization claims a need from the need side: one claim even on a double click', async () => {
      const adapter = createMemoryAdapter(streetDataset());
      const keys: string[] = [];
      const spy: DataAdapter = {
        ...plain(adapter),
        requestClaim: (input: ClaimRequestInput, opts: WriteOptions) => {
          keys.push(opts.idempotencyKey);
          return adapter.requestClaim(input, opts);
        },
      };
      const h = await mount({ adapter: spy });
      await loaded(h);
      const need = firstOpen(h);
      await chooseNeed(h, need.id);
      const first = candidates(h)[0]!;
      const button = actionButton(first, 'need-claim');
      button.click();
      button.click();
      button.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
      await h.el.updateComplete;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      await waitUntil(() => first.querySelector('.action-status--shown'), 'no success message');
      expect(first.querySelector('.action-status--shown')!.textContent).to.contain('认领申请已发出');
      expect(keys).to.have.length(1);
      const claims = (await claimsOf(adapter, { needId: need.id })).filter((c) => c.requestedBy.id === STAFF.id);
      expect(claims).to.have.length(1);
      const claim = claims[0]!;
      expect(claim.direction).to.equal('need-claim');
      expect(claim.state).to.equal('pending');
      expect(claim.offerId).to.equal(h.created[0]!.claim.offerId);
      expect(h.created).to.have.length(1);
      expect(h.created[0]!.claim.id).to.equal(claim.id);
      // another press is refused while the sent claim waits
      button.click();
      await h.el.updateComplete;
      expect(keys).to.have.length(1);
      expect(text(list(h, 'needs'))).to.contain('个认领待确认');
    });

    it('staff book an offer for a resident from the offer side', async () => {
      const adapter = createMemoryAdapter(streetDataset());
      const h = await mount({ adapter });
      await loaded(h);
      const offers = list(h, 'offers')!.items;
      let chosen: string | null = null;
      for (const offer of offers.slice(0, 20)) {
        await chooseOffer(h, offer.id);
        if (candidates(h).length) {
          chosen = offer.id;
          break;
        }
      }
      expect(chosen, 'no offer with suggested needs').not.to.equal(null);
      const before = await claimsOf(adapter, { offerId: chosen! });
      const first = candidates(h)[0]!;
      const needTitle = first.querySelector('.cand-title')!.textContent.trim();
      actionButton(first, 'offer-booking').click();
      actionButton(first, 'offer-booking').click();
      await waitUntil(() => first.querySelector('.action-status--shown'), 'no success message');
      const after = await claimsOf(adapter, { offerId: chosen! });
      expect(after.length - before.length).to.equal(1);
      const booking = after.find((c) => !before.some((b) => b.id === c.id))!;
      expect(booking.direction).to.equal('offer-booking');
      expect(booking.requestedBy).to.deep.include({ role: 'staff', id: STAFF.id });
      expect(booking.needId).to.not.equal(null);
      expect(h.el.shadowRoot!.textContent).to.contain(needTitle);
    });

    it('retries a press after a network failure with the same idempotency key', async () => {
      const adapter = createMemoryAdapter(streetDataset());
      const keys: string[] = [];
      let fail = true;
      const flaky: DataAdapter = {
        ...plain(adapter),
        requestClaim: (input, opts) => {
          keys.push(opts.idempotencyKey);
          if (fail) {
            fail = false;
            return Promise.reject(new AdapterError('network', 'offline'));
          }
          return adapter.requestClaim(input, opts);
        },
      };
      const h = await mount({ adapter: flaky });
      await loaded(h);
      const need = firstOpen(h);
      await chooseNeed(h, need.id);
      const first = candidates(h)[0]!;
      actionButton(first, 'need-claim').click();
      await waitUntil(() => first.querySelector('.action-error'), 'no error shown');
      expect(first.querySelector('.action-error')!.textContent).to.contain(new AdapterError('network', '').userMessage('zh-CN'));
      actionButton(first, 'need-claim').click();
      await waitUntil(() => first.querySelector('.action-status--shown'), 'retry did not succeed');
      expect(keys).to.have.length(2);
      expect(keys[0]).to.equal(keys[1]);
      expect((await claimsOf(adapter, { needId: need.id })).filter((c) => c.requestedBy.id === STAFF.id)).to.have.length(1);
    });

    it('a full offer (conflict) shows the message and reads the offer again', async () => {
      const adapter = createMemoryAdapter(streetDataset());
      const read: string[] = [];
      const full: DataAdapter = {
        ...plain(adapter),
        requestClaim: () => Promise.reject(new AdapterError('conflict', 'The offer has no places left.', { status: 409 })),
        getOffer: async (id, opts) => {
          read.push(id);
          const offer = await adapter.getOffer(id, opts);
          return { ...offer, capacity: { ...offer.capacity, used: offer.capacity.perPeriod } };
        },
      };
      const h = await mount({ adapter: full });
      await loaded(h);
      await chooseNeed(h, firstOpen(h).id);
      const first = candidates(h)[0]!;
      const offerTitle = first.querySelector('.cand-title')!.textContent.trim();
      actionButton(first, 'offer-booking').click();
      await waitUntil(() => first.querySelector('.action-error'), 'no conflict message');
      expect(first.querySelector('.action-error')!.textContent).to.contain('名额已满');
      await waitUntil(() => read.length === 1, 'the offer was not read again');
      await waitUntil(() => first.querySelector('.meta')!.textContent.includes('名额已满'), 'the candidate does not show the offer full');
      // the offers list shows the fresh copy too
      const offerRow = (list(h, 'offers')!.items as ServiceOffer[]).find((o) => o.id === read[0]);
      expect(offerRow?.title).to.equal(offerTitle);
      expect(offerRow?.capacity.used).to.equal(offerRow?.capacity.perPeriod);
    });

    it('without a viewer the desk is read-only', async () => {
      const adapter = createMemoryAdapter(streetDataset());
      const h = await mount({ adapter, viewer: null });
      await loaded(h);
      const need = firstOpen(h);
      await chooseNeed(h, need.id);
      expect(text($(h, '.note'))).to.contain('社区工作人员');
      const button = actionButton(candidates(h)[0]!, 'need-claim');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      button.click();
      await h.el.updateComplete;
      expect((await claimsOf(adapter, { needId: need.id })).filter((c) => c.state === 'pending' && c.createdAt > new Date(Date.now() - 60000).toISOString())).to.have.length(0);
    });

    it('an organization may claim needs for its own offers only', async () => {
      const h = await mount({ viewer: { role: 'organization', id: 'org-00001' } });
      await loaded(h);
      await chooseNeed(h, firstOpen(h).id);
      for (const c of candidates(h)) {
        expect(actionButton(c, 'offer-booking').getAttribute('aria-disabled')).to.equal('true');
        const own = c.querySelector('.meta')!.textContent;
        expect(actionButton(c, 'need-claim').getAttribute('aria-disabled')).to.equal(own.includes('org-00001') ? 'false' : 'true');
      }
    });

    it('follows a claim accepted elsewhere on the page: the offer is read again and the hold released', async () => {
      const adapter = createMemoryAdapter(streetDataset());
      const h = await mount({ adapter });
      await loaded(h);
      const need = firstOpen(h);
      await chooseNeed(h, need.id);
      actionButton(candidates(h)[0]!, 'need-claim').click();
      await waitUntil(() => h.created.length === 1);
      const claim = h.created[0]!.claim;
      const accepted = await adapter.acceptClaim(claim.id, {}, { idempotencyKey: crypto.randomUUID() });
      window.dispatchEvent(new RlClaimChangedEvent({ claim: accepted, event: 'accept' }));
      await waitUntil(() => text(list(h, 'needs')).includes('已认领'), 'the need does not show as claimed');
    });
  });

  describe('submitted needs', () => {
    const submittedNeeds = (data: Dataset): Need[] => data.needs.filter((n) => n.status === 'submitted');

    /** A submitted need the engine finds offers for once it is published. */
    function reviewable(data: Dataset): Need {
      const organizations = new Map(data.organizations.map((o) => [o.id, o]));
      const offers = data.offers.filter((o) => o.status === 'open');
      return must(
        submittedNeeds(data).find((n) => suggestOffersNaive({ ...n, status: 'published' }, offers, 1, { organizations }).length > 0),
        'submitted need with offers once published',
      );
    }

    /** The memory adapter with its reviews recorded (keys and inputs), and held until released when `gate` is set. */
    function reviews(base: DataAdapter, options: { fail?: AdapterError[]; gate?: boolean } = {}) {
      const calls: { id: string; input: NeedReview; key: string }[] = [];
      const failures = [...(options.fail ?? [])];
      let release: () => void = () => undefined;
      const gate = options.gate ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      const adapter: DataAdapter = {
        ...plain(base),
        reviewNeed: async (id, input, opts) => {
          calls.push({ id, input, key: opts.idempotencyKey });
          await gate;
          const failure = failures.shift();
          if (failure) throw failure;
          return base.reviewNeed(id, input, opts);
        },
      };
      return { adapter, calls, release: () => release() };
    }

    const reviewButton = (h: Harness, which: 'published' | 'closed' | 'confirm-close'): HTMLButtonElement | null =>
      $<HTMLButtonElement>(h, `.review button[data-review="${which}"]`);

    async function chooseSubmitted(h: Harness, id: string): Promise<void> {
      (await option(h, 'needs', id)).click();
      await h.el.updateComplete;
      await waitUntil(() => $(h, '.review'), 'no review shown');
    }

    it('are listed with a 待核实 badge, offered for review instead of suggestions, and never suggested or allocated', async () => {
      const data = streetDataset();
      const waiting = submittedNeeds(data);
      expect(waiting.length, 'the street has submitted needs').to.be.greaterThan(0);
      const h = await mount();
      await loaded(h);
      const listed = list(h, 'needs')!.items.map((n) => n.id);
      for (const need of waiting) expect(listed, need.id).to.include(need.id);
      const row = await option(h, 'needs', waiting[0]!.id);
      expect(text(row.querySelector('.status--submitted'))).to.equal('待核实');
      const open = await option(h, 'needs', firstOpen(h).id);
      expect(open.querySelector('.status--submitted')).to.equal(null);

      await chooseSubmitted(h, waiting[0]!.id);
      expect($(h, '.candidates')).to.equal(null);
      expect(text($(h, '.review'))).to.contain('核实需求');
      expect(text($(h, '[role="status"].visually-hidden'))).to.contain('待核实');

      // no offer suggests a submitted need, and no allocation uses one
      const waitingIds = new Set(waiting.map((n) => n.id));
      const desk = h.el as unknown as { suggested: { list: { item: { id: string } }[] } | null };
      let suggestedSome = false;
      for (const offer of list(h, 'offers')!.items.slice(0, 15)) {
        await chooseOffer(h, offer.id);
        const ids = desk.suggested?.list.map((s) => s.item.id) ?? [];
        suggestedSome ||= ids.length > 0;
        expect(ids.filter((id) => waitingIds.has(id)), offer.id).to.deep.equal([]);
      }
      expect(suggestedSome, 'some offer has suggested needs').to.equal(true);
      h.el.view = 'allocation';
      await waitUntil(() => $(h, '.pairs'), 'no allocation review');
      const review = h.el as unknown as { review: { allocation: { pairs: { needId: string }[]; unmatched: { needId: string }[] } } };
      const allocated = [...review.review.allocation.pairs, ...review.review.allocation.unmatched].map((p) => p.needId);
      expect(allocated.length).to.be.greaterThan(0);
      expect(allocated.filter((id) => waitingIds.has(id))).to.deep.equal([]);

      // the status filter shows them alone
      h.el.view = 'desk';
      await waitUntil(() => list(h, 'needs'));
      const status = $<HTMLSelectElement>(h, 'select[name="status"]')!;
      expect([...status.options].map((o) => o.textContent.trim())).to.include('待核实');
      status.value = 'submitted';
      status.dispatchEvent(new Event('change'));
      await h.el.updateComplete;
      expect(list(h, 'needs')!.items.map((n) => n.id).sort()).to.deep.equal([...waitingIds].sort());
    });

    it('staff publish one by keyboard, once per press, and it is matched in place', async () => {
      const base = createMemoryAdapter(streetDataset());
      const need = reviewable(streetDataset());
      const { adapter, calls, release } = reviews(base, { gate: true });
      const h = await mount({ adapter });
      await loaded(h);
      const needs = list(h, 'needs')!;
      const row = await option(h, 'needs', need.id);
      await waitUntil(() => needs.shadowRoot!.activeElement === row, 'the row is not focused');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => reviewButton(h, 'published'), 'Enter did not open the review');
      // the offers list's tab stop, then the review's first button
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      const publish = reviewButton(h, 'published')!;
      expect(root(h.el).activeElement).to.equal(publish);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => publish.getAttribute('aria-disabled') === 'true', 'not shown as sending');
      expect(text(publish)).to.equal('正在发送…');
      expect(reviewButton(h, 'closed')!.getAttribute('aria-disabled')).to.equal('true');
      // pressed again while it is sent: nothing more goes out
      await sendKeys({ press: 'Enter' });
      publish.click();
      await h.el.updateComplete;
      expect(calls).to.have.length(1);
      release();
      await waitUntil(() => candidates(h).length > 0, 'the published need has no suggestions');
      expect(calls[0]).to.deep.include({ id: need.id, input: { status: 'published' } });
      expect((await base.getNeed(need.id)).status).to.equal('published');
      expect($(h, '.review')).to.equal(null);
      await waitUntil(() => root(h.el).activeElement?.id === 'suggestions-heading', 'focus did not move to the suggestions');
      expect(text($(h, '[role="status"].visually-hidden'))).to.contain('已核实并发布');
      // the list shows it published, without its badge, and the allocation may use it now
      const after = await option(h, 'needs', need.id);
      expect(after.querySelector('.status--submitted')).to.equal(null);
      expect(text(after)).to.contain('待认领');
      actionButton(candidates(h)[0]!, 'need-claim').click();
      await waitUntil(() => h.created.length === 1, 'the published need could not be claimed');
      expect(h.created[0]!.claim.needId).to.equal(need.id);
    });

    it('declining needs a reason, asked for inline, and closes the need with it', async () => {
      const base = createMemoryAdapter(streetDataset());
      const need = submittedNeeds(streetDataset())[0]!;
      const { adapter, calls } = reviews(base);
      const h = await mount({ adapter });
      await loaded(h);
      await chooseSubmitted(h, need.id);
      const form = $<HTMLFormElement>(h, '#review-close-form')!;
      expect(form.hidden).to.equal(true);
      reviewButton(h, 'closed')!.click();
      await h.el.updateComplete;
      expect(form.hidden).to.equal(false);
      expect(reviewButton(h, 'closed')!.getAttribute('aria-expanded')).to.equal('true');
      const reason = $<HTMLTextAreaElement>(h, '#review-reason')!;
      await waitUntil(() => root(h.el).activeElement === reason, 'the reason is not focused');
      // without a reason: pointed out at the field, nothing sent
      reasonInput(reason, '   ');
      reviewButton(h, 'confirm-close')!.click();
      await h.el.updateComplete;
      expect(reason.getAttribute('aria-invalid')).to.equal('true');
      expect(text($(h, '#review-reason-error'))).to.contain('请填写不予受理的原因');
      expect(reason.getAttribute('aria-describedby')).to.equal('review-reason-error');
      expect(root(h.el).activeElement).to.equal(reason);
      expect(calls).to.have.length(0);
      reason.focus();
      await sendKeys({ type: '重复提交，已合并到另一条需求' });
      await h.el.updateComplete;
      expect($(h, '#review-reason-error')).to.equal(null);
      reviewButton(h, 'confirm-close')!.click();
      await waitUntil(() => calls.length === 1, 'the review was not sent');
      await waitUntil(() => !$(h, '.review'), 'the review stays open');
      expect(calls[0]!.input).to.deep.equal({ status: 'closed', reason: '重复提交，已合并到另一条需求' });
      expect((await base.getNeed(need.id)).status).to.equal('closed');
      expect(text($(h, '#panel-suggestions .note'))).to.contain('不再参与匹配');
      expect(text(await option(h, 'needs', need.id))).to.contain('已关闭');
      expect(text($(h, '[role="status"].visually-hidden'))).to.contain('已不予受理');
    });

    it('shows a failure in the adapter error’s words, and a retry of the same review keeps its key', async () => {
      const base = createMemoryAdapter(streetDataset());
      const need = submittedNeeds(streetDataset())[0]!;
      const { adapter, calls } = reviews(base, { fail: [new AdapterError('network', 'offline'), new AdapterError('forbidden', 'not yours')] });
      const h = await mount({ adapter });
      await loaded(h);
      await chooseSubmitted(h, need.id);
      reviewButton(h, 'published')!.click();
      await waitUntil(() => $(h, '.review .action-error'), 'no error shown');
      expect(text($(h, '.review .action-error'))).to.equal(new AdapterError('network', '').userMessage('zh-CN'));
      reviewButton(h, 'published')!.click();
      await waitUntil(() => calls.length === 2 && text($(h, '.review .action-error')) === new AdapterError('forbidden', '').userMessage('zh-CN'), 'no second error');
      expect(calls[1]!.key, 'the same review after a network failure').to.equal(calls[0]!.key);
      reviewButton(h, 'published')!.click();
      await waitUntil(() => candidates(h).length > 0 || $(h, '#panel-suggestions .hint'), 'not published');
      expect(calls[2]!.key, 'a new press after a refusal is a new write').to.not.equal(calls[1]!.key);
      expect((await base.getNeed(need.id)).status).to.equal('published');
    });

    it('an organization viewer, or none, sees the need waiting but no review buttons', async () => {
      const need = submittedNeeds(streetDataset())[0]!;
      for (const viewer of [{ role: 'organization', id: 'org-00001' } as Actor, null]) {
        const h = await mount({ viewer });
        await loaded(h);
        await chooseSubmitted(h, need.id);
        expect($$(h, '.review button')).to.have.length(0);
        expect($(h, '#review-close-form')).to.equal(null);
        expect(text($(h, '.review .note'))).to.contain('等待社区工作人员核实');
      }
    });

    for (const theme of THEMES) {
      it(`the review is accessible, with the reason asked for (${theme})`, async () => {
        const h = await mount({ theme });
        await loaded(h);
        await chooseSubmitted(h, submittedNeeds(streetDataset())[0]!.id);
        await expect(h.el).to.be.accessible();
        reviewButton(h, 'closed')!.click();
        await h.el.updateComplete;
        reviewButton(h, 'confirm-close')!.click();
        await waitUntil(() => $(h, '#review-reason-error'), 'no missing reason shown');
        await expect(h.el).to.be.accessible();
      });
    }
  });

  describe('allocate all', () => {
    it('sends only the accepted pairs, one claim each, after staff decide', async () => {
      const adapter = createMemoryAdapter(streetDataset());
      const h = await mount({ adapter, view: 'allocation' });
      await waitUntil(() => $(h, '.pairs'), 'no allocation review', { timeout: 15000 });
      const total = async (): Promise<number> => (await adapter.listClaims({ limit: 1 })).total;
      const before = await total();
      const pairs = $$(h, '.pairs > li');
      expect(pairs.length).to.be.at.least(3);
      const send = $$<HTMLButtonElement>(h, '.allocation .toolbar .button--primary')[0]!;
      expect(send.disabled, 'sending allowed before any decision').to.equal(true);
      const accept = (i: number) => pairs[i]!.querySelector<HTMLButtonElement>('.decision--accept')!;
      const reject = (i: number) => pairs[i]!.querySelector<HTMLButtonElement>('.decision--reject')!;
      accept(0).click();
      reject(1).click();
      accept(2).click();
      await h.el.updateComplete;
      expect(accept(0).getAttribute('aria-pressed')).to.equal('true');
      expect(reject(1).getAttribute('aria-pressed')).to.equal('true');
      // nothing goes out before staff press send
      expect(await total()).to.equal(before);
      const titles = [0, 1, 2].map((i) => pairs[i]!.querySelector('.cand-title')!.textContent);
      send.click();
      await waitUntil(() => text($(h, '[role="status"].visually-hidden')).includes('已发送 2 项认领'), 'sending did not finish', { timeout: 10000 });
      expect(text($(h, '.progress'))).to.contain('2 / 2');
      expect($$(h, '.pairs .action-status--shown')).to.have.length(2);
      expect(await total()).to.equal(before + 2);
      const review = h.el as unknown as { review: { allocation: { pairs: { needId: string; offerId: string }[] } } };
      const [p0, p1, p2] = review.review.allocation.pairs;
      for (const [pair, sent] of [
        [p0!, true],
        [p1!, false],
        [p2!, true],
      ] as const) {
        const claims = (await claimsOf(adapter, { needId: pair.needId })).filter((c) => c.requestedBy.id === STAFF.id);
        expect(claims.length, `claims for ${pair.needId}`).to.equal(sent ? 1 : 0);
        if (sent) expect(claims[0]).to.deep.include({ direction: 'need-claim', offerId: pair.offerId, state: 'pending' });
      }
      expect(h.created).to.have.length(2);
      expect(titles[0]).to.not.equal(titles[1]);
      expect(text($(h, '[role="status"].visually-hidden'))).to.contain('已发送 2 项认领');
    });

    it('exports the proposal and the gap report as CSV with a BOM and Chinese headers', async () => {
      const downloads = captureDownloads();
      try {
        const h = await mount({ view: 'allocation' });
        await waitUntil(() => $(h, '.pairs'), 'no allocation review', { timeout: 15000 });
        [...$$<HTMLButtonElement>(h, '.allocation .toolbar button')].find((b) => b.textContent.includes('CSV'))!.click();
        h.el.view = 'gaps';
        await waitUntil(() => $(h, '.heatmap'), 'no gap report');
        [...$$<HTMLButtonElement>(h, '.gaps .toolbar button')].find((b) => b.textContent.includes('CSV'))!.click();
        await waitUntil(() => downloads.files.length === 2, 'no downloads');
        const [allocation, gaps] = downloads.files;
        const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
        expect(allocation!.name).to.equal(`认领-分配方案-${date}.csv`);
        expect(gaps!.name).to.equal(`认领-缺口-${date}.csv`);
        for (const file of [allocation!, gaps!]) {
          const bytes = new Uint8Array(await file.blob.arrayBuffer());
          expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
          expect(file.blob.type).to.contain('text/csv');
        }
        const allocationText = new TextDecoder().decode(await allocation!.blob.arrayBuffer());
        expect(allocationText.split('\r\n')[0]).to.contain('需求').and.contain('社会组织').and.contain('得分');
        const gapText = new TextDecoder().decode(await gaps!.blob.arrayBuffer());
        expect(gapText.split('\r\n')[0]).to.contain('类别').and.contain('空余名额').and.contain('缺口');
        expect(gapText).to.contain('飞乐居委会');
      } finally {
        downloads.restore();
      }
    });
  });

  describe('gap report', () => {
    it('shows each cell with its numbers in text, and a cell filters the desk', async () => {
      const h = await mount({ view: 'gaps' });
      await waitUntil(() => $(h, '.heatmap'), 'no heat map', { timeout: 15000 });
      const rows = $$(h, '.gap-table tbody tr');
      expect(rows.length).to.be.greaterThan(0);
      const button = $<HTMLButtonElement>(h, '.heatmap .heat-button')!;
      expect(button.hasAttribute('aria-label')).to.equal(false);
      expect(button.textContent.replace(/\s+/gu, ' ')).to.match(/：需求 \d+ 项，空余名额 \d+ 个，缺口 [+-]?\d+/u);
      expect($$(h, '.legend li').length).to.equal(5);
      button.click();
      await h.el.updateComplete;
      expect(h.el.view).to.equal('desk');
      expect(h.el.filters.category).to.not.equal(null);
    });
  });

  describe('layout', () => {
    it('has no horizontal overflow at 320px, in the elder theme, with long Chinese titles', async () => {
      const data = streetDataset();
      const long = '华阳路街道飞乐居委会独居高龄老人希望每天中午有人送餐上门并顺便测量血压血糖，子女在外地无法照顾需要长期帮助';
      const needs = data.needs.map((n, i) => (i === 0 ? { ...n, title: [...long].slice(0, 60).join(''), status: 'published' as const, urgency: 'critical' as const } : n));
      for (const theme of ['light', 'elder'] as const) {
        const h = await mount({ theme, width: 320, adapter: createMemoryAdapter({ ...data, needs }) });
        await waitUntil(() => $(h, '[role="tablist"]'), 'no tabs', { timeout: 15000 });
        await loaded(h);
        const wrapper = h.el.parentElement!;
        const overflow = (): number => Math.max(h.el.scrollWidth - h.el.clientWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow()).to.equal(0);
        const row = options(list(h, 'needs'))[0]!;
        expect(row.textContent).to.contain('华阳路街道飞乐居委会');
        // two lines at most, then an ellipsis: the row stays a row
        const title = row.querySelector<HTMLElement>('.title')!;
        expect(title.getBoundingClientRect().height).to.be.below(parseFloat(getComputedStyle(title).lineHeight) * 2.2);
        expect(row.getBoundingClientRect().right).to.be.at.most(wrapper.getBoundingClientRect().right);
        await chooseNeed(h, needs[0]!.id);
        expect(overflow()).to.equal(0);
        h.el.view = 'gaps';
        await waitUntil(() => $(h, '.heatmap'));
        expect(overflow()).to.equal(0);
        if (theme === 'elder') {
          const target = $<HTMLButtonElement>(h, '.gaps .toolbar button')!;
          expect(target.getBoundingClientRect().height).to.be.at.least(56);
        }
      }
    });

    it('puts the two lists side by side on a wide screen', async () => {
      const h = await mount({ width: 1000 });
      await loaded(h);
      const needs = $(h, '#panel-needs')!.getBoundingClientRect();
      const offers = $(h, '#panel-offers')!.getBoundingClientRect();
      expect(Math.abs(needs.top - offers.top)).to.be.below(2);
      expect(offers.left).to.be.greaterThan(needs.right - 1);
      expect($(h, '[role="tablist"]')).to.equal(null);
    });
  });

  describe('scale', () => {
    it('keeps a few dozen rows in the DOM for a long list', async () => {
      const data = streetDataset();
      const base = data.needs.find((n) => n.status === 'published')!;
      const many: Need[] = Array.from({ length: 2000 }, (_, i) => ({ ...base, id: `need-bulk-${String(i).padStart(5, '0')}`, title: `${base.title} ${i + 1}` }));
      const h = await mount({ adapter: createMemoryAdapter({ ...data, needs: many }) });
      await loaded(h);
      expect(list(h, 'needs')!.items.length).to.equal(2000);
      expect(options(list(h, 'needs')).length).to.be.below(80);
    });
  });

  describe('locales', () => {
    after(() => useLocale('zh-CN'));
    it('speaks zh-TW and en', async () => {
      const h = await mount();
      await loaded(h);
      await useLocale('en');
      await h.el.updateComplete;
      expect(text($(h, '#needs-heading'))).to.equal('Needs');
      await chooseNeed(h, firstOpen(h).id);
      expect(candidates(h)[0]!.querySelector('[role="meter"]')!.getAttribute('aria-valuetext')).to.match(/^\d+ points$/u);
      await useLocale('zh-TW');
      await h.el.updateComplete;
      expect(text($(h, '#needs-heading'))).to.equal('需求清單');
      const waiting = streetDataset().needs.find((n) => n.status === 'submitted')!;
      (await option(h, 'needs', waiting.id)).click();
      await waitUntil(() => $(h, '.review'), 'no review shown');
      expect(text($(h, '.review button[data-review="published"]'))).to.equal('核實並發布');
      await useLocale('en');
      await h.el.updateComplete;
      expect(text($(h, '.review button[data-review="closed"]'))).to.equal('Decline');
      expect(text(await option(h, 'needs', waiting.id))).to.contain('Awaiting check');
    });
  });
});
