import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  AdapterError,
  capacityLeft,
  categoryLabel,
  governmentAffairIn,
  isAbortError,
  type DataAdapter,
  type Locale,
  type Organization,
  type SearchResult,
  type SearchSort,
} from '@renling/core';
import { watchAdapterEvent } from '../../base/adapter-events.js';
import { rlElement } from '../../base/define.js';
import { formatNumber } from '../../base/format.js';
import { audienceLabel, organizationTypeLabel, registrationLabel } from '../../base/labels.js';
import { RlElement } from '../../base/rl-element.js';
import { ServicesController } from '../../controllers/services-controller.js';
import { UrlStateController } from '../../controllers/url-state.js';
import { currentLocale } from '../../localization/localization.js';
import {
  EMPTY_FILTERS,
  MAX_QUERY_LENGTH,
  SORTS,
  activeFilters,
  sameFilters,
  stateFromParams,
  stateToParams,
  toSearchFilters,
  withoutFilter,
  type ActiveFilter,
  type DirectoryFilters,
  type DirectoryState,
} from './directory-state.js';
import { RESULT_PAGE, ResultWindow, loadDirectory, type DirectoryData, type LoadProgress } from './directory-data.js';
import { RlSearchCompletedEvent } from './org-directory.events.js';
import { messageBoxStyles, noticeStyles } from '../../styles/states.js';
import { orgDirectoryStyles } from './org-directory.styles.js';
import type { RlOrgFilters } from './org-filters.js';
import type { ResultSelectDetail, RlOrgResults, RowDetails } from './org-results.js';
import type { RlOrgView } from './org-view.js';
import type { RlSearchCombobox } from './search-combobox.js';
import './org-filters.js';
import './org-results.js';
import './org-view.js';
import './search-combobox.js';

const SUGGESTIONS = 8;
/** Typing pause, in ms, after which suggestions are asked for. */
const SUGGEST_DELAY = 150;
/** Screen readers hear the count once typing pauses, not at every letter. */
const ANNOUNCE_DELAY = 700;

interface ShownResults {
  window: ResultWindow;
  query: string;
  filters: DirectoryFilters;
  sort: SearchSort;
  /** The language category matches were named in. */
  locale: Locale;
}

/**
 * @tagname rl-org-directory
 * @summary The directory of social organizations (社会组织名录): search by
 * Chinese, pinyin or initials with suggestions, filter and sort, scroll the
 * whole city's list, and open an organization to see its profile and book
 * its services.
 *
 * Data comes from the surrounding `<rl-provider>`, or used alone from its
 * own `adapter`, `api` or `src` (as the provider would build them, with the
 * read cache): every organization and offer is read through the
 * adapter's pages and indexed in the browser, in a Web Worker above
 * `worker-threshold` organizations, then searched in the page, so the
 * results of a typed letter are in the next frame. The query, filters, sort and open
 * organization live in the page URL under `url-prefix`, so a search can be
 * linked and the back button closes an organization.
 *
 * @event {RlSearchCompletedEvent} rl-search-completed - Results for a search are shown; `detail` has the query, filters, sort and total.
 * @event {RlClaimRequestEvent} rl-claim-request - A "book this service" button of an offer was pressed (from the `<rl-project-card>` inside).
 *
 * @csspart base - The directory's outer box.
 * @csspart search - The search box (`<rl-search-combobox>`).
 * @csspart toolbar - Filter toggle, sort and count.
 * @csspart filters - The filter panel.
 * @csspart chips - The active filters, each with a remove button.
 * @csspart results - The result list (`<rl-org-results>`).
 * @csspart view - The organization view (`<rl-org-view>`).
 * @csspart message - Loading, empty, error and offline messages.
 * @csspart button - Buttons of the messages and the toolbar.
 *
 * @cssproperty --rl-org-directory-list-height - Height of the scrolling result list (default `min(70vh, 720px)`).
 * @cssproperty --rl-color-surface - Backgrounds.
 * @cssproperty --rl-color-surface-muted - Skeletons, hovered rows.
 * @cssproperty --rl-color-text - Text.
 * @cssproperty --rl-color-text-muted - Secondary text.
 * @cssproperty --rl-color-border - Borders.
 * @cssproperty --rl-color-primary - Buttons and accents.
 * @cssproperty --rl-color-on-primary - Text on primary buttons.
 * @cssproperty --rl-color-badge - Rating badges and highlighted matches.
 * @cssproperty --rl-color-badge-text - Their text.
 * @cssproperty --rl-color-danger - Errors.
 * @cssproperty --rl-color-warning - The offline notice.
 * @cssproperty --rl-color-focus - Focus ring.
 * @cssproperty --rl-font-size - Base text size (px); everything scales from it.
 * @cssproperty --rl-target-size - Minimum height of buttons, rows and fields.
 */
