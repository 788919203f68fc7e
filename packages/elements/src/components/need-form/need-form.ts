import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  AUDIENCES,
  URGENCIES,
  type IntakeChannel,
  type NeedDraft,
  type NeedReceipt,
  type NeedSubject,
  type SubmitResult,
} from '@renling/core';
import { rlElement } from '../../base/define.js';
import { checkboxField, checkboxesField, fieldId, radioField, textField } from '../../base/form-fields.js';
import { channelLabel, mobilityLabel, subjectLabel, urgencyLabel } from '../../base/form-labels.js';
import { heading, renderStorageNotice, renderSubmitStatus } from '../../base/form-shell.js';
import { audienceLabel } from '../../base/labels.js';
import { RlSubmitForm, type FormCheck } from '../../base/submit-form.js';
import type { StoredDraft } from '../../controllers/draft-controller.js';
import type { Submission } from '../../controllers/submission-controller.js';
import { RlNeedSubmittedEvent } from '../../events/need-submitted.js';
import { currentLocale } from '../../localization/localization.js';
import '../area-picker/area-picker.js';
import '../category-picker/category-picker.js';
import {
  HIDEABLE_NEED_FIELDS,
  PRIVACY_NOTICE_VERSION,
  REQUIRABLE_NEED_FIELDS,
  checkNeed,
  emptyNeedValues,
  needFieldForPath,
  parseFieldList,
  sanitizeNeedValues,
  valuesFromPrefill,
  valuesFromStored,
  type Mobility,
  type NeedField,
  type NeedFormValues,
} from './need-form-model.js';
import { needFormStyles } from './need-form.styles.js';

const SUBJECTS: readonly NeedSubject[] = ['self', 'family', 'resident'];
const RECORDED_CHANNELS: readonly Exclude<IntakeChannel, 'self'>[] = ['grid-worker', 'hotline', 'committee'];
const MOBILITIES: readonly Mobility[] = ['independent', 'assisted', 'bedridden'];

/**
 * @tagname rl-need-form
 * @summary A resident, a family member or a grid worker on a resident's
 * behalf submits a community service need (需求清单): privacy notice and
 * consent first, then the need, the area (down to community or grid, never
 * a public address) and a private contact.
 *
 * Submissions go through the outbox of the surrounding `<rl-provider>`, or
 * of the form's own data chain when it stands alone with `api` or `src`:
 * online the person gets a tracking number at once; offline the need is kept
 * in the browser and sent when the network returns, and the form says so.
 * The draft is saved as you type (contact and health details only with the
 * consent that covers them) and restored on the next visit.
 *
 * @event {RlNeedSubmittedEvent} rl-need-submitted - The need was sent (`detail.queued` false, with `detail.receipt`) or stored to send later.
 * @event {RlSubmitErrorEvent} rl-submit-error - The need could not be stored or sent, or the server refused it for good.
 *
 * @slot notice - Replaces the built-in privacy notice with the site's own; set `notice-version` to its version.
 *
 * @csspart base - The outer box.
 * @csspart form - The native form.
 * @csspart notice - The privacy notice.
 * @csspart label - Field labels and legends.
 * @csspart input - Text inputs, text areas and selects.
 * @csspart choice - Radio buttons and checkboxes.
 * @csspart error - Field messages.
 * @csspart button - The buttons.
 * @csspart status - The outcome after submitting.
 * @csspart tracking-number - The tracking number.
 *
 * @cssproperty --rl-color-surface - Background.
 * @cssproperty --rl-color-surface-muted - The notice and the outcome panel.
 * @cssproperty --rl-color-text - Text.
 * @cssproperty --rl-color-text-muted - Hints and input borders.
 * @cssproperty --rl-color-border - Section dividers.
 * @cssproperty --rl-color-primary - The submit button, checkboxes.
 * @cssproperty --rl-color-on-primary - Text on the submit button.
 * @cssproperty --rl-color-success - The "sent" outcome.
 * @cssproperty --rl-color-warning - The "will be sent" outcome.
 * @cssproperty --rl-color-danger - Errors.
 * @cssproperty --rl-color-focus - Focus ring.
 * @cssproperty --rl-font-size - Base text size; everything scales from it.
 * @cssproperty --rl-space-m - Padding.
 * @cssproperty --rl-radius-m - Corner radius.
 * @cssproperty --rl-target-size - Minimum height of inputs and buttons.
 */
