import { describe, expect, it } from 'vitest';
import { BUTTON_VALUE_MAX, decodeValue, encodeValue } from '../../../src/adapters/slack/actions.js';
import { blockText, buttons, headerOf } from './blocks.js';
import { buttonClick, type Call, ts } from './fake-slack.js';
import { type RunningSlack, type SlackUser, slackOverHttp } from './setup.js';

// "Share in channel" on a /policy answer, where the bot is a member of the conversation and where
// it is not (a private channel, a DM between people): real Bolt over HTTP, the fake Web API.
let slack: RunningSlack;
let user: SlackUser;

slackOverHttp((running) => {
  ({ slack, user } = running);
});

/** Asks with /policy in a channel and clicks "Share in channel" on the private answer. */
async function askAndShare(question: string, channel: string, responseId: string) {
  const reply = await user.command(question, `${responseId}-ask`);
  const share = buttons(reply.blocks).find((b) => b.text.text === 'Share in channel');
  if (!share) throw new Error('no share button');
  const click = buttonClick(share, {
    channel,
    messageTs: ts(),
    ephemeral: true,
    responseUrl: slack.fake.responseUrl(responseId),
  });
  expect((await user.click(click)).status).toBe(200);
  return { reply, share };
}

const inChannel = (channel: string) => (call: Call) => call.body.channel === channel;

