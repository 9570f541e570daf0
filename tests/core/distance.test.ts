import fc from 'fast-check';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein } from '../../src/core/text/distance.js';

// Few letters, so that repeats and transpositions (where natural's algorithm has its quirk) are common.
const word = (letters: string) =>
  fc.array(fc.constantFrom(...letters), { maxLength: 12 }).map((chars) => chars.join(''));

describe('the edit distance the speller and the topic finder use', () => {
  it("is natural's DamerauLevenshteinDistance, number for number", () => {
    fc.assert(
      fc.property(word('abcx'), word('abcx'), (a, b) => {
        expect(damerauLevenshtein(a, b)).toBe(DamerauLevenshteinDistance(a, b));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), fc.string({ maxLength: 14 }), (a, b) => {
        expect(damerauLevenshtein(a, b)).toBe(DamerauLevenshteinDistance(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps its quirk: a transposition may be costed from the row being filled', () => {
    expect(DamerauLevenshteinDistance('xa', 'xaa')).toBe(0);
    expect(damerauLevenshtein('xa', 'xaa')).toBe(0);
    expect(damerauLevenshtein('fentanil', 'fentanyl')).toBe(1);
    expect(damerauLevenshtein('ransomwrae', 'ransomware')).toBe(1);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('abc', '')).toBe(3);
  });
});
