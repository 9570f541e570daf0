import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRedis, type TestRedis } from '../../scripts/redis-server.js';
import { ConfigError } from '../../src/config/errors.js';
import { loadOpsConfig } from '../../src/config/ops.js';
import { openStateStore } from '../../src/state/open.js';
import type { StateStore } from '../../src/state/port.js';
import { memoryLogger } from '../ops/support.js';

// A real redis-server, refused, killed, restarted and frozen under a store, as outages go.
let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  redis?.resume();
  await redis?.stop();
});

function open(url: string, timeoutMs = '100') {
  const log = memoryLogger();
  const config = loadOpsConfig({ POLICYBOT_REDIS_URL: url, POLICYBOT_REDIS_TIMEOUT_MS: timeoutMs });
  return { log, store: () => openStateStore(config, { logger: log.logger, conversationTtlMs: 60_000 }) };
}

async function until(test: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Redis at start-up', () => {
  it('unreachable: the start fails naming POLICYBOT_REDIS_URL and where it points, never the password', async () => {
    const port = await freePort();
    const url = `redis://:a-secret-password@127.0.0.1:${port}/0`;
    const error = await open(url)
      .store()
      .then(
        () => expect.fail('connected to nothing'),
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('Cannot reach Redis at POLICYBOT_REDIS_URL');
    expect(message).toContain(`redis://127.0.0.1:${port}/0`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('a-secret-password');
  });

  it('a wrong or missing password is named as such, and neither password is shown', async () => {
    const wrong = await open(redis.url('not-the-password'))
      .store()
      .catch((e: Error) => e);
    expect(wrong).toBeInstanceOf(ConfigError);
    expect((wrong as Error).message).toMatch(/POLICYBOT_REDIS_URL .* refused the connection's credentials/);
    expect((wrong as Error).message).not.toContain('not-the-password');
    expect((wrong as Error).message).not.toContain(redis.password);
    const none = await open(`redis://127.0.0.1:${redis.port}`)
      .store()
      .catch((e: Error) => e);
    expect((none as Error).message).toMatch(/refused the connection's credentials: NOAUTH/);
  });

  it('a URL that is not redis:// or rediss:// is refused before any connection, without echoing it', () => {
    expect(() => loadOpsConfig({ POLICYBOT_REDIS_URL: 'http://:pw-in-url@example.test' })).toThrow(
      /POLICYBOT_REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    expect(() => loadOpsConfig({ POLICYBOT_REDIS_URL: 'http://:pw-in-url@example.test' })).not.toThrow(
      /pw-in-url/,
    );
    expect(loadOpsConfig({ POLICYBOT_REDIS_URL: 'rediss://:pw@redis.example.test:6380' }).redis).toEqual({
      url: 'rediss://:pw@redis.example.test:6380',
      prefix: 'policybot:',
      timeoutMs: 100,
    });
    expect(loadOpsConfig({}).redis).toBeUndefined();
  });
});

describe('Redis lost while serving', () => {
  let store: StateStore;
  let log: ReturnType<typeof open>['log'];

  beforeAll(async () => {
    const opened = open(redis.url(), '500');
    log = opened.log;
    store = await opened.store();
  });

  afterAll(async () => {
    await store?.close();
  });

  it('answers without it: nothing remembered, this replica’s own keys and buckets; ready again once it is back', async () => {
    const events = store.keys('slack:events', { ttlMs: 60_000, max: 100 });
    const limit = store.rateLimit({ capacity: 2, refillPerMinute: 1 });
    await store.conversations.set('c1', { topic: 'threat.drugs' });
    expect(await events.firstTime('Ev-before')).toBe(true);
    expect(store.readiness()).toEqual({ redis: true });

    await redis.kill();
    await until(() => store.readiness().redis === false);
    // Conversations: nothing remembered, so a follow-up is asked "about what?".
    expect(await store.conversations.get('c1')).toBeUndefined();
    await store.conversations.set('c2', { topic: 'threat.drugs' });
    // Event ids: what this replica saw (before and during the outage) is still caught here.
    expect(await events.firstTime('Ev-before')).toBe(false);
    expect(await events.firstTime('Ev-during')).toBe(true);
    expect(await events.firstTime('Ev-during')).toBe(false);
    // Rate limits: this replica's own buckets.
    const taken = [await limit.take('ana'), await limit.take('ana'), await limit.take('ana')];
    expect(taken.map((d) => d.allowed)).toEqual([true, true, false]);
    const lines = log.lines();
    expect(
      lines.some(
        (l) =>
          l.msg === 'redis connection lost: answering without shared state until it is back (reconnecting)',
      ),
    ).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(redis.password);

    await redis.restart();
    await until(() => store.readiness().redis === true);
    expect(log.lines().some((l) => l.msg === 'redis connection back')).toBe(true);
    // The restarted server is empty (no persistence): shared state starts again from there.
    await store.conversations.set('c3', { topic: 'threat.ransomware' });
    expect(await store.conversations.get('c3')).toEqual({ topic: 'threat.ransomware' });
    expect(await events.firstTime('Ev-after')).toBe(true);
    expect(await events.firstTime('Ev-after')).toBe(false);
  });

  it('a server that stops answering holds no call up: each gives up at the timeout', async () => {
    await store.conversations.set('c4', { topic: 'threat.drugs' });
    redis.pause();
    try {
      const calls = await Promise.all([
        store.conversations.get('c4'),
        store.keys('slack:threads', { ttlMs: 60_000, max: 100 }).has('C:1'),
        store.rateLimit({ capacity: 5, refillPerMinute: 60 }).take('ana'),
      ]);
      expect(calls).toEqual([undefined, false, { allowed: true }]);
      // Connected, but answering nothing: not ready.
      expect(store.readiness()).toEqual({ redis: false });
    } finally {
      redis.resume();
    }
    // No call needed: asking for readiness checks again by itself.
    await until(() => store.readiness().redis === true);
    expect(await store.conversations.get('c4')).toEqual({ topic: 'threat.drugs' });
  });
});
