import type { Redis } from 'ioredis';
import type { ConversationState, ConversationStore } from '../../core/conversation/store.js';
import { parseConversationState } from '../../core/conversation/stored-state.js';
import type { Logger } from '../../runtime/logger.js';
import { ExpiringMap, ExpiringSet } from '../memory/expiring-set.js';
import { RateLimiter } from '../memory/token-buckets.js';
import type {
  KeySet,
  KeySetOptions,
  RateDecision,
  RateLimit,
  RateLimitOptions,
  SharedLog,
  StateStore,
  ValueMap,
} from '../port.js';
import { connectClient, describeUrl, scrub } from './connect.js';
import { boundedPut } from './bounded-put.js';
import { tokenBucket } from './token-bucket.js';

export interface RedisStateOptions {
  readonly url: string;
  /** Every key begins with it, so two bots (or two stages) can share one server. */
  readonly prefix: string;
  readonly timeoutMs: number;
  readonly conversationTtlMs: number;
  readonly logger: Logger;
  readonly connectTimeoutMs?: number;
}

/** Entries the shared log keeps at most (about as many as the unanswered file and its 3 rotations). */
export const LOG_MAX_ENTRIES = 100_000;
const READ_BATCH = 5000;

/** Connects (or fails the start, naming POLICYBOT_REDIS_URL) and returns the store. */
export async function connectRedisState(options: RedisStateOptions): Promise<RedisStateStore> {
  const client = await connectClient(options.url, {
    timeoutMs: options.timeoutMs,
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
  });
  return new RedisStateStore(client, options);
}

/**
 * State shared by every replica, in Redis. Each call is one atomic command (or script), bounded
 * by the client's command timeout, and never throws. While Redis cannot be reached:
 * - conversations remember nothing (a follow-up is asked "about what?"): a topic kept locally
 *   could be stale by the time Redis is back, and a wrong follow-up is worse than a question back;
 * - key sets (Slack event ids, threads) answer from this replica's own copy of what it added,
 *   and rate limits from this replica's own buckets: each replica then works as if it were alone,
 *   which is what the in-memory store does anyway;
 * - /readyz says `"redis": false` (also while a connected server answers nothing), and the
 *   client reconnects by itself.
 */
export class RedisStateStore implements StateStore {
  readonly kind = 'redis' as const;
  readonly conversations: ConversationStore;
  readonly log: SharedLog;
  private readonly sets = new Map<string, KeySet>();
  private readonly maps = new Map<string, ValueMap>();
  private readonly take: ReturnType<typeof tokenBucket>;
  private readonly put: ReturnType<typeof boundedPut>;
  /** The shared values this replica uses, put back after Redis restarts empty. */
  private readonly kept = new Map<string, string>();
  /** A call failed since the last success: the first failure of an outage is logged, not every one. */
  private failing = false;
  private lost = false;
  private probing = false;
  private closed = false;

  constructor(
    private readonly client: Redis,
    private readonly options: RedisStateOptions,
  ) {
    this.take = tokenBucket(client);
    this.put = boundedPut(client);
    const { logger } = options;
    const where = describeUrl(options.url);
    client.on('error', (error: Error) => {
      if (!this.lost && !this.closed)
        logger.warn({ redis: where, err: scrub(error.message, options.url) }, 'redis error');
    });
    client.on('close', () => {
      if (this.lost || this.closed) return;
      this.lost = true;
      logger.warn(
        { redis: where },
        'redis connection lost: answering without shared state until it is back (reconnecting)',
      );
    });
    client.on('ready', () => {
      if (!this.lost) return;
      this.lost = false;
      this.failing = false;
      logger.info({ redis: where }, 'redis connection back');
      void this.reassertShared();
    });
    const ttl = options.conversationTtlMs;
    this.conversations = {
      get: (id) =>
        this.call(
          'conversation get',
          // GETEX reads and refreshes the idle time in one step: reading counts as use.
          async () => parseState(await client.getex(this.key('conv', id), 'PX', ttl)),
          () => undefined,
        ),
      set: (id, state) =>
        this.call(
          'conversation set',
          async () => {
            await client.set(this.key('conv', id), JSON.stringify(state), 'PX', ttl);
          },
          () => undefined,
        ),
    };
    this.log = {
      append: (name, line) =>
        this.call(
          'log append',
          async () =>
            (await client.xadd(this.key('log', name), 'MAXLEN', '~', LOG_MAX_ENTRIES, '*', 'line', line)) !==
            null,
          () => false,
        ),
      read: (name, since) => this.readLog(name, since),
    };
  }

  keys(name: string, options: KeySetOptions): KeySet {
    const existing = this.sets.get(name);
    if (existing) return existing;
    const { client } = this;
    const ttl = options.ttlMs;
    // What this replica added, consulted only while Redis cannot be reached.
    const local = new ExpiringSet(options);
    const key = (k: string) => this.key('keys', name, k);
    const set: KeySet = {
      firstTime: (k) =>
        this.call(
          'keys first-time',
          async () => {
            // What this replica took while Redis was away counts too: a retry of an event answered
            // during the outage, arriving once Redis is back (where the claim never reached), is
            // still a retry. The claim is written either way, so other replicas learn of it.
            const seenHere = local.has(k);
            const fresh = (await client.set(key(k), '1', 'PX', ttl, 'NX')) === 'OK';
            local.add(k);
            return fresh && !seenHere;
          },
          () => local.firstTime(k),
        ),
      add: (k) => {
        local.add(k);
        return this.call(
          'keys add',
          async () => {
            await client.set(key(k), '1', 'PX', ttl);
          },
          () => undefined,
        );
      },
      has: (k) =>
        this.call(
          'keys has',
          async () => (await client.exists(key(k))) === 1,
          () => local.has(k),
        ),
    };
    this.sets.set(name, set);
    return set;
  }

