import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  allowedEvents,
  isAbortError,
  toAdapterError,
  type Actor,
  type AdapterError,
  type Claim,
  type ClaimEventType,
  type ClaimState,
  type ClaimTransition,
  type DataAdapter,
  type Locale,
  type NeedPrivateView,
  type Organization,
  type PublicNeed,
  type ServiceOffer,
} from '@renling/core';
import { rlElement } from '../../base/define.js';
import { formatNumber, readablePhone, telHref } from '../../base/format.js';
import { mobilityLabel } from '../../base/form-labels.js';
import { RlElement } from '../../base/rl-element.js';
import { RlClaimChangedEvent } from '../../events/claim-changed.js';
import { currentLocale } from '../../localization/localization.js';
import { fieldStyles } from '../../styles/form.js';
import { IdempotencyKeys } from './claim-data.js';
import {
  actionDoneAnnouncement,
  actionLabel,
  claimStateLabel,
  directionLabel,
  eventDoneLabel,
  requestedLabel,
  roleLabel,
  scoreLabel,
  scoreText,
} from './claim-labels.js';
import { claimCommonStyles, claimEntryStyles } from './claim-tracker.styles.js';

/** The way a claim goes when all goes well. */
const HAPPY_PATH: readonly ClaimState[] = ['pending', 'accepted', 'in-progress', 'completed', 'rated'];
/** States in which the organization of the claim may read the resident's contact. */
const CONTACT_STATES: readonly ClaimState[] = ['accepted', 'in-progress'];
/** Events that ask for something before they are sent. */
type FormEvent = 'decline' | 'withdraw' | 'complete' | 'rate';
const FORM_EVENTS: readonly ClaimEventType[] = ['decline', 'withdraw', 'complete', 'rate'];
const isFormEvent = (event: ClaimEventType): event is FormEvent => FORM_EVENTS.includes(event);
/** Button order; expiry is the scheduled job's, never a button. */
const ACTION_ORDER: readonly ClaimEventType[] = ['accept', 'start', 'complete', 'rate', 'decline', 'withdraw'];
const ENDED_STATES: readonly ClaimState[] = ['declined', 'withdrawn', 'expired'];

export const REASON_MAX = 500;
export const COMMENT_MAX = 500;
const SCORES = [1, 2, 3, 4, 5] as const;

/** Counted as the schema counts: in code points, so a rare character counts once. */
const length = (text: string): number => [...text.trim()].length;

type ContactView =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'shown'; view: NeedPrivateView }
  | { status: 'error'; message: string };

interface FormValues {
  reason: string;
  beneficiaries: string;
  score: number;
  comment: string;
}

type FormProblems = Partial<Record<keyof FormValues, string>>;

const EMPTY_FORM: FormValues = { reason: '', beneficiaries: '', score: 0, comment: '' };

/** One call per event type; every call carries the press's idempotency key. */
function sendEvent(adapter: DataAdapter, claimId: string, event: ClaimEventType, values: FormValues, key: string): Promise<Claim> {
  const options = { idempotencyKey: key };
  switch (event) {
    case 'accept':
      return adapter.acceptClaim(claimId, {}, options);
    case 'decline':
      return adapter.declineClaim(claimId, { reason: values.reason.trim() }, options);
    case 'withdraw':
      return adapter.withdrawClaim(claimId, { reason: values.reason.trim() }, options);
    case 'start':
      return adapter.startClaim(claimId, {}, options);
    case 'complete':
      return adapter.completeClaim(claimId, { beneficiaries: Number(values.beneficiaries.trim()) }, options);
    case 'rate':
      return adapter.rateClaim(claimId, { score: values.score, comment: values.comment.trim() }, options);
    case 'expire':
      return Promise.reject(new TypeError('Claims expire by the scheduled job, not from the page.'));
  }
}

/** What each event sends, so a retry with the same values reuses its key. */
function payloadOf(event: ClaimEventType, values: FormValues): unknown {
  switch (event) {
    case 'decline':
    case 'withdraw':
      return { reason: values.reason.trim() };
    case 'complete':
      return { beneficiaries: values.beneficiaries.trim() };
    case 'rate':
      return { score: values.score, comment: values.comment.trim() };
    default:
      return {};
  }
}

