import { randomUUID } from 'node:crypto';
import {
  type Answer,
  type AskContext,
  type CitationStyle,
  type CiteResult,
  composeRateLimited,
  type PolicyAssistant,
} from '../core/index.js';
import type { VerifyResult } from '../core/verify/types.js';
import type { FollowUpKind, IntentId } from '../knowledge/ids.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Logger } from '../runtime/logger.js';
import { RateLimiter } from '../state/memory/token-buckets.js';
import type { RateLimit } from '../state/port.js';
import { AnswerLog } from './answer-log.js';
import {
  type FeedbackPort,
  type FeedbackResult,
  type FeedbackValue,
  takesFeedback,
} from '../core/feedback.js';
import type { Metrics } from './metrics.js';
import { waitPhrase } from './rate-limit.js';
import { cleanQuestion, type UnansweredSink } from './unanswered.js';
import type { UserHasher } from './user-hash.js';

export interface ServiceOptions {
  readonly assistant: PolicyAssistant;
  readonly logger: Logger;
  readonly hashUser: UserHasher;
  readonly metrics?: Metrics;
  /** Per-user buckets from the state store: shared by every replica when it is Redis. */
  readonly limiter?: RateLimit;
  readonly recorder?: UnansweredSink;
  /** Answers under this confidence are recorded as near misses. */
  readonly lowConfidence?: number;
  /** What is remembered of each answer for its feedback buttons; in this process's memory unless given. */
  readonly answers?: AnswerLog;
  /** The questions' bucket settings, which autocomplete's own buckets are scaled from. */
  readonly limits?: { readonly capacity: number; readonly refillPerMinute: number };
}

/** Autocomplete's buckets are this many times the questions' (a keystroke is not a question). */
const AUTOCOMPLETE_SHARE = 10;

/**
 * The assistant as a running instance serves it: the same port, decorated, so every adapter gets
 * per-user rate limiting, timing, one log line per request, metrics, the curators' record, and a
 * swappable assistant underneath (a reloaded knowledge base) without a line of platform code.
 */
export class AssistantService implements PolicyAssistant, FeedbackPort {
  private current: PolicyAssistant;
  private readonly answers: AnswerLog;
  /** Autocomplete's own buckets (see findTopics). */
  private readonly typing: RateLimiter;

  constructor(private readonly options: ServiceOptions) {
    this.current = options.assistant;
    this.answers = options.answers ?? new AnswerLog();
    const { capacity = 0, refillPerMinute = 60 } = options.limits ?? {};
    this.typing = new RateLimiter({
      capacity: capacity * AUTOCOMPLETE_SHARE,
      refillPerMinute: refillPerMinute * AUTOCOMPLETE_SHARE,
    });
  }

  /** How long the person must wait, when their bucket is empty; undefined when they may go on. */
  private async limited(context: AskContext): Promise<number | undefined> {
    if (context.user === undefined || this.options.limiter === undefined) return undefined;
    const user = this.options.hashUser(context.user);
    // Keyed by the pseudonym: a shared store never holds a platform's user id.
    const decision = await this.options.limiter.take(`${context.platform ?? 'unknown'}:${user}`);
    return decision.allowed ? undefined : decision.retryAfterMs;
  }

  /**
   * "Helpful" or "Not helpful" on an answer, by its reference: recorded for the curators with the
   * question and how it was decided, and counted. The answer itself is left as it was. Says
   * whether it was recorded, already recorded (one person's second click), or the answer is no
   * longer remembered (a click a day later: neither counted nor recorded, the question is gone).
   */
  async feedback(ref: string, value: FeedbackValue, context: AskContext = {}): Promise<FeedbackResult> {
    const { logger, metrics, recorder } = this.options;
    const platform = context.platform ?? 'unknown';
    const answered = await this.answers.recall(ref);
    const user = context.user === undefined ? answered?.user : this.options.hashUser(context.user);
    const result: FeedbackResult =
      answered === undefined
        ? 'unknown'
        : (await this.answers.markChanged(ref, user ?? '', value))
          ? 'recorded'
          : 'again';
    logger.info({ platform, ...(user === undefined ? {} : { user }), ref, value, result }, 'feedback');
    if (answered === undefined || result !== 'recorded') return result;
    metrics?.feedback.inc({ platform, intent: answered.intent, value });
    recorder?.record({
      time: new Date().toISOString(),
      reason: 'feedback',
      value,
      // A person's later mark on the same answer supersedes this one (see curators-record.ts).
      ref,
      kind: answered.kind,
      step: answered.step,
      platform,
      ...(user === undefined ? {} : { user }),
      question: answered.question,
      ...(answered.pressed === undefined ? {} : { pressed: answered.pressed }),
      intent: answered.intent,
      confidence: answered.confidence,
      trace: { decidedBy: answered.step, reason: answered.reason, candidates: answered.candidates },
    });
    return result;
  }

