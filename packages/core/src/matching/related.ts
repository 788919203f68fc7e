/**
 * Which top-level categories are related for matching.
 *
 * The taxonomy has no relation between fields, but the seed reports pair
 * some of them in practice: home care for elders runs alongside health and
 * disability services (医养结合, 助老助残), mediation alongside legal aid
 * (人民调解 + 法律援助), property management alongside environment and safety
 * in old compounds (老旧小区综合治理). An offer in a related field is a
 * weaker but real candidate: a 助残 organization can serve a disabled elder.
 * The pairs are listed once and made symmetric.
 */
import { taxonomy, topLevelCode } from '../taxonomy.js';

/** Related top-level fields, each pair once (the relation is symmetric). */
export const RELATED_TOP_CATEGORIES: readonly (readonly [string, string])[] = Object.freeze(
  (
    [
      ['elderly', 'health'],
      ['elderly', 'disability'],
      ['elderly', 'mental-health'],
      ['elderly', 'convenience'],
      ['disability', 'health'],
      ['disability', 'employment'],
      ['health', 'mental-health'],
      ['mental-health', 'family-women'],
      ['mental-health', 'children-youth'],
      ['mental-health', 'special-groups'],
      ['children-youth', 'family-women'],
      ['children-youth', 'education'],
      ['family-women', 'mediation'],
      ['legal-aid', 'mediation'],
      ['mediation', 'housing-property'],
      ['employment', 'education'],
      ['employment', 'enterprise'],
      ['employment', 'poverty-relief'],
      ['culture-sports', 'education'],
      ['culture-sports', 'volunteering'],
      ['environment', 'housing-property'],
      ['environment', 'volunteering'],
      ['housing-property', 'safety'],
      ['housing-property', 'self-governance'],
      ['safety', 'special-groups'],
      ['poverty-relief', 'convenience'],
      ['volunteering', 'self-governance'],
      ['volunteering', 'convenience'],
    ] as const
  ).map((pair) => Object.freeze(pair)),
);

/** Top-level codes in taxonomy order; their position is the number the index works with. */
export const TOP_CODES: readonly string[] = Object.freeze(taxonomy.map((c) => c.code));

const TOP_INDEX: ReadonlyMap<string, number> = new Map(TOP_CODES.map((code, i) => [code, i]));

/** `relatedTops[i]` lists the indexes of the tops related to top `i`, ascending. */
const relatedTops: number[][] = TOP_CODES.map(() => []);
for (const [a, b] of RELATED_TOP_CATEGORIES) {
  const i = TOP_INDEX.get(a);
  const j = TOP_INDEX.get(b);
  // a typo in the table above must fail loudly, not silently drop a relation
  if (i === undefined || j === undefined) throw new Error(`Unknown top-level category in RELATED_TOP_CATEGORIES: ${i === undefined ? a : b}`);
  relatedTops[i]?.push(j);
  relatedTops[j]?.push(i);
}
for (const list of relatedTops) list.sort((x, y) => x - y);

/** The number of a top-level category (`elderly.meals` → the index of `elderly`); -1 when unknown. */
export function topIndexOf(categoryCode: string): number {
  return TOP_INDEX.get(topLevelCode(categoryCode)) ?? -1;
}

/** Indexes of the tops related to top `index` (not including itself). */
export function relatedTopIndexes(index: number): readonly number[] {
  return relatedTops[index] ?? [];
}

/** How two categories relate: the same code, the same top level, related top levels, or not at all. */
export type CategoryRelation = 'same-item' | 'same-top' | 'related' | 'unrelated';

/** The relation of two known category codes (either may be a top-level code). */
export function categoryRelation(a: string, b: string): CategoryRelation {
  if (a === b) return 'same-item';
  const ta = topIndexOf(a);
  const tb = topIndexOf(b);
  if (ta === tb) return 'same-top';
  return relatedTops[ta]?.includes(tb) ? 'related' : 'unrelated';
}

/** Top-level codes related to `code`'s top level, in taxonomy order. */
export function relatedTopCategories(code: string): string[] {
  return relatedTopIndexes(topIndexOf(code)).map((i) => TOP_CODES[i] ?? '');
}
