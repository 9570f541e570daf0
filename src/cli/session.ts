import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type ConversationState,
  type ConversationStore,
  DEFAULT_CONVERSATION_TTL_MS,
} from '../core/conversation/store.js';
import { cacheFile } from '../runtime/cache.js';

/**
 * `policybot ask --session NAME` across separate commands: the conversation store for one named
 * session, kept in a small file beside the start-up cache, so "tell me more" in the next call
 * follows the last answer, as a chat conversation's would (and is forgotten after as long idle).
 */
export class FileConversationStore implements ConversationStore {
  private readonly file: string;
  private readonly ttlMs: number;

  constructor(
    name: string,
    root: string,
    env: NodeJS.ProcessEnv,
    private readonly now: () => number = Date.now,
  ) {
    const safe = name.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 64) || 'default';
    this.file = join(dirname(cacheFile(root, env)), 'sessions', `${safe}.json`);
    this.ttlMs = Number(env.POLICYBOT_CONVERSATION_TTL_SECONDS ?? 0) * 1000 || DEFAULT_CONVERSATION_TTL_MS;
  }

  async get(): Promise<ConversationState | undefined> {
    try {
      const { at, ...stored } = JSON.parse(readFileSync(this.file, 'utf8')) as { at?: unknown };
      // Imported when a session is read back, not with `ask` itself: it brings zod.
      const { parseConversationState } = await import('../core/conversation/stored-state.js');
      const state = parseConversationState(stored);
      if (state === undefined || typeof at !== 'number' || this.now() - at > this.ttlMs) return undefined;
      // Read counts as use, as in a chat: the idle time starts again.
      this.write(state);
      return state;
    } catch {
      return undefined;
    }
  }

  async set(_id: string, state: ConversationState): Promise<void> {
    this.write(state);
  }

  /** Best effort: a read-only install just forgets between calls. */
  private write(state: ConversationState): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify({ ...state, at: this.now() }));
    } catch {
      // Nothing lost but the follow-up across calls.
    }
  }
}
