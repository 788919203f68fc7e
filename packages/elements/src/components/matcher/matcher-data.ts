/**
 * What the matching desk works on: the open needs and offers of an area, read
 * through the adapter's pages, their organizations, the pending claims that
 * already hold places, and one candidate index over them that follows every
 * claim the desk sends.
 */
import {
  AdapterError,
  areaLevel,
  capacityLeft,
  coarsenArea,
  createAreaTree,
  createMatchIndex,
  isAbortError,
  isWithinArea,
  MATCHABLE_NEED_STATUSES,
  topLevelCode,
  URGENCIES,
  type AreaLevel,
  type AreaTree,
  type Claim,
  type DataAdapter,
  type Locale,
  type MatchIndex,
  type MatchWeights,
  type NeedStatus,
  type Organization,
  type Page,
  type PublicNeed,
  type ServiceOffer,
  type Urgency,
} from '@renling/core';

/** Needs that can still be matched: checked by staff and not yet claimed (the engine's own rule). */
export const OPEN_NEED_STATUSES: readonly NeedStatus[] = MATCHABLE_NEED_STATUSES;
/** Needs the desk lists: the open ones, and those submitted and waiting for staff to review them (listed, never matched). */
export const DESK_NEED_STATUSES: readonly NeedStatus[] = ['submitted', ...MATCHABLE_NEED_STATUSES];

/** A need residents submitted that staff have not reviewed yet: the desk offers the review instead of suggestions. */
export const awaitsReview = (need: Pick<PublicNeed, 'status'>): boolean => need.status === 'submitted';

/** The most an adapter hands out per page (the REST contract's maximum). */
const PAGE_LIMIT = 200;

export const NEED_STATUS_FILTERS = ['all', 'free', 'pending', 'submitted'] as const;
/** `free`: no pending claim involves the item yet; `pending`: one does; `submitted`: needs waiting for review (offers are not narrowed). */
export type StatusFilter = (typeof NEED_STATUS_FILTERS)[number];

export interface MatcherFilters {
  /** An area below the desk's scope (a community within the street). */
  area: string | null;
  /** A top-level category. */
  category: string | null;
  urgency: Urgency | null;
  status: StatusFilter;
}

export const EMPTY_FILTERS: MatcherFilters = Object.freeze({ area: null, category: null, urgency: null, status: 'all' });

export const sameFilters = (a: MatcherFilters, b: MatcherFilters): boolean =>
  a.area === b.area && a.category === b.category && a.urgency === b.urgency && a.status === b.status;

export interface LoadedMatcherData {
  scope: string | null;
  needs: PublicNeed[];
  offers: ServiceOffer[];
  organizations: Organization[];
  areaTree: AreaTree | null;
  pendingClaims: Claim[];
}

