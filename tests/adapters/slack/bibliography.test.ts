import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import { LABELS, type PolicyAssistant } from '../../../src/core/index.js';
import { blockText, buttons, headerOf } from './blocks.js';
import { buttonClick, type Call, TEAM_ID, ts } from './fake-slack.js';
import { type RunningSlack, type SlackUser, slackOverHttp } from './setup.js';

// The bibliography button under answers, end to end: real Bolt over HTTP, the fake Web API with
// files.uploadV2 (files.getUploadURLExternal, the upload, files.completeUploadExternal). Pressed,
// it answers with the conversation the button's message is in, and uploads its files beside it;
// under an answer only its asker sees, the files go to their direct messages with the bot.
let slack: RunningSlack;
let user: SlackUser;
let real: PolicyAssistant;

slackOverHttp((running) => {
  ({ slack, user, assistant: real } = running);
});

type Item = { title?: string; URL?: string; issued?: unknown };

const inChannel = (channel: string) => (call: Call) => call.body.channel === channel;

/** The uploaded files, by name, for a channel (and thread). */
async function uploaded(channel: string, count: number, threadTs?: string): Promise<Record<string, string>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const files = slack.fake.files.filter(
      (f) => f.channel === channel && (threadTs === undefined || f.threadTs === threadTs),
    );
    if (files.length >= count) return Object.fromEntries(files.map((f) => [f.filename, f.content]));
    if (Date.now() > deadline)
      throw new Error(
        `expected ${count} files in ${channel}, got ${files.length}: ${JSON.stringify(slack.fake.calls.filter((c) => /files|upload|conversations/.test(c.path)).slice(0, 4))} ${slack.logLines
          .filter((l) => /error|warn/.test(l))
          .join(' ')
          .slice(0, 1500)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Each record file as a reference manager reads it: the same sources, URL, title and date alike. */
function expectSameSources(files: Record<string, string>): void {
  const named = (ext: string) => Object.entries(files).find(([n]) => n.endsWith(`.${ext}`))?.[1] ?? '';
  const json = JSON.parse(named('json')) as Item[];
  expect(json.length).toBeGreaterThan(0);
  const words = (t: string | undefined) => (t ?? '').toLowerCase();
  for (const items of [new Cite(named('bib')).data as Item[], new Cite(named('ris')).data as Item[]]) {
    expect(items.map((i) => i.URL).sort()).toEqual(json.map((i) => i.URL).sort());
    for (const item of items) {
      const same = json.find((j) => j.URL === item.URL);
      expect(words(item.title), item.URL).toBe(words(same?.title));
      expect(item.issued, item.title).toEqual(same?.issued);
    }
  }
}

describe('the bibliography button on Slack', () => {
  it('in a thread: the thread’s sources, and its .bib, .ris, .json and .txt uploaded in the thread', async () => {
    const channel = 'C0BIBLIO';
    const root = ts();
    for (const [i, question] of [
      'fentanyl',
      'what does the report say about ransomware',
      'human trafficking',
    ].entries()) {
      await user.event({
        type: 'app_mention',
        user: 'U0001',
        text: `<@UBOT> ${question}`,
        ts: i === 0 ? root : ts(),
        ...(i === 0 ? {} : { thread_ts: root }),
        channel,
      });
      await user.delivered(inChannel(channel), i + 1);
    }
    const [, , last] = await user.delivered(inChannel(channel), 3);
    const bibliography = buttons(last?.body.blocks).find((b) => b.action_id === 'policybot_bibliography');
    if (bibliography === undefined) throw new Error('no bibliography button under a citing answer');
    await user.click(
      buttonClick(bibliography, {
        channel,
        messageTs: last?.ts ?? ts(),
        threadTs: root,
        responseUrl: slack.fake.responseUrl('biblio-thread'),
      }),
    );
    const expected = await real.showBibliography({
      platform: 'slack',
      conversationId: `slack:${TEAM_ID}:${channel}:${root}`,
    });
    expect(expected.kind).toBe('bibliography');
    expect(expected.references.length).toBeGreaterThanOrEqual(2);
    const [, , , listed] = await user.delivered(inChannel(channel), 4);
    expect(listed?.body.thread_ts).toBe(root);
    expect(headerOf(listed?.body.blocks)).toBe(expected.title);
    const shown = blockText(listed?.body.blocks)
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    for (const r of expected.references) expect(shown).toContain(r.entry);
    const names = (expected.files ?? []).map((f) => f.name);
    expect(shown).toContain(LABELS.filesAttached(names));
    const files = await uploaded(channel, names.length, root);
    for (const f of expected.files ?? []) expect(files[f.name]).toBe(f.content);
    expectSameSources(files);
  });

  it('under a private /policy answer: listed privately, the files in the person’s direct messages', async () => {
    const reply = await user.command('what does the report say about fentanyl', 'biblio-ask');
    const bibliography = buttons(reply.blocks).find((b) => b.action_id === 'policybot_bibliography');
    if (bibliography === undefined) throw new Error('no bibliography button under a private answer');
    await user.click(
      buttonClick(bibliography, {
        channel: 'C0001',
        messageTs: ts(),
        ephemeral: true,
        responseUrl: slack.fake.responseUrl('biblio-private'),
      }),
    );
    const [listed] = await slack.fake.waitFor('/response/biblio-private');
    expect(listed?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const expected = await real.showBibliography({
      platform: 'slack',
      conversationId: `slack:${TEAM_ID}:C0001:U0001:command`,
    });
    const names = (expected.files ?? []).map((f) => f.name);
    expect(names.length).toBe(4);
    expect(blockText(listed?.body.blocks)).toContain(LABELS.filesInDirectMessage(names));
    // Nothing shared in the channel; every file in the DM.
    expect(slack.fake.files.filter((f) => f.channel === 'C0001')).toHaveLength(0);
    const files = await uploaded('DU0001', names.length);
    for (const f of expected.files ?? []) expect(files[f.name]).toBe(f.content);
    expectSameSources(files);
  });

  it('asked in words in a DM ("references so far"): the list and its files in the DM', async () => {
    const channel = 'D0BIBLIO';
    await user.event({
      type: 'message',
      channel_type: 'im',
      user: 'U0001',
      text: 'ransomware',
      ts: ts(),
      channel,
    });
    await user.delivered(inChannel(channel), 1);
    await user.event({
      type: 'message',
      channel_type: 'im',
      user: 'U0001',
      text: 'references so far',
      ts: ts(),
      channel,
    });
    const [, listed] = await user.delivered(inChannel(channel), 2);
    const expected = await real.showBibliography({
      platform: 'slack',
      conversationId: `slack:${TEAM_ID}:${channel}`,
    });
    expect(headerOf(listed?.body.blocks)).toBe(expected.title);
    const files = await uploaded(channel, 4);
    for (const f of expected.files ?? []) expect(files[f.name]).toBe(f.content);
  });
});
