import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type IntentId, isIntentId } from '../knowledge/ids.js';
import { cacheFile } from '../runtime/cache.js';

/** Idle time after which a named session's topic is forgotten, as a chat conversation's is. */
const DEFAULT_TTL_MS = 10 * 60_000;

/**
 * `policybot ask --session NAME` across separate commands: the session's last topic is kept in a
 * small file beside the start-up cache, so "tell me more" in the next call follows the last answer.
 */
export class CliSession {
  private readonly file: string;

  constructor(
    name: string,
    root: string,
    env: NodeJS.ProcessEnv,
    private readonly ttlMs = Number(env.POLICYBOT_CONVERSATION_TTL_SECONDS ?? 0) * 1000 || DEFAULT_TTL_MS,
  ) {
    const safe = name.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 64) || 'default';
    this.file = join(dirname(cacheFile(root, env)), 'sessions', `${safe}.json`);
  }

  /** The topic the session was last about, if it is fresh. */
  load(now = Date.now()): IntentId | undefined {
    try {
      const { topic, at } = JSON.parse(readFileSync(this.file, 'utf8')) as { topic?: string; at?: number };
      return typeof topic === 'string' &&
        isIntentId(topic) &&
        typeof at === 'number' &&
        now - at <= this.ttlMs
        ? topic
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** Best effort: a read-only install just forgets between calls. */
  save(topic: IntentId, now = Date.now()): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify({ topic, at: now }));
    } catch {
      // Nothing lost but the follow-up across calls.
    }
  }
}
