/**
 * Failures as the contract's error body: `{ error: { kind, message, fieldErrors? } }`
 * with the status of STATUS_FOR_KIND (or the one a rule of the contract names,
 * e.g. 422 for an idempotency key reused for another request).
 */
import {
  AdapterError,
  STATUS_FOR_KIND,
  validationMessage,
  type AdapterErrorKind,
  type ErrorBody,
  type FieldError,
  type ValidationCode,
} from '@renling/core';
import { sqlState } from './db.js';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: AdapterErrorKind,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const fieldError = (path: string, code: ValidationCode, param = ''): FieldError => ({
  path,
  code,
  message: validationMessage(code, 'zh-CN', param),
});

export const problems = {
  validation: (message: string, fieldErrors: FieldError[] = []): HttpProblem =>
    new HttpProblem(422, 'validation', message, fieldErrors),
  unauthorized: (message = 'Sign in first: this needs a valid bearer token.'): HttpProblem =>
    new HttpProblem(401, 'unauthorized', message, [], { 'WWW-Authenticate': 'Bearer' }),
  forbidden: (message = 'You are not allowed to do this.'): HttpProblem => new HttpProblem(403, 'forbidden', message),
  notFound: (what: string): HttpProblem => new HttpProblem(404, 'not-found', `${what} was not found.`),
  conflict: (message: string): HttpProblem => new HttpProblem(409, 'conflict', message),
  /** The same Idempotency-Key for a different request. */
  keyReused: (): HttpProblem =>
    new HttpProblem(422, 'conflict', 'This idempotency key was already used for a different request.'),
};

export function errorBody(kind: string, message: string, fieldErrors: FieldError[] = []): ErrorBody {
  return { error: { kind, message, ...(fieldErrors.length ? { fieldErrors } : {}) } };
}

/** Any thrown value as a problem to answer with; unknown errors become a 500 that reveals nothing. */
export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof AdapterError) {
    const status = error.status ?? STATUS_FOR_KIND[error.kind] ?? 500;
    return new HttpProblem(status, error.kind, error.message, error.fieldErrors);
  }
  // PostgreSQL's data exceptions (class 22: a value it cannot store or compare) are the input's fault
  if (sqlState(error)?.startsWith('22')) return problems.validation('A value in the request cannot be stored.');
  return new HttpProblem(500, 'server', 'The server had an internal error.');
}
