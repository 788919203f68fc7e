import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import type { RangeChangedEvent, VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { categoryLabel, type Organization, type SearchHit, type SearchMatch } from '@renling/core';
import { rlElement } from '../../base/define.js';
import { highlight, snippet } from '../../base/highlight.js';
import { organizationTypeLabel, registrationLabel } from '../../base/labels.js';
import { RlElement } from '../../base/rl-element.js';
import { currentLocale } from '../../localization/localization.js';
import { orgResultsStyles } from './org-results.styles.js';
import { metaLineStyles } from '../../styles/card.js';
import { listKeyTarget } from '../../base/list-keys.js';
import { holdResizeLoopGuard, releaseResizeLoopGuard } from '../../base/resize-loop-guard.js';

/** The results of one search, loaded a page at a time as the list scrolls. */
export interface ResultSource {
  readonly total: number;
  /** The hit at `index`, or undefined while its page is still coming. */
  hit(index: number): SearchHit | undefined;
  /** Asks for the hits in `first…last` (inclusive); the list re-renders when they arrive. */
  need(first: number, last: number): void;
}

/** What a row says about an organization beyond its own record. */
export interface RowDetails {
  place: string;
  offers: number;
  /** Open offers with places left. */
  openOffers: number;
}

export interface ResultSelectDetail {
  id: string;
  index: number;
}

/**
 * The virtualizer's items: the row indices 0…length-1. Every length is a
 * view of one array of indices that only grows, whose `length` reads as the
 * view's: a keystroke changing the count from 28,206 to 3,629 then allocates
 * no new 30,000-entry array (whose collection cost about a millisecond a
 * keystroke). The view of the last length is kept, so a new query with the
 * same count keeps the virtualizer's items.
 */
let allIndices: number[] = [];
let lastView: { length: number; view: number[] } | null = null;
function indices(length: number): number[] {
  if (lastView?.length === length) return lastView.view;
  if (allIndices.length < length) allIndices = Array.from({ length: Math.max(length, allIndices.length * 2) }, (_, i) => i);
  const view = new Proxy(allIndices, {
    get(target, key, receiver) {
      if (key === 'length') return length;
      // an index past this view's end is not in it, whatever the shared array holds there
      if (typeof key === 'string' && Number(key) >= length) return undefined;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  lastView = { length, view };
  return view;
}

/**
 * The flow layout, rendering rows up to 300 px past the list's edges instead
 * of its default 1,000: every search re-renders the rows in the DOM, and at
 * 1,000 px that is 14 rows for the 5 or 6 on screen, a good part of a
 * keystroke's layout and paint. 300 px still covers a flick's first frames.
 */
class NearFlowLayout extends FlowLayout {
  constructor(...args: ConstructorParameters<typeof FlowLayout>) {
    super(...args);
    this._overhang = 300;
  }
}

/** Rows taller than this in all are a list at its own height: its height is no longer capped at theirs. */
const FIT_BELOW_PX = 3000;

const MATCH_ORDER: readonly SearchMatch['field'][] = ['offer', 'tag', 'category', 'description'];

/**
 * @tagname rl-org-results
 * @summary The directory's result list: virtualized, so 35,000 organizations
 * keep a few dozen rows in the DOM, and navigable with the keyboard (↑ ↓
 * PageUp PageDown Home End; Enter opens). One row is in the Tab order at a
 * time (a roving tab stop).
 *
 * @event select - A row was opened; `detail` is `{ id, index }`.
 *
 * @csspart list - The scrolling list.
 * @csspart row - One organization.
 * @csspart name - The organization's name (a link).
 * @csspart mark - A matched part of the text.
 * @csspart rating-badge - The 5A…1A grade.
 *
 * @cssproperty --rl-org-directory-list-height - Height of the scrolling list.
 */
@rlElement('rl-org-results')
export class RlOrgResults extends RlElement {
  static override styles = [RlElement.styles, metaLineStyles, orgResultsStyles];

  @property({ attribute: false }) source: ResultSource | null = null;

  /** Changes whenever `source` has new hits, so visible rows re-render. */
  @property({ type: Number }) version = 0;

  /** What to say about each organization's place and offers. */
  @property({ attribute: false }) details: ((org: Organization) => RowDetails) | null = null;

  /** A link for each organization (its directory URL), so rows open in a new tab too. */
  @property({ attribute: false }) hrefFor: (id: string) => string = (id) => `#${encodeURIComponent(id)}`;

  /** Accessible name of the list. */
  @property() label = '';

  /** The row holding the Tab stop. */
  @state() private focusIndex = 0;

  @query('ul') private list!: HTMLUListElement & VirtualizerHostElement;

  private first = 0;
  /** Whether the list is scrolled away from its top, as its scroll events last said. */
  private scrolled = false;
  private last = -1;
  private firstVisible = 0;
  private lastVisible = 0;
  private pendingFocus: number | null = null;
  /** The row focus belongs on, until focus leaves the list for something else. */
  private focusTarget: number | null = null;
  /** Frames left in which focus is kept on its row (see settleFocus). */
  private settleFrames = 0;
  /** Set by a new search until a row is focused again. */
  private dropLostFocus = false;
  private focusTries = 0;
  private focusLoop = false;
  private listTabStop = true;

  override connectedCallback(): void {
    super.connectedCallback();
    holdResizeLoopGuard();
    // moved or attached again: fit to the rows anew (the first time, firstUpdated does)
    if (this.hasUpdated) this.observeSizer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    releaseResizeLoopGuard();
    this.sizerObserver?.disconnect();
    this.sizerObserver = null;
  }

  /**
   * A few results take only their rows' height, not the list's whole height
   * of empty box: the virtualizer writes the rows' total height on its sizer
   * element, and the list is capped at it. Inline on the list, not a custom
   * property, which every row would inherit and restyle for.
   */
  private sizerObserver: MutationObserver | null = null;
  private fitted = '';

  protected override firstUpdated(): void {
    this.observeSizer();
  }

  private observeSizer(): void {
    const sizer = this.list?.querySelector<HTMLElement>('[virtualizer-sizer]');
    if (!sizer || this.sizerObserver) return;
    this.sizerObserver = new MutationObserver(() => this.fitToRows(sizer));
    this.sizerObserver.observe(sizer, { attributes: true, attributeFilter: ['style'] });
    this.fitted = '';
    this.fitToRows(sizer);
  }

  private fitToRows(sizer: HTMLElement): void {
    const height = Number(/translate\([^,]+,\s*([\d.]+)px\)/u.exec(sizer.style.transform)?.[1] ?? NaN);
    // past a few screens the list is at its own height anyway; not rewriting the cap spares a restyle a keystroke
    const cap = Number.isFinite(height) && height > 0 && height < FIT_BELOW_PX ? height : null;
    const key = cap === null ? 'none' : String(cap);
    if (key === this.fitted) return;
    this.fitted = key;
    const style = this.list.style;
    if (cap === null) {
      style.removeProperty('max-block-size');
      style.removeProperty('min-block-size');
      return;
    }
    const computed = getComputedStyle(this.list);
    const borders = parseFloat(computed.borderBlockStartWidth) + parseFloat(computed.borderBlockEndWidth) || 0;
    style.maxBlockSize = `${cap + borders}px`;
    style.minBlockSize = `min(${cap + borders}px, 240px)`;
  }

  /** Scrolls back to the top and moves the Tab stop there: a new search starts at its best hit. */
  reset(): void {
    this.focusIndex = 0;
    this.pendingFocus = null;
    this.focusTarget = null;
    // a row of the previous results losing focus as it goes is not brought back
    this.dropLostFocus = true;
    // written only when needed: setting scrollTop lays the page out there and then, in the keystroke's task
    if (this.list && this.scrolled) {
      this.list.scrollTop = 0;
      this.scrolled = false;
    }
  }

  /** Scrolls to a row and focuses it once it is rendered. */
  focusRow(index: number): void {
    const total = this.source?.total ?? 0;
    if (!total) return;
    const i = Math.max(0, Math.min(total - 1, index));
    this.focusIndex = i;
    this.focusTarget = i;
    this.dropLostFocus = false;
    this.pendingFocus = i;
    this.focusTries = 0;
    // its scroll event comes with the next frame: a search before then must still take the list back to its top
    this.scrolled = true;
    this.virtualizer?.element(i)?.scrollIntoView({ block: 'nearest' });
    this.tryFocus();
  }

  private get virtualizer() {
    return this.list?.[virtualizerRef];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const total = this.source?.total ?? 0;
    if (changed.has('source') && this.focusIndex >= total) this.focusIndex = 0;
  }

  protected override updated(): void {
    if (this.pendingFocus !== null) this.tryFocus();
  }

  protected override render() {
    const total = this.source?.total ?? 0;
    // with no row rendered (the list is off screen) the list itself takes the Tab stop:
    // a scrolling region must be reachable by keyboard
    this.listTabStop = !this.rowHoldsTabStop;
    return html`<ul
      part="list"
      class="list"
      role="list"
      aria-label=${this.label}
      tabindex=${this.listTabStop ? 0 : -1}
      @keydown=${this.onKeyDown}
      @scroll=${this.onScroll}
      @rangeChanged=${this.onRange}
      @visibilityChanged=${this.onVisibility}
      @focusin=${this.onFocusIn}
      @focusout=${this.onFocusOut}
    >
      <li virtualizer-sizer role="none"></li>
      ${virtualize<number>({
        items: indices(total),
        scroller: true,
        layout: { type: NearFlowLayout },
        // by position: a new search updates the rows on screen in place instead of building new ones
        keyFunction: (i) => i,
        renderItem: (i) => this.renderRow(i, total),
      })}
    </ul>`;
  }

  private renderRow(index: number, total: number) {
    const hit = this.source?.hit(index);
    if (!hit) {
      return html`<li class="row row--loading" data-index=${index} aria-setsize=${total} aria-posinset=${index + 1}>
        <span class="visually-hidden">${msg('正在加载…', { id: 'org-results.loading-row' })}</span>
        <span class="skeleton skeleton--name" aria-hidden="true"></span>
        <span class="skeleton skeleton--line" aria-hidden="true"></span>
      </li>`;
    }
    const org = hit.organization;
    const nameMatch = hit.matches.find((m) => m.field === 'name');
    const other = MATCH_ORDER.map((f) => hit.matches.find((m) => m.field === f)).find((m) => m !== undefined);
    const details = this.details?.(org);
    const tabStop = index === this.tabStop;
    return html`<li part="row" class="row" data-index=${index} aria-setsize=${total} aria-posinset=${index + 1}>
      <div class="row-head">
        <a
          part="name"
          class="name"
          href=${this.hrefFor(org.id)}
          tabindex=${tabStop ? 0 : -1}
          @click=${(e: MouseEvent) => this.onOpen(e, org.id, index)}
          >${highlight(org.name, nameMatch?.text === org.name ? nameMatch.ranges : [])}</a
        >
        ${org.rating
          ? html`<span part="rating-badge" class="badge rating"
              ><span aria-hidden="true">${org.rating}</span
              ><span class="visually-hidden">${msg(str`评估等级 ${org.rating}`, { id: 'card.rating' })}</span></span
            >`
          : nothing}
      </div>
      <p class="meta">
        <span>${organizationTypeLabel(org.type)}</span>
        <span class="registration registration--${org.registration.status}">${registrationLabel(org.registration.status)}</span>
        ${details?.place ? html`<span>${details.place}</span>` : nothing}
      </p>
      ${other ? this.renderMatch(other) : org.description ? html`<p class="line">${org.description}</p>` : nothing}
      ${details
        ? html`<p class="meta offers">
            ${msg(str`${details.offers} 项服务`, { id: 'org-results.offers' })}${details.openOffers > 0
              ? html`<span class="open">${msg(str`${details.openOffers} 项可预约`, { id: 'org-results.open-offers' })}</span>`
              : nothing}
          </p>`
        : nothing}
    </li>`;
  }

  private renderMatch(match: SearchMatch) {
    const label =
      match.field === 'offer'
        ? msg('服务', { id: 'org-results.match-offer' })
        : match.field === 'tag'
          ? msg('标签', { id: 'org-results.match-tag' })
          : match.field === 'category'
            ? msg('类别', { id: 'org-results.match-category' })
            : msg('简介', { id: 'org-results.match-description' });
    const cut = snippet(match.text, match.ranges);
    // a synonym (养老) is shown beside the category it stands for (为老服务)
    const category = match.field === 'category' && match.categoryCode ? categoryLabel(match.categoryCode, currentLocale()) : null;
    return html`<p class="line match">
      <span class="match-label">${label}</span>${category && category !== match.text ? `${category} · ` : ''}${cut.before
        ? '…'
        : ''}${highlight(cut.text, cut.ranges)}${cut.after ? '…' : ''}
    </p>`;
  }

  private get rowHoldsTabStop(): boolean {
    const i = this.tabStop;
    return i >= this.first && i <= this.last && this.source?.hit(i) !== undefined;
  }

  /** The row in the Tab order: the remembered one while rendered, else the first visible. */
  private get tabStop(): number {
    return this.focusIndex >= this.first && this.focusIndex <= this.last ? this.focusIndex : this.firstVisible;
  }

  private onOpen(event: MouseEvent, id: string, index: number): void {
    // a modified click opens the link's URL in a new tab, as links do
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    this.focusIndex = index;
    this.dispatchEvent(new CustomEvent<ResultSelectDetail>('select', { detail: { id, index } }));
  }

  private readonly onScroll = (): void => {
    this.scrolled = (this.list?.scrollTop ?? 0) > 0;
  };

  private readonly onRange = (event: RangeChangedEvent): void => {
    this.first = event.first;
    this.last = event.last;
    if (this.last >= this.first) this.source?.need(this.first, this.last);
    if (this.listTabStop === this.rowHoldsTabStop) this.requestUpdate();
    if (this.pendingFocus !== null) this.tryFocus();
    else if (this.settleFrames > 0) this.checkFocus();
  };

  private readonly onVisibility = (event: VisibilityChangedEvent): void => {
    const moved = event.first !== this.firstVisible;
    this.firstVisible = event.first;
    this.lastVisible = event.last;
    // the Tab stop follows scrolling, unless the person is working in the list
    if (moved && !this.matches(':focus-within')) this.requestUpdate();
  };

  private readonly onFocusIn = (event: FocusEvent): void => {
    // Tab reached the list itself: on to its row
    if (event.target === this.list) {
      this.focusRow(this.focusIndex);
      return;
    }
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    const index = Number(row?.dataset['index']);
    if (!Number.isInteger(index)) return;
    this.dropLostFocus = false;
    // while focus settles on its row, a row the virtualizer re-uses does not move the target
    if (this.settleFrames === 0 || this.focusTarget === null) this.focusTarget = index;
    if (index !== this.focusIndex) this.focusIndex = index;
  };

  /**
   * The virtualizer re-creates a row when the range around it shifts (after
   * measuring, or pinned to the end), and a removed row takes focus with it.
   * Focus lost that way goes back to its row once it is rendered again;
   * focus a person moved elsewhere is left alone.
   */
  private readonly onFocusOut = (event: FocusEvent): void => {
    const target = event.target as Element;
    const index = Number(target.closest<HTMLElement>('[data-index]')?.dataset['index']);
    if (!Number.isInteger(index)) return;
    if (event.relatedTarget) {
      if (!this.renderRoot.contains(event.relatedTarget as Node)) this.focusTarget = null;
      return;
    }
    queueMicrotask(() => {
      // still in the page: a person moved focus (to the page itself, say) and it stays there
      if (target.isConnected) {
        this.focusTarget = null;
        return;
      }
      if (this.pendingFocus !== null || this.dropLostFocus) return;
      const active = document.activeElement;
      if (active && active !== document.body) return;
      this.pendingFocus = this.focusTarget ?? index;
      this.focusTries = 0;
      this.tryFocus();
    });
  };

  /**
   * For a few frames after a row is focused the virtualizer may still move
   * and re-create rows as it measures them, without always saying so (a
   * removed element's focus leaves without a focusout in Chromium): each
   * frame, focus that is no longer on its row goes back to it.
   */
  private settleFocus(): void {
    const running = this.settleFrames > 0;
    this.settleFrames = 30;
    if (running) return;
    const frame = (): void => {
      this.checkFocus();
      if (--this.settleFrames > 0) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  private checkFocus(): void {
    const target = this.focusTarget;
    if (target === null || this.pendingFocus !== null) return;
    const active = (this.renderRoot as ShadowRoot).activeElement;
    if (active?.closest<HTMLElement>('[data-index]')?.dataset['index'] === String(target)) return;
    if (!active && document.activeElement && document.activeElement !== document.body) {
      // focus is elsewhere in the page: a person put it there
      this.focusTarget = null;
      return;
    }
    this.pendingFocus = target;
    this.focusTries = 0;
    if (!this.renderRoot.querySelector(`li[data-index="${target}"]`)) this.virtualizer?.element(target)?.scrollIntoView({ block: 'nearest' });
    this.tryFocus();
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const total = this.source?.total ?? 0;
    if (!total) return;
    const page = this.lastVisible - this.firstVisible;
    const from = this.focusIndex;
    const to = listKeyTarget(event.key, from, total, page);
    if (to === null) return;
    event.preventDefault();
    this.focusRow(to);
  };



  /**
   * Focuses the pending row once it is rendered and its page has arrived:
   * tried after every render and range change, and each frame for a few
   * seconds while a far row (End at 35,000) scrolls in and loads.
   */
  private tryFocus(): void {
    const index = this.pendingFocus;
    if (index === null) return;
    const link = this.renderRoot.querySelector<HTMLAnchorElement>(`li[data-index="${index}"] a.name`);
    if (link) {
      this.pendingFocus = null;
      if (link.tabIndex !== 0) this.requestUpdate();
      // the virtualizer has scrolled the row in; a native scroll would fight it
      link.focus({ preventScroll: true });
      this.settleFocus();
      return;
    }
    if (this.focusLoop) return;
    this.focusLoop = true;
    requestAnimationFrame(() => {
      this.focusLoop = false;
      if (this.pendingFocus === index && ++this.focusTries < 240) this.tryFocus();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-org-results': RlOrgResults;
  }
}