@rlElement('rl-org-directory')
export class RlOrgDirectory extends RlElement {
  static override styles = [RlElement.styles, messageBoxStyles, noticeStyles, orgDirectoryStyles];

  /** The search text. */
  @property() query = '';

  /** The active filters; replaced, never mutated. */
  @property({ attribute: false }) filters: DirectoryFilters = EMPTY_FILTERS;

  /** `relevance`, `rating`, `name` (pinyin order) or `updated`. */
  @property() sort: SearchSort = 'relevance';

  /** The organization open in the detail view. */
  @property({ attribute: 'organization-id' }) organizationId: string | null = null;

  /** Prefix of the URL query parameters (`rl-q`, `rl-cat`, `rl-org`…). */
  @property({ attribute: 'url-prefix' }) urlPrefix = 'rl-';

  /** Leave the page URL alone (e.g. several directories on one page). */
  @property({ type: Boolean, attribute: 'no-history' }) noHistory = false;

  /** Build the index in a Web Worker above this many organizations (it is searched in the page either way). */
  @property({ type: Number, attribute: 'worker-threshold' }) workerThreshold = 2000;

  /**
   * Where the search worker module is served, when not beside the kit's code
   * (a CDN, a strict CSP). If it cannot load, the index is built in the page.
   */
  @property({ attribute: 'worker-url' }) workerUrl: string | null = null;

  /** The heading level of an open organization's name. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** An adapter for a directory used without `<rl-provider>`; overrides `api` and `src`. */
  @property({ attribute: false }) adapter: DataAdapter | null = null;

  /** Base URL of a server speaking the REST contract, for a directory used without `<rl-provider>`. */
  @property() api: string | undefined;

  /** URL of a static JSON dataset, for a directory used without `<rl-provider>`. */
  @property() src: string | undefined;

  /** The IndexedDB database (read cache) of a directory used alone. */
  @property({ attribute: 'storage-name' }) storageName = 'renling';

  /** The provider's services, or a chain of its own from `adapter`, `api` or `src`. */
  private readonly servicesController = new ServicesController(this);

  @state() private progress: LoadProgress = { organizations: 0, total: null };
  @state() private shown: ShownResults | null = null;
  @state() private version = 0;
  @state() private suggestions: readonly string[] = [];
  @state() private offline = false;
  @state() private filtersOpen = false;
  @state() private announcement = '';

  @query('rl-org-results') private resultsEl!: RlOrgResults | null;
  @query('rl-org-view') private viewEl!: RlOrgView | null;
  @query('rl-search-combobox') private searchEl!: RlSearchCombobox | null;

  private searching = false;
  private searchDue = false;
  private suggestSeq = 0;
  private suggestTimer: ReturnType<typeof setTimeout> | undefined;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The row that opened the organization view, to return to. */
  private openedFrom: number | null = null;
  private focusAfterRender: 'view' | 'results' | null = null;
  private watchedEvents: EventTarget | null = null;
  private indexData: DirectoryData | null = null;
  /** The language the index names categories in. */
  private searchLocale: Locale = 'zh-CN';
  /** The search last started, so re-renders while it runs do not start it again. */
  private requested: (Omit<ShownResults, 'window'> & { data: DirectoryData }) | null = null;

  private readonly url = new UrlStateController(this, {
    prefix: () => this.urlPrefix,
    enabled: () => !this.noHistory,
    onNavigate: (values) => this.applyState(stateFromParams(values), true),
  });

  private readonly data = new Task(this, {
    args: () => [this.servicesController.services?.adapter ?? null, this.workerThreshold, this.workerUrl] as const,
    task: async ([adapter, workerThreshold, workerUrl], { signal }) => {
      this.offline = false;
      this.progress = { organizations: 0, total: null };
      this.watchCache(adapter);
      if (!adapter) return null;
      const locale = currentLocale();
      const data = await loadDirectory(adapter, {
        signal,
        workerThreshold,
        workerUrl,
        locale,
        onProgress: (progress) => (this.progress = progress),
      });
      this.searchLocale = locale;
      this.indexData?.search.dispose();
      this.indexData = data;
      this.shown = null;
      return data;
    },
  });

