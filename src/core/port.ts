import type { FollowUpKind, IntentId } from '../knowledge/ids.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Answer, AskContext } from './answer.js';
import type { CiteResult } from './citations/cite.js';
import type { Bibliography } from './conversation/bibliography.js';
import type { CitationStyle } from './citations/styles.js';
import type { TopicMatch, TopicSummary } from './topics.js';
import type { VerifyResult } from './verify/types.js';

/**
 * The core's port: everything a surface (the terminal, Slack, Discord, the serving layer) asks of
 * it. A surface turns a platform event into one of these calls and renders what comes back; it
 * never composes words for the core to read. Conversation state is read and written behind it.
 *
 * Every text that enters through it is bounded once, in its implementation (assistant.ts): text
 * over the question limit is not read (a question is declined, a cite finds nothing, autocomplete
 * offers nothing), and the normalizer under every entry reads at most MAX_READ_CHARS of any text,
 * so an entry added later is bounded too.
 */
export interface Assistant {
  /** A question in someone's words, in a conversation (or standing alone without a conversationId). */
  ask(question: string, context?: AskContext): Promise<Answer>;
  /** A follow-up on a given topic: a "Tell me more" or "Sources" button on any earlier answer. */
  followUp(kind: FollowUpKind, topic: IntentId, context?: AskContext): Promise<Answer>;
  /** A topic's own answer: a "Did you mean" button, a pick from a topic menu. */
  showTopic(topic: IntentId, context?: AskContext): Promise<Answer>;
  /**
   * Starts a conversation on a topic already answered elsewhere: an answer shared into a channel,
   * whose thread then continues it (nothing is asked or answered again).
   */
  remember(topic: IntentId, context: AskContext): Promise<void>;
  /** The conversation's citation style from now on (the terminal's `/style`, a platform setting). */
  chooseStyle(style: CitationStyle, context: AskContext): Promise<void>;
  /**
   * Every source the conversation has cited, once, in a style (the conversation's unless given):
   * the reference list and the files (.bib, .ris, .json, .txt) a reference manager imports.
   */
  bibliography(context: AskContext, style?: CitationStyle): Promise<Bibliography>;
  /**
   * The same as an answer (kind `bibliography`): the references, a note coded `nothing-cited` when
   * there are none, the files whole (`Answer.files`) and an `export` action for each. What a
   * "Bibliography" button (the `bibliography` action under an answer) asks for; in the style given,
   * else the conversation's.
   */
  showBibliography(context: AskContext, style?: CitationStyle): Promise<Answer>;
  /**
   * What to cite for some text (a topic, a source, an autocomplete pick), in a style: the one
   * chosen (`style`), else one the text names, else the person's own default (`context.style`),
   * else the bot's. `context` says who asks (the serving layer rate-limits per person).
   */
  cite(query: string, style?: CitationStyle, context?: AskContext): Promise<CiteResult>;
  /**
   * Checks the quotations in a text (a memo, a paragraph, a message) against the sources: each
   * exact, altered, misattributed or not found, with its reference in a style. `context` says who
   * asks (the serving layer rate-limits per person; the core ignores it).
   */
  verify(text: string, style?: CitationStyle, context?: AskContext): Promise<VerifyResult>;
  /** Topics for what is being typed, best first: prefix- and typo-aware (autocomplete, "Did you mean"). */
  findTopics(text: string, limit?: number, context?: AskContext): TopicMatch[];
  /** Every topic one can ask about, in list order. */
  topics(): TopicSummary[];
  /** What the bot can do, and how to ask. */
  help(context?: AskContext): Answer;
  /** The knowledge base being served (its topics and sources, for rendering). */
  readonly knowledgeBase: KnowledgeBase;
  /** The style references are in unless a question or a command asks for another. */
  readonly defaultStyle: CitationStyle;
}
