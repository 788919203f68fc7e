/**
 * The REST contract (`@renling/core`'s rest-contract.ts, `api/openapi.yaml`)
 * served by msw in front of the memory engine. There is one engine: the
 * handlers only turn HTTP into adapter calls and adapter answers and errors
 * back into HTTP, so filtering, paging, validation, privacy and the claim
 * state machine are exactly the ones every other adapter uses.
 *
 *   const api = createHandlers({ baseUrl: '/api', dataset: generateDataset({ seed: DEMO_SEED, organizations: 60 }) });
 *   const worker = setupWorker(...api.handlers);
 *   api.faults.offline = true; // the next requests fail as if the phone had no signal
 *
 * On top of the engine they add what only HTTP has: the Idempotency-Key
 * header (replays marked `Idempotent-Replayed: true`, 409 while the same key
 * is still being processed, 422 without a key), the error body, and a
 * switchboard of network faults (./faults.ts).
 *
 * Who a request comes from stands in for a server's sign-in: by default the
 * engine's actor (community staff); a request with `mockAuthorization(actor)`'s
 * header acts as that actor, so claim transitions and contact reads are
 * judged as they would be for a signed-in person.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  CLAIM_ACTIONS,
  CLAIM_QUERY,
  NEED_QUERY,
  OFFER_QUERY,
  ORGANIZATION_QUERY,
  PROJECT_QUERY,
  parseQueryParams,
  type QueryParamKind,
  IDEMPOTENCY_HEADER,
  REPLAYED_HEADER,
  REST_PATHS,
  STATUS_FOR_KIND,
  ActorSchema,
  createMemoryAdapter,
  toAdapterError,
  toPublicNeed,
  validateWith,
  validationMessage,
  type Actor,
  type AdapterErrorKind,
  type ClaimAction,
  type ClaimQuery,
  type ClaimRating,
  type ClaimRequestInput,
  type DataAdapter,
  type ErrorBody,
  type FieldError,
  type MemoryAdapter,
  type MemoryAdapterOptions,
  type MemoryDataset,
  type NeedDraft,
  type NeedQuery,
  type NeedReview,
  type OfferDraft,
  type OfferQuery,
  type OrganizationQuery,
  type ProjectDraft,
  type ProjectQuery,
  type ValidationCode,
  type WriteOptions,
} from '@renling/core';
import { defaultFaults, takeFault, takeRateLimit, type FaultSwitches } from './faults.js';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export type RequestOutcome =
  /** The engine answered (2xx). */
  | 'ok'
  /** A write whose key was seen before: the stored answer again, with Idempotent-Replayed. */
  | 'replayed'
  /** The engine or the request checks refused it (4xx/5xx with the error body). */
  | 'error'
  /** 409: the same idempotency key is still being processed. */
  | 'in-flight'
  | 'offline'
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'html-error'
  /** The engine answered, the body was cut off. */
  | 'malformed'
  /** The write was committed, the answer was dropped. */
  | 'lost'
  /** The client gave up while the request was being served. */
  | 'aborted';

export interface RequestLogEntry {
  method: string;
  /** Relative to the API base, e.g. `/claims/claim-1/accept`. */
  path: string;
  /** The query string with its `?`, or ''. */
  search: string;
  idempotencyKey: string | null;
  /** The response status; null for network errors and hangs. */
  status: number | null;
  outcome: RequestOutcome;
  /** The error body's kind, for error answers. */
  kind: string | null;
}

export interface CreateHandlersOptions {
  /** Where the API lives: absolute (`https://api.example.test/v1`) or a path on the page's origin (`/api`). */
  baseUrl: string;
  dataset: MemoryDataset;
  /** Initial fault switches; the returned `faults` object is the one to flip. */
  faults?: Partial<FaultSwitches>;
  /** Passed to the engine: a fixed clock, the acting user for requests without a mock sign-in. Its own latency is not used. */
  engine?: Omit<MemoryAdapterOptions, 'latency' | 'persist'>;
}

const MOCK_BEARER = 'Bearer mock:';

/**
 * The request header that signs in to the mock API as `actor`
 * (`Authorization: Bearer mock:organization:org-0001`), e.g. for
 * `createRestAdapter({ baseUrl, headers: mockAuthorization(actor) })`.
 */
export function mockAuthorization(actor: Pick<Actor, 'role' | 'id'>): Record<string, string> {
  return { Authorization: `${MOCK_BEARER}${actor.role}:${actor.id}` };
}


