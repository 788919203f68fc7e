/** Driving the forms in tests the way a person would: typing, ticking, choosing. */
import { waitUntil } from '@open-wc/testing';
import {
  createMemoryAdapter,
  demoStreetAreas,
  type DataAdapter,
  type NeedDraft,
  type OfferDraft,
  type WriteOptions,
} from '@renling/core';
import type { LitElement } from 'lit';
import type { RlAreaPicker } from '../src/components/area-picker/area-picker.js';
import type { RlCategoryPicker } from '../src/components/category-picker/category-picker.js';
import { organization } from './fixtures.js';
import { TOKENS, type Theme } from '../src/styles/tokens.js';

/** The surface colour of a theme: form controls paint no background of their own, the page behind them does. */
export const surface = (theme: Theme): string => TOKENS.find((t) => t.name === 'color-surface')![theme];

export type FormElement = LitElement;

const root = (form: FormElement): ShadowRoot => {
  if (!form.shadowRoot) throw new Error('no shadow root');
  return form.shadowRoot;
};

export function control<T extends HTMLElement = HTMLInputElement>(form: FormElement, field: string): T {
  const el = root(form).querySelector<T>(`#field-${field}`);
  if (!el) throw new Error(`no field ${field}`);
  return el;
}

export const hasField = (form: FormElement, field: string): boolean => root(form).querySelector(`#field-${field}`) !== null;

export const text = (el: Element): string => (el.shadowRoot ?? el).textContent?.replace(/\s+/gu, ' ').trim() ?? '';

/** Types a whole value into a text field (one input event, as a paste or an IME commit gives). */
export async function typeInto(form: FormElement, field: string, value: string): Promise<void> {
  const input = control<HTMLInputElement | HTMLTextAreaElement>(form, field);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  input.dispatchEvent(new FocusEvent('blur'));
  await form.updateComplete;
}

/** Ticks or unticks a single checkbox by clicking it. */
export async function tick(form: FormElement, field: string, on = true): Promise<void> {
  const box = control(form, field);
  if (box.checked !== on) box.click();
  await form.updateComplete;
}

/** Clicks the radio or checkbox with this value in a group. */
export async function choose(form: FormElement, field: string, value: string): Promise<void> {
  const input = root(form).querySelector<HTMLInputElement>(`#field-${field} input[value="${value}"]`);
  if (!input) throw new Error(`no choice ${value} in ${field}`);
  input.click();
  await form.updateComplete;
}

export function categoryPicker(form: FormElement): RlCategoryPicker {
  const picker = root(form).querySelector<RlCategoryPicker>('rl-category-picker');
  if (!picker) throw new Error('no category picker');
  return picker;
}

export function areaPicker(form: FormElement): RlAreaPicker {
  const picker = root(form).querySelector<RlAreaPicker>('rl-area-picker');
  if (!picker) throw new Error('no area picker');
  return picker;
}

/** Chooses a category by typing its label and clicking the option. */
export async function chooseCategory(form: FormElement, code: string, query: string): Promise<void> {
  const picker = categoryPicker(form);
  await picker.updateComplete;
  const input = picker.shadowRoot!.querySelector('input')!;
  input.focus();
  input.value = query;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: query }));
  await picker.updateComplete;
  const option = picker.shadowRoot!.getElementById(`option-${code.replaceAll('.', '--')}`);
  if (!option) throw new Error(`no option for ${code} after typing ${query}`);
  option.click();
  await picker.updateComplete;
  await form.updateComplete;
}

/** Chooses an area level by level in a picker's selects. */
export async function chooseArea(picker: RlAreaPicker, code: string, host?: FormElement): Promise<void> {
  await waitUntil(() => picker.shadowRoot?.querySelector('select'), 'area selects did not load', { timeout: 5000 });
  for (let depth = 0; depth < 4; depth++) {
    const select = picker.shadowRoot!.querySelector<HTMLSelectElement>(`#level-${depth}`);
    if (!select) break;
    // the longest match: "all of the street" is a prefix of every community in it
    const option = [...select.options]
      .filter((o) => o.value && code.startsWith(o.value))
      .sort((a, b) => b.value.length - a.value.length)[0];
    if (!option) break;
    select.value = option.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await picker.updateComplete;
    if (option.value === code) break;
  }
  await host?.updateComplete;
}

/** Chooses an area in a `multiple` picker and adds it to the list. */
export async function addArea(picker: RlAreaPicker, code: string, host?: FormElement): Promise<void> {
  await chooseArea(picker, code);
  picker.shadowRoot!.querySelector<HTMLButtonElement>('.add')!.click();
  await picker.updateComplete;
  await host?.updateComplete;
}

/** The message shown for a field: under it, or inside its picker. */
export function errorOf(form: FormElement, field: string): string {
  const el = root(form).querySelector(`#field-${field}`);
  if (el && (el.localName === 'rl-category-picker' || el.localName === 'rl-area-picker')) {
    return el.shadowRoot?.querySelector('#error')?.textContent?.trim() ?? '';
  }
  return root(form).querySelector(`#field-${field}-error`)?.textContent?.trim() ?? '';
}

export function submitButton(form: FormElement): HTMLButtonElement {
  const button = root(form).querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!button) throw new Error('no submit button');
  return button;
}

/** Clicks submit and lets the form finish what it does at once (messages, focus). */
export async function submit(form: FormElement): Promise<void> {
  submitButton(form).click();
  await form.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await form.updateComplete;
}

export const NEED_AREA = '310105001001002';

export const emptyDataset = () => ({
  areas: demoStreetAreas(),
  organizations: [organization],
  offers: [],
  needs: [],
  projects: [],
});

export interface RecordingAdapter extends DataAdapter {
  needs: { draft: NeedDraft; options: WriteOptions }[];
  offers: { draft: OfferDraft; options: WriteOptions }[];
}

/** A memory adapter over the demo street that remembers every write it was given. */
export function recordingAdapter(base: DataAdapter = createMemoryAdapter(emptyDataset())): RecordingAdapter {
  const needs: RecordingAdapter['needs'] = [];
  const offers: RecordingAdapter['offers'] = [];
  return {
    ...base,
    needs,
    offers,
    createNeed: (draft, options) => {
      needs.push({ draft: structuredClone(draft), options });
      return base.createNeed(draft, options);
    },
    createOffer: (draft, options) => {
      offers.push({ draft: structuredClone(draft), options });
      return base.createOffer(draft, options);
    },
  };
}

let storage = 0;
/** A fresh database name per test, so drafts and outboxes never leak between tests. */
export const freshStorage = (prefix: string): string => `renling-test-${prefix}-${Date.now()}-${++storage}`;
