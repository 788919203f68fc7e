/**
 * Who is asking. Three kinds of bearer token, all sent as
 * `Authorization: Bearer …` so that widgets on another origin work without
 * cookies (and so without CSRF):
 *
 * - `st1.…` a session of an account (street admin, community staff, or a
 *   member of an organization), made by signing in; only its SHA-256 is stored.
 * - `rt1.<resident id>.<signature>` a resident's follow token: the secret
 *   link a resident gets with a tracking number, to follow and rate their own
 *   needs and bookings without an account. An HMAC with the server's secret,
 *   so nothing needs storing and it survives restarts.
 * - `inv1.…` an invitation (one use), turned into an account by
 *   POST /invitations/accept.
 */
import bcrypt from 'bcryptjs';
import type { Actor } from '@renling/core';
import type { Database, Queryable } from './db.js';
import { UNIQUE_VIOLATION, sqlState } from './db.js';
import { fieldError, problems } from './errors.js';
import { hashCode, hmac, randomToken, sameSecret, sha256 } from './util.js';

export const ROLES = ['admin', 'staff', 'organization'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: string;
  username: string;
  role: Role;
  organizationId: string | null;
  areaCodes: string[];
  name: string;
  disabled: boolean;
}

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'resident'; residentId: string }
  | { kind: 'account'; account: Account; sessionHash: string };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** The actor recorded in claim histories for what this principal does. */
export function actorOf(principal: Principal): Actor | null {
  switch (principal.kind) {
    case 'anonymous':
      return null;
    case 'resident':
      return { role: 'resident', id: principal.residentId };
    case 'account': {
      const { account } = principal;
      // an organization acts as itself (the claim state machine checks the organization's id);
      // which member it was is kept in the audit log
      if (account.role === 'organization' && account.organizationId)
        return { role: 'organization', id: account.organizationId, name: account.name };
      return { role: account.role === 'admin' ? 'admin' : 'staff', id: account.id, name: account.name };
    }
  }
}

/** Who a request is from, for idempotency fingerprints and rate limits. */
export function principalKey(principal: Principal): string {
  switch (principal.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'resident':
      return `resident:${principal.residentId}`;
    case 'account':
      return `account:${principal.account.id}`;
  }
}

interface AccountRow {
  id: string;
  username: string;
  role: Role;
  organization_id: string | null;
  area_codes: string[];
  name: string;
  disabled: boolean;
}

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  username: row.username,
  role: row.role,
  organizationId: row.organization_id,
  areaCodes: row.area_codes,
  name: row.name,
  disabled: row.disabled,
});

const ACCOUNT_COLUMNS = 'a.id, a.username, a.role, a.organization_id, a.area_codes, a.name, a.disabled';

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,39}$/u;

/** A problem with a password, or null; bcrypt reads only the first 72 bytes, so longer ones are refused. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'required';
  if ([...password].length < 10) return 'too-short';
  if (Buffer.byteLength(password, 'utf8') > 72) return 'too-long';
  return null;
}

export interface NewAccount {
  username: string;
  password: string;
  role: Role;
  organizationId?: string | null;
  areaCodes?: string[];
  name: string;
  createdBy?: string | null;
}

interface PreparedAccount extends NewAccount {
  passwordHash: string;
}

export interface AuthOptions {
  /** HMAC key for resident tokens; by default one is made once and kept in the settings table. */
  secret?: string | null;
  /** bcrypt cost; 10 by default (≈ 0.1 s a hash here). Tests use 4. */
  bcryptCost?: number;
  /** How long a session lasts; 12 hours by default. */
  sessionTtlMs?: number;
}

export interface Session {
  token: string;
  expiresAt: string;
  account: Account;
}

export async function loadSecret(db: Queryable, given?: string | null): Promise<string> {
  if (given) return given;
  await db.query("insert into settings (key, value) values ('signing-secret', $1) on conflict (key) do nothing", [randomToken(48)]);
  const row = await db.query<{ value: string }>("select value from settings where key = 'signing-secret'");
  const secret = row.rows[0]?.value;
  if (!secret) throw new Error('No signing secret in the settings table.');
  return secret;
}

export class Auth {
  readonly bcryptCost: number;
  private readonly sessionTtlMs: number;
  private dummyHash: string | null = null;

  private constructor(
    private readonly db: Database,
    private readonly secret: string,
    options: AuthOptions,
  ) {
    this.bcryptCost = options.bcryptCost ?? 10;
    this.sessionTtlMs = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
  }

