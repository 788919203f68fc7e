/** The matching engine: scores with reasons, the candidate index, allocation, gap report and CSV export. */
export * from './types.js';
