/**
 * Filling a database: a generated street (or city) from @renling/mocks, the
 * first street admin, and for the demo a staff member and an organization
 * member to try the roles with.
 *
 * @renling/mocks is imported only here, and only when seeding, so a server
 * that is never seeded with generated data does not need it.
 */
import type { Auth } from './auth.js';
import type { Database } from './db.js';
import { loadDataset, type DatasetRecords } from './store.js';
import { randomToken } from './util.js';

export interface Credentials {
  role: string;
  username: string;
  password: string;
  note: string;
}

export interface SeedOptions {
  organizations?: number;
  seed?: number;
  /** Empty the tables first. */
  reset?: boolean;
  /** Also make a staff account and an organization member for the demo. */
  demoAccounts?: boolean;
  adminUsername?: string;
  /** By default a random one, returned once in the credentials. */
  adminPassword?: string | null;
}

export async function generate(organizations: number, seed?: number): Promise<DatasetRecords> {
  const mocks = await import('@renling/mocks');
  return mocks.generateDataset({ seed: seed ?? mocks.DEMO_SEED, organizations });
}

/** The top of the area tree: where the first admin acts. */
async function rootAreas(db: Database): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    'select code from areas a where parent_code is null or not exists (select 1 from areas p where p.code = a.parent_code) order by code',
  );
  return rows.rows.map((r) => r.code);
}

/** Makes the first street admin if there is no admin; their areas are the given ones or the roots of the tree. */
export async function bootstrapAdmin(
  db: Database,
  auth: Auth,
  options: { username?: string; password?: string | null; areaCodes?: string[] } = {},
): Promise<Credentials | null> {
  const existing = await db.query("select 1 from accounts where role = 'admin' limit 1");
  if (existing.rowCount > 0) return null;
  const username = options.username ?? 'admin';
  const password = options.password || randomToken(12);
  await auth.createAccount(db, {
    username,
    password,
    role: 'admin',
    areaCodes: options.areaCodes ?? (await rootAreas(db)),
    name: '街道管理员',
  });
  return { role: 'admin', username, password, note: 'street admin: staff, areas, projects' };
}

/** The demo street's admin, one staff member for the whole street, and a member of the first organization. */
async function demoAccounts(db: Database, auth: Auth, data: DatasetRecords, options: SeedOptions): Promise<Credentials[]> {
  const out: Credentials[] = [];
  const street = data.areas.find((a) => a.level === 'street')?.code;
  const admin = await bootstrapAdmin(db, auth, {
    ...(options.adminUsername ? { username: options.adminUsername } : {}),
    password: options.adminPassword ?? null,
    ...(street ? { areaCodes: [street] } : {}),
  });
  if (admin) out.push(admin);
  if (street) {
    const password = randomToken(12);
    await auth.createAccount(db, { username: 'staff', password, role: 'staff', areaCodes: [street], name: '社区工作人员' });
    out.push({ role: 'staff', username: 'staff', password, note: `community staff for ${street}` });
  }
  const org = data.organizations[0];
  if (org) {
    const password = randomToken(12);
    await auth.createAccount(db, { username: 'org', password, role: 'organization', organizationId: org.id, name: `${org.name}联络人` });
    out.push({ role: 'organization', username: 'org', password, note: `member of ${org.name} (${org.id})` });
  }
  return out;
}

/** Loads a generated dataset and makes the first accounts; returns what to tell the operator. */
export async function seed(db: Database, auth: Auth, options: SeedOptions = {}): Promise<{ counts: Record<string, number>; credentials: Credentials[] }> {
  const data = await generate(options.organizations ?? 60, options.seed);
  await loadDataset(db, data, { clear: options.reset ?? false });
  const credentials = options.demoAccounts
    ? await demoAccounts(db, auth, data, options)
    : [
        await bootstrapAdmin(db, auth, {
          ...(options.adminUsername ? { username: options.adminUsername } : {}),
          password: options.adminPassword ?? null,
        }),
      ].filter((c): c is Credentials => c !== null);
  return {
    counts: {
      areas: data.areas.length,
      organizations: data.organizations.length,
      offers: data.offers.length,
      needs: data.needs.length,
      claims: data.claims?.length ?? 0,
      projects: data.projects.length,
    },
    credentials,
  };
}

export function describeCredentials(credentials: readonly Credentials[]): string {
  return credentials.map((c) => `  ${c.role.padEnd(13)} ${c.username.padEnd(8)} ${c.password}   (${c.note})`).join('\n');
}
