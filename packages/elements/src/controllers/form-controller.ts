/**
 * The state of a whole form (the need form, the offer form): values, which
 * fields were visited, which problems to show, and IME composition. The
 * form supplies its own validation; this keeps when to show what the same
 * everywhere:
 *
 * - a field's message appears once the field was left (or the form was
 *   submitted), and updates live from then on;
 * - messages from the server or the outbox stay on their field until it changes;
 * - nothing is committed while an input method is composing (拼音 before the
 *   characters are chosen), so drafts and messages never see half-typed words.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Problems by field name, in the form's field order. */
export type FieldProblems = Map<string, string>;

export interface FormControllerOptions<V extends object> {
  /** Every problem with the values, keyed by field name (not by schema path). */
  validate: (values: V) => FieldProblems;
  /** After every committed change, e.g. to save a draft. */
  changed?: (values: V, field: keyof V & string) => void;
}

export class FormController<V extends object> implements ReactiveController {
  private current: V;
  private readonly touched = new Set<string>();
  private problems: FieldProblems = new Map();
  private readonly external = new Map<string, string>();
  /** The form was submitted at least once: every problem is shown. */
  submitted = false;
  /** An input method is composing in some field. */
  composing = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    initial: V,
    private readonly options: FormControllerOptions<V>,
  ) {
    host.addController(this);
    this.current = initial;
    this.problems = options.validate(initial);
  }

  hostConnected(): void {}

  get values(): V {
    return this.current;
  }

  set<K extends keyof V & string>(field: K, value: V[K]): void {
    if (Object.is(this.current[field], value)) return;
    this.current = { ...this.current, [field]: value };
    this.external.delete(field);
    this.problems = this.options.validate(this.current);
    this.host.requestUpdate();
    this.options.changed?.(this.current, field);
  }

  /** Replaces every value (a restored draft, a reset); visited fields and messages are forgotten. */
  replace(values: V): void {
    this.current = values;
    this.touched.clear();
    this.external.clear();
    this.submitted = false;
    this.problems = this.options.validate(values);
    this.host.requestUpdate();
  }

  /** The field was left: its message may show now. */
  touch(field: string): void {
    if (this.touched.has(field)) return;
    this.touched.add(field);
    this.host.requestUpdate();
  }

  /** Messages from outside (the server's field errors), by field name. */
  setExternal(problems: FieldProblems): void {
    this.external.clear();
    for (const [field, message] of problems) this.external.set(field, message);
    this.host.requestUpdate();
  }

  /** The message to show under a field now, if any. */
  error(field: string): string | undefined {
    const external = this.external.get(field);
    if (external) return external;
    if (!this.submitted && !this.touched.has(field)) return undefined;
    return this.problems.get(field);
  }

  /** Every current problem, shown or not, in field order. */
  get allProblems(): FieldProblems {
    const all = new Map(this.problems);
    for (const [field, message] of this.external) if (!all.has(field)) all.set(field, message);
    return all;
  }

  get valid(): boolean {
    return this.problems.size === 0 && this.external.size === 0;
  }

  /** Validation again, e.g. after the locale changed the messages' language. */
  revalidate(): void {
    this.problems = this.options.validate(this.current);
    this.host.requestUpdate();
  }
}

/**
 * Moves focus to the first field that shows a problem, in document order,
 * inside `root`. Fields mark themselves with `data-invalid`; a group
 * (radios, checkboxes) focuses its first control, a form control element
 * (the pickers) delegates focus itself.
 */
export function focusFirstInvalid(root: ParentNode): boolean {
  const marked = root.querySelector<HTMLElement>('[data-invalid]');
  if (!marked) return false;
  const target =
    marked.matches('input, select, textarea, [tabindex], rl-category-picker, rl-area-picker')
      ? marked
      : (marked.querySelector<HTMLElement>('input, select, textarea, button, rl-category-picker, rl-area-picker') ?? marked);
  target.focus();
  target.scrollIntoView?.({ block: 'center' });
  return true;
}
