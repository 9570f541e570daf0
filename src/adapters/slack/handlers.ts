import type { App } from '@slack/bolt';
import type { FeedbackPort, PolicyAssistant } from '../../core/index.js';
import type { Logger } from '../../runtime/logger.js';
import { MemoryStateStore } from '../../state/memory/store.js';
import type { KeySet, StateStore } from '../../state/port.js';
import { registerEvents } from './events.js';
import { registerInteractions } from './interactions.js';
import { describeError } from './log.js';
import { isRateLimitedPost, SlackOutbox } from './outbox.js';

export interface HandlerDeps {
  readonly assistant: PolicyAssistant;
  readonly logger: Logger;
  /** The slash command, "/policy" unless configured. */
  readonly command: string;
  /**
   * Event ids already handled: Slack retries an event it thinks went unanswered, possibly to
   * another replica, so the set is the state store's (shared when it is Redis).
   */
  readonly seenEvents: KeySet;
  /** Threads the bot answers in, where follow-ups need no mention (on whichever replica they land). */
  readonly threads: KeySet;
  /** Every post goes through it: paced per channel, retried through Slack's rate limits. */
  readonly outbox: SlackOutbox;
  /** Where "Helpful" / "Not helpful" clicks are recorded. */
  readonly feedback?: FeedbackPort;
}

export function defaultHandlerDeps(
  assistant: PolicyAssistant,
  logger: Logger,
  command: string,
  state: StateStore = new MemoryStateStore(),
  feedback?: FeedbackPort,
): HandlerDeps {
  return {
    assistant,
    logger,
    command,
    // Slack retries an event three times within about an hour.
    seenEvents: state.keys('slack:events', { ttlMs: 2 * 3600_000, max: 10_000 }),
    threads: state.keys('slack:threads', { ttlMs: 7 * 24 * 3600_000, max: 10_000 }),
    outbox: new SlackOutbox({ logger }),
    ...(feedback === undefined ? {} : { feedback }),
  };
}

/** Every listener: events (mentions, DMs, thread follow-ups), the slash command and the buttons. */
export function registerHandlers(app: App, deps: HandlerDeps): void {
  // Retries of an event already handled stop here (Bolt has acknowledged them already).
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await deps.seenEvents.firstTime(eventId))) {
      deps.logger.info({ event_id: eventId, retry: context.retryNum ?? null }, 'slack event already handled');
      return;
    }
    await next();
  });
  registerEvents(app, deps);
  registerInteractions(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: describeError(error) }, 'slack listener failed');
  });
}

/**
 * Runs a listener's work so that a failure never escapes: it is logged (redacted) and the person
 * gets a short apology where they asked, if even that can be sent. A post that Slack's rate limits
 * kept back gets none: the apology would be rate-limited too, and the answer was not wrong.
 */
export async function guarded(
  logger: Logger,
  what: string,
  work: () => Promise<void>,
  apologize?: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isRateLimitedPost(error)) {
      logger.warn({ handler: what, channel: error.channel, waitedMs: error.waitedMs }, 'slack post given up');
      return;
    }
    logger.error({ handler: what, err: describeError(error) }, 'slack handler failed');
    if (!apologize) return;
    try {
      await apologize();
    } catch (again) {
      logger.error({ handler: what, err: describeError(again) }, 'slack apology failed');
    }
  }
}