export interface MockApi {
  handlers: HttpHandler[];
  /** The live switchboard: change fields at any time. */
  faults: FaultSwitches;
  /**
   * Starts over: a new engine on `dataset` (by default the one given at
   * creation), forgotten idempotency keys, faults off, the log emptied, and
   * requests hanging on `timeout` released as network errors.
   */
  reset(dataset?: MemoryDataset): void;
  /** Every request served, in the order they finished. Emptied (not replaced) by `reset()`. */
  requests: RequestLogEntry[];
  /** The engine currently behind the handlers, to look at the data without HTTP (or `withActor` to act as someone). */
  readonly engine: MemoryAdapter;
}

// ---------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------

/** What a route produces before faults and serialization. */
interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  outcome: RequestOutcome;
  kind?: string;
}

/** A failure found by the handlers themselves, outside the engine. */
class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: AdapterErrorKind,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The actor of a mock sign-in header; null without one; a 401 for one that is not `role:id`. */
function mockActorOf(request: Request): Actor | null {
  const header = request.headers.get('Authorization');
  if (header === null || !header.startsWith(MOCK_BEARER)) return null;
  const token = header.slice(MOCK_BEARER.length);
  const colon = token.indexOf(':');
  const parsed = colon < 0 ? null : validateWith(ActorSchema, { role: token.slice(0, colon), id: token.slice(colon + 1) });
  if (!parsed?.ok) throw new HttpProblem(401, 'unauthorized', 'The mock sign-in is not "role:id".');
  return parsed.value;
}

const fieldError = (path: string, code: ValidationCode, param = ''): FieldError => ({
  path,
  code,
  message: validationMessage(code, 'zh-CN', param),
});

function errorAnswer(
  status: number,
  kind: AdapterErrorKind,
  message: string,
  fieldErrors: FieldError[] = [],
  outcome: RequestOutcome = 'error',
  headers?: Record<string, string>,
): Answer {
  const body: ErrorBody = { error: { kind, message, ...(fieldErrors.length ? { fieldErrors } : {}) } };
  return { status, body, outcome, kind, ...(headers ? { headers } : {}) };
}

function jsonResponse(answer: Answer, truncate: boolean): Response {
  const text = JSON.stringify(answer.body);
  const body = truncate ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  return new HttpResponse(body, {
    status: answer.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...answer.headers },
  });
}

