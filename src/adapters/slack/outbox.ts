import type { webApi } from '@slack/bolt';
import type { Logger } from '../../runtime/logger.js';
import type { SlackMessage } from './render.js';

export interface OutboxOptions {
  readonly logger: Logger;
  /** Slack's chat.postMessage allows about one message a second per channel. */
  readonly spacingMs?: number;
  /**
   * How long after it was asked for a post may still go out. Past it the post is given up (and
   * logged): an answer minutes late, after the person has moved on, is worth less than the noise.
   */
  readonly deadlineMs?: number;
  /**
   * Posts waiting at most, over every channel: past it the oldest waiting post is dropped (logged
   * and counted), so a slow Slack API cannot grow memory without bound.
   */
  readonly maxPending?: number;
  /** Told the number of posts waiting whenever it changes, and of every post dropped and why. */
  readonly signals?: OutboxSignals | undefined;
}

export interface OutboxSignals {
  depth(platform: string, waiting: number): void;
  dropped(platform: string, reason: DropReason): void;
}

/** Why a post was never made: too many waiting, waiting past the deadline, or the process stopping. */
export type DropReason = 'full' | 'expired' | 'shutdown';

export const DEFAULT_SPACING_MS = 1000;
export const DEFAULT_DEADLINE_MS = 30_000;
export const DEFAULT_MAX_PENDING = 1000;

/** A post that was given up before it was made: the outbox was full, it waited too long, or the process stopped. */
export class DroppedPost extends Error {
  constructor(
    readonly channel: string,
    readonly reason: DropReason,
    readonly waitedMs: number,
  ) {
    super(`a post to ${channel} was dropped (${reason}) after waiting ${Math.round(waitedMs / 1000)} s`);
    this.name = 'DroppedPost';
  }
}

export function isDroppedPost(error: unknown): error is DroppedPost {
  return error instanceof DroppedPost;
}

/** A post waiting for its turn in its channel. */
interface Waiting {
  readonly channel: string;
  readonly asked: number;
  started: boolean;
  drop?: (reason: DropReason) => void;
}

/** A post that rate limits kept from going out within the deadline. Never answered with an apology. */
export class RateLimitedPost extends Error {
  constructor(
    readonly channel: string,
    readonly waitedMs: number,
  ) {
    super(`Slack kept rate-limiting posts to ${channel}; gave up after ${Math.round(waitedMs / 1000)} s`);
    this.name = 'RateLimitedPost';
  }
}

export function isRateLimitedPost(error: unknown): error is RateLimitedPost {
  return error instanceof RateLimitedPost;
}

/** Seconds Slack asked us to wait, when an error is its 429 (the client is set to reject, not queue, them). */
function retryAfterOf(error: unknown): number | undefined {
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  return code === 'slack_webapi_rate_limited_error' && typeof retryAfter === 'number'
    ? retryAfter
    : undefined;
}

interface Lane {
  /** The last post queued in this channel: the next one starts after it. */
  tail: Promise<unknown>;
  /** No attempt in this channel before this time (spacing, or Slack's Retry-After). */
  notBefore: number;
  pending: number;
}

/**
 * Every message the bot posts goes through here, one channel at a time. The Web API client's own
 * handling of a 429 pauses every request of the workspace while it waits, and gives up after a few
 * tries; here a 429 holds back only its own channel, for as long as Slack's Retry-After says, and
 * the post is tried again until it is delivered or the deadline passes. Posts in one channel keep
 * their order and go out about a second apart, so a busy thread rarely meets the limit at all.
 */
export class SlackOutbox {
  private readonly lanes = new Map<string, Lane>();
  private readonly spacingMs: number;
  private readonly deadlineMs: number;
  private readonly maxPending: number;
  /** Every post not yet settled, oldest first (a Set keeps insertion order). */
  private readonly waiting = new Set<Waiting>();
  private closed = false;

  constructor(private readonly options: OutboxOptions) {
    this.spacingMs = options.spacingMs ?? DEFAULT_SPACING_MS;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  }

  /** Posts not yet made (waiting for their turn, or being sent). */
  get depth(): number {
    return this.waiting.size;
  }

