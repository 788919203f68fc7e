/**
 * The search index in a module worker: building it over 35,000 organizations
 * takes seconds, which the page's main thread must not spend. Started by
 * createSearchWorker; speaks the protocol in ./protocol.ts.
 */
import { buildSearchIndex, createSearchIndex, snapshotTransfer } from './engine.js';
import { handleRequest, type WorkerRequest, type WorkerResponse } from './protocol.js';
import type { SearchIndex, SearchRecord } from './types.js';
import { warmUp } from './warm-up.js';

// the DOM lib types `self` as a Window; in a worker it is the worker's global scope
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
};

let index: SearchIndex | null = null;
/** Records sent ahead of a build. */
let collected: SearchRecord[] = [];

scope.onmessage = (event) => {
  const request = event.data;
  try {
    let result: unknown;
    if (request.op === 'collect') {
      for (const record of request.records) collected.push(record);
      return;
    }
    if (request.op === 'build') {
      // built here, answered on the page: the snapshot's arrays move there and this worker is done
      const records = collected.length ? collected.concat(request.records) : request.records;
      collected = [];
      const built = buildSearchIndex(records, request.locale ? { locale: request.locale } : {});
      const snapshot = built.snapshot();
      index = null;
      (scope.postMessage as (message: WorkerResponse, transfer: Transferable[]) => void)(
        { id: request.id, ok: true, result: snapshot, size: snapshot.live },
        snapshotTransfer(snapshot),
      );
      return;
    }
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