const HTML_502 = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`;

// ---------------------------------------------------------------------------
// Query parsing: the contract's conventions (repeated names for arrays,
// true/false for booleans, decimal integers for numbers)
// ---------------------------------------------------------------------------

/** The adapter query object for a list request, or a 422 for values the contract does not allow. */
function parseQuery(params: URLSearchParams, spec: Record<string, QueryParamKind>): Record<string, unknown> {
  const { query, errors } = parseQueryParams(params, spec);
  if (errors.length) throw new HttpProblem(422, 'validation', 'Some query parameters are not valid.', errors);
  return query;
}

// ---------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------

type JsonObject = Record<string, unknown>;

async function readJsonObject(request: Request): Promise<JsonObject> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpProblem(422, 'validation', 'The request body is not valid JSON.', [fieldError('', 'type')]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpProblem(422, 'validation', 'The request body must be a JSON object.', [fieldError('', 'type')]);
  return value as JsonObject;
}

/** Only the fields an action takes, so unknown extras do not change what the key stands for. */
function pick(body: JsonObject, names: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const name of names) if (body[name] !== undefined) out[name] = body[name];
  return out;
}

type TransitionCall = (adapter: DataAdapter, id: string, body: JsonObject, options: WriteOptions) => ReturnType<DataAdapter['acceptClaim']>;

const TRANSITIONS: Record<ClaimAction, TransitionCall> = {
  accept: (a, id, body, o) => a.acceptClaim(id, pick(body, ['reason']), o),
  decline: (a, id, body, o) => a.declineClaim(id, pick(body, ['reason']) as { reason: string }, o),
  withdraw: (a, id, body, o) => a.withdrawClaim(id, pick(body, ['reason']) as { reason: string }, o),
  start: (a, id, body, o) => a.startClaim(id, pick(body, ['reason']), o),
  complete: (a, id, body, o) =>
    a.completeClaim(id, pick(body, ['beneficiaries', 'reason']) as { beneficiaries: number; reason?: string }, o),
  rate: (a, id, body, o) => a.rateClaim(id, pick(body, ['score', 'comment']) as ClaimRating, o),
};

const isClaimAction = (action: string): action is ClaimAction => (CLAIM_ACTIONS as readonly string[]).includes(action);

/** Keys become claim event ids, so they follow the model's id rule. */
const IDEMPOTENCY_KEY_RE = /^[\w.:-]{1,64}$/u;

// ---------------------------------------------------------------------------
// The handlers
// ---------------------------------------------------------------------------

type Method = 'GET' | 'POST';

interface RouteContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  engine: DataAdapter;
  signal: AbortSignal;
  /** The write options for the engine (the key is '' on reads, which never use it). */
  write: WriteOptions;
}

type Route = (ctx: RouteContext) => Promise<{ status: number; body: unknown }>;

/** `/claims/{id}/{action}` → `/claims/:id/:action`, as msw's path matching wants it. */
const mswPath = (template: string): string => template.replace(/\{(\w+)\}/gu, ':$1');

function basePathOf(baseUrl: string): string {
  const path = /^[a-z][a-z\d+.-]*:\/\//iu.test(baseUrl) ? new URL(baseUrl).pathname : baseUrl;
  return path.replace(/\/+$/u, '');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function createHandlers(options: CreateHandlersOptions): MockApi {
  const base = options.baseUrl.replace(/\/+$/u, '');
  const basePath = basePathOf(base);
  const initialDataset = options.dataset;
  const faults: FaultSwitches = { ...defaultFaults(), ...options.faults };
  const requests: RequestLogEntry[] = [];
  /** Keys of writes the engine completed: a later request with one is a replay. */
  const rememberedKeys = (): string[] => (options.engine?.idempotency ?? []).map((r) => r.key);
  const completedKeys = new Set<string>(rememberedKeys());
  /** Keys of writes being served right now. */
  const inFlight = new Set<string>();
  /** Requests hanging on the timeout fault, released by reset(). */
  const hanging = new Set<() => void>();
  let engine = createMemoryAdapter(initialDataset, options.engine);
  /** Counts resets, so a request that outlives one is not logged into the next. */
  let generation = 0;

  const api: MockApi = {
    handlers: [],
    faults,
    requests,
    get engine() {
      return engine;
    },
    reset(dataset = initialDataset) {
      generation += 1;
      engine = createMemoryAdapter(dataset, options.engine);
      completedKeys.clear();
      for (const key of rememberedKeys()) completedKeys.add(key);
      inFlight.clear();
      for (const release of [...hanging]) release();
      hanging.clear();
      Object.assign(faults, defaultFaults());
      requests.length = 0;
    },
  };

  async function serve(request: Request, params: Record<string, string>, method: Method, route: Route): Promise<Response> {
    const url = new URL(request.url);
    const isWrite = method === 'POST';
    const key = isWrite ? request.headers.get(IDEMPOTENCY_HEADER) : null;
    const servedBy = generation;
    const log = (outcome: RequestOutcome, status: number | null, kind: string | null = null): void => {
      if (servedBy !== generation) return;
      requests.push({
        method: request.method,
        path: url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname,
        search: url.search,
        idempotencyKey: key,
        status,
        outcome,
        kind,
      });
    };
    const send = (answer: Answer, truncate = false): Response => {
      log(truncate ? 'malformed' : answer.outcome, answer.status, answer.kind ?? null);
      return jsonResponse(answer, truncate);
    };

    // 1. no network at all: fails before the server hears of it
    if (takeFault(faults, 'offline')) {
      log('offline', null);
      return HttpResponse.error();
    }

    // 2. a write's key: present, well-formed, not being served already
    let holdsKey = false;
    if (isWrite) {
      if (key === null || key.trim() === '') {
        await sleep(faults.latency, request.signal);
        return send(
          errorAnswer(422, 'validation', `Every POST needs an ${IDEMPOTENCY_HEADER} header.`, [
            fieldError(IDEMPOTENCY_HEADER, 'required'),
          ]),
        );
      }
      if (!IDEMPOTENCY_KEY_RE.test(key)) {
        await sleep(faults.latency, request.signal);
        return send(
          errorAnswer(422, 'validation', `${IDEMPOTENCY_HEADER} must be 1–64 letters, digits, _ . : or -.`, [
            fieldError(IDEMPOTENCY_HEADER, 'format'),
          ]),
        );
      }
      if (inFlight.has(key))
        return send(
          errorAnswer(409, 'conflict', 'A request with this idempotency key is still being processed.', [], 'in-flight'),
        );
      inFlight.add(key);
      holdsKey = true;
    }

    try {
      await sleep(faults.latency, request.signal);
      if (request.signal.aborted) {
        log('aborted', null);
        return HttpResponse.error();
      }

      // 3. faults in front of the engine: the request never reaches it
      if (takeFault(faults, 'timeout')) {
        // a hung request holds no key: the engine never saw it
        if (holdsKey && key !== null) inFlight.delete(key);
        holdsKey = false;
        await new Promise<void>((resolve) => {
          const release = (): void => {
            hanging.delete(release);
            resolve();
          };
          hanging.add(release);
          request.signal.addEventListener('abort', release, { once: true });
        });
        log('timeout', null);
        return HttpResponse.error();
      }
      const retryAfter = takeRateLimit(faults);
      if (retryAfter !== null)
        return send(
          errorAnswer(429, 'rate-limited', 'Too many requests.', [], 'rate-limited', { 'Retry-After': String(retryAfter) }),
        );
      if (takeFault(faults, 'status500'))
        return send(errorAnswer(500, 'server', 'The server had an internal error.', [], 'server-error'));
      if (takeFault(faults, 'htmlError')) {
        log('html-error', 502);
        return new HttpResponse(HTML_502, { status: 502, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      }

      // 4. the engine
      const seenBefore = key !== null && completedKeys.has(key);
      let answer: Answer;
      try {
        const actor = mockActorOf(request);
        const result = await route({
          request,
          url,
          params,
          engine: actor ? engine.withActor(actor) : engine,
          signal: request.signal,
          write: { idempotencyKey: key ?? '', signal: request.signal },
        });
        if (key !== null) completedKeys.add(key);
        answer = seenBefore
          ? { ...result, outcome: 'replayed', headers: { [REPLAYED_HEADER]: 'true' } }
          : { ...result, outcome: 'ok' };
      } catch (thrown) {
        if (thrown instanceof HttpProblem) {
          answer = errorAnswer(thrown.status, thrown.kind, thrown.message, thrown.fieldErrors, 'error', thrown.headers);
        } else {
          const error = toAdapterError(thrown);
          if (error.kind === 'aborted') {
            log('aborted', null);
            return HttpResponse.error();
          }
          // the engine sets 422 on a key reused for a different request; otherwise the contract's table
          const status = error.status ?? STATUS_FOR_KIND[error.kind] ?? 500;
          answer = errorAnswer(status, error.kind, error.message, error.fieldErrors);
        }
      }

      // 5. faults behind the engine: it has done its work
      if (isWrite && answer.status < 300 && takeFault(faults, 'loseResponse')) {
        log('lost', null);
        return HttpResponse.error();
      }
      return send(answer, takeFault(faults, 'malformedJson'));
    } finally {
      // a reset since this request began has already let go of every key
      if (holdsKey && key !== null && servedBy === generation) inFlight.delete(key);
    }
  }

  const notFound = (what: string): never => {
    throw new HttpProblem(404, 'not-found', `${what} was not found.`);
  };
  const param = (ctx: RouteContext, name: string): string => ctx.params[name] ?? notFound(name);

  const routes: [Method, string, Route][] = [
    ['GET', REST_PATHS.organizations, async (c) => ({
      status: 200,
      body: await c.engine.listOrganizations({
        ...(parseQuery(c.url.searchParams, ORGANIZATION_QUERY) as OrganizationQuery),
        signal: c.signal,
      }),
    })],
    ['GET', REST_PATHS.organization, async (c) => ({
      status: 200,
      body: await c.engine.getOrganization(param(c, 'id'), { signal: c.signal }),
    })],
    ['GET', REST_PATHS.offers, async (c) => ({
      status: 200,
      body: await c.engine.listOffers({ ...(parseQuery(c.url.searchParams, OFFER_QUERY) as OfferQuery), signal: c.signal }),
    })],
    ['POST', REST_PATHS.offers, async (c) => ({
      status: 201,
      body: await c.engine.createOffer((await readJsonObject(c.request)) as OfferDraft, c.write),
    })],
    ['GET', REST_PATHS.offer, async (c) => ({
      status: 200,
      body: await c.engine.getOffer(param(c, 'id'), { signal: c.signal }),
    })],
    ['GET', REST_PATHS.needs, async (c) => {
      const page = await c.engine.listNeeds({ ...(parseQuery(c.url.searchParams, NEED_QUERY) as NeedQuery), signal: c.signal });
      // public needs only, whatever stands behind the handlers
      return { status: 200, body: { ...page, items: page.items.map(toPublicNeed) } };
    }],
    ['POST', REST_PATHS.needs, async (c) => {
      const receipt = await c.engine.createNeed((await readJsonObject(c.request)) as NeedDraft, c.write);
      return { status: 201, body: { need: toPublicNeed(receipt.need), trackingNumber: receipt.trackingNumber } };
    }],
    ['GET', REST_PATHS.need, async (c) => ({
      status: 200,
      body: toPublicNeed(await c.engine.getNeed(param(c, 'id'), { signal: c.signal })),
    })],
    ['GET', REST_PATHS.needContact, async (c) => ({
      status: 200,
      body: await c.engine.getNeedContact(param(c, 'id'), { signal: c.signal }),
    })],
    ['POST', REST_PATHS.needStatus, async (c) => {
      // the engine validates the status and the reason, and judges who reviews
      const body = pick(await readJsonObject(c.request), ['status', 'reason']) as unknown as NeedReview;
      return { status: 200, body: toPublicNeed(await c.engine.reviewNeed(param(c, 'id'), body, c.write)) };
    }],
    ['GET', REST_PATHS.projects, async (c) => ({
      status: 200,
      body: await c.engine.listProjects({ ...(parseQuery(c.url.searchParams, PROJECT_QUERY) as ProjectQuery), signal: c.signal }),
    })],
    ['POST', REST_PATHS.projects, async (c) => ({
      status: 201,
      body: await c.engine.createProject((await readJsonObject(c.request)) as ProjectDraft, c.write),
    })],
    ['GET', REST_PATHS.project, async (c) => ({
      status: 200,
      body: await c.engine.getProject(param(c, 'id'), { signal: c.signal }),
    })],
    ['GET', REST_PATHS.claims, async (c) => ({
      status: 200,
      body: await c.engine.listClaims({ ...(parseQuery(c.url.searchParams, CLAIM_QUERY) as ClaimQuery), signal: c.signal }),
    })],
    ['POST', REST_PATHS.claims, async (c) => ({
      status: 201,
      body: await c.engine.requestClaim((await readJsonObject(c.request)) as unknown as ClaimRequestInput, c.write),
    })],
    ['GET', REST_PATHS.claim, async (c) => ({
      status: 200,
      body: await c.engine.getClaim(param(c, 'id'), { signal: c.signal }),
    })],
    ['POST', REST_PATHS.claimTransition, async (c) => {
      const action = param(c, 'action');
      if (!isClaimAction(action)) return notFound(`The claim action ${action}`);
      const body = await readJsonObject(c.request);
      return { status: 200, body: await TRANSITIONS[action](c.engine, param(c, 'id'), body, c.write) };
    }],
    ['GET', REST_PATHS.areas, async (c) => ({ status: 200, body: { items: await c.engine.listAreas({ signal: c.signal }) } })],
    ['GET', REST_PATHS.area, async (c) => ({
      status: 200,
      body: await c.engine.getArea(param(c, 'code'), { signal: c.signal }),
    })],
  ];

  const toParams = (params: Record<string, string | readonly string[] | undefined>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) if (typeof value === 'string') out[name] = value;
    return out;
  };

  for (const [method, template, route] of routes) {
    const path = base + mswPath(template);
    const handler =
      method === 'GET'
        ? http.get(path, ({ request, params }) => serve(request, toParams(params), method, route))
        : http.post(path, ({ request, params }) => serve(request, toParams(params), method, route));
    api.handlers.push(handler);
  }
  // Anything else under the base: the contract's error body, never a fall-through to the network.
  const templates = routes.map(([method, template]) => ({
    method,
    re: new RegExp(`^${basePath}${template.replace(/\{\w+\}/gu, '[^/]+')}/?$`, 'u'),
  }));
  api.handlers.push(
    http.all(`${base}/*`, ({ request }) => {
      const pathname = new URL(request.url).pathname;
      const allowed = [...new Set(templates.filter((t) => t.re.test(pathname)).map((t) => t.method))];
      const problem = allowed.length
        ? new HttpProblem(405, 'read-only', `${request.method} is not allowed here; use ${allowed.join(', ')}.`, [], {
            Allow: allowed.join(', '),
          })
        : new HttpProblem(404, 'not-found', `No route for ${request.method} ${pathname}.`);
      return serve(request, {}, 'GET', () => Promise.reject(problem));
    }),
  );
  return api;
}
