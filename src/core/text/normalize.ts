import type { Language } from '../../knowledge/types.js';
import { cleanText, stripChatMarkup } from './markup.js';
import { SpellingCorrector } from './spelling.js';
import { Lexicon } from './lexicon.js';
import { foldSynonyms, type SynonymTable, synonymTable, synonymVocabulary } from './synonyms.js';
import { type Shorthand, shorthandTable, stem } from './tokens.js';

export interface NormalizedText {
  /** What is left once markup is gone: the text a person typed. */
  readonly plain: string;
  /** Lower-case words, shorthand spelled out and spelling corrected, before synonyms and stop words. */
  readonly words: readonly string[];
  /** The words with synonym phrases folded into their canonical terms; stop words kept. */
  readonly folded: readonly string[];
  /** Topic terms: synonyms folded, stop words dropped, stemmed. */
  readonly terms: readonly string[];
  readonly corrections: readonly string[];
  readonly synonyms: readonly string[];
}

/**
 * At most this many characters of any text are read: four times the longest question, so every
 * entry (questions, cite, autocomplete, anything added later) reads a bounded text in linear time
 * even when its caller forgot to refuse a longer one.
 */
export const MAX_READ_CHARS = 2000;

/** Text as far as it is read: cut at MAX_READ_CHARS, never between a surrogate pair. */
export function readable(text: string): string {
  if (text.length <= MAX_READ_CHARS) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_READ_CHARS - 1)) ? MAX_READ_CHARS - 1 : MAX_READ_CHARS;
  return text.slice(0, end);
}

/** The one pipeline that training phrases and questions both go through, so they meet. */
export class Normalizer {
  private readonly speller: SpellingCorrector;
  private readonly synonymTable: SynonymTable;
  private readonly shorthand: Shorthand;
  /** Stop words, acronyms and source mentions: how words are read. */
  readonly lexicon: Lexicon;
  /** Word frequencies of the knowledge base's own texts: what typos are corrected towards. */
  readonly vocabulary: ReadonlyMap<string, number>;
  /** The longest word of the vocabulary: no two of them run together make a longer one. */
  private readonly longest: number;

  static fromTexts(texts: Iterable<string>, language: Language): Normalizer {
    const shorthand = shorthandTable(language.shorthand);
    const table = synonymTable(language.synonyms);
    const lexicon = Lexicon.of(language);
    const frequency = new Map<string, number>();
    for (const word of [...texts]
      .flatMap((text) => lexicon.words(text, shorthand))
      .concat(synonymVocabulary(table))) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
    return new Normalizer(frequency, language);
  }

  constructor(vocabulary: ReadonlyMap<string, number>, language: Language) {
    this.vocabulary = vocabulary;
    this.longest = Math.max(0, ...[...vocabulary.keys()].map((w) => w.length));
    this.synonymTable = synonymTable(language.synonyms);
    this.shorthand = shorthandTable(language.shorthand);
    this.lexicon = Lexicon.of(language);
    this.speller = new SpellingCorrector(vocabulary, [...this.lexicon.stopwords, ...this.shorthand.keys()]);
  }

  /** Words as typed (shorthand spelled out), without correction: for patterns that read the question. */
  words(text: string): string[] {
    return this.lexicon.words(cleanText(stripChatMarkup(cleanText(readable(text)))), this.shorthand);
  }

  normalize(text: string, options: { correct?: boolean } = {}): NormalizedText {
    const plain = cleanText(stripChatMarkup(cleanText(readable(text))));
    return this.normalizeWords(plain, this.lexicon.words(plain, this.shorthand), options);
  }

  /** Both readings of a text at once, its words as typed (`words`) and `normalize`'s, cleaned up once. */
  read(text: string): { readonly typed: readonly string[]; readonly normalized: NormalizedText } {
    const plain = cleanText(stripChatMarkup(cleanText(readable(text))));
    const typed = this.lexicon.words(plain, this.shorthand);
    return { typed, normalized: this.normalizeWords(plain, typed, {}) };
  }

  /**
   * A text's words as typed, and as `normalize` corrects them when it changes any (else
   * undefined): all an exact phrase is looked up by, without synonyms, stop words or stems.
   */
  spellings(text: string): {
    readonly typed: readonly string[];
    readonly corrected: () => readonly string[] | undefined;
  } {
    const typed = this.words(text);
    return {
      typed,
      corrected: () => {
        const corrections: string[] = [];
        const words = this.corrected(typed, corrections);
        return corrections.length === 0 ? undefined : words;
      },
    };
  }

  /** The words with typos corrected and run-together words split, each change said in `corrections`. */
  private corrected(asTyped: readonly string[], corrections: string[]): string[] {
    // A loop, not flatMap: every word of every reading of a question comes through here.
    const out: string[] = [];
    for (const word of asTyped) {
      const corrected = this.speller.correct(word);
      if (corrected !== undefined) {
        corrections.push(`${word} → ${corrected}`);
        out.push(corrected);
        continue;
      }
      const parts = this.runTogether(word);
      if (parts === undefined) out.push(word);
      else {
        corrections.push(`${word} → ${parts.join(' ')}`);
        out.push(...parts);
      }
    }
    return out;
  }

  private normalizeWords(
    plain: string,
    asTyped: readonly string[],
    options: { correct?: boolean },
  ): NormalizedText {
    const corrections: string[] = [];
    const typed = options.correct === false ? asTyped.slice() : this.corrected(asTyped, corrections);
    const { words: folded, folded: synonyms } = foldSynonyms(typed, this.synonymTable);
    const canonical = this.synonymTable.canonical;
    const { stopwords, stopStems } = this.lexicon;
    const terms: string[] = [];
    for (const w of this.lexicon.withoutSourceMentions(folded)) {
      if (stopwords.has(w)) continue;
      const t = canonical.has(w) ? w : stem(w);
      if (canonical.has(t) || !stopStems.has(t)) terms.push(t);
    }
    return { plain, words: typed, folded, terms, corrections, synonyms };
  }

  isKnownWord(word: string): boolean {
    return this.speller.isKnown(word);
  }

  /**
   * "moneylaundering", "humantrafficking", "tcothreats", "1787trafficking": an unknown word that
   * is two words of the knowledge base run together is read as both (each a content word of three
   * letters or more, or a number the knowledge base uses). Of several cuts, the one with the
   * longest shorter part: "tcothreats" is "tco threats", not a stray three-letter word and the rest.
   */
  private runTogether(word: string): string[] | undefined {
    // Longer than two of the longest words together it cannot be two of them: not looked at, so a
    // word of thousands of letters costs nothing (each cut below copies the word).
    if (word.length < 7 || word.length > 2 * this.longest) return undefined;
    if (this.speller.isKnown(word) || !/^[\p{L}\p{N}]+$/u.test(word)) return undefined;
    const content = (w: string): boolean => this.vocabulary.has(w) && !this.lexicon.isStopword(w);
    let best: string[] | undefined;
    let bestShorter = 0;
    for (let cut = 3; cut <= word.length - 3; cut++) {
      const left = word.slice(0, cut);
      const right = word.slice(cut);
      const shorter = Math.min(left.length, right.length);
      if (shorter > bestShorter && content(left) && content(right)) {
        best = [left, right];
        bestShorter = shorter;
      }
    }
    return best;
  }
}
