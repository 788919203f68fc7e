/**
 * The REST contract in code: paths, query parameter names, headers, the
 * error body and the status ↔ error-kind mapping. The REST adapter, the msw
 * handlers and the reference server all use this module, and
 * `api/openapi.yaml` describes the same thing for people and tools; a test
 * checks the two agree.
 */
import * as v from 'valibot';
import type { AdapterErrorKind } from './adapter.js';
import { VALIDATION_CODES, validationMessage, type ValidationCode } from './messages.js';
import {
  AUDIENCES,
  CLAIM_STATES,
  NEED_STATUSES,
  OFFER_STATUSES,
  ORGANIZATION_TYPES,
  PROJECT_STATUSES,
  RATINGS,
  REGISTRATION_STATUSES,
  URGENCIES,
  type ClaimEventType,
} from './model.js';
import type { FieldError } from './validation.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on a response that repeats the stored answer to an earlier request with the same key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Path templates, relative to the API base URL. */
export const REST_PATHS = {
  organizations: '/organizations',
  organization: '/organizations/{id}',
  offers: '/offers',
  offer: '/offers/{id}',
  needs: '/needs',
  need: '/needs/{id}',
  /** The private part of a need: staff of its area and the organization whose claim was accepted only. */
  needContact: '/needs/{id}/contact',
  /** Staff review a need: `{ status: verified | published | closed, reason? }`. */
  needStatus: '/needs/{id}/status',
  projects: '/projects',
  project: '/projects/{id}',
  claims: '/claims',
  claim: '/claims/{id}',
  claimTransition: '/claims/{id}/{action}',
  areas: '/areas',
  area: '/areas/{code}',
} as const;

/** The transition actions as path segments: POST /claims/{id}/accept … */
export const CLAIM_ACTIONS = ['accept', 'decline', 'withdraw', 'start', 'complete', 'rate'] as const satisfies readonly ClaimEventType[];
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** Query parameters: arrays repeat the name (`type=a&type=b`), booleans are `true`/`false`. */
export const LIST_PARAMS = ['cursor', 'limit', 'q'] as const;
export const ORGANIZATION_PARAMS = [...LIST_PARAMS, 'type', 'registration', 'rating', 'areaCode', 'categoryCode'] as const;
export const OFFER_PARAMS = [...LIST_PARAMS, 'organizationId', 'categoryCode', 'areaCode', 'audience', 'status', 'hasCapacity'] as const;
export const NEED_PARAMS = [...LIST_PARAMS, 'categoryCode', 'areaCode', 'urgency', 'status'] as const;
export const PROJECT_PARAMS = [...LIST_PARAMS, 'organizationId', 'categoryCode', 'areaCode', 'status'] as const;
export const CLAIM_PARAMS = [...LIST_PARAMS, 'needId', 'offerId', 'organizationId', 'state'] as const;

/** Fills a path template; each value is encoded. */
export function restPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/gu, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** Turns a query object into URLSearchParams following the contract's conventions. */
export function toSearchParams(query: object, names: readonly string[]): URLSearchParams {
  const params = new URLSearchParams();
  const record = query as Record<string, unknown>;
  for (const name of names) {
    const value = record[name];
    if (value === undefined || value === null || value === '') continue;
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) {
      // queries hold strings, numbers and booleans only; anything else is a caller's mistake
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean')
        throw new TypeError(`Query parameter ${name} must be a string, number or boolean`);
      params.append(name, String(item));
    }
  }
  return params;
}

