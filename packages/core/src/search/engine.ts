/**
 * The directory's search index: an inverted index over character bigrams and
 * unigrams (Chinese substrings without a word list), syllable bigrams and
 * initial-letter n-grams (pinyin, initials, same-sound typos), Latin words
 * (English names), and the taxonomy's labels and synonyms. Candidates from
 * the smallest posting lists are verified against the stored text, so
 * results are exact and the match ranges point at real characters.
 * See docs/decisions/0003-own-search-index.md for why it is not fuse.js.
 */
// types only: model.ts's schemas would bring valibot into the search bundle
import type { Audience, Locale, Organization, Rating, ServiceOffer } from '../model.js';
import { taxonomy } from '../taxonomy.js';
import { fuzzyCandidates, type FuzzyItem } from './fuzzy.js';
import { parsePinyin, unitsOfHan, unitsPattern, syllablesWithPrefix, type Unit } from './pinyin.js';
import { IntMap, Postings, Scratch } from './postings.js';
import { defaultReadings, type ReadingTable } from './readings.js';
import { fold, foldWithOrigins, isHan, isWordChar } from './text.js';
import type {
  SearchFilters,
  SearchHit,
  SearchIndex,
  SearchIndexOptions,
  SearchMatch,
  SearchOptions,
  SearchRecord,
  SearchResult,
} from './types.js';

// Field bits in posting masks.
const NAME = 1;
const OFFER = 2;
const TAG = 4;
const DESC = 8;
const CAT = 16;
const SHORT = NAME | OFFER | TAG;
/** name > offer title > tags and taxonomy > description */
const FIELD_WEIGHT: readonly [number, number][] = [
  [NAME, 10],
  [OFFER, 6],
  [TAG, 4],
  [CAT, 3.5],
  [DESC, 1.5],
];
// How sure a kind of match is: the text itself, then its sound, then abbreviations.
const EXACT = 1;
const WORD_PREFIX = 0.85;
const PINYIN = 0.9;
const PINYIN_TYPING = 0.8;
const HOMOPHONE = 0.7;
const INITIALS = 0.7;
const FUZZY = 0.35;
/** With no exact or sound-alike result, fuse.js re-ranks a short candidate list for typos. */
const FUZZY_BELOW = 1;
const FUZZY_CANDIDATES = 60;
/** A Han term that finds fewer documents than this is also matched by sound. */
const FEW = 20;
/** Below this many candidates, further terms are checked document by document. */
const RESTRICT = 500;
const SEP = '\u0001';
const MAX_QUERY = 200;
const MAX_TOKENS = 12;

const tierOf = (units: Unit[], abbreviated: number): number => (abbreviated ? INITIALS : units.every((u) => u.full) ? PINYIN : PINYIN_TYPING);

/** Weight of the best field in a mask, for every mask. */
const W = Float32Array.from({ length: 32 }, (_, mask) => FIELD_WEIGHT.find(([bit]) => mask & bit)?.[1] ?? 0);

interface Doc {
  id: string;
  record: SearchRecord;
  /** Folded name, offer titles and tags, joined by SEP. */
  short: string;
  /** Syllable ids aligned with `short`. */
  syl: string;
  /** End offset of each segment of `short`: the name, each offer title, each tag. */
  ends: number[];
  /** Folded descriptions: the organization's, then each offer's. */
  descs: string[];
  codes: string[];
  areas: string[];
  rating: number;
  audiences: number;
  capacity: boolean;
  updated: number;
  quality: number;
}

interface Term {
  /** Folded token. */
  text: string;
  han: boolean;
  latin: boolean;
  /** Unit alternatives for matching by sound, each with its tier. */
  sound: { units: Unit[]; tier: number }[];
  soundRe: RegExp | null;
  soundTiers: { re: RegExp; tier: number; length: number; first: string }[];
  /** Latin terms: the term at a word start, and as a whole word. */
  wordRe: RegExp | null;
  wholeRe: RegExp;
}

interface VocabTerm {
  code: string;
  text: string;
  folded: string;
  syl: string;
  label: boolean;
}

const NO_FILTER = (): boolean => true;
/** A letter or digit of a Latin word, as isWordChar: not an ideograph (2025年 holds the word 2025). */
const WORD_CHAR = '(?![\\p{Script=Han}])[\\p{L}\\p{N}]';
/** RegExp.test from the start, whatever a global expression's lastIndex says. */
const test = (re: RegExp, text: string): boolean => {
  re.lastIndex = 0;
  return re.test(text);
};
// Records over the model's unions, so the compiler flags a rating or audience added there.
const RATING_LEVELS: Record<Rating, number> = { '5A': 5, '4A': 4, '3A': 3, '2A': 2, '1A': 1 };
const AUDIENCE_BITS: Record<Audience, number> = {
  elderly: 1,
  disabled: 2,
  children: 4,
  youth: 8,
  women: 16,
  families: 32,
  migrants: 64,
  'low-income': 128,
  enterprises: 256,
  'all-residents': 512,
};
const RATING_LEVEL = new Map<string, number>(Object.entries(RATING_LEVELS));
const AUDIENCE_BIT = new Map<string, number>(Object.entries(AUDIENCE_BITS));

function qualityOf(org: Organization): number {
  const stars = org.rating ? (RATING_LEVEL.get(org.rating) ?? 0) : 0;
  const reg = org.registration.status === 'registered' ? 0.04 : org.registration.status === 'filed' ? 0.02 : 0;
  return 1 + 0.02 * stars + reg;
}

/** Groups offers under their organizations; offers of unknown organizations are dropped. */
export function groupForSearch(organizations: Organization[], offers: ServiceOffer[]): SearchRecord[] {
  const byOrg = new Map<string, ServiceOffer[]>();
  for (const o of offers) {
    const list = byOrg.get(o.organizationId);
    if (list) list.push(o);
    else byOrg.set(o.organizationId, [o]);
  }
  return organizations.map((organization) => ({ organization, offers: byOrg.get(organization.id) ?? [] }));
}

