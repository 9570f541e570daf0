// Conversations over HTTP: slash commands, mentions and threads, DMs, buttons and "Did you mean", end to end.
import { describe, expect, it } from 'vitest';
import { blockText, buttons, headerOf } from './blocks.js';
import { BOT_USER_ID, buttonClick, ts } from './fake-slack.js';
import { slackHttpHarness } from './http-harness.js';
import { BOT_TOKEN, type RunningSlack } from './setup.js';

// Real Bolt in HTTP mode on the shared server, real signatures, and a fake Slack Web API, all on 127.0.0.1.
let slack: RunningSlack;
const { sendEvent, sendCommand, sendClick, nextPost } = slackHttpHarness((running) => {
  slack = running.slack;
});

const DRUGS_REFERENCE = 'Annual Threat Assessment of the U.S. Intelligence Community';

describe('Slack over HTTP', () => {
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
});
