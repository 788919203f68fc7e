// api/openapi.yaml against the REST contract in code (rest-contract.ts) and the
// model: paths and methods, query parameters, the Idempotency-Key header, the
// error responses, enums and patterns, and real records validating against the
// document's schemas.
import { expect } from '@open-wc/testing';
import { DEMO_SEED, generateDataset } from '@renling/mocks';
import { parse } from 'yaml';
import { createMemoryAdapter } from '../../src/memory-adapter.js';
import {
  ACTOR_ROLES,
  AREA_LEVELS,
  AUDIENCES,
  CAPACITY_PERIODS,
  CLAIM_DIRECTIONS,
  CLAIM_EVENT_TYPES,
  CLAIM_STATES,
  COST_KINDS,
  FUNDING_SOURCES,
  INTAKE_CHANNELS,
  NEED_REVIEW_STATUSES,
  NEED_STATUSES,
  NEED_SUBJECTS,
  OFFER_STATUSES,
  ORGANIZATION_TYPES,
  PROJECT_STATUSES,
  RATINGS,
  REGISTRATION_STATUSES,
  SERVICE_MODES,
  URGENCIES,
} from '../../src/model.js';
import { toPublicNeed } from '../../src/privacy.js';
import {
  CLAIM_ACTIONS,
  CLAIM_PARAMS,
  IDEMPOTENCY_HEADER,
  NEED_PARAMS,
  OFFER_PARAMS,
  ORGANIZATION_PARAMS,
  PROJECT_PARAMS,
  REPLAYED_HEADER,
  REST_PATHS,
  STATUS_FOR_KIND,
} from '../../src/rest-contract.js';
import { VALIDATION_CODES } from '../../src/messages.js';
import { draftFromNeed } from './contract-suite.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function obj(value: unknown, where: string): Json {
  if (!isObject(value)) throw new Error(`${where} is not an object`);
  return value;
}

let spec: Json;

