import { FALLBACK_ID, type IntentId } from '../src/knowledge/ids.js';
import type { KnowledgeBase, TrainingExample } from '../src/knowledge/types.js';
import { type EngineSpec, isTunable, standalonePhrases } from './engine.js';

/** One held-out training phrase: its label, and the engine's answer (raw top intent for a tunable one). */
export interface CvPoint {
  readonly truth: IntentId;
  readonly intent: IntentId;
  readonly confidence: number;
}

export interface ThresholdChoice {
  readonly threshold: number;
  /** Share of held-out training phrases answered right at that threshold. */
  readonly cvAccuracy: number;
  /** The same with no threshold at all, for comparison. */
  readonly cvAccuracyUnthresholded: number;
  readonly points: number;
}

/** Cross-validated figures on the training phrases, at the engine's operating threshold. */
export interface CvFigures {
  readonly inScope: { readonly total: number; readonly correct: number; readonly accuracy: number };
  readonly outOfScope: { readonly total: number; readonly declined: number; readonly recall: number };
}

export const FOLDS = 5;

/**
 * Stratified, deterministic folds: within each intent, phrases are dealt out in file order, so
 * every fold holds about a fifth of every intent, negatives included.
 */
export function foldOf(examples: readonly TrainingExample[], k: number): number[] {
  const seen = new Map<IntentId, number>();
  return examples.map((e) => {
    const n = seen.get(e.intent) ?? 0;
    seen.set(e.intent, n + 1);
    return n % k;
  });
}

/**
 * What fold `fold` holds out and what it trains on. The folds are dealt over the phrases a question
 * can stand for alone, the same for every engine, so their figures are side by side; an engine with
 * a conversation model keeps the follow-up acts' phrases in every fold's training (they are scored
 * by the follow-up sets, not here).
 */
export function foldSplit(
  spec: Pick<EngineSpec, 'conversational'>,
  examples: readonly TrainingExample[],
  fold: number,
  k = FOLDS,
): { readonly train: TrainingExample[]; readonly held: TrainingExample[] } {
  const standalone = standalonePhrases(examples);
  const assignment = foldOf(standalone, k);
  const held = standalone.filter((_, i) => assignment[i] === fold);
  const heldSet = new Set(held);
  const pool = spec.conversational ? examples : standalone;
  return { train: pool.filter((e) => !heldSet.has(e)), held };
}

/**
 * Trains a fresh engine without fold `fold` and answers that fold's phrases, each alone: a tunable
 * engine with no threshold (its raw top intent, for tuning), any other as it decides.
 */
export async function foldPoints(
  spec: EngineSpec,
  kb: KnowledgeBase,
  fold: number,
  k = FOLDS,
): Promise<CvPoint[]> {
  const { train, held } = foldSplit(spec, kb.examples, fold, k);
  const engine = await spec.create(kb);
  if (spec.tuned) {
    if (!isTunable(engine)) throw new Error(`${spec.id} has no threshold to tune`);
    engine.threshold = Number.NEGATIVE_INFINITY;
  }
  await engine.train(train);
  const points: CvPoint[] = [];
  for (const e of held) {
    const r = await engine.classify(e.text);
    points.push({ truth: e.intent, intent: r.intent, confidence: r.confidence });
  }
  return points;
}

/**
 * The threshold that answers the most held-out phrases right, where "right" for a negative is to
 * decline. Candidates lie midway between adjacent observed confidences; ties go to the lower one.
 */
export function chooseThreshold(points: readonly CvPoint[]): ThresholdChoice {
  const sorted = [...points].sort((a, b) => a.confidence - b.confidence);
  // Declining everything below sorted[i]: the first i points become fallback.
  const keptRight = sorted.map((p) => (p.intent === p.truth ? 1 : 0));
  const declinedRight = sorted.map((p) => (p.truth === FALLBACK_ID ? 1 : 0));
  let right = keptRight.reduce<number>((s, x) => s + x, 0);
  const unthresholded = right;
  let best = { right, threshold: Number.NEGATIVE_INFINITY };
  for (let i = 1; i <= sorted.length; i++) {
    right += (declinedRight[i - 1] ?? 0) - (keptRight[i - 1] ?? 0);
    const below = sorted[i - 1]?.confidence ?? 0;
    const above = sorted[i]?.confidence;
    if (above !== undefined && above === below) continue; // no cut between equal confidences
    if (right > best.right) {
      best = { right, threshold: above === undefined ? below + 1e-9 : (below + above) / 2 };
    }
  }
  const n = Math.max(1, points.length);
  return {
    threshold: best.threshold,
    cvAccuracy: best.right / n,
    cvAccuracyUnthresholded: unthresholded / n,
    points: points.length,
  };
}

/**
 * In-scope accuracy and out-of-scope recall of held-out phrases, declining below `threshold`
 * (-Infinity: the answers as given).
 */
export function cvFigures(points: readonly CvPoint[], threshold = Number.NEGATIVE_INFINITY): CvFigures {
  const answer = (p: CvPoint): IntentId => (p.confidence < threshold ? FALLBACK_ID : p.intent);
  const inScope = points.filter((p) => p.truth !== FALLBACK_ID);
  const outOfScope = points.filter((p) => p.truth === FALLBACK_ID);
  const correct = inScope.filter((p) => answer(p) === p.truth).length;
  const declined = outOfScope.filter((p) => answer(p) === FALLBACK_ID).length;
  return {
    inScope: {
      total: inScope.length,
      correct,
      accuracy: inScope.length === 0 ? 0 : correct / inScope.length,
    },
    outOfScope: {
      total: outOfScope.length,
      declined,
      recall: outOfScope.length === 0 ? 0 : declined / outOfScope.length,
    },
  };
}
