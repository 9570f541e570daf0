import type { IntentId } from '../knowledge/ids.js';

export interface ConversationState {
  readonly topic: IntentId;
}

export interface ConversationOptions {
  /** Idle time after which a conversation is forgotten. */
  readonly ttlMs?: number;
  /** At most this many conversations are kept; the least recently used go first. */
  readonly maxConversations?: number;
  readonly now?: () => number;
}

/** The last topic of each conversation, bounded in time and in memory. */
export class ConversationStore {
  private readonly entries = new Map<string, { state: ConversationState; seen: number }>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: ConversationOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.max = options.maxConversations ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get(id: string): ConversationState | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.seen > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.state;
  }

  set(id: string, state: ConversationState): void {
    this.entries.delete(id);
    this.entries.set(id, { state, seen: this.now() });
    // Map iteration is insertion order, so the first keys are the least recently used.
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
