/**
 * Messages between createSearchWorker and search.worker.ts. Each request
 * carries an id its response echoes, so calls may overlap.
 */
import type { SearchIndex, SearchOptions, SearchRecord } from './types.js';

export type WorkerRequest =
  | { id: number; op: 'init'; records: SearchRecord[] }
  | { id: number; op: 'search'; query: string; options?: SearchOptions }
  | { id: number; op: 'suggest'; query: string; limit?: number }
  | { id: number; op: 'add' | 'update'; record: SearchRecord }
  | { id: number; op: 'remove'; organizationId: string };

export type WorkerResponse =
  | { id: number; ok: true; result: unknown; size: number }
  | { id: number; ok: false; error: string; size: number };

/** Runs one request against an index (`init` is the caller's business). */
export function handleRequest(index: SearchIndex, request: WorkerRequest): unknown {
  switch (request.op) {
    case 'search':
      return index.search(request.query, request.options);
    case 'suggest':
      return index.suggest(request.query, request.limit);
    case 'add':
      return index.add(request.record);
    case 'update':
      return index.update(request.record);
    case 'remove':
      return index.remove(request.organizationId);
    case 'init':
      throw new Error('init is handled by the worker');
  }
}
