import { FALLBACK_ID, type IntentId } from '../../knowledge/ids.js';
import { type Calibration, type CalibrationPoint, fitCalibration, probability } from './calibration.js';
import { unit, type Vector } from './vectors.js';

export interface LabelledTerms {
  readonly intent: IntentId;
  readonly terms: readonly string[];
  readonly text: string;
}

export interface Candidate {
  readonly intent: IntentId;
  /** Raw similarity in [0, 1]; not a probability. */
  readonly score: number;
  /** The training phrase that matched best. */
  readonly nearest: string;
  /** The question's terms that this intent shares, with their share of the score. */
  readonly evidence: readonly { readonly term: string; readonly weight: number }[];
}

export interface Ranking {
  readonly candidates: readonly Candidate[];
  /** Calibrated probability that candidates[0] is the right intent. */
  readonly confidence: number;
  /** Question terms that no training phrase has: they speak against every intent. */
  readonly unknown: readonly string[];
  /** Question terms that no topic's phrases have: unknown, or known only from out-of-scope examples ("nba"). */
  readonly offTopic: readonly string[];
  /** Question terms several out-of-scope examples share and no topic has: a subject deliberately left out ("russia"). */
  readonly excluded: readonly string[];
  /** The share of the question's weight (squared, of a unit vector) that no training phrase knows. */
  readonly unknownShare: number;
  /** The same share for the terms no topic knows (unknown, or known only from out-of-scope examples). */
  readonly offTopicShare: number;
}

interface Example {
  readonly intent: IntentId;
  readonly text: string;
  readonly vector: Vector;
}

/** Everything training computed, as plain JSON, so a warm start skips training. */
export interface MatcherState {
  readonly idf: readonly (readonly [string, number])[];
  readonly unknownWeight: number;
  readonly examples: readonly {
    readonly intent: IntentId;
    readonly text: string;
    readonly vector: readonly (readonly [string, number])[];
  }[];
  readonly calibration: Calibration;
}

/** How much of an intent's score comes from its single nearest phrase, the rest from its second. */
export const NEAREST_SHARE = 0.85;

/**
 * A word no training phrase has weighs a little more than the rarest known word: a question that
 * is mostly about something else ("treaty of Versailles") should not ride on one shared word.
 * Chosen by cross-validation on the training phrases (out-of-scope recall against in-scope accuracy).
 */
const UNKNOWN_FACTOR = 1.3;

/** How many of the best candidates carry the terms that decided them. */
const EVIDENCE_FOR = 8;

/**
 * Nearest-phrase matching over TF-IDF vectors, with document frequency counted per intent so a
 * term that many intents share ("tco") weighs little and one that names a topic ("fentanyl")
 * weighs much. A question's unknown terms keep their weight in its norm: "weather in Mexico City"
 * shares "mexico" with a topic but most of its weight is elsewhere, so it scores low.
 */
export class Matcher {
  private readonly idf: Map<string, number>;
  private readonly unknownWeight: number;
  private readonly examples: Example[] = [];
  private readonly postings = new Map<string, { example: number; weight: number }[]>();
  private readonly calibration: Calibration;
  private readonly topicTerms = new Set<string>();

  static train(labelled: readonly LabelledTerms[], options: { calibrate?: boolean } = {}): Matcher {
    const intentsWithTerm = new Map<string, Set<IntentId>>();
    const intents = new Set<IntentId>();
    for (const { intent, terms } of labelled) {
      intents.add(intent);
      for (const term of terms) {
        const set = intentsWithTerm.get(term) ?? new Set<IntentId>();
        set.add(intent);
        intentsWithTerm.set(term, set);
      }
    }
    const n = intents.size;
    const idf = new Map<string, number>();
    for (const [term, set] of intentsWithTerm) idf.set(term, Math.log(1 + n / set.size));
    const unknownWeight = Math.log(1 + n) * UNKNOWN_FACTOR;
    const weigh = (terms: readonly string[]): Map<string, number> =>
      unit(new Map(terms.map((t) => [t, idf.get(t) ?? unknownWeight] as const)));
    const examples = labelled
      .filter((l) => l.terms.length > 0)
      .map((l) => ({ intent: l.intent, text: l.text, vector: [...weigh(l.terms)] }));
    const untrained = new Matcher({
      idf: [...idf],
      unknownWeight,
      examples,
      calibration: { bias: 0, weights: [] },
    });
    if (options.calibrate === false) return untrained;
    return new Matcher({
      idf: [...idf],
      unknownWeight,
      examples,
      calibration: fitCalibration(untrained.leaveOneOut()),
    });
  }

  constructor(state: MatcherState) {
    this.idf = new Map(state.idf);
    this.unknownWeight = state.unknownWeight;
    this.calibration = state.calibration;
    for (const { intent, text, vector } of state.examples) {
      const example: Example = { intent, text, vector: new Map(vector) };
      for (const [term, weight] of example.vector) {
        if (intent !== FALLBACK_ID) this.topicTerms.add(term);
        const list = this.postings.get(term) ?? [];
        list.push({ example: this.examples.length, weight });
        this.postings.set(term, list);
      }
      this.examples.push(example);
    }
  }

