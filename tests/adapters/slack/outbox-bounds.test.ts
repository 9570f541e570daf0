import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DropReason, isDroppedPost, SlackOutbox } from '../../../src/adapters/slack/outbox.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { type ServeProcess, startServe } from '../../support/serve.js';
import { BOT_USER_ID, eventEnvelope, FakeSlack, sendToBot, ts } from './fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from './setup.js';

// A Slack Web API that is slow (posts held until released): the answers waiting for it are bounded
// in number and age, their count is reported, and at SIGTERM none is lost without a word.
let fake: FakeSlack;
const work = mkdtempSync(join(tmpdir(), 'policybot-outbox-'));

beforeAll(async () => {
  fake = await new FakeSlack().start();
});

afterAll(async () => {
  fake.release('chat.postMessage');
  await fake?.close();
  rmSync(work, { recursive: true, force: true });
});

const message = (text: string) => ({ text, blocks: [] });

function counting() {
  const depths: number[] = [];
  const dropped: DropReason[] = [];
  return {
    depths,
    dropped,
    signals: {
      depth: (_platform: string, waiting: number) => depths.push(waiting),
      dropped: (_platform: string, reason: DropReason) => dropped.push(reason),
    },
  };
}

const client = () =>
  new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, timeout: 10_000 });

describe('the outbox, in front of a slow Slack', () => {
  it('holds at most maxPending posts: the oldest waiting one is dropped, counted, and the depth reported', async () => {
    fake.held.add('chat.postMessage');
    const seen = counting();
    const outbox = new SlackOutbox({
      logger: silentLogger,
      maxPending: 5,
      spacingMs: 0,
      signals: seen.signals,
    });
    const web = client();
    const posts = Array.from({ length: 8 }, (_, i) =>
      outbox.post(web, 'C-slow', message(`answer ${i}`)).then(
        () => 'posted',
        (error: unknown) => (isDroppedPost(error) ? error.reason : 'failed'),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outbox.depth).toBe(5);
    expect(Math.max(...seen.depths)).toBe(5);
    fake.release('chat.postMessage');
    // All eight were asked for at once, before any was sent: the three oldest made room.
    expect(await Promise.all(posts)).toEqual([
      'full',
      'full',
      'full',
      'posted',
      'posted',
      'posted',
      'posted',
      'posted',
    ]);
    expect(seen.dropped).toEqual(['full', 'full', 'full']);
    expect(outbox.depth).toBe(0);
    expect(seen.depths.at(-1)).toBe(0);
  });

  it('drops a post that waited past its deadline behind slower ones', async () => {
    fake.held.add('chat.postMessage');
    const seen = counting();
    const outbox = new SlackOutbox({
      logger: silentLogger,
      deadlineMs: 100,
      spacingMs: 0,
      signals: seen.signals,
    });
    const web = client();
    const first = outbox.post(web, 'C-late', message('first'));
    const second = outbox.post(web, 'C-late', message('second')).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 200));
    fake.release('chat.postMessage');
    await first;
    const error = await second;
    expect(isDroppedPost(error) && error.reason).toBe('expired');
    expect(seen.dropped).toEqual(['expired']);
  });

  it('at close, drops what still waits and says how many were not posted', async () => {
    fake.held.add('chat.postMessage');
    const seen = counting();
    const outbox = new SlackOutbox({ logger: silentLogger, spacingMs: 0, signals: seen.signals });
    const web = client();
    const posts = [1, 2, 3].map((i) => outbox.post(web, 'C-stop', message(`a${i}`)).catch((e: unknown) => e));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // One being sent, two waiting: three acknowledged answers not posted.
    expect(outbox.close()).toBe(3);
    expect(seen.dropped).toEqual(['shutdown', 'shutdown']);
    const late = await outbox.post(web, 'C-stop', message('after')).catch((e: unknown) => e);
    expect(isDroppedPost(late) && late.reason).toBe('shutdown');
    fake.release('chat.postMessage');
    await Promise.all(posts);
  });
});

describe('policybot serve with a Slack API that hangs', () => {
  let serve: ServeProcess;

  afterAll(async () => {
    await serve?.stop();
  });

  it('at SIGTERM says how many acknowledged answers it could not post, and exits 0', async () => {
    fake.held.add('chat.postMessage');
    serve = await startServe({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      POLICYBOT_SHUTDOWN_GRACE_SECONDS: '1',
      POLICYBOT_UNANSWERED_LOG: 'off',
      POLICYBOT_CACHE_DIR: join(work, 'cache'),
    });
    for (const channel of ['C1', 'C1', 'C1', 'C2']) {
      const event = {
        type: 'app_mention',
        user: 'U0001',
        text: `<@${BOT_USER_ID}> ransomware`,
        channel,
        ts: ts(),
      };
      const res = await sendToBot(
        `${serve.base}/slack/events`,
        JSON.stringify(eventEnvelope(event)),
        'application/json',
        {
          secret: SIGNING_SECRET,
        },
      );
      expect(res.status).toBe(200);
    }
    await serve.logged((l) => l.msg === 'question' && l.platform === 'slack');
    const metrics = async () => (await fetch(`${serve.base}/metrics`)).text();
    const deadline = Date.now() + 10_000;
    while (!/^policybot_outbox_depth\{platform="slack"\} 4$/m.test(await metrics())) {
      if (Date.now() > deadline) throw new Error(`outbox depth never reached 4:\n${await metrics()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await serve.stop()).toBe(0);
    const said = serve
      .lines()
      .find((l) => l.msg === 'stopping: acknowledged answers not posted within the grace period');
    expect(said).toMatchObject({ notPosted: 4 });
    fake.release('chat.postMessage');
  }, 60_000);
});
