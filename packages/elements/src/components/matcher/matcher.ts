import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  AdapterError,
  allocate,
  allocationCsv,
  categoryLabel,
  DEFAULT_MATCH_WEIGHTS,
  gapReport,
  MATCH_PART_NAMES,
  matchReasonText,
  gapReportCsv,
  taxonomy,
  topLevelCode,
  URGENCIES,
  type Actor,
  type Allocation,
  type ClaimDirection,
  type DataAdapter,
  type GapReport,
  type Locale,
  type MatchScore,
  type MatchWeights,
  type NeedReview,
  type PublicNeed,
  type ServiceOffer,
  type Suggestion,
  type Urgency,
} from '@renling/core';
import { actorAttribute, canActAs } from '../../base/actor-attribute.js';
import { watchAdapterEvent } from '../../base/adapter-events.js';
import { rlElement } from '../../base/define.js';
import { formatNumber } from '../../base/format.js';
import { serviceModeLabel } from '../../base/labels.js';
import { RlElement } from '../../base/rl-element.js';
import { ServicesController } from '../../controllers/services-controller.js';
import { UrlStateController } from '../../controllers/url-state.js';
import { RlClaimChangedEvent } from '../../events/claim-changed.js';
import { RlClaimCreatedEvent } from '../../events/claim-created.js';
import { currentLocale } from '../../localization/localization.js';
import { ClaimSender, actionKey, claimRequest, mayRequest, type ActionState } from './matcher-claims.js';
import {
  EMPTY_FILTERS,
  MatcherStore,
  NEED_STATUS_FILTERS,
  OPEN_NEED_STATUSES,
  ageText,
  awaitsReview,
  downloadCsv,
  loadMatcherData,
  sameFilters,
  shanghaiDate,
  type MatcherFilters,
  type StatusFilter,
} from './matcher-data.js';
import { missReasonLabel, needStatusLabel, perPeriodLabel, scoreText, statusFilterLabel, urgencyBadge } from './matcher-labels.js';
import type { ListSelectDetail } from './matcher-list.js';
import { ReviewSender } from './matcher-review.js';
import { noticeStyles } from '../../styles/states.js';
import { matcherStyles } from './matcher.styles.js';
import './matcher-list.js';

/** How many candidates the suggestions panel ranks. */
const SUGGESTIONS = 10;
/** Below this width (px) the desk shows one panel at a time, behind tabs. */
const NARROW = 720;

export const MATCHER_VIEWS = ['desk', 'allocation', 'gaps'] as const;
/** The matching desk, the allocation review, or the gap report. */
export type MatcherView = (typeof MATCHER_VIEWS)[number];

/** The item whose candidates are shown. */
export interface MatcherSelection {
  kind: 'need' | 'offer';
  id: string;
}

type Tab = 'needs' | 'offers' | 'suggestions';
type Decision = 'accept' | 'reject';

interface Suggested {
  selection: MatcherSelection;
  store: MatcherStore;
  list: Suggestion<ServiceOffer>[] | Suggestion<PublicNeed>[];
}

interface Review {
  store: MatcherStore;
  filters: MatcherFilters;
  allocation: Allocation;
  /** Staff's answer per need id; nothing is sent for a pair without `accept`. */
  decisions: Map<string, Decision>;
  sending: boolean;
  /** Pairs handed over in the current send, and how many of them are through. */
  progress: { done: number; total: number } | null;
}

const GAP_LEVELS = [
  { min: 3, tone: 'short-3' },
  { min: 1, tone: 'short-1' },
  { min: 0, tone: 'even' },
  { min: -2, tone: 'spare-1' },
  { min: -Infinity, tone: 'spare-3' },
] as const;
type GapTone = (typeof GAP_LEVELS)[number]['tone'];
const gapTone = (gap: number): GapTone => GAP_LEVELS.find((l) => gap >= l.min)?.tone ?? 'even';

const listSeparator = (locale: Locale): string => (locale === 'en' ? ', ' : '、');

/**
 * @tagname rl-matcher
 * @summary The community staff's matching desk (供需对接): the open needs and
 * the service offers of an area side by side, ranked suggestions with the
 * reasons behind every score, claims in both directions, a whole-list
 * allocation that staff review pair by pair before anything is sent, and
 * the supply–demand gap by category and area, each exportable as CSV.
 * Needs residents submitted are listed too, marked 待核实: staff verify and
 * publish them here (then they are matched) or decline them with a reason.
 *
 * Data comes from the surrounding `<rl-provider>`, or used alone from its
 * own `adapter`, `api` or `src`. It reads the public needs only, never a
 * resident's contact. Claims are requested as the `viewer` (community staff,
 * or an organization for its own offers); without one the desk is read-only.
 * Filters, the chosen item and the view live in the page URL under
 * `url-prefix` unless `no-history` is set.
 *
 * @event {RlClaimCreatedEvent} rl-claim-created - A claim was created through the adapter; `detail.claim` is the pending claim.
 *
 * @csspart base - The desk's outer box.
 * @csspart filters - The filter bar.
 * @csspart toolbar - The view buttons (allocate all, gap report).
 * @csspart tabs - The panel tabs on a narrow screen.
 * @csspart needs - The needs panel.
 * @csspart offers - The offers panel.
 * @csspart suggestions - The suggestions panel.
 * @csspart candidate - One ranked candidate.
 * @csspart review - The review of a submitted need (publish, or decline with a reason).
 * @csspart score - A candidate's score bar.
 * @csspart reason - A reason chip.
 * @csspart allocation - The allocation review.
 * @csspart gaps - The gap report.
 * @csspart heatmap - The category × area grid of the gap report.
 * @csspart message - Loading, empty, error and offline messages.
 * @csspart button - Buttons.
 *
 * @cssproperty --rl-matcher-list-height - Height of the two scrolling lists (default `min(60vh, 560px)`).
 * @cssproperty --rl-color-surface - Backgrounds.
 * @cssproperty --rl-color-surface-muted - Skeletons, selected rows, bar tracks.
 * @cssproperty --rl-color-text - Text.
 * @cssproperty --rl-color-text-muted - Secondary text.
 * @cssproperty --rl-color-border - Borders.
 * @cssproperty --rl-color-primary - Buttons, score bars, the selected row's edge.
 * @cssproperty --rl-color-on-primary - Text on primary buttons.
 * @cssproperty --rl-color-success - Free places, accepted pairs, surplus cells.
 * @cssproperty --rl-color-warning - Pending claims, the offline notice.
 * @cssproperty --rl-color-danger - Errors, full offers, shortage cells.
 * @cssproperty --rl-color-focus - Focus ring.
 * @cssproperty --rl-font-size - Base text size (px); everything scales from it.
 * @cssproperty --rl-target-size - Minimum height of buttons, rows and fields.
 */
@rlElement('rl-matcher')
export class RlMatcher extends RlElement {
  static override styles = [RlElement.styles, noticeStyles, matcherStyles];

  /** The staff's street or community code; needs and offers are read for it. All areas when absent. */
  @property() area: string | null = null;

  /** The active filters; replaced, never mutated. */
  @property({ attribute: false }) filters: MatcherFilters = EMPTY_FILTERS;

  /** The need or offer whose candidates are shown. */
  @property({ attribute: false }) selected: MatcherSelection | null = null;

  /** `desk`, `allocation` (review of a whole-list allocation) or `gaps` (the gap report). */
  @property({ reflect: true }) view: MatcherView = 'desk';

  /** Overrides of the engine's default weights; each a number ≥ 0. */
  @property({ attribute: false }) weights: Partial<MatchWeights> | null = null;

  /**
   * Who requests the claims, as `role:id` (`staff:sq-01`); overrides the
   * provider's viewer. An adapter that can act as a person acts as this one.
   */
  @property({ converter: actorAttribute }) viewer: Actor | null = null;

  /** The heading level of the panels' titles. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Prefix of the URL query parameters (`rl-match-area`, `rl-match-need`…). */
  @property({ attribute: 'url-prefix' }) urlPrefix = 'rl-match-';

  /** Leave the page URL alone. */
  @property({ type: Boolean, attribute: 'no-history' }) noHistory = false;

  /** An adapter for a desk used without `<rl-provider>`; overrides `api` and `src`. */
  @property({ attribute: false }) adapter: DataAdapter | null = null;

  /** Base URL of a server speaking the REST contract, for a desk used without `<rl-provider>`. */
  @property() api: string | undefined;

