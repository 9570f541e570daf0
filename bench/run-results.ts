// The shape of one bench run's results: what bench/results/latest.json holds and the report renders.
import type { CliFigures } from './cli.js';
import type { SetStatus } from './sets.js';
import type { CvFigures, ThresholdChoice } from './tune.js';
import type { MeasureResult } from './worker.js';

export interface EngineResult extends MeasureResult {
  readonly label: string;
  readonly setup: string;
  /** The tuned engines' threshold, chosen on the cross-validation points; null for the others. */
  readonly tuning: ThresholdChoice | null;
  /** Cross-validated on the training phrases, at the engine's operating threshold. */
  readonly cv: CvFigures & { readonly foldMs: readonly number[] };
}

export interface SetInfo {
  readonly name: string;
  readonly status: SetStatus;
  readonly questions: number;
  readonly outOfScope: number;
  readonly followUps: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly os: string;
    readonly node: string;
    readonly v8: string;
    readonly pinnedCore: number | null;
    readonly loadAverage: readonly [number, number];
  };
  readonly data: {
    /** Every written phrase of intents/: what policybot trains on. */
    readonly phrases: number;
    /** The topics' and the out-of-scope phrases: what the peers train on, and what is cross-validated. */
    readonly standalonePhrases: number;
    readonly followUpPhrases: number;
    readonly followUpIntents: number;
    readonly negatives: number;
    /** Intents of the standalone phrases, `fallback` included. */
    readonly intents: number;
    readonly sets: readonly SetInfo[];
    readonly folds: number;
  };
  readonly cvMs: number;
  readonly engines: readonly EngineResult[];
  readonly cli: CliFigures | null;
  readonly totalMs: number;
}
