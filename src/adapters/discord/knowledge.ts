import type { Answer, AskContext, FollowUpKind, PolicyAssistant } from '../../core/index.js';
import type { IntentId, KnowledgeBase, Topic } from '../../knowledge/index.js';

/** What a follow-up button asks, in the words the core's follow-up detection knows. */
export const FOLLOW_UP_QUESTIONS: Readonly<Record<FollowUpKind, string>> = {
  more: 'tell me more',
  source: 'source?',
  solutions: 'what should we do about it?',
  threats: 'why does that matter?',
};

const GROUP_ORDER = ['threat', 'solution', 'source', 'related'] as const;

/** The topics one can ask about and cite, threats first, in knowledge-base order within a group. */
export function contentTopics(kb: KnowledgeBase): Topic[] {
  const all = [...kb.topics.values()];
  return GROUP_ORDER.flatMap((group) => all.filter((t) => t.group === group));
}

export function isContentTopic(kb: KnowledgeBase, id: string): id is IntentId {
  const group = kb.topics.get(id as IntentId)?.group;
  return group !== undefined && (GROUP_ORDER as readonly string[]).includes(group);
}

/** A follow-up on a given topic: the topic travels with the question, so any older message continues its own. */
export function followUpAnswer(
  assistant: PolicyAssistant,
  kind: FollowUpKind,
  topic: IntentId,
  context: AskContext,
): Answer {
  return assistant.ask(FOLLOW_UP_QUESTIONS[kind], { ...context, topic });
}

const probes = new WeakMap<PolicyAssistant, Map<IntentId, string | null>>();

/**
 * A question the core answers with exactly this topic: its title, else one of its own training
 * phrases. Found once per topic by asking the core (no conversation touched), then remembered.
 */
function questionFor(assistant: PolicyAssistant, topic: Topic): string | null {
  let known = probes.get(assistant);
  if (!known) {
    known = new Map();
    probes.set(assistant, known);
  }
  const cached = known.get(topic.id);
  if (cached !== undefined) return cached;
  const phrases = [
    topic.title,
    ...assistant.knowledgeBase.examples.filter((e) => e.intent === topic.id).map((e) => e.text),
  ];
  const found =
    phrases.find((q) => {
      const { answer } = assistant.explain(q);
      return answer.intent === topic.id && answer.followUp === null;
    }) ?? null;
  known.set(topic.id, found);
  return found;
}

/**
 * A topic's own answer (a "Did you mean" button, a pick from /topics). The core's port takes
 * questions, so the adapter asks one that names the topic; should none do, the topic's longer
 * answer ("tell me more") still answers what was picked.
 */
export function topicAnswer(assistant: PolicyAssistant, id: IntentId, context: AskContext): Answer {
  const topic = assistant.knowledgeBase.topics.get(id);
  const question = topic ? questionFor(assistant, topic) : null;
  if (question !== null) {
    const answer = assistant.ask(question, context);
    if (answer.intent === id && answer.followUp === null) return answer;
  }
  return followUpAnswer(assistant, 'more', id, context);
}

/** Below this many characters the matcher has too little to go on: titles are searched instead. */
const MIN_MATCH_LENGTH = 3;

/**
 * Topics for what is being typed, best first: the core's matcher ranks them (so "fentanyl" finds
 * "Illicit drugs and trafficking"), then titles containing the text follow; short or empty input
 * is matched against titles alone, and nothing typed lists every topic.
 */
export function rankTopics(assistant: PolicyAssistant, typed: string): Topic[] {
  const kb = assistant.knowledgeBase;
  const topics = contentTopics(kb);
  const text = typed.trim().toLowerCase();
  if (text === '') return topics;
  const bySubstring = topics.filter((t) => t.title.toLowerCase().includes(text) || t.id.includes(text));
  if (text.length < MIN_MATCH_LENGTH) return bySubstring;
  const ranked = assistant
    .explain(typed)
    .explanation.candidates.filter((c) => c.score > 0 && isContentTopic(kb, c.intent))
    .flatMap((c) => {
      const topic = kb.topics.get(c.intent);
      return topic ? [topic] : [];
    });
  return [...new Set([...ranked, ...bySubstring])];
}
