import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  AdapterError,
  capacityLeft,
  categoryLabel,
  findCategory,
  isAbortError,
  topLevelCode,
  type Area,
  type DataAdapter,
  type Locale,
  type Organization,
  type Project,
  type ServiceOffer,
} from '@renling/core';
import { rlElement } from '../../base/define.js';
import { RlElement } from '../../base/rl-element.js';
import { formatDate, formatDateRange, formatMoney, formatNumber, formatPercent, formatPrice } from '../../base/format.js';
import {
  capacityLeftLabel,
  fundingSourceLabel,
  offerStatusLabel,
  organizationTypeLabel,
  projectStatusLabel,
  registrationLabel,
  serviceModeLabel,
} from '../../base/labels.js';
import { servicesContext, type RenlingServices } from '../../context/services.js';
import { RlClaimRequestEvent } from '../../events/claim-request.js';
import { currentLocale } from '../../localization/localization.js';
import { projectCardStyles } from './project-card.styles.js';

export type ProjectCardLayout = 'compact' | 'full';

/** What the card shows once its data is in: a project, or an offer (the booking variant). */
export type ProjectCardData =
  | { kind: 'project'; project: Project; organization: Organization | null; areas: Area[]; areaCount: number }
  | { kind: 'offer'; offer: ServiceOffer; organization: Organization | null; areas: Area[]; areaCount: number };

/** Offers list many service areas; the card names a few and counts the rest. */
const AREAS_SHOWN = 3;

/**
 * @tagname rl-project-card
 * @summary A community service project (公益项目) or, as its offer variant, a
 * service offer with capacity left and a booking button.
 *
 * Give it records as properties (`project` or `offer`, with `organization`
 * and `areas`), or ids as attributes (`project-id`, `offer-id`) to load them
 * through the adapter of the surrounding `<rl-provider>` (or its own
 * `adapter` property).
 *
 * @event {RlClaimRequestEvent} rl-claim-request - The book button was pressed; `detail` is a `ClaimRequest` (direction `offer-booking`).
 *
 * @csspart base - The card's outer box (an `article`).
 * @csspart header - Status, category, title and organization.
 * @csspart status - The status badge.
 * @csspart title - The title.
 * @csspart organization - The organization line.
 * @csspart rating-badge - The 5A…1A grade badge.
 * @csspart body - Summary, facts and progress.
 * @csspart facts - The list of facts (funding, budget, period, area…).
 * @csspart progress - The beneficiaries or capacity bar's track.
 * @csspart progress-indicator - The bar's filled part.
 * @csspart footer - The actions row (offer variant).
 * @csspart button - The book button, and the retry button of the error state.
 * @csspart message - The empty, loading and error messages.
 *
 * @cssproperty --rl-color-surface - Card background.
 * @cssproperty --rl-color-surface-muted - Bar tracks and skeletons.
 * @cssproperty --rl-color-text - Text.
 * @cssproperty --rl-color-text-muted - Secondary text.
 * @cssproperty --rl-color-border - Border.
 * @cssproperty --rl-color-primary - Book button and accents.
 * @cssproperty --rl-color-on-primary - Text on the book button.
 * @cssproperty --rl-color-success - Progress bar.
 * @cssproperty --rl-color-warning - Low capacity.
 * @cssproperty --rl-color-danger - Errors and full capacity.
 * @cssproperty --rl-color-badge - Rating badge background.
 * @cssproperty --rl-color-badge-text - Rating badge text.
 * @cssproperty --rl-color-focus - Focus ring.
 * @cssproperty --rl-font-family - Font stack.
 * @cssproperty --rl-font-size - Base text size (px); everything scales from it.
 * @cssproperty --rl-line-height - Line height.
 * @cssproperty --rl-space-s - Small gap.
 * @cssproperty --rl-space-m - Padding.
 * @cssproperty --rl-radius-m - Corner radius.
 * @cssproperty --rl-border-width - Border width.
 * @cssproperty --rl-target-size - Minimum button height.
 * @cssproperty --rl-shadow - Card shadow.
 */
@rlElement('rl-project-card')
export class RlProjectCard extends RlElement {
  static override styles = [RlElement.styles, projectCardStyles];

  /** A project to show. */
  @property({ attribute: false }) project: Project | null = null;

  /** An offer to show instead of a project: the booking variant. */
  @property({ attribute: false }) offer: ServiceOffer | null = null;

  /** The organization running the project or the offer; loaded by id when absent. */
  @property({ attribute: false }) organization: Organization | null = null;

  /** The project's area or the offer's service areas; loaded by code when absent. */
  @property({ attribute: false }) areas: Area[] | null = null;

