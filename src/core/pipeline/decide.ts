import type { IntentId } from '../../knowledge/ids.js';
import type { Classification } from '../model/classifier.js';
import type { Decision } from './decision.js';
import { STEPS, type StepInput, type StepName } from './steps.js';

/** One step's verdict, as the trace shows it. */
export interface StepVerdict {
  readonly step: StepName;
  /** decided: its decision is the answer; overruled: it had one, an earlier step won; passed: none. */
  readonly outcome: 'decided' | 'overruled' | 'passed';
  readonly reason: string;
}

/** How a question was decided: what `--explain`, the log line and the metrics report. */
export interface Trace {
  /** The step that decided; `platform` for a button or menu, `rate-limit` for the serving layer's limit. */
  readonly decidedBy: StepName | 'platform' | 'rate-limit';
  readonly reason: string;
  readonly steps: readonly StepVerdict[];
  readonly previousTopic: IntentId | null;
  readonly threshold: number;
  readonly classification: ClassificationSummary | null;
}

/** The models' view of a question, trimmed for the trace. */
export interface ClassificationSummary {
  readonly terms: readonly string[];
  readonly corrections: readonly string[];
  readonly synonyms: readonly string[];
  readonly unknown: readonly string[];
  readonly exact: IntentId | null;
  readonly confidence: number;
  readonly outOfScope: number;
  readonly noTopic: number;
  readonly candidates: readonly {
    readonly intent: IntentId;
    readonly probability: number;
    readonly similarity: number;
    readonly nearest: string | null;
    readonly evidence: readonly { readonly term: string; readonly weight: number }[];
  }[];
  readonly acts: readonly { readonly followUp: string | null; readonly probability: number }[];
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

export function summarize(c: Classification): ClassificationSummary {
  return {
    terms: c.normalized.terms,
    corrections: c.normalized.corrections,
    synonyms: c.normalized.synonyms,
    unknown: c.unknown,
    exact: c.exact ?? null,
    confidence: round(c.confidence),
    outOfScope: round(c.outOfScope),
    noTopic: round(c.noTopic),
    candidates: c.candidates.slice(0, 5).map((x) => ({
      intent: x.intent,
      probability: round(x.probability),
      similarity: round(x.similarity),
      nearest: x.nearest ?? null,
      evidence: x.evidence.slice(0, 6).map((e) => ({ term: e.term, weight: round(e.weight) })),
    })),
    acts: c.acts.slice(0, 3).map((a) => ({ followUp: a.kind, probability: round(a.probability) })),
  };
}

/**
 * The arbiter: every step gives its verdict, the first in STEPS order with a decision wins, and
 * the trace keeps them all, so an explanation says which step decided and why the others did not.
 */
export function decide(input: StepInput): { decision: Decision; trace: Trace } {
  let winner: { decision: Decision; step: StepName; reason: string } | undefined;
  const steps: StepVerdict[] = [];
  for (const step of STEPS) {
    const result = step.run(input);
    if (result.decision === undefined) {
      steps.push({ step: step.name, outcome: 'passed', reason: result.reason });
    } else if (winner === undefined) {
      winner = { decision: result.decision, step: step.name, reason: result.reason };
      steps.push({ step: step.name, outcome: 'decided', reason: result.reason });
    } else {
      steps.push({ step: step.name, outcome: 'overruled', reason: result.reason });
    }
  }
  // The last step always decides, so there is a winner.
  const won = winner as { decision: Decision; step: StepName; reason: string };
  return {
    decision: won.decision,
    trace: {
      decidedBy: won.step,
      reason: won.reason,
      steps,
      previousTopic: input.previous ?? null,
      threshold: input.threshold,
      classification: input.classification === undefined ? null : summarize(input.classification),
    },
  };
}