  static async create(db: Database, options: AuthOptions = {}): Promise<Auth> {
    return new Auth(db, await loadSecret(db, options.secret), options);
  }

  // -- resident tokens ------------------------------------------------------

  residentToken(residentId: string): string {
    const id = Buffer.from(residentId, 'utf8').toString('base64url');
    return `rt1.${id}.${hmac(this.secret, `resident:${residentId}`)}`;
  }

  /** A new resident identity, the same for the same seed (an idempotency key, say). */
  static newResidentId(seed: string): string {
    return `resident-${hashCode(`resident:${seed}`, 16)}`;
  }

  private readResidentToken(token: string): string | null {
    const [, id = '', signature = ''] = token.split('.');
    const residentId = Buffer.from(id, 'base64url').toString('utf8');
    if (!/^[\w.:-]{1,64}$/u.test(residentId)) return null;
    return sameSecret(signature, hmac(this.secret, `resident:${residentId}`)) ? residentId : null;
  }

  // -- who is asking ----------------------------------------------------------

  /** The principal for an Authorization header; a token that is sent but not valid is a 401, never anonymous. */
  async authenticate(header: string | undefined): Promise<Principal> {
    if (header === undefined || header.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+([\w.~+/=-]{1,512})\s*$/iu.exec(header);
    if (!match?.[1]) throw problems.unauthorized('The Authorization header must be "Bearer <token>".');
    const token = match[1];
    if (token.startsWith('rt1.')) {
      const residentId = this.readResidentToken(token);
      if (residentId) return { kind: 'resident', residentId };
    } else if (token.startsWith('st1.')) {
      const sessionHash = sha256(token);
      const row = await this.db.query<AccountRow>(
        `select ${ACCOUNT_COLUMNS} from sessions s join accounts a on a.id = s.account_id
          where s.token_hash = $1 and s.expires_at > now() and not a.disabled`,
        [sessionHash],
      );
      if (row.rows[0]) return { kind: 'account', account: toAccount(row.rows[0]), sessionHash };
    }
    throw problems.unauthorized('The token is not valid or has expired; sign in again.');
  }

  // -- accounts ----------------------------------------------------------------

  hashPassword(password: string): Promise<string> {
    return bcrypt.hash(password, this.bcryptCost);
  }

  /** Checks and hashes new account details, outside any transaction (bcrypt takes a while). */
  async prepareAccount(input: NewAccount): Promise<PreparedAccount> {
    const username = input.username.trim().toLowerCase();
    const errors = [];
    if (!USERNAME_RE.test(username)) errors.push(fieldError('username', 'format'));
    const weak = passwordProblem(input.password);
    if (weak === 'required') errors.push(fieldError('password', 'required'));
    else if (weak === 'too-short') errors.push(fieldError('password', 'too-short', '10'));
    else if (weak === 'too-long') errors.push(fieldError('password', 'too-long', '72'));
    if (errors.length) throw problems.validation('The account details are not valid.', errors);
    return { ...input, username, passwordHash: await this.hashPassword(input.password) };
  }

  async insertAccount(tx: Queryable, input: PreparedAccount): Promise<Account> {
    const id = `acc-${randomToken(9)}`;
    try {
      const row = await tx.query<AccountRow>(
        `insert into accounts (id, username, password_hash, role, organization_id, area_codes, name, created_by)
         values ($1, $2, $3, $4, $5, $6::text[], $7, $8)
         returning id, username, role, organization_id, area_codes, name, disabled`,
        [id, input.username, input.passwordHash, input.role, input.organizationId ?? null, input.areaCodes ?? [], input.name, input.createdBy ?? null],
      );
      const created = row.rows[0];
      if (!created) throw new Error('The account was not stored.');
      return toAccount(created);
    } catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION)
        throw problems.validation('This username is taken.', [fieldError('username', 'duplicate')]);
      throw error;
    }
  }

  async createAccount(tx: Queryable, input: NewAccount): Promise<Account> {
    return this.insertAccount(tx, await this.prepareAccount(input));
  }

  async startSession(tx: Queryable, account: Account): Promise<Session> {
    const token = `st1.${randomToken(32)}`;
    const expiresAt = new Date(Date.now() + this.sessionTtlMs).toISOString();
    await tx.query('insert into sessions (token_hash, account_id, expires_at) values ($1, $2, $3::timestamptz)', [
      sha256(token),
      account.id,
      expiresAt,
    ]);
    // expired sessions are of no use to anyone; clear them while we are here
    await tx.query('delete from sessions where account_id = $1 and expires_at < now()', [account.id]);
    return { token, expiresAt, account };
  }

  /** A session for a username and password, or null; takes as long for an unknown user as for a wrong password. */
  async login(username: string, password: string): Promise<Session | null> {
    const row = await this.db.query<AccountRow & { password_hash: string }>(
      `select ${ACCOUNT_COLUMNS}, a.password_hash from accounts a where a.username = $1`,
      [username.trim().toLowerCase()],
    );
    const found = row.rows[0];
    this.dummyHash ??= await bcrypt.hash(randomToken(12), this.bcryptCost);
    const ok = await bcrypt.compare(password, found?.password_hash ?? this.dummyHash);
    if (!found || !ok || found.disabled) return null;
    return this.startSession(this.db, toAccount(found));
  }

  async logout(sessionHash: string): Promise<void> {
    await this.db.query('delete from sessions where token_hash = $1', [sessionHash]);
  }

  async listAccounts(): Promise<Account[]> {
    const rows = await this.db.query<AccountRow>(`select ${ACCOUNT_COLUMNS} from accounts a order by a.created_at, a.id`);
    return rows.rows.map(toAccount);
  }

  async getAccount(tx: Queryable, id: string): Promise<Account | null> {
    const row = await tx.query<AccountRow>(`select ${ACCOUNT_COLUMNS} from accounts a where a.id = $1`, [id]);
    return row.rows[0] ? toAccount(row.rows[0]) : null;
  }

  async disableAccount(tx: Queryable, id: string): Promise<Account | null> {
    const row = await tx.query<AccountRow>(
      `update accounts a set disabled = true where a.id = $1 returning ${ACCOUNT_COLUMNS}`,
      [id],
    );
    await tx.query('delete from sessions where account_id = $1', [id]);
    return row.rows[0] ? toAccount(row.rows[0]) : null;
  }

  async setAreas(tx: Queryable, id: string, areaCodes: string[]): Promise<Account | null> {
    const row = await tx.query<AccountRow>(
      `update accounts a set area_codes = $2::text[] where a.id = $1 returning ${ACCOUNT_COLUMNS}`,
      [id, areaCodes],
    );
    return row.rows[0] ? toAccount(row.rows[0]) : null;
  }

  // -- invitations -------------------------------------------------------------

  async invite(
    tx: Queryable,
    input: { role: 'staff' | 'organization'; organizationId: string | null; areaCodes: string[]; name: string; createdBy: string },
  ): Promise<{ token: string; expiresAt: string }> {
    const token = `inv1.${randomToken(32)}`;
    const expiresAt = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString();
    await tx.query(
      `insert into invitations (token_hash, role, organization_id, area_codes, name, created_by, expires_at)
       values ($1, $2, $3, $4::text[], $5, $6, $7::timestamptz)`,
      [sha256(token), input.role, input.organizationId, input.areaCodes, input.name, input.createdBy, expiresAt],
    );
    return { token, expiresAt };
  }

  /** Turns an invitation into an account and signs it in; null when the invitation is unknown, used or expired. */
  async acceptInvitation(input: { token: string; username: string; password: string }): Promise<Session | null> {
    const tokenHash = sha256(input.token);
    const found = await this.db.query<{ role: 'staff' | 'organization'; organization_id: string | null; area_codes: string[]; name: string; created_by: string }>(
      'select role, organization_id, area_codes, name, created_by from invitations where token_hash = $1 and accepted_at is null and expires_at > now()',
      [tokenHash],
    );
    const invitation = found.rows[0];
    if (!invitation) return null;
    const prepared = await this.prepareAccount({
      username: input.username,
      password: input.password,
      role: invitation.role,
      organizationId: invitation.organization_id,
      areaCodes: invitation.area_codes,
      name: invitation.name,
      createdBy: invitation.created_by,
    });
    return this.db.transaction(async (tx) => {
      // taken by a concurrent accept since we looked: one use only
      const claimed = await tx.query(
        'update invitations set accepted_at = now() where token_hash = $1 and accepted_at is null and expires_at > now() returning token_hash',
        [tokenHash],
      );
      if (claimed.rowCount === 0) return null;
      const account = await this.insertAccount(tx, prepared);
      await tx.query('update invitations set account_id = $2 where token_hash = $1', [tokenHash, account.id]);
      return this.startSession(tx, account);
    });
  }
}
