import type { Placement } from './match.js';
import type { VerifyNote } from './types.js';

/** The words an ellipsis is judged by (intents/language/attribution.yaml). */
export interface EllipsisWords {
  readonly negations: ReadonlySet<string>;
  readonly qualifiers: ReadonlySet<string>;
  readonly bound: ReadonlySet<string>;
  readonly coordinators: ReadonlySet<string>;
}

/** A drop this short that holds a qualifier ("provide … U.S. adversaries", without "some") widens the claim. */
const SHORT_DROP = 3;

/**
 * What an ellipsis left out, judged by the usual rule: leaving words out is fair when what is left
 * says what the source says. It is not when the words left out hold a negation (the statement is
 * turned around) or, in a short drop, a qualifier (it is widened: "some U.S. adversaries"); when
 * the last word left out bound the words after it ("laundering … through | U.S. financial
 * institutions": they now hang on something else); when the words after it lose their own subject
 * (they resume in the middle of a later sentence, so they read as said of the subject before the
 * ellipsis, unless they go on one statement at a coordinator: "Fortify … (INL) … and ensure"); or
 * when it joins words of two authors into one quotation.
 */
export function ellipsisNotes(placement: Placement, language: EllipsisWords): VerifyNote[] {
  const { negations, qualifiers, bound, coordinators } = language;
  const notes: VerifyNote[] = [];
  const { words, text } = placement.text;
  const gapBefore = (i: number): string => text.slice(words[i - 1]?.end ?? 0, words[i]?.start ?? 0);
  // The quotation begins inside a clause, after its verb ("threaten | U.S. and allied public health
  // systems"): what it begins with is not the clause's subject.
  const head = placement.segments[0]?.[0] ?? 0;
  const midClause =
    words[head]?.sentenceStart === false &&
    !/[,;:(“"]/.test(gapBefore(head)) &&
    words[head - 1]?.lower !== 'that';
  for (let i = 1; i < placement.segments.length; i++) {
    const before = placement.segments[i - 1] as readonly [number, number];
    const after = placement.segments[i] as readonly [number, number];
    const dropped = words.slice(before[1], after[0]);
    const lastKept = words[before[1] - 1];
    const resumed = words[after[0]];
    if (lastKept === undefined || resumed === undefined) continue;
    const negation = dropped.find((w) => negations.has(w.lower) || w.lower.endsWith("n't"));
    if (negation !== undefined) {
      notes.push({
        code: 'ellipsis-drops-negation',
        text: `The ellipsis leaves out “${placement.text.text.slice(negation.start, negation.end)}”, which turns the statement around.`,
      });
    }
    const qualifier = dropped.length <= SHORT_DROP ? dropped.find((w) => qualifiers.has(w.lower)) : undefined;
    if (qualifier !== undefined && negation === undefined) {
      notes.push({
        code: 'ellipsis-drops-qualifier',
        text: `The ellipsis leaves out “${placement.text.text.slice(qualifier.start, qualifier.end)}”, which the statement is narrowed by.`,
      });
    }
    const binder = dropped.at(-1);
    if (
      binder !== undefined &&
      bound.has(binder.lower) &&
      !resumed.sentenceStart &&
      qualifier === undefined
    ) {
      notes.push({
        code: 'ellipsis-breaks-phrase',
        text: `The words after the ellipsis belonged to “${placement.text.text.slice(binder.start, binder.end)}”, which it leaves out: they now hang on other words.`,
      });
    }
    const goesOn = coordinators.has(resumed.lower);
    // Words cut out of the middle of one phrase, with no punctuation around or inside them
    // ("threaten … public health systems", without "U.S. and allied"): the phrase now says more.
    const source = placement.text.text;
    const joined = (a: { start: number; end: number }, b: { start: number }): boolean => {
      const gap = source.slice(a.end, b.start);
      return /^\s+$/u.test(gap) || (source.slice(a.start, a.end).includes('.') && /^\.\s+$/u.test(gap));
    };
    const chain = [lastKept, ...dropped, resumed];
    // Leaving out a whole conjunct ("Disrupt … human trafficking networks", without "and
    // dismantle") narrows nothing.
    const conjunct = dropped[0] !== undefined && coordinators.has(dropped[0].lower);
    const midPhrase =
      dropped.length > 0 &&
      !goesOn &&
      !conjunct &&
      !resumed.sentenceStart &&
      chain.every((w, k) => k === 0 || joined(chain[k - 1] as typeof w, w));
    // …or resumes on a word that hung on the words left out ("… to advance their geopolitical
    // interests", which said what the avenues were for).
    const hanging = binder !== undefined && bound.has(resumed.lower) && joined(binder, resumed);
    if (
      (midPhrase || hanging) &&
      negation === undefined &&
      qualifier === undefined &&
      !bound.has(binder?.lower ?? '')
    ) {
      notes.push({
        code: 'ellipsis-breaks-phrase',
        text: `The ellipsis cuts “${source.slice((dropped[0] as typeof resumed).start, (dropped.at(-1) as typeof resumed).end)}” out of the middle of a phrase: what is left says more than the source.`,
      });
    }
    // The words after the ellipsis go on the same statement at a coordinator, kept ("… and ensure")
    // or left out with the words before it ("(INL). … ensure", dropping "Establish … and").
    const continues = goesOn || (binder !== undefined && coordinators.has(binder.lower));
    if (lastKept.author !== resumed.author || dropped.some((w) => w.author !== lastKept.author)) {
      notes.push({
        code: 'ellipsis-joins-passages',
        text: 'The ellipsis joins words of two different authors into one quotation.',
      });
    } else if (
      (lastKept.sentence !== resumed.sentence &&
        !resumed.sentenceStart &&
        !(continues && resumed.statement >= 0 && resumed.statement === lastKept.statement)) ||
      // …and the words after the ellipsis start the next clause, whose subject was left out:
      // "U.S. and allied public health systems … exploit the international financial system".
      (midClause && !resumed.sentenceStart && !goesOn && /[,;]/.test(gapBefore(after[0])))
    ) {
      notes.push({
        code: 'ellipsis-changes-subject',
        text: `The words after the ellipsis come from the middle of another sentence, where their subject is different: “${placement.text.text.slice(
          (words[(placement.text.sentences[resumed.sentence] ?? [after[0]])[0]] ?? resumed).start,
          resumed.end,
        )}”.`,
      });
    }
  }
  return notes;
}
