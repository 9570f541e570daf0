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
  private readonly marks: KeySet;

  constructor(state: StateStore = new MemoryStateStore()) {
    const options = { ttlMs: ANSWER_MEMORY_MS, max: MAX_ANSWERS };
    this.answers = state.values('answers', options);
    this.marks = state.keys('feedback', options);
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

  /** True the first time this person marks this answer so (a double click, a retried request: once). */
  firstMark(ref: string, who: string, value: string): Promise<boolean> {
    return this.marks.firstTime(`${ref}:${who}:${value}`);
  }
}
