/**
 * What the directory shows, as one plain value: the query, the filters, the
 * sort and the open organization. It round-trips through the URL, so each
 * field is checked on the way in: a hand-edited or stale link degrades to
 * fewer filters, never to an error.
 */
import {
  AUDIENCES,
  ORGANIZATION_TYPES,
  RATINGS,
  REGISTRATION_STATUSES,
  isCategoryCode,
  type Audience,
  type OrganizationType,
  type Rating,
  type RegistrationStatus,
  type SearchFilters,
  type SearchSort,
} from '@renling/core';

export const SORTS = ['relevance', 'rating', 'name', 'updated'] as const satisfies readonly SearchSort[];

export interface DirectoryFilters {
  /** A top-level or second-level category code. */
  category: string | null;
  /** A district, street or community code: organizations serving it. */
  area: string | null;
  type: OrganizationType[];
  registration: RegistrationStatus[];
  /** This grade or better. */
  minRating: Rating | null;
  audience: Audience[];
  /** Only organizations with an open offer that has places left. */
  hasCapacity: boolean;
}

export interface DirectoryState {
  query: string;
  filters: DirectoryFilters;
  sort: SearchSort;
  /** The organization open in the detail view. */
  organization: string | null;
}

/** Longer input is cut: nobody types more, and the URL stays short. */
export const MAX_QUERY_LENGTH = 100;

export const EMPTY_FILTERS: DirectoryFilters = Object.freeze({
  category: null,
  area: null,
  type: [],
  registration: [],
  minRating: null,
  audience: [],
  hasCapacity: false,
});

export const INITIAL_STATE: DirectoryState = { query: '', filters: EMPTY_FILTERS, sort: 'relevance', organization: null };

export function toSearchFilters(f: DirectoryFilters): SearchFilters {
  const out: SearchFilters = {};
  if (f.category) out.categoryCode = f.category;
  if (f.area) out.areaCode = f.area;
  if (f.type.length) out.type = [...f.type];
  if (f.registration.length) out.registration = [...f.registration];
  if (f.minRating) out.minRating = f.minRating;
  if (f.audience.length) out.audience = [...f.audience];
  if (f.hasCapacity) out.hasCapacity = true;
  return out;
}

/** Filters a person has set, one per group, as the directory's chips show them. */
export type ActiveFilter =
  | { key: 'category'; value: string }
  | { key: 'area'; value: string }
  | { key: 'type'; value: OrganizationType }
  | { key: 'registration'; value: RegistrationStatus }
  | { key: 'minRating'; value: Rating }
  | { key: 'audience'; value: Audience }
  | { key: 'hasCapacity'; value: true };

export function activeFilters(f: DirectoryFilters): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (f.category) out.push({ key: 'category', value: f.category });
  if (f.area) out.push({ key: 'area', value: f.area });
  for (const value of f.type) out.push({ key: 'type', value });
  for (const value of f.registration) out.push({ key: 'registration', value });
  if (f.minRating) out.push({ key: 'minRating', value: f.minRating });
  for (const value of f.audience) out.push({ key: 'audience', value });
  if (f.hasCapacity) out.push({ key: 'hasCapacity', value: true });
  return out;
}

/** The filters without one of them. */
export function withoutFilter(f: DirectoryFilters, drop: ActiveFilter): DirectoryFilters {
  switch (drop.key) {
    case 'category':
      return { ...f, category: null };
    case 'area':
      return { ...f, area: null };
    case 'type':
      return { ...f, type: f.type.filter((v) => v !== drop.value) };
    case 'registration':
      return { ...f, registration: f.registration.filter((v) => v !== drop.value) };
    case 'minRating':
      return { ...f, minRating: null };
    case 'audience':
      return { ...f, audience: f.audience.filter((v) => v !== drop.value) };
    case 'hasCapacity':
      return { ...f, hasCapacity: false };
  }
}

// Short parameter names: the URL is read aloud and pasted into chat apps.
const PARAMS = {
  query: 'q',
  category: 'cat',
  area: 'area',
  type: 'type',
  registration: 'reg',
  minRating: 'rating',
  audience: 'aud',
  hasCapacity: 'free',
  sort: 'sort',
  organization: 'org',
} as const;

/** Every parameter the directory owns, so a write also clears the ones now unset. */
export function stateToParams(state: DirectoryState): Record<string, string | null> {
  const f = state.filters;
  return {
    [PARAMS.query]: state.query.trim() || null,
    [PARAMS.category]: f.category,
    [PARAMS.area]: f.area,
    [PARAMS.type]: f.type.join(',') || null,
    [PARAMS.registration]: f.registration.join(',') || null,
    [PARAMS.minRating]: f.minRating,
    [PARAMS.audience]: f.audience.join(',') || null,
    [PARAMS.hasCapacity]: f.hasCapacity ? '1' : null,
    [PARAMS.sort]: state.sort === 'relevance' ? null : state.sort,
    [PARAMS.organization]: state.organization,
  };
}

const AREA_CODE_RE = /^\d{6}(?:\d{3}){0,3}$/u;
const ID_RE = /^[\w.:-]{1,64}$/u;

function list<T extends string>(raw: string | undefined, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const seen = new Set<T>();
  for (const part of raw.split(',')) {
    const value = allowed.find((a) => a === part.trim());
    if (value) seen.add(value);
  }
  // in vocabulary order, so the same filters always make the same URL
  return allowed.filter((a) => seen.has(a));
}

const one = <T extends string>(raw: string | undefined, allowed: readonly T[]): T | null => allowed.find((a) => a === raw) ?? null;

export function stateFromParams(params: ReadonlyMap<string, string>): DirectoryState {
  const get = (name: string): string | undefined => params.get(name);
  const category = get(PARAMS.category) ?? '';
  const area = get(PARAMS.area) ?? '';
  const organization = get(PARAMS.organization) ?? '';
  return {
    query: [...(get(PARAMS.query) ?? '')].slice(0, MAX_QUERY_LENGTH).join(''),
    filters: {
      category: isCategoryCode(category) ? category : null,
      area: AREA_CODE_RE.test(area) ? area : null,
      type: list(get(PARAMS.type), ORGANIZATION_TYPES),
      registration: list(get(PARAMS.registration), REGISTRATION_STATUSES),
      minRating: one(get(PARAMS.minRating), RATINGS),
      audience: list(get(PARAMS.audience), AUDIENCES),
      hasCapacity: get(PARAMS.hasCapacity) === '1',
    },
    sort: one(get(PARAMS.sort), SORTS) ?? 'relevance',
    organization: ID_RE.test(organization) ? organization : null,
  };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

export function sameFilters(a: DirectoryFilters, b: DirectoryFilters): boolean {
  return (
    a.category === b.category &&
    a.area === b.area &&
    a.minRating === b.minRating &&
    a.hasCapacity === b.hasCapacity &&
    sameList(a.type, b.type) &&
    sameList(a.registration, b.registration) &&
    sameList(a.audience, b.audience)
  );
}
