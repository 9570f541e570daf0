import type { KnowledgeBase, Quote, Source } from '../../knowledge/types.js';
import type { Classifier } from '../model/classifier.js';
import type { TopicLookup } from '../model/topic-lookup.js';
import { type TopicMatch, type TopicSummary, summaryOf } from '../topics.js';
import { withoutRun } from '../text/lexicon.js';
import { sourceLabel } from './label.js';
import { type FormattedReference, formatReference, relayOf } from './reference.js';
import { namedSources, type SourceReferences, sourceReferences } from './sources.js';
import type { StyleNames } from './style-names.js';
import type { CitationStyle } from './styles.js';

/** A source cited as itself (and, when we hold its words second-hand, as quoted), labelled apart. */
export interface SourceCitation {
  readonly id: string;
  /** What to call it in a heading: its title, else its number or our description. */
  readonly label: string;
  readonly references: SourceReferences;
  /** How many of the quotes policybot holds come from it. */
  readonly quoteCount: number;
}

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
      /** Usually one; a publisher's name ("U.S. Department of State") may name several. */
      readonly sources: readonly SourceCitation[];
      readonly style: CitationStyle;
      readonly unsupportedStyle?: string;
    }
  | {
      readonly kind: 'none';
      readonly query: string;
      /** The nearest topics, for "did you mean" (empty when nothing comes close). */
      readonly suggestions: readonly TopicMatch[];
      readonly style: CitationStyle;
    }
  | {
      /** The serving layer's per-person rate limit: nothing was looked up. */
      readonly kind: 'rate-limited';
      readonly query: string;
      /** The friendly sentence, as a rate-limited answer has it ("try again in 12 seconds"). */
      readonly text: string;
      readonly style: CitationStyle;
    };

/** Suggestions below this share of the best are noise. */
const SUGGESTION_SCORE = 0.3;

export interface CiteDeps {
  readonly kb: KnowledgeBase;
  readonly classifier: Classifier;
  readonly lookup: TopicLookup;
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
  const rest = mention === undefined ? typed : withoutRun(words, mention.words).join(' ');
  const none = (): CiteResult => ({
    kind: 'none',
    query: typed,
    suggestions: suggestions(deps, rest),
    style,
  });
  if (rest === '') return none();

  const topicById = kb.topics.get(rest);
  const named = topicById === undefined ? namedSources(kb, rest) : [];
  const topic =
    topicById !== undefined && topicById.group !== 'bot' && topicById.group !== 'fallback'
      ? topicById
      : named.length === 0
        ? (deps.lookup.byName(rest) ?? confidentTopic(deps, rest))
        : undefined;
  // A topic about a source (the report, 1787's page) cites that source.
  const about = topic?.source === undefined ? undefined : kb.sources.get(topic.source);
  const sources = about === undefined ? named : [about];
  if (sources.length > 0) {
    return {
      kind: 'source',
      query: typed,
      sources: await Promise.all(sources.map((source) => sourceCitation(kb, source, style))),
      style,
      ...unsupported,
    };
  }
  if (topic === undefined) return none();
  // What backs the quotes; a topic with none is cited by the sources of its facts.
  const cited = [
    ...new Set((topic.quotes.length > 0 ? topic.quotes : topic.background).map((q) => q.source)),
  ];
  const references: FormattedReference[] = [];
  for (const id of cited) {
    const s = kb.sources.get(id);
    if (s) references.push(await formatReference(s, relayOf(kb, s), style));
  }
  return {
    kind: 'topic',
    query: typed,
    topic: summaryOf(topic),
    quotes: topic.quotes,
    references,
    style,
    ...unsupported,
  };
}

async function sourceCitation(
  kb: KnowledgeBase,
  source: Source,
  style: CitationStyle,
): Promise<SourceCitation> {
  const quoteCount = new Set(
    [...kb.topics.values()].flatMap((t) => t.quotes.filter((q) => q.source === source.id).map((q) => q.text)),
  ).size;
  return {
    id: source.id,
    label: sourceLabel(source),
    references: await sourceReferences(kb, source.id, style),
    quoteCount,
  };
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
  const found = deps.lookup.find(text, 3);
  const best = found[0]?.score ?? 0;
  return found.filter((m) => m.score >= best * SUGGESTION_SCORE);
}

