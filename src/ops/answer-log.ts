/**
 * What the serving layer remembers of each answer it gave, for a while, so that a "Helpful" or
 * "Not helpful" click (which carries only the answer's reference) can be recorded with the
 * question, the intent, the confidence and how it was decided.
 */
export interface AnsweredQuestion {
  readonly question: string;
  readonly platform: string;
  /** The asker's pseudonym, never the platform's id. */
  readonly user?: string;
  readonly kind: string;
  readonly intent: string;
  readonly confidence: number | null;
  readonly step: string;
  readonly reason: string;
  readonly candidates: readonly { readonly intent: string; readonly probability: number }[];
}

export interface AnswerLog {
  remember(ref: string, answered: AnsweredQuestion): Promise<void>;
  recall(ref: string): Promise<AnsweredQuestion | undefined>;
}

export interface MemoryAnswerLogOptions {
  /** How long an answer can be marked; a day by default. */
  readonly ttlMs?: number;
  readonly max?: number;
  readonly now?: () => number;
}

/** Answers in this process's memory, bounded in time and in number (the oldest go first). */
export class MemoryAnswerLog implements AnswerLog {
  private readonly entries = new Map<string, { answered: AnsweredQuestion; at: number }>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: MemoryAnswerLogOptions = {}) {
    this.ttlMs = options.ttlMs ?? 24 * 3600_000;
    this.max = options.max ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async remember(ref: string, answered: AnsweredQuestion): Promise<void> {
    this.entries.set(ref, { answered, at: this.now() });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  async recall(ref: string): Promise<AnsweredQuestion | undefined> {
    const entry = this.entries.get(ref);
    if (entry === undefined) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(ref);
      return undefined;
    }
    return entry.answered;
  }
}
