import { z } from 'zod';
import { CITATION_STYLES } from '../core/citations/styles.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const lowerCase = nonEmpty.refine((s) => s === s.toLowerCase(), 'must be lower case');

/** `intents/language/synonyms.yaml`: phrases folded into one canonical term before matching. */
export const synonymsFileSchema = z.array(
  z.strictObject({
    canonical: lowerCase.regex(/^[\p{L}\p{N}]+$/u, 'must be one word of letters or digits'),
    phrases: z.array(lowerCase).min(1, 'needs at least one phrase'),
  }),
);

/** `intents/language/shorthand.yaml`: one typed word -> the words it stands for. */
export const shorthandFileSchema = z.record(
  lowerCase.regex(/^[\p{L}\p{N}]+$/u, 'must be one word'),
  lowerCase,
);

/** `intents/language/styles.yaml`: the words people use for each citation style. */
export const stylesFileSchema = z.strictObject({
  styles: z.partialRecord(
    z.enum(CITATION_STYLES, { error: `must be one of ${CITATION_STYLES.join(', ')}` }),
    z.array(lowerCase).min(1),
  ),
  unsupported: z.array(lowerCase).default([]),
  /** The words for a form of reference: the in-text citation, the note, the bibliography entry. */
  forms: z.partialRecord(z.enum(['in-text', 'note', 'bibliography']), z.array(lowerCase).min(1)).default({}),
});

/**
 * `intents/language/bibliography.yaml`: the words that ask for the conversation's bibliography, by
 * themselves (`alone`) or as a list word with a scope ("references" + "so far").
 */
export const bibliographyFileSchema = z.strictObject({
  alone: z.array(lowerCase).min(1, 'needs at least one phrase'),
  lists: z.array(lowerCase).default([]),
  scopes: z.array(lowerCase).default([]),
  idioms: z.array(lowerCase).default([]),
});

/**
 * `intents/language/self.yaml`: the words that address the bot, and the words a question about the
 * bot itself is made of (a word, or `word*` for any word starting so).
 */
export const selfFileSchema = z.strictObject({
  address: z.array(lowerCase).min(1, 'needs at least one word that addresses the bot'),
  names: z.array(lowerCase).optional(),
  refers: z.array(lowerCase.regex(/^[\p{L}']+$/u, 'must be one word')).optional(),
  about: z
    .array(lowerCase.regex(/^[\p{L}\p{N}']+\*?$/u, 'must be one word, optionally ending in *'))
    .min(1, 'needs at least one word'),
  greetings: z.array(lowerCase.regex(/^[\p{L}']+$/u, 'must be one word')).optional(),
});

/** A word pattern of `content/limits.yaml` (see that file for the syntax). */
const pattern = lowerCase.refine(
  (p) =>
    p
      .split(/\s+/)
      .every((token) => /^(?:<number>|[\p{L}\p{N}#'-]+\*?(?:\|[\p{L}\p{N}#'-]+\*?)*\??)$/u.test(token)),
  'must be words, each optionally ending in * or ?, alternatives joined by |, or <number>',
);

/** `content/limits.yaml`: what the sources cannot hold, and how the bot says so. */
export const limitsFileSchema = z.array(
  z.strictObject({
    id: nonEmpty.regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case'),
    reason: nonEmpty,
    when: z.array(pattern).min(1, 'needs at least one pattern'),
    and: z.array(pattern).default([]),
    unless: z.array(pattern).default([]),
    examples: z.array(nonEmpty).min(1, 'needs at least one example it declines'),
    counterexamples: z.array(nonEmpty).default([]),
  }),
);

/** `intents/language/framing.yaml`: how staff frame a question, put around phrases in training. */
export const framingFileSchema = z.strictObject({
  before: z.array(lowerCase).default([]),
  before_join: z.array(z.string()).min(1).default([' ']),
  after: z.array(lowerCase).default([]),
  after_join: z.array(z.string()).min(1).default([' ']),
  threat_nouns: z.array(lowerCase).default([]),
});

/** `intents/language/clauses.yaml`: where a question splits into clauses, and the words that open an asking one. */
export const clausesFileSchema = z.strictObject({
  split: nonEmpty,
  asks: z.array(lowerCase).default([]),
  frames: z.array(lowerCase).default([]),
  openers: z.array(lowerCase).default([]),
  subjects: z.array(lowerCase).default([]),
  refers: z.array(lowerCase).default([]),
});

/** `intents/language/attribution.yaml`: how a memo credits words to an author (the quote checker). */
export const attributionFileSchema = z.strictObject({
  authors: z.record(nonEmpty, z.array(nonEmpty).min(1, 'needs at least one name')),
  others: z.array(nonEmpty).default([]),
  cues: z.array(lowerCase).min(1, 'needs at least one cue'),
  leads: z.array(lowerCase).default([]),
  relays: z.array(lowerCase).default([]),
  relaying: z.array(lowerCase).default([]),
  pronouns: z.array(lowerCase).default([]),
  defaults: z.record(nonEmpty, z.array(lowerCase)).default({}),
  writers: z.array(lowerCase).default([]),
  modals: z.array(lowerCase).default([]),
  determiners: z.array(lowerCase).default([]),
  negations: z.array(lowerCase).default([]),
  qualifiers: z.array(lowerCase).default([]),
  bound: z.array(lowerCase).default([]),
  coordinators: z.array(lowerCase).default([]),
  clauses: z.array(lowerCase).default([]),
  backReferences: z.array(lowerCase).default([]),
});

/** `intents/language/facts.yaml`: the words that ask for an amount or a date, as a background fact states one. */
export const factsFileSchema = z.strictObject({
  amount: z.array(lowerCase).default([]),
  date: z.array(lowerCase).default([]),
});

const word = lowerCase.regex(/^[\p{L}\p{N}']+$/u, 'must be one word of letters or digits');

/** `intents/language/lexicon.yaml`: stop words beyond the generic English ones, acronym rules, source mentions. */
export const lexiconFileSchema = z.strictObject({
  stopwords: z.record(nonEmpty, z.array(word).min(1, 'needs at least one word')).default({}),
  acronyms: z.record(word.regex(/^\p{L}{2,}$/u, 'must be two or more letters'), word).default({}),
  source_mentions: z
    .strictObject({
      names: z.array(word).default([]),
      cues: z.array(word).min(1, 'needs at least one cue'),
      between: z.array(word).default([]),
    })
    .optional(),
});
