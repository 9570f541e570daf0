import { z } from 'zod';
import { INTENT_IDS } from './ids.js';

const intentId = z.enum(INTENT_IDS, {
  error: (issue) =>
    `unknown intent id ${JSON.stringify(issue.input)}; expected one of the ids in src/knowledge/ids.ts`,
});

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** One entry of an `intents/*.yaml` list. */
export const intentSchema = z.looseObject({
  id: intentId,
  utterances: z.array(nonEmpty).min(1, 'needs at least one utterance'),
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
  title: nonEmpty.max(80, 'must be at most 80 characters'),
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
