import { damerauLevenshtein } from './distance.js';

/**
 * Corrects typos against the knowledge base's own vocabulary ("fentanil" -> "fentanyl"). The
 * allowance grows with length because short words collide: one edit turns "ice" into "inl".
 */
export class SpellingCorrector {
  /** The words typos are corrected towards, by length: made on the first typo (most questions have none). */
  private buckets: Map<number, string[]> | undefined;
  private readonly known: ReadonlySet<string>;
  private readonly frequency: ReadonlyMap<string, number>;

  /** @param frequency how often each vocabulary word occurs: ties go to the commoner word. */
  constructor(frequency: ReadonlyMap<string, number>, alsoKnown: Iterable<string> = []) {
    this.frequency = frequency;
    this.known = new Set([...frequency.keys(), ...alsoKnown]);
  }

  private get byLength(): Map<number, string[]> {
    if (this.buckets === undefined) {
      this.buckets = new Map();
      for (const word of this.frequency.keys()) {
        if (word.length < 4 || !/^\p{L}+$/u.test(word)) continue;
        const bucket = this.buckets.get(word.length) ?? [];
        bucket.push(word);
        this.buckets.set(word.length, bucket);
      }
    }
    return this.buckets;
  }

  isKnown(word: string): boolean {
    return this.known.has(word);
  }

  private readonly memo = new Map<string, string | undefined>();

  /**
   * The closest vocabulary word within the allowance, or undefined. A word the knowledge base
   * knows is left alone, unless it is rare there and one edit from a word many times commoner:
   * the typos curators keep in phrases on purpose ("thret") are read as the word they stand for.
   */
  correct(word: string): string | undefined {
    // Every word of every question comes here, most of them known: the answer is kept for each.
    const kept = this.memo.get(word);
    if (kept !== undefined || this.memo.has(word)) return kept;
    const seen = this.frequency.get(word);
    const corrected = !/^\p{L}+$/u.test(word)
      ? undefined
      : this.known.has(word) && (seen === undefined || seen > RARE)
        ? undefined
        : unlessSame(word, this.search(word, seen === undefined ? undefined : seen * COMMONER));
    // Bounded: a flood of random words must not grow memory without end.
    if (this.memo.size >= 10_000) this.memo.clear();
    this.memo.set(word, corrected);
    return corrected;
  }

  private search(word: string, atLeast?: number): string | undefined {
    // The same allowance for a rare known word as for an unknown one ("ransomwear", a typo kept in
    // two phrases, is two edits from "ransomware"): the bar it must clear is that the word it gives
    // way to is far commoner.
    const allowance = word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
    // A four-letter word is too short for any edit ("ice" and "inl" are one apart), but two of its
    // letters swapped keep every letter it has ("mroe", "waht"): that alone is read as a typo.
    if (allowance === 0) return atLeast === undefined && word.length === 4 ? this.swapped(word) : undefined;
    let best: string | undefined;
    let bestDistance = allowance + 1;
    let bestFrequency = 0;
    for (let length = word.length - allowance; length <= word.length + allowance; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        // A typo rarely changes the first letter; requiring it avoids "leather" -> "weather".
        if (candidate[0] !== word[0]) continue;
        // Letters one word has and the other lacks bound the edit distance from below, cheaply.
        if (bagDistance(word, candidate) > allowance) continue;
        const frequency = this.frequency.get(candidate) ?? 0;
        if (atLeast !== undefined && (candidate === word || frequency < atLeast)) continue;
        const distance = damerauLevenshtein(word, candidate);
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    return bestDistance <= allowance ? best : undefined;
  }

  /** The commonest vocabulary word that is this word with two neighbouring letters swapped. */
  private swapped(word: string): string | undefined {
    let best: string | undefined;
    let bestFrequency = 0;
    for (const candidate of this.byLength.get(word.length) ?? []) {
      if (candidate[0] !== word[0] || candidate === word || bagDistance(word, candidate) !== 0) continue;
      const frequency = this.frequency.get(candidate) ?? 0;
      if (frequency > bestFrequency && damerauLevenshtein(word, candidate) === 1) {
        best = candidate;
        bestFrequency = frequency;
      }
    }
    return best;
  }
}

function unlessSame(word: string, found: string | undefined): string | undefined {
  return found === word ? undefined : found;
}

/** A known word seen this few times in the knowledge base may be a typo of a commoner one… */
const RARE = 5;
/** …one this many times commoner. */
const COMMONER = 20;

/** The larger of the two multiset differences of letters: never more than the edit distance. */
function bagDistance(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const ch of a) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  for (const ch of b) counts.set(ch, (counts.get(ch) ?? 0) - 1);
  let extraA = 0;
  let extraB = 0;
  for (const n of counts.values()) {
    if (n > 0) extraA += n;
    else extraB -= n;
  }
  return Math.max(extraA, extraB);
}