@rlElement('rl-need-form')
export class RlNeedForm extends RlSubmitForm<NeedFormValues, 'need', NeedReceipt> {
  static override styles = [RlSubmitForm.styles, needFormStyles];

  /** The version of the privacy notice shown (change it with a slotted notice). Consent to another version is asked again. */
  @property({ attribute: 'notice-version' }) noticeVersion = PRIVACY_NOTICE_VERSION;

  /** A category code to start with, e.g. `elderly.meals` on the elderly care page. */
  @property() category: string | undefined;

  /** Who the need is for to start with: `self`, `family` or `resident` (grid-worker mode). */
  @property({ attribute: 'for-whom' }) forWhom: NeedSubject | undefined;

  /** Space-separated fields to leave out: description, audiences, urgency, preferred-time, beneficiaries, for-whom, health. */
  @property({ attribute: 'hidden-fields' }) hiddenFields: string | undefined;

  /** Space-separated optional fields to require: description, preferred-time. */
  @property({ attribute: 'required-fields' }) requiredFields: string | undefined;

  /** Values to start with (not consents, which the person gives). A restored draft wins over them. */
  @property({ attribute: false }) prefill: Partial<NeedDraft> | null = null;

  /** The restored draft's consent was to an older notice: it is asked again. */
  @state() private noticeChanged = false;

  private get hiddenSet(): Set<NeedField> {
    return parseFieldList(this.hiddenFields, HIDEABLE_NEED_FIELDS);
  }

  private get requiredSet(): Set<NeedField> {
    return parseFieldList(this.requiredFields, REQUIRABLE_NEED_FIELDS);
  }

  protected formKind(): 'need' {
    return 'need';
  }

  protected emptyValues(): NeedFormValues {
    return emptyNeedValues();
  }

  /** The values the page asked for, before any draft or typing. */
  protected startValues(): NeedFormValues {
    const base = emptyNeedValues();
    if (this.category) base.categoryCode = this.category;
    if (this.forWhom && SUBJECTS.includes(this.forWhom)) base.forWhom = this.forWhom;
    return valuesFromPrefill(base, this.prefill);
  }

  protected startChanged(changed: PropertyValues<this>): boolean {
    return changed.has('prefill') || changed.has('category') || changed.has('forWhom');
  }

  protected override checksChanged(changed: PropertyValues<this>): boolean {
    return changed.has('requiredFields') || changed.has('hiddenFields') || changed.has('noticeVersion');
  }

  protected restoreValues(stored: unknown): NeedFormValues {
    return valuesFromStored(this.startValues(), stored);
  }

  protected override sanitize(values: NeedFormValues, acceptedVersion: string | null): NeedFormValues {
    return sanitizeNeedValues(values, acceptedVersion);
  }

  /** Drafts remember which notice text the person agreed to. */
  protected override acceptedVersion(values: NeedFormValues): string | null {
    return values.consentPersonal ? this.noticeVersion : null;
  }

  protected override adoptDraft(stored: StoredDraft<NeedFormValues>, values: NeedFormValues): NeedFormValues {
    if (stored.acceptedVersion === this.noticeVersion) return values;
    // consent was given to another text: ask again, and keep nothing it covered
    this.noticeChanged = stored.acceptedVersion !== null;
    return sanitizeNeedValues({ ...values, consentPersonal: false }, null);
  }

  protected override fieldChanged(values: NeedFormValues, field: NeedField): void {
    if (field !== 'consentPersonal') return;
    // the consent's time is when the box was ticked, not when the form was sent
    if (values.consentPersonal && !values.consentPersonalAt) this.form.set('consentPersonalAt', new Date().toISOString());
    if (values.consentPersonal) this.noticeChanged = false;
  }

