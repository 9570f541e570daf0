import type { Claim, CreditReader, SentencePhrases, Span } from './credit.js';
import type { SourceWord, StoredText } from './passages.js';
import { type Word, wordsOf } from './words.js';

/** Words a sentence credits to someone without quotation marks, and how. */
export interface CreditedWords extends Span {
  readonly claim: NonNullable<Claim>;
  /**
   * Set off as someone's words: after "that" or a colon, after "according to …,", or before
   * "…, the DNI said". Words merely following a cue ("should ask what that means") are checked only
   * when a source holds them.
   */
  readonly introduced: boolean;
  /** The stretch is a run of words a source holds word for word (and what follows it in its clause). */
  readonly verbatim: boolean;
}

/** Shorter runs of a source's words are no claim to be its words. */
const MIN_RUN = 4;

/**
 * Sentences that credit words without quotation marks ("the ATA warns that …", "according to 1787,
 * …", "…, the DNI said"), read from the same attributing phrases, and the same reading of whom
 * they credit, as quotations are (CreditReader.phrases), in `masked` (the text with its quotations
 * blanked; `text` is the text itself): a cue's subject, a pronoun's antecedent, a
 * page passing on another's words. Words credited to someone named are read first; to someone
 * unnamed ("Some analysts believe that …") only when nobody is named before them, and never as set
 * off (a source must hold a run of them to be reported).
 */
export function creditedWords(
  credits: CreditReader,
  texts: readonly StoredText[],
  text: string,
  masked: string,
  whole: Span,
  quotations: readonly Span[],
  earlier: readonly Span[],
): CreditedWords | undefined {
  const phrases = credits.phrases(masked, whole, earlier);
  const found = wordsCredited(phrases, masked, whole, quotations);
  return found === undefined ? undefined : { ...found, ...stretch(text, found, texts) };
}

function wordsCredited(
  { words, cues, leads }: SentencePhrases,
  masked: string,
  whole: Span,
  quotations: readonly Span[],
): Omit<CreditedWords, 'verbatim'> | undefined {
  // The words credited run to the end of the sentence, or to a quotation in it (checked on its own).
  // Words that run straight into a quotation introduce it ("TCOs view human trafficking “as low
  // risk…”"); only a clause closed by a comma before it is a claim of its own.
  const cut = (from: number): number => {
    const next = quotations.find((q) => q.start >= from && q.start < whole.end);
    if (next === undefined) return whole.end;
    const lead = masked.slice(from, next.start - 1);
    const close = Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';'));
    return close < 0 ? from : from + close;
  };
  const end = (i: number): number => (words[i] as Word).end;
  // Someone named: an author we hold words from, or one we know by name and hold nothing from
  // ("Treasury's FinCEN says").
  const known = (claim: Claim | undefined, named = false): claim is NonNullable<Claim> =>
    claim != null && (claim.sourceId !== null || named);
  const credited: { at: number; span: Span | undefined; claim: NonNullable<Claim>; introduced: boolean }[] =
    [];
  // "According to the ATA, …"
  for (const lead of leads) {
    if (!known(lead.claim)) continue;
    const comma = masked.indexOf(',', end(lead.last));
    const span = comma >= 0 && comma < cut(comma) ? trimmed(masked, comma + 1, cut(comma)) : undefined;
    credited.push({ at: lead.at, span, claim: lead.claim, introduced: true });
  }
  for (const cue of cues) {
    if (!known(cue.claim, cue.afterName)) continue;
    if (cue.closing) {
      // "…, the DNI said."
      const comma = masked.lastIndexOf(',', (words[cue.at] as Word).start);
      const stop = cut(whole.start);
      const span = comma > whole.start && comma < stop ? trimmed(masked, whole.start, comma) : undefined;
      credited.push({ at: cue.at, span, claim: cue.claim, introduced: true });
      continue;
    }
    // "The ATA warns that …", "The ATA, in its 2024 report, warns: …", "It finds that …"
    const next = words[cue.at + cue.length];
    const that = next?.lower === 'that';
    const from = that ? next.end : end(cue.at + cue.length - 1);
    const introduced = that || /^\s*:/.test(masked.slice(from));
    credited.push({ at: cue.at, span: trimmed(masked, from, cut(from)), claim: cue.claim, introduced });
  }
  const first = credited.sort((a, b) => a.at - b.at).find((c) => c.span !== undefined);
  if (first?.span !== undefined) return { ...first.span, claim: first.claim, introduced: first.introduced };
  // Someone the knowledge base holds nothing from, the first speaker of the sentence: "Some
  // analysts believe that TCOs view …" (none when a quotation stands in their words: it is checked
  // itself).
  const other = cues.find((c) => c.claim != null);
  if (other === undefined || other.claim == null || other.claim.sourceId !== null || other.afterName) return;
  const next = words[other.at + other.length];
  const from = next?.lower === 'that' ? next.end : end(other.at + other.length - 1);
  if (quotations.some((q) => q.start >= from && q.start < whole.end)) return undefined;
  const span = trimmed(masked, from, whole.end);
  return span === undefined ? undefined : { ...span, claim: other.claim, introduced: false };
}

/** The text from one offset to another, without the punctuation and spaces around it. */
function trimmed(text: string, from: number, to: number): Span | undefined {
  const slice = text.slice(from, to);
  const start = from + (slice.length - slice.replace(/^[\s,:;—–-]+/u, '').length);
  const end = to - (slice.length - slice.replace(/[\s.,;:!?—–-]+$/u, '').length);
  return end > start ? { start, end } : undefined;
}

/**
 * Of a sentence's words credited without quotation marks, the stretch that claims to be the
 * source's: from the first word of the longest run the source holds word for word ("1787 argues
 * that the U.S. should | disrupt transnational crime …"), to the end of that run where the
 * source's sentence ends there, else on to the writer's next comma (a changed ending: "…of the
 * United States | and Mexico, which is why …"). With no such run, all of them.
 */
function stretch(text: string, span: Span, texts: readonly StoredText[]): Span & { verbatim: boolean } {
  const words = wordsOf(text.slice(span.start, span.end), span.start);
  const run = longestRun(words, texts);
  if (run === undefined || run.length < MIN_RUN) return { start: span.start, end: span.end, verbatim: false };
  const first = words[run.from] as Word;
  const last = words[run.from + run.length - 1] as Word;
  if (run.endsSentence) return { start: first.start, end: last.end, verbatim: true };
  const rest = text.slice(last.end, span.end);
  const stop = rest.search(/[,;:()\u2014\u2013]|\s-\s/u);
  const end = stop < 0 ? span.end : last.end + stop;
  return { start: first.start, end: last.end + text.slice(last.end, end).trimEnd().length, verbatim: true };
}

/** The longest run of the words that a stored text holds word for word (case free at its start). */
function longestRun(
  words: readonly Word[],
  texts: readonly StoredText[],
): { from: number; length: number; endsSentence: boolean } | undefined {
  let best: { from: number; length: number; endsSentence: boolean } | undefined;
  for (let i = 0; i < words.length; i++) {
    for (const text of texts) {
      text.words.forEach((w, p) => {
        let k = 0;
        while (i + k < words.length && p + k < text.words.length) {
          const a = words[i + k] as Word;
          const b = text.words[p + k] as SourceWord;
          if (!(a.key === b.key || ((k === 0 || b.sentenceStart) && a.lower === b.lower))) break;
          k++;
        }
        if (k > 0 && (best === undefined || k > best.length)) {
          const next = text.words[p + k];
          best = { from: i, length: k, endsSentence: next === undefined || next.sentence !== w.sentence };
        }
      });
    }
  }
  return best;
}