  /** Where the loaded index was built (`main` or `worker`; it answers in the page); null before it is built. */
  get indexMode(): 'main' | 'worker' | null {
    return this.indexData?.search.mode ?? null;
  }

  /** Loads the directory again (after an error, or offline). */
  reload = (): void => {
    void this.data.run();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    const fromUrl = this.url.read();
    if (fromUrl.size) this.applyState(stateFromParams(fromUrl), false);
    // reconnected after a move: the index was let go on disconnect
    if (this.hasUpdated && !this.indexData) this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
    clearTimeout(this.suggestTimer);
    this.watchCache(null);
    this.indexData?.search.dispose();
    this.indexData = null;
  }

  private get state(): DirectoryState {
    return { query: this.query, filters: this.filters, sort: this.sort, organization: this.organizationId };
  }

  /** Takes a state from the URL (on load, or back/forward). */
  private applyState(next: DirectoryState, navigated: boolean): void {
    const wasOpen = this.organizationId;
    this.query = next.query;
    if (!sameFilters(next.filters, this.filters)) this.filters = next.filters;
    this.sort = next.sort;
    this.organizationId = next.organization;
    if (!navigated) return;
    // back from an organization: return to the row it was opened from
    if (wasOpen && !next.organization && this.focusWasInside()) this.focusAfterRender = 'results';
    if (!wasOpen && next.organization) this.focusAfterRender = 'view';
  }

  private focusWasInside(): boolean {
    const active = document.activeElement;
    return active === this || active === document.body || active === null || this.contains(active);
  }

  /** The cache's `offline` event: a saved answer stood in for the network. */
  private watchCache(adapter: DataAdapter | null): void {
    this.watchedEvents = watchAdapterEvent(this.watchedEvents, adapter, 'offline', this.onOffline);
  }

  private readonly onOffline = (): void => {
    this.offline = true;
  };

  protected override updated(changed: PropertyValues<this>): void {
    const data = this.data.value ?? null;
    const locale = currentLocale();
    if (data && data === this.indexData && locale !== this.searchLocale) {
      // the page's language changed: category matches and suggestions are named in the new one
      this.searchLocale = locale;
      void data.search.setLocale(locale).catch(() => undefined);
      this.scheduleSuggestions();
    }
    if (data && (changed.has('query') || changed.has('filters') || changed.has('sort') || this.requested?.data !== data || this.requested.locale !== locale)) {
      this.runSearch(data);
    }
    if (this.focusAfterRender === 'view' && this.viewEl) {
      this.focusAfterRender = null;
      this.viewEl.focusHeading();
    } else if (this.focusAfterRender === 'results' && this.resultsEl) {
      this.focusAfterRender = null;
      this.resultsEl.focusRow(this.openedFrom ?? 0);
    }
  }