/** Follows a local `$ref` (`#/components/...`), once or many times. */
function deref(value: unknown): unknown {
  let current = value;
  for (let i = 0; i < 10 && isObject(current) && typeof current.$ref === 'string'; i++) {
    let target: unknown = spec;
    for (const part of current.$ref.replace(/^#\//u, '').split('/')) target = isObject(target) ? target[part] : undefined;
    if (target === undefined) throw new Error(`unresolved $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

const paths = (): Json => obj(spec.paths, 'paths');
const operation = (path: string, method: string): Json => obj(obj(paths()[path], path)[method], `${method} ${path}`);
const parametersOf = (op: Json): Json[] => (Array.isArray(op.parameters) ? op.parameters : []).map((p) => obj(deref(p), 'parameter'));
const schema = (name: string): Json => obj(obj(obj(spec.components, 'components').schemas, 'schemas')[name], name);

// ---------------------------------------------------------------------------
// A small JSON Schema checker for the keywords the document uses
// ---------------------------------------------------------------------------

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function check(schemaValue: unknown, value: unknown, path: string, problems: string[]): void {
  const s = deref(schemaValue);
  if (s === true || s === undefined) return;
  if (!isObject(s)) return;
  const fail = (what: string): void => void problems.push(`${path || '(root)'}: ${what}`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const actual = typeOf(value);
    if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) return fail(`type ${actual}, wanted ${types.join('|')}`);
  }
  if ('const' in s && s.const !== value) fail(`not ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) fail(`${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) fail('too short');
    if (typeof s.maxLength === 'number' && length > s.maxLength) fail('too long');
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) fail(`${JSON.stringify(value)} !~ ${s.pattern}`);
    if (s.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/u.test(value)) fail('not a date');
    if (s.format === 'date-time' && Number.isNaN(Date.parse(value))) fail('not a date-time');
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) fail('below minimum');
    if (typeof s.maximum === 'number' && value > s.maximum) fail('above maximum');
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) fail('too few items');
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) fail('too many items');
    if (s.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) fail('duplicate items');
    value.forEach((item, i) => check(s.items, item, `${path}.${i}`, problems));
  }
  if (isObject(value)) {
    for (const name of Array.isArray(s.required) ? (s.required as string[]) : [])
      if (!(name in value)) fail(`missing ${name}`);
    if (isObject(s.properties))
      for (const [name, sub] of Object.entries(s.properties))
        if (name in value) check(sub, value[name], path ? `${path}.${name}` : name, problems);
  }
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) check(sub, value, path, problems);
  if (Array.isArray(s.anyOf)) {
    const passes = s.anyOf.some((sub) => {
      const inner: string[] = [];
      check(sub, value, path, inner);
      return inner.length === 0;
    });
    if (!passes) fail('matches no anyOf branch');
  }
  if (s.if !== undefined) {
    const inner: string[] = [];
    check(s.if, value, path, inner);
    if (inner.length === 0) check(s.then, value, path, problems);
    else check(s.else, value, path, problems);
  }
}

function problemsOf(name: string, value: unknown): string[] {
  const problems: string[] = [];
  check(schema(name), JSON.parse(JSON.stringify(value)) as unknown, '', problems);
  return problems;
}

// ---------------------------------------------------------------------------

const METHODS: Record<keyof typeof REST_PATHS, string[]> = {
  organizations: ['get'],
  organization: ['get'],
  offers: ['get', 'post'],
  offer: ['get'],
  needs: ['get', 'post'],
  need: ['get'],
  needContact: ['get'],
  needStatus: ['post'],
  projects: ['get', 'post'],
  project: ['get'],
  claims: ['get', 'post'],
  claim: ['get'],
  claimTransition: ['post'],
  areas: ['get'],
  area: ['get'],
};

const LIST_PARAMS_BY_PATH: [string, readonly string[]][] = [
  [REST_PATHS.organizations, ORGANIZATION_PARAMS],
  [REST_PATHS.offers, OFFER_PARAMS],
  [REST_PATHS.needs, NEED_PARAMS],
  [REST_PATHS.projects, PROJECT_PARAMS],
  [REST_PATHS.claims, CLAIM_PARAMS],
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const actionPath = (action: string): string => REST_PATHS.claimTransition.replace('{action}', action);

describe('api/openapi.yaml', () => {
  before(async () => {
    const response = await fetch('/api/openapi.yaml');
    expect(response.ok, 'the test runner serves /api/openapi.yaml').to.be.true;
    spec = obj(parse(await response.text()), 'the document');
  });

  it('is OpenAPI 3.1 with a bearer security scheme', () => {
    expect(spec.openapi).to.match(/^3\.1\./u);
    const schemes = obj(obj(spec.components, 'components').securitySchemes, 'securitySchemes');
    expect(schemes.bearerAuth).to.deep.include({ type: 'http', scheme: 'bearer' });
  });

  it('has every REST_PATHS template with exactly its methods', () => {
    for (const [name, template] of Object.entries(REST_PATHS) as [keyof typeof REST_PATHS, string][]) {
      const item = paths()[template];
      expect(item, template).to.be.an('object');
      const methods = Object.keys(obj(item, template)).filter((k) => HTTP_METHODS.includes(k));
      expect(methods.sort(), template).to.deep.equal([...METHODS[name]].sort());
    }
  });

  it('has a POST path for every claim action, and the template lists exactly CLAIM_ACTIONS', () => {
    for (const action of CLAIM_ACTIONS) {
      const item = obj(paths()[actionPath(action)], actionPath(action));
      expect(Object.keys(item).filter((k) => HTTP_METHODS.includes(k)), action).to.deep.equal(['post']);
    }
    const actionParam = parametersOf(operation(REST_PATHS.claimTransition, 'post')).find((p) => p.name === 'action');
    expect(actionParam?.in).to.equal('path');
    expect(obj(deref(actionParam?.schema), 'action schema').enum).to.deep.equal([...CLAIM_ACTIONS]);
  });

  it('has no path beyond REST_PATHS and the claim actions', () => {
    const expected = [...Object.values(REST_PATHS), ...CLAIM_ACTIONS.map(actionPath)].sort();
    expect(Object.keys(paths()).sort()).to.deep.equal(expected);
  });

  it('declares every *_PARAMS name on its list path, and nothing else', () => {
    for (const [path, names] of LIST_PARAMS_BY_PATH) {
      const query = parametersOf(operation(path, 'get')).filter((p) => p.in === 'query');
      expect(query.map((p) => p.name).sort(), path).to.deep.equal([...names].sort());
    }
  });

  it('sends array filters as repeated parameters (form, explode)', () => {
    for (const [path] of LIST_PARAMS_BY_PATH) {
      for (const p of parametersOf(operation(path, 'get'))) {
        const s = obj(deref(p.schema), `${path} ${String(p.name)}`);
        if (s.type !== 'array') continue;
        expect(p.style ?? 'form', `${path} ${String(p.name)}`).to.equal('form');
        expect(p.explode ?? true, `${path} ${String(p.name)}`).to.equal(true);
      }
    }
  });

  it('requires Idempotency-Key on every POST and marks replays with Idempotent-Replayed', () => {
    let posts = 0;
    for (const [path, item] of Object.entries(paths())) {
      const post = obj(item, path).post;
      if (post === undefined) continue;
      posts += 1;
      const header = parametersOf(obj(post, path)).find((p) => p.in === 'header' && p.name === IDEMPOTENCY_HEADER);
      expect(header?.required, `${path} Idempotency-Key`).to.equal(true);
      const responses = obj(obj(post, path).responses, `${path} responses`);
      const success = Object.keys(responses).filter((code) => code.startsWith('2'));
      expect(success, path).to.have.length(1);
      const ok = obj(deref(responses[success[0]!]), `${path} ${success[0]!}`);
      expect(obj(ok.headers, `${path} headers`)).to.have.property(REPLAYED_HEADER);
      for (const code of ['409', '422']) expect(responses, `${path} ${code}`).to.have.property(code);
    }
    // creates, the need review, the claim transition template and each action
    expect(posts).to.equal(4 + 1 + 1 + CLAIM_ACTIONS.length);
  });

  it('answers 201 for creates and 200 for transitions and reviews', () => {
    for (const path of [REST_PATHS.needs, REST_PATHS.offers, REST_PATHS.claims, REST_PATHS.projects])
      expect(obj(operation(path, 'post').responses, path)).to.have.property('201');
    for (const path of [REST_PATHS.claimTransition, REST_PATHS.needStatus, ...CLAIM_ACTIONS.map(actionPath)])
      expect(obj(operation(path, 'post').responses, path)).to.have.property('200');
  });

  it('gives every failing response the one error body, and 429 a Retry-After', () => {
    const errorBody = '#/components/schemas/ErrorBody';
    for (const [path, item] of Object.entries(paths())) {
      for (const method of HTTP_METHODS) {
        const op = obj(item, path)[method];
        if (op === undefined) continue;
        for (const [code, response] of Object.entries(obj(obj(op, path).responses, path))) {
          if (Number(code) < 400) continue;
          const content = obj(obj(deref(response), code).content, `${method} ${path} ${code}`);
          expect(obj(content['application/json'], code).schema, `${method} ${path} ${code}`).to.deep.equal({ $ref: errorBody });
          if (code === '429') expect(obj(deref(response), code).headers).to.have.property('Retry-After');
        }
      }
    }
  });

  it('documents the statuses of STATUS_FOR_KIND for the error kinds a server sends', () => {
    const responses = obj(obj(spec.components, 'components').responses, 'responses');
    const byStatus: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 422: 'Unprocessable', 429: 'TooManyRequests', 500: 'ServerError' };
    for (const kind of ['unauthorized', 'forbidden', 'not-found', 'conflict', 'validation', 'rate-limited', 'server'] as const) {
      const status = STATUS_FOR_KIND[kind];
      expect(status, kind).to.be.a('number');
      const name = byStatus[status!];
      expect(name, `${kind} → ${status}`).to.be.a('string');
      expect(String(obj(responses[name!], name!).description)).to.contain(`\`${kind}\``);
    }
  });

  it('uses the model vocabularies for its enums', () => {
    const enums: [string, readonly string[]][] = [
      ['OrganizationType', ORGANIZATION_TYPES],
      ['RegistrationStatus', REGISTRATION_STATUSES],
      ['Rating', RATINGS],
      ['Audience', AUDIENCES],
      ['ServiceMode', SERVICE_MODES],
      ['CostKind', COST_KINDS],
      ['OfferStatus', OFFER_STATUSES],
      ['CapacityPeriod', CAPACITY_PERIODS],
      ['Urgency', URGENCIES],
      ['IntakeChannel', INTAKE_CHANNELS],
      ['NeedSubject', NEED_SUBJECTS],
      ['NeedStatus', NEED_STATUSES],
      ['NeedReviewStatus', NEED_REVIEW_STATUSES],
      ['FundingSource', FUNDING_SOURCES],
      ['ProjectStatus', PROJECT_STATUSES],
      ['AreaLevel', AREA_LEVELS],
      ['ClaimState', CLAIM_STATES],
      ['ClaimDirection', CLAIM_DIRECTIONS],
      ['ClaimEventType', CLAIM_EVENT_TYPES],
      ['ClaimAction', CLAIM_ACTIONS],
      ['ActorRole', ACTOR_ROLES],
      ['ValidationCode', VALIDATION_CODES],
    ];
    for (const [name, values] of enums) expect(schema(name).enum, name).to.deep.equal([...values]);
  });

  it('has the schemas the contract names', () => {
    for (const name of [
      'Organization',
      'ServiceOffer',
      'OfferDraft',
      'PublicNeed',
      'NeedDraft',
      'NeedReceipt',
      'NeedReview',
      'Claim',
      'ClaimTransition',
      'ClaimRequest',
      'Actor',
      'Project',
      'ProjectDraft',
      'NeedPrivateView',
      'Area',
      'AreaList',
      'OrganizationPage',
      'OfferPage',
      'NeedPage',
      'ProjectPage',
      'ClaimPage',
      'ErrorBody',
      'FieldError',
    ])
      expect(schema(name), name).to.be.an('object');
    const draft = obj(schema('NeedDraft').properties, 'NeedDraft.properties');
    expect(draft).to.include.keys('contact', 'consent', 'health', 'minor');
    const publicNeed = obj(schema('PublicNeed').properties, 'PublicNeed.properties');
    expect(publicNeed).to.not.have.any.keys('contact', 'consent', 'health', 'minor');
  });

  it('has the model patterns: area codes, tracking numbers, phones', () => {
    expect(schema('AreaCode').pattern).to.equal('^\\d{6}(?:\\d{3}){0,3}$');
    expect(schema('TrackingNumber').pattern).to.equal('^RL-\\d{8}-[0-9A-Z]{4,8}$');
    const phone = new RegExp(String(schema('Phone').pattern), 'u');
    for (const ok of ['13812345678', '021-62345678', '02162345678', '0512-1234567-123']) expect(phone.test(ok), ok).to.be.true;
    for (const bad of ['12812345678', '1381234567', '138-1234-5678', '+8613812345678']) expect(phone.test(bad), bad).to.be.false;
  });

  describe('schemas accept what the engine produces and refuse what the model refuses', () => {
    const data = generateDataset({ seed: DEMO_SEED, organizations: 60 });

    it('validates every record of the demo dataset', () => {
      const all: [string, unknown[]][] = [
        ['Organization', data.organizations],
        ['ServiceOffer', data.offers],
        ['PublicNeed', data.needs.map(toPublicNeed)],
        ['Project', data.projects],
        ['Claim', data.claims],
        ['Area', data.areas],
      ];
      for (const [name, records] of all) {
        expect(records.length, name).to.be.greaterThan(0);
        for (const record of records) expect(problemsOf(name, record), `${name} ${JSON.stringify(record).slice(0, 80)}`).to.deep.equal([]);
      }
    });

    it('validates drafts the engine accepts and the receipt and pages it answers', async () => {
      const adapter = createMemoryAdapter(data);
      const need = data.needs[0]!;
      const draft = draftFromNeed(need, '屋顶漏水需要维修');
      expect(problemsOf('NeedDraft', draft)).to.deep.equal([]);
      const receipt = await adapter.createNeed(draft, { idempotencyKey: 'openapi-need-1' });
      expect(problemsOf('NeedReceipt', receipt)).to.deep.equal([]);
      const review = { status: 'published' as const, reason: '电话回访核实' };
      expect(problemsOf('NeedReview', review)).to.deep.equal([]);
      expect(problemsOf('PublicNeed', await adapter.reviewNeed(receipt.need.id, review, { idempotencyKey: 'openapi-review-1' }))).to.deep.equal([]);
      expect(problemsOf('NeedReview', { status: 'claimed' })).to.not.be.empty;
      expect(problemsOf('NeedPage', await adapter.listNeeds({ limit: 200 }))).to.deep.equal([]);
      expect(problemsOf('OrganizationPage', await adapter.listOrganizations({ limit: 5 }))).to.deep.equal([]);
      expect(problemsOf('AreaList', { items: await adapter.listAreas() })).to.deep.equal([]);
      const { id: _id, updatedAt: _u, ...offerDraft } = data.offers[0]!;
      expect(problemsOf('OfferDraft', offerDraft)).to.deep.equal([]);
    });

    it('validates the private part of needs and a new project as the engine answers them', async () => {
      const adapter = createMemoryAdapter(data);
      const withHealth = data.needs.find((n) => n.health !== undefined);
      const without = data.needs.find((n) => n.health === undefined);
      for (const need of [withHealth, without]) {
        expect(need, 'the demo data has needs with and without health information').to.not.equal(undefined);
        const view = await adapter.getNeedContact(need!.id);
        expect('health' in view, need!.id).to.equal(need!.health !== undefined);
        expect(problemsOf('NeedPrivateView', view)).to.deep.equal([]);
      }
      const claim = data.claims.find((c) => c.state === 'in-progress' && !data.projects.some((p) => p.claimIds.includes(c.id)))!;
      const { id: _id, updatedAt: _u, ...template } = data.projects[0]!;
      const draft = { ...template, organizationId: claim.organizationId, claimIds: [claim.id], needIds: [] };
      expect(problemsOf('ProjectDraft', draft)).to.deep.equal([]);
      expect(problemsOf('Project', await adapter.createProject(draft, { idempotencyKey: 'openapi-project-1' }))).to.deep.equal([]);
      expect(problemsOf('ProjectDraft', { ...draft, claimIds: [claim.id, claim.id] })).to.not.be.empty;
    });

    it('refuses drafts the model refuses', () => {
      const draft = draftFromNeed(data.needs[0]!, '屋顶漏水需要维修');
      expect(problemsOf('NeedDraft', { ...draft, contact: { ...draft.contact, phone: '12345' } })).to.not.be.empty;
      expect(problemsOf('NeedDraft', { ...draft, areaCode: '310105001' })).to.not.be.empty;
      expect(
        problemsOf('NeedDraft', {
          ...draft,
          health: { conditions: '高血压', mobility: 'assisted' },
          consent: { ...draft.consent, health: false },
        }),
      ).to.not.be.empty;
      expect(problemsOf('NeedDraft', { ...draft, minor: true, consent: { ...draft.consent, guardian: false } })).to.not.be.empty;
      const { title: _t, ...untitled } = draft;
      expect(problemsOf('NeedDraft', untitled)).to.not.be.empty;
      expect(problemsOf('ErrorBody', { error: { kind: 'validation', message: 'x', fieldErrors: [{ path: 'a', code: 'nope', message: 'x' }] } })).to.not.be
        .empty;
    });
  });
});
