import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import {
  AUDIENCES,
  ORGANIZATION_TYPES,
  RATINGS,
  REGISTRATION_STATUSES,
  categoryLabel,
  taxonomy,
  topLevelCode,
  type Area,
  type AreaTree,
  type Locale,
  type Rating,
} from '@renling/core';
import { rlElement } from '../../base/define.js';
import { audienceLabel, organizationTypeLabel, registrationLabel } from '../../base/labels.js';
import { RlElement } from '../../base/rl-element.js';
import { currentLocale } from '../../localization/localization.js';
import { token } from '../../styles/tokens.js';
import { EMPTY_FILTERS, type DirectoryFilters } from './directory-state.js';

/** Levels a resident picks from; grids are finer than any organization's service area is listed. */
const PICKABLE_LEVELS = new Set(['district', 'street', 'community']);

const areaName = (a: Area, locale: Locale): string => (locale === 'en' && a.nameEn ? a.nameEn : a.name);

/**
 * @tagname rl-org-filters
 * @summary The directory's filters: category (two levels), area (district →
 * street → community), organization type, registration, minimum rating,
 * audience and free places. Native controls throughout: they are the ones a
 * phone shows large and a screen reader knows best.
 *
 * @event change - The filters changed; read `filters`.
 *
 * @csspart base - The form.
 */
