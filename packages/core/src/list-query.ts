/**
 * The filters and paging of the in-browser adapters (memory and static), kept in one place so
 * that both answer a query exactly as the reference server does.
 */
import { AdapterError, type ListQuery, type NeedQuery, type Page } from './adapter.js';
import { isWithinArea } from './areas.js';
import type { PublicNeed } from './model.js';
import { topLevelCode } from './taxonomy.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Case-, width- and script-insensitive enough for a demo directory's free-text filter. */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** Every word of `q` is somewhere in the fields. */
export function matchesText(q: string | undefined, ...fields: (string | readonly string[])[]): boolean {
  if (!q?.trim()) return true;
  const haystack = fold(fields.flat().join('\n'));
  return fold(q)
    .split(/\s+/u)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** A category or its top level is the one asked for (or none is). */
export const inCategory = (code: string, wanted: string | undefined): boolean =>
  !wanted || code === wanted || topLevelCode(code) === wanted;

export const oneOf = <T>(value: T, wanted: readonly T[] | undefined): boolean => !wanted?.length || wanted.includes(value);

/** Whether a need answers a need query's filters. */
export const needMatches = (n: PublicNeed, q: NeedQuery): boolean =>
  inCategory(n.categoryCode, q.categoryCode) &&
  (!q.areaCode || isWithinArea(n.areaCode, q.areaCode)) &&
  oneOf(n.urgency, q.urgency) &&
  oneOf(n.status, q.status) &&
  matchesText(q.q, n.title, n.description);

/** The page of `all` a query's cursor and limit ask for. */
export function paginate<T>(all: readonly T[], query: ListQuery = {}): Page<T> {
  const start = query.cursor ? Number.parseInt(query.cursor, 10) : 0;
  if (!Number.isInteger(start) || start < 0) {
    throw new AdapterError('validation', 'The paging cursor is not valid.', {
      fieldErrors: [{ path: 'cursor', code: 'format', message: 'cursor' }],
    });
  }
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT, 1), MAX_LIMIT);
  const items = all.slice(start, start + limit);
  const end = start + items.length;
  return { items, nextCursor: end < all.length ? String(end) : null, total: all.length };
}