class Engine implements SearchIndex {
  private readonly readings: ReadingTable;
  private readonly locale: Locale;
  private docs: (Doc | undefined)[] = [];
  private alive = new Uint8Array(1024);
  private readonly byId = new Map<string, number>();
  private readonly postings = new Postings();
  private readonly charIds = new IntMap();
  // term → list id, one map per kind of term
  private readonly charUni = new IntMap();
  private readonly charBi = new IntMap();
  private readonly sylBi = new IntMap();
  private readonly initBi = new IntMap();
  private readonly initTri = new IntMap();
  private readonly words = new Map<string, number>();
  private sortedWords: string[] | null = null;
  private readonly byCategory = new Map<string, number[]>();
  private readonly vocab: VocabTerm[] = [];
  private readonly vocabByCode = new Map<string, VocabTerm[]>();
  private readonly vocabCache = new Map<string, Map<string, number>>();
  private readonly termCache = new Map<string, Term[]>();
  private nameRank: Int32Array | null = null;
  private live = 0;
  // per-search scratch, indexed by document
  private tokScore = new Float32Array(1024);
  private tokStamp = new Int32Array(1024);
  private tokList = new Int32Array(1024);
  private tokN = 0;
  private acc = new Float32Array(1024);
  private accCount = new Int32Array(1024);
  private stamp = 0;
  private searchStamp = 0;
  private quality = new Float32Array(1024);
  private rating = new Uint8Array(1024);
  private updated = new Float64Array(1024);
  private keys = new Float64Array(1024);
  private foundDocs = new Int32Array(1024);
  private foundScores = new Float64Array(1024);
  private nFound = 0;
  private readonly a = new Scratch();
  private readonly b = new Scratch();
  private readonly c = new Scratch();

  constructor(records: SearchRecord[], options: SearchIndexOptions) {
    this.readings = options.readings ?? defaultReadings();
    this.locale = options.locale ?? 'zh-CN';
    for (const top of taxonomy) {
      for (const cat of [top, ...top.children]) {
        const terms = new Set<string>([cat.labels[this.locale], cat.labels['zh-CN'], cat.labels['zh-TW'], cat.labels.en, ...cat.synonyms]);
        [...terms].forEach((text, i) => {
          const folded = fold(text, this.readings);
          const entry = { code: cat.code, text, folded, syl: this.readings.read(folded), label: i === 0 };
          this.vocab.push(entry);
          this.vocabByCode.set(cat.code, [...(this.vocabByCode.get(cat.code) ?? []), entry]);
        });
      }
    }
    this.postings.beginBulk(records.length * 200);
    for (const r of records) this.insert(r);
    this.postings.seal(this.alive);
  }

  get size(): number {
    return this.live;
  }

  // ---------------------------------------------------------------- indexing

  add(record: SearchRecord): void {
    this.remove(record.organization.id);
    this.insert(record);
    // a large backlog of unsealed postings costs memory and decode time
    if (this.postings.pendingSize > 50_000 + this.postings.sealedBytes / 4) this.postings.seal(this.alive);
  }

  update(record: SearchRecord): void {
    this.add(record);
  }

  remove(organizationId: string): void {
    const doc = this.byId.get(organizationId);
    if (doc === undefined) return;
    this.byId.delete(organizationId);
    this.alive[doc] = 0;
    this.docs[doc] = undefined;
    this.live--;
    this.nameRank = null;
  }

  private charId(cp: number): number {
    let id = this.charIds.get(cp);
    if (id === undefined) {
      // 15 bits per character keeps bigram keys small integers; rarer characters share ids and are verified anyway
      id = this.charIds.size < 32767 ? this.charIds.size + 1 : 1 + (cp % 32767);
      this.charIds.set(cp, id);
    }
    return id;
  }

  private list<K>(map: { get(key: K): number | undefined; set(key: K, value: number): unknown }, key: K): number {
    let id = map.get(key);
    if (id === undefined) {
      id = this.postings.newList();
      map.set(key, id);
    }
    return id;
  }

  private grow(n: number): void {
    if (n <= this.alive.length) return;
    const size = Math.max(n, this.alive.length * 2);
    const alive = new Uint8Array(size);
    alive.set(this.alive);
    this.alive = alive;
    // per-document sort keys in flat arrays: ranking 35,000 results reads no objects
    const quality = new Float32Array(size);
    quality.set(this.quality);
    this.quality = quality;
    const rating = new Uint8Array(size);
    rating.set(this.rating);
    this.rating = rating;
    const updated = new Float64Array(size);
    updated.set(this.updated);
    this.updated = updated;
    this.foundDocs = new Int32Array(size);
    this.foundScores = new Float64Array(size);
    this.keys = new Float64Array(size);
    this.tokScore = new Float32Array(size);
    this.tokStamp = new Int32Array(size);
    this.tokList = new Int32Array(size);
    this.acc = new Float32Array(size);
    this.accCount = new Int32Array(size);
    this.stamp = 0;
    this.searchStamp = 0;
  }