  /**
   * Asks the index for the first page of the current search. One request at
   * a time, latest first: while one runs, further changes only mark that
   * another is due, so a fast typist (or a slow phone) never waits behind a
   * queue of searches for letters already typed over.
   */
  private runSearch(data: DirectoryData): void {
    const { query, filters, sort, searchLocale: locale } = this;
    const asked = this.requested;
    if (asked && asked.data === data && asked.query === query && asked.sort === sort && asked.locale === locale && sameFilters(asked.filters, filters)) return;
    if (this.searching) {
      this.searchDue = true;
      return;
    }
    this.requested = { data, query, filters, sort, locale };
    this.searching = true;
    const shown = this.shown;
    const started = performance.now();
    const options = { filters: toSearchFilters(filters), sort };
    const fetchPage = (offset: number) => data.search.search(query, { ...options, limit: RESULT_PAGE, offset });
    const isCurrent = (): boolean =>
      data === this.indexData && query === this.query && sort === this.sort && locale === this.searchLocale && sameFilters(filters, this.filters);
    const next = (): void => {
      this.searching = false;
      const due = this.searchDue;
      this.searchDue = false;
      if (due && this.indexData) this.runSearch(this.indexData);
    };
    const show = async (result: SearchResult): Promise<void> => {
      const searchMs = performance.now() - started;
      next();
      // superseded: the search now running will show its own results
      if (!isCurrent()) return;
      const window = new ResultWindow(result, fetchPage, () => {
        if (this.shown?.window === window) this.version++;
      });
      const sameList = shown !== null && shown.query === query && shown.sort === sort && sameFilters(shown.filters, filters);
      this.shown = { window, query, filters, sort, locale };
      this.version++;
      if (!sameList) this.resultsEl?.reset();
      this.scheduleAnnouncement(window);
      this.scheduleSuggestions();
      await this.updateComplete;
      await this.resultsEl?.updateComplete;
      if (this.shown?.window !== window) return;
      this.dispatchEvent(
        new RlSearchCompletedEvent({ query, filters: options.filters, sort, total: result.total, partial: window.partial, corrected: window.corrected, searchMs }),
      );
    };
    const fail = (error: unknown): void => {
      next();
      if (!isAbortError(error) && isCurrent()) console.error('[renling] search failed', error);
    };
    if (data.search.searchNow) {
      // answered here and now: the results go into the same render as the typed letter
      let result: SearchResult;
      try {
        result = data.search.searchNow(query, { ...options, limit: RESULT_PAGE, offset: 0 });
      } catch (error) {
        fail(error);
        return;
      }
      void show(result);
    } else fetchPage(0).then(show, fail);
  }

  /**
   * Suggestions follow the results, once typing pauses: asked for with every
   * letter, they would hold up the index while the next letter's results
   * wait (the index answers one request at a time).
   */
  private scheduleSuggestions(): void {
    clearTimeout(this.suggestTimer);
    const seq = ++this.suggestSeq;
    const q = this.query.trim();
    if (!q) {
      this.suggestions = [];
      return;
    }
    this.suggestTimer = setTimeout(() => {
      const data = this.indexData;
      if (!data || this.searching) return;
      data.search.suggest(q, SUGGESTIONS).then(
        (list) => {
          if (seq === this.suggestSeq && q === this.query.trim()) this.suggestions = list.filter((s) => s !== q);
        },
        () => undefined,
      );
    }, SUGGEST_DELAY);
  }

