import { z } from 'zod';
import type { Answer } from '../core/answer.js';
import type { StateStore, ValueMap } from './port.js';

/**
 * Answers given privately, kept whole under their reference so that "Share in channel" posts the
 * answer the person saw (its style, every quote, a decline as a decline) rather than asking again.
 * In the state store, so a click that reaches another replica finds it; the store's own wrapper
 * turns the reference into a pseudonym like every other key.
 */
export interface KeptAnswers {
  keep(ref: string, answer: Answer): Promise<void>;
  /** The answer as it was given, or undefined once it expired (or cannot be read). */
  find(ref: string): Promise<Answer | undefined>;
}

/** As long as a feedback click is honoured: a day, about as long as anyone scrolls back. */
export const KEPT_ANSWER_MS = 24 * 3600_000;
/** A whole answer is a few kilobytes: fewer of them than the feedback records. */
export const KEPT_ANSWER_MAX = 5_000;

// The answer is this process's own serialization, read back: checked for its shape's spine only.
const stored = z
  .object({
    kind: z.string(),
    title: z.string(),
    blocks: z.array(z.unknown()),
    quotes: z.array(z.unknown()),
    references: z.array(z.unknown()),
    notes: z.array(z.unknown()),
    actions: z.array(z.unknown()),
  })
  .passthrough();

export function keptAnswers(state: StateStore): KeptAnswers {
  const map: ValueMap = state.values('shared-answers', { ttlMs: KEPT_ANSWER_MS, max: KEPT_ANSWER_MAX });
  return {
    keep: (ref, answer) => map.put(ref, JSON.stringify(answer)),
    async find(ref) {
      const raw = await map.get(ref);
      if (raw === undefined) return undefined;
      try {
        const parsed = stored.safeParse(JSON.parse(raw));
        return parsed.success ? (parsed.data as unknown as Answer) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
