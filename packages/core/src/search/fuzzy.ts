/**
 * fuse.js where it is strong: approximate matching over a short list. The
 * index hands it at most 20 candidates when exact matching found nothing (a
 * mistyped character or letter), and the category and area
 * pickers use it over their short lists. Over 35,000 organizations it alone
 * would take seconds a query (docs/decisions/0003-own-search-index.md).
 */
import Fuse from 'fuse.js';
import { defaultReadings, type ReadingTable } from './readings.js';
import { fold } from './text.js';

export interface FuzzyItem {
  key: number;
  name: string;
  /** The name's full pinyin, so mistyped pinyin still finds it. */
  pinyin: string;
}

const THRESHOLD = 0.4;

/** Candidates that fuse.js finds close enough to the query, best first. */
export function fuzzyCandidates(items: FuzzyItem[], query: string): { key: number; score: number }[] {
  if (!items.length || query.length < 2) return [];
  // Bitap's cost grows with text and pattern: match Han against the names and
  // letters against their pinyin, never both
  const latin = /^[\x20-\x7e]+$/u.test(query);
  const fuse = new Fuse(items, {
    keys: latin ? ['name', 'pinyin'] : ['name'],
    includeScore: true,
    ignoreLocation: true,
    threshold: THRESHOLD,
    minMatchCharLength: 2,
  });
  return fuse.search(query.slice(0, 32)).map((r) => ({ key: r.item.key, score: r.score ?? 1 }));
}

export interface SmallPicker<T> {
  /** Items matching the query, best first; all items, in order, for an empty query. */
  search(query: string, limit?: number): T[];
}

/**
 * A typo-tolerant picker over a short list (categories, areas), matching
 * folded text (traditional, full-width, case) and the pinyin and initials of
 * each key, so 醫療, yiliao and yl all find 医疗健康.
 */
export function createSmallPicker<T>(items: readonly T[], keys: readonly (keyof T & string)[], readings: ReadingTable = defaultReadings()): SmallPicker<T> {
  const entries = items.map((item) => {
    const texts = keys.map((k) => {
      const v = item[k];
      return typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(' ') : '';
    });
    const folded = texts.map((t) => fold(t, readings));
    const readingsOf = folded.map((t) => readings.syllablesOf(t).filter(Boolean));
    return {
      item,
      text: folded.join(' '),
      pinyin: readingsOf.map((r) => r.join('')).join(' '),
      initials: readingsOf.map((r) => r.map((s) => s.charAt(0)).join('')).join(' '),
    };
  });
  const fuse = new Fuse(entries, {
    keys: [
      { name: 'text', weight: 3 },
      { name: 'pinyin', weight: 2 },
      { name: 'initials', weight: 1 },
    ],
    ignoreLocation: true,
    threshold: 0.35,
  });
  return {
    search(query, limit = Infinity) {
      const q = fold(query.trim(), readings);
      const found = q ? fuse.search(q).map((r) => r.item.item) : [...items];
      return found.slice(0, limit);
    },
  };
}
