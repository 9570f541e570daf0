import type { Placement } from './match.js';
import type { VerifyNote } from './types.js';
import { stem } from '../text/tokens.js';
import { wordsOf } from './words.js';

/**
 * A bracketed insertion clarifies with the source's own terms: words of the passage or the
 * sentences around it ("[TCOs] endanger …", "[INL's] programs"), or the words an abbreviation it
 * stands for abbreviates ("[transnational criminal organizations]" for "TCOs"). Words the source
 * does not use there put something new in its mouth ("[Chinese money launderers] are defrauding
 * …", "Disrupt [migration] and enforce …").
 */
export function bracketNotes(placement: Placement, stopwords: ReadonlySet<string>): VerifyNote[] {
  const { words } = placement.text;
  const base = (w: string): string => w.replace(/'s$/, '');
  return placement.insertions.flatMap((insertion) => {
    const at = words[insertion.start] ?? words[insertion.start - 1];
    const sentence = at?.sentence ?? 0;
    const near = new Set(
      words.filter((w) => w.sentence >= sentence - 1 && w.sentence <= sentence + 1).map((w) => base(w.lower)),
    );
    const inserted = wordsOf(insertion.text).map((w) => base(w.lower));
    const replaced = words.slice(insertion.start, insertion.end).map((w) => w.lower.replace(/'?s$/, ''));
    const initials = inserted.map((w) => w[0]).join('');
    if (initials.length > 1 && replaced.includes(initials)) return [];
    const foreign = inserted.filter((w) => !stopwords.has(w) && !near.has(w));
    // A paraphrase of the words it stands for, sharing a content word with them (in any form:
    // "[launder]" for "laundering"): "[ransomware gangs]" for "Transnational organized criminals
    // involved in ransomware operations".
    const stems = new Set(replaced.map(stem));
    if (inserted.some((w) => !stopwords.has(w) && (replaced.includes(w) || stems.has(stem(w))))) return [];
    return foreign.length === 0
      ? []
      : [
          {
            code: 'bracket-replaces-words' as const,
            text: `The bracketed “${insertion.text}” is not in the source's passage: it changes what the source says.`,
          },
        ];
  });
}
