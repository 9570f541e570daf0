import type { IntentId } from '../../knowledge/ids.js';
import { type LabelledTerms, type MatcherState, matcherIndex, type Ranking } from './matcher-state.js';
import { rankInPlace } from './order.js';
import { StringTable } from './strings.js';

export type { Candidate, LabelledTerms, MatcherState, Ranking } from './matcher-state.js';

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

/** A unit vector over terms, as parallel lists (term ids, or -1 for a term no phrase has). */
interface Query {
  readonly names: readonly string[];
  readonly ids: readonly number[];
  readonly weights: readonly number[];
}

/** Distinct terms in order of first appearance. */
function distinct(terms: readonly string[]): string[] {
  return terms.length < 2 ? [...terms] : [...new Set(terms)];
}

/** Scales weights to unit length, in place. */
function toUnit(weights: number[]): number[] {
  let norm = 0;
  for (const w of weights) norm += w * w;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < weights.length; j++) weights[j] = (weights[j] as number) / norm;
  return weights;
}

/**
 * Nearest-phrase matching over TF-IDF vectors, with document frequency counted per intent so a
 * term that many intents share ("tco") weighs little and one that names a topic ("fentanyl")
 * weighs much. A question's unknown terms keep their weight in its norm: "weather in Mexico City"
 * shares "mexico" with a topic but most of its weight is elsewhere, so it scores low.
 */
export class Matcher {
  private readonly state: MatcherState;
  private readonly terms: StringTable;
  private readonly texts: StringTable;
  /** How many terms have an idf: term ids below this are known to training. */
  private readonly known: number;
  /** Per term: whether some topic's phrase (not an out-of-scope one) has it. */
  private readonly topicTerm: Uint8Array;
  /** The phrases that have each term, in phrase order, with the term's weight in them. */
  private readonly postingStart: Int32Array;
  private readonly postingExample: Int32Array;
  private readonly postingWeight: Float64Array;
  /** Scratch space for one ranking: each phrase's score, and a bit for each phrase touched. */
  private readonly scores: Float64Array;
  private readonly marks: Int32Array;
  /** Scratch space per intent: its best and second-best phrase scores, the best phrase, whether seen. */
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  private readonly nearest: Int32Array;
  private readonly seen: Uint8Array;
  private readonly order: Int32Array;

  static train(labelled: readonly LabelledTerms[]): Matcher {
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
    const terms = [...intentsWithTerm.keys()];
    const termIds = new Map(terms.map((t, i) => [t, i] as const));
    const idf = new Float64Array(terms.length);
    terms.forEach((term, i) => {
      idf[i] = Math.log(1 + n / (intentsWithTerm.get(term) as Set<IntentId>).size);
    });
    const unknownWeight = Math.log(1 + n) * UNKNOWN_FACTOR;
    const intentList: IntentId[] = [];
    const intentIds = new Map<IntentId, number>();
    const exampleIntent: number[] = [];
    const texts: string[] = [];
    const vectorStart: number[] = [0];
    const vectorTerm: number[] = [];
    const vectorWeight: number[] = [];
    for (const l of labelled) {
      if (l.terms.length === 0) continue;
      let intentId = intentIds.get(l.intent);
      if (intentId === undefined) {
        intentId = intentList.length;
        intentIds.set(l.intent, intentId);
        intentList.push(l.intent);
      }
      exampleIntent.push(intentId);
      texts.push(l.text);
      const ids = distinct(l.terms).map((t) => termIds.get(t) as number);
      const weights = toUnit(ids.map((id) => idf[id] as number));
      for (let j = 0; j < ids.length; j++) {
        vectorTerm.push(ids[j] as number);
        vectorWeight.push(weights[j] as number);
      }
      vectorStart.push(vectorTerm.length);
    }
    const vectors = {
      intents: intentList,
      exampleIntent: Int32Array.from(exampleIntent),
      vectorStart: Int32Array.from(vectorStart),
      vectorTerm: Int32Array.from(vectorTerm),
      vectorWeight: Float64Array.from(vectorWeight),
    };
    return new Matcher({
      terms: StringTable.of(terms, { lookup: true }).toState(),
      idf,
      unknownWeight,
      texts: StringTable.of(texts).toState(),
      ...vectors,
      ...matcherIndex(vectors, terms.length),
    });
  }

  constructor(state: MatcherState) {
    this.state = state;
    this.known = state.idf.length;
    this.terms = new StringTable(state.terms);
    this.texts = new StringTable(state.texts);
    ({
      postingStart: this.postingStart,
      postingExample: this.postingExample,
      postingWeight: this.postingWeight,
      topicTerm: this.topicTerm,
    } = state);
    const E = this.texts.size;
    this.scores = new Float64Array(E);
    this.marks = new Int32Array((E + 31) >> 5);
    const I = state.intents.length;
    this.first = new Float64Array(I);
    this.second = new Float64Array(I);
    this.nearest = new Int32Array(I);
    this.seen = new Uint8Array(I);
    this.order = new Int32Array(I);
  }

  toState(): MatcherState {
    return this.state;
  }

  private postings(term: number): number {
    return term < 0 ? 0 : (this.postingStart[term + 1] as number) - (this.postingStart[term] as number);
  }

  private isTopicTerm(term: number): boolean {
    return term >= 0 && this.topicTerm[term] === 1;
  }

