import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  AdapterError,
  capacityLeft,
  categoryLabel,
  maskName,
  type Area,
  type AreaTree,
  type DataAdapter,
  type Locale,
  type Organization,
  type ServiceOffer,
} from '@renling/core';
import { rlElement } from '../../base/define.js';
import { formatDate, formatNumber, readablePhone, telHref } from '../../base/format.js';
import { organizationTypeLabel, registrationLabel } from '../../base/labels.js';
import { RlElement } from '../../base/rl-element.js';
import { currentLocale } from '../../localization/localization.js';
import '../project-card/project-card.js';
import { orgViewStyles } from './org-view.styles.js';

export interface OrgViewData {
  organization: Organization;
  offers: ServiceOffer[];
}

/** Service areas named before "show all": most organizations list a few, some list a whole district. */
const AREAS_SHOWN = 6;
const CARD_AREAS = 3;

/** Bookable first, then paused, then closed; within each, the most places left first. */
function offerOrder(a: ServiceOffer, b: ServiceOffer): number {
  const rank = (o: ServiceOffer): number => (o.status === 'open' ? (capacityLeft(o) > 0 ? 0 : 1) : o.status === 'paused' ? 2 : 3);
  return rank(a) - rank(b) || capacityLeft(b) - capacityLeft(a);
}

