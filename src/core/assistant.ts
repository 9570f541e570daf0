import { FOLLOW_UP_KINDS, type FollowUpKind, type IntentId } from '../knowledge/ids.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Answer, AskContext, CitationForm } from './answer.js';
import { citeInConversation } from './conversation/citing.js';
import { bibliographyOf } from './conversation/bibliography.js';
import { RECORD_STYLES } from './citations/cited.js';
import { ListRequests } from './citations/list-request.js';
import { LABELS } from './document/wording.js';
import { type CiteResult, resolveCite } from './citations/cite.js';
import { ReferenceProvider } from './citations/provider.js';
import { StyleNames } from './citations/style-names.js';
import type { CitationStyle } from './citations/styles.js';
import { afterTurn, recalledTopic } from './conversation/memory.js';
import {
  type ConversationState,
  type ConversationStore,
  MemoryConversationStore,
} from './conversation/store.js';
import { Classifier } from './model/classifier.js';
import { Facts } from './model/facts.js';
import { TopicLookup } from './model/topic-lookup.js';
import { type ComposeContext, compose } from './pipeline/compose.js';
import type { CitedSoFar } from './pipeline/document.js';
import type { Trace } from './pipeline/decide.js';
import { type Decision, VIEW_OF } from './pipeline/decision.js';
import { Limits } from './pipeline/limits.js';
import { ClauseSplitter } from './pipeline/clauses.js';
import { resolveView } from './pipeline/targets.js';
import { once, questionReader } from './pipeline/read-question.js';
import type { Assistant } from './port.js';
import { listTopics, summaryOf, type TopicMatch, type TopicSummary } from './topics.js';
import { formatReference, relayOf } from './citations/reference.js';
import type { VerifyResult } from './verify/types.js';

export interface AssistantOptions {
  /** Below this calibrated confidence the answer is a polite decline. */
  readonly threshold?: number;
  /** Longer questions are declined unread: nobody types a memo into a chat box. */
  readonly maxQuestionLength?: number;
  /** A classifier trained earlier on this same knowledge base (the start-up cache); trained here if absent. */
  readonly classifier?: Classifier;
  /** Where conversations live; in this process's memory unless given. */
  readonly conversations?: ConversationStore;
  /** For the in-memory store: idle time and size. */
  readonly conversationTtlMs?: number;
  readonly maxConversations?: number;
  readonly now?: () => number;
  /** References in the configured style and any other asked for; plain text unless given. */
  readonly references?: ReferenceProvider;
}

/** The port, plus what the CLI's check and eval and the serving layer need to see. */
export interface PolicyAssistant extends Assistant {
  readonly threshold: number;
  readonly classifier: Classifier;
  /**
   * Decides and composes without touching conversation state: the pipeline itself, for check,
   * eval and the curators' report, with the topic the conversation would have been about.
   */
  answerNow(question: string, previous?: IntentId): Answer;
}

/** A map whose values are computed on first read. */
class LazyMap<K, V> {
  private readonly values = new Map<K, V>();
  constructor(private readonly compute: (key: K) => V) {}
  get(key: K): V {
    if (!this.values.has(key)) this.values.set(key, this.compute(key));
    return this.values.get(key) as V;
  }
}

export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_MAX_QUESTION_LENGTH = 500;

