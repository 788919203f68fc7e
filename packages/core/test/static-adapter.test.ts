import { expect } from '@open-wc/testing';
import type * as v from 'valibot';
import {
  AdapterError,
  AREA_LEVELS,
  AreaSchema,
  AUDIENCES,
  ClaimSchema,
  createMemoryAdapter,
  createStaticAdapter,
  NEED_STATUSES,
  OrganizationSchema,
  ORGANIZATION_TYPES,
  parseStaticDataset,
  ProjectSchema,
  PublicNeedSchema,
  ServiceOfferSchema,
  StaticDatasetSchema,
  taxonomy,
  toPublicNeed,
  URGENCIES,
  type Area,
  type Claim,
  type DataAdapter,
  type FetchLike,
  type Need,
  type NeedQuery,
  type Organization,
  type Project,
  type PublicNeed,
  type ServiceOffer,
} from '../src/index.js';

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const AT = '2026-11-01T09:00:00+08:00';

const areas: Area[] = [
  { code: '310105', level: 'district', name: '长宁区', nameEn: 'Changning District', parentCode: null },
  { code: '310105001', level: 'street', name: '华阳路街道', parentCode: '310105' },
  { code: '310105001001', level: 'community', name: '华阳路第一居委', parentCode: '310105001' },
  { code: '310105001002', level: 'community', name: '华阳路第二居委', parentCode: '310105001' },
];

const organization: Organization = {
  id: 'org-1',
  name: '长宁区乐龄社工服务社',
  type: 'social-service-agency',
  registration: { status: 'registered', creditCode: '52310105MJ1234567X' },
  rating: '4A',
  areaCode: '310105001',
  serviceAreaCodes: ['310105001'],
  categoryCodes: ['elderly.meals'],
  description: '为老人提供助餐和陪伴。',
  tags: ['助餐'],
  socialWorkers: 3,
  satisfaction: 4.6,
  contact: { person: '李老师', phone: '021-62345678', address: '' },
  updatedAt: AT,
};

const team: Organization = {
  ...organization,
  id: 'org-2',
  name: '华阳路京剧票友团',
  type: 'community-team',
  registration: { status: 'filed' },
  rating: null,
  categoryCodes: ['culture-sports.peking-opera'],
  description: '',
  tags: [],
  socialWorkers: 0,
  satisfaction: null,
  contact: { person: '', address: '' },
};

const offer: ServiceOffer = {
  id: 'off-1',
  organizationId: 'org-1',
  categoryCode: 'elderly.meals',
  title: '长者助餐送餐',
  description: '工作日中午送餐上门。',
  audiences: ['elderly'],
  serviceAreaCodes: ['310105001'],
  capacity: { perPeriod: 30, period: 'day', used: 30 },
  schedule: { text: '周一至周五 11:00–12:30', weekdays: [1, 2, 3, 4, 5] },
  modes: ['home-visit'],
  cost: { kind: 'subsidized', amount: 8 },
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  status: 'open',
  contact: { name: '李老师', phone: '13812341234' },
  updatedAt: AT,
};

const project: Project = {
  id: 'proj-1',
  title: '华阳路长者助餐项目',
  summary: '',
  organizationId: 'org-1',
  categoryCode: 'elderly.meals',
  areaCode: '310105001',
  fundingSource: 'gov-purchase',
  budget: 120000,
  period: { start: '2026-01-01', end: '2026-12-31' },
  beneficiaries: { served: 3200, planned: 5000 },
  satisfaction: null,
  status: 'active',
  needIds: ['need-01'],
  claimIds: ['claim-1'],
  updatedAt: AT,
};

const claim: Claim = {
  id: 'claim-1',
  direction: 'need-claim',
  needId: 'need-01',
  offerId: null,
  organizationId: 'org-1',
  requestedBy: { role: 'organization', id: 'org-1' },
  state: 'pending',
  history: [],
  beneficiaries: null,
  rating: null,
  createdAt: AT,
  updatedAt: AT,
  expiresAt: null,
};

