import type { Word } from './words.js';

/** Runs of words as the credit reader matches them: phrases, clause starts, ranges. */

/** A clause starts at word i: punctuation or a quotation (now blanked) stands before it, or a clause word. */
export function boundaryBefore(
  words: readonly Word[],
  masked: string,
  i: number,
  opens: ReadonlySet<string>,
): boolean {
  const previous = words[i - 1];
  const word = words[i];
  if (previous === undefined || word === undefined) return true;
  const gap = masked.slice(previous.end, word.start);
  return /[,;:"“”‘’()[\]—–]|\s-\s|\s{3}/u.test(gap) || opens.has(word.lower);
}

export function startsAt(words: readonly Word[], at: number, phrase: readonly string[]): boolean {
  return phrase.length > 0 && phrase.every((p, j) => words[at + j]?.lower === p);
}

/** As startsAt, the last word maybe in the possessive: "the think tank's". */
export function namesAt(words: readonly Word[], at: number, phrase: readonly string[]): boolean {
  return (
    phrase.length > 0 &&
    phrase.every((p, j) => {
      const w = words[at + j]?.lower;
      return w === p || (j === phrase.length - 1 && w === `${p}'s`);
    })
  );
}

/** The words end with the phrase, maybe followed by one of `filler` ("quoted in the"). */
export function endsWith(
  words: readonly Word[],
  phrase: readonly string[],
  filler: readonly string[] = [],
): boolean {
  const tail = words.map((w) => w.lower);
  const last = tail.at(-1);
  const trimmed =
    last !== undefined && filler.includes(last) && !phrase.includes(last) ? tail.slice(0, -1) : tail;
  if (phrase.length === 0 || trimmed.length < phrase.length) return false;
  return phrase.every((p, j) => trimmed[trimmed.length - phrase.length + j] === p);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** Where the phrases start in the words, the longest first at each word. */
export function findPhrases(
  words: readonly Word[],
  phrases: readonly (readonly string[])[],
  match: typeof startsAt = startsAt,
  text?: string,
): { at: number; length: number }[] {
  const out: { at: number; length: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    // Cues are written in lower case, but at the start of a clause: "the United States" holds
    // no cue; "Talking point: According to ODNI," does.
    const capital = (words[i] as Word).key !== (words[i] as Word).lower;
    if (
      capital &&
      i > 0 &&
      (text === undefined ||
        !/[.:;!?\n]/u.test(text.slice((words[i - 1] as Word).end, (words[i] as Word).start)))
    )
      continue;
    const phrase = phrases.find((p) => match(words, i, p));
    if (phrase !== undefined) out.push({ at: i, length: phrase.length });
  }
  return out;
}
