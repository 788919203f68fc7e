/**
 * Dates derive from one fixed base, 2026-11-01T00:00:00+08:00, never from the
 * clock, so a dataset is the same whenever and wherever it is generated.
 */

/** 2026-11-01T00:00:00+08:00 in epoch milliseconds. */
export const BASE_MS = Date.UTC(2026, 9, 31, 16, 0, 0);
export const BASE_DATE = '2026-11-01T00:00:00+08:00';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const CST_OFFSET = 8 * HOUR;

// Formatting through Date objects dominated generation time at city scale, so
// days are formatted once and cached, and times of day come from a table.
const dayCache = new Map<number, string>();
const dayString = (day: number): string => {
  let s = dayCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    dayCache.set(day, s);
  }
  return s;
};
const two = (n: number): string => (n < 10 ? '0' : '') + String(n);
const HH_MM: readonly string[] = Array.from({ length: 24 * 60 }, (_, m) => `${two(Math.floor(m / 60))}:${two(m % 60)}`);

/** ISO timestamp in UTC (the form `Date#toISOString` gives). */
export const isoTimestamp = (ms: number): string => {
  if (ms % MINUTE !== 0) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY);
  const minute = (ms - day * DAY) / MINUTE;
  return `${dayString(day)}T${HH_MM[minute] ?? '00:00'}:00.000Z`;
};

/** The calendar date in China Standard Time, YYYY-MM-DD. */
export const isoDate = (ms: number): string => dayString(Math.floor((ms + CST_OFFSET) / DAY));

/** The calendar date in China Standard Time, YYYYMMDD. */
export const compactDate = (ms: number): string => {
  const s = isoDate(ms);
  return s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10);
};

/** A time of day in working hours (08:00–20:00 CST) on the day `daysAgo` days before the base. */
export const workingTime = (daysAgo: number, minuteOfDay: number): number =>
  BASE_MS - daysAgo * DAY + (8 * 60 + (minuteOfDay % (12 * 60))) * MINUTE;
