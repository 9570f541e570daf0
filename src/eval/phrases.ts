import type { PolicyAssistant } from '../core/index.js';
import { fillSlot, TOPIC_SLOT } from '../core/model/examples.js';
import { FALLBACK_ID, type FollowUpKind, followUpOf, type IntentId } from '../knowledge/ids.js';
import type { Topic, TrainingExample } from '../knowledge/types.js';

/** A training phrase the whole pipeline answers otherwise than its own intent. */
export interface PhraseMiss {
  readonly file: string;
  readonly intent: IntentId;
  readonly phrase: string;
  /** What it got: intent, follow-up, kind, and the step that decided. */
  readonly got: string;
  /** Set when the phrase is marked as an accepted exception, with the curator's reason. */
  readonly exception?: string;
}

/** A rule of content/limits.yaml whose own example it does not decline, or whose counterexample it does. */
export interface LimitMiss {
  readonly limit: string;
  readonly question: string;
  readonly expected: 'declined' | 'not declined';
}

export interface PhraseCheck {
  readonly checked: number;
  /** Misses not marked as exceptions: these fail `policybot check`. */
  readonly misses: readonly PhraseMiss[];
  /** Misses marked as accepted exceptions. */
  readonly accepted: readonly PhraseMiss[];
  readonly limits: readonly LimitMiss[];
}

/**
 * The topic a follow-up phrase is tried on: one whose answer has that follow-up to give, and whose
 * first name says it most plainly (the phrase is on trial, not the name).
 */
function probeTopic(assistant: PolicyAssistant, kind: FollowUpKind): Topic | undefined {
  const group = kind === 'threats' ? 'solution' : 'threat';
  const plainness = (t: Topic): number => {
    const c = assistant.classifier.classify(t.names[0] as string);
    return c.candidates[0]?.intent === t.id ? c.confidence : 0;
  };
  return [...assistant.knowledgeBase.topics.values()]
    .filter((t) => t.group === group && t.role !== 'overview' && t.names.length > 0)
    .map((t) => ({ t, p: plainness(t) }))
    .sort((a, b) => b.p - a.p || (a.t.order ?? 99) - (b.t.order ?? 99))[0]?.t;
}

/**
 * Runs every training phrase through the whole pipeline, as a person would ask it: a topic's or
 * the bot's phrase alone, in a fresh conversation, must get its own intent; a follow-up phrase,
 * after a topic, must give that follow-up on that topic (a `{topic}` slot is filled with the
 * topic's first name). Then every rule of content/limits.yaml against its own examples.
 */
export function checkPhrases(assistant: PolicyAssistant): PhraseCheck {
  const kb = assistant.knowledgeBase;
  const misses: PhraseMiss[] = [];
  const accepted: PhraseMiss[] = [];
  const miss = (example: TrainingExample, phrase: string, got: string): void => {
    const entry: PhraseMiss = {
      file: example.file,
      intent: example.intent,
      phrase,
      got,
      ...(example.exception === undefined ? {} : { exception: example.exception }),
    };
    (example.exception === undefined ? misses : accepted).push(entry);
  };
  const probes = new Map<FollowUpKind, Topic | undefined>();
  for (const example of kb.examples) {
    const kind = followUpOf(example.intent);
    if (kind === undefined) {
      const answer = assistant.answerNow(example.text);
      const right =
        example.intent === FALLBACK_ID
          ? answer.kind === 'decline'
          : answer.intent === example.intent && (example.followUp ?? null) === answer.followUp;
      if (!right) miss(example, example.text, describe(answer));
      continue;
    }
    const probe = probes.get(kind) ?? probeTopic(assistant, kind);
    probes.set(kind, probe);
    if (probe === undefined) continue;
    const slotted = example.text.includes(TOPIC_SLOT);
    const phrase = slotted ? fillSlot(example.text, probe.names[0] as string) : example.text;
    const answer = assistant.answerNow(phrase, slotted ? undefined : probe.id);
    if (answer.topic !== probe.id || answer.followUp !== kind) miss(example, phrase, describe(answer));
  }
  const limits: LimitMiss[] = [];
  for (const limit of kb.limits) {
    const declinedByIt = (q: string): boolean => {
      const answer = assistant.answerNow(q);
      return answer.trace.decidedBy === 'limit' && answer.trace.reason.includes(`"${limit.id}"`);
    };
    for (const q of limit.examples)
      if (!declinedByIt(q)) limits.push({ limit: limit.id, question: q, expected: 'declined' });
    for (const q of limit.counterexamples)
      if (declinedByIt(q)) limits.push({ limit: limit.id, question: q, expected: 'not declined' });
  }
  return { checked: kb.examples.length, misses, accepted, limits };
}

function describe(answer: ReturnType<PolicyAssistant['answerNow']>): string {
  const followUp = answer.followUp === null ? '' : ` (${answer.followUp})`;
  return `${answer.kind} ${answer.intent}${followUp}, decided by ${answer.trace.decidedBy}`;
}
