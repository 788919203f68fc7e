/**
 * Query strings and bodies by the contract's conventions: arrays repeat the
 * name, booleans are `true`/`false`, integers are decimal; a value the
 * contract does not allow is a 422 naming the parameter (as the msw handlers do).
 */
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
  type CLAIM_PARAMS,
  type FieldError,
  type NEED_PARAMS,
  type OFFER_PARAMS,
  type ORGANIZATION_PARAMS,
  type PROJECT_PARAMS,
} from '@renling/core';
import { fieldError, HttpProblem, problems } from './errors.js';

type ParamSpec = 'string' | 'integer' | 'boolean' | readonly string[];

const LIST_SPEC = { cursor: 'string', limit: 'integer', q: 'string' } as const satisfies Record<string, ParamSpec>;

export const ORGANIZATION_SPEC: Record<(typeof ORGANIZATION_PARAMS)[number], ParamSpec> = {
  ...LIST_SPEC,
  type: ORGANIZATION_TYPES,
  registration: REGISTRATION_STATUSES,
  rating: RATINGS,
  areaCode: 'string',
  categoryCode: 'string',
};
export const OFFER_SPEC: Record<(typeof OFFER_PARAMS)[number], ParamSpec> = {
  ...LIST_SPEC,
  organizationId: 'string',
  categoryCode: 'string',
  areaCode: 'string',
  audience: AUDIENCES,
  status: OFFER_STATUSES,
  hasCapacity: 'boolean',
};
export const NEED_SPEC: Record<(typeof NEED_PARAMS)[number], ParamSpec> = {
  ...LIST_SPEC,
  categoryCode: 'string',
  areaCode: 'string',
  urgency: URGENCIES,
  status: NEED_STATUSES,
};
export const PROJECT_SPEC: Record<(typeof PROJECT_PARAMS)[number], ParamSpec> = {
  ...LIST_SPEC,
  organizationId: 'string',
  categoryCode: 'string',
  areaCode: 'string',
  status: PROJECT_STATUSES,
};
export const CLAIM_SPEC: Record<(typeof CLAIM_PARAMS)[number], ParamSpec> = {
  ...LIST_SPEC,
  needId: 'string',
  offerId: 'string',
  organizationId: 'string',
  state: CLAIM_STATES,
};
export const AUDIT_SPEC: Record<string, ParamSpec> = { cursor: 'string', limit: 'integer', subjectType: 'string', subjectId: 'string' };

/** Longest free-text query and string parameter accepted (longer ones are a 422, not a slow scan). */
const MAX_PARAM_LENGTH = 200;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

/** The adapter query object for a list request, or a 422 for values the contract does not allow. */
export function parseQuery<T>(params: URLSearchParams, spec: Record<string, ParamSpec>): T {
  const query: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [name, kind] of Object.entries(spec)) {
    const values = params.getAll(name);
    const last = values.at(-1);
    if (last === undefined) continue;
    if (kind === 'string') {
      if ([...last].length > MAX_PARAM_LENGTH) errors.push(fieldError(name, 'too-long', String(MAX_PARAM_LENGTH)));
      else if (CONTROL_CHARS.test(last)) errors.push(fieldError(name, 'control-chars'));
      else if (last !== '') query[name] = last;
    } else if (kind === 'integer') {
      if (!/^-?\d{1,9}$/u.test(last.trim())) errors.push(fieldError(name, 'integer'));
      else query[name] = Number.parseInt(last, 10);
    } else if (kind === 'boolean') {
      if (last === 'true') query[name] = true;
      else if (last === 'false') query[name] = false;
      else errors.push(fieldError(name, 'type'));
    } else {
      const items = values.filter((item) => item !== '');
      const bad = items.findIndex((item) => !kind.includes(item));
      if (bad >= 0) errors.push(fieldError(`${name}.${bad}`, 'enum'));
      else if (items.length) query[name] = items;
    }
  }
  if (errors.length) throw problems.validation('Some query parameters are not valid.', errors);
  return query as T;
}

export type JsonObject = Record<string, unknown>;

/** A request body: JSON, an object, '' read as {} (as the msw handlers read it). */
export function parseJsonObject(text: string, contentType: string | undefined): JsonObject {
  if (text.trim() === '') return {};
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/iu.test(contentType ?? ''))
    throw new HttpProblem(415, 'validation', 'Send the body as application/json.', [fieldError('', 'type')]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw problems.validation('The request body is not valid JSON.', [fieldError('', 'type')]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw problems.validation('The request body must be a JSON object.', [fieldError('', 'type')]);
  const nul = nulPath(value, '');
  // PostgreSQL cannot store U+0000 in text or jsonb; refused here rather than failing there
  if (nul !== null) throw problems.validation('The body holds a NUL character.', [fieldError(nul, 'control-chars')]);
  return value as JsonObject;
}

/** The dotted path of the first string (or key) holding U+0000, or null. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [name, item] of Object.entries(value)) {
    const here = path ? `${path}.${name}` : name;
    if (name.includes('\u0000')) return here;
    const found = nulPath(item, here);
    if (found !== null) return found;
  }
  return null;
}

/** Only the fields an action takes, so unknown extras do not change what the key stands for. */
export function pick(body: JsonObject, names: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const name of names) if (body[name] !== undefined) out[name] = body[name];
  return out;
}
