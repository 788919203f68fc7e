/**
 * The domain model as runtime schemas (valibot) with inferred types.
 *
 * valibot was chosen because its functions tree-shake one by one: the
 * browser bundle carries only the validators the schemas use
 * (see docs/decisions/0001-valibot-for-schemas.md). The same schemas are
 * meant to run on the reference server, so they take no DOM dependency.
 *
 * Custom checks carry their error *code* as the valibot message; the
 * localized text is looked up in ./messages.ts by ./validation.ts.
 */
import * as v from 'valibot';
import { isCategoryCode } from './taxonomy.js';

// ---------------------------------------------------------------------------
// Shared vocabularies
// ---------------------------------------------------------------------------

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const ORGANIZATION_TYPES = [
  'association', // 社会团体
  'social-service-agency', // 民办非企业单位 / 社会服务机构 (incl. 社工机构)
  'foundation', // 基金会
  'community-team', // 社区群众活动团队
  'volunteer-studio', // 志愿者工作室
  'stationed-unit', // 驻区单位: enterprise or public unit
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const REGISTRATION_STATUSES = ['registered', 'filed', 'none'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** 等级评估 grade, 5A best. */
export const RATINGS = ['5A', '4A', '3A', '2A', '1A'] as const;
export type Rating = (typeof RATINGS)[number];

export const AUDIENCES = [
  'elderly',
  'disabled',
  'children',
  'youth',
  'women',
  'families',
  'migrants',
  'low-income',
  'enterprises',
  'all-residents',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const SERVICE_MODES = ['on-site', 'home-visit', 'online'] as const;
export type ServiceMode = (typeof SERVICE_MODES)[number];

export const COST_KINDS = ['free', 'subsidized', 'paid'] as const;
export type CostKind = (typeof COST_KINDS)[number];

export const OFFER_STATUSES = ['open', 'paused', 'closed'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const CAPACITY_PERIODS = ['day', 'week', 'month', 'year', 'once'] as const;
export type CapacityPeriod = (typeof CAPACITY_PERIODS)[number];

export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const INTAKE_CHANNELS = ['self', 'grid-worker', 'hotline', 'committee'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const NEED_SUBJECTS = ['self', 'family', 'resident'] as const;
export type NeedSubject = (typeof NEED_SUBJECTS)[number];

export const NEED_STATUSES = [
  'submitted',
  'verified',
  'published',
  'claimed',
  'in-progress',
  'completed',
  'closed',
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const FUNDING_SOURCES = [
  'gov-purchase', // 政府购买服务
  'venture-philanthropy', // 公益创投
  'lottery-fund', // 彩票公益金
  'community-fund', // 社区基金
  'donation', // 社会捐赠
  'self', // 自筹
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const PROJECT_STATUSES = ['planned', 'active', 'completed', 'suspended'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const AREA_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

/** Rejects text that holds C0 control characters other than tab and newlines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/u;

/** A trimmed line of text between `min` and `max` characters (code points). */
export const text = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(min),
    // counted in code points so an emoji or a rare CJK character counts once
    v.check((s) => [...s].length <= max, `too-long:${max}`),
    v.regex(NO_CONTROL_CHARS, 'control-chars'),
  );

/** Optional free text: empty means absent. */
const optionalText = (max: number) => v.optional(text(0, max), '');

export const Id = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64), v.regex(/^[\w.:-]+$/u, 'id'));

const IsoDate = v.pipe(v.string(), v.isoDate());
const IsoTimestamp = v.pipe(v.string(), v.isoTimestamp());

/**
 * Area codes: GB/T 2260 district (6 digits), township/street (9),
 * community/village (12, the statistical division code) and grid (15, the
 * community code plus a 3-digit grid number). The level follows from the
 * length, so parents can be found without a lookup.
 */
export const AreaCode = v.pipe(v.string(), v.regex(/^\d{6}(?:\d{3}){0,3}$/u, 'area-code'));

export const CategoryCode = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z-]*(?:\.[a-z][a-z-]*)?$/u, 'category-code'),
  v.check((code) => isCategoryCode(code), 'unknown-category'),
);

const picklist = <const T extends readonly [string, ...string[]]>(options: T) => v.picklist(options);

const nonEmptyUnique = <T extends v.GenericSchema<unknown, string>>(item: T, max: number) =>
  v.pipe(
    v.array(item),
    v.minLength(1),
    v.maxLength(max),
    v.check((list) => new Set(list).size === list.length, 'duplicate'),
  );

/** Mainland mobile (1[3-9]x, 11 digits) or landline (0 + area code + 7–8 digits, optional extension). */
export const MOBILE_RE = /^1[3-9]\d{9}$/u;
export const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/u;

/** Strips what people type around a number: spaces, brackets, +86. */
export function normalizePhone(input: string): string {
  let s = input.normalize('NFKC').replace(/[\s()（）]/gu, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  s = s.replace(/^-/u, '');
  // mobiles are written 138-1234-5678 too; landline keeps its one hyphen
  if (/^1[\d-]+$/u.test(s)) s = s.replace(/-/gu, '');
  return s;
}

export const Phone = v.pipe(
  v.string(),
  v.transform(normalizePhone),
  v.check((s) => MOBILE_RE.test(s) || LANDLINE_RE.test(s), 'phone'),
);

export const LocalizedText = v.object({
  'zh-CN': v.string(),
  'zh-TW': v.string(),
  en: v.string(),
});
export type LocalizedText = v.InferOutput<typeof LocalizedText>;

// ---------------------------------------------------------------------------
// Area and Category
// ---------------------------------------------------------------------------

export const AreaSchema = v.object({
  code: AreaCode,
  level: picklist(AREA_LEVELS),
  name: text(1, 40),
  /** Romanized name for en UI; areas are proper nouns and are not translated. */
  nameEn: v.optional(v.string()),
  parentCode: v.nullable(AreaCode),
});
export type Area = v.InferOutput<typeof AreaSchema>;

export interface CategoryItem {
  code: string;
  labels: LocalizedText;
  synonyms: string[];
}
export interface Category extends CategoryItem {
  children: CategoryItem[];
}

// ---------------------------------------------------------------------------
// Organization
// ---------------------------------------------------------------------------

export const RegistrationSchema = v.pipe(
  v.object({
    status: picklist(REGISTRATION_STATUSES),
    /** 统一社会信用代码 (18 chars) for registered organizations. */
    creditCode: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/u, 'credit-code'))),
    authority: v.optional(text(1, 60)),
    date: v.optional(IsoDate),
  }),
  v.forward(
    v.check((r) => r.status !== 'registered' || r.creditCode !== undefined, 'credit-code-required'),
    ['creditCode'],
  ),
);
export type Registration = v.InferOutput<typeof RegistrationSchema>;

