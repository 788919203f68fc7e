/**
 * The data layer end to end in the browser: the outbox kept in IndexedDB,
 * sending through the REST adapter to the mock API (msw in a service worker)
 * while its fault switches break the network and the server.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { deleteDB } from 'idb';
import { createMockWorker, DEMO_SEED, generateDataset } from '@renling/mocks';
import {
  createOutbox,
  createRestAdapter,
  openRenlingDatabase,
  outboxStorageFrom,
  type NeedDraft,
  type NeedReceipt,
  type Outbox,
  type RenlingDatabase,
} from '../src/index.js';

const BASE = '/data-layer-api';
const dataset = generateDataset({ seed: DEMO_SEED, organizations: 60 });
const mock = createMockWorker({ baseUrl: BASE, dataset: { ...dataset, needs: [] } });

const draft = (title: string): NeedDraft => ({
  title,
  description: '居民通过网格员提交的需求。',
  categoryCode: 'elderly.home-care',
  audiences: ['elderly'],
  areaCode: dataset.needs[0]?.areaCode ?? '310105001001',
  urgency: 'high',
  preferredTime: '工作日上午',
  channel: 'grid-worker',
  forWhom: 'resident',
  beneficiaries: 1,
  contact: { name: '王秀兰', phone: '13712345678', address: '华阳路 200 弄 3 号 101 室' },
  consent: { textVersion: '2026-11', givenAt: '2026-11-20T09:00:00+08:00', personalInfo: true, health: false, guardian: false },
  minor: false,
});

/** Needs the server holds, by title, in the order it committed them. */
async function serverTitles(): Promise<string[]> {
  const page = await mock.engine.listNeeds({ limit: 200 });
  return page.items.map((n) => n.title);
}
/** Idempotency keys in the order the server committed them (a lost or garbled answer still committed). */
const serverCommits = (): string[] => [
  // a replay of a committed key can be lost again: the first answer for a key is its commit
  ...new Set(
    mock.requests
      .filter((r) => r.method === 'POST' && r.path === '/needs' && ['ok', 'lost', 'malformed'].includes(r.outcome))
      .map((r) => r.idempotencyKey ?? ''),
  ),
];

/** Outbox record id → need title, from the `queued` events of every tab. */
const queuedTitles = new Map<string, string>();

let run = 0;
/** One "tab": a database connection and an outbox over it, as a page would have. */
function openTab(name: string, time: { t: number }): { db: RenlingDatabase; outbox: Outbox; close: () => void } {
  const db = openRenlingDatabase({ name });
  const outbox = createOutbox({
    adapter: createRestAdapter({ baseUrl: BASE, timeout: 2000 }),
    storage: outboxStorageFrom(db),
    lockName: `${name}-lock`,
    now: () => time.t,
    random: () => 0.5,
  });
  outbox.addEventListener('queued', (e) => {
    const { record } = (e as CustomEvent<{ record: { id: string; payload: { title: string } } }>).detail;
    queuedTitles.set(record.id, record.payload.title);
  });
  return {
    db,
    outbox,
    close: () => {
      outbox.stop();
      db.close();
    },
  };
}

