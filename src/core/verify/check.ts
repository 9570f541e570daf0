import { diffArrays } from 'diff';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { FormattedReference } from '../citations/reference.js';
import type { CitationStyle } from '../citations/styles.js';
import { Lexicon } from '../text/lexicon.js';
import { AuthorNames } from './authors.js';
import { type Claim, CreditReader } from './credit.js';
import { creditedWords } from './credited.js';
import { bracketNotes } from './brackets.js';
import { type EllipsisWords, ellipsisNotes } from './ellipsis.js';
import { type Found, findQuotations } from './find.js';
import { closestPassage, type Placement, placeExactly, placesOf } from './match.js';
import { headingsOf, type StoredText, storedTexts } from './passages.js';
import { MIN_WORDS, type ParsedQuotation, parseQuotation, wordCount } from './quotation.js';
import { maskQuotations, sentenceAt, sentencesOf } from './sentences.js';
import type {
  AttributionCheck,
  DiffPart,
  Finding,
  SkippedQuote,
  Verdict,
  VerifyNote,
  VerifyResult,
} from './types.js';
import { VERDICTS } from './types.js';
import { wordsOf } from './words.js';

/** A quotation of one word is never checked: a word is a source's vocabulary, not its wording. */
export const SHORT_WORDS = 2;
// MIN_WORDS lives in quotation.ts: request.ts (on every surface's path) reads it without this module.
export { MIN_WORDS } from './quotation.js';
/** A quotation holding at least this share of a passage's words (by weight) is that passage, altered. */
export const ALTERED_AT = 0.6;
/** Longer texts are not read: about thirty pages of memo, far beyond anything pasted to check. */
export const MAX_VERIFY_LENGTH = 100_000;
/** Function words weigh this much against a content word when finding the closest passage. */
const FUNCTION_WORD = 0.25;

export type ReferenceFor = (sourceId: string, style: CitationStyle) => Promise<FormattedReference | null>;

/**
 * The quote checker: finds each quotation in a text and each sentence that credits words to an
 * author, and says of each whether a source the knowledge base holds has those words (exact,
 * altered, or not found) and whether it is credited to the author whose words they are.
 */