  values(name: string, options: KeySetOptions): ValueMap {
    const existing = this.maps.get(name);
    if (existing) return existing;
    const { client } = this;
    // What this replica put, consulted only while Redis cannot be reached.
    const local = new ExpiringMap<string>(options);
    const key = (k: string) => this.key('values', name, k);
    const map: ValueMap = {
      put: (k, value) => {
        local.set(k, value);
        return this.call(
          'values put',
          async () => {
            // At most `max` values, as in memory: the oldest go first (one script, atomic).
            await this.put(key(k), this.key('index', name), value, options.ttlMs, k, options.max, key(''));
          },
          () => undefined,
        );
      },
      get: (k) =>
        this.call(
          'values get',
          async () => (await client.get(key(k))) ?? undefined,
          () => local.get(k),
        ),
    };
    this.maps.set(name, map);
    return map;
  }

  rateLimit(options: RateLimitOptions): RateLimit {
    const local = new RateLimiter(options);
    const perMs = options.refillPerMinute / 60_000;
    return {
      enabled: local.enabled,
      take: async (k): Promise<RateDecision> => {
        if (!local.enabled) return { allowed: true };
        return this.call(
          'rate limit',
          async () => {
            const [allowed, retryAfterMs] = await this.take(this.key('rate', k), options.capacity, perMs);
            return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs };
          },
          () => local.take(k),
        );
      },
    };
  }

  shared(name: string, make: () => string): Promise<string | undefined> {
    const key = this.key('shared', name);
    return this.call(
      'shared value',
      async () => {
        // The first replica's value wins; every other reads it back.
        await this.client.set(key, make(), 'NX');
        const value = (await this.client.get(key)) ?? undefined;
        if (value !== undefined) this.kept.set(name, value);
        return value;
      },
      () => undefined,
    );
  }

  /**
   * A Redis that restarted without persistence has lost the shared values (the user-pseudonym
   * salt): each replica puts back the one it holds as soon as it is connected again, so a replica
   * started after the restart reads the same value instead of making a new one. A different value
   * found there (a replica started during the outage made one) is logged: the replicas disagree
   * until they are restarted, or POLICYBOT_USER_HASH_KEY is set.
   */
  private async reassertShared(): Promise<void> {
    for (const [name, value] of this.kept) {
      const key = this.key('shared', name);
      const found = await this.call(
        'shared value',
        async () => {
          await this.client.set(key, value, 'NX');
          return (await this.client.get(key)) ?? undefined;
        },
        () => undefined,
      );
      if (found !== undefined && found !== value)
        this.options.logger.error(
          { name },
          "the shared value in Redis differs from this replica's (Redis restarted without persistence and another replica made a new one): set POLICYBOT_USER_HASH_KEY on every replica",
        );
    }
  }

  /**
   * Connected, and the last call answered: a server that holds the connection but answers nothing
   * (frozen, overloaded) is not ready either. Asked while calls are failing, it sends a PING of its
   * own, so readiness comes back even when no traffic does (a balancer stops sending it).
   */
  readiness(): Readonly<Record<string, boolean>> {
    const connected = this.client.status === 'ready';
    if (connected && this.failing && !this.probing) {
      this.probing = true;
      void this.call(
        'ping',
        async () => {
          await this.client.ping();
        },
        () => undefined,
      ).finally(() => {
        this.probing = false;
      });
    }
    return { redis: connected && !this.failing };
  }

  async close(): Promise<void> {
    this.closed = true;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  /** The full key: prefix, then the parts joined by ':'. */
  private key(...parts: string[]): string {
    return `${this.options.prefix}${parts.join(':')}`;
  }

  private async call<T>(what: string, work: () => Promise<T>, fallback: () => T): Promise<T> {
    try {
      const result = await work();
      this.failing = false;
      return result;
    } catch (error) {
      if (!this.failing && !this.closed) {
        this.failing = true;
        this.options.logger.warn(
          { op: what, err: scrub((error as Error).message, this.options.url) },
          'redis call failed: answering without shared state',
        );
      }
      return fallback();
    }
  }

  private async readLog(name: string, since?: Date): Promise<string[]> {
    const key = this.key('log', name);
    const lines: string[] = [];
    // Stream ids begin with the time in ms, so "since" is where the range starts.
    let start = since === undefined ? '-' : String(since.getTime());
    for (;;) {
      const batch = await this.client.xrange(key, start, '+', 'COUNT', READ_BATCH);
      for (const [, fields] of batch) {
        const at = fields.indexOf('line');
        const line = at === -1 ? undefined : fields[at + 1];
        if (line !== undefined) lines.push(line);
      }
      const last = batch.at(-1);
      if (last === undefined || batch.length < READ_BATCH) return lines;
      start = `(${last[0]}`;
    }
  }
}

/** A stored conversation, or nothing when it is missing or not what this code wrote. */
function parseState(raw: string | null): ConversationState | undefined {
  if (raw === null) return undefined;
  try {
    return parseConversationState(JSON.parse(raw));
  } catch {
    return undefined;
  }
}