describe('data layer with a failing network and server', () => {
  let name = '';
  const time = { t: Date.parse('2026-11-22T10:00:00+08:00') };
  const tabs: { close: () => void }[] = [];
  const tab = () => {
    const t = openTab(name, time);
    tabs.push(t);
    return t;
  };

  before(() => mock.start());
  after(() => mock.stop());
  beforeEach(() => {
    mock.reset({ ...dataset, needs: [] });
    mock.requests.length = 0;
    name = `renling-data-layer-${Date.now()}-${++run}`;
  });
  afterEach(async () => {
    for (const t of tabs.splice(0)) t.close();
    await deleteDB(name);
  });

  it('offline submit → reload → online: exactly one record at the server', async () => {
    mock.faults.offline = true;
    const first = tab();
    const result = await first.outbox.submit('need', draft('独居老人需要上门助浴'));
    expect(result.queued).to.equal(true);
    expect(await first.outbox.pending()).to.have.length(1);
    first.close();
    mock.faults.offline = false;
    const second = tab();
    time.t += 60_000;
    await second.outbox.flush();
    expect(await serverTitles()).to.deep.equal(['独居老人需要上门助浴']);
    expect(await second.outbox.pending()).to.have.length(0);
  });

  it('the server commits but the answer is lost: the retry still leaves one record', async () => {
    mock.faults.loseResponse = 1;
    const t = tab();
    await t.outbox.submit('need', draft('楼道扶手松动'));
    expect(await serverTitles()).to.have.length(1);
    time.t += 60_000;
    await t.outbox.flush();
    expect(await serverTitles()).to.deep.equal(['楼道扶手松动']);
    const posts = mock.requests.filter((r) => r.method === 'POST');
    expect(posts).to.have.length(2);
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).to.equal(1);
    expect(posts[1]?.outcome).to.equal('replayed');
  });

  it('500s and a 429 with Retry-After, then success', async () => {
    mock.faults.status500 = 2;
    mock.faults.rateLimit = { count: 1, retryAfter: 30 };
    const t = tab();
    await t.outbox.submit('need', draft('社区食堂送餐'));
    for (let i = 0; i < 4; i++) {
      const [waiting] = await t.outbox.pending();
      if (!waiting) break;
      if (waiting.lastError?.kind === 'rate-limited') expect(waiting.nextAttemptAt - time.t).to.be.at.least(30_000);
      time.t += 10 * 60_000;
      await t.outbox.flush();
    }
    expect(await serverTitles()).to.deep.equal(['社区食堂送餐']);
    expect(mock.requests.filter((r) => r.method === 'POST').map((r) => r.status)).to.have.members([500, 500, 429, 201]);
  });

  it('two tabs flushing at once send each need once, in order', async () => {
    mock.faults.offline = true;
    const a = tab();
    const b = tab();
    for (const title of ['需求一', '需求二', '需求三']) {
      await a.outbox.submit('need', draft(title));
      time.t += 1000;
    }
    mock.faults.offline = false;
    time.t += 60 * 60_000;
    await Promise.all([a.outbox.flush(), b.outbox.flush(), a.outbox.flush(), b.outbox.flush()]);
    expect(await serverTitles()).to.have.members(['需求一', '需求二', '需求三']);
    expect(serverCommits().map((key) => queuedTitles.get(key))).to.deep.equal(['需求一', '需求二', '需求三']);
    expect(mock.requests.filter((r) => r.method === 'POST' && r.status === 201)).to.have.length(3);
  });

  it('a reload in the middle of a send loses nothing and duplicates nothing', async () => {
    mock.faults.latency = 300;
    const first = tab();
    void first.outbox.submit('need', draft('半路刷新的需求'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    first.close();
    mock.faults.latency = 0;
    const second = tab();
    await second.outbox.flush();
    // the first request may still be at the server (409: in progress, retried later) or land
    // after all: the same key makes it one record either way
    await new Promise((resolve) => setTimeout(resolve, 400));
    time.t += 60_000;
    await second.outbox.flush();
    expect(await serverTitles()).to.deep.equal(['半路刷新的需求']);
    expect(await second.outbox.pending()).to.have.length(0);
  });

  it('keeps a garbled answer and an HTML error page as retries, not losses', async () => {
    mock.faults.malformedJson = 1;
    const t = tab();
    const first = await t.outbox.submit('need', draft('乱码回应'));
    expect(first.queued).to.equal(true);
    time.t += 60_000;
    mock.faults.htmlError = 1;
    await t.outbox.flush();
    expect((await t.outbox.pending())[0]?.lastError?.kind).to.equal('server');
    time.t += 60_000;
    await t.outbox.flush();
    expect(await serverTitles()).to.deep.equal(['乱码回应']);
  });

  it('without IndexedDB: memory mode, said so, and an online submit still arrives', async () => {
    const db = openRenlingDatabase({ name, indexedDB: null });
    expect(db.state).to.equal('memory');
    const outbox = createOutbox({ adapter: createRestAdapter({ baseUrl: BASE }), storage: outboxStorageFrom(db), lockName: `${name}-m` });
    const result = await outbox.submit('need', draft('无痕模式提交'));
    expect(result.queued).to.equal(false);
    expect((result.result as NeedReceipt).trackingNumber).to.match(/^RL-/u);
    expect(await serverTitles()).to.deep.equal(['无痕模式提交']);
    db.close();
  });

  it('QuotaExceededError: memory mode, said so, and an online submit still arrives', async () => {
    const t = tab();
    await t.db.ready;
    const states: string[] = [];
    t.db.addEventListener('statechange', () => states.push(t.db.state));
    const original = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!;
    const put = original.value as IDBObjectStore['put'];
    Object.defineProperty(IDBObjectStore.prototype, 'put', {
      ...original,
      value: function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (this.name === 'outbox') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return key === undefined ? put.call(this, value) : put.call(this, value, key);
      },
    });
    try {
      const result = await t.outbox.submit('need', draft('磁盘已满时提交'));
      expect(result.queued).to.equal(false);
    } finally {
      Object.defineProperty(IDBObjectStore.prototype, 'put', original);
    }
    expect(states).to.deep.equal(['memory']);
    expect(await serverTitles()).to.deep.equal(['磁盘已满时提交']);
  });

  it('model: random submit, offline, online, reload, 500, lost answer and second tab deliver every need once, in order (40 runs)', async function () {
    this.timeout(120_000);
    type Step = 'submit' | 'offline' | 'online' | 'reload' | 'error500' | 'lose' | 'second-tab';
    const steps = fc.array(fc.constantFrom<Step>('submit', 'submit', 'offline', 'online', 'reload', 'error500', 'lose', 'second-tab'), {
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        mock.reset({ ...dataset, needs: [] });
        mock.requests.length = 0;
        await deleteDB(name);
        name = `renling-data-layer-model-${Date.now()}-${++run}`;
        let current = tab();
        const submitted: string[] = [];
        for (const step of sequence) {
          if (step === 'submit') {
            const title = `模型需求${submitted.length + 1}`;
            submitted.push(title);
            await current.outbox.submit('need', draft(title));
            time.t += 1000;
          } else if (step === 'offline') mock.faults.offline = true;
          else if (step === 'online') {
            mock.faults.offline = false;
            await current.outbox.flush();
          } else if (step === 'reload') {
            current.close();
            current = tab();
            await current.outbox.flush();
          } else if (step === 'error500') mock.faults.status500 = 1;
          else if (step === 'lose') mock.faults.loseResponse = 1;
          else {
            const other = tab();
            await Promise.all([current.outbox.flush(), other.outbox.flush()]);
          }
        }
        mock.faults.offline = false;
        mock.faults.status500 = false;
        for (let i = 0; i < 6 && (await current.outbox.pending()).length > 0; i++) {
          time.t += 60 * 60_000;
          await current.outbox.flush();
        }
        expect(await current.outbox.pending()).to.have.length(0);
        // every submitted need exactly once, in the order submitted
        expect(serverCommits().map((key) => queuedTitles.get(key))).to.deep.equal(submitted);
        const titles = await serverTitles();
        expect([...titles].sort()).to.deep.equal([...submitted].sort());
        for (const t of tabs.splice(0)) t.close();
      }),
      { numRuns: 40 },
    );
  });
});
