/**
 * Filtering the two-level taxonomy for the category picker: labels in all
 * three locales, synonyms (what residents actually type: 吵架, 送饭, 長照)
 * and codes, without regard to case, width or spaces. A query that names a
 * top-level category keeps its whole group; otherwise a group keeps only
 * the items that match. Taxonomy order is kept: it groups like with like,
 * which reads better in a short list than a relevance score would.
 */
import { taxonomy, type Category, type CategoryItem } from '@renling/core';

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

export function filterCategories(query: string): CategoryGroup[] {
  const groups: CategoryGroup[] = [];
  for (const top of taxonomy) {
    const topMatches = matchesCategory(top, query);
    const items = topMatches ? [...top.children] : top.children.filter((c) => matchesCategory(c, query));
    if (topMatches || items.length) groups.push({ top, items, topMatches });
  }
  return groups;
}
