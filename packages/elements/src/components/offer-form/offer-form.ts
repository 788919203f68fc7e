import { msg } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import {
  AUDIENCES,
  CAPACITY_PERIODS,
  COST_KINDS,
  OFFER_STATUSES,
  SERVICE_MODES,
  type OfferDraft,
  type OfferStatus,
  type ServiceOffer,
  type SubmitResult,
} from '@renling/core';
import { rlElement } from '../../base/define.js';
import { checkboxesField, fieldId, radioField, selectField, textField } from '../../base/form-fields.js';
import { costKindLabel, periodLabel, weekdayLabel } from '../../base/form-labels.js';
import { heading, renderStorageNotice, renderSubmitStatus } from '../../base/form-shell.js';
import { audienceLabel, serviceModeLabel } from '../../base/labels.js';
import { RlSubmitForm, type FormCheck } from '../../base/submit-form.js';
import type { Submission } from '../../controllers/submission-controller.js';
import { RlOfferSubmittedEvent } from '../../events/offer-submitted.js';
import { currentLocale } from '../../localization/localization.js';
import { token } from '../../styles/tokens.js';
import type { RlAreaPicker } from '../area-picker/area-picker.js';
import '../area-picker/area-picker.js';
import '../category-picker/category-picker.js';
import {
  WEEKDAYS,
  checkOffer,
  emptyOfferValues,
  offerFieldForPath,
  offerValuesFromPrefill,
  offerValuesFromStored,
  type OfferFormValues,
} from './offer-form-model.js';

/**
 * @tagname rl-offer-form
 * @summary A social organization publishes a service offer (服务清单): what,
 * for whom, where (several areas), how many places per period, when, how
 * (on site, home visit, online), at what cost, how long, and who residents
 * contact.
 *
 * Shares the need form's infrastructure: drafts saved as you type, messages
 * tied to their fields, submission through the outbox (published at once
 * online, kept and sent later offline), and the same events.
 *
 * @event {RlOfferSubmittedEvent} rl-offer-submitted - The offer was published (`detail.queued` false, with `detail.offer`) or stored to send later.
 * @event {RlSubmitErrorEvent} rl-submit-error - The offer could not be stored or sent, or the server refused it for good.
 *
 * @csspart base - The outer box.
 * @csspart form - The native form.
 * @csspart label - Field labels and legends.
 * @csspart input - Text inputs, text areas and selects.
 * @csspart choice - Radio buttons and checkboxes.
 * @csspart error - Field messages.
 * @csspart button - The buttons.
 * @csspart status - The outcome after submitting.
 *
 * @cssproperty --rl-color-surface - Background.
 * @cssproperty --rl-color-surface-muted - The outcome panel.
 * @cssproperty --rl-color-text - Text.
 * @cssproperty --rl-color-text-muted - Hints and input borders.
 * @cssproperty --rl-color-border - Section dividers.
 * @cssproperty --rl-color-primary - The submit button, checkboxes.
 * @cssproperty --rl-color-on-primary - Text on the submit button.
 * @cssproperty --rl-color-success - The "published" outcome.
 * @cssproperty --rl-color-warning - The "will be sent" outcome.
 * @cssproperty --rl-color-danger - Errors.
 * @cssproperty --rl-color-focus - Focus ring.
 * @cssproperty --rl-font-size - Base text size; everything scales from it.
 * @cssproperty --rl-target-size - Minimum height of inputs and buttons.
 */
@rlElement('rl-offer-form')
export class RlOfferForm extends RlSubmitForm<OfferFormValues, 'offer', ServiceOffer> {
  static override styles = [
    RlSubmitForm.styles,
    css`
      .field--costAmount input {
        max-inline-size: 10em;
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 12em), 1fr));
        gap: ${token('space-m')};
        /* inputs line up even when only one of the pair has a hint */
        align-items: end;
      }
    `,
  ];

  /** The organization publishing the offer (its id in the data source). Required. */
  @property({ attribute: 'organization-id' }) organizationId = '';

  /** The status the offer is published with: `open` (default), or `paused` to prepare it first. */
  @property() status: OfferStatus = 'open';

  /** A category code to start with. */
  @property() category: string | undefined;

  /** Values to start with, e.g. last year's offer. A restored draft wins over them. */
  @property({ attribute: false }) prefill: Partial<OfferDraft> | null = null;

  protected formKind(): 'offer' {
    return 'offer';
  }

  protected emptyValues(): OfferFormValues {
    return emptyOfferValues();
  }

  protected startValues(): OfferFormValues {
    const base = emptyOfferValues();
    if (this.category) base.categoryCode = this.category;
    return offerValuesFromPrefill(base, this.prefill);
  }

  protected startChanged(changed: PropertyValues<this>): boolean {
    return changed.has('prefill') || changed.has('category');
  }

  protected override checksChanged(changed: PropertyValues<this>): boolean {
    return changed.has('organizationId');
  }

  protected restoreValues(stored: unknown): OfferFormValues {
    return offerValuesFromStored(this.startValues(), stored);
  }