  /**
   * The process is stopping and its grace period is over: every post still waiting is dropped,
   * and how many acknowledged answers were not posted (waiting, or still being sent) is returned
   * for the log. Posts asked for afterwards are dropped at once.
   */
  close(): number {
    this.closed = true;
    const left = this.waiting.size;
    for (const post of [...this.waiting]) if (!post.started) post.drop?.('shutdown');
    return left;
  }

  /** Posts a message (in a thread when given), unfurls off since references carry URLs; resolves its ts. */
  async post(
    client: webApi.WebClient,
    channel: string,
    message: SlackMessage,
    threadTs?: string,
  ): Promise<string | undefined> {
    const asked = Date.now();
    if (this.closed) throw this.dropped(channel, 'shutdown', 0);
    const post: Waiting = { channel, asked, started: false };
    // Full: the oldest post still waiting for its turn goes, not the newest (it is the least useful).
    if (this.waiting.size >= this.maxPending) {
      const oldest = [...this.waiting].find((w) => !w.started);
      // Every one is being sent already (a slow API in many channels): this one cannot wait.
      if (oldest === undefined) throw this.dropped(channel, 'full', 0);
      oldest.drop?.('full');
    }
    const lane = this.lane(channel);
    lane.pending += 1;
    this.waiting.add(post);
    this.options.signals?.depth('slack', this.waiting.size);
    const dropped = new Promise<never>((_, reject) => {
      post.drop = (reason) => {
        if (post.started || !this.waiting.has(post)) return;
        reject(this.dropped(channel, reason, Date.now() - asked));
        this.settle(post);
      };
    });
    dropped.catch(() => undefined);
    const run = lane.tail.then(() => {
      if (!this.waiting.has(post)) return undefined;
      // Waited past the deadline behind slower posts: an answer that late is noise.
      if (Date.now() - asked > this.deadlineMs) {
        post.drop?.('expired');
        return undefined;
      }
      post.started = true;
      return this.deliver(lane, asked, client, channel, message, threadTs);
    });
    lane.tail = run.catch(() => undefined);
    try {
      return await Promise.race([run, dropped]);
    } finally {
      lane.pending -= 1;
      this.settle(post);
    }
  }

  private settle(post: Waiting): void {
    if (this.waiting.delete(post)) this.options.signals?.depth('slack', this.waiting.size);
  }

  private dropped(channel: string, reason: DropReason, waitedMs: number): DroppedPost {
    this.options.signals?.dropped('slack', reason);
    return new DroppedPost(channel, reason, waitedMs);
  }

  private async deliver(
    lane: Lane,
    asked: number,
    client: webApi.WebClient,
    channel: string,
    message: SlackMessage,
    threadTs: string | undefined,
  ): Promise<string | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const wait = lane.notBefore - Date.now();
      if (wait > 0) {
        // Waiting past the deadline would only deliver an answer too late to matter: give up now.
        if (Date.now() + wait - asked > this.deadlineMs)
          throw new RateLimitedPost(channel, Date.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      lane.notBefore = Date.now() + this.spacingMs;
      try {
        const result = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
          unfurl_links: false,
          unfurl_media: false,
        });
        return result.ts;
      } catch (error) {
        const retryAfter = retryAfterOf(error);
        if (retryAfter === undefined) throw error;
        lane.notBefore = Math.max(lane.notBefore, Date.now() + retryAfter * 1000);
        this.options.logger.warn(
          { channel, retryAfterS: retryAfter, attempt },
          'slack rate-limited a post; trying again when it says',
        );
      }
    }
  }

  private lane(channel: string): Lane {
    const now = Date.now();
    // Forget idle channels whose spacing has passed, so the map holds only channels in use.
    for (const [key, lane] of this.lanes) {
      if (lane.pending === 0 && lane.notBefore <= now) this.lanes.delete(key);
    }
    let lane = this.lanes.get(channel);
    if (lane === undefined) {
      lane = { tail: Promise.resolve(), notBefore: 0, pending: 0 };
      this.lanes.set(channel, lane);
    }
    return lane;
  }
}
