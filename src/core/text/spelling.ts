import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';

/**
 * Corrects typos against the knowledge base's own vocabulary ("fentanil" -> "fentanyl"). The
 * allowance grows with length because short words collide: one edit turns "ice" into "inl".
 */
export class SpellingCorrector {
  private readonly byLength = new Map<number, string[]>();
  private readonly known: ReadonlySet<string>;
  private readonly frequency: ReadonlyMap<string, number>;

  /** @param frequency how often each vocabulary word occurs: ties go to the commoner word. */
  constructor(frequency: ReadonlyMap<string, number>, alsoKnown: Iterable<string> = []) {
    this.frequency = frequency;
    for (const word of frequency.keys()) {
      if (word.length < 4 || !/^\p{L}+$/u.test(word)) continue;
      const bucket = this.byLength.get(word.length) ?? [];
      bucket.push(word);
      this.byLength.set(word.length, bucket);
    }
    this.known = new Set([...frequency.keys(), ...alsoKnown]);
  }

  isKnown(word: string): boolean {
    return this.known.has(word);
  }

  /** The closest vocabulary word within the allowance, or undefined. */
  correct(word: string): string | undefined {
    if (this.known.has(word) || !/^\p{L}+$/u.test(word)) return undefined;
    const allowance = word.length >= 9 ? 2 : word.length >= 6 ? 1 : 0;
    if (allowance === 0) return undefined;
    let best: string | undefined;
    let bestDistance = allowance + 1;
    let bestFrequency = 0;
    for (let length = word.length - allowance; length <= word.length + allowance; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        // A typo rarely changes the first letter; requiring it avoids "leather" -> "weather".
        if (candidate[0] !== word[0]) continue;
        const distance = DamerauLevenshteinDistance(word, candidate);
        const frequency = this.frequency.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    return bestDistance <= allowance ? best : undefined;
  }
}
