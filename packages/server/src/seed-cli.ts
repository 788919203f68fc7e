/**
 * Loads generated data into the configured database (PGlite in
 * RENLING_DATA_DIR, or DATABASE_URL):
 *
 *   npm run seed -w @renling/server                      # the demo street, 60 organizations
 *   npm run seed -w @renling/server -- --organizations 35000 --reset   # a city, for the benchmark
 *
 * Refuses a database that has data unless --reset is given. Stop the server
 * first when it runs on PGlite (one process per data directory).
 */
import { parseArgs } from 'node:util';
import { Auth } from './auth.js';
import { configFromEnv } from './config.js';
import { openDatabase } from './db.js';
import { describeCredentials, seed } from './seed.js';
import { isEmpty } from './store.js';

const { values } = parseArgs({
  options: {
    organizations: { type: 'string', default: '60' },
    seed: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'demo-accounts': { type: 'boolean', default: false },
  },
});
const organizations = Number.parseInt(values.organizations, 10);
if (!Number.isSafeInteger(organizations) || organizations < 0) throw new Error('--organizations must be a whole number.');
const config = configFromEnv();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  if (!values.reset && !(await isEmpty(db))) {
    console.error('The database has data already; pass --reset to replace it.');
    process.exitCode = 1;
  } else {
    const started = performance.now();
    const auth = await Auth.create(db, { secret: config.secret, bcryptCost: config.bcryptCost });
    const result = await seed(db, auth, {
      organizations,
      ...(values.seed ? { seed: Number.parseInt(values.seed, 10) } : {}),
      reset: values.reset,
      demoAccounts: values['demo-accounts'],
      adminPassword: process.env['RENLING_ADMIN_PASSWORD'] ?? null,
    });
    console.log(`Loaded ${Object.entries(result.counts).map(([k, n]) => `${n} ${k}`).join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    if (result.credentials.length) console.log(`Accounts (passwords shown once):\n${describeCredentials(result.credentials)}`);
  }
} finally {
  await db.close();
}