  /** Load this project through the adapter. */
  @property({ attribute: 'project-id' }) projectId: string | undefined;

  /** Load this offer through the adapter. */
  @property({ attribute: 'offer-id' }) offerId: string | undefined;

  /** `full` (default) or `compact` (no summary or facts list, for dense lists). */
  @property({ reflect: true }) layout: ProjectCardLayout = 'full';

  /** The heading level of the title within the page, 2–6. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** A link for the title, e.g. the project's page on the portal. */
  @property() href: string | undefined;

  /** An adapter for a card used without `<rl-provider>`. */
  @property({ attribute: false }) adapter: DataAdapter | null = null;

  @consume({ context: servicesContext, subscribe: true })
  @state()
  private services: RenlingServices | undefined;

  private readonly data = new Task(this, {
    args: () =>
      [
        this.project,
        this.offer,
        this.projectId,
        this.offerId,
        this.organization,
        this.areas,
        this.adapter ?? this.services?.adapter ?? null,
      ] as const,
    task: async ([project, offer, projectId, offerId, organization, areas, adapter], { signal }) =>
      resolveCardData({ project, offer, projectId, offerId, organization, areas, adapter, signal }),
  });

  /** Loads again after an error. */
  retry = (): void => {
    void this.data.run();
  };

  protected override render() {
    return this.data.render({
      initial: () => this.renderMessage(msg('暂无项目信息', { id: 'card.empty' })),
      pending: () => this.renderLoading(),
      error: (error) => this.renderError(error),
      complete: (data) => (data ? this.renderCard(data) : this.renderMessage(msg('暂无项目信息', { id: 'card.empty' }))),
    });
  }

  private renderMessage(text: string) {
    return html`<div part="base message" class="card message">${text}</div>`;
  }

  private renderLoading() {
    return html`<div part="base" class="card loading" aria-busy="true">
      <span role="status" class="visually-hidden">${msg('正在加载…', { id: 'card.loading' })}</span>
      <div class="skeleton skeleton--line skeleton--short"></div>
      <div class="skeleton skeleton--title"></div>
      <div class="skeleton skeleton--line"></div>
      <div class="skeleton skeleton--bar"></div>
    </div>`;
  }

  private renderError(error: unknown) {
    const notFound = error instanceof AdapterError && error.kind === 'not-found';
    return html`<div part="base message" class="card message error" role="alert">
      <p>
        ${notFound
          ? msg('没有找到这条信息，它可能已被删除。', { id: 'card.not-found' })
          : msg('加载失败，请检查网络后重试。', { id: 'card.error' })}
      </p>
      ${notFound
        ? nothing
        : html`<button part="button" class="button button--secondary" @click=${this.retry}>
            ${msg('重试', { id: 'card.retry' })}
          </button>`}
    </div>`;
  }

  private renderCard(data: ProjectCardData) {
    const locale = currentLocale();
    const compact = this.layout === 'compact';
    return html`<article part="base" class="card ${compact ? 'compact' : 'full'}" aria-labelledby="title">
      ${data.kind === 'project' ? this.renderProject(data, locale, compact) : this.renderOffer(data, locale, compact)}
    </article>`;
  }

  private renderHeader(
    status: TemplateResult,
    categoryCode: string,
    title: string,
    organization: Organization | null,
    locale: Locale,
    compact: boolean,
  ) {
    const level = Math.min(Math.max(Math.trunc(this.headingLevel) || 3, 2), 6);
    return html`<header part="header" class="header">
      <div class="kicker">${status}<span class="category">${this.categoryText(categoryCode, locale)}</span></div>
      <div id="title" part="title" class="title" role="heading" aria-level=${level}>
        ${this.href ? html`<a href=${this.href}>${title}</a>` : title}
      </div>
      ${organization ? this.renderOrganization(organization, compact) : nothing}
    </header>`;
  }

  private categoryText(code: string, locale: Locale): string {
    const top = topLevelCode(code);
    if (!findCategory(code)) return code;
    return top === code ? categoryLabel(code, locale) : `${categoryLabel(top, locale)} · ${categoryLabel(code, locale)}`;
  }

  private renderOrganization(org: Organization, compact: boolean) {
    return html`<p part="organization" class="organization">
      <span class="org-name">${org.name}</span>
      ${org.rating
        ? html`<span part="rating-badge" class="badge rating"
            ><span aria-hidden="true">${org.rating}</span
            ><span class="visually-hidden">${msg(str`评估等级 ${org.rating}`, { id: 'card.rating' })}</span></span
          >`
        : nothing}
      <span class="badge registration registration--${org.registration.status}">${registrationLabel(org.registration.status)}</span>
      ${compact ? nothing : html`<span class="org-type">${organizationTypeLabel(org.type)}</span>`}
    </p>`;
  }

