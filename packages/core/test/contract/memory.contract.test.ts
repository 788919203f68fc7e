// The DataAdapter contract against the memory engine itself; others act through views of the same records.
import { createMemoryAdapter } from '../../src/memory-adapter.js';
import { contractDataset, runContractSuite } from './contract-suite.js';

const data = contractDataset();

runContractSuite('memory', () => {
  const adapter = createMemoryAdapter(data);
  return Promise.resolve({ adapter, as: (actor) => adapter.withActor(actor) });
});