  /** Hidden fields still need a value the schema accepts. */
  private withHiddenDefaults(values: NeedFormValues): NeedFormValues {
    if (this.hiddenSet.has('audiences') && values.audiences.length === 0) return { ...values, audiences: ['all-residents'] };
    return values;
  }

  protected check(values: NeedFormValues): FormCheck<NeedDraft> {
    return checkNeed(this.withHiddenDefaults(values), {
      textVersion: this.noticeVersion,
      locale: currentLocale(),
      now: () => new Date(),
      required: this.requiredSet,
    });
  }

  protected fieldForPath(path: string): string | null {
    return needFieldForPath(path);
  }

  protected submittedEvent(submitted: SubmitResult, draft: NeedDraft): Event {
    const receipt = (submitted.result as NeedReceipt | null) ?? null;
    return new RlNeedSubmittedEvent({ id: submitted.id, queued: submitted.queued, draft, receipt });
  }

  override async clearForm(): Promise<void> {
    this.noticeChanged = false;
    await super.clearForm();
  }

  protected override render() {
    const state = this.submission.state;
    return html`<div part="base" class="shell">
      ${state.type === 'done' ? this.renderOutcome(state) : this.renderForm(state.type === 'submitting')}
    </div>`;
  }

  protected renderForm(submitting: boolean) {
    const v = this.form.values;
    const hidden = this.hiddenSet;
    const required = this.requiredSet;
    const services = this.servicesController.services;
    const level = this.headingLevel;
    const personal = v.forWhom === 'self';
    const consentMissing = !v.consentPersonal;
    return html`<form part="form" class="form" novalidate aria-labelledby="form-title" @submit=${this.onSubmit}>
      ${heading(level, 'form-title', msg('提交服务需求', { id: 'need-form.title' }), 'main')}
      <p class="intro">${msg('告诉我们您或家人需要什么帮助，社区会核实后对接合适的社会组织。', { id: 'need-form.intro' })}</p>
      ${renderStorageNotice(services?.storageState)} ${this.renderPending()}

      <section class="section notice-section" aria-labelledby="notice-title">
        ${heading(level + 1, 'notice-title', msg('个人信息处理说明', { id: 'need-form.notice-title' }))}
        <div id="notice" part="notice" class="notice">
          <slot name="notice">${this.renderNotice()}</slot>
          <p class="notice-version">${msg(str`说明版本：${this.noticeVersion}`, { id: 'need-form.notice-version' })}</p>
        </div>
        ${this.noticeChanged
          ? html`<p class="callout" role="status">
              ${msg('个人信息处理说明已更新。请重新阅读并勾选同意；之前保存的联系方式和健康信息已清除。', { id: 'need-form.notice-changed' })}
            </p>`
          : nothing}
        ${checkboxField(this.form, 'consentPersonal', {
          label: msg('我已阅读并同意上述个人信息处理说明', { id: 'need-form.consent' }),
          describedBy: 'notice',
        })}
      </section>

      ${hidden.has('forWhom')
        ? nothing
        : html`<section class="section" aria-labelledby="who-title">
            ${heading(level + 1, 'who-title', msg('为谁提出需求', { id: 'need-form.who-title' }))}
            ${radioField(this.form, 'forWhom', {
              legend: msg('这条需求是为谁提的？', { id: 'need-form.for-whom' }),
              choices: SUBJECTS.map((s) => ({ value: s, label: subjectLabel(s) })),
              required: true,
            })}
            ${v.forWhom === 'resident'
              ? radioField(this.form, 'channel', {
                  legend: msg('需求是怎么收集到的？', { id: 'need-form.channel' }),
                  choices: RECORDED_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })),
                  required: true,
                })
              : nothing}
          </section>`}

      <section class="section" aria-labelledby="need-title">
        ${heading(level + 1, 'need-title', msg('需要什么帮助', { id: 'need-form.need-title' }))}
        <rl-category-picker
          id=${fieldId('categoryCode')}
          class="field"
          label=${msg('服务类别', { id: 'need-form.category' })}
          hint=${msg('输入关键词查找，如“助餐”“维修”“法律”。', { id: 'need-form.category-hint' })}
          required
          .value=${v.categoryCode}
          .error=${this.form.error('categoryCode') ?? ''}
          ?data-invalid=${Boolean(this.form.error('categoryCode'))}
          @change=${(e: Event) => this.form.set('categoryCode', (e.target as HTMLInputElement).value)}
          @focusout=${this.leaving('categoryCode')}
        ></rl-category-picker>
        ${textField(this.form, 'title', {
          label: msg('需求标题', { id: 'need-form.title-field' }),
          hint: msg('一句话说清楚，如“独居老人需要每天送午饭”。', { id: 'need-form.title-hint' }),
          required: true,
        })}
        ${hidden.has('description')
          ? nothing
          : textField(this.form, 'description', {
              label: msg('详细情况', { id: 'need-form.description' }),
              hint: msg('请不要在这里写姓名、电话或门牌号，这些请填在下方“联系方式”中。', { id: 'need-form.description-hint' }),
              multiline: true,
              required: required.has('description'),
            })}
        ${hidden.has('audiences')
          ? nothing
          : checkboxesField(this.form, 'audiences', {
              legend: msg('需求涉及的人群', { id: 'need-form.audiences' }),
              hint: msg('可以多选。', { id: 'need-form.audiences-hint' }),
              choices: AUDIENCES.map((a) => ({ value: a, label: audienceLabel(a) })),
              required: true,
              inline: true,
            })}
        ${hidden.has('urgency')
          ? nothing
          : radioField(this.form, 'urgency', {
              legend: msg('紧急程度', { id: 'need-form.urgency' }),
              hint: msg('遇到危险或急病，请直接拨打 110 或 120。', { id: 'need-form.urgency-hint' }),
              choices: URGENCIES.map((u) => ({ value: u, label: urgencyLabel(u) })),
              required: true,
            })}
        ${hidden.has('preferredTime')
          ? nothing
          : textField(this.form, 'preferredTime', {
              label: msg('希望的服务时间', { id: 'need-form.preferred-time' }),
              hint: msg('如“工作日上午”“周末都可以”。', { id: 'need-form.preferred-time-hint' }),
              required: required.has('preferredTime'),
            })}
        ${hidden.has('beneficiaries')
          ? nothing
          : textField(this.form, 'beneficiaries', {
              label: msg('涉及人数', { id: 'need-form.beneficiaries' }),
              type: 'text',
              inputmode: 'numeric',
              required: true,
            })}
        ${checkboxField(this.form, 'minor', {
          label: msg('需要帮助的人不满 14 周岁', { id: 'need-form.minor' }),
        })}
        ${v.minor
          ? checkboxField(this.form, 'consentGuardian', {
              label: msg('我是其父母或其他监护人，同意处理其个人信息', { id: 'need-form.guardian' }),
              hint: msg('按照个人信息保护法，不满 14 周岁未成年人的信息需要监护人同意。', { id: 'need-form.guardian-hint' }),
            })
          : nothing}
      </section>

      <section class="section" aria-labelledby="area-title">
        ${heading(level + 1, 'area-title', msg('所在地区', { id: 'need-form.area-title' }))}
        <rl-area-picker
          id=${fieldId('areaCode')}
          label=${msg('需要服务的社区', { id: 'need-form.area' })}
          hint=${msg('选到社区或网格即可。公开的需求清单只显示到社区，不显示门牌地址。', { id: 'need-form.area-hint' })}
          min-level="community"
          required
          .adapter=${this.areas ? null : (services?.adapter ?? null)}
          .areas=${this.areas}
          .value=${v.areaCode}
          .error=${this.form.error('areaCode') ?? ''}
          ?data-invalid=${Boolean(this.form.error('areaCode'))}
          @change=${(e: Event) => this.form.set('areaCode', (e.target as HTMLInputElement).value)}
          @focusout=${this.leaving('areaCode')}
        ></rl-area-picker>
      </section>

      <section class="section" aria-labelledby="contact-title">
        ${heading(level + 1, 'contact-title', msg('联系方式（不公开）', { id: 'need-form.contact-title' }))}
        <p class="hint">
          ${msg('只有社区工作人员和经社区确认认领的社会组织能看到，用于联系和上门服务。', { id: 'need-form.contact-hint' })}
        </p>
        ${textField(this.form, 'contactName', {
          label: personal ? msg('您的称呼', { id: 'need-form.contact-name' }) : msg('联系人称呼', { id: 'need-form.contact-name-other' }),
          hint: msg('如“王阿姨”“李先生”。', { id: 'need-form.contact-name-hint' }),
          autocomplete: personal ? 'name' : 'off',
          required: true,
        })}
        ${textField(this.form, 'contactPhone', {
          label: msg('联系电话', { id: 'need-form.contact-phone' }),
          hint: msg('手机或带区号的固定电话，如 13812345678 或 021-62345678。', { id: 'need-form.contact-phone-hint' }),
          type: 'tel',
          inputmode: 'tel',
          autocomplete: personal ? 'tel' : 'off',
          required: true,
        })}
        ${textField(this.form, 'contactAddress', {
          label: msg('上门地址', { id: 'need-form.contact-address' }),
          hint: msg('门牌号等详细地址，只在上门服务时使用。', { id: 'need-form.contact-address-hint' }),
          autocomplete: personal ? 'street-address' : 'off',
          required: true,
        })}
      </section>

      ${hidden.has('healthConditions') ? nothing : this.renderHealth(level)}

      ${this.renderActions({
        label: msg('提交需求', { id: 'need-form.submit' }),
        submitting,
        blockedReason: consentMissing ? msg('请先阅读并勾选同意个人信息处理说明，才能提交。', { id: 'need-form.submit-hint' }) : undefined,
      })}
    </form>`;
  }

  private renderNotice() {
    return html`<dl class="notice-list">
      <div>
        <dt>${msg('用途', { id: 'need-form.notice-purpose-term' })}</dt>
        <dd>
          ${msg('用于受理、核实和办理您提出的社区服务需求，并在需要时与您联系。', { id: 'need-form.notice-purpose' })}
        </dd>
      </div>
      <div>
        <dt>${msg('谁会看到', { id: 'need-form.notice-recipients-term' })}</dt>
        <dd>
          ${msg(
            '街道和社区工作人员；需求被社会组织认领并经社区确认后，该组织可以看到联系方式。公开的需求清单只显示类别、标题和所在社区，不显示姓名、电话和地址。',
            { id: 'need-form.notice-recipients' },
          )}
        </dd>
      </div>
      <div>
        <dt>${msg('保存多久', { id: 'need-form.notice-retention-term' })}</dt>
        <dd>${msg('需求办结后保存两年，之后删除或匿名化处理。', { id: 'need-form.notice-retention' })}</dd>
      </div>
      <div>
        <dt>${msg('如何撤回', { id: 'need-form.notice-withdraw-term' })}</dt>
        <dd>
          ${msg(
            '您可以随时联系居委会或拨打街道服务热线，撤回同意，查询、更正或删除您的信息；撤回不影响此前已进行的处理。',
            { id: 'need-form.notice-withdraw' },
          )}
        </dd>
      </div>
    </dl>`;
  }

  private renderHealth(level: number) {
    const v = this.form.values;
    return html`<section class="section" aria-labelledby="health-title">
      ${heading(level + 1, 'health-title', msg('健康情况（选填）', { id: 'need-form.health-title' }))}
      <p id="health-notice" class="hint">
        ${msg('健康信息属于敏感个人信息，只有在您单独同意后才会收集，仅用于安排合适的服务人员和方式，不会公开。', {
          id: 'need-form.health-notice',
        })}
      </p>
      ${checkboxField(this.form, 'consentHealth', {
        label: msg('我同意提供健康信息，用于安排服务', { id: 'need-form.health-consent' }),
        describedBy: 'health-notice',
      })}
      ${v.consentHealth
        ? html`${textField(this.form, 'healthConditions', {
              label: msg('身体状况', { id: 'need-form.health-conditions' }),
              hint: msg('如“高血压，行动不便”“术后康复中”。', { id: 'need-form.health-conditions-hint' }),
              multiline: true,
              rows: 3,
              required: true,
            })}
            ${radioField(this.form, 'healthMobility', {
              legend: msg('行动能力', { id: 'need-form.health-mobility' }),
              choices: MOBILITIES.map((m) => ({ value: m, label: mobilityLabel(m) })),
              required: true,
            })}`
        : nothing}
    </section>`;
  }

  private renderPending() {
    const pending = this.submission.pending;
    return pending > 0
      ? html`<p class="callout callout--waiting" role="status">
          ${msg(str`有 ${pending} 条需求已保存在本机，尚未发送，联网后会自动发送。`, { id: 'need-form.pending' })}
        </p>`
      : nothing;
  }

  protected renderOutcome(state: Extract<Submission<NeedReceipt>, { type: 'done' }>) {
    const level = this.headingLevel;
    const forResident = this.form.values.forWhom === 'resident';
    const trackingNumber = state.result?.trackingNumber;
    const refused = state.status === 'failed' || state.status === 'expired';
    return html`<section class="outcome" aria-labelledby="outcome-title">
      ${renderSubmitStatus({
        level,
        status: state.status,
        sentTitle: msg('需求已提交', { id: 'need-form.sent-title' }),
        queuedTitle: msg('已保存，联网后自动发送', { id: 'need-form.queued-title' }),
        refusedTitle: msg('需求没有被受理', { id: 'need-form.refused-title' }),
        trackingLabel: msg('受理编号', { id: 'need-form.tracking-label' }),
        trackingNumber,
        trackingHint: forResident
          ? msg('请把受理编号告诉居民，查询进度时会用到。', { id: 'need-form.tracking-hint-resident' })
          : msg('请记下受理编号，查询进度时会用到。', { id: 'need-form.tracking-hint' }),
        queuedText: msg('需求已保存在这台设备上。网络恢复后会自动发送，不会重复提交；发送成功后这里会显示受理编号。', {
          id: 'need-form.queued-text',
        }),
        error: state.error,
      })}
      ${refused
        ? nothing
        : html`${heading(level + 1, 'next-title', msg('接下来会怎样', { id: 'need-form.next-title' }))}
            <ol class="steps">
              <li>${msg('社区工作人员会在 3 个工作日内核实需求，可能会打电话确认。', { id: 'need-form.next-verify' })}</li>
              <li>
                ${msg('核实后，需求发布到需求清单：公开的只有类别、标题和所在社区。', { id: 'need-form.next-publish' })}
              </li>
              <li>${msg('社会组织认领、社区确认后，服务人员会联系您安排服务。', { id: 'need-form.next-claim' })}</li>
              <li>${msg('服务结束后，请对服务做个评价，帮助社区改进。', { id: 'need-form.next-rate' })}</li>
            </ol>`}
      <div class="actions actions--row">
        ${refused
          ? html`<button part="button" class="button button--primary" type="button" @click=${() => void this.editAgain()}>
              ${msg('返回修改', { id: 'form.edit-again' })}
            </button>`
          : nothing}
        <button
          part="button"
          class="button ${forResident && !refused ? 'button--primary' : 'button--secondary'}"
          type="button"
          @click=${() => void this.startAnother({ forWhom: this.form.values.forWhom, channel: this.form.values.channel })}
        >
          ${forResident ? msg('登记下一位居民的需求', { id: 'need-form.another-resident' }) : msg('再提交一条需求', { id: 'need-form.another' })}
        </button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-need-form': RlNeedForm;
  }
}
