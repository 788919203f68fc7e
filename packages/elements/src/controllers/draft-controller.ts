/**
 * Drafts saved as you type, in the kit's database (the 'meta' store of
 * IndexedDB, or its session-only memory stand-in when the browser has no
 * storage), so a form survives a reload, a dead battery or a phone call.
 *
 * The form decides what may be kept (`sanitize`): personal and health data
 * only with the consent that covers them. Saves are debounced and run one
 * after another, so an older save never lands after a newer one.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RenlingDatabase } from '@renling/core';

export interface StoredDraft<V> {
  savedAt: string;
  /** The privacy notice version the person had accepted when this was saved; null if not accepted. */
  acceptedVersion: string | null;
  values: V;
}

export type DraftStatus = 'idle' | 'saving' | 'saved' | 'failed';

export interface DraftControllerOptions<V> {
  /** 'need' or 'offer': drafts of different forms never mix. */
  kind: string;
  /** The draft's own key (several forms of one kind on a page); null or '' turns drafts off. */
  key: () => string | null;
  /** What may be stored of the values; called on every save. */
  sanitize: (values: V, acceptedVersion: string | null) => V;
  delayMs?: number;
}

export class DraftController<V> implements ReactiveController {
  status: DraftStatus = 'idle';
  private database: RenlingDatabase | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiting: { values: V; acceptedVersion: string | null } | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DraftControllerOptions<V>,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // the element may be gone for good: write what is waiting now
    void this.flush();
  }

  /** The database to keep drafts in (from the services); drafts are off without one. */
  use(database: RenlingDatabase | null | undefined): void {
    this.database = database ?? null;
  }

  get enabled(): boolean {
    return Boolean(this.database && this.options.key());
  }

  private get storageKey(): string {
    return `draft:${this.options.kind}:${this.options.key() ?? ''}`;
  }

  async load(): Promise<StoredDraft<V> | null> {
    const db = this.database;
    if (!db || !this.options.key()) return null;
    try {
      const stored = await db.store<StoredDraft<V>>('meta').get(this.storageKey);
      return stored && typeof stored === 'object' && 'values' in stored ? stored : null;
    } catch {
      return null;
    }
  }

  /** Saves after a pause in typing. */
  save(values: V, acceptedVersion: string | null): void {
    if (!this.enabled) return;
    this.waiting = { values, acceptedVersion };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.delayMs ?? 400);
  }

  /** Writes a waiting save now; resolves when every save so far has landed. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    const next = this.waiting;
    this.waiting = null;
    const db = this.database;
    if (next && db && this.options.key()) {
      const key = this.storageKey;
      const record: StoredDraft<V> = {
        savedAt: new Date().toISOString(),
        acceptedVersion: next.acceptedVersion,
        values: this.options.sanitize(next.values, next.acceptedVersion),
      };
      this.setStatus('saving');
      this.chain = this.chain.then(
        () =>
          db.store<StoredDraft<V>>('meta').put(record, key).then(
            () => this.setStatus('saved'),
            () => this.setStatus('failed'),
          ),
      );
    }
    return this.chain;
  }

  /** Forgets the draft (after submitting, or when asked). */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.waiting = null;
    const db = this.database;
    if (!db || !this.options.key()) return;
    const key = this.storageKey;
    this.chain = this.chain.then(() => db.store('meta').delete(key).catch(() => undefined));
    await this.chain;
    this.setStatus('idle');
  }

  private setStatus(status: DraftStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.host.requestUpdate();
  }
}