  toState(): MatcherState {
    return {
      idf: [...this.idf],
      unknownWeight: this.unknownWeight,
      examples: this.examples.map((e) => ({ intent: e.intent, text: e.text, vector: [...e.vector] })),
      calibration: this.calibration,
    };
  }

  rank(terms: readonly string[]): Ranking {
    const query = this.vectorOf(terms);
    // Evidence is for explaining and for the few candidates a decision looks at: not for every intent.
    const candidates = this.candidates(query).map((c, rank) => ({
      intent: c.intent,
      score: c.score,
      nearest: c.nearest.text,
      evidence:
        rank >= EVIDENCE_FOR
          ? []
          : [...query]
              .filter(([t]) => c.nearest.vector.has(t))
              .map(([term, w]) => ({ term, weight: w * (c.nearest.vector.get(term) ?? 0) }))
              .sort((a, b) => b.weight - a.weight),
    }));
    const unknown = [...new Set(terms.filter((t) => !this.idf.has(t)))];
    const offTopic = [...new Set(terms.filter((t) => !this.topicTerms.has(t)))];
    // Two out-of-scope examples or more name it: a subject left out on purpose, not a stray word.
    const excluded = offTopic.filter((t) => (this.postings.get(t)?.length ?? 0) >= 2);
    const unmatched = [...query].reduce((sum, [t, w]) => sum + (this.idf.has(t) ? 0 : w * w), 0);
    const offTopicShare = [...query].reduce((sum, [t, w]) => sum + (this.topicTerms.has(t) ? 0 : w * w), 0);
    return {
      candidates,
      confidence: this.confidenceOf(candidates, unmatched),
      unknown,
      offTopic,
      excluded,
      unknownShare: unmatched,
      offTopicShare,
    };
  }

  private confidenceOf(
    candidates: readonly { readonly intent: IntentId; readonly score: number }[],
    unmatched: number,
  ): number {
    const top = candidates[0];
    if (!top || top.score <= 0) return 0;
    return probability(this.calibration, features(candidates, unmatched));
  }

  private vectorOf(terms: readonly string[]): Map<string, number> {
    const weights = new Map<string, number>();
    for (const term of terms) weights.set(term, this.idf.get(term) ?? this.unknownWeight);
    return unit(weights);
  }

  private candidates(query: Vector, exclude?: Example): Scored[] {
    // Only phrases that share a term with the question can score: walk the postings, not every phrase.
    const scores = new Float64Array(this.examples.length);
    for (const [term, weight] of query) {
      for (const posting of this.postings.get(term) ?? [])
        scores[posting.example] = (scores[posting.example] ?? 0) + weight * posting.weight;
    }
    const best = new Map<IntentId, { first: number; second: number; nearest: Example }>();
    scores.forEach((score, index) => {
      if (score <= 0) return;
      const example = this.examples[index] as Example;
      if (example === exclude) return;
      const entry = best.get(example.intent);
      if (!entry) best.set(example.intent, { first: score, second: 0, nearest: example });
      else if (score > entry.first) {
        entry.second = entry.first;
        entry.first = score;
        entry.nearest = example;
      } else if (score > entry.second) entry.second = score;
    });
    const result: Scored[] = [];
    for (const [intent, { first, second, nearest }] of best) {
      result.push({ intent, score: NEAREST_SHARE * first + (1 - NEAREST_SHARE) * second, nearest });
    }
    return result.sort((a, b) => b.score - a.score);
  }

  /** Each training phrase ranked against all the others: how the matcher does on unseen phrasing. */
  private leaveOneOut(): CalibrationPoint[] {
    const points: CalibrationPoint[] = [];
    for (const example of this.examples) {
      const candidates = this.candidates(example.vector, example);
      const top = candidates[0];
      if (!top || top.score <= 0 || top.intent === FALLBACK_ID) continue;
      // Terms no other phrase has are, for this held-out phrase, words the matcher never saw.
      const unmatched = [...example.vector].reduce(
        (sum, [t, w]) => sum + ((this.postings.get(t)?.length ?? 0) <= 1 ? w * w : 0),
        0,
      );
      points.push({ features: features(candidates, unmatched), correct: top.intent === example.intent });
    }
    return points;
  }
}

interface Scored {
  readonly intent: IntentId;
  readonly score: number;
  readonly nearest: Example;
}

/**
 * What the calibration sees: the best score, its lead over the runner-up, and the share of the
 * question's weight that no training phrase knows ("weather" in "weather in Mexico City").
 */
function features(
  candidates: readonly { readonly intent: IntentId; readonly score: number }[],
  unmatched: number,
): number[] {
  const top = candidates[0]?.score ?? 0;
  const runnerUp = candidates.find((c, i) => i > 0 && c.intent !== candidates[0]?.intent)?.score ?? 0;
  return [top, top - runnerUp, unmatched];
}
