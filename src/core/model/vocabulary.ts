import type { KnowledgeBase } from '../../knowledge/types.js';
import type { NormalizedText } from '../text/normalize.js';
import { NO_TOPIC, TOPIC_SLOT, type TrainingText } from './examples.js';

/** Every text of the knowledge base: the words typos are corrected towards. */
export function vocabularyTexts(kb: KnowledgeBase): string[] {
  const topics = [...kb.topics.values()];
  return [
    ...kb.examples.map((e) => e.text.replaceAll(TOPIC_SLOT, ' ')),
    ...topics.flatMap((t) => [
      t.title,
      ...t.names,
      t.summary,
      t.detail ?? '',
      ...t.background.map((b) => b.text),
    ]),
  ];
}

/**
 * The words that say "a follow-up" rather than "a topic": used at least twice in follow-up phrases,
 * and more than twice as often there as in topics' phrases ("cite", "elaborate"; not "threat").
 */
export function characteristicFollowUpTerms(
  texts: readonly TrainingText[],
  normalized: readonly NormalizedText[],
): Set<string> {
  const inFollowUps = new Map<string, number>();
  const inTopics = new Map<string, number>();
  let followUps = 0;
  let topics = 0;
  texts.forEach((t, i) => {
    if (!t.written) return;
    const counts = t.topic === NO_TOPIC ? inFollowUps : inTopics;
    if (t.topic === NO_TOPIC) followUps++;
    else topics++;
    for (const term of new Set((normalized[i] as NormalizedText).terms))
      counts.set(term, (counts.get(term) ?? 0) + 1);
  });
  const out = new Set<string>();
  for (const [term, n] of inFollowUps) {
    if (n >= 2 && n / Math.max(1, followUps) > (2 * (inTopics.get(term) ?? 0)) / Math.max(1, topics))
      out.add(term);
  }
  return out;
}
