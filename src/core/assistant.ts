import { FALLBACK_ID, type IntentId } from '../knowledge/ids.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Answer, AskContext, Assistant, FollowUpKind } from './answer.js';
import type { ReferenceFormatter } from './citations/index.js';
import { Composer } from './compose.js';
import { ConversationStore } from './conversation.js';
import { detectFollowUp, onlyRefersBack } from './followups.js';
import type { Candidate, Ranking } from './matcher/matcher.js';
import { outOfScopeReason, stripOpener } from './scope.js';
import { type TrainedModel, trainModel } from './model.js';
import type { NormalizedText } from './text/normalize.js';

export interface AssistantOptions {
  /** Below this calibrated confidence the answer is a polite decline. */
  readonly threshold?: number;
  /** Longer questions are declined unread: nobody types a memo into a chat box. */
  readonly maxQuestionLength?: number;
  readonly conversationTtlMs?: number;
  readonly maxConversations?: number;
  readonly formatReference?: ReferenceFormatter;
  readonly now?: () => number;
  /** A model trained earlier on this same knowledge base (from the start-up cache); trained here if absent. */
  readonly model?: TrainedModel;
}

export interface Explanation {
  readonly normalized: NormalizedText;
  readonly followUp: FollowUpKind | null;
  readonly candidates: readonly Candidate[];
  readonly unknown: readonly string[];
  readonly confidence: number;
  readonly threshold: number;
}

export interface PolicyAssistant extends Assistant {
  /** Same as ask, plus the evidence: top candidates, their scores and the terms that decided. */
  explain(question: string, context?: AskContext): { answer: Answer; explanation: Explanation };
  readonly knowledgeBase: KnowledgeBase;
  readonly threshold: number;
}

export const DEFAULT_THRESHOLD = 0.5;
export const DEFAULT_MAX_QUESTION_LENGTH = 500;

/** A greeting or thanks is answered as such only when nothing else was said ("traffic this morning" is no greeting). */
const SOCIAL: ReadonlySet<IntentId> = new Set(['bot.greeting', 'bot.thanks']);

/** A question after a date, a place or a founder: answered from the topic's background facts. */
const FACT_QUESTION =
  /^\s*(?:when|where|who (?:founded|started|created|set up|runs|proposed)|what year|since when|which (?:year|countries|cities|sites))\b/i;

/** How close a threat's own solution must score to the threat for "what's the solution for X". */
const OWN_SOLUTION_SHARE = 0.75;

/** A score this low shares at most a stray word with a topic: not worth offering as "Did you mean". */
const SUGGESTION_FLOOR = 0.2;

