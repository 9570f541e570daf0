import { describe, expect, it } from 'vitest';
import { waitPhrase } from '../../src/ops/rate-limit.js';
import { ExpiringSet } from '../../src/state/memory/expiring-set.js';
import { RateLimiter } from '../../src/state/memory/token-buckets.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('per-user token bucket', () => {
  it('allows a burst of `capacity`, then says how long to wait', () => {
    const time = clock();
    const limiter = new RateLimiter({ capacity: 3, refillPerMinute: 6, now: time.now });
    expect([1, 2, 3].map(() => limiter.take('ana').allowed)).toEqual([true, true, true]);
    const refused = limiter.take('ana');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 10_000 });
    time.advance(4000);
    expect(limiter.take('ana')).toEqual({ allowed: false, retryAfterMs: 6000 });
  });

  it('refills at the configured rate, never above capacity', () => {
    const time = clock();
    const limiter = new RateLimiter({ capacity: 2, refillPerMinute: 60, now: time.now });
    limiter.take('ana');
    limiter.take('ana');
    time.advance(1000);
    expect(limiter.take('ana').allowed).toBe(true);
    expect(limiter.take('ana').allowed).toBe(false);
    time.advance(3_600_000);
    expect([limiter.take('ana'), limiter.take('ana'), limiter.take('ana')].map((d) => d.allowed)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("one user's burst does not touch anyone else's bucket", () => {
    const time = clock();
    const limiter = new RateLimiter({ capacity: 2, refillPerMinute: 1, now: time.now });
    for (let i = 0; i < 50; i++) limiter.take('flooder');
    expect(limiter.take('flooder').allowed).toBe(false);
    expect(limiter.take('bob').allowed).toBe(true);
    expect(limiter.take('bob').allowed).toBe(true);
  });

  it('remembers a bounded number of users, forgetting the least recently seen', () => {
    const time = clock();
    const limiter = new RateLimiter({ capacity: 1, refillPerMinute: 1, maxUsers: 100, now: time.now });
    limiter.take('early');
    for (let i = 0; i < 1000; i++) limiter.take(`user-${i}`);
    expect(limiter.size).toBe(100);
    // Forgotten, so a fresh bucket: the oldest pay the price of a flood of new ids, nobody recent does.
    expect(limiter.take('early').allowed).toBe(true);
    expect(limiter.take('user-999').allowed).toBe(false);
  });

  it('capacity 0 turns it off', () => {
    const limiter = new RateLimiter({ capacity: 0, refillPerMinute: 1 });
    for (let i = 0; i < 100; i++) expect(limiter.take('ana').allowed).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it('says the wait in words', () => {
    expect(waitPhrase(1)).toBe('1 second');
    expect(waitPhrase(9_200)).toBe('10 seconds');
    expect(waitPhrase(61_000)).toBe('2 minutes');
  });
});

describe('ExpiringSet (event ids, threads)', () => {
  it('says a key is new once within its TTL, then forgets it', () => {
    let now = 0;
    const set = new ExpiringSet({ ttlMs: 1000, max: 10, now: () => now });
    expect(set.firstTime('Ev1')).toBe(true);
    expect(set.firstTime('Ev1')).toBe(false);
    now = 1001;
    expect(set.has('Ev1')).toBe(false);
    expect(set.firstTime('Ev1')).toBe(true);
  });

  it('holds at most `max` keys, dropping the oldest', () => {
    const set = new ExpiringSet({ ttlMs: 60_000, max: 3 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) set.add(key);
    expect(set.size).toBe(3);
    expect(set.has('a')).toBe(false);
    expect(set.has('e')).toBe(true);
  });
});