  private insert(record: SearchRecord): void {
    const org = record.organization;
    const r = this.readings;
    const docIndex = this.docs.length;
    this.grow(docIndex + 1);
    const segments = [org.name, ...record.offers.map((o) => o.title), ...org.tags].map((s) => fold(s, r));
    const short = segments.join(SEP);
    const ends: number[] = [];
    let at = 0;
    for (const s of segments) ends.push((at += s.length + 1) - 1);
    const codes = new Set(org.categoryCodes);
    const areas = new Set(org.serviceAreaCodes);
    let audiences = 0;
    let capacity = false;
    let updated = Date.parse(org.updatedAt) || 0;
    for (const o of record.offers) {
      codes.add(o.categoryCode);
      for (const a of o.serviceAreaCodes) areas.add(a);
      for (const a of o.audiences) audiences |= AUDIENCE_BIT.get(a) ?? 0;
      // places left in the period (model.ts capacityLeft)
      if (o.status === 'open' && o.capacity.perPeriod > o.capacity.used) capacity = true;
      updated = Math.max(updated, Date.parse(o.updatedAt) || 0);
    }
    const doc: Doc = {
      id: org.id,
      record,
      short,
      syl: r.read(short),
      ends,
      descs: [org.description, ...record.offers.map((o) => o.description)].map((s) => fold(s, r)),
      codes: [...codes],
      areas: [...areas],
      rating: org.rating ? (RATING_LEVEL.get(org.rating) ?? 0) : 0,
      audiences,
      capacity,
      updated,
      quality: qualityOf(org),
    };
    this.docs.push(doc);
    this.alive[docIndex] = 1;
    this.quality[docIndex] = doc.quality;
    this.rating[docIndex] = doc.rating;
    this.updated[docIndex] = doc.updated;
    this.byId.set(org.id, docIndex);
    this.live++;
    this.nameRank = null;

    // short fields: every gram kind
    let start = 0;
    doc.ends.forEach((end, seg) => {
      const mask = seg === 0 ? NAME : seg <= record.offers.length ? OFFER : TAG;
      this.indexText(docIndex, short, doc.syl, start, end, mask);
      start = end + 1;
    });
    for (const d of doc.descs) this.indexText(docIndex, d, null, 0, d.length, DESC);
    for (const code of doc.codes) {
      for (const key of [code, code.split('.')[0] ?? code]) {
        const list = this.byCategory.get(key);
        if (!list) this.byCategory.set(key, [docIndex]);
        else if (list[list.length - 1] !== docIndex) list.push(docIndex);
      }
    }
  }

  private indexText(doc: number, text: string, syl: string | null, from: number, to: number, mask: number): void {
    const p = this.postings;
    let prevChar = 0;
    let prevSyl = 0;
    let prevInit = 0;
    let prevPrevInit = 0;
    let wordStart = -1;
    for (let i = from; i <= to; i++) {
      const c = i < to ? text.charCodeAt(i) : 32;
      if (isWordChar(c)) {
        if (wordStart < 0) wordStart = i;
      } else if (wordStart >= 0) {
        if (i - wordStart <= 24) {
          const word = text.slice(wordStart, i);
          if (!this.words.has(word)) this.sortedWords = null;
          p.add(this.list(this.words, word), doc, mask);
        }
        wordStart = -1;
      }
      if (i < to && isHan(c)) {
        const cp = text.codePointAt(i) ?? c;
        const id = this.charId(cp);
        if (mask !== DESC) p.add(this.list(this.charUni, id), doc, mask);
        if (prevChar) p.add(this.list(this.charBi, prevChar * 32768 + id), doc, mask);
        prevChar = id;
        if (syl) {
          const s = syl.charCodeAt(i);
          const init = s ? (this.readings.syllables[s] ?? ' ').charCodeAt(0) - 96 : 0;
          if (s && prevSyl) p.add(this.list(this.sylBi, prevSyl * 1024 + s), doc, mask);
          if (init > 0 && prevInit > 0) {
            p.add(this.list(this.initBi, prevInit * 32 + init), doc, mask);
            if (prevPrevInit > 0) p.add(this.list(this.initTri, (prevPrevInit * 32 + prevInit) * 32 + init), doc, mask);
          }
          prevSyl = s;
          prevPrevInit = prevInit;
          prevInit = init;
        }
        if (cp > 0xffff) i++;
      } else {
        prevChar = prevSyl = prevInit = prevPrevInit = 0;
      }
    }
  }

  // ---------------------------------------------------------------- queries

  private terms(query: string): Term[] {
    // search and suggest parse the same text on each keystroke; the regular expressions reset before every use
    const cached = this.termCache.get(query);
    if (cached) return cached;
    const terms = this.parseTerms(query);
    if (this.termCache.size >= 256) this.termCache.clear();
    this.termCache.set(query, terms);
    return terms;
  }

  private parseTerms(query: string): Term[] {
    const q = fold(query.slice(0, MAX_QUERY), this.readings);
    const terms: Term[] = [];
    let start = -1;
    for (let i = 0; i <= q.length; i++) {
      const c = i < q.length ? q.charCodeAt(i) : 32;
      // the low half of an astral ideograph stays with its high half
      const inToken = isHan(c) || isWordChar(c) || (c >= 0xdc00 && c <= 0xdfff && isHan(q.charCodeAt(i - 1)));
      if (inToken && start < 0) start = i;
      else if (!inToken && start >= 0) {
        terms.push(...this.term(q.slice(start, i)));
        start = -1;
      }
    }
    return terms.slice(0, MAX_TOKENS);
  }

