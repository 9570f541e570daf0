import type { IntentId } from '../knowledge/ids.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { Matcher, type MatcherState } from './matcher/matcher.js';
import { Normalizer } from './text/normalize.js';

/** Bump when the shape of a trained model or of normalization changes, so stale caches are ignored. */
export const MODEL_VERSION = 4;

export interface TrainedModel {
  readonly normalizer: Normalizer;
  readonly matcher: Matcher;
  /** Each training phrase's words, for exact matches: the phrase's own intent, with certainty. */
  readonly phrases: ReadonlyMap<string, IntentId>;
  /** The phrases made of stop words only ("what can you do"): the matcher has no terms for them. */
  readonly bare: readonly (readonly [string, IntentId])[];
}

export interface ModelState {
  readonly version: number;
  readonly vocabulary: readonly (readonly [string, number])[];
  readonly matcher: MatcherState;
  readonly phrases: readonly (readonly [string, IntentId])[];
  readonly bare: readonly (readonly [string, IntentId])[];
}

/** Learns the vocabulary and the matcher from the knowledge base's phrases and texts. */
export function trainModel(kb: KnowledgeBase): TrainedModel {
  const topics = [...kb.topics.values()];
  const normalizer = Normalizer.fromTexts([
    ...kb.examples.map((e) => e.text),
    ...topics.flatMap((t) => [t.title, t.summary, t.detail ?? '', ...t.background.map((b) => b.text)]),
  ]);
  // Training phrases are taken as written: correcting them towards each other would blur intents.
  const normalized = kb.examples.map((e) => ({
    intent: e.intent,
    text: e.text,
    ...normalizer.normalize(e.text, { correct: false }),
  }));
  const matcher = Matcher.train(normalized);
  const phrases = new Map(normalized.map((n) => [n.words.join(' '), n.intent] as const));
  const bare = normalized
    .filter((n) => n.terms.length === 0)
    .map((n) => [n.words.join(' '), n.intent] as const);
  return { normalizer, matcher, phrases, bare };
}

export function modelToState(model: TrainedModel): ModelState {
  return {
    version: MODEL_VERSION,
    vocabulary: [...model.normalizer.vocabulary],
    matcher: model.matcher.toState(),
    phrases: [...model.phrases],
    bare: model.bare,
  };
}

export function modelFromState(state: ModelState): TrainedModel | undefined {
  if (state.version !== MODEL_VERSION) return undefined;
  return {
    normalizer: new Normalizer(new Map(state.vocabulary)),
    matcher: new Matcher(state.matcher),
    phrases: new Map(state.phrases),
    bare: state.bare,
  };
}
