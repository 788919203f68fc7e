/**
 * Loading the whole directory through any adapter and searching it: the
 * adapter's paged lists are read to the end, grouped per organization and
 * indexed, in a worker when the set is large enough for indexing to be felt,
 * and searched in the page.
 */
import {
  createAreaTree,
  createSearchIndex,
  createSearchIndexInWorker,
  SEARCH_WARM_UP_QUERIES as WARM_UP_QUERIES,
  warmUpSearch,
  groupForSearch,
  isAbortError,
  type AreaTree,
  type DataAdapter,
  type Organization,
  type Page,
  type Locale,
  type SearchHit,
  type SearchIndex,
  type SearchOptions,
  type SearchResult,
  type ServiceOffer,
} from '@renling/core';
import type { ResultSource } from './org-results.js';

/** The most an adapter hands out per page (the REST contract's maximum). */
const PAGE_LIMIT = 200;

/** The index, built in this thread or in a worker and answering in this one, behind one asynchronous face. */
export interface DirectorySearch {
  search(query: string, options: SearchOptions): Promise<SearchResult>;
  /** The same, answered at once, where the index is in this thread. */
  searchNow?(query: string, options: SearchOptions): SearchResult;
  suggest(query: string, limit: number): Promise<string[]>;
  /** The language of category labels in matches and suggestions from now on. */
  setLocale(locale: Locale): Promise<void>;
  dispose(): void;
  /** Where it was built, for tests and the benchmark: it answers in the page either way. */
  readonly mode: 'main' | 'worker';
}

export interface DirectoryData {
  organizations: Organization[];
  byId: Map<string, Organization>;
  offersByOrg: Map<string, ServiceOffer[]>;
  areaTree: AreaTree | null;
  search: DirectorySearch;
}

export interface LoadProgress {
  organizations: number;
  /** Null until the first page says. */
  total: number | null;
}

export interface LoadOptions {
  signal: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /** Index in a worker above this many organizations. */
  workerThreshold: number;
  /** Where the worker module is, when not beside the kit's code. */
  workerUrl?: string | URL | null;
  /** The language of category labels in matches and suggestions. */
  locale: Locale;
}

