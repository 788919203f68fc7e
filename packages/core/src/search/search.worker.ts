/**
 * The search index in a module worker: building it over 35,000 organizations
 * takes seconds, which the page's main thread must not spend. Started by
 * createSearchWorker; speaks the protocol in ./protocol.ts.
 */
import { createSearchIndex } from './engine.js';
import { handleRequest, type WorkerRequest, type WorkerResponse } from './protocol.js';
import type { SearchIndex } from './types.js';
import { warmUp } from './warm-up.js';

// the DOM lib types `self` as a Window; in a worker it is the worker's global scope
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
};

let index: SearchIndex | null = null;

scope.onmessage = (event) => {
  const request = event.data;
  try {
    let result: unknown;
    if (request.op === 'init') {
      index = createSearchIndex(request.records, request.locale ? { locale: request.locale } : {});
      warmUp(index);
    }
    else if (!index) throw new Error('The search worker has no index yet');
    else result = handleRequest(index, request);
    scope.postMessage({ id: request.id, ok: true, result, size: index?.size ?? 0 });
  } catch (error) {
    scope.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error), size: index?.size ?? 0 });
  }
};