  protected check(values: OfferFormValues): FormCheck<OfferDraft> {
    const status = OFFER_STATUSES.includes(this.status) ? this.status : 'open';
    return checkOffer(values, { organizationId: this.organizationId, status, locale: currentLocale() });
  }

  protected fieldForPath(path: string): string | null {
    return offerFieldForPath(path);
  }

  protected submittedEvent(submitted: SubmitResult, draft: OfferDraft): Event {
    const offer = (submitted.result as ServiceOffer | null) ?? null;
    return new RlOfferSubmittedEvent({ id: submitted.id, queued: submitted.queued, draft, offer });
  }

  protected renderForm(submitting: boolean) {
    const v = this.form.values;
    const level = this.headingLevel;
    const services = this.servicesController.services;
    const missingOrganization = !this.organizationId.trim();
    const amountLabel =
      v.costKind === 'subsidized'
        ? msg('补贴后居民每次支付（元）', { id: 'offer-form.amount-subsidized' })
        : msg('每次收费（元）', { id: 'offer-form.amount-paid' });
    return html`<form part="form" class="form" novalidate aria-labelledby="form-title" @submit=${this.onSubmit}>
      ${heading(level, 'form-title', msg('发布服务', { id: 'offer-form.title' }), 'main')}
      <p class="intro">${msg('发布后，居民和社区可以在服务清单中看到并预约这项服务。', { id: 'offer-form.intro' })}</p>
      ${renderStorageNotice(services?.storageState)}
      ${missingOrganization
        ? html`<p class="callout" role="alert">
            ${msg('这个表单没有指定发布服务的社会组织（organization-id），暂时不能提交。', { id: 'offer-form.no-organization' })}
          </p>`
        : nothing}

      <section class="section" aria-labelledby="what-title">
        ${heading(level + 1, 'what-title', msg('服务内容', { id: 'offer-form.what-title' }))}
        <rl-category-picker
          id=${fieldId('categoryCode')}
          label=${msg('服务类别', { id: 'offer-form.category' })}
          required
          leaf-only
          .value=${v.categoryCode}
          .error=${this.form.error('categoryCode') ?? ''}
          ?data-invalid=${Boolean(this.form.error('categoryCode'))}
          @change=${(e: Event) => this.form.set('categoryCode', (e.target as HTMLInputElement).value)}
          @focusout=${this.leaving('categoryCode')}
        ></rl-category-picker>
        ${textField(this.form, 'title', {
          label: msg('服务名称', { id: 'offer-form.title-field' }),
          hint: msg('居民一看就懂的名字，如“助餐送餐上门”。', { id: 'offer-form.title-hint' }),
          required: true,
        })}
        ${textField(this.form, 'description', {
          label: msg('服务介绍', { id: 'offer-form.description' }),
          hint: msg('服务内容、流程和注意事项。', { id: 'offer-form.description-hint' }),
          multiline: true,
        })}
        ${checkboxesField(this.form, 'audiences', {
          legend: msg('服务对象', { id: 'offer-form.audiences' }),
          hint: msg('可以多选。', { id: 'offer-form.multi-hint' }),
          choices: AUDIENCES.map((a) => ({ value: a, label: audienceLabel(a) })),
          required: true,
          inline: true,
        })}
        ${checkboxesField(this.form, 'modes', {
          legend: msg('服务方式', { id: 'offer-form.modes' }),
          choices: SERVICE_MODES.map((m) => ({ value: m, label: serviceModeLabel(m) })),
          required: true,
          inline: true,
        })}
      </section>

      <section class="section" aria-labelledby="where-title">
        ${heading(level + 1, 'where-title', msg('服务地区', { id: 'offer-form.where-title' }))}
        <rl-area-picker
          id=${fieldId('serviceAreaCodes')}
          label=${msg('可以提供服务的地区', { id: 'offer-form.areas' })}
          hint=${msg('逐个选择后点“添加”，可以添加多个街道或社区。', { id: 'offer-form.areas-hint' })}
          multiple
          required
          .adapter=${this.areas ? null : (services?.adapter ?? null)}
          .areas=${this.areas}
          .value=${v.serviceAreaCodes.join(' ')}
          .error=${this.form.error('serviceAreaCodes') ?? ''}
          ?data-invalid=${Boolean(this.form.error('serviceAreaCodes'))}
          @change=${(e: Event) => this.form.set('serviceAreaCodes', (e.target as RlAreaPicker).values)}
          @focusout=${this.leaving('serviceAreaCodes')}
        ></rl-area-picker>
      </section>

      <section class="section" aria-labelledby="when-title">
        ${heading(level + 1, 'when-title', msg('名额和时间', { id: 'offer-form.when-title' }))}
        <div class="pair">
          ${textField(this.form, 'capacity', {
            label: msg('服务名额', { id: 'offer-form.capacity' }),
            hint: msg('每个周期能服务多少人次。', { id: 'offer-form.capacity-hint' }),
            inputmode: 'numeric',
            required: true,
          })}
          ${selectField(this.form, 'period', {
            label: msg('名额周期', { id: 'offer-form.period' }),
            choices: CAPACITY_PERIODS.map((p) => ({ value: p, label: periodLabel(p) })),
            required: true,
          })}
        </div>
        ${textField(this.form, 'scheduleText', {
          label: msg('服务时间', { id: 'offer-form.schedule' }),
          hint: msg('如“每周三上午 9:00–11:30”“预约后上门”。', { id: 'offer-form.schedule-hint' }),
          required: true,
        })}
        ${checkboxesField(this.form, 'weekdays', {
          legend: msg('每周哪几天提供', { id: 'offer-form.weekdays' }),
          hint: msg('不选表示需要预约。', { id: 'offer-form.weekdays-hint' }),
          choices: WEEKDAYS.map((d) => ({ value: d, label: weekdayLabel(Number(d)) })),
          inline: true,
        })}
        <div class="pair">
          ${textField(this.form, 'validFrom', {
            label: msg('开始日期', { id: 'offer-form.valid-from' }),
            type: 'date',
            required: true,
          })}
          ${textField(this.form, 'validTo', {
            label: msg('结束日期', { id: 'offer-form.valid-to' }),
            type: 'date',
            min: v.validFrom || undefined,
            required: true,
          })}
        </div>
      </section>

      <section class="section" aria-labelledby="cost-title">
        ${heading(level + 1, 'cost-title', msg('费用', { id: 'offer-form.cost-title' }))}
        ${radioField(this.form, 'costKind', {
          legend: msg('居民是否需要付费', { id: 'offer-form.cost-kind' }),
          choices: COST_KINDS.map((k) => ({ value: k, label: costKindLabel(k) })),
          required: true,
          inline: true,
        })}
        ${v.costKind === 'free'
          ? nothing
          : textField(this.form, 'costAmount', { label: amountLabel, inputmode: 'decimal', required: true })}
      </section>

      <section class="section" aria-labelledby="contact-title">
        ${heading(level + 1, 'contact-title', msg('居民联系谁', { id: 'offer-form.contact-title' }))}
        <p class="hint">${msg('会公开显示在服务清单上，请填写机构的工作人员和工作电话。', { id: 'offer-form.contact-hint' })}</p>
        <div class="pair">
          ${textField(this.form, 'contactName', {
            label: msg('联系人', { id: 'offer-form.contact-name' }),
            autocomplete: 'name',
            required: true,
          })}
          ${textField(this.form, 'contactPhone', {
            label: msg('联系电话', { id: 'offer-form.contact-phone' }),
            hint: msg('手机或带区号的固定电话。', { id: 'offer-form.contact-phone-hint' }),
            type: 'tel',
            inputmode: 'tel',
            autocomplete: 'tel',
            required: true,
          })}
        </div>
      </section>

      ${this.renderActions({
        label: msg('发布服务', { id: 'offer-form.submit' }),
        submitting,
        blockedReason: missingOrganization ? msg('缺少社会组织，不能发布。', { id: 'offer-form.submit-blocked' }) : undefined,
      })}
    </form>`;
  }

