import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  AREA_LEVELS,
  areaLevel,
  createAreaTree,
  validationMessage,
  type Area,
  type AreaLevel,
  type AreaTree,
  type DataAdapter,
  type Locale,
} from '@renling/core';
import { rlElement } from '../../base/define.js';
import { RlFormAssociatedElement } from '../../base/form-associated.js';
import { areaLevelLabel } from '../../base/form-labels.js';
import { servicesContext, type RenlingServices } from '../../context/services.js';
import { currentLocale } from '../../localization/localization.js';
import { fieldStyles } from '../../styles/form.js';
import { token } from '../../styles/tokens.js';

const levelIndex = (level: AreaLevel): number => AREA_LEVELS.indexOf(level);
const isLevel = (value: string): value is AreaLevel => (AREA_LEVELS as readonly string[]).includes(value);
const codeLevel = (code: string): number => {
  try {
    return levelIndex(areaLevel(code));
  } catch {
    return -1;
  }
};
const areaName = (area: Area, locale: Locale): string => (locale === 'en' && area.nameEn ? area.nameEn : area.name);

/**
 * @tagname rl-area-picker
 * @summary Choose an area level by level: district → street → community →
 * grid, one native select per level, from the adapter's `listAreas()`.
 *
 * Levels with a single choice (a street's own site has one district and one
 * street) are shown as text, not asked. A form control: inside a plain
 * `<form>` its `name` is submitted with the chosen code (with `multiple`,
 * once per chosen area), `required` and `min-level` block submission, and
 * `form.reset()` returns to the `value` attribute.
 *
 * @event input - The chosen area (or list of areas) changed.
 * @event change - The chosen area (or list of areas) changed.
 *
 * @csspart base - The fieldset.
 * @csspart label - The legend.
 * @csspart select - Each level's select.
 * @csspart button - The add and remove buttons (with `multiple`).
 * @csspart chosen - The list of chosen areas (with `multiple`).
 * @csspart error - The error message.
 *
 * @cssproperty --rl-color-surface - Background.
 * @cssproperty --rl-color-text - Text.
 * @cssproperty --rl-color-text-muted - Select borders, hints.
 * @cssproperty --rl-color-primary - Buttons.
 * @cssproperty --rl-color-focus - Focus ring.
 * @cssproperty --rl-color-danger - Errors.
 * @cssproperty --rl-target-size - Height of selects and buttons.
 */
@rlElement('rl-area-picker')
export class RlAreaPicker extends RlFormAssociatedElement {
  static override styles = [
    RlFormAssociatedElement.styles,
    fieldStyles,
    css`
      .levels {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 11em), 1fr));
        gap: ${token('space-s')};
      }
      .level {
        display: flex;
        flex-direction: column;
        gap: ${token('space-xs')};
        min-inline-size: 0;
      }
      .level label {
        font-size: 0.875em;
        color: ${token('color-text-muted')};
      }
      .fixed {
        color: ${token('color-text')};
      }
      .chosen {
        display: flex;
        flex-wrap: wrap;
        gap: ${token('space-s')};
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 0.3em;
        padding-inline-start: 0.6em;
        border: ${token('border-width')} solid ${token('color-text-muted')};
        border-radius: ${token('radius-m')};
        background: ${token('color-surface-muted')};
        max-inline-size: 100%;
      }
      .chip .button {
        padding: 0.2em 0.6em;
        border: 0;
        background: none;
        color: ${token('color-text')};
      }
      .add {
        align-self: flex-start;
        max-inline-size: 100%;
      }
      .status {
        color: ${token('color-text-muted')};
      }
    `,
  ];

  /**
   * The chosen area code; with `multiple`, the chosen codes separated by
   * spaces. The `value` attribute is also what `form.reset()` returns to.
   */
  @property() value = '';

  /** Several areas can be chosen (an offer's service areas). */
  @property({ type: Boolean, reflect: true }) multiple = false;

  /** The coarsest level that counts as an answer, e.g. `community` for a need. */
  @property({ attribute: 'min-level' }) minLevel: AreaLevel = 'district';

  /** The finest level offered. */
  @property({ attribute: 'max-level' }) maxLevel: AreaLevel = 'grid';

  /** The areas to choose from; loaded through the adapter when absent. */
  @property({ attribute: false }) areas: Area[] | null = null;

  /** An adapter for a picker used without `<rl-provider>` and without `areas`. */
  @property({ attribute: false }) adapter: DataAdapter | null = null;

  @consume({ context: servicesContext, subscribe: true })
  @state()
  private services: RenlingServices | undefined;

  /** With `multiple`: the codes chosen in the selects, not yet added. */
  @state() private draftPath: string[] = [];