/** Full needs, as staff hold them; the static file gets their public form. */
const CATEGORIES = ['elderly.meals', 'elderly.home-care', 'housing-property.stairwell-cleaning', 'legal-aid.consultation', 'mediation.neighbour'];
const NEED_AREAS = ['310105001001', '310105001002', '310105001001002', '310105002001'];
const TITLES = ['楼道堆物清理', '老人助餐', 'ＡＢＣ 英语角', '邻里纠纷调解', '遗嘱咨询 法律'];
const fullNeeds: Need[] = Array.from({ length: 40 }, (_, i): Need => ({
  // ids out of order, so sorting is tested too
  id: `need-${String((i * 7) % 40).padStart(2, '0')}`,
  trackingNumber: `RL-20261101-A${String(i).padStart(3, '0')}`,
  title: TITLES[i % TITLES.length]!,
  description: i % 3 === 0 ? '三楼的王阿姨腿脚不便' : '',
  categoryCode: CATEGORIES[i % CATEGORIES.length]!,
  audiences: ['elderly'],
  areaCode: NEED_AREAS[i % NEED_AREAS.length]!,
  urgency: URGENCIES[i % URGENCIES.length]!,
  preferredTime: '',
  channel: 'grid-worker',
  forWhom: 'resident',
  status: NEED_STATUSES[i % NEED_STATUSES.length]!,
  beneficiaries: 1 + (i % 3),
  createdAt: AT,
  updatedAt: AT,
  contact: { name: '王小明', phone: '13812341234', address: '华阳路 100 弄 5 号' },
  consent: { textVersion: '2026-11', givenAt: AT, personalInfo: true, health: false, guardian: false },
  minor: false,
}));
const publicNeeds: PublicNeed[] = fullNeeds.map(toPublicNeed);

function dataset(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return structuredClone({
    version: 1,
    generatedAt: AT,
    areas,
    organizations: [organization, team],
    offers: [offer],
    needs: publicNeeds,
    projects: [project],
    claims: [claim],
    ...overrides,
  });
}

function fakeFetch(respond: (url: string) => Response | Promise<Response>): { fetch: FetchLike; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: async (url) => {
      urls.push(url);
      return respond(url);
    },
  };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(AdapterError);
    return error as AdapterError;
  }
  throw new Error('expected the call to reject');
}

