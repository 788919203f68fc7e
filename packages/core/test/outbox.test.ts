import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  AdapterError,
  backoffDelay,
  createMemoryAdapter,
  createMemoryOutboxStorage,
  createOutbox,
  type DataAdapter,
  type NeedDraft,
  type NeedReceipt,
  type Outbox,
  type OutboxEventDetail,
  type OutboxStorage,
  type WriteOptions,
} from '../src/index.js';

const draft = (title: string): NeedDraft => ({
  title,
  description: '老人独居，希望有人定期上门探望。',
  categoryCode: 'elderly.empty-nester',
  audiences: ['elderly'],
  areaCode: '310105001001',
  urgency: 'normal',
  preferredTime: '',
  channel: 'grid-worker',
  forWhom: 'resident',
  beneficiaries: 1,
  contact: { name: '张桂英', phone: '13912345678', address: '华阳路 100 弄 5 号' },
  consent: { textVersion: '2026-11', givenAt: '2026-11-01T09:00:00+08:00', personalInfo: true, health: false, guardian: false },
  minor: false,
});

interface Faults {
  offline: boolean;
  fail500: number;
  rateLimited: number;
  /** The server commits, then the answer is lost on the way back. */
  loseResponse: number;
}

/** A server (the memory engine) behind a network we can break, recording what it commits. */
function faultyServer() {
  const engine = createMemoryAdapter({ areas: [], organizations: [], offers: [], needs: [], projects: [] });
  const faults: Faults = { offline: false, fail500: 0, rateLimited: 0, loseResponse: 0 };
  const seenKeys = new Set<string>();
  const committed: string[] = [];
  let calls = 0;
  const keysSent: string[] = [];
  const adapter: DataAdapter = {
    ...engine,
    async createNeed(input: NeedDraft, options: WriteOptions): Promise<NeedReceipt> {
      calls++;
      keysSent.push(options.idempotencyKey);
      if (faults.offline) throw new AdapterError('network', 'offline');
      if (faults.fail500 > 0) {
        faults.fail500--;
        throw new AdapterError('server', 'Internal Server Error', { status: 500 });
      }
      if (faults.rateLimited > 0) {
        faults.rateLimited--;
        throw new AdapterError('rate-limited', 'Too Many Requests', { status: 429, retryAfter: 2 });
      }
      const receipt = await engine.createNeed(input, options);
      if (!seenKeys.has(options.idempotencyKey)) {
        seenKeys.add(options.idempotencyKey);
        committed.push(input.title);
      }
      if (faults.loseResponse > 0) {
        faults.loseResponse--;
        throw new AdapterError('network', 'connection reset after commit');
      }
      return receipt;
    },
  };
  const count = async (): Promise<number> => (await engine.listNeeds({ limit: 200 })).total;
  return { adapter, faults, committed, count, keysSent, calls: () => calls };
}

/** A clock the test moves, so backoff waits take no real time. */
function clock(start = Date.parse('2026-11-22T10:00:00+08:00')) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => (c.t += ms) };
  return c;
}

let lockCounter = 0;
function makeOutbox(server: ReturnType<typeof faultyServer>, storage: OutboxStorage, time = clock(), extra = {}): Outbox {
  return createOutbox({
    adapter: server.adapter,
    storage,
    now: time.now,
    random: () => 0.5,
    lockName: `test-outbox-${lockCounter}`,
    ...extra,
  });
}

function events(outbox: Outbox): string[] {
  const seen: string[] = [];
  for (const type of ['queued', 'sent', 'retrying', 'failed', 'expired'])
    outbox.addEventListener(type, (e) => seen.push(`${type}:${(e as CustomEvent<OutboxEventDetail>).detail.record.payload.title}`));
  return seen;
}

