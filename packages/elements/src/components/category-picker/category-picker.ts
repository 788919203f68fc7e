import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { categoryLabel, findCategory, topLevelCode, validationMessage, type CategoryItem, type Locale } from '@renling/core';
import { rlElement } from '../../base/define.js';
import { RlFormAssociatedElement } from '../../base/form-associated.js';
import { currentLocale } from '../../localization/localization.js';
import { fieldStyles } from '../../styles/form.js';
import { token } from '../../styles/tokens.js';
import { filterCategories, foldText } from './category-search.js';

/** "为老服务 · 老年助餐": what the box shows for a chosen code. */
export function categoryPathLabel(code: string, locale: Locale): string {
  if (!findCategory(code)) return code;
  const top = topLevelCode(code);
  return top === code ? categoryLabel(code, locale) : `${categoryLabel(top, locale)} · ${categoryLabel(code, locale)}`;
}

interface VisibleOption {
  code: string;
  item: CategoryItem;
  /** A top-level category offered as a choice of its own ("other … services"). */
  isTop: boolean;
}

const optionId = (code: string): string => `option-${code.replaceAll('.', '--')}`;

/**
 * @tagname rl-category-picker
 * @summary Choose a service category from the two-level taxonomy by typing:
 * labels in zh-CN, zh-TW and en and the words residents use (送饭, 吵架, 長照).
 *
 * A form control: inside a plain `<form>` its `name` is submitted with the
 * chosen code (e.g. `elderly.meals`), `required` blocks submission, and
 * `form.reset()` returns to the `value` attribute. The combobox follows the
 * ARIA 1.2 pattern: type to filter, ↓/↑ to move, Enter to choose, Esc to close.
 *
 * @event input - The chosen category changed (not fired for keystrokes in the search box).
 * @event change - The chosen category changed.
 *
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart input - The search box (role combobox).
 * @csspart toggle - The button that opens the full list.
 * @csspart listbox - The list of categories.
 * @csspart option - One category in the list.
 * @csspart error - The error message.
 *
 * @cssproperty --rl-color-surface - Background.
 * @cssproperty --rl-color-text - Text.
 * @cssproperty --rl-color-text-muted - Input border, hints.
 * @cssproperty --rl-color-primary - The chosen option's mark.
 * @cssproperty --rl-color-focus - Focus ring and the active option.
 * @cssproperty --rl-color-danger - Errors.
 * @cssproperty --rl-target-size - Height of the box and of each option.
 */
@rlElement('rl-category-picker')
export class RlCategoryPicker extends RlFormAssociatedElement {
  static override styles = [
    RlFormAssociatedElement.styles,
    fieldStyles,
    css`
      .control {
        position: relative;
        display: flex;
      }
      .control input {
        padding-inline-end: calc(${token('target-size')} + 0.2em);
      }
      .toggle {
        position: absolute;
        inset-block: 0;
        inset-inline-end: 0;
        inline-size: ${token('target-size')};
        border: 0;
        background: none;
        color: ${token('color-text')};
        cursor: pointer;
        font-size: 0.9em;
      }
      .listbox {
        margin-block-start: ${token('space-xs')};
        max-block-size: 18em;
        overflow-y: auto;
        border: max(${token('border-width')}, 1px) solid ${token('color-text-muted')};
        border-radius: ${token('radius-s')};
        background: ${token('color-surface')};
        overscroll-behavior: contain;
      }
      .listbox[hidden] {
        display: none;
      }
      .group-label {
        padding: 0.3em 0.6em;
        font-size: 0.875em;
        font-weight: 700;
        color: ${token('color-text-muted')};
        background: ${token('color-surface-muted')};
      }
      .option {
        display: flex;
        align-items: center;
        gap: 0.5em;
        min-block-size: ${token('target-size')};
        padding: 0.2em 0.6em 0.2em 1.2em;
        cursor: pointer;
        color: ${token('color-text')};
      }
      .option--top {
        padding-inline-start: 0.6em;
        font-weight: 700;
      }
      .option.active {
        outline: 3px solid ${token('color-focus')};
        outline-offset: -3px;
      }
      .option[aria-selected='true'] {
        background: ${token('color-surface-muted')};
      }
      .option[aria-selected='true']::after {
        content: '✓';
        margin-inline-start: auto;
        color: ${token('color-primary')};
        font-weight: 700;
      }
      .empty {
        padding: 0.6em;
        color: ${token('color-text-muted')};
      }
    `,
  ];

  /** The chosen category code; the `value` attribute is also what `form.reset()` returns to. */
  @property() value = '';