export class QuoteChecker {
  private readonly texts: readonly StoredText[];
  private readonly headings: ReadonlySet<string>;
  private readonly credits: CreditReader;
  private readonly names: AuthorNames;
  private readonly ellipsis: EllipsisWords;
  /** Function words weigh less than content words when finding the closest passage. */
  private readonly weight: (lower: string) => number;
  private readonly stopwords: ReadonlySet<string>;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly referenceFor: ReferenceFor,
  ) {
    this.texts = storedTexts(kb);
    this.headings = new Set(this.texts.flatMap(headingsOf));
    this.names = new AuthorNames(kb);
    const { stopwords } = Lexicon.of(kb.language);
    this.stopwords = stopwords;
    this.credits = new CreditReader(this.names, kb.language.attribution, stopwords);
    this.weight = (lower) => (stopwords.has(lower) ? FUNCTION_WORD : 1);
    const { negations, qualifiers, bound, coordinators } = kb.language.attribution;
    this.ellipsis = {
      negations: new Set(negations),
      qualifiers: new Set(qualifiers),
      bound: new Set(bound),
      coordinators: new Set(coordinators),
    };
  }

  async check(text: string, style: CitationStyle): Promise<VerifyResult> {
    if (text.length > MAX_VERIFY_LENGTH) {
      return {
        style,
        findings: [],
        skipped: [],
        counts: { exact: 0, altered: 0, misattributed: 0, 'not-found': 0 },
        ok: false,
        refused: {
          code: 'too-long',
          text: `That is ${text.length.toLocaleString('en-US')} characters; I check up to ${MAX_VERIFY_LENGTH.toLocaleString('en-US')} at a time. Split the text and check each part.`,
        },
      };
    }
    const found = findQuotations(text);
    // A quoted name is a title, and names an author like any name: 'Per the 2024 "Annual Threat
    // Assessment", …' credits the assessment. It stays in the text the credit is read from.
    const titles = new Set(
      found.filter(
        (f) => this.names.isName(f.quote) || (wordCount(f.quote) < MIN_WORDS && this.isHeading(f.quote)),
      ),
    );
    const masked = maskQuotations(
      text,
      found.filter((f) => !titles.has(f)),
    );
    const sentences = sentencesOf(masked);
    const candidates: { found: Found; claim: Claim; introduced?: boolean; verbatim?: boolean }[] = [];
    const skipped: SkippedQuote[] = [];
    for (const f of found) {
      const count = wordCount(f.quote);
      if (count < SHORT_WORDS || titles.has(f)) {
        skipped.push({ text: f.quote, start: f.start, reason: titles.has(f) ? 'title' : 'too-short' });
        continue;
      }
      const { sentence, earlier, next } = sentenceAt(sentences, f.start);
      const claim = this.credits.claimFor(
        masked,
        f.intro ?? sentence,
        f,
        f.intro === undefined ? earlier : [],
        f.intro === undefined ? next : undefined,
      );
      // A short quotation is checked when it is credited to someone and is a source's distinctive
      // wording ("ODNI warns of a “global health crisis”"); otherwise it is a scare quote or a
      // label ("the “drugs and security” slide").
      if (count < MIN_WORDS && (claim === null || placesOf(parseQuotation(f.quote), this.texts) !== 1)) {
        skipped.push({ text: f.quote, start: f.start, reason: 'too-short' });
        continue;
      }
      candidates.push({ found: f, claim });
    }
    // Sentences that credit words without quotation marks.
    for (const sentence of sentences) {
      const { earlier } = sentenceAt(sentences, sentence.start);
      const credited = creditedWords(this.credits, this.texts, text, masked, sentence, found, earlier);
      if (credited === undefined) continue;
      const { start, end, claim, introduced, verbatim } = credited;
      const quote = text.slice(start, end);
      if (wordCount(quote) < MIN_WORDS) continue;
      candidates.push({ found: { quote, start, end, form: 'attributed' }, claim, introduced, verbatim });
    }
    const findings: Finding[] = [];
    for (const { found: f, claim, introduced, verbatim } of candidates.sort(
      (a, b) => a.found.start - b.found.start,
    )) {
      const finding = await this.judge(f, claim, style);
      // A paragraph after a colon that credits nobody ("Recommendation:") is the writer's own, and
      // so are words that merely follow a cue without being set off as someone's.
      const quoteLike =
        f.form === 'quoted' ||
        (f.form === 'block' && (claim !== null || f.intro === undefined)) ||
        (f.form === 'attributed' && introduced === true);
      if (!quoteLike && finding.verdict === 'not-found') continue;
      // Words that merely follow a cue ("ODNI says TCOs threaten public health") are the writer's
      // paraphrase unless a source holds a run of them word for word.
      if (
        f.form === 'attributed' &&
        introduced !== true &&
        verbatim !== true &&
        finding.verdict === 'altered'
      )
        continue;
      findings.push(finding);
    }
    const counts = Object.fromEntries(
      VERDICTS.map((v) => [v, findings.filter((f) => f.verdict === v).length]),
    ) as Record<Verdict, number>;
    return {
      style,
      findings,
      skipped,
      counts,
      ok: findings.every((f) => f.verdict === 'exact'),
      refused: null,
    };
  }

  private async judge(found: Found, claim: Claim, style: CitationStyle): Promise<Finding> {
    const parsed = parseQuotation(found.quote);
    const base = { quote: found.quote, start: found.start, end: found.end, form: found.form };
    const placement = placeExactly(parsed, this.texts, (p) => this.unfair(p).length);
    if (placement !== undefined) {
      const actual = authorOf(placement.text, wordsOfPlacement(placement));
      const attribution = this.attribution(claim, actual);
      const unfair = this.unfair(placement);
      const notes = [...unfair, ...this.attributionNotes(attribution, actual)];
      const first = placement.segments[0]?.[0] ?? 0;
      const last = placement.segments.at(-1)?.[1] ?? first;
      const passage = this.passage(placement.text, first, last);
      const altered = unfair.length > 0;
      return {
        ...base,
        verdict: altered ? 'altered' : attribution.correct === false ? 'misattributed' : 'exact',
        attribution,
        ...this.sourceFields(actual),
        passage: this.sentencesAround(placement.text, first, last),
        diff: altered ? diffWords(parsed, placement.text, first, last) : null,
        corrected: altered ? passage : null,
        reference: await this.referenceFor(actual, style),
        notes,
      };
    }
    const closest = closestPassage(parsed, this.texts, this.weight);
    // An alteration changes a few words of a passage; words scattered over a passage twice their
    // length are a new sentence made of the source's vocabulary ("threaten the U.S. financial
    // system"), which no source holds.
    const credible = closest !== undefined && closest.end - closest.start <= 2 * parsed.plain.length;
    if (closest !== undefined && closest.score >= ALTERED_AT && credible) {
      const actual = authorOf(closest.text, range(closest.start, closest.end));
      const attribution = this.attribution(claim, actual);
      return {
        ...base,
        verdict: 'altered',
        attribution,
        ...this.sourceFields(actual),
        passage: this.sentencesAround(closest.text, closest.start, closest.end),
        diff: diffWords(parsed, closest.text, closest.start, closest.end),
        corrected: this.passage(closest.text, closest.start, closest.end),
        reference: await this.referenceFor(actual, style),
        notes: this.attributionNotes(attribution, actual),
      };
    }
    return {
      ...base,
      verdict: 'not-found',
      attribution: { claimed: claim, actual: null, correct: null },
      sourceId: null,
      via: null,
      passage: null,
      diff: null,
      corrected: null,
      reference: null,
      notes: [],
    };
  }

  /**
   * A short quoted heading of a page we hold ("Under “1787's Solutions”, the page …") is a title. (A
   * longer line with no stop, such as the page's "see 1787's solutions for … here", is words.)
   */
  private isHeading(quote: string): boolean {
    return this.headings.has(
      wordsOf(quote)
        .map((w) => w.lower)
        .join(' '),
    );
  }

  /** What the quotation's ellipses and brackets change, placed there. */
  private unfair(placement: Placement): VerifyNote[] {
    return [...ellipsisNotes(placement, this.ellipsis), ...bracketNotes(placement, this.stopwords)];
  }

  private attribution(claim: Claim, actual: string): AttributionCheck {
    return {
      claimed: claim,
      actual: { sourceId: actual, name: this.nameOf(actual) },
      correct: claim === null ? null : claim.sourceId === actual,
    };
  }

  private attributionNotes(attribution: AttributionCheck, actual: string): VerifyNote[] {
    const notes: VerifyNote[] = [];
    const source = this.kb.sources.get(actual);
    const via = source?.quotedIn === undefined ? undefined : this.kb.sources.get(source.quotedIn);
    if (attribution.correct === false && attribution.claimed !== null) {
      notes.push({
        code: 'attribution-wrong',
        text: `Credited to ${attribution.claimed.phrase}, but these are ${this.nameOf(actual)}'s words${via ? `, as ${this.nameOf(via.id)} relays them` : ''}.`,
      });
    } else if (attribution.correct === null) {
      notes.push({
        code: 'attribution-missing',
        text: `The text credits nobody: these are ${this.nameOf(actual)}'s words.`,
      });
    }
    if (via !== undefined) {
      notes.push({
        code: 'relayed',
        text: `Quoted from ${this.nameOf(via.id)}'s page, which relays ${this.nameOf(actual)}.`,
      });
    }
    return notes;
  }

  private sourceFields(actual: string): { sourceId: string; via: string | null } {
    return { sourceId: actual, via: this.kb.sources.get(actual)?.quotedIn ?? null };
  }

  private nameOf(id: string): string {
    const source = this.kb.sources.get(id);
    return source?.shortName ?? source?.publisher ?? id;
  }

  /** The source's own words from one word to another, as it writes them. */
  private passage(text: StoredText, first: number, last: number): string {
    const a = text.words[first];
    const b = text.words[last - 1];
    return a === undefined || b === undefined ? '' : text.text.slice(a.start, b.end);
  }

  /** The whole sentences a stretch of words stands in: the passage to read it in. */
  private sentencesAround(text: StoredText, first: number, last: number): string {
    const from = text.words[first]?.sentence ?? 0;
    const to = text.words[last - 1]?.sentence ?? from;
    const start = text.sentences[from]?.[0] ?? first;
    const end = text.sentences[to]?.[1] ?? last;
    const a = text.words[start];
    const b = text.words[end - 1];
    if (a === undefined || b === undefined) return '';
    // Through the sentence's closing stop and marks.
    const tail = /^[.!?]?["”’)]*/u.exec(text.text.slice(b.end))?.[0] ?? '';
    return text.text.slice(a.start, b.end + tail.length);
  }
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

function wordsOfPlacement(placement: Placement): number[] {
  return placement.segments.flatMap(([s, e]) => range(s, e));
}

/** Whose words most of them are. */
function authorOf(text: StoredText, indexes: readonly number[]): string {
  const tally = new Map<string, number>();
  for (const i of indexes) {
    const author = text.words[i]?.author ?? text.hostId;
    tally.set(author, (tally.get(author) ?? 0) + 1);
  }
  return [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? text.hostId;
}

/** The quotation's words against the source's, word by word (the `diff` library's array diff). */
function diffWords(quote: ParsedQuotation, text: StoredText, first: number, last: number): DiffPart[] {
  const source = text.words.slice(first, last);
  const changes = diffArrays(
    quote.plain.map((w, i) => ({ key: w.key, lower: w.lower, first: i === 0 })),
    source.map((w) => ({ key: w.key, lower: w.lower, first: w.sentenceStart })),
    { comparator: (a, b) => a.key === b.key || ((a.first || b.first) && a.lower === b.lower) },
  );
  return changes.map((c) => ({
    op: c.added ? 'removed' : c.removed ? 'added' : 'same',
    text: c.value.map((w) => w.key).join(' '),
  }));
}
