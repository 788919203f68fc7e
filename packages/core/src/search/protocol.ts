/**
 * Messages between createSearchWorker and search.worker.ts. Each request
 * carries an id its response echoes, so calls may overlap; the worker answers
 * them in order.
 */
import type { Locale } from '../model.js';
import type { SearchHit, SearchIndex, SearchOptions, SearchRecord } from './types.js';

export type WorkerRequest =
  | { id: number; op: 'init'; records: SearchRecord[]; locale?: Locale }
  /** Records for the build, in parts (cloning them all in one message held the page); no answer. */
  | { id: number; op: 'collect'; records: SearchRecord[] }
  /** Builds the index over the records collected and these, and answers with its snapshot (SearchIndexSnapshot), its arrays transferred; the worker is done after it. */
  | { id: number; op: 'build'; records: SearchRecord[]; locale?: Locale }
  | { id: number; op: 'search'; query: string; options?: SearchOptions }
  | { id: number; op: 'suggest'; query: string; limit?: number }
  | { id: number; op: 'add' | 'update'; record: SearchRecord }
  | { id: number; op: 'remove'; organizationId: string }
  | { id: number; op: 'locale'; locale: Locale };

export type WorkerResponse =
  | { id: number; ok: true; result: unknown; size: number }
  | { id: number; ok: false; error: string; size: number };

/**
 * A hit as the worker sends it: without the organization, which the page
 * already holds (copying each hit's whole record back is most of a search's
 * cost across threads).
 */
export type WorkerHit = Omit<SearchHit, 'organization'>;

/** Runs one request against an index (`init` is the caller's business). */
export function handleRequest(index: SearchIndex, request: WorkerRequest): unknown {
  switch (request.op) {
    case 'search': {
      const { hits, total, partial, corrected } = index.search(request.query, request.options);
      return { total, ...(partial ? { partial } : {}), ...(corrected !== undefined ? { corrected } : {}), hits: hits.map(({ id, score, matches }): WorkerHit => ({ id, score, matches })) };
    }
    case 'suggest':
      return index.suggest(request.query, request.limit);
    case 'add':
      return index.add(request.record);
    case 'update':
      return index.update(request.record);
    case 'remove':
      return index.remove(request.organizationId);
    case 'locale':
      return index.setLocale(request.locale);
    case 'init':
    case 'collect':
    case 'build':
      throw new Error(`${request.op} is handled by the worker`);
  }
}
