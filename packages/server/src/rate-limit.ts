/**
 * Fixed-window request counters per address and per account, in memory.
 * Several server processes each count their own share; a deployment behind
 * a load balancer should also limit there.
 */

export interface RateRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Every request from one address. */
  perAddress: RateRule;
  /** Writes (POST, PUT) from one address: anonymous need submissions and bookings mostly. */
  writesPerAddress: RateRule;
  /** Every request of one account or resident token, from wherever. */
  perAccount: RateRule;
  /** Sign-in attempts from one address, and for one username (password guessing). */
  loginPerAddress: RateRule;
  loginPerUsername: RateRule;
}

const MINUTE = 60_000;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perAddress: { limit: 600, windowMs: MINUTE },
  writesPerAddress: { limit: 60, windowMs: MINUTE },
  perAccount: { limit: 1200, windowMs: MINUTE },
  loginPerAddress: { limit: 20, windowMs: 15 * MINUTE },
  loginPerUsername: { limit: 10, windowMs: 15 * MINUTE },
};

interface Window {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request; null when allowed, else the seconds until the window resets. */
  hit(key: string, rule: RateRule): number | null {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size > 100_000) this.sweep(now);
      window = { count: 0, resetAt: now + rule.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > rule.limit ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : null;
  }

  /** Drops ended windows, so a flood of addresses cannot grow the map without end. */
  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
