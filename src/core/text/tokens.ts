import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/** Chat shorthand (`intents/language/shorthand.yaml`): one typed word -> the words it stands for. */
export type Shorthand = ReadonlyMap<string, readonly string[]>;

export function shorthandTable(entries: readonly (readonly [string, string])[]): Shorthand {
  return new Map(entries.map(([word, meaning]) => [word, meaning.split(/\s+/)] as const));
}

const STEM_CACHE_SIZE = 50_000;
const stemCache = new Map<string, string>();

/** The stems worked out so far, word by word: the start-up cache keeps them. */
export function knownStems(): { words: string[]; stems: string[] } {
  return { words: [...stemCache.keys()], stems: [...stemCache.values()] };
}

/**
 * Stems worked out by an earlier run of the same code (the start-up cache): the stemmer is a pure
 * function of the word, and running it cold costs a one-shot `ask` more than its question.
 */
export function learnStems(words: readonly string[], stems: readonly string[]): void {
  for (let i = 0; i < words.length && stemCache.size < STEM_CACHE_SIZE; i++)
    stemCache.set(words[i] as string, stems[i] as string);
}

/** No English word is longer; the stemmer's patterns are not linear in a word's length. */
const MAX_STEMMED_LENGTH = 40;

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = word.length <= MAX_STEMMED_LENGTH && /^\p{L}+$/u.test(word) ? PorterStemmer.stem(word) : word;
    if (stemCache.size < STEM_CACHE_SIZE) stemCache.set(word, stemmed);
  }
  return stemmed;
}
