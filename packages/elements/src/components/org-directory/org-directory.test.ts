import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  capacityLeft,
  createMemoryAdapter,
  isWithinArea,
  topLevelCode,
  type DataAdapter,
  type Organization,
  type ServiceOffer,
} from '@renling/core';
import type { Dataset } from '@renling/mocks';
import '../provider/provider.js';
import './org-directory.js';
import type { RlOrgDirectory } from './org-directory.js';
import type { RlSearchCompletedEvent, SearchCompletedDetail } from './org-directory.events.js';
import { toSearchFilters } from './directory-state.js';
import type { RlOrgResults } from './org-results.js';
import type { RlOrgView } from './org-view.js';
import type { RlSearchCombobox } from './search-combobox.js';
import type { RlOrgFilters } from './org-filters.js';
import type { RlProjectCard } from '../project-card/project-card.js';
import { RlClaimRequestEvent } from '../../events/claim-request.js';
import { THEMES, type Theme } from '../../styles/tokens.js';
import { useLocale } from '../../localization/localization.js';
import { XSS_CORPUS } from '../../../test/fixtures.js';
import {
  flakyAdapter,
  gatedAdapter,
  ignoreResizeObserverLoop,
  offlineCachedAdapter,
  streetDataset,
} from '../../../test/directory.js';

/** A resident's sentence: no organization of the street holds it whole, some hold 老人 and 助餐. */
const PARTLY_MATCHED = '我想给家里老人找个助餐的地方';

/** The page behind the directory: a dark theme is meant for a dark page. */
const PAGE: Record<Theme, string> = { light: '#f4f1ec', dark: '#121418', elder: '#ffffff' };

interface Harness {
  el: RlOrgDirectory;
  completed: SearchCompletedDetail[];
}

interface MountOptions {
  adapter?: DataAdapter | null;
  theme?: Theme;
  width?: number;
  query?: string;
  organizationId?: string;
  history?: boolean;
  prefix?: string;
}

async function mount(options: MountOptions = {}): Promise<Harness> {
  const completed: SearchCompletedDetail[] = [];
  const adapter = options.adapter === undefined ? createMemoryAdapter(streetDataset()) : options.adapter;
  const theme = options.theme ?? 'light';
  const wrapper = await fixture<HTMLDivElement>(html`<div style="background: ${PAGE[theme]}; padding: 8px; width: ${options.width ?? 1000}px">
    <rl-org-directory
      theme=${theme}
      .adapter=${adapter}
      ?no-history=${!options.history}
      url-prefix=${ifDefined(options.prefix)}
      query=${ifDefined(options.query)}
      organization-id=${ifDefined(options.organizationId)}
      @rl-search-completed=${(e: CustomEvent<SearchCompletedDetail>) => completed.push(e.detail)}
    ></rl-org-directory>
  </div>`);
  return { el: wrapper.querySelector('rl-org-directory')!, completed };
}

const root = (el: Element): ShadowRoot => el.shadowRoot!;
const combobox = (h: Harness): RlSearchCombobox => root(h.el).querySelector('rl-search-combobox')!;
const input = (h: Harness): HTMLInputElement => root(combobox(h)).querySelector('input')!;
const results = (h: Harness): RlOrgResults | null => root(h.el).querySelector('rl-org-results');
const filtersEl = (h: Harness): RlOrgFilters => root(h.el).querySelector('rl-org-filters')!;
const view = (h: Harness): RlOrgView | null => root(h.el).querySelector('rl-org-view');
const text = (el: Element | null): string => (el ? (el.shadowRoot ?? el).textContent?.replace(/\s+/gu, ' ').trim() ?? '' : '');

/** Rendered rows, in list order. */
function rows(h: Harness): HTMLElement[] {
  const list = results(h);
  if (!list) return [];
  return [...root(list).querySelectorAll<HTMLElement>('li[data-index]')]
    .filter((r) => r.querySelector('a.name'))
    .sort((a, b) => Number(a.dataset['index']) - Number(b.dataset['index']));
}
const rowNames = (h: Harness): string[] => rows(h).map((r) => r.querySelector('a.name')!.textContent.trim());

/** The last results event, if it is for what the directory now asks. */
function current(h: Harness): SearchCompletedDetail | undefined {
  const last = h.completed.at(-1);
  const { el } = h;
  return last &&
    last.query === el.query &&
    last.sort === el.sort &&
    JSON.stringify(last.filters) === JSON.stringify(toSearchFilters(el.filters))
    ? last
    : undefined;
}

/**
 * Waits for the results of the directory's current search and for their
 * first rows (rows render only where the list is on screen, so it is
 * scrolled there). Quick changes in a row give one event, for the last.
 */
async function searched(h: Harness, label = 'no results'): Promise<SearchCompletedDetail> {
  await waitUntil(() => current(h), label, { timeout: 15000 });
  const last = current(h)!;
  if (last.total > 0) {
    results(h)?.scrollIntoView({ block: 'nearest' });
    await waitUntil(() => rows(h).length > 0, 'rows not rendered', { timeout: 5000 });
  }
  return last;
}

/** Types into the search box as a person would, waiting for the results of the last letter. */
async function typeQuery(h: Harness, value: string): Promise<SearchCompletedDetail> {
  input(h).focus();
  await sendKeys({ type: value });
  await waitUntil(() => h.el.query.endsWith(value), `${value} not typed`);
  return searched(h, `no results for ${value}`);
}

/** Sets a native control inside the filter panel as a person would. */
async function choose(h: Harness, name: string, value: string | boolean): Promise<void> {
  const panel = filtersEl(h);
  const control =
    typeof value === 'boolean' || root(panel).querySelector(`input[name="${name}"][value="${value}"]`)
      ? root(panel).querySelector<HTMLInputElement>(typeof value === 'boolean' ? `input[name="${name}"]` : `input[name="${name}"][value="${value}"]`)!
      : root(panel).querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  if (control instanceof HTMLInputElement) control.click();
  else {
    control.value = value as string;
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }
  await h.el.updateComplete;
}

