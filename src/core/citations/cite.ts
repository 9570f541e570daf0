import type { KnowledgeBase, Quote, Source } from '../../knowledge/types.js';
import type { Classifier } from '../model/classifier.js';
import { type TopicMatch, type TopicSummary, summaryOf, type TopicFinder } from '../topics.js';
import { type FormattedReference, formatReference, relayOf } from './reference.js';
import type { StyleNames } from './style-names.js';
import type { CitationStyle } from './styles.js';

/** What `cite <text>` found, on every surface alike. */
export type CiteResult =
  | {
      readonly kind: 'topic';
      readonly query: string;
      readonly topic: TopicSummary;
      /** The topic's verbatim quotes (none for a topic that has only background facts). */
      readonly quotes: readonly Quote[];
      /** One reference per source cited, in `style`. */
      readonly references: readonly FormattedReference[];
      readonly style: CitationStyle;
      readonly unsupportedStyle?: string;
    }
  | {
      readonly kind: 'source';
      readonly query: string;
      readonly source: Pick<Source, 'id' | 'title' | 'publisher'>;
      /** How many of the quotes policybot holds come from this source. */
      readonly quoteCount: number;
      readonly references: readonly FormattedReference[];
      readonly style: CitationStyle;
      readonly unsupportedStyle?: string;
    }
  | {
      readonly kind: 'none';
      readonly query: string;
      /** The nearest topics, for "did you mean" (empty when nothing comes close). */
      readonly suggestions: readonly TopicMatch[];
      readonly style: CitationStyle;
    };

/** "The ATA!" -> "ata"; "1787's page" -> "1787s page". */
export function aliasKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** Suggestions below this share of the best are noise. */
const SUGGESTION_SCORE = 0.3;

export interface CiteDeps {
  readonly kb: KnowledgeBase;
  readonly classifier: Classifier;
  readonly finder: TopicFinder;
  readonly styles: StyleNames;
  readonly threshold: number;
  readonly defaultStyle: CitationStyle;
}

/**
 * The one cite resolver: what the CLI's `cite`, Slack's `/policy cite` and Discord's `/cite` all
 * call, so the same text cites the same thing everywhere. A topic's id (an autocomplete pick), a
 * source by any of its names, or a topic the classifier is sure of; anything else is not cited
 * but answered with the nearest topics, never a confident wrong citation.
 */
export async function resolveCite(
  deps: CiteDeps,
  query: string,
  requested?: CitationStyle,
): Promise<CiteResult> {
  const { kb } = deps;
  const typed = query.trim();
  const words = deps.classifier.normalizer.words(typed);
  // "fentanyl apa": a style named in the text, when none was chosen.
  const mention = requested === undefined ? deps.styles.find(words) : undefined;
  const style = requested ?? mention?.style ?? deps.defaultStyle;
  const unsupported = mention?.unsupported === undefined ? {} : { unsupportedStyle: mention.unsupported };
  const rest = mention === undefined ? typed : stripWords(words, mention.words).join(' ');
  const none = (): CiteResult => ({
    kind: 'none',
    query: typed,
    suggestions: suggestions(deps, rest),
    style,
  });
  if (rest === '') return none();

  const topicById = kb.topics.get(rest);
  const source = sourceNamed(kb, rest);
  const topic =
    topicById !== undefined && topicById.group !== 'bot' && topicById.group !== 'fallback'
      ? topicById
      : source === undefined
        ? confidentTopic(deps, rest)
        : undefined;
  const about = source ?? (topic?.source === undefined ? undefined : kb.sources.get(topic.source));
  if (about !== undefined) {
    const quoteCount = new Set(
      [...kb.topics.values()].flatMap((t) => t.quotes.filter((q) => q.source === about.id).map((q) => q.text)),
    ).size;
    return {
      kind: 'source',
      query: typed,
      source: { id: about.id, title: about.title, publisher: about.publisher },
      quoteCount,
      references: [await formatReference(about, relayOf(kb, about), style)],
      style,
      ...unsupported,
    };
  }
  if (topic === undefined) return none();
  const cited = [...new Set([...topic.quotes, ...topic.background].map((q) => q.source))];
  const references: FormattedReference[] = [];
  for (const id of cited) {
    const s = kb.sources.get(id);
    if (s) references.push(await formatReference(s, relayOf(kb, s), style));
  }
  return { kind: 'topic', query: typed, topic: summaryOf(topic), quotes: topic.quotes, references, style, ...unsupported };
}

function stripWords(words: readonly string[], remove: readonly string[]): string[] {
  for (let i = 0; i < words.length; i++) {
    if (remove.every((w, j) => words[i + j] === w)) return [...words.slice(0, i), ...words.slice(i + remove.length)];
  }
  return [...words];
}

/** A source by its id, short name, publisher or title, or by a name of the topic about it ("the ata"). */
function sourceNamed(kb: KnowledgeBase, text: string): Source | undefined {
  const key = aliasKey(text);
  if (key === '') return undefined;
  for (const source of kb.sources.values()) {
    const names = [source.id, source.shortName, source.publisher, source.title].filter(
      (n): n is string => n !== undefined,
    );
    if (names.some((n) => aliasKey(n) === key)) return source;
  }
  for (const topic of kb.topics.values()) {
    if (topic.source === undefined) continue;
    if ([topic.title, ...topic.names].some((n) => aliasKey(n) === key)) return kb.sources.get(topic.source);
  }
  return undefined;
}

/** The topic the classifier reads the text as, when it is sure (an exact phrase, or over the threshold). */
function confidentTopic(deps: CiteDeps, text: string) {
  const c = deps.classifier.classify(text);
  const id = c.exact ?? (c.confidence >= deps.threshold ? c.candidates[0]?.intent : undefined);
  const topic = id === undefined ? undefined : deps.kb.topics.get(id);
  return topic !== undefined && topic.group !== 'bot' && topic.group !== 'fallback' ? topic : undefined;
}

function suggestions(deps: CiteDeps, text: string): TopicMatch[] {
  if (text === '') return [];
  const found = deps.finder.find(text, 3);
  const best = found[0]?.score ?? 0;
  return found.filter((m) => m.score >= best * SUGGESTION_SCORE);
}
