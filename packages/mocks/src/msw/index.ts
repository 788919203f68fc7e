export { createHandlers, mockAuthorization, type CreateHandlersOptions, type MockApi, type RequestLogEntry, type RequestOutcome } from './handlers.js';
export { createMockWorker, type MockWorker } from './worker.js';
export { defaultFaults, type FaultCount, type FaultSwitches, type RateLimitFault } from './faults.js';
