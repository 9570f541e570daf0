import type { IntentId } from '../../knowledge/ids.js';
import type { CitationStyle } from '../citations/styles.js';

/** A source as a conversation cited it: as itself, or as quoted in another (`via`). */
export interface CitedKey {
  readonly source: string;
  readonly via?: string;
}

/**
 * What a conversation remembers between questions: the topic it was last about, the citation
 * style it chose ("use APA from now on" sticks), every source it cited in order (its
 * bibliography, and whether a Chicago note is the first for its source), and how many notes it
 * has numbered.
 */
export interface ConversationState {
  readonly topic?: IntentId;
  /** 1 when the topic was answered; less after each turn that answered none (see memory.ts). */
  readonly strength?: number;
  /** When the strength was set (ms since the epoch): idle time fades it from there. */
  readonly since?: number;
  /** The last turn answered the bot's own help: a follow-up naming nothing, with no topic recalled, is about the bot. */
  readonly self?: boolean;
  readonly style?: CitationStyle;
  readonly cited?: readonly CitedKey[];
  readonly notes?: number;
}

/**
 * Where conversations live between questions, keyed by the caller's conversation id. The core
 * reads and writes only through this port: in memory by default, in Redis when several replicas
 * serve one bot, in a file for the CLI's named sessions. Implementations bound every call in time
 * and treat a failure as "nothing remembered": a question needs no state to be answered.
 */
export interface ConversationStore {
  /** The state, if the conversation is fresh; reading it counts as use (it refreshes the idle time). */
  get(id: string): Promise<ConversationState | undefined>;
  set(id: string, state: ConversationState): Promise<void>;
}

export interface MemoryStoreOptions {
  /** Idle time after which a conversation is forgotten. */
  readonly ttlMs?: number;
  /** At most this many conversations are kept; the least recently used go first. */
  readonly maxConversations?: number;
  readonly now?: () => number;
}

export const DEFAULT_CONVERSATION_TTL_MS = 10 * 60_000;

/** Conversations in this process's memory: a true LRU, bounded in time and in size. */
export class MemoryConversationStore implements ConversationStore {
  private readonly entries = new Map<string, { state: ConversationState; seen: number }>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CONVERSATION_TTL_MS;
    this.max = options.maxConversations ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async get(id: string): Promise<ConversationState | undefined> {
    return this.getNow(id);
  }

  async set(id: string, state: ConversationState): Promise<void> {
    this.setNow(id, state);
  }

  /** The same as get, without a promise (eval and tests in a loop). */
  getNow(id: string): ConversationState | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const now = this.now();
    if (now - entry.seen > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    // Used now: to the back of the queue, idle time from now.
    this.entries.delete(id);
    this.entries.set(id, { state: entry.state, seen: now });
    return entry.state;
  }

  setNow(id: string, state: ConversationState): void {
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
