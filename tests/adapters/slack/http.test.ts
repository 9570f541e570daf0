import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAdapter } from '../../../src/adapters/slack/index.js';
import type { PolicyAssistant } from '../../../src/core/index.js';
import { HttpRoutes } from '../../../src/runtime/http.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { blockText, buttons, headerOf } from './blocks.js';
import {
  BOT_ID,
  BOT_USER_ID,
  buttonClick,
  eventEnvelope,
  FakeSlack,
  sendToBot,
  slashCommand,
  ts,
} from './fake-slack.js';
import { BOT_TOKEN, type RunningSlack, realAssistant, SIGNING_SECRET, startSlack } from './setup.js';

// Real Bolt in HTTP mode on the shared server, real signatures, and a fake Slack Web API, all on 127.0.0.1.
let slack: RunningSlack;
let assistant: PolicyAssistant;
/** Every question the core was asked, as it received it. */
const asked: string[] = [];

const DRUGS_REFERENCE = 'Annual Threat Assessment of the U.S. Intelligence Community';

beforeAll(async () => {
  const real = await realAssistant();
  // The real assistant, except that one question makes it fail, to test that failures stay contained.
  assistant = {
    ...real,
    ask: (question, context) => {
      asked.push(question);
      if (question.includes('explode')) throw new Error('the core failed');
      return real.ask(question, context);
    },
  };
  slack = await startSlack(assistant, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET });
});

afterAll(async () => {
  await slack?.close();
});

const sendEvent = (event: Record<string, unknown>, eventId?: string, headers?: Record<string, string>) =>
  sendToBot(slack.eventsUrl, JSON.stringify(eventEnvelope(event, eventId)), 'application/json', {
    secret: SIGNING_SECRET,
    ...(headers ? { headers } : {}),
  });

const sendCommand = (text: string, responseId = 'cmd') =>
  sendToBot(
    slack.eventsUrl,
    new URLSearchParams(slashCommand(text, slack.fake.responseUrl(responseId))).toString(),
    'application/x-www-form-urlencoded',
    { secret: SIGNING_SECRET },
  );

const sendClick = (payload: Record<string, unknown>) =>
  sendToBot(
    slack.eventsUrl,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    { secret: SIGNING_SECRET },
  );

