import { FALLBACK_ID, type IntentId } from '../knowledge/ids.js';
import type { LabelledQuestion } from './dataset.js';

export interface Prediction {
  readonly item: LabelledQuestion;
  readonly predicted: IntentId;
  readonly confidence: number | null;
}

export interface IntentScore {
  readonly intent: IntentId;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface EvalReport {
  readonly total: number;
  readonly inScope: { readonly total: number; readonly correct: number; readonly accuracy: number };
  readonly outOfScope: { readonly total: number; readonly precision: number; readonly recall: number };
  readonly overallAccuracy: number;
  readonly macroF1: number;
  readonly perIntent: readonly IntentScore[];
  readonly confusions: readonly {
    readonly expected: IntentId;
    readonly predicted: IntentId;
    readonly count: number;
  }[];
  readonly misses: readonly {
    readonly q: string;
    readonly ok: readonly IntentId[];
    readonly predicted: IntentId;
    readonly confidence: number | null;
  }[];
}

const isOutOfScope = (item: LabelledQuestion): boolean => item.ok.includes(FALLBACK_ID);

/**
 * Scores predictions. A prediction is right when it is any of the item's acceptable intents; for
 * per-intent figures an item counts as the intent it was answered with when right, else its first.
 */
export function score(predictions: readonly Prediction[]): EvalReport {
  const truth = (p: Prediction): IntentId =>
    p.item.ok.includes(p.predicted) ? p.predicted : (p.item.ok[0] as IntentId);
  const right = (p: Prediction): boolean => p.item.ok.includes(p.predicted);
  const inScope = predictions.filter((p) => !isOutOfScope(p.item));
  const outOfScope = predictions.filter((p) => isOutOfScope(p.item));
  const declined = predictions.filter((p) => p.predicted === FALLBACK_ID);
  const intents = [...new Set(predictions.flatMap((p) => [truth(p), p.predicted]))].sort();
  const perIntent = intents.map((intent) => {
    const tp = predictions.filter((p) => p.predicted === intent && truth(p) === intent).length;
    const predicted = predictions.filter((p) => p.predicted === intent).length;
    const support = predictions.filter((p) => truth(p) === intent).length;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { intent, precision, recall, f1, support };
  });
  const counted = new Map<string, number>();
  for (const p of predictions.filter((x) => !right(x))) {
    const key = `${truth(p)}\u0000${p.predicted}`;
    counted.set(key, (counted.get(key) ?? 0) + 1);
  }
  const confusions = [...counted]
    .map(([key, count]) => {
      const [expected, predicted] = key.split('\u0000') as [IntentId, IntentId];
      return { expected, predicted, count };
    })
    .sort((a, b) => b.count - a.count);
  const withSupport = perIntent.filter((s) => s.support > 0);
  return {
    total: predictions.length,
    inScope: {
      total: inScope.length,
      correct: inScope.filter(right).length,
      accuracy: ratio(inScope.filter(right).length, inScope.length),
    },
    outOfScope: {
      total: outOfScope.length,
      precision: ratio(declined.filter((p) => isOutOfScope(p.item)).length, declined.length),
      recall: ratio(outOfScope.filter((p) => p.predicted === FALLBACK_ID).length, outOfScope.length),
    },
    overallAccuracy: ratio(predictions.filter(right).length, predictions.length),
    macroF1: withSupport.reduce((s, x) => s + x.f1, 0) / Math.max(1, withSupport.length),
    perIntent,
    confusions,
    misses: predictions
      .filter((p) => !right(p))
      .map((p) => ({ q: p.item.q, ok: p.item.ok, predicted: p.predicted, confidence: p.confidence })),
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}
