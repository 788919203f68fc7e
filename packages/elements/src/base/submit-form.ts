import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { AdapterError, Area, DataAdapter, OutboxKind, OutboxResult, SubmitResult } from '@renling/core';
import { DraftController, type StoredDraft } from '../controllers/draft-controller.js';
import { FormController, focusFirstInvalid, type FieldProblems } from '../controllers/form-controller.js';
import { ServicesController } from '../controllers/services-controller.js';
import { SubmissionController, type PayloadOf, type Submission } from '../controllers/submission-controller.js';
import { RlSubmitErrorEvent } from '../events/submit-error.js';
import { currentLocale } from '../localization/localization.js';
import { fieldStyles } from '../styles/form.js';
import { touchOnLeave } from './form-fields.js';
import { formShellStyles, renderDraftStatus } from './form-shell.js';
import { RlElement } from './rl-element.js';

/** The outcome of checking a form's values: a payload to submit, or problems by field. */
export type FormCheck<D> = { ok: true; draft: D; problems: FieldProblems } | { ok: false; problems: FieldProblems };

/**
 * What every submitting form of the kit shares (the need form, the offer
 * form): where its data goes (a provider's services or its own chain from
 * `api`/`src`), its draft saved as you type and restored, when to show which
 * message, submitting through the outbox, following the record until it is
 * sent or refused, and the submit and error events. A form adds its fields,
 * its checks and its outcome view.
 */
export abstract class RlSubmitForm<V extends object, K extends OutboxKind, R extends OutboxResult> extends RlElement {
  static override styles = [RlElement.styles, fieldStyles, formShellStyles];

  /** Base URL of a server speaking the REST contract, for a form used without `<rl-provider>`. */
  @property() api: string | undefined;

  /** URL of a static JSON dataset (read-only: areas come from it, submissions are refused). */
  @property() src: string | undefined;

  /** An adapter for a form used without `<rl-provider>`; overrides `api` and `src`. */
  @property({ attribute: false }) adapter: DataAdapter | null = null;

  /** The IndexedDB database (outbox, drafts, cache) of a form used alone. */
  @property({ attribute: 'storage-name' }) storageName = 'renling';

  /** The draft's key; two forms of a kind on one page need different keys. Empty turns drafts off. */
  @property({ attribute: 'draft-key' }) draftKey = 'default';

  /** The areas to choose from; by default loaded through the adapter. */
  @property({ attribute: false }) areas: Area[] | null = null;

  /** The heading level of the form's title within the page, 2–6. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Shown with the submit button after a failed attempt. */
  @state() protected formMessage = '';

  protected readonly servicesController = new ServicesController(this);
  protected readonly drafts: DraftController<V>;
  protected readonly form: FormController<V>;
  protected readonly submission: SubmissionController<K, R>;

  private draftDatabase: unknown = null;
  private restored = false;
  /** The person changed something since the form was (re)started: a late draft must not overwrite it. */
  protected dirty = false;
  private locale = currentLocale();

  constructor() {
    super();
    // the subclass's getters and methods are on the prototype, so they answer already
    this.drafts = new DraftController<V>(this, {
      kind: this.formKind(),
      key: () => this.draftKey || null,
      sanitize: (values, accepted) => this.sanitize(values, accepted),
    });
    this.form = new FormController<V>(this, this.emptyValues(), {
      validate: (values) => this.check(values).problems,
      changed: (values, field) => this.valueChanged(values, field),
    });
    this.submission = new SubmissionController<K, R>(this, {
      kind: this.formKind(),
      outbox: () => this.servicesController.services?.outbox ?? null,
      onRecordError: (id, error) => this.reportError(error, id),
    });
  }

  /** 'need' or 'offer': the outbox kind and the drafts' namespace. */
  protected abstract formKind(): K;
  /** Values with nothing filled in (no instance state needed). */
  protected abstract emptyValues(): V;
  /** The values the page asked for (attributes, prefill), before a draft or typing. */
  protected abstract startValues(): V;
  /** Whether a property change alters `startValues()`. */
  protected abstract startChanged(changed: PropertyValues<this>): boolean;
  /** A stored draft's values made safe (storage may hold anything). */
  protected abstract restoreValues(stored: unknown): V;
  /** Validation; the payload when everything is right. */
  protected abstract check(values: V): FormCheck<PayloadOf<K>>;
  /** Which field shows a problem at a schema path (from the server or the outbox). */
  protected abstract fieldForPath(path: string): string | null;
  /** The fact event for a submission handed to the outbox. */
  protected abstract submittedEvent(submitted: SubmitResult, draft: PayloadOf<K>): Event;

  /** What a draft may keep of the values; everything by default. */
  protected sanitize(values: V, _acceptedVersion: string | null): V {
    return values;
  }
  /** The privacy notice version the values consent to, stored with the draft. */
  protected acceptedVersion(_values: V): string | null {
    return null;
  }
  /** A stored draft about to be restored: a form may ask for consent again here. */
  protected adoptDraft(_stored: StoredDraft<V>, values: V): V {
    return values;
  }
  /** Reacts to one field's change (before the draft is saved). */
  protected fieldChanged(_values: V, _field: keyof V & string): void {}
  /** Messages depend on more than the locale (e.g. required-by-attribute fields). */
  protected checksChanged(_changed: PropertyValues<this>): boolean {
    return false;
  }

  /** A focusout handler marking `field` visited once focus leaves the control, not when it moves inside it (a picker's own selects). */
  protected leaving(field: keyof V & string): (event: FocusEvent) => void {
    return touchOnLeave(this.form, field);
  }

  /** The values as they stand. */
  get values(): V {
    return this.form.values;
  }

