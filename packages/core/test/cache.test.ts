import { expect, waitUntil } from '@open-wc/testing';
import {
  AdapterError,
  createCachedAdapter,
  createMemoryAdapter,
  createMemoryCacheStorage,
  type CacheEventDetail,
  type DataAdapter,
  type Project,
} from '../src/index.js';

const project: Project = {
  id: 'prj-1',
  title: '乐龄守护计划',
  summary: '',
  organizationId: 'org-1',
  categoryCode: 'elderly.meals',
  areaCode: '310105001001',
  fundingSource: 'gov-purchase',
  budget: 125000,
  period: { start: '2026-03-01', end: '2026-12-31' },
  beneficiaries: { served: 10, planned: 100 },
  satisfaction: null,
  status: 'active',
  needIds: [],
  claimIds: [],
  updatedAt: '2026-10-01T09:00:00+08:00',
};

/** An adapter that counts calls, can go offline, and serves a project whose title we change. */
function source() {
  let title = project.title;
  let offline = false;
  let calls = 0;
  const engine = createMemoryAdapter({ areas: [], organizations: [], offers: [], needs: [], projects: [project] });
  const adapter: DataAdapter = {
    ...engine,
    getProject: async (id, opts) => {
      calls++;
      if (offline) throw new AdapterError('network', 'offline');
      return { ...(await engine.getProject(id, opts)), title };
    },
    listProjects: async (q) => {
      calls++;
      if (offline) throw new AdapterError('network', 'offline');
      return engine.listProjects(q);
    },
  };
  return {
    adapter,
    engine,
    setTitle: (t: string) => (title = t),
    setOffline: (o: boolean) => (offline = o),
    calls: () => calls,
  };
}

describe('cache', () => {
  it('answers a fresh read from the cache without the network', async () => {
    const src = source();
    const time = { t: 0 };
    const cached = createCachedAdapter(src.adapter, { storage: createMemoryCacheStorage(), now: () => time.t });
    expect((await cached.getProject('prj-1')).title).to.equal('乐龄守护计划');
    time.t += 60_000;
    await cached.getProject('prj-1');
    expect(src.calls()).to.equal(1);
  });

  it('answers a stale read at once, refreshes behind, and says so', async () => {
    const src = source();
    const time = { t: 0 };
    const cached = createCachedAdapter(src.adapter, { storage: createMemoryCacheStorage(), now: () => time.t });
    await cached.getProject('prj-1');
    src.setTitle('乐龄守护计划（二期）');
    time.t += 11 * 60_000;
    const revalidated: CacheEventDetail[] = [];
    cached.events.addEventListener('revalidated', (e) => revalidated.push((e as CustomEvent<CacheEventDetail>).detail));
    expect((await cached.getProject('prj-1')).title).to.equal('乐龄守护计划');
    await waitUntil(() => revalidated.length === 1, 'no revalidation');
    expect((revalidated[0]?.value as Project).title).to.equal('乐龄守护计划（二期）');
    expect((await cached.getProject('prj-1')).title).to.equal('乐龄守护计划（二期）');
  });

  it('serves stale data offline and reports it; without a cached copy the error comes through', async () => {
    const src = source();
    const time = { t: 0 };
    const cached = createCachedAdapter(src.adapter, { storage: createMemoryCacheStorage(), now: () => time.t });
    await cached.listProjects({ limit: 10 });
    src.setOffline(true);
    time.t += 60 * 60_000;
    let offline = 0;
    cached.events.addEventListener('offline', () => offline++);
    expect((await cached.listProjects({ limit: 10 })).items).to.have.length(1);
    await waitUntil(() => offline === 1, 'no offline event');
    try {
      await cached.listProjects({ limit: 20 });
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as AdapterError).kind).to.equal('network');
    }
  });

  it('keys reads by their arguments, whatever the order, and ignores the signal', async () => {
    const src = source();
    const cached = createCachedAdapter(src.adapter, { storage: createMemoryCacheStorage() });
    await cached.listProjects({ limit: 10, status: ['active'], signal: new AbortController().signal });
    await cached.listProjects({ status: ['active'], limit: 10 });
    expect(src.calls()).to.equal(1);
    await cached.listProjects({ status: ['completed'], limit: 10 });
    expect(src.calls()).to.equal(2);
  });

  it('shares one network read among concurrent callers', async () => {
    const src = source();
    const cached = createCachedAdapter(src.adapter, { storage: createMemoryCacheStorage() });
    await Promise.all([cached.getProject('prj-1'), cached.getProject('prj-1'), cached.getProject('prj-1')]);
    expect(src.calls()).to.equal(1);
  });

  it('drops cached lists that a write makes stale', async () => {
    const src = source();
    const storage = createMemoryCacheStorage();
    const cached = createCachedAdapter(src.engine, { storage });
    expect((await cached.listNeeds()).total).to.equal(0);
    await cached.createNeed(
      {
        title: '楼道灯坏了',
        description: '',
        categoryCode: 'housing-property',
        audiences: ['all-residents'],
        areaCode: '310105001001',
        urgency: 'normal',
        preferredTime: '',
        channel: 'self',
        forWhom: 'self',
        beneficiaries: 1,
        contact: { name: '李四', phone: '13812345678', address: '某弄某号' },
        consent: { textVersion: '2026-11', givenAt: '2026-11-01T09:00:00+08:00', personalInfo: true, health: false, guardian: false },
        minor: false,
      },
      { idempotencyKey: 'k-1' },
    );
    const [need] = (await cached.listNeeds()).items;
    expect(need?.status).to.equal('submitted');
    expect((await cached.getNeed(need!.id)).status).to.equal('submitted');
    // a review moves the need: the cached list and the cached need are read again
    await cached.reviewNeed(need!.id, { status: 'published' }, { idempotencyKey: 'k-2' });
    expect((await cached.listNeeds()).items[0]?.status).to.equal('published');
    expect((await cached.getNeed(need!.id)).status).to.equal('published');
  });

  it('keeps working when its storage fails', async () => {
    const src = source();
    const broken = {
      get: () => Promise.reject(new DOMException('gone', 'InvalidStateError')),
      put: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
      delete: () => Promise.reject(new Error('x')),
      keys: () => Promise.reject(new Error('x')),
    };
    const cached = createCachedAdapter(src.adapter, { storage: broken });
    expect((await cached.getProject('prj-1')).id).to.equal('prj-1');
  });
});