/** Every offer of one organization, through the adapter's pages. */
async function loadOffers(adapter: DataAdapter, organizationId: string, signal: AbortSignal): Promise<ServiceOffer[]> {
  const out: ServiceOffer[] = [];
  let cursor: string | null = null;
  do {
    const page = await adapter.listOffers({ organizationId, cursor, limit: 200, signal });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/**
 * @tagname rl-org-view
 * @summary One organization: profile, grade, registration, service areas,
 * contact and its bookable offers (as `<rl-project-card>`s, whose book
 * button fires `rl-claim-request`).
 *
 * Contact follows the privacy rules: an organization's phone, address and
 * email are public; its contact person is shown masked (王**).
 *
 * @event close - The back button was pressed.
 *
 * @csspart base - The article.
 * @csspart back-button - The back button.
 * @csspart name - The organization's name.
 * @csspart rating-badge - The 5A…1A grade.
 * @csspart facts - The facts list.
 * @csspart offers - The list of offer cards.
 */
@rlElement('rl-org-view')
export class RlOrgView extends RlElement {
  static override styles = [RlElement.styles, orgViewStyles];

  /** The organization to show; loaded through `adapter` unless `organization` already is it. */
  @property({ attribute: 'organization-id' }) organizationId = '';

  /** The organization's record, when the caller has it. */
  @property({ attribute: false }) organization: Organization | null = null;

  /** Its offers, when the caller has them; otherwise loaded. */
  @property({ attribute: false }) offers: ServiceOffer[] | null = null;

  /** Area names for service areas; codes are shown without it. */
  @property({ attribute: false }) areaTree: AreaTree | null = null;

  @property({ attribute: false }) adapter: DataAdapter | null = null;

  /** The heading level of the organization's name; sections and offers go one and two below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The back button's text. */
  @property({ attribute: 'back-label' }) backLabel = '';

  @state() private allAreas = false;

  private focusWhenReady = false;

  private readonly data = new Task(this, {
    args: () => [this.organizationId, this.organization, this.offers, this.adapter] as const,
    task: async ([id, organization, offers, adapter], { signal }): Promise<OrgViewData | null> => {
      if (!id) return null;
      const org = organization?.id === id ? organization : adapter ? await adapter.getOrganization(id, { signal }) : null;
      if (!org) throw new AdapterError('not-found', `No organization ${id}`);
      const list = organization?.id === id && offers ? offers : adapter ? await loadOffers(adapter, id, signal) : [];
      return { organization: org, offers: [...list].sort(offerOrder) };
    },
  });

  /** Moves focus to the organization's name once it is shown, so a screen reader starts there. */
  focusHeading(): void {
    this.focusWhenReady = true;
    this.requestUpdate();
  }

  /** Loads again after an error. */
  retry = (): void => {
    void this.data.run();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('organizationId')) this.allAreas = false;
  }

  protected override updated(): void {
    if (!this.focusWhenReady) return;
    const status = this.data.status;
    if (status !== TaskStatus.COMPLETE && status !== TaskStatus.ERROR) return;
    // the name once shown; after an error, its retry button, else the way back
    const target = ['#name', '[role="alert"] button', '.back']
      .map((selector) => this.renderRoot.querySelector<HTMLElement>(selector))
      .find((el) => el !== null);
    if (target) {
      this.focusWhenReady = false;
      target.focus();
    }
  }

  private get level(): number {
    return Math.min(Math.max(Math.trunc(this.headingLevel) || 2, 1), 4);
  }

  protected override render() {
    const back = html`<button part="back-button" class="back" type="button" @click=${this.close}>
      <span aria-hidden="true">←</span> ${this.backLabel || msg('返回搜索结果', { id: 'org-view.back' })}
    </button>`;
    return this.data.render({
      initial: () => html`${back}`,
      pending: () => html`${back}
        <div class="loading" aria-busy="true">
          <span role="status" class="visually-hidden">${msg('正在加载…', { id: 'card.loading' })}</span>
          <div class="skeleton skeleton--title"></div>
          <div class="skeleton"></div>
          <div class="skeleton skeleton--short"></div>
        </div>`,
      error: (error) => html`${back}${this.renderError(error)}`,
      complete: (data) => (data ? this.renderOrganization(data, back) : html`${back}`),
    });
  }

  private renderError(error: unknown) {
    const notFound = error instanceof AdapterError && error.kind === 'not-found';
    return html`<div class="message error" role="alert">
      <p>
        ${notFound
          ? msg('没有找到这个组织，它可能已被移出名录。', { id: 'org-view.not-found' })
          : error instanceof AdapterError
            ? error.userMessage(currentLocale())
            : msg('加载失败，请检查网络后重试。', { id: 'card.error' })}
      </p>
      ${notFound ? nothing : html`<button class="button" type="button" @click=${this.retry}>${msg('重试', { id: 'card.retry' })}</button>`}
    </div>`;
  }

  private renderOrganization({ organization: org, offers }: OrgViewData, back: unknown) {
    const locale = currentLocale();
    const level = this.level;
    const heading = (id: string, text: string) => html`<div id=${id} class="section-title" role="heading" aria-level=${level + 1}>${text}</div>`;
    const open = offers.filter((o) => o.status === 'open' && capacityLeft(o) > 0).length;
    return html`${back}
      <article part="base" class="view" aria-labelledby="name">
        <header class="header">
          <div id="name" part="name" class="name" role="heading" aria-level=${level} tabindex="-1">${org.name}</div>
          <p class="badges">
            ${org.rating
              ? html`<span part="rating-badge" class="badge rating"
                  ><span aria-hidden="true">${org.rating}</span
                  ><span class="visually-hidden">${msg(str`评估等级 ${org.rating}`, { id: 'card.rating' })}</span></span
                >`
              : html`<span class="badge plain">${msg('暂未评估等级', { id: 'org-view.no-rating' })}</span>`}
            <span class="badge plain">${registrationLabel(org.registration.status)}</span>
            <span class="badge plain">${organizationTypeLabel(org.type)}</span>
          </p>
        </header>
        ${org.description ? html`<p class="description">${org.description}</p>` : nothing}
        ${org.tags.length
          ? html`<ul class="tags" aria-label=${msg('标签', { id: 'org-view.tags' })}>
              ${org.tags.map((t) => html`<li class="tag">${t}</li>`)}
            </ul>`
          : nothing}
        <dl part="facts" class="facts">${this.renderFacts(org, locale)}</dl>

        <section class="section" aria-labelledby="areas-title">
          ${heading('areas-title', msg('服务地区', { id: 'card.area' }))} ${this.renderAreas(org, locale)}
        </section>

        <section class="section" aria-labelledby="contact-title">
          ${heading('contact-title', msg('联系方式', { id: 'org-view.contact' }))}
          ${this.renderContact(org)}
        </section>

        <section class="section" aria-labelledby="offers-title">
          ${heading('offers-title', msg(str`服务清单（${offers.length}）`, { id: 'org-view.offers' }))}
          ${offers.length
            ? html`<p class="summary">
                  ${open > 0
                    ? msg(str`${open} 项服务现在可以预约`, { id: 'org-view.open-offers' })
                    : msg('目前没有可预约的名额', { id: 'org-view.no-open-offers' })}
                </p>
                <ul part="offers" class="offers">
                  ${offers.map(
                    (offer) => html`<li>
                      <rl-project-card
                        .offer=${offer}
                        .organization=${org}
                        .areas=${this.cardAreas(offer)}
                        heading-level=${Math.min(level + 2, 6)}
                      ></rl-project-card>
                    </li>`,
                  )}
                </ul>`
            : html`<p class="summary">${msg('这个组织还没有发布服务。', { id: 'org-view.no-offers' })}</p>`}
        </section>
      </article>`;
  }

  private renderFacts(org: Organization, locale: Locale) {
    const reg = org.registration;
    const registration = [registrationLabel(reg.status), reg.authority, reg.date ? formatDate(reg.date, locale) : undefined]
      .filter(Boolean)
      .join(locale === 'en' ? ', ' : ' · ');
    const place = this.areaTree?.label(org.areaCode, locale) ?? org.areaCode;
    return html`${fact(msg('登记情况', { id: 'org-filters.registration' }), registration)}
    ${reg.creditCode ? fact(msg('统一社会信用代码', { id: 'org-view.credit-code' }), reg.creditCode) : nothing}
    ${fact(msg('所在地区', { id: 'org-view.location' }), place)}
    ${org.founded ? fact(msg('成立时间', { id: 'org-view.founded' }), formatDate(org.founded, locale)) : nothing}
    ${org.socialWorkers > 0
      ? fact(msg('持证社工', { id: 'org-view.social-workers' }), msg(str`${formatNumber(org.socialWorkers, locale)} 人`, { id: 'org-view.people' }))
      : nothing}
    ${fact(
      msg('群众满意度', { id: 'card.satisfaction' }),
      org.satisfaction === null
        ? msg('暂未评价', { id: 'card.not-rated' })
        : msg(str`${org.satisfaction.toFixed(1)} 分（满分 5 分）`, { id: 'org-view.satisfaction' }),
    )}
    ${org.categoryCodes.length
      ? fact(
          msg('服务领域', { id: 'org-view.fields' }),
          org.categoryCodes.map((c) => categoryLabel(c, locale)).join(locale === 'en' ? ', ' : '、'),
        )
      : nothing}
    ${fact(msg('信息更新', { id: 'org-view.updated' }), formatDate(org.updatedAt, locale))}`;
  }

  private renderAreas(org: Organization, locale: Locale) {
    const codes = org.serviceAreaCodes;
    const shown = this.allAreas ? codes : codes.slice(0, AREAS_SHOWN);
    const name = (code: string): string => this.areaTree?.label(code, locale) ?? code;
    return html`<ul class="areas">
        ${shown.map((code) => html`<li>${name(code)}</li>`)}
      </ul>
      ${codes.length > AREAS_SHOWN
        ? html`<button class="button link" type="button" aria-expanded=${this.allAreas ? 'true' : 'false'} @click=${() => (this.allAreas = !this.allAreas)}>
            ${this.allAreas
              ? msg('收起', { id: 'org-view.fewer-areas' })
              : msg(str`显示全部 ${codes.length} 处`, { id: 'org-view.all-areas' })}
          </button>`
        : nothing}`;
  }

  private renderContact(org: Organization) {
    const { person, phone, email, address } = org.contact;
    if (!person && !phone && !email && !address) return html`<p>${msg('暂无公开的联系方式', { id: 'org-view.no-contact' })}</p>`;
    return html`<dl class="facts contact">
      ${person ? fact(msg('联系人', { id: 'org-view.person' }), maskName(person)) : nothing}
      ${phone
        ? html`<div class="fact">
            <dt>${msg('电话', { id: 'org-view.phone' })}</dt>
            <dd><a class="phone" href=${telHref(phone)}>${readablePhone(phone)}</a></dd>
          </div>`
        : nothing}
      ${email
        ? html`<div class="fact">
            <dt>${msg('电子邮箱', { id: 'org-view.email' })}</dt>
            <dd><a href="mailto:${email}">${email}</a></dd>
          </div>`
        : nothing}
      ${address ? fact(msg('地址', { id: 'org-view.address' }), address) : nothing}
    </dl>`;
  }

  /** The offer's first areas from the tree, so each card does not fetch them one by one. */
  private cardAreas(offer: ServiceOffer): Area[] | null {
    const tree = this.areaTree;
    if (!tree) return null;
    return offer.serviceAreaCodes
      .slice(0, CARD_AREAS)
      .map((code) => tree.get(code))
      .filter((a): a is Area => a !== undefined);
  }

  private readonly close = (): void => {
    this.dispatchEvent(new Event('close'));
  };
}

/** 138 1234 5678: a mobile number in the groups people read it aloud in; other numbers as stored. */

function fact(term: string, detail: string) {
  return html`<div class="fact"><dt>${term}</dt><dd>${detail}</dd></div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-org-view': RlOrgView;
  }
}
