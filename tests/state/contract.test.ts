import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../scripts/redis-server.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { MemoryStateStore } from '../../src/state/memory/store.js';
import type { StateStore } from '../../src/state/port.js';
import { connectRedisState } from '../../src/state/redis/store.js';

// The same behaviours from both stores, then what only a shared one can do: two stores on one
// real redis-server stand for two replicas.
let redis: TestRedis;
let raw: Redis;
const open: StateStore[] = [];
let seq = 0;

beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url());
});

afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  raw?.disconnect();
  await redis?.stop();
});

/** A Redis store, as a replica opens it; the same prefix makes two of them replicas of one bot. */
async function redisStore(prefix = `t${++seq}:`, conversationTtlMs = 60_000): Promise<StateStore> {
  const store = await connectRedisState({
    url: redis.url(),
    prefix,
    // Generous for a loaded test machine: these tests are about what is shared, not about speed.
    timeoutMs: 2000,
    conversationTtlMs,
    logger: silentLogger,
  });
  open.push(store);
  return store;
}

const kinds: Record<string, (ttlMs?: number) => Promise<StateStore>> = {
  memory: async (ttlMs = 60_000) => new MemoryStateStore({ conversationTtlMs: ttlMs }),
  redis: (ttlMs) => redisStore(undefined, ttlMs),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(Object.keys(kinds))('the %s state store', (kind) => {
  const make = kinds[kind] as (ttlMs?: number) => Promise<StateStore>;

  it('remembers a conversation until it has been idle for the TTL, reading it counting as use', async () => {
    const store = await make(700);
    expect(await store.conversations.get('c1')).toBeUndefined();
    await store.conversations.set('c1', { topic: 'threat.drugs' });
    await sleep(400);
    expect(await store.conversations.get('c1')).toEqual({ topic: 'threat.drugs' });
    await sleep(400);
    // 800 ms after it was set, but only 400 since it was last read.
    expect(await store.conversations.get('c1')).toEqual({ topic: 'threat.drugs' });
    await sleep(900);
    expect(await store.conversations.get('c1')).toBeUndefined();
  });

  it('claims a key once within its TTL, and forgets it after', async () => {
    const store = await make();
    const events = store.keys('events', { ttlMs: 800, max: 100 });
    expect(await events.firstTime('Ev1')).toBe(true);
    expect(await events.firstTime('Ev1')).toBe(false);
    expect(await events.has('Ev1')).toBe(true);
    expect(await events.has('Ev2')).toBe(false);
    await events.add('Ev2');
    expect(await events.has('Ev2')).toBe(true);
    // Sets of different names do not meet.
    expect(await store.keys('threads', { ttlMs: 800, max: 100 }).has('Ev1')).toBe(false);
    await sleep(1000);
    expect(await events.has('Ev1')).toBe(false);
    expect(await events.firstTime('Ev1')).toBe(true);
  });

  it('keeps a value under its key until the TTL, each name a map of its own', async () => {
    const store = await make();
    const answers = store.values('answers', { ttlMs: 800, max: 100 });
    expect(await answers.get('ref-1')).toBeUndefined();
    await answers.put('ref-1', '{"question":"fentanyl?"}');
    expect(await answers.get('ref-1')).toBe('{"question":"fentanyl?"}');
    expect(await store.values('other', { ttlMs: 800, max: 100 }).get('ref-1')).toBeUndefined();
    await sleep(1000);
    expect(await answers.get('ref-1')).toBeUndefined();
  });

  it('allows a burst of `capacity`, then says how long to wait, then refills', async () => {
    const store = await make();
    // 6000 a minute: one token every 10 ms.
    const limit = store.rateLimit({ capacity: 3, refillPerMinute: 6000 });
    const burst = await Promise.all([1, 2, 3, 4].map(() => limit.take('ana')));
    expect(burst.filter((d) => d.allowed)).toHaveLength(3);
    const refused = burst.find((d) => !d.allowed);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused && !refused.allowed && refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused && !refused.allowed && refused.retryAfterMs).toBeLessThanOrEqual(10);
    expect((await limit.take('bob')).allowed).toBe(true);
    await sleep(60);
    expect((await limit.take('ana')).allowed).toBe(true);
    const off = store.rateLimit({ capacity: 0, refillPerMinute: 1 });
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 10; i++) expect((await off.take('ana')).allowed).toBe(true);
  });
});

