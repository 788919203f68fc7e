/**
 * Field templates shared by the forms. Each renders a label, optional help,
 * the control and its message, with the control pointing at help and
 * message through aria-describedby and saying aria-invalid: one shadow
 * root, so these references always resolve. Values flow through a
 * FormController, which also keeps IME composition out of the state.
 */
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FormController } from '../controllers/form-controller.js';

/** The keys of V whose values are of type T. */
export type KeysOfType<V, T> = { [K in keyof V]-?: V[K] extends T ? K : never }[keyof V] & string;

/** Field names are camelCase keys; ids are derived so labels and messages can point at them. */
export const fieldId = (field: string): string => `field-${field}`;

/** A focusout handler marking `field` visited once focus leaves the control, not when it moves inside it (a picker's own selects). */
export function touchOnLeave<V extends object>(form: FormController<V>, field: keyof V & string): (event: FocusEvent) => void {
  return (event) => {
    const control = event.currentTarget as HTMLElement;
    const next = event.relatedTarget as Node | null;
    if (next && (control.contains(next) || control.shadowRoot?.contains(next))) return;
    form.touch(field);
  };
}

const describedBy = (...ids: (string | false | undefined)[]): string | undefined => ids.filter(Boolean).join(' ') || undefined;

function optionalMark(required: boolean | undefined) {
  return required ? nothing : html`<span class="optional">${msg('（选填）', { id: 'form.optional' })}</span>`;
}

function message(id: string, error: string | undefined) {
  return error ? html`<p id=${`${id}-error`} class="error" part="error">${error}</p>` : nothing;
}

export interface TextFieldOptions {
  label: string;
  hint?: string | undefined;
  required?: boolean | undefined;
  type?: 'text' | 'tel' | 'number' | 'date';
  multiline?: boolean;
  rows?: number;
  autocomplete?: string;
  inputmode?: 'text' | 'tel' | 'numeric' | 'decimal';
  placeholder?: string | undefined;
  min?: string;
  max?: string;
}

