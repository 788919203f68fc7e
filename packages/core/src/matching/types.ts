/**
 * Types of the matching engine: scores with their reasons, the candidate
 * index, whole-list allocation and the supply-demand gap report.
 *
 * A score is a sum of named parts so a person can see *why* an offer is
 * suggested (同一服务类别, 服务范围覆盖本社区 …) instead of a bare number.
 */
import type { AreaLevel, Organization, PublicNeed, ServiceOffer } from '../model.js';

/** The parts of a score, in the order they are always listed. */
export const MATCH_PART_NAMES = ['category', 'audience', 'area', 'capacity', 'fit', 'urgency', 'trust', 'text'] as const;
/** One named part of a match score. */
export type MatchPartName = (typeof MATCH_PART_NAMES)[number];

/** Points each part gives at full value (its value 1). */
export type MatchWeights = Record<MatchPartName, number>;

/**
 * Default weights. They sum to 100, so a total reads as a percentage.
 * Category and area weigh most: an offer in the wrong field or out of reach
 * is no use however good the organization is.
 */
export const DEFAULT_MATCH_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  category: 25,
  audience: 10,
  area: 20,
  capacity: 10,
  fit: 10,
  urgency: 5,
  trust: 10,
  text: 10,
});

/** Why a part has its value; each code has a text in zh-CN, zh-TW and en (see `matchReasonText`). */
export type MatchReasonCode =
  | 'category-same-item'
  | 'category-same-top'
  | 'category-related'
  | 'category-unrelated'
  | 'audience-overlap'
  | 'audience-all-residents'
  | 'audience-targeted'
  | 'audience-none'
  | 'area-same-grid'
  | 'area-same-community'
  | 'area-same-street'
  | 'area-same-district'
  | 'area-not-served'
  | 'capacity-left'
  | 'capacity-full'
  | 'capacity-offer-unavailable'
  | 'fit-good'
  | 'fit-partial'
  | 'fit-poor'
  | 'urgency-critical'
  | 'urgency-high'
  | 'urgency-normal'
  | 'urgency-low'
  | 'trust-profile'
  | 'trust-unknown'
  | 'text-similar'
  | 'text-none';

/** The reason behind one part's value; `params` fill the text (e.g. `{ left: 3 }`). */
export interface MatchReason {
  part: MatchPartName;
  code: MatchReasonCode;
  params?: Readonly<Record<string, string | number>>;
}

/** One part of a score. */
export interface MatchPart {
  name: MatchPartName;
  /** 0…1: how well this aspect fits. */
  value: number;
  /** value × the part's weight. */
  points: number;
  reason: MatchReason;
}

/**
 * Hard rules: a pair failing any of them is never suggested or allocated,
 * whatever its points.
 */
export const MATCH_BLOCKERS = [
  'need-not-open',
  'category-unrelated',
  'area-not-served',
  'offer-not-open',
  'offer-out-of-dates',
  'offer-full',
] as const;
/** A hard rule a pair fails. */
export type MatchBlocker = (typeof MATCH_BLOCKERS)[number];

/** A scored need–offer pair. */
export interface MatchScore {
  /** Sum of the parts' points, rounded to 0.01. */
  total: number;
  /** Always in `MATCH_PART_NAMES` order. */
  parts: MatchPart[];
  /** False when a hard rule fails; `blockers` says which. */
  eligible: boolean;
  blockers: MatchBlocker[];
}

/** Looks an item up by id: a map or a function. */
export type Lookup<T> = ReadonlyMap<string, T> | ((id: string) => T | undefined);

/** What scoring needs beyond the pair itself. */
export interface MatchContext {
  /** The offers' organizations, for the trust part; an unknown organization scores 0 there. */
  organizations: Lookup<Organization>;
  /** Overrides of `DEFAULT_MATCH_WEIGHTS`; each a finite number ≥ 0. */
  weights?: Partial<MatchWeights>;
  /** The day offers' validity is checked against; defaults to the current time. */
  now?: Date;
}

/** A ranked candidate with its score. */
export interface Suggestion<T> {
  item: T;
  score: MatchScore;
}

