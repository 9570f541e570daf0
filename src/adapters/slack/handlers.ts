import type { App } from '@slack/bolt';
import type { FeedbackPort, PolicyAssistant } from '../../core/index.js';
import type { Logger } from '../../runtime/logger.js';
import type { PlatformSignals } from '../types.js';
import { MemoryStateStore } from '../../state/memory/store.js';
import type { KeySet, StateStore } from '../../state/port.js';
import { type PreferenceStore, preferenceStore } from '../../state/preferences.js';
import { type KeptAnswers, keptAnswers } from '../../state/kept-answers.js';
import { type RecentAnswers, recentAnswers } from '../../state/recent.js';
import { registerCiteActions } from './cite-actions.js';
import { registerEvents } from './events.js';
import { registerHome } from './home.js';
import { registerInteractions } from './interactions.js';
import { describeError } from './log.js';
import { SlackOutbox } from './outbox.js';
import { registerShortcuts } from './shortcuts.js';
import { registerUnfurls } from './unfurl.js';

// Kept here too for the listeners that import it from here.
export { guarded } from './guarded.js';

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
  /** Each person's own choices (their default citation style), keyed by `personKey`. */
  readonly preferences: PreferenceStore;
  /** Each person's last answers, for their Home tab, keyed by `personKey`. */
  readonly recent: RecentAnswers;
  /** Private answers, whole, under their reference: what "Share in channel" posts. */
  readonly kept: KeptAnswers;
}

export function defaultHandlerDeps(
  assistant: PolicyAssistant,
  logger: Logger,
  command: string,
  state: StateStore = new MemoryStateStore(),
  feedback?: FeedbackPort,
  signals?: PlatformSignals,
): HandlerDeps {
  return {
    assistant,
    logger,
    command,
    // Slack retries an event three times within about an hour.
    seenEvents: state.keys('slack:events', { ttlMs: 2 * 3600_000, max: 10_000 }),
    threads: state.keys('slack:threads', { ttlMs: 7 * 24 * 3600_000, max: 10_000 }),
    outbox: new SlackOutbox({ logger, signals }),
    ...(feedback === undefined ? {} : { feedback }),
    preferences: preferenceStore(state),
    recent: recentAnswers(state),
    kept: keptAnswers(state),
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
  registerShortcuts(app, deps);
  registerCiteActions(app, deps);
  registerHome(app, deps);
  registerUnfurls(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: describeError(error) }, 'slack listener failed');
  });
}