/** Waits for the next chat.postMessage after `before` of them. */
async function nextPost(before: number) {
  const posts = await slack.fake.waitFor('/api/chat.postMessage', before + 1);
  const post = posts[before];
  if (!post) throw new Error('no post');
  return post;
}

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

  it('answers a signed slash command ephemerally, with the citation; "Share in channel" posts it', async () => {
    const res = await sendCommand('what does the report say about fentanyl?');
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(reply.response_type).toBe('ephemeral');
    const text = blockText(reply.blocks);
    expect(reply.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Illicit drugs and trafficking' },
    });
    expect(text).toContain(DRUGS_REFERENCE);
    expect(text).toContain('fentanyl');
    const labels = buttons(reply.blocks).map((b) => b.text.text);
    expect(labels).toEqual([
      'Tell me more',
      'Sources',
      'Related solutions',
      'Bibliography',
      'Share in channel',
    ]);

    const share = buttons(reply.blocks).find((b) => b.text.text === 'Share in channel');
    if (!share) throw new Error('no share button');
    const before = slack.fake.posts().length;
    const click = await sendClick(
      buttonClick(share, {
        channel: 'C0001',
        messageTs: ts(),
        ephemeral: true,
        responseUrl: slack.fake.responseUrl('share'),
      }),
    );
    expect(click.status).toBe(200);
    const post = await nextPost(before);
    expect(post.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.body.channel).toBe('C0001');
    expect(post.body.thread_ts).toBeUndefined();
    expect(blockText(post.body.blocks)).toContain(DRUGS_REFERENCE);
    expect(blockText(post.body.blocks)).toContain('Asked: what does the report say about fentanyl?');
    expect(buttons(post.body.blocks).map((b) => b.text.text)).not.toContain('Share in channel');
    // The private copy is removed once the answer is public.
    const [deleted] = await slack.fake.waitFor('/response/share');
    expect(deleted?.body).toMatchObject({ delete_original: true });
  });

  it('continues a slash conversation and answers "cite <topic> [style]" with the copy-ready reference', async () => {
    await sendCommand('ransomware', 'r1');
    const more = (await (await sendCommand('source?', 'r2')).json()) as { blocks: unknown[] };
    expect(blockText(more.blocks)).toContain('Sources for *Ransomware*');

    const cite = (await (await sendCommand('cite human trafficking apa', 'r3')).json()) as {
      blocks: unknown[];
    };
    const text = blockText(cite.blocks);
    expect(cite.blocks[0]).toMatchObject({ type: 'header' });
    expect(text).toMatch(/Cite: .*trafficking/i);
    // APA 7, a web page by an organization with no date: author. (n.d.). Title. Retrieved date, from URL
    expect(text).toContain(
      '1787. (n.d.). Transnational crime. Retrieved November 26, 2026, from https://1787securityplatform.com/transnationalcrime',
    );
    expect(text).not.toContain("I don't write");

    const unknown = blockText(
      ((await (await sendCommand('cite ransomware harvard', 'r4')).json()) as { blocks: unknown[] }).blocks,
    );
    // Said back as typed (lower case), not shouted.
    expect(unknown).toContain("I don't write harvard references");
    expect(unknown).toMatch(/quoted in 1787/i);
  });

  it('answers /policy help and an empty /policy with the help text', async () => {
    for (const text of ['help', '']) {
      const reply = (await (await sendCommand(text)).json()) as { blocks: unknown[] };
      const shown = blockText(reply.blocks);
      expect(shown).toContain('/policy cite &lt;topic&gt;');
      expect(shown).toContain('I answer questions about');
    }
  });

  it('answers a mention in a thread under it, and a follow-up in the thread uses the conversation', async () => {
    const root = ts();
    const before = slack.fake.posts().length;
    const res = await sendEvent({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> what does the report say about ransomware?`,
      ts: root,
      channel: 'C0001',
    });
    expect(res.status).toBe(200);
    const answer = await nextPost(before);
    expect(answer.body.channel).toBe('C0001');
    expect(answer.body.thread_ts).toBe(root);
    expect(headerOf(answer.body.blocks)).toBe('Ransomware');
    expect(String(answer.body.text)).toMatch(/^Ransomware: /);

    // No mention needed in a thread the bot answers in.
    await sendEvent({
      type: 'message',
      channel_type: 'channel',
      user: 'U0001',
      text: 'source?',
      ts: ts(),
      thread_ts: root,
      channel: 'C0001',
    });
    const sources = await nextPost(before + 1);
    expect(sources.body.thread_ts).toBe(root);
    expect(blockText(sources.body.blocks)).toContain('Sources for *Ransomware*');

    // A mention in the thread too.
    await sendEvent({
      type: 'app_mention',
      user: 'U0002',
      text: `<@${BOT_USER_ID}> what should we do about it?`,
      ts: ts(),
      thread_ts: root,
      channel: 'C0001',
    });
    const solutions = await nextPost(before + 2);
    expect(solutions.body.thread_ts).toBe(root);
    expect(blockText(solutions.body.blocks)).toContain("Of 1787's ten solutions, these bear on *Ransomware*");
  });

  it("continues an older answer's own topic from its buttons", async () => {
    const root = ts();
    const before = slack.fake.posts().length;
    await sendEvent({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> fraud and money laundering`,
      ts: root,
      channel: 'C0002',
    });
    const first = await nextPost(before);
    await sendEvent({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> ransomware`,
      ts: ts(),
      thread_ts: root,
      channel: 'C0002',
    });
    await nextPost(before + 1);
    // "Tell me more" on the first answer (fraud), after the thread moved on to ransomware.
    const more = buttons(first.body.blocks).find((b) => b.text.text === 'Tell me more');
    if (!more) throw new Error('no button');
    await sendClick(
      buttonClick(more, {
        channel: 'C0002',
        messageTs: '1700000100.000001',
        threadTs: root,
        responseUrl: slack.fake.responseUrl('b'),
      }),
    );
    const detail = await nextPost(before + 2);
    expect(detail.body.thread_ts).toBe(root);
    expect(headerOf(detail.body.blocks)).toBe('Fraud and money laundering');
    expect(buttons(detail.body.blocks).map((b) => b.text.text)).not.toContain('Tell me more');
  });

  it('answers a direct message in the DM, the DM being one conversation', async () => {
    const before = slack.fake.posts().length;
    await sendEvent({
      type: 'message',
      channel_type: 'im',
      user: 'U0001',
      text: 'tell me about human trafficking',
      ts: ts(),
      channel: 'D0001',
    });
    const answer = await nextPost(before);
    expect(answer.body.channel).toBe('D0001');
    expect(answer.body.thread_ts).toBeUndefined();
    const topic = headerOf(answer.body.blocks);
    expect(topic).toMatch(/trafficking/i);
    await sendEvent({
      type: 'message',
      channel_type: 'im',
      user: 'U0001',
      text: 'tell me more',
      ts: ts(),
      channel: 'D0001',
    });
    const more = await nextPost(before + 1);
    expect(more.body.channel).toBe('D0001');
    expect(headerOf(more.body.blocks)).toBe(topic);
  });

  it('offers "Did you mean" topics as buttons when it declines, and a click answers that topic', async () => {
    const before = slack.fake.posts().length;
    const root = ts();
    await sendEvent({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> what's the weather in mexico city?`,
      ts: root,
      channel: 'C0003',
    });
    const decline = await nextPost(before);
    const topics = buttons(decline.body.blocks).filter((b) => b.action_id.startsWith('policybot_topic_'));
    expect(topics.length).toBeGreaterThan(0);
    const pick = topics.find((b) => b.text.text === 'Illicit drugs and trafficking') ?? topics[0];
    if (!pick) throw new Error('no topic button');
    await sendClick(
      buttonClick(pick, {
        channel: 'C0003',
        messageTs: '1700000100.000009',
        threadTs: root,
        responseUrl: slack.fake.responseUrl('t'),
      }),
    );
    const answer = await nextPost(before + 1);
    expect(answer.body.thread_ts).toBe(root);
    expect(headerOf(answer.body.blocks)).toBe(pick.text.text);
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

  it("decodes Slack's &amp; &lt; &gt; before the core, and shows a person's words back escaped once", async () => {
    // Slack delivers "fentanyl & cartels <3" as "fentanyl &amp; cartels &lt;3", mentions as markup.
    const before = slack.fake.posts().length;
    await sendEvent({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> fentanyl &amp; cartels &lt;3 <https://www.dni.gov/x|the report> <@U0002>`,
      ts: ts(),
      channel: 'C0010',
    });
    await nextPost(before);
    expect(asked.at(-1)).toBe('fentanyl & cartels <3 the report');

    // The same in a slash command, and in what is shown back: no "amp", no "&amp;amp;".
    const none = (await (await sendCommand('cite R&amp;D &lt;b&gt; stuff')).json()) as { blocks: unknown[] };
    const shown = blockText(none.blocks);
    expect(shown).toContain('no topic called “R&amp;D &lt;b&gt; stuff”');
    expect(shown).not.toContain('&amp;amp;');
    expect(shown).not.toContain('&amp;lt;');

    const reply = (await (await sendCommand('fentanyl &amp; cartels')).json()) as { blocks: unknown[] };
    expect(asked.at(-1)).toBe('fentanyl & cartels');
    const share = buttons(reply.blocks).find((b) => b.text.text === 'Share in channel');
    if (!share) throw new Error('no share button');
    const posted = slack.fake.posts().length;
    await sendClick(
      buttonClick(share, {
        channel: 'C0001',
        messageTs: ts(),
        ephemeral: true,
        responseUrl: slack.fake.responseUrl('share-escaped'),
      }),
    );
    const sharedText = blockText((await nextPost(posted)).body.blocks);
    expect(sharedText).toContain('Asked: fentanyl &amp; cartels');
    expect(sharedText).not.toContain('&amp;amp;');
  });

  it('cuts shown-back words between characters, never inside an emoji', async () => {
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    // 🦊 straddles the 200th character; 👩‍💻 (three code points) the cut of the notification text.
    for (const words of [
      `${'x'.repeat(198)}🦊${'y'.repeat(50)}`,
      `${'z'.repeat(280)}👩‍💻${'w'.repeat(50)}`,
    ]) {
      const reply = (await (await sendCommand(`cite ${words}`)).json()) as {
        text: string;
        blocks: unknown[];
      };
      const shown = blockText(reply.blocks);
      expect(shown).toContain('…');
      expect(shown).not.toMatch(lone);
      expect(reply.text).not.toMatch(lone);
      expect(reply.text).not.toContain('\u200D…');
    }
  });

  it('never writes a token or the signing secret to the log', () => {
    const log = slack.logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(BOT_TOKEN);
    expect(log).not.toContain(SIGNING_SECRET);
    expect(log).not.toMatch(/xox[bp]-/);
  });
});

