// The DataAdapter contract through HTTP: createRestAdapter talking to the msw
// mock API (the memory engine behind the REST contract) in a service worker;
// others sign in with the mock API's stand-in for a session.
import { createMockWorker, mockAuthorization } from '@renling/mocks';
import { createRestAdapter } from '../../src/adapters/rest.js';
import { contractDataset, runContractSuite } from './contract-suite.js';

const BASE = '/contract-api';
const mock = createMockWorker({ baseUrl: BASE, dataset: contractDataset() });

before(() => mock.start());
after(() => mock.stop());

runContractSuite('rest over msw', () => {
  mock.reset();
  return Promise.resolve({
    adapter: createRestAdapter({ baseUrl: BASE }),
    as: (actor) => createRestAdapter({ baseUrl: BASE, headers: mockAuthorization(actor) }),
  });
});
