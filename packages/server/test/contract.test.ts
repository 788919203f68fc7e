/**
 * The DataAdapter contract suite, unchanged, against this server: the same
 * suite that runs in Chromium against the memory engine and the msw
 * handlers, here through createRestAdapter over real HTTP on loopback, so
 * the server and the mock API cannot drift apart. It needs a fresh dataset
 * before each test and acts as community staff of the demo street.
 */
import './support/mocha-globals.js';
import { after } from 'node:test';
import { createRestAdapter } from '@renling/core';
import { runContractSuite } from '../../core/test/contract/contract-suite.js';
import { contractDataset, ENGINE, loadContractData, openTestDatabase, signedIn, startTestServer } from './support/harness.js';

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
  return { adapter: createRestAdapter({ baseUrl: server.api, headers: staff.headers }) };
});
