import { cleanText, stripChatMarkup } from './markup.js';
import { SpellingCorrector } from './spelling.js';
import { STOPWORDS } from './stopwords.js';
import { foldSynonyms, SYNONYMS, synonymVocabulary } from './synonyms.js';
import { stem, words } from './tokens.js';

export interface NormalizedText {
  /** What is left once markup is gone: the text a person typed. */
  readonly plain: string;
  /** Lower-case words after spelling correction, before synonyms and stop words. */
  readonly words: readonly string[];
  /** Topic terms: synonyms folded, stop words dropped, stemmed. */
  readonly terms: readonly string[];
  readonly corrections: readonly string[];
  readonly synonyms: readonly string[];
}

const CANONICAL: ReadonlySet<string> = new Set(SYNONYMS.phrases.values());
/** Stop words by stem too, so "wants" and "saying" go the way of "want" and "say". */
const STOP_STEMS: ReadonlySet<string> = new Set(
  [...STOPWORDS]
    .filter((w) => /^\p{L}+$/u.test(w))
    .map(stem)
    // Two-letter stems collide with real words: "use" stems to "us".
    .filter((s) => s.length > 2),
);

/** The one pipeline that training phrases and questions both go through, so they meet. */
export class Normalizer {
  private readonly speller: SpellingCorrector;
  /** Word frequencies of the knowledge base's own texts: what typos are corrected towards. */
  readonly vocabulary: ReadonlyMap<string, number>;

  static fromTexts(texts: Iterable<string>): Normalizer {
    const frequency = new Map<string, number>();
    for (const word of [...texts].flatMap((text) => words(text)).concat(synonymVocabulary())) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
    return new Normalizer(frequency);
  }

  constructor(vocabulary: ReadonlyMap<string, number>) {
    this.vocabulary = vocabulary;
    this.speller = new SpellingCorrector(vocabulary, STOPWORDS);
  }

  normalize(text: string, options: { correct?: boolean } = {}): NormalizedText {
    const plain = cleanText(stripChatMarkup(cleanText(text)));
    const corrections: string[] = [];
    const typed = words(plain).map((word) => {
      if (options.correct === false) return word;
      const corrected = this.speller.correct(word);
      if (corrected === undefined) return word;
      corrections.push(`${word} → ${corrected}`);
      return corrected;
    });
    const { words: folded, folded: synonyms } = foldSynonyms(typed);
    const terms = dropAttribution(folded)
      .filter((w) => !STOPWORDS.has(w))
      .map((w) => (CANONICAL.has(w) ? w : stem(w)))
      .filter((t) => CANONICAL.has(t) || !STOP_STEMS.has(t));
    return { plain, words: typed, terms, corrections, synonyms };
  }

  isKnownWord(word: string): boolean {
    return this.speller.isKnown(word);
  }
}

/** The report and its publisher, named as where a claim comes from rather than as the subject. */
const ATTRIBUTED: ReadonlySet<string> = new Set(['ata', 'odni']);
const ATTRIBUTING: ReadonlySet<string> = new Set(['per', 'according', 'from', 'in', 'by']);
const BETWEEN: ReadonlySet<string> = new Set([
  'the',
  'to',
  'this',
  'that',
  'latest',
  '2024',
  'year',
  's',
  'unitedst',
]);

/**
 * "How do TCOs threaten the US, per the 2024 ATA?" asks about the threat; "per the ATA" only says
 * where the answer should come from. The source stays a term when it is what is asked about.
 */
function dropAttribution(words: readonly string[]): string[] {
  return words.filter((word, i) => {
    if (!ATTRIBUTED.has(word)) return true;
    for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
      const before = words[j] as string;
      if (ATTRIBUTING.has(before)) return false;
      if (!BETWEEN.has(before)) return true;
    }
    return true;
  });
}
