/**
 * The directory's search index: an inverted index over character bigrams and
 * unigrams (Chinese substrings without a word list), syllables and
 * initial-letter n-grams (pinyin, initials, same-sound typos), Latin words
 * (English names), and the taxonomy's labels and synonyms. Candidates from
 * the smallest posting lists are verified against the stored text, so
 * results are exact and the match ranges point at real characters.
 *
 * Pinyin of two or more syllables is spelled out in the characters the index
 * has seen read that way (yanglao → 养老), then searched as those characters
 * in every field; names, offer titles and tags are also checked against their
 * syllables, so a polyphone is read in its context (长宁 is changning, not
 * zhangning). See docs/decisions/0003-own-search-index.md.
 *
 * Written as closures over typed arrays: the per-query loops read no
 * per-document objects, and a minifier can shorten every private name.
 */
// types only: model.ts's schemas would bring valibot into the search bundle
import type { Audience, Locale, Organization, Rating, ServiceOffer } from '../model.js';
import { taxonomy } from '../taxonomy.js';
import { fuzzyCandidates, type FuzzyItem } from './fuzzy.js';
import { findUnits, parsePinyin, plainPinyin, syllablesWithPrefix, unitsAt, unitsOfHan, wholeSyllables, widenLast, type Unit } from './pinyin.js';
import { IntMap, Postings, Scratch, type IntMapState, type PostingsState } from './postings.js';
import { defaultReadings } from './readings.js';
import { fold, foldWithOrigins, isHan, isWordChar } from './text.js';
import type { SearchFilters, SearchHit, SearchIndex, SearchIndexOptions, SearchMatch, SearchOptions, SearchRecord, SearchResult } from './types.js';

// Field bits in posting masks; START marks a term at the very start of the name.
const NAME = 1;
const OFFER = 2;
const TAG = 4;
const DESC = 8;
const START = 16;
const SHORT = NAME | OFFER | TAG;
// Document flags: an open offer with places left; descriptions that folding changed (kept apart).
const HAS_CAPACITY = 1;
const FOLDED_DESCS = 2;
/** Weight of the best field in a mask: name > offer title > tag > description (taxonomy: CATEGORY). */
const W = Float32Array.from({ length: 32 }, (_, m) => (m & NAME ? 10 : m & OFFER ? 6 : m & TAG ? 4 : m & DESC ? 1.5 : 0));
const CATEGORY = 3.5;
/** A category that is little of an organization's work counts this much of one that is all of it. */
const UNFOCUSED = 0.7;
// How sure a kind of match is: the text itself, then its sound, then abbreviations.
const EXACT = 1;
const WORD_PREFIX = 0.85;
const PINYIN = 0.9;
const TYPING = 0.65;
const HOMOPHONE = 0.7;
const INITIALS = 0.7;
/**
 * Letters (initials or whole pinyin) read as the rarest of their spellings
 * count this much of the commonest (on a log scale of how many documents
 * hold each): enough that 心理 in the middle of a name outranks 徐兰
 * starting one, for xl.
 */
const RARE_READING = 0.6;
const FUZZY = 0.35;
/** With fewer exact or sound-alike results than this, fuse.js re-ranks a short candidate list for typos. */
const FUZZY_BELOW = 1;
const FUZZY_CANDIDATES = 20;
/** A Han term that finds fewer documents than this is also matched by sound. */
const FEW = 20;
/**
 * Spellings of one sound tried at most (three or more initials: each is
 * checked against the text, so fewer), and steps spent finding them.
 */
const SPELLINGS = 256;
const SPELLINGS_CHECKED = 48;
const SPELL_STEPS = 5000;
/** Verified matches kept across searches, in postings. */
const VERIFIED_BUDGET = 300_000;
const SEP = '\u0001';
const MAX_QUERY = 200;
const MAX_TOKENS = 12;
/** Characters of a phrase or sentence read as words, at most. */
const MAX_SENTENCE = 64;
/** The longest piece of a sentence read as one word: longer ones are phrases, too strict for a partial match. */
const MAX_WORD = 4;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** The letters beside each on a QWERTY keyboard: a changed letter is taken to be a neighbour's slip. */
const NEIGHBOURS: Record<string, string> = {
  q: 'wa', w: 'qeas', e: 'wrsd', r: 'etdf', t: 'ryfg', y: 'tugh', u: 'yihj', i: 'uojk', o: 'ipkl', p: 'ol',
  a: 'qwsz', s: 'awedxz', d: 'serfcx', f: 'drtgvc', g: 'ftyhbv', h: 'gyujnb', j: 'huikmn', k: 'jiolm', l: 'kop',
  z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};
/** A word of letters this long or longer that finds nothing is read with a slip of the keys fixed; shorter ones are too often English. */
const MIN_MISTYPED = 5;
/** Sounds spelled alike are read for words of four letters too (sequ for shequ); a slip of the keys needs MIN_MISTYPED. */
const MIN_SOUNDED = 4;
const SOUND_ALIKE: Record<string, string> = { l: 'n', n: 'l', f: 'h', h: 'f' };
/**
 * A word fixed on its own must read as pairs of characters that this many
 * names, offers or tags hold (fewer in a directory of under 3,000): read as
 * one or two, a word typed right but found nowhere (yinyue, 音乐) became a
 * stranger's name (yinyu, 殷宇). A word fixed to be found with the others
 * needs no more than that they are found together.
 */
const FIX_FLOOR = 3;
/**
 * Words a resident asks with, not what they ask for (我想找…, 家里…, 哪里可以…):
 * never words of a sentence, or 家里 found 陆家里居委会 and 妈妈 禁毒妈妈
 * before what was needed.
 */
const ASKING = new Set(
  '我们 我家 我想 我要 我妈 我爸 妈妈 爸爸 家里 家中 自己 需要 想要 想找 哪里 哪儿 哪个 可以 能否 有没有 有人 没人 怎么 怎么办 请问 帮我 一下 什么 附近 不好'.split(' '),
);
/**
 * English words a question is asked with (help with meals near me): left out
 * when the words with them find nothing, as ASKING is in Chinese.
 */
const ENGLISH_ASKING = new Set(
  // with what an apostrophe leaves (i'm, don't)
  'i im me my we our us need needs want find looking look for help with where near nearby please can could how to a an the of in on at and is are any some m s re ve ll d t don'.split(' '),
);
/**
 * Short forms names are written and asked for either way: 启智社工 finds
 * 启智社会工作服务中心, 新华居委会 finds 新华居民委员会, and the other way round.
 */
const SHORT_FORMS: readonly (readonly [short: string, long: string])[] = [
  ['社工', '社会工作'],
  ['居委会', '居民委员会'],
  ['村委会', '村民委员会'],
  ['妇联', '妇女联合会'],
  ['残联', '残疾人联合会'],
];

/** `text` with its short forms written out, or its long forms shortened (see SHORT_FORMS). */
function otherForms(text: string): string[] {
  const out: string[] = [];
  for (const [short, long] of SHORT_FORMS) {
    if (text.includes(long)) out.push(text.replaceAll(long, short));
    else if (text.includes(short)) out.push(text.replaceAll(short, long));
  }
  return out;
}

/** A one-letter fix whose last syllable is only begun counts for less than one that reads whole. */
const BEGUN = 0.5;
/** In a partial match, one more of the query's words outweighs any difference in how well they match. */
const PER_WORD = 1000;
/** Reading words: a character more covered outweighs any number of pieces, a piece fewer any commonness. */
const COVER = 1e6;
const PIECE = 1e3;
/** A piece only the taxonomy holds costs more than a few pieces the texts hold: it reaches organizations only by their categories. */
const TAXONOMY_PIECE = 8e3;
/** Whole pinyin longer than this is a sentence, not two words run together: it is not split. */
const MAX_SPLIT_SYLLABLES = 8;
/** Texts whose seams (and the names across them) are remembered: initials spell hundreds of texts a query, each asked again as typing goes on. */
const SEAM_CACHE = 20_000;
/** Character ids are 15 bits, so a bigram is one small integer; rarer characters share ids and are verified anyway. */
const CHAR_IDS = 32767;

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

/** A way to read a term's sound: units, and how sure a match of it is. */
interface Parse {
  units: Unit[];
  /** The tier of a match; a widened last unit matched by its own syllable ranks as PINYIN. */
  tier: number;
  /** Some units stand for initials only. */
  abbreviated: boolean;
}

interface Term {
  /** Folded token. */
  text: string;
  han: boolean;
  latin: boolean;
  parses: Parse[];
  /** The sound spelled in characters the index has seen read so; null until needed. */
  spelled: Map<string, Parse> | null;
  /** Every spelling was found (else names, offers and tags are also searched by initials). */
  complete: boolean;
  /** Letters that are an English word the directory or the taxonomy holds (bank, help): read as whole syllables only. */
  english?: boolean;
}

interface VocabTerm {
  code: string;
  text: string;
  folded: string;
  syl: string;
  /** Offered as a completion: the label in the page's language, or (in zh-CN) a synonym written in simplified characters or letters. */
  shown: 'label' | 'synonym' | null;
  /** The label in the other Chinese script than the page's: it finds, but is not shown (婚姻與家庭諮商 on a zh-CN page). */
  foreign: boolean;
}

/** The platform's word segmenter for Chinese; without one (older browsers) no text is read as crossing a word. */
const segmenter = typeof Intl === 'object' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

/**
 * Whether `length` characters at `at` of a taxonomy text begin inside one of
 * its words and run past it: 护工 in 庇护|工场, 医保 in 中医|保健, 年人 in
 * 未成年|人. Such a text does not mean what was typed. Only beginning inside
 * counts: the segmenter splits domain words (助|餐点, 反|诈骗) where a text
 * beginning on the split is still meant (助餐 in 助餐点).
 */
function crossesWord(text: string, at: number, length: number): boolean {
  if (!segmenter || length < 2) return false;
  let inside = insideWord.get(text);
  if (!inside) {
    inside = new Uint8Array(text.length);
    for (const { index, segment } of segmenter.segment(text)) inside.fill(index + segment.length, index + 1, index + segment.length);
    insideWord.set(text, inside);
  }
  const end = inside[at] ?? 0;
  return end > 0 && at + length > end;
}
/** By taxonomy text and position: the end of the word the position is inside of (after its first character), else 0. */
const insideWord = new Map<string, Uint8Array>();

/**
 * How much of an organization's work a category is, in percent: its offers in
 * the category (or under it, for a top level one), and the organization's
 * own word that it works there counting as one more (a 合唱团 with four
 * choir offers: 100; a 武术协会 with one of four: 40).
 */
