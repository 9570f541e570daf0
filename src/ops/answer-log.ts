import { z } from 'zod';
import { MemoryStateStore } from '../state/memory/store.js';
import type { KeySet, StateStore, ValueMap } from '../state/port.js';

/**
 * What the serving layer remembers of each answer it gave, for a while, so that a "Helpful" or
 * "Not helpful" click (which carries only the answer's reference) can be recorded with the
 * question, the intent, the confidence and how it was decided.
 */
const answeredSchema = z.object({
  /** What was typed; for an answer to a button, what the button asked (see `pressed`). */
  question: z.string(),
  /** Set for an answer to a button (a follow-up or a topic), not to words someone typed. */
  pressed: z.object({ topic: z.string(), followUp: z.string().nullable() }).optional(),
  platform: z.string(),
  /** The asker's pseudonym, never the platform's id. */
  user: z.string().optional(),
  kind: z.string(),
  intent: z.string(),
  confidence: z.number().nullable(),
  step: z.string(),
  reason: z.string(),
  candidates: z.array(z.object({ intent: z.string(), probability: z.number() })),
});
export type AnsweredQuestion = z.infer<typeof answeredSchema>;

/** How long an answer can be marked: a day, about as long as anyone scrolls back to one. */
export const ANSWER_MEMORY_MS = 24 * 3600_000;
const MAX_ANSWERS = 10_000;

/**
 * Answers by reference in the state store, so a click that reaches another replica than the one
 * that answered still finds its question (Redis), and one person's second click on the same
 * answer is not counted twice.
 */
export class AnswerLog {
  private readonly answers: ValueMap;
  /** Each change of a person's mark on an answer, claimed once (a double click on two replicas). */
  private readonly changes: KeySet;
  /** A person's standing mark on an answer and how many times it changed: `helpful 2`. */
  private readonly standing: ValueMap;

  constructor(state: StateStore = new MemoryStateStore()) {
    const options = { ttlMs: ANSWER_MEMORY_MS, max: MAX_ANSWERS };
    this.answers = state.values('answers', options);
    this.changes = state.keys('feedback', options);
    this.standing = state.values('feedback-standing', options);
  }

  remember(ref: string, answered: AnsweredQuestion): Promise<void> {
    return this.answers.put(ref, JSON.stringify(answered));
  }

  async recall(ref: string): Promise<AnsweredQuestion | undefined> {
    const stored = await this.answers.get(ref);
    if (stored === undefined) return undefined;
    try {
      const parsed = answeredSchema.safeParse(JSON.parse(stored));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * True when this person's mark on this answer changes: the first mark, or the other one after it
   * (/bad, then /good: the last one counts, so it is recorded too). False for the same mark again
   * (a double click, a retried request), also when two replicas take it at once: the change is
   * claimed as a numbered key, and only one claim of a number succeeds.
   */
  async markChanged(ref: string, who: string, value: string): Promise<boolean> {
    const standing = (await this.standing.get(`${ref}:${who}`))?.split(' ');
    if (standing?.[0] === value) return false;
    const change = Number(standing?.[1] ?? 0) + 1;
    if (!(await this.changes.firstTime(`${ref}:${who}:${change}:${value}`))) return false;
    await this.standing.put(`${ref}:${who}`, `${value} ${change}`);
    return true;
  }
}