/** Every item of a paged list, page after page (cursors are opaque, so pages cannot be fetched side by side). */
export async function readAll<T>(list: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Claims the viewer may not list (a server that keeps them to staff) leave the desk without holds, not broken. */
const mayIgnore = (error: unknown): boolean =>
  error instanceof AdapterError && (error.kind === 'forbidden' || error.kind === 'unauthorized' || error.kind === 'not-found');

/**
 * Reads the open needs (and those waiting for review) and the open offers of
 * `scope` (all areas when null), the organizations behind the offers, the
 * area names and the pending claims. Never asks for a need's private
 * contact: the desk works on public needs.
 */
export async function loadMatcherData(adapter: DataAdapter, scope: string | null, signal: AbortSignal): Promise<LoadedMatcherData> {
  const areaCode = scope ?? undefined;
  const [needs, offers, areas, listedOrganizations, pendingClaims] = await Promise.all([
    readAll((cursor) => adapter.listNeeds({ status: [...DESK_NEED_STATUSES], areaCode, cursor, limit: PAGE_LIMIT, signal })),
    readAll((cursor) => adapter.listOffers({ status: ['open'], areaCode, cursor, limit: PAGE_LIMIT, signal })),
    adapter.listAreas({ signal }),
    readAll((cursor) => adapter.listOrganizations({ areaCode, cursor, limit: PAGE_LIMIT, signal })),
    readAll((cursor) => adapter.listClaims({ state: ['pending'], cursor, limit: PAGE_LIMIT, signal })).catch((error: unknown) => {
      if (mayIgnore(error)) return [];
      throw error;
    }),
  ]);
  const organizations = new Map(listedOrganizations.map((o) => [o.id, o]));
  // an offer's organization may sit outside the area it serves
  const missing = [...new Set(offers.map((o) => o.organizationId))].filter((id) => !organizations.has(id));
  const fetched = await Promise.all(
    missing.map((id) =>
      adapter.getOrganization(id, { signal }).catch((error: unknown) => {
        if (isAbortError(error) || !(error instanceof AdapterError) || error.kind !== 'not-found') throw error;
        return null;
      }),
    ),
  );
  for (const org of fetched) if (org) organizations.set(org.id, org);
  let areaTree: AreaTree | null = null;
  try {
    areaTree = createAreaTree(areas);
  } catch {
    // inconsistent area data: the desk shows codes instead of names
    areaTree = null;
  }
  return { scope, needs, offers, organizations: [...organizations.values()], areaTree, pendingClaims };
}

const URGENCY_RANK = new Map<Urgency, number>(URGENCIES.map((u, i) => [u, i]));

/** Most urgent first, then the longest waiting, then by id so the order never depends on the adapter's. */
function needOrder(a: PublicNeed, b: PublicNeed): number {
  return (
    (URGENCY_RANK.get(b.urgency) ?? 0) - (URGENCY_RANK.get(a.urgency) ?? 0) ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * The desk's working copy: lists, organizations, pending claims and the
 * candidate index. Places held by pending claims count as taken, so neither
 * the suggestions nor an allocation offer a place twice before the
 * organization has answered.
 */
export class MatcherStore {
  readonly scope: string | null;
  readonly areaTree: AreaTree | null;
  readonly organizations: Map<string, Organization>;
  private readonly needMap = new Map<string, PublicNeed>();
  private readonly offerMap = new Map<string, ServiceOffer>();
  private readonly pendingByNeed = new Map<string, Claim[]>();
  private readonly pendingByOffer = new Map<string, Claim[]>();
  private sortedNeeds: PublicNeed[] | null = null;
  private sortedOffers: ServiceOffer[] | null = null;
  private matchIndex: MatchIndex;
  private weightsInUse: Partial<MatchWeights> | undefined;

  constructor(data: LoadedMatcherData, weights?: Partial<MatchWeights>) {
    this.scope = data.scope;
    this.areaTree = data.areaTree;
    this.organizations = new Map(data.organizations.map((o) => [o.id, o]));
    for (const n of data.needs) this.needMap.set(n.id, n);
    for (const o of data.offers) this.offerMap.set(o.id, o);
    for (const c of data.pendingClaims) this.remember(c);
    this.weightsInUse = weights;
    this.matchIndex = this.buildIndex();
  }

  /** The candidate index over the lists, with held places taken off. */
  get index(): MatchIndex {
    return this.matchIndex;
  }

  get weights(): Partial<MatchWeights> | undefined {
    return this.weightsInUse;
  }

  /** New weights re-score everything: the index is built again. */
  setWeights(weights: Partial<MatchWeights> | undefined): void {
    this.weightsInUse = weights;
    this.matchIndex = this.buildIndex();
  }

  private buildIndex(): MatchIndex {
    return createMatchIndex({
      needs: [...this.needMap.values()],
      offers: [...this.offerMap.values()].map((o) => this.effective(o)),
      organizations: this.organizations,
      weights: this.weightsInUse,
    });
  }

  get needs(): readonly PublicNeed[] {
    this.sortedNeeds ??= [...this.needMap.values()].sort(needOrder);
    return this.sortedNeeds;
  }

  get offers(): readonly ServiceOffer[] {
    this.sortedOffers ??= [...this.offerMap.values()].sort(
      (a, b) =>
        Number(this.placesLeft(b) > 0) - Number(this.placesLeft(a) > 0) ||
        (a.categoryCode < b.categoryCode ? -1 : a.categoryCode > b.categoryCode ? 1 : 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    return this.sortedOffers;
  }

  need(id: string): PublicNeed | undefined {
    return this.needMap.get(id);
  }

  offer(id: string): ServiceOffer | undefined {
    return this.offerMap.get(id);
  }

  /** Pending claims on a need. */
  pendingForNeed(id: string): readonly Claim[] {
    return this.pendingByNeed.get(id) ?? [];
  }

  /** Pending claims holding a place of an offer. */
  holds(offerId: string): number {
    return this.pendingByOffer.get(offerId)?.length ?? 0;
  }

  /** Places free in the current period once pending claims are counted. */
  placesLeft(offer: ServiceOffer): number {
    return Math.max(0, capacityLeft(offer) - this.holds(offer.id));
  }

  /** The offer as the engine should see it: held places counted as used. */
  effective(offer: ServiceOffer): ServiceOffer {
    const holds = this.holds(offer.id);
    if (holds === 0) return offer;
    const used = Math.min(offer.capacity.perPeriod, offer.capacity.used + holds);
    return { ...offer, capacity: { ...offer.capacity, used } };
  }

  private remember(claim: Claim): void {
    if (claim.state !== 'pending') return;
    const add = (map: Map<string, Claim[]>, id: string | null): void => {
      if (!id) return;
      const list = map.get(id) ?? [];
      if (!list.some((c) => c.id === claim.id)) map.set(id, [...list, claim]);
    };
    add(this.pendingByNeed, claim.needId);
    add(this.pendingByOffer, claim.offerId);
  }

  /** True when a claim concerns a need or an offer on the desk. */
  touches(claim: Claim): boolean {
    return Boolean((claim.needId && this.needMap.has(claim.needId)) || (claim.offerId && this.offerMap.has(claim.offerId)));
  }

  /** A claim created or moved on: a pending one holds its need and a place of its offer, any other releases them. */
  updateClaim(claim: Claim): void {
    for (const map of [this.pendingByNeed, this.pendingByOffer]) {
      for (const [id, list] of map) {
        if (!list.some((c) => c.id === claim.id)) continue;
        const rest = list.filter((c) => c.id !== claim.id);
        if (rest.length) map.set(id, rest);
        else map.delete(id);
      }
    }
    this.remember(claim);
    const offer = claim.offerId ? this.offerMap.get(claim.offerId) : undefined;
    if (offer) this.replaceOffer(offer);
    this.sortedNeeds = null;
  }

  /** A fresher copy of an offer (after a claim, or a conflict said it is full). */
  replaceOffer(offer: ServiceOffer): void {
    const known = this.offerMap.has(offer.id);
    this.offerMap.set(offer.id, offer);
    this.sortedOffers = null;
    if (known) this.matchIndex.updateOffer(this.effective(offer));
    else this.matchIndex.addOffer(this.effective(offer));
  }

  /**
   * A fresher copy of a need; one no longer open stays listed with its
   * status, and the engine stops suggesting it; one just published after
   * review is suggested from then on.
   */
  replaceNeed(need: PublicNeed): void {
    const known = this.needMap.has(need.id);
    this.needMap.set(need.id, need);
    this.sortedNeeds = null;
    if (known) this.matchIndex.updateNeed(need);
    else this.matchIndex.addNeed(need);
  }

  /** The level just below the scope, which the area filter offers: a street's communities, a community's grids. */
  get filterLevel(): Exclude<AreaLevel, 'district'> {
    if (this.scope === null) return 'street';
    const level = areaLevel(this.scope);
    return level === 'district' ? 'street' : level === 'street' ? 'community' : 'grid';
  }

  /** Where the gap report groups: as the filter, but never finer than communities (needs name no finer place publicly). */
  get gapLevel(): Exclude<AreaLevel, 'district' | 'grid'> {
    const level = this.filterLevel;
    return level === 'grid' ? 'community' : level;
  }

  /** The areas one level below the scope (from the area tree), and any other holding a need or served by an offer; sorted by code. */
  areaOptions(): string[] {
    const level = this.filterLevel;
    const codes = new Set<string>();
    if (this.scope !== null) for (const child of this.areaTree?.children(this.scope) ?? []) codes.add(child.code);
    const add = (code: string): void => {
      if (this.scope !== null && !isWithinArea(code, this.scope)) return;
      if (code.length < CODE_LENGTH[level]) return;
      codes.add(coarsenArea(code, level));
    };
    for (const n of this.needMap.values()) add(n.areaCode);
    for (const o of this.offerMap.values()) for (const c of o.serviceAreaCodes) add(c);
    return [...codes].sort();
  }

  /** True for an area above the level the desk groups at (a street-wide service in a street's report). */
  isWide(code: string): boolean {
    return code.length < CODE_LENGTH[this.gapLevel];
  }

  /** An area's name in the locale (area names are proper nouns: zh-TW shows them as written). */
  areaName(code: string, locale: Locale): string {
    const area = this.areaTree?.get(code);
    if (!area) return code;
    return locale === 'en' && area.nameEn ? area.nameEn : area.name;
  }

  /** The community (or finer area) a need is in, named from the scope down. */
  needPlace(need: PublicNeed, locale: Locale): string {
    const level = areaLevel(need.areaCode);
    const community = level === 'grid' ? coarsenArea(need.areaCode, 'community') : need.areaCode;
    const name = this.areaName(community, locale);
    if (level !== 'grid') return name;
    const grid = this.areaName(need.areaCode, locale);
    return locale === 'en' ? `${name}, ${grid}` : `${name} ${grid}`;
  }

  filterNeeds(filters: MatcherFilters): PublicNeed[] {
    return this.needs.filter(
      (n) =>
        (!filters.area || isWithinArea(n.areaCode, filters.area)) &&
        (!filters.category || topLevelCode(n.categoryCode) === filters.category) &&
        (!filters.urgency || n.urgency === filters.urgency) &&
        this.needHasStatus(n, filters.status),
    );
  }

  private needHasStatus(need: PublicNeed, status: StatusFilter): boolean {
    switch (status) {
      case 'all':
        return true;
      case 'submitted':
        return awaitsReview(need);
      case 'free':
      case 'pending':
        return (status === 'pending') === this.pendingForNeed(need.id).length > 0;
    }
  }

  filterOffers(filters: MatcherFilters): ServiceOffer[] {
    const area = filters.area;
    return this.offers.filter(
      (o) =>
        (!area || o.serviceAreaCodes.some((c) => isWithinArea(c, area) || isWithinArea(area, c))) &&
        (!filters.category || topLevelCode(o.categoryCode) === filters.category) &&
        (filters.status === 'all' || filters.status === 'submitted' || (filters.status === 'pending') === this.holds(o.id) > 0),
    );
  }

  /** Needs an allocation may use: open, and with no claim already waiting for an answer. */
  allocatableNeeds(filters: MatcherFilters): PublicNeed[] {
    return this.filterNeeds(filters).filter((n) => OPEN_NEED_STATUSES.includes(n.status) && this.pendingForNeed(n.id).length === 0);
  }

  /** Offers as an allocation must see them: places held by pending claims taken off. */
  allocatableOffers(filters: MatcherFilters): ServiceOffer[] {
    return this.filterOffers(filters).map((o) => this.effective(o));
  }
}

const CODE_LENGTH: Readonly<Record<AreaLevel, number>> = { district: 6, street: 9, community: 12, grid: 15 };

/** Whole days since an ISO time, never negative (a clock a little ahead of the server's). */
export function daysSince(iso: string, now: Date): number {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return 0;
  return Math.max(0, Math.floor((now.getTime() - then) / 86_400_000));
}

/** "3 天前", "昨天", "今天" in the locale. */
export function ageText(iso: string, now: Date, locale: Locale): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-daysSince(iso, now), 'day');
}

/** The date in China for file names: 2026-11-22. */
export function shanghaiDate(now: Date): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Starts a download of `text` as a CSV file (the text carries its own BOM). */
export function downloadCsv(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // after the click has handed the URL to the download
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
