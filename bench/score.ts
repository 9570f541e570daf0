import type { FollowUpReport } from '../src/cli/commands/eval.js';
import type { EvalReport } from '../src/eval/metrics.js';
import type { SetStatus } from './sets.js';

/** One engine's figures on one evaluation set (or on the development sets pooled). */
export interface SetScore {
  readonly name: string;
  readonly status: SetStatus;
  readonly report: EvalReport;
  /** Follow-ups in context; null for an engine with no conversation model. */
  readonly followUps: FollowUpReport | null;
}

/** Several sets' follow-up reports as one. */
export function poolFollowUps(reports: readonly FollowUpReport[]): FollowUpReport {
  const total = reports.reduce((s, r) => s + r.total, 0);
  const correct = reports.reduce((s, r) => s + r.correct, 0);
  return {
    total,
    correct,
    accuracy: total === 0 ? 0 : correct / total,
    misses: reports.flatMap((r) => r.misses),
  };
}