  /** One token, or its script runs when it mixes scripts in a way that cannot be read as one pinyin sequence. */
  private term(text: string): Term[] {
    const r = this.readings;
    const chars = [...text];
    const han = chars.every((ch) => isHan(ch.charCodeAt(0)));
    const latin = !han && chars.every((ch) => isWordChar(ch.charCodeAt(0)));
    const sound: Term['sound'] = [];
    if (han) {
      const units = unitsOfHan(r.read(text), r);
      if (units && units.length >= 2) sound.push({ units, tier: HOMOPHONE });
    } else if (latin) {
      for (const p of parsePinyin(text, r)) sound.push({ units: p.units, tier: tierOf(p.units, p.abbreviated) });
    } else {
      // yang老: Han read by its syllables, letters by their likeliest parses, as one sequence
      const runs = text.match(/\p{Script=Han}+|[a-z]+|[^a-z\p{Script=Han}]+/gu) ?? [];
      let alternatives: Term['sound'] = [{ units: [], tier: PINYIN }];
      for (const run of runs) {
        let next: Term['sound'] = [];
        if (/^[a-z]$/u.test(run)) next = [{ units: [{ ids: syllablesWithPrefix(r, run), letter: run, full: false }], tier: INITIALS }];
        else if (/^[a-z]+$/u.test(run)) next = parsePinyin(run, r).map((p) => ({ units: p.units, tier: tierOf(p.units, p.abbreviated) }));
        else if (isHan(run.charCodeAt(0))) {
          const units = unitsOfHan(r.read(run), r);
          if (units) next = [{ units, tier: PINYIN }];
        }
        alternatives = alternatives.flatMap((a) => next.map((n) => ({ units: [...a.units, ...n.units], tier: Math.min(a.tier, n.tier) }))).slice(0, 6);
      }
      sound.push(...alternatives.filter((a) => a.units.length >= 2));
      // no reading joins the runs (digits in 3号楼): each run is a word of its own
      if (!sound.length) return runs.length > 1 ? runs.flatMap((run) => this.term(run)) : [];
    }
    const soundTiers = sound.map((s) => {
      const ids = s.units[0]?.ids ?? [];
      return { re: new RegExp(unitsPattern([s.units]), 'g'), tier: s.tier, length: s.units.length, first: ids.length === 1 ? String.fromCharCode(ids[0] ?? 0) : '' };
    });
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    return [
      {
        text,
        han,
        latin,
        sound,
        soundRe: sound.length ? new RegExp(unitsPattern(sound.map((s) => s.units)), 'g') : null,
        soundTiers,
        wordRe: latin ? new RegExp(`(?<!${WORD_CHAR})${escaped}`, 'gu') : null,
        wholeRe: new RegExp(`(?<!${WORD_CHAR})${escaped}(?!${WORD_CHAR})`, 'gu'),
      },
    ];
  }

  /** Scores `doc` for the current term, keeping its best match. */
  private touch(doc: number, score: number): void {
    if (this.tokStamp[doc] !== this.stamp) {
      this.tokStamp[doc] = this.stamp;
      this.tokScore[doc] = score;
      this.tokList[this.tokN++] = doc;
    } else if (score > (this.tokScore[doc] ?? 0)) this.tokScore[doc] = score;
  }

  /** Field bit of an offset in a document's short text. */
  private fieldAt(doc: Doc, pos: number): number {
    const ends = doc.ends;
    if (pos < (ends[0] ?? 0)) return NAME;
    const offers = doc.record.offers.length;
    for (let k = 1; k < ends.length; k++) if (pos < (ends[k] ?? 0)) return k <= offers ? OFFER : TAG;
    return 0;
  }

  private nameBonus(doc: Doc, length: number, atStart: boolean): number {
    // a name that starts with the query, or is mostly the query, is what the resident meant
    return (atStart ? 3 : 0) + (2 * length) / Math.max(1, doc.ends[0] ?? 1);
  }

  /**
   * Documents holding every one of `lists` in a field of `mask`, into
   * this.c; returns how many. Only the two smallest lists are intersected:
   * callers verify the text when one list does not prove the match.
   */
  private candidates(lists: number[], mask: number): number {
    const p = this.postings;
    const sorted = [...new Set(lists)].sort((x, y) => p.count(x) - p.count(y));
    const first = sorted[0];
    if (first === undefined) return 0;
    const { a, b, c } = this;
    const n = p.decode(first, a, this.alive);
    c.ensure(n);
    let k = 0;
    const second = sorted[1];
    if (second === undefined) {
      for (let i = 0; i < n; i++) {
        const m = (a.masks[i] ?? 0) & mask;
        if (m) {
          c.docs[k] = a.docs[i] ?? 0;
          c.masks[k++] = m;
        }
      }
      return k;
    }
    const n2 = p.decode(second, b, this.alive);
    for (let i = 0, j = 0; i < n && j < n2; i++) {
      const doc = a.docs[i] ?? 0;
      while (j < n2 && (b.docs[j] ?? 0) < doc) j++;
      if (b.docs[j] === doc) {
        const m = (a.masks[i] ?? 0) & (b.masks[j] ?? 0) & mask;
        if (m) {
          c.docs[k] = doc;
          c.masks[k++] = m;
        }
      }
    }
    return k;
  }

  /** Scores every document matching `term` into tokScore; returns how many (listed in tokList). */
  private evaluate(term: Term): number {
    this.tokN = 0;
    if (++this.stamp >= 0x7ffffff0) {
      this.tokStamp.fill(0);
      this.stamp = 1;
    }
    const text = term.text;
    if (term.han) {
      // the characters themselves: bigrams for substrings, a unigram for one character
      const ids = [...text].map((ch) => this.charIds.get(ch.codePointAt(0) ?? 0) ?? -1);
      const lists = ids.length === 1 ? [this.charUni.get(ids[0] ?? -1)] : ids.slice(1).map((id, i) => this.charBi.get((ids[i] ?? 0) * 32768 + id));
      if (!ids.includes(-1) && lists.every((l) => l !== undefined)) {
        const n = this.candidates(lists, SHORT | DESC);
        const exact = lists.length === 1;
        const { docs, masks } = this.c;
        for (let i = 0; i < n; i++) {
          const d = docs[i] ?? 0;
          const doc = this.docs[d];
          if (!doc) continue;
          const mask = exact ? (masks[i] ?? 0) : this.verifyExact(doc, text, masks[i] ?? 0);
          if (mask) this.touch(d, (W[mask] ?? 0) + (mask & NAME ? this.nameBonus(doc, text.length, doc.short.startsWith(text)) : 0));
        }
      }
    } else if (term.latin) {
      for (const word of this.wordsFor(text)) {
        const list = this.words.get(word);
        if (list === undefined) continue;
        const n = this.postings.decode(list, this.a, this.alive);
        const tier = word === text ? EXACT : WORD_PREFIX;
        for (let i = 0; i < n; i++) this.touch(this.a.docs[i] ?? 0, (W[this.a.masks[i] ?? 0] ?? 0) * tier);
      }
    }
    // sound-alikes only when the characters themselves found little: 心里咨询 for 心理咨询
    if (!term.han || this.tokN < FEW) for (const alt of term.sound) this.evaluateSound(alt.units, alt.tier);
    // the taxonomy: a category whose label or synonym matches brings its organizations
    const cat = W[CAT] ?? 0;
    for (const [code, tier] of this.vocabMatches(term)) {
      for (const d of this.byCategory.get(code) ?? []) if (this.alive[d]) this.touch(d, cat * tier);
    }
    return this.tokN;
  }

