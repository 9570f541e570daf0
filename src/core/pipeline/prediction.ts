import type { FollowUpKind, IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Limit } from '../../knowledge/types.js';
import type { StyleMention } from '../citations/style-names.js';
import type { Classification } from '../model/classifier.js';
import type { FactMatch } from '../model/facts.js';
import type { Decision } from './decision.js';
import type { ReadingName } from './precedence.js';

/** A clause classified alone: whether it asks, and whether a frame word opens it ("for my memo on X"). */
export interface ClauseReading {
  readonly classification: Classification;
  readonly asks: boolean;
  readonly frames: boolean;
}

/** What every reading may read: the question's one reading by the models, and the conversation. */
export interface ReadingInput {
  readonly kb: KnowledgeBase;
  readonly length: number;
  readonly maxLength: number;
  /** Absent when the question was too long to read. */
  readonly classification?: Classification;
  /** The topic the conversation is about, while it is remembered strongly enough. */
  readonly previous?: IntentId;
  /** The turn before answered the bot's own help ("who built this bot?"). */
  readonly afterSelf?: boolean;
  /**
   * The question's clauses, each classified alone, when it has two or more; computed only when a
   * reading asks. `asks`: the clause is a question or a request, not a preamble.
   */
  readonly clauses?: () => readonly ClauseReading[];
  /**
   * Every clause of the question, one word or more, when it has two or more ("anyway, back to
   * maritime security — tl;dr?"): a follow-up's own words read apart from the topic's, as the
   * intent of the training phrase each is word for word (`Classification.exact`), which is all a
   * reading asks of them: looked up, not scored (a fifth of questions have several). Computed only
   * when a reading asks.
   */
  /** A follow-up asking for a form of the answer ("tl;dr"), its phrase anywhere in the question. */
  readonly formAsked?: () => FollowUpKind | undefined;
  readonly parts?: () => readonly {
    readonly exact: IntentId | undefined;
    readonly asks: boolean;
    /** Its words as typed: `read().normalized.words` has at least as many. */
    readonly typedWords: number;
    /** The clause classified alone (cached with the clauses'), read only when a reading asks. */
    readonly read: () => Classification;
  }[];
  /** The threat or solution the question names by one of its names (content/topics `names:`), among those asked for. */
  readonly named?: (among?: (topic: IntentId) => boolean) => IntentId | undefined;
  /** The question without the words that ask for a follow-up, read alone ("the TCO overview" of "source for the TCO overview"); read when a reading asks. */
  readonly subject?: () => Classification | undefined;
  /**
   * The sentences that ask, read alone, when other sentences frame them (a pasted paragraph, then
   * "Can you give me the full set of 1787 recommendations?"); read when a reading asks.
   */
  readonly asked?: () => Classification | undefined;
  readonly limit?: Limit;
  /** The topic a name of which is the very words the limit read ("tougher sentences" is a name of the penalties solution). */
  readonly limitNamed?: IntentId;
  /** The background fact the question asks about, if any; looked up only when a reading asks. */
  readonly fact?: () => FactMatch | undefined;
  /** The question addresses the bot in words only about itself (intents/language/self.yaml); read when a reading asks. */
  readonly aboutSelf?: () => boolean;
  readonly style?: StyleMention;
  /**
   * Words that ask for the conversation's bibliography ("references so far"), and what the rest of
   * the question, read without them (and without a style's name), is about; classified only when
   * a reading asks.
   */
  readonly listRequest?: { readonly cue: string; readonly rest: () => Classification | undefined };
  readonly threshold: number;
}

/**
 * One reading's prediction: the decision it would make, how likely it is right, and why. A reading
 * with nothing to say gives only its reason.
 */
export interface Prediction {
  readonly decision?: Decision;
  /** The calibrated probability that the decision is right (1 for a rule). */
  readonly probability: number;
  /** For the topic head: the probability the question is in scope at all. */
  readonly scope?: number;
  /** The model's own uncalibrated probability for its choice. */
  readonly lead?: number;
  /** It names no topic of its own and leans on the conversation. */
  readonly leans?: boolean;
  /** It is read from the clause that asks, not from the whole question or a preamble. */
  readonly asks?: boolean;
  readonly reason: string;
}

export interface Reading {
  readonly name: ReadingName;
  read(input: ReadingInput): Prediction;
}
