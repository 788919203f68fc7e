/**
 * `scoreMatch`: one need against one offer, as named parts with reasons,
 * and the reasons' texts in the three locales.
 */
import { LOCALES, SERVICE_MODES } from '../model.js';
import type { Audience, Locale, PublicNeed, ServiceOffer } from '../model.js';
import { AUDIENCES } from '../model.js';
import { categoryLabel, topLevelCode } from '../taxonomy.js';
import {
  B_AREA,
  B_CATEGORY,
  B_NEED_NOT_OPEN,
  B_OFFER_DATES,
  B_OFFER_FULL,
  B_OFFER_NOT_OPEN,
  P_AREA,
  P_AUDIENCE,
  P_CAPACITY,
  P_CATEGORY,
  P_FIT,
  P_TRUST,
  P_URGENCY,
  PART_COUNT,
  audienceFit,
  bestMode,
  blockerBits,
  categoryTier,
  centsOf,
  partName,
  partValues,
  prepareNeed,
  prepareOffer,
  resolveContext,
  scheduleFit,
  pairFacts,
} from './prepare.js';
import type { PairFacts, PreparedNeed, PreparedOffer, ScheduleFit, ScoringEnv } from './prepare.js';
import { MATCH_BLOCKERS } from './types.js';
import type { MatchBlocker, MatchContext, MatchPart, MatchReason, MatchReasonCode, MatchScore } from './types.js';

const BLOCKER_BITS: readonly (readonly [number, MatchBlocker])[] = [
  [B_NEED_NOT_OPEN, 'need-not-open'],
  [B_CATEGORY, 'category-unrelated'],
  [B_AREA, 'area-not-served'],
  [B_OFFER_NOT_OPEN, 'offer-not-open'],
  [B_OFFER_DATES, 'offer-out-of-dates'],
  [B_OFFER_FULL, 'offer-full'],
];
// keep the bit table and the public list in step
if (BLOCKER_BITS.map(([, name]) => name).join() !== MATCH_BLOCKERS.join()) throw new Error('Blocker bits out of step with MATCH_BLOCKERS');

const CATEGORY_CODES = ['category-unrelated', 'category-related', 'category-same-top', 'category-same-item'] as const;
const URGENCY_CODES = ['urgency-low', 'urgency-normal', 'urgency-high', 'urgency-critical'] as const;
const AREA_CODES: Readonly<Record<number, MatchReasonCode>> = {
  0: 'area-not-served',
  6: 'area-same-district',
  9: 'area-same-street',
  12: 'area-same-community',
  15: 'area-same-grid',
};

// every reason names audiences by their bits; each combination is spelled out once
const audienceLists: (string | undefined)[] = [];
const audienceList = (mask: number): string =>
  (audienceLists[mask] ??= AUDIENCES.filter((_, i) => (mask & (1 << i)) !== 0).join(','));

