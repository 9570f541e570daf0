/**
 * Words as the quote checker compares them: insensitive to how a keyboard or a word processor
 * wrote the same word (curly or straight apostrophes, any dash, compatibility forms), strict on the
 * word itself. Offsets point into the original text, so a corrected quotation is cut from the
 * source exactly as it is written there.
 */
export interface Word {
  /** The word with its typography folded (’ -> ', – -> -), case kept: what must match. */
  readonly key: string;
  /** The same in lower case: what matches where case is free (the first word of a quotation). */
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

const APOSTROPHES = /[\u2018\u2019\u201B\u2032\u02BC\uFF07`´]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** One word's typography folded. */
export function foldWord(word: string): string {
  const folded = word.normalize('NFKC').replace(APOSTROPHES, "'").replace(DASHES, '-');
  // An initialism with or without its dots is one word: "U.S." and "US".
  return /^(?:\p{Lu}\.)+\p{Lu}\.?$/u.test(folded) ? folded.replace(/\./g, '') : folded;
}

// Letters and digits, joined inside a word by an apostrophe, a dash or a dot ("agency’s",
// "Hemisphere-based", "U.S"). Dashes with spaces around them are punctuation, not part of a word.
const WORD =
  /[\p{L}\p{N}]+(?:(?:['\u2018\u2019\u201B\u02BC]|[-\u2010-\u2015\u2212]|\.)(?=[\p{L}\p{N}])[\p{L}\p{N}]+)*/gu;

export function wordsOf(text: string, offset = 0): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const key = foldWord(m[0]);
    out.push({ key, lower: key.toLowerCase(), start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return out;
}

/**
 * A word written as an initialism ("U.S.", "US", "DEA"): never a pronoun or function word, though
 * it folds to one in lower case ("US" is "us": the country, not the writers in "A U.S. official said").
 */
export function isInitialism(w: Word): boolean {
  return w.key.length > 1 && w.key === w.key.toUpperCase() && /\p{Lu}/u.test(w.key);
}

/** Whitespace of any kind (no-break, thin, line breaks) as one space. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** A phrase as lower-case words, for matching names and cues ("the ATA’s" -> ["the", "ata's"]). */
export function phraseWords(phrase: string): string[] {
  return wordsOf(phrase).map((w) => w.lower);
}
