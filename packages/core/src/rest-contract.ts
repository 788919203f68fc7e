/**
 * The REST contract in code: paths, query parameter names, headers, the
 * error body and the status ↔ error-kind mapping. The REST adapter, the msw
 * handlers and the reference server all use this module, and
 * `api/openapi.yaml` describes the same thing for people and tools; a test
 * checks the two agree.
 */
import * as v from 'valibot';
import type { AdapterErrorKind } from './adapter.js';
import { VALIDATION_CODES } from './messages.js';
import type { ClaimEventType } from './model.js';

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
