/**
 * The need form's logic without the DOM: what the fields hold, how they
 * become a NeedDraft, which problems to show where, and what a draft may
 * keep. Pure functions, so property tests can throw arbitrary text at them.
 */
import {
  AUDIENCES,
  NeedDraftSchema,
  validateWith,
  validationMessage,
  type Audience,
  type HealthInfo,
  type IntakeChannel,
  type Locale,
  type NeedDraft,
  type NeedSubject,
  type Urgency,
} from '@renling/core';
import type { FieldProblems } from '../../controllers/form-controller.js';

/**
 * The version of the privacy notice text the form shows. Change it whenever
 * the notice changes: consent given to an older text is asked for again.
 */
export const PRIVACY_NOTICE_VERSION = '2026-11';

export type Mobility = HealthInfo['mobility'];

/** What the fields hold: text as typed, choices as codes. */
export interface NeedFormValues {
  forWhom: NeedSubject;
  /** How the need reached the community; asked only when recording for a resident. */
  channel: Exclude<IntakeChannel, 'self'>;
  /** The person the need is for is under 14. */
  minor: boolean;
  categoryCode: string;
  title: string;
  description: string;
  audiences: Audience[];
  areaCode: string;
  urgency: Urgency;
  preferredTime: string;
  /** As typed; must be a whole number. */
  beneficiaries: string;
  contactName: string;
  contactPhone: string;
  contactAddress: string;
  healthConditions: string;
  healthMobility: Mobility | '';
  consentPersonal: boolean;
  /** When the box was ticked (ISO), recorded as the consent's time. */
  consentPersonalAt: string;
  consentHealth: boolean;
  consentGuardian: boolean;
}

export type NeedField = keyof NeedFormValues;

/** Fields a page may hide (`hidden-fields`), by their attribute names. */
export const HIDEABLE_NEED_FIELDS = {
  description: 'description',
  audiences: 'audiences',
  urgency: 'urgency',
  'preferred-time': 'preferredTime',
  beneficiaries: 'beneficiaries',
  'for-whom': 'forWhom',
  health: 'healthConditions',
} as const satisfies Record<string, NeedField>;

/** Optional fields a page may make required (`required-fields`). */
export const REQUIRABLE_NEED_FIELDS = {
  description: 'description',
  'preferred-time': 'preferredTime',
} as const satisfies Record<string, NeedField>;

export function emptyNeedValues(): NeedFormValues {
  return {
    forWhom: 'self',
    channel: 'grid-worker',
    minor: false,
    categoryCode: '',
    title: '',
    description: '',
    audiences: [],
    areaCode: '',
    urgency: 'normal',
    preferredTime: '',
    beneficiaries: '1',
    contactName: '',
    contactPhone: '',
    contactAddress: '',
    healthConditions: '',
    healthMobility: '',
    consentPersonal: false,
    consentPersonalAt: '',
    consentHealth: false,
    consentGuardian: false,
  };
}

/** Values from a NeedDraft a page prefills (a grid worker's area, a known resident). Consents are never prefilled. */
export function valuesFromPrefill(base: NeedFormValues, prefill: Partial<NeedDraft> | null | undefined): NeedFormValues {
  if (!prefill) return base;
  const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
  const out: NeedFormValues = { ...base };
  out.title = text(prefill.title, out.title);
  out.description = text(prefill.description, out.description);
  out.categoryCode = text(prefill.categoryCode, out.categoryCode);
  out.areaCode = text(prefill.areaCode, out.areaCode);
  out.preferredTime = text(prefill.preferredTime, out.preferredTime);
  if (prefill.urgency) out.urgency = prefill.urgency;
  if (prefill.forWhom) out.forWhom = prefill.forWhom;
  if (prefill.channel && prefill.channel !== 'self') out.channel = prefill.channel;
  if (Array.isArray(prefill.audiences)) out.audiences = prefill.audiences.filter((a) => (AUDIENCES as readonly string[]).includes(a));
  if (typeof prefill.beneficiaries === 'number') out.beneficiaries = String(prefill.beneficiaries);
  if (typeof prefill.minor === 'boolean') out.minor = prefill.minor;
  if (prefill.contact) {
    out.contactName = text(prefill.contact.name, out.contactName);
    out.contactPhone = text(prefill.contact.phone, out.contactPhone);
    out.contactAddress = text(prefill.contact.address, out.contactAddress);
  }
  return out;
}

/**
 * A draft read back from storage, made safe to use: unknown keys dropped,
 * wrong types replaced by the defaults (storage may hold anything, e.g. a
 * draft from an older version of the kit).
 */