export function createAssistant(kb: KnowledgeBase, options: AssistantOptions = {}): PolicyAssistant {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const maxLength = options.maxQuestionLength ?? DEFAULT_MAX_QUESTION_LENGTH;
  // Negatives are matched like any intent: a question nearest to one is declined.
  const { normalizer, matcher, phrases, bare } = options.model ?? trainModel(kb);
  const composer = new Composer(kb, options.formatReference);
  const conversations = new ConversationStore({
    ...(options.conversationTtlMs === undefined ? {} : { ttlMs: options.conversationTtlMs }),
    ...(options.maxConversations === undefined ? {} : { maxConversations: options.maxConversations }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });

  /**
   * An exact training phrase is answered outright (it may be all stop words: "what can you do");
   * a greeting in front of a question yields to the question.
   */
  const rankQuestion = (normalized: NormalizedText): Ranking => {
    const exact =
      phrases.get(normalized.words.join(' ')) ??
      (normalized.terms.length === 0 ? nearestBarePhrase(normalized.words) : undefined);
    const full = matcher.rank(normalized.terms);
    if (exact !== undefined) {
      const hit = full.candidates.find((c) => c.intent === exact) ?? {
        intent: exact,
        score: 1,
        nearest: normalized.plain,
        evidence: [],
      };
      const candidates = [hit, ...full.candidates.filter((c) => c !== hit)];
      return { ...full, candidates, confidence: 1 };
    }
    const opened = stripOpener(normalized.plain);
    if (opened.length > 0 && opened !== normalized.plain.toLowerCase()) {
      const rest = matcher.rank(normalizer.normalize(opened).terms);
      const restTop = rest.candidates[0];
      if (restTop && isContent(restTop.intent) && rest.confidence >= threshold) return rest;
    }
    return full;
  };

  /**
   * A question of stop words only ("what else can you do") has no terms to match: compare its
   * words with the training phrases that are stop words only too, and take a close one.
   */
  const nearestBarePhrase = (words: readonly string[]): IntentId | undefined => {
    const mine = new Set(words);
    let best: IntentId | undefined;
    let bestScore = 0.5;
    for (const [key, intent] of bare) {
      const theirs = new Set(key.split(' '));
      const shared = [...mine].filter((w) => theirs.has(w)).length;
      const score = shared / (mine.size + theirs.size - shared);
      if (score >= bestScore) {
        best = intent;
        bestScore = score;
      }
    }
    return best;
  };

  const nearestTopics = (candidates: readonly Candidate[]): IntentId[] =>
    candidates
      .filter((c) => c.intent !== FALLBACK_ID && !c.intent.startsWith('bot.') && c.score >= SUGGESTION_FLOOR)
      .slice(0, 3)
      .map((c) => c.intent);

  const explain = (
    question: string,
    context: AskContext = {},
  ): { answer: Answer; explanation: Explanation } => {
    const normalized = normalizer.normalize(question.length > maxLength ? '' : question);
    const empty: Explanation = {
      normalized,
      followUp: null,
      candidates: [],
      unknown: [],
      confidence: 0,
      threshold,
    };
    if (question.length > maxLength) {
      const reason = `That question is ${question.length} characters long; please ask in ${maxLength} characters or fewer.`;
      return { answer: composer.decline([], 0, reason), explanation: empty };
    }
    const cue = detectFollowUp(normalized.plain);
    // A platform that knows the topic (a "Did you mean" button, a topic menu) may ask for it outright.
    const namesOnlyTheTopic =
      normalized.words.length === 0 || (cue === undefined && onlyRefersBack(normalized.plain.toLowerCase()));
    if (context.topic !== undefined && namesOnlyTheTopic) {
      const answer = composer.answer(context.topic, 1);
      if (context.conversationId !== undefined && answer.topic !== null) {
        conversations.set(context.conversationId, { topic: answer.topic });
      }
      return { answer, explanation: { ...empty, confidence: 1 } };
    }
    if (normalized.words.length === 0) {
      return { answer: composer.decline([], 0, 'I did not catch a question there.'), explanation: empty };
    }

    const limit = outOfScopeReason(normalized.plain);
    const previous =
      context.topic !== undefined
        ? { topic: context.topic }
        : context.conversationId === undefined
          ? undefined
          : conversations.get(context.conversationId);
    const ranking = rankQuestion(normalized);
    const verdict = judge(normalized, ranking, limit);

    let answer: Answer;
    let followUp: FollowUpKind | null = null;
    let candidates = ranking.candidates;
    let confidence = ranking.confidence;
    // The cue's own words ("tell me more", "source?") say nothing of the topic: judge what is left.
    const rest = cue && !onlyRefersBack(cue.rest) ? normalizer.normalize(cue.rest) : undefined;
    const restRanking = rest && rest.terms.length > 0 ? matcher.rank(rest.terms) : undefined;
    const restVerdict = rest && restRanking ? judge(rest, restRanking, limit) : undefined;
    if (cue && restRanking && restVerdict?.answer !== undefined && isContent(restVerdict.answer)) {
      followUp = cue.kind;
      candidates = restRanking.candidates;
      confidence = restRanking.confidence;
      const own =
        cue.kind === 'solutions' ? ownSolution(restVerdict.answer, restRanking.candidates) : undefined;
      answer =
        own === undefined
          ? composer.answer(restVerdict.answer, confidence, followUpFor(cue.kind, restVerdict.answer))
          : composer.answer(own, confidence);
    } else if (cue && previous && limit === undefined && refersBack(rest, restRanking)) {
      followUp = cue.kind;
      confidence = 1;
      answer = composer.answer(previous.topic, 1, followUpFor(cue.kind, previous.topic));
    } else if (cue && !previous && rest === undefined) {
      // "Tell me more" with nothing said before: ask for the topic rather than decline the domain.
      answer = composer.decline(
        [],
        1,
        'About what? Ask me about a topic first, then follow up with “tell me more”, “source?” or “what should we do about it?”.',
      );
    } else if (restVerdict?.ruledOut && restRanking !== undefined) {
      // A follow-up about something ruled out: judged on what it asks about, not on its cue words.
      answer = composer.decline(
        nearestTopics(restRanking.candidates),
        restVerdict.sureness,
        restVerdict.reason,
      );
    } else if (verdict.answer !== undefined) {
      // "When was INL founded?", "where are the academies?": the dates and places are in the longer answer.
      const factual =
        FACT_QUESTION.test(normalized.plain) && (kb.topics.get(verdict.answer)?.background.length ?? 0) > 0;
      answer = composer.answer(verdict.answer, ranking.confidence, factual ? 'more' : null);
    } else {
      answer = composer.decline(nearestTopics(ranking.candidates), verdict.sureness, verdict.reason);
    }
    if (answer.topic !== null && context.conversationId !== undefined) {
      conversations.set(context.conversationId, { topic: answer.topic });
    }
    return {
      answer,
      explanation: { normalized, followUp, candidates, unknown: ranking.unknown, confidence, threshold },
    };
  };

  /**
   * "What's the solution for human trafficking": when the threat named has a solution of its own
   * that the question matches nearly as well, that solution is the answer, not the list of all
   * that touch the threat.
   */
  const ownSolution = (threat: IntentId, ranked: readonly Candidate[]): IntentId | undefined => {
    const related = kb.topics.get(threat)?.related ?? [];
    const top = ranked[0]?.score ?? 0;
    return ranked.find(
      (c) =>
        c.intent.startsWith('solution.') &&
        !c.intent.endsWith('.overview') &&
        related.includes(c.intent) &&
        c.score >= OWN_SOLUTION_SHARE * top,
    )?.intent;
  };

  /**
   * Whether a ranking's top intent may be answered; if not, how sure the decline is and why. The
   * rules, in order: what the sources cannot hold, a question mostly about something else or
   * naming a subject left out, the threshold, and a greeting that says more than hello.
   */
  const judge = (
    normalized: NormalizedText,
    ranking: Ranking,
    limit: string | undefined,
  ): { answer?: IntentId; sureness: number; reason?: string; ruledOut?: true } => {
    const top = ranking.candidates[0];
    if (limit !== undefined) return { sureness: 1, reason: limit, ruledOut: true };
    if (mostlyUnknown(normalized, ranking)) return { sureness: 1 - ranking.confidence, ruledOut: true };
    // It names a subject the out-of-scope examples keep to themselves ("the ATA on Russia").
    if (ranking.excluded.length > 0 && ranking.confidence < 1)
      return { sureness: 1 - ranking.confidence, ruledOut: true };
    const confident =
      top !== undefined &&
      top.intent !== FALLBACK_ID &&
      ranking.confidence >= threshold &&
      !(SOCIAL.has(top.intent) && saysMore(top, ranking.candidates));
    if (confident) return { answer: top.intent, sureness: ranking.confidence };
    // Declining is as sure as the nearest negative is, or as unsure as the best topic was.
    return { sureness: top?.intent === FALLBACK_ID ? ranking.confidence : 1 - ranking.confidence };
  };

  return {
    knowledgeBase: kb,
    threshold,
    explain,
    ask: (question, context) => explain(question, context).answer,
  };
}

/**
 * What is left of a follow-up once its cue is gone points back at the conversation: nothing,
 * words like "that", or only words the knowledge base has never seen ("that whole thing").
 */
function refersBack(rest: NormalizedText | undefined, ranking: Ranking | undefined): boolean {
  if (rest === undefined || rest.terms.length === 0 || ranking === undefined) return true;
  const unknown = new Set(ranking.unknown);
  return rest.terms.every((t) => unknown.has(t));
}

/**
 * Half or more of the question's words belong to no topic (unknown, or known only from the
 * out-of-scope examples): whatever it shares with a topic, it is mostly about something else
 * ("canada tariffs", "corruption in the NBA", "how is meth made").
 */
function mostlyUnknown(normalized: NormalizedText, ranking: Ranking): boolean {
  if (ranking.confidence >= 1) return false;
  const unknown = new Set(ranking.offTopic);
  const distinct = new Set(normalized.terms);
  const unknownCount = [...distinct].filter((t) => unknown.has(t)).length;
  // Two words, one unknown: "canada tariffs". Longer questions carry more context: strictly more than half.
  return unknownCount * 2 > distinct.size || (distinct.size <= 2 && unknownCount * 2 >= distinct.size);
}

/** A greeting that also mentions what other intents know about ("traffic this morning") is not just a greeting. */
function saysMore(social: Candidate, candidates: readonly Candidate[]): boolean {
  const own = new Set(social.evidence.map((e) => e.term));
  return candidates.some((c) => !c.intent.startsWith('bot.') && c.evidence.some((e) => !own.has(e.term)));
}

function isContent(id: IntentId): boolean {
  return id !== FALLBACK_ID && !id.startsWith('bot.');
}

/** "What should we do about it?" after a solution is answered by the solution itself. */
function followUpFor(kind: FollowUpKind, topic: IntentId): FollowUpKind | null {
  // A source's own answer is its reference: "link to the ATA" is answered by source.ata itself.
  if (kind === 'source' && (topic.startsWith('source.') || topic === 'related.immigration')) return null;
  if (kind === 'solutions' && !topic.startsWith('threat.'))
    return topic.startsWith('solution.') ? null : kind;
  // "Why does that matter?" after a threat: its longer answer says why.
  if (kind === 'threats' && !topic.startsWith('solution.'))
    return topic.startsWith('threat.') ? 'more' : null;
  return kind;
}
