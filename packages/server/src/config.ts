/** The server's settings, from the environment (see packages/server/README.md). */
import { resolve } from 'node:path';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit.js';

export interface ServerConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** postgres://…; when set the embedded PGlite is not used. */
  databaseUrl: string | null;
  /** PGlite's directory; null keeps the database in memory (tests). */
  dataDir: string | null;
  /** Sites allowed to call the API from the browser, or '*'. */
  corsOrigins: string[] | '*';
  /** HMAC key for residents' follow links; generated and kept in the database when not given. */
  secret: string | null;
  trustProxy: boolean;
  /** A built site to serve at '/'. */
  staticDir: string | null;
  /** Where the API is mounted. */
  basePath: string;
  rateLimits: RateLimits | false;
  bodyLimitBytes: number;
  bcryptCost: number;
}

const int = (value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`Expected an integer ${min}–${max}, got ${JSON.stringify(value)}.`);
  return n;
};

/** `off`, or per-minute counts `address,writes,account` (e.g. `600,60,1200`). */
function rateLimits(value: string | undefined): RateLimits | false {
  if (value === undefined || value.trim() === '') return DEFAULT_RATE_LIMITS;
  if (value.trim() === 'off') return false;
  const [address, writes, account] = value.split(',').map((part) => int(part, 0, 1, 1_000_000));
  return {
    ...DEFAULT_RATE_LIMITS,
    perAddress: { limit: address ?? DEFAULT_RATE_LIMITS.perAddress.limit, windowMs: 60_000 },
    writesPerAddress: { limit: writes ?? DEFAULT_RATE_LIMITS.writesPerAddress.limit, windowMs: 60_000 },
    perAccount: { limit: account ?? DEFAULT_RATE_LIMITS.perAccount.limit, windowMs: 60_000 },
  };
}

function origins(value: string | undefined): string[] | '*' {
  if (value?.trim() === '*') return '*';
  const list = (value ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/u, ''))
    .filter(Boolean);
  for (const origin of list) {
    const url = new URL(origin);
    if (url.origin !== origin) throw new Error(`RENLING_CORS_ORIGINS: ${origin} is not an origin (scheme://host[:port]).`);
  }
  return list;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    host: env['HOST'] || '127.0.0.1',
    port: int(env['PORT'], 8787, 0, 65535),
    databaseUrl: env['DATABASE_URL'] || null,
    // npm run -w starts in the package's folder; the data lives where npm was run (the repository root)
    dataDir: env['RENLING_DATA_DIR'] || resolve(env['INIT_CWD'] ?? process.cwd(), '.renling-data'),
    corsOrigins: origins(env['RENLING_CORS_ORIGINS']),
    secret: env['RENLING_SECRET'] || null,
    trustProxy: /^(1|true|yes)$/iu.test(env['RENLING_TRUST_PROXY'] ?? ''),
    staticDir: env['RENLING_STATIC_DIR'] || null,
    basePath: env['RENLING_BASE_PATH'] ?? '/api',
    rateLimits: rateLimits(env['RENLING_RATE_LIMITS']),
    bodyLimitBytes: int(env['RENLING_BODY_LIMIT'], 64 * 1024, 1024, 10 * 1024 * 1024),
    bcryptCost: int(env['RENLING_BCRYPT_COST'], 10, 4, 15),
  };
}
