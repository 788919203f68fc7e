/**
 * The candidate index: offers bucketed by top-level category × service-area
 * code, needs by top-level category × each area containing them.
 *
 * A need looks up the buckets of its own and related fields at its grid,
 * community, street and district: exactly the offers that pass the category
 * and area rules. Buckets hold only offers that are open, in their dates and
 * not full, so every offer the index never looks at is ineligible. Within
 * what it looks at, the index skips work only where an upper bound proves a
 * pair cannot reach the current top k: a bucket whose best possible score is
 * below the k-th, and the text part of a pair whose other parts plus the
 * whole text weight fall short. Results are therefore the same as scoring
 * all pairs (`suggestOffersNaive`), which the tests and the benchmark check.
 */
import type { PublicNeed, ServiceOffer } from '../model.js';
import {
  B_OFFER_FULL,
  CATEGORY_VALUE,
  P_AREA,
  P_AUDIENCE,
  P_CATEGORY,
  P_FIT,
  P_TEXT,
  P_URGENCY,
  READINESS_BY_CODE,
  SIGNATURE_WORDS,
  TermSet,
  areaValueOfLength,
  audienceValueOf,
  centsOf,
  fitBoundOf,
  fitValueOf,
  cheapCents,
  checkList,
  offerOnlyCents,
  urgencyValueOf,
  prepareNeed,
  prepareOffer,
  resolveContext,
  servedAreaLength,
  areaPathOf,
  textCents,
  textValueOfShared,
  topsRelated,
  totalCents,
  writeSignature,
} from './prepare.js';
import type { PreparedNeed, PreparedOffer, ScoringEnv } from './prepare.js';
import { TOP_CODES, relatedTopIndexes } from './related.js';
import { rankedScore, scorePrepared } from './scoring.js';
import type { MatchContext, MatchIndex, MatchIndexInput, Suggestion } from './types.js';

/** A scored candidate before its reasons are spelled out. */
export interface Ranked<T> {
  readonly item: T;
  readonly id: string;
  readonly cents: number;
}

/** Best first: higher total, then lower id, so ties never depend on input order. */
export const byRank = (a: Ranked<unknown>, b: Ranked<unknown>): number => b.cents - a.cents || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The k best seen so far, kept sorted. */
class TopK<T> {
  readonly list: Ranked<T>[] = [];
  constructor(private readonly k: number) {}

  /** True when a candidate with this total and id cannot enter the list. */
  excludes(cents: number, id: string): boolean {
    if (this.list.length < this.k) return false;
    const worst = this.list[this.k - 1] as Ranked<T>;
    return cents < worst.cents || (cents === worst.cents && id > worst.id);
  }

  /** True when nothing scoring at most `cents` can enter the list. */
  closedBelow(cents: number): boolean {
    return this.list.length >= this.k && cents < (this.list[this.k - 1] as Ranked<T>).cents;
  }

