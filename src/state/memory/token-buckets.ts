import type { RateDecision, RateLimitOptions } from '../port.js';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-user token buckets: each person may ask `capacity` questions at once, and earns one more
 * every 60/refillPerMinute seconds. One person's burst empties only their own bucket, so nobody
 * else waits for it.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly maxUsers: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.perMs = options.refillPerMinute / 60_000;
    this.maxUsers = options.maxUsers ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.capacity > 0;
  }

  /** Users remembered now. */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token from the user's bucket, or says how long until one is there. */
  take(user: string): RateDecision {
    if (!this.enabled) return { allowed: true };
    const now = this.now();
    const { capacity } = this.options;
    const bucket = this.buckets.get(user);
    const tokens =
      bucket === undefined ? capacity : Math.min(capacity, bucket.tokens + (now - bucket.at) * this.perMs);
    // Re-inserted on every use, so the map's order is least recently used first.
    this.buckets.delete(user);
    if (tokens < 1) {
      this.buckets.set(user, { tokens, at: now });
      return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / this.perMs) };
    }
    this.buckets.set(user, { tokens: tokens - 1, at: now });
    this.evict();
    return { allowed: true };
  }

  /**
   * Past `maxUsers`, the least recently seen users are forgotten: at worst someone who has been
   * quiet longest gets a fresh burst, which is what their bucket would soon hold anyway.
   */
  private evict(): void {
    for (const user of this.buckets.keys()) {
      if (this.buckets.size <= this.maxUsers) return;
      this.buckets.delete(user);
    }
  }
}
