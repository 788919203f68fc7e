/** The matching engine: scores with reasons, the candidate index, allocation, gap report and CSV export. */
export * from './types.js';
export { scoreMatch, matchReasonText } from './scoring.js';
export { createMatchIndex, createAllPairsMatcher, suggestOffersNaive, suggestNeedsNaive, type AllPairsOfferMatcher } from './candidates.js';
export { allocate } from './allocate.js';
export { gapReport } from './gaps.js';
export { toCsv, allocationCsv, gapReportCsv } from './csv.js';
export { MATCHABLE_NEED_STATUSES } from './prepare.js';
export { RELATED_TOP_CATEGORIES, categoryRelation, relatedTopCategories, type CategoryRelation } from './related.js';
