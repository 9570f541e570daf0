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
  /** Threshold chosen by k-fold cross-validation on the training phrases (never the eval set). */
  readonly tuned: boolean;
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

/** A peer's label as one of ours; anything it has no answer for, or answers below threshold, is fallback. */
export function toIntent(label: string | undefined, confidence: number, threshold: number): IntentId {
  if (label === undefined || confidence < threshold) return FALLBACK_ID;
  // A follow-up names no intent of its own: standing alone it is no answer.
  return TOPIC_ID_PATTERN.test(label) && followUpOf(label) === undefined ? label : FALLBACK_ID;
}
