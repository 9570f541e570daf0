import type { Logger } from '../../runtime/logger.js';
import { describeError } from './log.js';
import { isDroppedPost, isRateLimitedPost } from './outbox.js';

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
    if (isDroppedPost(error)) {
      logger.warn(
        { handler: what, channel: error.channel, reason: error.reason, waitedMs: error.waitedMs },
        'slack post dropped',
      );
      return;
    }
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
