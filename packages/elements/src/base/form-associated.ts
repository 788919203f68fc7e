import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RlElement } from './rl-element.js';

/**
 * The base of Renling's form controls: a custom element the browser treats
 * as a form field (ElementInternals), so it works inside a plain HTML
 * `<form>`: its value is submitted, `required` blocks submission, `reset()`
 * restores it, a fieldset disables it and the browser restores it on back
 * navigation. Focus goes to the inner control (`delegatesFocus`).
 *
 * Inner `input` events are stopped at the shadow root and the host fires its
 * own native `input` and `change` when the value changes: a listener sees the
 * chosen value, not keystrokes in a search box.
 */
export abstract class RlFormAssociatedElement extends RlElement {
  static readonly formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  protected readonly internals: ElementInternals;

  /** The name the value is submitted under. */
  @property({ reflect: true }) name = '';

  /** A value must be chosen before the form can be submitted. */
  @property({ type: Boolean, reflect: true }) required = false;

  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The visible label. Without it, the text of a `<label for>` pointing at the element is used. */
  @property() label = '';

  /** Help text under the label. */
  @property() hint = '';

  /**
   * A message from the surrounding form (its own validation or the
   * server's), shown under the control and tied to it with aria-describedby.
   */
  @property() error = '';

  /** Disabled by an enclosing `<fieldset disabled>`. */
  @state() protected formDisabled = false;

  /** Set when the browser reported the control invalid (a plain form's submit): its own message is then shown too. */
  @state() protected reportedInvalid = false;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.addEventListener('invalid', () => {
      this.reportedInvalid = true;
    });
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** `form.reset()`: back to the value in the `value` attribute. */
  abstract formResetCallback(): void;

  /** Back/forward navigation and autofill: the browser hands back what `setFormValue` stored. */
  abstract formStateRestoreCallback(state: string | File | FormData | null, mode: 'restore' | 'autocomplete'): void;

  /** The element the browser points at when it reports this control invalid. */
  protected abstract validationAnchor(): HTMLElement | undefined;

  /** Recomputes submitted value and validity; called after every update. */
  protected abstract syncFormState(): void;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.syncFormState();
  }

  /** Sets validity from the first problem found, or clears it. */
  protected setValidity(problem: { flag: keyof ValidityStateFlags; message: string } | null): void {
    if (!problem) {
      this.internals.setValidity({});
      this.reportedInvalid = false;
      return;
    }
    this.internals.setValidity({ [problem.flag]: true }, problem.message, this.validationAnchor());
  }

  /** The label to give the inner control: the `label` attribute, else the page's `<label for>`. */
  protected labelText(): string {
    if (this.label) return this.label;
    return [...(this.internals.labels as NodeListOf<HTMLLabelElement>)]
      .map((l) => l.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' ');
  }

  /** The message shown under the control: the form's, else (after a plain form's submit) the browser's. */
  protected visibleError(): string {
    if (this.error) return this.error;
    return this.reportedInvalid && !this.internals.validity.valid ? this.internals.validationMessage : '';
  }

  /** Native-style events from the host, after the value changed by a person's action. */
  protected emitValueChange(): void {
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