  protected renderOutcome(state: Extract<Submission<ServiceOffer>, { type: 'done' }>) {
    const level = this.headingLevel;
    const refused = state.status === 'failed' || state.status === 'expired';
    return html`<section class="outcome" aria-labelledby="outcome-title">
      ${renderSubmitStatus({
        level,
        status: state.status,
        sentTitle: msg('服务已发布', { id: 'offer-form.sent-title' }),
        queuedTitle: msg('已保存，联网后自动发布', { id: 'offer-form.queued-title' }),
        refusedTitle: msg('服务没有发布成功', { id: 'offer-form.refused-title' }),
        sentText: msg('居民和社区现在可以在服务清单中看到并预约这项服务。', { id: 'offer-form.sent-text' }),
        queuedText: msg('服务已保存在这台设备上，网络恢复后会自动发布，不会重复发布。', { id: 'offer-form.queued-text' }),
        error: state.error,
      })}
      ${refused
        ? nothing
        : html`${heading(level + 1, 'next-title', msg('接下来会怎样', { id: 'offer-form.next-title' }))}
            <ol class="steps">
              <li>${msg('居民或社区预约后，您会收到预约申请，请及时接受或说明原因婉拒。', { id: 'offer-form.next-booking' })}</li>
              <li>${msg('名额用完时，服务清单会显示“名额已满”，下个周期自动恢复。', { id: 'offer-form.next-capacity' })}</li>
              <li>${msg('服务完成后，请填报受益人次，居民可以对服务评价。', { id: 'offer-form.next-report' })}</li>
            </ol>`}
      <div class="actions actions--row">
        ${refused
          ? html`<button part="button" class="button button--primary" type="button" @click=${() => void this.editAgain()}>
              ${msg('返回修改', { id: 'form.edit-again' })}
            </button>`
          : nothing}
        <button part="button" class="button button--secondary" type="button" @click=${() => void this.startAnother()}>
          ${msg('再发布一项服务', { id: 'offer-form.another' })}
        </button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-offer-form': RlOfferForm;
  }
}
