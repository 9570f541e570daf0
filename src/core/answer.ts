import type { FollowUpKind, IntentId, TopicGroup } from '../knowledge/ids.js';
import type { CitationStyle } from './citations/styles.js';
import type { Trace } from './pipeline/decide.js';

export type { FollowUpKind } from '../knowledge/ids.js';
export type { Trace } from './pipeline/decide.js';

/**
 * THE ANSWER MODEL (what every surface codes against)
 *
 * An `Answer` is a document, not prose. The core composes it once (src/core/pipeline/compose.ts is
 * the only place that puts things into words); a surface maps its parts to its own idiom and never
 * reads the English to decide anything:
 *
 *   blocks      the body, in reading order: paragraphs (the first has role 'summary'), bullet
 *               lists and quotes set apart. Inline runs are typed (strong, emphasis, link, quoted
 *               words, a topic named), so no surface parses Markdown.
 *   quotes      every verbatim quote the answer rests on: its text (without quotation marks), the
 *               source whose words they are, the page that relays them, and `shownInText` (a block
 *               already gives it, so a surface lists only the others).
 *   facts       background facts stated in our words, each with its source.
 *   references  one per source, de-duplicated, in the answer's style: the bibliography entry (or
 *               the record, for BibTeX, RIS and CSL-JSON), the in-text form (APA, MLA), the note
 *               forms (Chicago: full and short), and, in a conversation, the footnote this answer
 *               gives the source (numbered; full the first time, short after). A reference is a
 *               unit: pasted whole, never wrapped or prefixed by a surface.
 *   form        which of those forms was asked for: all, in-text only, note only, bibliography only.
 *   notes       things said about the answer, each with a code a surface or a test may branch on
 *               (unsupported-style, too-long, limit, out-of-scope, ...) and its words.
 *   didYouMean  topics offered instead, as topic references (a decline's nearest topics).
 *   actions     what a person can do next (follow-ups, topics, the conversation's bibliography, a
 *               bibliography's files to download).
 *   files       a bibliography answer's files (.bib, .ris, .json CSL-JSON, .txt), whole: a surface
 *               attaches them or offers them for download, never cuts them.
 *
 * `text` and `citations` are derived views kept for logs, `ask --json` and older callers: the
 * Markdown-subset text of the blocks and notes, and the references flattened per quote.
 */

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

/** A run of inline content. Quotation marks and emphasis are the surface's to draw. */
export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'strong'; readonly text: string }
  | { readonly kind: 'emphasis'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly url: string }
  /** Words quoted verbatim, without their quotation marks; the source when the words are a source's. */
  | { readonly kind: 'quoted'; readonly text: string; readonly sourceId?: string }
  /** A topic named: bold, or a link or button where the surface has them. */
  | { readonly kind: 'topic'; readonly topic: IntentId; readonly text: string };

