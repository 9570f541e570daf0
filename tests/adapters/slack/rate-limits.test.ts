import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRateLimitedPost, SlackOutbox } from '../../../src/adapters/slack/outbox.js';
import { AssistantService } from '../../../src/ops/service.js';
import { userHasher } from '../../../src/ops/user-hash.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { MemoryStateStore } from '../../../src/state/memory/store.js';
import { blockText, headerOf } from './blocks.js';
import { BOT_USER_ID, type Call, FakeSlack, ts } from './fake-slack.js';
import {
  BOT_TOKEN,
  logged,
  type RunningSlack,
  realAssistant,
  type SlackUser,
  slackOverHttp,
} from './setup.js';

// Slack's rate limits, from a fake Web API that answers 429 with Retry-After as Slack does, behind
// the real adapter as `policybot serve` runs it: the service's own per-user limit included.
let slack: RunningSlack;
let user: SlackUser;

slackOverHttp(
  (running) => {
    ({ slack, user } = running);
  },
  async () =>
    new AssistantService({
      assistant: await realAssistant(),
      logger: silentLogger,
      hashUser: userHasher('a test key of sixteen+ characters'),
      // Three questions each, then a long wait: enough to be limited inside a thread.
      limiter: new MemoryStateStore().rateLimit({ capacity: 3, refillPerMinute: 0.01 }),
    }),
);

const mention = (channel: string, text: string, who = 'U0001', thread?: string) => {
  const at = ts();
  return {
    ts: at,
    sent: user.event({
      type: 'app_mention',
      user: who,
      text: `<@${BOT_USER_ID}> ${text}`,
      ts: at,
      channel,
      ...(thread === undefined ? {} : { thread_ts: thread }),
    }),
  };
};

const inChannel = (channel: string) => (call: Call) => call.body.channel === channel;
const apologies = () => slack.fake.delivered.filter((c) => String(c.body.text).startsWith('Sorry'));

describe('Slack rate limits (429)', () => {
  it('delivers an answer through a 429 storm, waiting as Retry-After says, and holds up no other channel', async () => {
    slack.fake.storms.set('C1STORM', { count: 2, retryAfter: 1 });
    await mention('C1STORM', 'what does the report say about ransomware', 'U-storm').sent;
    await mention('C2CALM', 'what about fraud', 'U-calm').sent;
    const [calm] = await user.delivered(inChannel('C2CALM'));
    const [stormy] = await user.delivered(inChannel('C1STORM'));
    expect(headerOf(stormy?.body.blocks)).toBe('Ransomware');
    expect(slack.fake.rateLimited.filter(inChannel('C1STORM'))).toHaveLength(2);
    // The other channel went first: the storm held back its own channel only.
    expect(slack.fake.delivered.indexOf(calm as Call)).toBeLessThan(
      slack.fake.delivered.indexOf(stormy as Call),
    );
    expect(slack.fake.delivered.filter(inChannel('C1STORM'))).toHaveLength(1);
    expect(apologies()).toHaveLength(0);
  });

  it('gives up quietly when Slack asks to wait past the bound: no apology, logged', async () => {
    slack.fake.storms.set('C3HOLD', { count: 1, retryAfter: 120 });
    await mention('C3HOLD', 'ransomware', 'U-hold').sent;
    const line = await logged(slack, 'slack post given up');
    expect(line).toContain('C3HOLD');
    await mention('C4NEXT', 'fraud', 'U-next').sent;
    await user.delivered(inChannel('C4NEXT'));
    expect(slack.fake.delivered.filter(inChannel('C3HOLD'))).toHaveLength(0);
    expect(apologies()).toHaveLength(0);
  });

  it('paces posts in a channel at about one a second, so a burst meets no 429', async () => {
    slack.fake.paceMs = 900;
    try {
      const topics = ['ransomware', 'fraud and money laundering', 'human trafficking', 'fentanyl'];
      await Promise.all(topics.map((t, i) => mention('C5BUSY', t, `U-busy-${i}`).sent));
      const posts = await user.delivered(inChannel('C5BUSY'), topics.length);
      expect(posts).toHaveLength(topics.length);
      expect(slack.fake.rateLimited.filter(inChannel('C5BUSY'))).toHaveLength(0);
    } finally {
      slack.fake.paceMs = undefined;
    }
  });

  it('answers a person over our own rate limit in a thread with "one moment", although it stays quiet there', async () => {
    const root = mention('C6THREAD', 'what does the report say about ransomware', 'U-flood');
    await root.sent;
    await user.delivered(inChannel('C6THREAD'));
    const reply = (text: string) =>
      user.event({
        type: 'message',
        channel_type: 'channel',
        user: 'U-flood',
        text,
        ts: ts(),
        thread_ts: root.ts,
        channel: 'C6THREAD',
      });
    await reply('source?');
    await user.delivered(inChannel('C6THREAD'), 2);
    await reply('tell me more');
    await user.delivered(inChannel('C6THREAD'), 3);
    // The fourth question in a burst of three: the service answers "one moment" (a decline would stay quiet).
    await reply('what should we do about it?');
    const posts = await user.delivered(inChannel('C6THREAD'), 4);
    const limited = posts[3];
    expect(limited?.body.thread_ts).toBe(root.ts);
    expect(headerOf(limited?.body.blocks)).toBe('One moment, please');
    expect(blockText(limited?.body.blocks)).toContain("You're asking faster than I can answer");
  });
});

describe('the outbox', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('tries again until its deadline, then gives up with a rate-limit error (never delivered late)', async () => {
    // The client as the adapter makes it: a 429 comes back instead of pausing every request.
    const client = new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: fake.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    const outbox = new SlackOutbox({ logger: silentLogger, deadlineMs: 2500 });
    fake.storms.set('C7', { count: 10, retryAfter: 1 });
    const message = { text: 'hello', blocks: [] };
    const failure = await outbox.post(client, 'C7', message).catch((error: unknown) => error);
    expect(isRateLimitedPost(failure)).toBe(true);
    const tries = fake.rateLimited.filter((c) => c.body.channel === 'C7').length;
    expect(tries).toBeGreaterThanOrEqual(2);
    expect(tries).toBeLessThan(10);
    expect(fake.delivered).toHaveLength(0);
    // Once the storm is over the channel is served again.
    fake.storms.delete('C7');
    expect(await outbox.post(client, 'C7', message)).toMatch(/^\d+\.\d+$/);
  });
});