/**
 * One part of a reference as a writer pastes it: the entry for the end of the document, or the
 * note or in-text form for the sentence, each under a label of its own.
 */
export interface ReferencePart {
  /** What the part is for ("Reference list", "In text"); none in a style whose reference is one piece. */
  readonly label?: string;
  readonly text: string;
  /** The same in HTML (titles in <i>), for the styles that italicize. */
  readonly html?: string;
}

/**
 * A styled reference in its parts, in the order to show them: the entry, then its note or in-text
 * form. Every surface (the CLI, Slack, Discord) shows a reference through this, so each prints one
 * entry per source form and the in-text form only under its own label, never as a second entry.
 */
export function referenceParts(reference: FormattedReference): ReferencePart[] {
  const { html } = reference;
  const part = (label: string, text: string | undefined, htmlText: string | undefined): ReferencePart[] =>
    text === undefined ? [] : [{ label, text, ...(htmlText === undefined ? {} : { html: htmlText }) }];
  switch (reference.style) {
    case 'chicago':
      return [
        ...part('Bibliography', reference.entry, html?.entry),
        ...part('Note (short form)', reference.note, html?.note),
      ];
    case 'apa':
      return [
        ...part('Reference list', reference.entry, html?.entry),
        ...part('In text', reference.inText, html?.inText),
      ];
    case 'mla':
      return [
        ...part('Works Cited', reference.entry, html?.entry),
        ...part(
          reference.nameInText ? `In text (name ${reference.nameInText} in the sentence)` : 'In text',
          reference.inText,
          html?.inText,
        ),
      ];
    default:
      return [{ text: reference.entry }];
  }
}

/** One reference of a cite result as every surface shows it: what it is for, the reference, the quote it backs. */
export interface CiteEntry {
  /** When to use it ("The report itself — …", "As quoted in 1787 …"), where a source has two forms. */
  readonly label?: string;
  readonly reference: FormattedReference;
  /** The reference in its parts: one entry, then the in-text forms or notes that go with it. */
  readonly parts: readonly ReferencePart[];
  readonly quote?: string;
}

/** A cite result as a heading and its entries, in the order to show them: one model for every surface. */
export function citeEntries(result: Exclude<CiteResult, { kind: 'none' | 'rate-limited' }>): {
  readonly title: string;
  readonly entries: readonly CiteEntry[];
} {
  if (result.kind === 'topic') {
    return {
      title: result.topic.title,
      entries: mergeSameEntries(
        result.references.map((reference) => {
          const quote = result.quotes.find((q) => q.source === reference.sourceId)?.text;
          return { reference, parts: referenceParts(reference), ...(quote === undefined ? {} : { quote }) };
        }),
      ),
    };
  }
  const title =
    result.sources.length === 1
      ? `Source: ${result.sources[0]?.label ?? ''}`
      : `${result.sources.length} sources named “${result.query}”`;
  const entries = result.sources.flatMap(({ references: r }): CiteEntry[] =>
    r.quotedIn === undefined || r.use.quotedIn === undefined
      ? [{ reference: r.own, parts: referenceParts(r.own) }]
      : [
          { label: r.use.own, reference: r.own, parts: referenceParts(r.own) },
          { label: r.use.quotedIn, reference: r.quotedIn, parts: referenceParts(r.quotedIn) },
        ],
  );
  return { title, entries };
}

/**
 * Two sources of one topic can share a reference-list entry: in APA and MLA a second-hand quote is
 * listed under the page that relays it, which may be cited for words of its own too. The entry is
 * then listed once, with each in-text form under it.
 */
function mergeSameEntries(entries: readonly CiteEntry[]): CiteEntry[] {
  const merged: CiteEntry[] = [];
  for (const entry of entries) {
    const same = merged.findIndex(
      (m) => m.reference.style === entry.reference.style && m.reference.entry === entry.reference.entry,
    );
    const into = same === -1 ? undefined : merged[same];
    if (into === undefined) {
      merged.push(entry);
      continue;
    }
    const extra = entry.parts.slice(1).filter((p) => !into.parts.some((q) => q.text === p.text));
    merged[same] = {
      ...into,
      parts: [...into.parts, ...extra],
      ...(into.quote === undefined && entry.quote !== undefined ? { quote: entry.quote } : {}),
    };
  }
  return merged;
}