  private areaText(areas: Area[], count: number, locale: Locale): string {
    const names = areas.slice(0, AREAS_SHOWN).map((a) => (locale === 'en' && a.nameEn ? a.nameEn : a.name));
    const list = names.join(locale === 'en' ? ', ' : '、');
    return count > names.length ? msg(str`${list} 等 ${count} 处`, { id: 'card.areas-more' }) : list;
  }

  private renderProject(data: Extract<ProjectCardData, { kind: 'project' }>, locale: Locale, compact: boolean) {
    const { project, organization, areas, areaCount } = data;
    const { served, planned } = project.beneficiaries;
    const ratio = planned > 0 ? served / planned : 0;
    const status = html`<span part="status" class="status status--${project.status}">${projectStatusLabel(project.status)}</span>`;
    return html`${this.renderHeader(status, project.categoryCode, project.title, organization, locale, compact)}
      <div part="body" class="body">
        ${!compact && project.summary ? html`<p class="summary">${project.summary}</p>` : nothing}
        ${compact
          ? nothing
          : html`<dl part="facts" class="facts">
              ${fact(msg('资金来源', { id: 'card.funding' }), fundingSourceLabel(project.fundingSource))}
              ${fact(msg('项目预算', { id: 'card.budget' }), formatMoney(project.budget, locale))}
              ${fact(msg('实施周期', { id: 'card.period' }), formatDateRange(project.period.start, project.period.end, locale))}
              ${areas.length ? fact(msg('服务地区', { id: 'card.area' }), this.areaText(areas, areaCount, locale)) : nothing}
              ${fact(
                msg('群众满意度', { id: 'card.satisfaction' }),
                project.satisfaction === null
                  ? msg('暂未评价', { id: 'card.not-rated' })
                  : formatPercent(project.satisfaction / 100, locale),
              )}
            </dl>`}
        ${this.renderBar({
          role: 'progressbar',
          label: msg('受益人次', { id: 'card.beneficiaries' }),
          value: html`<strong>${formatNumber(served, locale)}</strong> / ${msg(
              str`计划 ${formatNumber(planned, locale)}`,
              { id: 'card.planned' },
            )}`,
          valueText: msg(str`已服务 ${formatNumber(served, locale)} 人次，计划 ${formatNumber(planned, locale)} 人次，完成 ${formatPercent(ratio, locale)}`, {
            id: 'card.beneficiaries-text',
          }),
          now: Math.min(served, planned),
          max: planned,
          tone: 'success',
        })}
      </div>`;
  }

  private renderOffer(data: Extract<ProjectCardData, { kind: 'offer' }>, locale: Locale, compact: boolean) {
    const { offer, organization, areas, areaCount } = data;
    const left = capacityLeft(offer);
    const full = left === 0;
    const bookable = offer.status === 'open' && !full;
    const tone = offer.status !== 'open' || full ? 'muted' : 'open';
    const status = html`<span part="status" class="status status--offer-${tone}">${offerStatusLabel(offer.status, full)}</span>`;
    const cost =
      offer.cost.kind === 'free'
        ? msg('免费', { id: 'cost.free' })
        : offer.cost.kind === 'subsidized'
          ? msg(str`补贴后 ${formatPrice(offer.cost.amount ?? 0, locale)}`, { id: 'cost.subsidized' })
          : formatPrice(offer.cost.amount ?? 0, locale);
    return html`${this.renderHeader(status, offer.categoryCode, offer.title, organization, locale, compact)}
      <div part="body" class="body">
        ${!compact && offer.description ? html`<p class="summary">${offer.description}</p>` : nothing}
        <dl part="facts" class="facts">
          ${fact(msg('服务方式', { id: 'card.modes' }), offer.modes.map(serviceModeLabel).join(locale === 'en' ? ', ' : '、'))}
          ${fact(msg('费用', { id: 'card.cost' }), cost)}
          ${compact ? nothing : fact(msg('服务时间', { id: 'card.schedule' }), offer.schedule.text)}
          ${!compact && areas.length ? fact(msg('服务地区', { id: 'card.area' }), this.areaText(areas, areaCount, locale)) : nothing}
          ${compact
            ? nothing
            : fact(
                msg('有效期', { id: 'card.validity' }),
                msg(str`至 ${formatDate(offer.validTo, locale)}`, { id: 'card.valid-to' }),
              )}
        </dl>
        ${this.renderBar({
          role: 'meter',
          label: capacityLeftLabel(offer.capacity.period, left),
          value: msg(str`共 ${formatNumber(offer.capacity.perPeriod, locale)} 个`, { id: 'card.capacity-total' }),
          valueText: capacityLeftLabel(offer.capacity.period, left),
          now: left,
          max: offer.capacity.perPeriod,
          tone: full ? 'danger' : left / offer.capacity.perPeriod <= 0.2 ? 'warning' : 'success',
        })}
      </div>
      <footer part="footer" class="footer">
        <button
          part="button"
          class="button button--primary"
          type="button"
          ?disabled=${!bookable}
          aria-describedby=${ifDefined(bookable ? undefined : 'unavailable')}
          @click=${() => this.requestBooking(offer)}
        >
          ${msg('预约此服务', { id: 'card.book' })}
        </button>
        ${bookable
          ? nothing
          : html`<span id="unavailable" class="unavailable"
              >${full
                ? msg('名额已满，可关注下一期', { id: 'card.full-hint' })
                : msg('当前不接受预约', { id: 'card.closed-hint' })}</span
            >`}
      </footer>`;
  }

