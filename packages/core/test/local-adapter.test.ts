import { expect } from '@open-wc/testing';
import { generateDataset, DEMO_SEED } from '@renling/mocks';
import { deleteDB } from 'idb';
import { AdapterError } from '../src/adapter.js';
import { createLocalAdapter, type LocalAdapter, type LocalAdapterOptions } from '../src/adapters/local.js';
import type { MemoryDataset } from '../src/memory-adapter.js';
import { meanRating, type Actor, type Need, type NeedDraft, type ProjectDraft } from '../src/model.js';
import { MIGRATIONS, openRenlingDatabase } from '../src/storage/database.js';

let counter = 0;
const uniqueName = (): string => `renling-test-local-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
const key = (label: string): string => `k-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

// after every record in the demo dataset, so claim histories stay in clock order
const NOW = (): Date => new Date('2026-12-01T08:00:00.000Z');

function draftFrom(need: Need, title: string): NeedDraft {
  const { id: _id, trackingNumber: _t, status: _s, createdAt: _c, updatedAt: _u, ...draft } = need;
  return { ...draft, title };
}

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(AdapterError);
    return error as AdapterError;
  }
  throw new Error('expected a rejection');
}

/** Makes IndexedDB refuse puts into one store, for the length of `work`. */
async function withFailingPut<T>(storeName: string, work: () => Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!;
  const put = original.value as IDBObjectStore['put'];
  Object.defineProperty(IDBObjectStore.prototype, 'put', {
    ...original,
    value: function (this: IDBObjectStore, value: unknown, k?: IDBValidKey) {
      if (this.name === storeName) throw new DOMException('The disk said no.', 'UnknownError');
      return k === undefined ? put.call(this, value) : put.call(this, value, k);
    },
  });
  try {
    return await work();
  } finally {
    Object.defineProperty(IDBObjectStore.prototype, 'put', original);
  }
}