  add(entry: Ranked<T>): void {
    if (this.excludes(entry.cents, entry.id)) return;
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byRank(this.list[mid] as Ranked<T>, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.list.splice(lo, 0, entry);
    if (this.list.length > this.k) this.list.pop();
  }
}

function checkK(k: number): number {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${String(k)}`);
  return k;
}

/**
 * Every indexed offer's text terms in one array, so scoring text reads one
 * contiguous run instead of a separate array object per offer. Removed
 * offers leave their run behind until the dead part outgrows the live one.
 */
class TermArena {
  terms = new Int32Array(1 << 16);
  used = 0;
  dead = 0;

  append(run: Int32Array): number {
    if (this.used + run.length > this.terms.length) {
      let size = this.terms.length * 2;
      while (size < this.used + run.length) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.terms.subarray(0, this.used));
      this.terms = grown;
    }
    const start = this.used;
    this.terms.set(run, start);
    this.used += run.length;
    return start;
  }
}

/**
 * The available offers of one top-level category serving one area code,
 * with the numbers scoring needs (all parts but text, and a signature of the
 * text) kept in one flat integer array: scanning a bucket then reads
 * contiguous memory instead of one scattered object per offer, which is what
 * bounds the index's speed. Rows go by the offer-only points (capacity and
 * trust), highest first, so a scan can stop at the first row that cannot
 * reach the current k-th total even with the best of everything else.
 */
// Fields of one offer in a bucket's row, all 32-bit integers.
const F_ITEM = 0;
const F_AUDIENCES = 1;
/** Mode bits, weekday bits << 8, part-of-day bits << 16, readiness code << 24, and NESTED_BIT. */
const F_SCHEDULE = 2;
const F_OFFER_CENTS = 3;
/** Where the offer's text terms start in the index's TermArena, and how many there are. */
const F_TERM_START = 4;
const F_TERM_COUNT = 5;
const F_SIGNATURE = 6;
const ROW = F_SIGNATURE + SIGNATURE_WORDS;
/** The offer has nested service-area codes, so it may also sit in a finer bucket for the same need. */
const NESTED_BIT = 1 << 28;

class OfferBucket {
  offers: PreparedOffer[] = [];
  size = 0;
  /** One row of ROW numbers per offer, side by side, so a scan reads one run of memory. */
  rows = new Int32Array(4 * ROW);
  /** False while offers are appended in bulk, until `sort`. */
  private sorted = true;
  // Bounds over the offers here, kept on removal (they stay bounds): the most
  // any scores on capacity and trust, the union of their audiences and modes
  // (each part's value only grows with more bits), and the best readiness.
  maxOfferCents = 0;
  audienceUnion = 0;
  modeUnion = 0;
  maxReadiness = 0;

  constructor(
    readonly top: number,
    readonly areaLength: number,
  ) {}

  private writeRow(at: number, po: PreparedOffer, offerCents: number, termStart: number): void {
    const r = this.rows;
    r[at + F_ITEM] = po.itemIndex;
    r[at + F_AUDIENCES] = po.audiences;
    r[at + F_SCHEDULE] = po.modes | (po.days << 8) | (po.dayParts << 16) | (po.readinessCode << 24) | (po.nestedAreas ? NESTED_BIT : 0);
    r[at + F_OFFER_CENTS] = offerCents;
    r[at + F_TERM_START] = termStart;
    r[at + F_TERM_COUNT] = po.grams.length;
    writeSignature(po.grams, r, at + F_SIGNATURE);
  }

  /**
   * Adds an offer: in bulk (`inOrder` false) at the end, to be sorted once
   * with `sort`; otherwise at its place in the order.
   */
  add(po: PreparedOffer, offerCents: number, termStart: number, inOrder: boolean): void {
    if ((this.size + 1) * ROW > this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    let at = this.size;
    if (inOrder && this.sorted) {
      // after the last row scoring at least as much
      let lo = 0;
      let hi = this.size;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((this.rows[mid * ROW + F_OFFER_CENTS] as number) >= offerCents) lo = mid + 1;
        else hi = mid;
      }
      at = lo;
      this.rows.copyWithin((at + 1) * ROW, at * ROW, this.size * ROW);
      this.offers.splice(at, 0, po);
    } else {
      this.offers.push(po);
      if (this.size > 0) this.sorted = false;
    }
    this.writeRow(at * ROW, po, offerCents, termStart);
    this.size++;
    this.maxOfferCents = Math.max(this.maxOfferCents, offerCents);
    this.audienceUnion |= po.audiences;
    this.modeUnion |= po.modes;
    this.maxReadiness = Math.max(this.maxReadiness, po.readiness);
  }

  /** Puts rows in order after adds in bulk. */
  sort(): void {
    if (this.sorted) return;
    const { rows, offers, size } = this;
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => (rows[b * ROW + F_OFFER_CENTS] as number) - (rows[a * ROW + F_OFFER_CENTS] as number) || a - b);
    const sortedRows = new Int32Array(rows.length);
    order.forEach((from, to) => sortedRows.set(rows.subarray(from * ROW, from * ROW + ROW), to * ROW));
    this.rows = sortedRows;
    this.offers = order.map((from) => offers[from] as PreparedOffer);
    this.sorted = true;
  }

  remove(id: string): void {
    const at = this.offers.findIndex((po) => po.id === id);
    if (at < 0) return;
    const last = this.size - 1;
    if (this.sorted) {
      this.rows.copyWithin(at * ROW, (at + 1) * ROW, this.size * ROW);
      this.offers.splice(at, 1);
    } else {
      if (at !== last) this.rows.copyWithin(at * ROW, last * ROW, last * ROW + ROW);
      this.offers[at] = this.offers[last] as PreparedOffer;
      this.offers.pop();
    }
    this.size = last;
  }

  /** Points every offer's terms at a new arena (after compaction). */
  moveTerms(starts: ReadonlyMap<string, number>): void {
    for (let i = 0; i < this.size; i++) this.rows[i * ROW + F_TERM_START] = starts.get((this.offers[i] as PreparedOffer).id) ?? 0;
  }
}

/**
 * The k best of one query kept as numbers (total, the bucket's position in
 * the query's list, the row, the shared text terms): ranking allocates
 * nothing, and reads an offer's id only to break a tie.
 */
class TopRows {
  k = 0;
  count = 0;
  cents = new Float64Array(8);
  bucket = new Int32Array(8);
  row = new Int32Array(8);
  shared = new Int32Array(8);

  constructor(private readonly buckets: readonly OfferBucket[]) {}

  reset(k: number): void {
    if (k > this.cents.length) {
      this.cents = new Float64Array(k);
      this.bucket = new Int32Array(k);
      this.row = new Int32Array(k);
      this.shared = new Int32Array(k);
    }
    this.k = k;
    this.count = 0;
  }

  /** True when nothing scoring at most `cents` can enter the list. */
  closedBelow(cents: number): boolean {
    return this.count === this.k && cents < (this.cents[this.k - 1] as number);
  }

  idAt(bucket: number, row: number): string {
    return ((this.buckets[bucket] as OfferBucket).offers[row] as PreparedOffer).id;
  }

  /** Adds a candidate unless k better ones (higher total, or the same and a lower id) are in. */
  add(cents: number, bucket: number, row: number, shared: number): void {
    const k = this.k;
    let at = this.count;
    let id: string | undefined;
    if (at === k) {
      const worst = this.cents[k - 1] as number;
      if (cents < worst) return;
      if (cents === worst) {
        id = this.idAt(bucket, row);
        if (id > this.idAt(this.bucket[k - 1] as number, this.row[k - 1] as number)) return;
      }
      at = k - 1;
    } else {
      this.count++;
    }
    while (at > 0) {
      const before = this.cents[at - 1] as number;
      if (before > cents) break;
      if (before === cents) {
        id ??= this.idAt(bucket, row);
        if (this.idAt(this.bucket[at - 1] as number, this.row[at - 1] as number) < id) break;
      }
      this.cents[at] = before;
      this.bucket[at] = this.bucket[at - 1] as number;
      this.row[at] = this.row[at - 1] as number;
      this.shared[at] = this.shared[at - 1] as number;
      at--;
    }
    this.cents[at] = cents;
    this.bucket[at] = bucket;
    this.row[at] = row;
    this.shared[at] = shared;
  }
}

const bucketKey = (top: number, code: string): string => `${top}|${code}`;

/** Each top with the tops related to it, itself first. */
const TOPS_WITH_RELATED: readonly (readonly number[])[] = TOP_CODES.map((_, i) => [i, ...relatedTopIndexes(i)]);

function removeFrom<T extends { readonly id: string }>(list: T[] | undefined, id: string): void {
  if (list === undefined) return;
  const at = list.findIndex((x) => x.id === id);
  if (at >= 0) list.splice(at, 1);
}

function checkUnique(kind: string, ids: Iterable<string>): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new RangeError(`Duplicate ${kind} id ${JSON.stringify(id)}`);
    seen.add(id);
  }
}

/** The index behind `createMatchIndex`; the allocation also reads its candidates directly. */
export class CandidateIndex implements MatchIndex {
  readonly env: ScoringEnv;
  private readonly offers = new Map<string, PreparedOffer>();
  private readonly needs = new Map<string, PreparedNeed>();
  /** Available offers (open, in dates, places left) by service-area code, then by top-level category. */
  private readonly offerBuckets = new Map<number, (OfferBucket | undefined)[]>();
  /** Offers that would serve but are closed, paused, out of dates or full: only for near misses. */
  private readonly unavailableBuckets = new Map<string, PreparedOffer[]>();
  /** Open needs, once under each area that contains them. */
  private readonly needBuckets = new Map<string, PreparedNeed[]>();
  private arena = new TermArena();
  /** Where each available offer's terms start in the arena. */
  private readonly termStarts = new Map<string, number>();
  /** True while the constructor adds offers in bulk: buckets are sorted once at the end. */
  private loading = false;

  constructor(needs: readonly PublicNeed[], offers: readonly ServiceOffer[], context: MatchContext | undefined) {
    checkList(needs, 'createMatchIndex needs a `needs` array');
    checkList(offers, 'createMatchIndex needs an `offers` array');
    this.env = resolveContext(context);
    this.loading = true;
    for (const offer of offers) this.addOffer(offer);
    this.loading = false;
    for (const byTop of this.offerBuckets.values()) for (const bucket of byTop) bucket?.sort();
    for (const need of needs) this.addNeed(need);
  }

  get offerCount(): number {
    return this.offers.size;
  }

  get needCount(): number {
    return this.needs.size;
  }

  // -------------------------------------------------------------------------
  // Offers
  // -------------------------------------------------------------------------

  addOffer(offer: ServiceOffer): void {
    const po = prepareOffer(offer, this.env);
    if (this.offers.has(po.id)) throw new RangeError(`Offer ${JSON.stringify(po.id)} is already in the match index`);
    this.offers.set(po.id, po);
    const termStart = po.unavailable === 0 ? this.arena.append(po.grams) : -1;
    if (termStart >= 0) this.termStarts.set(po.id, termStart);
    po.areaCodes.forEach((code, i) => {
      const key = bucketKey(po.top, code);
      if (po.unavailable !== 0) {
        const list = this.unavailableBuckets.get(key);
        if (list) list.push(po);
        else this.unavailableBuckets.set(key, [po]);
        return;
      }
      const number = po.areaNumbers[i] as number;
      let byTop = this.offerBuckets.get(number);
      if (byTop === undefined) {
        byTop = [];
        this.offerBuckets.set(number, byTop);
      }
      let bucket = byTop[po.top];
      if (bucket === undefined) {
        bucket = new OfferBucket(po.top, code.length);
        byTop[po.top] = bucket;
      }
      bucket.add(po, offerOnlyCents(po, this.env), termStart, !this.loading);
    });
  }

  updateOffer(offer: ServiceOffer): void {
    if (!this.offers.has(offer.id)) throw new RangeError(`Offer ${JSON.stringify(offer.id)} is not in the match index`);
    // prepare first so a bad offer leaves the index as it was
    prepareOffer(offer, this.env);
    this.removeOffer(offer.id);
    this.addOffer(offer);
  }

  removeOffer(offerId: string): boolean {
    const po = this.offers.get(offerId);
    if (po === undefined) return false;
    this.offers.delete(offerId);
    po.areaCodes.forEach((code, i) => {
      this.offerBuckets.get(po.areaNumbers[i] as number)?.[po.top]?.remove(offerId);
      removeFrom(this.unavailableBuckets.get(bucketKey(po.top, code)), offerId);
    });
    if (this.termStarts.delete(offerId)) {
      this.arena.dead += po.grams.length;
      if (this.arena.dead > 65536 && this.arena.dead * 2 > this.arena.used) this.compactTerms();
    }
    return true;
  }

  /** Copies the live offers' terms to a fresh arena and repoints the buckets. */
  private compactTerms(): void {
    const arena = new TermArena();
    for (const id of [...this.termStarts.keys()]) {
      const po = this.offers.get(id) as PreparedOffer;
      this.termStarts.set(id, arena.append(po.grams));
    }
    this.arena = arena;
    for (const byTop of this.offerBuckets.values()) for (const bucket of byTop) bucket?.moveTerms(this.termStarts);
  }

  // -------------------------------------------------------------------------
  // Needs
  // -------------------------------------------------------------------------

  addNeed(need: PublicNeed): void {
    const pn = prepareNeed(need);
    if (this.needs.has(pn.id)) throw new RangeError(`Need ${JSON.stringify(pn.id)} is already in the match index`);
    this.needs.set(pn.id, pn);
    if (!pn.open) return;
    for (const code of areaPathOf(pn.areaCode)) {
      const key = bucketKey(pn.top, code);
      const list = this.needBuckets.get(key);
      if (list) list.push(pn);
      else this.needBuckets.set(key, [pn]);
    }
  }

  updateNeed(need: PublicNeed): void {
    if (!this.needs.has(need.id)) throw new RangeError(`Need ${JSON.stringify(need.id)} is not in the match index`);
    prepareNeed(need);
    this.removeNeed(need.id);
    this.addNeed(need);
  }

  removeNeed(needId: string): boolean {
    const pn = this.needs.get(needId);
    if (pn === undefined) return false;
    this.needs.delete(needId);
    for (const code of areaPathOf(pn.areaCode)) removeFrom(this.needBuckets.get(bucketKey(pn.top, code)), needId);
    return true;
  }

  /** Every indexed offer, available or not. */
  allOffers(): IterableIterator<PreparedOffer> {
    return this.offers.values();
  }

  /** The prepared form of a need: the indexed one when it is the same object, else compiled now. */
  preparedNeed(need: PublicNeed): PreparedNeed {
    const known = this.needs.get(need.id);
    return known !== undefined && known.need === need ? known : prepareNeed(need);
  }

  private preparedOffer(offer: ServiceOffer): PreparedOffer {
    const known = this.offers.get(offer.id);
    return known !== undefined && known.offer === offer ? known : prepareOffer(offer, this.env);
  }

  // -------------------------------------------------------------------------
  // Queries
  // -------------------------------------------------------------------------

  // scratch space of the queries, reused between calls
  private readonly scratchBuckets: OfferBucket[] = [];
  private scratchBounds = new Float64Array(64);
  private scratchCheap = new Float64Array(256);
  private scratchSlot = new Int32Array(256);
  private scratchOrder = new Int32Array(256);
  private readonly needTerms = new TermSet();
  private readonly scratchUrgency = new Float64Array(READINESS_BY_CODE.length);
  private readonly topRows = new TopRows(this.scratchBuckets);

  /**
   * The buckets that can hold eligible offers for a need, in `scratchBuckets`,
   * each with the most any of its offers can score in `scratchBounds`, best
   * bound first. Returns how many.
   */
  private bucketsFor(pn: PreparedNeed): number {
    const w = this.env.weights;
    const sameTop = centsOf(CATEGORY_VALUE[3], w[P_CATEGORY] as number);
    const relatedTop = centsOf(CATEGORY_VALUE[1], w[P_CATEGORY] as number);
    const buckets = this.scratchBuckets;
    let count = 0;
    // finest area first, by the codes as numbers (a lookup without comparing strings)
    for (let level = 3; level >= 0; level--) {
      const code = pn.areaByLevel[level] as number;
      if (Number.isNaN(code)) continue;
      const byTop = this.offerBuckets.get(code);
      if (byTop === undefined) continue;
      const area = centsOf(areaValueOfLength(6 + 3 * level), w[P_AREA] as number);
      for (const top of TOPS_WITH_RELATED[pn.top] ?? []) {
        const bucket = byTop[top];
        if (bucket === undefined || bucket.size === 0) continue;
        const bound =
          // any text may match and any schedule may fit
          this.env.textCents +
          area +
          (top === pn.top ? sameTop : relatedTop) +
          centsOf(audienceValueOf(pn, bucket.audienceUnion), w[P_AUDIENCE] as number) +
          centsOf(fitBoundOf(pn, bucket.modeUnion), w[P_FIT] as number) +
          centsOf(urgencyValueOf(pn, bucket.maxReadiness), w[P_URGENCY] as number) +
          bucket.maxOfferCents;
        if (count === this.scratchBounds.length) {
          const grown = new Float64Array(count * 2);
          grown.set(this.scratchBounds);
          this.scratchBounds = grown;
        }
        // insertion by bound, highest first
        let at = count++;
        while (at > 0 && (this.scratchBounds[at - 1] as number) < bound) {
          this.scratchBounds[at] = this.scratchBounds[at - 1] as number;
          buckets[at] = buckets[at - 1] as OfferBucket;
          at--;
        }
        this.scratchBounds[at] = bound;
        buckets[at] = bucket;
      }
    }
    return count;
  }

  /**
   * The k best eligible offers as ranked entries (no reasons yet). Buckets go
   * best bound first; within one, rows go by offer-only points, so the scan
   * stops at the first row whose bound falls short. The rows that may enter
   * the top k with a full text score go by the score of all parts but text,
   * and the text part (the costly one, reading the offer's terms) is computed
   * only while the other parts plus a bound of the text from the two
   * signatures can still enter the list. Leaves the k best in `topRows` and
   * returns how many there are.
   */
  private rankOffers(pn: PreparedNeed, k: number): number {
    if (!pn.open || k === 0) return 0;
    const env = this.env;
    const w = env.weights;
    const best = this.topRows;
    best.reset(k);
    const bucketCount = this.bucketsFor(pn);
    const textMax = env.textCents;
    const textWeight = w[P_TEXT] as number;
    const audienceWeight = w[P_AUDIENCE] as number;
    const fitWeight = w[P_FIT] as number;
    const itemCents = centsOf(CATEGORY_VALUE[3], w[P_CATEGORY] as number);
    const sameTopCents = centsOf(CATEGORY_VALUE[2], w[P_CATEGORY] as number);
    const relatedTopCents = centsOf(CATEGORY_VALUE[1], w[P_CATEGORY] as number);
    const urgencyCents = this.scratchUrgency;
    for (let code = 0; code < READINESS_BY_CODE.length; code++) {
      urgencyCents[code] = centsOf(urgencyValueOf(pn, READINESS_BY_CODE[code] as number), w[P_URGENCY] as number);
    }
    const needTermCount = pn.grams.length;
    const terms = this.arena.terms;
    const needTerms = this.needTerms;
    needTerms.load(pn.grams);
    // past a few layers the signature bound costs about what counting the shared terms does
    const signatures = needTerms.layerCount <= 4;
    for (let b = 0; b < bucketCount; b++) {
      const bucketBound = this.scratchBounds[b] as number;
      if (best.closedBelow(bucketBound)) break;
      const bucket = this.scratchBuckets[b] as OfferBucket;
      const { size, offers, rows, areaLength } = bucket;
      if (size > this.scratchCheap.length) {
        this.scratchCheap = new Float64Array(size * 2);
        this.scratchSlot = new Int32Array(size * 2);
        this.scratchOrder = new Int32Array(size * 2);
      }
      const cheap = this.scratchCheap;
      const slot = this.scratchSlot;
      const sameTop = bucket.top === pn.top;
      const bucketCents = centsOf(areaValueOfLength(areaLength), w[P_AREA] as number) + (sameTop ? 0 : relatedTopCents);
      // the bucket's bound with this row's offer-only points in place of the best ones
      const boundBesidesOffer = bucketBound - bucket.maxOfferCents;
      let count = 0;
      for (let i = 0, at = 0; i < size; i++, at += ROW) {
        const offerCents = rows[at + F_OFFER_CENTS] as number;
        if (best.closedBelow(boundBesidesOffer + offerCents)) break;
        const schedule = rows[at + F_SCHEDULE] as number;
        // an offer serving the need through nested codes is taken in the bucket of the most specific one
        if ((schedule & NESTED_BIT) !== 0 && servedAreaLength(pn, offers[i] as PreparedOffer) !== areaLength) continue;
        // the parts as cheapCentsOf adds them, from the row
        const c =
          bucketCents +
          (sameTop ? (rows[at + F_ITEM] === pn.itemIndex ? itemCents : sameTopCents) : 0) +
          centsOf(audienceValueOf(pn, rows[at + F_AUDIENCES] as number), audienceWeight) +
          offerCents +
          centsOf(fitValueOf(pn, schedule & 0xff, (schedule >>> 8) & 0xff, (schedule >>> 16) & 0xff), fitWeight) +
          (urgencyCents[(schedule >>> 24) & 0xf] as number);
        if (best.closedBelow(c + textMax)) continue;
        cheap[count] = c;
        slot[count] = i;
        count++;
      }
      // insertion sort by cheap score, highest first (a few dozen entries; no comparator calls)
      const order = this.scratchOrder;
      for (let i = 0; i < count; i++) {
        const c = cheap[i] as number;
        let at = i;
        while (at > 0 && (cheap[order[at - 1] as number] as number) < c) {
          order[at] = order[at - 1] as number;
          at--;
        }
        order[at] = i;
      }
      for (let o = 0; o < count; o++) {
        const j = order[o] as number;
        const c = cheap[j] as number;
        if (best.closedBelow(c + textMax)) break;
        const i = slot[j] as number;
        const at = i * ROW;
        const offerTerms = rows[at + F_TERM_COUNT] as number;
        if (signatures) {
          const bound = Math.min(needTerms.sharedBound(rows, at + F_SIGNATURE), needTermCount, offerTerms);
          if (best.closedBelow(c + centsOf(textValueOfShared(bound, needTermCount, offerTerms), textWeight))) continue;
        }
        const shared = needTerms.sharedIn(terms, rows[at + F_TERM_START] as number, offerTerms);
        const total = c + centsOf(textValueOfShared(shared, needTermCount, offerTerms), textWeight);
        if (!best.closedBelow(total)) best.add(total, b, i, shared);
      }
    }
    return best.count;
  }

  /** Every eligible offer for a need with its total, best first. */
  rankAllOffers(pn: PreparedNeed): Ranked<PreparedOffer>[] {
    if (!pn.open) return [];
    const out: Ranked<PreparedOffer>[] = [];
    const count = this.bucketsFor(pn);
    for (let b = 0; b < count; b++) {
      const bucket = this.scratchBuckets[b] as OfferBucket;
      for (const po of bucket.offers) {
        if (servedAreaLength(pn, po) === bucket.areaLength) out.push({ item: po, id: po.id, cents: totalCents(pn, po, this.env) });
      }
    }
    return out.sort(byRank);
  }

  /** Offers that would serve the need's area and field but are unavailable (closed, paused, out of dates or full). */
  unavailableOffersFor(pn: PreparedNeed): PreparedOffer[] {
    const out: PreparedOffer[] = [];
    const tops = [pn.top, ...relatedTopIndexes(pn.top)];
    for (const code of areaPathOf(pn.areaCode)) {
      for (const top of tops) {
        for (const po of this.unavailableBuckets.get(bucketKey(top, code)) ?? []) {
          if (servedAreaLength(pn, po) === code.length) out.push(po);
        }
      }
    }
    return out;
  }

  /** True when the offer's only blocker for open needs is being full. */
  static onlyFull(po: PreparedOffer): boolean {
    return po.unavailable === B_OFFER_FULL;
  }

  suggestOffers(need: PublicNeed, k: number): Suggestion<ServiceOffer>[] {
    checkK(k);
    const pn = this.preparedNeed(need);
    const count = this.rankOffers(pn, k);
    const best = this.topRows;
    const out: Suggestion<ServiceOffer>[] = new Array<Suggestion<ServiceOffer>>(count);
    for (let j = 0; j < count; j++) {
      const bucket = this.scratchBuckets[best.bucket[j] as number] as OfferBucket;
      const row = best.row[j] as number;
      const po = bucket.offers[row] as PreparedOffer;
      // the term count from the row, which ranking just read, rather than from the offer's own arrays
      const offerTerms = bucket.rows[row * ROW + F_TERM_COUNT] as number;
      out[j] = { item: po.offer, score: rankedScore(pn, po, this.env, best.cents[j] as number, bucket.areaLength, best.shared[j], offerTerms) };
    }
    return out;
  }

  eligibleOffers(need: PublicNeed): Suggestion<ServiceOffer>[] {
    const pn = this.preparedNeed(need);
    return this.rankAllOffers(pn).map(({ item, cents }) => ({ item: item.offer, score: rankedScore(pn, item, this.env, cents, servedAreaLength(pn, item)) }));
  }

  suggestNeeds(offer: ServiceOffer, k: number): Suggestion<PublicNeed>[] {
    checkK(k);
    const po = this.preparedOffer(offer);
    if (po.unavailable !== 0 || k === 0) return [];
    const best = new TopK<PreparedNeed>(k);
    const tops = [po.top, ...relatedTopIndexes(po.top)];
    for (const code of po.areaCodes) {
      for (const top of tops) {
        for (const pn of this.needBuckets.get(bucketKey(top, code)) ?? []) {
          // a need inside two of the offer's codes is taken under the most specific one
          if (servedAreaLength(pn, po) !== code.length) continue;
          const cheap = cheapCents(pn, po, this.env);
          if (best.excludes(cheap + this.env.textCents, pn.id)) continue;
          best.add({ item: pn, id: pn.id, cents: cheap + textCents(pn, po, this.env) });
        }
      }
    }
    return best.list.map(({ item, cents }) => ({ item: item.need, score: rankedScore(item, po, this.env, cents, servedAreaLength(item, po)) }));
  }
}

/**
 * Builds the candidate index over needs and offers. Offers' availability
 * (status, dates, places) is read when they are added, with the context's
 * `now`: call `updateOffer` when an offer changes. Only open needs
 * (MATCHABLE_NEED_STATUSES) are suggested for offers. Throws on duplicate
 * ids and on data that cannot be scored.
 */
export function createMatchIndex(input: MatchIndexInput): MatchIndex {
  if (typeof input !== 'object' || input === null) throw new TypeError('createMatchIndex needs { needs, offers, organizations }');
  return new CandidateIndex(input.needs, input.offers, input);
}

/**
 * All offers compiled once and scanned in full for every need: the
 * reference the index must agree with. Every pair's hard rules are checked
 * and every eligible pair is scored completely.
 */
export class AllPairsMatcher {
  readonly env: ScoringEnv;
  private readonly prepared: PreparedOffer[];

  constructor(offers: readonly ServiceOffer[], context: MatchContext | undefined) {
    checkList(offers, 'offers must be an array');
    this.env = resolveContext(context);
    this.prepared = offers.map((o) => prepareOffer(o, this.env));
    checkUnique('offer', this.prepared.map((p) => p.id));
  }

  suggestOffers(need: PublicNeed, k: number): Suggestion<ServiceOffer>[] {
    checkK(k);
    const pn = prepareNeed(need);
    if (!pn.open || k === 0) return [];
    const best = new TopK<PreparedOffer>(k);
    for (const po of this.prepared) {
      if (po.unavailable !== 0 || !topsRelated(pn.top, po.top) || servedAreaLength(pn, po) === 0) continue;
      best.add({ item: po, id: po.id, cents: totalCents(pn, po, this.env) });
    }
    return best.list.map(({ item }) => ({ item: item.offer, score: scorePrepared(pn, item, this.env) }));
  }
}

/** The all-pairs reference with the offers compiled once, for scoring many needs against the same list. */
export interface AllPairsOfferMatcher {
  /** The k best eligible offers for a need, found by scoring it against every offer. */
  suggestOffers(need: PublicNeed, k: number): Suggestion<ServiceOffer>[];
}

/** Compiles the offers once for `suggestOffersNaive`-style scans of many needs (tests and the benchmark). */
export function createAllPairsMatcher(offers: readonly ServiceOffer[], context: MatchContext): AllPairsOfferMatcher {
  return new AllPairsMatcher(offers, context);
}

/** The k best eligible offers for a need by scoring it against every offer (the all-pairs reference). */
export function suggestOffersNaive(need: PublicNeed, offers: readonly ServiceOffer[], k: number, context: MatchContext): Suggestion<ServiceOffer>[] {
  return new AllPairsMatcher(offers, context).suggestOffers(need, k);
}

/** The k best eligible open needs for an offer by scoring it against every need (the all-pairs reference). */
export function suggestNeedsNaive(offer: ServiceOffer, needs: readonly PublicNeed[], k: number, context: MatchContext): Suggestion<PublicNeed>[] {
  checkK(k);
  checkList(needs, 'needs must be an array');
  const env = resolveContext(context);
  const po = prepareOffer(offer, env);
  const prepared = needs.map((n) => prepareNeed(n));
  checkUnique('need', prepared.map((p) => p.id));
  if (po.unavailable !== 0 || k === 0) return [];
  const best = new TopK<PreparedNeed>(k);
  for (const pn of prepared) {
    if (!pn.open || !topsRelated(pn.top, po.top) || servedAreaLength(pn, po) === 0) continue;
    best.add({ item: pn, id: pn.id, cents: totalCents(pn, po, env) });
  }
  return best.list.map(({ item }) => ({ item: item.need, score: scorePrepared(item, po, env) }));
}
