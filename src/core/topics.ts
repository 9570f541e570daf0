import { CONTENT_GROUPS, type IntentId, type TopicGroup, type TopicRole } from '../knowledge/ids.js';
import type { KnowledgeBase, Topic } from '../knowledge/types.js';

/** A topic as lists show it. */
export interface TopicSummary {
  readonly intent: IntentId;
  readonly title: string;
  readonly group: TopicGroup;
  readonly role?: TopicRole;
  readonly summary: string;
}

/** A topic found for what someone is typing, best first. */
export interface TopicMatch {
  readonly intent: IntentId;
  readonly title: string;
  readonly group: TopicGroup;
  /** How well it matches, in [0, 1]: comparable within one call only. */
  readonly score: number;
}

/** The topics one can ask about and cite, in the order lists show them: by group, then order, then title. */
export function listTopics(kb: KnowledgeBase): Topic[] {
  const rank = (t: Topic): number => CONTENT_GROUPS.indexOf(t.group);
  return [...kb.topics.values()]
    .filter((t) => CONTENT_GROUPS.includes(t.group))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
        a.title.localeCompare(b.title),
    );
}

export function summaryOf(topic: Topic): TopicSummary {
  return {
    intent: topic.id,
    title: topic.title,
    group: topic.group,
    ...(topic.role === undefined ? {} : { role: topic.role }),
    summary: topic.summary,
  };
}
