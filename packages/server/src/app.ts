/**
 * The HTTP side: Hono routes for the REST contract (`api/openapi.yaml`,
 * `@renling/core`'s rest-contract.ts) and the server's own account, staff and
 * admin endpoints (packages/server/README.md), with CORS per embedding site,
 * security headers, body size limits, rate limits and the contract's error
 * body on every failure.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { getConnInfo } from '@hono/node-server/conninfo';
import {
  CLAIM_ACTIONS,
  CLAIM_QUERY,
  IDEMPOTENCY_HEADER,
  NEED_QUERY,
  OFFER_QUERY,
  ORGANIZATION_QUERY,
  PROJECT_QUERY,
  REPLAYED_HEADER,
  REST_PATHS,
  toPublicNeed,
  type Claim,
  type ClaimAction,
  type ClaimQuery,
  type NeedQuery,
  type OfferQuery,
  type Organization,
  type OrganizationQuery,
  type Project,
  type ProjectQuery,
  type PublicNeed,
  type ServiceOffer,
} from '@renling/core';
import { ANONYMOUS, principalKey, type Auth, type Principal } from './auth.js';
import type { Database } from './db.js';
import type { Directory } from './directory.js';
import { errorBody, fieldError, HttpProblem, problems, toProblem } from './errors.js';
import type { Idempotency, StoredAnswer } from './idempotency.js';
import { inAreaOf, memberOf, requireAccount, requireArea, requireSignedIn } from './policy.js';
import {
  AUDIT_SPEC,
  parseJsonObject,
  parseQuery,
  pick,
  type JsonObject,
} from './query.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits, type RateRule } from './rate-limit.js';
import { serveStaticFiles } from './static.js';
import {
  clampLimit,
  getArea,
  getDoc,
  listAreas,
  listClaims,
  listNeeds,
  listOffers,
  listProjects,
  needPublic,
  Sql,
  pageOf,
  type ClaimVisibility,
} from './store.js';
import { areaPrefixes, canonicalJson, isAreaCode, sha256 } from './util.js';
import * as writes from './writes.js';

export interface AppOptions {
  db: Database;
  auth: Auth;
  directory: Directory;
  idempotency: Idempotency;
  /** Where the API lives on this origin: '/api' (default) or ''. */
  basePath?: string;
  /** Origins of sites that embed the widgets (`https://www.example.gov.cn`), or '*' for any. */
  corsOrigins?: readonly string[] | '*';
  /** Limits per address and account; false turns them off (benchmarks). */
  rateLimits?: RateLimits | false;
  /** Largest request body in bytes; 64 KiB by default (a need is under 10 KiB). */
  bodyLimitBytes?: number;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy only). */
  trustProxy?: boolean;
  /** A built site to serve at '/', e.g. the demo portal (demo/dist). */
  staticDir?: string | null;
  now?: () => Date;
  /** Where unexpected errors are reported. */
  logError?: (error: unknown, context: string) => void;
}

type AppEnv = { Variables: { principal: Principal; address: string } };
type Ctx = Context<AppEnv>;

export const FOLLOW_TOKEN_FIELD = 'followToken';
const IDEMPOTENCY_KEY_RE = /^[\w.:-]{1,64}$/u;
/** The model's Id rule. */
const ID_RE = /^[\w.:-]{1,64}$/u;

/** The server's own paths, beyond the contract's (REST_PATHS); see packages/server/README.md. */
export const SERVER_PATHS = {
  needMatches: '/needs/{id}/matches',
  track: '/track',
  login: '/auth/login',
  logout: '/auth/logout',
  me: '/auth/me',
  invitations: '/invitations',
  acceptInvitation: '/invitations/accept',
  accounts: '/accounts',
  accountDisable: '/accounts/{id}/disable',
  accountAreas: '/accounts/{id}/areas',
  audit: '/audit',
} as const;

