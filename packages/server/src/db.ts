/**
 * One small interface over the two databases the server runs on: PGlite (the
 * embedded default, PostgreSQL compiled to WebAssembly, kept in a data
 * directory) and PostgreSQL itself through `pg` (for DATABASE_URL). The SQL
 * is the same for both; values always travel as parameters.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What a query parameter may be; arrays become SQL arrays. */
export type SqlParam = string | number | boolean | null | readonly string[] | readonly number[];

export interface QueryResult<T> {
  rows: T[];
  /** Rows inserted, updated or deleted (or returned, for a select). */
  rowCount: number;
}

export interface Queryable {
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<T>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves once everything committed so far is on disk; the server waits for it before answering a write. */
  durable(): Promise<void>;
  close(): Promise<void>;
}

/** The SQLSTATE of a database error (e.g. 23505 for a unique violation), if it is one. */
export function sqlState(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/u.test(code)) return code;
  }
  return null;
}

export const UNIQUE_VIOLATION = '23505';

// ---------------------------------------------------------------------------
// PGlite
// ---------------------------------------------------------------------------

interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function wrapPglite(target: PgliteQueryable): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<T>> {
      const result = await target.query<T>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * PGlite can be opened by one process only: a second one would corrupt the
 * files. A lock file with our pid refuses a second server (or a seed run
 * while the server is up) on the same directory.
 */
function lockDataDir(dir: string): () => void {
  const lock = join(dir, 'renling.lock');
  const take = (): boolean => {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch {
      return false;
    }
  };
  if (!take()) {
    const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    let alive = false;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) throw new Error(`The data directory ${dir} is in use by process ${pid}; stop it first.`);
    // a lock left by a process that is gone
    rmSync(lock, { force: true });
    if (!take()) throw new Error(`Could not lock the data directory ${dir}.`);
  }
  return () => rmSync(lock, { force: true });
}

/** PGlite in `dataDir`, or in memory when `dataDir` is null (tests). */
export async function openPglite(dataDir: string | null): Promise<Database> {
  let unlock = (): void => undefined;
  let db: PGlite;
  if (dataDir === null) {
    db = new PGlite();
  } else {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    unlock = lockDataDir(dir);
    // PGlite keeps its cluster in a subdirectory, so the lock file sits beside it
    db = new PGlite(join(dir, 'pgdata'));
  }
  try {
    await db.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  // Group commit. A synchronous commit makes PGlite write its WAL out, which is
  // most of the cost of a small write (about 1 ms of 1.4). So transactions
  // commit without waiting, and before any write is answered one synchronous
  // commit writes out the WAL of every transaction committed until then: under
  // load one write-out serves many requests. No answer is sent before its data
  // is written, as with synchronous commits.
  await db.exec('set synchronous_commit to off');
  let committed = 0;
  let written = 0;
  let writing: Promise<void> | null = null;
  const writeOut = (): Promise<void> => {
    const upTo = committed;
    // one round trip; an id makes the commit a real one, which writes out all WAL before it
    return db.exec('begin; set local synchronous_commit to on; select pg_current_xact_id(); commit;').then(() => {
      written = Math.max(written, upTo);
    });
  };
  const base = wrapPglite(db);
  return {
    kind: 'pglite',
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<T>> {
      const result = await base.query<T>(sql, params);
      if (!/^\s*select\b/iu.test(sql)) committed += 1;
      return result;
    },
    async exec(sql: string): Promise<void> {
      await base.exec(sql);
      committed += 1;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const result = await db.transaction((tx) => fn(wrapPglite(tx)));
      committed += 1;
      return result;
    },
    async durable(): Promise<void> {
      const target = committed;
      while (written < target) {
        writing ??= writeOut().finally(() => {
          writing = null;
        });
        await writing;
      }
    },
    async close() {
      // a clean shutdown writes everything out (a checkpoint)
      if (!db.closed) await db.close();
      unlock();
    },
  };
}

// ---------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------

function wrapPg(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<T>> {
      const result = await target.query<T & pg.QueryResultRow>(sql, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      // without parameters pg uses the simple protocol, which takes several statements
      await target.query(sql);
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  /** Connections in the pool. */
  max?: number;
}

export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  // an idle client losing its connection must not crash the server
  pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
  // fail now, with the reason, rather than on the first request
  const client = await pool.connect();
  client.release();
  const base = wrapPg(pool);
  return {
    kind: 'postgres',
    ...base,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      try {
        await connection.query('begin');
        const result = await fn(wrapPg(connection));
        await connection.query('commit');
        return result;
      } catch (error) {
        await connection.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    // commits are synchronous here (or as the operator set synchronous_commit)
    durable: () => Promise.resolve(),
    close: () => pool.end(),
  };
}

// ---------------------------------------------------------------------------
// Migrations
// ---------------------------------------------------------------------------

export const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The versioned SQL files, `0001_init.sql` …, in order. */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const names = (await readdir(dir)).filter((name) => /^\d{4}_[\w-]+\.sql$/u.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({
      version: Number.parseInt(name.slice(0, 4), 10),
      name,
      sql: await readFile(new URL(name, dir), 'utf8'),
    })),
  );
}

/** Any arbitrary number, the same in every process, for the advisory lock. */
const MIGRATION_LOCK = 7_271_001;

/**
 * Applies the migrations not applied yet, in one transaction under an
 * advisory lock, so two servers starting on one PostgreSQL do not race.
 * Returns the names applied.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => r.version));
    const applied: string[] = [];
    for (const migration of all) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.name);
    }
    return applied;
  });
}

export interface DatabaseConfig {
  /** postgres://… ; when set, PGlite is not used. */
  databaseUrl?: string | null;
  /** PGlite's directory; null keeps it in memory. */
  dataDir?: string | null;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const db = config.databaseUrl
    ? await openPostgres({ connectionString: config.databaseUrl })
    : await openPglite(config.dataDir ?? null);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