@rlElement('rl-org-filters')
export class RlOrgFilters extends RlElement {
  static override styles = [
    RlElement.styles,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: ${token('space-m')};
      }
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
        min-inline-size: 0;
        display: flex;
        flex-direction: column;
        gap: ${token('space-s')};
      }
      legend,
      .field-label {
        padding: 0;
        margin-block-end: ${token('space-xs')};
        font-weight: 600;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: ${token('space-xs')};
      }
      .sub-label {
        font-size: 0.875em;
        color: ${token('color-text-muted')};
      }
      select {
        min-block-size: ${token('target-size')};
        inline-size: 100%;
        padding: 0.3em 0.5em;
        font: inherit;
        color: ${token('color-text')};
        background: ${token('color-surface')};
        border: ${token('border-width')} solid ${token('color-border')};
        border-radius: ${token('radius-m')};
      }
      select:disabled {
        color: ${token('color-text-muted')};
        background: ${token('color-surface-muted')};
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: ${token('space-s')};
      }
      .choice {
        display: inline-flex;
        align-items: center;
        gap: ${token('space-s')};
        min-block-size: ${token('target-size')};
        padding: 0.2em 0.8em 0.2em 0.6em;
        border: ${token('border-width')} solid ${token('color-border')};
        border-radius: ${token('radius-m')};
        background: ${token('color-surface')};
        cursor: pointer;
        line-height: 1.3;
      }
      .choice:has(input:checked) {
        border-color: ${token('color-primary')};
        box-shadow: inset 0 0 0 1px ${token('color-primary')};
      }
      .choice:has(input:focus-visible) {
        outline: 3px solid ${token('color-focus')};
        outline-offset: 2px;
      }
      .choice input {
        inline-size: 1.2em;
        block-size: 1.2em;
        margin: 0;
        accent-color: ${token('color-primary')};
        flex: none;
      }
      .choice input:focus-visible {
        outline: none;
      }
      .wide {
        inline-size: 100%;
      }
    `,
  ];

  /** The filters shown; replaced (never mutated) on each change. */
  @property({ attribute: false }) filters: DirectoryFilters = EMPTY_FILTERS;

  /** The areas to pick from; without it the area filter is left out. */
  @property({ attribute: false }) areaTree: AreaTree | null = null;

  private set(next: Partial<DirectoryFilters>): void {
    this.filters = { ...this.filters, ...next };
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  protected override render() {
    const locale = currentLocale();
    return html`<form part="base" @submit=${(e: Event) => e.preventDefault()}>
      ${this.renderCategory(locale)} ${this.renderArea(locale)}
      ${this.renderChecks(
        'type',
        msg('组织类型', { id: 'org-filters.type' }),
        ORGANIZATION_TYPES,
        this.filters.type,
        organizationTypeLabel,
        (type) => this.set({ type }),
      )}
      ${this.renderChecks(
        'registration',
        msg('登记情况', { id: 'org-filters.registration' }),
        REGISTRATION_STATUSES,
        this.filters.registration,
        registrationLabel,
        (registration) => this.set({ registration }),
      )}
      <div class="field">
        <label class="field-label" for="rating">${msg('评估等级', { id: 'org-filters.rating' })}</label>
        <select id="rating" name="rating" @change=${this.onRating}>
          <option value="" ?selected=${!this.filters.minRating}>${msg('不限', { id: 'org-filters.any' })}</option>
          ${RATINGS.map(
            (r) =>
              html`<option value=${r} ?selected=${this.filters.minRating === r}>
                ${r === '5A' ? r : msg(str`${r} 及以上`, { id: 'org-filters.rating-at-least' })}
              </option>`,
          )}
        </select>
      </div>
      ${this.renderChecks(
        'audience',
        msg('服务对象', { id: 'org-filters.audience' }),
        AUDIENCES,
        this.filters.audience,
        audienceLabel,
        (audience) => this.set({ audience }),
      )}
      <label class="choice wide">
        <input type="checkbox" name="has-capacity" .checked=${this.filters.hasCapacity} @change=${this.onCapacity} />
        ${msg('只看还有空余名额的', { id: 'org-filters.has-capacity' })}
      </label>
    </form>`;
  }

  private renderCategory(locale: Locale) {
    const code = this.filters.category;
    const topCode = code ? topLevelCode(code) : '';
    const top = taxonomy.find((c) => c.code === topCode);
    return html`<fieldset>
      <legend>${msg('服务类别', { id: 'org-filters.category' })}</legend>
      <label class="field">
        <span class="sub-label">${msg('大类', { id: 'org-filters.category-top' })}</span>
        <select name="category" @change=${(e: Event) => this.set({ category: (e.target as HTMLSelectElement).value || null })}>
          <option value="" ?selected=${!topCode}>${msg('全部类别', { id: 'org-filters.category-all' })}</option>
          ${taxonomy.map((c) => html`<option value=${c.code} ?selected=${c.code === topCode}>${categoryLabel(c.code, locale)}</option>`)}
        </select>
      </label>
      <label class="field">
        <span class="sub-label">${msg('小类', { id: 'org-filters.category-sub' })}</span>
        <select
          name="subcategory"
          ?disabled=${!top}
          @change=${(e: Event) => this.set({ category: (e.target as HTMLSelectElement).value || topCode || null })}
        >
          <option value="" ?selected=${code === topCode}>
            ${top ? msg(str`全部${categoryLabel(top.code, locale)}`, { id: 'org-filters.category-sub-all' }) : msg('先选大类', { id: 'org-filters.category-pick-top' })}
          </option>
          ${top?.children.map(
            (c) => html`<option value=${c.code} ?selected=${c.code === code}>${categoryLabel(c.code, locale)}</option>`,
          ) ?? nothing}
        </select>
      </label>
    </fieldset>`;
  }

  /**
   * Cascading selects from the first level that offers a choice: a street's
   * own site has one district and one street, and asking a resident to pick
   * them would only add two steps.
   */
  private renderArea(locale: Locale) {
    const tree = this.areaTree;
    if (!tree) return nothing;
    let options = tree.children(null).filter((a) => PICKABLE_LEVELS.has(a.level));
    while (options.length === 1 && options[0]) {
      options = tree.children(options[0].code).filter((a) => PICKABLE_LEVELS.has(a.level));
    }
    if (!options.length) return nothing;
    const selected = this.filters.area ? tree.path(this.filters.area).map((a) => a.code) : [];
    const levels: { options: readonly Area[]; value: string; parent: string | null }[] = [];
    let parent: string | null = options[0]?.parentCode ?? null;
    while (options.length) {
      const value = options.find((a) => selected.includes(a.code))?.code ?? '';
      levels.push({ options, value, parent });
      if (!value) break;
      parent = value;
      options = tree.children(value).filter((a) => PICKABLE_LEVELS.has(a.level));
    }
    return html`<fieldset>
      <legend>${msg('服务地区', { id: 'org-filters.area' })}</legend>
      ${levels.map(
        (level) => html`<label class="field">
          <span class="sub-label">${this.levelLabel(level.options[0]?.level ?? 'community')}</span>
          <select name="area-${level.options[0]?.level ?? 'community'}" @change=${(e: Event) => this.set({ area: (e.target as HTMLSelectElement).value || level.parent })}>
            <option value="" ?selected=${!level.value}>${msg('不限', { id: 'org-filters.any' })}</option>
            ${level.options.map((a) => html`<option value=${a.code} ?selected=${a.code === level.value}>${areaName(a, locale)}</option>`)}
          </select>
        </label>`,
      )}
    </fieldset>`;
  }

  private levelLabel(level: string): string {
    switch (level) {
      case 'district':
        return msg('区', { id: 'org-filters.area-district' });
      case 'street':
        return msg('街道 / 镇', { id: 'org-filters.area-street' });
      default:
        return msg('社区 / 村', { id: 'org-filters.area-community' });
    }
  }

  private renderChecks<T extends string>(
    name: string,
    legend: string,
    all: readonly T[],
    checked: readonly T[],
    label: (value: T) => string,
    apply: (values: T[]) => void,
  ) {
    const toggle = (value: T, on: boolean): void => {
      // kept in vocabulary order, so equal filters always make the same URL
      apply(all.filter((v) => (v === value ? on : checked.includes(v))));
    };
    return html`<fieldset>
      <legend>${legend}</legend>
      <div class="choices">
        ${all.map(
          (value) => html`<label class="choice">
            <input
              type="checkbox"
              name=${name}
              value=${value}
              .checked=${checked.includes(value)}
              @change=${(e: Event) => toggle(value, (e.target as HTMLInputElement).checked)}
            />
            ${label(value)}
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private readonly onRating = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    this.set({ minRating: RATINGS.find((r): r is Rating => r === value) ?? null });
  };

  private readonly onCapacity = (event: Event): void => {
    this.set({ hasCapacity: (event.target as HTMLInputElement).checked });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-org-filters': RlOrgFilters;
  }
}
