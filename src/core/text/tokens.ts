import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/** Chat shorthand (`intents/language/shorthand.yaml`): one typed word -> the words it stands for. */
export type Shorthand = ReadonlyMap<string, readonly string[]>;

export function shorthandTable(entries: readonly (readonly [string, string])[]): Shorthand {
  return new Map(entries.map(([word, meaning]) => [word, meaning.split(/\s+/)] as const));
}

const NO_SHORTHAND: Shorthand = new Map();

/**
 * Lower-case words, apostrophes folded, shorthand spelled out. natural's tokenizers split on
 * ASCII classes and would cut "Ciudad Juárez" in two; a Unicode letter class keeps any script whole.
 */
export function words(text: string, shorthand: Shorthand = NO_SHORTHAND): string[] {
  const prepared = text
    // "US" in capitals is the country; "us" in lower case is the pronoun.
    .replace(/\bU\.?S\.?A?\b\.?|\bu\.s\.(?:a\.)?/g, ' unitedstates ')
    // Dotted acronyms are one word: "I.N.L." is "inl", "O.D.N.I" is "odni".
    .replace(/\b(?:\p{L}\.){2,}\p{L}?\b\.?/gu, (dotted) => dotted.replace(/\./g, ''))
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    // Chat stretches words ("heyyy", "pleeease"): English never triples a letter.
    .replace(/(\p{L})\1{2,}/gu, '$1');
  const found = prepared.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
  // "what's" and "1787's" mean "what" and "1787" here: the possessive and contractions are noise.
  return found
    .map((w) => w.replace(/'(?:s|re|ve|ll|d|m|t)$/u, ''))
    .flatMap((w) => shorthand.get(w) ?? [w])
    .filter((w) => w.length > 0);
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
