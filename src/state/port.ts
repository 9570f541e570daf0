import type { ConversationStore } from '../core/conversation/store.js';

/**
 * What `policybot serve` keeps between requests, and so what several replicas behind one load
 * balancer must share: conversations (follow-ups), keys that expire (Slack's event ids, the threads
 * the bot talks in) and per-user rate-limit buckets. In this process's memory by default; in Redis
 * when POLICYBOT_REDIS_URL is set (see docs/deploy.md).
 *
 * Every call is bounded in time and never throws: a question needs no state to be answered, so a
 * store that cannot be reached answers as a store that remembers nothing (or, where that is safe,
 * as this replica's own memory would; see redis/store.ts).
 */
export interface StateStore {
  readonly kind: 'memory' | 'redis';
  /** Idle conversations are forgotten after the TTL; reading one refreshes it. */
  readonly conversations: ConversationStore;
  /** A named set of keys that expire, e.g. `keys('slack:events', …)`; one set per name. */
  keys(name: string, options: KeySetOptions): KeySet;
  /** A named map of values that expire, e.g. what each answer was, for its feedback buttons. */
  values(name: string, options: KeySetOptions): ValueMap;
  rateLimit(options: RateLimitOptions): RateLimit;
  /**
   * A value made once and then the same for every replica: the first caller's `make()` wins.
   * Memory keeps it for this process only (the caller decides what that means, e.g. a salt file).
   */
  shared(name: string, make: () => string): Promise<string | undefined>;
  /**
   * An append-only log every replica writes to and any process can read back (the curators'
   * record, read by `policybot report`); none in memory, where each process keeps its own file.
   */
  readonly log: SharedLog | undefined;
  /** Checks for /readyz by name (`redis`); none for memory, which cannot be lost. */
  readiness(): Readonly<Record<string, boolean>>;
  /** Stops reconnecting and closes the connection; pending calls settle first. */
  close(): Promise<void>;
}

export interface KeySetOptions {
  /** How long a key is remembered from when it was (last) added. */
  readonly ttlMs: number;
  /** At most this many keys are held, the oldest dropped first (in Redis: for value maps, by one script). */
  readonly max: number;
}

export interface KeySet {
  /**
   * Remembers the key and says whether it is new: false means it was already there within the
   * TTL. Atomic: of two replicas claiming the same key at once, exactly one gets true.
   */
  firstTime(key: string): Promise<boolean>;
  /** Remembers a key (again, from now). */
  add(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
}

export interface ValueMap {
  /** Keeps the value under the key for the TTL (again, from now). */
  put(key: string, value: string): Promise<void>;
  /** The value, or undefined once it expired, or when it cannot be read. */
  get(key: string): Promise<string | undefined>;
}

export interface RateLimitOptions {
  /** Questions one user may ask in a burst; 0 turns limiting off. */
  readonly capacity: number;
  readonly refillPerMinute: number;
  /** Users remembered at most (memory): a flood of new ids must not grow memory without bound. */
  readonly maxUsers?: number;
  readonly now?: () => number;
}

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number };

/** Per-user token buckets, one atomic step per question. */
export interface RateLimit {
  readonly enabled: boolean;
  /** Takes one token from the key's bucket, or says how long until one is there. */
  take(key: string): Promise<RateDecision>;
}

/** Lines appended by every replica, kept in time order and trimmed to a bounded length. */
export interface SharedLog {
  /** Appends a line; false when it could not be kept (the caller keeps it elsewhere). */
  append(name: string, line: string): Promise<boolean>;
  /** Every line kept at or after `since`, oldest first. Unlike the other calls it may throw. */
  read(name: string, since?: Date): Promise<string[]>;
}
