/**
 * The offer form's logic without the DOM: field values, the OfferDraft they
 * make, and where each problem is shown. Pure, for property tests.
 */
import {
  AUDIENCES,
  CAPACITY_PERIODS,
  COST_KINDS,
  OfferDraftSchema,
  SERVICE_MODES,
  validateWith,
  validationMessage,
  type Audience,
  type CapacityPeriod,
  type CostKind,
  type Locale,
  type OfferDraft,
  type OfferStatus,
  type ServiceMode,
} from '@renling/core';
import type { FieldProblems } from '../../controllers/form-controller.js';

export interface OfferFormValues {
  categoryCode: string;
  title: string;
  description: string;
  audiences: Audience[];
  serviceAreaCodes: string[];
  /** Places per period, as typed. */
  capacity: string;
  period: CapacityPeriod;
  scheduleText: string;
  /** ISO weekdays '1' (Mon) … '7' (Sun) as checkbox values. */
  weekdays: string[];
  modes: ServiceMode[];
  costKind: CostKind;
  /** Yuan per session, as typed. */
  costAmount: string;
  validFrom: string;
  validTo: string;
  contactName: string;
  contactPhone: string;
}

export type OfferField = keyof OfferFormValues;

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** A calendar day in China, as an ISO date (the validity dates are days there, not UTC). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function emptyOfferValues(today = chinaDate(new Date())): OfferFormValues {
  return {
    categoryCode: '',
    title: '',
    description: '',
    audiences: [],
    serviceAreaCodes: [],
    capacity: '',
    period: 'week',
    scheduleText: '',
    weekdays: [],
    modes: [],
    costKind: 'free',
    costAmount: '',
    validFrom: today,
    validTo: '',
    contactName: '',
    contactPhone: '',
  };
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => (list as readonly unknown[]).includes(value);

/** Values from an OfferDraft a page prefills (e.g. copying last year's offer). */
export function offerValuesFromPrefill(base: OfferFormValues, prefill: Partial<OfferDraft> | null | undefined): OfferFormValues {
  if (!prefill) return base;
  const out: OfferFormValues = { ...base };
  if (typeof prefill.categoryCode === 'string') out.categoryCode = prefill.categoryCode;
  if (typeof prefill.title === 'string') out.title = prefill.title;
  if (typeof prefill.description === 'string') out.description = prefill.description;
  if (Array.isArray(prefill.audiences)) out.audiences = prefill.audiences.filter((a) => isOneOf(AUDIENCES, a));
  if (Array.isArray(prefill.serviceAreaCodes)) out.serviceAreaCodes = prefill.serviceAreaCodes.filter((c) => typeof c === 'string');
  if (prefill.capacity) {
    out.capacity = String(prefill.capacity.perPeriod);
    if (isOneOf(CAPACITY_PERIODS, prefill.capacity.period)) out.period = prefill.capacity.period;
  }
  if (prefill.schedule) {
    out.scheduleText = prefill.schedule.text;
    out.weekdays = prefill.schedule.weekdays.map(String).filter((d) => isOneOf(WEEKDAYS, d));
  }
  if (Array.isArray(prefill.modes)) out.modes = prefill.modes.filter((m) => isOneOf(SERVICE_MODES, m));
  if (prefill.cost) {
    if (isOneOf(COST_KINDS, prefill.cost.kind)) out.costKind = prefill.cost.kind;
    out.costAmount = prefill.cost.amount === undefined ? '' : String(prefill.cost.amount);
  }
  if (typeof prefill.validFrom === 'string') out.validFrom = prefill.validFrom;
  if (typeof prefill.validTo === 'string') out.validTo = prefill.validTo;
  if (prefill.contact) {
    out.contactName = prefill.contact.name;
    out.contactPhone = prefill.contact.phone;
  }
  return out;
}

/** A stored draft made safe: unknown keys dropped, wrong types replaced by the defaults. */
export function offerValuesFromStored(base: OfferFormValues, stored: unknown): OfferFormValues {
  if (typeof stored !== 'object' || stored === null) return base;
  const s = stored as Record<string, unknown>;
  const out = { ...base } as Record<string, unknown>;
  for (const key of Object.keys(base) as OfferField[]) {
    const value = s[key];
    const current = base[key];
    if (Array.isArray(current)) {
      if (Array.isArray(value)) out[key] = value.filter((v) => typeof v === 'string');
    } else if (typeof value === typeof current) {
      out[key] = value;
    }
  }
  const values = out as unknown as OfferFormValues;
  return {
    ...values,
    audiences: values.audiences.filter((a) => isOneOf(AUDIENCES, a)),
    modes: values.modes.filter((m) => isOneOf(SERVICE_MODES, m)),
    weekdays: values.weekdays.filter((d) => isOneOf(WEEKDAYS, d)),
    period: isOneOf(CAPACITY_PERIODS, values.period) ? values.period : base.period,
    costKind: isOneOf(COST_KINDS, values.costKind) ? values.costKind : base.costKind,
  };
}

const wholeNumber = (typed: string): number => (/^\s*\d{1,7}\s*$/u.test(typed) ? Number(typed) : Number.NaN);
/** Yuan with at most two decimals (fen); '' means not given. */
const money = (typed: string): number | undefined => {
  const t = typed.trim().replace(/^[¥￥]/u, '');
  if (t === '') return undefined;
  return /^\d{1,6}(?:\.\d{1,2})?$/u.test(t) ? Number(t) : Number.NaN;
};

export interface OfferCheckContext {
  organizationId: string;
  status: OfferStatus;
  locale: Locale;
}

export function offerCandidate(values: OfferFormValues, context: Pick<OfferCheckContext, 'organizationId' | 'status'>): Record<string, unknown> {
  const amount = values.costKind === 'free' ? undefined : money(values.costAmount);
  return {
    organizationId: context.organizationId,
    categoryCode: values.categoryCode,
    title: values.title,
    description: values.description,
    audiences: values.audiences,
    serviceAreaCodes: values.serviceAreaCodes,
    capacity: { perPeriod: wholeNumber(values.capacity), period: values.period, used: 0 },
    schedule: { text: values.scheduleText, weekdays: values.weekdays.map(Number) },
    modes: values.modes,
    cost: amount === undefined ? { kind: values.costKind } : { kind: values.costKind, amount },
    validFrom: values.validFrom,
    validTo: values.validTo,
    status: context.status,
    contact: { name: values.contactName, phone: values.contactPhone },
  };
}

/** Where a schema path's problem is shown; `organizationId` and `status` have no field. */
export function offerFieldForPath(path: string): OfferField | null {
  const [head = '', sub = ''] = path.split('.');
  switch (head) {
    case 'capacity':
      return sub === 'period' ? 'period' : 'capacity';
    case 'schedule':
      return sub === 'weekdays' ? 'weekdays' : 'scheduleText';
    case 'cost':
      return sub === 'kind' ? 'costKind' : 'costAmount';
    case 'contact':
      return sub === 'phone' ? 'contactPhone' : 'contactName';
    case 'categoryCode':
    case 'title':
    case 'description':
    case 'audiences':
    case 'serviceAreaCodes':
    case 'modes':
    case 'validFrom':
    case 'validTo':
      return head;
    default:
      return null;
  }
}

export type OfferCheck = { ok: true; draft: OfferDraft; problems: FieldProblems } | { ok: false; problems: FieldProblems };

/** Problems keyed by field; those with no field (a missing organization id) under ''. */
export function checkOffer(values: OfferFormValues, context: OfferCheckContext): OfferCheck {
  const problems: FieldProblems = new Map();
  const result = validateWith(OfferDraftSchema, offerCandidate(values, context), { locale: context.locale });
  if (!result.ok) {
    for (const error of result.errors) {
      const field = offerFieldForPath(error.path) ?? '';
      if (problems.has(field)) continue;
      const numeric = (field === 'capacity' || field === 'costAmount') && error.code === 'type';
      problems.set(field, numeric ? validationMessage(field === 'capacity' ? 'integer' : 'format', context.locale) : error.message);
    }
  }
  if (result.ok) return { ok: true, draft: result.value, problems };
  return { ok: false, problems };
}
