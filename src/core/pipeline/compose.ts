import { FALLBACK_ID, type FollowUpKind, type IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Topic } from '../../knowledge/types.js';
import type { Action, Answer, RelatedTopic } from '../answer.js';
import { citationsFor, type ReferenceFormatter } from '../citations/index.js';
import { type CitationStyle, STYLE_LABELS } from '../citations/styles.js';
import type { Trace } from './decide.js';
import { type Decision, type DeclineReason, followUpOfView, type View } from './decision.js';

const FOLLOW_UP_LABELS: Readonly<Record<FollowUpKind, string>> = {
  more: 'Tell me more',
  source: 'Sources',
  solutions: 'Related solutions',
  threats: 'Related threats',
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
  const note =
    decision.unsupportedStyle === undefined
      ? ''
      : `I don't write ${decision.unsupportedStyle} references (I write ${Object.keys(STYLE_LABELS).join(', ')}); here they are in ${context.style}.\n\n`;

  switch (view) {
    case 'summary':
    case 'detail': {
      const full = view === 'detail';
      const text = full ? (topic.detail ?? topic.summary) : topic.summary;
      return {
        ...base,
        text: note + text,
        citations: citationsFor(kb, topic.quotes, full ? topic.background : [], context.format, topic.source),
        related: relatedList(kb, topic.related),
        suggestions: suggestionsFor(topic, shown, context),
        actions: followUpActions(kb, topic, shown),
      };
    }
    case 'sources': {
      const citations = citationsFor(kb, topic.quotes, topic.background, context.format, topic.source);
      const lines = citations.map((c) => (c.quote ? `> “${c.quote}”\n— ${c.reference}` : `- ${c.reference}`));
      const text =
        citations.length > 0
          ? `Sources for **${topic.title}**:\n\n${lines.join('\n\n')}`
          : `**${topic.title}** has no quoted source.`;
      return {
        ...base,
        text: note + text,
        citations,
        related: relatedList(kb, topic.related),
        suggestions: suggestionsFor(topic, shown, context),
        actions: followUpActions(kb, topic, shown),
      };
    }
    case 'solutions':
    case 'threats':
      return composeLinked(topic, view, base, note, context);
  }
}

/** A threat's solutions, or the threats a solution answers: the pairing is ours, and says so. */
function composeLinked(
  topic: Topic,
  view: Extract<View, 'solutions' | 'threats'>,
  base: Omit<Answer, 'text' | 'citations' | 'related' | 'suggestions' | 'actions'>,
  note: string,
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
    return {
      ...base,
      text: note + target.summary + (overview?.detail ? `\n\n${overview.detail}` : ''),
      citations: citationsFor(kb, target.quotes, [], context.format, target.source),
      related: relatedList(kb, target.related),
      suggestions: suggestionsFor(topic, shown, context),
      actions: followUpActions(kb, topic, shown),
    };
  }
  // 1787's page lists its solutions without tying them to threats: the link is ours to own.
  const heading =
    view === 'solutions'
      ? `Of 1787's ten solutions, these bear on **${topic.title}** (our pairing: 1787's page does not tie its solutions to particular threats):`
      : `**${topic.title}** bears on these threats from ODNI's 2024 Annual Threat Assessment (our pairing: 1787's page does not tie its solutions to particular threats):`;
  const bullets = linked.map((t) => {
    const quote = t.quotes[0]?.text;
    if (quote === undefined) return `- **${t.title}**: ${t.summary}`;
    // A title that only repeats its quote ("Support the ILEA") is said once, as the quote.
    return restates(quote, t.title) ? `- “${quote}”` : `- **${t.title}**: “${quote}”`;
  });
  return {
    ...base,
    text: `${note}${heading}\n${bullets.join('\n')}`,
    citations: citationsFor(
      kb,
      linked.flatMap((t) => t.quotes.slice(0, 1)),
      [],
      context.format,
    ),
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
  // Help says everything at once: what it covers and how to ask.
  const text = topic.role === 'help' && topic.detail ? `${topic.summary}\n\n${topic.detail}` : topic.summary;
  return {
    kind: 'bot',
    intent,
    confidence,
    title: topic.title,
    text,
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
      ? 'I did not catch a question there. Ask me about a threat from transnational criminal organizations or one of 1787’s solutions, or say “help”.'
      : 'About what? Ask me about a topic first, then follow up with “tell me more”, “source?” or “what should we do about it?”.';
  return {
    kind: 'clarify',
    intent: FALLBACK_ID,
    confidence: null,
    title: decision.reason.code === 'empty' ? 'Ask me a question' : 'About what?',
    text,
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
  const related = relatedList(kb, nearest.length > 0 ? nearest : fallback.related);
  const didYouMean =
    nearest.length > 0 ? `Did you mean: ${related.map((r) => `**${r.title}**`).join(' · ')}?` : undefined;
  const covers = fallback.detail ? `Here is what I can answer:\n\n${fallback.detail}` : '';
  const reason = declineText(decision.reason, context);
  const text =
    reason === undefined
      ? [fallback.summary, fallback.detail, didYouMean].filter(Boolean).join('\n\n')
      : [reason, didYouMean ?? covers].filter(Boolean).join('\n\n');
  return {
    kind: 'decline',
    intent: FALLBACK_ID,
    confidence: decision.confidence,
    // Outside the sources is outside the sources, subject named or not; a limit or a length is "as asked".
    title: decision.reason.code === 'out-of-scope' ? fallback.title : 'I can’t answer that as asked',
    text,
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

/** The reason in words, or undefined for a plain "outside what I can answer". */
function declineText(reason: DeclineReason, context: ComposeContext): string | undefined {
  switch (reason.code) {
    case 'too-long':
      return `That question is ${reason.length} characters long; please ask in ${reason.max} characters or fewer.`;
    case 'limit':
      return context.kb.limits.find((l) => l.id === reason.limit)?.reason;
    case 'out-of-scope':
      return reason.subject === undefined
        ? undefined
        : `My two sources say nothing about “${reason.subject}”: they cover the threats from transnational criminal organizations in ODNI's 2024 Annual Threat Assessment and the ten solutions 1787 proposes.`;
  }
}
