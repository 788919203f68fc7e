/**
 * The mock API in a browser page (stories, the demo, browser tests): the
 * handlers of ./handlers.ts in msw's service worker. The page must serve
 * msw's `mockServiceWorker.js` at its root (the test runner does).
 *
 *   const mock = createMockWorker({ baseUrl: '/api', dataset });
 *   await mock.start();
 *   mock.faults.latency = 800;
 *   …
 *   mock.stop();
 */
import { setupWorker, type SetupWorker, type StartOptions } from 'msw/browser';
import { createHandlers, type CreateHandlersOptions, type MockApi } from './handlers.js';

export interface MockWorker extends MockApi {
  worker: SetupWorker;
  /** Registers and activates the worker; quiet, and letting requests outside the API through, unless told otherwise. */
  start(options?: StartOptions): Promise<void>;
  stop(): void;
}

export function createMockWorker(options: CreateHandlersOptions): MockWorker {
  const api = createHandlers(options);
  const worker = setupWorker(...api.handlers);
  return Object.assign(api, {
    worker,
    async start(startOptions: StartOptions = {}): Promise<void> {
      await worker.start({ quiet: true, onUnhandledRequest: 'bypass', ...startOptions });
    },
    stop(): void {
      worker.stop();
    },
  });
}