  rank(terms: readonly string[]): Ranking {
    const query = this.vectorOf(terms);
    const { intents, exampleIntent } = this.state;
    // Evidence is for explaining and for the few candidates a decision looks at: not for every intent.
    const candidates = this.candidates(query).map((c, rank) => ({
      intent: intents[exampleIntent[c.nearest] as number] as IntentId,
      score: c.score,
      nearest: this.texts.at(c.nearest),
      evidence: rank >= EVIDENCE_FOR ? [] : this.evidence(query, c.nearest),
    }));
    // The query's names are the distinct terms in order, with their ids: no term is looked up again.
    const unknown: string[] = [];
    const offTopic: string[] = [];
    const excluded: string[] = [];
    for (let j = 0; j < query.ids.length; j++) {
      const id = query.ids[j] as number;
      const name = query.names[j] as string;
      if (!(id >= 0 && id < this.known)) unknown.push(name);
      if (!this.isTopicTerm(id)) {
        offTopic.push(name);
        // Two out-of-scope examples or more name it: a subject left out on purpose, not a stray word.
        if (this.postings(id) >= 2) excluded.push(name);
      }
    }
    let unmatched = 0;
    let offTopicShare = 0;
    for (let j = 0; j < query.ids.length; j++) {
      const id = query.ids[j] as number;
      const w = query.weights[j] as number;
      unmatched += id >= 0 && id < this.known ? 0 : w * w;
      offTopicShare += this.isTopicTerm(id) ? 0 : w * w;
    }
    return {
      candidates,
      unknown,
      offTopic,
      excluded,
      unknownShare: unmatched,
      offTopicShare,
    };
  }

  /** The query's terms that a phrase has, with their share of its score, largest first. */
  private evidence(query: Query, example: number): { term: string; weight: number }[] {
    const { vectorStart, vectorTerm, vectorWeight } = this.state;
    const start = vectorStart[example] as number;
    const end = vectorStart[example + 1] as number;
    const out: { term: string; weight: number }[] = [];
    for (let j = 0; j < query.ids.length; j++) {
      const id = query.ids[j] as number;
      if (id < 0) continue;
      for (let p = start; p < end; p++) {
        if (vectorTerm[p] === id) {
          out.push({
            term: query.names[j] as string,
            weight: (query.weights[j] as number) * (vectorWeight[p] as number),
          });
          break;
        }
      }
    }
    return out.sort((a, b) => b.weight - a.weight);
  }

  private vectorOf(terms: readonly string[]): Query {
    const names = distinct(terms);
    const ids = names.map((t) => this.terms.indexOf(t));
    const weights = toUnit(
      ids.map((id) =>
        id >= 0 && id < this.known ? (this.state.idf[id] as number) : this.state.unknownWeight,
      ),
    );
    return { names, ids, weights };
  }

  private candidates(query: Query, exclude = -1): Scored[] {
    // Only phrases that share a term with the question can score: walk the postings, not every
    // phrase, and visit the phrases touched in phrase order (a bit per phrase, read word by word).
    const { scores, marks } = this;
    let low = marks.length;
    let high = -1;
    for (let j = 0; j < query.ids.length; j++) {
      const id = query.ids[j] as number;
      if (id < 0) continue;
      const weight = query.weights[j] as number;
      const end = this.postingStart[id + 1] as number;
      for (let p = this.postingStart[id] as number; p < end; p++) {
        const example = this.postingExample[p] as number;
        const before = scores[example] as number;
        if (before === 0) {
          const word = example >> 5;
          marks[word] = (marks[word] as number) | (1 << (example & 31));
          if (word < low) low = word;
          if (word > high) high = word;
        }
        scores[example] = before + weight * (this.postingWeight[p] as number);
      }
    }
    const { exampleIntent } = this.state;
    const { first, second, nearest, seen, order } = this;
    let intents = 0;
    for (let word = low; word <= high; word++) {
      let bits = marks[word] as number;
      marks[word] = 0;
      while (bits !== 0) {
        const lowest = bits & -bits;
        bits ^= lowest;
        const index = (word << 5) + 31 - Math.clz32(lowest);
        const score = scores[index] as number;
        scores[index] = 0;
        if (score <= 0 || index === exclude) continue;
        const intent = exampleIntent[index] as number;
        if (seen[intent] === 0) {
          seen[intent] = 1;
          order[intents++] = intent;
          first[intent] = score;
          second[intent] = 0;
          nearest[intent] = index;
        } else if (score > (first[intent] as number)) {
          second[intent] = first[intent] as number;
          first[intent] = score;
          nearest[intent] = index;
        } else if (score > (second[intent] as number)) second[intent] = score;
      }
    }
    // Each intent in the order it was first seen (as a Map of them would list them), then by score.
    const result: Scored[] = [];
    for (let i = 0; i < intents; i++) {
      const intent = order[i] as number;
      seen[intent] = 0;
      result.push({
        intent,
        score: NEAREST_SHARE * (first[intent] as number) + (1 - NEAREST_SHARE) * (second[intent] as number),
        nearest: nearest[intent] as number,
      });
    }
    // Best first, ties in the order first seen.
    rankInPlace(result, byScore);
    return result;
  }
}

interface Scored {
  /** An index into the state's intents. */
  readonly intent: number;
  readonly score: number;
  /** The phrase that matched best. */
  readonly nearest: number;
}

const byScore = (s: Scored): number => s.score;
