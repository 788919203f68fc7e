/**
 * Filtering the two-level taxonomy for the category picker: labels in all
 * three locales, synonyms (what residents actually type: 吵架, 送饭, 長照)
 * and codes, without regard to case, width or spaces. A query that names a
 * top-level category keeps its whole group; otherwise a group keeps only
 * the items that match. Taxonomy order is kept: it groups like with like,
 * which reads better in a short list than a relevance score would.
 *
 * Only when nothing matches that way does the kit's small fuzzy picker
 * (core's search module) get a turn: pinyin and initials (zhucan, yl) and
 * typos, without letting its looser matches crowd an exact answer.
 */
import { createSmallPicker, taxonomy, type Category, type CategoryItem, type SmallPicker } from '@renling/core';

export interface CategoryGroup {
  top: Category;
  /** Second-level items to show under the group's heading. */
  items: CategoryItem[];
  /** Whether the top-level category itself matched (or the query is empty). */
  topMatches: boolean;
}

/** Folds what people type so that 'ＡＢ', 'a b' and 'ab' compare equal. */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s·・.\-_/]+/gu, '');
}

const haystacks = new Map<string, string[]>();
function haystack(item: CategoryItem): string[] {
  let h = haystacks.get(item.code);
  if (!h) {
    h = [item.code, item.labels['zh-CN'], item.labels['zh-TW'], item.labels.en, ...item.synonyms].map(foldText);
    haystacks.set(item.code, h);
  }
  return h;
}

export function matchesCategory(item: CategoryItem, query: string): boolean {
  const q = foldText(query);
  return q === '' || haystack(item).some((h) => h.includes(q));
}

interface PickerEntry {
  code: string;
  zhCN: string;
  zhTW: string;
  en: string;
  synonyms: string[];
}

let fuzzy: SmallPicker<PickerEntry> | null = null;
/** Codes the fuzzy picker finds (built on first use: it reads every label's pinyin). */
function fuzzyCodes(query: string): Set<string> {
  fuzzy ??= createSmallPicker<PickerEntry>(
    taxonomy.flatMap((top) => [top, ...top.children]).map((item) => ({
      code: item.code,
      zhCN: item.labels['zh-CN'],
      zhTW: item.labels['zh-TW'],
      en: item.labels.en,
      synonyms: item.synonyms,
    })),
    ['zhCN', 'zhTW', 'en', 'synonyms'],
  );
  return new Set(fuzzy.search(query, 8).map((e) => e.code));
}

function group(match: (item: CategoryItem) => boolean): CategoryGroup[] {
  const groups: CategoryGroup[] = [];
  for (const top of taxonomy) {
    const topMatches = match(top);
    const items = topMatches ? [...top.children] : top.children.filter(match);
    if (topMatches || items.length) groups.push({ top, items, topMatches });
  }
  return groups;
}

export function filterCategories(query: string): CategoryGroup[] {
  const exact = group((item) => matchesCategory(item, query));
  if (exact.length || foldText(query).length < 2) return exact;
  const codes = fuzzyCodes(query);
  // a fuzzy hit on a top category shows that category, not all its items
  return group((item) => codes.has(item.code) && item.code.includes('.')).concat(
    taxonomy.filter((top) => codes.has(top.code) && !top.children.some((c) => codes.has(c.code))).map((top) => ({ top, items: [], topMatches: true })),
  );
}
