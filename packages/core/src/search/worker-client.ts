/**
 * createSearchWorker: the SearchIndex API, asynchronous, over an index built
 * and queried in a module worker.
 */
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import type { AsyncSearchIndex, SearchOptions, SearchRecord, SearchResult } from './types.js';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface SearchWorkerOptions {
  /**
   * Where the worker module is. By default the worker beside this module:
   * `./search.worker.js` in a bundle or dist/ (Vite bundles it), the `.ts`
   * source when this module is itself served as TypeScript.
   */
  workerUrl?: string | URL;
}

const SOURCE_EXTENSION = 'ts';
// concatenated, not a literal: bundlers must not try to bundle a .ts path that dist/ does not have
const sourceWorkerUrl = (): URL => new URL('./search.worker.' + SOURCE_EXTENSION, import.meta.url);

export function createSearchWorker(records: SearchRecord[], options: SearchWorkerOptions = {}): AsyncSearchIndex {
  const worker =
    options.workerUrl !== undefined
      ? new Worker(options.workerUrl, { type: 'module' })
      : import.meta.url.endsWith('.ts')
        ? // served from the TypeScript sources (test runner, dev server): the worker's source sits beside
          // this file; the name is built at run time so that bundlers leave this branch alone
          new Worker(sourceWorkerUrl(), { type: 'module' })
        : // the form bundlers recognize and rewrite to the bundled worker; tsc puts it beside this file in dist/
          new Worker(new URL('./search.worker.js', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let size = 0;
  let failure: Error | null = null;

  const fail = (error: Error): void => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
    const response = event.data;
    const p = pending.get(response.id);
    if (!p) return;
    pending.delete(response.id);
    size = response.size;
    if (response.ok) p.resolve(response.result);
    else p.reject(new Error(response.error));
  });
  // a worker script that fails to load or throws at the top level
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new Error(`Search worker failed: ${event.message || 'could not load'}`));
  });

  const call = <T>(request: Request): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failure) {
        reject(failure);
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve: resolve, reject });
      worker.postMessage({ ...request, id });
    });

  const ready = call<void>({ op: 'init', records });
  // callers that never await ready still hear of a failure through their other calls
  ready.catch(() => undefined);
  return {
    ready,
    get size() {
      return size;
    },
    search: (query: string, options?: SearchOptions) => call<SearchResult>({ op: 'search', query, ...(options ? { options } : {}) }),
    suggest: (query: string, limit?: number) => call<string[]>({ op: 'suggest', query, ...(limit !== undefined ? { limit } : {}) }),
    add: (record: SearchRecord) => call<void>({ op: 'add', record }),
    update: (record: SearchRecord) => call<void>({ op: 'update', record }),
    remove: (organizationId: string) => call<void>({ op: 'remove', organizationId }),
    terminate() {
      worker.terminate();
      fail(new Error('Search worker terminated'));
    },
  };
}
