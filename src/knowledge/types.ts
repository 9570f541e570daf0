import type { CitationStyle } from '../core/citations/styles.js';
import type { FollowUpKind, IntentId, TopicGroup, TopicRole } from './ids.js';
import type { SourceEntry } from './schema.js';

export type Source = SourceEntry & {
  /** The stored text we quote from, when the source has one (its own, or the page that quotes it). */
  readonly storedText?: string;
};

export interface Quote {
  readonly text: string;
  readonly source: string;
}

export interface Topic {
  readonly id: IntentId;
  readonly group: TopicGroup;
  readonly role?: TopicRole;
  /** Place within its group in lists; topics without one follow, by title. */
  readonly order?: number;
  readonly title: string;
  /** Short names people use for it inside a longer question. */
  readonly names: readonly string[];
  /** A topic about a source itself: that source's id. */
  readonly source?: string;
  readonly summary: string;
  readonly detail: string | undefined;
  readonly quotes: readonly Quote[];
  readonly background: readonly Quote[];
  readonly related: readonly IntentId[];
  readonly followUps: readonly string[];
}

export interface TrainingExample {
  readonly intent: IntentId;
  readonly text: string;
  /** Where it came from, for error messages: `intents/threats.yaml`. */
  readonly file: string;
  /** Set when the phrase is known to get another answer in a fresh conversation, and why. */
  readonly exception?: string;
  /** What of its topic the phrase asks for, when not the topic's own answer. */
  readonly followUp?: FollowUpKind;
}

/** How people say things, as `intents/language/` records it. */
export interface Language {
  /** phrase (lower-case words joined by spaces) -> canonical term */
  readonly synonyms: readonly (readonly [string, string])[];
  /** typed word -> the words it stands for */
  readonly shorthand: readonly (readonly [string, string])[];
  /** a style's name as people type it (lower-case words) -> the style */
  readonly styles: readonly (readonly [string, CitationStyle])[];
  /** names of styles policybot does not write */
  readonly unsupportedStyles: readonly string[];
  /** a form of reference as people name it (lower-case words) -> the form */
  readonly citationForms: readonly (readonly [string, 'in-text' | 'note' | 'bibliography'])[];
  /** frames staff put around a question ("for a memo:", "…, thanks"), and how they join them */
  readonly framing: {
    readonly before: readonly string[];
    readonly beforeJoin: readonly string[];
    readonly after: readonly string[];
    readonly afterJoin: readonly string[];
    /** nouns people put after a threat's name ("the fraud problem"): part of its name, not a question */
    readonly threatNouns: readonly string[];
  };
  /** where a question splits into clauses, and the words that open a clause that asks */
  readonly clauses: {
    readonly split: string;
    readonly asks: readonly string[];
    readonly frames: readonly string[];
    readonly openers: readonly string[];
    readonly subjects: readonly string[];
    /** words that point back to what the conversation is about ("what replaced it") */
    readonly refers: readonly string[];
  };
  /** the words that ask for an amount or a date, as a background fact states one */
  readonly factCues: { readonly amount: readonly string[]; readonly date: readonly string[] };
  /** how a memo credits words to an author: for the quote checker */
  readonly attribution: Attribution;
  /**
   * the words that ask for the conversation's bibliography: a phrase that does by itself, or a
   * list word with a scope anywhere in the question (lower-case words joined by spaces)
   */
  readonly bibliography: {
    readonly alone: readonly string[];
    readonly lists: readonly string[];
    readonly scopes: readonly string[];
    /** longer phrases that hold a cue and mean something else ("up to date" holds "to date") */
    readonly idioms: readonly string[];
  };
  /**
   * questions about the bot itself: the words that address it (lower-case words joined by spaces),
   * those of them that name it, the pronouns that stand for it in a sentence after one that names
   * it, and the only words beside them such a question holds (`word*`: any word starting so)
   */
  readonly self: {
    readonly address: readonly string[];
    readonly names: readonly string[];
    readonly refers: readonly string[];
    readonly about: readonly string[];
    /** words that greet before the ask ("hi, what do you know"): set aside when something else asks */
    readonly greetings: readonly string[];
  };
  /** stop words beyond the generic English ones, acronym rules, source mentions */
  readonly lexicon: LexiconRules;
}

/** `intents/language/lexicon.yaml`, as the core's lexicon (src/core/text/lexicon.ts) reads it. */
export interface LexiconRules {
  /** words that never decide a topic, beyond the generic English stop words */
  readonly stopwords: readonly string[];
  /** letters (lower case) -> the word they stand for when written in capitals or dotted */
  readonly acronyms: readonly (readonly [string, string])[];
  /** the report and its publisher named as where a claim comes from, and the words that say so */
  readonly sourceMentions: {
    readonly names: readonly string[];
    readonly cues: readonly string[];
    readonly between: readonly string[];
  };
}

/** `intents/language/attribution.yaml`: names of authors, and the words that attribute. */
export interface Attribution {
  /** source id -> the names a writer calls that author by */
  readonly authors: Readonly<Record<string, readonly string[]>>;
  /** names of authors whose words the knowledge base does not hold */
  readonly others: readonly string[];
  /** verbs and phrases that say someone's words follow ("warns", "said") */
  readonly cues: readonly string[];
  /** phrases that put the author before a comma and the words after it ("according to") */
  readonly leads: readonly string[];
  /** words that make the author named after them a relay ("quoted in") */
  readonly relays: readonly string[];
  /** words that make the author named before them a relay ("1787, quoting the ATA") */
  readonly relaying: readonly string[];
  /** subjects that point back to an author named before ("it warns", "the group says") */
  readonly pronouns: readonly string[];
  /** source id -> pronoun nouns that stand for it when nothing before names an author ("the think tank") */
  readonly defaults: Readonly<Record<string, readonly string[]>>;
  /** the writer speaking for themselves ("we urge", "our view"): no author is credited */
  readonly writers: readonly string[];
  /** before a cue, a wish rather than a report of words ("the Member should say") */
  readonly modals: readonly string[];
  /** words that may stand before a name without changing whom it names ("your assessment") */
  readonly determiners: readonly string[];
  /** words whose loss through an ellipsis turns a statement around */
  readonly negations: readonly string[];
  /** words that narrow a statement ("some"): an ellipsis that drops one widens it */
  readonly qualifiers: readonly string[];
  /** words bound to the words after them (prepositions, determiners): an ellipsis after one re-attaches what follows */
  readonly bound: readonly string[];
  /** words that join two clauses of one subject ("and"): where an ellipsis may resume */
  readonly coordinators: readonly string[];
  /** words that open a clause with a subject of its own ("that", "while") */
  readonly clauses: readonly string[];
  /** words that open a sentence about the quotation before it ("That is the ATA's recommendation.") */
  readonly backReferences: readonly string[];
}

/** A rule of `content/limits.yaml`: what the sources cannot hold. */
export interface Limit {
  readonly id: string;
  readonly reason: string;
  readonly when: readonly string[];
  readonly and: readonly string[];
  readonly unless: readonly string[];
  readonly examples: readonly string[];
  readonly counterexamples: readonly string[];
}

/** The validated knowledge base: everything the core answers from. */
export interface KnowledgeBase {
  readonly topics: ReadonlyMap<IntentId, Topic>;
  readonly sources: ReadonlyMap<string, Source>;
  readonly examples: readonly TrainingExample[];
  readonly language: Language;
  readonly limits: readonly Limit[];
}
