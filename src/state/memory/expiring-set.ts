export interface ExpiringSetOptions {
  /** How long a key is remembered. Slack retries an event three times within about an hour. */
  readonly ttlMs: number;
  /** At most this many keys are held: the oldest go first, so a flood cannot fill memory. */
  readonly max: number;
  readonly now?: () => number;
}

/**
 * A bounded set of keys that expire: which events were already handled (Slack retries an event it
 * thinks went unanswered), and which threads the bot is talking in.
 */
export class ExpiringSet {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: ExpiringSetOptions) {
    this.ttlMs = options.ttlMs;
    this.max = options.max;
    this.now = options.now ?? Date.now;
  }

  has(key: string): boolean {
    const expires = this.seen.get(key);
    if (expires === undefined) return false;
    if (expires > this.now()) return true;
    this.seen.delete(key);
    return false;
  }

  /** Remembers a key (again, from now). */
  add(key: string): void {
    this.seen.delete(key);
    this.seen.set(key, this.now() + this.ttlMs);
    this.prune();
  }

  /** Remembers a key and says whether it is new: false means it was seen within the TTL. */
  firstTime(key: string): boolean {
    if (this.has(key)) return false;
    this.add(key);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(): void {
    // Keys are in insertion order, which is expiry order: drop from the front.
    const now = this.now();
    for (const [key, expires] of this.seen) {
      if (this.seen.size <= this.max && expires > now) break;
      this.seen.delete(key);
    }
  }
}