describe('createStaticAdapter', () => {
  describe('loading', () => {
    it('serves every read from inline data', async () => {
      const adapter = createStaticAdapter({ data: dataset() });
      expect((await adapter.listOrganizations()).items.map((o) => o.id)).to.deep.equal(['org-1', 'org-2']);
      expect((await adapter.listOrganizations({ type: ['community-team'] })).items).to.deep.equal([team]);
      expect(await adapter.getOrganization('org-1')).to.deep.equal(organization);
      expect((await adapter.listOffers({ hasCapacity: true })).total).to.equal(0);
      expect(await adapter.getOffer('off-1')).to.deep.equal(offer);
      expect((await adapter.listNeeds()).total).to.equal(40);
      expect(await adapter.getNeed('need-07')).to.deep.equal(publicNeeds[1]);
      expect((await adapter.listProjects({ status: ['active'] })).items).to.deep.equal([project]);
      expect(await adapter.getProject('proj-1')).to.deep.equal(project);
      expect((await adapter.listClaims({ needId: 'need-01' })).items).to.deep.equal([claim]);
      expect(await adapter.getClaim('claim-1')).to.deep.equal(claim);
      expect(await adapter.listAreas()).to.deep.equal(areas);
      expect(await adapter.getArea('310105001')).to.deep.equal(areas[1]);
      expect((await rejection(adapter.getNeed('need-99'))).kind).to.equal('not-found');
      expect((await rejection(adapter.getOrganization('org-9'))).kind).to.equal('not-found');
    });

    it('works without claims', async () => {
      const { claims: _none, ...rest } = dataset();
      const adapter = createStaticAdapter({ data: rest });
      expect(await adapter.listClaims()).to.deep.equal({ items: [], nextCursor: null, total: 0 });
    });

    it('downloads the file lazily, once, from a URL', async () => {
      const { fetch, urls } = fakeFetch(() => json(dataset()));
      const adapter = createStaticAdapter({ url: '/data/renling.json', fetch });
      expect(urls).to.have.length(0);
      const [orgs, needs, areaList] = await Promise.all([adapter.listOrganizations(), adapter.listNeeds({ limit: 5 }), adapter.listAreas()]);
      await adapter.getProject('proj-1');
      expect(orgs.total).to.equal(2);
      expect(needs.items).to.have.length(5);
      expect(needs.nextCursor).to.equal('5');
      expect(areaList).to.have.length(4);
      expect(urls).to.deep.equal(['/data/renling.json']);
    });

    it('retries a failed load on the next call', async () => {
      let attempt = 0;
      const { fetch, urls } = fakeFetch(() => {
        attempt += 1;
        if (attempt === 1) return Promise.reject(new TypeError('Failed to fetch'));
        if (attempt === 2) return new Response('<html>502 Bad Gateway</html>', { status: 502 });
        if (attempt === 3) return json({ ...dataset(), organizations: [{ ...organization, rating: '6A' }] });
        return json(dataset());
      });
      const adapter = createStaticAdapter({ url: 'https://street.example.gov.cn/renling.json', fetch });
      expect((await rejection(adapter.listOrganizations())).kind).to.equal('network');
      expect((await rejection(adapter.listOrganizations())).kind).to.equal('server');
      expect((await rejection(adapter.listOrganizations())).kind).to.equal('malformed');
      expect((await adapter.listOrganizations()).total).to.equal(2);
      expect((await adapter.listOffers()).total).to.equal(1);
      expect(urls).to.have.length(4);
    });

    it('calls waiting for one load share it, and one caller aborting does not cancel it for the others', async () => {
      let release: (r: Response) => void = () => undefined;
      const { fetch, urls } = fakeFetch(() => new Promise<Response>((resolve) => (release = resolve)));
      const adapter = createStaticAdapter({ url: '/renling.json', fetch });
      const controller = new AbortController();
      const leaving = adapter.listNeeds({ signal: controller.signal });
      const staying = adapter.listOffers();
      controller.abort();
      expect((await rejection(leaving)).kind).to.equal('aborted');
      release(json(dataset()));
      expect((await staying).total).to.equal(1);
      expect(urls).to.have.length(1);
    });

    it('a missing file is not-found; an HTML page or a cut-off file is malformed; a slow one times out', async () => {
      const missing = createStaticAdapter({ url: '/x.json', fetch: fakeFetch(() => new Response('Not Found', { status: 404 })).fetch });
      const error = await rejection(missing.listNeeds());
      expect(error.kind).to.equal('not-found');
      expect(error.message).to.contain('/x.json');
      const html = createStaticAdapter({ url: '/x.json', fetch: fakeFetch(() => new Response('<!doctype html><p>首页</p>', { status: 200 })).fetch });
      expect((await rejection(html.listNeeds())).kind).to.equal('malformed');
      const cut = createStaticAdapter({ url: '/x.json', fetch: fakeFetch(() => new Response(JSON.stringify(dataset()).slice(0, 500))).fetch });
      expect((await rejection(cut.listNeeds())).kind).to.equal('malformed');
      const slow = createStaticAdapter({ url: '/x.json', timeout: 20, fetch: fakeFetch(() => new Promise<Response>(() => undefined)).fetch });
      expect((await rejection(slow.listNeeds())).kind).to.equal('timeout');
    });
  });

  describe('read-only', () => {
    it('refuses every write with read-only, without loading anything', async () => {
      const { fetch, urls } = fakeFetch(() => json(dataset()));
      const adapter = createStaticAdapter({ url: '/renling.json', fetch });
      const key = { idempotencyKey: 'k' };
      const writes: [string, Promise<unknown>][] = [
        ['createOffer', adapter.createOffer({} as never, key)],
        ['createNeed', adapter.createNeed({} as never, key)],
        ['reviewNeed', adapter.reviewNeed('need-1', { status: 'verified' }, key)],
        ['requestClaim', adapter.requestClaim({} as never, key)],
        ['acceptClaim', adapter.acceptClaim('claim-1', {}, key)],
        ['declineClaim', adapter.declineClaim('claim-1', { reason: 'x' }, key)],
        ['withdrawClaim', adapter.withdrawClaim('claim-1', { reason: 'x' }, key)],
        ['startClaim', adapter.startClaim('claim-1', {}, key)],
        ['completeClaim', adapter.completeClaim('claim-1', { beneficiaries: 1 }, key)],
        ['rateClaim', adapter.rateClaim('claim-1', { score: 5, comment: '' }, key)],
        ['createProject', adapter.createProject({} as never, key)],
      ];
      for (const [name, pending] of writes) {
        const error = await rejection(pending);
        expect(error.kind).to.equal('read-only');
        expect(error.message).to.contain(name).and.to.contain('static file').and.to.contain('/renling.json');
        expect(error.userMessage('zh-CN')).to.equal('此处只能查看，不能提交。');
      }
      expect(urls).to.have.length(0);
    });

    it("hands out the file's records frozen, not copied, and leaves inline data its owner's", async () => {
      const data = dataset();
      const adapter = createStaticAdapter({ data });
      const first = (await adapter.listOrganizations()).items[0]!;
      // the same record each read: no copy of a city's records per reader
      expect(await adapter.getOrganization(first.id)).to.equal(first);
      expect((await adapter.listOrganizations()).items[0]).to.equal(first);
      expect(Object.isFrozen(first)).to.equal(true);
      expect(Object.isFrozen(first.serviceAreaCodes)).to.equal(true);
      expect(Object.isFrozen(first.registration)).to.equal(true);
      expect(Object.isFrozen(await adapter.getOffer('off-1'))).to.equal(true);
      expect(Object.isFrozen((await adapter.listAreas())[0])).to.equal(true);
      // a reader changing one throws rather than changing what the next reader sees
      expect(() => {
        first.name = '改过的名字';
      }).to.throw(TypeError);
      expect(() => first.serviceAreaCodes.push('310105001002')).to.throw(TypeError);
      expect((await adapter.getOrganization(first.id)).name).to.equal(organization.name);
      // the data handed in was checked into records of the adapter's own: the caller's stay as they were
      const given = (data['organizations'] as Organization[])[0]!;
      expect(Object.isFrozen(given)).to.equal(false);
      given.name = '调用方自己的修改';
      expect((await adapter.getOrganization(first.id)).name).to.equal(organization.name);
    });

    it('has no contact of any need to show: forbidden', async () => {
      const adapter = createStaticAdapter({ data: dataset() });
      const need = (await adapter.listNeeds({ limit: 1 })).items[0]!;
      const error = await rejection(adapter.getNeedContact(need.id));
      expect(error.kind).to.equal('forbidden');
      expect(error.message).to.contain('public static file');
    });
  });

  describe('checking the file', () => {
    it('names the bad record, its id and the field', async () => {
      const bad = dataset({ organizations: [organization, { ...team, registration: { status: 'registered' } }] });
      const error = await rejection(createStaticAdapter({ data: bad }).listOrganizations());
      expect(error.kind).to.equal('malformed');
      expect(error.message).to.contain('organizations.1').and.to.contain('"org-2"').and.to.contain('registration.creditCode');
    });

    it('names bad records in any section, and says how many more there are', () => {
      const bad = dataset({
        offers: [{ ...offer, capacity: { ...offer.capacity, used: 31 } }],
        areas: [...areas, { code: '31010', level: 'street', name: '?', parentCode: null }],
        needs: [...publicNeeds.slice(0, 3), { ...publicNeeds[3], categoryCode: 'elderly.nope' }],
        claims: [{ ...claim, state: 'done' }],
        projects: [{ ...project, period: { start: '2026-12-31', end: '2026-01-01' } }],
      });
      let message = '';
      try {
        parseStaticDataset(bad, 'renling.json');
      } catch (error) {
        expect(error).to.be.instanceOf(AdapterError);
        message = (error as AdapterError).message;
      }
      expect(message).to.contain('renling.json').and.to.contain('areas.4 (code "31010") → code').and.to.contain('and 2 more');
      expect(message).to.contain('offers.0 (id "off-1") → capacity.used');
      expect(message).to.contain('needs.3 (id "need-21") → categoryCode');
    });

    it('refuses a file that carries private need data, and says why', async () => {
      const leaked = dataset({ needs: [...publicNeeds.slice(0, 2), fullNeeds[2]] });
      const error = await rejection(createStaticAdapter({ data: leaked }).listNeeds());
      expect(error.kind).to.equal('malformed');
      expect(error.message).to.contain('needs.2').and.to.contain('contact').and.to.contain('consent').and.to.contain('never');
    });

    it('refuses another version, a non-object, duplicate ids and a missing section', () => {
      const message = (input: unknown): string => {
        try {
          parseStaticDataset(input);
        } catch (error) {
          expect(error).to.be.instanceOf(AdapterError);
          expect((error as AdapterError).kind).to.equal('malformed');
          return (error as AdapterError).message;
        }
        throw new Error('expected a malformed error');
      };
      expect(message(dataset({ version: 2 }))).to.contain('version 2');
      expect(message(dataset({ version: undefined }))).to.contain('version undefined');
      expect(message([dataset()])).to.contain('not a JSON object');
      expect(message(null)).to.contain('not a JSON object');
      expect(message(dataset({ offers: [offer, { ...offer, title: '另一个' }] }))).to.contain('same id "off-1"').and.to.contain('offers.0 and offers.1');
      expect(message(dataset({ areas: [...areas, areas[0]] }))).to.contain('same code "310105"');
      const { projects: _gone, ...noProjects } = dataset();
      expect(message(noProjects)).to.contain('projects');
      expect(message(dataset({ generatedAt: 'yesterday' }))).to.contain('generatedAt');
    });

    it('accepts a record with extra fields it does not know (and drops them)', async () => {
      const adapter = createStaticAdapter({ data: dataset({ organizations: [{ ...organization, wechat: 'leling' }] }) });
      expect(await adapter.getOrganization('org-1')).to.deep.equal(organization);
    });
  });

  describe('needs', () => {
    it('shows a grid-level need at its community, like every public need', async () => {
      const grid = { ...publicNeeds[0]!, id: 'need-grid', areaCode: '310105001001002' };
      const adapter = createStaticAdapter({ data: dataset({ needs: [grid] }) });
      expect((await adapter.getNeed('need-grid')).areaCode).to.equal('310105001001');
      expect((await adapter.listNeeds({ areaCode: '310105001001' })).items.map((n) => n.id)).to.deep.equal(['need-grid']);
    });

    it('filters and pages exactly as the memory engine does over the full records', async () => {
      const memory = createMemoryAdapter({ areas, organizations: [organization], offers: [], needs: fullNeeds, projects: [] });
      const fromFile = createStaticAdapter({ data: dataset() });
      // grid-level queries are left out: the public file knows needs only to their community
      const queries: NeedQuery[] = [
        {},
        { limit: 7 },
        { limit: 7, cursor: '7' },
        { limit: 7, cursor: '35' },
        { limit: 500 },
        { limit: 0 },
        { categoryCode: 'elderly' },
        { categoryCode: 'elderly.meals' },
        { categoryCode: 'mediation.neighbour', status: ['published', 'claimed'] },
        { areaCode: '310105' },
        { areaCode: '310105001' },
        { areaCode: '310105001001' },
        { areaCode: '310105002001', urgency: ['high'] },
        { urgency: ['critical', 'low'] },
        { status: ['submitted'] },
        { q: 'abc' },
        { q: '法律 遗嘱' },
        { q: '王阿姨' },
        { q: '  ' },
        { q: '楼道', categoryCode: 'housing-property', areaCode: '310105001', limit: 2, cursor: '2' },
      ];
      for (const query of queries) {
        expect(await fromFile.listNeeds(query), JSON.stringify(query)).to.deep.equal(await memory.listNeeds(query));
      }
      for (const need of fullNeeds) expect(await fromFile.getNeed(need.id)).to.deep.equal(await memory.getNeed(need.id));
      const badCursor = await rejection(fromFile.listNeeds({ cursor: 'abc' }));
      expect(badCursor.kind).to.equal((await rejection(memory.listNeeds({ cursor: 'abc' }))).kind);
    });

    it('an aborted caller is aborted after the load, too', async () => {
      const adapter: DataAdapter = createStaticAdapter({ data: dataset() });
      await adapter.listNeeds();
      const controller = new AbortController();
      controller.abort();
      expect((await rejection(adapter.listNeeds({ signal: controller.signal }))).kind).to.equal('aborted');
      expect((await rejection(adapter.getNeed('need-01', { signal: controller.signal }))).kind).to.equal('aborted');
      expect((await rejection(adapter.listOrganizations({ signal: controller.signal }))).kind).to.equal('aborted');
    });
  });

  describe('api/static-dataset.schema.json', () => {
    type JsonNode = Record<string, unknown>;
    let root: JsonNode;
    before(async () => {
      root = (await (await fetch('/api/static-dataset.schema.json')).json()) as JsonNode;
    });

    const resolve = (node: JsonNode): JsonNode => {
      const ref = node.$ref;
      if (typeof ref !== 'string') return node;
      const name = ref.replace('#/$defs/', '');
      return resolve((root.$defs as Record<string, JsonNode>)[name]!);
    };

    interface SchemaLike {
      type: string;
      entries?: Record<string, SchemaLike>;
      wrapped?: SchemaLike;
      item?: SchemaLike;
      options?: readonly unknown[];
    }

    /** Walks a valibot schema and the JSON Schema side by side: fields, required fields, enums. */
    function compare(schema: SchemaLike, node: JsonNode, path: string): void {
      node = resolve(node);
      if (schema.type === 'nullable' && schema.wrapped) {
        const anyOf = node.anyOf as JsonNode[] | undefined;
        expect(anyOf, `${path} is nullable`).to.be.an('array');
        expect(anyOf!.some((n) => n.type === 'null'), `${path} allows null`).to.be.true;
        compare(schema.wrapped, anyOf!.find((n) => n.type !== 'null')!, path);
        return;
      }
      if (schema.type === 'optional' && schema.wrapped) return compare(schema.wrapped, node, path);
      if (schema.type === 'object' && schema.entries) {
        expect(node.type, path).to.equal('object');
        const properties = node.properties as Record<string, JsonNode>;
        const required = Object.entries(schema.entries)
          .filter(([, entry]) => entry.type !== 'optional')
          .map(([key]) => key);
        expect([...(node.required as string[])].sort(), `${path} required`).to.deep.equal(required.sort());
        for (const [key, entry] of Object.entries(schema.entries)) {
          expect(properties, `${path}.${key}`).to.have.property(key);
          compare(entry, properties[key]!, `${path}.${key}`);
        }
        return;
      }
      if (schema.type === 'array' && schema.item) {
        expect(node.type, path).to.equal('array');
        return compare(schema.item, node.items as JsonNode, `${path}[]`);
      }
      if (schema.type === 'picklist') {
        expect(node.enum ?? [node.const], path).to.deep.equal([...(schema.options ?? [])]);
        return;
      }
      if (schema.type === 'string') {
        expect(node.type === 'string' || Array.isArray(node.enum), `${path} is a string`).to.be.true;
        return;
      }
      if (schema.type === 'number') {
        expect(['number', 'integer'], path).to.include(node.type);
        return;
      }
      if (schema.type === 'boolean') expect(node.type, path).to.equal('boolean');
    }

    it('is JSON Schema 2020-12 and states the same fields, required fields and enums as the valibot schemas', () => {
      expect(root.$schema).to.equal('https://json-schema.org/draft/2020-12/schema');
      compare(StaticDatasetSchema, root, '(file)');
      // and each record kind on its own, for a clear failure message
      const defs = root.$defs as Record<string, JsonNode>;
      const kinds: [v.GenericSchema, string][] = [
        [AreaSchema, 'Area'],
        [OrganizationSchema, 'Organization'],
        [ServiceOfferSchema, 'ServiceOffer'],
        [PublicNeedSchema, 'PublicNeed'],
        [ProjectSchema, 'Project'],
        [ClaimSchema, 'Claim'],
      ];
      for (const [schema, name] of kinds) compare(schema, defs[name]!, name);
    });

    it('lists exactly the taxonomy codes and the model vocabularies', () => {
      const defs = root.$defs as Record<string, JsonNode>;
      const codes = taxonomy.flatMap((c) => [c.code, ...c.children.map((i) => i.code)]);
      expect(defs.CategoryCode!.enum).to.deep.equal(codes);
      const props = (name: string) => (defs[name]!.properties as Record<string, JsonNode>);
      expect(props('Area').level!.enum).to.deep.equal([...AREA_LEVELS]);
      expect(props('Organization').type!.enum).to.deep.equal([...ORGANIZATION_TYPES]);
      expect((props('PublicNeed').audiences!.items as JsonNode).enum).to.deep.equal([...AUDIENCES]);
    });

    it('forbids the private fields of a need', () => {
      const defs = root.$defs as Record<string, JsonNode>;
      const properties = defs.PublicNeed!.properties as Record<string, JsonNode>;
      for (const field of ['contact', 'consent', 'health', 'minor']) expect(properties[field]).to.have.property('not');
    });
  });
});
