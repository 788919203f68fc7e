/**
 * A DataAdapter over HTTP, speaking the REST contract of ../rest-contract.ts.
 *
 * Whatever the network or the server does, a call either resolves with a
 * value that passed the core schemas or rejects with an `AdapterError`: a
 * component never draws half a record and never sees a raw TypeError,
 * SyntaxError or DOMException.
 */
import * as v from 'valibot';
import {
  ADAPTER_ERROR_KINDS,
  AdapterError,
  toAdapterError,
  type AdapterErrorKind,
  type ClaimQuery,
  type ClaimRequestInput,
  type DataAdapter,
  type NeedQuery,
  type NeedReceipt,
  type OfferQuery,
  type OrganizationQuery,
  type Page,
  type ProjectQuery,
  type RequestOptions,
  type WriteOptions,
} from '../adapter.js';
import {
  AreaSchema,
  ClaimSchema,
  NeedPrivateViewSchema,
  OrganizationSchema,
  ProjectSchema,
  PublicNeedSchema,
  ServiceOfferSchema,
  type Area,
  type Claim,
  type ClaimRating,
  type NeedDraft,
  type NeedPrivateView,
  type NeedReview,
  type OfferDraft,
  type Organization,
  type Project,
  type ProjectDraft,
  type PublicNeed,
  type ServiceOffer,
} from '../model.js';
import {
  CLAIM_PARAMS,
  ErrorBodySchema,
  IDEMPOTENCY_HEADER,
  kindForStatus,
  NEED_PARAMS,
  OFFER_PARAMS,
  ORGANIZATION_PARAMS,
  parseRetryAfter,
  PROJECT_PARAMS,
  REST_PATHS,
  restPath,
  toSearchParams,
  type ClaimAction,
} from '../rest-contract.js';
import { validateWith, type FieldError } from '../validation.js';

/** The part of `fetch` the adapters use; the global `fetch` fits, and so does a test's fake. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Extra request headers, or a function giving them per request (e.g. a fresh sign-in token). */
export type HeadersSource =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

export interface RestAdapterOptions {
  /** The API root, absolute or relative to the page, e.g. `https://api.example.gov.cn/renling/v1` or `/api`. */
  baseUrl: string;
  headers?: HeadersSource;
  /** Defaults to the global `fetch`, looked up on each call so a later polyfill or mock is used. */
  fetch?: FetchLike;
  /** Milliseconds before a call gives up with kind `timeout`; default 15 000. 0 or less means never. */
  timeout?: number;
}

export const DEFAULT_REST_TIMEOUT_MS = 15_000;

// A server's error message is shown in logs and maybe to staff; a runaway one is cut.
const MAX_SERVER_MESSAGE = 500;

// ---------------------------------------------------------------------------
// Signals
// ---------------------------------------------------------------------------

/** A signal that aborts after `ms`, or none when the timeout is off. */
function timeoutSignal(ms: number): AbortSignal | undefined {
  if (!(ms > 0) || !Number.isFinite(ms)) return undefined;
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
  // older in-app browsers (some WeChat / X5 builds) lack AbortSignal.timeout
  const controller = new AbortController();
  setTimeout(() => controller.abort(new DOMException('The request timed out.', 'TimeoutError')), ms);
  return controller.signal;
}

