/**
 * Data survives a restart: needs, accounts, sessions, the idempotent answers
 * and the secret behind residents' links are all in the database (PGlite's
 * data directory, or PostgreSQL). And what `npm start` relies on: a fresh
 * database seeded with the demo street and demo accounts, the portal served
 * beside the API, one process per PGlite directory.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Page, PublicNeed } from '@renling/core';
import { openPglite } from '../src/db.js';
import { startServer } from '../src/server.js';
import { bearer, call, contractDataset, DATABASE_URL, ENGINE, key, loadContractData, openTestDatabase, testConfig } from './support/harness.js';

function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe(`restarts (${ENGINE})`, () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'renling-test-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps needs, accounts, sessions, idempotent answers and follow links across a restart', async () => {
    const dir = DATABASE_URL ? null : join(tempDir(), 'data');
    const test = await openTestDatabase(dir);
    const data = contractDataset();
    await loadContractData(test.db, data);
    const street = data.areas.find((a) => a.level === 'street')?.code ?? '';
    const config = testConfig();

    let server = await startServer(config, { db: test.db, log: () => undefined });
    const api = (): string => `${server.url}/api`;
    await server.auth.createAccount(test.db, { username: 'staff-restart', password: 'a long enough password', role: 'staff', areaCodes: [street], name: '重启测试' });
    const login = await call(api(), 'POST', '/auth/login', { body: { username: 'staff-restart', password: 'a long enough password' } });
    const token = (login.body as { token: string }).token;
    const sample = data.needs.find((n) => !n.minor && n.health === undefined)!;
    const { id: _i, trackingNumber: _t, status: _s, createdAt: _c, updatedAt: _u, ...draft } = sample;
    const k = key('restart');
    const made = await call(api(), 'POST', '/needs', { body: { ...draft, title: '重启以后还在' }, key: k });
    assert.equal(made.status, 201);
    const receipt = made.body as { need: PublicNeed; followToken: string };
    await server.close();
    await test.db.close();

    const reopened = await test.reopen();
    server = await startServer(config, { db: reopened, log: () => undefined });
    try {
      const got = await call(api(), 'GET', `/needs/${receipt.need.id}`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, receipt.need);
      const replay = await call(api(), 'POST', '/needs', { body: { ...draft, title: '重启以后还在' }, key: k });
      assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
      assert.equal(replay.text, made.text);
      assert.equal((await call(api(), 'GET', '/auth/me', { headers: bearer(token) })).status, 200, 'the session survived');
      assert.equal((await call(api(), 'GET', '/track', { headers: bearer(receipt.followToken) })).status, 200, 'the follow link survived');
      const orgs = (await call(api(), 'GET', '/organizations?limit=1')).body as Page<unknown>;
      assert.equal(orgs.total, data.organizations.length);
      const relogin = await call(api(), 'POST', '/auth/login', { body: { username: 'staff-restart', password: 'a long enough password' } });
      assert.equal(relogin.status, 200);
    } finally {
      await server.close();
      await reopened.close();
      if (DATABASE_URL) await test.dispose();
    }
  });

  it('refuses a second process on the same PGlite directory', { skip: DATABASE_URL !== null }, async () => {
    const dir = join(tempDir(), 'locked');
    const db = await openPglite(dir);
    try {
      // a lock held by a live process other than us
      writeFileSync(join(dir, 'renling.lock'), String(process.ppid));
      await assert.rejects(openPglite(dir), /in use by process/u);
    } finally {
      await db.close();
    }
    // a lock left by a process that is gone is taken over
    writeFileSync(join(dir, 'renling.lock'), '999999');
    const again = await openPglite(dir);
    await again.close();
  });

  it('seeds a fresh database with the demo street and accounts, and serves the portal beside the API', { skip: DATABASE_URL !== null }, async () => {
    const dir = tempDir();
    const site = join(dir, 'site');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>portal</title><rl-provider api="/api"></rl-provider>');
    writeFileSync(join(site, 'assets', 'main-abc123.js'), 'console.log(1)');
    const config = testConfig({ dataDir: join(dir, 'data'), staticDir: site });
    const server = await startServer(config, { seedDemo: true, log: () => undefined });
    try {
      const page = await fetch(`${server.url}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /rl-provider api="\/api"/u);
      assert.match(page.headers.get('Content-Security-Policy') ?? '', /script-src 'self'/u);
      const deep = await fetch(`${server.url}/needs/some-deep-link`);
      assert.equal(deep.status, 200, 'deep links fall back to the portal');
      const asset = await fetch(`${server.url}/assets/main-abc123.js`);
      assert.match(asset.headers.get('Cache-Control') ?? '', /immutable/u);
      // raw paths, as a client that does not normalize them would send
      for (const raw of ['/../../../../etc/passwd', '/..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd']) {
        const answer = await rawGet(server.url, raw);
        assert.ok(!answer.body.includes('root:'), `${raw} stays inside the site (${answer.status})`);
      }
      const areas = await call(`${server.url}/api`, 'GET', '/areas');
      assert.equal((areas.body as { items: unknown[] }).items.length, contractDataset().areas.length);
      const accounts = readFileSync(join(dir, 'data', 'demo-accounts.txt'), 'utf8');
      const line = accounts.split('\n').find((l) => l.trim().startsWith('staff'));
      const password = line?.trim().split(/\s+/u)[2] ?? '';
      const login = await call(`${server.url}/api`, 'POST', '/auth/login', { body: { username: 'staff', password } });
      assert.equal(login.status, 200, login.text);
    } finally {
      await server.close();
    }
  });
});
