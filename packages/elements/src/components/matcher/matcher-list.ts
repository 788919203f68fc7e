import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { RangeChangedEvent, VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { rlElement } from '../../base/define.js';
import { RlElement } from '../../base/rl-element.js';
import { matcherListStyles } from './matcher-list.styles.js';
import { listKeyTarget } from '../../base/list-keys.js';
import { holdResizeLoopGuard, releaseResizeLoopGuard } from '../../base/resize-loop-guard.js';

export interface ListSelectDetail {
  id: string;
  index: number;
}


/**
 * @tagname rl-matcher-list
 * @summary One list of the matching desk (needs or offers) as a single-select
 * listbox: virtualized, so thousands of items keep a few dozen rows in the
 * DOM, with a roving focus (↑ ↓ PageUp PageDown Home End move, Enter or
 * Space selects).
 *
 * @event select - An item was chosen; `detail` is `{ id, index }`.
 *
 * @csspart list - The scrolling listbox.
 * @csspart row - One item.
 *
 * @cssproperty --rl-matcher-list-height - Height of the scrolling list.
 */
@rlElement('rl-matcher-list')
export class RlMatcherList<T extends { id: string } = { id: string }> extends RlElement {
  static override styles = [RlElement.styles, matcherListStyles];

  @property({ attribute: false }) items: readonly T[] = [];

  /** The chosen item's id. */
  @property({ attribute: 'selected-id' }) selectedId: string | null = null;

  /** Accessible name of the list. */
  @property() label = '';

  /** Prefix of the rows' ids, unique within the page's shadow root. */
  @property({ attribute: 'id-prefix' }) idPrefix = 'item';

  /** A row's content: text only (a listbox option holds no controls). */
  @property({ attribute: false }) renderRow: ((item: T, index: number) => TemplateResult) | null = null;

  /** Changes whenever the items' shown data change but the array does not. */
  @property({ type: Number }) version = 0;

  /** The row holding the Tab stop. */
  @state() private focusIndex = 0;

  @query('[role="listbox"]') private list!: HTMLElement & VirtualizerHostElement;

  private first = 0;
  private last = -1;
  private firstVisible = 0;
  private lastVisible = 0;
  private pendingFocus: number | null = null;
  private focusTries = 0;
  private focusLoop = false;
  private listTabStop = true;

  override connectedCallback(): void {
    super.connectedCallback();
    holdResizeLoopGuard();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    releaseResizeLoopGuard();
  }

  /** Scrolls to an item and focuses it once it is rendered. */
  focusRow(index: number): void {
    const total = this.items.length;
    if (!total) {
      this.list?.focus();
      return;
    }
    const i = Math.max(0, Math.min(total - 1, index));
    this.focusIndex = i;
    this.pendingFocus = i;
    this.focusTries = 0;
    this.virtualizer?.element(i)?.scrollIntoView({ block: 'nearest' });
    this.tryFocus();
  }

  /** Focuses the chosen item, or the first. */
  override focus(): void {
    const selected = this.selectedId === null ? -1 : this.items.findIndex((item) => item.id === this.selectedId);
    this.focusRow(selected === -1 ? this.focusIndex : selected);
  }

  private get virtualizer() {
    return this.list?.[virtualizerRef];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('items') && this.focusIndex >= this.items.length) this.focusIndex = Math.max(0, this.items.length - 1);
  }

  protected override updated(): void {
    if (this.pendingFocus !== null) this.tryFocus();
  }

  protected override render() {
    const total = this.items.length;
    // with no row rendered (the list is off screen) the list itself takes the Tab stop:
    // a scrolling region must be reachable by keyboard
    this.listTabStop = !this.rowHoldsTabStop;
    return html`<div
      part="list"
      class="list"
      role="listbox"
      aria-label=${this.label}
      tabindex=${this.listTabStop ? 0 : -1}
      @keydown=${this.onKeyDown}
      @click=${this.onClick}
      @rangeChanged=${this.onRange}
      @visibilityChanged=${this.onVisibility}
      @focusin=${this.onFocusIn}
      @focusout=${this.onFocusOut}
    >
      ${virtualize<T>({
        items: this.items as T[],
        scroller: true,
        layout: flow(),
        // for one update after the items shrink, the virtualizer still asks for indexes past the end
        keyFunction: (item: T | undefined) => item?.id ?? '',
        renderItem: (item: T | undefined, index) => (item ? this.renderOption(item, index, total) : html``),
      })}
    </div>`;
  }

  private renderOption(item: T, index: number, total: number) {
    const selected = item.id === this.selectedId;
    return html`<div
      part="row"
      class="row ${selected ? 'row--selected' : ''}"
      role="option"
      id=${`${this.idPrefix}-${index}`}
      data-index=${index}
      data-id=${item.id}
      aria-selected=${selected ? 'true' : 'false'}
      aria-setsize=${total}
      aria-posinset=${index + 1}
      tabindex=${index === this.tabStop ? 0 : -1}
    >
      ${this.renderRow?.(item, index) ?? item.id}
    </div>`;
  }

  private get rowHoldsTabStop(): boolean {
    const i = this.tabStop;
    return this.items.length > 0 && i >= this.first && i <= this.last;
  }

  /** The row in the Tab order: the remembered one while rendered, else the first visible. */
  private get tabStop(): number {
    return this.focusIndex >= this.first && this.focusIndex <= this.last ? this.focusIndex : this.firstVisible;
  }

  private choose(index: number): void {
    const item = this.items[index];
    if (!item) return;
    this.focusIndex = index;
    this.dispatchEvent(new CustomEvent<ListSelectDetail>('select', { detail: { id: item.id, index } }));
  }

  private readonly onClick = (event: MouseEvent): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    const index = Number(row?.dataset['index']);
    if (Number.isInteger(index)) this.choose(index);
  };

  private readonly onRange = (event: RangeChangedEvent): void => {
    this.first = event.first;
    this.last = event.last;
    if (this.listTabStop === this.rowHoldsTabStop) this.requestUpdate();
    if (this.pendingFocus !== null) this.tryFocus();
  };

  private readonly onVisibility = (event: VisibilityChangedEvent): void => {
    const moved = event.first !== this.firstVisible;
    this.firstVisible = event.first;
    this.lastVisible = event.last;
    // the Tab stop follows scrolling, unless the person is working in the list
    if (moved && !this.matches(':focus-within')) this.requestUpdate();
  };

  private readonly onFocusIn = (event: FocusEvent): void => {
    if (event.target === this.list) {
      this.focusRow(this.focusIndex);
      return;
    }
    const index = Number((event.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset['index']);
    if (Number.isInteger(index) && index !== this.focusIndex) this.focusIndex = index;
  };

  /** A row the virtualizer re-created takes focus with it; focus lost that way goes back to the same row. */
  private readonly onFocusOut = (event: FocusEvent): void => {
    const target = event.target as Element;
    const index = Number(target.closest<HTMLElement>('[data-index]')?.dataset['index']);
    if (event.relatedTarget || !Number.isInteger(index)) return;
    queueMicrotask(() => {
      if (target.isConnected || this.pendingFocus !== null) return;
      const active = document.activeElement;
      if (active && active !== document.body) return;
      this.pendingFocus = index;
      this.focusTries = 0;
      this.tryFocus();
    });
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const total = this.items.length;
    if (!total) return;
    const page = this.lastVisible - this.firstVisible;
    const from = this.focusIndex;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.choose(from);
      return;
    }
    const to = listKeyTarget(event.key, from, total, page);
    if (to === null) return;
    event.preventDefault();
    this.focusRow(to);
  };

  /** Focuses the pending row once rendered: tried after every render and range change, and each frame for a while. */
  private tryFocus(): void {
    const index = this.pendingFocus;
    if (index === null) return;
    const row = this.renderRoot.querySelector<HTMLElement>(`[role="option"][data-index="${index}"]`);
    if (row) {
      this.pendingFocus = null;
      if (row.tabIndex !== 0) this.requestUpdate();
      row.focus({ preventScroll: true });
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
    'rl-matcher-list': RlMatcherList;
  }
}