  private scheduleAnnouncement({ total, partial, corrected }: ResultWindow): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const n = formatNumber(total, currentLocale());
      this.announcement =
        total === 0
          ? msg('没有找到符合条件的组织', { id: 'directory.none-found' })
          : corrected !== null
            ? msg(str`没有找到输入的内容，按“${corrected}”找到 ${n} 家组织`, { id: 'directory.found-corrected' })
            : partial
              ? msg(str`没有同时符合所有字词的组织，找到 ${n} 家符合其中部分字词的组织`, { id: 'directory.found-partial' })
              : msg(str`找到 ${n} 家组织`, { id: 'directory.found' });
    }, ANNOUNCE_DELAY);
  }

  // ---------------------------------------------------------------- changes

  private writeUrl(mode: 'typing' | 'now'): void {
    this.url.replace(stateToParams(this.state), { now: mode === 'now' });
  }

  private readonly onSearchInput = (event: Event): void => {
    const value = [...(event.currentTarget as RlSearchCombobox).value].slice(0, MAX_QUERY_LENGTH).join('');
    if (value === this.query) return;
    this.query = value;
    // straight to the index, without waiting for the render this change schedules
    if (this.indexData) this.runSearch(this.indexData);
    this.writeUrl('typing');
  };

  private readonly onSearchChange = (): void => {
    this.suggestions = [];
    this.writeUrl('now');
  };

  private setFilters(filters: DirectoryFilters): void {
    if (sameFilters(filters, this.filters)) return;
    this.filters = filters;
    this.writeUrl('now');
  }

  private readonly onFiltersChange = (event: Event): void => {
    this.setFilters((event.currentTarget as RlOrgFilters).filters);
  };

  private readonly onSort = (event: Event): void => {
    const value = (event.currentTarget as HTMLSelectElement).value;
    this.sort = SORTS.find((s) => s === value) ?? 'relevance';
    this.writeUrl('now');
  };

  private readonly clearQuery = (): void => {
    this.query = '';
    this.suggestions = [];
    this.writeUrl('now');
    this.searchEl?.focus();
  };

  private readonly openOrganization = (event: CustomEvent<ResultSelectDetail>): void => {
    this.openedFrom = event.detail.index;
    this.organizationId = event.detail.id;
    this.url.push(stateToParams(this.state), event.detail.id);
    this.focusAfterRender = 'view';
  };

  private readonly closeOrganization = (): void => {
    const id = this.organizationId;
    // the entry this directory pushed for it: going back keeps the history clean
    if (id && !this.noHistory && this.url.entryTag === id) {
      history.back();
      return;
    }
    this.organizationId = null;
    this.writeUrl('now');
    this.focusAfterRender = 'results';
  };

  private hrefFor = (id: string): string => {
    if (this.noHistory) return `#${encodeURIComponent(id)}`;
    const url = new URL(location.href);
    for (const [name, value] of Object.entries(stateToParams({ ...this.state, organization: id }))) {
      if (value) url.searchParams.set(this.urlPrefix + name, value);
      else url.searchParams.delete(this.urlPrefix + name);
    }
    return url.href;
  };

  private readonly placeCache = new Map<string, string>();

  private details = (org: Organization): RowDetails => {
    const data = this.indexData;
    const offers = data?.offersByOrg.get(org.id) ?? [];
    const locale = currentLocale();
    const key = `${locale}:${org.areaCode}`;
    let place = this.placeCache.get(key);
    if (place === undefined) {
      // the last two levels: the district is the same for most rows of a street's site
      const path = data?.areaTree?.path(org.areaCode) ?? [];
      place = path
        .slice(-2)
        .map((a) => (locale === 'en' && a.nameEn ? a.nameEn : a.name))
        .join(locale === 'en' ? ', ' : ' ');
      this.placeCache.set(key, place);
    }
    return {
      place,
      offers: offers.length,
      openOffers: offers.filter((o) => o.status === 'open' && capacityLeft(o) > 0).length,
    };
  };

  // ---------------------------------------------------------------- rendering

  protected override render() {
    return html`<div part="base" class="directory">
      ${this.data.render({
        initial: () => this.renderMessage(msg('没有连接数据来源，无法显示组织名录。', { id: 'directory.no-source' })),
        pending: () => this.renderLoading(),
        error: (error) => this.renderError(error),
        complete: (data) =>
          data ? this.renderDirectory(data) : this.renderMessage(msg('没有连接数据来源，无法显示组织名录。', { id: 'directory.no-source' })),
      })}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </div>`;
  }

  private renderMessage(text: string) {
    return html`<div part="message" class="message">${text}</div>`;
  }

  private renderLoading() {
    const locale = currentLocale();
    const { organizations, total } = this.progress;
    return html`<div class="loading" aria-busy="true">
      <span role="status" class="visually-hidden">${msg('正在载入组织名录…', { id: 'directory.loading' })}</span>
      <div class="skeleton skeleton--search"></div>
      <p part="message" class="progress" aria-hidden="true">
        ${total
          ? msg(str`正在载入组织名录：${formatNumber(organizations, locale)} / ${formatNumber(total, locale)}`, {
              id: 'directory.loading-progress',
            })
          : msg('正在载入组织名录…', { id: 'directory.loading' })}
      </p>
      ${[0, 1, 2, 3].map(
        () => html`<div class="skeleton-row" aria-hidden="true">
          <div class="skeleton skeleton--name"></div>
          <div class="skeleton skeleton--line"></div>
        </div>`,
      )}
    </div>`;
  }

  private renderError(error: unknown) {
    const locale = currentLocale();
    const text =
      error instanceof AdapterError ? error.userMessage(locale) : msg('组织名录加载失败，请检查网络后重试。', { id: 'directory.error' });
    const storage = this.servicesController.services?.storageState ?? 'ok';
    return html`<div part="message" class="message error" role="alert">
      <p>${text}</p>
      ${storage !== 'ok'
        ? html`<p class="note">
            ${msg('这个浏览器现在无法保存数据，没有网络时看不到名录。', { id: 'directory.no-storage' })}
          </p>`
        : nothing}
      <button part="button" class="button" type="button" @click=${this.reload}>${msg('重试', { id: 'card.retry' })}</button>
    </div>`;
  }

  private renderDirectory(data: DirectoryData) {
    if (this.organizationId) {
      const org = data.byId.get(this.organizationId) ?? null;
      return html`<rl-org-view
        part="view"
        organization-id=${this.organizationId}
        .organization=${org}
        .offers=${org ? (data.offersByOrg.get(org.id) ?? []) : null}
        .areaTree=${data.areaTree}
        .adapter=${this.servicesController.services?.adapter ?? null}
        heading-level=${this.headingLevel}
        @close=${this.closeOrganization}
      ></rl-org-view>`;
    }
    const locale = currentLocale();
    const active = activeFilters(this.filters);
    const shown = this.shown;
    return html`${this.offline ? this.renderOffline() : nothing}
      <rl-search-combobox
        part="search"
        class="search"
        .value=${this.query}
        .suggestions=${this.suggestions}
        label=${msg('搜索社会组织和服务', { id: 'directory.search-label' })}
        placeholder=${msg('例如：养老、yanglao', { id: 'directory.search-placeholder' })}
        hint=${msg('可以输入汉字、拼音或拼音首字母', { id: 'directory.search-hint' })}
        @input=${this.onSearchInput}
        @change=${this.onSearchChange}
      ></rl-search-combobox>
      <div part="toolbar" class="toolbar">
        <button
          part="button"
          class="button filters-toggle"
          type="button"
          aria-expanded=${this.filtersOpen ? 'true' : 'false'}
          aria-controls="filters-panel"
          @click=${() => (this.filtersOpen = !this.filtersOpen)}
        >
          ${active.length
            ? msg(str`筛选（已选 ${active.length} 项）`, { id: 'directory.filters-count' })
            : msg('筛选', { id: 'directory.filters' })}
          <span class="caret" aria-hidden="true">▾</span>
        </button>
        <label class="sort">
          <span>${msg('排序', { id: 'directory.sort' })}</span>
          <select @change=${this.onSort}>
            ${SORTS.map((s) => html`<option value=${s} ?selected=${s === this.sort}>${sortLabel(s)}</option>`)}
          </select>
        </label>
        <p class="count">
          ${shown
            ? msg(str`共 ${formatNumber(shown.window.total, locale)} 家`, { id: 'directory.count' })
            : msg('正在搜索…', { id: 'directory.searching' })}
        </p>
      </div>
      ${active.length ? this.renderChips(active, data) : nothing}
      <div class="body">
        <section
          id="filters-panel"
          part="filters"
          class="filters ${this.filtersOpen ? 'filters--open' : ''}"
          aria-label=${msg('筛选条件', { id: 'directory.filters-label' })}
        >
          <rl-org-filters .filters=${this.filters} .areaTree=${data.areaTree} @change=${this.onFiltersChange}></rl-org-filters>
          ${active.length
            ? html`<button part="button" class="button clear-all" type="button" @click=${() => this.setFilters(EMPTY_FILTERS)}>
                ${msg('清除全部筛选', { id: 'directory.clear-filters' })}
              </button>`
            : nothing}
          <button part="button" class="button button--primary show-results" type="button" @click=${this.showResults}>
            ${shown
              ? msg(str`查看 ${formatNumber(shown.window.total, locale)} 个结果`, { id: 'directory.show-results' })
              : msg('查看结果', { id: 'directory.show-results-plain' })}
          </button>
        </section>
        <div class="results">${shown ? this.renderResults(shown, active) : nothing}</div>
      </div>`;
  }

  private renderOffline() {
    return html`<div part="message" class="notice" role="status">
      <p>${msg('网络连接不上，下面是之前保存的名录，可能不是最新的。', { id: 'directory.offline' })}</p>
      <button part="button" class="button" type="button" @click=${this.reload}>${msg('重新加载', { id: 'directory.reload' })}</button>
    </div>`;
  }

  private renderResults(shown: ShownResults, active: ActiveFilter[]) {
    if (shown.window.total === 0) return this.renderEmpty(shown, active);
    const { partial, corrected } = shown.window;
    // results for something other than exactly what was typed say so above the list
    const note =
      corrected !== null
        ? msg(str`没有找到“${shown.query.trim()}”，下面是按“${corrected}”找到的组织。`, { id: 'directory.corrected' })
        : partial
          ? msg('没有同时符合所有字词的组织，下面是符合其中部分字词的，标出的是符合的字词。', { id: 'directory.partial' })
          : null;
    return html`${note !== null
        ? html`<div part="message" class="notice partial">
            <p>${note}</p>
          </div>`
        : nothing}<rl-org-results
      part="results"
      .source=${shown.window}
      .version=${this.version}
      .details=${this.details}
      .hrefFor=${this.hrefFor}
      label=${msg('搜索结果', { id: 'directory.results-label' })}
      @select=${this.openOrganization}
    ></rl-org-results>`;
  }

  private renderEmpty(shown: ShownResults, active: ActiveFilter[]) {
    const data = this.indexData;
    // 医保, 户口…: no organization does these; say where they are done rather than only "other words"
    const affair = governmentAffairIn(shown.query);
    return html`<div part="message" class="message empty">
      <p class="empty-title">${msg('没有找到符合条件的组织', { id: 'directory.none-found' })}</p>
      ${active.length
        ? html`<p>${msg('试试去掉一个筛选条件：', { id: 'directory.empty-drop-filter' })}</p>
            <div class="chips">
              ${active.map(
                (f) => html`<button part="button" class="button" type="button" @click=${() => this.setFilters(withoutFilter(this.filters, f))}>
                  ${msg(str`去掉「${this.filterLabel(f, data)}」`, { id: 'directory.drop-filter' })}
                </button>`,
              )}
              ${active.length > 1
                ? html`<button part="button" class="button" type="button" @click=${() => this.setFilters(EMPTY_FILTERS)}>
                    ${msg('清除全部筛选', { id: 'directory.clear-filters' })}
                  </button>`
                : nothing}
            </div>`
        : nothing}
      ${affair
        ? html`<p class="affair">
            ${msg(str`“${affair}”属于政务事项，社会组织一般不办理：请到街道（乡镇）的政务服务中心办理，或拨打 12345 政务服务便民热线咨询。`, {
              id: 'directory.empty-government',
            })}
          </p>`
        : nothing}
      ${shown.query.trim()
        ? html`<p>${msg('也可以换个说法，或只输入一两个关键字，比如“养老”“法律”。', { id: 'directory.empty-query' })}</p>
            <div class="chips">
              <button part="button" class="button" type="button" @click=${this.clearQuery}>
                ${msg('清除搜索词', { id: 'directory.clear-query' })}
              </button>
            </div>`
        : nothing}
    </div>`;
  }

  private renderChips(active: ActiveFilter[], data: DirectoryData) {
    return html`<ul part="chips" class="chips" aria-label=${msg('已选的筛选条件', { id: 'directory.active-filters' })}>
      ${active.map((f) => {
        const label = this.filterLabel(f, data);
        return html`<li>
          <button
            class="chip"
            type="button"
            aria-label=${msg(str`去掉筛选：${label}`, { id: 'directory.remove-filter' })}
            @click=${() => this.setFilters(withoutFilter(this.filters, f))}
          >
            ${label} <span aria-hidden="true">×</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  private filterLabel(f: ActiveFilter, data: DirectoryData | null): string {
    const locale: Locale = currentLocale();
    switch (f.key) {
      case 'category':
        return categoryLabel(f.value, locale);
      case 'area': {
        const area = data?.areaTree?.get(f.value);
        return area ? (locale === 'en' && area.nameEn ? area.nameEn : area.name) : f.value;
      }
      case 'type':
        return organizationTypeLabel(f.value);
      case 'registration':
        return registrationLabel(f.value);
      case 'minRating':
        return f.value === '5A' ? f.value : msg(str`${f.value} 及以上`, { id: 'org-filters.rating-at-least' });
      case 'audience':
        return audienceLabel(f.value);
      case 'hasCapacity':
        return msg('有空余名额', { id: 'directory.chip-capacity' });
    }
  }

  private readonly showResults = (): void => {
    this.filtersOpen = false;
    this.focusAfterRender = 'results';
    this.openedFrom = 0;
  };
}

function sortLabel(sort: SearchSort): string {
  switch (sort) {
    case 'relevance':
      return msg('最相关', { id: 'directory.sort-relevance' });
    case 'rating':
      return msg('评估等级', { id: 'directory.sort-rating' });
    case 'name':
      return msg('名称（按拼音）', { id: 'directory.sort-name' });
    case 'updated':
      return msg('最近更新', { id: 'directory.sort-updated' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-org-directory': RlOrgDirectory;
  }
}
