/**
 * The answers that are not a topic's: the bot's own (help, greeting, thanks), a question back, a
 * decline with its reason, and a request refused by the rate limit. Their words live here, beside
 * the topic views of compose.ts, and nowhere in a surface.
 */
import { FALLBACK_ID, type IntentId } from '../../knowledge/ids.js';
import type { Answer, AnswerNote } from '../answer.js';
import { parseBlocks } from '../document/markup.js';
import { counts, numberWord } from '../document/wording.js';
import { aboutTheKnowledgeBase } from './about.js';
import type { Trace } from './decide.js';
import type { Decision, DeclineReason } from './decision.js';
import {
  type ComposeContext,
  documentOf,
  note,
  relatedList,
  summaryOf,
  topicActions,
  topicOf,
} from './document.js';

/** How many "Did you mean" topics a decline offers. */
const MAX_NEAREST = 5;

export function composeBot(
  intent: IntentId,
  confidence: number,
  trace: Trace,
  context: ComposeContext,
): Answer {
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

export function composeClarify(
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

export function composeDecline(
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
