// The DataAdapter contract against the memory engine itself.
import { createMemoryAdapter } from '../../src/memory-adapter.js';
import { contractDataset, runContractSuite } from './contract-suite.js';

const data = contractDataset();

runContractSuite('memory', () => Promise.resolve({ adapter: createMemoryAdapter(data) }));
