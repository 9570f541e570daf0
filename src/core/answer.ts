import type { FollowUpKind, IntentId, TopicGroup } from '../knowledge/ids.js';
import type { CitationStyle } from './citations/styles.js';
import type { Trace } from './pipeline/decide.js';

export type { FollowUpKind } from '../knowledge/ids.js';
export type { Trace } from './pipeline/decide.js';

export interface Citation {
  readonly sourceId: string;
  readonly title: string;
  readonly publisher: string;
  /** ISO date as precise as the source gives it, or null when it gives none. */
  readonly date: string | null;
  readonly url: string | null;
  /** Verbatim words from the source, when the citation backs a quote. */
  readonly quote?: string;
  /** The source through which we hold the quote ("quoted in"), when not the source itself. */
  readonly via?: string;
  /** A reference ready to paste into a memo, in the answer's citation style. */
  readonly reference: string;
}

export interface RelatedTopic {
  readonly intent: IntentId;
  readonly title: string;
}

/**
 * What a person can do next with an answer, computed once in the core; each platform renders
 * these in its own idiom (Slack and Discord buttons, the terminal's "Try:" line) and sends the
 * same action back to the port, never words for the core to read again.
 */
export type Action =
  /** A follow-up on a topic: its longer answer, its sources, its linked solutions or threats. */
  | {
      readonly kind: 'follow-up';
      readonly followUp: FollowUpKind;
      readonly topic: IntentId;
      readonly label: string;
    }
  /** A topic's own answer: "Did you mean", or where to start. */
  | { readonly kind: 'topic'; readonly topic: IntentId; readonly label: string };

/**
 * What an answer is: a topic answered (`answer`), the bot's own reply (`bot`: help, greeting,
 * thanks), a question back (`clarify`: "about what?"), a decline, or a request refused by the
 * serving layer's rate limit.
 */
export type AnswerKind = 'answer' | 'bot' | 'clarify' | 'decline' | 'rate-limited';

/** What the core returns for every question: adapters only render it. */
export interface Answer {
  readonly kind: AnswerKind;
  /** The topic answered, the bot's intent, or `fallback` when nothing was answered. */
  readonly intent: IntentId;
  /**
   * The calibrated probability that `intent` is what was asked, in [0, 1]; null when nothing was
   * classified (a question back, a rate-limited request).
   */
  readonly confidence: number | null;
  readonly title: string;
  /** A small Markdown subset: **bold**, _italic_, [text](url), "- " bullets, "> " quotes. */
  readonly text: string;
  readonly citations: readonly Citation[];
  /** The style of every citation's `reference`. */
  readonly style: CitationStyle;
  readonly related: readonly RelatedTopic[];
  /** Questions worth asking next, in words, for surfaces without buttons. */
  readonly suggestions: readonly string[];
  readonly actions: readonly Action[];
  /** The follow-up this answer gives on its topic, or null for the topic's own answer. */
  readonly followUp: FollowUpKind | null;
  /** The topic the answer is about; null when no topic was answered. */
  readonly topic: IntentId | null;
  /** The topic's group (threat, solution, source, related, bot, fallback). */
  readonly group: TopicGroup;
  /** How it was decided. */
  readonly trace: Trace;
  /**
   * A reference to this answer, set by the serving layer: what a "Helpful" / "Not helpful" button
   * carries back, so the feedback is recorded with the question that was asked.
   */
  readonly ref?: string;
}

export interface AskContext {
  /** Keys a conversation: platform, channel, thread or user. Without it every question stands alone. */
  readonly conversationId?: string;
  readonly platform?: string;
  /**
   * Who asked, as the platform names them (a Slack or Discord user id). The core ignores it; the
   * serving layer rate-limits per user and records a hash of it, never the id itself.
   */
  readonly user?: string;
  /**
   * The person's own default citation style (chosen on their platform, e.g. Slack's Home tab): the
   * answer's references are in it unless the question names a style. The bot's default otherwise.
   */
  readonly style?: CitationStyle;
}