  /** Offer only second-level categories (no "other … services" choice per group). */
  @property({ attribute: 'leaf-only', type: Boolean }) leafOnly = false;

  /** Placeholder in the search box. */
  @property() placeholder: string | undefined;

  @state() private text = '';
  @state() private editing = false;
  @state() private open = false;
  @state() private active = -1;
  private composing = false;

  @query('input') private input!: HTMLInputElement;

  /** The visible options in list order, for keyboard movement. */
  private visible: VisibleOption[] = [];

  override focus(options?: FocusOptions): void {
    // delegatesFocus covers clicks and label activation; this covers scripts before the first render
    if (this.input) this.input.focus(options);
    else super.focus(options);
  }

  formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
    this.editing = false;
    this.open = false;
    this.reportedInvalid = false;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
  }

  protected validationAnchor(): HTMLElement | undefined {
    return this.input ?? undefined;
  }

  protected syncFormState(): void {
    this.internals.setFormValue(this.value || null);
    const locale = currentLocale();
    if (!this.value) {
      this.setValidity(this.required ? { flag: 'valueMissing', message: validationMessage('category-code', locale) } : null);
    } else if (!findCategory(this.value)) {
      this.setValidity({ flag: 'customError', message: validationMessage('unknown-category', locale) });
    } else if (this.leafOnly && !this.value.includes('.')) {
      this.setValidity({ flag: 'customError', message: validationMessage('category-code', locale) });
    } else {
      this.setValidity(null);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') && !this.editing) this.text = '';
  }

  private shownText(locale: Locale): string {
    if (this.editing) return this.text;
    return this.value ? categoryPathLabel(this.value, locale) : '';
  }

  private choose(option: VisibleOption): void {
    const changed = option.code !== this.value;
    this.value = option.code;
    this.editing = false;
    this.open = false;
    this.active = -1;
    if (changed) this.emitValueChange();
  }

  private clear(): void {
    const changed = this.value !== '';
    this.value = '';
    this.editing = false;
    if (changed) this.emitValueChange();
  }

  private readonly onInput = (event: InputEvent): void => {
    // keystrokes stay inside: the host's input event means "a category was chosen"
    event.stopPropagation();
    if (event.isComposing || this.composing) {
      // the IME is still building the word: filter on nothing until it is committed
      return;
    }
    this.search((event.target as HTMLInputElement).value);
  };

  private search(text: string): void {
    this.text = text;
    this.editing = true;
    this.open = true;
    this.active = -1;
  }

  private readonly onCompositionEnd = (event: CompositionEvent): void => {
    this.composing = false;
    this.search((event.target as HTMLInputElement).value);
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    const count = this.visible.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open) {
          this.open = true;
          this.active = Math.max(0, this.visible.findIndex((o) => o.code === this.value));
        } else if (count) this.active = (this.active + 1) % count;
        this.revealActive();
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!this.open) this.open = true;
        else if (count) this.active = this.active <= 0 ? count - 1 : this.active - 1;
        this.revealActive();
        break;
      case 'Enter': {
        const option = this.open ? this.visible[this.active] : undefined;
        if (option) {
          // choosing in the list must not submit the surrounding form
          event.preventDefault();
          this.choose(option);
        } else if (this.open) {
          event.preventDefault();
          this.commitTyped();
        }
        break;
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          this.open = false;
          this.active = -1;
        } else if (this.editing) {
          event.preventDefault();
          this.editing = false;
        }
        break;
      case 'Tab':
        this.commitTyped();
        break;
    }
  };

  /** Leaving the box: an exact label is taken as chosen, an empty box clears, anything else goes back to the choice. */
  private commitTyped(): void {
    this.open = false;
    this.active = -1;
    if (!this.editing) return;
    const typed = foldText(this.text);
    if (typed === '') {
      this.clear();
      return;
    }
    const exact = this.visible.find((o) =>
      [o.item.labels['zh-CN'], o.item.labels['zh-TW'], o.item.labels.en, categoryPathLabel(o.code, currentLocale())]
        .map(foldText)
        .includes(typed),
    );
    if (exact) this.choose(exact);
    else this.editing = false;
  }

  private readonly onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (next && this.shadowRoot?.contains(next)) return;
    this.commitTyped();
  };

  private readonly toggle = (): void => {
    this.open = !this.open;
    this.active = -1;
    this.input?.focus();
  };

  /** Keeps the active option in view as the arrow keys move it. */
  private revealActive(): void {
    void this.updateComplete.then(() => {
      const option = this.visible[this.active];
      if (option) this.shadowRoot?.getElementById(optionId(option.code))?.scrollIntoView({ block: 'nearest' });
    });
  }

  protected override render() {
    const locale = currentLocale();
    const label = this.labelText();
    // leaf-only pickers skip groups left with nothing to choose
    const groups = filterCategories(this.editing ? this.text : '').filter((g) => g.items.length > 0 || (g.topMatches && !this.leafOnly));
    this.visible = groups.flatMap((g) => [
      ...(g.topMatches && !this.leafOnly ? [{ code: g.top.code, item: g.top, isTop: true }] : []),
      ...g.items.map((item) => ({ code: item.code, item, isTop: false })),
    ]);
    const activeOption = this.open ? this.visible[this.active] : undefined;
    const error = this.visibleError();
    const describedBy = [this.hint ? 'hint' : '', error ? 'error' : ''].filter(Boolean).join(' ');
    const count = this.visible.length;
    return html`<div part="base" class="field" @focusout=${this.onFocusOut}>
      ${this.label
        ? html`<label part="label" class="label" id="label" for="input"
            >${label}${this.required ? nothing : html`<span class="optional">${msg('（选填）', { id: 'form.optional' })}</span>`}</label
          >`
        : nothing}
      ${this.hint ? html`<p id="hint" class="hint">${this.hint}</p>` : nothing}
      <div class="control">
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${this.open && count > 0 ? 'true' : 'false'}
          aria-controls="listbox"
          aria-label=${ifDefined(this.label ? undefined : label || msg('服务类别', { id: 'category-picker.label' }))}
          aria-activedescendant=${ifDefined(activeOption ? optionId(activeOption.code) : undefined)}
          aria-describedby=${ifDefined(describedBy || undefined)}
          aria-invalid=${error ? 'true' : 'false'}
          aria-required=${this.required ? 'true' : 'false'}
          placeholder=${this.placeholder ?? msg('输入关键词搜索', { id: 'category-picker.placeholder' })}
          .value=${this.shownText(locale)}
          ?disabled=${this.isDisabled}
          @input=${this.onInput}
          @compositionstart=${() => (this.composing = true)}
          @compositionend=${this.onCompositionEnd}
          @keydown=${this.onKeydown}
          @click=${() => (this.open = true)}
        />
        <button
          part="toggle"
          class="toggle"
          type="button"
          tabindex="-1"
          aria-label=${msg('显示全部类别', { id: 'category-picker.show-all' })}
          ?disabled=${this.isDisabled}
          @click=${this.toggle}
        >
          <span aria-hidden="true">${this.open ? '▲' : '▼'}</span>
        </button>
      </div>
      <div
        id="listbox"
        part="listbox"
        class="listbox"
        role="listbox"
        aria-label=${label || msg('服务类别', { id: 'category-picker.label' })}
        ?hidden=${!this.open || count === 0}
      >
        ${this.open
          ? groups.map(
              (g) => html`<div role="group" aria-labelledby=${`group-${g.top.code}`}>
                <div class="group-label" id=${`group-${g.top.code}`} role="presentation">${g.top.labels[locale]}</div>
                ${g.topMatches && !this.leafOnly ? this.renderOption({ code: g.top.code, item: g.top, isTop: true }, locale, activeOption) : nothing}
                ${g.items.map((item) => this.renderOption({ code: item.code, item, isTop: false }, locale, activeOption))}
              </div>`,
            )
          : nothing}
      </div>
      ${this.open && count === 0
        ? html`<p class="empty">${msg('没有找到相符的类别，换个说法试试', { id: 'category-picker.none' })}</p>`
        : nothing}
      <p class="visually-hidden" role="status">
        ${this.open && this.editing ? msg(str`找到 ${count} 个类别`, { id: 'category-picker.count' }) : ''}
      </p>
      ${error ? html`<p id="error" part="error" class="error">${error}</p>` : nothing}
    </div>`;
  }

  private renderOption(option: VisibleOption, locale: Locale, active: VisibleOption | undefined) {
    const text = option.isTop
      ? msg(str`${option.item.labels[locale]}（其他）`, { id: 'category-picker.other' })
      : option.item.labels[locale];
    return html`<div
      id=${optionId(option.code)}
      part="option"
      class="option ${option.isTop ? 'option--top' : ''} ${active?.code === option.code ? 'active' : ''}"
      role="option"
      aria-selected=${option.code === this.value ? 'true' : 'false'}
      @mousedown=${(e: MouseEvent) => e.preventDefault()}
      @click=${() => this.choose(option)}
    >
      ${text}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-category-picker': RlCategoryPicker;
  }
}
