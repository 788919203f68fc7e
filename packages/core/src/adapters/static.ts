/**
 * A read-only DataAdapter over one JSON file a webmaster hosts beside the
 * page (format: docs/static-data.md, api/static-dataset.schema.json). For a
 * street or community site with no backend: the lists are shown, searched and
 * paged in the browser; nothing can be submitted.
 *
 * The file is public, so its needs are in public form only. The memory engine
 * wants full needs (with contact and consent), and inventing those would be
 * dishonest, so needs are kept in their own list here and filtered exactly as
 * the engine filters them; everything else is served by the engine.
 */
import * as v from 'valibot';
import { AdapterError, type DataAdapter, type NeedQuery, type Page, type RequestOptions } from '../adapter.js';
import { needMatches, paginate } from '../list-query.js';
import { createMemoryAdapter } from '../memory-adapter.js';
import {
  AreaSchema,
  ClaimSchema,
  OrganizationSchema,
  ProjectSchema,
  PublicNeedSchema,
  ServiceOfferSchema,
  type PublicNeed,
} from '../model.js';
import { toPublicNeed } from '../privacy.js';
import { validateWith, type FieldError } from '../validation.js';
import {
  abortedError,
  describeProblems,
  errorFromAnswer,
  exchange,
  guarded,
  jsonBody,
  untilAborted,
  type FetchLike,
} from './rest.js';

export const STATIC_DATASET_VERSION = 1;

/** The file format; api/static-dataset.schema.json states the same for other tools. */
export const StaticDatasetSchema = v.object({
  version: v.picklist([STATIC_DATASET_VERSION] as const),
  generatedAt: v.pipe(v.string(), v.isoTimestamp()),
  areas: v.array(AreaSchema),
  organizations: v.array(OrganizationSchema),
  offers: v.array(ServiceOfferSchema),
  needs: v.array(PublicNeedSchema),
  projects: v.array(ProjectSchema),
  claims: v.optional(v.array(ClaimSchema)),
});
export type StaticDataset = v.InferOutput<typeof StaticDatasetSchema>;

/** Fields of a full need that must never be in a public file. */
export const PRIVATE_NEED_FIELDS = ['contact', 'consent', 'health', 'minor'] as const;

const SECTIONS = ['areas', 'organizations', 'offers', 'needs', 'projects', 'claims'] as const;

export type StaticAdapterOptions =
  | {
      /** Where the file is, absolute or relative to the page. */
      url: string | URL;
      fetch?: FetchLike;
      /** Milliseconds for the whole download; default 30 000 (a district file on a weak signal). */
      timeout?: number;
    }
  | {
      /** The file's content, already parsed (e.g. imported); checked like a downloaded one. */
      data: unknown;
    };

export const DEFAULT_STATIC_TIMEOUT_MS = 30_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function malformed(source: string, detail: string): AdapterError {
  return new AdapterError('malformed', `The static data file ${source} ${detail}`);
}

/** `organizations.12 (id "org-7"): registration.creditCode: …` for the first problems. */
function describeRecords(errors: FieldError[], raw: Record<string, unknown>): string {
  const located = errors.map((error): FieldError => {
    const [section = '', index = '', ...rest] = error.path.split('.');
    const list = raw[section];
    if (!Array.isArray(list) || !/^\d+$/u.test(index)) return error;
    const record: unknown = list[Number(index)];
    const key = section === 'areas' ? 'code' : 'id';
    const id = isRecord(record) ? record[key] : undefined;
    // only a plausible id is quoted: the message must stay short whatever the file holds
    const name = typeof id === 'string' && id.length <= 64 ? ` (${key} ${JSON.stringify(id)})` : '';
    return { ...error, path: `${section}.${index}${name}${rest.length ? ` → ${rest.join('.')}` : ''}` };
  });
  return describeProblems(located);
}

/**
 * Checks a static data file and returns it parsed. Every problem is an
 * AdapterError('malformed') naming the first bad records, so a webmaster can
 * find them in the file.
 */
export function parseStaticDataset(input: unknown, source = '(data)'): StaticDataset {
  if (!isRecord(input)) throw malformed(source, 'is not a JSON object.');
  if (input.version !== STATIC_DATASET_VERSION)
    throw malformed(
      source,
      `has version ${JSON.stringify(input.version) ?? 'undefined'}; this kit reads version ${STATIC_DATASET_VERSION}.`,
    );
  // Checked before the schema, which would silently drop them: the file is
  // public, so private data in it is a leak the webmaster must hear about.
  if (Array.isArray(input.needs)) {
    for (const [index, need] of input.needs.entries()) {
      const leaked = isRecord(need) ? PRIVATE_NEED_FIELDS.filter((field) => field in need) : [];
      if (leaked.length)
        throw malformed(
          source,
          `holds private data in needs.${index} (${leaked.join(', ')}). A public file must never carry residents' contact, consent or health data: remove it from the file and from the web server.`,
        );
    }
  }
  const result = validateWith(StaticDatasetSchema, input, { locale: 'en' });
  if (!result.ok) throw malformed(source, `has bad records: ${describeRecords(result.errors, input)}.`);
  const data = result.value;
  for (const section of SECTIONS) {
    const seen = new Map<string, number>();
    for (const [index, record] of (data[section] ?? []).entries()) {
      const key = 'code' in record ? record.code : record.id;
      const first = seen.get(key);
      if (first !== undefined)
        throw malformed(source, `has two records with the same ${section === 'areas' ? 'code' : 'id'} ${JSON.stringify(key)}: ${section}.${first} and ${section}.${index}.`);
      seen.set(key, index);
    }
  }
  return data;
}

