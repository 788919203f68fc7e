/**
 * Needs and offers compiled once into flat records, and the value of every
 * score part computed from them.
 *
 * `scoreMatch`, the candidate index and the all-pairs reference all score
 * through the functions below, so they cannot disagree: the index differs
 * only in which pairs it looks at. Points are whole hundredths (cents), so
 * totals are exact integers whatever order parts or pairs are added in.
 */
import { AUDIENCES, CAPACITY_PERIODS, NEED_STATUSES, OFFER_STATUSES, SERVICE_MODES, URGENCIES, capacityLeft } from '../model.js';
import type { CapacityPeriod, Organization, PublicNeed, ServiceOffer } from '../model.js';
import { defaultReadings } from '../search/readings.js';
import { fold, isHan, isWordChar } from '../search/text.js';
import { isCategoryCode, taxonomy } from '../taxonomy.js';
import { TOP_CODES, relatedTopIndexes, topIndexOf } from './related.js';
import { DEFAULT_MATCH_WEIGHTS, MATCH_PART_NAMES } from './types.js';
import type { Lookup, MatchContext, MatchPartName } from './types.js';

/** Need statuses that can still be matched: checked by staff and not yet claimed. */
export const MATCHABLE_NEED_STATUSES = ['verified', 'published'] as const;

// Part positions in MATCH_PART_NAMES; text is last so an upper bound of the
// other parts plus the text weight can skip the costliest part.
export const P_CATEGORY = 0;
export const P_AUDIENCE = 1;
export const P_AREA = 2;
export const P_CAPACITY = 3;
export const P_FIT = 4;
export const P_URGENCY = 5;
export const P_TRUST = 6;
export const P_TEXT = 7;
export const PART_COUNT = MATCH_PART_NAMES.length;

// Blocker bits, in MATCH_BLOCKERS order.
export const B_NEED_NOT_OPEN = 1;
export const B_CATEGORY = 2;
export const B_AREA = 4;
export const B_OFFER_NOT_OPEN = 8;
export const B_OFFER_DATES = 16;
export const B_OFFER_FULL = 32;

// ---------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------

/** A context checked and resolved for scoring. */
export interface ScoringEnv {
  /** Weights in MATCH_PART_NAMES order. */
  readonly weights: Float64Array;
  /** The text weight in cents: the most the text part can add. */
  readonly textCents: number;
  /** The local calendar day of `now`, `YYYY-MM-DD`, compared with offers' validity dates. */
  readonly today: string;
  readonly organization: (id: string) => Organization | undefined;
}

const MAX_WEIGHT = 1_000_000;

