import { FALLBACK_ID, type FollowUpKind, type IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Quote, Topic } from '../../knowledge/types.js';
import type {
  Action,
  Answer,
  AnswerNote,
  Block,
  CitationForm,
  Inline,
  NoteCode,
  RelatedTopic,
} from '../answer.js';
import { citedFor } from '../citations/cited.js';
import { citationsFor, type ReferenceFormatter } from '../citations/index.js';
import { CITATION_STYLES, type CitationStyle } from '../citations/styles.js';
import { inlineMarkdown, inlinePlain, parseBlocks, parseInline, toMarkdown } from '../document/markup.js';
import { counts, numberWord } from '../document/wording.js';
import { aboutTheKnowledgeBase } from './about.js';
import type { Trace } from './decide.js';
import { type Decision, type DeclineReason, followUpOfView, type View } from './decision.js';

const FOLLOW_UP_LABELS: Readonly<Record<FollowUpKind, string>> = {
  more: 'Tell me more',
  source: 'Sources',
  solutions: 'Related solutions',
  threats: 'Related threats',
  short: 'In one line',
};

/** How many "Did you mean" topics a decline offers. */
const MAX_NEAREST = 5;

export interface ComposeContext {
  readonly kb: KnowledgeBase;
  /** References in the answer's style. */
  readonly format: ReferenceFormatter;
  readonly style: CitationStyle;
  /** The follow-up each suggested question asks for (null: none), read once by the classifier. */
  readonly suggestionKinds: { get(question: string): FollowUpKind | null };
  /** The forms of the references asked for; all of them unless given. */
  readonly form?: CitationForm;
}

/** What every answer carries beside its kind and topic: the document and its derived views. */
type Document = Pick<
  Answer,
  'blocks' | 'summary' | 'quotes' | 'facts' | 'references' | 'form' | 'notes' | 'didYouMean' | 'text'
>;

function note(code: NoteCode, words: string): AnswerNote {
  return { code, content: parseInline(words) };
}

/** The plain text of the summary paragraph (else of the first paragraph). */
function summaryOf(blocks: readonly Block[]): string {
  const first =
    blocks.find((b) => b.kind === 'paragraph' && b.role === 'summary') ??
    blocks.find((b) => b.kind === 'paragraph');
  return first?.kind === 'paragraph' ? inlinePlain(first.content) : '';
}

/**
 * The document: its blocks, quotes, facts and references, and `text` derived from notes and blocks
 * (or given, for the one view whose derived text also lists references in place).
 */
function documentOf(
  context: ComposeContext,
  parts: {
    readonly notes?: readonly AnswerNote[];
    readonly blocks: readonly Block[];
    readonly quotes?: readonly Quote[];
    readonly background?: readonly Quote[];
    readonly about?: string;
    readonly didYouMean?: readonly RelatedTopic[];
    readonly text?: string;
  },
): Document {
  const form = context.form ?? 'full';
  const missing = formNote(form, context.style);
  const notes = [
    ...(parts.notes ?? []),
    ...(missing === undefined || (parts.quotes ?? []).length === 0 ? [] : [missing]),
  ];
  const cited = citedFor(
    context.kb,
    {
      quotes: parts.quotes ?? [],
      blocks: parts.blocks,
      ...(parts.background === undefined ? {} : { background: parts.background }),
      ...(parts.about === undefined ? {} : { about: parts.about }),
    },
    context.format,
    context.style,
  );
  const didYouMean = parts.didYouMean ?? [];
  const lead = notes.map((n) => inlineMarkdown(n.content));
  const body = parts.text ?? toMarkdown(parts.blocks);
  const offer =
    didYouMean.length > 0 ? [`Did you mean: ${didYouMean.map((r) => `**${r.title}**`).join(' · ')}?`] : [];
  return {
    blocks: parts.blocks,
    summary: summaryOf(parts.blocks),
    ...cited,
    form,
    notes,
    didYouMean,
    text: [...lead, body, ...offer].filter((t) => t !== '').join('\n\n'),
  };
}

/** A form asked for that the style does not have, said with what is given instead. */
function formNote(form: CitationForm, style: CitationStyle): AnswerNote | undefined {
  if (form === 'in-text' && style === 'chicago')
    return note(
      'form-not-in-style',
      "Chicago's notes-and-bibliography style cites in footnotes, not in the text: here is the note.",
    );
  if (form === 'note' && (style === 'apa' || style === 'mla'))
    return note(
      'form-not-in-style',
      `${style.toUpperCase()} cites in the text, not in notes: here is the in-text citation.`,
    );
  return undefined;
}

