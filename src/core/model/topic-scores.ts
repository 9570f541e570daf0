import { FALLBACK_ID, type IntentId } from '../../knowledge/ids.js';
import type { NormalizedText } from '../text/normalize.js';
import { NO_TOPIC } from './examples.js';
import type { SparseVector } from './features.js';
import type { Candidate, Matcher, Ranking } from './nearest.js';
import { rankInPlace } from './order.js';
import { predictSoftmax, type SoftmaxState } from './softmax.js';

/** A topic the question may be about, by both models. */
export interface TopicCandidate {
  readonly intent: IntentId;
  /** The linear model's probability for it (not calibrated: see Classification.confidence). */
  readonly probability: number;
  /** The nearest training phrase's similarity, in [0, 1]. */
  readonly similarity: number;
  /** That nearest phrase. */
  readonly nearest?: string;
  /** The question's terms it shares with that phrase, with their share of the similarity. */
  readonly evidence: readonly { readonly term: string; readonly weight: number }[];
}

/**
 * Both models' view of the topics, and the features the confidence is calibrated on: the linear
 * model's probability for its best topic and its lead, its probabilities of "out of scope" and
 * "no topic" (and what is left for the topics), the nearest phrase's similarity (for that topic and
 * for any), whether the two models agree, the share of the question nobody wrote a phrase with,
 * its length, and its strongest single term.
 */
export function scoreTopics(
  classes: readonly string[],
  model: SoftmaxState,
  matcher: Matcher,
  vector: SparseVector,
  normalized: NormalizedText,
): { candidates: TopicCandidate[]; features: number[]; fallback: number; noTopic: number; ranking: Ranking } {
  const p = predictSoftmax(model, vector);
  const ranking = matcher.rank(normalized.terms);
  // Loops and two literal shapes rather than map, forEach and a spread: this runs for every reading.
  const similarity = new Map<string, Candidate>();
  for (const c of ranking.candidates) similarity.set(c.intent, c);
  const candidates: TopicCandidate[] = [];
  let fallback = 0;
  let noTopic = 0;
  for (let i = 0; i < classes.length; i++) {
    const intent = classes[i] as string;
    const probabilityOf = p[i] ?? 0;
    if (intent === FALLBACK_ID) fallback = probabilityOf;
    else if (intent === NO_TOPIC) noTopic = probabilityOf;
    else {
      const near = similarity.get(intent);
      candidates.push(
        near === undefined
          ? { intent, probability: probabilityOf, similarity: 0, evidence: [] }
          : {
              intent,
              probability: probabilityOf,
              similarity: near.score,
              nearest: near.nearest,
              evidence: near.evidence,
            },
      );
    }
  }
  // Most probable first, ties in class order.
  rankInPlace(candidates, byProbability);
  const best = candidates[0];
  const second = Math.max(candidates[1]?.probability ?? 0, fallback, noTopic);
  const top = best?.probability ?? 0;
  const nearestOverall = ranking.candidates[0];
  const features = [
    logit(top),
    top - second,
    fallback,
    noTopic,
    best?.similarity ?? 0,
    nearestOverall?.score ?? 0,
    nearestOverall !== undefined && nearestOverall.intent === best?.intent ? 1 : 0,
    ranking.unknownShare,
    ranking.offTopicShare,
    normalized.terms.length === 0 ? 1 : 0,
    Math.log(1 + normalized.terms.length),
    logit(1 - fallback - noTopic),
    logit(top / Math.max(1e-4, top + (candidates[1]?.probability ?? 0))),
    strongest(best?.evidence ?? []),
  ];
  return { candidates, features, fallback, noTopic, ranking };
}

/** The largest evidence weight, or 0. */
function strongest(evidence: readonly { readonly weight: number }[]): number {
  let max = 0;
  for (const e of evidence) max = Math.max(max, e.weight);
  return max;
}

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
  return Math.log(q / (1 - q));
}

const byProbability = (c: TopicCandidate): number => c.probability;