function reasonFor(part: number, value: number, pn: PreparedNeed, po: PreparedOffer, facts: PairFacts): MatchReason {
  const name = partName(part);
  switch (part) {
    case P_CATEGORY:
      return { part: name, code: CATEGORY_CODES[categoryTier(pn, po) as 0 | 1 | 2 | 3], params: { category: po.item } };
    case P_AUDIENCE: {
      const fit = audienceFit(pn, po);
      if (fit === 'overlap') return { part: name, code: 'audience-overlap', params: { audiences: audienceList(pn.audiences & po.audiences) } };
      if (fit === 'targeted') return { part: name, code: 'audience-targeted', params: { audiences: audienceList(po.audiences) } };
      return { part: name, code: fit === 'all-residents' ? 'audience-all-residents' : 'audience-none' };
    }
    case P_AREA: {
      const length = facts.areaLength;
      const code = AREA_CODES[length] ?? 'area-not-served';
      // the serving code is the need's own area or one above it
      const serving = length === 0 ? undefined : pn.areaPath[(pn.areaCode.length - length) / 3];
      return serving === undefined ? { part: name, code } : { part: name, code, params: { areaCode: serving } };
    }
    case P_CAPACITY: {
      const { status } = po;
      if (status !== 'open') return { part: name, code: 'capacity-offer-unavailable', params: { status } };
      if ((po.unavailable & B_OFFER_DATES) !== 0) return { part: name, code: 'capacity-offer-unavailable', params: { status: 'out-of-dates' } };
      if (po.left === 0) return { part: name, code: 'capacity-full', params: { perPeriod: po.offer.capacity.perPeriod, period: po.period } };
      return { part: name, code: 'capacity-left', params: { left: po.left, period: po.period } };
    }
    case P_FIT: {
      const mode = SERVICE_MODES[bestMode(pn, po)] ?? SERVICE_MODES[0];
      const schedule = scheduleFit(pn, po);
      const code: MatchReasonCode = value >= 0.85 ? 'fit-good' : value >= 0.5 ? 'fit-partial' : 'fit-poor';
      return { part: name, code, params: { mode, schedule } };
    }
    case P_URGENCY:
      return { part: name, code: URGENCY_CODES[pn.urgency as 0 | 1 | 2 | 3], params: { weekdays: po.dayCount } };
    case P_TRUST: {
      const trust = po.trustParams;
      if (trust === undefined) return { part: name, code: 'trust-unknown', params: { organizationId: po.offer.organizationId } };
      // a copy per score, written out: spreading is several times slower
      return { part: name, code: 'trust-profile', params: { rating: trust.rating, registration: trust.registration, satisfaction: trust.satisfaction } };
    }
    default:
      return value > 0 ? { part: name, code: 'text-similar', params: { percent: Math.round(value * 100) } } : { part: name, code: 'text-none' };
  }
}

/** The blockers named by a pair's blocker bits. */
export function blockersOf(bits: number): MatchBlocker[] {
  if (bits === 0) return [];
  return BLOCKER_BITS.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => name);
}

// scoring is never re-entered, so one array holds the values of the score being built
const scratchValues = new Float64Array(PART_COUNT);
// scorePrepared lists the parts one by one
if (PART_COUNT !== 8) throw new Error('scorePrepared lists eight parts');

function partOf(i: number, values: Float64Array, env: ScoringEnv, pn: PreparedNeed, po: PreparedOffer, facts: PairFacts): MatchPart {
  const value = values[i] as number;
  const cents = centsOf(value, env.weights[i] as number);
  return { name: partName(i), value: Math.round(value * 10000) / 10000, points: cents / 100, reason: reasonFor(i, value, pn, po, facts) };
}

// one literal of the eight parts: the list is allocated at its size instead of grown part by part
function partsOf(values: Float64Array, env: ScoringEnv, pn: PreparedNeed, po: PreparedOffer, facts: PairFacts): MatchPart[] {
  return [
    partOf(0, values, env, pn, po, facts),
    partOf(1, values, env, pn, po, facts),
    partOf(2, values, env, pn, po, facts),
    partOf(3, values, env, pn, po, facts),
    partOf(4, values, env, pn, po, facts),
    partOf(5, values, env, pn, po, facts),
    partOf(6, values, env, pn, po, facts),
    partOf(7, values, env, pn, po, facts),
  ];
}

/**
 * A full score from prepared records; the same cents the index and the
 * allocation use. `facts` (from the index) saves measuring the pair again.
 */
export function scorePrepared(pn: PreparedNeed, po: PreparedOffer, env: ScoringEnv, facts: PairFacts = pairFacts(pn, po)): MatchScore {
  const values = partValues(pn, po, scratchValues, facts);
  let total = 0;
  for (let i = 0; i < PART_COUNT; i++) total += centsOf(values[i] as number, env.weights[i] as number);
  const parts = partsOf(values, env, pn, po, facts);
  const blockers = blockersOf(blockerBits(pn, po, facts.areaLength));
  return { total: total / 100, parts, eligible: blockers.length === 0, blockers };
}

