import type { Attribution } from '../../knowledge/types.js';
import type { AuthorNames, Mention } from './authors.js';
import type { Author } from './types.js';
import { endsWith, startsAt } from './phrases.js';
import { type Word, wordsOf } from './words.js';

/** A sentence that credits words to someone without quotation marks ("the ATA warns that …"). */
export interface AttributedWords {
  readonly start: number;
  readonly end: number;
  readonly claim: Author & { readonly phrase: string };
  /**
   * Set off as someone's words: after "that" or a colon, after "according to …,", or before
   * "…, the DNI said". Words merely following a cue ("should ask what that means") are checked only
   * when a source holds them.
   */
  readonly introduced: boolean;
}

/**
 * Reads who a text credits words to, from the names of authors and the cue words of
 * `intents/language/attribution.yaml`. The text it reads has every quotation masked out (their
 * words are the source's, not the writer's: "the United States" inside one names nobody).
 */
export class AttributionReader {
  private readonly cues: readonly (readonly string[])[];
  private readonly leads: readonly (readonly string[])[];
  private readonly relays: readonly (readonly string[])[];
  private readonly relaying: readonly (readonly string[])[];

  constructor(
    private readonly names: AuthorNames,
    language: Attribution,
  ) {
    const split = (list: readonly string[]) =>
      list.map((p) => wordsOf(p).map((w) => w.lower)).sort((a, b) => b.length - a.length);
    this.cues = split(language.cues);
    this.leads = split(language.leads);
    this.relays = split(language.relays);
    this.relaying = split(language.relaying);
  }

  /**
   * A sentence that credits words without quotation marks: "<author> <cue> [that|:] <words>",
   * "<lead> <author>, <words>" or "<words>, <author> <cue>". The words are what follows (or
   * precedes) to the end of the sentence.
   */
  attributedIn(masked: string, whole: Span, quotations: readonly Span[]): AttributedWords | undefined {
    const words = wordsOf(masked.slice(whole.start, whole.end), whole.start);
    // The words credited run to the end of the sentence, or to a quotation in it (checked on its own).
    // Words that run straight into a quotation introduce it ("TCOs view human trafficking “as low
    // risk…”"); only a clause closed by a comma before it is a claim of its own.
    const cut = (from: number): Span => {
      const next = quotations.find((q) => q.start >= from && q.start < whole.end);
      if (next === undefined) return whole;
      const lead = masked.slice(from, next.start - 1);
      const close = Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';'));
      return { start: whole.start, end: close < 0 ? from : from + close };
    };
    const mentions = this.authors(words, masked);
    for (const mention of mentions) {
      const claim = { ...mention.author, phrase: mention.phrase };
      // "…, the DNI said."
      const closing = this.cues.find((c) => startsAt(words, mention.last + 1, c));
      if (closing !== undefined && mention.last + closing.length === words.length - 1) {
        const comma = masked.lastIndexOf(',', (words[mention.first] as Word).start);
        const sentence = cut(whole.start);
        const found =
          comma > sentence.start && comma < sentence.end
            ? spanAfter(masked, sentence.start, comma, claim)
            : undefined;
        if (found) return found;
        continue;
      }
      // "According to the ATA, …"
      if (this.leads.some((lead) => endsWith(words.slice(0, mention.first), lead))) {
        const comma = masked.indexOf(',', (words[mention.last] as Word).end);
        const sentence = cut(comma);
        const found =
          comma >= 0 && comma < sentence.end ? spanAfter(masked, comma + 1, sentence.end, claim) : undefined;
        if (found) return found;
      }
      // "The ATA warns that …", "The ATA, in its 2024 report, warns: …"
      for (let k = mention.last + 1; k <= mention.last + 7 && k < words.length; k++) {
        const cue = this.cues.find((c) => startsAt(words, k, c));
        if (cue === undefined) continue;
        let from = (words[k + cue.length - 1] as Word).end;
        const next = words[k + cue.length];
        const that = next !== undefined && next.lower === 'that';
        if (that) from = next.end;
        const introduced = that || /^\s*:/.test(masked.slice(from));
        const found = spanAfter(masked, from, cut(from).end, claim, introduced);
        if (found) return found;
        break;
      }
    }
    return undefined;
  }

  /** Authors named in the words, without those named as relays of someone else's words. */
  private authors(words: readonly Word[], text: string): Mention[] {
    return this.names.mentions(words, text).filter((m) => {
      const relayed = this.relays.some((r) => endsWith(words.slice(0, m.first), r, ['the', 'by', 'in']));
      const relaying = this.relaying.some((r) => startsAt(words, m.last + 1, r));
      // The end of a longer proper name is not this author: "the DEA's National Drug Threat Assessment".
      const previous = words[m.first - 1];
      const partOfName =
        previous !== undefined &&
        m.first - 1 > 0 &&
        /^\p{Lu}/u.test(previous.key) &&
        !/'s$/.test(previous.lower) &&
        text.slice(previous.end, (words[m.first] as Word).start).trim() === '';
      return !relayed && !relaying && !partOfName;
    });
  }
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

function spanAfter(
  text: string,
  from: number,
  to: number,
  claim: Author & { readonly phrase: string },
  introduced = true,
): AttributedWords | undefined {
  const slice = text.slice(from, to);
  const lead = slice.length - slice.replace(/^[\s,:;—–-]+/u, '').length;
  const trail = slice.length - slice.replace(/[\s.,;:!?—–-]+$/u, '').length;
  const start = from + lead;
  const end = to - trail;
  return end > start ? { start, end, claim, introduced } : undefined;
}
