/** Opening the database and serving the app on a port. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { Auth } from './auth.js';
import type { ServerConfig } from './config.js';
import { openDatabase, type Database } from './db.js';
import { Directory } from './directory.js';
import { Idempotency } from './idempotency.js';
import { describeCredentials, seed } from './seed.js';
import { isEmpty } from './store.js';

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  auth: Auth;
  close(): Promise<void>;
}

export interface StartOptions {
  /** An open database to use (tests); otherwise the config's. Closed by close() only if opened here. */
  db?: Database;
  /** On a fresh database, load the demo street with demo accounts (npm start). */
  seedDemo?: boolean;
  log?: (line: string) => void;
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => resolvePromise({ server, port: info.port }));
    server.once('error', reject);
    // a slow or stalled client must not hold a connection for minutes
    if ('requestTimeout' in server) {
      server.requestTimeout = 30_000;
      server.headersTimeout = 15_000;
    }
  });
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const auth = await Auth.create(db, { secret: config.secret, bcryptCost: config.bcryptCost });
    if (options.seedDemo && (await isEmpty(db))) {
      log('A new database: loading the demo street (长宁区 华阳路街道, 60 organizations)…');
      const { credentials } = await seed(db, auth, { organizations: 60, demoAccounts: true });
      const text = `Demo accounts (passwords shown once; kept only as hashes):\n${describeCredentials(credentials)}\n`;
      log(text);
      // the demo's data directory is git-ignored and local: keep the passwords there for the next start
      if (!config.databaseUrl && config.dataDir) writeFileSync(join(resolve(config.dataDir), 'demo-accounts.txt'), text, { mode: 0o600 });
    }
    const directory = new Directory(db);
    // PGlite is held by this process alone (a lock file says so): requests in flight are known here
    const idempotency = new Idempotency(db, { inFlight: db.kind === 'pglite' ? 'process' : 'database' });
    const app = createApp({
      db,
      auth,
      directory,
      idempotency,
      basePath: config.basePath,
      corsOrigins: config.corsOrigins,
      rateLimits: config.rateLimits,
      bodyLimitBytes: config.bodyLimitBytes,
      trustProxy: config.trustProxy,
      staticDir: config.staticDir,
    });
    const { server, port } = await listen(app, config.host, config.port);
    // remembered answers are kept 48 hours (the contract promises 24)
    const prune = setInterval(() => void idempotency.prune().catch(() => undefined), 60 * 60 * 1000);
    prune.unref();
    const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      url: `http://${shownHost}:${port}`,
      port,
      db,
      auth,
      async close() {
        clearInterval(prune);
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          // keep-alive connections would hold close() open
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        if (!options.db) await db.close();
      },
    };
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
}
