import { FALLBACK_ID, type IntentId } from '../../knowledge/ids.js';
import type { StringTableState } from './strings.js';

// The nearest-phrase matcher's data: what it reads (labelled terms), what it answers (a ranking of
// candidates), and what training computes for a warm start to read (its state and the postings).

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

/**
 * Everything training computed, so a warm start skips training. The phrases' vectors are flat
 * typed arrays (the start-up cache keeps them as bytes, beside its JSON): phrase e's terms are
 * vectorTerm[vectorStart[e] .. vectorStart[e + 1]), indices into `terms`, with their weights.
 */
export interface MatcherState {
  /** Every term a phrase has (a table with lookup); the first `idf.length` have an idf (all, after training). */
  readonly terms: StringTableState;
  readonly idf: Float64Array;
  readonly unknownWeight: number;
  /** The phrases' intents, each once; exampleIntent indexes this list. */
  readonly intents: readonly IntentId[];
  readonly exampleIntent: Int32Array;
  /** Each phrase as written. */
  readonly texts: StringTableState;
  readonly vectorStart: Int32Array;
  readonly vectorTerm: Int32Array;
  readonly vectorWeight: Float64Array;
  /**
   * The index, made once by training (a warm start reads it rather than rebuilding it): the
   * phrases that have each term, in phrase order, with the term's weight in them (term t's are
   * postingExample[postingStart[t] .. postingStart[t + 1])), and per term whether some topic's
   * phrase (not an out-of-scope one) has it.
   */
  readonly postingStart: Int32Array;
  readonly postingExample: Int32Array;
  readonly postingWeight: Float64Array;
  readonly topicTerm: Uint8Array;
}

/** The postings of phrase vectors and which terms a topic's phrase has (MatcherState's index). */
export function matcherIndex(
  vectors: Pick<MatcherState, 'vectorStart' | 'vectorTerm' | 'vectorWeight' | 'exampleIntent' | 'intents'>,
  T: number,
): Pick<MatcherState, 'postingStart' | 'postingExample' | 'postingWeight' | 'topicTerm'> {
  const { vectorStart, vectorTerm, vectorWeight, exampleIntent, intents } = vectors;
  const E = vectorStart.length - 1;
  // Postings by counting: each term's phrases in phrase order, as the phrases list them.
  const postingStart = new Int32Array(T + 1);
  for (let p = 0; p < vectorTerm.length; p++) {
    const slot = (vectorTerm[p] as number) + 1;
    postingStart[slot] = (postingStart[slot] as number) + 1;
  }
  for (let t = 0; t < T; t++)
    postingStart[t + 1] = (postingStart[t + 1] as number) + (postingStart[t] as number);
  const fill = postingStart.slice(0, T);
  const postingExample = new Int32Array(vectorTerm.length);
  const postingWeight = new Float64Array(vectorTerm.length);
  const topicTerm = new Uint8Array(T);
  for (let e = 0; e < E; e++) {
    const topic = intents[exampleIntent[e] as number] !== FALLBACK_ID;
    for (let p = vectorStart[e] as number; p < (vectorStart[e + 1] as number); p++) {
      const t = vectorTerm[p] as number;
      if (topic) topicTerm[t] = 1;
      const at = fill[t] as number;
      fill[t] = at + 1;
      postingExample[at] = e;
      postingWeight[at] = vectorWeight[p] as number;
    }
  }
  return { postingStart, postingExample, postingWeight, topicTerm };
}
