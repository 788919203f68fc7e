/**
 * Query strings and bodies by the contract's conventions: arrays repeat the
 * name, booleans are `true`/`false`, integers are decimal; a value the
 * contract does not allow is a 422 naming the parameter (as the msw handlers do).
 */
import { parseQueryParams, type QueryParamKind } from '@renling/core';
import { fieldError, HttpProblem, problems } from './errors.js';

/** The server's own list: the audit log. The contract's lists use core's *_QUERY specs. */
export const AUDIT_SPEC: Record<string, QueryParamKind> = { cursor: 'string', limit: 'integer', subjectType: 'string', subjectId: 'string' };

/** The adapter query object for a list request, or a 422 naming each value the contract does not allow. */
export function parseQuery<T>(params: URLSearchParams, spec: Record<string, QueryParamKind>): T {
  const { query, errors } = parseQueryParams(params, spec);
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
