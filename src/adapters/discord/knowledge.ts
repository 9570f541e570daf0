import type { Assistant, TopicSummary } from '../../core/index.js';

/** The topics one can ask about and cite, in list order (threats, then solutions in 1787's order). */
export function contentTopics(assistant: Pick<Assistant, 'topics'>): TopicSummary[] {
  return assistant.topics();
}

export function isContentTopic(assistant: Pick<Assistant, 'topics'>, id: string): boolean {
  return assistant.topics().some((t) => t.intent === id);
}