  private renderBar(bar: {
    role: 'progressbar' | 'meter';
    label: string;
    value: TemplateResult | string;
    valueText: string;
    now: number;
    max: number;
    tone: 'success' | 'warning' | 'danger';
  }) {
    const pct = bar.max > 0 ? Math.min(100, Math.max(0, (bar.now / bar.max) * 100)) : 0;
    return html`<div class="bar-block">
      <div class="bar-caption">
        <span id="bar-label">${bar.label}</span><span class="bar-value">${bar.value}</span>
      </div>
      <div
        part="progress"
        class="bar bar--${bar.tone}"
        role=${bar.role}
        aria-labelledby="bar-label"
        aria-valuemin="0"
        aria-valuemax=${bar.max}
        aria-valuenow=${bar.now}
        aria-valuetext=${bar.valueText}
      >
        <div part="progress-indicator" class="bar-fill" style=${styleMap({ inlineSize: `${pct}%` })}></div>
      </div>
    </div>`;
  }

  private requestBooking(offer: ServiceOffer): void {
    this.dispatchEvent(
      new RlClaimRequestEvent({
        direction: 'offer-booking',
        offerId: offer.id,
        needId: null,
        organizationId: offer.organizationId,
        categoryCode: offer.categoryCode,
      }),
    );
  }
}

function fact(term: string, detail: string) {
  return html`<div class="fact"><dt>${term}</dt><dd>${detail}</dd></div>`;
}

interface CardInputs {
  project: Project | null;
  offer: ServiceOffer | null;
  projectId: string | undefined;
  offerId: string | undefined;
  organization: Organization | null;
  areas: Area[] | null;
  adapter: DataAdapter | null;
  signal: AbortSignal;
}

/**
 * Fills in what the properties leave out from the adapter. The main record
 * must load; the organization and areas are decoration, and a failure to
 * load them leaves the card readable rather than in an error state.
 */
export async function resolveCardData(inputs: CardInputs): Promise<ProjectCardData | null> {
  const { adapter, signal } = inputs;
  let project = inputs.project;
  let offer = inputs.offer;
  if (!project && !offer) {
    if (!adapter || (!inputs.projectId && !inputs.offerId)) return null;
    if (inputs.offerId) offer = await adapter.getOffer(inputs.offerId, { signal });
    else if (inputs.projectId) project = await adapter.getProject(inputs.projectId, { signal });
  }
  const record = offer ?? project;
  if (!record) return null;
  const optional = async <T>(load: () => Promise<T>): Promise<T | null> => {
    try {
      return await load();
    } catch (error) {
      if (isAbortError(error)) throw error;
      return null;
    }
  };
  const organization =
    inputs.organization?.id === record.organizationId
      ? inputs.organization
      : adapter
        ? await optional(() => adapter.getOrganization(record.organizationId, { signal }))
        : null;
  const codes = offer ? offer.serviceAreaCodes : project ? [project.areaCode] : [];
  // only the areas the card names are fetched; the rest are counted
  const areas =
    inputs.areas ??
    (adapter
      ? (await Promise.all(codes.slice(0, AREAS_SHOWN).map((code) => optional(() => adapter.getArea(code, { signal }))))).filter(
          (a): a is Area => a !== null,
        )
      : []);
  const areaCount = Math.max(codes.length, areas.length);
  return offer
    ? { kind: 'offer', offer, organization, areas, areaCount }
    : { kind: 'project', project: project as Project, organization, areas, areaCount };
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-project-card': RlProjectCard;
  }
}
