import type { IntentId } from '../../knowledge/ids.js';
import type { Classification } from '../model/classifier.js';
import type { Decision } from './decision.js';
import { PRECEDENCE, type ReadingName, type Rule } from './precedence.js';
import type { Prediction, ReadingInput } from './prediction.js';
import { READINGS } from './readings.js';

/** One step's verdict, as the trace shows it. */
export interface StepVerdict {
  readonly step: ReadingName;
  /** decided: its prediction is the answer; passed: it had none, or one under its gate or yielding to another's. */
  readonly outcome: 'decided' | 'passed';
  readonly reason: string;
}

/** How a question was decided: what `--explain`, the log line and the metrics report. */
export interface Trace {
  /** The step that decided; `platform` for a button or menu, `rate-limit` for the serving layer's limit. */
  readonly decidedBy: ReadingName | 'platform' | 'rate-limit';
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

const pct = (p: number): string => p.toFixed(2);
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

/** What a rule's gates make of a prediction: whether it passes, and why not. */
function gated(rule: Rule, p: Prediction, threshold: number, inConversation: boolean): string | undefined {
  const share = (x: number): number => x * threshold;
  if (rule.scopeGate !== undefined && (p.scope ?? 0) < share(rule.scopeGate))
    return `in scope ${pct(p.scope ?? 0)}, under ${pct(share(rule.scopeGate))}`;
  if (rule.gate === null) return undefined;
  let gate = share(rule.gate);
  if (rule.conversationGate !== undefined && inConversation && p.leans === true)
    gate = share(rule.conversationGate);
  if (rule.askingGate !== undefined && p.asks === true) gate = Math.min(gate, share(rule.askingGate));
  if (rule.leadGate !== undefined && (p.lead ?? 0) >= share(rule.leadGate.lead))
    gate = Math.min(gate, share(rule.leadGate.floor));
  return p.probability >= gate ? undefined : `${pct(p.probability)}, under its gate ${pct(gate)}`;
}

/**
 * The arbiter: the first reading in the precedence table whose prediction passes its gates, and
 * for which no reading it yields to is sure enough, decides. Predictions are read lazily, in the
 * table's order (a reading after the winner is not read: the clauses cost a classification each),
 * and the trace keeps every verdict, so an explanation says which reading decided and why the
 * others did not.
 */
export function arbitrate(
  predict: (reading: ReadingName) => Prediction,
  threshold: number,
  inConversation: boolean,
  table: readonly Rule[] = PRECEDENCE,
): { decision: Decision; reading: ReadingName; reason: string; steps: StepVerdict[] } {
  const made = new Map<ReadingName, Prediction>();
  const prediction = (reading: ReadingName): Prediction => {
    let p = made.get(reading);
    if (p === undefined) {
      p = predict(reading);
      made.set(reading, p);
    }
    return p;
  };
  const steps: StepVerdict[] = [];
  const yieldedTo = new Set<ReadingName>();
  for (const rule of table) {
    if (rule.standIn === true && !yieldedTo.has(rule.reading)) continue;
    const p = prediction(rule.reading);
    if (p.decision === undefined) {
      steps.push({ step: rule.reading, outcome: 'passed', reason: p.reason });
      continue;
    }
    const short = gated(rule, p, threshold, inConversation);
    if (short !== undefined) {
      steps.push({ step: rule.reading, outcome: 'passed', reason: `${p.reason}: ${short}` });
      continue;
    }
    const yielded = (rule.yieldsTo ?? []).find((y) => {
      if (y.inConversation === true && !inConversation) return false;
      if (y.whenAskingBack === true && p.decision?.kind !== 'clarify') return false;
      const other = prediction(y.to);
      if (other.decision === undefined) return false;
      const passes = (): boolean => {
        const own = table.find((r) => r.reading === y.to);
        return own === undefined || gated(own, other, threshold, inConversation) === undefined;
      };
      if (y.atLeast === 'gated') return passes();
      if (y.atLeast === 'self') return other.probability > p.probability && passes();
      return other.probability >= y.atLeast * threshold;
    });
    if (yielded !== undefined) {
      yieldedTo.add(yielded.to);
      steps.push({
        step: rule.reading,
        outcome: 'passed',
        reason: `${p.reason}: stands aside for ${yielded.to}`,
      });
      continue;
    }
    steps.push({ step: rule.reading, outcome: 'decided', reason: p.reason });
    return { decision: p.decision, reading: rule.reading, reason: p.reason, steps };
  }
  throw new Error('the precedence table has no reading that always decides');
}

/** Every reading's prediction on the question, and the arbiter's pick among them. */
export function decide(input: ReadingInput): { decision: Decision; trace: Trace } {
  const won = arbitrate((name) => READINGS[name](input), input.threshold, input.previous !== undefined);
  return {
    decision: won.decision,
    trace: {
      decidedBy: won.reading,
      reason: won.reason,
      steps: won.steps,
      previousTopic: input.previous ?? null,
      threshold: input.threshold,
      classification: input.classification === undefined ? null : summarize(input.classification),
    },
  };
}