export function createAssistant(kb: KnowledgeBase, options: AssistantOptions = {}): PolicyAssistant {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const maxLength = options.maxQuestionLength ?? DEFAULT_MAX_QUESTION_LENGTH;
  const classifier = options.classifier ?? Classifier.train(kb);
  const limits = new Limits(kb.limits);
  const styles = new StyleNames(kb.language);
  const listRequests = new ListRequests(kb.language);
  const clauseSplitter = new ClauseSplitter(kb.language);
  const references = options.references ?? new ReferenceProvider(kb);
  // The one topic lookup (autocomplete, "Did you mean", cite, names in follow-ups), built on first
  // use: most questions name no topic by name (a one-shot `ask` starts faster).
  const lookup = once(() => TopicLookup.of(kb, classifier));
  /**
   * The cap of every text entry, in one place: over it a text is not read at all. A question is
   * declined by the pipeline's first step (which says how long it was); cite and autocomplete find
   * nothing. Nobody types a memo into a chat box, and reading one would cost every other asker.
   */
  const overCap = (text: string): boolean => text.length > maxLength;
  // Built on first use, and imported then: most runs never check a quote, and the checker (with
  // its diff library) is a sixth of the code a one-shot `ask` would otherwise compile at start.
  const checker = once(async () => {
    const { QuoteChecker } = await import('./verify/check.js');
    return new QuoteChecker(kb, async (id, style) => {
      const source = kb.sources.get(id);
      return source === undefined ? null : formatReference(source, relayOf(kb, source), style);
    });
  });
  const facts = once(() => Facts.of(kb, classifier.normalizer));
  const now = options.now ?? Date.now;
  const conversations =
    options.conversations ??
    new MemoryConversationStore({
      ...(options.conversationTtlMs === undefined ? {} : { ttlMs: options.conversationTtlMs }),
      ...(options.maxConversations === undefined ? {} : { maxConversations: options.maxConversations }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });

  // Which follow-up each suggested question asks for, read once it matters, so an answer does not
  // suggest itself.
  const suggestionKinds = new LazyMap<string, FollowUpKind | null>((q) => {
    const act = classifier.classify(q).acts[0];
    return act !== undefined && act.probability >= 0.5 ? act.kind : null;
  });
  const composeContext = (
    style: CitationStyle,
    format = references.defaultFormatter,
    form?: CitationForm,
    cited?: CitedSoFar,
  ): ComposeContext => ({
    kb,
    format,
    style,
    suggestionKinds,
    ...(form === undefined ? {} : { form }),
    ...(cited === undefined ? {} : { cited }),
  });

  const decideQuestion = questionReader({
    kb,
    classifier,
    limits,
    styles,
    listRequests,
    clauseSplitter,
    lookup,
    facts,
    threshold,
    maxLength,
  });

  /**
   * Composes in the style the decision asks for, else the conversation's, else the person's own
   * (rendering that style's references the first time); in a conversation, numbers its notes and
   * remembers what it cited and the style it chose.
   */
  const composeAsync = async (
    decision: Decision,
    trace: Trace,
    context: AskContext,
    state: ConversationState | undefined,
    form?: CitationForm,
  ): Promise<Answer> => {
    if (decision.kind === 'bibliography') return composeBibliography(decision, trace, context, state);
    const named = decision.kind === 'answer' ? decision.style : undefined;
    const style = named ?? state?.style ?? context.style;
    const composed =
      style === undefined || style === references.defaultStyle
        ? compose(decision, trace, composeContext(references.defaultStyle, undefined, form))
        : compose(decision, trace, composeContext(style, await references.formatter(style), form));
    if (context.conversationId === undefined) return composed;
    const { answer: noted, cited, notes } = citeInConversation(composed, state);
    // Once the conversation has cited something, an answer that cites offers its bibliography.
    const answer =
      noted.kind === 'answer' && noted.references.length > 0 && cited.length > 0
        ? {
            ...noted,
            actions: [...noted.actions, { kind: 'bibliography' as const, label: LABELS.bibliography }],
          }
        : noted;
    // The topic remembered, faded by turns that answer none (memory.ts); the style chosen and what was cited kept.
    const memory = afterTurn(
      state?.topic === undefined ? undefined : state,
      { topic: answer.topic, declined: answer.kind === 'decline', self: answer.intent === helpIntent },
      now(),
    );
    const chosen = named ?? state?.style;
    await conversations.set(context.conversationId, {
      ...memory,
      ...(chosen === undefined ? {} : { style: chosen }),
      cited,
      notes,
    });
    return answer;
  };

  /** The conversation's sources in a style, and in a text style for the .txt file. */
  const citedSoFar = async (
    state: ConversationState | undefined,
    style: CitationStyle,
    context: AskContext,
  ): Promise<CitedSoFar> => {
    const cited = state?.cited ?? [];
    const list = await bibliographyOf(kb, cited, style, await references.formatter(style));
    if (!RECORD_STYLES.has(style))
      return { list, text: list, conversation: context.conversationId !== undefined };
    // A record format's list as text: in the bot's style, or Chicago when that is a record format too.
    const textStyle = RECORD_STYLES.has(references.defaultStyle) ? 'chicago' : references.defaultStyle;
    const text = await bibliographyOf(kb, cited, textStyle, await references.formatter(textStyle));
    return { list, text, conversation: context.conversationId !== undefined };
  };

  /**
   * The conversation's bibliography as an answer, in the style asked for, else the conversation's,
   * else the person's, else the bot's. A style named sticks, as any answer's does; the topic the
   * conversation is about is left as it was ("references so far", then "tell me more").
   */
  const composeBibliography = async (
    decision: Decision & { kind: 'bibliography' },
    trace: Trace,
    context: AskContext,
    state: ConversationState | undefined,
  ): Promise<Answer> => {
    const style = decision.style ?? state?.style ?? context.style ?? references.defaultStyle;
    const cited = await citedSoFar(state, style, context);
    const answer = compose(
      decision,
      trace,
      composeContext(style, await references.formatter(style), 'bibliography', cited),
    );
    if (context.conversationId !== undefined && decision.style !== undefined)
      await conversations.set(context.conversationId, { ...state, style: decision.style });
    return answer;
  };

  const load = async (context: AskContext): Promise<ConversationState | undefined> =>
    context.conversationId === undefined ? undefined : conversations.get(context.conversationId);

  /** The bot's own help: after it, a follow-up naming nothing is about the bot. */
  const helpIntent = [...kb.topics.values()].find((t) => t.group === 'bot' && t.role === 'help')?.id;

  /** The topic the conversation is about, while remembered strongly enough (memory.ts). */
  const recall = (state: ConversationState | undefined): IntentId | undefined => {
    // A topic a reload removed is as good as forgotten.
    if (state?.topic === undefined || !kb.topics.has(state.topic)) return undefined;
    return recalledTopic(state, now(), threshold);
  };

  /** A decision the platform made (a button), traced as such. */
  const onTopic = async (topic: IntentId, view: Decision & { kind: 'answer' }, context: AskContext) => {
    const trace: Trace = {
      decidedBy: 'platform',
      reason: `${view.view} of ${topic}, asked for by a button or a menu`,
      steps: [],
      previousTopic: null,
      threshold,
      classification: null,
    };
    return composeAsync(view, trace, context, await load(context));
  };

  const knownTopic = (topic: IntentId): void => {
    const group = kb.topics.get(topic)?.group;
    if (group === undefined || group === 'bot' || group === 'fallback') throw new Error(`no topic ${topic}`);
  };

  return {
    knowledgeBase: kb,
    defaultStyle: references.defaultStyle,
    threshold,
    classifier,

    async ask(question, context = {}) {
      const state = await load(context);
      const { decision, trace, form } = decideQuestion(question, recall(state), state?.self === true);
      return composeAsync(decision, trace, context, state, form);
    },

    async chooseStyle(style, context) {
      if (context.conversationId === undefined) return;
      const state = await load(context);
      await conversations.set(context.conversationId, { ...state, style });
    },

    async showBibliography(context, style) {
      const state = await load(context);
      const trace: Trace = {
        decidedBy: 'platform',
        reason: "the conversation's bibliography, asked for by a button or a command",
        steps: [],
        previousTopic: null,
        threshold,
        classification: null,
      };
      return composeBibliography(
        { kind: 'bibliography', ...(style === undefined ? {} : { style }), confidence: 1 },
        trace,
        context,
        state,
      );
    },

    async bibliography(context, style) {
      const state = await load(context);
      const chosen = style ?? state?.style ?? context.style ?? references.defaultStyle;
      return bibliographyOf(kb, state?.cited ?? [], chosen, await references.formatter(chosen));
    },

    async followUp(kind, topic, context = {}) {
      knownTopic(topic);
      if (!FOLLOW_UP_KINDS.includes(kind)) throw new Error(`no follow-up ${String(kind)}`);
      // A button continues the topic it carries (buttons offer only what a topic has).
      const view = resolveView(kb, topic, VIEW_OF[kind]);
      return onTopic(topic, { kind: 'answer', topic, view, confidence: 1 }, context);
    },

    async showTopic(topic, context = {}) {
      knownTopic(topic);
      return onTopic(topic, { kind: 'answer', topic, view: 'summary', confidence: 1 }, context);
    },

    async remember(topic, context) {
      knownTopic(topic);
      if (context.conversationId !== undefined)
        await conversations.set(context.conversationId, {
          ...(await load(context)),
          topic,
          strength: 1,
          since: now(),
        });
    },

    cite(query, style, context): Promise<CiteResult> {
      if (overCap(query))
        return Promise.resolve({
          kind: 'none',
          query: query.slice(0, maxLength),
          suggestions: [],
          style: style ?? context?.style ?? references.defaultStyle,
        });
      return resolveCite(
        {
          kb,
          classifier,
          lookup: lookup(),
          styles,
          threshold,
          // The person's own default citation style, where they chose one.
          defaultStyle: context?.style ?? references.defaultStyle,
        },
        query,
        style,
      );
    },

    verify(text, style): Promise<VerifyResult> {
      return checker().then((c) => c.check(text, style ?? references.defaultStyle));
    },

    findTopics(text, limit): TopicMatch[] {
      return overCap(text) ? [] : lookup().find(text, limit);
    },

    topics(): TopicSummary[] {
      return listTopics(kb).map(summaryOf);
    },

    help() {
      const help = [...kb.topics.values()].find((t) => t.role === 'help');
      if (help === undefined) throw new Error('no help topic');
      const trace: Trace = {
        decidedBy: 'platform',
        reason: 'help, asked for by a command',
        steps: [],
        previousTopic: null,
        threshold,
        classification: null,
      };
      return compose(
        { kind: 'bot', intent: help.id, confidence: 1 },
        trace,
        composeContext(references.defaultStyle),
      );
    },

    answerNow(question, previous) {
      const { decision, trace } = decideQuestion(question, previous);
      return compose(decision, trace, composeContext(references.defaultStyle));
    },
  };
}