const ownParts = (score: MatchScore, parts: MatchPart[]): MatchPart[] => {
  Object.defineProperty(score, 'parts', { value: parts, writable: true, enumerable: true, configurable: true });
  return parts;
};

/**
 * The score of a ranked pair whose total the index already holds in cents.
 * Ranked pairs are eligible by construction (the index holds only available
 * offers and open needs, in the served areas and related fields), so there
 * are no blockers. A list shows the reasons of a few suggestions at most, so
 * the eight parts are spelled out on first read and kept: `parts` is an own
 * enumerable property like `scorePrepared`'s, so JSON, spreading,
 * structuredClone and deep equality see the same data.
 *
 * Why a class: every score shares one accessor pair, kept in private fields
 * what the parts are built from, and stays a fast object; an object literal
 * with its own getter makes new functions and a slow object per score, which
 * cost a third of a whole suggestion pass.
 */
class RankedScore implements MatchScore {
  declare total: number;
  declare parts: MatchPart[];
  declare eligible: boolean;
  declare blockers: MatchBlocker[];
  readonly #pn: PreparedNeed;
  readonly #po: PreparedOffer;
  readonly #env: ScoringEnv;
  readonly #areaLength: number;
  readonly #sharedTerms: number;
  readonly #offerTerms: number;

  static readonly #partsProperty: PropertyDescriptor & ThisType<RankedScore> = {
    get(): MatchPart[] {
      return ownParts(this, this.#spellParts());
    },
    set(parts: MatchPart[]) {
      ownParts(this, parts);
    },
    enumerable: true,
    configurable: true,
  };

