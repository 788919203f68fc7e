/**
 * The search index in a module worker: building it over 35,000 organizations
 * takes seconds, which the page's main thread must not spend. Started by
 * createSearchWorker; speaks the protocol in ./protocol.ts.
 */
import { createSearchIndex } from './engine.js';
import { handleRequest, type WorkerRequest, type WorkerResponse } from './protocol.js';
import type { SearchIndex } from './types.js';

// the DOM lib types `self` as a Window; in a worker it is the worker's global scope
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
};

let index: SearchIndex | null = null;

/**
 * A few searches of every kind before the first real one: the engine's code
 * is compiled and optimized on first use, and the resident's first letters
 * should not pay for it.
 */
function warmUp(index: SearchIndex): void {
  const queries = ['f', 'fu', 'fuw', 'fuwu', 'fw', 'fwz', 'fwzx', '服', '服务', '服务中', '服务中心', 'fuwuzhongx', 'fu务', 's', 'se', 'service', '社区 服务', 'shequ fuwu', '服务 ser'];
  for (const query of queries) {
    index.search(query, { limit: 20 });
    index.suggest(query);
  }
}

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
