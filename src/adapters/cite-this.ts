import {
  type AskContext,
  type CiteResult,
  DEFAULT_MAX_QUESTION_LENGTH,
  type PolicyAssistant,
  type TopicMatch,
  type TopicSummary,
} from '../core/index.js';
import type { CitationStyle } from '../core/citations/styles.js';
import { CONTENT_GROUPS, type TopicGroup } from '../knowledge/ids.js';

/**
 * "Cite this" on a message someone already wrote (a Slack message shortcut, a Discord message
 * context-menu command), the same on every platform: the message's words go through the core's
 * one cite resolver, which cites only a topic or source it is sure of. Each adapter renders the
 * outcome in its own idiom; none of them reads the words to decide anything.
 */
export type CiteThis =
  /** The message has no words to read (only an image, a file, an embed). */
  | { readonly kind: 'empty' }
  /** Longer than the core reads as one question. */
  | { readonly kind: 'too-long'; readonly length: number; readonly max: number }
  /** A topic or source the resolver is sure of; `key` cites it again, exactly (Share, a pick). */
  /** The serving layer's per-person rate limit: nothing was looked up. */
  | { readonly kind: 'rate-limited'; readonly text: string }
  | {
      readonly kind: 'cited';
      readonly result: Exclude<CiteResult, { kind: 'none' | 'rate-limited' }>;
      readonly key: string;
      /** The topic cited, when a topic was (its "Sources" follow-up). */
      readonly topic?: string;
    }
  /** Nothing in the sources backs it: the nearest topics instead, never a citation. */
  | { readonly kind: 'unsupported'; readonly nearest: readonly TopicMatch[] };

/**
 * `context` says who asks (the serving layer rate-limits per person) and in what style they cite
 * by default (`context.style`).
 */
export async function citeThis(
  assistant: PolicyAssistant,
  text: string,
  context: AskContext,
  max = DEFAULT_MAX_QUESTION_LENGTH,
): Promise<CiteThis> {
  const words = text.trim();
  if (words === '') return { kind: 'empty' };
  if (words.length > max) return { kind: 'too-long', length: words.length, max };
  return outcome(await assistant.cite(words, undefined, context));
}

/** Cites a key a reply carried (a topic id or source id) again: in `style` when given, else the person's. */
export async function citeKey(
  assistant: PolicyAssistant,
  key: string,
  style: CitationStyle | undefined,
  context: AskContext,
): Promise<CiteThis> {
  return outcome(await assistant.cite(key, style, context));
}

function outcome(result: CiteResult): CiteThis {
  if (result.kind === 'rate-limited') return { kind: 'rate-limited', text: result.text };
  if (result.kind === 'none') return { kind: 'unsupported', nearest: result.suggestions };
  if (result.kind === 'topic')
    return { kind: 'cited', result, key: result.topic.intent, topic: result.topic.intent };
  // A publisher naming several sources is cited again by the words that named it.
  const only = result.sources.length === 1 ? result.sources[0]?.id : undefined;
  return { kind: 'cited', result, key: only ?? result.query };
}

/** Every topic one can cite, by group (threats, solutions, sources, related), for a "Not this one?" pick. */
export function topicsByGroup(assistant: PolicyAssistant): { group: TopicGroup; topics: TopicSummary[] }[] {
  const all = assistant.topics();
  return CONTENT_GROUPS.map((group) => ({ group, topics: all.filter((t) => t.group === group) })).filter(
    (g) => g.topics.length > 0,
  );
}

/** What each group is called in a list. */
export const GROUP_LABELS: Readonly<Record<TopicGroup, string>> = {
  threat: 'Threats (ODNI 2024 Annual Threat Assessment)',
  solution: "Solutions (1787's ten)",
  source: 'Sources',
  related: 'Related',
  bot: 'About policybot',
  fallback: 'Other',
};