/** Resolves weights (validated), the day and the organization lookup. */
export function resolveContext(context: MatchContext | undefined): ScoringEnv {
  if (context !== undefined && (typeof context !== 'object' || context === null)) throw new TypeError('Matching context must be an object');
  const weights = new Float64Array(PART_COUNT);
  const given = context?.weights ?? {};
  for (const key of Object.keys(given)) {
    if (!(MATCH_PART_NAMES as readonly string[]).includes(key)) throw new RangeError(`Unknown match weight "${key}"; known: ${MATCH_PART_NAMES.join(', ')}`);
  }
  MATCH_PART_NAMES.forEach((name, i) => {
    const w = given[name] ?? DEFAULT_MATCH_WEIGHTS[name];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > MAX_WEIGHT) {
      throw new RangeError(`Match weight "${name}" must be a number from 0 to ${MAX_WEIGHT}, got ${String(w)}`);
    }
    weights[i] = w;
  });
  const now = context?.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('Matching context: now must be a valid Date');
  return {
    weights,
    textCents: Math.round((weights[P_TEXT] ?? 0) * 100),
    today: localDay(now),
    organization: lookupFunction(context?.organizations, 'organizations'),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** Offers' dates are calendar days where the service runs, so they compare with the local day. */
const localDay = (d: Date): string => `${String(d.getFullYear()).padStart(4, '0')}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;

/** A lookup as a function; undefined means "knows nothing". */
export function lookupFunction<T>(lookup: Lookup<T> | undefined, what: string): (id: string) => T | undefined {
  if (lookup === undefined) return () => undefined;
  if (typeof lookup === 'function') return lookup;
  if (lookup instanceof Map) {
    const map = lookup as ReadonlyMap<string, T>;
    return (id) => map.get(id);
  }
  throw new TypeError(`Matching context: ${what} must be a Map or a function from id to item`);
}

// ---------------------------------------------------------------------------
// Prepared records
// ---------------------------------------------------------------------------

const AUDIENCE_BIT: ReadonlyMap<string, number> = new Map(AUDIENCES.map((a, i) => [a, 1 << i]));
const ALL_RESIDENTS = AUDIENCE_BIT.get('all-residents') ?? 0;
/** Audiences for whom a home visit is the natural way to be served. */
const HOME_AUDIENCES = (AUDIENCE_BIT.get('elderly') ?? 0) | (AUDIENCE_BIT.get('disabled') ?? 0);
const MODE_BIT: ReadonlyMap<string, number> = new Map(SERVICE_MODES.map((m, i) => [m, 1 << i]));
const URGENCY_INDEX: ReadonlyMap<string, number> = new Map(URGENCIES.map((u, i) => [u, i]));
const MATCHABLE: ReadonlySet<string> = new Set(MATCHABLE_NEED_STATUSES);
const AREA_CODE_RE = /^\d{6}(?:\d{3}){0,3}$/u;
const CATEGORY_INDEX: ReadonlyMap<string, number> = new Map(taxonomy.flatMap((top) => [top.code, ...top.children.map((c) => c.code)]).map((code, i) => [code, i]));

/** A need compiled for scoring. */
export interface PreparedNeed {
  readonly need: PublicNeed;
  readonly id: string;
  readonly item: string;
  /** The category's position in the taxonomy (a number compares faster than the code). */
  readonly itemIndex: number;
  readonly top: number;
  readonly audiences: number;
  readonly areaCode: string;
  /** The area and every area above it, finest first. */
  readonly areaPath: readonly string[];
  /** The codes of the area and the areas above it as numbers by level (district, street, community, grid); NaN below the area. */
  readonly areaByLevel: Float64Array;
  readonly open: boolean;
  readonly urgency: number;
  readonly prefersHome: boolean;
  /** Preferred ISO weekdays as bits 1…7; 0 when no preference. */
  readonly days: number;
  /** Preferred parts of the day (DAY_PARTS bits); 0 when no preference. */
  readonly dayParts: number;
  readonly grams: Int32Array;
}

/** An offer compiled for scoring under one context (its trust and availability depend on it). */
export interface PreparedOffer {
  readonly offer: ServiceOffer;
  readonly id: string;
  readonly item: string;
  readonly itemIndex: number;
  readonly top: number;
  readonly audiences: number;
  readonly areaCodes: readonly string[];
  /** The service-area codes as numbers, with their levels (0 district … 3 grid) alongside. */
  readonly areaNumbers: Float64Array;
  readonly areaLevels: Uint8Array;
  /** True when one service-area code lies inside another (the offer then sits in two buckets on one need's path). */
  readonly nestedAreas: boolean;
  readonly modes: number;
  readonly days: number;
  readonly dayCount: number;
  readonly dayParts: number;
  readonly period: CapacityPeriod;
  /** How soon it can act, 0…1 (see urgency). */
  readonly readiness: number;
  /** Which of READINESS_BY_CODE `readiness` is, so the index can keep it in an integer row. */
  readonly readinessCode: number;
  readonly left: number;
  /** Blocker bits of the offer alone: not open, out of dates, full. */
  readonly unavailable: number;
  readonly status: ServiceOffer['status'];
  /** What the trust reason shows, copied so reasons do not read the organization again; undefined for an unknown organization. */
  readonly trustParams: { readonly rating: string; readonly registration: string; readonly satisfaction: number | '' } | undefined;
  readonly trust: number;
  readonly grams: Int32Array;
}

/** Throws a TypeError unless `value` is an array (takes unknown so callers' types are not narrowed to any[]). */
export function checkList(value: unknown, message: string): void {
  if (!Array.isArray(value)) throw new TypeError(message);
}

function fail(kind: string, id: unknown, message: string): never {
  throw new TypeError(`${kind} ${JSON.stringify(id)}: ${message}`);
}

function checkId(kind: string, id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) fail(kind, id, 'id must be a non-empty string');
  return id;
}

function checkCategory(kind: string, id: string, code: unknown): string {
  if (typeof code !== 'string' || !isCategoryCode(code)) fail(kind, id, `unknown category code ${JSON.stringify(code)}`);
  return code;
}

function audienceMask(kind: string, id: string, list: unknown): number {
  if (!Array.isArray(list) || list.length === 0) fail(kind, id, 'audiences must be a non-empty list');
  let mask = 0;
  for (const a of list as unknown[]) {
    const bit = typeof a === 'string' ? AUDIENCE_BIT.get(a) : undefined;
    if (bit === undefined) fail(kind, id, `unknown audience ${JSON.stringify(a)}`);
    mask |= bit;
  }
  return mask;
}

function checkArea(kind: string, id: string, code: unknown): string {
  if (typeof code !== 'string' || !AREA_CODE_RE.test(code)) fail(kind, id, `malformed area code ${JSON.stringify(code)}`);
  return code;
}

/** Compiles a need. Throws a TypeError naming the need and the field for data that cannot be scored. */
export function prepareNeed(need: PublicNeed): PreparedNeed {
  if (typeof need !== 'object' || need === null) throw new TypeError('A need must be an object');
  const id = checkId('Need', need.id);
  const item = checkCategory('Need', id, need.categoryCode);
  const audiences = audienceMask('Need', id, need.audiences);
  const areaCode = checkArea('Need', id, need.areaCode);
  const urgency = URGENCY_INDEX.get(need.urgency);
  if (urgency === undefined) fail('Need', id, `unknown urgency ${JSON.stringify(need.urgency)}`);
  if (!(NEED_STATUSES as readonly string[]).includes(need.status)) fail('Need', id, `unknown status ${JSON.stringify(need.status)}`);
  const preferred = typeof need.preferredTime === 'string' ? foldText(need.preferredTime) : '';
  return {
    need,
    id,
    item,
    itemIndex: CATEGORY_INDEX.get(item) ?? -1,
    top: topIndexOf(item),
    audiences,
    areaCode,
    areaPath: areaPathOf(areaCode),
    areaByLevel: areaNumbersByLevel(areaCode),
    open: MATCHABLE.has(need.status),
    urgency,
    prefersHome: (audiences & HOME_AUDIENCES) !== 0,
    days: weekdaysIn(preferred),
    dayParts: dayPartsIn(preferred),
    grams: textGrams(`${String(need.title)}\n${String(need.description)}`),
  };
}

/** Compiles an offer under a context. Throws a TypeError naming the offer and the field for data that cannot be scored. */
export function prepareOffer(offer: ServiceOffer, env: ScoringEnv): PreparedOffer {
  if (typeof offer !== 'object' || offer === null) throw new TypeError('An offer must be an object');
  const id = checkId('Offer', offer.id);
  const item = checkCategory('Offer', id, offer.categoryCode);
  const audiences = audienceMask('Offer', id, offer.audiences);
  if (!Array.isArray(offer.serviceAreaCodes) || offer.serviceAreaCodes.length === 0) fail('Offer', id, 'serviceAreaCodes must be a non-empty list');
  // a repeated code would put the offer twice in one bucket
  const areaCodes = [...new Set(offer.serviceAreaCodes.map((c) => checkArea('Offer', id, c)))];
  let modes = 0;
  if (!Array.isArray(offer.modes) || offer.modes.length === 0) fail('Offer', id, 'modes must be a non-empty list');
  for (const m of offer.modes) {
    const bit = MODE_BIT.get(m);
    if (bit === undefined) fail('Offer', id, `unknown service mode ${JSON.stringify(m)}`);
    modes |= bit;
  }
  const { capacity, schedule } = offer;
  if (
    typeof capacity !== 'object' ||
    !Number.isInteger(capacity.perPeriod) ||
    !Number.isInteger(capacity.used) ||
    capacity.used < 0 ||
    !CAPACITY_PERIODS.includes(capacity.period)
  ) {
    fail('Offer', id, 'capacity must have integer perPeriod and used ≥ 0 and a known period');
  }
  if (typeof schedule !== 'object' || !Array.isArray(schedule.weekdays)) fail('Offer', id, 'schedule must have a weekdays list');
  let days = 0;
  for (const d of schedule.weekdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) fail('Offer', id, `weekday ${JSON.stringify(d)} is not 1–7`);
    days |= 1 << d;
  }
  if (!(OFFER_STATUSES as readonly string[]).includes(offer.status)) fail('Offer', id, `unknown status ${JSON.stringify(offer.status)}`);
  if (typeof offer.validFrom !== 'string' || typeof offer.validTo !== 'string') fail('Offer', id, 'validFrom and validTo must be ISO dates');
  if (typeof offer.organizationId !== 'string') fail('Offer', id, 'organizationId must be a string');

  const left = capacityLeft(offer);
  // ISO dates compare as strings; validTo is the last day the offer runs
  const inDates = offer.validFrom.slice(0, 10) <= env.today && env.today <= offer.validTo.slice(0, 10);
  const unavailable = (offer.status === 'open' ? 0 : B_OFFER_NOT_OPEN) | (inDates ? 0 : B_OFFER_DATES) | (left > 0 ? 0 : B_OFFER_FULL);
  const organization = env.organization(offer.organizationId);
  const readinessCode = readinessCodeOf(capacity.period, days);
  return {
    offer,
    id,
    item,
    itemIndex: CATEGORY_INDEX.get(item) ?? -1,
    top: topIndexOf(item),
    audiences,
    areaCodes,
    areaNumbers: Float64Array.from(areaCodes, Number),
    areaLevels: Uint8Array.from(areaCodes, levelOfCode),
    nestedAreas: areaCodes.some((a) => areaCodes.some((b) => a !== b && a.startsWith(b))),
    modes,
    days,
    dayCount: popcount(days),
    dayParts: dayPartsIn(foldText(typeof schedule.text === 'string' ? schedule.text : '')),
    period: capacity.period,
    readiness: READINESS_BY_CODE[readinessCode] as number,
    readinessCode,
    left,
    unavailable,
    status: offer.status,
    trustParams:
      organization === undefined
        ? undefined
        : { rating: organization.rating ?? '', registration: organization.registration.status, satisfaction: organization.satisfaction ?? '' },
    trust: organization === undefined ? 0 : trustValue(organization),
    grams: textGrams(`${String(offer.title)}\n${String(offer.description)}`),
  };
}

/** The codes of an area and every area above it, finest first. */
export function areaPathOf(code: string): string[] {
  const out: string[] = [];
  for (let length = code.length; length >= 6; length -= 3) out.push(code.slice(0, length));
  return out;
}

// Codes are compared as numbers (at most 15 digits, exact in a double):
// containment is then one equality per service-area code.
const levelOfCode = (code: string): number => (code.length - 6) / 3;

function areaNumbersByLevel(code: string): Float64Array {
  const out = new Float64Array(4).fill(NaN);
  for (let level = 0; level <= levelOfCode(code); level++) out[level] = Number(code.slice(0, 6 + 3 * level));
  return out;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

// ---------------------------------------------------------------------------
// Hard rules
// ---------------------------------------------------------------------------

/** True when top `b` is `a` or related to it; a matrix so the all-pairs scan pays one array read. */
const TOP_COUNT = TOP_CODES.length;
const RELATED = new Uint8Array(TOP_COUNT * TOP_COUNT);
for (let i = 0; i < TOP_COUNT; i++) {
  RELATED[i * TOP_COUNT + i] = 1;
  for (const j of relatedTopIndexes(i)) RELATED[i * TOP_COUNT + j] = 1;
}

/** Whether the offer's field is the need's or a related one. */
export const topsRelated = (a: number, b: number): boolean => RELATED[a * TOP_COUNT + b] === 1;

/** The length of the most specific service-area code containing the need's area (15, 12, 9 or 6), or 0 when none does. */
export function servedAreaLength(pn: PreparedNeed, po: PreparedOffer): number {
  let best = -1;
  const { areaNumbers, areaLevels } = po;
  for (let i = 0; i < areaNumbers.length; i++) {
    const level = areaLevels[i] as number;
    if (level > best && pn.areaByLevel[level] === areaNumbers[i]) best = level;
  }
  return best < 0 ? 0 : 6 + 3 * best;
}

/** Blocker bits of a pair (see B_*); `areaLength` as servedAreaLength gives it. */
export function blockerBits(pn: PreparedNeed, po: PreparedOffer, areaLength = servedAreaLength(pn, po)): number {
  return (pn.open ? 0 : B_NEED_NOT_OPEN) | (topsRelated(pn.top, po.top) ? 0 : B_CATEGORY) | (areaLength > 0 ? 0 : B_AREA) | po.unavailable;
}

/**
 * What the index already measured for a pair while ranking: the serving
 * code's length and the shared text terms. Scoring with it gives the same
 * values as measuring again, without reading the offer's arrays.
 */
export interface PairFacts {
  readonly areaLength: number;
  readonly sharedTerms: number;
  readonly offerTerms: number;
}

// ---------------------------------------------------------------------------
// Part values, each 0…1
// ---------------------------------------------------------------------------

// Each part is computed from a few numbers of the offer (its item, audience
// bits, mode bits, weekday bits …) so the index can keep those numbers in
// flat arrays and score without touching the offer objects; the functions
// taking a prepared offer call the same code with the offer's fields.

/** 3 same item, 2 same top level, 1 related top level, 0 unrelated. */
export function categoryTierOf(pn: PreparedNeed, itemIndex: number, top: number): number {
  if (pn.itemIndex === itemIndex) return 3;
  if (pn.top === top) return 2;
  return topsRelated(pn.top, top) ? 1 : 0;
}
export const categoryTier = (pn: PreparedNeed, po: PreparedOffer): number => categoryTierOf(pn, po.itemIndex, po.top);
export const CATEGORY_VALUE = [0, 0.4, 0.7, 1] as const;

/** Value by the length of the serving code: a grid or community team beats a street-wide one, which beats a district-wide one. */
export function areaValueOfLength(length: number): number {
  return length >= 12 ? 1 : length === 9 ? 0.6 : length === 6 ? 0.3 : 0;
}

/** 'overlap', 'all-residents' (the offer is for everyone), 'targeted' (the need is for everyone, the offer for a group) or 'none'. */
export type AudienceFit = 'overlap' | 'all-residents' | 'targeted' | 'none';
export function audienceFit(pn: PreparedNeed, po: PreparedOffer): AudienceFit {
  if ((pn.audiences & po.audiences) !== 0) return 'overlap';
  if ((po.audiences & ALL_RESIDENTS) !== 0) return 'all-residents';
  if ((pn.audiences & ALL_RESIDENTS) !== 0) return 'targeted';
  return 'none';
}
export function audienceValueOf(pn: PreparedNeed, audiences: number): number {
  const shared = pn.audiences & audiences;
  // one shared group already makes the offer relevant; covering all of the need's groups makes it a full fit
  if (shared !== 0) return 0.6 + (0.4 * popcount(shared)) / popcount(pn.audiences);
  return (audiences & ALL_RESIDENTS) !== 0 || (pn.audiences & ALL_RESIDENTS) !== 0 ? 0.5 : 0;
}
export const audienceValue = (pn: PreparedNeed, po: PreparedOffer): number => audienceValueOf(pn, po.audiences);

/** Places left, saturating at ten: beyond that an offer is not meaningfully roomier for one need. */
export function capacityValue(po: Pick<PreparedOffer, 'unavailable' | 'left'>): number {
  return po.unavailable !== 0 ? 0 : Math.min(po.left, 10) / 10;
}

// Mode fit: [prefersHome][mode index in SERVICE_MODES: on-site, home-visit, online]
const MODE_VALUE = [
  [1, 1, 0.7],
  [0.6, 1, 0.3],
] as const;

/** The offer's mode that suits the need best (index into SERVICE_MODES), from the offer's mode bits. */
export function bestModeOf(pn: PreparedNeed, modes: number): number {
  const table = MODE_VALUE[pn.prefersHome ? 1 : 0];
  let best = -1;
  let bestValue = -1;
  for (let m = 0; m < SERVICE_MODES.length; m++) {
    const value = table[m] ?? 0;
    if ((modes & (1 << m)) !== 0 && value > bestValue) {
      best = m;
      bestValue = value;
    }
  }
  return best;
}
export const bestMode = (pn: PreparedNeed, po: PreparedOffer): number => bestModeOf(pn, po.modes);

/** 'no-preference', 'flexible' (by appointment), 'match', 'partial' (day or time of day fits) or 'mismatch'. */
export type ScheduleFit = 'no-preference' | 'flexible' | 'match' | 'partial' | 'mismatch';
const SCHEDULE_FITS = ['no-preference', 'flexible', 'match', 'partial', 'mismatch'] as const;
const SCHEDULE_VALUE = [1, 1, 1, 0.5, 0] as const;

/** Index into SCHEDULE_FITS from the offer's weekday and part-of-day bits. */
function scheduleFitIndex(pn: PreparedNeed, days: number, dayParts: number): number {
  if (pn.days === 0 && pn.dayParts === 0) return 0;
  if (days === 0) return 1;
  const dayOk = pn.days === 0 || (pn.days & days) !== 0;
  const partOk = pn.dayParts === 0 || dayParts === 0 || (pn.dayParts & dayParts) !== 0;
  return dayOk && partOk ? 2 : dayOk || partOk ? 3 : 4;
}
export const scheduleFit = (pn: PreparedNeed, po: PreparedOffer): ScheduleFit => SCHEDULE_FITS[scheduleFitIndex(pn, po.days, po.dayParts) as 0];

/** Half the mode that suits best, half the schedule. */
export function fitValueOf(pn: PreparedNeed, modes: number, days: number, dayParts: number): number {
  const mode = bestModeOf(pn, modes);
  const modeValue = mode < 0 ? 0 : MODE_VALUE[pn.prefersHome ? 1 : 0][mode] ?? 0;
  return 0.5 * modeValue + 0.5 * (SCHEDULE_VALUE[scheduleFitIndex(pn, days, dayParts) as 0] as number);
}
/** The most `fitValueOf` can give for offers whose modes are among `modes` (the schedule fitting perfectly). */
export function fitBoundOf(pn: PreparedNeed, modes: number): number {
  const mode = bestModeOf(pn, modes);
  return 0.5 * (mode < 0 ? 0 : MODE_VALUE[pn.prefersHome ? 1 : 0][mode] ?? 0) + 0.5;
}
export const fitValue = (pn: PreparedNeed, po: PreparedOffer): number => fitValueOf(pn, po.modes, po.days, po.dayParts);

const URGENCY_LEVEL = [0.25, 0.5, 0.75, 1] as const;

/**
 * How soon the offer can act, by code: a one-off event is not soon (code 0),
 * by appointment is (code 1), and so is running on most weekdays (code 1 + the
 * number of weekdays).
 */
export const READINESS_BY_CODE: readonly number[] = [0.3, 0.8, ...[1, 2, 3, 4, 5, 6, 7].map((dayCount) => Math.min(1, dayCount / 5))];

function readinessCodeOf(period: CapacityPeriod, days: number): number {
  if (period === 'once') return 0;
  if (days === 0) return 1;
  return 1 + popcount(days);
}

/**
 * The need's urgency, scaled by how soon the offer can act. Within one need's
 * list it favours offers that run often; across a whole allocation it puts
 * urgent needs first when places are scarce.
 */
export function urgencyValueOf(pn: PreparedNeed, readiness: number): number {
  return (URGENCY_LEVEL[pn.urgency as 0 | 1 | 2 | 3] ?? 0) * (0.5 + 0.5 * readiness);
}
export const urgencyValue = (pn: PreparedNeed, po: PreparedOffer): number => urgencyValueOf(pn, po.readiness);

const RATING_VALUE: Readonly<Record<string, number>> = { '5A': 1, '4A': 0.8, '3A': 0.6, '2A': 0.4, '1A': 0.2 };
const REGISTRATION_VALUE: Readonly<Record<string, number>> = { registered: 1, filed: 0.6, none: 0.2 };

/**
 * The organization's standing: its 等级评估 grade, whether it is registered
 * or filed, and residents' satisfaction (neutral until rated).
 */
export function trustValue(org: Organization): number {
  const rating = org.rating === null ? 0 : RATING_VALUE[org.rating] ?? 0;
  const registration = REGISTRATION_VALUE[org.registration.status] ?? 0;
  const satisfaction = typeof org.satisfaction === 'number' ? Math.min(1, Math.max(0, (org.satisfaction - 1) / 4)) : 0.5;
  return 0.4 * rating + 0.3 * registration + 0.3 * satisfaction;
}

/** The text value from the number of shared terms and both term counts: Dice coefficient, doubled and capped, so texts sharing half their terms count as on the same subject. */
export function textValueOfShared(shared: number, needTerms: number, offerTerms: number): number {
  return needTerms === 0 || offerTerms === 0 ? 0 : Math.min(1, (4 * shared) / (needTerms + offerTerms));
}

/** Shared character bigrams and words of the need's and the offer's title and description (see textValueOfShared). */
export function textValue(pn: PreparedNeed, po: PreparedOffer): number {
  // scoring runs need by need, so the need's terms stay loaded across its offers
  if (loadedTerms !== pn.grams) {
    recentNeedTerms.load(pn.grams);
    loadedTerms = pn.grams;
  }
  return textValueOfShared(recentNeedTerms.sharedIn(po.grams, 0, po.grams.length), pn.grams.length, po.grams.length);
}

/** 32-bit words in a text signature: one bit per term, by hash, out of 256. */
export const SIGNATURE_WORDS = 8;
const SIGNATURE_SHIFT = 32 - Math.log2(SIGNATURE_WORDS * 32);
const signatureBit = (term: number): number => Math.imul(term, 0x85ebca6b) >>> SIGNATURE_SHIFT;

/** Writes the signature of a text's terms (SIGNATURE_WORDS words) into `out` from `at`. */
export function writeSignature(terms: Int32Array, out: Int32Array, at: number): void {
  out.fill(0, at, at + SIGNATURE_WORDS);
  for (let i = 0; i < terms.length; i++) {
    const bit = signatureBit(terms[i] as number);
    out[at + (bit >>> 5)] = (out[at + (bit >>> 5)] as number) | (1 << (bit & 31));
  }
}

/** Set bits of a 32-bit number. */
export function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * One need's terms in an open-addressing table: counting the terms an offer
 * shares is then one probe per offer term, with no branch on the order of
 * two sorted lists (which mispredicts on every other step).
 *
 * It also keeps the need's terms by signature bit, as layers (layer j holds
 * the bits at least j + 1 of its terms fall on), so an offer's signature
 * bounds how many terms the two can share without reading the offer's terms.
 */
export class TermSet {
  private keys = new Int32Array(64);
  private marks = new Int32Array(64);
  private mark = 0;
  private shift = 26;
  private size = 0;
  private readonly bitCounts = new Int32Array(SIGNATURE_WORDS * 32);
  private layers = new Int32Array(SIGNATURE_WORDS * 4);
  /** How many signature layers the loaded terms fill. */
  layerCount = 0;

  load(terms: Int32Array): void {
    let capacity = 64;
    while (capacity < terms.length * 4) capacity *= 2;
    if (capacity > this.keys.length) {
      this.keys = new Int32Array(capacity);
      this.marks = new Int32Array(capacity);
      this.mark = 0;
    }
    this.size = capacity;
    this.shift = 32 - Math.log2(capacity);
    this.mark++;
    this.bitCounts.fill(0);
    this.layers.fill(0, 0, this.layerCount * SIGNATURE_WORDS);
    this.layerCount = 0;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as number;
      let slot = Math.imul(term, 0x9e3779b1) >>> this.shift;
      while (this.marks[slot] === this.mark) slot = (slot + 1) & (this.size - 1);
      this.marks[slot] = this.mark;
      this.keys[slot] = term;
      const bit = signatureBit(term);
      const layer = this.bitCounts[bit] as number;
      this.bitCounts[bit] = layer + 1;
      if (layer === this.layerCount) {
        this.layerCount++;
        if (this.layerCount * SIGNATURE_WORDS > this.layers.length) {
          const grown = new Int32Array(this.layers.length * 2);
          grown.set(this.layers);
          this.layers = grown;
        }
      }
      const word = layer * SIGNATURE_WORDS + (bit >>> 5);
      this.layers[word] = (this.layers[word] as number) | (1 << (bit & 31));
    }
  }

  /**
   * At most how many terms an offer with the signature at `at` in
   * `signatures` shares with the loaded ones: each shared term sets its bit
   * in the offer's signature, and no more of the loaded terms fall on a bit
   * than the layers there count.
   */
  sharedBound(signatures: Int32Array, at: number): number {
    const layers = this.layers;
    let bound = 0;
    for (let l = 0, w = 0; l < this.layerCount; l++) {
      for (let i = 0; i < SIGNATURE_WORDS; i++, w++) bound += popcount32((signatures[at + i] as number) & (layers[w] as number));
    }
    return bound;
  }

  /** How many of the `count` distinct terms from `start` in `terms` are in the set. */
  sharedIn(terms: Int32Array, start: number, count: number): number {
    const { keys, marks, mark, shift } = this;
    const wrap = this.size - 1;
    let shared = 0;
    for (let i = start; i < start + count; i++) {
      const term = terms[i] as number;
      for (let slot = Math.imul(term, 0x9e3779b1) >>> shift; marks[slot] === mark; slot = (slot + 1) & wrap) {
        if (keys[slot] === term) {
          shared++;
          break;
        }
      }
    }
    return shared;
  }
}

const recentNeedTerms = new TermSet();
let loadedTerms: Int32Array | undefined;

/** The facts of a pair measured from scratch. */
export function pairFacts(pn: PreparedNeed, po: PreparedOffer): PairFacts {
  return { areaLength: servedAreaLength(pn, po), sharedTerms: -1, offerTerms: po.grams.length };
}

/** All part values in MATCH_PART_NAMES order, written into `out`. */
export function partValues(pn: PreparedNeed, po: PreparedOffer, out: Float64Array, facts: PairFacts = pairFacts(pn, po)): Float64Array {
  out[P_CATEGORY] = CATEGORY_VALUE[categoryTier(pn, po) as 0 | 1 | 2 | 3];
  out[P_AUDIENCE] = audienceValue(pn, po);
  out[P_AREA] = areaValueOfLength(facts.areaLength);
  out[P_CAPACITY] = capacityValue(po);
  out[P_FIT] = fitValue(pn, po);
  out[P_URGENCY] = urgencyValue(pn, po);
  out[P_TRUST] = po.trust;
  out[P_TEXT] = facts.sharedTerms < 0 ? textValue(pn, po) : textValueOfShared(facts.sharedTerms, pn.grams.length, facts.offerTerms);
  return out;
}

/** A part's points in cents. */
export const centsOf = (value: number, weight: number): number => Math.round(value * weight * 100);

/** Cents of the parts that depend on the offer alone: capacity and trust. */
export const offerOnlyCents = (po: PreparedOffer, env: ScoringEnv): number =>
  centsOf(capacityValue(po), env.weights[P_CAPACITY] as number) + centsOf(po.trust, env.weights[P_TRUST] as number);

/**
 * Cents of every part but text, from the offer's numbers (see the index's
 * flat buckets); with `env.textCents` an upper bound of the total.
 */
export function cheapCentsOf(
  pn: PreparedNeed,
  env: ScoringEnv,
  itemIndex: number,
  top: number,
  audiences: number,
  areaLength: number,
  offerCents: number,
  modes: number,
  days: number,
  dayParts: number,
  readiness: number,
): number {
  const w = env.weights;
  return (
    centsOf(CATEGORY_VALUE[categoryTierOf(pn, itemIndex, top) as 0 | 1 | 2 | 3], w[P_CATEGORY] as number) +
    centsOf(audienceValueOf(pn, audiences), w[P_AUDIENCE] as number) +
    centsOf(areaValueOfLength(areaLength), w[P_AREA] as number) +
    offerCents +
    centsOf(fitValueOf(pn, modes, days, dayParts), w[P_FIT] as number) +
    centsOf(urgencyValueOf(pn, readiness), w[P_URGENCY] as number)
  );
}

/** Cents of every part but text. */
export const cheapCents = (pn: PreparedNeed, po: PreparedOffer, env: ScoringEnv): number =>
  cheapCentsOf(pn, env, po.itemIndex, po.top, po.audiences, servedAreaLength(pn, po), offerOnlyCents(po, env), po.modes, po.days, po.dayParts, po.readiness);

/** The text part's cents. */
export const textCents = (pn: PreparedNeed, po: PreparedOffer, env: ScoringEnv): number => centsOf(textValue(pn, po), env.weights[P_TEXT] as number);

/** The total in cents. */
export const totalCents = (pn: PreparedNeed, po: PreparedOffer, env: ScoringEnv): number => cheapCents(pn, po, env) + textCents(pn, po, env);


/** Part name by position. */
export const partName = (i: number): MatchPartName => MATCH_PART_NAMES[i] as MatchPartName;

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

let readings: ReturnType<typeof defaultReadings> | undefined;
// the reading table is built on first use, not when the module loads
const foldText = (text: string): string => fold(text, (readings ??= defaultReadings()));

function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * The sorted distinct terms of a text after folding (traditional to
 * simplified, full-width to ASCII, lower case): Han character bigrams as
 * the two UTF-16 units in one 32-bit number, and Latin words or numbers of
 * two characters or more as a 32-bit hash (a collision with a bigram is
 * possible in principle and only ever adds one shared term).
 */
export function textGrams(text: string): Int32Array {
  const folded = foldText(text);
  const terms = new Int32Array(folded.length);
  let count = 0;
  let prevHan = -1;
  let wordStart = -1;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 32;
    const han = isHan(c);
    if (wordStart >= 0 && (han || !isWordChar(c))) {
      if (i - wordStart >= 2) terms[count++] = hashWord(folded.slice(wordStart, i));
      wordStart = -1;
    }
    if (han) {
      if (prevHan >= 0) terms[count++] = (prevHan << 16) | c;
      prevHan = c;
    } else {
      prevHan = -1;
      if (wordStart < 0 && isWordChar(c)) wordStart = i;
    }
  }
  const sorted = terms.subarray(0, count).sort();
  let n = 0;
  for (let i = 0; i < count; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i] as number;
  return sorted.slice(0, n);
}

// ---------------------------------------------------------------------------
// When: weekdays and parts of the day in free text
// ---------------------------------------------------------------------------

export const DAY_MORNING = 1;
export const DAY_AFTERNOON = 2;
export const DAY_EVENING = 4;
const WEEKDAYS = 0b11111110;
const WORKDAYS = 0b00111110;
const WEEKEND = 0b11000000;
const WEEKDAY_CHAR: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7 };
const EN_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// 周一, 星期三, 礼拜天, and ranges 周一至周五; "每周一次" (once a week) is not Monday
const CN_DAY_RE = /(?:周|星期|礼拜)([一二三四五六日天七])(?!次)(?:\s*(?:至|到|-|–|—|~|～)\s*(?:周|星期|礼拜)?([一二三四五六日天七]))?/gu;
const EN_DAY_RE = /\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b(?:\s*(?:-|–|to)\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)?/gu;

function dayRange(from: number, to: number): number {
  let mask = 0;
  for (let d = from; ; d = (d % 7) + 1) {
    mask |= 1 << d;
    if (d === to) return mask;
  }
}

/** Weekdays a folded text names (bits 1…7); 0 when it names none. */
export function weekdaysIn(folded: string): number {
  let mask = 0;
  if (/工作日|周一至周五|weekday|workday/u.test(folded)) mask |= WORKDAYS;
  if (/周末|双休|礼拜六日|weekend/u.test(folded)) mask |= WEEKEND;
  if (/每天|天天|每日|daily|every ?day/u.test(folded)) mask |= WEEKDAYS;
  for (const m of folded.matchAll(CN_DAY_RE)) {
    const from = WEEKDAY_CHAR[m[1] ?? ''] ?? 0;
    const to = m[2] === undefined ? from : WEEKDAY_CHAR[m[2]] ?? from;
    if (from > 0) mask |= dayRange(from, to);
  }
  for (const m of folded.matchAll(EN_DAY_RE)) {
    const from = EN_WEEKDAYS.indexOf(m[1] as (typeof EN_WEEKDAYS)[number]) + 1;
    const to = m[2] === undefined ? from : EN_WEEKDAYS.indexOf(m[2] as (typeof EN_WEEKDAYS)[number]) + 1;
    if (from > 0) mask |= dayRange(from, to);
  }
  return mask;
}

/** Parts of the day a folded text names (DAY_* bits); clock times count when no word does. */
export function dayPartsIn(folded: string): number {
  let mask = 0;
  if (/全天|24\s*小时|全日|around the clock|24\/7/u.test(folded)) return DAY_MORNING | DAY_AFTERNOON | DAY_EVENING;
  if (/上午|早上|早晨|清晨|morning/u.test(folded)) mask |= DAY_MORNING;
  if (/中午|noon|midday/u.test(folded)) mask |= DAY_MORNING | DAY_AFTERNOON;
  if (/下午|afternoon/u.test(folded)) mask |= DAY_AFTERNOON;
  if (/晚上|晚间|夜间|傍晚|evening|night/u.test(folded)) mask |= DAY_EVENING;
  if (mask === 0) {
    const clock = /(\d{1,2})[:：]\d{2}/u.exec(folded);
    if (clock) {
      const hour = Number(clock[1]);
      mask = hour < 12 ? DAY_MORNING : hour < 18 ? DAY_AFTERNOON : DAY_EVENING;
    }
  }
  return mask;
}