/** A block of the answer's body. */
export type Block =
  /** The first paragraph of an answer has role 'summary'; the rest 'text'. */
  | { readonly kind: 'paragraph'; readonly role: 'summary' | 'text'; readonly content: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  /** A quote set apart, its words verbatim (no quotation marks); its source when known. */
  | { readonly kind: 'quote'; readonly text: string; readonly sourceId: string | null };

/** A verbatim quote the answer rests on. */
export interface AnswerQuote {
  /** The words, verbatim, without quotation marks. */
  readonly text: string;
  /** The source whose words they are. */
  readonly sourceId: string;
  /** The page through which we hold them, when it is not the source itself ("quoted in"). */
  readonly via?: string;
  /** A block of the answer already gives these words: surfaces list only the quotes not shown. */
  readonly shownInText: boolean;
}

/** A background fact, in our words, and the source that states it. */
export interface AnswerFact {
  readonly text: string;
  readonly sourceId: string;
}

/** What a reference is for: a reader's memo, or a reference manager's import. */
export type ReferenceKind = 'text' | 'record';

/**
 * Which forms of a reference a person asked for: everything (`full`), the in-text citation only,
 * the note only, or the bibliography (reference-list, Works Cited) entry only.
 */
export type CitationForm = 'full' | 'in-text' | 'note' | 'bibliography';

/** One source, cited in the answer's style. */
export interface Reference {
  readonly sourceId: string;
  /** The page through which we hold the source's words, when the answer quotes it second-hand. */
  readonly via?: string;
  readonly style: CitationStyle;
  /**
   * 'record' (BibTeX, RIS, CSL-JSON): machine-readable, to be emitted whole and valid or attached
   * as a file, never cut. 'text': a line for a reader.
   */
  readonly kind: ReferenceKind;
  /** What to call the source in a heading (its title, else its number or our description). */
  readonly label: string;
  readonly publisher: string;
  /** ISO date as precise as the source gives it, or null when it gives none. */
  readonly date: string | null;
  readonly url: string | null;
  /** The bibliography entry (Chicago), reference-list entry (APA), Works Cited entry (MLA), or the record. */
  readonly entry: string;
  /** The parenthetical citation for the sentence (APA, MLA). */
  readonly inText?: string;
  /** MLA, second-hand quote: whom to name in the sentence, since "(qtd. in …)" names only the relay. */
  readonly nameInText?: string;
  /** Chicago's notes: the full note for a first citation, the short one after. */
  readonly note?: { readonly full: string; readonly short: string };
  /** In a conversation, the footnote this answer gives the source: numbered in order, full then short. */
  readonly footnote?: { readonly number: number; readonly form: 'full' | 'short' };
  /** The answer's quotes this reference backs (indexes into `Answer.quotes`). */
  readonly quotes: readonly number[];
}

/** Why a note is there: a surface or a test may branch on the code, never on the words. */
export type NoteCode =
  /** A style was asked for that policybot does not write; the answer is in another. */
  | 'unsupported-style'
  /** A form was asked for that the style does not have (an in-text citation in Chicago's notes style). */
  | 'form-not-in-style'
  /** The question was longer than policybot reads. */
  | 'too-long'
  /** A rule of content/limits.yaml: something the sources cannot hold. */
  | 'limit'
  /** Nothing in the sources is about what was asked. */
  | 'out-of-scope'
  /** A pairing of threats and solutions that is ours, not the sources'. */
  | 'our-pairing'
  /** The bot is limiting how fast one person asks. */
  | 'rate-limited'
  /** The conversation's bibliography was asked for, and nothing has been cited in it yet. */
  | 'nothing-cited';

export interface AnswerNote {
  readonly code: NoteCode;
  readonly content: readonly Inline[];
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
  | { readonly kind: 'topic'; readonly topic: IntentId; readonly label: string }
  /**
   * The conversation's bibliography: every source it has cited, once (the port's
   * `showBibliography`). Offered under an answer that cites something, in a conversation.
   */
  | { readonly kind: 'bibliography'; readonly label: string }
  /** One of a bibliography answer's files (`Answer.files`), to attach or download. */
  | { readonly kind: 'export'; readonly file: ExportFormat; readonly label: string };

/** The files a bibliography is exported as: BibTeX, RIS, CSL-JSON and the reference list as text. */
export const EXPORT_FORMATS = ['bib', 'ris', 'json', 'txt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A file an answer carries whole (a bibliography's .bib, .ris, .json, .txt). */
export interface AnswerFile {
  readonly format: ExportFormat;
  /** A file name to save or attach it under: `policybot-bibliography.ris`. */
  readonly name: string;
  /** Its media type, for an upload or a download. */
  readonly mediaType: string;
  /** The whole file, ending in a newline. */
  readonly content: string;
}

/**
 * What an answer is: a topic answered (`answer`), the bot's own reply (`bot`: help, greeting,
 * thanks), the conversation's bibliography (`bibliography`: its references, files and export
 * actions), a question back (`clarify`: "about what?"), a decline, or a request refused by the
 * serving layer's rate limit.
 */
export type AnswerKind = 'answer' | 'bot' | 'bibliography' | 'clarify' | 'decline' | 'rate-limited';

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
  /** The body: paragraphs (the first is the summary), lists and quotes set apart. */
  readonly blocks: readonly Block[];
  /** The summary paragraph as plain text (no markup), for notifications and previews. */
  readonly summary: string;
  readonly quotes: readonly AnswerQuote[];
  readonly facts: readonly AnswerFact[];
  /** One per source cited, de-duplicated, in `style`, in the order the answer cites them. */
  readonly references: readonly Reference[];
  /** The forms of the references asked for. */
  readonly form: CitationForm;
  readonly notes: readonly AnswerNote[];
  /** Topics offered instead of an answer ("Did you mean"), nearest first. */
  readonly didYouMean: readonly RelatedTopic[];
  /**
   * Derived: the notes and blocks as a small Markdown subset (**bold**, _italic_, [text](url),
   * "- " bullets, "> " quotes), for logs and `ask --json`. Renderers never read it.
   */
  readonly text: string;
  /** Derived: one per quote and per source, with the reference's one-line form. */
  readonly citations: readonly Citation[];
  /** The style of every reference. */
  readonly style: CitationStyle;
  readonly related: readonly RelatedTopic[];
  /** Questions worth asking next, in words, for surfaces without buttons. */
  readonly suggestions: readonly string[];
  readonly actions: readonly Action[];
  /** The files a bibliography answer carries (one per `export` action); absent on other answers. */
  readonly files?: readonly AnswerFile[];
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