export const OrganizationContactSchema = v.object({
  person: optionalText(30),
  phone: v.optional(Phone),
  email: v.optional(v.pipe(v.string(), v.trim(), v.email())),
  address: optionalText(120),
});

export const OrganizationSchema = v.object({
  id: Id,
  name: text(2, 80),
  type: picklist(ORGANIZATION_TYPES),
  registration: RegistrationSchema,
  rating: v.nullable(picklist(RATINGS)),
  areaCode: AreaCode,
  serviceAreaCodes: nonEmptyUnique(AreaCode, 200),
  categoryCodes: v.pipe(v.array(CategoryCode), v.maxLength(40)),
  description: optionalText(2000),
  tags: v.pipe(v.array(text(1, 20)), v.maxLength(30)),
  /** Certified social workers (持证社工) on staff. */
  socialWorkers: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100000)),
  /** Mean resident satisfaction 1–5 over past claims; null until rated. */
  satisfaction: v.nullable(v.pipe(v.number(), v.minValue(1), v.maxValue(5))),
  contact: OrganizationContactSchema,
  founded: v.optional(IsoDate),
  updatedAt: IsoTimestamp,
});
export type Organization = v.InferOutput<typeof OrganizationSchema>;
export type OrganizationInput = v.InferInput<typeof OrganizationSchema>;