  chooseStyle(style: CitationStyle, context: AskContext): Promise<void> {
    return this.current.chooseStyle(style, context);
  }

  bibliography(context: AskContext, style?: CitationStyle): ReturnType<PolicyAssistant['bibliography']> {
    return this.current.bibliography(context, style);
  }

  showBibliography(context: AskContext, style?: CitationStyle): Promise<Answer> {
    return this.serve(undefined, context, () => this.current.showBibliography(context, style));
  }

  get knowledgeBase(): KnowledgeBase {
    return this.current.knowledgeBase;
  }

  get threshold(): number {
    return this.current.threshold;
  }

  get classifier(): PolicyAssistant['classifier'] {
    return this.current.classifier;
  }

  get defaultStyle(): CitationStyle {
    return this.current.defaultStyle;
  }

  /** A reloaded knowledge base. Conversations live in the store, so they carry over. */
  replace(next: PolicyAssistant): void {
    this.current = next;
  }

  ask(question: string, context: AskContext = {}): Promise<Answer> {
    return this.serve(question, context, () => this.current.ask(question, context));
  }

  followUp(kind: FollowUpKind, topic: IntentId, context: AskContext = {}): Promise<Answer> {
    return this.serve(undefined, context, () => this.current.followUp(kind, topic, context));
  }

  showTopic(topic: IntentId, context: AskContext = {}): Promise<Answer> {
    return this.serve(undefined, context, () => this.current.showTopic(topic, context));
  }

  remember(topic: IntentId, context: AskContext): Promise<void> {
    return this.current.remember(topic, context);
  }

  /** A cite goes through the same per-person limit as a question: looking one up costs as much. */
  async cite(query: string, style?: CitationStyle, context: AskContext = {}): Promise<CiteResult> {
    const platform = context.platform ?? 'unknown';
    const refused = await this.limited(context);
    if (refused !== undefined) {
      this.options.metrics?.rateLimited.inc({ platform });
      return {
        kind: 'rate-limited',
        query: '',
        text: rateLimitedAnswer(refused).text,
        style: style ?? this.defaultStyle,
      };
    }
    return this.current.cite(query, style, context);
  }

  /** Checking quotes is not rate-limited: it reads the knowledge base and asks no model. */
  verify(text: string, style?: CitationStyle, context?: AskContext): Promise<VerifyResult> {
    return this.current.verify(text, style, context);
  }

  /**
   * Autocomplete asks on every keystroke, and must answer at once (Discord allows 3 s, and a
   * suggestion late is no suggestion): a bucket of its own per person in this process, ten times
   * as generous as the questions', checked without waiting on a shared store. Over it, nothing is
   * suggested until the bucket refills.
   */
  findTopics(text: string, limit?: number, context: AskContext = {}) {
    if (context.user !== undefined) {
      const key = `${context.platform ?? 'unknown'}:${this.options.hashUser(context.user)}`;
      if (!this.typing.take(key).allowed) return [];
    }
    return this.current.findTopics(text, limit, context);
  }

  topics() {
    return this.current.topics();
  }

  help(context?: AskContext): Answer {
    return this.current.help(context);
  }

  answerNow(question: string, previous?: IntentId): Answer {
    return this.current.answerNow(question, previous);
  }

