import type { FollowUpKind } from '../../knowledge/ids.js';
import type { KnowledgeBase, Quote, Topic } from '../../knowledge/types.js';
import type { Action, Answer, AnswerNote, Block, Inline } from '../answer.js';
import { citationsFor } from '../citations/index.js';
import { CITATION_STYLES } from '../citations/styles.js';
import { inlineMarkdown, parseBlocks } from '../document/markup.js';
import { phraseKey } from '../text/lexicon.js';
import { counts, numberWord } from '../document/wording.js';
import { composeBibliography } from './bibliography.js';
import type { Trace } from './decide.js';
import { type Decision, followUpOfView, type View } from './decision.js';
import {
  type ComposeContext,
  type Document,
  documentOf,
  note,
  relatedList,
  topicActions,
  topicOf,
} from './document.js';
import { composeBot, composeClarify, composeDecline } from './replies.js';

const FOLLOW_UP_LABELS: Readonly<Record<FollowUpKind, string>> = {
  more: 'Tell me more',
  source: 'Sources',
  solutions: 'Related solutions',
  threats: 'Related threats',
  short: 'In one line',
};

/** Where a quote's words come from, when they are one of the quotes given. */
function sourceOfQuote(quotes: readonly Quote[]): (text: string) => string | null {
  return (text) =>
    quotes.find((q) => q.text.replace(/\s+/g, ' ') === text.replace(/\s+/g, ' '))?.source ?? null;
}

type AnswerBase = Pick<
  Answer,
  'kind' | 'intent' | 'confidence' | 'title' | 'style' | 'followUp' | 'topic' | 'group' | 'trace'
>;

/**
 * A topic's answer from its three parts, in this order. Object.assign rather than `{ ...base,
 * ...document, ... }`: on Node 20's V8 such a spread object, grown past its first part's fields,
 * outlives the young-generation collection after its question (measured: ~6 KB a question), so
 * answers were promoted to the old generation and paid for in full collections inside later
 * questions (npm run bench's p99).
 */
function answerOf(
  base: AnswerBase,
  document: Document,
  rest: Pick<Answer, 'citations' | 'related' | 'suggestions' | 'actions'>,
): Answer {
  return Object.assign({}, base, document, rest);
}

/** Builds an Answer from a Decision: the only place where the core puts things into words. */
export function compose(decision: Decision, trace: Trace, context: ComposeContext): Answer {
  switch (decision.kind) {
    case 'answer':
      return composeTopic(decision, trace, context);
    case 'bot':
      return composeBot(decision.intent, decision.confidence, trace, context);
    case 'bibliography':
      return composeBibliography(decision, trace, context);
    case 'clarify':
      return composeClarify(decision, trace, context);
    case 'decline':
      return composeDecline(decision, trace, context);
  }
}

/** The topics a view lists: a threat's solutions, a solution's threats (overviews apart). */
function linkedTopics(kb: KnowledgeBase, topic: Topic, group: 'solution' | 'threat'): Topic[] {
  return topic.related
    .map((id) => kb.topics.get(id))
    .filter((t): t is Topic => t !== undefined && t.group === group && t.role !== 'overview');
}

/** "Tell me more", "Sources" and a threat's solutions or a solution's threats, but not the view just shown. */
function followUpActions(kb: KnowledgeBase, topic: Topic, shown: FollowUpKind | null): Action[] {
  const kinds: FollowUpKind[] = ['more', 'source'];
  if (topic.group === 'threat' && linkedTopics(kb, topic, 'solution').length > 0) kinds.push('solutions');
  if (topic.group === 'solution' && linkedTopics(kb, topic, 'threat').length > 0) kinds.push('threats');
  return kinds
    .filter((k) => k !== shown)
    .map((k) => ({ kind: 'follow-up', followUp: k, topic: topic.id, label: FOLLOW_UP_LABELS[k] }));
}

function suggestionsFor(topic: Topic, shown: FollowUpKind | null, context: ComposeContext): string[] {
  // Not the follow-up just answered: "What should we do about it?" under its own answer helps no one.
  return topic.followUps.filter((q) => shown === null || context.suggestionKinds.get(q) !== shown);
}

