/**
 * The DataAdapter contract suite, unchanged, against this server: the same
 * suite that runs in Chromium against the memory engine and the msw
 * handlers, here through createRestAdapter over real HTTP on loopback, so
 * the server and the mock API cannot drift apart. It needs a fresh dataset
 * before each test and acts as community staff of the demo street; others
 * sign in with real sessions (organizations, the street admin) or a
 * resident's follow token.
 */
import './support/mocha-globals.js';
import { after } from 'node:test';
import { createRestAdapter } from '@renling/core';
import { runContractSuite } from '../../core/test/contract/contract-suite.js';
import { bearer, contractDataset, ENGINE, loadContractData, openTestDatabase, signedIn, startTestServer } from './support/harness.js';

const data = contractDataset();
const street = data.areas.find((a) => a.level === 'street')?.code ?? '310105001';
const test = await openTestDatabase();
const server = await startTestServer(test);

after(async () => {
  await server.close();
  await test.dispose();
});

runContractSuite(`rest over the server on ${ENGINE}`, async () => {
  await loadContractData(server.db, data);
  const staff = await signedIn(server.auth, server.db, 'staff', { areaCodes: [street], name: '合约测试社区工作人员' });
  return {
    adapter: createRestAdapter({ baseUrl: server.api, headers: staff.headers }),
    async as(actor) {
      let headers: Record<string, string>;
      if (actor.role === 'resident') headers = bearer(server.auth.residentToken(actor.id));
      else if (actor.role === 'organization') headers = (await signedIn(server.auth, server.db, 'organization', { organizationId: actor.id })).headers;
      else if (actor.role === 'staff' || actor.role === 'admin') headers = (await signedIn(server.auth, server.db, actor.role, { areaCodes: [street] })).headers;
      else throw new Error(`no session for ${actor.role}`);
      return createRestAdapter({ baseUrl: server.api, headers });
    },
  };
});