/** Every item of a paged list, page after page (cursors are opaque, so pages cannot be fetched side by side). */
export async function readAll<T>(
  list: (cursor: string | null) => Promise<Page<T>>,
  onPage?: (loaded: number, total: number) => void,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list(cursor);
    out.push(...page.items);
    onPage?.(out.length, page.total);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/**
 * Searches answered in the page's thread, in the task that asked: the
 * results of a keystroke are then in the frame after it. The engine's code
 * paths are warmed up one query per idle period, so a resident's first
 * letters do not pay for compiling them; idle callbacks, not timers, so that
 * a warm-up query never holds up a keystroke that arrives meanwhile.
 */
function pageSearch(index: SearchIndex, mode: DirectorySearch['mode']): DirectorySearch {
  // not in every browser yet (Safari)
  const idle = 'requestIdleCallback' in globalThis;
  let warmUp: number | undefined;
  const queries = [...WARM_UP_QUERIES];
  const schedule = (): void => {
    warmUp = idle ? requestIdleCallback(next) : window.setTimeout(next, 0);
  };
  const next = (deadline?: IdleDeadline): void => {
    // a short idle period (between two frames while typing) is left alone
    if (deadline && deadline.timeRemaining() < WARM_UP_IDLE_MS) return schedule();
    const query = queries.shift();
    if (query === undefined) return;
    warmUpSearch(index, query);
    schedule();
  };
  schedule();
  return {
    mode,
    search: (query, options) => Promise.resolve(index.search(query, options)),
    searchNow: (query, options) => index.search(query, options),
    suggest: (query, limit) => Promise.resolve(index.suggest(query, limit)),
    setLocale: (next) => Promise.resolve(index.setLocale(next)),
    dispose: () => (idle ? cancelIdleCallback(warmUp ?? 0) : clearTimeout(warmUp)),
  };
}

export async function loadDirectory(adapter: DataAdapter, options: LoadOptions): Promise<DirectoryData> {
  const { signal, onProgress } = options;
  // areas only name things: a source without them still gives a usable directory
  const areasPromise = adapter.listAreas({ signal }).then(
    (areas) => {
      try {
        return createAreaTree(areas);
      } catch {
        return null;
      }
    },
    (error: unknown) => {
      if (isAbortError(error)) throw error;
      return null;
    },
  );
  const [organizations, offers, areaTree] = await Promise.all([
    readAll(
      (cursor) => adapter.listOrganizations({ cursor, limit: PAGE_LIMIT, signal }),
      (loaded, total) => onProgress?.({ organizations: loaded, total }),
    ),
    readAll((cursor) => adapter.listOffers({ cursor, limit: PAGE_LIMIT, signal })),
    areasPromise,
  ]);
  signal.throwIfAborted();
  const offersByOrg = new Map<string, ServiceOffer[]>();
  for (const offer of offers) {
    const list = offersByOrg.get(offer.organizationId);
    if (list) list.push(offer);
    else offersByOrg.set(offer.organizationId, [offer]);
  }
  const records = groupForSearch(organizations, offers);
  let search: DirectorySearch;
  if (organizations.length > options.workerThreshold && typeof Worker === 'function') {
    try {
      // built in a worker, then moved here to answer each keystroke without a round trip
      const { workerUrl, locale } = options;
      search = pageSearch(await createSearchIndexInWorker(records, workerUrl ? { workerUrl, locale } : { locale }), 'worker');
    } catch {
      // a page whose CSP forbids workers (or a worker file that is not there) still gets a directory, indexed here
      search = pageSearch(createSearchIndex(records, { locale: options.locale }), 'main');
    }
  } else search = pageSearch(createSearchIndex(records, { locale: options.locale }), 'main');
  if (signal.aborted) {
    search.dispose();
    signal.throwIfAborted();
  }
  return { organizations, byId: new Map(organizations.map((o) => [o.id, o])), offersByOrg, areaTree, search };
}

/**
 * Hits per request as the list scrolls: about a screenful. Each keystroke
 * asks for the first page only, so a small page is what keeps typing fast
 * (the hits with their highlights cross from the worker, and every one is
 * rendered or waits in memory); the index answers a further page of the
 * same search without matching it again.
 */
export const RESULT_PAGE = 20;
/** Idle time, in ms, a warm-up query waits for: the slowest take about this long the first time. */
const WARM_UP_IDLE_MS = 12;

/**
 * One search's results, fetched a page at a time as the list asks for rows.
 * `onChange` runs when a page arrives; a window whose search was superseded
 * is simply dropped, and its late pages land nowhere.
 */
export class ResultWindow implements ResultSource {
  readonly total: number;
  /** No organization holds every word of the search: these hold the most of them. */
  readonly partial: boolean;
  /** Nothing matched the search as typed: these match it as read with one slip fixed (yanglai → yanglao, sequ → shequ). */
  readonly corrected: string | null;
  private readonly pages = new Map<number, SearchHit[]>();
  private readonly loading = new Set<number>();

  constructor(
    first: SearchResult,
    private readonly fetchPage: (offset: number) => Promise<SearchResult>,
    private readonly onChange: () => void,
  ) {
    this.total = first.total;
    this.partial = first.partial === true;
    this.corrected = first.corrected ?? null;
    this.pages.set(0, first.hits);
  }

  /** The hits of the first page, for the empty check and the announcement. */
  get firstHits(): readonly SearchHit[] {
    return this.pages.get(0) ?? [];
  }

  hit(index: number): SearchHit | undefined {
    return this.pages.get(Math.floor(index / RESULT_PAGE))?.[index % RESULT_PAGE];
  }

  need(first: number, last: number): void {
    const to = Math.min(Math.floor(last / RESULT_PAGE), Math.floor((this.total - 1) / RESULT_PAGE));
    for (let page = Math.max(0, Math.floor(first / RESULT_PAGE)); page <= to; page++) {
      if (this.pages.has(page) || this.loading.has(page)) continue;
      this.loading.add(page);
      this.fetchPage(page * RESULT_PAGE).then(
        (result) => {
          this.loading.delete(page);
          this.pages.set(page, result.hits);
          this.onChange();
        },
        () => {
          // the row stays a placeholder; scrolling past it and back asks again
          this.loading.delete(page);
        },
      );
    }
  }
}
