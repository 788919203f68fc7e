/**
 * The fault switchboard of the mock API: a plain mutable object that tests,
 * stories and the demo flip to make the network misbehave in one named way.
 *
 * A counted switch is off when `false` or `0`, on for every request when
 * `true` or `'always'`, and on for the next N requests when a positive number
 * N (each request it hits counts it down by one).
 */

export type FaultCount = boolean | number | 'always';

export interface RateLimitFault {
  /** How many of the next requests get 429 (`'always'` for all). */
  count: number | 'always';
  /** Seconds, sent as `Retry-After`. */
  retryAfter: number;
}

export interface FaultSwitches {
  /** Milliseconds every request waits before it is answered. */
  latency: number;
  /** No connection: the request fails at once with a network error (`HttpResponse.error()`). */
  offline: FaultCount;
  /** 500 with the contract's error body, kind `server`; nothing reaches the engine. */
  status500: FaultCount;
  /** 429 with `Retry-After` and kind `rate-limited`; nothing reaches the engine. */
  rateLimit: RateLimitFault | null;
  /**
   * The server never answers: the request hangs until the client aborts it
   * (or `reset()` releases it as a network error); nothing reaches the engine.
   */
  timeout: FaultCount;
  /** The engine answers, but the JSON body is cut off halfway (status and headers kept). */
  malformedJson: FaultCount;
  /** A 502 HTML page from a proxy in front of the API, instead of JSON; nothing reaches the engine. */
  htmlError: FaultCount;
  /**
   * Writes only: the engine commits the write, then the client gets a network
   * error instead of the answer, as when a phone loses signal mid-response.
   * A retry with the same idempotency key must leave exactly one record.
   */
  loseResponse: FaultCount;
}

export const defaultFaults = (): FaultSwitches => ({
  latency: 0,
  offline: false,
  status500: false,
  rateLimit: null,
  timeout: false,
  malformedJson: false,
  htmlError: false,
  loseResponse: false,
});

/** Whether a counted switch fires now; counts it down when it is a number. */
export function takeFault<K extends Exclude<keyof FaultSwitches, 'latency' | 'rateLimit'>>(
  faults: FaultSwitches,
  name: K,
): boolean {
  const value = faults[name];
  if (value === true || value === 'always') return true;
  if (typeof value === 'number' && value > 0) {
    faults[name] = value - 1;
    return true;
  }
  return false;
}

/** The rate limit's Retry-After when it fires now, else null. */
export function takeRateLimit(faults: FaultSwitches): number | null {
  const limit = faults.rateLimit;
  if (!limit) return null;
  if (limit.count === 'always') return limit.retryAfter;
  if (limit.count > 0) {
    faults.rateLimit = { ...limit, count: limit.count - 1 };
    return limit.retryAfter;
  }
  return null;
}
