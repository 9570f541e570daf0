import type { FollowUpReport } from '../src/cli/commands/eval.js';
import { TOPIC_SLOT } from '../src/core/model/examples.js';
import { FALLBACK_ID, followUpOf, type IntentId, TOPIC_ID_PATTERN } from '../src/knowledge/ids.js';
import type { KnowledgeBase, TrainingExample } from '../src/knowledge/types.js';

/** An engine's answer to one question: an intent (fallback when it declines) and how sure it is. */
export interface Classification {
  readonly intent: IntentId;
  readonly confidence: number;
}

/**
 * What every benchmarked engine implements. `classify` may return a promise (NLP.js is async);
 * the measuring loop awaits only when it does, so synchronous engines pay no microtask per call.
 */
export interface Engine {
  readonly name: string;
  train(examples: readonly TrainingExample[]): void | Promise<void>;
  classify(text: string): Classification | Promise<Classification>;
  /** Follow-ups in context, scored as `policybot eval` scores them: engines with a conversation model only. */
  followUps?(file: string): Promise<FollowUpReport>;
}

/** An engine whose decline threshold is chosen by cross-validation on the training phrases. */
export interface TunableEngine extends Engine {
  /** Below this confidence the engine answers fallback; -Infinity while tuning (raw top intent). */
  threshold: number;
}

export interface EngineSpec {
  readonly id: EngineId;
  /** Column label in the report. */
  readonly label: string;
  /** How it is set up, for BENCHMARKS.md: options, what stands for "out of scope". */
  readonly setup: string;
  /** Threshold chosen by k-fold cross-validation on the training phrases (never an eval set). */
  readonly tuned: boolean;
  /**
   * Has a conversation model: trains on the follow-up acts' phrases as well (as in production)
   * and is scored on follow-ups in context. The peers have none.
   */
  readonly conversational: boolean;
  /** A fresh, untrained engine. */
  create(kb: KnowledgeBase): Engine | Promise<Engine>;
}

export const ENGINE_IDS = ['policybot', 'nlpjs', 'natural-bayes', 'natural-lr', 'minisearch'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

/** Loaded lazily so that a measuring process holds only its own engine's library. */
export async function loadSpec(id: EngineId): Promise<EngineSpec> {
  switch (id) {
    case 'policybot':
      return (await import('./engines/policybot.js')).spec;
    case 'nlpjs':
      return (await import('./engines/nlpjs.js')).spec;
    case 'natural-bayes':
      return (await import('./engines/natural-bayes.js')).spec;
    case 'natural-lr':
      return (await import('./engines/natural-lr.js')).spec;
    case 'minisearch':
      return (await import('./engines/minisearch.js')).spec;
  }
}

export function isEngineId(value: string): value is EngineId {
  return (ENGINE_IDS as readonly string[]).includes(value);
}

export function isTunable(engine: Engine): engine is TunableEngine {
  return 'threshold' in engine;
}

/**
 * The phrases a question can stand for alone: the topics' and the out-of-scope negatives. The
 * follow-up acts' phrases ("tell me more", "source?") mean something only after an answer, so they
 * are left out; a `{topic}` slot is theirs alone, and one anywhere else would be trained as the
 * literal word, so it stops the run.
 */
export function standalonePhrases(examples: readonly TrainingExample[]): TrainingExample[] {
  const standalone = examples.filter((e) => followUpOf(e.intent) === undefined);
  const slotted = standalone.find((e) => e.text.includes(TOPIC_SLOT));
  if (slotted)
    throw new Error(`${slotted.file}: "${slotted.text}" (${slotted.intent}) has a ${TOPIC_SLOT} slot`);
  return standalone;
}

/** What an engine trains on: everything for one with a conversation model, else the standalone phrases. */
export function trainingPhrases(spec: EngineSpec, examples: readonly TrainingExample[]): TrainingExample[] {
  return spec.conversational ? [...examples] : standalonePhrases(examples);
}

/** A peer's label as one of ours; anything it has no answer for, or answers below threshold, is fallback. */
export function toIntent(label: string | undefined, confidence: number, threshold: number): IntentId {
  if (label === undefined || confidence < threshold) return FALLBACK_ID;
  return TOPIC_ID_PATTERN.test(label) ? label : FALLBACK_ID;
}
