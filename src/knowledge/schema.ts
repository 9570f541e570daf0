import { z } from 'zod';
import { FOLLOW_UP_KINDS, TOPIC_GROUPS, TOPIC_ID_PATTERN, TOPIC_ROLES } from './ids.js';

/** A topic's id; that it names a topic file (or a follow-up) is checked once every file is read. */
const intentId = z
  .string()
  .regex(TOPIC_ID_PATTERN, 'must be lower-case words joined by dots, such as threat.drugs');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/**
 * A training phrase: the words as people type them; or an entry with the words and what else is
 * known of them: what of the topic it asks for (`followUp`), or why the whole pipeline may answer
 * it otherwise (`exception`: `policybot check` holds every other phrase to its own intent).
 */
export const utteranceSchema = z.union([
  nonEmpty,
  z.strictObject({
    text: nonEmpty,
    /** Why this phrase may get another answer in a fresh conversation. */
    exception: nonEmpty.optional(),
    /** What of the topic the phrase asks for: "when was INL created" asks for its longer answer. */
    followUp: z.enum(FOLLOW_UP_KINDS).optional(),
  }),
]);
export type UtteranceEntry = z.infer<typeof utteranceSchema>;

/** One entry of an `intents/*.yaml` list. */
export const intentSchema = z.looseObject({
  id: intentId,
  utterances: z.array(utteranceSchema).min(1, 'needs at least one utterance'),
});
export const intentFileSchema = z.array(intentSchema);
export type IntentEntry = z.infer<typeof intentSchema>;

/** ISO calendar date, as precise as the source gives it: 2024, 2024-02 or 2024-02-05. */
const isoDate = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD',
  );

const sourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be kebab-case: lower-case letters, digits, hyphens');

export const sourceSchema = z
  .strictObject({
    id: sourceId,
    kind: z.enum(['report', 'webpage']),
    title: nonEmpty,
    /** The title in sentence case, proper nouns kept: what citation styles start from (APA prints it as is). */
    titleSentenceCase: nonEmpty.optional(),
    publisher: nonEmpty,
    shortName: nonEmpty.optional(),
    date: isoDate.optional(),
    released: isoDate.optional(),
    accessed: isoDate.optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    quotedIn: sourceId.optional(),
    text: nonEmpty.optional(),
    note: z.string().optional(),
  })
  .superRefine((source, ctx) => {
    // Web pages change: every style cites one with the day it was read.
    if (source.kind === 'webpage' && source.accessed === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['accessed'],
        message: 'a web page needs the date it was read (accessed)',
      });
    }
  });
export const sourcesFileSchema = z.array(sourceSchema).min(1);
export type SourceEntry = z.infer<typeof sourceSchema>;

export const quoteSchema = z.strictObject({ text: nonEmpty, source: sourceId });
export const backgroundSchema = z.strictObject({ text: nonEmpty, source: sourceId });

/** At most three sentences: the chat answer must fit a glance. */
const summary = nonEmpty.refine((text) => countSentences(text) <= 3, 'must be at most three sentences');

export const topicSchema = z.strictObject({
  id: intentId,
  /** Threat, solution, source, related page, the bot's own answers, or the decline. */
  group: z.enum(TOPIC_GROUPS),
  /** An overview stands for its group; help, greeting and thanks are the bot's own answers. */
  role: z.enum(TOPIC_ROLES).optional(),
  /** Place within its group in lists (the report's order, 1787's order); ties by title. */
  order: z.number().int().min(0).optional(),
  title: nonEmpty.max(80, 'must be at most 80 characters'),
  /** Short names people use for the topic inside a longer question ("fentanyl", "the canada one"). */
  names: z.array(nonEmpty).default([]),
  /** For a topic about a source itself: the source it is about, cited by its answers. */
  source: sourceId.optional(),
  summary,
  detail: nonEmpty.optional(),
  quotes: z.array(quoteSchema).default([]),
  background: z.array(backgroundSchema).default([]),
  related: z.array(intentId).default([]),
  followUps: z.array(nonEmpty).default([]),
});
export type TopicEntry = z.infer<typeof topicSchema>;

export function countSentences(text: string): number {
  // Abbreviations such as "U.S." or "Feb." would otherwise count as sentence ends.
  const masked = text
    .replace(/\b(?:[A-Z]\.){2,}/g, 'X')
    .replace(/\b(?:Feb|Jan|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|e\.g|i\.e|No|vs)\./g, 'X');
  return masked.split(/[.!?]+(?:["”’)\]]*)(?:\s+|$)/).filter((part) => part.trim().length > 0).length;
}
