import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/** Chat shorthand (`intents/language/shorthand.yaml`): one typed word -> the words it stands for. */
export type Shorthand = ReadonlyMap<string, readonly string[]>;

export function shorthandTable(entries: readonly (readonly [string, string])[]): Shorthand {
  return new Map(entries.map(([word, meaning]) => [word, meaning.split(/\s+/)] as const));
}

const STEM_CACHE_SIZE = 50_000;
const stemCache = new Map<string, string>();

/** Stems an earlier run of the same code worked out, as the start-up cache keeps them. */
export interface StemTable {
  /** The stem of a word the table holds; undefined for any other. */
  get(word: string): string | undefined;
  /** Every word and its stem. */
  entries(): { words: string[]; stems: string[] };
}

let learned: StemTable | undefined;

/** The stems worked out so far, and those learnt, word by word: the start-up cache keeps them. */
export function knownStems(): { words: string[]; stems: string[] } {
  const words = [...stemCache.keys()];
  const stems = [...stemCache.values()];
  const kept = learned?.entries();
  kept?.words.forEach((word, i) => {
    if (stemCache.has(word)) return;
    words.push(word);
    stems.push(kept.stems[i] as string);
  });
  return { words, stems };
}

/**
 * Stems worked out by an earlier run of the same code (the start-up cache): the stemmer is a pure
 * function of the word, and running it cold costs a one-shot `ask` more than its question. The
 * table is looked words up in, not copied: a one-shot `ask` stems a few dozen of its thousands.
 */
export function learnStems(table: StemTable): void {
  learned = table;
}

/** No English word is longer; the stemmer's patterns are not linear in a word's length. */
const MAX_STEMMED_LENGTH = 40;

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed =
      learned?.get(word) ??
      (word.length <= MAX_STEMMED_LENGTH && /^\p{L}+$/u.test(word) ? PorterStemmer.stem(word) : word);
    if (stemCache.size < STEM_CACHE_SIZE) stemCache.set(word, stemmed);
  }
  return stemmed;
}