/**
 * Candidates by category and area, so a need is scored only against offers
 * that could be eligible. Results equal those of scoring all pairs.
 */
export interface MatchIndex {
  /** The `k` best eligible offers for a need, best first; ties by offer id. */
  suggestOffers(need: PublicNeed, k: number): Suggestion<ServiceOffer>[];
  /** The `k` best eligible open needs for an offer, best first; ties by need id. */
  suggestNeeds(offer: ServiceOffer, k: number): Suggestion<PublicNeed>[];
  /** Every eligible offer for a need, best first (the allocation's candidate edges). */
  eligibleOffers(need: PublicNeed): Suggestion<ServiceOffer>[];
  /** Adds an offer; throws if its id is already indexed. */
  addOffer(offer: ServiceOffer): void;
  /** Replaces the offer with the same id; throws if it is not indexed. */
  updateOffer(offer: ServiceOffer): void;
  /** Removes an offer by id; returns false if it was not indexed. */
  removeOffer(offerId: string): boolean;
  /** Adds a need; throws if its id is already indexed. */
  addNeed(need: PublicNeed): void;
  /** Replaces the need with the same id; throws if it is not indexed. */
  updateNeed(need: PublicNeed): void;
  /** Removes a need by id; returns false if it was not indexed. */
  removeNeed(needId: string): boolean;
  readonly offerCount: number;
  readonly needCount: number;
}

/** Input of `createMatchIndex`: the lists plus the scoring context. */
export interface MatchIndexInput extends MatchContext {
  needs: readonly PublicNeed[];
  offers: readonly ServiceOffer[];
}

/** Options of `allocate`. */
export interface AllocationOptions extends MatchContext {
  /** Pairs scoring below this total are not allocated (default 0). */
  minScore?: number;
  /** How many nearest misses to report per unmatched need (default 3). */
  nearestMisses?: number;
}

/** Why a near-miss offer did not get the need. */
export type MissReason = 'full' | 'below-threshold' | 'ineligible' | 'taken';

/** An allocated pair. */
export interface AllocatedPair {
  needId: string;
  offerId: string;
  score: MatchScore;
}

/** A need left without an offer, with the offers that came closest. */
export interface UnmatchedNeed {
  needId: string;
  nearestMisses: { offerId: string; score: MatchScore; why: MissReason }[];
}

/** The result of `allocate`. */
export interface Allocation {
  /** Sorted by need id. */
  pairs: AllocatedPair[];
  /** Sum of the pairs' totals. */
  totalScore: number;
  /** Open needs without an offer, sorted by need id. */
  unmatched: UnmatchedNeed[];
  /** True when the solver proved the total maximal (always, unless it was stopped early). */
  optimal: boolean;
}

/** One category × area cell of the gap report. */
export interface GapCell {
  categoryCode: string;
  areaCode: string;
  /** Open needs in this cell (each asks for one place). */
  openNeeds: number;
  /** People those needs concern. */
  beneficiaries: number;
  /** Free places attributed to this cell (see `gapReport` for how shared places are split). */
  freePlaces: number;
  /** openNeeds − freePlaces: positive where demand exceeds supply, negative where places go unused. */
  gap: number;
}

/** Options of `gapReport`. */
export interface GapReportOptions {
  /** Level areas are grouped at (default 'street'). */
  areaLevel?: Exclude<AreaLevel, 'grid'>;
  /** Top-level categories or items (default 'top'). */
  categoryLevel?: 'top' | 'item';
  /** Offers' validity date; defaults to the current time. */
  now?: Date;
}

/** Open needs against free capacity by category × area. */
export interface GapReport {
  /** Only cells with a need or a place, sorted by category then area. */
  cells: GapCell[];
  /** Category codes that have cells, in taxonomy order. */
  categories: string[];
  /** Area codes that have cells, sorted. */
  areas: string[];
  totals: { openNeeds: number; beneficiaries: number; freePlaces: number; gap: number };
}

/** Where `allocationCsv` finds the names behind the ids. */
export interface AllocationLookups {
  needs: Lookup<PublicNeed>;
  offers: Lookup<ServiceOffer>;
  organizations?: Lookup<Organization>;
}
