import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../scripts/redis-server.js';
import { ConfigError } from '../../src/config/errors.js';
import { loadOpsConfig } from '../../src/config/ops.js';
import { readCuratorsRecord } from '../../src/ops/curators-record.js';
import { SharedRecorder, UnansweredRecorder, type UnansweredRecord } from '../../src/ops/unanswered.js';
import { sharedHashKey, userHasher } from '../../src/ops/user-hash.js';
import { openStateStore } from '../../src/state/open.js';
import type { StateStore } from '../../src/state/port.js';
import { memoryLogger } from '../ops/support.js';

// A real redis-server (no persistence), killed, restarted and frozen under the stores: nothing is
// answered twice, recorded twice, or given two pseudonyms.
let redis: TestRedis;
const dir = mkdtempSync(join(tmpdir(), 'policybot-once-'));
const stores: StateStore[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  redis?.resume();
  await Promise.all(stores.map((s) => s.close()));
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open(extra: Record<string, string> = {}) {
  const log = memoryLogger();
  const config = loadOpsConfig({ POLICYBOT_REDIS_URL: redis.url(), ...extra });
  const store = await openStateStore(config, { logger: log.logger, conversationTtlMs: 60_000 });
  stores.push(store);
  return { store, log, config };
}

async function until(test: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Connected again: readiness asks Redis with a PING of its own once calls have failed. */
const back = (store: StateStore) => until(() => store.readiness().redis === true);

describe('exactly once across Redis faults', () => {
  it('an event answered while Redis was down, retried to the same replica once it is back, is not answered again', async () => {
    const { store } = await open();
    const events = store.keys('slack:events', { ttlMs: 60_000, max: 100 });
    await redis.kill();
    await until(() => store.readiness().redis === false);
    expect(await events.firstTime('Ev-outage')).toBe(true);
    await redis.restart();
    await back(store);
    // Redis never heard of it (the claim could not reach it, and the restart emptied it).
    expect(await events.firstTime('Ev-outage')).toBe(false);
    // …and now it has: a retry to another replica is caught there too.
    const other = await open();
    expect(await other.store.keys('slack:events', { ttlMs: 60_000, max: 100 }).firstTime('Ev-outage')).toBe(
      false,
    );
    expect(await events.firstTime('Ev-new')).toBe(true);
    expect(await other.store.keys('slack:events', { ttlMs: 60_000, max: 100 }).firstTime('Ev-new')).toBe(
      false,
    );
  });

  it('a record that timed out on a frozen Redis, went to the file, and then reached the stream is counted once', async () => {
    const file = join(dir, 'unanswered.jsonl');
    const { store, config } = await open({ POLICYBOT_UNANSWERED_LOG: file });
    expect(store.log).toBeDefined();
    const recorder = new SharedRecorder(
      store.log as NonNullable<StateStore['log']>,
      new UnansweredRecorder({ file, maxBytes: 1024 * 1024 }),
    );
    const record = (question: string): UnansweredRecord => ({
      time: new Date().toISOString(),
      reason: 'fallback',
      platform: 'slack',
      question,
      intent: 'fallback',
      confidence: 0.1,
    });
    recorder.record(record('before the freeze'));
    redis.pause();
    recorder.record(record('during the freeze'));
    // The append times out (100 ms) and the record goes to the file…
    await until(() => {
      try {
        return readFileSync(file, 'utf8').includes('during the freeze');
      } catch {
        return false;
      }
    });
    // …then Redis wakes and carries out the XADD it was sent: the record is in both.
    redis.resume();
    await back(store);
    const lines = await (store.log as NonNullable<StateStore['log']>).read('unanswered');
    expect(lines.filter((l) => l.includes('during the freeze'))).toHaveLength(1);
    const read = await readCuratorsRecord(config, {});
    expect(read.found && read.records.map((r) => r.question)).toEqual([
      'before the freeze',
      'during the freeze',
    ]);
  });

  it('two replicas started either side of a Redis restart give one person one pseudonym, and one rate limit', async () => {
    const a = await open();
    const keyA = await sharedHashKey(undefined, join(dir, 'a', '.user-hash-salt'), a.store);
    expect(keyA.source).toBe('shared');
    await redis.kill();
    await redis.restart();
    // Replica A puts its salt back as soon as it is connected again…
    await back(a.store);
    const look = new Redis(redis.url());
    try {
      await until(async () => (await look.get('policybot:shared:user-hash-salt')) === keyA.key);
    } finally {
      look.disconnect();
    }
    // …so replica B, started after the restart, reads the same one.
    const b = await open();
    const keyB = await sharedHashKey(undefined, join(dir, 'b', '.user-hash-salt'), b.store);
    expect(keyB.key).toBe(keyA.key);
    const [hashA, hashB] = [userHasher(keyA.key)('U0001'), userHasher(keyB.key)('U0001')];
    expect(hashA).toBe(hashB);
    const limitA = a.store.rateLimit({ capacity: 3, refillPerMinute: 1 });
    const limitB = b.store.rateLimit({ capacity: 3, refillPerMinute: 1 });
    const taken = [];
    for (let i = 0; i < 6; i++)
      taken.push(
        (await (i % 2 === 0 ? limitA : limitB).take(`slack:${i % 2 === 0 ? hashA : hashB}`)).allowed,
      );
    expect(taken.filter(Boolean)).toHaveLength(3);
  });

  it('a replica whose kept salt differs from the one in Redis refuses to start, naming the fix', async () => {
    const { store } = await open();
    const saltFile = join(dir, 'c', '.user-hash-salt');
    await sharedHashKey(undefined, saltFile, store);
    // Another salt kept by this replica: Redis lost its own and another replica made a new one.
    writeFileSync(`${saltFile}-redis`, `${'ab'.repeat(32)}\n`);
    const error = await sharedHashKey(undefined, saltFile, store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('POLICYBOT_USER_HASH_KEY');
    // A configured key is the same on every replica by construction: no check needed.
    expect((await sharedHashKey('a configured key of sixteen+', saltFile, store)).source).toBe('env');
  });
});