  /** URL of a static JSON dataset (read-only: suggestions and reports, no claims). */
  @property() src: string | undefined;

  /** The IndexedDB database (read cache) of a desk used alone. */
  @property({ attribute: 'storage-name' }) storageName = 'renling';

  private readonly servicesController = new ServicesController(this);

  @state() private version = 0;
  @state() private narrow = false;
  @state() private tab: Tab = 'needs';
  @state() private offline = false;
  @state() private announcement = '';
  @state() private review: Review | null = null;
  /** The "不予受理" form of a need under review: its reason as typed, and whether a missing one is pointed out. */
  @state() private closing: { needId: string; reason: string; invalid: boolean } | null = null;

  private suggested: Suggested | null = null;
  private readonly sender = new ClaimSender(() => this.requestUpdate());
  private readonly reviewer = new ReviewSender(() => this.requestUpdate());
  private focusAfterRender: string | null = null;
  private watchedEvents: EventTarget | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private actorAdapter: { base: DataAdapter; viewer: Actor; adapter: DataAdapter } | null = null;
  private gapMemo: { store: MatcherStore; filters: MatcherFilters; version: number; report: GapReport } | null = null;
  private now = new Date();

  private readonly url = new UrlStateController(this, {
    prefix: () => this.urlPrefix,
    enabled: () => !this.noHistory,
    onNavigate: (values) => this.applyUrl(values),
  });

  private readonly data = new Task(this, {
    args: () => [this.servicesController.services?.adapter ?? null, this.area] as const,
    task: async ([adapter, area], { signal }) => {
      this.offline = false;
      this.watchCache(adapter);
      if (!adapter) return null;
      const loaded = await loadMatcherData(adapter, area || null, signal);
      this.now = new Date();
      this.sender.clear();
      this.reviewer.clear();
      this.closing = null;
      this.review = null;
      this.gapMemo = null;
      return new MatcherStore(loaded, this.weights ?? undefined);
    },
  });