/** Every route: the contract's (REST_PATHS, and the claim actions under claimTransition) and the server's own. */
export const ROUTES: readonly (readonly ['GET' | 'POST' | 'PUT', string])[] = [
  ['GET', REST_PATHS.organizations],
  ['GET', REST_PATHS.organization],
  ['GET', REST_PATHS.offers],
  ['POST', REST_PATHS.offers],
  ['GET', REST_PATHS.offer],
  ['PUT', REST_PATHS.offer],
  ['GET', REST_PATHS.needs],
  ['POST', REST_PATHS.needs],
  ['GET', REST_PATHS.need],
  ['GET', REST_PATHS.projects],
  ['POST', REST_PATHS.projects],
  ['GET', REST_PATHS.project],
  ['GET', REST_PATHS.claims],
  ['POST', REST_PATHS.claims],
  ['GET', REST_PATHS.claim],
  ['POST', REST_PATHS.claimTransition],
  ['GET', REST_PATHS.areas],
  ['POST', REST_PATHS.areas],
  ['GET', REST_PATHS.area],
  ['GET', REST_PATHS.needContact],
  ['POST', REST_PATHS.needStatus],
  ['GET', SERVER_PATHS.needMatches],
  ['GET', SERVER_PATHS.track],
  ['POST', SERVER_PATHS.login],
  ['POST', SERVER_PATHS.logout],
  ['GET', SERVER_PATHS.me],
  ['POST', SERVER_PATHS.invitations],
  ['POST', SERVER_PATHS.acceptInvitation],
  ['GET', SERVER_PATHS.accounts],
  ['POST', SERVER_PATHS.accountDisable],
  ['POST', SERVER_PATHS.accountAreas],
  ['GET', SERVER_PATHS.audit],
];

function securityHeaders(kind: 'api' | 'site', crossOrigin: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    h.set('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    if (kind === 'api') {
      h.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      h.set('X-Frame-Options', 'DENY');
      // widgets on the sites allowed by CORS read these answers
      h.set('Cross-Origin-Resource-Policy', crossOrigin ? 'cross-origin' : 'same-origin');
      // answers differ by token and carry private data for some: never cached on the way
      h.set('Cache-Control', 'no-store');
      h.append('Vary', 'Authorization');
    } else {
      h.set(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
      );
      h.set('X-Frame-Options', 'SAMEORIGIN');
      // the kit's script may be loaded by other sites
      h.set('Cross-Origin-Resource-Policy', 'cross-origin');
    }
  };
}

// the rest of the body is not read: the connection cannot carry another request after it
const tooLarge = (max: number): HttpProblem =>
  new HttpProblem(413, 'validation', `The request body is larger than ${max} bytes.`, [fieldError('', 'too-long', String(max))], { Connection: 'close' });

/**
 * Refuses bodies over `max` bytes with 413. A declared length is judged
 * before anything is read; a streamed body is read up to the limit, then a
 * little more is read and dropped so an honest client still gets its 413
 * (past `drainUpTo` the connection is simply cut).
 */
function limitBody(max: number, drainUpTo = 1024 * 1024): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('Content-Length');
    if (declared !== null && !raw.headers.has('Transfer-Encoding')) {
      if (!/^\d+$/u.test(declared) || Number(declared) > max) throw tooLarge(max);
      return next();
    }
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        while (size <= drainUpTo) {
          const more = await reader.read();
          if (more.done) throw tooLarge(max);
          size += more.value.length;
        }
        await reader.cancel().catch(() => undefined);
        throw tooLarge(max);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(raw, { body: Buffer.concat(chunks) });
    return next();
  };
}