  private verifyExact(doc: Doc, text: string, hint: number): number {
    let mask = 0;
    if (hint & SHORT) {
      for (let at = doc.short.indexOf(text); at >= 0; at = doc.short.indexOf(text, at + 1)) mask |= this.fieldAt(doc, at);
    }
    if (hint & DESC) {
      for (const d of doc.descs) {
        if (d.includes(text)) {
          mask |= DESC;
          break;
        }
      }
    }
    return mask;
  }

  private evaluateSound(units: Unit[], tier: number): void {
    const r = this.readings;
    const letterOf = (x: Unit): number => x.letter.charCodeAt(0) - 96;
    // a unit that stands for every syllable starting with its letter is exactly what the initials lists hold
    const bare = (x: Unit): boolean => !x.full && x.letter.length === 1 && x.ids.length === syllablesWithPrefix(r, x.letter).length;
    const first = units[0];
    if (!first) return;
    let n = 0;
    let exact = true;
    if (units.length === 1) {
      if (!first.full) return;
      // one syllable: the characters that read so by default
      const { a, c } = this;
      for (const cp of r.charsBySyllable[first.ids[0] ?? 0] ?? []) {
        const l = this.charUni.get(this.charIds.get(cp) ?? -1);
        if (l === undefined) continue;
        const m = this.postings.decode(l, a, this.alive);
        c.ensure(n + m, n);
        c.docs.set(a.docs.subarray(0, m), n);
        c.masks.set(a.masks.subarray(0, m), n);
        n += m;
      }
    } else {
      const lists: number[] = [];
      for (let i = 0; i + 1 < units.length; i++) {
        const u = units[i] as Unit;
        const v = units[i + 1] as Unit;
        const w = units[i + 2];
        const sb = u.full && v.full ? this.sylBi.get((u.ids[0] ?? 0) * 1024 + (v.ids[0] ?? 0)) : -1;
        const ib = w ? this.initTri.get((letterOf(u) * 32 + letterOf(v)) * 32 + letterOf(w)) : this.initBi.get(letterOf(u) * 32 + letterOf(v));
        if (sb === undefined || ib === undefined) return;
        if (sb >= 0) lists.push(sb);
        if (w || i === 0) lists.push(ib);
      }
      n = this.candidates(lists, SHORT);
      // two whole syllables, or two or three bare initials, are exactly one posting list: nothing to check
      exact = (units.length === 2 && units.every((x) => x.full)) || (units.length <= 3 && units.every(bare));
    }
    const re = new RegExp(unitsPattern([units]), 'g');
    const { docs, masks } = this.c;
    const w = (x: Unit, at: number, syl: string): boolean => x.ids.includes(syl.charCodeAt(at));
    for (let i = 0; i < n; i++) {
      const d = docs[i] ?? 0;
      const doc = this.docs[d];
      if (!doc) continue;
      let mask = masks[i] ?? 0;
      if (!exact) {
        let found = 0;
        re.lastIndex = 0;
        for (let m = re.exec(doc.syl); m && !(found & NAME); m = re.exec(doc.syl)) {
          found |= this.fieldAt(doc, m.index);
          re.lastIndex = m.index + 1;
        }
        mask &= found;
      }
      if (!mask) continue;
      const atStart = mask & NAME ? units.every((x, k) => w(x, k, doc.syl)) : false;
      this.touch(d, ((W[mask] ?? 0) + (mask & NAME ? this.nameBonus(doc, units.length, atStart) : 0)) * tier);
    }
  }

  private wordsFor(text: string): string[] {
    if (!this.sortedWords) this.sortedWords = [...this.words.keys()].sort();
    const words = this.sortedWords;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((words[mid] ?? '') < text) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    // one letter completes only to whole words, or every word starting with it would match
    for (let i = lo; i < words.length && out.length < 64; i++) {
      const w = words[i] ?? '';
      if (!w.startsWith(text)) break;
      if (text.length > 1 || w === text) out.push(w);
    }
    return out;
  }

  /** Categories whose labels or synonyms match the term, with the match's tier. */
  private vocabMatches(term: Term): Map<string, number> {
    const cached = this.vocabCache.get(term.text);
    if (cached) return cached;
    const found = new Map<string, number>();
    const wordRe = term.latin ? new RegExp(`(?:^|[^a-z0-9])${term.text}`, 'u') : null;
    for (const v of this.vocab) {
      let tier = 0;
      if (term.han && v.folded.includes(term.text)) tier = EXACT;
      else if (wordRe?.test(v.folded)) tier = WORD_PREFIX;
      else {
        for (const s of term.soundTiers) {
          s.re.lastIndex = 0;
          if (s.re.test(v.syl)) tier = Math.max(tier, s.tier);
        }
      }
      if (tier > (found.get(v.code) ?? 0)) found.set(v.code, tier);
    }
    if (this.vocabCache.size > 500) this.vocabCache.clear();
    this.vocabCache.set(term.text, found);
    return found;
  }

