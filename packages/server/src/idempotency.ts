/**
 * Idempotency-Key in the database: one row per key in `idempotency_keys`,
 * taken with INSERT … ON CONFLICT DO NOTHING, so of any number of concurrent
 * requests with one key exactly one does the write. The others find the row
 * in flight (409, retry later) or done (the stored answer again, marked
 * Idempotent-Replayed), or made for a different request (422 conflict). The
 * stored answer is written in the same transaction as the records, so there
 * is never a record without its answer or an answer without its record.
 */
import type { Database, Queryable } from './db.js';
import { problems } from './errors.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface IdempotencyOptions {
  /**
   * Where requests in flight are known: 'database' (a row committed before the
   * write, seen by every server on one PostgreSQL) or 'process' (a set in this
   * process, for PGlite, which one process holds alone: the write and its
   * answer then commit once, which is most of a write's cost there).
   */
  inFlight?: 'database' | 'process';
  /** A key in flight this long is taken to belong to a crashed request and may be taken over. */
  staleAfterMs?: number;
  /** Answers are kept at least this long (the contract says 24 hours). */
  keepMs?: number;
}

interface KeyRow {
  fingerprint: string;
  state: 'in-flight' | 'done';
  status: number | null;
  body: unknown;
  age_ms: number;
}

export class Idempotency {
  private readonly staleAfterMs: number;
  readonly keepMs: number;
  private readonly inFlight: 'database' | 'process';
  /** Keys being written in this process, with their fingerprints ('process' mode). */
  private readonly running = new Map<string, string>();

  constructor(
    private readonly db: Database,
    options: IdempotencyOptions = {},
  ) {
    this.staleAfterMs = options.staleAfterMs ?? 120_000;
    this.keepMs = options.keepMs ?? 48 * 60 * 60 * 1000;
    this.inFlight = options.inFlight ?? 'database';
  }

  /** Takes the key, or learns what became of it. */
  private async take(key: string, fingerprint: string): Promise<StoredAnswer | 'owned'> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const inserted = await this.db.query(
        `insert into idempotency_keys (key, fingerprint, state) values ($1, $2, 'in-flight')
         on conflict (key) do nothing returning key`,
        [key, fingerprint],
      );
      if (inserted.rowCount > 0) return 'owned';
      const found = await this.db.query<KeyRow>(
        `select fingerprint, state, status, body, (extract(epoch from (now() - created_at)) * 1000)::float8 as age_ms
           from idempotency_keys where key = $1`,
        [key],
      );
      const row = found.rows[0];
      // the request holding it failed and let it go meanwhile: try to take it again
      if (!row) continue;
      if (row.fingerprint !== fingerprint) throw problems.keyReused();
      if (row.state === 'done' && row.status !== null) return { status: row.status, body: row.body };
      if (row.age_ms > this.staleAfterMs) {
        const taken = await this.db.query(
          `update idempotency_keys set created_at = now()
            where key = $1 and state = 'in-flight' and created_at < now() - make_interval(secs => $2::float8) returning key`,
          [key, this.staleAfterMs / 1000],
        );
        if (taken.rowCount > 0) return 'owned';
      }
      throw problems.conflict('A request with this idempotency key is still being processed; retry later with the same key.');
    }
    throw problems.conflict('This idempotency key is busy; retry later with the same key.');
  }

  /**
   * Runs `perform` once per key: in one transaction with storing its answer.
   * A failure stores nothing and lets the key go, as the memory engine does.
   */
  async run(
    key: string,
    fingerprint: string,
    perform: (tx: Queryable) => Promise<StoredAnswer>,
  ): Promise<{ answer: StoredAnswer; replayed: boolean }> {
    if (this.inFlight === 'process') return this.runInProcess(key, fingerprint, perform);
    const taken = await this.take(key, fingerprint);
    if (taken !== 'owned') return { answer: taken, replayed: true };
    try {
      const answer = await this.db.transaction(async (tx) => {
        const result = await perform(tx);
        await tx.query(
          `update idempotency_keys set state = 'done', status = $2, body = $3::json, completed_at = now() where key = $1`,
          [key, result.status, JSON.stringify(result.body)],
        );
        return result;
      });
      return { answer, replayed: false };
    } catch (error) {
      await this.db.query(`delete from idempotency_keys where key = $1 and state = 'in-flight'`, [key]).catch(() => undefined);
      throw error;
    }
  }

  private async runInProcess(
    key: string,
    fingerprint: string,
    perform: (tx: Queryable) => Promise<StoredAnswer>,
  ): Promise<{ answer: StoredAnswer; replayed: boolean }> {
    const running = this.running.get(key);
    if (running !== undefined) {
      if (running !== fingerprint) throw problems.keyReused();
      throw problems.conflict('A request with this idempotency key is still being processed; retry later with the same key.');
    }
    this.running.set(key, fingerprint);
    try {
      return await this.db.transaction(async (tx) => {
        const found = await tx.query<KeyRow>('select fingerprint, state, status, body, 0::float8 as age_ms from idempotency_keys where key = $1', [key]);
        const row = found.rows[0];
        if (row) {
          if (row.fingerprint !== fingerprint) throw problems.keyReused();
          if (row.state === 'done' && row.status !== null) return { answer: { status: row.status, body: row.body }, replayed: true };
          // left in flight by a server that shared this database before: ours now
          await tx.query('delete from idempotency_keys where key = $1', [key]);
        }
        const answer = await perform(tx);
        await tx.query(
          `insert into idempotency_keys (key, fingerprint, state, status, body, completed_at) values ($1, $2, 'done', $3, $4::json, now())`,
          [key, fingerprint, answer.status, JSON.stringify(answer.body)],
        );
        return { answer, replayed: false };
      });
    } finally {
      this.running.delete(key);
    }
  }

  /** Forgets answers older than `keepMs`; returns how many. */
  async prune(): Promise<number> {
    const result = await this.db.query(
      `delete from idempotency_keys where created_at < now() - make_interval(secs => $1::float8)`,
      [this.keepMs / 1000],
    );
    return result.rowCount;
  }
}