/** A one-line input or a textarea, committing on input except while an IME composes. */
export function textField<V extends object>(form: FormController<V>, field: KeysOfType<V, string>, options: TextFieldOptions): TemplateResult {
  const id = fieldId(field);
  const error = form.error(field);
  const value = form.values[field] as string;
  const commit = (event: Event): void => {
    form.set(field, (event.target as HTMLInputElement | HTMLTextAreaElement).value as V[typeof field]);
  };
  const onInput = (event: InputEvent): void => {
    // 拼音 being composed is not yet what the person means
    if (event.isComposing || form.composing) return;
    commit(event);
  };
  const onCompositionStart = (): void => {
    form.composing = true;
  };
  const onCompositionEnd = (event: CompositionEvent): void => {
    form.composing = false;
    commit(event);
  };
  const onBlur = (): void => form.touch(field);
  const aria = describedBy(options.hint && `${id}-hint`, error && `${id}-error`);
  const control = options.multiline
    ? html`<textarea
        id=${id}
        name=${field}
        part="input"
        rows=${options.rows ?? 4}
        autocomplete=${ifDefined(options.autocomplete)}
        placeholder=${ifDefined(options.placeholder)}
        aria-describedby=${ifDefined(aria)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-required=${options.required ? 'true' : 'false'}
        ?data-invalid=${Boolean(error)}
        .value=${value}
        @input=${onInput}
        @compositionstart=${onCompositionStart}
        @compositionend=${onCompositionEnd}
        @blur=${onBlur}
      ></textarea>`
    : html`<input
        id=${id}
        name=${field}
        part="input"
        type=${options.type ?? 'text'}
        autocomplete=${ifDefined(options.autocomplete)}
        inputmode=${ifDefined(options.inputmode)}
        placeholder=${ifDefined(options.placeholder)}
        min=${ifDefined(options.min)}
        max=${ifDefined(options.max)}
        aria-describedby=${ifDefined(aria)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-required=${options.required ? 'true' : 'false'}
        ?data-invalid=${Boolean(error)}
        .value=${value}
        @input=${onInput}
        @compositionstart=${onCompositionStart}
        @compositionend=${onCompositionEnd}
        @blur=${onBlur}
      />`;
  return html`<div class="field field--${field}">
    <label class="label" part="label" for=${id}>${options.label}${optionalMark(options.required)}</label>
    ${options.hint ? html`<p id=${`${id}-hint`} class="hint">${options.hint}</p>` : nothing}
    ${control} ${message(id, error)}
  </div>`;
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

export interface ChoiceFieldOptions<T extends string> {
  legend: string;
  choices: readonly Choice<T>[];
  hint?: string | undefined;
  required?: boolean | undefined;
  /** Lay the choices out in a row when they fit (short labels). */
  inline?: boolean;
}

function group(
  id: string,
  options: { legend: string; hint?: string | undefined; required?: boolean | undefined; inline?: boolean | undefined },
  error: string | undefined,
  onFocusOut: () => void,
  body: TemplateResult[],
) {
  return html`<fieldset
    class="field choices"
    id=${id}
    aria-describedby=${ifDefined(describedBy(options.hint && `${id}-hint`, error && `${id}-error`))}
    ?data-invalid=${Boolean(error)}
    @focusout=${onFocusOut}
  >
    <legend part="label">${options.legend}${optionalMark(options.required)}</legend>
    ${options.hint ? html`<p id=${`${id}-hint`} class="hint">${options.hint}</p>` : nothing}
    <div class="options ${options.inline ? 'options--inline' : ''}">${body}</div>
    ${message(id, error)}
  </fieldset>`;
}

function choiceLabel(choice: Choice<string>) {
  return html`<span class="option-text"
    >${choice.label}${choice.hint ? html`<span class="option-hint">${choice.hint}</span>` : nothing}</span
  >`;
}

/** One of several: radio buttons (arrow keys move between them, as everywhere). */
export function radioField<V extends object, T extends string>(
  form: FormController<V>,
  field: KeysOfType<V, string>,
  options: ChoiceFieldOptions<T>,
): TemplateResult {
  const id = fieldId(field);
  const error = form.error(field);
  const current = form.values[field] as string;
  return group(
    id,
    options,
    error,
    () => form.touch(field),
    options.choices.map(
      (choice) => html`<label class="option">
        <input
          type="radio"
          name=${field}
          part="choice"
          .value=${choice.value}
          .checked=${current === choice.value}
          aria-invalid=${error ? 'true' : 'false'}
          @change=${() => form.set(field, choice.value as V[typeof field])}
        />
        ${choiceLabel(choice)}
      </label>`,
    ),
  );
}

/** Any of several: checkboxes holding a list of values. */
export function checkboxesField<V extends object, T extends string>(
  form: FormController<V>,
  field: KeysOfType<V, string[]>,
  options: ChoiceFieldOptions<T>,
): TemplateResult {
  const id = fieldId(field);
  const error = form.error(field);
  const current = form.values[field] as string[];
  const toggle = (value: string, on: boolean): void => {
    const next = on ? [...current.filter((v) => v !== value), value] : current.filter((v) => v !== value);
    // keep the vocabulary's order, whatever order they were ticked in
    const order = options.choices.map((c) => c.value as string);
    next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    form.set(field, next as V[typeof field]);
  };
  return group(
    id,
    options,
    error,
    () => form.touch(field),
    options.choices.map(
      (choice) => html`<label class="option">
        <input
          type="checkbox"
          name=${field}
          part="choice"
          .value=${choice.value}
          .checked=${current.includes(choice.value)}
          aria-invalid=${error ? 'true' : 'false'}
          @change=${(e: Event) => toggle(choice.value, (e.target as HTMLInputElement).checked)}
        />
        ${choiceLabel(choice)}
      </label>`,
    ),
  );
}

export interface CheckboxFieldOptions {
  label: string;
  hint?: string | undefined;
  /** Extra ids the box is described by (e.g. the privacy notice it agrees to). */
  describedBy?: string;
}

/** A single yes/no box (consents, confirmations). */
export function checkboxField<V extends object>(
  form: FormController<V>,
  field: KeysOfType<V, boolean>,
  options: CheckboxFieldOptions,
): TemplateResult {
  const id = fieldId(field);
  const error = form.error(field);
  return html`<div class="field field--${field}">
    <label class="option option--single" for=${id}>
      <input
        id=${id}
        type="checkbox"
        name=${field}
        part="choice"
        .checked=${form.values[field]}
        aria-describedby=${ifDefined(describedBy(options.describedBy, options.hint && `${id}-hint`, error && `${id}-error`))}
        aria-invalid=${error ? 'true' : 'false'}
        ?data-invalid=${Boolean(error)}
        @change=${(e: Event) => form.set(field, (e.target as HTMLInputElement).checked as V[typeof field])}
        @blur=${() => form.touch(field)}
      />
      <span class="option-text">${options.label}</span>
    </label>
    ${options.hint ? html`<p id=${`${id}-hint`} class="hint hint--indented">${options.hint}</p>` : nothing} ${message(id, error)}
  </div>`;
}

export interface SelectFieldOptions<T extends string> {
  label: string;
  choices: readonly Choice<T>[];
  hint?: string | undefined;
  required?: boolean | undefined;
}

export function selectField<V extends object, T extends string>(
  form: FormController<V>,
  field: KeysOfType<V, string>,
  options: SelectFieldOptions<T>,
): TemplateResult {
  const id = fieldId(field);
  const error = form.error(field);
  const current = form.values[field] as string;
  return html`<div class="field field--${field}">
    <label class="label" part="label" for=${id}>${options.label}${optionalMark(options.required)}</label>
    ${options.hint ? html`<p id=${`${id}-hint`} class="hint">${options.hint}</p>` : nothing}
    <select
      id=${id}
      name=${field}
      part="input"
      aria-describedby=${ifDefined(describedBy(options.hint && `${id}-hint`, error && `${id}-error`))}
      aria-invalid=${error ? 'true' : 'false'}
      ?data-invalid=${Boolean(error)}
      @change=${(e: Event) => form.set(field, (e.target as HTMLSelectElement).value as V[typeof field])}
      @blur=${() => form.touch(field)}
    >
      ${options.choices.map((c) => html`<option value=${c.value} ?selected=${c.value === current}>${c.label}</option>`)}
    </select>
    ${message(id, error)}
  </div>`;
}