  // ---------------------------------------------------------------- search

  search(query: string, options: SearchOptions = {}): SearchResult {
    const terms = this.terms(query);
    const filter = this.filter(options.filters);
    this.nFound = 0;
    if (terms.length === 0) {
      this.docs.forEach((doc, d) => {
        if (doc && filter(doc)) this.found(d, doc.quality);
      });
    } else {
      this.matchAll(terms, filter);
      // typo tolerance for a single word; several words stay an AND
      if (this.nFound < FUZZY_BELOW && terms.length === 1) this.fuzzy(query, terms, filter);
    }
    return { hits: this.page(options, terms), total: this.nFound };
  }

  /** Records a result; a document is found at most once a search, and the buffers hold every document. */
  private found(doc: number, score: number): void {
    this.foundDocs[this.nFound] = doc;
    this.foundScores[this.nFound++] = score;
  }

  private matchAll(terms: Term[], filter: (doc: Doc) => boolean): void {
    // accCount holds search stamp × 16 + terms matched, so stale counts never need clearing
    if (++this.searchStamp >= 0x7ffffff) {
      this.accCount.fill(0);
      this.searchStamp = 1;
    }
    const base = this.searchStamp * 16;
    let last = 0;
    terms.forEach((term, t) => {
      if (t > 0 && last <= RESTRICT) {
        // few documents left: check the term in each rather than walk its posting lists
        let k = 0;
        for (let i = 0; i < last; i++) {
          const d = this.tokList[i] ?? 0;
          const s = this.scoreIn(this.docs[d] as Doc, term);
          if (s > 0) {
            this.acc[d] = (this.acc[d] ?? 0) + s;
            this.tokList[k++] = d;
          }
        }
        last = k;
        return;
      }
      const n = this.evaluate(term);
      last = 0;
      for (let i = 0; i < n; i++) {
        const d = this.tokList[i] ?? 0;
        const s = this.tokScore[d] ?? 0;
        if (t === 0) this.acc[d] = s;
        else if (this.accCount[d] === base + t) this.acc[d] = (this.acc[d] ?? 0) + s;
        else continue;
        this.accCount[d] = base + t + 1;
        this.tokList[last++] = d;
      }
    });
    for (let i = 0; i < last; i++) {
      const d = this.tokList[i] ?? 0;
      if (filter === NO_FILTER || filter(this.docs[d] as Doc)) this.found(d, (this.acc[d] ?? 0) * (this.quality[d] ?? 1));
    }
  }

  /** The term's score in one document, by the same rules as evaluate (0 if it does not match). */
  private scoreIn(doc: Doc, term: Term): number {
    let best = 0;
    const text = term.text;
    const fields = (re: RegExp, hay: string): { mask: number; atStart: boolean } => {
      let mask = 0;
      let atStart = false;
      re.lastIndex = 0;
      for (let m = re.exec(hay); m; m = re.exec(hay)) {
        mask |= this.fieldAt(doc, m.index);
        if (m.index === 0) atStart = true;
        re.lastIndex = m.index + 1;
      }
      return { mask, atStart };
    };
    if (term.han) {
      let mask = 0;
      for (let at = doc.short.indexOf(text); at >= 0; at = doc.short.indexOf(text, at + 1)) mask |= this.fieldAt(doc, at);
      if (!mask && doc.descs.some((d) => d.includes(text))) mask = DESC;
      if (mask) best = (W[mask] ?? 0) + (mask & NAME ? this.nameBonus(doc, text.length, doc.short.startsWith(text)) : 0);
    } else if (term.latin && term.wordRe && (doc.short.includes(text) || doc.descs.some((d) => d.includes(text)))) {
      const { mask } = fields(term.wordRe, doc.short);
      const wordRe = term.wordRe;
      const desc = !mask && doc.descs.some((d) => test(wordRe, d)) ? DESC : 0;
      const whole = test(term.wholeRe, doc.short) || doc.descs.some((d) => test(term.wholeRe, d));
      if (mask | desc) best = (W[mask | desc] ?? 0) * (whole ? EXACT : WORD_PREFIX);
    }
    if (!term.han || best === 0) {
      for (const alt of term.soundTiers) {
        // most documents lack even the first syllable: skip the expression for them
        if (alt.first && !doc.syl.includes(alt.first)) continue;
        const { mask, atStart } = fields(alt.re, doc.syl);
        if (mask) best = Math.max(best, ((W[mask] ?? 0) + (mask & NAME ? this.nameBonus(doc, alt.length, atStart) : 0)) * alt.tier);
      }
    }
    const vocab = this.vocabMatches(term);
    if (vocab.size) {
      for (const code of doc.codes) {
        const tier = Math.max(vocab.get(code) ?? 0, vocab.get(code.split('.')[0] ?? '') ?? 0);
        if (tier) best = Math.max(best, (W[CAT] ?? 0) * tier);
      }
    }
    return best;
  }

