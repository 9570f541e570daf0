import { randomUUID } from 'node:crypto';
import type { Answer, AskContext, Explanation, PolicyAssistant } from '../core/index.js';
import { FALLBACK_ID } from '../knowledge/ids.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Logger } from '../runtime/logger.js';
import type { Metrics } from './metrics.js';
import { type RateLimiter, waitPhrase } from './rate-limit.js';
import { cleanQuestion, type UnansweredRecorder } from './unanswered.js';
import type { UserHasher } from './user-hash.js';

export interface ServiceOptions {
  readonly assistant: PolicyAssistant;
  readonly logger: Logger;
  readonly hashUser: UserHasher;
  readonly metrics?: Metrics;
  readonly limiter?: RateLimiter;
  readonly recorder?: UnansweredRecorder;
  /** Answers under this confidence are recorded as near misses. */
  readonly lowConfidence?: number;
}

/**
 * The assistant as a running instance serves it. Every adapter already calls `deps.assistant.ask`,
 * so this decorator of the same interface gives all of them, without a line of platform code:
 * per-user rate limiting, timing, one log line per question, metrics, the record of what it could
 * not answer, and a swappable assistant underneath for reloading the knowledge base.
 */
export class AssistantService implements PolicyAssistant {
  private current: PolicyAssistant;

  constructor(private readonly options: ServiceOptions) {
    this.current = options.assistant;
  }

  get knowledgeBase(): KnowledgeBase {
    return this.current.knowledgeBase;
  }

  get threshold(): number {
    return this.current.threshold;
  }

  /** A reloaded knowledge base. Conversations held by the old assistant are forgotten with it. */
  replace(next: PolicyAssistant): void {
    this.current = next;
  }

  /**
   * Passed through uncounted: adapters call it for autocomplete on every keystroke, which is
   * neither a question nor something a person should be rate-limited for.
   */
  explain(question: string, context?: AskContext): { answer: Answer; explanation: Explanation } {
    return this.current.explain(question, context);
  }

  ask(question: string, context: AskContext = {}): Answer {
    const { logger, metrics } = this.options;
    const started = performance.now();
    const req = randomUUID();
    const platform = context.platform ?? 'unknown';
    const user = context.user === undefined ? undefined : this.options.hashUser(context.user);
    const who = user === undefined ? {} : { user };

    const decision =
      context.user === undefined || this.options.limiter === undefined
        ? undefined
        : this.options.limiter.take(`${platform}:${context.user}`);
    if (decision !== undefined && !decision.allowed) {
      metrics?.rateLimited.inc({ platform });
      logger.info({ req, platform, ...who, retryAfterMs: decision.retryAfterMs }, 'question rate-limited');
      return rateLimitedAnswer(decision.retryAfterMs);
    }

    let result: { answer: Answer; explanation: Explanation };
    try {
      result = this.current.explain(question, context);
    } catch (error) {
      metrics?.errors.inc({ platform });
      logger.error(
        { req, platform, ...who, err: error instanceof Error ? error.message : String(error) },
        'question failed',
      );
      // The adapter catches it and apologizes where the question was asked.
      throw error;
    }
    const { answer, explanation } = result;
    const seconds = (performance.now() - started) / 1000;

    metrics?.questions.inc({ platform, intent: answer.intent });
    metrics?.latency.observe({ platform }, seconds);
    const fallback = answer.intent === FALLBACK_ID;
    const low = !fallback && answer.confidence < (this.options.lowConfidence ?? 0);
    if (fallback) metrics?.fallbacks.inc({ platform });
    if (low) metrics?.lowConfidence.inc({ platform });
    logger.info(
      {
        req,
        platform,
        ...who,
        intent: answer.intent,
        confidence: Math.round(answer.confidence * 1000) / 1000,
        latencyMs: Math.round(seconds * 100_000) / 100,
        ...(answer.followUp === null ? {} : { followUp: answer.followUp }),
        chars: question.length,
      },
      'question',
    );

    // Nothing to learn from an empty or overlong question: only real questions are recorded.
    if ((fallback || low) && explanation.normalized.words.length > 0 && this.options.recorder) {
      const nearest = explanation.candidates.find(
        (c) => c.intent !== FALLBACK_ID && !c.intent.startsWith('bot.'),
      );
      this.options.recorder.record({
        time: new Date().toISOString(),
        reason: fallback ? 'fallback' : 'low-confidence',
        platform,
        ...who,
        question: cleanQuestion(question),
        intent: answer.intent,
        confidence: Math.round(answer.confidence * 1000) / 1000,
        ...(nearest === undefined
          ? {}
          : { nearest: { intent: nearest.intent, score: Math.round(nearest.score * 1000) / 1000 } }),
      });
    }
    return answer;
  }
}

/** A friendly Answer like any other, so every adapter renders it without knowing about limits. */
export function rateLimitedAnswer(retryAfterMs: number): Answer {
  return {
    intent: FALLBACK_ID,
    confidence: 1,
    title: 'One moment, please',
    text: `You're asking faster than I can answer. Please try again in ${waitPhrase(retryAfterMs)}.`,
    citations: [],
    related: [],
    suggestions: [],
    followUp: null,
    topic: null,
  };
}