export function valuesFromStored(base: NeedFormValues, stored: unknown): NeedFormValues {
  if (typeof stored !== 'object' || stored === null) return base;
  const s = stored as Record<string, unknown>;
  const out: NeedFormValues = { ...base };
  for (const key of Object.keys(base) as NeedField[]) {
    const value = s[key];
    const current = base[key];
    if (Array.isArray(current)) {
      if (Array.isArray(value)) (out as unknown as Record<string, unknown>)[key] = value.filter((v) => (AUDIENCES as readonly unknown[]).includes(v));
    } else if (typeof value === typeof current) {
      (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/**
 * What a draft may keep. Contact details only with the personal
 * information consent, health details only with the health consent too
 * (PIPL arts. 28–29): unticking a box removes them from the stored draft.
 */
export function sanitizeNeedValues(values: NeedFormValues, acceptedVersion: string | null): NeedFormValues {
  const out = { ...values };
  if (!values.consentPersonal || acceptedVersion === null) {
    out.contactName = '';
    out.contactPhone = '';
    out.contactAddress = '';
    out.consentPersonal = false;
    out.consentPersonalAt = '';
  }
  if (!out.consentPersonal || !values.consentHealth) {
    out.healthConditions = '';
    out.healthMobility = '';
    out.consentHealth = false;
  }
  return out;
}

export interface NeedCheckContext {
  textVersion: string;
  locale: Locale;
  now: () => Date;
  /** Fields the page made required (`required-fields`). */
  required: ReadonlySet<NeedField>;
}

/**
 * The object sent for validation. Health data is put in only when its
 * consent is given, whatever the fields hold, so no path from the form can
 * send it without consent.
 */
export function needCandidate(values: NeedFormValues, context: Pick<NeedCheckContext, 'textVersion' | 'now'>): Record<string, unknown> {
  const beneficiaries = /^\s*\d{1,6}\s*$/u.test(values.beneficiaries) ? Number(values.beneficiaries) : Number.NaN;
  const candidate: Record<string, unknown> = {
    title: values.title,
    description: values.description,
    categoryCode: values.categoryCode,
    audiences: values.audiences,
    areaCode: values.areaCode,
    urgency: values.urgency,
    preferredTime: values.preferredTime,
    channel: values.forWhom === 'resident' ? values.channel : 'self',
    forWhom: values.forWhom,
    beneficiaries,
    contact: { name: values.contactName, phone: values.contactPhone, address: values.contactAddress },
    consent: {
      textVersion: context.textVersion,
      givenAt: values.consentPersonalAt || context.now().toISOString(),
      personalInfo: values.consentPersonal,
      health: values.consentPersonal && values.consentHealth,
      guardian: values.minor && values.consentGuardian,
    },
    minor: values.minor,
  };
  const wantsHealth = values.healthConditions.trim() !== '' || values.healthMobility !== '';
  if (values.consentPersonal && values.consentHealth && wantsHealth) {
    candidate['health'] = { conditions: values.healthConditions, mobility: values.healthMobility };
  }
  return candidate;
}

/** Where a schema path's problem is shown. */
export function needFieldForPath(path: string): NeedField | null {
  const [head = '', sub = ''] = path.split('.');
  switch (head) {
    case 'contact':
      return sub === 'phone' ? 'contactPhone' : sub === 'address' ? 'contactAddress' : 'contactName';
    case 'health':
      return sub === 'mobility' ? 'healthMobility' : 'healthConditions';
    case 'consent':
      return sub === 'guardian' ? 'consentGuardian' : sub === 'health' ? 'consentHealth' : 'consentPersonal';
    case 'title':
    case 'description':
    case 'categoryCode':
    case 'audiences':
    case 'areaCode':
    case 'urgency':
    case 'preferredTime':
    case 'channel':
    case 'forWhom':
    case 'beneficiaries':
    case 'minor':
      return head;
    default:
      return null;
  }
}

export type NeedCheck = { ok: true; draft: NeedDraft; problems: FieldProblems } | { ok: false; problems: FieldProblems };

/** Validates the values as the outbox and the server will, plus the page's own required fields. */
export function checkNeed(values: NeedFormValues, context: NeedCheckContext): NeedCheck {
  const problems: FieldProblems = new Map();
  const result = validateWith(NeedDraftSchema, needCandidate(values, context), { locale: context.locale });
  if (!result.ok) {
    for (const error of result.errors) {
      const field = needFieldForPath(error.path) ?? 'title';
      if (problems.has(field)) continue;
      // a number field that is not a number says so, not "wrong type"
      problems.set(field, field === 'beneficiaries' && error.code === 'type' ? validationMessage('integer', context.locale) : error.message);
    }
  }
  for (const field of context.required) {
    const value = values[field];
    if (typeof value === 'string' && value.trim() === '' && !problems.has(field)) problems.set(field, validationMessage('required', context.locale));
  }
  if (result.ok && problems.size === 0) return { ok: true, draft: result.value, problems };
  return { ok: false, problems };
}

/** Splits an attribute like "description preferred-time" into known field names. */
export function parseFieldList<T extends Record<string, string>>(attribute: string | undefined, known: T): Set<T[keyof T]> {
  const out = new Set<T[keyof T]>();
  for (const name of (attribute ?? '').split(/[\s,]+/u)) {
    if (name && Object.hasOwn(known, name)) out.add(known[name as keyof T]);
  }
  return out;
}
