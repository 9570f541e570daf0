import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
 * pseudonym (a salt file beside each replica's log would not).
 */
export async function sharedHashKey(
  configured: string | undefined,
  saltFile: string | undefined,
  state: StateStore,
): Promise<ReturnType<typeof hashKey>> {
  if (configured === undefined) {
    const salt = await state.shared('user-hash-salt', () => randomBytes(32).toString('hex'));
    if (salt !== undefined && /^[0-9a-f]{64}$/.test(salt)) return { key: salt, source: 'shared' };
  }
  return hashKey(configured, saltFile);
}
