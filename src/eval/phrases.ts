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

/** How many topics a follow-up phrase with a slot is tried on; it must work on most of them. */
const PROBES = 3;

/**
 * The topics a follow-up phrase is tried on: ones whose answer has that follow-up to give, whose
 * first name says it most plainly (the phrase is on trial, not the name).
 */
function probeTopics(assistant: PolicyAssistant, kind: FollowUpKind): Topic[] {
  const group = kind === 'threats' ? 'solution' : 'threat';
  const plainness = (t: Topic): number => {
    const c = assistant.classifier.classify(t.names[0] as string);
    return c.candidates[0]?.intent === t.id ? c.confidence : 0;
  };
  return [...assistant.knowledgeBase.topics.values()]
    .filter((t) => t.group === group && t.role !== 'overview' && t.names.length > 0)
    .map((t) => ({ t, p: plainness(t) }))
    .sort((a, b) => b.p - a.p || (a.t.order ?? 99) - (b.t.order ?? 99))
    .slice(0, PROBES)
    .map(({ t }) => t);
}

/**
 * Runs every training phrase through the whole pipeline, as a person would ask it: a topic's or
 * the bot's phrase alone, in a fresh conversation, must get its own intent; a follow-up phrase,
 * after a topic, must give that follow-up on that topic; one with a `{topic}` slot, filled with
 * a topic's first name and asked alone, must give that follow-up on that topic for most of the
 * PROBES topics it is tried with. Then every rule of content/limits.yaml against its own examples.
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
  const probes = new Map<FollowUpKind, Topic[]>();
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
    const tried = probes.get(kind) ?? probeTopics(assistant, kind);
    probes.set(kind, tried);
    if (tried.length === 0) continue;
    const slotted = example.text.includes(TOPIC_SLOT);
    if (!slotted) {
      // Asked after the plainest topic, it must give that follow-up on it.
      const probe = tried[0] as Topic;
      const answer = assistant.answerNow(example.text, probe.id);
      if (answer.topic !== probe.id || answer.followUp !== kind)
        miss(example, example.text, describe(answer));
      continue;
    }
    // With a slot, filled with each probe's name in turn: right for most names, the phrase holds
    // (one name's quirk is the name's, not the phrase's); the first wrong one is what is shown.
    const wrong = tried
      .map((probe) => {
        const phrase = fillSlot(example.text, probe.names[0] as string);
        const answer = assistant.answerNow(phrase);
        return answer.topic === probe.id && answer.followUp === kind ? undefined : { phrase, answer };
      })
      .filter((w) => w !== undefined);
    const first = wrong[0];
    if (first !== undefined && wrong.length * 2 > tried.length)
      miss(example, first.phrase, describe(first.answer));
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
