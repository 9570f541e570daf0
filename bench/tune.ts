import { FALLBACK_ID, type IntentId } from '../src/knowledge/ids.js';
import type { KnowledgeBase, TrainingExample } from '../src/knowledge/types.js';
import { type EngineSpec, isTunable } from './engine.js';

/** One held-out training phrase: its label, and the engine's raw (unthresholded) top answer. */
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

/** Trains a fresh engine without fold `fold` and answers that fold's phrases with no threshold. */
export async function foldPoints(
  spec: EngineSpec,
  kb: KnowledgeBase,
  fold: number,
  k = FOLDS,
): Promise<CvPoint[]> {
  const assignment = foldOf(kb.examples, k);
  const train = kb.examples.filter((_, i) => assignment[i] !== fold);
  const held = kb.examples.filter((_, i) => assignment[i] === fold);
  const engine = await spec.create(kb);
  if (!isTunable(engine)) throw new Error(`${spec.id} has no threshold to tune`);
  engine.threshold = Number.NEGATIVE_INFINITY;
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
