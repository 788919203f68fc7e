/**
 * Search over organizations and their offers, without the DOM: in the page
 * (createSearchIndex) or in a Web Worker (createSearchWorker).
 */
export type {
  AsyncSearchIndex,
  SearchFilters,
  SearchHit,
  SearchIndex,
  SearchIndexOptions,
  SearchMatch,
  SearchOptions,
  SearchRecord,
  SearchResult,
  SearchSort,
} from './types.js';
export { createSearchIndex, groupForSearch } from './engine.js';
export { createSmallPicker, type SmallPicker } from './fuzzy.js';
export { ReadingTable, defaultReadings, type ReadingData } from './readings.js';
export { fold as foldSearchText } from './text.js';
export { createSearchIndexInWorker, createSearchWorker, type SearchWorkerOptions } from './worker-client.js';
export { SEARCH_WARM_UP_QUERIES, warmUpOne as warmUpSearch } from './warm-up.js';
export type { WorkerRequest, WorkerResponse } from './protocol.js';