// ---------------------------------------------------------------------------
// Needs: the memory engine's filters and paging (../list-query.ts), over public records
// ---------------------------------------------------------------------------

function listPublicNeeds(needs: readonly PublicNeed[], q: NeedQuery): Page<PublicNeed> {
  return paginate(
    needs
      .filter((n) => needMatches(n, q))
      // the same public form the engine gives: a grid is shown as its community
      .map(toPublicNeed),
    q,
  );
}

// ---------------------------------------------------------------------------
// The adapter
// ---------------------------------------------------------------------------

interface Loaded {
  engine: DataAdapter;
  needs: PublicNeed[];
  needsById: Map<string, PublicNeed>;
}

function build(data: StaticDataset): Loaded {
  const needs = [...data.needs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // the file's records are handed out as they are (frozen): a copy on each read doubled the memory of a page listing a city
  const engine = createMemoryAdapter(
    {
      areas: data.areas,
      organizations: data.organizations,
      offers: data.offers,
      needs: [],
      projects: data.projects,
      claims: data.claims ?? [],
    },
    { frozen: true },
  );
  return { engine, needs, needsById: new Map(needs.map((n) => [n.id, n])) };
}

export function createStaticAdapter(options: StaticAdapterOptions): DataAdapter {
  const source = 'data' in options ? '(inline data)' : String(options.url);
  let loading: Promise<Loaded> | null = null;

  async function download(): Promise<unknown> {
    if ('data' in options) return options.data;
    const what = `GET ${source}`;
    // No caller's signal: the download is shared by every call waiting for it,
    // and one component going away must not cancel it for the others.
    const answer = await exchange({
      url: source,
      init: { method: 'GET', headers: new Headers({ Accept: 'application/json' }) },
      what,
      fetch: options.fetch,
      signal: undefined,
      timeout: options.timeout ?? DEFAULT_STATIC_TIMEOUT_MS,
    });
    if (!answer.ok) throw errorFromAnswer(answer, `Loading the static data file ${source}`);
    return jsonBody(answer, what);
  }

  /** Loads once; a failed load is forgotten so the next call tries again. */
  function load(): Promise<Loaded> {
    if (!loading) {
      const attempt = download().then((raw) => build(parseStaticDataset(raw, source)));
      loading = attempt;
      attempt.catch(() => {
        if (loading === attempt) loading = null;
      });
    }
    return loading;
  }

  function ready(signal: AbortSignal | undefined): Promise<Loaded> {
    if (signal?.aborted) return Promise.reject(abortedError(signal.reason));
    return untilAborted(load(), signal).catch((error: unknown) => {
      throw signal?.aborted ? abortedError(error) : error;
    });
  }

  const read = <T>(signal: AbortSignal | undefined, serve: (loaded: Loaded) => T | Promise<T>): Promise<T> =>
    guarded(async () => serve(await ready(signal)));

  const readOnly = (operation: string): Promise<never> =>
    Promise.reject(
      new AdapterError(
        'read-only',
        `${operation} is not possible: this site's data comes from a static file, ${source}, which can only be read. Submissions need a server (createRestAdapter).`,
      ),
    );

  return {
    listOrganizations: (q = {}) => read(q.signal, ({ engine }) => engine.listOrganizations(q)),
    getOrganization: (id, opts) => read(opts?.signal, ({ engine }) => engine.getOrganization(id, opts)),

    listOffers: (q = {}) => read(q.signal, ({ engine }) => engine.listOffers(q)),
    getOffer: (id, opts) => read(opts?.signal, ({ engine }) => engine.getOffer(id, opts)),
    createOffer: () => readOnly('createOffer'),

    listNeeds: (q: NeedQuery = {}) =>
      read(q.signal, ({ needs }) => {
        if (q.signal?.aborted) throw abortedError(q.signal.reason);
        return listPublicNeeds(needs, q);
      }),
    getNeed: (id, opts?: RequestOptions) =>
      read(opts?.signal, ({ needsById }) => {
        if (opts?.signal?.aborted) throw abortedError(opts.signal.reason);
        const need = needsById.get(id);
        if (!need) throw new AdapterError('not-found', `Need ${id} was not found.`, { status: 404 });
        return toPublicNeed(need);
      }),
    createNeed: () => readOnly('createNeed'),
    reviewNeed: () => readOnly('reviewNeed'),
    // the file is public: it holds no contact to show anyone
    getNeedContact: () =>
      Promise.reject(
        new AdapterError('forbidden', `A need's contact is not available: this site's data comes from a public static file, ${source}.`),
      ),

    listProjects: (q = {}) => read(q.signal, ({ engine }) => engine.listProjects(q)),
    getProject: (id, opts) => read(opts?.signal, ({ engine }) => engine.getProject(id, opts)),
    createProject: () => readOnly('createProject'),

    listClaims: (q = {}) => read(q.signal, ({ engine }) => engine.listClaims(q)),
    getClaim: (id, opts) => read(opts?.signal, ({ engine }) => engine.getClaim(id, opts)),
    requestClaim: () => readOnly('requestClaim'),
    acceptClaim: () => readOnly('acceptClaim'),
    declineClaim: () => readOnly('declineClaim'),
    withdrawClaim: () => readOnly('withdrawClaim'),
    startClaim: () => readOnly('startClaim'),
    completeClaim: () => readOnly('completeClaim'),
    rateClaim: () => readOnly('rateClaim'),

    listAreas: (opts) => read(opts?.signal, ({ engine }) => engine.listAreas(opts)),
    getArea: (code, opts) => read(opts?.signal, ({ engine }) => engine.getArea(code, opts)),
  };
}
