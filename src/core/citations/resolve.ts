import type { IntentId } from '../../knowledge/ids.js';
import type { Quote, Source, Topic } from '../../knowledge/types.js';
import type { Answer } from '../answer.js';
import type { PolicyAssistant } from '../assistant.js';

/** What "cite <something>" is about: a topic's quotes, a source named outright, or nothing we hold. */
export type CiteTarget =
  | {
      readonly kind: 'topic';
      readonly topic: Topic;
      readonly quotes: readonly Quote[];
      readonly confidence: number;
    }
  | { readonly kind: 'source'; readonly source: Source }
  | { readonly kind: 'none'; readonly answer: Answer; readonly topic?: Topic };

/** Names people use for a source itself, rather than for a topic (normalized: see aliasKey). */
export const SOURCE_ALIASES: Readonly<Record<string, string>> = {
  ata: 'odni-ata-2024',
  odni: 'odni-ata-2024',
  dni: 'odni-ata-2024',
  report: 'odni-ata-2024',
  'threat assessment': 'odni-ata-2024',
  'annual threat assessment': 'odni-ata-2024',
  '1787': '1787-transnational-crime',
  '1787 page': '1787-transnational-crime',
  '1787s page': '1787-transnational-crime',
  'transnational crime page': '1787-transnational-crime',
};

/** The source topics answer about a source: citing them cites the source. */
const SOURCE_TOPICS: Partial<Record<IntentId, string>> = {
  'source.ata': 'odni-ata-2024',
  'source.1787': '1787-transnational-crime',
};

/** "The ATA!" -> "ata"; "1787's page" -> "1787s page". */
export function aliasKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/**
 * Resolves what to cite with the same matcher as every answer: a topic named in any words ("the
 * ransomware bit", "INL"), or a source by one of its names ("ata", "1787").
 */
export function resolveCiteTarget(assistant: PolicyAssistant, query: string): CiteTarget {
  const kb = assistant.knowledgeBase;
  const alias = SOURCE_ALIASES[aliasKey(query)];
  const named = alias === undefined ? undefined : kb.sources.get(alias);
  if (named) return { kind: 'source', source: named };

  const answer = assistant.ask(query);
  const topic = answer.topic === null ? undefined : kb.topics.get(answer.topic);
  if (!topic) return { kind: 'none', answer };
  const sourceId = SOURCE_TOPICS[topic.id];
  const source = sourceId === undefined ? undefined : kb.sources.get(sourceId);
  if (source) return { kind: 'source', source };
  if (topic.quotes.length === 0) return { kind: 'none', answer, topic };
  return { kind: 'topic', topic, quotes: topic.quotes, confidence: answer.confidence };
}
