import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config/errors.js';
import type { StateStore } from '../state/port.js';

export type UserHasher = (user: string) => string;

/**
 * User ids in logs and records are an HMAC under a key of this install: the same person gets the
 * same pseudonym (so "one user asked this nine times" shows), but nobody holding only the logs can
 * turn a pseudonym back into a Slack or Discord id by hashing a list of ids.
 */
export function userHasher(key: string | Buffer): UserHasher {
  return (user) => createHmac('sha256', key).update(user).digest('hex').slice(0, 16);
}

/**
 * The key: POLICYBOT_USER_HASH_KEY when set (several instances then agree), else a random salt
 * kept in a file beside the unanswered log and made on first use. When that file cannot be
 * written, a key for this process only: pseudonyms then change at restart, which is still safe.
 */
export function hashKey(
  configured: string | undefined,
  saltFile: string | undefined,
): { key: string | Buffer; source: 'env' | 'file' | 'process' | 'shared' } {
  if (configured !== undefined) return { key: configured, source: 'env' };
  if (saltFile !== undefined) {
    try {
      const existing = readFileSync(saltFile, 'utf8').trim();
      if (/^[0-9a-f]{64}$/.test(existing)) return { key: existing, source: 'file' };
    } catch {
      // Not there yet: made below.
    }
    const salt = randomBytes(32).toString('hex');
    try {
      mkdirSync(dirname(saltFile), { recursive: true });
      // 'wx': two instances starting together must not overwrite each other's salt.
      writeFileSync(saltFile, `${salt}\n`, { mode: 0o600, flag: 'wx' });
      return { key: salt, source: 'file' };
    } catch {
      try {
        const raced = readFileSync(saltFile, 'utf8').trim();
        if (/^[0-9a-f]{64}$/.test(raced)) return { key: raced, source: 'file' };
      } catch {
        // Not writable: fall through.
      }
    }
  }
  return { key: randomBytes(32), source: 'process' };
}

/**
 * The same, with a state store that replicas share (Redis): without POLICYBOT_USER_HASH_KEY the
 * salt is kept in the store, made by the first replica, so every replica gives one person one
 * pseudonym (a salt file beside each replica's log would not). Each replica also keeps the salt it
 * read in a file of its own (`<salt file>-redis`) and checks it at start-up: a Redis restarted
 * without persistence gets the kept salt back from the first replica to start (or to reconnect,
 * see RedisStateStore), and a replica whose kept salt differs from Redis's refuses to start rather
 * than give people pseudonyms the others do not (and split their rate limits).
 */
export async function sharedHashKey(
  configured: string | undefined,
  saltFile: string | undefined,
  state: StateStore,
): Promise<ReturnType<typeof hashKey>> {
  if (configured === undefined) {
    const keptFile = saltFile === undefined ? undefined : `${saltFile}-redis`;
    const kept = keptFile === undefined ? undefined : readSalt(keptFile);
    const salt = await state.shared('user-hash-salt', () => kept ?? randomBytes(32).toString('hex'));
    if (salt !== undefined && SALT.test(salt)) {
      if (kept !== undefined && kept !== salt) {
        throw new ConfigError(
          `The user-pseudonym salt in Redis (POLICYBOT_REDIS_URL) is not the one this replica kept in ${keptFile}: Redis lost it (restarted without persistence?) and another replica made a new one, so replicas would disagree on who a person is. Set POLICYBOT_USER_HASH_KEY the same on every replica, or delete ${keptFile} to take Redis's.`,
        );
      }
      if (kept === undefined && keptFile !== undefined) {
        try {
          mkdirSync(dirname(keptFile), { recursive: true });
          writeFileSync(keptFile, `${salt}\n`, { mode: 0o600 });
        } catch {
          // Not writable: the check at the next start is lost, nothing else.
        }
      }
      return { key: salt, source: 'shared' };
    }
  }
  return hashKey(configured, saltFile);
}

const SALT = /^[0-9a-f]{64}$/;

function readSalt(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return SALT.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The state store with every key it is given replaced by a pseudonym: conversation ids, the keys
 * of key sets and value maps, rate-limit keys. Several hold a platform's user id (one person's
 * commands, preferences, recent answers), and the store (Redis, shared) must never hold one: one
 * mechanism for all of them, so a key added later is covered too. Keys are only ever looked up,
 * never listed, so nothing needs them back. The same HMAC as user pseudonyms, under labels of its
 * own, so a key cannot be matched against a pseudonym in the logs.
 */
export function pseudonymousState(state: StateStore, hash: UserHasher): StateStore {
  const conversation = (id: string) => hash(`conversation:${id}`);
  return {
    kind: state.kind,
    conversations: {
      get: (id) => state.conversations.get(conversation(id)),
      set: (id, value) => state.conversations.set(conversation(id), value),
    },
    keys(name, options) {
      const set = state.keys(name, options);
      const key = (k: string) => hash(`keys:${name}:${k}`);
      return {
        firstTime: (k) => set.firstTime(key(k)),
        add: (k) => set.add(key(k)),
        has: (k) => set.has(key(k)),
      };
    },
    values(name, options) {
      const map = state.values(name, options);
      const key = (k: string) => hash(`values:${name}:${k}`);
      return { put: (k, value) => map.put(key(k), value), get: (k) => map.get(key(k)) };
    },
    rateLimit(options) {
      const limit = state.rateLimit(options);
      return { enabled: limit.enabled, take: (k) => limit.take(hash(`rate:${k}`)) };
    },
    shared: (name, make) => state.shared(name, make),
    log: state.log,
    readiness: () => state.readiness(),
    close: () => state.close(),
  };
}
