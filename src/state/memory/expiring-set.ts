export interface ExpiringSetOptions {
  /** How long a key is remembered. Slack retries an event three times within about an hour. */
  readonly ttlMs: number;
  /** At most this many keys are held: the oldest go first, so a flood cannot fill memory. */
  readonly max: number;
  readonly now?: () => number;
}

/**
 * A bounded map whose entries expire: what an answer was (for its feedback buttons) for a day,
 * and under ExpiringSet, which events were already handled and which threads the bot talks in.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: ExpiringSetOptions) {
    this.ttlMs = options.ttlMs;
    this.max = options.max;
    this.now = options.now ?? Date.now;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets a key (again, from now). */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    this.prune();
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    // Keys are in insertion order, which is expiry order: drop from the front.
    const now = this.now();
    for (const [key, { expires }] of this.entries) {
      if (this.entries.size <= this.max && expires > now) break;
      this.entries.delete(key);
    }
  }
}

/**
 * A bounded set of keys that expire: which events were already handled (Slack retries an event it
 * thinks went unanswered), and which threads the bot is talking in.
 */
export class ExpiringSet {
  private readonly map: ExpiringMap<true>;

  constructor(options: ExpiringSetOptions) {
    this.map = new ExpiringMap(options);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Remembers a key (again, from now). */
  add(key: string): void {
    this.map.set(key, true);
  }

  /** Remembers a key and says whether it is new: false means it was seen within the TTL. */
  firstTime(key: string): boolean {
    if (this.has(key)) return false;
    this.add(key);
    return true;
  }

  get size(): number {
    return this.map.size;
  }
}
