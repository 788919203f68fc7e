/**
 * The search index and a module worker: createSearchIndexInWorker builds it
 * there and moves it to the page; createSearchWorker keeps it there behind
 * the SearchIndex API made asynchronous.
 */
import type { Locale, Organization } from '../model.js';
import { buildSearchIndex, type SearchIndexSnapshot } from './engine.js';
import type { WorkerHit, WorkerRequest, WorkerResponse } from './protocol.js';
import type { AsyncSearchIndex, SearchIndex, SearchOptions, SearchRecord, SearchResult } from './types.js';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface SearchWorkerOptions {
  /**
   * Where the worker module is. By default the worker beside this module:
   * `./search.worker.js` in a bundle or dist/ (Vite bundles it), the `.ts`
   * source when this module is itself served as TypeScript.
   */
  workerUrl?: string | URL;
  /** The language of category labels in matches and suggestions (default zh-CN); setLocale changes it. */
  locale?: Locale;
  /** Organizations sent to the worker per message, for createSearchIndexInWorker (default 1,000). */
  recordsPerMessage?: number;
}

/**
 * Cloning 35,000 organizations with their offers into one message held the page's thread for
 * most of a second (835 ms traced); sent a thousand at a time, each message takes tens of
 * milliseconds and the page answers a person in between.
 */
const RECORDS_PER_MESSAGE = 1000;

/** Lets the page's other tasks run: a message, not a timer, which a background tab slows to one a second. */
const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

const SOURCE_EXTENSION = 'ts';
// concatenated, not a literal: bundlers must not try to bundle a .ts path that dist/ does not have
const sourceWorkerUrl = (): URL => new URL('./search.worker.' + SOURCE_EXTENSION, import.meta.url);

function startWorker(options: SearchWorkerOptions): Worker {
  return options.workerUrl !== undefined
      ? new Worker(options.workerUrl, { type: 'module' })
      : import.meta.url.endsWith('.ts')
        ? // served from the TypeScript sources (test runner, dev server): the worker's source sits beside
          // this file; the name is built at run time so that bundlers leave this branch alone
          new Worker(sourceWorkerUrl(), { type: 'module' })
        : // the form bundlers recognize and rewrite to the bundled worker; tsc puts it beside this file in dist/
          new Worker(new URL('./search.worker.js', import.meta.url), { type: 'module' });
}

/**
 * Builds the index in a worker and moves it to the page. Indexing 35,000
 * organizations takes seconds, which the page's thread must not spend; a
 * query takes about a millisecond, which the page answers best itself, in
 * the keystroke's own task: an answer from a worker arrives after the frame
 * that shows the typed letter, so its results wait for the frame after.
 * The snapshot's arrays are transferred, not copied, and the worker ends.
 */
export function createSearchIndexInWorker(records: SearchRecord[], options: SearchWorkerOptions = {}): Promise<SearchIndex> {
  const worker = startWorker(options);
  let settled = false;
  return new Promise<SearchIndex>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      settled = true;
      worker.terminate();
      const response = event.data;
      if (!response.ok) {
        reject(new Error(response.error));
        return;
      }
      try {
        resolve(buildSearchIndex(records, { snapshot: response.result as SearchIndexSnapshot, ...(options.locale ? { locale: options.locale } : {}) }));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      settled = true;
      worker.terminate();
      reject(new Error(`Search worker failed: ${event.message || 'could not load'}`));
    });
    // the records in parts, the page's other work between them; the last part asks for the build
    const per = Math.max(1, Math.floor(options.recordsPerMessage ?? RECORDS_PER_MESSAGE));
    const last = records.length > 0 ? Math.floor((records.length - 1) / per) * per : 0;
    const send = async (): Promise<void> => {
      for (let start = 0; start < last; start += per) {
        worker.postMessage({ id: 0, op: 'collect', records: records.slice(start, start + per) } satisfies WorkerRequest);
        await yieldToPage();
        if (settled) return;
      }
      worker.postMessage({ id: 1, op: 'build', records: records.slice(last), ...(options.locale ? { locale: options.locale } : {}) } satisfies WorkerRequest);
    };
    // a record the browser cannot copy (a function, a proxy) throws here: the caller hears of it and can index on the page
    send().catch((error: unknown) => {
      settled = true;
      worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

export function createSearchWorker(records: SearchRecord[], options: SearchWorkerOptions = {}): AsyncSearchIndex {
  const worker = startWorker(options);
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; done?: () => void }>();
  // hits come back without their organizations: the page has them already
  const organizations = new Map<string, Organization>(records.map((r) => [r.organization.id, r.organization]));
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
    if (response.ok) {
      // before any later answer is read: a search after an add finds its organization here
      p.done?.();
      p.resolve(response.result);
    } else p.reject(new Error(response.error));
  });
  // a worker script that fails to load or throws at the top level
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new Error(`Search worker failed: ${event.message || 'could not load'}`));
  });

  const call = <T>(request: Request, done?: () => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failure) {
        reject(failure);
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject, ...(done ? { done } : {}) });
      worker.postMessage({ ...request, id });
    });

  const change = (record: SearchRecord) => () => organizations.set(record.organization.id, record.organization);
  const ready = call<void>({ op: 'init', records, ...(options.locale ? { locale: options.locale } : {}) });
  // callers that never await ready still hear of a failure through their other calls
  ready.catch(() => undefined);
  return {
    ready,
    get size() {
      return size;
    },
    search: async (query: string, options?: SearchOptions): Promise<SearchResult> => {
      const { hits, total, partial, corrected } = await call<Omit<SearchResult, 'hits'> & { hits: WorkerHit[] }>({ op: 'search', query, ...(options ? { options } : {}) });
      return {
        total,
        ...(partial ? { partial } : {}),
        ...(corrected !== undefined ? { corrected } : {}),
        hits: hits.flatMap((hit) => {
          const organization = organizations.get(hit.id);
          return organization ? [{ id: hit.id, score: hit.score, organization, matches: hit.matches }] : [];
        }),
      };
    },
    suggest: (query: string, limit?: number) => call<string[]>({ op: 'suggest', query, ...(limit !== undefined ? { limit } : {}) }),
    add: (record: SearchRecord) => call<void>({ op: 'add', record }, change(record)),
    update: (record: SearchRecord) => call<void>({ op: 'update', record }, change(record)),
    remove: (organizationId: string) => call<void>({ op: 'remove', organizationId }, () => organizations.delete(organizationId)),
    setLocale: (locale: Locale) => call<void>({ op: 'locale', locale }),
    terminate() {
      worker.terminate();
      fail(new Error('Search worker terminated'));
    },
  };
}