function composeTopic(
  decision: Extract<Decision, { kind: 'answer' }>,
  trace: Trace,
  context: ComposeContext,
): Answer {
  const { kb } = context;
  const topic = topicOf(kb, decision.topic);
  const view = decision.view;
  const shown = followUpOfView(view);
  const base = {
    kind: 'answer' as const,
    intent: topic.id,
    confidence: decision.confidence,
    title: topic.title,
    style: context.style,
    followUp: shown,
    topic: topic.id,
    group: topic.group,
    trace,
  };
  const notes =
    decision.unsupportedStyle === undefined
      ? []
      : [
          note(
            'unsupported-style',
            `I don't write ${decision.unsupportedStyle} references (I write ${CITATION_STYLES.join(', ')}); here they are in ${context.style}.`,
          ),
        ];

  switch (view) {
    case 'summary':
    case 'short':
    case 'detail': {
      const full = view === 'detail';
      // "tl;dr": the answer's first sentence, with the quotes it rests on.
      const text = full
        ? (topic.detail ?? topic.summary)
        : view === 'short'
          ? firstSentence(topic.summary)
          : topic.summary;
      const blocks = parsedOnce(topic, view, () =>
        parseBlocks(text, sourceOfQuote([...topic.quotes, ...topic.background])),
      );
      const document = documentOf(context, {
        notes,
        blocks,
        quotes: topic.quotes,
        background: full ? topic.background : [],
        ...(topic.source === undefined ? {} : { about: topic.source }),
      });
      return answerOf(base, document, {
        citations: citationsFor(kb, topic.quotes, full ? topic.background : [], context.format, topic.source),
        related: relatedList(kb, topic.related),
        suggestions: suggestionsFor(topic, shown, context),
        actions: followUpActions(kb, topic, shown),
      });
    }
    case 'sources': {
      const citations = citationsFor(kb, topic.quotes, topic.background, context.format, topic.source);
      const heading: Inline[] =
        citations.length > 0
          ? [
              { kind: 'text', text: 'Sources for ' },
              { kind: 'topic', topic: topic.id, text: topic.title },
              { kind: 'text', text: ':' },
            ]
          : [
              { kind: 'topic', topic: topic.id, text: topic.title },
              { kind: 'text', text: ' has no quoted source.' },
            ];
      const blocks: Block[] = [
        { kind: 'paragraph', role: 'summary', content: heading },
        ...topic.quotes.map((q): Block => ({ kind: 'quote', text: q.text, sourceId: q.source })),
      ];
      // The derived text lists each quote with its reference under it, as a Sources answer reads.
      const lines = citations.map((c) => (c.quote ? `> “${c.quote}”\n— ${c.reference}` : `- ${c.reference}`));
      const document = documentOf(context, {
        notes,
        blocks,
        quotes: topic.quotes,
        background: topic.background,
        ...(topic.source === undefined ? {} : { about: topic.source }),
        text:
          citations.length > 0
            ? `${inlineMarkdown(heading)}\n\n${lines.join('\n\n')}`
            : inlineMarkdown(heading),
      });
      return answerOf(base, document, {
        citations,
        related: relatedList(kb, topic.related),
        suggestions: suggestionsFor(topic, shown, context),
        actions: followUpActions(kb, topic, shown),
      });
    }
    case 'solutions':
    case 'threats':
      return composeLinked(topic, view, base, notes, context);
  }
}

/**
 * A topic's view as blocks, parsed from its curator text on first use: the text is the topic's and
 * the view's alone, fixed while this knowledge base is loaded (a reload makes new topics), and
 * blocks are read-only, so answers share them rather than parse the same Markdown for every question.
 */
const parsedViews = new WeakMap<Topic, Map<View, readonly Block[]>>();