/** Where a quote's words come from, when they are one of the quotes given. */
function sourceOfQuote(quotes: readonly Quote[]): (text: string) => string | null {
  return (text) =>
    quotes.find((q) => q.text.replace(/\s+/g, ' ') === text.replace(/\s+/g, ' '))?.source ?? null;
}

/** Builds an Answer from a Decision: the only place where the core puts things into words. */
export function compose(decision: Decision, trace: Trace, context: ComposeContext): Answer {
  switch (decision.kind) {
    case 'answer':
      return composeTopic(decision, trace, context);
    case 'bot':
      return composeBot(decision.intent, decision.confidence, trace, context);
    case 'clarify':
      return composeClarify(decision, trace, context);
    case 'decline':
      return composeDecline(decision, trace, context);
  }
}

function topicOf(kb: KnowledgeBase, id: IntentId): Topic {
  const topic = kb.topics.get(id);
  if (!topic) throw new Error(`no topic ${id}`);
  return topic;
}

function relatedList(kb: KnowledgeBase, ids: readonly IntentId[]): RelatedTopic[] {
  return ids.flatMap((id) => {
    const t = kb.topics.get(id);
    return t ? [{ intent: id, title: t.title }] : [];
  });
}

function topicActions(kb: KnowledgeBase, ids: readonly IntentId[]): Action[] {
  return relatedList(kb, ids).map((r) => ({ kind: 'topic', topic: r.intent, label: r.title }));
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
  const sourceOf = sourceOfQuote([...topic.quotes, ...topic.background]);

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
      const blocks = parseBlocks(text, sourceOf);
      const document = documentOf(context, {
        notes,
        blocks,
        quotes: topic.quotes,
        background: full ? topic.background : [],
        ...(topic.source === undefined ? {} : { about: topic.source }),
      });
      return {
        ...base,
        ...document,
        citations: citationsFor(kb, topic.quotes, full ? topic.background : [], context.format, topic.source),
        related: relatedList(kb, topic.related),
        suggestions: suggestionsFor(topic, shown, context),
        actions: followUpActions(kb, topic, shown),
      };
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
      return {
        ...base,
        ...document,
        citations,
        related: relatedList(kb, topic.related),
        suggestions: suggestionsFor(topic, shown, context),
        actions: followUpActions(kb, topic, shown),
      };
    }
    case 'solutions':
    case 'threats':
      return composeLinked(topic, view, base, notes, context);
  }
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
  base: Pick<
    Answer,
    'kind' | 'intent' | 'confidence' | 'title' | 'style' | 'followUp' | 'topic' | 'group' | 'trace'
  >,
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
    return {
      ...base,
      ...documentOf(context, {
        notes,
        blocks,
        quotes: target.quotes,
        ...(target.source === undefined ? {} : { about: target.source }),
      }),
      citations: citationsFor(kb, target.quotes, [], context.format, target.source),
      related: relatedList(kb, target.related),
      suggestions: suggestionsFor(topic, shown, context),
      actions: followUpActions(kb, topic, shown),
    };
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
  return {
    ...base,
    ...document,
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
  };
}

/** Whether a quote begins by saying what a title says (or the reverse), word for word. */
function restates(quote: string, title: string): boolean {
  const words = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const q = words(quote);
  const t = words(title);
  return q.startsWith(t) || t.startsWith(q);
}

function composeBot(intent: IntentId, confidence: number, trace: Trace, context: ComposeContext): Answer {
  const { kb } = context;
  const topic = topicOf(kb, intent);
  // Help says everything at once: what it covers, how to ask, and what it is and rests on.
  const markdown =
    topic.role === 'help' && topic.detail
      ? `${topic.summary}\n\n${topic.detail}\n\n${aboutTheKnowledgeBase(kb)}`
      : topic.summary;
  return {
    kind: 'bot',
    intent,
    confidence,
    title: topic.title,
    ...documentOf(context, { blocks: parseBlocks(markdown, () => null), text: markdown }),
    citations: [],
    style: context.style,
    related: relatedList(kb, topic.related),
    suggestions: topic.followUps,
    actions: topicActions(kb, topic.related),
    followUp: null,
    topic: null,
    group: topic.group,
    trace,
  };
}

