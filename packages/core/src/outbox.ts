/**
 * The outbox: a resident's need, once they press submit, is never dropped
 * and never duplicated, whatever the network, the storage or the server does.
 *
 * - Every write is stored first, with a client-made id that is sent as the
 *   Idempotency-Key on every attempt, so a retry after a lost response is
 *   answered with the first answer instead of creating a second record.
 * - Records are sent one at a time, oldest first, under a Web Lock, so two
 *   tabs never send the same record at once and the server sees the order
 *   people submitted in.
 * - Transient failures (offline, timeout, 5xx, 429, a garbled answer) are
 *   retried with exponential backoff, full jitter and Retry-After; a record
 *   is removed only on success (or a "duplicate" answer), which is also when
 *   its personal data leaves the browser's storage.
 * - A record past its maximum age is reported (`expired`), never dropped in
 *   silence; a record the server refuses for good (`failed`) stays too, for
 *   the person to fix or discard.
 */
import { AdapterError, isTransientKind, toAdapterError, type AdapterErrorKind, type DataAdapter, type NeedReceipt } from './adapter.js';
import { NeedDraftSchema, OfferDraftSchema, type NeedDraft, type OfferDraft, type ServiceOffer } from './model.js';
import { validateWith } from './validation.js';

export type OutboxKind = 'need' | 'offer';
export type OutboxStatus = 'queued' | 'failed' | 'expired';

export interface OutboxRecord {
  /** Client-made; the Idempotency-Key of every attempt. */
  id: string;
  kind: OutboxKind;
  payload: NeedDraft | OfferDraft;
  createdAt: string;
  attempts: number;
  /** Epoch milliseconds before which the record is not sent again. */
  nextAttemptAt: number;
  status: OutboxStatus;
  lastError: { kind: AdapterErrorKind; message: string } | null;
}

export type OutboxResult = NeedReceipt | ServiceOffer | null;

/** The few operations the outbox needs from storage; the IndexedDB 'outbox' store provides them. */
export interface OutboxStorage {
  getAll(): Promise<OutboxRecord[]>;
  put(record: OutboxRecord): Promise<unknown>;
  delete(id: string): Promise<unknown>;
}

/** `navigator.locks`, or a stand-in with the same shape. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface OutboxEventDetail {
  record: OutboxRecord;
  /** The server's answer, on `sent` (null after a "duplicate" answer). */
  result?: OutboxResult;
  error?: AdapterError;
}

export type OutboxEventType = 'queued' | 'sent' | 'retrying' | 'failed' | 'expired';

export interface OutboxOptions {
  adapter: DataAdapter;
  storage: OutboxStorage;
  /** Web Locks; without them (old browsers) one tab's sends are still serialized. */
  locks?: LockManagerLike | null;
  lockName?: string;
  now?: () => number;
  random?: () => number;
  makeId?: () => string;
  /** A record older than this is reported as expired. Default 7 days. */
  maxAgeMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface SubmitResult {
  id: string;
  /** True when the record is stored and will be sent later; false when the server already has it. */
  queued: boolean;
  result: OutboxResult;
}

const DAY = 24 * 60 * 60 * 1000;

/** Exponential backoff with full jitter, never sooner than the server asked. */
export function backoffDelay(attempt: number, random: number, baseMs: number, maxMs: number, retryAfterSeconds: number | null): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling * random);
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

/** In-memory storage, for tests and for browsers without IndexedDB (the state says so). */
export function createMemoryOutboxStorage(): OutboxStorage & { records: Map<string, OutboxRecord> } {
  const records = new Map<string, OutboxRecord>();
  return {
    records,
    getAll: () => Promise.resolve([...records.values()].map((r) => structuredClone(r))),
    put: (record) => {
      records.set(record.id, structuredClone(record));
      return Promise.resolve();
    },
    delete: (id) => {
      records.delete(id);
      return Promise.resolve();
    },
  };
}

const byAge = (a: OutboxRecord, b: OutboxRecord): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;

export class Outbox extends EventTarget {
  private readonly adapter: DataAdapter;
  private readonly storage: OutboxStorage;
  private readonly locks: LockManagerLike | null;
  private readonly lockName: string;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly makeId: () => string;
  private readonly maxAgeMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private flushing: Promise<void> | null = null;
  /** The end of the last task run alone (see exclusive). */
  private turn: Promise<void> = Promise.resolve();
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller = new AbortController();
  private started = false;
  /** Results of sends in this tab, for submit() to report. */
  private readonly results = new Map<string, OutboxResult>();

  constructor(options: OutboxOptions) {
    super();
    this.adapter = options.adapter;
    this.storage = options.storage;
    this.locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
    this.lockName = options.lockName ?? 'renling-outbox';
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? Math.random;
    this.makeId = options.makeId ?? (() => crypto.randomUUID());
    this.maxAgeMs = options.maxAgeMs ?? 7 * DAY;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60 * 1000;
  }

  /** Flushes now, and again whenever the browser comes online or the tab becomes visible. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    globalThis.addEventListener?.('online', this.onWake);
    globalThis.document?.addEventListener('visibilitychange', this.onWake);
    void this.flush();
    return this;
  }

  /** Stops listening and abandons an in-flight send (as a closed tab would); stored records stay. */
  stop(): void {
    this.started = false;
    globalThis.removeEventListener?.('online', this.onWake);
    globalThis.document?.removeEventListener('visibilitychange', this.onWake);
    clearTimeout(this.timer);
    this.controller.abort();
    this.controller = new AbortController();
  }

  private readonly onWake = (): void => {
    if (globalThis.document?.visibilityState === 'hidden') return;
    void this.flush();
  };

