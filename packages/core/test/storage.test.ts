import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { MIGRATIONS, openRenlingDatabase, type StorageStateEvent } from '../src/storage/database.js';
import type { RenlingDatabase, StorageState } from '../src/storage/types.js';

let counter = 0;
const uniqueName = (): string => `renling-test-storage-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

interface CacheRecord {
  key: string;
  value: unknown;
  storedAt: number;
  ttl?: number;
}
interface OutboxRow {
  id: string;
  createdAt: string;
  payload: string;
}

/** Resolves with the next statechange event. */
const nextState = (db: RenlingDatabase): Promise<StorageStateEvent> =>
  new Promise((resolve) => db.addEventListener('statechange', (e) => resolve(e as StorageStateEvent), { once: true }));

/** The real factory, counting opens and handing out each open request (its result is the raw connection). */
function countingFactory(onOpen?: (request: IDBOpenDBRequest, nth: number) => void) {
  const requests: IDBOpenDBRequest[] = [];
  const factory: IDBFactory = {
    open: (name, version) => {
      const request = indexedDB.open(name, version);
      requests.push(request);
      onOpen?.(request, requests.length);
      return request;
    },
    deleteDatabase: (name) => indexedDB.deleteDatabase(name),
    cmp: (a, b) => indexedDB.cmp(a, b),
    databases: () => indexedDB.databases(),
  };
  return { factory, requests };
}

function rawOpen(name: string, version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

describe('openRenlingDatabase', () => {
  const opened: RenlingDatabase[] = [];
  const names: string[] = [];
  const open = (options: Parameters<typeof openRenlingDatabase>[0] = {}): RenlingDatabase => {
    const db = openRenlingDatabase(options);
    opened.push(db);
    return db;
  };
  const fresh = (): string => {
    const name = uniqueName();
    names.push(name);
    return name;
  };

  afterEach(async () => {
    for (const db of opened.splice(0)) db.close();
    // our connections let go on versionchange, so deletion is never blocked by them
    await Promise.all(names.splice(0).map((name) => deleteDB(name)));
  });

  it('opens at version 3 with every store and the outbox index', async () => {
    const name = fresh();
    const db = open({ name });
    await db.ready;
    expect(db.state).to.equal('ok');
    expect(db.stateReason).to.equal(null);
    expect(db.version).to.equal(MIGRATIONS.length);
    expect(db.version).to.equal(3);
    await db.store('meta').count();
    db.close();
    const raw = await rawOpen(name);
    try {
      expect([...raw.objectStoreNames].sort()).to.deep.equal(
        [
          'cache',
          'local-claims',
          'local-idempotency',
          'local-needs',
          'local-offers',
          'local-organizations',
          'local-projects',
          'local-seed',
          'meta',
          'outbox',
        ].sort(),
      );
      const tx = raw.transaction(['outbox', 'cache', 'meta'], 'readonly');
      expect([...tx.objectStore('outbox').indexNames]).to.deep.equal(['createdAt']);
      expect(tx.objectStore('outbox').keyPath).to.equal('id');
      expect(tx.objectStore('cache').keyPath).to.equal('key');
      expect(tx.objectStore('meta').keyPath).to.equal(null);
    } finally {
      raw.close();
    }
  });

  it('gets, puts, counts, deletes and clears through the store API', async () => {
    const db = open({ name: fresh() });
    const cache = db.store<CacheRecord>('cache');
    expect(await cache.put({ key: 'b', value: 2, storedAt: 1 })).to.equal('b');
    await cache.put({ key: 'a', value: { nested: [1] }, storedAt: 2, ttl: 60 });
    expect(await cache.get('a')).to.deep.equal({ key: 'a', value: { nested: [1] }, storedAt: 2, ttl: 60 });
    expect((await cache.getAll()).map((r) => r.key)).to.deep.equal(['a', 'b']);
    expect(await cache.count()).to.equal(2);
    await cache.delete('a');
    expect(await cache.get('a')).to.equal(undefined);
    const meta = db.store<string>('meta');
    await meta.put('v1', 'schema-note');
    expect(await meta.get('schema-note')).to.equal('v1');
    await cache.clear();
    expect(await cache.count()).to.equal(0);
  });

  for (const mode of ['IndexedDB', 'memory'] as const) {
    it(`accepts an in-line key given again, and refuses a different one (${mode})`, async () => {
      const db = open({ name: fresh(), ...(mode === 'memory' ? { indexedDB: null } : {}) });
      const cache = db.store<CacheRecord>('cache');
      await cache.put({ key: 'k', value: 1, storedAt: 1 }, 'k');
      expect(await cache.get('k')).to.deep.include({ value: 1 });
      let error: unknown;
      await cache.put({ key: 'k', value: 1, storedAt: 1 }, 'other').catch((e: unknown) => (error = e));
      expect((error as DOMException).name).to.equal('DataError');
    });
  }

  it('writes a transaction all at once, or nothing when its work fails', async () => {
    const db = open({ name: fresh() });
    await db.transaction(['cache', 'outbox'], 'readwrite', async (tx) => {
      await tx.store<CacheRecord>('cache').put({ key: 'x', value: 1, storedAt: 1 });
      await tx.store<OutboxRow>('outbox').put({ id: 'o1', createdAt: '2026-01-01', payload: 'p' });
    });
    let error: unknown;
    await db
      .transaction(['cache', 'outbox'], 'readwrite', async (tx) => {
        await tx.store<CacheRecord>('cache').put({ key: 'y', value: 2, storedAt: 2 });
        await tx.store<OutboxRow>('outbox').delete('o1');
        throw new Error('changed my mind');
      })
      .catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('changed my mind');
    expect(await db.store('cache').get('y')).to.equal(undefined);
    expect(await db.store('outbox').count()).to.equal(1);
    expect(db.state).to.equal('ok');
  });

  it('migrates v1 → v2 keeping cache and outbox data', async () => {
    const name = fresh();
    const v1 = open({ name, migrations: MIGRATIONS.slice(0, 1) });
    expect(v1.version).to.equal(1);
    await v1.store<CacheRecord>('cache').put({ key: '/api/orgs', value: ['org-1'], storedAt: 10, ttl: 300 });
    await v1.store<OutboxRow>('outbox').put({ id: 'w-1', createdAt: '2026-11-01T00:00:00Z', payload: '需求' });
    await v1.store<string>('meta').put('hello', 'greeting');
    v1.close();

    const v2 = open({ name });
    expect(await v2.store<CacheRecord>('cache').get('/api/orgs')).to.deep.equal({
      key: '/api/orgs',
      value: ['org-1'],
      storedAt: 10,
      ttl: 300,
    });
    expect(await v2.store<OutboxRow>('outbox').getAll()).to.deep.equal([
      { id: 'w-1', createdAt: '2026-11-01T00:00:00Z', payload: '需求' },
    ]);
    expect(await v2.store('meta').get('greeting')).to.equal('hello');
    // and the v2 stores are there to use
    await v2.store('local-needs').put({ id: 'need-1' });
    expect(await v2.store('local-needs').count()).to.equal(1);
    expect(v2.state).to.equal('ok');
  });

  it('migrates v2 → v3 moving the seed record’s projects and organizations into their own stores', async () => {
    const name = fresh();
    const v2 = open({ name, migrations: MIGRATIONS.slice(0, 2) });
    const project = { id: 'project-1', title: '助餐项目' };
    const organizations = [{ id: 'org-1', name: '甲' }, { id: 'org-2', name: '乙' }];
    const areas = [{ code: '310105001', name: '华阳路街道' }];
    await v2.store('local-seed').put({ source: 'dataset', seededAt: '2026-11-01T00:00:00Z', areas, organizations, projects: [project] }, 'dataset');
    await v2.store('local-needs').put({ id: 'need-1' });
    v2.close();

    const v3 = open({ name });
    expect(v3.version).to.equal(3);
    expect(await v3.store('local-projects').getAll()).to.deep.equal([project]);
    expect(await v3.store('local-organizations').getAll()).to.deep.equal(organizations);
    expect(await v3.store('local-seed').get('dataset')).to.deep.equal({ source: 'dataset', seededAt: '2026-11-01T00:00:00Z', areas });
    expect(await v3.store('local-needs').count()).to.equal(1);
    expect(v3.state).to.equal('ok');
  });

  it('migrates an unseeded v2 database to v3 with empty project and organization stores', async () => {
    const name = fresh();
    const v2 = open({ name, migrations: MIGRATIONS.slice(0, 2) });
    await v2.store<string>('meta').put('hello', 'greeting');
    v2.close();
    const v3 = open({ name });
    expect(await v3.store('local-projects').count()).to.equal(0);
    expect(await v3.store('local-organizations').count()).to.equal(0);
    expect(await v3.store('local-seed').count()).to.equal(0);
    expect(await v3.store('meta').get('greeting')).to.equal('hello');
    expect(v3.state).to.equal('ok');
  });

  it('lets go of a v1 connection when another tab opens v2, which then sees its data', async () => {
    const name = fresh();
    const oldTab = open({ name, migrations: MIGRATIONS.slice(0, 1) });
    await oldTab.store<OutboxRow>('outbox').put({ id: 'w-1', createdAt: '2026-11-01', payload: 'x' });
    expect(oldTab.state).to.equal('ok');

    const newTab = open({ name });
    const states: StorageState[] = [];
    newTab.addEventListener('statechange', () => states.push(newTab.state));
    expect(await newTab.store<OutboxRow>('outbox').get('w-1')).to.deep.include({ payload: 'x' });
    // the old tab closed at once, so the new one was never blocked
    expect(states).to.deep.equal([]);
    expect(newTab.state).to.equal('ok');

    // the old tab's code knows only v1: it keeps working for the session, in memory, and says so
    const changed = nextState(oldTab);
    await oldTab.store<CacheRecord>('cache').put({ key: 'k', value: 1, storedAt: 1 });
    const event = await changed;
    expect(event.state).to.equal('memory');
    expect(event.reason).to.equal('version');
    expect(oldTab.state).to.equal('memory');
    expect(await oldTab.store('cache').count()).to.equal(1);
    expect(await newTab.store('cache').count()).to.equal(0);
  });

  it('is unavailable while an older connection does not let go, then ok again', async () => {
    const name = fresh();
    const v1 = open({ name, migrations: MIGRATIONS.slice(0, 1) });
    await v1.store<string>('meta').put('from v1', 'old');
    v1.close();
    const stubborn = await rawOpen(name, 1); // an old tab without a versionchange handler
    const db = open({ name });
    const unavailable = await nextState(db);
    expect(unavailable.state).to.equal('unavailable');
    expect(unavailable.reason).to.equal('blocked');
    expect(db.state).to.equal('unavailable');

    let settled = false;
    const pending = db.store('meta').put('waited', 'note').then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).to.equal(false);

    const ok = nextState(db);
    stubborn.close();
    expect((await ok).state).to.equal('ok');
    await pending;
    expect(await db.store('meta').get('note')).to.equal('waited');
    expect(await db.store('meta').get('old')).to.equal('from v1');
    expect(db.stateReason).to.equal(null);
  });

  it('reopens on next use after the browser terminates the connection', async () => {
    const { factory, requests } = countingFactory();
    const db = open({ name: fresh(), indexedDB: factory });
    await db.store<string>('meta').put('before', 'k');
    expect(requests).to.have.length(1);
    // the event a browser fires when it closes a connection itself (storage cleared, disk error);
    // the connection is left open here, so only the event can make the next call reopen
    const raw = requests[0]!.result;
    raw.dispatchEvent(new Event('close'));

    expect(await db.store('meta').get('k')).to.equal('before');
    expect(requests).to.have.length(2);
    expect(db.state).to.equal('ok');
    raw.close();
  });

  it('retries an operation once on a connection that was closed under it', async () => {
    const { factory, requests } = countingFactory();
    const db = open({ name: fresh(), indexedDB: factory });
    await db.store<string>('meta').put('before', 'k');
    // closed without a close event reaching us yet: the next transaction fails with InvalidStateError
    requests[0]!.result.close();

    await db.store<string>('meta').put('after', 'k2');
    expect(requests).to.have.length(2);
    expect(await db.store('meta').get('k2')).to.equal('after');
    expect(await db.store('meta').get('k')).to.equal('before');
  });

  it('retries only once', async () => {
    // every connection after the first is closed the moment it opens
    const { factory, requests } = countingFactory((request, nth) => {
      if (nth > 1) request.addEventListener('success', () => request.result.close());
    });
    const db = open({ name: fresh(), indexedDB: factory });
    await db.store<string>('meta').put('before', 'k');
    requests[0]!.result.close();

    let error: unknown;
    await db
      .store<string>('meta')
      .put('after', 'k2')
      .catch((e: unknown) => (error = e));
    expect((error as DOMException).name).to.equal('InvalidStateError');
    expect(requests).to.have.length(2);
    expect(db.state).to.equal('ok');
  });

  it('switches to memory on QuotaExceededError, keeps what was stored, and the write succeeds', async () => {
    const name = fresh();
    const db = open({ name });
    await db.store<OutboxRow>('outbox').put({ id: 'w-1', createdAt: '2026-11-01', payload: '早先的需求' });
    await db.store<CacheRecord>('cache').put({ key: 'old', value: 0, storedAt: 0 });

    const original = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!;
    const put = original.value as IDBObjectStore['put'];
    // a full disk: IndexedDB refuses the cache write
    Object.defineProperty(IDBObjectStore.prototype, 'put', {
      ...original,
      value: function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (this.name === 'cache') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return key === undefined ? put.call(this, value) : put.call(this, value, key);
      },
    });
    const events: StorageStateEvent[] = [];
    db.addEventListener('statechange', (e) => events.push(e as StorageStateEvent));
    try {
      await db.store<CacheRecord>('cache').put({ key: 'new', value: 1, storedAt: 1 });
    } finally {
      Object.defineProperty(IDBObjectStore.prototype, 'put', original);
    }
    expect(events.map((e) => [e.state, e.reason])).to.deep.equal([['memory', 'quota']]);
    expect(db.state).to.equal('memory');
    expect(db.stateReason).to.equal('quota');
    expect(await db.store('cache').get('new')).to.deep.include({ value: 1 });
    expect(await db.store('cache').get('old')).to.deep.include({ value: 0 });
    expect(await db.store<OutboxRow>('outbox').getAll()).to.deep.equal([
      { id: 'w-1', createdAt: '2026-11-01', payload: '早先的需求' },
    ]);
    await db.store<OutboxRow>('outbox').put({ id: 'w-2', createdAt: '2026-11-02', payload: 'later' });
    expect(await db.store('outbox').count()).to.equal(2);

    // IndexedDB was left as it was before the failed write
    const raw = await rawOpen(name);
    try {
      const tx = raw.transaction(['cache', 'outbox'], 'readonly');
      const count = (req: IDBRequest<number>) => new Promise<number>((r) => (req.onsuccess = () => r(req.result)));
      expect(await count(tx.objectStore('cache').count())).to.equal(1);
      expect(await count(tx.objectStore('outbox').count())).to.equal(1);
    } finally {
      raw.close();
    }
  });

  for (const [label, options] of [
    ['indexedDB: undefined', { indexedDB: undefined }],
    ['indexedDB: null', { indexedDB: null }],
  ] as const) {
    it(`works in memory with ${label}`, async () => {
      const db = open({ name: fresh(), ...options });
      expect(db.state).to.equal('memory');
      expect(db.stateReason).to.equal('no-indexeddb');
      await db.ready;
      const outbox = db.store<OutboxRow>('outbox');
      const row = { id: 'w-1', createdAt: '2026-11-01', payload: 'x' };
      await outbox.put(row);
      row.payload = 'changed after put';
      expect(await outbox.get('w-1')).to.deep.equal({ id: 'w-1', createdAt: '2026-11-01', payload: 'x' });
      await db.store<number>('meta').put(3, 'c');
      await db.store<number>('meta').put(1, 'a');
      await db.store<number>('meta').put(2, 10);
      expect(await db.store('meta').getAll()).to.deep.equal([2, 1, 3]); // numbers before strings, as IndexedDB orders keys
      let error: unknown;
      await db
        .store('meta')
        .put('no key')
        .catch((e: unknown) => (error = e));
      expect((error as DOMException).name).to.equal('DataError');

      await db
        .transaction(['outbox', 'meta'], 'readwrite', async (tx) => {
          await tx.store('meta').clear();
          await tx.store('outbox').delete('w-1');
          expect(await tx.store('outbox').count()).to.equal(0);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(await outbox.count()).to.equal(1);
      expect(await db.store('meta').count()).to.equal(3);
      await outbox.delete('w-1');
      expect(await outbox.count()).to.equal(0);
    });
  }

  it('falls back to memory when opening is refused (private browsing)', async () => {
    const refusing: IDBFactory = {
      open: () => {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      },
      deleteDatabase: (name) => indexedDB.deleteDatabase(name),
      cmp: (a, b) => indexedDB.cmp(a, b),
      databases: () => indexedDB.databases(),
    };
    const db = open({ name: fresh(), indexedDB: refusing });
    await db.ready;
    expect(db.state).to.equal('memory');
    expect(db.stateReason).to.equal('open-failed');
    await db.store<CacheRecord>('cache').put({ key: 'k', value: 1, storedAt: 1 });
    expect(await db.store('cache').count()).to.equal(1);
  });

  it('falls back to memory when a migration fails, leaving the schema and data as they were', async () => {
    const name = fresh();
    const good = open({ name });
    await good.store<string>('meta').put('kept', 'k');
    good.close();
    const broken = open({
      name,
      migrations: [
        ...MIGRATIONS,
        () => {
          throw new Error('bad step');
        },
      ],
    });
    await broken.ready;
    expect(broken.state).to.equal('memory');
    expect(broken.stateReason).to.equal('open-failed');
    const raw = await rawOpen(name);
    try {
      expect(raw.version).to.equal(MIGRATIONS.length);
      const req = raw.transaction('meta').objectStore('meta').get('k');
      expect(await new Promise((r) => (req.onsuccess = () => r(req.result)))).to.equal('kept');
    } finally {
      raw.close();
    }
  });

  it('rejects calls after close()', async () => {
    const db = open({ name: fresh() });
    await db.ready;
    db.close();
    let error: unknown;
    await db
      .store('meta')
      .count()
      .catch((e: unknown) => (error = e));
    expect((error as DOMException).name).to.equal('InvalidStateError');
  });
});
