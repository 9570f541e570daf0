import type { FormattedReference } from '../citations/reference.js';
import type { CitationStyle } from '../citations/styles.js';

/**
 * What the quote checker reports: plain data (JSON as it is), the same on every surface, so the
 * CLI, the chat, Slack, Discord and the web page render one shape.
 */

export type Verdict = 'exact' | 'altered' | 'misattributed' | 'not-found';

export const VERDICTS: readonly Verdict[] = ['exact', 'altered', 'misattributed', 'not-found'];

/** Each verdict as every surface names it, so one text reads the same everywhere. */
export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  exact: 'Exact',
  altered: 'Altered',
  misattributed: 'Misattributed',
  'not-found': 'Not found',
};

/** How the words were set off in the text. */
export type QuotationForm =
  /** between quotation marks: straight or curly, double or single */
  | 'quoted'
  /** a block quote: introduced by a colon on the line before, indented, or a Markdown "> " line */
  | 'block'
  /** no quotation marks: a sentence that credits the words to someone ("the ATA warns that …") */
  | 'attributed';

/** An author as the checker knows it: a source of the knowledge base, or someone it holds nothing from. */
export interface Author {
  /** The source id when the knowledge base knows the author; null for anyone else. */
  readonly sourceId: string | null;
  /** How to name the author to a reader ("ODNI", "1787", or the name as written). */
  readonly name: string;
}

/** Whom the text credits the words to, and whether that is right. */
export interface AttributionCheck {
  /** The author named; null when the text names nobody. */
  readonly claimed: (Author & { readonly phrase: string }) | null;
  /** The author whose words they are; null when no source holds them. */
  readonly actual: Author | null;
  /** true or false when both are known; null when the text names no author or the words are not found. */
  readonly correct: boolean | null;
}

/** One step of a word-level diff: a run of words the same in both, only in the quote, or only in the source. */
export interface DiffPart {
  readonly op: 'same' | 'added' | 'removed';
  /** The words, as written (in the quote for `added` and `same`, in the source for `removed`). */
  readonly text: string;
}

/** A problem the checker notes beside its verdict, with a stable code for surfaces and tests. */
export interface VerifyNote {
  readonly code:
    | 'ellipsis-drops-negation'
    | 'ellipsis-drops-qualifier'
    | 'ellipsis-breaks-phrase'
    | 'ellipsis-changes-subject'
    | 'ellipsis-joins-passages'
    | 'bracket-replaces-words'
    | 'attribution-wrong'
    | 'attribution-missing'
    | 'relayed';
  readonly text: string;
}

/** One quotation (or attributed sentence) found in the text, and the verdict on it. */
export interface Finding {
  /** The words as they appear in the text, without the quotation marks around them. */
  readonly quote: string;
  /** Where they are in the text (UTF-16 offsets, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly form: QuotationForm;
  readonly verdict: Verdict;
  readonly attribution: AttributionCheck;
  /** The source whose words they are (for a second-hand quote, the original author); null when not found. */
  readonly sourceId: string | null;
  /** The page through which we hold those words, when not the source itself. */
  readonly via: string | null;
  /** The source's passage the quote comes from, or comes closest to (exact and altered). */
  readonly passage: string | null;
  /** Altered: the quote against the source's words, word by word. */
  readonly diff: readonly DiffPart[] | null;
  /** Altered: the quotation as the source has it. */
  readonly corrected: string | null;
  /** The reference to cite the words by, in the result's style; null when not found. */
  readonly reference: FormattedReference | null;
  readonly notes: readonly VerifyNote[];
}

/** A quoted string not checked, and why: too short to be a quotation (a scare quote), or a source's name (a title). */
export interface SkippedQuote {
  readonly text: string;
  readonly start: number;
  readonly reason: 'too-short' | 'title';
}

export interface VerifyResult {
  readonly style: CitationStyle;
  readonly findings: readonly Finding[];
  readonly skipped: readonly SkippedQuote[];
  readonly counts: Readonly<Record<Verdict, number>>;
  /** Every quotation exact: what a pre-publication check passes on. */
  readonly ok: boolean;
  /** Set when the text was not read at all (longer than MAX_VERIFY_LENGTH), with what to say. */
  readonly refused: { readonly code: 'too-long'; readonly text: string } | null;
}
