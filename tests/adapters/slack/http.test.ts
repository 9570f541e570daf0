// The HTTP transport of the Slack adapter: mounting, url_verification, signatures, retries, ignored events, failures and the log.
import { describe, expect, it } from 'vitest';
import { headerOf } from './blocks.js';
import { BOT_ID, BOT_USER_ID, eventEnvelope, sendToBot, ts } from './fake-slack.js';
import { slackHttpHarness } from './http-harness.js';
import { BOT_TOKEN, type RunningSlack, SIGNING_SECRET } from './setup.js';

// Real Bolt in HTTP mode on the shared server, real signatures, and a fake Slack Web API, all on 127.0.0.1.
let slack: RunningSlack;
const { sendEvent, sendCommand, nextPost } = slackHttpHarness((running) => {
  slack = running.slack;
});

describe('Slack over HTTP', () => {
  it('checked the token once at start-up (auth.test) and mounted /slack/events on the shared server', () => {
    expect(slack.fake.callsTo('/api/auth.test')).toHaveLength(1);
    expect(slack.http.paths()).toEqual(['/slack/events']);
    expect(slack.platform.isReady()).toBe(true);
  });

  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({ token: 't', challenge: 'challenge-abc123', type: 'url_verification' });
    const res = await sendToBot(slack.eventsUrl, body, 'application/json', { secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'challenge-abc123' });
  });

  it('rejects a bad signature and a stale timestamp with 401, and answers neither', async () => {
    const before = slack.fake.posts().length;
    const body = JSON.stringify(
      eventEnvelope({
        type: 'app_mention',
        user: 'U0001',
        text: `<@${BOT_USER_ID}> ransomware`,
        ts: ts(),
        channel: 'C0001',
      }),
    );
    const forged = await sendToBot(slack.eventsUrl, body, 'application/json', { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await sendToBot(slack.eventsUrl, body, 'application/json', {
      secret: SIGNING_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    const wrongMethod = await fetch(slack.eventsUrl);
    expect(wrongMethod.status).toBe(405);
    // A valid event afterwards is the next thing answered: the rejected ones never were.
    await sendEvent({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> fraud`,
      ts: ts(),
      channel: 'C0009',
    });
    const next = await nextPost(before);
    expect(next.body.channel).toBe('C0009');
    expect(slack.fake.posts()).toHaveLength(before + 1);
  });

  it('answers an event retried by Slack once', async () => {
    const before = slack.fake.posts().length;
    const event = {
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> ransomware`,
      ts: ts(),
      channel: 'C0004',
    };
    expect((await sendEvent(event, 'EvRetried')).status).toBe(200);
    await nextPost(before);
    const retry = await sendEvent(event, 'EvRetried', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retry.status).toBe(200);
    await sendEvent({ ...event, channel: 'C0005', ts: ts() }, 'EvSentinel');
    const sentinel = await nextPost(before + 1);
    expect(sentinel.body.channel).toBe('C0005');
    expect(slack.fake.posts().filter((p) => p.body.channel === 'C0004')).toHaveLength(1);
  });

  it('ignores bots (itself included), edits, deletions and chatter in its threads', async () => {
    const before = slack.fake.posts().length;
    const root = ts();
    await sendEvent({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> ransomware`,
      ts: root,
      channel: 'C0006',
    });
    await nextPost(before);
    const ignored = [
      {
        type: 'message',
        channel_type: 'im',
        user: BOT_USER_ID,
        bot_id: BOT_ID,
        text: 'ransomware',
        ts: ts(),
        channel: 'D0002',
      },
      {
        type: 'message',
        channel_type: 'im',
        subtype: 'bot_message',
        bot_id: 'B0THER',
        text: 'ransomware',
        ts: ts(),
        channel: 'D0002',
      },
      {
        type: 'message',
        channel_type: 'im',
        subtype: 'message_changed',
        channel: 'D0002',
        ts: ts(),
        message: { user: 'U0001', text: 'fraud' },
      },
      {
        type: 'message',
        channel_type: 'im',
        subtype: 'message_deleted',
        channel: 'D0002',
        ts: ts(),
        deleted_ts: root,
      },
      {
        type: 'app_mention',
        user: 'U0001',
        text: `<@${BOT_USER_ID}> fraud`,
        ts: ts(),
        channel: 'C0006',
        edited: { user: 'U0001', ts: ts() },
      },
      // In its thread: talk addressed to someone else, and talk that is not a question for it.
      {
        type: 'message',
        channel_type: 'channel',
        user: 'U0002',
        text: '<@U0003> can you check fraud?',
        ts: ts(),
        thread_ts: root,
        channel: 'C0006',
      },
      {
        type: 'message',
        channel_type: 'channel',
        user: 'U0002',
        text: 'see you at lunch',
        ts: ts(),
        thread_ts: root,
        channel: 'C0006',
      },
      // Not its thread.
      {
        type: 'message',
        channel_type: 'channel',
        user: 'U0002',
        text: 'ransomware',
        ts: ts(),
        thread_ts: ts(),
        channel: 'C0006',
      },
    ];
    for (const event of ignored) expect((await sendEvent(event)).status).toBe(200);
    await sendEvent({
      type: 'message',
      channel_type: 'im',
      user: 'U0001',
      text: 'fraud',
      ts: ts(),
      channel: 'D0003',
    });
    const sentinel = await nextPost(before + 1);
    expect(sentinel.body.channel).toBe('D0003');
    expect(slack.fake.posts()).toHaveLength(before + 2);
  });

  it('survives a failing handler: a short apology where it was asked, and the next question is answered', async () => {
    const before = slack.fake.posts().length;
    const root = ts();
    await sendEvent({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> explode please`,
      ts: root,
      channel: 'C0007',
    });
    const apology = await nextPost(before);
    expect(apology.body.thread_ts).toBe(root);
    expect(String(apology.body.text)).toMatch(/^Sorry, something went wrong/);
    const command = (await (await sendCommand('explode')).json()) as { text: string };
    expect(command.text).toMatch(/^Sorry, something went wrong/);
    await sendEvent({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> ransomware`,
      ts: ts(),
      channel: 'C0007',
    });
    expect(headerOf((await nextPost(before + 1)).body.blocks)).toBe('Ransomware');
    expect(slack.logLines.join('')).toContain('the core failed');
  });

  it('never writes a token or the signing secret to the log', () => {
    const log = slack.logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(BOT_TOKEN);
    expect(log).not.toContain(SIGNING_SECRET);
    expect(log).not.toMatch(/xox[bp]-/);
  });
});
