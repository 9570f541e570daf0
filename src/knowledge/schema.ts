import { z } from 'zod';
import { FOLLOW_UP_KINDS, TOPIC_GROUPS, TOPIC_ID_PATTERN, TOPIC_ROLES } from './ids.js';
import { nameKey } from '../core/text/lexicon.js';

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

/** The fields a provenance record may speak for: those read from a publisher rather than written by us. */
export const PROVENANCE_FIELDS = [
  'title',
  'titleSentenceCase',
  'number',
  'publisher',
  'date',
  'released',
  'url',
] as const;

/** Where one field of a source was read: the page, what it showed there, and when we read it. */
const provenanceEntry = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  shows: nonEmpty,
  read: isoDate.optional(),
});

export const sourceSchema = z
  .strictObject({
    id: sourceId,
    kind: z.enum(['report', 'webpage']),
    /** The title as its publisher gives it, in headline case. Absent when not known: never made up. */
    title: nonEmpty.optional(),
    /** The title in sentence case, proper nouns kept: what citation styles start from (APA prints it as is). */
    titleSentenceCase: nonEmpty.optional(),
    /** The report's own number, as its publisher writes it (GAO-20-388, IF10578). */
    number: nonEmpty.optional(),
    /**
     * Our words for a work whose title we do not know ("Home page"). References print it where the
     * title would go, as each style prints a description: never in quotation marks or italics.
     */
    description: nonEmpty.optional(),
    publisher: nonEmpty,
    shortName: nonEmpty.optional(),
    /** Further names `policybot cite` knows the source by ("State Department OIG"). */
    aliases: z.array(nonEmpty).optional(),
    date: isoDate.optional(),
    released: isoDate.optional(),
    accessed: isoDate.optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Other addresses of the same work, as its publisher serves it (a report's landing page beside
     * its PDF): a link to any of them is a link to this source (Slack unfurls it). Never cited.
     */
    alsoAt: z.array(z.url({ protocol: /^https?$/ })).optional(),
    quotedIn: sourceId.optional(),
    text: nonEmpty.optional(),
    note: z.string().optional(),
    /** For each field read from the publisher, where it was read. */
    provenance: z.partialRecord(z.enum(PROVENANCE_FIELDS), provenanceEntry).optional(),
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
    if (source.title === undefined && source.number === undefined && source.description === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['title'],
        message: 'a source needs its title, its number or, when neither is known, a description',
      });
    }
    if (source.title !== undefined && source.description !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['description'],
        message: 'a description stands in for an unknown title: give one or the other',
      });
    }
    if (source.titleSentenceCase !== undefined && source.title === undefined) {
      ctx.addIssue({ code: 'custom', path: ['titleSentenceCase'], message: 'needs the title it spells' });
    }
    for (const field of Object.keys(source.provenance ?? {}) as (typeof PROVENANCE_FIELDS)[number][]) {
      if (source[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['provenance', field],
          message: `says where "${field}" was read, but the source has no ${field}`,
        });
      }
    }
  });
/** `content/sources.yaml`: a list of sources, each validated on its own (one bad entry is one problem). */
export const sourcesFileSchema = z.array(z.unknown()).min(1, 'needs at least one source');

/**
 * A source's own names (id, short name, number, aliases) must each lead to it alone. A publisher
 * may name several sources: citing it cites them all.
 */
export function sourceNameClashes(
  sources: readonly unknown[],
): { readonly id: string; readonly field: string; readonly message: string }[] {
  const owner = new Map<string, string>();
  const clashes: { id: string; field: string; message: string }[] = [];
  // Read from the entries as written, valid or not: a clash is worth saying beside other problems.
  const text = (v: unknown): v is string => typeof v === 'string';
  for (const raw of sources) {
    const source = (raw ?? {}) as Record<string, unknown>;
    if (!text(source.id)) continue;
    const aliases = Array.isArray(source.aliases) ? source.aliases : [];
    const names: [unknown, string][] = [
      [source.id, 'id'],
      [source.shortName, 'shortName'],
      [source.number, 'number'],
      ...aliases.map((alias, i): [unknown, string] => [alias, `aliases[${i}]`]),
    ];
    for (const [name, field] of names) {
      if (!text(name)) continue;
      const key = nameKey(name);
      const taken = owner.get(key);
      if (taken !== undefined && taken !== source.id)
        clashes.push({ id: source.id, field, message: `"${name}" already names source "${taken}"` });
      else owner.set(key, source.id as string);
    }
  }
  return clashes;
}
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