/** One signal that aborts when any of the given ones does. */
function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(present);
  // same fallback reason as above: AbortSignal.any only arrived in 2023–24 browsers
  const controller = new AbortController();
  for (const signal of present) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts. A fetch that
 * ignores its signal (a polyfill, a fake) or a body that stalls mid-stream
 * still cannot keep the caller waiting past the timeout.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  // callers decide what happened by which signal fired, so the reason only needs to be an Error
  const reason = (): Error =>
    signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
  let onAbort = (): void => undefined;
  const stop = new Promise<never>((_, reject) => {
    onAbort = () => reject(reason());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // race() handles a late rejection of `promise`, so nothing goes unhandled
  return Promise.race([promise, stop]).finally(() => signal.removeEventListener('abort', onAbort));
}

export const abortedError = (cause?: unknown): AdapterError =>
  new AdapterError('aborted', 'The request was cancelled.', cause === undefined ? {} : { cause });

// ---------------------------------------------------------------------------
// One HTTP exchange
// ---------------------------------------------------------------------------

export interface HttpAnswer {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The body as text; null when it could not be read to the end. */
  text: string | null;
}

export interface HttpRequest {
  url: string;
  init: RequestInit;
  /** For messages: `GET /organizations`. */
  what: string;
  fetch: FetchLike | undefined;
  signal: AbortSignal | undefined;
  timeout: number;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function looksLikeResponse(value: unknown): value is Response {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Response>;
  return typeof r.status === 'number' && typeof r.text === 'function' && typeof r.headers?.get === 'function';
}

/**
 * Sends one request and reads the whole body, sorting every way it can fail
 * into the caller's abort, the timeout and the network; status codes are left
 * to the caller.
 */
export async function exchange(request: HttpRequest): Promise<HttpAnswer> {
  const { signal: callerSignal, what } = request;
  if (callerSignal?.aborted) throw abortedError(callerSignal.reason);
  const timer = timeoutSignal(request.timeout);
  const signal = anySignal([callerSignal, timer]);
  // Decide by which signal fired, not by the error's type: fetch rejects with
  // whatever reason the caller aborted with, and fakes reject with anything.
  const stopped = (error: unknown): AdapterError | null => {
    if (callerSignal?.aborted) return abortedError(error);
    if (timer?.aborted)
      return new AdapterError('timeout', `No answer to ${what} within ${request.timeout / 1000} s.`, { cause: error });
    return null;
  };

  let response: unknown;
  try {
    const init: RequestInit = signal ? { ...request.init, signal } : request.init;
    // the global fetch must be called as a method of the global ("Illegal invocation" otherwise)
    const pending = request.fetch ? request.fetch(request.url, init) : globalThis.fetch(request.url, init);
    response = await untilAborted(Promise.resolve(pending), signal);
  } catch (error) {
    throw stopped(error) ?? new AdapterError('network', `Could not reach the server for ${what}: ${messageOf(error)}`, { cause: error });
  }
  if (!looksLikeResponse(response)) throw new AdapterError('malformed', `fetch gave no Response for ${what}.`);

  let text: string | null;
  try {
    text = await untilAborted(response.text(), signal);
  } catch (error) {
    const reason = stopped(error);
    if (reason) throw reason;
    // the connection dropped mid-body; an error status can still be mapped without it
    text = null;
  }
  return { status: response.status, ok: response.ok, headers: response.headers, text };
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string | null): Parsed {
  if (text === null || text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const CLIENT_ONLY_KINDS: readonly AdapterErrorKind[] = ['network', 'aborted', 'malformed'];
const isServerKind = (kind: string): kind is AdapterErrorKind =>
  (ADAPTER_ERROR_KINDS as readonly string[]).includes(kind) && !CLIENT_ONLY_KINDS.includes(kind as AdapterErrorKind);

/** An error status as an AdapterError; the body refines it only when it is the contract's error body. */
export function errorFromAnswer(answer: HttpAnswer, what: string): AdapterError {
  const { status } = answer;
  let kind = kindForStatus(status);
  let message = `${what} failed with HTTP ${status}.`;
  let fieldErrors: FieldError[] = [];
  const parsed = parseJson(answer.text);
  // An HTML error page from a proxy, an empty or cut-off body: the status alone still says enough.
  const body = parsed.ok ? v.safeParse(ErrorBodySchema, parsed.value) : null;
  if (body?.success) {
    const { error } = body.output;
    if (error.message) message = error.message.slice(0, MAX_SERVER_MESSAGE);
    fieldErrors = error.fieldErrors ?? [];
    // The contract's body names the kind, and one status can carry several: 409 is
    // "changed meanwhile" or (kind duplicate) "this key's write is already done";
    // 422 is validation or (kind conflict) "this key was used for another request".
    // Kinds only a client can observe are not taken from a server.
    if (isServerKind(error.kind)) kind = error.kind;
  }
  const retryAfter = parseRetryAfter(answer.headers.get('Retry-After'));
  return new AdapterError(kind, message, { status, fieldErrors, retryAfter });
}

/** The first few schema problems, as `path: message`, for a developer reading the console. */
export function describeProblems(errors: FieldError[], prefix = ''): string {
  const shown = errors
    .slice(0, 3)
    .map((e) => `${prefix}${e.path || '(the whole value)'}: ${e.message} [${e.code}]`)
    .join('; ');
  return errors.length > 3 ? `${shown}; and ${errors.length - 3} more` : shown;
}

/** A 2xx body as JSON: a body cut off in transit is `network`, one that is not JSON (an HTML page, nothing) `malformed`. */
export function jsonBody(answer: HttpAnswer, what: string): unknown {
  if (answer.text === null)
    throw new AdapterError('network', `The answer to ${what} was cut off.`, { status: answer.status });
  const parsed = parseJson(answer.text);
  if (!parsed.ok)
    throw new AdapterError('malformed', `The answer to ${what} is not JSON.`, { status: answer.status });
  return parsed.value;
}

/** A parsed 2xx body checked against its schema; anything else is `malformed`. */
export function checkedBody<T>(schema: v.GenericSchema<unknown, T>, answer: HttpAnswer, what: string): T {
  const result = validateWith(schema, jsonBody(answer, what), { locale: 'en' });
  if (!result.ok)
    throw new AdapterError('malformed', `The answer to ${what} does not match the contract: ${describeProblems(result.errors)}.`, {
      status: answer.status,
    });
  return result.value;
}

// ---------------------------------------------------------------------------
// Response schemas
// ---------------------------------------------------------------------------

const pageOf = <T>(item: v.GenericSchema<unknown, T>): v.GenericSchema<unknown, Page<T>> =>
  v.object({
    items: v.array(item),
    nextCursor: v.nullable(v.string()),
    total: v.pipe(v.number(), v.integer(), v.minValue(0)),
  });

// Object schemas drop keys they do not know, so a server that leaks a need's
// contact or health data into a public answer still leaks nothing to the page.
const OrganizationPage = pageOf<Organization>(OrganizationSchema);
const OfferPage = pageOf<ServiceOffer>(ServiceOfferSchema);
const NeedPage = pageOf<PublicNeed>(PublicNeedSchema);
const ProjectPage = pageOf<Project>(ProjectSchema);
const ClaimPage = pageOf<Claim>(ClaimSchema);
const AreaList = v.object({ items: v.array(AreaSchema) });

const NeedReceiptSchema = v.pipe(
  v.object({ need: PublicNeedSchema, trackingNumber: v.string(), followToken: v.optional(v.pipe(v.string(), v.maxLength(512))) }),
  v.forward(
    v.check((r) => r.trackingNumber === r.need.trackingNumber, 'tracking-number'),
    ['trackingNumber'],
  ),
);

/** A record answered for `GET …/{id}` must be that record. */
function sameId<T>(record: T, key: string, expected: string, what: string): T {
  const actual = (record as Record<string, unknown>)[key];
  if (actual !== expected)
    throw new AdapterError('malformed', `The answer to ${what} is a different record (${String(actual)}).`);
  return record;
}

// ---------------------------------------------------------------------------
// The adapter
// ---------------------------------------------------------------------------

/** Runs `body` and lets nothing but an AdapterError out. */
export async function guarded<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toAdapterError(error);
  }
}

function requireId(id: unknown, what: string): string {
  if (typeof id !== 'string' || id === '')
    throw new AdapterError('validation', `${what} needs an id.`, {
      fieldErrors: [{ path: 'id', code: 'required', message: 'id' }],
    });
  return id;
}

export function createRestAdapter(options: RestAdapterOptions): DataAdapter {
  const base = options.baseUrl.replace(/\/+$/u, '');
  const timeout = options.timeout ?? DEFAULT_REST_TIMEOUT_MS;

  async function extraHeaders(): Promise<Record<string, string>> {
    try {
      const source = options.headers;
      return (typeof source === 'function' ? await source() : source) ?? {};
    } catch (error) {
      if (error instanceof AdapterError) throw error;
      // the headers function exists to supply a sign-in token: without it we are not signed in
      throw new AdapterError('unauthorized', `Could not get the request headers: ${messageOf(error)}`, { cause: error });
    }
  }

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: v.GenericSchema<unknown, T>,
    signal: AbortSignal | undefined,
    write?: { body: unknown; idempotencyKey: string },
  ): Promise<T> {
    const what = `${method} ${path}`;
    // Accept is a CORS-safelisted header, so a plain GET needs no preflight
    const headers = new Headers({ Accept: 'application/json' });
    const extra = await extraHeaders();
    try {
      for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    } catch (error) {
      // e.g. a token with a line break in it: the credentials cannot be sent
      throw new AdapterError('unauthorized', `Bad request header: ${messageOf(error)}`, { cause: error });
    }
    const init: RequestInit = { method, headers };
    if (write) {
      let body: string;
      try {
        body = JSON.stringify(write.body);
      } catch (error) {
        throw new AdapterError('validation', `The submission cannot be sent as JSON: ${messageOf(error)}`, { cause: error });
      }
      headers.set('Content-Type', 'application/json');
      // set last so no caller header can replace the key that makes retries safe
      headers.set(IDEMPOTENCY_HEADER, write.idempotencyKey);
      init.body = body;
    }
    const answer = await exchange({ url: `${base}${path}`, init, what, fetch: options.fetch, signal, timeout });
    if (!answer.ok) throw errorFromAnswer(answer, what);
    return checkedBody(schema, answer, what);
  }

  const withQuery = (path: string, query: object, names: readonly string[]): string => {
    let search: string;
    try {
      search = toSearchParams(query, names).toString();
    } catch (error) {
      // a caller's bad query value, not a network failure (toAdapterError would read a TypeError as one)
      throw new AdapterError('validation', `Bad query for GET ${path}: ${messageOf(error)}`, { cause: error });
    }
    return search ? `${path}?${search}` : path;
  };

  const list = <T>(template: string, query: object & RequestOptions, names: readonly string[], schema: v.GenericSchema<unknown, T>) =>
    guarded(() => call('GET', withQuery(template, query, names), schema, query.signal));

  const get = <T>(
    template: string,
    param: 'id' | 'code',
    value: string,
    schema: v.GenericSchema<unknown, T>,
    opts: RequestOptions | undefined,
  ): Promise<T> =>
    guarded(async () => {
      const path = restPath(template, { [param]: requireId(value, `GET ${template}`) });
      return sameId(await call('GET', path, schema, opts?.signal), param, value, `GET ${path}`);
    });

  const post = <T>(path: () => string, body: unknown, schema: v.GenericSchema<unknown, T>, opts: WriteOptions): Promise<T> =>
    guarded(async () => {
      const target = path();
      // a write without a key could not be retried safely, so it is never sent
      if (!opts?.idempotencyKey)
        throw new AdapterError('validation', `POST ${target} needs an idempotency key.`, {
          fieldErrors: [{ path: 'idempotencyKey', code: 'required', message: 'idempotencyKey' }],
        });
      return call('POST', target, schema, opts.signal, { body, idempotencyKey: opts.idempotencyKey });
    });

  const transition = (id: string, action: ClaimAction, input: object, opts: WriteOptions): Promise<Claim> =>
    guarded(async () => {
      const claim = await post(
        () => restPath(REST_PATHS.claimTransition, { id: requireId(id, `POST /claims/{id}/${action}`), action }),
        input,
        ClaimSchema,
        opts,
      );
      return sameId(claim, 'id', id, `POST /claims/${id}/${action}`);
    });

  return {
    listOrganizations: (q: OrganizationQuery = {}) => list(REST_PATHS.organizations, q, ORGANIZATION_PARAMS, OrganizationPage),
    getOrganization: (id, opts) => get(REST_PATHS.organization, 'id', id, OrganizationSchema, opts),

    listOffers: (q: OfferQuery = {}) => list(REST_PATHS.offers, q, OFFER_PARAMS, OfferPage),
    getOffer: (id, opts) => get(REST_PATHS.offer, 'id', id, ServiceOfferSchema, opts),
    createOffer: (draft: OfferDraft, opts) => post(() => REST_PATHS.offers, draft, ServiceOfferSchema, opts),

    listNeeds: (q: NeedQuery = {}) => list(REST_PATHS.needs, q, NEED_PARAMS, NeedPage),
    getNeed: (id, opts) => get(REST_PATHS.need, 'id', id, PublicNeedSchema, opts),
    createNeed: (draft: NeedDraft, opts): Promise<NeedReceipt> => post(() => REST_PATHS.needs, draft, NeedReceiptSchema, opts),
    getNeedContact: (needId, opts): Promise<NeedPrivateView> =>
      guarded(async () => {
        const path = restPath(REST_PATHS.needContact, { id: requireId(needId, `GET ${REST_PATHS.needContact}`) });
        return sameId(await call('GET', path, NeedPrivateViewSchema, opts?.signal), 'needId', needId, `GET ${path}`);
      }),
    reviewNeed: (id, input: NeedReview, opts): Promise<PublicNeed> =>
      guarded(async () => {
        const path = restPath(REST_PATHS.needStatus, { id: requireId(id, `POST ${REST_PATHS.needStatus}`) });
        const need = sameId(await post(() => path, input, PublicNeedSchema, opts), 'id', id, `POST ${path}`);
        // the answer is the need as the review left it (a replay repeats the first answer, which did too)
        if (need.status !== input.status)
          throw new AdapterError('malformed', `The answer to POST ${path} has status ${need.status}, not ${input.status}.`);
        return need;
      }),

    listProjects: (q: ProjectQuery = {}) => list(REST_PATHS.projects, q, PROJECT_PARAMS, ProjectPage),
    getProject: (id, opts) => get(REST_PATHS.project, 'id', id, ProjectSchema, opts),
    createProject: (draft: ProjectDraft, opts) => post(() => REST_PATHS.projects, draft, ProjectSchema, opts),

    listClaims: (q: ClaimQuery = {}) => list(REST_PATHS.claims, q, CLAIM_PARAMS, ClaimPage),
    getClaim: (id, opts) => get(REST_PATHS.claim, 'id', id, ClaimSchema, opts),
    requestClaim: (input: ClaimRequestInput, opts) => post(() => REST_PATHS.claims, input, ClaimSchema, opts),
    acceptClaim: (id, input, opts) => transition(id, 'accept', input, opts),
    declineClaim: (id, input, opts) => transition(id, 'decline', input, opts),
    withdrawClaim: (id, input, opts) => transition(id, 'withdraw', input, opts),
    startClaim: (id, input, opts) => transition(id, 'start', input, opts),
    completeClaim: (id, input, opts) => transition(id, 'complete', input, opts),
    rateClaim: (id, input: ClaimRating, opts) => transition(id, 'rate', input, opts),

    listAreas: (opts) =>
      guarded(async () => (await call('GET', REST_PATHS.areas, AreaList, opts?.signal)).items satisfies Area[]),
    getArea: (code, opts) => get(REST_PATHS.area, 'code', code, AreaSchema, opts),
  };
}