function offersOf(data: Dataset, org: Organization): ServiceOffer[] {
  return data.offers.filter((o) => o.organizationId === org.id);
}

/**
 * The organization a history entry was pushed for by the directory with this
 * prefix. (history.length alone cannot tell: Chromium stops counting at 50.)
 */
function pushedFor(prefix = 'rl-'): unknown {
  const state = history.state as Record<string, Record<string, unknown> | undefined> | null;
  return state?.['renling:url-state']?.[prefix] ?? null;
}

function cleanUrl(): void {
  const url = new URL(location.href);
  for (const name of [...url.searchParams.keys()]) if (/^(rl|x|dir)-/u.test(name)) url.searchParams.delete(name);
  history.replaceState(null, '', url);
}

describe('rl-org-directory', function () {
  this.timeout(30000);
  let restore: () => void;

  before(async () => {
    restore = ignoreResizeObserverLoop();
    await useLocale('zh-CN');
  });
  after(() => restore());
  afterEach(() => cleanUrl());

  describe('accessibility in every state and theme', () => {
    for (const theme of THEMES) {
      it(`loading, results and the phone filter panel (${theme})`, async () => {
        const { adapter, release } = gatedAdapter(createMemoryAdapter(streetDataset()));
        const h = await mount({ adapter, theme });
        await expect(h.el).to.be.accessible();
        expect(root(h.el).querySelector('[aria-busy="true"]')).not.to.equal(null);
        release();
        await searched(h);
        await expect(h.el).to.be.accessible();
        const phone = await mount({ theme, width: 320 });
        await searched(phone);
        root(phone.el).querySelector<HTMLButtonElement>('.filters-toggle')!.click();
        await phone.el.updateComplete;
        await expect(phone.el).to.be.accessible();
      });

      it(`empty, with filters to drop (${theme})`, async () => {
        const h = await mount({ theme, query: '完全不存在的词组合' });
        const found = await searched(h);
        expect(found.total).to.equal(0);
        await expect(h.el).to.be.accessible();
      });

      it(`empty for a government matter, saying where it is done (${theme})`, async () => {
        const h = await mount({ theme, query: '医保' });
        expect((await searched(h)).total).to.equal(0);
        await expect(h.el).to.be.accessible();
      });

      it(`partly matched sentence (${theme})`, async () => {
        const h = await mount({ theme, query: PARTLY_MATCHED });
        const found = await searched(h);
        expect(found.total).to.be.greaterThan(0);
        await waitUntil(() => root(h.el).querySelector('.partial'), 'no note on a partial match');
        await expect(h.el).to.be.accessible();
      });

      it(`pinyin with a slip of the keys, read as meant (${theme})`, async () => {
        const h = await mount({ theme, query: 'yanglai' });
        expect((await searched(h)).corrected).to.equal('yanglao');
        await waitUntil(() => root(h.el).querySelector('.partial'), 'no note on a corrected search');
        await expect(h.el).to.be.accessible();
      });

      it(`error (${theme})`, async () => {
        const h = await mount({ theme, adapter: flakyAdapter(createMemoryAdapter(streetDataset()), Infinity) });
        await waitUntil(() => root(h.el).querySelector('[role="alert"]'), 'no error shown');
        await expect(h.el).to.be.accessible();
      });

      it(`offline from the cache (${theme})`, async () => {
        const h = await mount({ theme, adapter: await offlineCachedAdapter(streetDataset()) });
        await searched(h);
        await waitUntil(() => root(h.el).querySelector('.notice'), 'no offline notice');
        await expect(h.el).to.be.accessible();
      });

      it(`organization view (${theme})`, async () => {
        const org = streetDataset().organizations[6]!;
        const h = await mount({ theme, organizationId: org.id });
        await waitUntil(() => view(h) && root(view(h)!).querySelector('#name'), 'no organization view');
        const cards = [...root(view(h)!).querySelectorAll<RlProjectCard>('rl-project-card')];
        await Promise.all(cards.map((c) => c.updateComplete));
        await waitUntil(() => cards.every((c) => c.shadowRoot?.querySelector('article')), 'offer cards not rendered');
        await expect(h.el).to.be.accessible();
      });
    }
  });

  describe('loading through any adapter', () => {
    it('reads every page of organizations and offers, then indexes them', async () => {
      const data = streetDataset();
      const base = createMemoryAdapter(data);
      const limits: (number | undefined)[] = [];
      const spy: DataAdapter = {
        ...base,
        listOrganizations: (q) => {
          limits.push(q?.limit);
          return base.listOrganizations(q);
        },
      };
      const h = await mount({ adapter: spy });
      const found = await searched(h);
      expect(found.total).to.equal(data.organizations.length);
      expect(limits.every((l) => l === 200)).to.equal(true);
      expect(h.el.indexMode).to.equal('main');
    });

    it('shows progress while loading', async () => {
      const { adapter, release } = gatedAdapter(createMemoryAdapter(streetDataset()));
      const h = await mount({ adapter });
      expect(text(h.el)).to.contain('正在载入组织名录');
      release();
      await searched(h);
    });

    it('works inside <rl-provider> with its adapter', async () => {
      const provider = await fixture(html`<rl-provider .adapter=${createMemoryAdapter(streetDataset())}>
        <rl-org-directory no-history></rl-org-directory>
      </rl-provider>`);
      const el = provider.querySelector('rl-org-directory')!;
      const event: RlSearchCompletedEvent = await oneEvent(el, 'rl-search-completed');
      expect(event.detail.total).to.equal(60);
    });

    it('stands alone on a static data file (src), as a street site without a backend would', async () => {
      const data = streetDataset();
      const file = JSON.stringify({
        version: 1,
        generatedAt: '2026-11-01T00:00:00Z',
        areas: data.areas,
        organizations: data.organizations,
        offers: data.offers,
        needs: [],
        projects: [],
      });
      const src = URL.createObjectURL(new Blob([file], { type: 'application/json' }));
      const completed: SearchCompletedDetail[] = [];
      const el = await fixture<RlOrgDirectory>(html`<rl-org-directory
        no-history
        src=${src}
        storage-name="directory-src-test"
        @rl-search-completed=${(e: CustomEvent<SearchCompletedDetail>) => completed.push(e.detail)}
      ></rl-org-directory>`);
      await waitUntil(() => completed.length > 0, 'no results from the file', { timeout: 15000 });
      expect(completed[0]!.total).to.equal(60);
      URL.revokeObjectURL(src);
      el.remove();
    });

    it('shows an error with a retry that loads again', async () => {
      const flaky = flakyAdapter(createMemoryAdapter(streetDataset()), 1);
      const h = await mount({ adapter: flaky });
      await waitUntil(() => root(h.el).querySelector('[role="alert"]'), 'no error shown');
      expect(text(root(h.el).querySelector('[role="alert"]'))).to.contain('网络');
      root(h.el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
      const found = await searched(h);
      expect(found.total).to.equal(60);
      expect(flaky.calls).to.equal(2);
    });

    it('shows the cached directory with an offline notice when the network is gone', async () => {
      const h = await mount({ adapter: await offlineCachedAdapter(streetDataset()) });
      const found = await searched(h);
      expect(found.total).to.equal(60);
      await waitUntil(() => root(h.el).querySelector('.notice'), 'no offline notice');
      expect(text(root(h.el).querySelector('.notice'))).to.contain('之前保存的名录');
    });

    it('indexes in a worker above the threshold and searches the same', async () => {
      const h = await mount();
      h.el.workerUrl = new URL('/packages/core/src/search/search.worker.ts', location.origin).href;
      h.el.workerThreshold = 10;
      await waitUntil(() => h.el.indexMode === 'worker', 'no worker index', { timeout: 15000 });
      const found = await typeQuery(h, '养老');
      expect(found.total).to.be.greaterThan(0);
      expect(rows(h)[0]!.querySelector('mark')).not.to.equal(null);
    });
  });

  describe('search', () => {
    it('finds 养老 and highlights it in every row', async () => {
      const h = await mount();
      await searched(h);
      const found = await typeQuery(h, '养老');
      expect(found.query).to.equal('养老');
      expect(found.total).to.be.within(1, 59);
      for (const row of rows(h)) {
        const marks = [...row.querySelectorAll('mark')].map((m) => m.textContent).join('');
        expect(marks, row.textContent ?? '').to.contain('养老');
      }
    });

    for (const theme of ['light', 'elder'] as const) {
      it(`keeps rows with one line of name at one height, with a rating and a match label or without (${theme})`, async () => {
        // a row a fraction of a pixel taller than the one it replaces makes the list measure and
        // move its rows again in the frame that shows a keystroke's results
        const h = await mount({ theme });
        await searched(h);
        await typeQuery(h, '社区');
        const oneLine = rows(h).filter((r) => {
          const name = r.querySelector('a.name')!;
          return name.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(name).lineHeight);
        });
        const rated = oneLine.filter((r) => r.querySelector('.rating'));
        const labelled = oneLine.filter((r) => r.querySelector('.match-label'));
        expect(rated.length, 'rows with a rating').to.be.greaterThan(0);
        expect(oneLine.length - rated.length, 'rows without a rating').to.be.greaterThan(0);
        expect(labelled.length, 'rows with a match label').to.be.greaterThan(0);
        const heights = new Set(oneLine.map((r) => r.getBoundingClientRect().height.toFixed(2)));
        expect([...heights]).to.have.length(1);
      });
    }

    it('finds the same organizations for yanglao (pinyin) as for 养老', async () => {
      const h = await mount();
      await searched(h);
      await typeQuery(h, '养老');
      const chinese = new Set(rowNames(h));
      input(h).select();
      await sendKeys({ press: 'Backspace' });
      await typeQuery(h, 'yanglao');
      const pinyin = rowNames(h);
      expect(pinyin.length).to.be.greaterThan(0);
      expect(pinyin.filter((n) => chinese.has(n)).length).to.be.greaterThan(0);
    });

    it('offers suggestions in the combobox while typing', async () => {
      const h = await mount();
      await searched(h);
      await typeQuery(h, '合唱');
      await waitUntil(() => combobox(h).suggestions.length > 0, 'no suggestions');
      expect(input(h).getAttribute('aria-expanded')).to.equal('true');
      await sendKeys({ press: 'ArrowDown' });
      const chosen = combobox(h).suggestions[0]!;
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => h.completed.at(-1)?.query === chosen, 'suggestion not searched');
      expect(h.el.query).to.equal(chosen);
    });

    it('with an input method: searches nothing while composing, then the committed 养老 once', async () => {
      const h = await mount();
      await searched(h);
      const field = input(h);
      field.focus();
      field.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
      for (const step of ['y', 'yang', 'yang l', 'yang lao']) {
        field.value = step;
        field.dispatchEvent(new InputEvent('input', { data: step, isComposing: true, inputType: 'insertCompositionText', bubbles: true, composed: true }));
      }
      const enter = new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, keyCode: 229, bubbles: true, composed: true, cancelable: true });
      field.dispatchEvent(enter);
      await new Promise((r) => setTimeout(r, 200));
      expect(h.el.query).to.equal('');
      expect(h.completed.length).to.equal(1);
      field.value = '养老';
      field.dispatchEvent(new CompositionEvent('compositionend', { data: '养老' }));
      await searched(h);
      expect(h.completed.map((c) => c.query)).to.deep.equal(['', '养老']);
      expect(enter.defaultPrevented).to.equal(false);
    });

    it('Esc in an empty list closes suggestions, a second Esc clears the search', async () => {
      const h = await mount();
      await searched(h);
      await typeQuery(h, '合唱');
      await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => h.completed.at(-1)?.query === '', 'not cleared');
      expect(h.completed.at(-1)!.total).to.equal(60);
    });
  });

  describe('category names in the page language', () => {
    const matchLines = (h: Harness): string[] =>
      rows(h)
        .map((r) => r.querySelector('.match')?.textContent?.replace(/\s+/gu, ' ').trim() ?? '')
        .filter(Boolean);

    afterEach(() => useLocale('zh-CN'));

    for (const mode of ['worker', 'main'] as const) {
      it(`names matched categories in zh-TW, then in en when the page switches (index in ${mode})`, async () => {
        await useLocale('zh-TW');
        const h = await mount();
        if (mode === 'worker') {
          h.el.workerUrl = new URL('/packages/core/src/search/search.worker.ts', location.origin).href;
          h.el.workerThreshold = 10;
        }
        await waitUntil(() => h.el.indexMode === mode, `no ${mode} index`, { timeout: 15000 });
        await searched(h);
        await typeQuery(h, '为老');
        await waitUntil(() => combobox(h).suggestions.includes('為老服務'), 'no zh-TW label suggested');
        expect(combobox(h).suggestions).not.to.include('为老服务');
        await waitUntil(() => matchLines(h).some((l) => l.includes('為老服務')), 'no zh-TW category match');
        expect(matchLines(h).filter((l) => l.includes('为老服务'))).to.deep.equal([]);

        await useLocale('en');
        await waitUntil(() => combobox(h).suggestions.includes('Elderly care'), 'no en label suggested');
        await waitUntil(() => matchLines(h).some((l) => l.includes('Elderly care')), 'no en category name');
        expect(combobox(h).suggestions).not.to.include('為老服務');
      });
    }
  });

  describe('empty results', () => {
    it('suggests dropping a filter, with a button that does it', async () => {
      const data = streetDataset();
      const h = await mount();
      await searched(h);
      // community teams are filed with the street, never graded
      await choose(h, 'type', 'community-team');
      await choose(h, 'rating', '3A');
      const found = await searched(h);
      expect(found.total).to.equal(0);
      const empty = root(h.el).querySelector('.empty')!;
      expect(text(empty)).to.contain('试试去掉一个筛选条件');
      const drop = [...empty.querySelectorAll('button')].find((b) => b.textContent?.includes('3A'))!;
      expect(drop.textContent).to.contain('去掉');
      drop.click();
      const widened = await searched(h);
      expect(widened.total).to.equal(data.organizations.filter((o) => o.type === 'community-team').length);
      expect(h.el.filters.minRating).to.equal(null);
    });

    it('answers a sentence typed as it is said with the organizations holding most of its words, and says so', async () => {
      const h = await mount({ query: PARTLY_MATCHED });
      const found = await searched(h);
      expect(found.total).to.be.greaterThan(0);
      expect(found.partial).to.equal(true);
      const note = root(h.el).querySelector('.partial');
      expect(text(note)).to.contain('部分字词');
      // the words it found are the ones highlighted in the rows
      const marked = rows(h).flatMap((r) => [...r.querySelectorAll('mark')].map((m) => m.textContent ?? ''));
      expect(marked.some((m) => /老人|助餐/u.test(m)), marked.join(' ')).to.equal(true);
      // and the screen reader hears it once typing pauses
      await waitUntil(() => root(h.el).querySelector('[role="status"]')?.textContent?.includes('部分字词'), 'not announced', { timeout: 3000 });
      // a search that every result matches in full has no such note
      h.el.query = '助餐';
      expect((await searched(h)).partial).to.equal(false);
      expect(root(h.el).querySelector('.partial')).to.equal(null);
    });

    it('reads pinyin typed with a slip of the keys as the likeliest pinyin, and says what it searched for', async () => {
      const h = await mount();
      await searched(h);
      const found = await typeQuery(h, 'yanglai');
      expect(found.query).to.equal('yanglai');
      expect(found.corrected).to.equal('yanglao');
      expect(found.total).to.be.greaterThan(0);
      const note = root(h.el).querySelector('.partial');
      expect(text(note)).to.contain('没有找到“yanglai”').and.contain('按“yanglao”找到');
      // the rows hold what it was read as, highlighted
      const marked = rows(h).flatMap((r) => [...r.querySelectorAll('mark')].map((m) => m.textContent ?? ''));
      expect(marked.some((m) => m.includes('养老')), marked.join(' ')).to.equal(true);
      await waitUntil(() => root(h.el).querySelector('[role="status"]')?.textContent?.includes('按“yanglao”找到'), 'not announced', { timeout: 3000 });
      // one more letter that matches as typed: no note
      await sendKeys({ press: 'Backspace' });
      const typing = await searched(h);
      expect(typing.query).to.equal('yangla');
      expect(typing.corrected).to.equal(null);
      expect(root(h.el).querySelector('.partial')).to.equal(null);
    });

    it('starts a new search at its best hit: a list scrolled down goes back to the top', async () => {
      const h = await mount();
      await searched(h);
      const list = (): HTMLElement => root(results(h)!).querySelector('ul')!;
      // down, a screenful at a time as a wheel would, as the virtualizer learns the rows' heights
      await waitUntil(
        () => {
          list().scrollTop += 300;
          return rows(h).some((r) => Number(r.dataset['index']) > 10);
        },
        'list not scrolled',
        { interval: 100 },
      );
      const found = await typeQuery(h, '服务');
      expect(found.total).to.be.greaterThan(10);
      await waitUntil(() => list().scrollTop === 0 && rows(h).some((r) => r.dataset['index'] === '0'), 'not back at the top');
      // scrolled a little, then another letter: back at the top again
      list().scrollTop = 40;
      await waitUntil(() => list().scrollTop === 40, 'not scrolled a little');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await typeQuery(h, '中心');
      await waitUntil(() => list().scrollTop === 0, 'not back at the top after a small scroll');
    });

    it('fits the list to a few results, and gives many the whole list height', async () => {
      const h = await mount();
      await searched(h);
      const list = (): HTMLElement => root(results(h)!).querySelector('ul')!;
      const full = list().getBoundingClientRect().height;
      const rowsBottom = (): number => Math.max(...rows(h).map((r) => r.getBoundingClientRect().bottom));
      // 60 organizations fill the list
      expect(rowsBottom()).to.be.greaterThan(list().getBoundingClientRect().bottom);
      const name = rowNames(h)[0]!;
      const few = await typeQuery(h, name);
      expect(few.total).to.be.within(1, 3);
      // the list ends at its last row, with no empty box below it
      await waitUntil(() => Math.abs(list().getBoundingClientRect().bottom - rowsBottom()) <= 2, 'list not fitted to its rows');
      expect(list().getBoundingClientRect().height).to.be.lessThan(full);
      // the list moved (detached and attached again) still follows its rows
      const resultsEl = results(h)!;
      resultsEl.parentNode!.insertBefore(resultsEl, resultsEl.nextSibling);
      for (let i = 0; i < [...name].length; i++) await sendKeys({ press: 'Backspace' });
      await waitUntil(() => current(h)?.query === '', 'not cleared');
      await waitUntil(() => Math.abs(list().getBoundingClientRect().height - full) <= 1, 'list not back to its height');
    });

    it('says where a government matter is done (医保, 户口…), and only for one', async () => {
      const h = await mount({ query: '我妈的医保' });
      expect((await searched(h)).total).to.equal(0);
      const affair = (): string | null => {
        const p = root(h.el).querySelector('.empty .affair');
        return p ? text(p) : null;
      };
      expect(affair()).to.contain('“医保”属于政务事项').and.to.contain('政务服务中心').and.to.contain('12345');
      // still with the usual way out
      expect(text(root(h.el).querySelector('.empty'))).to.contain('清除搜索词');
      const clear = async (): Promise<void> => {
        [...root(h.el).querySelectorAll<HTMLButtonElement>('.empty button')].find((b) => b.textContent?.includes('清除搜索词'))!.click();
        expect((await searched(h)).total).to.equal(60);
      };
      // another word that finds nothing says nothing of the government
      await clear();
      expect((await typeQuery(h, '完全不存在的词组合')).total).to.equal(0);
      expect(affair()).to.equal(null);
      await clear();
      expect((await typeQuery(h, 'passport')).total).to.equal(0);
      expect(affair()).to.contain('“passport”');
    });

    it('suggests other words for a query that finds nothing, and can clear it', async () => {
      const h = await mount({ query: '完全不存在的词组合' });
      await searched(h);
      const empty = root(h.el).querySelector('.empty')!;
      expect(text(empty)).to.contain('换个说法');
      [...empty.querySelectorAll('button')].find((b) => b.textContent?.includes('清除搜索词'))!.click();
      const all = await searched(h);
      expect(all.total).to.equal(60);
    });
  });

  describe('filters and sorts', () => {
    const data = streetDataset();
    const serves = (org: Organization, code: string): boolean =>
      org.serviceAreaCodes.some((c) => isWithinArea(c, code) || isWithinArea(code, c));

    it('filters by category (top level and second level)', async () => {
      const inCategory = (org: Organization, code: string): boolean =>
        [...org.categoryCodes, ...offersOf(data, org).map((o) => o.categoryCode)].some((c) => c === code || topLevelCode(c) === code);
      const h = await mount();
      await searched(h);
      await choose(h, 'category', 'elderly');
      const top = await searched(h);
      expect(top.filters.categoryCode).to.equal('elderly');
      expect(top.total).to.equal(data.organizations.filter((o) => inCategory(o, 'elderly')).length);
      const sub = root(filtersEl(h)).querySelector<HTMLSelectElement>('select[name="subcategory"]')!;
      expect(sub.disabled).to.equal(false);
      await choose(h, 'subcategory', 'elderly.home-care');
      const second = await searched(h);
      expect(second.total).to.equal(data.organizations.filter((o) => inCategory(o, 'elderly.home-care')).length);
      expect(second.total).to.be.at.most(top.total);
    });

    it('filters by area: the street site starts at its communities', async () => {
      const h = await mount();
      await searched(h);
      const select = root(filtersEl(h)).querySelector<HTMLSelectElement>('select[name="area-community"]')!;
      expect(select.options.length).to.equal(11);
      const community = select.options[1]!.value;
      await choose(h, 'area-community', community);
      const found = await searched(h);
      expect(found.total).to.equal(data.organizations.filter((o) => serves(o, community)).length);
    });

    it('filters by type, registration, rating, audience and free places, and the chips remove them', async () => {
      const h = await mount();
      await searched(h);
      await choose(h, 'type', 'community-team');
      await choose(h, 'type', 'social-service-agency');
      let found = await searched(h);
      expect(found.filters.type).to.deep.equal(['social-service-agency', 'community-team']);
      expect(found.total).to.equal(data.organizations.filter((o) => o.type === 'community-team' || o.type === 'social-service-agency').length);

      await choose(h, 'registration', 'registered');
      found = await searched(h);
      expect(found.total).to.equal(
        data.organizations.filter((o) => ['community-team', 'social-service-agency'].includes(o.type) && o.registration.status === 'registered').length,
      );

      await choose(h, 'rating', '3A');
      found = await searched(h);
      const graded = data.organizations.filter(
        (o) => ['community-team', 'social-service-agency'].includes(o.type) && o.registration.status === 'registered' && ['5A', '4A', '3A'].includes(o.rating ?? ''),
      );
      expect(found.total).to.equal(graded.length);

      const chips = root(h.el).querySelectorAll<HTMLButtonElement>('[part~="chips"] button');
      expect(chips.length).to.equal(4);
      expect(chips[0]!.getAttribute('aria-label')).to.contain('去掉筛选');
      root(h.el).querySelector<HTMLButtonElement>('.clear-all')!.click();
      found = await searched(h);
      expect(found.total).to.equal(60);

      await choose(h, 'audience', 'elderly');
      found = await searched(h);
      expect(found.total).to.equal(data.organizations.filter((o) => offersOf(data, o).some((f) => f.audiences.includes('elderly'))).length);
      await choose(h, 'audience', 'elderly');
      await choose(h, 'has-capacity', true);
      found = await searched(h);
      expect(found.filters.hasCapacity).to.equal(true);
      expect(found.total).to.equal(data.organizations.filter((o) => offersOf(data, o).some((f) => f.status === 'open' && capacityLeft(f) > 0)).length);
      root(h.el).querySelector<HTMLButtonElement>('[part~="chips"] button')!.click();
      found = await searched(h);
      expect(found.total).to.equal(60);
    });

    it('sorts by rating, by name in pinyin order and by last update', async () => {
      const h = await mount();
      await searched(h);
      const sort = root(h.el).querySelector<HTMLSelectElement>('.sort select')!;
      const byId = new Map(data.organizations.map((o) => [o.name, o]));
      const sortBy = async (value: string): Promise<Organization[]> => {
        sort.value = value;
        sort.dispatchEvent(new Event('change'));
        await searched(h);
        return rowNames(h).map((name) => byId.get(name)!);
      };
      const rank = (o: Organization): number => (o.rating ? 6 - Number(o.rating[0]) : 9);
      const rated = await sortBy('rating');
      expect(rated.map(rank)).to.deep.equal([...rated.map(rank)].sort((a, b) => a - b));
      const named = await sortBy('name');
      const collator = new Intl.Collator('zh-CN-u-co-pinyin');
      expect(named.map((o) => o.name)).to.deep.equal([...named.map((o) => o.name)].sort(collator.compare));
      // an organization is as fresh as its latest change or offer
      const latest = (o: Organization): string => [o.updatedAt, ...offersOf(data, o).map((f) => f.updatedAt)].sort().at(-1)!;
      const updated = await sortBy('updated');
      expect(updated.map(latest)).to.deep.equal([...updated.map(latest)].sort().reverse());
    });

    it('collapses the filters on a phone and opens them with a large toggle', async () => {
      const h = await mount({ width: 320 });
      await searched(h);
      const panel = root(h.el).querySelector<HTMLElement>('#filters-panel')!;
      const toggle = root(h.el).querySelector<HTMLButtonElement>('.filters-toggle')!;
      expect(getComputedStyle(panel).display).to.equal('none');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(toggle.getBoundingClientRect().height).to.be.at.least(44);
      toggle.click();
      await h.el.updateComplete;
      expect(getComputedStyle(panel).display).not.to.equal('none');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      root(h.el).querySelector<HTMLButtonElement>('.show-results')!.click();
      await h.el.updateComplete;
      expect(getComputedStyle(panel).display).to.equal('none');
      expect(h.el.scrollWidth).to.be.at.most(h.el.clientWidth + 1);
    });

    it('shows the filters as a sidebar on a wide screen, without a toggle', async () => {
      const h = await mount({ width: 1000 });
      await searched(h);
      expect(getComputedStyle(root(h.el).querySelector('#filters-panel')!).display).to.equal('flex');
      expect(getComputedStyle(root(h.el).querySelector('.filters-toggle')!).display).to.equal('none');
    });
  });

  describe('the URL', () => {
    // as after a long run of other suites: Chromium's session history is full at 50 entries
    before(() => {
      for (let i = 0; i < 50; i++) history.pushState(null, '', location.href);
    });

    it('writes the search, filters and sort under the prefix, replacing the entry while typing', async () => {
      const h = await mount({ history: true, prefix: 'x-' });
      await searched(h);
      const length = history.length;
      history.replaceState(null, '', location.href);
      await typeQuery(h, '养老');
      await choose(h, 'category', 'elderly');
      await choose(h, 'type', 'association');
      await choose(h, 'type', 'foundation');
      const sort = root(h.el).querySelector<HTMLSelectElement>('.sort select')!;
      sort.value = 'name';
      sort.dispatchEvent(new Event('change'));
      await waitUntil(() => new URL(location.href).searchParams.get('x-sort') === 'name', 'sort not in the URL');
      await waitUntil(() => new URL(location.href).searchParams.get('x-q') === '养老', 'query not in the URL', { timeout: 3000 });
      const params = new URL(location.href).searchParams;
      expect(params.get('x-cat')).to.equal('elderly');
      expect(params.get('x-type')).to.equal('association,foundation');
      expect(params.has('wtr-session-id')).to.equal(true);
      expect(history.length).to.equal(length);
      expect(pushedFor('x-')).to.equal(null);
    });

    it('a new directory reads the same state back from the URL', async () => {
      const url = new URL(location.href);
      url.searchParams.set('x-q', '合唱');
      url.searchParams.set('x-cat', 'culture-sports');
      url.searchParams.set('x-reg', 'filed,none');
      url.searchParams.set('x-rating', '3A');
      url.searchParams.set('x-free', '1');
      url.searchParams.set('x-sort', 'updated');
      url.searchParams.set('x-aud', 'elderly,nonsense');
      url.searchParams.set('x-type', '<script>');
      history.replaceState(null, '', url);
      const h = await mount({ history: true, prefix: 'x-' });
      const found = await searched(h);
      expect(input(h).value).to.equal('合唱');
      expect(found).to.deep.include({ query: '合唱', sort: 'updated' });
      expect(found.filters).to.deep.equal({
        categoryCode: 'culture-sports',
        registration: ['filed', 'none'],
        minRating: '3A',
        audience: ['elderly'],
        hasCapacity: true,
      });
      expect(h.el.filters.type).to.deep.equal([]);
      const rating = root(filtersEl(h)).querySelector<HTMLSelectElement>('select[name="rating"]')!;
      expect(rating.value).to.equal('3A');
    });

    it('opening an organization pushes an entry; Back closes it and returns focus to its row', async () => {
      const h = await mount({ history: true });
      await searched(h);
      await typeQuery(h, '合唱');
      const length = history.length;
      history.replaceState(null, '', location.href);
      const second = rows(h)[1]!;
      const name = second.querySelector('a.name')!.textContent.trim();
      const href = second.querySelector<HTMLAnchorElement>('a.name')!.href;
      expect(new URL(href).searchParams.get('rl-q')).to.equal('合唱');
      second.querySelector<HTMLAnchorElement>('a.name')!.click();
      await waitUntil(() => view(h) && root(view(h)!).querySelector('#name'), 'view not shown');
      expect(text(root(view(h)!).querySelector('#name'))).to.equal(name);
      expect(history.length).to.equal(Math.min(50, length + 1));
      expect(pushedFor()).to.equal(h.el.organizationId);
      expect(new URL(location.href).searchParams.get('rl-org')).to.equal(h.el.organizationId);
      await waitUntil(() => root(view(h)!).activeElement?.id === 'name', 'focus not on the name');

      history.back();
      await waitUntil(() => !view(h) && rows(h).length > 0, 'back did not close the view');
      expect(pushedFor()).to.equal(null);
      expect(h.el.query).to.equal('合唱');
      expect(new URL(location.href).searchParams.has('rl-org')).to.equal(false);
      await waitUntil(() => root(results(h)!).activeElement?.textContent?.trim() === name, 'focus not back on the row');

      history.forward();
      await waitUntil(() => view(h), 'forward did not reopen the view');
    });

    it('the back button inside the view goes back in history when the view pushed the entry', async () => {
      const h = await mount({ history: true });
      await searched(h);
      history.replaceState(null, '', location.href);
      rows(h)[0]!.querySelector<HTMLAnchorElement>('a.name')!.click();
      await waitUntil(() => view(h) && root(view(h)!).querySelector('#name'), 'view not shown');
      expect(pushedFor()).to.equal(h.el.organizationId);
      root(view(h)!).querySelector<HTMLButtonElement>('.back')!.click();
      await waitUntil(() => !view(h), 'view not closed');
      // went back to the entry before, rather than pushing one more
      expect(pushedFor()).to.equal(null);
      expect(new URL(location.href).searchParams.has('rl-org')).to.equal(false);
    });

    it('a link straight to an organization opens it, and its back button returns to the list', async () => {
      const org = streetDataset().organizations[3]!;
      const url = new URL(location.href);
      url.searchParams.set('rl-org', org.id);
      history.replaceState(null, '', url);
      const h = await mount({ history: true });
      await waitUntil(() => view(h) && root(view(h)!).querySelector('#name'), 'view not shown');
      expect(text(root(view(h)!).querySelector('#name'))).to.equal(org.name);
      root(view(h)!).querySelector<HTMLButtonElement>('.back')!.click();
      await searched(h);
      expect(new URL(location.href).searchParams.has('rl-org')).to.equal(false);
    });

    it('leaves the URL alone with no-history', async () => {
      const before = location.href;
      const h = await mount();
      await searched(h);
      await typeQuery(h, '养老');
      rows(h)[0]!.querySelector<HTMLAnchorElement>('a.name')!.click();
      await waitUntil(() => view(h), 'view not shown');
      await new Promise((r) => setTimeout(r, 400));
      expect(location.href).to.equal(before);
    });
  });

  describe('organization view', () => {
    const data = streetDataset();
    const org = data.organizations.find((o) => o.contact.person && o.contact.phone && offersOf(data, o).length >= 2)!;

    async function opened(): Promise<{ h: Harness; v: RlOrgView }> {
      const h = await mount({ organizationId: org.id });
      await waitUntil(() => view(h) && root(view(h)!).querySelector('#name'), 'view not shown');
      return { h, v: view(h)! };
    }

    it('shows profile, registration, areas, offers and public contact, with the person masked', async () => {
      const { v } = await opened();
      const t = text(v);
      expect(t).to.contain(org.name);
      // a mobile shows as 138 1234 5678, and dials as given
      const phone = root(v).querySelector<HTMLAnchorElement>('a.phone')!;
      expect(phone.textContent.replace(/\s/gu, '')).to.equal(org.contact.phone!.replace(/\s/gu, ''));
      expect(t).to.contain(org.contact.person[0]!);
      expect(t).not.to.contain(org.contact.person);
      expect(t).to.match(/街道备案|民政登记|未登记/u);
      expect(t).to.contain('华阳路街道');
      expect(phone.href).to.equal(`tel:${org.contact.phone!.replace(/[^\d+]/gu, '')}`);
      expect(root(v).querySelectorAll('rl-project-card').length).to.equal(offersOf(data, org).length);
      const heading = root(v).querySelector('#name')!;
      expect(heading.getAttribute('role')).to.equal('heading');
      expect(heading.getAttribute('aria-level')).to.equal('2');
    });

    it('booking an offer fires rl-claim-request out of the directory', async () => {
      const { h, v } = await opened();
      const bookable = offersOf(data, org).find((o) => o.status === 'open' && capacityLeft(o) > 0);
      if (!bookable) return;
      const card = [...root(v).querySelectorAll<RlProjectCard>('rl-project-card')].find((c) => c.offer?.id === bookable.id)!;
      await waitUntil(() => card.shadowRoot?.querySelector('[part~="button"]'), 'card not rendered');
      setTimeout(() => card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!.click());
      const event = await oneEvent(h.el.parentElement!, 'rl-claim-request');
      expect(event).to.be.instanceOf(RlClaimRequestEvent);
      expect(event.detail).to.deep.include({ direction: 'offer-booking', offerId: bookable.id, organizationId: org.id });
    });

    it('says plainly when the organization is not in the directory', async () => {
      const h = await mount({ organizationId: 'org-missing' });
      await waitUntil(() => view(h) && root(view(h)!).querySelector('[role="alert"]'), 'no message');
      expect(text(view(h))).to.contain('没有找到这个组织');
    });
  });

  describe('keyboard in the result list', () => {
    it('↓ ↑ Home End PageDown move one tab stop through the rows; Enter opens', async () => {
      const h = await mount();
      await searched(h);
      const list = results(h)!;
      const focused = (): string => root(list).activeElement?.closest('li')?.dataset['index'] ?? '';
      const tabStops = (): number => root(list).querySelectorAll('a.name[tabindex="0"]').length;
      expect(tabStops()).to.equal(1);
      rows(h)[0]!.querySelector<HTMLAnchorElement>('a.name')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => focused() === '1');
      await sendKeys({ press: 'ArrowUp' });
      await waitUntil(() => focused() === '0');
      await sendKeys({ press: 'End' });
      await waitUntil(() => focused() === '59', 'End did not reach the last row');
      await sendKeys({ press: 'Home' });
      await waitUntil(() => focused() === '0', 'Home did not return');
      await sendKeys({ press: 'PageDown' });
      await waitUntil(() => Number(focused()) > 1, 'PageDown did not move');
      await list.updateComplete;
      expect(tabStops()).to.equal(1);
      const name = root(list).activeElement!.textContent.trim();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => view(h) && root(view(h)!).querySelector('#name'), 'Enter did not open');
      expect(text(root(view(h)!).querySelector('#name'))).to.equal(name);
    });

    it('an off-screen list is itself a Tab stop until its rows render, then hands it to a row', async () => {
      const spacer = document.createElement('div');
      spacer.style.blockSize = '3000px';
      document.body.prepend(spacer);
      try {
        const h = await mount();
        await waitUntil(() => current(h), 'no results');
        const list = root(results(h)!).querySelector('ul')!;
        await results(h)!.updateComplete;
        expect(rows(h).length).to.equal(0);
        expect(list.getAttribute('tabindex')).to.equal('0');
        list.scrollIntoView();
        await waitUntil(() => rows(h).length > 0, 'rows not rendered on screen');
        await waitUntil(() => list.getAttribute('tabindex') === '-1', 'the list kept the Tab stop');
        expect(root(results(h)!).querySelectorAll('a.name[tabindex="0"]').length).to.equal(1);
      } finally {
        spacer.remove();
      }
    });

    it('reaches the list from the search box with Tab', async () => {
      const h = await mount({ width: 1000 });
      await searched(h);
      input(h).focus();
      let reached = false;
      for (let i = 0; i < 80 && !reached; i++) {
        await sendKeys({ press: 'Tab' });
        reached = root(results(h)!).activeElement !== null;
      }
      expect(reached).to.equal(true);
    });
  });

  describe('untrusted text', () => {
    it('shows markup and script in names, descriptions, tags and offers as text', async () => {
      const base = streetDataset();
      const organizations = base.organizations.slice(0, XSS_CORPUS.length).map((o, i) => ({
        ...o,
        name: `养老 ${XSS_CORPUS[i]!}`,
        description: `养老 ${XSS_CORPUS[i]!}`,
        tags: [XSS_CORPUS[i]!.slice(0, 20)],
        contact: { ...o.contact, address: XSS_CORPUS[i]!.slice(0, 120) },
      }));
      const ids = new Set(organizations.map((o) => o.id));
      const offers = base.offers.filter((o) => ids.has(o.organizationId)).map((o, i) => ({ ...o, title: XSS_CORPUS[i % XSS_CORPUS.length]!.slice(0, 60) }));
      const h = await mount({ adapter: createMemoryAdapter({ ...base, organizations, offers }) });
      await searched(h);
      await typeQuery(h, '养老');
      const names = rowNames(h);
      for (const bad of XSS_CORPUS.slice(0, 5)) expect(names).to.include(`养老 ${bad}`);
      const list = results(h)!;
      expect(root(list).querySelector('img, script, svg:not([aria-hidden]), b')).to.equal(null);
      rows(h)[0]!.querySelector<HTMLAnchorElement>('a.name')!.click();
      await waitUntil(() => view(h) && root(view(h)!).querySelector('#name'), 'view not shown');
      expect(root(view(h)!).querySelector('img, script')).to.equal(null);
      expect((window as { __xss?: number }).__xss).to.equal(undefined);
    });
  });

  describe('at city scale', () => {
    it('keeps a few dozen rows in the DOM for 35,000 organizations, and End reaches the last', async function () {
      this.timeout(120000);
      const { generateDataset } = await import('@renling/mocks');
      const city = generateDataset({ seed: 20261101, organizations: 35000 });
      const h = await mount();
      h.el.workerUrl = new URL('/packages/core/src/search/search.worker.ts', location.origin).href;
      h.el.adapter = createMemoryAdapter(city);
      await waitUntil(() => h.completed.at(-1)?.total === 35000, 'city not loaded', { timeout: 90000 });
      await waitUntil(() => rows(h).length > 0, 'no rows');
      expect(h.el.indexMode).to.equal('worker');
      const list = results(h)!;
      const inDom = (): number => root(list).querySelectorAll('li[data-index]').length;
      expect(inDom()).to.be.within(1, 80);
      expect(rows(h)[0]!.getAttribute('aria-setsize')).to.equal('35000');
      rows(h)[0]!.querySelector<HTMLAnchorElement>('a.name')!.focus();
      await sendKeys({ press: 'End' });
      await waitUntil(() => root(list).activeElement?.closest('li')?.dataset['index'] === '34999', 'End did not reach row 35,000', {
        timeout: 10000,
      });
      expect(inDom()).to.be.within(1, 80);
      const found = await typeQuery(h, '养老');
      expect(found.total).to.be.greaterThan(100);
      expect(inDom()).to.be.within(1, 80);
      // the list after a longer one holds exactly its own rows
      await list.updateComplete;
      expect(rows(h)[0]!.getAttribute('aria-setsize')).to.equal(String(found.total));
      const indexes = [...root(list).querySelectorAll<HTMLElement>('li[data-index]')].map((li) => Number(li.dataset['index']));
      expect(Math.max(...indexes)).to.be.below(found.total);
    });
  });
});