describe('two replicas on one Redis', () => {
  it('one claims an event id, however many try at once', async () => {
    const [a, b] = [await redisStore('shared1:'), await redisStore('shared1:')];
    const sets = [a, b].map((s) => s.keys('slack:events', { ttlMs: 60_000, max: 100 }));
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sets[i % 2]?.firstTime('Ev-retried') ?? false),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('limit one user as one: 40 at once, 20 on each, 20 allowed', async () => {
    const [a, b] = [await redisStore('shared2:'), await redisStore('shared2:')];
    const limits = [a, b].map((s) => s.rateLimit({ capacity: 20, refillPerMinute: 1 }));
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => limits[i % 2]?.take('slack:ana') ?? { allowed: true }),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(20);
  });

  it('share conversations, threads and one salt, and keep every key under the prefix with a TTL', async () => {
    const [a, b] = [await redisStore('shared3:'), await redisStore('shared3:')];
    await a.conversations.set('slack:T:C:1.2', { topic: 'threat.ransomware' });
    expect(await b.conversations.get('slack:T:C:1.2')).toEqual({ topic: 'threat.ransomware' });
    // What the last turn answered (the bot's own help) is shared too.
    await a.conversations.set('slack:T:C:1.2', { topic: 'threat.drugs', strength: 0.6, self: true });
    expect(await b.conversations.get('slack:T:C:1.2')).toEqual({
      topic: 'threat.drugs',
      strength: 0.6,
      self: true,
    });
    await a.keys('slack:threads', { ttlMs: 60_000, max: 100 }).add('C:1.2');
    expect(await b.keys('slack:threads', { ttlMs: 60_000, max: 100 }).has('C:1.2')).toBe(true);
    const salts = [await a.shared('salt', () => 'first'), await b.shared('salt', () => 'second')];
    expect(salts).toEqual(['first', 'first']);
    // An answer given by one, marked through the other (its feedback buttons).
    await a.values('answers', { ttlMs: 60_000, max: 100 }).put('req-1', 'x');
    expect(await b.values('answers', { ttlMs: 60_000, max: 100 }).get('req-1')).toBe('x');
    await a.rateLimit({ capacity: 5, refillPerMinute: 60 }).take('slack:ana');

    const keys = (await raw.keys('shared3:*')).sort();
    expect(keys).toEqual([
      'shared3:conv:slack:T:C:1.2',
      // The value map's index, which bounds it in count (the oldest go first).
      'shared3:index:answers',
      'shared3:keys:slack:threads:C:1.2',
      'shared3:rate:slack:ana',
      'shared3:shared:salt',
      'shared3:values:answers:req-1',
    ]);
    for (const key of keys.filter((k) => !k.includes(':shared:')))
      expect(await raw.pttl(key)).toBeGreaterThan(0);
    // Reading a conversation refreshes its TTL.
    await raw.pexpire('shared3:conv:slack:T:C:1.2', 5000);
    await b.conversations.get('slack:T:C:1.2');
    expect(await raw.pttl('shared3:conv:slack:T:C:1.2')).toBeGreaterThan(50_000);
  });

  it('two bots on one server (other prefixes) share nothing', async () => {
    const [a, b] = [await redisStore('bot-a:'), await redisStore('bot-b:')];
    await a.conversations.set('c', { topic: 'threat.drugs' });
    expect(await b.conversations.get('c')).toBeUndefined();
    expect(await a.keys('e', { ttlMs: 60_000, max: 10 }).firstTime('Ev1')).toBe(true);
    expect(await b.keys('e', { ttlMs: 60_000, max: 10 }).firstTime('Ev1')).toBe(true);
  });

  it('append to one log that reads back in order, from a time on', async () => {
    const [a, b] = [await redisStore('shared4:'), await redisStore('shared4:')];
    const log = (s: StateStore) => s.log ?? expect.fail('a Redis store has a shared log');
    expect(await log(a).append('unanswered', 'one')).toBe(true);
    await sleep(5);
    const middle = new Date();
    await sleep(5);
    expect(await log(b).append('unanswered', 'two')).toBe(true);
    expect(await log(a).append('unanswered', 'three')).toBe(true);
    expect(await log(b).read('unanswered')).toEqual(['one', 'two', 'three']);
    expect(await log(a).read('unanswered', middle)).toEqual(['two', 'three']);
    expect(await log(a).read('other')).toEqual([]);
  });
});