function composeClarify(
  decision: Extract<Decision, { kind: 'clarify' }>,
  trace: Trace,
  context: ComposeContext,
): Answer {
  const { kb } = context;
  const fallback = topicOf(kb, FALLBACK_ID);
  const text =
    decision.reason.code === 'empty'
      ? `I did not catch a question there. Ask me about a threat from transnational criminal organizations or one of 1787’s solutions, or say “help”.`
      : 'About what? Ask me about a topic first, then follow up with “tell me more”, “source?” or “what should we do about it?”.';
  return {
    kind: 'clarify',
    intent: FALLBACK_ID,
    confidence: null,
    title: decision.reason.code === 'empty' ? 'Ask me a question' : 'About what?',
    ...documentOf(context, { blocks: parseBlocks(text, () => null) }),
    citations: [],
    style: context.style,
    related: relatedList(kb, fallback.related),
    suggestions: fallback.followUps,
    actions: topicActions(kb, fallback.related),
    followUp: null,
    topic: null,
    group: 'fallback',
    trace,
  };
}

function composeDecline(
  decision: Extract<Decision, { kind: 'decline' }>,
  trace: Trace,
  context: ComposeContext,
): Answer {
  const { kb } = context;
  const fallback = topicOf(kb, FALLBACK_ID);
  const nearest = decision.nearest.slice(0, MAX_NEAREST);
  const didYouMean = relatedList(kb, nearest);
  const related = nearest.length > 0 ? didYouMean : relatedList(kb, fallback.related);
  const reason = declineNote(decision.reason, context);
  // Without a reason of its own, the decline is the fallback's words; with one, the reason and
  // what can be answered (unless there are nearer topics to offer).
  const markdown =
    reason === undefined
      ? [fallback.summary, fallback.detail].filter(Boolean).join('\n\n')
      : nearest.length > 0
        ? ''
        : fallback.detail
          ? `Here is what I can answer:\n\n${fallback.detail}`
          : '';
  const notes = reason === undefined ? [] : [reason];
  return {
    kind: 'decline',
    intent: FALLBACK_ID,
    confidence: decision.confidence,
    // Outside the sources is outside the sources, subject named or not; a limit or a length is "as asked".
    title: decision.reason.code === 'out-of-scope' ? fallback.title : 'I can’t answer that as asked',
    ...documentOf(context, {
      notes,
      blocks: parseBlocks(markdown, () => null, reason === undefined ? 'summary' : 'text'),
      didYouMean,
      text: markdown,
    }),
    citations: [],
    style: context.style,
    related,
    suggestions: fallback.followUps,
    actions: topicActions(
      kb,
      related.map((r) => r.intent),
    ),
    followUp: null,
    topic: null,
    group: 'fallback',
    trace,
  };
}

/** The reason as a note with its code, or undefined for a plain "outside what I can answer". */
function declineNote(reason: DeclineReason, context: ComposeContext): AnswerNote | undefined {
  switch (reason.code) {
    case 'too-long':
      return note(
        'too-long',
        `That question is ${reason.length} characters long; please ask in ${reason.max} characters or fewer.`,
      );
    case 'limit': {
      const words = context.kb.limits.find((l) => l.id === reason.limit)?.reason;
      return words === undefined ? undefined : note('limit', words);
    }
    case 'out-of-scope': {
      if (reason.subject === undefined) return undefined;
      const n = counts(context.kb);
      // The subject is the asker's words: quoted, never read as markup.
      return {
        code: 'out-of-scope',
        content: [
          { kind: 'text', text: `My ${numberWord(n.sources)} sources say nothing about ` },
          { kind: 'quoted', text: reason.subject },
          {
            kind: 'text',
            text: `: they cover the threats from transnational criminal organizations in ODNI's 2024 Annual Threat Assessment and the ${numberWord(n.solutions)} solutions 1787 proposes.`,
          },
        ],
      };
    }
  }
}

/** A request refused by the serving layer's rate limit: an Answer like any other. */
export function composeRateLimited(wait: string, trace: Trace): Answer {
  const words = `You're asking faster than I can answer. Please try again in ${wait}.`;
  const blocks = parseBlocks(words, () => null);
  return {
    kind: 'rate-limited',
    intent: FALLBACK_ID,
    confidence: null,
    title: 'One moment, please',
    blocks,
    summary: summaryOf(blocks),
    quotes: [],
    facts: [],
    references: [],
    form: 'full',
    notes: [],
    didYouMean: [],
    text: words,
    citations: [],
    style: 'plain',
    related: [],
    suggestions: [],
    actions: [],
    followUp: null,
    topic: null,
    group: 'fallback',
    trace,
  };
}
