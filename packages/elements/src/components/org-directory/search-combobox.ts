import { msg } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { rlElement } from '../../base/define.js';
import { RlElement } from '../../base/rl-element.js';
import { token } from '../../styles/tokens.js';

/**
 * @tagname rl-search-combobox
 * @summary A search box with a list of suggestions, following the ARIA 1.2
 * editable combobox pattern with list autocomplete.
 *
 * Keys: ↓/↑ move through the suggestions (opening the list first; Alt+↓ opens
 * it without moving), Home/End return to the text, Enter takes the active
 * suggestion or submits the text, Esc closes the list and then clears the
 * text, Tab takes the active suggestion and moves on. While an input method
 * is composing (pinyin, zhuyin…), none of these keys act: Enter there picks a
 * character, not a suggestion.
 *
 * @event input - The text changed (after typing, once composition has ended, or after clearing). Read `value`.
 * @event change - The search was submitted: Enter, a suggestion taken or the text cleared.
 *
 * @csspart base - The wrapper.
 * @csspart label - The visible label.
 * @csspart input - The text field.
 * @csspart clear-button - The button that empties the field.
 * @csspart listbox - The suggestion list.
 * @csspart option - One suggestion.
 * @csspart mark - The part of a suggestion that matches the text.
 */
@rlElement('rl-search-combobox')
export class RlSearchCombobox extends RlElement {
  static override styles = [
    RlElement.styles,
    css`
      :host {
        position: relative;
      }
      label {
        display: block;
        margin-block-end: ${token('space-xs')};
        font-weight: 600;
      }
      .control {
        position: relative;
        display: flex;
        align-items: center;
      }
      .icon {
        position: absolute;
        inset-inline-start: 0.75em;
        inline-size: 1.1em;
        block-size: 1.1em;
        color: ${token('color-text-muted')};
        pointer-events: none;
      }
      input {
        flex: 1;
        min-inline-size: 0;
        min-block-size: ${token('target-size')};
        padding: 0.4em 3em 0.4em 2.4em;
        font: inherit;
        font-size: 1.125em;
        color: ${token('color-text')};
        background: ${token('color-surface')};
        border: ${token('border-width')} solid ${token('color-border')};
        border-radius: ${token('radius-m')};
        outline-offset: 0;
      }
      input::placeholder {
        color: ${token('color-text-muted')};
        opacity: 1;
      }
      input:focus-visible {
        outline: 3px solid ${token('color-focus')};
        border-color: ${token('color-focus')};
      }
      .clear {
        position: absolute;
        inset-inline-end: 0;
        inset-block: 0;
        min-inline-size: ${token('target-size')};
        border: 0;
        background: transparent;
        color: ${token('color-text-muted')};
        font-size: 1.5em;
        line-height: 1;
        cursor: pointer;
        border-radius: ${token('radius-m')};
      }
      .clear:hover {
        color: ${token('color-text')};
      }
      .hint {
        margin-block-start: ${token('space-xs')};
        font-size: 0.875em;
        color: ${token('color-text-muted')};
      }
      [role='listbox'] {
        position: absolute;
        z-index: 20;
        inset-inline: 0;
        margin-block-start: 2px;
        max-block-size: min(60vh, 24em);
        overflow-y: auto;
        background: ${token('color-surface')};
        border: ${token('border-width')} solid ${token('color-border')};
        border-radius: ${token('radius-m')};
        box-shadow: 0 4px 16px rgb(0 0 0 / 20%);
        padding-block: ${token('space-xs')};
      }
      [role='option'] {
        display: flex;
        align-items: center;
        min-block-size: ${token('target-size')};
        padding: 0.25em 1em;
        cursor: pointer;
        color: ${token('color-text')};
      }
      [role='option']:hover {
        background: ${token('color-surface-muted')};
      }
      [role='option'][aria-selected='true'] {
        background: ${token('color-surface-muted')};
        outline: 2px solid ${token('color-focus')};
        outline-offset: -2px;
      }
      mark {
        background: transparent;
        color: inherit;
        font-weight: 700;
      }
    `,
  ];

  /** The text in the field. */
  @property() value = '';

  /** Suggestions for the current text, best first. */
  @property({ attribute: false }) suggestions: readonly string[] = [];

  /** The field's visible label. */
  @property() label = '';

  /** Example text shown in the empty field. */
  @property() placeholder = '';

  /** A line under the field saying what can be typed; it also describes the field to screen readers. */
  @property() hint = '';

  @state() private expanded = false;
  @state() private active = -1;

  @query('input') private input!: HTMLInputElement;

  private composing = false;