describe('Share in channel', () => {
  it('where the bot is a member: posts it, says replies continue it, and a reply in the thread does', async () => {
    await askAndShare('what does the report say about ransomware', 'C0MEMBER', 'share-member');
    const [shared] = await user.delivered(inChannel('C0MEMBER'));
    const shown = blockText(shared?.body.blocks);
    expect(headerOf(shared?.body.blocks)).toBe('Ransomware');
    expect(shown).toContain('Asked: what does the report say about ransomware');
    expect(shown).toContain('Reply in this thread to continue');
    const [deleted] = await slack.fake.waitFor('/response/share-member');
    expect(deleted?.body).toEqual({ delete_original: true });

    // The promise holds: a reply in the shared message's thread, with no mention, continues ransomware.
    const rootTs = shared?.ts;
    await user.event({
      type: 'message',
      channel_type: 'channel',
      user: 'U0002',
      text: 'source?',
      ts: ts(),
      thread_ts: rootTs,
      channel: 'C0MEMBER',
    });
    const [, sources] = await user.delivered(inChannel('C0MEMBER'), 2);
    expect(sources?.body.thread_ts).toBe(rootTs);
    expect(blockText(sources?.body.blocks)).toContain('Sources for *Ransomware*');
  });

  it('where the bot is not in the conversation (not_in_channel): posts through the response_url, promising nothing it cannot hear', async () => {
    slack.fake.channelFailures.set('G0PRIVATE', 'not_in_channel');
    await askAndShare('what does the report say about fentanyl', 'G0PRIVATE', 'share-private');
    const [shared, deleted] = await slack.fake.waitFor('/response/share-private', 2);
    expect(shared?.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    const shown = blockText(shared?.body.blocks);
    expect(headerOf(shared?.body.blocks)).toBe('Illicit drugs and trafficking');
    expect(shown).toContain('Asked: what does the report say about fentanyl');
    expect(shown).not.toContain('Reply in this thread');
    expect(shown).toContain('I cannot read replies here');
    expect(shown).toContain('/invite @policybot');
    expect(deleted?.body).toEqual({ delete_original: true });
    // Nothing was posted by the bot there, and no apology anywhere.
    expect(slack.fake.delivered.filter(inChannel('G0PRIVATE'))).toHaveLength(0);
    expect(slack.fake.calls.filter((c) => String(c.body.text ?? '').startsWith('Sorry'))).toHaveLength(0);

    // Its buttons still answer, through their own click's response_url, in the message's thread.
    const more = buttons(shared?.body.blocks).find((b) => b.text.text === 'Tell me more');
    if (!more) throw new Error('no Tell me more on the shared answer');
    const messageTs = ts();
    await user.click(
      buttonClick(more, {
        channel: 'G0PRIVATE',
        messageTs,
        responseUrl: slack.fake.responseUrl('private-more'),
      }),
    );
    const [detail] = await slack.fake.waitFor('/response/private-more');
    expect(detail?.body).toMatchObject({
      response_type: 'in_channel',
      replace_original: false,
      thread_ts: messageTs,
    });
    expect(headerOf(detail?.body.blocks)).toBe('Illicit drugs and trafficking');
  });

  it("a bibliography shared where the bot is not a member: for everyone without files; the files in the sharer's direct messages, and told to them alone", async () => {
    slack.fake.channelFailures.set('G0BIB', 'not_in_channel');
    await user.command('what does the report say about ransomware', 'bib-first');
    const { reply } = await askAndShare('bibliography please', 'G0BIB', 'share-bib');
    expect(blockText(reply.blocks)).toMatch(/direct messages/);
    const [shared, note, deleted] = await slack.fake.waitFor('/response/share-bib', 3);
    expect(shared?.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(blockText(shared?.body.blocks)).not.toMatch(/direct messages|attached/i);
    expect(note?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(note?.body.text)).toMatch(/in your direct messages with me/);
    expect(deleted?.body).toEqual({ delete_original: true });
    // The four files twice in the sharer's DM: once for the private answer, once for the shared one.
    const inDm = () => slack.fake.files.filter((f) => f.channel === 'DU0001');
    const deadline = Date.now() + 10_000;
    while (inDm().length < 8 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const sent = inDm().slice(-4);
    expect(sent.map((f) => f.filename.split('.').pop()).sort()).toEqual(['bib', 'json', 'ris', 'txt']);
    for (const name of sent.map((f) => f.filename)) expect(String(note?.body.text)).toContain(name);
    expect(slack.fake.files.filter((f) => f.channel === 'G0BIB')).toHaveLength(0);
  });

  it('keeps the button for a question of any length: its value carries a reference, within 2,000 characters', async () => {
    // Quotes and backslashes double in JSON; emoji are two UTF-16 units each.
    const question = `ransomware ${'"\\🦊 '.repeat(120)}`.trim();
    const { share } = await askAndShare(question, 'C0LONG', 'share-long');
    expect(share.value.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
    const [shared] = await user.delivered(inChannel('C0LONG'));
    const asked = blockText(shared?.body.blocks)
      .split('\n')
      .find((l) => l.startsWith('Asked: '));
    expect(asked).toMatch(/^Asked: ransomware .*…$/);
  });

  /** What the answer itself shows: its header, sections and references, without buttons or small print. */
  const body = (blocks: unknown) =>
    (blocks as Array<{ type: string }>).filter((b) => b.type !== 'actions' && b.type !== 'context');

  it('shares the private answer as it was: its style (APA) and every quote, not the question asked again', async () => {
    const question = 'what does the report say about fentanyl? cite it in APA';
    const { reply } = await askAndShare(question, 'C0APA', 'share-apa');
    const [shared] = await user.delivered(inChannel('C0APA'));
    const privately = body(reply.blocks);
    expect(blockText(privately)).toContain('1787. (n.d.). Transnational crime.'); // APA, not Chicago
    expect(body(shared?.body.blocks)).toEqual(privately);
    expect(blockText(shared?.body.blocks)).toContain(`Asked: ${question}`);
  });

  it('shares a question declined privately as too long as the same decline, not an answer', async () => {
    const question = `fentanyl ${'and more about fentanyl trafficking '.repeat(20)}`.trim();
    expect(question.length).toBeGreaterThan(500);
    const { reply } = await askAndShare(question, 'C0DECLINE', 'share-decline');
    const [shared] = await user.delivered(inChannel('C0DECLINE'));
    expect(headerOf(shared?.body.blocks)).toBe(headerOf(reply.blocks));
    expect(headerOf(shared?.body.blocks)).not.toBe('Illicit drugs and trafficking');
    expect(body(shared?.body.blocks)).toEqual(body(reply.blocks));
  });

  it('says plainly, to the person alone, when the answer is no longer kept, and asks nothing again', async () => {
    const reply = await user.command('what does the report say about ransomware', 'gone-ask');
    const share = buttons(reply.blocks).find((b) => b.text.text === 'Share in channel');
    const value = decodeValue(share?.value);
    if (!share || !value?.ref) throw new Error('no share button with a reference');
    // An answer no longer in the store: a reference nothing was kept under.
    const gone = { ...share, value: encodeValue({ ...value, ref: '00000000-0000-4000-8000-000000000000' }) };
    await user.click(
      buttonClick(gone, {
        channel: 'C0GONE',
        messageTs: ts(),
        ephemeral: true,
        responseUrl: slack.fake.responseUrl('share-gone'),
      }),
    );
    const [said] = await slack.fake.waitFor('/response/share-gone');
    expect(said?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(said?.body.text)).toContain('no longer kept');
    expect(slack.fake.delivered.filter(inChannel('C0GONE'))).toHaveLength(0);
  });
});