  private readonly tree = new Task(this, {
    args: () => [this.areas, this.adapter ?? this.services?.adapter ?? null] as const,
    task: async ([areas, adapter], { signal }): Promise<AreaTree> =>
      createAreaTree(areas ?? (adapter ? await adapter.listAreas({ signal }) : [])),
  });

  /** The chosen codes (with `multiple`); the one chosen code, or none, otherwise. */
  get values(): string[] {
    return this.value.split(/\s+/u).filter(Boolean);
  }
  set values(codes: string[]) {
    this.value = [...new Set(codes)].join(' ');
  }

  formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
    this.draftPath = [];
    this.reportedInvalid = false;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
    else if (state instanceof FormData) this.values = state.getAll(this.name).filter((v): v is string => typeof v === 'string');
  }

  protected validationAnchor(): HTMLElement | undefined {
    return this.shadowRoot?.querySelector('select') ?? undefined;
  }

  protected syncFormState(): void {
    const codes = this.values;
    if (this.multiple && this.name) {
      const data = new FormData();
      for (const code of codes) data.append(this.name, code);
      this.internals.setFormValue(data);
    } else {
      this.internals.setFormValue(codes[0] ?? null);
    }
    const locale = currentLocale();
    const tree = this.tree.value;
    const min = isLevel(this.minLevel) ? levelIndex(this.minLevel) : 0;
    if (codes.length === 0) {
      this.setValidity(this.required ? { flag: 'valueMissing', message: validationMessage('area-code', locale) } : null);
    } else if (codes.some((c) => codeLevel(c) < 0 || (tree && tree.all.length > 0 && !tree.get(c)))) {
      this.setValidity({ flag: 'customError', message: validationMessage('area-code', locale) });
    } else if (codes.some((c) => codeLevel(c) < min)) {
      this.setValidity({ flag: 'customError', message: validationMessage('area-too-coarse', locale) });
    } else {
      this.setValidity(null);
    }
  }

  /** Levels with one choice, shown as text: the street's own district and street. */
  private fixedPath(tree: AreaTree): Area[] {
    const out: Area[] = [];
    let children = tree.children(null);
    while (children.length === 1 && children[0] && tree.children(children[0].code).length > 0) {
      out.push(children[0]);
      children = tree.children(children[0].code);
    }
    return out;
  }

  /** The fixed area itself can be the answer ("all of 华阳路街道") when it is fine enough. */
  private wholeOption(fixed: Area[]): Area | undefined {
    const last = fixed.at(-1);
    return last && levelIndex(last.level) >= levelIndex(this.minLevel) ? last : undefined;
  }

  /** The codes picked in the selects, coarsest first. */
  private chosenPath(tree: AreaTree, fixed: Area[]): string[] {
    if (this.multiple) return this.draftPath;
    const code = this.values[0];
    if (!code) return [];
    if (code === this.wholeOption(fixed)?.code) return [code];
    return tree
      .path(code)
      .map((a) => a.code)
      .filter((c) => !fixed.some((f) => f.code === c));
  }

  private onSelect(depth: number, code: string, tree: AreaTree, fixed: Area[]): void {
    const path = [...this.chosenPath(tree, fixed).slice(0, depth), ...(code ? [code] : [])];
    if (this.multiple) {
      this.draftPath = path;
      return;
    }
    const next = path.at(-1) ?? '';
    if (next === this.value) return;
    this.value = next;
    this.emitValueChange();
  }

  private addArea(code: string): void {
    if (this.values.includes(code)) return;
    this.values = [...this.values, code];
    this.draftPath = [];
    this.emitValueChange();
  }

  private removeArea(code: string): void {
    this.values = this.values.filter((c) => c !== code);
    this.emitValueChange();
    // the list item and its button are gone: keep focus in the picker
    this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('select, .chip .button')?.focus(), () => undefined);
  }

  protected override render() {
    const label = this.labelText() || msg('所在地区', { id: 'area-picker.label' });
    const error = this.visibleError();
    return html`<fieldset
      part="base"
      class="field"
      aria-describedby=${ifDefined([this.hint ? 'hint' : '', error ? 'error' : ''].filter(Boolean).join(' ') || undefined)}
      ?disabled=${this.isDisabled}
    >
      <legend part="label" class=${this.label ? 'label' : 'visually-hidden'}>
        ${label}${this.required || !this.label ? nothing : html`<span class="optional">${msg('（选填）', { id: 'form.optional' })}</span>`}
      </legend>
      ${this.hint ? html`<p id="hint" class="hint">${this.hint}</p>` : nothing}
      ${this.tree.render({
        initial: () => this.renderStatus(msg('正在加载地区…', { id: 'area-picker.loading' }), true),
        pending: () => this.renderStatus(msg('正在加载地区…', { id: 'area-picker.loading' }), true),
        error: () => this.renderStatus(msg('地区列表加载失败，请稍后再试。', { id: 'area-picker.error' }), false),
        complete: (tree) =>
          tree.all.length === 0
            ? this.renderStatus(msg('暂无可选的地区', { id: 'area-picker.empty' }), false)
            : this.renderLevels(tree, error),
      })}
      ${error ? html`<p id="error" part="error" class="error">${error}</p>` : nothing}
    </fieldset>`;
  }

  private renderStatus(text: string, busy: boolean) {
    return html`<p class="status" role="status" aria-busy=${busy ? 'true' : 'false'}>${text}</p>`;
  }

  private renderLevels(tree: AreaTree, error: string) {
    const locale = currentLocale();
    const fixed = this.fixedPath(tree);
    const path = this.chosenPath(tree, fixed);
    const min = levelIndex(this.minLevel);
    const max = isLevel(this.maxLevel) ? levelIndex(this.maxLevel) : AREA_LEVELS.length - 1;
    const whole = this.wholeOption(fixed);
    const selects: { depth: number; options: readonly Area[]; selected: string }[] = [];
    let parent: string | null = fixed.at(-1)?.code ?? null;
    for (let depth = 0; ; depth++) {
      const options = tree.children(parent).filter((a) => levelIndex(a.level) <= max);
      if (options.length === 0) break;
      const selected = path[depth] ?? '';
      selects.push({ depth, options, selected });
      // nothing chosen yet, or the whole fixed area chosen: no finer level to ask
      if (!selected || selected === whole?.code) break;
      parent = selected;
    }
    const describedBy = error ? 'error' : undefined;
    return html`${fixed.length ? html`<p class="fixed">${fixed.map((a) => areaName(a, locale)).join(locale === 'en' ? ', ' : ' ')}</p>` : nothing}
      <div class="levels">
        ${selects.map(({ depth, options, selected }) => {
          const level = options[0]?.level ?? 'community';
          // a finer level than needed may stay open; the first select of a list to add to may not
          const optional = levelIndex(level) > min && !(this.multiple && depth === 0);
          return html`<div class="level">
            <label for=${`level-${depth}`}>${areaLevelLabel(level)}</label>
            <select
              id=${`level-${depth}`}
              part="select"
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${ifDefined(describedBy)}
              aria-required=${this.required && !optional ? 'true' : 'false'}
              @change=${(e: Event) => this.onSelect(depth, (e.target as HTMLSelectElement).value, tree, fixed)}
            >
              <option value="" ?selected=${!selected}>
                ${optional ? msg('不指定', { id: 'area-picker.any' }) : msg('请选择', { id: 'area-picker.choose' })}
              </option>
              ${depth === 0 && whole
                ? html`<option value=${whole.code} ?selected=${whole.code === selected}>
                    ${msg(str`整个${areaName(whole, locale)}`, { id: 'area-picker.whole' })}
                  </option>`
                : nothing}
              ${options.map((a) => html`<option value=${a.code} ?selected=${a.code === selected}>${areaName(a, locale)}</option>`)}
            </select>
          </div>`;
        })}
      </div>
      ${this.multiple ? this.renderMultiple(tree, fixed, path, min, locale) : nothing}`;
  }

  /** An area named below the fixed levels ("飞乐居委会 第一网格"): the fixed part is already on screen. */
  private shortLabel(tree: AreaTree, fixed: Area[], code: string, locale: Locale): string {
    const path = tree.path(code);
    if (path.length === 0) return code;
    const below = path.filter((a) => !fixed.some((f) => f.code === a.code));
    return (below.length ? below : path.slice(-1)).map((a) => areaName(a, locale)).join(locale === 'en' ? ', ' : ' ');
  }

  private renderMultiple(tree: AreaTree, fixed: Area[], path: string[], min: number, locale: Locale) {
    const candidate = path.at(-1);
    const addable = candidate !== undefined && codeLevel(candidate) >= min && !this.values.includes(candidate);
    const candidateLabel = candidate ? this.shortLabel(tree, fixed, candidate, locale) : '';
    return html`<button
        part="button"
        class="button button--secondary add"
        type="button"
        ?disabled=${!addable}
        @click=${() => candidate && this.addArea(candidate)}
      >
        ${addable ? msg(str`添加“${candidateLabel}”`, { id: 'area-picker.add-named' }) : msg('添加所选地区', { id: 'area-picker.add' })}
      </button>
      ${this.values.length
        ? html`<ul part="chosen" class="chosen" aria-label=${msg('已选地区', { id: 'area-picker.chosen' })}>
            ${this.values.map((code) => {
              const name = this.shortLabel(tree, fixed, code, locale);
              return html`<li class="chip">
                <span>${name}</span>
                <button
                  part="button"
                  class="button"
                  type="button"
                  aria-label=${msg(str`移除“${name}”`, { id: 'area-picker.remove' })}
                  @click=${() => this.removeArea(code)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>`;
            })}
          </ul>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-area-picker': RlAreaPicker;
  }
}
