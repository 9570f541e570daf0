import type { FollowUpKind, IntentId } from '../../knowledge/ids.js';
import type { CitationStyle } from '../citations/styles.js';

/** What of a topic an answer shows. */
export type View = 'summary' | 'detail' | 'sources' | 'solutions' | 'threats' | 'short';

/** The view each follow-up asks for. */
export const VIEW_OF: Readonly<Record<FollowUpKind, View>> = {
  more: 'detail',
  source: 'sources',
  solutions: 'solutions',
  threats: 'threats',
  short: 'short',
};

/** The follow-up a view answers (none for a topic's own answer). */
export function followUpOfView(view: View): FollowUpKind | null {
  switch (view) {
    case 'detail':
      return 'more';
    case 'sources':
      return 'source';
    case 'solutions':
      return 'solutions';
    case 'threats':
      return 'threats';
    case 'short':
      return 'short';
    case 'summary':
      return null;
  }
}

/** Why a question is declined: a code and its particulars, put into words only when composed. */
export type DeclineReason =
  /** Nothing in the sources is about it; `subject` is what it asks about that no topic knows. */
  | { readonly code: 'out-of-scope'; readonly subject?: string }
  /** A rule of content/limits.yaml: something the sources cannot hold (figures, page numbers …). */
  | { readonly code: 'limit'; readonly limit: string }
  | { readonly code: 'too-long'; readonly length: number; readonly max: number };

/** Why the bot asks back instead of answering. */
export type ClarifyReason =
  /** A follow-up ("tell me more") with no topic named and none in the conversation yet. */
  | { readonly code: 'no-topic-yet'; readonly followUp: FollowUpKind }
  /** Nothing to read: empty, or only markup, emoji or punctuation. */
  | { readonly code: 'empty' };

/** The one outcome of deciding what a question asks for. */
export type Decision =
  | {
      readonly kind: 'answer';
      readonly topic: IntentId;
      readonly view: View;
      /** A citation style the question asked for ("cite that in APA"). */
      readonly style?: CitationStyle;
      /** A style it asked for that policybot does not write ("Harvard"): answered in the default. */
      readonly unsupportedStyle?: string;
      readonly confidence: number;
    }
  | { readonly kind: 'bot'; readonly intent: IntentId; readonly confidence: number }
  /**
   * The conversation's bibliography ("references so far"): every source it has cited, in the style
   * asked for, else the conversation's.
   */
  | {
      readonly kind: 'bibliography';
      readonly style?: CitationStyle;
      readonly unsupportedStyle?: string;
      readonly confidence: number;
    }
  | { readonly kind: 'clarify'; readonly reason: ClarifyReason }
  | {
      readonly kind: 'decline';
      readonly reason: DeclineReason;
      /** The topics nearest to what was asked: "Did you mean". */
      readonly nearest: readonly IntentId[];
      readonly confidence: number;
    };