function parsedOnce(topic: Topic, view: View, parse: () => readonly Block[]): readonly Block[] {
  let views = parsedViews.get(topic);
  if (views === undefined) {
    views = new Map();
    parsedViews.set(topic, views);
  }
  let blocks = views.get(view);
  if (blocks === undefined) {
    // Frozen whole, once: answers share these, so a surface that wrote into one would write into
    // every later answer's; frozen, such a write throws where it is made instead.
    blocks = deepFreeze(parse());
    views.set(view, blocks);
  }
  return blocks;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** A text's first sentence (the whole text when it has one). */
function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(?:\s+(?=[A-Z“"(])|$)/su.exec(text.trim());
  return match?.[1] ?? text.trim();
}

/** A threat's solutions, or the threats a solution answers: the pairing is ours, and says so. */
function composeLinked(
  topic: Topic,
  view: Extract<View, 'solutions' | 'threats'>,
  base: AnswerBase,
  notes: readonly AnswerNote[],
  context: ComposeContext,
): Answer {
  const { kb } = context;
  const group = view === 'solutions' ? 'solution' : 'threat';
  const linked = linkedTopics(kb, topic, group);
  const shown = followUpOfView(view);
  if (linked.length === 0) {
    // The overall threat is answered by the list of all solutions, and the reverse.
    const overview = topic.related
      .map((id) => kb.topics.get(id))
      .find((t) => t !== undefined && t.group === group && t.role === 'overview');
    const target = overview ?? topic;
    const markdown = target.summary + (overview?.detail ? `\n\n${overview.detail}` : '');
    const blocks = parseBlocks(markdown, sourceOfQuote(target.quotes));
    const document = documentOf(context, {
      notes,
      blocks,
      quotes: target.quotes,
      ...(target.source === undefined ? {} : { about: target.source }),
    });
    return answerOf(base, document, {
      citations: citationsFor(kb, target.quotes, [], context.format, target.source),
      related: relatedList(kb, target.related),
      suggestions: suggestionsFor(topic, shown, context),
      actions: followUpActions(kb, topic, shown),
    });
  }
  // 1787's page lists its solutions without tying them to threats: the link is ours to own.
  const { solutions } = counts(kb);
  const pairing = "(our pairing: 1787's page does not tie its solutions to particular threats):";
  const heading: Inline[] =
    view === 'solutions'
      ? [
          { kind: 'text', text: `Of 1787's ${numberWord(solutions)} solutions, these bear on ` },
          { kind: 'topic', topic: topic.id, text: topic.title },
          { kind: 'text', text: ` ${pairing}` },
        ]
      : [
          { kind: 'topic', topic: topic.id, text: topic.title },
          {
            kind: 'text',
            text: ` bears on these threats from ODNI's 2024 Annual Threat Assessment ${pairing}`,
          },
        ];
  const items = linked.map((t): Inline[] => {
    const quote = t.quotes[0];
    if (quote === undefined)
      return [
        { kind: 'topic', topic: t.id, text: t.title },
        { kind: 'text', text: `: ${t.summary}` },
      ];
    const words: Inline = { kind: 'quoted', text: quote.text, sourceId: quote.source };
    // A title that only repeats its quote ("Support the ILEA") is said once, as the quote.
    return restates(quote.text, t.title)
      ? [words]
      : [{ kind: 'topic', topic: t.id, text: t.title }, { kind: 'text', text: ': ' }, words];
  });
  const blocks: Block[] = [
    { kind: 'paragraph', role: 'summary', content: heading },
    { kind: 'list', items },
  ];
  const quotes = linked.flatMap((t) => t.quotes.slice(0, 1));
  const document = documentOf(context, {
    notes,
    blocks,
    quotes,
    // Heading and list read as one: no blank line between them.
    text: `${inlineMarkdown(heading)}\n${items.map((i) => `- ${inlineMarkdown(i)}`).join('\n')}`,
  });
  return answerOf(base, document, {
    citations: citationsFor(kb, quotes, [], context.format),
    related: relatedList(
      kb,
      linked.map((t) => t.id),
    ),
    suggestions: suggestionsFor(topic, shown, context),
    actions: [
      ...followUpActions(kb, topic, shown),
      ...topicActions(
        kb,
        linked.map((t) => t.id),
      ),
    ],
  });
}

/** Whether a quote begins by saying what a title says (or the reverse), word for word. */
function restates(quote: string, title: string): boolean {
  const q = phraseKey(quote);
  const t = phraseKey(title);
  return q.startsWith(t) || t.startsWith(q);
}

export type { ComposeContext } from './document.js';
export { composeRateLimited } from './replies.js';