/** The one error body every failing response carries. */
export const ErrorBodySchema = v.object({
  error: v.object({
    kind: v.string(),
    message: v.string(),
    fieldErrors: v.optional(
      v.array(
        v.object({
          path: v.string(),
          code: v.picklist(VALIDATION_CODES),
          message: v.string(),
        }),
      ),
    ),
  }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

/** The HTTP status a server answers with for each error kind. */
export const STATUS_FOR_KIND: Partial<Record<AdapterErrorKind, number>> = {
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  server: 500,
  'read-only': 405,
  timeout: 504,
};

/** What a client makes of a status it did not expect to succeed with. */
export function kindForStatus(status: number): AdapterErrorKind {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 405) return 'read-only';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429 || status === 503) return 'rate-limited';
  return 'server';
}

/** Retry-After as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/u.test(trimmed)) return Number.parseInt(trimmed, 10);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

// ---------------------------------------------------------------------------
// Reading list queries on the server side (the reference server and the msw mock API)
// ---------------------------------------------------------------------------

/** How a query parameter is read: free text, a decimal integer, true/false, or one of a list (repeatable). */
export type QueryParamKind = 'string' | 'integer' | 'boolean' | readonly string[];

const LIST_QUERY = { cursor: 'string', limit: 'integer', q: 'string' } as const satisfies Record<string, QueryParamKind>;

export const ORGANIZATION_QUERY: Record<(typeof ORGANIZATION_PARAMS)[number], QueryParamKind> = {
  ...LIST_QUERY,
  type: ORGANIZATION_TYPES,
  registration: REGISTRATION_STATUSES,
  rating: RATINGS,
  areaCode: 'string',
  categoryCode: 'string',
};
export const OFFER_QUERY: Record<(typeof OFFER_PARAMS)[number], QueryParamKind> = {
  ...LIST_QUERY,
  organizationId: 'string',
  categoryCode: 'string',
  areaCode: 'string',
  audience: AUDIENCES,
  status: OFFER_STATUSES,
  hasCapacity: 'boolean',
};
export const NEED_QUERY: Record<(typeof NEED_PARAMS)[number], QueryParamKind> = {
  ...LIST_QUERY,
  categoryCode: 'string',
  areaCode: 'string',
  urgency: URGENCIES,
  status: NEED_STATUSES,
};
export const PROJECT_QUERY: Record<(typeof PROJECT_PARAMS)[number], QueryParamKind> = {
  ...LIST_QUERY,
  organizationId: 'string',
  categoryCode: 'string',
  areaCode: 'string',
  status: PROJECT_STATUSES,
};
export const CLAIM_QUERY: Record<(typeof CLAIM_PARAMS)[number], QueryParamKind> = {
  ...LIST_QUERY,
  needId: 'string',
  offerId: 'string',
  organizationId: 'string',
  state: CLAIM_STATES,
};

/** Longest free-text query and string parameter accepted: a longer one is refused, not scanned slowly. */
export const MAX_QUERY_PARAM_LENGTH = 200;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const QUERY_CONTROL_CHARS = /[\u0000-\u001F\u007F]/u;

/**
 * The adapter query object for a list request, plus a field error for every
 * value the contract does not allow (the caller answers those with a 422).
 */
export function parseQueryParams(
  params: URLSearchParams,
  spec: Record<string, QueryParamKind>,
): { query: Record<string, unknown>; errors: FieldError[] } {
  const query: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  const problem = (path: string, code: ValidationCode, param = ''): void => {
    errors.push({ path, code, message: validationMessage(code, 'zh-CN', param) });
  };
  for (const [name, kind] of Object.entries(spec)) {
    const values = params.getAll(name);
    const last = values.at(-1);
    if (last === undefined) continue;
    if (kind === 'string') {
      if ([...last].length > MAX_QUERY_PARAM_LENGTH) problem(name, 'too-long', String(MAX_QUERY_PARAM_LENGTH));
      else if (QUERY_CONTROL_CHARS.test(last)) problem(name, 'control-chars');
      else if (last !== '') query[name] = last;
    } else if (kind === 'integer') {
      if (!/^-?\d{1,9}$/u.test(last.trim())) problem(name, 'integer');
      else query[name] = Number.parseInt(last, 10);
    } else if (kind === 'boolean') {
      if (last === 'true') query[name] = true;
      else if (last === 'false') query[name] = false;
      else problem(name, 'type');
    } else {
      const items = values.filter((item) => item !== '');
      const bad = items.findIndex((item) => !kind.includes(item));
      if (bad >= 0) problem(`${name}.${bad}`, 'enum');
      else if (items.length) query[name] = items;
    }
  }
  return { query, errors };
}
