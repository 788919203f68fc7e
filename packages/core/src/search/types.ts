import type { Audience, Locale, Organization, OrganizationType, Rating, RegistrationStatus, ServiceOffer } from '../model.js';
import type { ReadingTable } from './readings.js';

/** One organization with its offers: the unit the directory searches. */
export interface SearchRecord {
  organization: Organization;
  offers: ServiceOffer[];
}

export interface SearchFilters {
  /** Top level or item; matches the organization's categoryCodes or any offer's category. */
  categoryCode?: string;
  /** Any level; the organization serves an area within or containing it. */
  areaCode?: string;
  type?: OrganizationType[];
  registration?: RegistrationStatus[];
  /** '3A' means 3A, 4A or 5A. */
  minRating?: Rating;
  /** Any offer with one of these audiences. */
  audience?: Audience[];
  /** Any open offer with places left. */
  hasCapacity?: boolean;
}

export type SearchSort = 'relevance' | 'rating' | 'name' | 'updated';

export interface SearchMatch {
  field: 'name' | 'offer' | 'tag' | 'category' | 'description';
  /** The field's text as stored (for a category: the label or synonym that matched). */
  text: string;
  /** Half-open [start, end) UTF-16 ranges in `text`, sorted and disjoint. */
  ranges: [number, number][];
  offerId?: string;
  /** For `category` matches: the category's code. */
  categoryCode?: string;
}

export interface SearchHit {
  id: string;
  score: number;
  organization: Organization;
  /** What matched, field by field, for highlighting: worked out when first read (an enumerable getter, so copies and structured clones hold it). */
  matches: SearchMatch[];
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /**
   * No organization holds every word of the query (a sentence typed as it is
   * said: 家里老人需要助浴): the hits hold the most of its words the
   * directory knows, the rarer words counting more.
   */
  partial?: boolean;
  /**
   * Nothing matched the query as typed, and a word of letters in it was read
   * as the likeliest pinyin one letter away (yanglai → yanglao): the query
   * as read. The hits are its matches.
   */
  corrected?: string;
}

export interface SearchOptions {
  /** Hits to return (default 20); `Infinity` for all. */
  limit?: number;
  offset?: number;
  filters?: SearchFilters;
  sort?: SearchSort;
}

export interface SearchIndex {
  /** An empty query with filters browses everything that matches, sorted. */
  search(query: string, options?: SearchOptions): SearchResult;
  /**
   * Completions for a combobox, each showing the typed text, those beginning
   * with it first: category labels and (zh-CN) synonyms, then organization
   * names and offer titles of the best hits.
   */
  suggest(query: string, limit?: number): string[];
  /** Adds a record; a record whose organization id is already indexed replaces it. */
  add(record: SearchRecord): void;
  update(record: SearchRecord): void;
  remove(organizationId: string): void;
  /** The language of category labels in matches and suggestions from now on. */
  setLocale(locale: Locale): void;
  readonly size: number;
}

export interface SearchIndexOptions {
  /** Pinyin and traditional→simplified data; the generated table by default. */
  readings?: ReadingTable;
  /** The language of category labels in matches and suggestions (default zh-CN). */
  locale?: Locale;
}

/** The same API with the index in a Web Worker. */
export interface AsyncSearchIndex {
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  suggest(query: string, limit?: number): Promise<string[]>;
  add(record: SearchRecord): Promise<void>;
  update(record: SearchRecord): Promise<void>;
  remove(organizationId: string): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  /** Settles when the worker has built the index (rejects if it could not). */
  ready: Promise<void>;
  /** Records indexed, as of the last completed call. */
  readonly size: number;
  terminate(): void;
}
