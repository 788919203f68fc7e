import type { SearchFilters, SearchSort } from '@renling/core';

export interface SearchCompletedDetail {
  query: string;
  filters: SearchFilters;
  sort: SearchSort;
  /** Organizations found. Zero-result queries are what residents look for and nobody offers. */
  total: number;
  /** How long the index took to answer, in ms (the worker's round trip included). */
  searchMs: number;
  /**
   * No organization holds every word: the results hold only some of them (a
   * sentence typed as it is said). Like zero results, a sign of demand that
   * finds no exact supply.
   */
  partial: boolean;
  /**
   * Nothing matched the query as typed, and the results are for it read
   * with one slip of the keys fixed (yanglai → yanglao): the query as read;
   * null otherwise.
   */
  corrected: string | null;
}

/**
 * The directory shows the results of a search (fired after they are
 * rendered). A portal can count searches with no results, or only partial
 * ones, to see where demand meets no supply.
 */
export class RlSearchCompletedEvent extends CustomEvent<SearchCompletedDetail> {
  static readonly eventName = 'rl-search-completed';
  constructor(detail: SearchCompletedDetail) {
    super(RlSearchCompletedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rl-search-completed': RlSearchCompletedEvent;
  }
}