  constructor(pn: PreparedNeed, po: PreparedOffer, env: ScoringEnv, cents: number, areaLength: number, sharedTerms: number, offerTerms: number) {
    // the same keys in the same order as scorePrepared's
    this.total = cents / 100;
    Object.defineProperty(this, 'parts', RankedScore.#partsProperty);
    this.eligible = true;
    this.blockers = [];
    this.#pn = pn;
    this.#po = po;
    this.#env = env;
    this.#areaLength = areaLength;
    this.#sharedTerms = sharedTerms;
    this.#offerTerms = offerTerms;
  }

  #spellParts(): MatchPart[] {
    const po = this.#po;
    const facts: PairFacts = { areaLength: this.#areaLength, sharedTerms: this.#sharedTerms, offerTerms: this.#offerTerms < 0 ? po.grams.length : this.#offerTerms };
    return partsOf(partValues(this.#pn, po, scratchValues, facts), this.#env, this.#pn, po, facts);
  }
}

/**
 * The score of a ranked (so eligible) pair from its total in cents and what
 * ranking measured: the serving code's length, and the shared text terms
 * and the offer's term count when known (-1 when not).
 */
export function rankedScore(pn: PreparedNeed, po: PreparedOffer, env: ScoringEnv, cents: number, areaLength: number, sharedTerms = -1, offerTerms = -1): MatchScore {
  return new RankedScore(pn, po, env, cents, areaLength, sharedTerms, offerTerms);
}

/**
 * Scores one need against one offer. The total is the sum of the parts'
 * points (weights default to DEFAULT_MATCH_WEIGHTS, so at most 100); it is
 * given even when a hard rule fails, so near misses can be ranked, but only
 * `eligible` pairs are ever suggested or allocated.
 */
export function scoreMatch(need: PublicNeed, offer: ServiceOffer, context?: MatchContext): MatchScore {
  const env = resolveContext(context);
  return scorePrepared(prepareNeed(need), prepareOffer(offer, env), env);
}

// ---------------------------------------------------------------------------
// Texts
// ---------------------------------------------------------------------------

type Texts = readonly [zhCN: string, zhTW: string, en: string];
const at = (texts: Texts, locale: Locale): string => texts[LOCALES.indexOf(locale)] ?? texts[0];

const AUDIENCE_TEXT: Readonly<Record<Audience, Texts>> = {
  elderly: ['老年人', '長者', 'elders'],
  disabled: ['残疾人', '身心障礙者', 'people with disabilities'],
  children: ['儿童', '兒童', 'children'],
  youth: ['青少年', '青少年', 'young people'],
  women: ['妇女', '婦女', 'women'],
  families: ['家庭', '家庭', 'families'],
  migrants: ['外来务工人员', '外來務工人員', 'migrant workers'],
  'low-income': ['困难群众', '弱勢民眾', 'low-income residents'],
  enterprises: ['企业与白领', '企業與上班族', 'businesses and office workers'],
  'all-residents': ['全体居民', '全體居民', 'all residents'],
};
const MODE_TEXT: Readonly<Record<string, Texts>> = {
  'on-site': ['到场服务', '到場服務', 'on site'],
  'home-visit': ['上门服务', '到府服務', 'home visits'],
  online: ['线上服务', '線上服務', 'online'],
};
const SCHEDULE_TEXT: Readonly<Record<ScheduleFit, Texts | null>> = {
  'no-preference': null,
  flexible: ['时间可预约', '時間可預約', 'times by appointment'],
  match: ['时间相符', '時間相符', 'times fit'],
  partial: ['时间部分相符', '時間部分相符', 'times partly fit'],
  mismatch: ['时间不符', '時間不符', 'times do not fit'],
};
const REGISTRATION_TEXT: Readonly<Record<string, Texts>> = {
  registered: ['已登记', '已登記', 'registered'],
  filed: ['已备案', '已備案', 'filed'],
  none: ['未登记', '未登記', 'unregistered'],
};
const UNAVAILABLE_TEXT: Readonly<Record<string, Texts>> = {
  paused: ['服务暂停中', '服務暫停中', 'Service paused'],
  closed: ['服务已关闭', '服務已關閉', 'Service closed'],
  'out-of-dates': ['不在服务有效期内', '不在服務有效期內', "Outside the service's dates"],
};
const FIXED_TEXT: Readonly<Partial<Record<MatchReasonCode, Texts>>> = {
  'category-same-item': ['同一服务类别', '同一服務類別', 'Same service category'],
  'category-unrelated': ['服务类别不相关', '服務類別不相關', 'Unrelated service category'],
  'audience-all-residents': ['面向全体居民', '面向全體居民', 'Open to all residents'],
  'audience-none': ['服务对象不同', '服務對象不同', 'Serves other groups'],
  'area-same-grid': ['服务本网格', '服務本網格', 'Serves this grid'],
  'area-same-community': ['服务本社区', '服務本社區', 'Serves this community'],
  'area-same-street': ['服务本街道', '服務本街道', 'Serves this street'],
  'area-same-district': ['服务全区', '服務全區', 'Serves the whole district'],
  'area-not-served': ['不在服务范围内', '不在服務範圍內', 'Outside the service area'],
  'capacity-full': ['名额已满', '名額已滿', 'No places left'],
  'urgency-critical': ['特急需求，优先安排', '特急需求，優先安排', 'Critical need, served first'],
  'urgency-high': ['紧急需求', '緊急需求', 'Urgent need'],
  'urgency-normal': ['一般需求', '一般需求', 'Normal urgency'],
  'urgency-low': ['不急', '不急', 'Not urgent'],
  'trust-unknown': ['未找到组织信息', '查無組織資料', 'Organization not found'],
  'text-none': ['描述没有共同词语', '描述沒有共同詞語', 'No words in common'],
};

const param = (reason: MatchReason, key: string): string => String(reason.params?.[key] ?? '');

function audiencesText(list: string, locale: Locale): string {
  const names = list
    .split(',')
    .filter(Boolean)
    .map((a) => {
      const texts = AUDIENCE_TEXT[a as Audience] as Texts | undefined;
      return texts === undefined ? a : at(texts, locale);
    });
  return names.join(locale === 'en' ? ', ' : '、');
}

/**
 * A reason as a short phrase in `locale`, e.g. 同一服务类别 / 同一服務類別 /
 * Same service category, 尚余 3 个名额 / 3 places left.
 */
export function matchReasonText(reason: MatchReason, locale: Locale): string {
  if (!LOCALES.includes(locale)) throw new RangeError(`Unknown locale ${JSON.stringify(locale)}; expected one of ${LOCALES.join(', ')}`);
  const fixed = FIXED_TEXT[reason.code];
  if (fixed !== undefined) return at(fixed, locale);
  const en = locale === 'en';
  const tw = locale === 'zh-TW';
  switch (reason.code) {
    case 'category-same-top': {
      const label = categoryLabel(topLevelCode(param(reason, 'category')), locale);
      return en ? `Same field: ${label}` : tw ? `同屬「${label}」領域` : `同属“${label}”领域`;
    }
    case 'category-related': {
      const label = categoryLabel(topLevelCode(param(reason, 'category')), locale);
      return en ? `Related field: ${label}` : tw ? `相關領域：${label}` : `相关领域：${label}`;
    }
    case 'audience-overlap': {
      const list = audiencesText(param(reason, 'audiences'), locale);
      return en ? `Serves ${list}` : tw ? `服務對象相符：${list}` : `服务对象相符：${list}`;
    }
    case 'audience-targeted': {
      const list = audiencesText(param(reason, 'audiences'), locale);
      return en ? `Only for ${list}` : tw ? `僅面向${list}` : `仅面向${list}`;
    }
    case 'capacity-left': {
      const left = Number(reason.params?.left ?? 0);
      return en ? `${left} ${left === 1 ? 'place' : 'places'} left` : tw ? `尚餘 ${left} 個名額` : `尚余 ${left} 个名额`;
    }
    case 'capacity-offer-unavailable': {
      const texts = UNAVAILABLE_TEXT[param(reason, 'status')] ?? UNAVAILABLE_TEXT.closed;
      return at(texts as Texts, locale);
    }
    case 'fit-good':
    case 'fit-partial':
    case 'fit-poor': {
      const mode = MODE_TEXT[param(reason, 'mode')];
      const schedule = SCHEDULE_TEXT[param(reason, 'schedule') as ScheduleFit] as Texts | null | undefined;
      const pieces = [mode, schedule].filter((t): t is Texts => t !== null && t !== undefined).map((t) => at(t, locale));
      const text = pieces.join(en ? ', ' : '，');
      return en ? text.charAt(0).toUpperCase() + text.slice(1) : text;
    }
    case 'trust-profile': {
      const rating = param(reason, 'rating');
      const satisfaction = param(reason, 'satisfaction');
      const registration = REGISTRATION_TEXT[param(reason, 'registration')];
      const pieces: string[] = [];
      if (rating !== '') pieces.push(en ? `rated ${rating}` : tw ? `${rating} 級` : `${rating}级`);
      if (registration !== undefined) pieces.push(at(registration, locale));
      if (satisfaction !== '') pieces.push(en ? `satisfaction ${satisfaction}/5` : tw ? `滿意度 ${satisfaction}/5` : `满意度 ${satisfaction}/5`);
      const text = pieces.join(en ? ', ' : '，');
      return en ? text.charAt(0).toUpperCase() + text.slice(1) : text;
    }
    case 'text-similar': {
      const percent = param(reason, 'percent');
      return en ? `Similar description (${percent}%)` : tw ? `描述相近（${percent}%）` : `描述相近（${percent}%）`;
    }
    default:
      throw new RangeError(`Unknown match reason code ${JSON.stringify(reason.code)}`);
  }
}