  /** A rate-limited request gets a friendly answer like any other, so every adapter renders it. */
  private async serve(
    question: string | undefined,
    context: AskContext,
    work: () => Promise<Answer>,
  ): Promise<Answer> {
    const { logger, metrics } = this.options;
    const started = performance.now();
    const req = randomUUID();
    const platform = context.platform ?? 'unknown';
    const user = context.user === undefined ? undefined : this.options.hashUser(context.user);
    const who = user === undefined ? {} : { user };

    const retryAfterMs = await this.limited(context);
    if (retryAfterMs !== undefined) {
      metrics?.rateLimited.inc({ platform });
      metrics?.decisions.inc({ platform, kind: 'rate-limited', step: 'rate-limit' });
      logger.info({ req, platform, ...who, retryAfterMs }, 'question rate-limited');
      return rateLimitedAnswer(retryAfterMs);
    }

    let answer: Answer;
    try {
      answer = await work();
    } catch (error) {
      metrics?.errors.inc({ platform });
      logger.error(
        { req, platform, ...who, err: error instanceof Error ? error.message : String(error) },
        'question failed',
      );
      // The adapter catches it and apologizes where the question was asked.
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    const step = answer.trace.decidedBy;
    const confidence = answer.confidence === null ? null : Math.round(answer.confidence * 1000) / 1000;
    // What the answer was, as the feedback record and the log line both carry it.
    const outcome = { platform, ...who, kind: answer.kind, intent: answer.intent, confidence, step };
    // Remembered for its feedback buttons: the reference is all a click carries back.
    const marked = takesFeedback({ kind: answer.kind, ref: req });
    if (marked)
      await this.answers.remember(req, {
        question:
          question === undefined
            ? `(button) ${answer.followUp ?? 'topic'} on ${answer.intent}`
            : cleanQuestion(question),
        ...(question === undefined ? { pressed: { topic: answer.intent, followUp: answer.followUp } } : {}),
        ...outcome,
        reason: answer.trace.reason,
        candidates: (answer.trace.classification?.candidates ?? [])
          .slice(0, 3)
          .map((c) => ({ intent: c.intent, probability: c.probability })),
      });
    metrics?.questions.inc({ platform, intent: answer.intent });
    metrics?.decisions.inc({ platform, kind: answer.kind, step });
    metrics?.latency.observe({ platform }, seconds);
    const declined = answer.kind === 'decline';
    const low =
      answer.kind === 'answer' &&
      answer.confidence !== null &&
      answer.confidence < (this.options.lowConfidence ?? 0);
    if (declined) metrics?.fallbacks.inc({ platform });
    if (answer.kind === 'clarify') metrics?.clarifications.inc({ platform });
    if (low) metrics?.lowConfidence.inc({ platform });
    logger.info(
      {
        req,
        ...outcome,
        latencyMs: Math.round(seconds * 100_000) / 100,
        ...(answer.followUp === null ? {} : { followUp: answer.followUp }),
        ...(question === undefined ? {} : { chars: question.length }),
      },
      'question',
    );

    // Only real questions are recorded: nothing to learn from a button, an empty or an overlong one.
    const classified = answer.trace.classification;
    const recordable =
      question !== undefined && classified !== null && (classified.terms.length > 0 || declined);
    const reason = declined
      ? 'fallback'
      : low
        ? 'low-confidence'
        : answer.kind === 'clarify'
          ? 'clarify'
          : undefined;
    if (
      reason !== undefined &&
      recordable &&
      this.options.recorder &&
      answer.trace.decidedBy !== 'too-long'
    ) {
      const nearest = classified.candidates.find((c) => {
        const group = this.knowledgeBase.topics.get(c.intent)?.group;
        return group !== undefined && group !== 'bot' && group !== 'fallback';
      });
      this.options.recorder.record({
        time: new Date().toISOString(),
        reason,
        kind: answer.kind,
        step,
        platform,
        ...who,
        question: cleanQuestion(question),
        intent: answer.intent,
        confidence,
        ...(nearest === undefined
          ? {}
          : { nearest: { intent: nearest.intent, score: Math.round(nearest.similarity * 1000) / 1000 } }),
      });
    }
    return marked ? { ...answer, ref: req } : answer;
  }
}

/** A friendly Answer like any other, so every adapter renders it without knowing about limits. */
export function rateLimitedAnswer(retryAfterMs: number): Answer {
  return composeRateLimited(waitPhrase(retryAfterMs), {
    decidedBy: 'rate-limit',
    reason: `rate limited: try again in ${waitPhrase(retryAfterMs)}`,
    steps: [],
    previousTopic: null,
    threshold: 0,
    classification: null,
  });
}