function focusOn(record: SearchRecord, key: string): number {
  const within = (code: string): boolean => code === key || (code.startsWith(key) && code.charAt(key.length) === '.');
  const declared = record.organization.categoryCodes.some(within) ? 1 : 0;
  const offers = record.offers.filter((o) => within(o.categoryCode)).length;
  return Math.round((100 * (offers + declared)) / (record.offers.length + 1));
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

const intern = (map: Map<string, number>, key: string): number => {
  let id = map.get(key);
  if (id === undefined) map.set(key, (id = map.size));
  return id;
};

function grown<T extends Float32Array | Float64Array | Int32Array | Uint8Array | Uint16Array>(a: T, n: number, make: (n: number) => T): T {
  if (n <= a.length) return a;
  const b = make(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/**
 * A built index as plain data: what the worker that built it sends the page,
 * so that the page answers each keystroke itself instead of waiting for a
 * round trip between threads behind its own rendering. The typed arrays are
 * moved (see snapshotTransfer), not copied; the records stay out of it, as
 * the page holds them already.
 */
export interface SearchIndexSnapshot {
  /** Each document's organization id ('' once removed): adopting checks the page's records against them. */
  ids: string[];
  live: number;
  shorts: string[];
  syls: string[];
  foldedDescs: [number, string[]][];
  docs: {
    alive: Uint8Array<ArrayBuffer>;
    quality: Float32Array<ArrayBuffer>;
    rating: Uint8Array<ArrayBuffer>;
    updated: Float64Array<ArrayBuffer>;
    audiences: Uint16Array<ArrayBuffer>;
    flags: Uint8Array<ArrayBuffer>;
    typeOf: Uint8Array<ArrayBuffer>;
    registrationOf: Uint8Array<ArrayBuffer>;
    nameLength: Uint16Array<ArrayBuffer>;
    offerCount: Uint16Array<ArrayBuffer>;
    areaStart: Int32Array<ArrayBuffer>;
    areaPool: Int32Array<ArrayBuffer>;
  };
  areaIds: [string, number][];
  typeIds: [string, number][];
  registrationIds: [string, number][];
  byCategory: [string, number[]][];
  categoryFocus: [string, number[]][];
  postings: PostingsState;
  maps: Record<'charIds' | 'charUni' | 'charBi' | 'sylUni' | 'initBi' | 'initTri' | 'nameInitial', IntMapState>;
  charOf: number[];
  words: [string, number][];
  spellings: [number, number[]][];
  bigramReading: Int32Array<ArrayBuffer>;
  bigramAmbiguous: Uint8Array<ArrayBuffer>;
}

/** The buffers of a snapshot's typed arrays, to transfer with it. */
export function snapshotTransfer(snapshot: SearchIndexSnapshot): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [
    ...Object.values(snapshot.docs),
    snapshot.postings.bytes,
    snapshot.postings.starts,
    snapshot.postings.counts,
    snapshot.postings.lastDoc,
    snapshot.postings.lastAt,
    ...Object.values(snapshot.maps).flatMap((m) => [m.keys, m.values]),
    snapshot.bigramReading,
    snapshot.bigramAmbiguous,
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** An index that can also hand over its built state (search.worker.ts). */
export interface MovableSearchIndex extends SearchIndex {
  /** The index as a snapshot; the index is unusable afterwards (its arrays are to be transferred). */
  snapshot(): SearchIndexSnapshot;
}

export interface BuildOptions extends SearchIndexOptions {
  /** Adopt an index built elsewhere over these same records instead of building one. */
  snapshot?: SearchIndexSnapshot;
}

export function createSearchIndex(records: SearchRecord[], options: SearchIndexOptions = {}): SearchIndex {
  return buildSearchIndex(records, options);
}

/** createSearchIndex, also able to adopt a snapshot and to give one. */
export function buildSearchIndex(records: SearchRecord[], options: BuildOptions = {}): MovableSearchIndex {
  const r = options.readings ?? defaultReadings();
  let locale: Locale = options.locale ?? 'zh-CN';
  const syllables = r.syllables;
  const postings = new Postings();
  const byId = new Map<string, number>();

  // ------------------------------------------------------------ documents
  const recs: (SearchRecord | undefined)[] = [];
  /** Folded name, offer titles and tags, joined by SEP. */
  const shorts: string[] = [];
  /** Syllable ids aligned with `shorts`. */
  const syls: string[] = [];
  /** Folded descriptions, for the few documents where folding changed them (else the record's own). */
  const foldedDescs = new Map<number, string[]>();
  let alive = new Uint8Array(1024);
  let quality = new Float32Array(1024);
  let rating = new Uint8Array(1024);
  let updated = new Float64Array(1024);
  let audiences = new Uint16Array(1024);
  /** HAS_CAPACITY, FOLDED_DESCS. */
  let flags = new Uint8Array(1024);
  let typeOf = new Uint8Array(1024);
  let registrationOf = new Uint8Array(1024);
  let nameLength = new Uint16Array(1024);
  let offerCount = new Uint16Array(1024);
  /** Each document's service areas: interned ids in `areaPool` from `areaStart[d]` to `areaStart[d + 1]`. */
  let areaStart = new Int32Array(1025);
  let areaPool = new Int32Array(4096);
  const areaIds = new Map<string, number>();
  const typeIds = new Map<string, number>();
  const registrationIds = new Map<string, number>();
  const byCategory = new Map<string, number[]>();
  /** Beside each list of byCategory: how much of each organization's work the category is, in percent (see focusOn). */
  const categoryFocus = new Map<string, number[]>();
  let count = 0;
  let live = 0;
  /** Bumped by every change: what was computed for one state is not reused in another. */
  let version = 0;
  const changed = (): void => {
    version++;
    nameRank = null;
    wordCache.clear();
    pairWeights.clear();
    corrections.clear();
    otherTerms.clear();
    pinyinSplits.clear();
    pinyinSentences.clear();
    heldCategories.clear();
    straddled.clear();
    // a seam counts only where the directory holds its other side
    seamCache.clear();
    if (verifiedSize) {
      verified.clear();
      verifiedSize = 0;
    }
  };

  // ------------------------------------------------------------ terms → posting lists
  const charIds = new IntMap();
  /** The code point of each character id (0 where several rare characters share one). */
  const charOf: number[] = [0];
  const charUni = new IntMap();
  const charBi = new IntMap();
  const sylUni = new IntMap();
  const initBi = new IntMap();
  const initTri = new IntMap();
  /** Names by the first letter of their first syllable or word. */
  const nameInitial = new IntMap();
  const words = new Map<string, number>();
  let sortedWords: string[] | null = null;
  /** Syllable pair (a * 1024 + b) → the character bigrams seen read so. */
  const spellings = new Map<number, number[]>();
  /** Per bigram list: the syllable pair it was first read as, plus one (0: none yet). */
  let bigramReading = new Int32Array(1024);
  /** Per bigram list: read in more than one way, so a match must be checked against the syllables. */
  let bigramAmbiguous = new Uint8Array(1024);

  const charId = (cp: number): number => {
    let id = charIds.get(cp);
    if (id === undefined) {
      id = charIds.size < CHAR_IDS ? charIds.size + 1 : 1 + (cp % CHAR_IDS);
      charIds.set(cp, id);
      charOf[id] = charOf[id] === undefined ? cp : 0;
    }
    return id;
  };

  const listOf = (map: IntMap, key: number): number => {
    let id = map.get(key);
    if (id === undefined) {
      id = postings.newList();
      map.set(key, id);
    }
    return id;
  };

  /** Records that the bigram `key` (posting list `list`) was read as the syllable pair `pair`. */
  const recordReading = (key: number, list: number, pair: number): void => {
    bigramReading = grown(bigramReading, list + 1, (n) => new Int32Array(n));
    bigramAmbiguous = grown(bigramAmbiguous, list + 1, (n) => new Uint8Array(n));
    const seen = bigramReading[list] ?? 0;
    if (seen === pair + 1) return;
    if (seen === 0) bigramReading[list] = pair + 1;
    const known = spellings.get(pair);
    if (!known) spellings.set(pair, [key]);
    else if (!known.includes(key)) known.push(key);
    else return;
    if (seen !== 0) bigramAmbiguous[list] = 1;
    // spellings found for queries before this one may miss it
    termCache.clear();
  };

  function growDocs(n: number): void {
    if (n <= alive.length) return;
    const u8 = (k: number) => new Uint8Array(k);
    alive = grown(alive, n, u8);
    quality = grown(quality, n, (k) => new Float32Array(k));
    rating = grown(rating, n, u8);
    updated = grown(updated, n, (k) => new Float64Array(k));
    audiences = grown(audiences, n, (k) => new Uint16Array(k));
    flags = grown(flags, n, u8);
    typeOf = grown(typeOf, n, u8);
    registrationOf = grown(registrationOf, n, u8);
    nameLength = grown(nameLength, n, (k) => new Uint16Array(k));
    offerCount = grown(offerCount, n, (k) => new Uint16Array(k));
    areaStart = grown(areaStart, n + 1, (k) => new Int32Array(k));
    sizeScratch(alive.length);
  }

  /** Per-document scratch arrays of the searches, one slot per document. */
  function sizeScratch(size: number): void {
    tokScore = new Float32Array(size);
    tokStamp = new Int32Array(size);
    tokList = new Int32Array(size);
    acc = new Float32Array(size);
    accPlain = new Float32Array(size);
    accCount = new Int32Array(size);
    foundDocs = new Int32Array(size);
    foundScores = new Float64Array(size);
    keys = new Float64Array(size);
    mark = new Int32Array(size);
    seamMark = new Int32Array(size);
    seamFields = new Uint8Array(size);
    stamp = searchStamp = markStamp = seamStamp = 0;
  }

  /** Field bit of an offset in a document's short text. */
  function fieldAt(d: number, pos: number): number {
    const text = shorts[d] ?? '';
    let seg = 0;
    for (let at = text.indexOf(SEP); at >= 0 && at < pos; at = text.indexOf(SEP, at + 1)) seg++;
    return seg === 0 ? (pos === 0 ? NAME | START : NAME) : seg <= (offerCount[d] ?? 0) ? OFFER : TAG;
  }

  /** Whether a description of `d` holds `text` (checked for thousands of documents a search: no allocation). */
  function descHas(d: number, text: string): boolean {
    if ((flags[d] ?? 0) & FOLDED_DESCS) return foldedDescs.get(d)?.some((t) => t.includes(text)) ?? false;
    const rec = recs[d];
    if (!rec) return false;
    if (rec.organization.description.includes(text)) return true;
    for (const o of rec.offers) if (o.description.includes(text)) return true;
    return false;
  }

  /** Folded description `i` of document `d`: the organization's, then each offer's. */
  function desc(d: number, i: number): string {
    const folded = (flags[d] ?? 0) & FOLDED_DESCS ? foldedDescs.get(d) : undefined;
    if (folded) return folded[i] ?? '';
    const rec = recs[d];
    return (i === 0 ? rec?.organization.description : rec?.offers[i - 1]?.description) ?? '';
  }

  function insert(record: SearchRecord): void {
    const org = record.organization;
    const d = count++;
    growDocs(count);
    const segments = [org.name, ...record.offers.map((o) => o.title), ...org.tags].map((s) => fold(s, r));
    const short = segments.join(SEP);
    const syl = r.read(short);
    recs[d] = record;
    shorts[d] = short;
    syls[d] = syl;
    byId.set(org.id, d);
    alive[d] = 1;
    live++;
    changed();

    let audience = 0;
    let hasCapacity = 0;
    let latest = Date.parse(org.updatedAt) || 0;
    const codes = new Set(org.categoryCodes);
    const areas = new Set(org.serviceAreaCodes);
    for (const o of record.offers) {
      codes.add(o.categoryCode);
      for (const a of o.serviceAreaCodes) areas.add(a);
      for (const a of o.audiences) audience |= AUDIENCE_BIT.get(a) ?? 0;
      // places left in the period (model.ts capacityLeft)
      if (o.status === 'open' && o.capacity.perPeriod > o.capacity.used) hasCapacity = HAS_CAPACITY;
      latest = Math.max(latest, Date.parse(o.updatedAt) || 0);
    }
    const stars = org.rating ? (RATING_LEVEL.get(org.rating) ?? 0) : 0;
    const status = org.registration.status;
    quality[d] = 1 + 0.02 * stars + (status === 'registered' ? 0.04 : status === 'filed' ? 0.02 : 0);
    rating[d] = stars;
    updated[d] = latest;
    audiences[d] = audience;
    flags[d] = hasCapacity;
    typeOf[d] = intern(typeIds, org.type);
    registrationOf[d] = intern(registrationIds, status);
    nameLength[d] = segments[0]?.length ?? 0;
    offerCount[d] = record.offers.length;
    const from = areaStart[d] ?? 0;
    areaPool = grown(areaPool, from + areas.size, (n) => new Int32Array(n));
    let at = from;
    for (const a of areas) areaPool[at++] = intern(areaIds, a);
    areaStart[d + 1] = at;
    for (const code of codes) {
      for (const key of new Set([code, code.split('.')[0] ?? code])) {
        const list = byCategory.get(key);
        if (list?.[list.length - 1] === d) continue;
        const focus = focusOn(record, key);
        if (!list) {
          byCategory.set(key, [d]);
          categoryFocus.set(key, [focus]);
        } else {
          list.push(d);
          categoryFocus.get(key)?.push(focus);
        }
      }
    }

    let start = 0;
    segments.forEach((s, seg) => {
      indexText(d, short, syl, start, start + s.length, seg === 0 ? NAME : seg <= record.offers.length ? OFFER : TAG);
      start += s.length + 1;
    });
    const first = syl.charCodeAt(0);
    const letter = first ? (syllables[first] ?? ' ').charCodeAt(0) : short.charCodeAt(0);
    if (letter >= 97 && letter <= 122) postings.add(listOf(nameInitial, letter), d, NAME | START);
    const descs = [org.description, ...record.offers.map((o) => o.description)];
    const folded = descs.map((s) => fold(s, r));
    if (folded.some((f, i) => f !== descs[i])) {
      foldedDescs.set(d, folded);
      flags[d] = (flags[d] ?? 0) | FOLDED_DESCS;
    }
    for (const text of folded) indexText(d, text, null, 0, text.length, DESC);
  }

  function indexText(d: number, text: string, syl: string | null, from: number, to: number, field: number): void {
    let prevChar = 0;
    let prevCp = 0;
    let prevInit = 0;
    let prevPrevInit = 0;
    let wordStart = -1;
    for (let i = from; i <= to; i++) {
      const c = i < to ? text.charCodeAt(i) : 32;
      const mask = field === NAME && i === from ? NAME | START : field;
      if (isWordChar(c)) {
        if (wordStart < 0) wordStart = i;
      } else if (wordStart >= 0) {
        if (i - wordStart <= 24) {
          const word = text.slice(wordStart, i);
          let list = words.get(word);
          if (list === undefined) {
            words.set(word, (list = postings.newList()));
            sortedWords = null;
          }
          postings.add(list, d, field === NAME && wordStart === from ? NAME | START : field);
        }
        wordStart = -1;
      }
      if (i < to && isHan(c)) {
        const cp = text.codePointAt(i) ?? c;
        const id = charId(cp);
        if (field !== DESC) postings.add(listOf(charUni, id), d, mask);
        if (prevChar) {
          const before = postings.lists;
          const key = prevChar * 32768 + id;
          const list = listOf(charBi, key);
          postings.add(list, d, field === NAME && i === from + 1 ? NAME | START : field);
          if (syl) {
            const a = syl.charCodeAt(i - 1);
            const b = syl.charCodeAt(i);
            if (a && b) recordReading(key, list, a * 1024 + b);
          } else if (postings.lists > before) {
            // first seen in a description: the pair read on its own (two-character words still apply)
            const pair = r.read(String.fromCodePoint(prevCp, cp));
            const a = pair.charCodeAt(0);
            const b = pair.charCodeAt(prevCp > 0xffff ? 2 : 1);
            if (a && b) recordReading(key, list, a * 1024 + b);
          }
        }
        prevChar = id;
        prevCp = cp;
        if (syl) {
          const s = syl.charCodeAt(i);
          const init = s ? (syllables[s] ?? ' ').charCodeAt(0) - 96 : 0;
          if (s) postings.add(listOf(sylUni, s), d, mask);
          if (init > 0 && prevInit > 0) {
            postings.add(listOf(initBi, prevInit * 32 + init), d, field === NAME && i === from + 1 ? NAME | START : field);
            if (prevPrevInit > 0) postings.add(listOf(initTri, (prevPrevInit * 32 + prevInit) * 32 + init), d, field === NAME && i === from + 2 ? NAME | START : field);
          }
          prevPrevInit = prevInit;
          prevInit = init;
        }
        if (cp > 0xffff) i++;
      } else {
        prevChar = prevInit = prevPrevInit = 0;
      }
    }
  }

  // ------------------------------------------------------------ the taxonomy
  let vocab: VocabTerm[] = [];
  /** The taxonomy's words, folded, less its slips (心里咨询): typed as they are, they mean themselves. */
  const vocabWords = new Set<string>();
  /** Every piece of two to four characters of the taxonomy's texts: words the directory knows, even where no organization's text holds them. */
  const vocabPieces = new Set<string>();
  const vocabCache = new Map<string, Map<string, number>>();
  /** The words of the taxonomy's English texts (time bank: time, bank). */
  const vocabEnglish = new Set<string>();
  /** The taxonomy's words (as vocabWords) by each character they hold: where a text may stand (see seamsOf). */
  const vocabWordsByChar = new Map<string, string[]>();
  /** The taxonomy's Han words of three or more characters, by their first character and by their last: see seamsOf. */
  const seamWords = new Map<string, Set<string>>();
  const seamWordsEnding = new Map<string, Set<string>>();
  function buildVocab(): void {
    vocab = [];
    vocabWords.clear();
    vocabEnglish.clear();
    vocabWordsByChar.clear();
    vocabPieces.clear();
    vocabReadings.clear();
    vocabCache.clear();
    seamCache.clear();
    straddled.clear();
    pinyinSentences.clear();
    seamWords.clear();
    seamWordsEnding.clear();
    for (const top of taxonomy) {
      for (const cat of [top, ...top.children]) {
        const texts = new Set<string>([cat.labels[locale], cat.labels['zh-CN'], cat.labels['zh-TW'], cat.labels.en, ...cat.synonyms]);
        const own: VocabTerm[] = [];
        for (const text of texts) {
          const folded = fold(text, r);
          const syl = r.read(folded);
          // a synonym read like another of its category but written otherwise is a slip kept for finding (心里咨询), never offered
          const slip = isHan(folded.charCodeAt(0)) && own.some((v) => v.syl === syl && v.folded !== folded);
          const shown = text === cat.labels[locale] ? 'label' : locale === 'zh-CN' && !slip && cat.synonyms.includes(text) && folded === text.toLowerCase() ? 'synonym' : null;
          if (!slip && !vocabWords.has(folded)) {
            vocabWords.add(folded);
            for (const ch of new Set(folded)) {
              const list = vocabWordsByChar.get(ch);
              if (list) list.push(folded);
              else vocabWordsByChar.set(ch, [folded]);
            }
          }
          for (const word of folded.match(/[a-z]{3,}/gu) ?? []) vocabEnglish.add(word);
          if (!slip && folded.length >= 3 && isHan(folded.charCodeAt(0))) {
            for (const [map, at] of [
              [seamWords, folded.charAt(0)],
              [seamWordsEnding, folded.slice(-1)],
            ] as const)
              map.set(at, (map.get(at) ?? new Set()).add(folded));
          }
          const chars = [...folded];
          for (let i = 0; i < chars.length; i++) for (let j = i + 2; j <= Math.min(chars.length, i + MAX_WORD); j++) vocabPieces.add(chars.slice(i, j).join(''));
          const other = locale === 'zh-CN' ? cat.labels['zh-TW'] : locale === 'zh-TW' ? cat.labels['zh-CN'] : null;
          own.push({ code: cat.code, text, folded, syl, shown, foreign: text === other && shown === null });
        }
        vocab.push(...own);
      }
    }
  }

  /**
   * How a Han text can be the seam of two words (老人 in 敬老|人民调解): a
   * taxonomy word of three or more characters that begins on the text's last
   * character (人民调解) or ends on its first (居家养老), joined to the text.
   * Only by one character: where more overlap, that is a word of its own
   * (调解 in 医患纠纷调解|工作室).
   */
  interface Seams {
    /** Joins by the character after the text: 民 → 老人民调解. */
    after: Map<string, string[]>;
    /** Joins by the character before the text, with the text's offset in them: 家 → 居家养老人 at 3. */
    before: Map<string, { join: string; at: number }[]>;
    /** Words holding the whole text (医患纠纷调解 for 医患纠纷), with its offset: where one stands, the text is meant. */
    wholes: { join: string; at: number }[];
    /** Words holding the text only across one of their own words (中医保健 for 医保, see crossesWord), with its offsets. */
    crossing: { join: string; at: number }[];
  }
  const seamCache = new Map<string, Seams | null>();
  /** By text (and reading, as `verified`): the documents whose names hold it only across a seam, with their other fields. */
  const straddled = new Map<string, { docs: Int32Array; fields: Uint8Array }>();
  function seamsOf(text: string): Seams | null {
    let found = seamCache.get(text);
    if (found !== undefined) return found;
    const after = new Map<string, string[]>();
    const before = new Map<string, { join: string; at: number }[]>();
    // a seam no text of the directory holds the other side of cannot be met
    const held = (pair: string) => usage(pair) > 0;
    for (const w of seamWords.get(text.slice(-1)) ?? []) {
      if (!held(w.slice(0, 2))) continue;
      const next = w.charAt(1);
      after.set(next, [...(after.get(next) ?? []), text + w.slice(1)]);
    }
    for (const w of seamWordsEnding.get(text.charAt(0)) ?? []) {
      if (!held(w.slice(-2))) continue;
      const prev = w.charAt(w.length - 2);
      before.set(prev, [...(before.get(prev) ?? []), { join: w + text.slice(1), at: w.length - 1 }]);
    }
    const wholes: Seams['wholes'] = [];
    const crossing: Seams['crossing'] = [];
    for (const w of vocabWordsByChar.get(text.charAt(0)) ?? []) {
      if (w === text || !w.includes(text)) continue;
      const places: number[] = [];
      for (let at = w.indexOf(text); at >= 0; at = w.indexOf(text, at + 1)) places.push(at);
      const meant = places.find((at) => !crossesWord(w, at, text.length));
      if (meant !== undefined) wholes.push({ join: w, at: meant });
      else for (const at of places) crossing.push({ join: w, at });
    }
    for (const c of crossing) {
      const prev = c.join.charAt(c.at - 1);
      before.set(prev, [...(before.get(prev) ?? []), c]);
    }
    found = after.size || before.size ? { after, before, wholes, crossing } : null;
    if (seamCache.size > SEAM_CACHE) seamCache.clear();
    seamCache.set(text, found);
    return found;
  }

  /** Whether every place `d`'s name holds `text` is such a seam: the name does not mean the text. */
  function nameStraddles(d: number, text: string, seams: Seams): boolean {
    const short = shorts[d] ?? '';
    let end = short.indexOf(SEP);
    if (end < 0) end = short.length;
    let seen = false;
    for (let at = short.indexOf(text); at >= 0 && at < end; at = short.indexOf(text, at + 1)) {
      const seam =
        seams.after.get(short.charAt(at + text.length))?.some((join) => short.startsWith(join, at)) ||
        seams.before.get(short.charAt(at - 1))?.some((s) => at >= s.at && short.startsWith(s.join, at - s.at));
      if (!seam) return false;
      if (seams.wholes.some((s) => at >= s.at && short.startsWith(s.join, at - s.at))) return false;
      seen = true;
    }
    return seen;
  }

  /** Categories whose labels or synonyms match the term, with the match's tier. */
  function vocabMatches(term: Term): Map<string, number> {
    const cached = vocabCache.get(term.text);
    if (cached) return cached;
    const found = new Map<string, number>();
    for (const v of vocab) {
      let tier = 0;
      let at: number;
      if (term.han && wholeAt(v, term.text) >= 0) tier = EXACT;
      else if (term.latin && (at = wordAt(v.folded, term.text, 0)) >= 0) tier = isWordChar(v.folded.charCodeAt(at + term.text.length)) ? WORD_PREFIX : EXACT;
      else for (const p of term.parses) if (p.tier > tier && wholeUnitsAt(v, p.units) >= 0) tier = p.tier;
      if (tier > (found.get(v.code) ?? 0)) found.set(v.code, tier);
    }
    if (vocabCache.size > 500) vocabCache.clear();
    vocabCache.set(term.text, found);
    return found;
  }

  /** Where `text` first stands in a taxonomy text without crossing one of its words (see crossesWord), or -1. */
  function wholeAt(v: VocabTerm, text: string): number {
    let at = v.folded.indexOf(text);
    while (at >= 0 && crossesWord(v.folded, at, text.length)) at = v.folded.indexOf(text, at + 1);
    return at;
  }

  /** The same for syllables read. */
  function wholeUnitsAt(v: VocabTerm, units: Unit[]): number {
    let at = findUnits(v.syl, units);
    while (at >= 0 && crossesWord(v.folded, at, units.length)) at = findUnits(v.syl, units, at + 1);
    return at;
  }

  /** The offered entries of the vocabulary that show `term`: where it first occurs, and whether as typed or by its sound. */
  function vocabEntries(term: Term): { v: VocabTerm; at: number; literal: boolean; read: string; tier: number }[] {
    const out: { v: VocabTerm; at: number; literal: boolean; read: string; tier: number }[] = [];
    for (const v of vocab) {
      if (!v.shown) continue;
      let at = term.han ? wholeAt(v, term.text) : term.latin ? wordAt(v.folded, term.text, 0) : -1;
      const literal = at >= 0;
      let read = literal ? term.text : '';
      let tier = literal ? EXACT : 0;
      if (!literal || at > 0) {
        // the earliest place the letters read, by their best reading there
        for (const p of term.parses) {
          const found = wholeUnitsAt(v, p.units);
          if (found >= 0 && (at < 0 || found < at || (found === at && p.tier > tier))) {
            at = found;
            tier = p.tier;
            // one syllable reads a character; the pair it starts says more of which word is meant (养老 over 阳光)
            read = v.folded.slice(found, found + Math.max(2, p.units.length));
          }
        }
      }
      if (at >= 0) out.push({ v, at, literal, read, tier });
    }
    return out;
  }

  // ------------------------------------------------------------ query terms
  const termCache = new Map<string, Term[]>();

  function terms(query: string): Term[] {
    // search and suggest parse the same text on each keystroke
    let cached = termCache.get(query);
    if (!cached) {
      if (termCache.size >= 256) termCache.clear();
      termCache.set(query, (cached = parseTerms(query)));
    }
    return cached;
  }

  function parseTerms(query: string): Term[] {
    const q = fold(query.slice(0, MAX_QUERY), r);
    const out: Term[] = [];
    let start = -1;
    for (let i = 0; i <= q.length; i++) {
      const c = i < q.length ? q.charCodeAt(i) : 32;
      // the low half of an astral ideograph stays with its high half
      const inToken = isHan(c) || isWordChar(c) || (c >= 0xdc00 && c <= 0xdfff && isHan(q.charCodeAt(i - 1)));
      if (inToken && start < 0) start = i;
      else if (!inToken && start >= 0) {
        // the last word, with nothing typed after it, is still being typed
        out.push(...term(q.slice(start, i), i === q.length));
        start = -1;
      }
    }
    return out.slice(0, MAX_TOKENS);
  }

  /** One token, or its script runs when it mixes scripts in a way that cannot be read as one pinyin sequence. */
  function term(text: string, typing: boolean, initialsFirst = false): Term[] {
    // pinyin with tone marks or ü (yǎnglǎo, lǜshī) is read as the letters an IME takes; words keep them (Müller)
    const letters = /[\u00c0-\u024f]/u.test(text) ? plainPinyin(text) : text;
    const chars = [...text];
    const han = chars.every((ch) => isHan(ch.charCodeAt(0)));
    const latin = !han && chars.every((ch) => isWordChar(ch.charCodeAt(0)));
    const parses: Parse[] = [];
    const add = (units: Unit[], abbreviated: boolean): void => {
      const tier = abbreviated ? INITIALS : units.every((u) => u.full) ? PINYIN : TYPING;
      const read = typing && !abbreviated ? widenLast(units, r) : units;
      // two parses may stand for the same syllables (y + l typed, y + l as initials)
      const same = parses.find((p) => p.units.length === read.length && p.units.every((u, i) => u.ids.join() === read[i]?.ids.join()));
      // the same syllables typed in full or begun are read so, not as initials (yangl: yang + l…)
      if (!same) parses.push({ units: read, tier, abbreviated });
      else if (same.abbreviated && !abbreviated) Object.assign(same, { units: read, tier, abbreviated });
      else if (same.abbreviated === abbreviated && tier > same.tier) Object.assign(same, { units: read, tier, abbreviated });
    };
    if (han) {
      const units = unitsOfHan(r.read(text), r);
      if (units && units.length >= 2) parses.push({ units, tier: HOMOPHONE, abbreviated: false });
    } else if (latin) {
      const all = parsePinyin(letters, r, initialsFirst);
      // two letters that begin a syllable (sh, zh) are that syllable being typed, not two initials
      const spelled = letters.length <= 2 && all.some((p) => !p.abbreviated);
      // an English word is no syllables with initials (bank: ban k, 半课; help: he l p); whole syllables it may be (fan, long)
      const english = letters.length >= 3 && (words.has(letters) || vocabEnglish.has(letters) || ENGLISH_ASKING.has(letters));
      for (const p of all) if (!(spelled && p.abbreviated) && !(english && (p.abbreviated || !p.units.every((u) => u.full)))) add(p.units, p.abbreviated > 0);
      if (english) return [{ text, han, latin, parses, spelled: null, complete: true, english }];
    } else if ([...letters].every((ch) => isHan(ch.charCodeAt(0)) || /[a-z]/u.test(ch))) {
      // yang老: Han read by its syllables, letters by their likeliest parses, as one sequence
      const runs = letters.match(/\p{Script=Han}+|[a-z]+/gu) ?? [];
      let alternatives: { units: Unit[]; abbreviated: boolean }[] = [{ units: [], abbreviated: false }];
      for (const run of runs) {
        let next: { units: Unit[]; abbreviated: boolean }[] = [];
        if (run.length === 1 && run < '{') next = [{ units: [{ ids: syllablesWithPrefix(r, run), letter: run, full: false }], abbreviated: true }];
        else if (run < '{') next = parsePinyin(run, r).map((p) => ({ units: p.units, abbreviated: p.abbreviated > 0 }));
        else next = [{ units: unitsOfHan(r.read(run), r) ?? [], abbreviated: false }].filter((u) => u.units.length);
        alternatives = alternatives.flatMap((a) => next.map((n) => ({ units: [...a.units, ...n.units], abbreviated: a.abbreviated || n.abbreviated }))).slice(0, 6);
      }
      for (const a of alternatives) if (a.units.length >= 2) add(a.units, a.abbreviated);
    }
    // no reading joins the runs (digits in 3号楼): each run is a word of its own
    if (!han && !latin && !parses.length) {
      const runs = text.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? [];
      return runs.length > 1 ? runs.flatMap((run, i) => term(run, typing && i === runs.length - 1)) : [];
    }
    return [{ text, han, latin, parses, spelled: null, complete: true }];
  }

  /**
   * The term's sound spelled in characters: every chain of bigrams the index
   * has seen read as the units, one after another (yanglao → 养老, 洋老…).
   */
  function spell(term: Term): Map<string, Parse> {
    if (term.spelled) return term.spelled;
    const out = new Map<string, Parse>();
    let steps = 0;
    for (const { units, tier, abbreviated } of term.parses) {
      const k = units.length;
      if (k < 2) continue;
      // for each adjacent pair: first character → [second character, its syllable, …]
      const pairs: Map<number, number[]>[] = [];
      for (let i = 0; i + 1 < k; i++) {
        const byFirst = new Map<number, number[]>();
        for (const a of units[i]?.ids ?? []) {
          for (const b of units[i + 1]?.ids ?? []) {
            for (const key of spellings.get(a * 1024 + b) ?? []) {
              const first = Math.floor(key / 32768);
              const list = byFirst.get(first);
              if (list) list.push(key % 32768, b);
              else byFirst.set(first, [key % 32768, b]);
            }
          }
        }
        pairs.push(byFirst);
      }
      const chain: number[] = [];
      const last = units[k - 1];
      const walk = (i: number, id: number, syl: number): boolean => {
        if (++steps > SPELL_STEPS) return false;
        chain[i] = id;
        if (i === k - 1) {
          const cps = chain.map((c) => charOf[c] ?? 0);
          if (cps.includes(0)) return true;
          if (out.size >= (abbreviated && k > 2 ? SPELLINGS_CHECKED : SPELLINGS)) return false;
          const text = String.fromCodePoint(...cps);
          const t = last?.exact !== undefined && syl !== last.exact ? TYPING : tier;
          if (t > (out.get(text)?.tier ?? 0)) out.set(text, { units, tier: t, abbreviated });
          return true;
        }
        const next = pairs[i]?.get(id) ?? [];
        for (let j = 0; j < next.length; j += 2) if (!walk(i + 1, next[j] ?? 0, next[j + 1] ?? 0)) return false;
        return true;
      };
      for (const first of pairs[0]?.keys() ?? []) {
        if (!walk(0, first, 0)) {
          term.complete = false;
          break;
        }
      }
    }
    return (term.spelled = out);
  }

  // ------------------------------------------------------------ per-search scratch, indexed by document
  let tokScore = new Float32Array(1024);
  let tokStamp = new Int32Array(1024);
  let tokList = new Int32Array(1024);
  let tokN = 0;
  let stamp = 0;
  let acc = new Float32Array(1024);
  /** matchMost: each document's match scores, summed without their words' rarity. */
  let accPlain = new Float32Array(1024);
  let accCount = new Int32Array(1024);
  let searchStamp = 0;
  let foundDocs = new Int32Array(1024);
  let foundScores = new Float64Array(1024);
  let nFound = 0;
  let keys = new Float64Array(1024);
  let mark = new Int32Array(1024);
  let markStamp = 0;
  /** Documents whose names hold the text being scored only across a seam (see seamsOf). */
  let seamMark = new Int32Array(1024);
  /** Their fields other than the name (see fieldsPastName). */
  let seamFields = new Uint8Array(1024);
  let seamStamp = 0;
  const a = new Scratch();
  const b = new Scratch();
  const c = new Scratch();
  /** Matches of texts no one posting list proves, as checked against the text, for the current state of the index. */
  const verified = new Map<string, { docs: Int32Array; masks: Uint8Array }>();
  let verifiedSize = 0;

  /** Scores `d` for the current term, keeping its best match. */
  function touch(d: number, score: number): void {
    if (tokStamp[d] !== stamp) {
      tokStamp[d] = stamp;
      tokScore[d] = score;
      tokList[tokN++] = d;
    } else if (score > (tokScore[d] ?? 0)) tokScore[d] = score;
  }

  /** A mask's weight, with the bonus for a name that starts with the match or is mostly the match. */
  function scoreOf(d: number, mask: number, length: number): number {
    const w = W[mask & 15] ?? 0;
    return mask & NAME ? w + (mask & START ? 3 : 0) + (2 * length) / Math.max(1, nameLength[d] ?? 1) : w;
  }

  /**
   * Documents holding every one of `lists` in a field of `mask`, into `c`;
   * returns how many. Only the two smallest lists are intersected: callers
   * verify the text when one list does not prove the match.
   */
  function candidates(lists: number[], mask: number): number {
    const sorted = [...new Set(lists)].sort((x, y) => postings.count(x) - postings.count(y));
    const first = sorted[0];
    if (first === undefined) return 0;
    const n = postings.decode(first, a, alive);
    c.ensure(n);
    let k = 0;
    const second = sorted[1];
    if (second === undefined) {
      for (let i = 0; i < n; i++) {
        const m = (a.masks[i] ?? 0) & mask;
        if (m & 15) {
          c.docs[k] = a.docs[i] ?? 0;
          c.masks[k++] = m;
        }
      }
      return k;
    }
    const n2 = postings.decode(second, b, alive);
    for (let i = 0, j = 0; i < n && j < n2; i++) {
      const d = a.docs[i] ?? 0;
      while (j < n2 && (b.docs[j] ?? 0) < d) j++;
      if (b.docs[j] === d) {
        const m = (a.masks[i] ?? 0) & (b.masks[j] ?? 0) & mask;
        if (m & 15) {
          c.docs[k] = d;
          c.masks[k++] = m;
        }
      }
    }
    return k;
  }

  /**
   * Where `text` occurs in `d` (its field bits), its characters read as
   * `units` in the short fields when given. Only the best field counts for
   * the score: the name is checked first, descriptions only when nothing
   * else holds it.
   */
  function fieldsWith(d: number, text: string, units: Unit[] | null, hint: number): number {
    let mask = 0;
    if (hint & SHORT) {
      const short = shorts[d] ?? '';
      const syl = syls[d] ?? '';
      for (let at = short.indexOf(text); at >= 0 && !(mask & NAME); at = short.indexOf(text, at + 1)) {
        if (!units || unitsAt(syl, units, at)) mask |= fieldAt(d, at);
      }
    }
    if (hint & DESC && !mask && descHas(d, text)) mask = DESC;
    return mask;
  }

  /**
   * The fields other than the name holding `text` (fieldsWith stops at the
   * name), leaving out places where it only crosses a word of a taxonomy
   * text (医保 in an offer or tag 中医保健).
   */
  function fieldsPastName(d: number, text: string, seams: Seams): number {
    const short = shorts[d] ?? '';
    const end = short.indexOf(SEP);
    let mask = 0;
    if (end >= 0)
      for (let at = short.indexOf(text, end); at >= 0; at = short.indexOf(text, at + 1)) {
        if (!crossedAt(short, at, seams)) mask |= fieldAt(d, at);
      }
    return mask || (descHas(d, text) ? DESC : 0);
  }

  /** Whether the text at `at` of a document's short fields only crosses a word of a taxonomy text standing there. */
  function crossedAt(short: string, at: number, seams: Seams): boolean {
    return seams.crossing.some((s) => at >= s.at && short.startsWith(s.join, at - s.at));
  }

  /** Whether every place `d`'s name holds `text` is inside such a taxonomy text (华阳中医保健服务社 for 医保). */
  function nameCrossed(d: number, text: string, seams: Seams): boolean {
    const short = shorts[d] ?? '';
    const end = nameLength[d] ?? 0;
    for (let at = short.indexOf(text); at >= 0 && at < end; at = short.indexOf(text, at + 1)) if (!crossedAt(short, at, seams)) return false;
    return true;
  }

  /** Documents with `text` (Han), scored at `tier`; with `units`, short fields must also read so. */
  function evaluateText(text: string, units: Unit[] | null, tier: number): void {
    const ids = [...text].map((ch) => charIds.get(ch.codePointAt(0) ?? 0) ?? -1);
    if (ids.includes(-1)) return;
    const lists = ids.length === 1 ? [charUni.get(ids[0] ?? 0)] : ids.slice(1).map((id, i) => charBi.get((ids[i] ?? 0) * 32768 + id));
    if (lists.some((l) => l === undefined)) return;
    const found = lists as number[];
    // a text spelled from initials (村居 for cj) is no word anyone typed: its seams are not looked for
    const fromInitials = units?.some((u) => !u.full && u.exact === undefined) === true;
    // the syllables need checking only where a bigram of the text is read more than one way
    if (units && !(ids.length > 1 && found.some((l) => bigramAmbiguous[l]))) units = null;
    const key = units ? `${text}\u0000${units.map((u) => u.ids.join()).join('/')}` : text;
    // one list proves the match: a bigram or a character
    const proven = found.length === 1 && !units;
    let docs: Int32Array;
    let masks: Uint8Array;
    let n: number;
    if (proven) {
      n = candidates(found, SHORT | DESC | START);
      ({ docs, masks } = c);
    } else {
      // checking each candidate's text is the costly part, and typing asks for the same text again
      let known = verified.get(key);
      if (known) verified.delete(key);
      else {
        const m = candidates(found, SHORT | DESC | START);
        const keep = new Int32Array(m);
        const fields = new Uint8Array(m);
        let k = 0;
        for (let i = 0; i < m; i++) {
          const d = c.docs[i] ?? 0;
          const mask = fieldsWith(d, text, units, c.masks[i] ?? 0);
          if (mask & 15) {
            keep[k] = d;
            fields[k++] = mask;
          }
        }
        known = { docs: keep.slice(0, k), masks: fields.slice(0, k) };
        verifiedSize += k;
        // the oldest go first when the budget is spent
        for (const [old, v] of verified) {
          if (verifiedSize <= VERIFIED_BUDGET) break;
          verified.delete(old);
          verifiedSize -= v.docs.length;
        }
      }
      verified.set(key, known);
      ({ docs, masks } = known);
      n = docs.length;
    }
    const seams = text.length > 1 && !fromInitials ? seamsOf(text) : null;
    let seamed = 0;
    if (seams) {
      let known = straddled.get(key);
      if (!known) {
        const out: number[] = [];
        const fields: number[] = [];
        const crossing = seams.crossing.length > 0;
        for (let i = 0; i < n; i++) {
          const d = docs[i] ?? 0;
          const mask = masks[i] ?? 0;
          if (mask & NAME) {
            if (!nameStraddles(d, text, seams)) continue;
            // a name holding the text only across two words is found by the other fields, or as weakly as a description
            // (not at all if those words are the taxonomy's); one list's masks hold every field, a checked text's stop at the name
            out.push(d);
            const other = proven && !crossing ? mask & ~(NAME | START) : fieldsPastName(d, text, seams) | (mask & DESC);
            fields.push(other || (crossing && nameCrossed(d, text, seams) ? 0 : DESC));
          } else if (crossing && mask & (OFFER | TAG)) {
            // offers and tags holding it only inside other words do not hold it
            const meant = fieldsPastName(d, text, seams) | (mask & DESC);
            if (meant === (mask & (OFFER | TAG | DESC))) continue;
            out.push(d);
            fields.push(meant);
          }
        }
        known = { docs: Int32Array.from(out), fields: Uint8Array.from(fields) };
        if (straddled.size > SEAM_CACHE) straddled.clear();
        straddled.set(key, known);
      }
      if (known.docs.length) {
        seamed = ++seamStamp;
        known.docs.forEach((d, i) => {
          seamMark[d] = seamed;
          seamFields[d] = known.fields[i] ?? 0;
        });
      }
    }
    for (let i = 0; i < n; i++) {
      const d = docs[i] ?? 0;
      let mask = masks[i] ?? 0;
      if (seamed && seamMark[d] === seamed) mask = seamFields[d] ?? 0;
      if (mask & 15) touch(d, scoreOf(d, mask, text.length) * tier);
    }
  }

  /** Documents whose short fields read `units` (one parse), from the syllable and initials lists. */
  function evaluateUnits(units: Unit[], tier: number): void {
    const k = units.length;
    const first = units[0];
    if (!first) return;
    if (k === 1) {
      // one syllable, or the syllables an unfinished one may become
      for (const id of first.ids) {
        const list = sylUni.get(id);
        if (list === undefined) continue;
        const n = postings.decode(list, a, alive);
        const t = first.exact !== undefined && id !== first.exact ? TYPING : tier;
        for (let i = 0; i < n; i++) {
          const d = a.docs[i] ?? 0;
          touch(d, scoreOf(d, a.masks[i] ?? 0, 1) * t);
        }
      }
      return;
    }
    const letter = (u: Unit | undefined): number => (u?.letter.charCodeAt(0) ?? 96) - 96;
    const lists: number[] = [];
    for (let i = 0; i + 1 < k; i++) {
      const w = units[i + 2];
      const l = w ? initTri.get((letter(units[i]) * 32 + letter(units[i + 1])) * 32 + letter(w)) : initBi.get(letter(units[i]) * 32 + letter(units[i + 1]));
      if (l === undefined) return;
      if (w || i === 0) lists.push(l);
    }
    const n = candidates(lists, SHORT | START);
    const last = units[k - 1];
    const { docs, masks } = c;
    // two or three bare initials are exactly one posting list: nothing to check
    const exact = k <= 3 && units.every((u) => !u.full && u.exact === undefined && u.letter.length === 1 && u.ids.length === syllablesWithPrefix(r, u.letter).length);
    for (let i = 0; i < n; i++) {
      const d = docs[i] ?? 0;
      if (exact) {
        touch(d, scoreOf(d, masks[i] ?? 0, k) * tier);
        continue;
      }
      const syl = syls[d] ?? '';
      let mask = 0;
      let best = 0;
      for (let at = findUnits(syl, units); at >= 0; at = findUnits(syl, units, at + 1)) {
        mask |= fieldAt(d, at);
        best = Math.max(best, last?.exact !== undefined && syl.charCodeAt(at + k - 1) !== last.exact ? TYPING : tier);
      }
      if (mask) touch(d, scoreOf(d, mask, k) * best);
    }
  }

  function evaluateSound(term: Term): void {
    const spelled = spell(term);
    // letters stand for many words, initials most; the common ones are what people mean (xl: 心理 before 徐兰,
    // sq: 社区 before 石泉, jiating: 家庭 before 贾婷). Characters typed are read by their sound as they are
    const used = term.latin ? [...spelled.keys()].map(usage) : [];
    const most = Math.log1p(Math.max(1, ...used));
    // and where the letters spell a word of the taxonomy, they mean it before rarer characters
    // (zhuyu: 助浴 before 朱雨兰…), as a word typed in characters means itself; not before
    // commoner ones (sg: 社工 before 手工)
    let meant = 0;
    [...spelled.keys()].forEach((text, k) => {
      if (term.latin && vocabWords.has(text)) meant = Math.max(meant, used[k] ?? 0);
    });
    // every field, through the characters that read so
    let i = 0;
    for (const [text, { units, tier }] of spelled) {
      let scale = term.latin ? RARE_READING + (1 - RARE_READING) * (Math.log1p(used[i] ?? 0) / most) : 1;
      if ((used[i] ?? 0) < meant && !vocabWords.has(text)) scale *= RARE_READING;
      evaluateText(text, units, tier * scale);
      i++;
    }
    for (const p of term.parses) {
      // one syllable has no spelling; two initials are one exact list; and names, offers and tags never miss a reading.
      // What is found only so, initials read as none of the spellings above, counts as a rare reading
      const tier = p.abbreviated && p.units.length > 1 ? p.tier * RARE_READING : p.tier;
      if (p.units.length === 1 || (p.abbreviated && p.units.length < 3) || !term.complete) evaluateUnits(p.units, tier);
    }
  }

  /** About how many documents hold `text` (Han): the fewest of its character pairs' lists, or its one character's. */
  function usage(text: string): number {
    const ids = [...text].map((ch) => charIds.get(ch.codePointAt(0) ?? 0) ?? -1);
    // a character no organization's text holds: no document holds the text (and -1 is no list's key)
    if (ids.includes(-1)) return 0;
    if (ids.length === 1) {
      const list = charUni.get(ids[0] ?? 0);
      return list === undefined ? 0 : postings.count(list);
    }
    let fewest = Infinity;
    for (let i = 0; i + 1 < ids.length; i++) {
      const list = charBi.get((ids[i] ?? 0) * 32768 + (ids[i + 1] ?? 0));
      fewest = Math.min(fewest, list === undefined ? 0 : postings.count(list));
    }
    return Number.isFinite(fewest) ? fewest : 0;
  }

  /** Scores every document matching `term` into tokScore; returns how many (listed in tokList). */
  function evaluate(term: Term): number {
    tokN = 0;
    if (++stamp >= 0x7ffffff0) {
      tokStamp.fill(0);
      stamp = 1;
    }
    const text = term.text;
    if (term.han) for (const form of [text, ...otherForms(text)]) evaluateText(form, null, EXACT);
    else if (term.latin) {
      for (const word of wordsFor(text)) {
        const list = words.get(word);
        if (list === undefined) continue;
        const n = postings.decode(list, a, alive);
        const tier = word === text ? EXACT : WORD_PREFIX;
        for (let i = 0; i < n; i++) {
          const d = a.docs[i] ?? 0;
          touch(d, scoreOf(d, a.masks[i] ?? 0, text.length) * tier);
        }
      }
      if (text.length === 1 && text < '{') {
        // one letter: names whose first syllable or word starts with it
        const list = nameInitial.get(text.charCodeAt(0));
        if (list !== undefined) {
          const n = postings.decode(list, a, alive);
          for (let i = 0; i < n; i++) {
            const d = a.docs[i] ?? 0;
            touch(d, scoreOf(d, NAME | START, 1) * INITIALS);
          }
        }
      }
    }
    // sound-alikes only when the characters themselves found little: 心里咨询 for 心理咨询. A word of the
    // taxonomy typed as it is means itself: 家教 read as 朱家角, or 失智 as 施志…工作室, came first otherwise
    if (!term.han || (tokN < FEW && !vocabWords.has(text))) evaluateSound(term);
    // the taxonomy: a category whose label or synonym matches brings its organizations
    // (those whose work it is first: a choir before a martial-arts association that also runs one)
    for (const [code, tier] of vocabMatches(term)) {
      const docs = byCategory.get(code) ?? [];
      const focus = categoryFocus.get(code) ?? [];
      const least = CATEGORY * tier * UNFOCUSED;
      const perPercent = (CATEGORY * tier * (1 - UNFOCUSED)) / 100;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i] ?? 0;
        if (alive[d]) touch(d, least + perPercent * (focus[i] ?? 100));
      }
    }
    return tokN;
  }

  function wordsFor(text: string): string[] {
    const list = (sortedWords ??= [...words.keys()].sort());
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] ?? '') < text) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    // one letter completes only to whole words, or every word starting with it would match
    for (let i = lo; i < list.length && out.length < 64; i++) {
      const w = list[i] ?? '';
      if (!w.startsWith(text)) break;
      if (text.length > 1 || w === text) out.push(w);
    }
    return out;
  }

  /** The first place at or after `from` where a word of `text` starts with `word`, or -1. */
  function wordAt(text: string, word: string, from: number): number {
    for (let at = text.indexOf(word, from); at >= 0; at = text.indexOf(word, at + 1)) {
      if (at === 0 || !isWordChar(text.charCodeAt(at - 1))) return at;
    }
    return -1;
  }


  function found(d: number, score: number): void {
    foundDocs[nFound] = d;
    foundScores[nFound++] = score;
  }

  /** How many documents each term of this search matched on its own (matchAll). */
  const termHits = new Map<Term, number>();
  function matchAll(terms: Term[], keep: (d: number) => boolean): void {
    // accCount holds search stamp × 16 + terms matched, so stale counts never need clearing
    if (++searchStamp >= 0x7ffffff) {
      accCount.fill(0);
      searchStamp = 1;
    }
    const base = searchStamp * 16;
    let last = 0;
    terms.forEach((term, t) => {
      const n = evaluate(term);
      termHits.set(term, n);
      last = 0;
      for (let i = 0; i < n; i++) {
        const d = tokList[i] ?? 0;
        const s = tokScore[d] ?? 0;
        if (t === 0) acc[d] = s;
        else if (accCount[d] === base + t) acc[d] = (acc[d] ?? 0) + s;
        else continue;
        accCount[d] = base + t + 1;
        tokList[last++] = d;
      }
    });
    for (let i = 0; i < last; i++) {
      const d = tokList[i] ?? 0;
      if (keep(d)) found(d, (acc[d] ?? 0) * (quality[d] ?? 1));
    }
  }

  function fuzzy(query: string, terms: Term[], keep: (d: number) => boolean): void {
    // candidates: documents sharing the most grams with the query; grams in over a
    // fifth of the documents say little and cost most, so they are skipped
    const counts = tokScore;
    const list: number[] = [];
    if (++stamp >= 0x7ffffff0) {
      tokStamp.fill(0);
      stamp = 1;
    }
    const common = Math.max(50, live / 5);
    const bump = (l: number | undefined): void => {
      if (l === undefined || postings.count(l) > common) return;
      const n = postings.decode(l, a, alive);
      for (let i = 0; i < n; i++) {
        if (!((a.masks[i] ?? 0) & SHORT)) continue;
        const d = a.docs[i] ?? 0;
        if (tokStamp[d] !== stamp) {
          tokStamp[d] = stamp;
          counts[d] = 0;
          list.push(d);
        }
        counts[d] = (counts[d] ?? 0) + 1;
      }
    };
    for (const term of terms) {
      if (term.han) {
        const ids = [...term.text].map((ch) => charIds.get(ch.codePointAt(0) ?? 0) ?? -1);
        ids.forEach((id, i) => {
          const next = ids[i + 1];
          // a character no text holds (-1) is in no pair; its key would alias another's
          if (id < 0 || (next !== undefined && next < 0)) return;
          if (next !== undefined) bump(charBi.get(id * 32768 + next));
          else if (ids.length === 1) bump(charUni.get(id));
        });
      } else if (term.latin && term.text.length >= 3) {
        for (const w of wordsFor(term.text.slice(0, 3))) bump(words.get(w));
      }
      // letters: the characters their whole syllables are read as (Han terms counted their own above)
      for (const { units } of term.han ? [] : term.parses) {
        units.forEach((u, i) => {
          const v = units[i + 1];
          if (v && u.full && v.full) for (const key of spellings.get((u.ids[0] ?? 0) * 1024 + (v.ids[0] ?? 0)) ?? []) bump(charBi.get(key));
        });
      }
    }
    const already = new Set(foundDocs.subarray(0, nFound));
    // the documents sharing most grams, by buckets of counts: no sort of every document that shares one
    const buckets: number[][] = [];
    for (const d of list) (buckets[counts[d] ?? 0] ??= []).push(d);
    const top: number[] = [];
    for (let n = buckets.length - 1; n > 0 && top.length < FUZZY_CANDIDATES; n--) {
      for (const d of (buckets[n] ?? []).sort((x, y) => x - y)) {
        if (top.length === FUZZY_CANDIDATES) break;
        if (!already.has(d) && keep(d)) top.push(d);
      }
    }
    const items: FuzzyItem[] = top.map((d) => {
      const syl = syls[d] ?? '';
      const pinyin = [...syl.slice(0, nameLength[d] ?? 0)].map((ch) => syllables[ch.charCodeAt(0)] ?? '').join('');
      return { key: d, name: (shorts[d] ?? '').slice(0, nameLength[d] ?? 0), pinyin };
    });
    // a name sharing no pair of characters or syllables with the query looks like chance, and is left out (linlihui)
    const shares = (d: number): boolean => {
      const n = nameLength[d] ?? 0;
      const name = (shorts[d] ?? '').slice(0, n);
      const syl = (syls[d] ?? '').slice(0, n);
      return terms.some((t) => rangesIn(t, name, syl, true).length > 0 || looseRanges(t, name, syl).length > 0);
    };
    for (const { key, score } of fuzzyCandidates(items, fold(query, r))) {
      if (shares(key)) found(key, (W[NAME] ?? 0) * FUZZY * (1 - score) * (quality[key] ?? 1));
    }
  }

  // ------------------------------------------------------------ phrases and sentences typed without spaces
  /** The words of phrases and sentences, for the current state of the index. */
  const wordCache = new Map<string, { words: string[]; complete: boolean }>();

  /**
   * About how many documents hold `text` (Han) in some field: 0 when none
   * does. The candidates of its two rarest lists are checked until one holds
   * it, so a text found nowhere costs a few list reads.
   */
  function occurrences(text: string): number {
    const ids = [...text].map((ch) => charIds.get(ch.codePointAt(0) ?? 0) ?? -1);
    if (ids.length < 2 || ids.includes(-1)) return 0;
    const lists = ids.slice(1).map((id, i) => charBi.get((ids[i] ?? 0) * 32768 + id));
    if (lists.some((l) => l === undefined)) return 0;
    const n = candidates(lists as number[], SHORT | DESC | START);
    for (let i = 0; i < n; i++) if (fieldsWith(c.docs[i] ?? 0, text, null, c.masks[i] ?? 0) & 15) return n;
    return 0;
  }

  /**
   * The words of a Chinese phrase or sentence that the directory holds, left
   * to right: pieces of two to four characters covering as much of it as
   * possible, the fewest among equals, then the commonest (儿童托管 → 儿童
   * 托管; 我想找人帮忙照顾老人 → 帮忙 照顾 老人). `complete` when they
   * cover all of it. Single characters are not words: they would turn a typo
   * (心理咨问) into a loose AND of characters, which the typo tolerance
   * handles better.
   */
  function wordsOf(text: string): { words: string[]; complete: boolean } {
    const known = wordCache.get(text);
    if (known) return known;
    const all = [...text];
    const chars = all.slice(0, MAX_SENTENCE);
    const n = chars.length;
    // the best reading of the first j characters, and where its last piece starts (-1: character j - 1 left out)
    const value = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1);
    value[0] = 0;
    for (let i = 0; i < n; i++) {
      const v = value[i] ?? 0;
      if (v > (value[i + 1] ?? 0)) {
        value[i + 1] = v;
        from[i + 1] = -1;
      }
      // a piece found nowhere has no longer piece from the same start that is found
      for (let j = i + 2; j <= Math.min(n, i + MAX_WORD); j++) {
        const piece = chars.slice(i, j).join('');
        // a word of the taxonomy is a word even where no organization's text holds it (跳舞 in 学跳舞), but
        // only where words the texts hold do not cover the same (华阳路心理热线: 心理 热线, not 心理热线)
        const inTexts = occurrences(piece);
        const found = inTexts || (vocabPieces.has(piece) ? 1 : 0);
        if (!found) break;
        if (ASKING.has(piece)) continue;
        const w = v + (j - i) * COVER - (inTexts ? PIECE : TAXONOMY_PIECE) + Math.log2(found + 1);
        if (w > (value[j] ?? 0)) {
          value[j] = w;
          from[j] = i;
        }
      }
    }
    const words: string[] = [];
    let covered = 0;
    for (let j = n; j > 0; ) {
      const f = from[j] ?? -1;
      if (f >= 0) {
        words.unshift(chars.slice(f, j).join(''));
        covered += j - f;
      }
      j = f >= 0 ? f : j - 1;
    }
    const result = { words, complete: covered === all.length };
    if (wordCache.size >= 256) wordCache.clear();
    wordCache.set(text, result);
    return result;
  }

  /** The terms with each Chinese phrase found nowhere whole read as its words, when they cover it; null when none is. */
  function splitTerms(ts: Term[], typingLast: boolean): Term[] | null {
    let split = false;
    const out = ts.flatMap((t, i) => {
      if (t.latin) {
        const halves = splitPinyin(t, typingLast && i === ts.length - 1);
        split ||= halves !== null;
        return halves ?? [t];
      }
      if (!t.han || [...t.text].length < 4 || occurrences(t.text)) return [t];
      const { words, complete } = wordsOf(t.text);
      if (!complete) return [t];
      split = true;
      return words.flatMap((w) => term(w, false));
    });
    return split ? out.slice(0, MAX_TOKENS) : null;
  }

  /**
   * Whole pinyin of four or more syllables found nowhere (shangmenzhuyu: 上门
   * and 助浴 are never side by side) as two words of two or more syllables
   * each, as its characters would be split: where both are found, the more
   * evenly found the better. Null when no split has both found.
   */
  const pinyinSplits = new Map<string, Term[] | null>();
  function splitPinyin(t: Term, typing: boolean): Term[] | null {
    if ((termHits.get(t) ?? evaluate(t)) > 0) return null;
    // typed on, the same word is split again with every letter: its halves were found once
    const key = `${typing ? 1 : 0}${t.text}`;
    const known = pinyinSplits.get(key);
    if (known !== undefined) return known;
    if (pinyinSplits.size >= 256) pinyinSplits.clear();
    const best = bestPinyinSplit(t, typing);
    pinyinSplits.set(key, best);
    return best;
  }

  function bestPinyinSplit(t: Term, typing: boolean): Term[] | null {
    let best: Term[] | null = null;
    let bestFound = 0;
    const tried = new Set<number>();
    for (const { units, abbreviated } of t.parses) {
      // whole syllables (the last one may be widened while it is typed: zhuyu for 助浴 or 竹园)
      if (abbreviated || units.length < 4 || units.length > MAX_SPLIT_SYLLABLES || !units.every((u) => u.full || u.exact !== undefined)) continue;
      const lengths = units.map((u) => (syllables[u.exact ?? u.ids[0] ?? 0] ?? '').length);
      if (lengths.reduce((x, y) => x + y, 0) !== t.text.length) continue;
      let at = 0;
      for (let k = 1; k < units.length; k++) {
        at += lengths[k - 1] ?? 0;
        if (k < 2 || units.length - k < 2 || tried.has(at)) continue;
        tried.add(at);
        const left = keptTerm(t.text.slice(0, at), false, false);
        const right = keptTerm(t.text.slice(at), typing, false);
        if (left.length !== 1 || right.length !== 1) continue;
        const found = Math.min(evaluate(left[0] as Term), evaluate(right[0] as Term));
        if (found > bestFound) {
          bestFound = found;
          best = [...left, ...right];
        }
      }
    }
    return best;
  }

  /**
   * Syllables or characters typed apart (yang lao, xin li zi xun, 养 老) stay
   * an AND, and where they stand together, as one word, the match counts
   * again: 养老 above 杨浦…老年.
   */
  function boostTogether(ts: Term[], typingLast: boolean): void {
    const single = (t: Term): boolean => (t.han ? [...t.text].length === 1 : t.latin && t.parses.some((p) => p.units.length === 1 && !p.abbreviated));
    for (let i = 0; i < ts.length; ) {
      let j = i;
      while (j < ts.length && single(ts[j] as Term)) j++;
      if (j - i >= 2) {
        const joined = term(ts.slice(i, j).map((t) => t.text).join(''), typingLast && j === ts.length);
        if (joined.length === 1 && evaluate(joined[0] as Term)) {
          for (let k = 0; k < nFound; k++) {
            const d = foundDocs[k] ?? 0;
            if (tokStamp[d] === stamp) foundScores[k] = (foundScores[k] ?? 0) + (tokScore[d] ?? 0) * (quality[d] ?? 1);
          }
        }
      }
      i = Math.max(j, i + 1);
    }
  }

  // ------------------------------------------------------------ mistyped pinyin
  /**
   * How strongly the directory reads syllable `first` then `second`: the most names,
   * offers and tags one pair of characters read so is in (养老 for yang
   * lao). Descriptions do not count: their pairs run across words (成长分享
   * holds 长分, chang fen).
   */
  const pairWeights = new Map<number, number>();
  function pairWeight(first: number, second: number): number {
    const key = first * 1024 + second;
    let most = pairWeights.get(key);
    if (most === undefined) {
      most = 0;
      for (const bigram of spellings.get(key) ?? []) {
        const list = charBi.get(bigram);
        if (list === undefined || postings.count(list) <= most) continue;
        const n = postings.decode(list, a, alive);
        let named = 0;
        for (let i = 0; i < n; i++) if ((a.masks[i] ?? 0) & SHORT) named++;
        most = Math.max(most, named);
      }
      pairWeights.set(key, most);
    }
    return most;
  }

  /**
   * How likely `letters` is pinyin the directory holds: read as two or more
   * whole syllables (the last only begun, while it is being typed), the
   * weakest of its adjacent pairs' weights, best over the ways to split it;
   * 0 when it cannot be read so.
   */
  function readability(letters: string, typing: boolean): number {
    const n = letters.length;
    // best[i] by the syllable before position i: the weakest link of the best reading of letters.slice(i)
    const best = new Map<number, number>();
    const from = (i: number, prev: number, syllablesSoFar: number): number => {
      if (i === n) return syllablesSoFar >= 2 ? Infinity : 0;
      const key = (i * 1024 + prev) * 4 + Math.min(syllablesSoFar, 2);
      const known = best.get(key);
      if (known !== undefined) return known;
      let value = 0;
      for (let len = 1; len <= Math.min(6, n - i); len++) {
        const piece = letters.slice(i, i + len);
        const ids = wholeSyllables(piece, r);
        let factor = 1;
        let reading = ids;
        if (!ids.length && typing && i + len === n && len > 1) {
          reading = syllablesWithPrefix(r, piece);
          factor = BEGUN;
        }
        for (const id of reading) {
          const link = prev ? pairWeight(prev, id) * factor : Infinity;
          if (link <= value) continue;
          value = Math.max(value, Math.min(link, from(i + len, id, syllablesSoFar + 1)));
        }
      }
      best.set(key, value);
      return value;
    };
    return from(0, 0, 0);
  }

  /**
   * A word of letters found nowhere (yanglai, yangloa, zhiyaunzhe, sequ),
   * read as the likeliest pinyin one slip away: a sound spelled alike (s for
   * sh, n for ng, l for n), two letters swapped, one too many, one left out,
   * or a key beside the right one. Only whole syllables the directory reads
   * in pairs count, and the reading must beat `mustBeat`. Null when none does.
   */
  function mistyped(text: string, typing: boolean, mustBeat: number): string | null {
    if (text.length < MIN_SOUNDED || text.length > 24 || !/^[a-z]+$/u.test(text)) return null;
    const seen = new Set<string>([text]);
    let best: string | null = null;
    let bestWeight = mustBeat;
    // a slip at the last letter reads whole: yanglaoo is yanglao, but changzhe is not changzh…
    const consider = (candidate: string, at: number): void => {
      if (seen.has(candidate)) return;
      seen.add(candidate);
      const weight = readability(candidate, typing && at < text.length - 1);
      if (weight > bestWeight) {
        best = candidate;
        bestWeight = weight;
      }
    };
    const n = text.length;
    // sounds many speakers spell alike: an h after z, c or s (平翘舌), a g after n (前后鼻音), l and n, f and h
    for (let i = 0; i < n; i++) {
      const c = text[i] ?? '';
      const next = text[i + 1];
      const extra = c === 'n' ? 'g' : 'zcs'.includes(c) ? 'h' : '';
      if (extra) consider(next === extra ? text.slice(0, i + 1) + text.slice(i + 2) : text.slice(0, i + 1) + extra + text.slice(i + 1), i + 1);
      const alike = SOUND_ALIKE[c];
      if (alike) consider(text.slice(0, i) + alike + text.slice(i + 1), i);
    }
    if (n < MIN_MISTYPED) return best;
    // the commonest slips first, so they win a tie: swapped, one too many, a neighbouring key, one left out
    for (let i = 0; i + 1 < n; i++) consider(text.slice(0, i) + (text[i + 1] ?? '') + (text[i] ?? '') + text.slice(i + 2), i + 1);
    for (let i = 0; i < n; i++) consider(text.slice(0, i) + text.slice(i + 1), i);
    for (let i = 0; i < n; i++) for (const ch of NEIGHBOURS[text[i] ?? ''] ?? '') consider(text.slice(0, i) + ch + text.slice(i + 1), i);
    for (let i = 0; i <= n; i++) for (const ch of LETTERS) consider(text.slice(0, i) + ch + text.slice(i), i);
    return best;
  }

  /**
   * Whole pinyin of three or more syllables found nowhere, read for its words
   * as a sentence in characters is (xuetiaowu → tiaowu, zhaobaomu → baomu):
   * the words of two to four syllables that are found, covering the most
   * syllables, less the words residents ask with (woxiang). As for characters
   * (see readAsSentence), four syllables or fewer all read as words the
   * directory knows (xinlizixun, 心理 咨询) are no sentence: words only the
   * taxonomy holds count as known. Empty when it is no sentence.
   */
  const pinyinSentences = new Map<string, string[]>();
  /** The letters of the words residents ask with, and of the taxonomy's pieces (see vocabPieces). */
  const askingReadings = new Set<string>();
  const vocabReadings = new Set<string>();
  function pinyinWords(t: Term): string[] {
    // while it is typed, the last syllable is open (shufa: fa, fan, fang…) and read as typed
    const key = `${t.parses.some((p) => p.units.some((u) => !u.full)) ? 1 : 0}${t.text}`;
    let words = pinyinSentences.get(key);
    if (words) return words;
    if (!askingReadings.size) for (const w of ASKING) askingReadings.add(r.syllablesOf(w).join(''));
    if (!vocabReadings.size) for (const w of vocabPieces) if (isHan(w.charCodeAt(0))) vocabReadings.add(r.syllablesOf(w).join(''));
    words = [];
    // a word must be found as often as a slip's fix must (one stray name does not make it a word)
    const floor = Math.min(FIX_FLOOR, Math.ceil(live / 1000));
    // read in the fewest syllables, as an input method would: woxiang is wo xiang, not wo xi ang
    const fewest = Math.min(...t.parses.map((p) => p.units.length));
    type Reading = { covered: number; words: string[] };
    let chosen: Reading | null = null;
    for (const { units, abbreviated } of t.parses) {
      const n = units.length;
      if (abbreviated || n !== fewest || n < 3 || n > MAX_SPLIT_SYLLABLES || !units.every((u) => u.full || u.exact !== undefined)) continue;
      const at = [0];
      for (const u of units) at.push((at.at(-1) ?? 0) + (syllables[u.exact ?? u.ids[0] ?? 0] ?? '').length);
      if (at[n] !== t.text.length) continue;
      // best[i]: the most of the first i syllables read as known words, with the fewest found words among them
      const best: Reading[] = [{ covered: 0, words: [] }];
      const keep = (j: number, next: Reading) => {
        const now = best[j];
        if (!now || next.covered > now.covered || (next.covered === now.covered && next.words.length < now.words.length)) best[j] = next;
      };
      for (let i = 0; i < n; i++) {
        const from = best[i] ?? { covered: 0, words: [] };
        keep(i + 1, from);
        for (let j = i + 2; j <= Math.min(n, i + MAX_WORD); j++) {
          const piece = t.text.slice(at[i], at[j]);
          const covered = from.covered + j - i;
          // asked with, or known from the taxonomy only: read as a word, but not searched for
          if (askingReadings.has(piece)) keep(j, { covered, words: from.words });
          else if (keptTerm(piece, false, false).some((w) => evaluate(w) >= floor)) keep(j, { covered, words: [...from.words, piece] });
          else if (vocabReadings.has(piece)) keep(j, { covered, words: from.words });
        }
      }
      const end = best[n];
      if (end && end.words.length && (!chosen || end.covered > chosen.covered) && (n > MAX_WORD || end.covered < n)) chosen = end;
    }
    if (chosen) words = chosen.words;
    if (pinyinSentences.size >= 256) pinyinSentences.clear();
    pinyinSentences.set(key, words);
    return words;
  }

  /** term(), kept with its spellings as terms() keeps a query's: a fallback's word is searched again after Backspace. */
  const otherTerms = new Map<string, Term[]>();
  function keptTerm(text: string, typing: boolean, initialsFirst: boolean): Term[] {
    const key = `${typing ? 1 : 0}${initialsFirst ? 1 : 0}${text}`;
    let kept = otherTerms.get(key);
    if (!kept) {
      if (otherTerms.size >= 256) otherTerms.clear();
      otherTerms.set(key, (kept = term(text, typing, initialsFirst)));
    }
    return kept;
  }

  /** The terms with each word of letters that finds nothing read with initials leading whole syllables; null when none reads so. */
  function initialsFirstTerms(ts: Term[], typingLast: boolean): Term[] | null {
    let changed = false;
    const out = ts.flatMap((t, i) => {
      if (!t.latin || t.english || (termHits.get(t) ?? evaluate(t)) > 0) return [t];
      const led = keptTerm(t.text, typingLast && i === ts.length - 1, true);
      if (led.length !== 1 || (led[0]?.parses.length ?? 0) <= t.parses.length) return [t];
      changed = true;
      return led;
    });
    return changed ? out : null;
  }

  /**
   * The terms with each word of letters that finds nothing read as its
   * likeliest fix, and the query as read; null when none has one. With
   * `together`, for words that each find something but not together
   * (xianxia jinju), a word found is also read otherwise when a fix reads
   * better than the word as typed (jingju, 京剧, over jinju).
   */
  const corrections = new Map<string, string | null>();
  function correctTerms(ts: Term[], typingLast: boolean, together: boolean): { terms: Term[]; query: string } | null {
    let fixed = false;
    const out = ts.flatMap((t, i) => {
      const typing = typingLast && i === ts.length - 1;
      if (!t.latin || t.english || t.text.length < MIN_SOUNDED || ((termHits.get(t) ?? evaluate(t)) > 0 && !together)) return [t];
      // the same slip is read again on every later search of it: after Backspace, or a filter changed
      const key = `${typing ? 1 : 0}${together ? 1 : 0}${t.text}`;
      let better = corrections.get(key);
      if (better === undefined) {
        if (corrections.size >= 256) corrections.clear();
        // read again together with other words, the words found together are the evidence; alone, the floor is
        const mustBeat = together ? readability(t.text, typing) : Math.min(FIX_FLOOR, Math.ceil(live / 1000)) - 1;
        corrections.set(key, (better = mistyped(t.text, typing, mustBeat)));
      }
      if (!better) return [t];
      fixed = true;
      return keptTerm(better, typing, false);
    });
    return fixed ? { terms: out, query: out.map((t) => t.text).join(' ') } : null;
  }

  /**
   * Chinese read for the most of its words when nothing holds them all: a
   * sentence (more than four characters), or a shorter phrase found nowhere
   * that the directory does not hold every part of (学跳舞: 学 is no word;
   * 钢琴维修: 钢琴 is nowhere). A phrase of known words not found together
   * (乐园托管) stays an AND and finds nothing.
   */
  function readAsSentence(t: Term): boolean {
    if (t.latin) return termHits.get(t) === 0 && pinyinWords(t).length > 0;
    if (!t.han) return false;
    const n = [...t.text].length;
    return n > MAX_WORD || (n >= 3 && termHits.get(t) === 0 && !wordsOf(t.text).complete);
  }

  /**
   * Nothing holds every word: the documents holding at least half as many
   * of the query's words (those the directory knows) as the best one does,
   * those holding more first, then by each word's match weighted by its
   * rarity, so 助浴 counts for more than 需要. Returns the words matched, or
   * null when none was.
   */
  function matchMost(ts: Term[], keep: (d: number) => boolean): Term[] | null {
    const words = ts.flatMap((t) =>
      !readAsSentence(t) ? [t] : t.latin ? pinyinWords(t).flatMap((w) => keptTerm(w, false, false)) : wordsOf(t.text).words.flatMap((w) => term(w, false)),
    );
    if (++searchStamp >= 0x7ffffff) {
      accCount.fill(0);
      searchStamp = 1;
    }
    const base = searchStamp * 16;
    const docs: number[] = [];
    const used: Term[] = [];
    // a word's rarity is against the commonest word of the query, not the whole directory, so that
    // records unrelated to the query leave its order as it is: the sums keep the two apart
    // (acc: each score by −log(n + 1), accPlain: the scores) until the commonest is known
    let commonest = 0;
    for (const w of words.slice(0, MAX_TOKENS)) {
      const n = evaluate(w);
      if (!n) continue;
      used.push(w);
      commonest = Math.max(commonest, n);
      const rarity = 0.1 - Math.log(n + 1);
      for (let i = 0; i < n; i++) {
        const d = tokList[i] ?? 0;
        const score = tokScore[d] ?? 0;
        if ((accCount[d] ?? 0) < base) {
          acc[d] = score * rarity;
          accPlain[d] = score;
          accCount[d] = base + 1;
          docs.push(d);
        } else {
          acc[d] = (acc[d] ?? 0) + score * rarity;
          accPlain[d] = (accPlain[d] ?? 0) + score;
          accCount[d] = (accCount[d] ?? 0) + 1;
        }
      }
    }
    const top = Math.log(commonest + 1);
    if (!used.length) return null;
    const kept = docs.filter((d) => keep(d));
    let most = 0;
    for (const d of kept) most = Math.max(most, (accCount[d] ?? 0) - base);
    const enough = Math.ceil(most / 2);
    for (const d of kept) {
      const words = (accCount[d] ?? 0) - base;
      // more of the words first, then the better and rarer matches
      // quality weighs the matches, not the count of words: a rated organization holding one word
      // does not pass one holding it in its name
      if (words >= enough) found(d, words * PER_WORD + ((acc[d] ?? 0) + top * (accPlain[d] ?? 0)) * (quality[d] ?? 1));
    }
    return used;
  }

  // ------------------------------------------------------------ filters, sorting, pages
  const areaMatch = new Map<string, Uint8Array>();

  function filter(filters: SearchFilters | undefined): (d: number) => boolean {
    if (!filters) return () => true;
    const { categoryCode, areaCode, type, registration, minRating, audience, hasCapacity } = filters;
    const minLevel = minRating ? (RATING_LEVEL.get(minRating) ?? 0) : 0;
    let audienceMask = 0;
    for (const x of audience ?? []) audienceMask |= AUDIENCE_BIT.get(x) ?? 0;
    const types = type?.length ? new Set(type.map((t) => typeIds.get(t) ?? -1)) : null;
    const regs = registration?.length ? new Set(registration.map((t) => registrationIds.get(t) ?? -1)) : null;
    let inCategory = 0;
    if (categoryCode) {
      // the category's documents, marked for this search
      inCategory = ++markStamp;
      for (const d of byCategory.get(categoryCode) ?? []) mark[d] = inCategory;
    }
    let areaOk: Uint8Array | null = null;
    if (areaCode) {
      // area codes nest by prefix (areas.ts isWithinArea), in either direction
      areaOk = areaMatch.get(areaCode) ?? null;
      if (!areaOk || areaOk.length < areaIds.size) {
        areaOk = new Uint8Array(areaIds.size);
        for (const [code, id] of areaIds) areaOk[id] = code.startsWith(areaCode) || areaCode.startsWith(code) ? 1 : 0;
        if (areaMatch.size > 64) areaMatch.clear();
        areaMatch.set(areaCode, areaOk);
      }
    }
    const areasOk = areaOk;
    return (d) => {
      if (types && !types.has(typeOf[d] ?? 0)) return false;
      if (regs && !regs.has(registrationOf[d] ?? 0)) return false;
      if ((rating[d] ?? 0) < minLevel) return false;
      if (audienceMask && !((audiences[d] ?? 0) & audienceMask)) return false;
      if (hasCapacity && !((flags[d] ?? 0) & HAS_CAPACITY)) return false;
      if (inCategory && mark[d] !== inCategory) return false;
      if (areasOk) {
        let ok = false;
        for (let i = areaStart[d] ?? 0, end = areaStart[d + 1] ?? 0; i < end && !ok; i++) ok = areasOk[areaPool[i] ?? 0] === 1;
        if (!ok) return false;
      }
      return true;
    };
  }

  let nameRank: Int32Array | null = null;
  function ranks(): Int32Array {
    if (nameRank) return nameRank;
    const collator = new Intl.Collator('zh-CN');
    const order: number[] = [];
    for (let d = 0; d < count; d++) if (alive[d]) order.push(d);
    const names = order.map((d) => recs[d]?.organization.name ?? '');
    const idx = order.map((_, i) => i).sort((x, y) => collator.compare(names[x] ?? '', names[y] ?? '') || x - y);
    const rank = new Int32Array(count);
    idx.forEach((i, n) => (rank[order[i] ?? 0] = n));
    return (nameRank = rank);
  }

  /** Positions in foundDocs of the hits from `offset` to `want`, best first. */
  function page(offset: number, want: number, sort: string): number[] {
    const total = nFound;
    const rank = sort === 'name' ? ranks() : null;
    for (let i = 0; i < total; i++) {
      const d = foundDocs[i] ?? 0;
      const s = foundScores[i] ?? 0;
      keys[i] = sort === 'rating' ? (rating[d] ?? 0) * 1e6 + s : sort === 'updated' ? (updated[d] ?? 0) : rank ? -(rank[d] ?? 0) : s;
    }
    // higher key first, then earlier document (stable across calls)
    const better = (x: number, y: number): boolean => {
      const kx = keys[x] ?? 0;
      const ky = keys[y] ?? 0;
      return kx > ky || (kx === ky && (foundDocs[x] ?? 0) < (foundDocs[y] ?? 0));
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
          for (let k = heap.length - 1; k > 0; ) {
            const p = (k - 1) >> 1;
            if (!better(heap[p] ?? 0, heap[k] ?? 0)) break;
            swap(p, k);
            k = p;
          }
        } else if (better(i, heap[0] ?? 0)) {
          heap[0] = i;
          for (let k = 0; ; ) {
            const l = 2 * k + 1;
            let m = k;
            if (l < want && better(heap[m] ?? 0, heap[l] ?? 0)) m = l;
            if (l + 1 < want && better(heap[m] ?? 0, heap[l + 1] ?? 0)) m = l + 1;
            if (m === k) break;
            swap(m, k);
            k = m;
          }
        }
      }
      order = heap;
    } else order = Array.from({ length: total }, (_, i) => i);
    order.sort((x, y) => (better(x, y) ? -1 : better(y, x) ? 1 : 0));
    return order.slice(offset, want);
  }

  // ------------------------------------------------------------ highlighting
  function rangesIn(term: Term, folded: string, syl: string | null, name = false): [number, number][] {
    const ranges: [number, number][] = [];
    const text = term.text;
    // one letter found the name by its first syllable
    if (name && syl && text.length === 1 && (syllables[syl.charCodeAt(0)] ?? '').startsWith(text)) ranges.push([0, 1]);
    if (term.han) {
      for (const form of [text, ...otherForms(text)]) for (let at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + 1)) ranges.push([at, at + form.length]);
    }
    if (term.latin) for (let at = wordAt(folded, text, 0); at >= 0; at = wordAt(folded, text, at + 1)) ranges.push([at, at + text.length]);
    if (ranges.length && term.han) return ranges;
    if (syl) {
      for (const { units } of term.parses) {
        for (let at = findUnits(syl, units); at >= 0; at = findUnits(syl, units, at + 1)) ranges.push([at, at + units.length]);
      }
    } else {
      for (const spelling of spell(term).keys()) {
        for (let at = folded.indexOf(spelling); at >= 0; at = folded.indexOf(spelling, at + 1)) ranges.push([at, at + spelling.length]);
      }
    }
    return ranges;
  }

  /**
   * What a name found by typo tolerance shares with a term: its pairs of
   * characters (心理咨问 and 心理咨询 share 心理 and 理咨), or of whole
   * syllables for letters, so that such a hit shows why it was found.
   */
  function looseRanges(term: Term, folded: string, syl: string): [number, number][] {
    const ranges: [number, number][] = [];
    if (term.han) {
      const chars = [...term.text];
      for (let i = 0; i + 1 < chars.length; i++) {
        const pair = (chars[i] ?? '') + (chars[i + 1] ?? '');
        for (let at = folded.indexOf(pair); at >= 0; at = folded.indexOf(pair, at + 1)) ranges.push([at, at + pair.length]);
      }
      return ranges;
    }
    // a word of the name whose first four letters the term holds (eldercare: Elderly, Care)
    if (term.latin) {
      for (const w of folded.matchAll(/[a-z0-9]{3,}/gu)) if (term.text.includes(w[0].slice(0, 4))) ranges.push([w.index, w.index + w[0].length]);
    }
    for (const { units } of term.parses) {
      for (let i = 0; i + 1 < units.length; i++) {
        const pair = units.slice(i, i + 2);
        if (!pair.every((u) => u.full)) continue;
        for (let at = findUnits(syl, pair); at >= 0; at = findUnits(syl, pair, at + 1)) ranges.push([at, at + 2]);
      }
    }
    return ranges;
  }

  /** The match of the terms in one field's text, with ranges mapped back to `text`; null if they do not occur. */
  function matchIn(terms: Term[], field: SearchMatch['field'], text: string, folded: string, syl: string | null, loose = false): SearchMatch | null {
    const raw: [number, number][] = [];
    for (const t of terms) raw.push(...rangesIn(t, folded, syl, field === 'name'));
    if (!raw.length && loose && syl) for (const t of terms) raw.push(...looseRanges(t, folded, syl));
    if (!raw.length) return null;
    const origin = folded.length === text.length ? null : foldWithOrigins(text, r);
    if (origin) for (const range of raw) [range[0], range[1]] = [origin.start[range[0]] ?? 0, origin.end[range[1] - 1] ?? text.length];
    raw.sort((x, y) => x[0] - y[0]);
    const ranges: [number, number][] = [];
    for (const [s, e] of raw) {
      const last = ranges[ranges.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else ranges.push([s, e]);
    }
    return { field, text, ranges };
  }

  /**
   * What the terms match in the taxonomy, the same for every hit of a
   * search: for each category, its label when that matches, else the
   * synonym that did.
   */
  function categoryMatches(terms: Term[]): Map<string, SearchMatch> {
    const out = new Map<string, SearchMatch>();
    for (const term of terms) {
      for (const [code] of vocabMatches(term)) {
        if (out.has(code)) continue;
        let label: VocabTerm | undefined;
        for (const v of vocab) {
          if (v.code !== code) continue;
          if (v.shown === 'label') label = v;
          const m = v.foreign ? null : matchIn(terms, 'category', v.text, v.folded, v.syl);
          if (m) {
            out.set(code, { ...m, categoryCode: code });
            break;
          }
        }
        // found through the label in the other script: named in the page's, with nothing to highlight
        if (!out.has(code) && label) out.set(code, { field: 'category', text: label.text, ranges: [], categoryCode: code });
      }
    }
    return out;
  }

  function matches(d: number, terms: Term[], categories: Map<string, SearchMatch>, loose: boolean): SearchMatch[] {
    const out: SearchMatch[] = [];
    const rec = recs[d] as SearchRecord;
    const org = rec.organization;
    const add = (m: SearchMatch | null, extra?: Partial<SearchMatch>): void => {
      if (m) out.push(extra ? { ...m, ...extra } : m);
    };
    const short = shorts[d] ?? '';
    const syl = syls[d] ?? '';
    let from = 0;
    const segment = (field: SearchMatch['field'], text: string, loose = false): SearchMatch | null => {
      let to = short.indexOf(SEP, from);
      if (to < 0) to = short.length;
      const m = matchIn(terms, field, text, short.slice(from, to), syl.slice(from, to), loose);
      from = to + 1;
      return m;
    };
    // typo tolerance compares names: a name it found shows what it shares with the query
    add(segment('name', org.name, loose));
    for (const o of rec.offers) add(segment('offer', o.title), { offerId: o.id });
    for (const tag of org.tags) add(segment('tag', tag));
    if (categories.size) {
      const codes = [...org.categoryCodes, ...rec.offers.map((o) => o.categoryCode)];
      for (const [code, m] of categories) {
        if (codes.some((c) => c === code || (c.startsWith(code) && c.charAt(code.length) === '.'))) add(m, { ranges: m.ranges.map(([s, e]) => [s, e]) });
      }
    }
    add(matchIn(terms, 'description', org.description, desc(d, 0), null));
    rec.offers.forEach((o, i) => add(matchIn(terms, 'description', o.description, desc(d, i + 1), null), { offerId: o.id }));
    return out;
  }

  // ------------------------------------------------------------ the API
  /** The last search's key, and the terms it matched (a phrase may have been split): paging through it again skips matching. */
  let lastSearch = '';
  let lastTerms: Term[] = [];
  let lastPartial = false;
  let lastCorrected: string | null = null;
  /** The last search's hits came from typo tolerance, which compares names. */
  let lastFuzzy = false;

  function search(query: string, options: SearchOptions = {}): SearchResult {
    let ts = terms(query);
    const sort = options.sort ?? 'relevance';
    const key = `${version}\u0000${query}\u0000${JSON.stringify(options.filters ?? {})}`;
    if (key !== lastSearch) {
      const keep = filter(options.filters);
      nFound = 0;
      lastPartial = false;
      lastCorrected = null;
      lastFuzzy = false;
      let droppedNumbers = false;
      termHits.clear();
      if (ts.length === 0) {
        for (let d = 0; d < count; d++) if (alive[d] && keep(d)) found(d, quality[d] ?? 1);
      } else {
        matchAll(ts, keep);
        // a phrase typed without spaces: its words, if they are found together
        const split = nFound === 0 ? splitTerms(ts, !/\s$/u.test(query)) : null;
        if (split) {
          matchAll(split, keep);
          if (nFound > 0) ts = split;
        }
        // English asked as a question (legal help, help with food near me): its words without the asking ones
        const asked = nFound === 0 && ts.length > 1 ? ts.filter((t) => !(t.latin && ENGLISH_ASKING.has(t.text))) : null;
        // (not down to a letter being typed: i need a l… is not l)
        if (asked?.length && asked.length < ts.length && asked.every((t) => !t.latin || t.text.length > 1)) {
          matchAll(asked, keep);
          if (nFound > 0) ts = asked;
        }
        // numbers where nothing holds them all (长照2.0: 2 and 0) say little of what is wanted: the words without them, in part
        const worded = nFound === 0 && ts.length > 1 ? ts.filter((t) => !/^\d+$/u.test(t.text)) : null;
        if (worded?.length && worded.length < ts.length) {
          matchAll(worded, keep);
          if (nFound > 0) {
            ts = worded;
            droppedNumbers = true;
          }
        }
        // initials, then whole syllables (ylfuwu, sqfuwu): read so only when nothing else is found,
        // as English words often parse so too
        const led = nFound === 0 ? initialsFirstTerms(ts, !/\s$/u.test(query)) : null;
        if (led) {
          matchAll(led, keep);
          if (nFound > 0) ts = led;
        }
        // pinyin with a slip of the keys: the likeliest reading one slip away, said as such
        for (const together of [false, true]) {
          if (nFound > 0 || (together && ts.length < 2)) break;
          const fix = correctTerms(ts, !/\s$/u.test(query), together);
          if (!fix) continue;
          matchAll(fix.terms, keep);
          if (nFound > 0) {
            ts = fix.terms;
            lastCorrected = fix.query;
          }
        }
        // still nothing, for a sentence typed as it is said: the organizations holding most of its
        // words (words a person typed apart stay an AND). In letters, before the typo tolerance: a
        // sentence of whole syllables is no typo (woxiangzhaobaomu is not 沃翔…); in characters, after
        // it, as a slip of one character (心理咨问) is likelier than a sentence.
        let most = nFound === 0 && ts.some((t) => t.latin && readAsSentence(t)) ? matchMost(ts, keep) : null;
        // typo tolerance for a single word; several words stay an AND
        if (nFound < FUZZY_BELOW && ts.length === 1 && !most) {
          const before = nFound;
          fuzzy(query, ts, keep);
          lastFuzzy = nFound > before;
        }
        else if (nFound > 0 && !most) boostTogether(ts, !/\s$/u.test(query));
        if (!most && nFound === 0 && ts.some(readAsSentence)) most = matchMost(ts, keep);
        if (most) ts = most;
        lastPartial = most !== null || droppedNumbers;
      }
      lastSearch = key;
      lastTerms = ts;
    }
    ts = lastTerms;
    const total = nFound;
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const want = Math.min(total, offset + Math.max(0, options.limit ?? 20));
    const read = ts;
    const loose = lastFuzzy;
    let categories: Map<string, SearchMatch> | undefined;
    const hits: SearchHit[] =
      want <= offset
        ? []
        : page(offset, want, sort).map((i) => {
            const d = foundDocs[i] ?? 0;
            const rec = recs[d] as SearchRecord;
            const hit = { id: rec.organization.id, score: foundScores[i] ?? 0, organization: rec.organization } as SearchHit;
            // worked out when first read: a list shows a few of a page's hits, and the rest of a
            // keystroke's work is small beside what finding every field's matches for all of them took
            let found: SearchMatch[] | undefined;
            Object.defineProperty(hit, 'matches', {
              enumerable: true,
              configurable: true,
              get: () => (found ??= recs[d] === rec ? matches(d, read, (categories ??= categoryMatches(read)), loose) : []),
            });
            return hit;
          });
    return { hits, total, ...(lastPartial ? { partial: true } : {}), ...(lastCorrected !== null ? { corrected: lastCorrected } : {}) };
  }

  /**
   * Completions that show what was typed, those beginning with it first:
   * category labels, synonyms (养老 for yang), then names and offer titles
   * of the best hits. A category reached only through a synonym that is not
   * offered itself comes last, as its label shows nothing of the query.
   */
  /** Whether a category has an organization in the directory, as last seen (removed ones stay in its list). */
  const heldCategories = new Map<string, boolean>();
  function suggest(query: string, limit = 8): string[] {
    const ts = terms(query);
    if (!ts.length || limit <= 0) return [];
    /**
     * Ordered by group (shows the text as typed before by its sound, begins
     * with it before holding it, a category only reached through a synonym
     * last), then by how well the letters read (yang as 养 before yan-g as
     * 烟感), the vocabulary before hits, the commonest reading (xl: 心理
     * before 徐兰), labels before synonyms, and otherwise in order: the
     * taxonomy's, the hits'.
     */
    const ranked: { text: string; group: number; tier: number; hit: boolean; common: number; synonym?: boolean }[] = [];
    const han = ts.filter((t) => t.han);
    const first = ts[0];
    if (first) {
      // a category none of whose organizations is in this directory would find nothing
      const held = (code: string): boolean => {
        let known = heldCategories.get(code);
        if (known === undefined) heldCategories.set(code, (known = (byCategory.get(code) ?? []).some((d) => alive[d])));
        return known;
      };
      const visible = new Set<string>();
      for (const { v, at, literal, read, tier } of vocabEntries(first)) {
        if (!held(v.code)) continue;
        // a synonym in letters completes a word, not a letter or two (youth for y)
        if (v.shown === 'synonym' && !isHan(v.folded.charCodeAt(0)) && (!literal || first.text.length < 3)) continue;
        visible.add(v.code);
        const group = (first.han && !literal ? 2 : 0) + (at === 0 ? 0 : 1);
        ranked.push({ text: v.text, group, tier, hit: false, common: literal ? 0 : usage(read), synonym: v.shown === 'synonym' });
      }
      for (const [code] of vocabMatches(first)) {
        const label = visible.has(code) || !held(code) ? undefined : vocab.find((v) => v.code === code && v.shown === 'label');
        if (label) ranked.push({ text: label.text, group: 4, tier: 0, hit: false, common: 0 });
      }
    }
    for (const hit of search(query, { limit: limit * 3 }).hits) {
      for (const m of hit.matches) {
        const at = m.ranges[0]?.[0];
        if ((m.field !== 'name' && m.field !== 'offer') || at === undefined) continue;
        // characters typed as they are come before ones that only sound so (助餐 before 助残)
        const folded = fold(m.text, r);
        ranked.push({ text: m.text, group: (han.some((t) => !folded.includes(t.text)) ? 2 : 0) + (at === 0 ? 0 : 1), tier: 0, hit: true, common: 0 });
      }
    }
    ranked.sort(
      (x, y) => x.group - y.group || y.tier - x.tier || Number(x.hit) - Number(y.hit) || y.common - x.common || Number(x.synonym) - Number(y.synonym),
    );
    return [...new Set(ranked.map((o) => o.text))].slice(0, limit);
  }

  function remove(organizationId: string): void {
    const d = byId.get(organizationId);
    if (d === undefined) return;
    byId.delete(organizationId);
    alive[d] = 0;
    recs[d] = undefined;
    shorts[d] = syls[d] = '';
    foldedDescs.delete(d);
    live--;
    changed();
  }

  function add(record: SearchRecord): void {
    remove(record.organization.id);
    insert(record);
    // a large backlog of unsealed postings costs memory and decode time
    if (postings.pendingSize > 50_000 + postings.sealedBytes / 4) postings.seal(alive);
  }

  /** Takes over an index built elsewhere over the same records. */
  function adopt(snap: SearchIndexSnapshot): void {
    const n = snap.ids.length;
    if (records.length !== n) throw new Error(`The search index snapshot has ${n} documents for ${records.length} records`);
    ({ alive, quality, rating, updated, audiences, flags, typeOf, registrationOf, nameLength, offerCount, areaStart, areaPool } = snap.docs);
    for (let d = 0; d < n; d++) {
      const id = snap.ids[d] ?? '';
      const rec = records[d];
      if (!alive[d] || id === '') continue;
      if (rec?.organization.id !== id) throw new Error(`The search index snapshot does not match the records at ${d}`);
      recs[d] = rec;
      byId.set(id, d);
    }
    count = n;
    live = snap.live;
    shorts.push(...snap.shorts);
    syls.push(...snap.syls);
    for (const [d, texts] of snap.foldedDescs) foldedDescs.set(d, texts);
    for (const [k, v] of snap.areaIds) areaIds.set(k, v);
    for (const [k, v] of snap.typeIds) typeIds.set(k, v);
    for (const [k, v] of snap.registrationIds) registrationIds.set(k, v);
    for (const [k, v] of snap.byCategory) byCategory.set(k, v);
    for (const [k, v] of snap.categoryFocus) categoryFocus.set(k, v);
    postings.adopt(snap.postings);
    charIds.adopt(snap.maps.charIds);
    charUni.adopt(snap.maps.charUni);
    charBi.adopt(snap.maps.charBi);
    sylUni.adopt(snap.maps.sylUni);
    initBi.adopt(snap.maps.initBi);
    initTri.adopt(snap.maps.initTri);
    nameInitial.adopt(snap.maps.nameInitial);
    charOf.length = 0;
    charOf.push(...snap.charOf);
    for (const [k, v] of snap.words) words.set(k, v);
    for (const [k, v] of snap.spellings) spellings.set(k, v);
    bigramReading = snap.bigramReading;
    bigramAmbiguous = snap.bigramAmbiguous;
    sizeScratch(alive.length);
  }

  let moved = false;
  function snapshot(): SearchIndexSnapshot {
    if (moved) throw new Error('This search index has been moved');
    const out: SearchIndexSnapshot = {
      ids: recs.slice(0, count).map((rec, d) => (alive[d] && rec ? rec.organization.id : '')),
      live,
      shorts: shorts.slice(0, count),
      syls: syls.slice(0, count),
      foldedDescs: [...foldedDescs],
      docs: { alive, quality, rating, updated, audiences, flags, typeOf, registrationOf, nameLength, offerCount, areaStart, areaPool },
      areaIds: [...areaIds],
      typeIds: [...typeIds],
      registrationIds: [...registrationIds],
      byCategory: [...byCategory],
      categoryFocus: [...categoryFocus],
      postings: postings.exportState(alive),
      maps: {
        charIds: charIds.exportState(),
        charUni: charUni.exportState(),
        charBi: charBi.exportState(),
        sylUni: sylUni.exportState(),
        initBi: initBi.exportState(),
        initTri: initTri.exportState(),
        nameInitial: nameInitial.exportState(),
      },
      charOf: charOf.slice(),
      words: [...words],
      spellings: [...spellings],
      bigramReading,
      bigramAmbiguous,
    };
    moved = true;
    return out;
  }

  buildVocab();
  if (options.snapshot) adopt(options.snapshot);
  else {
    postings.beginBulk(records.length * 200);
    for (const rec of records) insert(rec);
    postings.seal(alive);
  }

  /** After `snapshot` the arrays belong to another thread: fail clearly rather than answer from emptied ones. */
  const unlessMoved = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R => {
    if (moved) throw new Error('This search index has been moved to another thread');
    return f(...args);
  };

  return {
    snapshot,
    search: unlessMoved(search),
    suggest: unlessMoved(suggest),
    add: unlessMoved(add),
    update: unlessMoved(add),
    remove: unlessMoved(remove),
    setLocale(next: Locale) {
      if (next === locale) return;
      locale = next;
      buildVocab();
      version++;
    },
    get size() {
      return live;
    },
  };
}