// ---------------------------------------------------------------------------
// ServiceOffer
// ---------------------------------------------------------------------------

export const CapacitySchema = v.pipe(
  v.object({
    perPeriod: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
    period: picklist(CAPACITY_PERIODS),
    /** Places taken in the current period. */
    used: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  v.forward(
    v.check((c) => c.used <= c.perPeriod, 'capacity-exceeded'),
    ['used'],
  ),
);
export type Capacity = v.InferOutput<typeof CapacitySchema>;

export const CostSchema = v.pipe(
  v.object({
    kind: picklist(COST_KINDS),
    /** Yuan per session a resident pays; required unless free. */
    amount: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100000))),
  }),
  v.forward(
    v.check((c) => c.kind === 'free' || c.amount !== undefined, 'amount-required'),
    ['amount'],
  ),
);
export type Cost = v.InferOutput<typeof CostSchema>;

export const ScheduleSchema = v.object({
  /** Human text, e.g. 每周三上午 9:00–11:30. */
  text: text(1, 120),
  /** ISO weekdays 1 (Mon) … 7 (Sun) the service runs on; empty means by appointment. */
  weekdays: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7))), v.maxLength(7)),
});
export type Schedule = v.InferOutput<typeof ScheduleSchema>;

export const OfferContactSchema = v.object({
  name: text(1, 30),
  phone: Phone,
});

const offerDraftEntries = {
    organizationId: Id,
    categoryCode: CategoryCode,
    title: text(2, 60),
    description: text(0, 2000),
    audiences: nonEmptyUnique(picklist(AUDIENCES), AUDIENCES.length),
    serviceAreaCodes: nonEmptyUnique(AreaCode, 200),
    capacity: CapacitySchema,
    schedule: ScheduleSchema,
    modes: nonEmptyUnique(picklist(SERVICE_MODES), SERVICE_MODES.length),
    cost: CostSchema,
    validFrom: IsoDate,
    validTo: IsoDate,
    status: picklist(OFFER_STATUSES),
    contact: OfferContactSchema,
};

const validityInOrder = (o: { validFrom: string; validTo: string }): boolean => o.validTo >= o.validFrom;

export const ServiceOfferSchema = v.pipe(
  v.object({ id: Id, ...offerDraftEntries, updatedAt: IsoTimestamp }),
  v.forward(v.check((o) => validityInOrder(o), 'date-order'), ['validTo']),
);
export type ServiceOffer = v.InferOutput<typeof ServiceOfferSchema>;

/** An offer as an organization publishes it; the server adds id and time. */
export const OfferDraftSchema = v.pipe(
  v.object(offerDraftEntries),
  v.forward(v.check((o) => validityInOrder(o), 'date-order'), ['validTo']),
);
export type OfferDraft = v.InferInput<typeof OfferDraftSchema>;
export type ServiceOfferInput = v.InferInput<typeof ServiceOfferSchema>;

/** Places still free in the current period. */
export const capacityLeft = (offer: Pick<ServiceOffer, 'capacity'>): number =>
  Math.max(0, offer.capacity.perPeriod - offer.capacity.used);

// ---------------------------------------------------------------------------
// Need: a public part and a private part kept apart
// ---------------------------------------------------------------------------

