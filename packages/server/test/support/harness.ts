/**
 * A server per test file, on a real port on loopback: PGlite in memory by
 * default, or a throwaway schema of the PostgreSQL in DATABASE_URL when
 * RENLING_TEST_POSTGRES=1 (so the same tests run against both;
 * scripts/test-postgres.sh sets both).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DEMO_SEED, generateDataset, type Dataset } from '@renling/mocks';
import type { Account, Auth, Role } from '../../src/auth.js';
import type { ServerConfig } from '../../src/config.js';
import { migrate, openPglite, openPostgres, type Database } from '../../src/db.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../src/rate-limit.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { loadDataset } from '../../src/store.js';

// only scripts/test-postgres.sh's throwaway cluster: a DATABASE_URL left in a developer's
// shell (their own database) is never used by npm test
export const DATABASE_URL = (process.env['RENLING_TEST_POSTGRES'] === '1' && process.env['DATABASE_URL']) || null;
export const ENGINE = DATABASE_URL ? 'PostgreSQL' : 'PGlite';

export const contractDataset = (): Dataset => generateDataset({ seed: DEMO_SEED, organizations: 60 });

export interface TestDatabase {
  db: Database;
  /** Drops what was made for the test (the PostgreSQL schema). */
  dispose(): Promise<void>;
  /** Opens the same database again (a restart). */
  reopen(): Promise<Database>;
}

/** A fresh, migrated database: PGlite in memory (or in `dataDir`), or a new schema in DATABASE_URL. */
export async function openTestDatabase(dataDir: string | null = null): Promise<TestDatabase> {
  if (!DATABASE_URL) {
    const db = await openPglite(dataDir);
    await migrate(db);
    return {
      db,
      dispose: () => db.close(),
      reopen: async () => {
        const again = await openPglite(dataDir);
        await migrate(again);
        return again;
      },
    };
  }
  const schema = `renling_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const open = async (): Promise<Database> => {
    const db = await openPostgres({ connectionString: url.toString(), max: 20 });
    await migrate(db);
    return db;
  };
  const db = await open();
  return {
    db,
    async dispose() {
      await db.close().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: DATABASE_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
    reopen: open,
  };
}

export const testConfig = (overrides: Partial<ServerConfig> = {}): ServerConfig => ({
  host: '127.0.0.1',
  port: 0,
  databaseUrl: null,
  dataDir: null,
  corsOrigins: [],
  secret: 'test-secret-test-secret-test-secret',
  trustProxy: false,
  staticDir: null,
  basePath: '/api',
  // the suites make thousands of requests from one address
  rateLimits: Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((name) => [name, { limit: 1_000_000, windowMs: 60_000 }])) as unknown as RateLimits,
  bodyLimitBytes: 64 * 1024,
  bcryptCost: 4,
  ...overrides,
});

export interface TestServer {
  server: RunningServer;
  db: Database;
  auth: Auth;
  /** The API root, e.g. http://127.0.0.1:41234/api */
  api: string;
  close(): Promise<void>;
}

export async function startTestServer(test: TestDatabase, overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const server = await startServer(testConfig(overrides), { db: test.db, log: () => undefined });
  return { server, db: test.db, auth: server.auth, api: `${server.url}/api`, close: () => server.close() };
}

export async function loadContractData(db: Database, data: Dataset = contractDataset()): Promise<void> {
  await loadDataset(db, data, { clear: true });
}

let accounts = 0;

/** A signed-in account of `role` and its bearer token. */
export async function signedIn(
  auth: Auth,
  db: Database,
  role: Role,
  options: { areaCodes?: string[]; organizationId?: string; name?: string } = {},
): Promise<{ account: Account; token: string; headers: Record<string, string> }> {
  accounts += 1;
  const account = await auth.createAccount(db, {
    username: `${role}-${accounts}-${randomBytes(3).toString('hex')}`,
    password: 'correct horse battery',
    role,
    organizationId: options.organizationId ?? null,
    areaCodes: options.areaCodes ?? [],
    name: options.name ?? `${role} ${accounts}`,
  });
  const session = await auth.startSession(db, account);
  return { account, token: session.token, headers: { Authorization: `Bearer ${session.token}` } };
}

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

let keys = 0;
export const key = (label = 'k'): string => `test-${label}-${Date.now().toString(36)}-${(keys += 1).toString(36)}-${randomBytes(3).toString('hex')}`;

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** One request; JSON in and out. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; key?: string | null; raw?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (method === 'POST' && options.key !== null) headers['Idempotency-Key'] ??= options.key ?? key();
  const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** The error body's kind, or null. */
export function kindOf(answer: Answer): string | null {
  const body = answer.body as { error?: { kind?: unknown } } | null;
  return typeof body?.error?.kind === 'string' ? body.error.kind : null;
}
