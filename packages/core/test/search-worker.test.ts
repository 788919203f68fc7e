import { expect } from '@open-wc/testing';
import { generateDataset } from '@renling/mocks';
import { buildSearchIndex } from '../src/search/engine.js';
import { createSearchIndex, createSearchIndexInWorker, createSearchWorker, groupForSearch, type SearchRecord } from '../src/search/index.js';
import { handMade, org, rec } from './search-fixtures.js';

// An explicit URL, as a page that hosts the worker file elsewhere would pass.
const workerUrl = new URL('../src/search/search.worker.ts', import.meta.url);

const generated = generateDataset({ seed: 7, organizations: 600 });
const records: SearchRecord[] = [...groupForSearch(generated.organizations, generated.offers), ...handMade()];

describe('createSearchWorker', () => {
  it('gives the same results as the in-thread index', async () => {
    const local = createSearchIndex(records);
    const remote = createSearchWorker(records, { workerUrl });
    try {
      await remote.ready;
      expect(remote.size).to.equal(local.size);
      const queries = ['养老', 'yanglao', 'ylfw', 'yang老', '醫患', '心里咨询', 'sunshine', 'changning 服务', '', '心理咨问工作室'];
      // phrases run together, pinyin apart or with ü, and a sentence only partly matched
      queries.push('儿童托管', 'yang lao', 'lüshi', '家里老人需要助餐', 'yanglai', 'ylfuwu');
      expect(local.search('家里老人需要助餐').partial).to.equal(true);
      expect(local.search('yanglai').corrected).to.equal('yanglao');
      for (const q of queries) {
        for (const options of [{}, { sort: 'name' as const, limit: 7 }, { filters: { categoryCode: 'elderly' }, offset: 3 }]) {
          expect(await remote.search(q, options), q).to.deep.equal(local.search(q, options));
        }
        expect(await remote.suggest(q, 5), q).to.deep.equal(local.suggest(q, 5));
      }
    } finally {
      remote.terminate();
    }
  });

  it('adds, updates and removes records in the worker', async () => {
    const remote = createSearchWorker(handMade(), { workerUrl });
    try {
      await remote.ready;
      await remote.add(rec(org('w-new', '新泾镇法律援助工作站')));
      expect(remote.size).to.equal(handMade().length + 1);
      expect((await remote.search('falv')).hits.map((h) => h.id)).to.include('w-new');
      await remote.update(rec(org('w-new', '新泾镇睦邻点')));
      expect((await remote.search('falv')).hits.map((h) => h.id)).not.to.include('w-new');
      await remote.remove('w-new');
      expect(remote.size).to.equal(handMade().length);
    } finally {
      remote.terminate();
    }
  });

  it('finds its worker by default when served from TypeScript sources', async () => {
    // here the client's own URL ends in .ts; in a Vite bundle or dist/ it loads ./search.worker.js
    const remote = createSearchWorker(handMade());
    try {
      await remote.ready;
      expect((await remote.search('乐龄')).hits[0]?.id).to.equal('t-leling');
    } finally {
      remote.terminate();
    }
  });

  it('reports a worker that cannot load instead of hanging', async () => {
    const broken = createSearchWorker([], { workerUrl: new URL('./no-such-worker.js', import.meta.url) });
    const error = await broken.ready.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(Error);
    await broken.search('x').then(
      () => expect.fail('search on a failed worker must reject'),
      (e: unknown) => expect(e).to.be.instanceOf(Error),
    );
    broken.terminate();
  });

  it('rejects calls after terminate', async () => {
    const remote = createSearchWorker([], { workerUrl });
    await remote.ready;
    remote.terminate();
    await remote.search('x').then(
      () => expect.fail('expected a rejection'),
      (e: unknown) => expect(String(e)).to.contain('terminated'),
    );
  });
});