describe('createLocalAdapter', () => {
  let dataset: MemoryDataset;
  const adapters: LocalAdapter[] = [];
  const names: string[] = [];

  before(() => {
    dataset = generateDataset({ seed: DEMO_SEED, organizations: 24 });
  });

  const fresh = (): string => {
    const name = uniqueName();
    names.push(name);
    return name;
  };
  const make = (options: LocalAdapterOptions): LocalAdapter => {
    const adapter = createLocalAdapter({ now: NOW, ...options });
    adapters.push(adapter);
    return adapter;
  };

  afterEach(async () => {
    for (const adapter of adapters.splice(0)) adapter.close();
    await Promise.all(names.splice(0).map((name) => deleteDB(name)));
  });

  it('seeds an empty database once, and a reload does not seed again', async () => {
    const name = fresh();
    const first = make({ name, dataset });
    await first.ready;
    expect(first.storageState).to.equal('ok');
    expect((await first.listOrganizations()).total).to.equal(dataset.organizations.length);
    expect((await first.listNeeds()).total).to.equal(dataset.needs.length);
    expect((await first.listOffers({ limit: 200 })).total).to.equal(dataset.offers.length);
    expect((await first.listClaims()).total).to.equal(dataset.claims?.length);
    expect((await first.listProjects()).total).to.equal(dataset.projects.length);
    expect(await first.listAreas()).to.have.length(dataset.areas.length);
    expect(await first.database.store('local-needs').count()).to.equal(dataset.needs.length);
    expect(await first.database.store('local-seed').get('dataset')).to.deep.include({ source: 'dataset' });
    first.close();

    // a different dataset on reload is ignored: the database is seeded already
    const other = generateDataset({ seed: 7, organizations: 3 });
    const second = make({ name, dataset: other });
    expect((await second.listOrganizations()).total).to.equal(dataset.organizations.length);
    expect((await second.listNeeds()).total).to.equal(dataset.needs.length);
    const org = dataset.organizations[0]!;
    expect((await second.getOrganization(org.id)).name).to.equal(org.name);
  });

  it('seeds from a JSON file at url', async () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(dataset)], { type: 'application/json' }));
    try {
      const adapter = make({ name: fresh(), url });
      expect((await adapter.listNeeds()).total).to.equal(dataset.needs.length);
      expect(await adapter.database.store('local-seed').get('dataset')).to.deep.include({ source: url });
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('reports a url that is not a dataset as malformed, and tries again on the next call', async () => {
    const bad = URL.createObjectURL(new Blob(['{"areas": 1}'], { type: 'application/json' }));
    try {
      const adapter = make({ name: fresh(), url: bad });
      expect((await rejection(adapter.ready)).kind).to.equal('malformed');
      expect((await rejection(adapter.listNeeds())).kind).to.equal('malformed');
      expect(await adapter.database.store('local-seed').count()).to.equal(0);
    } finally {
      URL.revokeObjectURL(bad);
    }
  });

  it('keeps a created need across a new adapter over the same database', async () => {
    const name = fresh();
    const first = make({ name, dataset });
    const receipt = await first.createNeed(draftFrom(dataset.needs[0]!, '楼道灯坏了需要维修'), {
      idempotencyKey: key('need'),
    });
    expect(receipt.need.status).to.equal('submitted');
    first.close();

    const second = make({ name });
    const need = await second.getNeed(receipt.need.id);
    expect(need.title).to.equal('楼道灯坏了需要维修');
    expect(need.trackingNumber).to.equal(receipt.trackingNumber);
    expect(need).to.not.have.property('contact');
    expect((await second.listNeeds()).total).to.equal(dataset.needs.length + 1);
  });

  it('keeps a need staff reviewed across a reload, and its key', async () => {
    const name = fresh();
    const first = make({ name, dataset });
    const receipt = await first.createNeed(draftFrom(dataset.needs[0]!, '独居老人需要上门助浴（复核测试）'), { idempotencyKey: key('need') });
    const reviewKey = key('review');
    const published = await first.reviewNeed(receipt.need.id, { status: 'published', reason: '网格员上门核实' }, { idempotencyKey: reviewKey });
    expect(published.status).to.equal('published');
    first.close();

    const second = make({ name });
    expect(await second.getNeed(receipt.need.id)).to.deep.equal(published);
    expect((await second.listNeeds({ status: ['published'], q: '复核测试' })).items.map((n) => n.id)).to.deep.equal([receipt.need.id]);
    // the same press again after the reload: the first answer, nothing moves
    expect(await second.reviewNeed(receipt.need.id, { status: 'published', reason: '网格员上门核实' }, { idempotencyKey: reviewKey })).to.deep.equal(published);
    const asOrg = second.withActor({ role: 'organization', id: dataset.organizations[0]!.id });
    expect((await rejection(asOrg.reviewNeed(receipt.need.id, { status: 'closed', reason: '机构不能关闭' }, { idempotencyKey: key('org') }))).kind).to.equal('forbidden');
  });

  it('answers a repeated idempotency key with the same result after a reload', async () => {
    const name = fresh();
    const idempotencyKey = key('repeat');
    const draft = draftFrom(dataset.needs[1]!, '独居老人需要助餐');
    const first = make({ name, dataset });
    const receipt = await first.createNeed(draft, { idempotencyKey });
    first.close();

    const second = make({ name });
    expect(await second.createNeed(draft, { idempotencyKey })).to.deep.equal(receipt);
    expect((await second.listNeeds()).total).to.equal(dataset.needs.length + 1);
    // the same key for a different request is refused, not silently answered
    const error = await rejection(second.createNeed({ ...draft, title: '别的需求内容' }, { idempotencyKey }));
    expect(error.kind).to.equal('conflict');
  });

  it('keeps claim transitions, with the need they move, across a reload', async () => {
    const name = fresh();
    const need = dataset.needs.find((n) => n.status === 'published')!;
    const org = dataset.organizations[0]!;
    const first = make({ name, dataset });
    const claim = await first.requestClaim(
      {
        direction: 'need-claim',
        needId: need.id,
        offerId: null,
        organizationId: org.id,
        categoryCode: need.categoryCode,
        requestedBy: { role: 'organization', id: org.id },
      },
      { idempotencyKey: key('claim') },
    );
    await first.acceptClaim(claim.id, { reason: '社区同意' }, { idempotencyKey: key('accept') });
    first.close();

    const second = make({ name });
    expect((await second.getClaim(claim.id)).state).to.equal('accepted');
    expect((await second.getNeed(need.id)).status).to.equal('claimed');
  });

  it('leaves nothing visible, now or after a reload, when storing a write fails', async () => {
    const name = fresh();
    const need = dataset.needs.find((n) => n.status === 'published')!;
    const org = dataset.organizations[1]!;
    const first = make({ name, dataset });
    const claim = await first.requestClaim(
      {
        direction: 'need-claim',
        needId: need.id,
        offerId: null,
        organizationId: org.id,
        categoryCode: need.categoryCode,
        requestedBy: { role: 'organization', id: org.id },
      },
      { idempotencyKey: key('claim') },
    );
    // accepting writes the need (claimed) and the claim (accepted) together; the claim's write fails
    const acceptKey = key('accept');
    const error = await withFailingPut('local-claims', () =>
      rejection(first.acceptClaim(claim.id, {}, { idempotencyKey: acceptKey })),
    );
    expect(error.kind).to.equal('server');
    expect(first.storageState).to.equal('ok');
    expect((await first.getClaim(claim.id)).state).to.equal('pending');
    expect((await first.getNeed(need.id)).status).to.equal('published');

    const needKey = key('need');
    await withFailingPut('local-needs', () =>
      rejection(first.createNeed(draftFrom(need, '写入失败的需求'), { idempotencyKey: needKey })),
    );
    expect((await first.listNeeds()).total).to.equal(dataset.needs.length);
    first.close();

    const second = make({ name });
    expect((await second.getClaim(claim.id)).state).to.equal('pending');
    expect((await second.getNeed(need.id)).status).to.equal('published');
    expect((await second.listNeeds()).total).to.equal(dataset.needs.length);
    expect(await second.database.store('local-idempotency').get(acceptKey)).to.equal(undefined);
    // the same key works once storage works again
    expect((await second.acceptClaim(claim.id, {}, { idempotencyKey: acceptKey })).state).to.equal('accepted');
  });

  it('works in memory mode, for the session only', async () => {
    const db = openRenlingDatabase({ indexedDB: null });
    const adapter = make({ db, dataset });
    await adapter.ready;
    expect(adapter.storageState).to.equal('memory');
    const receipt = await adapter.createNeed(draftFrom(dataset.needs[2]!, '想学智能手机使用'), {
      idempotencyKey: key('mem'),
    });
    expect((await adapter.getNeed(receipt.need.id)).title).to.equal('想学智能手机使用');
    expect((await adapter.listNeeds()).total).to.equal(dataset.needs.length + 1);

    // a second page with its own memory starts over from the seed
    const other = make({ db: openRenlingDatabase({ indexedDB: null }), dataset });
    expect((await other.listNeeds()).total).to.equal(dataset.needs.length);
    expect((await rejection(other.getNeed(receipt.need.id))).kind).to.equal('not-found');
  });

  it('keeps working in memory when the quota runs out mid-session', async () => {
    const name = fresh();
    const adapter = make({ name, dataset });
    await adapter.ready;
    const original = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!;
    Object.defineProperty(IDBObjectStore.prototype, 'put', {
      ...original,
      value: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    let receipt;
    try {
      receipt = await adapter.createNeed(draftFrom(dataset.needs[3]!, '需要上门理发服务'), { idempotencyKey: key('quota') });
    } finally {
      Object.defineProperty(IDBObjectStore.prototype, 'put', original);
    }
    expect(adapter.storageState).to.equal('memory');
    expect((await adapter.getNeed(receipt.need.id)).title).to.equal('需要上门理发服务');
    expect((await adapter.listNeeds()).total).to.equal(dataset.needs.length + 1);
  });

  it('acts as staff, an organization and a resident over one shared dataset, database and write queue', async () => {
    const name = fresh();
    const staff = make({ name, dataset });
    const need = dataset.needs.find((n) => n.status === 'published')!;
    const org = dataset.organizations[2]!;
    const orgActor: Actor = { role: 'organization', id: org.id };
    const asOrg = staff.withActor(orgActor);
    const asResident = staff.withActor({ role: 'resident', id: 'resident-7' });
    expect(asOrg.database).to.equal(staff.database);

    const claim = await asOrg.requestClaim(
      {
        direction: 'need-claim',
        needId: need.id,
        offerId: null,
        organizationId: org.id,
        categoryCode: need.categoryCode,
        // whoever the form says, an organization asks for itself
        requestedBy: { role: 'staff', id: 'someone-else' },
      },
      { idempotencyKey: key('claim') },
    );
    expect(claim.requestedBy).to.deep.equal(orgActor);
    expect((await rejection(asOrg.getNeedContact(need.id))).kind).to.equal('forbidden');
    expect((await rejection(asOrg.acceptClaim(claim.id, {}, { idempotencyKey: key('accept') }))).kind).to.equal('forbidden');
    await staff.acceptClaim(claim.id, { reason: '社区同意' }, { idempotencyKey: key('accept') });
    const contact = await asOrg.getNeedContact(need.id);
    expect(contact.contact).to.deep.equal(need.contact);
    expect(contact.areaCode).to.equal(need.areaCode);
    expect((await rejection(asResident.getNeedContact(need.id))).kind).to.equal('forbidden');

    // two views sending one write at once: one queue, one transition
    const startKey = key('start');
    const [a, b] = await Promise.all([
      asOrg.startClaim(claim.id, {}, { idempotencyKey: startKey }),
      staff.withActor(orgActor).startClaim(claim.id, {}, { idempotencyKey: startKey }),
    ]);
    expect(b).to.deep.equal(a);
    expect(a.history.map((t) => t.event)).to.deep.equal(['accept', 'start']);
    // the key stands for the organization's request: the same key from staff is another request
    expect((await rejection(staff.startClaim(claim.id, {}, { idempotencyKey: startKey }))).kind).to.equal('conflict');
    expect(() => staff.withActor({ role: 'nobody', id: 'x' } as unknown as Actor)).to.throw(TypeError);
    staff.close();

    const again = make({ name });
    expect((await again.getClaim(claim.id)).state).to.equal('in-progress');
    expect((await again.withActor(orgActor).getNeedContact(need.id)).needId).to.equal(need.id);
  });

  it('keeps a new project, the figures that follow its claims and the organization’s satisfaction across a reload', async () => {
    const name = fresh();
    const first = make({ name, dataset });
    const offer = dataset.offers.find((o) => o.status === 'open' && o.capacity.used < o.capacity.perPeriod)!;
    const claim = await first.requestClaim(
      {
        direction: 'offer-booking',
        needId: null,
        offerId: offer.id,
        organizationId: offer.organizationId,
        categoryCode: offer.categoryCode,
        requestedBy: { role: 'resident', id: 'resident-9' },
      },
      { idempotencyKey: key('claim') },
    );
    await first.acceptClaim(claim.id, {}, { idempotencyKey: key('accept') });
    const { id: _id, updatedAt: _u, ...template } = dataset.projects[0]!;
    const draft: ProjectDraft = { ...template, status: 'active', organizationId: offer.organizationId, claimIds: [claim.id], needIds: [] };
    const project = await first.createProject(draft, { idempotencyKey: key('project') });
    expect(project.status).to.equal('planned');
    await first.startClaim(claim.id, {}, { idempotencyKey: key('start') });
    await first.completeClaim(claim.id, { beneficiaries: 4 }, { idempotencyKey: key('complete') });
    await first.rateClaim(claim.id, { score: 3, comment: '' }, { idempotencyKey: key('rate') });
    first.close();

    const second = make({ name });
    const stored = await second.getProject(project.id);
    expect(stored).to.include({ status: 'completed', satisfaction: 60 });
    expect(stored.beneficiaries).to.deep.equal({ served: 4, planned: draft.beneficiaries.planned });
    const scores = [...(dataset.claims ?? []).filter((c) => c.organizationId === offer.organizationId && c.rating).map((c) => c.rating!.score), 3];
    expect((await second.getOrganization(offer.organizationId)).satisfaction).to.equal(meanRating(scores));
    expect((await second.getOffer(offer.id)).capacity.used).to.equal(offer.capacity.used + 1);
    expect(await second.database.store('local-projects').count()).to.equal(dataset.projects.length + 1);
  });

  it('reads a database seeded before projects and organizations had stores of their own', async () => {
    const name = fresh();
    const v2 = openRenlingDatabase({ name, migrations: MIGRATIONS.slice(0, 2) });
    await v2.transaction(['local-seed', 'local-needs', 'local-offers', 'local-claims'], 'readwrite', async (tx) => {
      const seed = {
        source: 'dataset',
        seededAt: NOW().toISOString(),
        areas: dataset.areas,
        organizations: dataset.organizations,
        projects: dataset.projects,
      };
      await Promise.all([
        tx.store('local-seed').put(seed, 'dataset'),
        ...dataset.needs.map((n) => tx.store('local-needs').put(n)),
        ...dataset.offers.map((o) => tx.store('local-offers').put(o)),
        ...(dataset.claims ?? []).map((c) => tx.store('local-claims').put(c)),
      ]);
    });
    v2.close();

    const adapter = make({ name });
    expect((await adapter.listOrganizations({ limit: 200 })).total).to.equal(dataset.organizations.length);
    expect((await adapter.listProjects({ limit: 200 })).total).to.equal(dataset.projects.length);
    expect((await adapter.listNeeds({ limit: 200 })).total).to.equal(dataset.needs.length);
    const project = dataset.projects[1]!;
    expect(await adapter.getProject(project.id)).to.deep.equal(project);
    expect(await adapter.database.store('local-seed').get('dataset')).to.not.have.any.keys('organizations', 'projects');
  });

  it('starts empty without a dataset or url, and seeds when one comes later', async () => {
    const name = fresh();
    const empty = make({ name });
    expect((await empty.listOrganizations()).total).to.equal(0);
    expect(await empty.database.store('local-seed').count()).to.equal(0);
    empty.close();
    const seeded = make({ name, dataset });
    expect((await seeded.listOrganizations()).total).to.equal(dataset.organizations.length);
  });
});