/** What anyone may see of a need: no names, phones, addresses or health. */
export const PublicNeedSchema = v.object({
  id: Id,
  trackingNumber: v.pipe(v.string(), v.regex(/^RL-\d{8}-[0-9A-Z]{4,8}$/u, 'tracking-number')),
  title: text(2, 60),
  description: text(0, 2000),
  categoryCode: CategoryCode,
  audiences: nonEmptyUnique(picklist(AUDIENCES), AUDIENCES.length),
  /** Community or grid; never a street address. */
  areaCode: v.pipe(AreaCode, v.check((c) => c.length >= 12, 'area-too-coarse')),
  urgency: picklist(URGENCIES),
  preferredTime: optionalText(60),
  channel: picklist(INTAKE_CHANNELS),
  forWhom: picklist(NEED_SUBJECTS),
  status: picklist(NEED_STATUSES),
  /** People the need concerns (e.g. a couple: 2). */
  beneficiaries: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10000)),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
});
export type PublicNeed = v.InferOutput<typeof PublicNeedSchema>;

/** Who to reach: staff, and the organization whose claim was accepted, only. */
export const NeedContactSchema = v.object({
  name: text(1, 30),
  phone: Phone,
  /** Stays private; the public need carries only the area. */
  address: text(1, 120),
});
export type NeedContact = v.InferOutput<typeof NeedContactSchema>;

/** Sensitive personal information (PIPL art. 28): kept only with its own consent. */
export const HealthInfoSchema = v.object({
  conditions: text(1, 500),
  mobility: picklist(['independent', 'assisted', 'bedridden'] as const),
});
export type HealthInfo = v.InferOutput<typeof HealthInfoSchema>;

/** The consent given at submission, tied to the privacy text's version. */
export const ConsentSchema = v.object({
  textVersion: v.pipe(v.string(), v.minLength(1), v.maxLength(20)),
  givenAt: IsoTimestamp,
  personalInfo: v.literal(true),
  health: v.boolean(),
  /** A guardian confirmed for a person under 14 (PIPL art. 31). */
  guardian: v.boolean(),
});
export type Consent = v.InferOutput<typeof ConsentSchema>;

// Shared by the need and its draft: health data only with its own consent,
// and a guardian's confirmation for a child under 14.
const hasHealthConsent = (n: { health?: HealthInfo; consent: Consent }): boolean => n.health === undefined || n.consent.health;
const hasGuardianConsent = (n: { minor: boolean; consent: Consent }): boolean => !n.minor || n.consent.guardian;

const needPrivateEntries = {
  contact: NeedContactSchema,
  consent: ConsentSchema,
  health: v.optional(HealthInfoSchema),
  /** The person the need is for is under 14. */
  minor: v.optional(v.boolean(), false),
};

export const NeedSchema = v.pipe(
  v.object({ ...PublicNeedSchema.entries, ...needPrivateEntries }),
  v.forward(v.check((n) => hasHealthConsent(n), 'health-consent-required'), ['health']),
  v.forward(v.check((n) => hasGuardianConsent(n), 'guardian-required'), ['consent', 'guardian']),
);
export type Need = v.InferOutput<typeof NeedSchema>;
export type NeedInput = v.InferInput<typeof NeedSchema>;

/** A need as a resident or grid worker submits it; the server adds id, tracking number, status and times. */
export const NeedDraftSchema = v.pipe(
  v.object({
    ...v.omit(PublicNeedSchema, ['id', 'trackingNumber', 'status', 'createdAt', 'updatedAt']).entries,
    ...needPrivateEntries,
  }),
  v.forward(v.check((n) => hasHealthConsent(n), 'health-consent-required'), ['health']),
  v.forward(v.check((n) => hasGuardianConsent(n), 'guardian-required'), ['consent', 'guardian']),
);
export type NeedDraft = v.InferInput<typeof NeedDraftSchema>;

/**
 * The private part of a need as `getNeedContact` answers it: to staff, and to
 * the organization whose claim on the need is accepted or in progress, only.
 */
export const NeedPrivateViewSchema = v.object({
  needId: Id,
  trackingNumber: PublicNeedSchema.entries.trackingNumber,
  /** The full area, a grid where one was given: the person who visits needs it. */
  areaCode: PublicNeedSchema.entries.areaCode,
  contact: NeedContactSchema,
  /** Present only when it was given, with its own consent. */
  health: v.optional(HealthInfoSchema),
  minor: v.boolean(),
  /** The text as submitted; a server may mask names and numbers in the public need's. */
  original: v.object({
    title: v.string(),
    description: v.string(),
    preferredTime: v.string(),
  }),
});
export type NeedPrivateView = v.InferOutput<typeof NeedPrivateViewSchema>;