  private fuzzy(query: string, terms: Term[], filter: (doc: Doc) => boolean): void {
    // candidates: documents sharing the most grams with the query; grams in over a
    // fifth of the documents say little and cost most, so they are skipped
    const counts = this.tokScore;
    const list: number[] = [];
    if (++this.stamp >= 0x7ffffff0) {
      this.tokStamp.fill(0);
      this.stamp = 1;
    }
    const common = Math.max(50, this.live / 5);
    const bump = (l: number | undefined): void => {
      if (l === undefined || this.postings.count(l) > common) return;
      const n = this.postings.decode(l, this.a, this.alive);
      for (let i = 0; i < n; i++) {
        if (!((this.a.masks[i] ?? 0) & SHORT)) continue;
        const d = this.a.docs[i] ?? 0;
        if (this.tokStamp[d] !== this.stamp) {
          this.tokStamp[d] = this.stamp;
          counts[d] = 0;
          list.push(d);
        }
        counts[d] = (counts[d] ?? 0) + 1;
      }
    };
    for (const term of terms) {
      if (term.han) {
        const ids = [...term.text].map((ch) => this.charIds.get(ch.codePointAt(0) ?? 0) ?? -1);
        ids.forEach((id, i) => {
          const next = ids[i + 1];
          if (next !== undefined) bump(this.charBi.get(id * 32768 + next));
          else if (ids.length === 1) bump(this.charUni.get(id));
        });
      } else if (term.latin && term.text.length >= 3) {
        for (const w of this.wordsFor(term.text.slice(0, 3))) bump(this.words.get(w));
      }
      for (const alt of term.sound) {
        alt.units.forEach((u, i) => {
          const v = alt.units[i + 1];
          if (v && u.full && v.full) bump(this.sylBi.get((u.ids[0] ?? 0) * 1024 + (v.ids[0] ?? 0)));
        });
      }
    }
    const already = new Set(this.foundDocs.subarray(0, this.nFound));
    const top = list
      .filter((d) => !already.has(d))
      .sort((x, y) => (counts[y] ?? 0) - (counts[x] ?? 0) || x - y)
      .slice(0, FUZZY_CANDIDATES);
    const items: FuzzyItem[] = [];
    for (const d of top) {
      const doc = this.docs[d];
      if (!doc || !filter(doc)) continue;
      const segs = doc.short.split(SEP);
      const offers = doc.record.offers.length;
      const pinyin = [...doc.syl.slice(0, doc.ends[0] ?? 0)].map((ch) => this.readings.syllables[ch.charCodeAt(0)] ?? '').join('');
      items.push({ key: d, name: segs[0] ?? '', offers: segs.slice(1, 1 + offers), tags: segs.slice(1 + offers), pinyin });
    }
    for (const { key, score } of fuzzyCandidates(items, fold(query, this.readings))) {
      const doc = this.docs[key];
      if (doc) this.found(key, (W[NAME] ?? 0) * FUZZY * (1 - score) * doc.quality);
    }
  }

  private filter(filters: SearchFilters | undefined): (doc: Doc) => boolean {
    if (!filters) return NO_FILTER;
    const { categoryCode, areaCode, type, registration, minRating, audience, hasCapacity } = filters;
    const minLevel = minRating ? (RATING_LEVEL.get(minRating) ?? 0) : 0;
    let audienceMask = 0;
    for (const a of audience ?? []) audienceMask |= AUDIENCE_BIT.get(a) ?? 0;
    const types = type?.length ? new Set<string>(type) : null;
    const regs = registration?.length ? new Set<string>(registration) : null;
    return (doc) => {
      const org = doc.record.organization;
      if (types && !types.has(org.type)) return false;
      if (regs && !regs.has(org.registration.status)) return false;
      if (doc.rating < minLevel) return false;
      if (audienceMask && !(doc.audiences & audienceMask)) return false;
      if (hasCapacity && !doc.capacity) return false;
      if (categoryCode && !doc.codes.some((c) => c === categoryCode || c.startsWith(`${categoryCode}.`))) return false;
      // area codes nest by prefix (areas.ts isWithinArea), in either direction
      if (areaCode && !doc.areas.some((a) => a.startsWith(areaCode) || areaCode.startsWith(a))) return false;
      return true;
    };
  }

  private ranks(): Int32Array {
    if (this.nameRank) return this.nameRank;
    const collator = new Intl.Collator('zh-CN');
    const order = this.docs.flatMap((doc, d) => (doc ? [d] : []));
    const names = order.map((d) => this.docs[d]?.record.organization.name ?? '');
    const idx = order.map((_, i) => i).sort((x, y) => collator.compare(names[x] ?? '', names[y] ?? '') || x - y);
    const rank = new Int32Array(this.docs.length);
    idx.forEach((i, r) => (rank[order[i] ?? 0] = r));
    return (this.nameRank = rank);
  }

  private page(options: SearchOptions, terms: Term[]): SearchHit[] {
    const found = this.foundDocs;
    const scores = this.foundScores;
    const total = this.nFound;
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const want = Math.min(total, offset + Math.max(0, options.limit ?? 20));
    if (want <= offset) return [];
    const sort = options.sort ?? 'relevance';
    const rank = sort === 'name' ? this.ranks() : null;
    const key = this.keys;
    for (let i = 0; i < total; i++) {
      const d = found[i] ?? 0;
      const s = scores[i] ?? 0;
      key[i] = sort === 'rating' ? (this.rating[d] ?? 0) * 1e6 + s : sort === 'updated' ? (this.updated[d] ?? 0) : rank ? -(rank[d] ?? 0) : s;
    }
    // higher key first, then earlier document (stable across calls)
    const better = (x: number, y: number): boolean => {
      const kx = key[x] ?? 0;
      const ky = key[y] ?? 0;
      return kx > ky || (kx === ky && (found[x] ?? 0) < (found[y] ?? 0));
    };
    let order: number[];
    if (want * 4 < total) {
      // the best `want` in a min-heap: a page of 20 out of 35,000 needs no full sort
      const heap: number[] = [];
      const swap = (i: number, j: number): void => {
        const t = heap[i] ?? 0;
        heap[i] = heap[j] ?? 0;
        heap[j] = t;
      };
      for (let i = 0; i < total; i++) {
        if (heap.length < want) {
          heap.push(i);
          for (let c = heap.length - 1; c > 0; ) {
            const p = (c - 1) >> 1;
            if (!better(heap[p] ?? 0, heap[c] ?? 0)) break;
            swap(p, c);
            c = p;
          }
        } else if (better(i, heap[0] ?? 0)) {
          heap[0] = i;
          for (let c = 0; ; ) {
            const l = 2 * c + 1;
            let m = c;
            if (l < want && better(heap[m] ?? 0, heap[l] ?? 0)) m = l;
            if (l + 1 < want && better(heap[m] ?? 0, heap[l + 1] ?? 0)) m = l + 1;
            if (m === c) break;
            swap(m, c);
            c = m;
          }
        }
      }
      order = heap;
    } else order = Array.from({ length: total }, (_, i) => i);
    order.sort((x, y) => (better(x, y) ? -1 : better(y, x) ? 1 : 0));
    return order.slice(offset, want).map((i) => {
      const doc = this.docs[found[i] ?? 0] as Doc;
      return { id: doc.id, score: scores[i] ?? 0, organization: doc.record.organization, matches: this.matches(doc, terms) };
    });
  }