  /** Focuses the text field. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // new suggestions: nothing is active among them yet
    if (changed.has('suggestions')) this.active = -1;
  }

  private get showList(): boolean {
    return this.expanded && this.suggestions.length > 0;
  }

  protected override render() {
    const show = this.showList;
    return html`<div part="base">
      <label id="label" part="label" for="input">${this.label || msg('搜索', { id: 'search-box.label' })}</label>
      <div class="control">
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.4">
          <circle cx="10.5" cy="10.5" r="6.5"></circle>
          <path d="M15.5 15.5 21 21" stroke-linecap="round"></path>
        </svg>
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          inputmode="search"
          enterkeyhint="search"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${show ? 'true' : 'false'}
          aria-controls="listbox"
          aria-activedescendant=${ifDefined(show && this.active >= 0 ? `option-${this.active}` : undefined)}
          aria-describedby=${ifDefined(this.hint ? 'hint' : undefined)}
          placeholder=${ifDefined(this.placeholder || undefined)}
          .value=${live(this.value)}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
          @compositionstart=${this.onCompositionStart}
          @compositionend=${this.onCompositionEnd}
          @focus=${this.onFocus}
          @blur=${this.onBlur}
          @click=${this.onFocus}
        />
        ${this.value
          ? html`<button part="clear-button" class="clear" type="button" aria-label=${msg('清除搜索内容', { id: 'search-box.clear' })} @click=${this.clear}>
              <span aria-hidden="true">×</span>
            </button>`
          : nothing}
      </div>
      ${this.hint ? html`<p id="hint" class="hint">${this.hint}</p>` : nothing}
      <ul
        id="listbox"
        part="listbox"
        role="listbox"
        aria-labelledby="label"
        ?hidden=${!show}
        @pointerdown=${this.keepFocus}
      >
        ${show ? this.suggestions.map((s, i) => this.renderOption(s, i)) : nothing}
      </ul>
    </div>`;
  }

  private renderOption(suggestion: string, index: number) {
    const q = this.value.trim();
    const at = q ? suggestion.toLowerCase().indexOf(q.toLowerCase()) : -1;
    return html`<li
      id="option-${index}"
      part="option"
      role="option"
      aria-selected=${index === this.active ? 'true' : 'false'}
      @click=${() => this.choose(suggestion)}
    >
      ${at >= 0
        ? html`${suggestion.slice(0, at)}<mark part="mark">${suggestion.slice(at, at + q.length)}</mark>${suggestion.slice(at + q.length)}`
        : suggestion}
    </li>`;
  }

  private emit(type: 'input' | 'change'): void {
    this.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
  }

  private readonly onInput = (event: InputEvent): void => {
    // the field's own input event is replaced by ours, which waits for composition to end
    event.stopPropagation();
    // kept in step even while composing, so a re-render never writes over the IME's text
    this.value = this.input.value;
    if (event.isComposing || this.composing) return;
    this.expanded = true;
    this.emit('input');
  };

  private readonly onCompositionStart = (): void => {
    this.composing = true;
  };

  private readonly onCompositionEnd = (): void => {
    this.composing = false;
    // Chrome sends the last input event before compositionend, Firefox after: emit here for
    // both (Firefox's then says the same text again, which listeners can ignore)
    this.value = this.input.value;
    this.expanded = true;
    this.emit('input');
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    // 229: Safari sends the Enter that ends a composition after compositionend, with this code
    if (event.isComposing || this.composing || event.keyCode === 229) return;
    const count = this.suggestions.length;
    const show = this.showList;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!count) return;
        if (!show) {
          this.expanded = true;
          this.active = event.altKey ? -1 : 0;
        } else if (!event.altKey) this.active = (this.active + 1) % count;
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!count) return;
        if (event.altKey) {
          this.expanded = false;
        } else if (!show) {
          this.expanded = true;
          this.active = count - 1;
        } else this.active = this.active <= 0 ? count - 1 : this.active - 1;
        break;
      case 'Home':
      case 'End':
      case 'ArrowLeft':
      case 'ArrowRight':
        // visual focus goes back to the text; the caret moves as usual
        this.active = -1;
        break;
      case 'Enter': {
        event.preventDefault();
        const chosen = show && this.active >= 0 ? this.suggestions[this.active] : undefined;
        if (chosen !== undefined) this.choose(chosen);
        else {
          this.expanded = false;
          this.emit('change');
        }
        break;
      }
      case 'Escape':
        if (show) {
          event.preventDefault();
          this.expanded = false;
          this.active = -1;
        } else if (this.value) {
          event.preventDefault();
          this.clear();
        }
        break;
      case 'Tab': {
        // focus moves on as usual; an active suggestion is taken on the way
        const chosen = show && this.active >= 0 ? this.suggestions[this.active] : undefined;
        this.expanded = false;
        if (chosen !== undefined) this.choose(chosen, false);
        break;
      }
    }
  };

  private choose(suggestion: string, refocus = true): void {
    this.value = suggestion;
    this.expanded = false;
    this.active = -1;
    this.emit('input');
    this.emit('change');
    if (refocus) this.input.focus();
  }

  private readonly clear = (): void => {
    this.value = '';
    this.expanded = false;
    this.active = -1;
    this.emit('input');
    this.emit('change');
    this.input.focus();
  };

  private readonly onFocus = (): void => {
    if (this.value) this.expanded = true;
  };

  private readonly onBlur = (): void => {
    this.expanded = false;
    this.active = -1;
  };

  /** A click on a suggestion must not take focus from the field (it would close the list first). */
  private readonly keepFocus = (event: PointerEvent): void => {
    event.preventDefault();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-search-combobox': RlSearchCombobox;
  }
}
