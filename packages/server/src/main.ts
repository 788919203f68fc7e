/**
 * The reference server from the command line:
 *
 *   node packages/server/dist/main.js [--seed-demo]
 *
 * Settings come from the environment (PORT, HOST, DATABASE_URL,
 * RENLING_DATA_DIR, RENLING_CORS_ORIGINS, … see packages/server/README.md).
 * --seed-demo loads the demo street into a fresh database.
 */
import { bootstrapAdmin, describeCredentials } from './seed.js';
import { configFromEnv } from './config.js';
import { startServer } from './server.js';

const config = configFromEnv();
const running = await startServer(config, { seedDemo: process.argv.includes('--seed-demo') });
const admin = await bootstrapAdmin(running.db, running.auth, {
  ...(process.env['RENLING_ADMIN_PASSWORD'] ? { password: process.env['RENLING_ADMIN_PASSWORD'] } : {}),
});
if (admin) console.log(`The first street admin (password shown once):\n${describeCredentials([admin])}`);
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir ?? 'memory'}`;
console.log(`Renling API: ${running.url}${config.basePath || '/'} · ${where}`);
if (config.staticDir) console.log(`Site: ${running.url}/ (from ${config.staticDir})`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  // PGlite must be closed to leave its files consistent
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
