import type { Answer, AskContext, FollowUpKind, PolicyAssistant } from '../../core/index.js';
import { type IntentId, INTENT_IDS, type KnowledgeBase, type Topic } from '../../knowledge/index.js';

/** What a follow-up button asks, in the words the core's follow-up detection knows. */
export const FOLLOW_UP_QUESTIONS: Readonly<Record<FollowUpKind, string>> = {
  more: 'tell me more',
  source: 'source?',
  solutions: 'what should we do about it?',
  threats: 'why does that matter?',
};

const GROUP_ORDER = ['threat', 'solution', 'source', 'related'] as const;

/** The topics one can ask about and cite, threats first. */
export function contentTopics(kb: KnowledgeBase): Topic[] {
  // The contract's order: the threats as the report lists them, the solutions as 1787 does.
  const all = [...kb.topics.values()].sort((a, b) => INTENT_IDS.indexOf(a.id) - INTENT_IDS.indexOf(b.id));
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

/** A topic's own answer (a "Did you mean" button, a pick from /topics): the core answers a named topic outright. */
export function topicAnswer(assistant: PolicyAssistant, id: IntentId, context: AskContext): Answer {
  return assistant.ask('', { ...context, topic: id });
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
