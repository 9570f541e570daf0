import type { IntentId } from '../knowledge/ids.js';

export type FollowUpKind = 'more' | 'source' | 'solutions' | 'threats';

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
  /** A reference ready to paste into a memo. */
  readonly reference: string;
}

export interface RelatedTopic {
  readonly intent: IntentId;
  readonly title: string;
}

/** What the core returns for every question: adapters only render it. */
export interface Answer {
  readonly intent: IntentId;
  /** Calibrated probability that `intent` is what was asked, in [0, 1]. */
  readonly confidence: number;
  readonly title: string;
  /** A small Markdown subset: **bold**, _italic_, [text](url), "- " bullets, "> " quotes. */
  readonly text: string;
  readonly citations: readonly Citation[];
  readonly related: readonly RelatedTopic[];
  readonly suggestions: readonly string[];
  readonly followUp: FollowUpKind | null;
  /** The topic the answer (or its follow-up) is about; null when nothing was answered. */
  readonly topic: IntentId | null;
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
   * The topic a follow-up refers to, when the platform knows it better than the conversation does
   * (a "Tell me more" button on an older answer). With an empty question ("" or "tell me about
   * it"), the topic itself is answered: a "Did you mean" button or a topic menu.
   */
  readonly topic?: IntentId;
}

/** The core's port: one call, a question in and an answer out. */
export interface Assistant {
  ask(question: string, context?: AskContext): Answer;
}