  private valueChanged(_values: V, field: keyof V & string): void {
    this.dirty = true;
    this.formMessage = '';
    this.fieldChanged(this.form.values, field);
    const now = this.form.values;
    this.drafts.save(now, this.acceptedVersion(now));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const database = this.servicesController.services?.database ?? null;
    if (database !== this.draftDatabase) {
      this.draftDatabase = database;
      this.drafts.use(database);
      this.restored = false;
    }
    if (!this.dirty && (!this.hasUpdated || this.startChanged(changed))) this.form.replace(this.startValues());
    if (!this.restored && database && this.isConnected) {
      this.restored = true;
      void this.restoreDraft();
    }
    const locale = currentLocale();
    if (locale !== this.locale || this.checksChanged(changed)) {
      this.locale = locale;
      // messages are computed text: recompute them in the new language
      this.form.revalidate();
    }
  }

  private async restoreDraft(): Promise<void> {
    const stored = await this.drafts.load();
    // the person started typing before the draft arrived: what they typed wins
    if (!stored || this.dirty) return;
    this.form.replace(this.adoptDraft(stored, this.restoreValues(stored.values)));
  }

  /** Empties the form and forgets the draft. */
  async clearForm(): Promise<void> {
    await this.drafts.clear();
    this.dirty = false;
    this.formMessage = '';
    this.form.replace(this.startValues());
  }

  protected readonly onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.submission.state.type === 'submitting' || this.form.composing) return;
    this.form.submitted = true;
    const checked = this.check(this.form.values);
    if (!checked.ok) {
      this.formMessage = msg(str`有 ${checked.problems.size} 处需要修改，请查看标出的地方。`, { id: 'form.fix-count' });
      this.requestUpdate();
      await this.updateComplete;
      // the pickers render their message in their own update
      await Promise.all(
        [...(this.shadowRoot?.querySelectorAll<RlElement>('rl-category-picker, rl-area-picker') ?? [])].map((p) => p.updateComplete),
      );
      if (this.shadowRoot && !focusFirstInvalid(this.shadowRoot)) this.shadowRoot.querySelector<HTMLElement>('#form-message')?.focus();
      return;
    }
    this.formMessage = '';
    try {
      const submitted = await this.submission.submit(checked.draft);
      await this.drafts.clear();
      this.dirty = false;
      this.dispatchEvent(this.submittedEvent(submitted, checked.draft));
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLElement>('#outcome-title')?.focus();
    } catch (thrown) {
      this.reportError(thrown as AdapterError, null);
      await this.updateComplete;
      if (this.shadowRoot && !focusFirstInvalid(this.shadowRoot)) this.shadowRoot.querySelector<HTMLElement>('#form-message')?.focus();
    }
  };

  /** Shows a refusal on the form (field messages, the reason) and tells the page. */
  protected reportError(error: AdapterError, id: string | null): void {
    const problems: FieldProblems = new Map();
    for (const fieldError of error.fieldErrors) {
      const field = this.fieldForPath(fieldError.path);
      if (field && !problems.has(field)) problems.set(field, fieldError.message);
    }
    this.form.setExternal(problems);
    this.formMessage = error.userMessage(currentLocale());
    this.dispatchEvent(new RlSubmitErrorEvent({ kind: this.formKind(), error, fieldErrors: error.fieldErrors, id }));
  }

  /** After a refusal: back to the form with the values, the refused record removed from the outbox. */
  protected async editAgain(): Promise<void> {
    const current = this.submission.state;
    if (current.type === 'done') await this.servicesController.services?.outbox?.discard(current.id).catch(() => undefined);
    this.submission.reset();
    this.dirty = true;
    await this.updateComplete;
    if (this.shadowRoot && !focusFirstInvalid(this.shadowRoot)) this.shadowRoot.querySelector<HTMLElement>('#form-title')?.focus();
  }

  /** "Submit another": an empty form, focus on its title; `keep` carries values over (a grid worker's mode). */
  protected async startAnother(keep: Partial<V> = {}): Promise<void> {
    // empty the values before the form shows again, so the last person's details never flash up
    await this.clearForm();
    this.form.replace({ ...this.form.values, ...keep });
    this.submission.reset();
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('#form-title')?.focus();
  }

  protected override render() {
    const current = this.submission.state;
    return html`<div part="base" class="shell">
      ${current.type === 'done' ? this.renderOutcome(current) : this.renderForm(current.type === 'submitting')}
    </div>`;
  }

  protected abstract renderForm(submitting: boolean): TemplateResult;
  protected abstract renderOutcome(done: Extract<Submission<R>, { type: 'done' }>): TemplateResult;

  /** The submit button with the form's message above it and the draft line below. */
  protected renderActions(options: { label: string; submitting: boolean; blockedReason?: string | undefined }): TemplateResult {
    const { label, submitting, blockedReason } = options;
    return html`<div class="actions">
      ${this.formMessage ? html`<p id="form-message" class="form-message" role="alert" tabindex="-1">${this.formMessage}</p>` : nothing}
      <button
        part="button"
        class="button button--primary submit"
        type="submit"
        ?disabled=${Boolean(blockedReason) || submitting}
        aria-describedby=${ifDefined(blockedReason ? 'submit-hint' : undefined)}
      >
        ${submitting ? msg('正在提交…', { id: 'form.submitting' }) : label}
      </button>
      ${blockedReason ? html`<p id="submit-hint" class="hint">${blockedReason}</p>` : nothing}
      <div class="secondary-actions">
        ${renderDraftStatus(this.drafts.enabled ? this.drafts.status : 'idle')}
        <button part="button" class="link-button" type="button" @click=${() => void this.clearForm()}>
          ${msg('清空重填', { id: 'form.clear' })}
        </button>
      </div>
    </div>`;
  }
}