describe('createSearchIndexInWorker', () => {
  const queries = ['养老', 'yanglao', 'ylfw', 'yang老', '醫患', '心里咨询', 'sunshine', 'changning 服务', '', '心理咨问工作室', 'sh', 'x', 'ＦＵＷＵ'];
  // words run together, syllables apart, pinyin with ü, a sentence partly matched, a slip of the keys
  queries.push('儿童托管', 'yang lao', 'lüshi', '家里老人需要助餐', 'yanglai', 'ylfuwu');
  const optionSets = [{}, { sort: 'name' as const, limit: 7 }, { filters: { categoryCode: 'elderly' }, offset: 3 }, { filters: { hasCapacity: true, minRating: '3A' as const }, sort: 'rating' as const }];

  it('builds in the worker and answers in the page exactly as an index built in the page', async () => {
    const local = createSearchIndex(records);
    const moved = await createSearchIndexInWorker(records, { workerUrl });
    expect(moved.size).to.equal(local.size);
    for (const q of queries) {
      for (const options of optionSets) expect(moved.search(q, options), `${q} ${JSON.stringify(options)}`).to.deep.equal(local.search(q, options));
      expect(moved.suggest(q, 5), q).to.deep.equal(local.suggest(q, 5));
    }
  });

  it('sends the records in parts, letting the page work between them, and builds over all of them', async () => {
    const local = createSearchIndex(records);
    // what the page sends the worker, and its own tasks in between, while the records go 97 at a time
    const log: string[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was below, and called with its worker
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
      log.push((args[0] as { op: string }).op);
      return post.apply(this, args);
    } as Worker['postMessage'];
    let building = true;
    const tick = (): void => {
      log.push('tick');
      if (building) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    let moved;
    try {
      moved = await createSearchIndexInWorker(records, { workerUrl, recordsPerMessage: 97 });
    } finally {
      building = false;
      Worker.prototype.postMessage = post;
    }
    expect(moved.size).to.equal(local.size);
    const sent = log.filter((entry) => entry !== 'tick');
    expect(sent).to.deep.equal([...Array<string>(Math.ceil(records.length / 97) - 1).fill('collect'), 'build']);
    // the page's own tasks ran between the parts, not only once they were all sent
    const between = log.slice(log.indexOf('collect'), log.indexOf('build'));
    expect(between.filter((entry) => entry === 'tick').length).to.be.greaterThan(2);
    for (const q of queries) expect(moved.search(q), q).to.deep.equal(local.search(q));
    // a part of exactly the records, and one record
    for (const recordsPerMessage of [records.length, records.length - 1, 1]) {
      const few = records.slice(0, 40);
      const built = await createSearchIndexInWorker(recordsPerMessage === 1 ? few : records, { workerUrl, recordsPerMessage });
      expect(built.size).to.equal(recordsPerMessage === 1 ? few.length : local.size);
    }
    expect((await createSearchIndexInWorker([], { workerUrl, recordsPerMessage: 10 })).size).to.equal(0);
  });

  it('rejects, and ends its worker, when a part of the records cannot be sent', async () => {
    const broken = records.slice(0, 30).map((r) => ({ ...r }));
    // a function cannot be copied to a worker: DataCloneError while the second part is sent
    (broken[15] as unknown as { organization: unknown }).organization = { ...broken[15]!.organization, toJSON: () => null };
    let error: unknown;
    try {
      await createSearchIndexInWorker(broken, { workerUrl, recordsPerMessage: 10 });
    } catch (e) {
      error = e;
    }
    expect(error, 'no rejection').to.be.instanceOf(Error);
    expect((error as Error).name).to.equal('DataCloneError');
  });

  it('keeps following changes after the move, as the in-page index does', async () => {
    const local = createSearchIndex(records);
    const moved = await createSearchIndexInWorker(records, { workerUrl });
    const added = rec(org('w-new', '新泾镇法律援助工作站'));
    for (const index of [local, moved]) {
      index.add(added);
      index.update(rec(org('w-other', '仙霞睦邻点 yanglao')));
      index.remove(records[3]?.organization.id ?? '');
    }
    expect(moved.size).to.equal(local.size);
    expect(moved.search('falv').hits.map((h) => h.id)).to.include('w-new');
    for (const q of [...queries, 'falv', '睦邻']) expect(moved.search(q), q).to.deep.equal(local.search(q));
    moved.update(rec(org('w-new', '新泾镇睦邻点')));
    expect(moved.search('falv').hits.map((h) => h.id)).not.to.include('w-new');
  });

  it('answers in the locale it was given', async () => {
    const local = createSearchIndex(records, { locale: 'en' });
    const moved = await createSearchIndexInWorker(records, { workerUrl, locale: 'en' });
    expect(moved.search('养老')).to.deep.equal(local.search('养老'));
    expect(moved.suggest('yl', 8)).to.deep.equal(local.suggest('yl', 8));
  });

  it('refuses a snapshot that does not belong to the records, and an index that has been moved', () => {
    const built = buildSearchIndex(handMade());
    const snapshot = built.snapshot();
    expect(() => built.search('乐龄')).to.throw(/moved/);
    expect(() => buildSearchIndex(handMade().slice(1), { snapshot })).to.throw(/documents/);
    const shuffled = handMade().reverse();
    expect(() => buildSearchIndex(shuffled, { snapshot })).to.throw(/does not match/);
    expect(buildSearchIndex(handMade(), { snapshot }).search('乐龄').hits[0]?.id).to.equal('t-leling');
  });

  it('rejects when its worker cannot load', async () => {
    const error = await createSearchIndexInWorker(records, { workerUrl: new URL('./no-such-worker.js', import.meta.url) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(Error);
  });
});