function problemResponse(c: Ctx, problem: HttpProblem): Response {
  for (const [name, value] of Object.entries(problem.headers)) c.header(name, value);
  return c.json(errorBody(problem.kind, problem.message, problem.fieldErrors), problem.status as 400);
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { db, auth, directory, idempotency } = options;
  const base = (options.basePath ?? '/api').replace(/\/+$/u, '');
  const now = options.now ?? (() => new Date());
  const limits = options.rateLimits === false ? null : (options.rateLimits ?? DEFAULT_RATE_LIMITS);
  const limiter = new RateLimiter();
  const corsOrigins = options.corsOrigins ?? [];
  const logError = options.logError ?? ((error: unknown, context: string) => console.error(`[renling] ${context}:`, error));

  const app = new Hono<AppEnv>();
  const api = new Hono<AppEnv>();

  app.onError((error, c) => {
    const problem = toProblem(error);
    if (problem.status >= 500) logError(error, `${c.req.method} ${new URL(c.req.url).pathname}`);
    return problemResponse(c, problem);
  });

  // -- middleware -------------------------------------------------------------

  api.use('*', securityHeaders('api', corsOrigins === '*' || corsOrigins.length > 0));
  // nothing written is answered before it is on disk (see Database.durable)
  api.use('*', async (_c, next) => {
    await next();
    await db.durable();
  });
  if (corsOrigins === '*' || corsOrigins.length > 0) {
    const allowed = corsOrigins === '*' ? null : new Set(corsOrigins);
    api.use(
      '*',
      cors({
        origin: (origin) => (allowed === null ? '*' : allowed.has(origin) ? origin : null),
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'Accept', IDEMPOTENCY_HEADER],
        exposeHeaders: [REPLAYED_HEADER, 'Retry-After'],
        // bearer tokens, never cookies: nothing for another site to ride on
        credentials: false,
        maxAge: 600,
      }),
    );
  }

  const limit = (key: string, rule: RateRule): void => {
    const retryAfter = limiter.hit(key, rule);
    if (retryAfter !== null)
      throw new HttpProblem(429, 'rate-limited', 'Too many requests; wait and try again.', [], { 'Retry-After': String(retryAfter) });
  };

  api.use('*', async (c, next) => {
    let address = 'unknown';
    const forwarded = options.trustProxy ? c.req.header('X-Forwarded-For') : undefined;
    if (forwarded) address = forwarded.split(',').at(-1)?.trim() || address;
    else {
      try {
        address = getConnInfo(c as Context).remote.address ?? address;
      } catch {
        // not behind @hono/node-server (app.request in a test): one shared address
      }
    }
    c.set('address', address);
    if (limits && c.req.method !== 'OPTIONS') {
      limit(`addr:${address}`, limits.perAddress);
      if (c.req.method === 'POST' || c.req.method === 'PUT') limit(`addr-w:${address}`, limits.writesPerAddress);
    }
    const principal = await auth.authenticate(c.req.header('Authorization'));
    c.set('principal', principal);
    if (limits && principal.kind !== 'anonymous') limit(`who:${principalKey(principal)}`, limits.perAccount);
    await next();
  });

  api.use('*', limitBody(options.bodyLimitBytes ?? 64 * 1024));

  // -- helpers ------------------------------------------------------------------

  const principalOf = (c: Ctx): Principal => c.get('principal') ?? ANONYMOUS;
  /** A path id; one that no record could have is not looked up at all. */
  const idParam = (c: Ctx, name = 'id'): string => {
    const value = c.req.param(name) ?? '';
    if (!ID_RE.test(value)) throw problems.notFound(`${name} ${JSON.stringify(value.slice(0, 80))}`);
    return value;
  };
  const query = <T>(c: Ctx, spec: Parameters<typeof parseQuery>[1]): T => parseQuery<T>(new URL(c.req.url).searchParams, spec);
  const body = async (c: Ctx): Promise<JsonObject> => parseJsonObject(await c.req.text(), c.req.header('Content-Type'));

  function requireKey(c: Ctx): string {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined || key.trim() === '')
      throw problems.validation(`Every POST needs an ${IDEMPOTENCY_HEADER} header.`, [fieldError(IDEMPOTENCY_HEADER, 'required')]);
    if (!IDEMPOTENCY_KEY_RE.test(key))
      throw problems.validation(`${IDEMPOTENCY_HEADER} must be 1–64 letters, digits, _ . : or -.`, [fieldError(IDEMPOTENCY_HEADER, 'format')]);
    return key;
  }

  /** A write under its Idempotency-Key: done once, answered the same every time after. */
  async function idempotent(
    c: Ctx,
    operation: string,
    payload: unknown,
    perform: (ctx: writes.WriteContext) => Promise<StoredAnswer>,
  ): Promise<Response> {
    const key = requireKey(c);
    const principal = principalOf(c);
    const fingerprint = sha256(canonicalJson([operation, principalKey(principal), payload]));
    const { answer, replayed } = await idempotency.run(key, fingerprint, (tx) => perform({ tx, principal, key, now: now(), auth }));
    if (replayed) c.header(REPLAYED_HEADER, 'true');
    return c.json(answer.body as object, answer.status as 200);
  }

  const found = <T>(value: T | null, what: string): T => {
    if (value === null) throw problems.notFound(what);
    return value;
  };

  // -- the contract ---------------------------------------------------------------

  const path = (template: string): string => template.replace(/\{(\w+)\}/gu, ':$1');

  api.get(path(REST_PATHS.organizations), async (c) =>
    c.body(new Uint8Array(await directory.listJson(query<OrganizationQuery>(c, ORGANIZATION_QUERY))), 200, { 'Content-Type': 'application/json' }),
  );
  api.get(path(REST_PATHS.organization), async (c) => c.json(found(await getDoc<Organization>(db, 'organizations', idParam(c)), `Organization ${idParam(c)}`)));

  api.get(path(REST_PATHS.offers), async (c) => c.json(await listOffers(db, query<OfferQuery>(c, OFFER_QUERY))));
  api.post(path(REST_PATHS.offers), async (c) => {
    const draft = await body(c);
    return idempotent(c, 'offer.create', draft, (ctx) => writes.createOffer(ctx, draft));
  });
  api.get(path(REST_PATHS.offer), async (c) => c.json(found(await getDoc<ServiceOffer>(db, 'offers', idParam(c)), `Offer ${idParam(c)}`)));
  // the server's own: an organization edits its offer
  api.put(path(REST_PATHS.offer), async (c) => {
    const draft = await body(c);
    const offer = await db.transaction((tx) => writes.updateOffer({ tx, principal: principalOf(c), now: now(), auth }, idParam(c), draft));
    return c.json(offer);
  });

  api.get(path(REST_PATHS.needs), async (c) => c.json(await listNeeds(db, query<NeedQuery>(c, NEED_QUERY))));
  api.post(path(REST_PATHS.needs), async (c) => {
    const draft = await body(c);
    return idempotent(c, 'need.create', draft, (ctx) => writes.createNeed(ctx, draft));
  });
  api.get(path(REST_PATHS.need), async (c) => {
    const doc = found(await getDoc<PublicNeed>(db, 'needs', idParam(c)), `Need ${idParam(c)}`);
    return c.json(needPublic(doc));
  });

  api.get(path(REST_PATHS.projects), async (c) => c.json(await listProjects(db, query<ProjectQuery>(c, PROJECT_QUERY))));
  api.get(path(REST_PATHS.project), async (c) => c.json(found(await getDoc<Project>(db, 'projects', idParam(c)), `Project ${idParam(c)}`)));

  function claimVisibility(principal: Principal): ClaimVisibility {
    switch (principal.kind) {
      case 'anonymous':
        throw problems.unauthorized('Sign in to read claims.');
      case 'resident':
        return { kind: 'resident', residentId: principal.residentId };
      case 'account': {
        const org = memberOf(principal);
        return org !== null ? { kind: 'organization', organizationId: org } : { kind: 'areas', areas: principal.account.areaCodes };
      }
    }
  }

  api.get(path(REST_PATHS.claims), async (c) => {
    const visibility = claimVisibility(principalOf(c));
    return c.json(await listClaims(db, query<ClaimQuery>(c, CLAIM_QUERY), visibility));
  });
  api.post(path(REST_PATHS.claims), async (c) => {
    const request = await body(c);
    return idempotent(c, 'claim.request', request, (ctx) => writes.requestClaim(ctx, request));
  });
  api.get(path(REST_PATHS.claim), async (c) => {
    const principal = principalOf(c);
    requireSignedIn(principal);
    const row = await db.query<{ doc: Claim; scope_codes: string[] }>('select doc, scope_codes from claims where id = $1', [idParam(c)]);
    const claim = found(row.rows[0] ?? null, `Claim ${idParam(c)}`);
    if (!(await writes.mayReadClaim(db, principal, claim.doc, claim.scope_codes))) throw problems.forbidden('This claim is not yours to read.');
    return c.json(claim.doc);
  });
  api.post(path(REST_PATHS.claimTransition), async (c) => {
    const action = c.req.param('action') ?? '';
    if (!(CLAIM_ACTIONS as readonly string[]).includes(action)) throw problems.notFound(`The claim action ${action}`);
    const input = await body(c);
    const id = idParam(c);
    const extra: Record<ClaimAction, JsonObject> = {
      accept: pick(input, ['reason']),
      decline: pick(input, ['reason']),
      withdraw: pick(input, ['reason']),
      start: pick(input, ['reason']),
      complete: pick(input, ['beneficiaries', 'reason']),
      rate: { rating: pick(input, ['score', 'comment']) },
    };
    const args = extra[action as ClaimAction];
    return idempotent(c, `claim.${action}`, [id, args], (ctx) => writes.transition(ctx, id, action as ClaimAction, args));
  });

  api.get(path(REST_PATHS.areas), async (c) => c.json({ items: await listAreas(db) }));
  api.get(path(REST_PATHS.area), async (c) => c.json(found(await getArea(db, idParam(c, 'code')), `Area ${idParam(c, 'code')}`)));
  // the server's own: the street admin adds areas (a new grid, say)
  api.post(path(REST_PATHS.areas), async (c) => {
    const area = await body(c);
    return idempotent(c, 'area.create', area, (ctx) => writes.createArea(ctx, area));
  });
  api.post(path(REST_PATHS.projects), async (c) => {
    const project = await body(c);
    return idempotent(c, 'project.create', project, (ctx) => writes.createProject(ctx, project));
  });

  // -- needs: private part, review, matching --------------------------------------

  api.get(path(REST_PATHS.needContact), async (c) => {
    const principal = principalOf(c);
    requireSignedIn(principal);
    const id = idParam(c);
    const row = await db.query<{ area_code: string; tracking_number: string; contact: unknown; health: unknown; minor: boolean; original: unknown }>(
      `select n.area_code, n.tracking_number, p.contact, p.health, p.minor, p.original
         from needs n join need_private p on p.need_id = n.id where n.id = $1`,
      [id],
    );
    const need = found(row.rows[0] ?? null, `Need ${id}`);
    let allowed = principal.kind === 'account' && principal.account.role === 'staff' && inAreaOf(principal, [need.area_code]);
    const org = memberOf(principal);
    if (!allowed && org !== null) {
      const accepted = await db.query(
        `select 1 from claims where need_id = $1 and organization_id = $2 and state in ('accepted', 'in-progress') limit 1`,
        [id, org],
      );
      allowed = accepted.rowCount > 0;
    }
    if (!allowed)
      throw problems.forbidden("A resident's contact is shown only to staff of the area and to the organization whose claim was accepted.");
    const at = now().toISOString();
    await writes.audit(db, principal, { action: 'need.contact.read', subjectType: 'need', subjectId: id, at });
    // NeedPrivateViewSchema: health only when it was given (with its consent)
    return c.json({
      needId: id,
      trackingNumber: need.tracking_number,
      areaCode: need.area_code,
      contact: need.contact,
      ...(need.health === null ? {} : { health: need.health }),
      minor: need.minor,
      original: need.original,
    });
  });

  api.post(path(REST_PATHS.needStatus), async (c) => {
    const input = await body(c);
    const id = idParam(c);
    const args = pick(input, ['status', 'reason']);
    return idempotent(c, 'need.review', [id, args], (ctx) => writes.reviewNeed(ctx, id, args));
  });

  api.get(path(SERVER_PATHS.needMatches), async (c) => {
    const principal = principalOf(c);
    requireAccount(principal, ['staff', 'admin']);
    const id = idParam(c);
    const need = found((await db.query<{ area_code: string; category_code: string; category_top: string; doc: PublicNeed }>(
      'select area_code, category_code, category_top, doc from needs where id = $1',
      [id],
    )).rows[0] ?? null, `Need ${id}`);
    requireArea(principal, [need.area_code], 'This need');
    // open offers with places, in the need's category, serving its area; closest category and audience first
    const rows = await db.query<{ doc: ServiceOffer }>(
      `select doc from offers
        where status = 'open' and capacity_used < capacity_per_period and category_top = $1
          and (service_area_keys @> array[$2]::text[] or service_area_codes && $3::text[])
        order by (category_code = $4) desc, (audiences && $5::text[]) desc, capacity_per_period - capacity_used desc, seq
        limit $6`,
      [need.category_top, need.area_code, areaPrefixes(need.area_code), need.category_code, need.doc.audiences, clampLimit(Number(c.req.query('limit') ?? 10))],
    );
    return c.json({ items: rows.rows.map((r) => r.doc) });
  });

  // -- a resident's own needs and bookings, with the secret link's token ---------------

  api.get(path(SERVER_PATHS.track), async (c) => {
    const principal = principalOf(c);
    requireSignedIn(principal);
    if (principal.kind !== 'resident') throw problems.forbidden('This is for residents following their own needs.');
    const needs = await db.query<{ doc: PublicNeed }>('select doc from needs where resident_id = $1 order by id', [principal.residentId]);
    const claims = await listClaims(db, { limit: 200 }, { kind: 'resident', residentId: principal.residentId });
    return c.json({ needs: needs.rows.map((r) => toPublicNeed(r.doc)), claims: claims.items });
  });

  // -- accounts ---------------------------------------------------------------------

  api.post(path(SERVER_PATHS.login), async (c) => {
    const input = await body(c);
    const username = typeof input['username'] === 'string' ? input['username'] : '';
    const password = typeof input['password'] === 'string' ? input['password'] : '';
    if (limits) {
      limit(`login-addr:${c.get('address')}`, limits.loginPerAddress);
      limit(`login-user:${username.trim().toLowerCase()}`, limits.loginPerUsername);
    }
    if (!username || !password)
      throw problems.validation('Give a username and a password.', [
        ...(username ? [] : [fieldError('username', 'required')]),
        ...(password ? [] : [fieldError('password', 'required')]),
      ]);
    const session = await auth.login(username, password);
    if (!session) throw problems.unauthorized('Wrong username or password.');
    return c.json(session);
  });
  api.post(path(SERVER_PATHS.logout), async (c) => {
    const principal = principalOf(c);
    requireSignedIn(principal);
    if (principal.kind !== 'account') throw problems.forbidden('Only account sessions can sign out.');
    await auth.logout(principal.sessionHash);
    return c.body(null, 204);
  });
  api.get(path(SERVER_PATHS.me), (c) => {
    const principal = principalOf(c);
    requireSignedIn(principal);
    return c.json(principal.kind === 'account' ? { kind: 'account', account: principal.account } : { kind: 'resident', residentId: principal.kind === 'resident' ? principal.residentId : '' });
  });

  api.post(path(SERVER_PATHS.invitations), async (c) => {
    const input = await body(c);
    return idempotent(c, 'invitation.create', input, async ({ tx, principal }) => {
      const account = requireAccount(principal, ['admin', 'staff']);
      const role = input['role'];
      const name = typeof input['name'] === 'string' ? input['name'].trim() : '';
      if (role !== 'staff' && role !== 'organization') throw problems.validation('role must be staff or organization.', [fieldError('role', 'enum')]);
      if (!name || [...name].length > 40) throw problems.validation('Give the person a name (up to 40 characters).', [fieldError('name', name ? 'too-long' : 'required', '40')]);
      let organizationId: string | null = null;
      let areaCodes: string[] = [];
      if (role === 'staff') {
        // staff are appointed by the street
        if (account.role !== 'admin') throw problems.forbidden('Only a street admin invites staff.');
        const codes = input['areaCodes'];
        if (!Array.isArray(codes) || codes.length === 0 || !codes.every((a): a is string => typeof a === 'string' && isAreaCode(a)))
          throw problems.validation('areaCodes must list the staff member’s areas.', [fieldError('areaCodes', 'area-code')]);
        for (const code of codes) requireArea(principal, [code], `Area ${code}`);
        const known = await tx.query<{ n: number }>('select count(*)::int as n from areas where code = any($1::text[])', [codes]);
        if ((known.rows[0]?.n ?? 0) !== new Set(codes).size) throw problems.validation('Some areas are unknown.', [fieldError('areaCodes', 'area-code')]);
        areaCodes = [...new Set(codes)];
      } else {
        const org = await getDoc<{ id: string; areaCode: string; serviceAreaCodes: string[] }>(tx, 'organizations', typeof input['organizationId'] === 'string' ? input['organizationId'] : '');
        if (!org) throw problems.validation('Unknown organization.', [fieldError('organizationId', 'format')]);
        requireArea(principal, [org.areaCode, ...org.serviceAreaCodes], 'This organization');
        organizationId = org.id;
      }
      const invitation = await auth.invite(tx, { role, organizationId, areaCodes, name, createdBy: account.id });
      await writes.audit(tx, principal, { action: 'invitation.create', subjectType: 'account', subjectId: name, at: now().toISOString(), detail: { role, organizationId, areaCodes } });
      return { status: 201, body: { ...invitation, role, organizationId, areaCodes, name } };
    });
  });
  api.post(path(SERVER_PATHS.acceptInvitation), async (c) => {
    const input = await body(c);
    const token = typeof input['token'] === 'string' ? input['token'] : '';
    if (limits) limit(`login-addr:${c.get('address')}`, limits.loginPerAddress);
    const session = await auth.acceptInvitation({
      token,
      username: typeof input['username'] === 'string' ? input['username'] : '',
      password: typeof input['password'] === 'string' ? input['password'] : '',
    });
    if (!session) throw problems.notFound('The invitation (unknown, used or expired)');
    return c.json(session, 201);
  });

  api.get(path(SERVER_PATHS.accounts), async (c) => {
    requireAccount(principalOf(c), ['admin']);
    return c.json({ items: await auth.listAccounts() });
  });
  api.post(path(SERVER_PATHS.accountDisable), async (c) => {
    const input = await body(c);
    const id = idParam(c);
    return idempotent(c, 'account.disable', [id, input], async ({ tx, principal }) => {
      const admin = requireAccount(principal, ['admin']);
      if (id === admin.id) throw problems.conflict('You cannot disable your own account.');
      const target = found(await auth.getAccount(tx, id), `Account ${id}`);
      if (target.role === 'admin') throw problems.forbidden('Admins are managed outside the API.');
      const disabled = found(await auth.disableAccount(tx, id), `Account ${id}`);
      await writes.audit(tx, principal, { action: 'account.disable', subjectType: 'account', subjectId: id, at: now().toISOString() });
      return { status: 200, body: disabled };
    });
  });
  api.post(path(SERVER_PATHS.accountAreas), async (c) => {
    const input = await body(c);
    const id = idParam(c);
    return idempotent(c, 'account.areas', [id, input], async ({ tx, principal }) => {
      requireAccount(principal, ['admin']);
      const target = found(await auth.getAccount(tx, id), `Account ${id}`);
      if (target.role !== 'staff') throw problems.validation('Only staff accounts have areas.', [fieldError('id', 'format')]);
      const codes = input['areaCodes'];
      if (!Array.isArray(codes) || codes.length === 0 || !codes.every((a): a is string => typeof a === 'string' && isAreaCode(a)))
        throw problems.validation('areaCodes must list area codes.', [fieldError('areaCodes', 'area-code')]);
      for (const code of codes) requireArea(principal, [code], `Area ${code}`);
      const updated = found(await auth.setAreas(tx, id, [...new Set(codes)]), `Account ${id}`);
      await writes.audit(tx, principal, { action: 'account.areas', subjectType: 'account', subjectId: id, at: now().toISOString(), detail: { areaCodes: codes } });
      return { status: 200, body: updated };
    });
  });

  api.get(path(SERVER_PATHS.audit), async (c) => {
    requireAccount(principalOf(c), ['admin']);
    const q = query<{ cursor?: string; limit?: number; subjectType?: string; subjectId?: string }>(c, AUDIT_SPEC);
    const sql = new Sql();
    if (q.subjectType) sql.and(`subject_type = ${sql.p(q.subjectType)}`);
    if (q.subjectId) sql.and(`subject_id = ${sql.p(q.subjectId)}`);
    const page = await pageOf<{ doc: unknown }, unknown>(
      db,
      `(select id as seq, jsonb_build_object('id', id, 'recordedAt', recorded_at, 'action', action, 'subjectType', subject_type,
          'subjectId', subject_id, 'actor', jsonb_build_object('role', actor_role, 'id', actor_id), 'accountId', account_id,
          'eventId', event_id, 'from', from_state, 'to', to_state, 'reason', reason, 'at', at, 'detail', detail) as doc,
          subject_type, subject_id from audit_log) as entries`,
      sql,
      'seq',
      q,
      (r) => r.doc,
    );
    return c.json(page);
  });

  // -- everything else under the API: the contract's error body ----------------------

  const templates = ROUTES.map(([method, template]) => ({
    method,
    re: new RegExp(`^${template.replace(/\{\w+\}/gu, '[^/]+')}/?$`, 'u'),
  }));

  api.all('*', (c) => {
    const pathname = new URL(c.req.url).pathname.slice(base.length) || '/';
    const allowed: string[] = [...new Set(templates.filter((t) => t.re.test(pathname)).map((t) => t.method))];
    if (allowed.length) {
      if (allowed.includes('GET')) allowed.push('HEAD');
      throw new HttpProblem(405, 'read-only', `${c.req.method} is not allowed here; use ${allowed.join(', ')}.`, [], { Allow: allowed.join(', ') });
    }
    throw problems.notFound(`No route for ${c.req.method} ${pathname}; it`);
  });
  api.onError((error, c) => {
    const problem = toProblem(error);
    if (problem.status >= 500) logError(error, `${c.req.method} ${new URL(c.req.url).pathname}`);
    return problemResponse(c, problem);
  });

  app.route(base || '/', api);

  if (options.staticDir) {
    app.use('*', securityHeaders('site', false));
    app.get('*', serveStaticFiles(options.staticDir));
  }
  return app;
}
