import type { IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { hasRun, isGenericStopword } from '../text/lexicon.js';
import { stem } from '../text/tokens.js';
import type { Normalizer } from '../text/normalize.js';

/** A background fact a question asks about: its topic, and how much of the question it covers. */
export interface FactMatch {
  readonly topic: IntentId;
  /** The fact's text, as the knowledge base states it. */
  readonly text: string;
  /** The share of the question's content (weighed by rarity among the facts) the fact covers. */
  readonly coverage: number;
  readonly shared: readonly string[];
}

type Kind = 'amount' | 'date';

/** A question asking for no amount or date is a fact's only with this many content terms, all the fact's. */
const WHOLE_TERMS = 2;

/** What a fact states, read from its text: a sum of money, a year. */
const STATES: Readonly<Record<Kind, RegExp>> = {
  amount: /[$€£]\s?\d|\b\d+(?:\.\d+)?\s(?:billion|million|thousand)\b/i,
  date: /\b(?:1[89]\d\d|20\d\d)\b/,
};

interface Fact {
  readonly topic: IntentId;
  readonly text: string;
  readonly terms: ReadonlySet<string>;
  readonly kinds: ReadonlySet<Kind>;
  /** Its terms that name its topic (the topic's title and `names`): what a question about it must share. */
  readonly subject: ReadonlySet<string>;
  /** Its words, stemmed, stop words and all: what a limit read must find in it ("runs", not "director"). */
  readonly stems: ReadonlySet<string>;
}

/**
 * The background facts of every topic (`background:` in content/topics, each with its source), as
 * terms: "how much money went to the merida initiative" asks about the appropriation that
 * solution.mexico's background states, so it is answered with that fact, not declined as figures.
 * What a question asks for (an amount, a date) is read by the words of intents/language/facts.yaml.
 */
export class Facts {
  private constructor(
    private readonly facts: readonly Fact[],
    private readonly idf: ReadonlyMap<string, number>,
    private readonly unseen: number,
    private readonly cues: readonly {
      readonly kind: Kind;
      readonly words: readonly string[];
      readonly terms: readonly string[];
    }[],
  ) {}

  static of(kb: KnowledgeBase, normalizer: Normalizer): Facts {
    const termsOf = (text: string): readonly string[] => normalizer.normalize(text, { correct: false }).terms;
    const facts: Fact[] = [...kb.topics.values()].flatMap((topic) => {
      const naming = new Set([topic.title, ...topic.names].flatMap(termsOf));
      return topic.background.map((b) => {
        const terms = new Set(termsOf(b.text));
        return {
          topic: topic.id,
          text: b.text,
          terms,
          kinds: new Set((Object.keys(STATES) as Kind[]).filter((k) => STATES[k].test(b.text))),
          subject: new Set([...terms].filter((t) => naming.has(t))),
          stems: new Set(normalizer.words(b.text).map((w) => stem(w.toLowerCase()))),
        };
      });
    });
    const df = new Map<string, number>();
    for (const f of facts) for (const t of f.terms) df.set(t, (df.get(t) ?? 0) + 1);
    const n = Math.max(1, facts.length);
    const idf = new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d)] as const));
    const cues = (['amount', 'date'] as const).flatMap((kind) =>
      kb.language.factCues[kind].map((cue) => {
        const read = normalizer.normalize(cue, { correct: false });
        return { kind, words: cue.split(' '), terms: read.terms };
      }),
    );
    return new Facts(facts, idf, Math.log(1 + n), cues);
  }

  /**
   * The fact covering the most of the question: its content terms (less the words that ask for an
   * amount or a date, which the fact states), sharing a term that names its topic with it. A
   * question that asks for neither asks for a fact only when one fact holds every content term of
   * it, two or more ("who runs the MLATs": the treaties solution's background says who does).
   */
  find(
    words: readonly string[],
    terms: readonly string[],
    /** The words a limit read ("who runs", "who is the director"): a fact that states no amount or date asked must hold them too. */
    limitWords: readonly string[] = [],
  ): FactMatch | undefined {
    const read = limitWords.filter((w) => !isGenericStopword(w)).map((w) => stem(w));
    // One thing asked, an amount before a date ("how much … last year" asks an amount).
    let asked: Kind | undefined;
    const cueTerms = new Set<string>();
    for (const cue of this.cues)
      if (hasRun(words, cue.words)) {
        if (asked === undefined || (asked === 'date' && cue.kind === 'amount')) asked = cue.kind;
        for (const t of cue.terms) cueTerms.add(t);
      }
    const distinct = [...new Set(terms)].filter((t) => !cueTerms.has(t));
    const weight = (t: string): number => this.idf.get(t) ?? this.unseen;
    const bonus = asked === undefined ? 0 : this.unseen;
    const total = distinct.reduce((s, t) => s + weight(t), 0) + bonus;
    if (total === 0 || (asked === undefined && distinct.length < WHOLE_TERMS)) return undefined;
    let best: FactMatch | undefined;
    for (const f of this.facts) {
      const shared = distinct.filter((t) => f.terms.has(t));
      const states =
        asked === undefined
          ? shared.length === distinct.length && read.every((w) => f.stems.has(w))
          : f.kinds.has(asked);
      if (!states || !shared.some((t) => f.subject.has(t))) continue;
      const coverage = (shared.reduce((s, t) => s + weight(t), 0) + (states ? bonus : 0)) / total;
      if (best === undefined || coverage > best.coverage)
        best = { topic: f.topic, text: f.text, coverage, shared };
    }
    return best;
  }
}
