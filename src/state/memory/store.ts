import { MemoryConversationStore } from '../../core/conversation/store.js';
import type { KeySet, KeySetOptions, RateLimit, RateLimitOptions, StateStore, ValueMap } from '../port.js';
import { ExpiringMap, ExpiringSet } from './expiring-set.js';
import { RateLimiter } from './token-buckets.js';

export interface MemoryStateOptions {
  readonly conversationTtlMs?: number;
  readonly now?: () => number;
}

/** One process's state, as policybot has always kept it: no configuration, nothing shared. */
export class MemoryStateStore implements StateStore {
  readonly kind = 'memory' as const;
  readonly conversations: MemoryConversationStore;
  readonly log = undefined;
  private readonly sets = new Map<string, KeySet>();
  private readonly maps = new Map<string, ValueMap>();

  constructor(private readonly options: MemoryStateOptions = {}) {
    this.conversations = new MemoryConversationStore({
      ...(options.conversationTtlMs === undefined ? {} : { ttlMs: options.conversationTtlMs }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  }

  keys(name: string, options: KeySetOptions): KeySet {
    const existing = this.sets.get(name);
    if (existing) return existing;
    const set = memoryKeySet(new ExpiringSet({ ...options, ...this.clock() }));
    this.sets.set(name, set);
    return set;
  }

  values(name: string, options: KeySetOptions): ValueMap {
    const existing = this.maps.get(name);
    if (existing) return existing;
    const map = memoryValueMap(new ExpiringMap<string>({ ...options, ...this.clock() }));
    this.maps.set(name, map);
    return map;
  }

  rateLimit(options: RateLimitOptions): RateLimit {
    return memoryRateLimit(new RateLimiter({ ...this.clock(), ...options }));
  }

  async shared(): Promise<string | undefined> {
    return undefined;
  }

  readiness(): Readonly<Record<string, boolean>> {
    return {};
  }

  async close(): Promise<void> {}

  private clock(): { now?: () => number } {
    return this.options.now === undefined ? {} : { now: this.options.now };
  }
}

/** The port over an in-memory set. */
export function memoryKeySet(set: ExpiringSet): KeySet {
  return {
    firstTime: async (key) => set.firstTime(key),
    add: async (key) => set.add(key),
    has: async (key) => set.has(key),
  };
}

/** The port over an in-memory map. */
export function memoryValueMap(map: ExpiringMap<string>): ValueMap {
  return {
    put: async (key, value) => map.set(key, value),
    get: async (key) => map.get(key),
  };
}

/** The port over in-memory buckets. */
export function memoryRateLimit(limiter: RateLimiter): RateLimit {
  return { enabled: limiter.enabled, take: async (key) => limiter.take(key) };
}
