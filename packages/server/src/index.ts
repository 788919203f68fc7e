/**
 * @renling/server: the REST contract on PGlite or PostgreSQL, with accounts
 * and roles, for community sites that have no backend.
 */
export { createApp, SERVER_PATHS, type AppOptions } from './app.js';
export { Auth, actorOf, type Account, type Principal, type Role } from './auth.js';
export { configFromEnv, type ServerConfig } from './config.js';
export { migrate, openDatabase, openPglite, openPostgres, readMigrations, type Database, type Queryable } from './db.js';
export { Directory } from './directory.js';
export { Idempotency } from './idempotency.js';
export { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit.js';
export { bootstrapAdmin, seed, type Credentials, type SeedOptions } from './seed.js';
export { startServer, type RunningServer, type StartOptions } from './server.js';
export { clearData, isEmpty, loadDataset, type DatasetRecords } from './store.js';