  // ---------------------------------------------------------------- highlighting

  private rangesIn(term: Term, folded: string, syl: string | null): [number, number][] {
    const ranges: [number, number][] = [];
    if (term.han) for (let at = folded.indexOf(term.text); at >= 0; at = folded.indexOf(term.text, at + 1)) ranges.push([at, at + term.text.length]);
    if (term.wordRe) {
      const re = term.wordRe;
      re.lastIndex = 0;
      for (let m = re.exec(folded); m; m = re.exec(folded)) ranges.push([m.index, m.index + term.text.length]);
    }
    if (syl && term.soundRe && (ranges.length === 0 || !term.han)) {
      const re = term.soundRe;
      re.lastIndex = 0;
      for (let m = re.exec(syl); m; m = re.exec(syl)) {
        ranges.push([m.index, m.index + m[0].length]);
        re.lastIndex = m.index + Math.max(1, m[0].length);
      }
    }
    return ranges;
  }

  private matches(doc: Doc, terms: Term[]): SearchMatch[] {
    const out: SearchMatch[] = [];
    const org = doc.record.organization;
    const offers = doc.record.offers;
    const r = this.readings;
    /** Adds a match for `text` if the terms occur in its folded form, with ranges mapped back to `text`. */
    const add = (field: SearchMatch['field'], text: string, folded: string, syl: string | null, extra: Partial<SearchMatch> = {}): void => {
      const raw = terms.flatMap((t) => this.rangesIn(t, folded, syl));
      if (!raw.length) return;
      const origin = folded.length === text.length ? null : foldWithOrigins(text, r);
      const mapped = raw
        .map(([s, e]): [number, number] => (origin ? [origin.start[s] ?? 0, origin.end[e - 1] ?? text.length] : [s, e]))
        .sort((x, y) => x[0] - y[0]);
      const ranges: [number, number][] = [];
      for (const [s, e] of mapped) {
        const last = ranges[ranges.length - 1];
        if (last && s <= last[1]) last[1] = Math.max(last[1], e);
        else ranges.push([s, e]);
      }
      out.push({ field, text, ranges, ...extra });
    };
    const segment = (k: number): [string, string] => {
      const from = k === 0 ? 0 : (doc.ends[k - 1] ?? 0) + 1;
      const to = doc.ends[k] ?? 0;
      return [doc.short.slice(from, to), doc.syl.slice(from, to)];
    };
    add('name', org.name, ...segment(0));
    offers.forEach((o, i) => add('offer', o.title, ...segment(i + 1), { offerId: o.id }));
    org.tags.forEach((tag, i) => add('tag', tag, ...segment(i + 1 + offers.length)));
    const codes = new Set(doc.codes.flatMap((c) => [c, c.split('.')[0] ?? c]));
    const seen = new Set<string>();
    for (const term of terms) {
      for (const [code] of this.vocabMatches(term)) {
        if (!codes.has(code) || seen.has(code)) continue;
        seen.add(code);
        // show the label when it matches, else the synonym that did
        const entries = this.vocabByCode.get(code) ?? [];
        const hit = entries.find((v) => terms.some((t) => this.rangesIn(t, v.folded, v.syl).length)) ?? entries[0];
        if (hit) add('category', hit.text, hit.folded, hit.syl, { categoryCode: code });
      }
    }
    add('description', org.description, doc.descs[0] ?? '', null);
    offers.forEach((o, i) => add('description', o.description, doc.descs[i + 1] ?? '', null, { offerId: o.id }));
    return out;
  }

  // ---------------------------------------------------------------- suggest

  suggest(query: string, limit = 8): string[] {
    const terms = this.terms(query);
    if (!terms.length || limit <= 0) return [];
    const q = fold(query.trim(), this.readings);
    const labels: string[] = [];
    for (const term of terms.slice(0, 1)) {
      for (const [code] of this.vocabMatches(term)) {
        const label = this.vocab.find((v) => v.code === code && v.label);
        if (label) labels.push(label.text);
      }
    }
    const texts: string[] = [];
    for (const hit of this.search(query, { limit: limit * 3 }).hits) {
      for (const m of hit.matches) if ((m.field === 'name' || m.field === 'offer') && m.ranges.length) texts.push(m.text);
    }
    const starts = (s: string): boolean => fold(s, this.readings).startsWith(q);
    const ordered = [...labels.filter(starts), ...texts.filter(starts), ...labels, ...texts];
    return [...new Set(ordered)].slice(0, limit);
  }
}

export function createSearchIndex(records: SearchRecord[], options: SearchIndexOptions = {}): SearchIndex {
  return new Engine(records, options);
}