// ---------------------------------------------------------------------------
// Claim
// ---------------------------------------------------------------------------

export const CLAIM_STATES = [
  'pending',
  'accepted',
  'declined',
  'withdrawn',
  'expired',
  'in-progress',
  'completed',
  'rated',
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const CLAIM_DIRECTIONS = [
  'need-claim', // 需求认领: an organization claims a resident's need
  'offer-booking', // 服务认领: a resident or community books an organization's offer
] as const;
export type ClaimDirection = (typeof CLAIM_DIRECTIONS)[number];

export const ACTOR_ROLES = ['resident', 'organization', 'staff', 'admin', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const ActorSchema = v.object({
  role: picklist(ACTOR_ROLES),
  id: Id,
  name: v.optional(text(1, 80)),
});
export type Actor = v.InferOutput<typeof ActorSchema>;

export const CLAIM_EVENT_TYPES = ['accept', 'decline', 'withdraw', 'expire', 'start', 'complete', 'rate'] as const;
export type ClaimEventType = (typeof CLAIM_EVENT_TYPES)[number];

export const ClaimRatingSchema = v.object({
  score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  comment: optionalText(500),
});
export type ClaimRating = v.InferOutput<typeof ClaimRatingSchema>;

export const ClaimTransitionSchema = v.object({
  eventId: Id,
  event: picklist(CLAIM_EVENT_TYPES),
  from: picklist(CLAIM_STATES),
  to: picklist(CLAIM_STATES),
  by: ActorSchema,
  at: IsoTimestamp,
  reason: optionalText(500),
});
export type ClaimTransition = v.InferOutput<typeof ClaimTransitionSchema>;

export const ClaimSchema = v.object({
  id: Id,
  direction: picklist(CLAIM_DIRECTIONS),
  needId: v.nullable(Id),
  offerId: v.nullable(Id),
  organizationId: Id,
  requestedBy: ActorSchema,
  state: picklist(CLAIM_STATES),
  history: v.array(ClaimTransitionSchema),
  /** Person-times served, reported on completion. */
  beneficiaries: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  rating: v.nullable(ClaimRatingSchema),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  /** A pending claim past this time may be expired by the system. */
  expiresAt: v.nullable(IsoTimestamp),
});
export type Claim = v.InferOutput<typeof ClaimSchema>;

// ---------------------------------------------------------------------------
// Project
// ---------------------------------------------------------------------------

const projectEntries = {
  title: text(2, 80),
  summary: optionalText(1000),
  organizationId: Id,
  categoryCode: CategoryCode,
  areaCode: AreaCode,
  fundingSource: picklist(FUNDING_SOURCES),
  /** Yuan. */
  budget: v.pipe(v.number(), v.minValue(0), v.maxValue(1e10)),
  period: v.pipe(
    v.object({ start: IsoDate, end: IsoDate }),
    v.forward(
      v.check((p) => p.end >= p.start, 'date-order'),
      ['end'],
    ),
  ),
  /** Beneficiary person-times (受益人次), served so far against planned. */
  beneficiaries: v.object({
    served: v.pipe(v.number(), v.integer(), v.minValue(0)),
    planned: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  /** 群众满意度, percent (see satisfactionPercent); null until surveyed. */
  satisfaction: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
  status: picklist(PROJECT_STATUSES),
  needIds: v.array(Id),
  claimIds: v.array(Id),
};

export const ProjectSchema = v.pipe(v.object({ id: Id, ...projectEntries, updatedAt: IsoTimestamp }));
export type Project = v.InferOutput<typeof ProjectSchema>;
export type ProjectInput = v.InferInput<typeof ProjectSchema>;

const uniqueIds = (max: number) =>
  v.pipe(
    v.array(Id),
    v.maxLength(max),
    v.check((list) => new Set(list).size === list.length, 'duplicate'),
  );

/**
 * A project as the street or community records it: accepted claims grouped
 * under a title, with funding, budget, period and planned beneficiaries. The
 * server adds id and time; with claims, served, satisfaction and status are
 * worked out from them (projectFigures), whatever the draft says.
 */
export const ProjectDraftSchema = v.object({
  ...projectEntries,
  needIds: uniqueIds(1000),
  claimIds: uniqueIds(1000),
});
export type ProjectDraft = v.InferInput<typeof ProjectDraftSchema>;

// ---------------------------------------------------------------------------
// Figures that follow claims: the one definition the memory engine and the
// reference server both use
// ---------------------------------------------------------------------------

/** Claim states in which the work was done and its beneficiaries count. */
export const SERVED_CLAIM_STATES: readonly ClaimState[] = ['completed', 'rated'];
/** Claim states a project may group: accepted and after. */
export const PROJECT_CLAIM_STATES: readonly ClaimState[] = ['accepted', 'in-progress', 'completed', 'rated'];
/** Claim states that ended without the work: they no longer hold a project open. */
const ENDED_UNSERVED: readonly ClaimState[] = ['declined', 'withdrawn', 'expired'];

const roundTo = (value: number, decimals: number): number => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};

/** Mean of 1–5 scores to one decimal (an organization's satisfaction), or null without any. */
export function meanRating(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return roundTo(scores.reduce((sum, s) => sum + s, 0) / scores.length, 1);
}

/**
 * 群众满意度 as a percent: the mean rating over full marks, mean ÷ 5 × 100,
 * to one decimal; null without ratings. Full marks is how survey scores are
 * turned into the percentages the street reports (a 4.6 average reads 92%),
 * so 4 ("satisfied") counts 80%, not the 75% a (mean − 1) ÷ 4 scale gives.
 */
export function satisfactionPercent(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return roundTo((scores.reduce((sum, s) => sum + s, 0) / scores.length / 5) * 100, 1);
}

const PROJECT_STATUS_ORDER: readonly ProjectStatus[] = ['planned', 'active', 'completed'];

/**
 * A project's figures from its claims: served is the beneficiaries of its
 * completed and rated claims; satisfaction the percent of its ratings;
 * status planned → active once any claim has started → completed when every
 * claim still open is completed or rated. Status never goes back, and a
 * suspended project stays suspended (a decision, not a figure). A project
 * without claims keeps the figures it was given.
 */
export function projectFigures(
  project: Pick<Project, 'beneficiaries' | 'satisfaction' | 'status' | 'claimIds'>,
  claims: readonly Pick<Claim, 'id' | 'state' | 'beneficiaries' | 'rating' | 'history'>[],
): Pick<Project, 'beneficiaries' | 'satisfaction' | 'status'> {
  const own = claims.filter((c) => project.claimIds.includes(c.id));
  if (own.length === 0) return { beneficiaries: project.beneficiaries, satisfaction: project.satisfaction, status: project.status };
  const served = own
    .filter((c) => SERVED_CLAIM_STATES.includes(c.state))
    .reduce((sum, c) => sum + (c.beneficiaries ?? 0), 0);
  const satisfaction = satisfactionPercent(own.flatMap((c) => (c.rating === null ? [] : [c.rating.score])));
  const open = own.filter((c) => !ENDED_UNSERVED.includes(c.state));
  const derived: ProjectStatus =
    open.length > 0 && open.every((c) => SERVED_CLAIM_STATES.includes(c.state))
      ? 'completed'
      : own.some((c) => c.state === 'in-progress' || SERVED_CLAIM_STATES.includes(c.state) || c.history.some((t) => t.event === 'start'))
        ? 'active'
        : 'planned';
  const status =
    project.status === 'suspended' || PROJECT_STATUS_ORDER.indexOf(project.status) > PROJECT_STATUS_ORDER.indexOf(derived)
      ? project.status
      : derived;
  return { beneficiaries: { served, planned: project.beneficiaries.planned }, satisfaction, status };
}

/** Need statuses that claims set: while a claim answers the need, its status is one of these. */
export const CLAIM_SET_NEED_STATUSES: readonly NeedStatus[] = ['claimed', 'in-progress', 'completed'];
/**
 * Where a need goes when every claim that answered it ended without the work:
 * listed for claiming again, as before it was claimed (the matcher takes
 * verified and published needs). NEED_STATUSES has no separate "open".
 */
export const REOPENED_NEED_STATUS: NeedStatus = 'published';

/**
 * A need's status after one of its claims moved (`moved`), from all the
 * need's claims as they now are, the moved one included. The memory engine
 * and the reference server both call it on every transition of a claim that
 * names a need, in either direction, so they cannot drift apart.
 *
 * - A closed need stays closed: closing is staff's decision, not a figure.
 * - A move between states that never held the need (a pending claim
 *   declined, withdrawn or expired) leaves the status as it is.
 * - Otherwise the claims still holding the need (accepted and after) decide:
 *   completed when every one is completed or rated, in progress once any has
 *   started or finished, claimed when all are only accepted, as a project's
 *   figures follow its claims (projectFigures).
 * - With none left, the need is listed again (REOPENED_NEED_STATUS), when it
 *   was a claim that had set its status.
 */
export function needStatusAfter(
  status: NeedStatus,
  moved: { readonly from: ClaimState; readonly to: ClaimState },
  claimsOfNeed: readonly Pick<Claim, 'state'>[],
): NeedStatus {
  if (status === 'closed') return status;
  const holds = (state: ClaimState): boolean => PROJECT_CLAIM_STATES.includes(state);
  if (!holds(moved.from) && !holds(moved.to)) return status;
  const holding = claimsOfNeed.filter((c) => holds(c.state));
  if (holding.length === 0) return CLAIM_SET_NEED_STATUSES.includes(status) ? REOPENED_NEED_STATUS : status;
  if (holding.every((c) => SERVED_CLAIM_STATES.includes(c.state))) return 'completed';
  if (holding.some((c) => c.state !== 'accepted')) return 'in-progress';
  return 'claimed';
}

// ---------------------------------------------------------------------------
// Reviewing a need: staff verify, publish or close it (DataAdapter.reviewNeed)
// ---------------------------------------------------------------------------

/** The statuses a review gives a need. */
export const NEED_REVIEW_STATUSES = ['verified', 'published', 'closed'] as const;
export type NeedReviewStatus = (typeof NEED_REVIEW_STATUSES)[number];

/**
 * The review table, the one the memory engine and the reference server both
 * judge by: each status a review sets → the statuses a need may have before
 * it. A submitted need is verified, or verified and published at once; a
 * verified one is published; any need not closed yet may be closed (不予受理,
 * or taken off the lists). Any other move is a conflict.
 */
export const NEED_REVIEWS: Readonly<Record<NeedReviewStatus, readonly NeedStatus[]>> = Object.freeze({
  verified: Object.freeze<NeedStatus[]>(['submitted']),
  published: Object.freeze<NeedStatus[]>(['submitted', 'verified']),
  closed: Object.freeze(NEED_STATUSES.filter((s) => s !== 'closed')),
});

/** True when a review may move a need from `from` to `to`. */
export const canReviewNeed = (from: NeedStatus, to: NeedReviewStatus): boolean => NEED_REVIEWS[to].includes(from);

/** A review as sent: the new status and why (kept in the server's audit log). */
export const NeedReviewSchema = v.object({
  status: picklist(NEED_REVIEW_STATUSES),
  reason: optionalText(500),
});
export type NeedReview = v.InferInput<typeof NeedReviewSchema>;