/** 138 1234 5678: a mobile in the groups people read it aloud in; other numbers as stored. */

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
/** 2026年3月1日 14:30 in Chinese, Mar 1, 2026, 2:30 PM in English; China time, where the work happens. */
function formatDateTime(iso: string, locale: Locale): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    dateTimeFormats.set(locale, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

function actorText(actor: Actor): string {
  return actor.name ? `${roleLabel(actor.role)} ${actor.name}` : roleLabel(actor.role);
}

/**
 * @tagname rl-claim-entry
 * @summary One claim inside `<rl-claim-tracker>`: what it is about, its
 * steps, the resident's contact where the viewer may see it, the actions the
 * viewer may take and its history. Not meant to be used alone.
 *
 * @event {RlClaimChangedEvent} rl-claim-changed - An action went through; `detail` has the new claim and the event.
 * @event claim-replace - The claim was read again (after a conflict); `detail` is the claim. Internal to the tracker.
 *
 * @csspart claim - The claim's box.
 * @csspart steps - The step indicator.
 * @csspart contact - The resident's contact panel.
 * @csspart actions - The action buttons and their forms.
 * @csspart button - Every button.
 * @csspart history - The history list.
 */
@rlElement('rl-claim-entry')
export class RlClaimEntry extends RlElement {
  static override styles = [RlElement.styles, fieldStyles, claimCommonStyles, claimEntryStyles];

  @property({ attribute: false }) claim!: Claim;
  @property({ attribute: false }) need: PublicNeed | null = null;
  @property({ attribute: false }) offer: ServiceOffer | null = null;
  @property({ attribute: false }) organization: Organization | null = null;
  @property({ attribute: false }) viewer: Actor | null = null;
  @property({ attribute: false }) adapter: DataAdapter | null = null;
  /** Showing saved data without a network: nothing can be sent. */
  @property({ type: Boolean }) offline = false;
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  @state() private open: FormEvent | null = null;
  @state() private values: FormValues = EMPTY_FORM;
  @state() private problems: FormProblems = {};
  @state() private sending: ClaimEventType | null = null;
  @state() private actionError: { event: ClaimEventType | null; message: string } | null = null;
  @state() private announcement = '';
  @state() private contact: ContactView = { status: 'idle' };

  private readonly keys = new IdempotencyKeys();
  /** Set synchronously on a press, so a second click before the re-render sends nothing. */
  private busy = false;
  private focusAfterRender: 'form' | 'actions' | { button: ClaimEventType } | null = null;
  private contactRequest: AbortController | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('claim');
    const claimChanged = changed.has('claim') && previous !== undefined;
    if (claimChanged || changed.has('viewer')) this.forgetContact();
    if (claimChanged && previous.id !== this.claim.id) {
      this.actionError = null;
      this.announcement = '';
    }
    // a form for an action the claim or viewer no longer allows is closed
    if (this.open && !this.allowed.includes(this.open)) this.closeForm(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.forgetContact();
  }

  /** The private contact lives only here, only while this claim and viewer stay the same. */
  private forgetContact(): void {
    this.contactRequest?.abort();
    this.contactRequest = null;
    this.contact = { status: 'idle' };
  }

  /** The viewer's actions, the way forward first and the ways out (decline, withdraw) after. */
  private get allowed(): ClaimEventType[] {
    if (!this.viewer || !this.claim) return [];
    const allowed = allowedEvents(this.claim, this.viewer);
    return ACTION_ORDER.filter((e) => allowed.includes(e));
  }

  /** Moves focus to the heading, e.g. after the tracker reloaded this claim. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('.claim-title')?.focus();
  }

  protected override updated(): void {
    const target = this.focusAfterRender;
    if (!target) return;
    this.focusAfterRender = null;
    const root = this.renderRoot;
    if (target === 'form') {
      root.querySelector<HTMLElement>('.inline-form input, .inline-form textarea')?.focus();
    } else if (target === 'actions') {
      (root.querySelector<HTMLElement>('.actions .row .button') ?? root.querySelector<HTMLElement>('.claim-title'))?.focus();
    } else {
      root.querySelector<HTMLElement>(`[data-event="${target.button}"]`)?.focus();
    }
  }

  // ---------------------------------------------------------------- actions

  private press(event: ClaimEventType): void {
    if (this.busy || this.offline) return;
    if (isFormEvent(event)) {
      this.open = event;
      this.values = EMPTY_FORM;
      this.problems = {};
      this.actionError = null;
      this.focusAfterRender = 'form';
      return;
    }
    void this.send(event);
  }

  private closeForm(returnFocus: boolean): void {
    const event = this.open;
    this.open = null;
    this.problems = {};
    if (returnFocus && event) this.focusAfterRender = { button: event };
  }

  private check(event: FormEvent, values: FormValues): FormProblems {
    const problems: FormProblems = {};
    if (event === 'decline' || event === 'withdraw') {
      if (length(values.reason) === 0)
        problems.reason =
          event === 'decline'
            ? msg('请写明婉拒的理由，对方会看到这段话。', { id: 'claim-form.decline-reason-required' })
            : msg('请写明撤回的理由，对方会看到这段话。', { id: 'claim-form.withdraw-reason-required' });
      else if (length(values.reason) > REASON_MAX)
        problems.reason = msg(str`理由最多 ${REASON_MAX} 个字，请精简。`, { id: 'claim-form.reason-too-long' });
    } else if (event === 'complete') {
      const typed = values.beneficiaries.trim();
      if (typed === '') problems.beneficiaries = msg('请填写受益人次。', { id: 'claim-form.beneficiaries-required' });
      else if (!/^\d{1,7}$/u.test(typed))
        problems.beneficiaries = msg('受益人次要填 0 或正整数，如 3。', { id: 'claim-form.beneficiaries-integer' });
    } else {
      if (!SCORES.includes(values.score as (typeof SCORES)[number]))
        problems.score = msg('请选择 1 到 5 颗星。', { id: 'claim-form.score-required' });
      if (length(values.comment) > COMMENT_MAX)
        problems.comment = msg(str`评价最多 ${COMMENT_MAX} 个字，请精简。`, { id: 'claim-form.comment-too-long' });
    }
    return problems;
  }

  private readonly submitForm = (event: SubmitEvent): void => {
    event.preventDefault();
    const open = this.open;
    if (!open || this.busy) return;
    const problems = this.check(open, this.values);
    this.problems = problems;
    if (Object.keys(problems).length) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.inline-form [aria-invalid="true"]')?.focus());
      return;
    }
    void this.send(open);
  };

  private async send(event: ClaimEventType): Promise<void> {
    const adapter = this.adapter;
    if (this.busy || !adapter) return;
    const claim = this.claim;
    const values = this.values;
    const scope = `${claim.id}:${event}`;
    const key = this.keys.keyFor(scope, payloadOf(event, values));
    this.busy = true;
    this.sending = event;
    this.actionError = null;
    this.announcement = '';
    try {
      const next = await sendEvent(adapter, claim.id, event, values, key);
      this.keys.settle(scope);
      this.open = null;
      this.values = EMPTY_FORM;
      this.problems = {};
      this.announcement = actionDoneAnnouncement(event);
      this.focusAfterRender = 'actions';
      this.dispatchEvent(new RlClaimChangedEvent({ claim: next, event }));
    } catch (error) {
      await this.failed(event, scope, toAdapterError(error));
    } finally {
      this.busy = false;
      this.sending = null;
    }
  }

  private async failed(event: ClaimEventType, scope: string, error: AdapterError): Promise<void> {
    if (isAbortError(error)) return;
    // a transient failure is retried with the same key; anything else was answered for good
    if (!error.transient) this.keys.settle(scope);
    const locale = currentLocale();
    if (error.kind === 'conflict' || error.kind === 'duplicate') {
      const fresh = await this.reload();
      this.open = null;
      this.actionError = {
        event: null,
        message:
          error.kind === 'conflict'
            ? fresh
              ? msg('这条认领刚被别人更新过，下面已是最新状态，请确认后再操作。', { id: 'claim-action.conflict' })
              : msg('这条认领刚被别人更新过，但没能读取最新状态，请稍后刷新。', { id: 'claim-action.conflict-stale' })
            : error.userMessage(locale),
      };
      return;
    }
    this.actionError = { event, message: error.userMessage(locale) };
  }

  /** Reads the claim again and hands it to the tracker; false when it could not be read. */
  private async reload(): Promise<boolean> {
    const adapter = this.adapter;
    if (!adapter) return false;
    try {
      const fresh = await adapter.getClaim(this.claim.id);
      this.dispatchEvent(new CustomEvent<Claim>('claim-replace', { detail: fresh, bubbles: true }));
      return true;
    } catch {
      return false;
    }
  }

  private setValue<K extends keyof FormValues>(field: K, value: FormValues[K]): void {
    this.values = { ...this.values, [field]: value };
    // a shown problem follows the value as it is corrected
    if (this.problems[field] !== undefined && this.open) this.problems = this.check(this.open, this.values);
  }

  // ---------------------------------------------------------------- contact

  private get contactAccess(): 'ask' | 'after-acceptance' | 'after-completion' | 'ended' {
    const viewer = this.viewer;
    const claim = this.claim;
    if (viewer?.role === 'staff') return 'ask';
    if (viewer?.role === 'organization' && viewer.id === claim.organizationId) {
      if (CONTACT_STATES.includes(claim.state)) return 'ask';
      if (claim.state === 'completed' || claim.state === 'rated') return 'after-completion';
      if (ENDED_STATES.includes(claim.state)) return 'ended';
    }
    return 'after-acceptance';
  }

  private readonly showContact = async (): Promise<void> => {
    const adapter = this.adapter;
    const needId = this.claim.needId;
    if (!adapter || !needId || this.contact.status === 'loading') return;
    this.contactRequest?.abort();
    const request = new AbortController();
    this.contactRequest = request;
    this.contact = { status: 'loading' };
    try {
      const view = await adapter.getNeedContact(needId, { signal: request.signal });
      if (this.contactRequest === request) this.contact = { status: 'shown', view };
    } catch (error) {
      if (this.contactRequest !== request || isAbortError(error)) return;
      this.contact = { status: 'error', message: toAdapterError(error).userMessage(currentLocale()) };
    } finally {
      if (this.contactRequest === request) this.contactRequest = null;
    }
  };

  private readonly hideContact = (): void => {
    this.forgetContact();
    this.focusAfterRender = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.show-contact')?.focus());
  };

  // ---------------------------------------------------------------- rendering

  protected override render() {
    const claim = this.claim;
    if (!claim) return nothing;
    const locale = currentLocale();
    const level = Math.min(Math.max(Math.trunc(this.headingLevel) || 3, 2), 5);
    // what was claimed: the need for a need claim, the offer for a booking
    const title =
      (claim.direction === 'need-claim' ? this.need?.title : this.offer?.title) ??
      msg('（标题暂时无法显示）', { id: 'claim.title-missing' });
    return html`<article part="claim" class="claim" aria-labelledby="claim-title">
      <header class="header">
        <p class="kicker">
          <span>${directionLabel(claim.direction)}</span>
          <span class="badge badge--${this.badgeTone(claim.state)}">${claimStateLabel(claim.state)}</span>
        </p>
        <div id="claim-title" class="heading heading--main claim-title" role="heading" aria-level=${level} tabindex="-1">${title}</div>
        <dl class="facts">
          ${claim.needId && claim.direction !== 'need-claim'
            ? fact(msg('居民需求', { id: 'claim.need' }), this.need?.title ?? msg('（暂时无法显示）', { id: 'claim.missing' }))
            : nothing}
          ${claim.offerId && claim.direction !== 'offer-booking'
            ? fact(msg('服务项目', { id: 'claim.offer' }), this.offer?.title ?? msg('（暂时无法显示）', { id: 'claim.missing' }))
            : nothing}
          ${fact(msg('社会组织', { id: 'claim.organization' }), this.organization?.name ?? msg('（暂时无法显示）', { id: 'claim.missing' }))}
          ${claim.beneficiaries !== null
            ? fact(msg('受益人次', { id: 'claim.beneficiaries' }), formatNumber(claim.beneficiaries, locale))
            : nothing}
          ${claim.rating ? fact(msg('居民评价', { id: 'claim.rating' }), scoreText(claim.rating.score)) : nothing}
        </dl>
      </header>
      ${this.renderSteps(claim)} ${claim.needId ? this.renderContact(level + 1) : nothing} ${this.renderActions()}
      ${this.renderHistory(claim, locale, level + 1)}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </article>`;
  }

  private badgeTone(state: ClaimState): 'open' | 'done' | 'ended' {
    if (state === 'completed' || state === 'rated') return 'done';
    if (state === 'declined' || state === 'withdrawn' || state === 'expired') return 'ended';
    return 'open';
  }

  private renderSteps(claim: Claim) {
    const onPath = HAPPY_PATH.indexOf(claim.state);
    // an ended claim shows the way it came and where it stopped
    const endedFrom = onPath === -1 ? HAPPY_PATH.indexOf(claim.history.at(-1)?.from ?? 'pending') : -1;
    const steps: { state: ClaimState; kind: 'done' | 'current' | 'upcoming' | 'ended' }[] =
      onPath !== -1
        ? HAPPY_PATH.map((s, i) => ({ state: s, kind: i < onPath ? 'done' : i === onPath ? 'current' : 'upcoming' }))
        : [
            ...HAPPY_PATH.slice(0, Math.max(endedFrom, 0) + 1).map((s) => ({ state: s, kind: 'done' as const })),
            { state: claim.state, kind: 'ended' as const },
          ];
    return html`<ol part="steps" class="steps" aria-label=${msg('认领进度', { id: 'claim.steps' })}>
      ${steps.map(
        (step, i) => html`<li
          class="step step--${step.kind === 'ended' ? 'ended' : step.kind}"
          aria-current=${ifDefined(step.kind === 'current' || step.kind === 'ended' ? 'step' : undefined)}
        >
          <span class="step-mark" aria-hidden="true">${step.kind === 'done' ? '✓' : step.kind === 'ended' ? '×' : i + 1}</span>
          <span>${claimStateLabel(step.state)}</span>
          ${step.kind === 'done' ? html`<span class="visually-hidden">${msg('（已经过）', { id: 'claim.step-done' })}</span>` : nothing}
        </li>`,
      )}
    </ol>`;
  }

  private renderContact(level: number) {
    const access = this.contactAccess;
    const contact = this.contact;
    return html`<div part="contact" class="panel" role="group" aria-labelledby="contact-title">
      <div id="contact-title" class="heading heading--sub" role="heading" aria-level=${level}>
        ${msg('居民联系方式', { id: 'claim.contact-title' })}
      </div>
      ${access === 'after-acceptance'
        ? html`<p>${msg('认领被接受后，机构才能看到居民的联系方式', { id: 'claim.contact-after-acceptance' })}</p>`
        : access === 'after-completion'
          ? html`<p>${msg('服务已完成，居民的联系方式不再向机构显示。', { id: 'claim.contact-after-completion' })}</p>`
          : access === 'ended'
            ? html`<p>${msg('这条认领已结束，居民的联系方式不向机构显示。', { id: 'claim.contact-ended' })}</p>`
          : contact.status === 'shown'
            ? this.renderContactView(contact.view)
            : html`<p id="contact-audit" class="note">
                  ${msg('为保护居民隐私，每次查看都会留下记录，请在服务需要时再查看。', { id: 'claim.contact-audit' })}
                </p>
                <div class="row">
                  <button
                    part="button"
                    class="button button--secondary show-contact"
                    type="button"
                    aria-describedby="contact-audit"
                    ?disabled=${this.offline || contact.status === 'loading'}
                    @click=${this.showContact}
                  >
                    ${contact.status === 'loading'
                      ? msg('正在读取…', { id: 'claim.contact-loading' })
                      : msg('显示联系方式', { id: 'claim.contact-show' })}
                  </button>
                </div>
                ${contact.status === 'error' ? html`<p class="error" role="alert">${contact.message}</p>` : nothing}`}
    </div>`;
  }

  private renderContactView(view: NeedPrivateView) {
    const phone = view.contact.phone;
    return html`<dl class="facts contact">
        ${fact(msg('称呼', { id: 'claim.contact-name' }), view.contact.name)}
        <div class="fact">
          <dt>${msg('电话', { id: 'claim.contact-phone' })}</dt>
          <dd><a class="link phone" href=${telHref(phone)}>${readablePhone(phone)}</a></dd>
        </div>
        ${fact(msg('地址', { id: 'claim.contact-address' }), view.contact.address)}
        ${view.health
          ? fact(
              msg('健康情况', { id: 'claim.contact-health' }),
              msg(str`${view.health.conditions}（${mobilityLabel(view.health.mobility)}）`, { id: 'claim.contact-health-text' }),
            )
          : nothing}
        ${view.minor
          ? fact(msg('请注意', { id: 'claim.contact-note' }), msg('服务对象未满 14 周岁，请与监护人联系。', { id: 'claim.contact-minor' }))
          : nothing}
      </dl>
      <div class="row">
        <button part="button" class="button button--secondary" type="button" @click=${this.hideContact}>
          ${msg('隐藏联系方式', { id: 'claim.contact-hide' })}
        </button>
      </div>`;
  }

  private renderActions() {
    const allowed = this.allowed;
    const error = this.actionError;
    if (!allowed.length && !error) return nothing;
    const sending = this.sending;
    return html`<div part="actions" class="actions">
      ${allowed.length
        ? html`<div class="row" role="group" aria-label=${msg('可以进行的操作', { id: 'claim.actions' })}>
            ${allowed.map(
              (event) => html`<button
                part="button"
                class="button ${event === 'accept' || event === 'start' || event === 'complete' || event === 'rate'
                  ? 'button--primary'
                  : 'button--secondary'}"
                type="button"
                data-event=${event}
                aria-expanded=${ifDefined(isFormEvent(event) ? String(this.open === event) : undefined)}
                aria-describedby=${ifDefined(
                  error?.event === event ? 'action-error' : this.offline ? 'offline-note' : undefined,
                )}
                ?disabled=${this.offline || sending !== null}
                @click=${() => this.press(event)}
              >
                ${sending === event ? msg('正在提交…', { id: 'claim.sending' }) : actionLabel(event)}
              </button>`,
            )}
          </div>`
        : nothing}
      ${this.offline
        ? html`<p id="offline-note" class="note">${msg('没有网络时不能操作，恢复联网后再试。', { id: 'claim.offline-note' })}</p>`
        : nothing}
      ${this.open ? this.renderForm(this.open) : nothing}
      ${error && (!this.open || error.event !== this.open)
        ? html`<p id="action-error" class="error" role="alert">${error.message}</p>`
        : nothing}
    </div>`;
  }

  private renderForm(event: FormEvent) {
    const sending = this.sending !== null;
    const error = this.actionError?.event === event ? this.actionError : null;
    const submitLabel =
      event === 'decline'
        ? msg('确认婉拒', { id: 'claim-form.decline-submit' })
        : event === 'withdraw'
          ? msg('确认撤回', { id: 'claim-form.withdraw-submit' })
          : event === 'complete'
            ? msg('确认完成', { id: 'claim-form.complete-submit' })
            : msg('提交评价', { id: 'claim-form.rate-submit' });
    return html`<form class="inline-form" novalidate aria-label=${actionLabel(event)} @submit=${this.submitForm}>
      ${event === 'decline' || event === 'withdraw'
        ? this.renderTextArea('reason', {
            label:
              event === 'decline'
                ? msg('婉拒的理由', { id: 'claim-form.decline-reason' })
                : msg('撤回的理由', { id: 'claim-form.withdraw-reason' }),
            hint: msg('会记录在处理记录中，对方能看到。', { id: 'claim-form.reason-hint' }),
            max: REASON_MAX,
            required: true,
          })
        : event === 'complete'
          ? this.renderBeneficiaries()
          : html`${this.renderStars()}
            ${this.renderTextArea('comment', {
              label: msg('评价内容', { id: 'claim-form.comment' }),
              hint: msg('说说服务怎么样，可以不写。', { id: 'claim-form.comment-hint' }),
              max: COMMENT_MAX,
              required: false,
            })}`}
      <div class="row">
        <button part="button" class="button button--primary" type="submit" ?disabled=${sending || this.offline}>
          ${sending ? msg('正在提交…', { id: 'claim.sending' }) : submitLabel}
        </button>
        <button part="button" class="button button--secondary" type="button" ?disabled=${sending} @click=${() => this.closeForm(true)}>
          ${msg('取消', { id: 'claim-form.cancel' })}
        </button>
      </div>
      ${error ? html`<p id="action-error" class="error" role="alert">${error.message}</p>` : nothing}
    </form>`;
  }

  private renderTextArea(field: 'reason' | 'comment', options: { label: string; hint: string; max: number; required: boolean }) {
    const id = `field-${field}`;
    const problem = this.problems[field];
    const used = length(this.values[field]);
    return html`<div class="field">
      <label class="label" for=${id}
        >${options.label}${options.required
          ? nothing
          : html`<span class="optional">${msg('（选填）', { id: 'form.optional' })}</span>`}</label
      >
      <p id=${`${id}-hint`} class="hint">${options.hint}</p>
      <textarea
        id=${id}
        part="input"
        rows="3"
        aria-required=${options.required ? 'true' : 'false'}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${[`${id}-hint`, `${id}-count`, problem ? `${id}-error` : ''].filter(Boolean).join(' ')}
        .value=${this.values[field]}
        @input=${(e: InputEvent) => {
          if (!e.isComposing) this.setValue(field, (e.target as HTMLTextAreaElement).value);
        }}
        @compositionend=${(e: CompositionEvent) => this.setValue(field, (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p id=${`${id}-count`} class="counter ${used > options.max ? 'counter--over' : ''}">
        ${msg(str`${used} / ${options.max} 字`, { id: 'claim-form.counter' })}
      </p>
      ${problem ? html`<p id=${`${id}-error`} class="error">${problem}</p>` : nothing}
    </div>`;
  }

  private renderBeneficiaries() {
    const id = 'field-beneficiaries';
    const problem = this.problems.beneficiaries;
    return html`<div class="field">
      <label class="label" for=${id}>${msg('受益人次', { id: 'claim-form.beneficiaries' })}</label>
      <p id=${`${id}-hint`} class="hint">
        ${msg('这次服务一共服务了多少人次，如上门送餐 3 次填 3。', { id: 'claim-form.beneficiaries-hint' })}
      </p>
      <input
        id=${id}
        part="input"
        type="text"
        inputmode="numeric"
        autocomplete="off"
        aria-required="true"
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${[`${id}-hint`, problem ? `${id}-error` : ''].filter(Boolean).join(' ')}
        .value=${this.values.beneficiaries}
        @input=${(e: InputEvent) => this.setValue('beneficiaries', (e.target as HTMLInputElement).value)}
      />
      ${problem ? html`<p id=${`${id}-error`} class="error">${problem}</p>` : nothing}
    </div>`;
  }

  private renderStars() {
    const problem = this.problems.score;
    const score = this.values.score;
    return html`<fieldset class="field" aria-describedby=${ifDefined(problem ? 'field-score-error' : undefined)}>
      <legend>${msg('满意度', { id: 'claim-form.score' })}</legend>
      <div class="stars">
        ${SCORES.map(
          (s) => html`<label class="star ${s <= score ? 'star--on' : ''} ${s === score ? 'star--chosen' : ''}">
            <input
              type="radio"
              name="score"
              part="choice"
              .value=${String(s)}
              .checked=${s === score}
              aria-invalid=${problem ? 'true' : 'false'}
              @change=${() => this.setValue('score', s)}
            />
            <span class="star-glyph" aria-hidden="true">${s <= score ? '★' : '☆'}</span>
            <span class="star-text">${scoreLabel(s)}</span>
          </label>`,
        )}
      </div>
      ${problem ? html`<p id="field-score-error" class="error">${problem}</p>` : nothing}
    </fieldset>`;
  }

  private renderHistory(claim: Claim, locale: Locale, level: number) {
    return html`<div class="history-block">
      <div id="history-title" class="heading heading--sub" role="heading" aria-level=${level}>
        ${msg('处理记录', { id: 'claim.history' })}
      </div>
      <ol part="history" class="history">
        <li class="history-entry">
          <span class="history-what">${actorText(claim.requestedBy)} ${requestedLabel(claim.direction)}</span>
          <time class="history-when" datetime=${claim.createdAt}>${formatDateTime(claim.createdAt, locale)}</time>
        </li>
        ${claim.history.map((t) => this.renderTransition(claim, t, locale))}
      </ol>
    </div>`;
  }

  private renderTransition(claim: Claim, t: ClaimTransition, locale: Locale): TemplateResult {
    const extra =
      t.event === 'complete' && claim.beneficiaries !== null
        ? msg(str`受益 ${formatNumber(claim.beneficiaries, locale)} 人次`, { id: 'claim.history-beneficiaries' })
        : t.event === 'rate' && claim.rating
          ? scoreText(claim.rating.score)
          : '';
    const why = t.event === 'rate' && claim.rating?.comment ? claim.rating.comment : t.reason;
    return html`<li class="history-entry">
      <span class="history-what">${actorText(t.by)} ${eventDoneLabel(t.event)}${extra ? html`（${extra}）` : nothing}</span>
      <time class="history-when" datetime=${t.at}>${formatDateTime(t.at, locale)}</time>
      ${why
        ? html`<span class="history-why"
            >${t.event === 'rate'
              ? msg(str`评价：${why}`, { id: 'claim.history-comment' })
              : msg(str`理由：${why}`, { id: 'claim.history-reason' })}</span
          >`
        : nothing}
    </li>`;
  }
}

function fact(term: string, detail: string) {
  return html`<div class="fact"><dt>${term}</dt><dd>${detail}</dd></div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-claim-entry': RlClaimEntry;
  }
}