describe('outbox', () => {
  beforeEach(() => {
    lockCounter++;
  });

  it('sends at once when online and keeps nothing afterwards', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const outbox = makeOutbox(server, storage);
    const seen = events(outbox);
    const result = await outbox.submit('need', draft('楼道堆物清理'));
    expect(result.queued).to.equal(false);
    expect((result.result as NeedReceipt).trackingNumber).to.match(/^RL-\d{8}-/u);
    expect(await server.count()).to.equal(1);
    expect(storage.records.size).to.equal(0);
    expect(seen).to.deep.equal(['queued:楼道堆物清理', 'sent:楼道堆物清理']);
  });

  it('refuses invalid input before storing anything, with field errors', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const outbox = makeOutbox(server, storage);
    const bad = { ...draft('x'), contact: { name: '张', phone: '123', address: '某处' } };
    try {
      await outbox.submit('need', bad);
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(AdapterError);
      expect((error as AdapterError).kind).to.equal('validation');
      expect((error as AdapterError).fieldErrors.map((e) => e.path)).to.include.members(['title', 'contact.phone']);
    }
    expect(storage.records.size).to.equal(0);
    expect(server.calls()).to.equal(0);
  });

  it('offline: keeps the need, then sends it exactly once after a reload when back online', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const time = clock();
    server.faults.offline = true;
    const first = makeOutbox(server, storage, time);
    const seen = events(first);
    const result = await first.submit('need', draft('独居老人陪聊'));
    expect(result.queued).to.equal(true);
    expect(seen).to.deep.equal(['queued:独居老人陪聊', 'retrying:独居老人陪聊']);
    expect(storage.records.size).to.equal(1);
    first.stop();
    // reload: a new page with the same storage
    server.faults.offline = false;
    time.advance(60_000);
    const second = makeOutbox(server, storage, time);
    await second.flush();
    expect(await server.count()).to.equal(1);
    expect(storage.records.size).to.equal(0);
  });

  it('a lost response after the server committed still leaves exactly one record', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const time = clock();
    server.faults.loseResponse = 1;
    const outbox = makeOutbox(server, storage, time);
    const result = await outbox.submit('need', draft('修理楼道灯'));
    expect(result.queued).to.equal(true);
    expect(await server.count()).to.equal(1);
    time.advance(60_000);
    await outbox.flush();
    expect(await server.count()).to.equal(1);
    expect(server.calls()).to.equal(2);
    expect(storage.records.size).to.equal(0);
  });

  it('retries 500s and 429s with backoff that honours Retry-After, then succeeds', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const time = clock();
    server.faults.fail500 = 2;
    server.faults.rateLimited = 1;
    const outbox = makeOutbox(server, storage, time);
    await outbox.submit('need', draft('助餐'));
    const [waiting] = await outbox.pending();
    expect(waiting?.attempts).to.equal(1);
    expect(waiting?.lastError?.kind).to.equal('server');
    // not yet due: nothing is sent
    await outbox.flush();
    expect(server.calls()).to.equal(1);
    for (let i = 0; i < 3; i++) {
      time.advance(10 * 60_000);
      await outbox.flush();
    }
    expect(server.calls()).to.equal(4);
    expect(await server.count()).to.equal(1);
    expect(await outbox.pending()).to.have.length(0);
  });

  it('computes backoff with full jitter, a ceiling, and never below Retry-After', () => {
    expect(backoffDelay(1, 1, 1000, 60_000, null)).to.equal(1000);
    expect(backoffDelay(4, 1, 1000, 60_000, null)).to.equal(8000);
    expect(backoffDelay(20, 1, 1000, 60_000, null)).to.equal(60_000);
    expect(backoffDelay(3, 0, 1000, 60_000, null)).to.equal(0);
    expect(backoffDelay(1, 0.1, 1000, 60_000, 30)).to.equal(30_000);
  });

  it('sends in the order people submitted, holding later ones behind a waiting one', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const time = clock();
    server.faults.offline = true;
    const outbox = makeOutbox(server, storage, time);
    for (const title of ['第一条需求', '第二条需求', '第三条需求']) {
      await outbox.submit('need', draft(title));
      time.advance(1000);
    }
    server.faults.offline = false;
    time.advance(60 * 60_000);
    await outbox.flush();
    expect(server.committed).to.deep.equal(['第一条需求', '第二条需求', '第三条需求']);
  });

  it('two tabs flushing at once never send one record twice', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const time = clock();
    server.faults.offline = true;
    const tabA = makeOutbox(server, storage, time);
    const tabB = makeOutbox(server, storage, time);
    for (const title of ['甲', '乙甲', '丙甲'].map((t) => `需求${t}`)) await tabA.submit('need', draft(title));
    server.faults.offline = false;
    time.advance(60 * 60_000);
    server.keysSent.length = 0;
    await Promise.all([tabA.flush(), tabB.flush(), tabA.flush(), tabB.flush()]);
    expect(await server.count()).to.equal(3);
    // once online, each record went out once: the tabs took turns, and the second found nothing left
    expect(server.keysSent).to.have.length(3);
    expect(new Set(server.keysSent).size).to.equal(3);
  });

  it('a reload in the middle of a send loses nothing and duplicates nothing', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const time = clock();
    // a slow network: the send is still on its way when the page goes away
    const slow: DataAdapter = {
      ...server.adapter,
      createNeed: (input, options) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve(server.adapter.createNeed(input, options)), 50);
          options.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new AdapterError('aborted', 'page closed'));
          });
        }),
    };
    const first = createOutbox({ adapter: slow, storage, now: time.now, lockName: `test-outbox-${lockCounter}` });
    void first.submit('need', draft('半路刷新'));
    await new Promise((r) => setTimeout(r, 10));
    first.stop();
    expect(storage.records.size).to.equal(1);
    const second = makeOutbox(server, storage, time);
    await second.flush();
    expect(await server.count()).to.equal(1);
    expect(storage.records.size).to.equal(0);
  });

  it('reports a need past its maximum age instead of dropping it, and can still send it on request', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const time = clock();
    server.faults.offline = true;
    const outbox = makeOutbox(server, storage, time, { maxAgeMs: 24 * 60 * 60_000 });
    const seen = events(outbox);
    const { id } = await outbox.submit('need', draft('很久以前的需求'));
    server.faults.offline = false;
    time.advance(2 * 24 * 60 * 60_000);
    await outbox.flush();
    expect(seen).to.include('expired:很久以前的需求');
    expect((await outbox.pending())[0]?.status).to.equal('expired');
    expect(await server.count()).to.equal(0);
    await outbox.retry(id);
    expect(await server.count()).to.equal(1);
  });

  for (const locks of ['the browser\'s locks', 'no locks'] as const) {
    it(`sends once when a retry meets a send already under way (${locks})`, async () => {
      const server = faultyServer();
      const inner = createMemoryOutboxStorage();
      // writes that take a while, as IndexedDB's do on a busy phone
      const slowWrites: OutboxStorage = {
        getAll: () => inner.getAll(),
        put: async (record) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          await inner.put(record);
        },
        delete: (id) => inner.delete(id),
      };
      const time = clock();
      server.faults.offline = true;
      const outbox = makeOutbox(server, slowWrites, time, locks === 'no locks' ? { locks: null } : {});
      const { id } = await outbox.submit('need', draft('重试时正在发送'));
      server.faults.offline = false;
      // the backoff's time has come: a pass sends the need while the person presses "retry"
      time.advance(10 * 60_000);
      await Promise.all([outbox.retry(id), outbox.flush()]);
      await outbox.flush(true);
      expect(server.keysSent.filter((k) => k === id)).to.have.length(2); // the offline attempt and one send
      expect(await server.count()).to.equal(1);
      expect(await outbox.pending()).to.deep.equal([]);
    });
  }

  it('keeps a need the server refuses for good, marked failed, and goes on with the rest', async () => {
    const server = faultyServer();
    const storage = createMemoryOutboxStorage();
    const time = clock();
    let refuse = true;
    const picky: DataAdapter = {
      ...server.adapter,
      createNeed: (input, options) =>
        refuse && input.title === '需要登录'
          ? Promise.reject(new AdapterError('unauthorized', 'sign in'))
          : server.adapter.createNeed(input, options),
    };
    const outbox = createOutbox({ adapter: picky, storage, now: time.now, lockName: `test-outbox-${lockCounter}` });
    await outbox.submit('need', draft('需要登录'));
    await outbox.submit('need', draft('普通需求'));
    const pending = await outbox.pending();
    expect(pending.map((r) => [r.payload.title, r.status])).to.deep.equal([['需要登录', 'failed']]);
    expect(await server.count()).to.equal(1);
    refuse = false;
    await outbox.retry(pending[0]!.id);
    expect(await server.count()).to.equal(2);
  });

  it('sends directly when nothing can be stored, and reports failure to the caller if that fails too', async () => {
    const server = faultyServer();
    const broken: OutboxStorage = {
      getAll: () => Promise.resolve([]),
      put: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
      delete: () => Promise.resolve(),
    };
    const outbox = makeOutbox(server, broken);
    const ok = await outbox.submit('need', draft('存储已满'));
    expect(ok.queued).to.equal(false);
    expect(await server.count()).to.equal(1);
    server.faults.offline = true;
    try {
      await outbox.submit('need', draft('存储已满又断网'));
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as AdapterError).kind).to.equal('network');
    }
  });

  it('model: any sequence of submit, offline, online, reload, errors, lost responses and a second tab delivers every need exactly once, in order (200 runs)', async () => {
    type Step =
      | { type: 'submit' }
      | { type: 'offline' }
      | { type: 'online' }
      | { type: 'reload' }
      | { type: 'error500'; count: number }
      | { type: 'lose' }
      | { type: 'second-tab' }
      | { type: 'wait' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 4, arbitrary: fc.constant<Step>({ type: 'submit' }) },
      fc.constant<Step>({ type: 'offline' }),
      { weight: 2, arbitrary: fc.constant<Step>({ type: 'online' }) },
      fc.constant<Step>({ type: 'reload' }),
      fc.integer({ min: 1, max: 3 }).map((count): Step => ({ type: 'error500', count })),
      fc.constant<Step>({ type: 'lose' }),
      fc.constant<Step>({ type: 'second-tab' }),
      fc.constant<Step>({ type: 'wait' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        lockCounter++;
        const server = faultyServer();
        const storage = createMemoryOutboxStorage();
        const time = clock();
        let tab = makeOutbox(server, storage, time);
        const submitted: string[] = [];
        for (const s of steps) {
          switch (s.type) {
            case 'submit': {
              const title = `需求${submitted.length + 1}`;
              submitted.push(title);
              await tab.submit('need', draft(title));
              time.advance(1000);
              break;
            }
            case 'offline':
              server.faults.offline = true;
              break;
            case 'online':
              server.faults.offline = false;
              await tab.flush();
              break;
            case 'reload':
              tab.stop();
              tab = makeOutbox(server, storage, time);
              await tab.flush();
              break;
            case 'error500':
              server.faults.fail500 += s.count;
              break;
            case 'lose':
              server.faults.loseResponse += 1;
              break;
            case 'second-tab': {
              const other = makeOutbox(server, storage, time);
              await Promise.all([tab.flush(), other.flush()]);
              other.stop();
              break;
            }
            case 'wait':
              time.advance(10 * 60_000);
              await tab.flush();
              break;
          }
        }
        // the network heals and time passes: everything must arrive (responses are no longer lost: six
        // lost ones queued could otherwise outlast the five retries below with the need still kept to send)
        server.faults.offline = false;
        server.faults.fail500 = 0;
        server.faults.loseResponse = 0;
        for (let i = 0; i < 5 && (await storage.getAll()).length > 0; i++) {
          time.advance(60 * 60_000);
          await tab.flush();
        }
        tab.stop();
        expect(await storage.getAll()).to.have.length(0);
        expect(server.committed).to.deep.equal(submitted);
        expect(await server.count()).to.equal(submitted.length);
      }),
      { numRuns: 200 },
    );
  });
});