describe('Slack start-up', () => {
  it('fails with a ConfigError when Slack rejects the bot token, without echoing it', async () => {
    const fake = await new FakeSlack().start();
    try {
      fake.failures.set('auth.test', 'invalid_auth');
      const http = new HttpRoutes();
      const env = {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
      };
      const started = slackAdapter.start({ assistant, env, http, logger: silentLogger });
      await expect(started).rejects.toThrow(/^Slack did not accept SLACK_BOT_TOKEN: .*invalid_auth/);
      await expect(started).rejects.not.toThrow(BOT_TOKEN);
      expect(http.size).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it.each([
    ['is not served at all (404)', (fake: FakeSlack) => fake.missing.add('auth.test')],
    ['is an unknown method', (fake: FakeSlack) => fake.failures.set('auth.test', 'unknown_method')],
  ])('serves anyway when auth.test %s, and warns', async (_, prepare) => {
    const running = await startSlack(
      assistant,
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET },
      (fake) => {
        prepare(fake);
      },
    );
    try {
      expect(running.logLines.join('\n')).toContain('could not check the bot token with auth.test');
      const response = await sendToBot(
        running.eventsUrl,
        new URLSearchParams(
          slashCommand('what does the report say about ransomware', running.fake.responseUrl('x')),
        ).toString(),
        'application/x-www-form-urlencoded',
        { secret: SIGNING_SECRET },
      );
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).toContain('ransomware operations');
    } finally {
      await running.close();
    }
  });
});