  /**
   * Validates, stores, then tries to send. Invalid input is refused at once
   * (nothing stored); if it cannot even be stored, it is sent directly, and
   * if that fails too the error reaches the caller, whose form still holds it.
   */
  async submit(kind: 'need', payload: NeedDraft): Promise<SubmitResult>;
  async submit(kind: 'offer', payload: OfferDraft): Promise<SubmitResult>;
  async submit(kind: OutboxKind, payload: NeedDraft | OfferDraft): Promise<SubmitResult> {
    const checked = validateWith(kind === 'need' ? NeedDraftSchema : OfferDraftSchema, payload);
    if (!checked.ok) throw new AdapterError('validation', 'The submission has invalid fields.', { fieldErrors: checked.errors });
    const record: OutboxRecord = {
      id: this.makeId(),
      kind,
      payload: checked.value,
      createdAt: new Date(this.now()).toISOString(),
      attempts: 0,
      nextAttemptAt: 0,
      status: 'queued',
      lastError: null,
    };
    try {
      await this.storage.put(record);
    } catch {
      // no storage at all: the only safe path left is to send now, with the same key
      const result = await this.send(record);
      return { id: record.id, queued: false, result };
    }
    this.emit('queued', { record });
    await this.flush();
    const sent = this.results.has(record.id);
    const result = this.results.get(record.id) ?? null;
    this.results.delete(record.id);
    return { id: record.id, queued: !sent, result };
  }

  /** What is waiting, oldest first (for a "not sent yet" list). */
  async pending(): Promise<OutboxRecord[]> {
    return (await this.storage.getAll()).sort(byAge);
  }

  /** Sends a failed or expired record again, e.g. after the person fixed their sign-in. */
  async retry(id: string): Promise<void> {
    // read and queued again in turn with the sending passes: a pass that sends and removes the
    // record meanwhile must not have it put back, to be sent a second time
    const requeued = await this.exclusive(async () => {
      const record = (await this.storage.getAll()).find((r) => r.id === id);
      if (!record) return false;
      await this.storage.put({ ...record, status: 'queued', nextAttemptAt: 0, createdAt: record.createdAt });
      return true;
    });
    if (requeued) await this.flush(true);
  }

  /** Runs `task` alone: after what this tab started before it, and holding the lock other tabs take. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = (): Promise<T> => (this.locks ? this.locks.request(this.lockName, task) : task());
    const result = this.turn.then(run, run);
    this.turn = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Removes a record the person chose to give up. */
  async discard(id: string): Promise<void> {
    await this.storage.delete(id);
  }

  /**
   * Sends what is due. Concurrent calls in one tab share one pass (and ask for
   * another if something arrived meanwhile); tabs take turns through the lock.
   */
  flush(ignoreAge = false): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    const pass = async (): Promise<void> => {
      do {
        this.again = false;
        await this.exclusive(() => this.sendDue(ignoreAge));
      } while (this.again);
    };
    this.flushing = pass().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async sendDue(ignoreAge: boolean): Promise<void> {
    const signal = this.controller.signal;
    // read afresh under the lock: another tab may have sent some already
    const records = (await this.storage.getAll()).sort(byAge);
    for (const record of records) {
      if (signal.aborted) return;
      if (record.status !== 'queued') continue;
      if (!ignoreAge && this.now() - Date.parse(record.createdAt) > this.maxAgeMs) {
        const expired: OutboxRecord = { ...record, status: 'expired' };
        await this.storage.put(expired);
        this.emit('expired', { record: expired });
        continue;
      }
      if (record.nextAttemptAt > this.now()) {
        // keep the order: nothing after a waiting record goes first
        this.schedule(record.nextAttemptAt - this.now());
        return;
      }
      try {
        const result = await this.send(record, signal);
        await this.storage.delete(record.id);
        this.results.set(record.id, result);
        this.emit('sent', { record, result });
      } catch (thrown) {
        const error = toAdapterError(thrown);
        if (error.kind === 'aborted') return;
        if (error.kind === 'duplicate') {
          // the server has it from an earlier attempt
          await this.storage.delete(record.id);
          this.results.set(record.id, null);
          this.emit('sent', { record, result: null });
          continue;
        }
        // a garbled answer may follow a commit, and a 409 on a create means our own
        // earlier attempt with this key is still being processed: retrying with the same key is safe
        const inFlight = error.kind === 'conflict' && error.status === 409;
        if (isTransientKind(error.kind) || error.kind === 'malformed' || inFlight) {
          const attempts = record.attempts + 1;
          const delay = backoffDelay(attempts, this.random(), this.baseDelayMs, this.maxDelayMs, error.retryAfter);
          const waiting: OutboxRecord = {
            ...record,
            attempts,
            nextAttemptAt: this.now() + delay,
            lastError: { kind: error.kind, message: error.message },
          };
          await this.storage.put(waiting);
          this.emit('retrying', { record: waiting, error });
          this.schedule(delay);
          return;
        }
        const failed: OutboxRecord = { ...record, status: 'failed', lastError: { kind: error.kind, message: error.message } };
        await this.storage.put(failed);
        this.emit('failed', { record: failed, error });
      }
    }
  }

  private send(record: OutboxRecord, signal?: AbortSignal): Promise<OutboxResult> {
    const options = { idempotencyKey: record.id, ...(signal ? { signal } : {}) };
    return record.kind === 'need'
      ? this.adapter.createNeed(record.payload as NeedDraft, options)
      : this.adapter.createOffer(record.payload as OfferDraft, options);
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, delayMs));
  }

  private emit(type: OutboxEventType, detail: OutboxEventDetail): void {
    this.dispatchEvent(new CustomEvent<OutboxEventDetail>(type, { detail }));
  }
}

export const createOutbox = (options: OutboxOptions): Outbox => new Outbox(options);