  /** Reads the lists again (after an error, offline, or to see others' changes). */
  reload = (): void => {
    void this.data.run();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    const fromUrl = this.url.read();
    if (fromUrl.size) this.applyUrl(fromUrl);
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = entries.at(-1)?.contentRect.width ?? 0;
      if (width > 0 && width < NARROW !== this.narrow) this.narrow = width < NARROW;
    });
    this.resizeObserver.observe(this);
    window.addEventListener(RlClaimChangedEvent.eventName, this.onClaimChanged);
  }

  /**
   * A claim moved on elsewhere on the page (accepted in the claim tracker,
   * withdrawn…): its places and its need's status change, so both are read
   * again and the index follows.
   */
  private readonly onClaimChanged = (event: RlClaimChangedEvent): void => {
    const store = this.store;
    const adapter = this.servicesController.services?.adapter ?? null;
    const { claim } = event.detail;
    if (!store || !adapter || !store.touches(claim)) return;
    store.updateClaim(claim);
    this.version++;
    void this.refresh(store, adapter, claim.needId, claim.offerId);
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(RlClaimChangedEvent.eventName, this.onClaimChanged);
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.watchCache(null);
  }

  // ---------------------------------------------------------------- state

  private get store(): MatcherStore | null {
    return this.data.value ?? null;
  }

  /** Who acts: the element's own viewer, else the provider's. */
  private get actor(): Actor | null {
    return this.viewer ?? this.servicesController.services?.viewer ?? null;
  }

  /** The adapter writes go through, acting as the element's own viewer where it can (the provider does so for its viewer). */
  private get writeAdapter(): DataAdapter | null {
    const base = this.servicesController.services?.adapter ?? null;
    if (!base || !this.viewer || !canActAs(base)) return base;
    const cached = this.actorAdapter;
    if (cached && cached.base === base && cached.viewer === this.viewer) return cached.adapter;
    const adapter = base.withActor(this.viewer) as DataAdapter;
    this.actorAdapter = { base, viewer: this.viewer, adapter };
    return adapter;
  }

  private get maxScore(): number {
    const weights = { ...DEFAULT_MATCH_WEIGHTS, ...(this.weights ?? {}) };
    return MATCH_PART_NAMES.reduce((sum, name) => sum + Math.max(0, weights[name]), 0);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const store = this.store;
    if (changed.has('weights') && store && store.weights !== (this.weights ?? undefined)) {
      store.setWeights(this.weights ?? undefined);
      this.suggested = null;
      this.review = null;
      this.gapMemo = null;
    }
    if (store && this.selected && (this.suggested?.store !== store || !sameSelection(this.suggested.selection, this.selected))) {
      this.suggested = this.suggest(store, this.selected);
    }
    if (!this.selected) this.suggested = null;
    if (store && this.view === 'allocation' && (this.review?.store !== store || !sameFilters(this.review.filters, this.filters))) {
      if (!this.review?.sending) this.review = this.propose(store);
    }
  }

  protected override updated(): void {
    const target = this.focusAfterRender;
    if (!target) return;
    const el = this.renderRoot.querySelector<HTMLElement>(target);
    if (!el) return;
    this.focusAfterRender = null;
    el.focus();
  }

  /** The candidates of the chosen item, ranked once: they keep their order while staff work through them. */
  private suggest(store: MatcherStore, selection: MatcherSelection): Suggested | null {
    if (selection.kind === 'need') {
      const need = store.need(selection.id);
      return need ? { selection, store, list: store.index.suggestOffers(need, SUGGESTIONS) } : null;
    }
    const offer = store.offer(selection.id);
    return offer ? { selection, store, list: store.index.suggestNeeds(store.effective(offer), SUGGESTIONS) } : null;
  }

  private propose(store: MatcherStore): Review {
    const allocation = allocate(store.allocatableNeeds(this.filters), store.allocatableOffers(this.filters), {
      organizations: store.organizations,
      weights: this.weights ?? undefined,
    });
    return { store, filters: this.filters, allocation, decisions: new Map(), sending: false, progress: null };
  }

  private gaps(store: MatcherStore): GapReport {
    const memo = this.gapMemo;
    if (memo && memo.store === store && memo.version === this.version && sameFilters(memo.filters, this.filters)) return memo.report;
    const report = gapReport(store.filterNeeds(this.filters), store.allocatableOffers(this.filters), { areaLevel: store.gapLevel });
    this.gapMemo = { store, filters: this.filters, version: this.version, report };
    return report;
  }

  private watchCache(adapter: DataAdapter | null): void {
    this.watchedEvents = watchAdapterEvent(this.watchedEvents, adapter, 'offline', this.onOffline);
  }

  private readonly onOffline = (): void => {
    this.offline = true;
  };

  // ---------------------------------------------------------------- URL

  private applyUrl(values: Map<string, string>): void {
    const urgency = values.get('urg');
    const status = values.get('status');
    const next: MatcherFilters = {
      area: values.get('area') || null,
      category: values.get('cat') || null,
      urgency: URGENCIES.find((u) => u === urgency) ?? null,
      status: NEED_STATUS_FILTERS.find((s) => s === status) ?? 'all',
    };
    if (!sameFilters(next, this.filters)) this.filters = next;
    const need = values.get('need');
    const offer = values.get('offer');
    this.selected = need ? { kind: 'need', id: need } : offer ? { kind: 'offer', id: offer } : null;
    const view = values.get('view');
    this.view = MATCHER_VIEWS.find((v) => v === view) ?? 'desk';
  }

  private writeUrl(): void {
    const { area, category, urgency, status } = this.filters;
    this.url.replace(
      {
        area,
        cat: category,
        urg: urgency,
        status: status === 'all' ? null : status,
        need: this.selected?.kind === 'need' ? this.selected.id : null,
        offer: this.selected?.kind === 'offer' ? this.selected.id : null,
        view: this.view === 'desk' ? null : this.view,
      },
      { now: true },
    );
  }

  // ---------------------------------------------------------------- actions

  private setFilters(filters: MatcherFilters): void {
    if (sameFilters(filters, this.filters)) return;
    this.filters = filters;
    this.writeUrl();
  }

  private readonly onFilter = (event: Event): void => {
    const select = event.currentTarget as HTMLSelectElement;
    const value = select.value || null;
    const name = select.name as keyof MatcherFilters;
    if (name === 'status') this.setFilters({ ...this.filters, status: (value as StatusFilter | null) ?? 'all' });
    else if (name === 'urgency') this.setFilters({ ...this.filters, urgency: value as Urgency | null });
    else if (name === 'area' || name === 'category') this.setFilters({ ...this.filters, [name]: value });
  };

  private select(kind: MatcherSelection['kind'], id: string): void {
    this.selected = { kind, id };
    this.writeUrl();
    const store = this.store;
    if (!store) return;
    const suggested = this.suggest(store, this.selected);
    this.suggested = suggested;
    const count = suggested?.list.length ?? 0;
    const need = kind === 'need' ? store.need(id) : undefined;
    const title = kind === 'need' ? need?.title : store.offer(id)?.title;
    if (this.closing && this.closing.needId !== id) this.closing = null;
    this.announce(
      need && awaitsReview(need)
        ? msg(str`已选择需求“${need.title}”，这项需求待核实，核实并发布后才会推荐服务`, { id: 'matcher.selected-need-review' })
        : kind === 'need'
          ? msg(str`已选择需求“${title ?? id}”，找到 ${count} 项匹配的服务`, { id: 'matcher.selected-need' })
          : msg(str`已选择服务“${title ?? id}”，找到 ${count} 项匹配的需求`, { id: 'matcher.selected-offer' }),
    );
    if (this.narrow) {
      this.tab = 'suggestions';
      this.focusAfterRender = '#suggestions-heading';
    }
  }

  private readonly onNeedSelect = (event: CustomEvent<ListSelectDetail>): void => this.select('need', event.detail.id);
  private readonly onOfferSelect = (event: CustomEvent<ListSelectDetail>): void => this.select('offer', event.detail.id);

  private announce(text: string): void {
    // the same words twice in a row are still read out
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  private setView(view: MatcherView, focus: string): void {
    this.view = view;
    this.focusAfterRender = focus;
    this.writeUrl();
  }

  private readonly openAllocation = (): void => {
    this.review = null;
    this.setView('allocation', '#allocation-heading');
  };

  private readonly openGaps = (): void => this.setView('gaps', '#gaps-heading');

  private readonly backToDesk = (): void => {
    const from = this.view;
    this.setView('desk', from === 'allocation' ? '#open-allocation' : '#open-gaps');
  };

  /** Sends one claim and brings the desk up to date with its outcome. */
  private async sendClaim(direction: ClaimDirection, need: PublicNeed, offer: ServiceOffer): Promise<ActionState | null> {
    const viewer = this.actor;
    const adapter = this.writeAdapter;
    const store = this.store;
    if (!viewer || !adapter || !store || !mayRequest(viewer, direction, offer)) return null;
    const result = await this.sender.send(actionKey(direction, need.id, offer.id), adapter, claimRequest(direction, need, offer, viewer));
    if (!result || this.store !== store) return result;
    if (result.status === 'done') {
      store.updateClaim(result.claim);
      this.version++;
      this.announce(
        direction === 'need-claim'
          ? msg(str`已代“${this.organizationName(offer)}”认领需求“${need.title}”，等待确认`, { id: 'matcher.claimed-announce' })
          : msg(str`已为居民预约“${offer.title}”，等待机构确认`, { id: 'matcher.booked-announce' }),
      );
      this.dispatchEvent(new RlClaimCreatedEvent({ claim: result.claim }));
    } else if (result.status === 'error' && (result.error.kind === 'conflict' || result.error.kind === 'not-found')) {
      // the offer filled up or the need was taken meanwhile: show it as it is now
      await this.refresh(store, adapter, need.id, offer.id);
    }
    return result;
  }

  private async refresh(store: MatcherStore, adapter: DataAdapter, needId: string | null, offerId: string | null): Promise<void> {
    const [need, offer] = await Promise.all([
      needId ? adapter.getNeed(needId).catch(() => null) : null,
      offerId ? adapter.getOffer(offerId).catch(() => null) : null,
    ]);
    if (this.store !== store) return;
    if (need) store.replaceNeed(need);
    if (offer) store.replaceOffer(offer);
    this.gapMemo = null;
    this.version++;
  }

  /** Community staff and street administrators review needs; anyone else sees the need waiting. */
  private get mayReview(): boolean {
    const viewer = this.actor;
    return viewer?.role === 'staff' || viewer?.role === 'admin';
  }

  private pressReview(need: PublicNeed, review: NeedReview): void {
    if (this.reviewer.state(need.id)?.status === 'running') return;
    void this.sendReview(need, review);
  }

  /**
   * Sends one review and brings the desk up to date: a published need is
   * matched in place (the index follows, its suggestions are shown), a
   * closed one stays listed as closed.
   */
  private async sendReview(need: PublicNeed, review: NeedReview): Promise<void> {
    const adapter = this.writeAdapter;
    const store = this.store;
    if (!this.mayReview || !adapter || !store) return;
    const result = await this.reviewer.send(need.id, adapter, review);
    if (!result || this.store !== store) return;
    if (result.status === 'done') {
      store.replaceNeed(result.need);
      if (this.closing?.needId === need.id) this.closing = null;
      this.gapMemo = null;
      this.version++;
      const shown = this.reshow(store, need.id);
      const count = shown?.list.length ?? 0;
      this.announce(
        result.need.status === 'published'
          ? msg(str`需求“${need.title}”已核实并发布，找到 ${count} 项匹配的服务`, { id: 'matcher.published-announce' })
          : msg(str`已不予受理需求“${need.title}”`, { id: 'matcher.closed-announce' }),
      );
    } else if (result.error.kind === 'conflict' || result.error.kind === 'not-found') {
      // reviewed by someone else meanwhile, or gone: show the need as it is now
      await this.refresh(store, adapter, need.id, null);
      const now = this.store === store ? store.need(need.id) : undefined;
      if (now && !awaitsReview(now)) {
        this.reshow(store, need.id);
        this.announce(result.error.userMessage(currentLocale()));
      }
    }
  }

  /** The suggestions of the chosen need worked out again after its status changed, with focus on their heading. */
  private reshow(store: MatcherStore, needId: string): Suggested | null {
    const selected = this.selected;
    if (selected?.kind !== 'need' || selected.id !== needId) return null;
    this.suggested = this.suggest(store, selected);
    this.focusAfterRender = '#suggestions-heading';
    return this.suggested;
  }

  private openClosing(need: PublicNeed): void {
    if (this.closing?.needId === need.id) {
      this.closing = null;
      return;
    }
    this.closing = { needId: need.id, reason: '', invalid: false };
    this.focusAfterRender = '#review-reason';
  }

  private readonly cancelClosing = (): void => {
    this.closing = null;
    this.focusAfterRender = '#review-close';
  };

  private readonly onReasonInput = (event: Event): void => {
    const closing = this.closing;
    if (!closing) return;
    const reason = (event.currentTarget as HTMLTextAreaElement).value;
    this.closing = { ...closing, reason, invalid: closing.invalid && reason.trim() === '' };
  };

  private submitClosing(event: Event, need: PublicNeed): void {
    event.preventDefault();
    const closing = this.closing;
    if (!closing || closing.needId !== need.id) return;
    const reason = closing.reason.trim();
    if (!reason) {
      this.closing = { ...closing, invalid: true };
      this.focusAfterRender = '#review-reason';
      return;
    }
    this.pressReview(need, { status: 'closed', reason });
  }

  private press(direction: ClaimDirection, need: PublicNeed, offer: ServiceOffer): void {
    if (this.sender.state(actionKey(direction, need.id, offer.id))?.status === 'running') return;
    if (this.review?.sending) return;
    void this.sendClaim(direction, need, offer);
  }

  private decide(needId: string, decision: Decision): void {
    const review = this.review;
    if (!review || review.sending) return;
    const decisions = new Map(review.decisions);
    if (decisions.get(needId) === decision) decisions.delete(needId);
    else decisions.set(needId, decision);
    this.review = { ...review, decisions };
  }

  private readonly acceptAll = (): void => {
    const review = this.review;
    if (!review || review.sending) return;
    this.review = { ...review, decisions: new Map(review.allocation.pairs.map((p) => [p.needId, 'accept' as const])) };
  };

  /** One need claim per accepted pair, one after another, so each result is shown as it comes. */
  private readonly sendAccepted = async (): Promise<void> => {
    const review = this.review;
    const store = this.store;
    if (!review || review.sending || !store) return;
    const pairs = review.allocation.pairs.filter(
      (p) => review.decisions.get(p.needId) === 'accept' && this.sender.state(actionKey('need-claim', p.needId, p.offerId))?.status !== 'done',
    );
    if (!pairs.length) return;
    let current: Review = { ...review, sending: true, progress: { done: 0, total: pairs.length } };
    this.review = current;
    let failed = 0;
    for (const pair of pairs) {
      const need = store.need(pair.needId);
      const offer = store.offer(pair.offerId);
      const result = need && offer ? await this.sendClaim('need-claim', need, offer) : null;
      if (result?.status !== 'done') failed++;
      if (this.review !== current) return;
      current = { ...current, progress: { done: (current.progress?.done ?? 0) + 1, total: pairs.length } };
      this.review = current;
    }
    this.review = { ...current, sending: false };
    const sent = pairs.length - failed;
    this.announce(
      failed
        ? msg(str`已发送 ${sent} 项认领，${failed} 项未成功`, { id: 'matcher.sent-some' })
        : msg(str`已发送 ${sent} 项认领，等待确认`, { id: 'matcher.sent-all' }),
    );
  };

  private readonly exportAllocation = (): void => {
    const review = this.review;
    if (!review) return;
    const { store } = review;
    const locale = currentLocale();
    const text = allocationCsv(
      review.allocation,
      { needs: (id: string) => store.need(id), offers: (id: string) => store.offer(id), organizations: store.organizations },
      locale,
    );
    downloadCsv(text, `${msg('认领-分配方案', { id: 'matcher.allocation-file' })}-${shanghaiDate(new Date())}.csv`);
  };

  private readonly exportGaps = (): void => {
    const store = this.store;
    if (!store) return;
    downloadCsv(gapReportCsv(this.gaps(store), currentLocale(), store.areaTree ?? undefined), `${msg('认领-缺口', { id: 'matcher.gaps-file' })}-${shanghaiDate(new Date())}.csv`);
  };

  private readonly onTabKey = (event: KeyboardEvent): void => {
    const tabs: Tab[] = ['needs', 'offers', 'suggestions'];
    const at = tabs.indexOf(this.tab);
    let next: number;
    switch (event.key) {
      case 'ArrowRight':
        next = (at + 1) % tabs.length;
        break;
      case 'ArrowLeft':
        next = (at + tabs.length - 1) % tabs.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = tabs.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.tab = tabs[next] ?? 'needs';
    this.focusAfterRender = `#tab-${this.tab}`;
  };

  private organizationName(offer: ServiceOffer): string {
    return this.store?.organizations.get(offer.organizationId)?.name ?? offer.organizationId;
  }

  // ---------------------------------------------------------------- rendering

  private heading(id: string, text: string | TemplateResult, extra = 0, focusable = false) {
    return html`<div
      id=${id}
      class="heading heading--${extra}"
      role="heading"
      aria-level=${Math.min(6, this.headingLevel + extra)}
      tabindex=${ifDefined(focusable ? -1 : undefined)}
    >
      ${text}
    </div>`;
  }

  protected override render() {
    return html`<div part="base" class="matcher">
      ${this.data.render({
        initial: () => this.renderNoSource(),
        pending: () => this.renderLoading(),
        error: (error) => this.renderError(error),
        complete: (store) => (store ? this.renderLoaded(store) : this.renderNoSource()),
      })}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </div>`;
  }

  private renderNoSource() {
    return html`<div part="message" class="message">${msg('没有连接数据来源，无法进行供需匹配。', { id: 'matcher.no-source' })}</div>`;
  }

  private renderLoading() {
    return html`<div class="loading" aria-busy="true">
      <span role="status" class="visually-hidden">${msg('正在载入需求清单和服务清单…', { id: 'matcher.loading' })}</span>
      <div class="skeleton skeleton--bar" aria-hidden="true"></div>
      <div class="skeleton-columns" aria-hidden="true">
        ${[0, 1].map(
          () => html`<div class="skeleton-column">
            ${[0, 1, 2, 3].map(
              () => html`<div class="skeleton-row"><div class="skeleton skeleton--title"></div><div class="skeleton skeleton--line"></div></div>`,
            )}
          </div>`,
        )}
      </div>
    </div>`;
  }

  private renderError(error: unknown) {
    const text =
      error instanceof AdapterError ? error.userMessage(currentLocale()) : msg('需求和服务清单加载失败，请稍后重试。', { id: 'matcher.error' });
    return html`<div part="message" class="message error" role="alert">
      <p>${text}</p>
      <button part="button" class="button" type="button" @click=${this.reload}>${msg('重试', { id: 'card.retry' })}</button>
    </div>`;
  }

  private renderOffline() {
    return html`<div part="message" class="notice" role="status">
      <p>${msg('网络连接不上，下面是之前保存的清单，可能不是最新的；恢复网络后再发起认领。', { id: 'matcher.offline' })}</p>
      <button part="button" class="button" type="button" @click=${this.reload}>${msg('重新加载', { id: 'directory.reload' })}</button>
    </div>`;
  }

  private renderLoaded(store: MatcherStore) {
    const offline = this.offline ? this.renderOffline() : nothing;
    if (store.needs.length === 0) {
      return html`${offline}
        <div part="message" class="message empty">
          <p class="empty-title">${msg('这个地区目前没有待认领的需求。', { id: 'matcher.empty' })}</p>
          <p>${msg(str`服务清单中有 ${formatNumber(store.offers.length, currentLocale())} 项服务；居民提交的需求经核实后会出现在这里。`, { id: 'matcher.empty-offers' })}</p>
          <button part="button" class="button" type="button" @click=${this.reload}>${msg('重新加载', { id: 'directory.reload' })}</button>
        </div>`;
    }
    return html`${offline}${this.renderFilters(store)}
      ${this.view === 'allocation' ? this.renderAllocation(store) : this.view === 'gaps' ? this.renderGaps(store) : this.renderDesk(store)}`;
  }

  private renderFilters(store: MatcherStore) {
    const locale = currentLocale();
    const f = this.filters;
    const present = new Set([...store.needs.map((n) => topLevelCode(n.categoryCode)), ...store.offers.map((o) => topLevelCode(o.categoryCode))]);
    const categories = taxonomy.filter((c) => present.has(c.code) || c.code === f.category);
    const areas = store.areaOptions();
    if (f.area && !areas.includes(f.area)) areas.push(f.area);
    const active = f.area !== null || f.category !== null || f.urgency !== null || f.status !== 'all';
    const select = (name: string, label: string, value: string, options: [string, string][]) =>
      html`<label class="field">
        <span class="field-label">${label}</span>
        <select name=${name} @change=${this.onFilter}>
          ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
        </select>
      </label>`;
    return html`<div class="bar">
      <div part="filters" class="filters" role="group" aria-label=${msg('筛选条件', { id: 'directory.filters-label' })}>
        ${select('area', areaFilterLabel(store.filterLevel), f.area ?? '', [
          ['', areaFilterAll(store.filterLevel)],
          ...areas.map((code): [string, string] => [code, store.areaName(code, locale)]),
        ])}
        ${select('category', msg('服务类别', { id: 'matcher.filter-category' }), f.category ?? '', [
          ['', msg('全部类别', { id: 'matcher.filter-category-all' })],
          ...categories.map((c): [string, string] => [c.code, c.labels[locale]]),
        ])}
        ${select('urgency', msg('紧急程度', { id: 'matcher.filter-urgency' }), f.urgency ?? '', [
          ['', msg('全部', { id: 'matcher.filter-urgency-all' })],
          ...[...URGENCIES].reverse().map((u): [string, string] => [u, urgencyBadge(u)]),
        ])}
        ${select(
          'status',
          msg('认领状态', { id: 'matcher.filter-status' }),
          f.status,
          NEED_STATUS_FILTERS.map((s): [string, string] => [s, statusFilterLabel(s)]),
        )}
        ${active
          ? html`<button part="button" class="button clear" type="button" @click=${() => this.setFilters(EMPTY_FILTERS)}>
              ${msg('清除筛选', { id: 'matcher.clear-filters' })}
            </button>`
          : nothing}
      </div>
      <div part="toolbar" class="toolbar">
        <button
          id="open-allocation"
          part="button"
          class="button ${this.view === 'allocation' ? 'button--current' : ''}"
          type="button"
          aria-pressed=${this.view === 'allocation' ? 'true' : 'false'}
          @click=${this.view === 'allocation' ? this.backToDesk : this.openAllocation}
        >
          ${msg('一键分配', { id: 'matcher.allocate-all' })}
        </button>
        <button
          id="open-gaps"
          part="button"
          class="button ${this.view === 'gaps' ? 'button--current' : ''}"
          type="button"
          aria-pressed=${this.view === 'gaps' ? 'true' : 'false'}
          @click=${this.view === 'gaps' ? this.backToDesk : this.openGaps}
        >
          ${msg('供需缺口', { id: 'matcher.gaps' })}
        </button>
      </div>
    </div>`;
  }

  // ---------------------------------------------------------------- desk

  private renderDesk(store: MatcherStore) {
    const needs = store.filterNeeds(this.filters);
    const offers = store.filterOffers(this.filters);
    const narrow = this.narrow;
    const panel = (tab: Tab, content: TemplateResult) =>
      narrow
        ? html`<section
            id="panel-${tab}"
            part=${tab}
            class="panel panel--${tab}"
            role="tabpanel"
            aria-labelledby="tab-${tab}"
            ?hidden=${this.tab !== tab}
          >
            ${content}
          </section>`
        : html`<section id="panel-${tab}" part=${tab} class="panel panel--${tab}" aria-labelledby="${tab}-heading">${content}</section>`;
    const locale = currentLocale();
    const count = (shown: number, total: number) =>
      shown === total
        ? msg(str`${formatNumber(total, locale)} 项`, { id: 'matcher.count' })
        : msg(str`${formatNumber(shown, locale)} / ${formatNumber(total, locale)} 项`, { id: 'matcher.count-filtered' });
    return html`${narrow ? this.renderTabs(needs.length, offers.length) : nothing}
      <div class="desk ${narrow ? 'desk--tabs' : ''}">
        ${panel(
          'needs',
          html`<div class="panel-head">
              ${this.heading('needs-heading', msg('需求清单', { id: 'matcher.needs' }))}
              <span class="count">${count(needs.length, store.needs.length)}</span>
            </div>
            ${needs.length
              ? html`<rl-matcher-list
                  id="needs-list"
                  .items=${needs}
                  .renderRow=${this.renderNeedRow}
                  selected-id=${this.selected?.kind === 'need' ? this.selected.id : ''}
                  version=${this.version}
                  id-prefix="need"
                  label=${msg('需求清单', { id: 'matcher.needs' })}
                  @select=${this.onNeedSelect}
                ></rl-matcher-list>`
              : this.renderFilteredEmpty(msg('没有符合筛选条件的需求。', { id: 'matcher.needs-none' }))}`,
        )}
        ${panel(
          'offers',
          html`<div class="panel-head">
              ${this.heading('offers-heading', msg('服务清单', { id: 'matcher.offers' }))}
              <span class="count">${count(offers.length, store.offers.length)}</span>
            </div>
            ${offers.length
              ? html`<rl-matcher-list
                  id="offers-list"
                  .items=${offers}
                  .renderRow=${this.renderOfferRow}
                  selected-id=${this.selected?.kind === 'offer' ? this.selected.id : ''}
                  version=${this.version}
                  id-prefix="offer"
                  label=${msg('服务清单', { id: 'matcher.offers' })}
                  @select=${this.onOfferSelect}
                ></rl-matcher-list>`
              : this.renderFilteredEmpty(msg('没有符合筛选条件的服务。', { id: 'matcher.offers-none' }))}`,
        )}
        ${panel('suggestions', this.renderSuggestions(store))}
      </div>`;
  }

  private renderTabs(needs: number, offers: number) {
    const locale = currentLocale();
    const tab = (id: Tab, label: string) =>
      html`<button
        id="tab-${id}"
        class="tab"
        role="tab"
        type="button"
        aria-selected=${this.tab === id ? 'true' : 'false'}
        aria-controls="panel-${id}"
        tabindex=${this.tab === id ? 0 : -1}
        @click=${() => (this.tab = id)}
      >
        ${label}
      </button>`;
    return html`<div part="tabs" class="tabs" role="tablist" aria-label=${msg('匹配面板', { id: 'matcher.tabs' })} @keydown=${this.onTabKey}>
      ${tab('needs', msg(str`需求 ${formatNumber(needs, locale)}`, { id: 'matcher.tab-needs' }))}
      ${tab('offers', msg(str`服务 ${formatNumber(offers, locale)}`, { id: 'matcher.tab-offers' }))}
      ${tab('suggestions', msg('匹配建议', { id: 'matcher.suggestions' }))}
    </div>`;
  }

  private renderFilteredEmpty(text: string) {
    return html`<div part="message" class="message">
      <p>${text}</p>
      <button part="button" class="button" type="button" @click=${() => this.setFilters(EMPTY_FILTERS)}>
        ${msg('清除筛选', { id: 'matcher.clear-filters' })}
      </button>
    </div>`;
  }

  private readonly renderNeedRow = (need: PublicNeed): TemplateResult => {
    const store = this.store;
    const locale = currentLocale();
    const pending = store?.pendingForNeed(need.id).length ?? 0;
    const review = awaitsReview(need);
    return html`<span class="row-head">
        <span class="title">${need.title}</span>
        ${review ? html`<span class="badge status--submitted">${needStatusLabel(need.status)}</span>` : nothing}
        <span class="badge urgency--${need.urgency}">${urgencyBadge(need.urgency)}</span>
      </span>
      <span class="meta">
        <span>${categoryLabel(need.categoryCode, locale)}</span>
        <span>${store?.needPlace(need, locale) ?? need.areaCode}</span>
        <span>${msg(str`${need.beneficiaries} 人`, { id: 'matcher.beneficiaries' })}</span>
        <span>${ageText(need.createdAt, this.now, locale)}</span>
        ${pending
          ? html`<span class="pending">${msg(str`${pending} 个认领待确认`, { id: 'matcher.pending-claims' })}</span>`
          : review
            ? nothing
            : html`<span>${needStatusLabel(need.status)}</span>`}
      </span>`;
  };

  private readonly renderOfferRow = (offer: ServiceOffer): TemplateResult => {
    const store = this.store;
    const locale = currentLocale();
    const left = store?.placesLeft(offer) ?? 0;
    const holds = store?.holds(offer.id) ?? 0;
    return html`<span class="row-head">
        <span class="title">${offer.title}</span>
        <span class="badge places--${left > 0 ? 'open' : 'full'}"
          >${left > 0 ? msg(str`剩 ${left} 个`, { id: 'matcher.places-left-short' }) : msg('名额已满', { id: 'offer-status.full' })}</span
        >
      </span>
      <span class="meta">
        <span>${this.organizationName(offer)}</span>
        <span>${categoryLabel(offer.categoryCode, locale)}</span>
        <span>${perPeriodLabel(offer.capacity.period, offer.capacity.perPeriod)}</span>
        <span>${offer.modes.map(serviceModeLabel).join(listSeparator(locale))}</span>
        ${holds ? html`<span class="pending">${msg(str`${holds} 个认领待确认`, { id: 'matcher.pending-claims' })}</span>` : nothing}
      </span>`;
  };

  private renderSuggestions(store: MatcherStore) {
    const selection = this.selected;
    const suggested = this.suggested;
    const head = this.heading('suggestions-heading', msg('匹配建议', { id: 'matcher.suggestions' }), 0, true);
    if (!selection || !suggested) {
      return html`<div class="panel-head">${head}</div>
        <p class="hint">
          ${selection
            ? msg('没有找到这一项，它可能已被认领或关闭。', { id: 'matcher.selection-missing' })
            : msg('在需求清单或服务清单中选择一项，这里会按匹配度列出最合适的服务或需求。', { id: 'matcher.suggestions-hint' })}
        </p>`;
    }
    const viewer = this.actor;
    const readOnly = !viewer || viewer.role === 'resident' || viewer.role === 'system';
    const need = selection.kind === 'need' ? store.need(selection.id) : undefined;
    const offer = selection.kind === 'offer' ? store.offer(selection.id) : undefined;
    if (need && awaitsReview(need)) return html`<div class="panel-head">${head}</div>${this.renderReview(store, need)}`;
    if (need && !OPEN_NEED_STATUSES.includes(need.status)) {
      return html`<div class="panel-head">${head}</div>
        <p class="subject">${need.title}</p>
        <p class="note">${msg(str`这项需求现在是“${needStatusLabel(need.status)}”，不再参与匹配。`, { id: 'matcher.need-not-open' })}</p>`;
    }
    const pending = need ? store.pendingForNeed(need.id).length : 0;
    const subject = need
      ? msg(str`为需求“${need.title}”推荐的服务`, { id: 'matcher.for-need' })
      : msg(str`为服务“${offer?.title ?? ''}”推荐的需求`, { id: 'matcher.for-offer' });
    return html`<div class="panel-head">${head}</div>
      <p class="subject">${subject}</p>
      ${readOnly
        ? html`<p class="note">${msg('以社区工作人员身份使用时才能在这里发起认领。', { id: 'matcher.read-only' })}</p>`
        : nothing}
      ${pending ? html`<p class="note note--pending">${msg(str`这项需求已有 ${pending} 个认领申请在等待确认。`, { id: 'matcher.need-pending' })}</p>` : nothing}
      ${suggested.list.length === 0
        ? html`<p class="hint">
            ${offer && store.placesLeft(offer) === 0
              ? msg('这项服务的名额已满（含待确认的认领），暂时不能再推荐需求。', { id: 'matcher.offer-full' })
              : need
                ? msg('暂时没有符合条件的服务：类别、服务范围或名额不合适。', { id: 'matcher.no-offers' })
                : msg('暂时没有符合条件的需求。', { id: 'matcher.no-needs' })}
          </p>`
        : html`<ol class="candidates" aria-label=${subject}>
            ${need
              ? repeat(
                  suggested.list as Suggestion<ServiceOffer>[],
                  (s) => s.item.id,
                  (s, i) => this.renderCandidate(need, store.offer(s.item.id) ?? s.item, s.score, i, 'offer'),
                )
              : offer
                ? repeat(
                    suggested.list as Suggestion<PublicNeed>[],
                    (s) => s.item.id,
                    (s, i) => this.renderCandidate(store.need(s.item.id) ?? s.item, offer, s.score, i, 'need'),
                  )
                : nothing}
          </ol>`}`;
  }

  /**
   * A submitted need instead of its suggestions: what it says, and for staff
   * the two outcomes of the review: verified and published (then it is
   * matched), or not taken up, with the reason.
   */
  private renderReview(store: MatcherStore, need: PublicNeed) {
    const locale = currentLocale();
    const state = this.reviewer.state(need.id);
    const running = state?.status === 'running';
    const closing = this.closing?.needId === need.id ? this.closing : null;
    const busy = (status: NeedReview['status']) => running && state.review.status === status;
    return html`<p class="subject">${msg(str`需求“${need.title}”尚待核实`, { id: 'matcher.review-subject' })}</p>
      <section part="review" class="review" aria-labelledby="review-heading">
        ${this.heading('review-heading', msg('核实需求', { id: 'matcher.review' }), 1)}
        <p class="meta">
          <span>${categoryLabel(need.categoryCode, locale)}</span>
          <span>${store.needPlace(need, locale)}</span>
          <span>${urgencyBadge(need.urgency)}</span>
          <span>${msg(str`${need.beneficiaries} 人`, { id: 'matcher.beneficiaries' })}</span>
          <span>${ageText(need.createdAt, this.now, locale)}</span>
        </p>
        ${need.description ? html`<p class="review-description">${need.description}</p>` : nothing}
        ${this.mayReview
          ? html`<p class="explain">
                ${msg('居民提交的需求经社区核实后才会推荐服务。属实的请“核实并发布”，它会出现在匹配建议和一键分配中；不在受理范围的请“不予受理”并写明原因。', {
                  id: 'matcher.review-explain',
                })}
              </p>
              <div class="actions">
                <button
                  part="button"
                  class="button button--primary"
                  type="button"
                  data-review="published"
                  aria-disabled=${running ? 'true' : 'false'}
                  @click=${() => {
                    if (!running) this.pressReview(need, { status: 'published' });
                  }}
                >
                  ${busy('published') ? msg('正在发送…', { id: 'matcher.sending' }) : msg('核实并发布', { id: 'matcher.review-publish' })}
                </button>
                <button
                  id="review-close"
                  part="button"
                  class="button"
                  type="button"
                  data-review="closed"
                  aria-expanded=${closing ? 'true' : 'false'}
                  aria-controls="review-close-form"
                  aria-disabled=${running ? 'true' : 'false'}
                  @click=${() => {
                    if (!running) this.openClosing(need);
                  }}
                >
                  ${msg('不予受理', { id: 'matcher.review-close' })}
                </button>
              </div>
              <form id="review-close-form" class="review-close" ?hidden=${!closing} novalidate @submit=${(e: Event) => this.submitClosing(e, need)}>
                <label class="field-label" for="review-reason">${msg('不予受理的原因（必填，会记入审核记录）', { id: 'matcher.review-reason' })}</label>
                <textarea
                  id="review-reason"
                  name="reason"
                  rows="3"
                  maxlength="500"
                  required
                  aria-invalid=${closing?.invalid ? 'true' : 'false'}
                  aria-describedby=${ifDefined(closing?.invalid ? 'review-reason-error' : undefined)}
                  .value=${closing?.reason ?? ''}
                  @input=${this.onReasonInput}
                ></textarea>
                ${closing?.invalid
                  ? html`<p id="review-reason-error" class="field-error">${msg('请填写不予受理的原因。', { id: 'matcher.review-reason-required' })}</p>`
                  : nothing}
                <div class="actions">
                  <button part="button" class="button button--danger" type="submit" data-review="confirm-close" aria-disabled=${running ? 'true' : 'false'}>
                    ${busy('closed') ? msg('正在发送…', { id: 'matcher.sending' }) : msg('确认不予受理', { id: 'matcher.review-close-confirm' })}
                  </button>
                  <button part="button" class="button" type="button" ?disabled=${running} @click=${this.cancelClosing}>
                    ${msg('取消', { id: 'matcher.cancel' })}
                  </button>
                </div>
              </form>
              ${state?.status === 'error' ? html`<p class="action-error" role="alert">${state.error.userMessage(locale)}</p>` : nothing}`
          : html`<p class="note">${msg('这项需求正等待社区工作人员核实，核实并发布后才会推荐服务。', { id: 'matcher.review-waiting' })}</p>`}
      </section>`;
  }

  /** One ranked candidate: what it is, its score and reasons, and the two claim actions. */
  private renderCandidate(need: PublicNeed, offer: ServiceOffer, score: MatchScore, index: number, shows: 'need' | 'offer') {
    const store = this.store;
    const locale = currentLocale();
    const titleId = `candidate-${index}`;
    const left = store?.placesLeft(offer) ?? 0;
    const details =
      shows === 'offer'
        ? html`<p class="cand-title" id=${titleId}>${offer.title}</p>
            <p class="meta">
              <span>${this.organizationName(offer)}</span>
              <span>${left > 0 ? msg(str`剩 ${left} 个`, { id: 'matcher.places-left-short' }) : msg('名额已满', { id: 'offer-status.full' })}</span>
              <span>${perPeriodLabel(offer.capacity.period, offer.capacity.perPeriod)}</span>
            </p>`
        : html`<p class="cand-title" id=${titleId}>${need.title}</p>
            <p class="meta">
              <span>${store?.needPlace(need, locale) ?? need.areaCode}</span>
              <span>${urgencyBadge(need.urgency)}</span>
              <span>${msg(str`${need.beneficiaries} 人`, { id: 'matcher.beneficiaries' })}</span>
              <span>${ageText(need.createdAt, this.now, locale)}</span>
            </p>`;
    return html`<li part="candidate" class="candidate">
      <div class="cand-rank" aria-hidden="true">${index + 1}</div>
      <div class="cand-body">
        ${details} ${this.renderScore(score, titleId)} ${this.renderReasons(score, locale)}
        <div class="actions">
          ${this.renderAction('need-claim', need, offer, titleId)} ${this.renderAction('offer-booking', need, offer, titleId)}
        </div>
      </div>
    </li>`;
  }

  private renderScore(score: MatchScore, labelledBy: string) {
    const max = this.maxScore;
    const now = Math.round(score.total);
    const pct = max > 0 ? Math.min(100, Math.max(0, (score.total / max) * 100)) : 0;
    return html`<div class="score">
      <div
        part="score"
        class="meter"
        role="meter"
        aria-label=${msg('匹配度', { id: 'matcher.score-label' })}
        aria-describedby=${labelledBy}
        aria-valuemin="0"
        aria-valuemax=${Math.round(max)}
        aria-valuenow=${now}
        aria-valuetext=${scoreText(score.total)}
      >
        <div class="meter-fill" style=${styleMap({ inlineSize: `${pct}%` })}></div>
      </div>
      <span class="score-text" aria-hidden="true">${scoreText(score.total)}</span>
    </div>`;
  }

  private renderReasons(score: MatchScore, locale: Locale) {
    const parts = score.parts.filter((p) => p.points > 0);
    if (!parts.length) return nothing;
    return html`<ul class="reasons" aria-label=${msg('匹配理由', { id: 'matcher.reasons' })}>
      ${parts.map((p) => html`<li part="reason" class="reason">${matchReasonText(p.reason, locale)}</li>`)}
    </ul>`;
  }

  private renderAction(direction: ClaimDirection, need: PublicNeed, offer: ServiceOffer, describedBy: string) {
    const viewer = this.actor;
    const allowed = mayRequest(viewer, direction, offer);
    const action = this.sender.state(actionKey(direction, need.id, offer.id));
    const running = action?.status === 'running';
    const done = action?.status === 'done';
    const label =
      direction === 'need-claim'
        ? msg('由该机构认领', { id: 'matcher.action-claim' })
        : msg('为居民预约此服务', { id: 'matcher.action-book' });
    const statusId = `${describedBy}-${direction}-status`;
    // aria-disabled, not disabled: the pressed button keeps focus while its request runs
    const unavailable = !allowed || running || done || Boolean(this.review?.sending);
    return html`<div class="action">
      <button
        part="button"
        class="button ${direction === 'need-claim' ? 'button--primary' : ''}"
        type="button"
        aria-disabled=${unavailable ? 'true' : 'false'}
        aria-describedby="${describedBy} ${statusId}"
        data-action=${direction}
        @click=${() => {
          if (!unavailable) this.press(direction, need, offer);
        }}
      >
        ${running ? msg('正在发送…', { id: 'matcher.sending' }) : done ? msg('已发送', { id: 'matcher.sent' }) : label}
      </button>
      <p id=${statusId} class="action-status ${done ? 'action-status--shown' : ''}" role="status">
        ${done
          ? direction === 'need-claim'
            ? msg('认领申请已发出，等待社区确认。', { id: 'matcher.claim-sent' })
            : msg('预约已发出，等待机构确认。', { id: 'matcher.booking-sent' })
          : nothing}
      </p>
      ${action?.status === 'error' ? html`<p class="action-error" role="alert">${this.errorText(action.error)}</p>` : nothing}
    </div>`;
  }

  private errorText(error: AdapterError): string {
    const locale = currentLocale();
    if (error.kind === 'conflict') return msg('名额已满或这项需求已被认领，清单已更新。', { id: 'matcher.conflict' });
    return error.userMessage(locale);
  }

  // ---------------------------------------------------------------- allocation

  private renderAllocation(store: MatcherStore) {
    const review = this.review;
    const locale = currentLocale();
    if (!review) return nothing;
    const { allocation, decisions } = review;
    const accepted = allocation.pairs.filter((p) => decisions.get(p.needId) === 'accept');
    const waiting = accepted.filter((p) => this.sender.state(actionKey('need-claim', p.needId, p.offerId))?.status !== 'done');
    const viewer = this.actor;
    const canSend = Boolean(viewer && (viewer.role === 'staff' || viewer.role === 'admin'));
    const needCount = store.allocatableNeeds(this.filters).length;
    return html`<section part="allocation" class="allocation" aria-labelledby="allocation-heading">
      <div class="panel-head">
        ${this.heading('allocation-heading', msg('一键分配方案', { id: 'matcher.allocation' }), 0, true)}
        <button part="button" class="button" type="button" @click=${this.backToDesk}>${msg('返回匹配', { id: 'matcher.back' })}</button>
      </div>
      <p class="explain">
        ${msg(
          str`按当前筛选的 ${needCount} 项需求计算总匹配度最高的方案，每项服务不超出剩余名额；已有认领待确认的需求不参与。请逐条接受或不接受：只有点“发送已接受的认领”后，才会以社区名义代各机构发出需求认领（注明使用哪项服务），再由社区确认。`,
          { id: 'matcher.allocation-explain' },
        )}
      </p>
      <p class="summary">
        ${msg(
          str`建议 ${allocation.pairs.length} 对，总分 ${formatNumber(Math.round(allocation.totalScore), locale)}；${allocation.unmatched.length} 项需求暂无合适的服务。`,
          { id: 'matcher.allocation-summary' },
        )}
      </p>
      ${canSend ? nothing : html`<p class="note">${msg('以社区工作人员身份使用时才能发送认领。', { id: 'matcher.read-only-send' })}</p>`}
      <div class="toolbar">
        <button part="button" class="button" type="button" ?disabled=${review.sending || !allocation.pairs.length} @click=${this.acceptAll}>
          ${msg('全部接受', { id: 'matcher.accept-all' })}
        </button>
        <button
          part="button"
          class="button button--primary"
          type="button"
          ?disabled=${!canSend || review.sending || waiting.length === 0}
          @click=${this.sendAccepted}
        >
          ${msg(str`发送已接受的认领（${waiting.length}）`, { id: 'matcher.send-accepted' })}
        </button>
        <button part="button" class="button" type="button" ?disabled=${!allocation.pairs.length && !allocation.unmatched.length} @click=${this.exportAllocation}>
          ${msg('导出方案 CSV', { id: 'matcher.export-allocation' })}
        </button>
      </div>
      ${review.progress
        ? html`<div class="progress">
            <progress
              max=${review.progress.total}
              .value=${review.progress.done}
              aria-label=${msg('发送进度', { id: 'matcher.send-progress' })}
            ></progress>
            <span>${msg(str`已处理 ${review.progress.done} / ${review.progress.total}`, { id: 'matcher.send-count' })}</span>
          </div>`
        : nothing}
      ${allocation.pairs.length
        ? html`<ol class="pairs" aria-label=${msg('建议的配对', { id: 'matcher.pairs' })}>
            ${repeat(
              allocation.pairs,
              (p) => p.needId,
              (p, i) => this.renderPair(store, p.needId, p.offerId, p.score, i, decisions.get(p.needId) ?? null, review.sending),
            )}
          </ol>`
        : html`<p class="hint">${msg('当前筛选下没有可以分配的配对。', { id: 'matcher.no-pairs' })}</p>`}
      ${allocation.unmatched.length ? this.renderUnmatched(store, allocation) : nothing}
    </section>`;
  }

  private renderPair(store: MatcherStore, needId: string, offerId: string, score: MatchScore, index: number, decision: Decision | null, sending: boolean) {
    const need = store.need(needId);
    const offer = store.offer(offerId);
    if (!need || !offer) return nothing;
    const locale = currentLocale();
    const titleId = `pair-${index}`;
    const action = this.sender.state(actionKey('need-claim', needId, offerId));
    const locked = sending || action?.status === 'done' || action?.status === 'running';
    const decisionButton = (value: Decision, label: string) =>
      html`<button
        part="button"
        class="button decision decision--${value}"
        type="button"
        aria-pressed=${decision === value ? 'true' : 'false'}
        aria-describedby=${titleId}
        ?disabled=${locked}
        @click=${() => this.decide(needId, value)}
      >
        ${label}
      </button>`;
    return html`<li part="candidate" class="candidate pair pair--${decision ?? 'open'}">
      <div class="cand-rank" aria-hidden="true">${index + 1}</div>
      <div class="cand-body">
        <p class="cand-title" id=${titleId}>${need.title} <span aria-hidden="true">→</span><span class="visually-hidden">${msg('配给', { id: 'matcher.paired-with' })}</span> ${offer.title}</p>
        <p class="meta">
          <span>${store.needPlace(need, locale)}</span>
          <span>${urgencyBadge(need.urgency)}</span>
          <span>${this.organizationName(offer)}</span>
          <span>${msg(str`剩 ${store.placesLeft(offer)} 个`, { id: 'matcher.places-left-short' })}</span>
        </p>
        ${this.renderScore(score, titleId)} ${this.renderReasons(score, locale)}
        <div class="actions">
          ${decisionButton('accept', msg('接受', { id: 'matcher.accept' }))} ${decisionButton('reject', msg('不接受', { id: 'matcher.reject' }))}
        </div>
        <p class="action-status ${action?.status === 'running' || action?.status === 'done' ? 'action-status--shown' : ''}" role="status">
          ${action?.status === 'running'
            ? msg('正在发送…', { id: 'matcher.sending' })
            : action?.status === 'done'
              ? msg('认领申请已发出，等待社区确认。', { id: 'matcher.claim-sent' })
              : nothing}
        </p>
        ${action?.status === 'error' ? html`<p class="action-error" role="alert">${this.errorText(action.error)}</p>` : nothing}
      </div>
    </li>`;
  }

  private renderUnmatched(store: MatcherStore, allocation: Allocation) {
    const locale = currentLocale();
    return html`<div class="unmatched">
      ${this.heading('unmatched-heading', msg('暂无合适服务的需求', { id: 'matcher.unmatched' }), 1)}
      <ul class="unmatched-list" aria-labelledby="unmatched-heading">
        ${allocation.unmatched.map((u) => {
          const need = store.need(u.needId);
          return html`<li class="unmatched-item">
            <p class="cand-title">${need?.title ?? u.needId}</p>
            ${u.nearestMisses.length
              ? html`<p class="meta-label">${msg('最接近的服务：', { id: 'matcher.nearest' })}</p>
                  <ul class="misses">
                    ${u.nearestMisses.map((m) => {
                      const offer = store.offer(m.offerId);
                      return html`<li>
                        ${offer?.title ?? m.offerId}（${offer ? this.organizationName(offer) : ''}）· ${scoreText(m.score.total)} ·
                        <strong>${missReasonLabel(m.why)}</strong>
                      </li>`;
                    })}
                  </ul>`
              : html`<p class="meta-label">${msg('没有任何服务覆盖这项需求的类别和地区。', { id: 'matcher.no-candidates' })}</p>`}
            ${need ? html`<p class="meta"><span>${store.needPlace(need, locale)}</span><span>${categoryLabel(need.categoryCode, locale)}</span></p>` : nothing}
          </li>`;
        })}
      </ul>
    </div>`;
  }

  // ---------------------------------------------------------------- gap report

  private renderGaps(store: MatcherStore) {
    const report = this.gaps(store);
    const locale = currentLocale();
    const cell = new Map(report.cells.map((c) => [`${c.categoryCode}|${c.areaCode}`, c]));
    const n = (value: number) => formatNumber(value, locale);
    const signed = (gap: number) => (gap > 0 ? `+${n(gap)}` : n(gap));
    // places of a service covering a whole street or district that no community's needs took
    const areaName = (code: string) =>
      store.isWide(code)
        ? msg(str`${store.areaName(code, locale)}（全范围）`, { id: 'matcher.area-wide' })
        : store.areaName(code, locale);
    const { totals } = report;
    return html`<section part="gaps" class="gaps" aria-labelledby="gaps-heading">
      <div class="panel-head">
        ${this.heading('gaps-heading', msg('供需缺口', { id: 'matcher.gaps' }), 0, true)}
        <button part="button" class="button" type="button" @click=${this.backToDesk}>${msg('返回匹配', { id: 'matcher.back' })}</button>
      </div>
      <p class="explain">
        ${msg('按服务类别和地区比较待认领的需求与空余名额（已扣除待确认的认领）。缺口 = 需求数 − 空余名额：正数表示供不应求，适合孵化或购买服务；负数表示名额有富余。', {
          id: 'matcher.gaps-explain',
        })}
      </p>
      <p class="summary">
        ${msg(str`共 ${n(totals.openNeeds)} 项需求（${n(totals.beneficiaries)} 人），空余名额 ${n(totals.freePlaces)} 个，总缺口 ${signed(totals.gap)}。`, {
          id: 'matcher.gaps-summary',
        })}
      </p>
      <div class="toolbar">
        <button part="button" class="button" type="button" @click=${this.exportGaps}>${msg('导出缺口报告 CSV', { id: 'matcher.export-gaps' })}</button>
      </div>
      ${report.cells.length === 0
        ? html`<p class="hint">${msg('当前筛选下没有需求，也没有空余名额。', { id: 'matcher.gaps-none' })}</p>`
        : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="heatmap-caption">
              <table part="heatmap" class="heatmap">
                <caption id="heatmap-caption">${msg('缺口热力图：行是服务类别，列是地区；按格子可筛选到这一类别和地区。', { id: 'matcher.heatmap-caption' })}</caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('类别', { id: 'matcher.col-category' })}</th>
                    ${report.areas.map((a) => html`<th scope="col">${areaName(a)}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${report.categories.map(
                    (c) => html`<tr>
                      <th scope="row">${categoryLabel(c, locale)}</th>
                      ${report.areas.map((a) => {
                        const data = cell.get(`${c}|${a}`);
                        if (!data) return html`<td class="heat heat--none"><span aria-hidden="true">—</span><span class="visually-hidden">${msg('无', { id: 'matcher.none' })}</span></td>`;
                        // the name is this text, then the gap as shown: no aria-label that could drift from what is seen
                        const label = msg(
                          str`${categoryLabel(c, locale)}，${areaName(a)}：需求 ${n(data.openNeeds)} 项，空余名额 ${n(data.freePlaces)} 个，缺口`,
                          { id: 'matcher.heat-cell' },
                        );
                        return html`<td class="heat heat--${gapTone(data.gap)}">
                          <button
                            type="button"
                            class="heat-button"
                            @click=${() => {
                              this.setFilters({ ...this.filters, category: topLevelCode(c), area: store.isWide(a) ? null : a });
                              this.setView('desk', '#needs-heading');
                            }}
                          >
                            <span class="visually-hidden">${label}</span>
                            <span class="heat-gap">${signed(data.gap)}</span>
                            <span class="heat-detail" aria-hidden="true">${n(data.openNeeds)} / ${n(data.freePlaces)}</span>
                          </button>
                        </td>`;
                      })}
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${this.renderLegend()}
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="gap-table-caption">
              <table class="gap-table">
                <caption id="gap-table-caption">${msg('缺口明细', { id: 'matcher.gap-table' })}</caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('类别', { id: 'matcher.col-category' })}</th>
                    <th scope="col">${msg('地区', { id: 'matcher.col-area' })}</th>
                    <th scope="col">${msg('待认领需求', { id: 'matcher.col-needs' })}</th>
                    <th scope="col">${msg('涉及人数', { id: 'matcher.col-beneficiaries' })}</th>
                    <th scope="col">${msg('空余名额', { id: 'matcher.col-places' })}</th>
                    <th scope="col">${msg('缺口', { id: 'matcher.col-gap' })}</th>
                  </tr>
                </thead>
                <tbody>
                  ${report.cells.map(
                    (c) => html`<tr>
                      <th scope="row">${categoryLabel(c.categoryCode, locale)}</th>
                      <td>${areaName(c.areaCode)}</td>
                      <td class="num">${n(c.openNeeds)}</td>
                      <td class="num">${n(c.beneficiaries)}</td>
                      <td class="num">${n(c.freePlaces)}</td>
                      <td class="num gap-value gap-value--${c.gap > 0 ? 'short' : c.gap < 0 ? 'spare' : 'even'}">${signed(c.gap)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
    </section>`;
  }

  private renderLegend() {
    const items: [GapTone, string][] = [
      ['short-3', msg('缺口 3 及以上', { id: 'matcher.legend-short-3' })],
      ['short-1', msg('缺口 1–2', { id: 'matcher.legend-short-1' })],
      ['even', msg('持平', { id: 'matcher.legend-even' })],
      ['spare-1', msg('富余 1–2', { id: 'matcher.legend-spare-1' })],
      ['spare-3', msg('富余 3 及以上', { id: 'matcher.legend-spare-3' })],
    ];
    return html`<div class="legend">
      <p class="legend-title" id="legend-title">${msg('图例（格内：缺口，需求数 / 空余名额）', { id: 'matcher.legend' })}</p>
      <ul class="legend-items" aria-labelledby="legend-title">
        ${items.map(([tone, text]) => html`<li><span class="swatch heat--${tone}" aria-hidden="true"></span>${text}</li>`)}
      </ul>
    </div>`;
  }
}

/** The area filter's label by the level it offers. */
function areaFilterLabel(level: MatcherStore['filterLevel']): string {
  switch (level) {
    case 'street':
      return msg('街道', { id: 'matcher.filter-street' });
    case 'community':
      return msg('社区', { id: 'matcher.filter-area' });
    case 'grid':
      return msg('网格', { id: 'matcher.filter-grid' });
  }
}

function areaFilterAll(level: MatcherStore['filterLevel']): string {
  switch (level) {
    case 'street':
      return msg('全部街道', { id: 'matcher.filter-street-all' });
    case 'community':
      return msg('全部社区', { id: 'matcher.filter-area-all' });
    case 'grid':
      return msg('全部网格', { id: 'matcher.filter-grid-all' });
  }
}

const sameSelection = (a: MatcherSelection, b: MatcherSelection): boolean => a.kind === b.kind && a.id === b.id;

declare global {
  interface HTMLElementTagNameMap {
    'rl-matcher': RlMatcher;
  }
}
