import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../src/adapters/slack/actions.js';
import { ASK_BLOCKS, ASK_VIEW } from '../../../src/adapters/slack/ask-modal.js';
import { askShortcut, citeThisShortcut } from '../../../src/adapters/slack/shortcuts.js';
import { citeEntries } from '../../../src/core/citations/cite.js';
import type { CitationStyle } from '../../../src/core/citations/styles.js';
import type { PolicyAssistant } from '../../../src/core/index.js';
import { blockText, buttons, headerOf } from './blocks.js';
import { buttonClick, type Call, ts } from './fake-slack.js';
import { globalShortcut, messageShortcut, selectChosen, viewSubmission } from './payloads.js';
import { type RunningSlack, realAssistant, type SlackUser, slackOverHttp } from './setup.js';

// "Cite this" (a message shortcut) and "Ask policybot" (a global shortcut and its modal), end to
// end: real Bolt over HTTP with signed requests, the fake Web API and response_urls.
let slack: RunningSlack;
let user: SlackUser;
let real: PolicyAssistant;
/** While set, every cite and ask waits for it: an answer slower than Slack's three seconds. */
let held: Promise<void> | undefined;

slackOverHttp(
  (running) => {
    ({ slack, user } = running);
  },
  async () => {
    real = await realAssistant();
    // The real assistant, slowed while `held` is set.
    return new Proxy(real, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if ((key === 'cite' || key === 'ask') && typeof value === 'function') {
          return async (...args: unknown[]) => {
            await held;
            return value.apply(target, args);
          };
        }
        return value;
      },
    });
  },
);

/** The references of a topic in a style, as the core gives them. */
async function entriesOf(topic: string, style: CitationStyle): Promise<string[]> {
  const result = await real.cite(topic, style);
  if (result.kind === 'none' || result.kind === 'rate-limited') throw new Error(`nothing cited for ${topic}`);
  return citeEntries(result).entries.map((e) => e.reference.entry);
}

async function citeThis(text: string, responseId: string, channel = 'C0CITE') {
  const res = await user.click(
    messageShortcut(
      citeThisShortcut.callbackId,
      { text, ts: ts() },
      { channel, responseUrl: slack.fake.responseUrl(responseId) },
    ),
  );
  expect(res.status).toBe(200);
  const [reply] = await slack.fake.waitFor(`/response/${responseId}`);
  return reply?.body as { response_type: string; text: string; blocks: unknown[] };
}

describe('Cite this (message shortcut)', () => {
  it('cites the topic a message is about: its verbatim quote and reference, privately, with Share, Sources and "Not this one?"', async () => {
    const reply = await citeThis('the ATA says TCOs see human trafficking as low-risk', 'cite-trafficking');
    const topic = real.knowledgeBase.topics.get('threat.trafficking');
    expect(reply.response_type).toBe('ephemeral');
    expect(headerOf(reply.blocks)).toBe(`Cite: ${topic?.title}`);
    const shown = blockText(reply.blocks);
    expect(shown).toContain('On: “the ATA says TCOs see human trafficking as low-risk”');
    // The quote, word for word as the knowledge base holds it, and the reference in the default style.
    const quote = topic?.quotes[0]?.text.replace(/\s+/g, ' ') ?? '';
    expect(quote.length).toBeGreaterThan(20);
    expect(shown.replace(/\s+/g, ' ')).toContain(
      quote.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    );
    for (const entry of await entriesOf('threat.trafficking', real.defaultStyle))
      expect(shown).toContain(entry.replace(/&/g, '&amp;'));
    const controls = buttons(reply.blocks);
    expect(controls.map((c) => c.action_id)).toEqual([
      ACTION_IDS.shareCitation,
      ACTION_IDS.source,
      ACTION_IDS.citePick,
    ]);
    expect(controls.find((c) => c.action_id === ACTION_IDS.source)?.text.text).toBe('Sources');
  });

  it('says plainly that the sources do not support a claim they do not make, and names the nearest topics', async () => {
    const reply = await citeThis('the ATA says cartels run the Vatican bank', 'cite-vatican');
    expect(headerOf(reply.blocks)).toBe('Not in the sources');
    const shown = blockText(reply.blocks);
    expect(shown).toContain('do not support this');
    expect(shown).toContain('Nearest topics:');
    expect(shown).not.toContain('Cite:');
    expect(buttons(reply.blocks).some((b) => b.action_id.startsWith(`${ACTION_IDS.topic}_`))).toBe(true);
  });

  it('acknowledges at once however slow the answer, and the answer follows through the response_url', async () => {
    let release = () => {};
    held = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      const started = Date.now();
      const res = await user.click(
        messageShortcut(
          citeThisShortcut.callbackId,
          { text: 'ransomware attacks on hospitals', ts: ts() },
          { channel: 'C0SLOW', responseUrl: slack.fake.responseUrl('cite-slow') },
        ),
      );
      // Slack's three seconds: the acknowledgement came back while the answer was still being made.
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(slack.fake.callsTo('/response/cite-slow')).toHaveLength(0);
    } finally {
      release();
      held = undefined;
    }
    const [reply] = await slack.fake.waitFor('/response/cite-slow');
    expect(headerOf(reply?.body.blocks)).toMatch(/^Cite: /);
  });

  it('a message with no words, or only markup, gets a clear word, not a citation', async () => {
    const reply = await citeThis('<@U0003>', 'cite-empty');
    expect(blockText(reply.blocks)).toContain('no words I can read');
  });

  it('Share in channel posts the citation for everyone, in the style it was shown in, and removes the private copy', async () => {
    const reply = await citeThis('what does the report say about fentanyl', 'cite-share', 'C0SHARE');
    const share = buttons(reply.blocks).find((b) => b.action_id === ACTION_IDS.shareCitation);
    if (!share) throw new Error('no share button');
    await user.click(
      buttonClick(share, {
        channel: 'C0SHARE',
        messageTs: ts(),
        ephemeral: true,
        responseUrl: slack.fake.responseUrl('cite-share-click'),
      }),
    );
    const [posted] = await user.delivered((c: Call) => c.body.channel === 'C0SHARE');
    expect(headerOf(posted?.body.blocks)).toBe(headerOf(reply.blocks));
    // The shared copy has no Share button of its own.
    expect(buttons(posted?.body.blocks).some((b) => b.action_id === ACTION_IDS.shareCitation)).toBe(false);
    const [deleted] = await slack.fake.waitFor('/response/cite-share-click');
    expect(deleted?.body).toEqual({ delete_original: true });
  });

  it('"Not this one?" cites the topic picked instead, in place of the reply', async () => {
    const reply = await citeThis('the ATA says TCOs see human trafficking as low-risk', 'cite-pick');
    const pick = buttons(reply.blocks).find((b) => b.action_id === ACTION_IDS.citePick);
    if (!pick) throw new Error('no "Not this one?"');
    await user.click(
      selectChosen(pick, 'threat.drugs', {
        kind: 'message',
        channel: 'C0CITE',
        messageTs: ts(),
        ephemeral: true,
        responseUrl: slack.fake.responseUrl('cite-picked'),
      }),
    );
    const [picked] = await slack.fake.waitFor('/response/cite-picked');
    expect(picked?.body).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(headerOf(picked?.body.blocks)).toBe(
      `Cite: ${real.knowledgeBase.topics.get('threat.drugs')?.title}`,
    );
  });
});

describe('Ask policybot (global shortcut and modal)', () => {
  async function openModal() {
    const before = slack.fake.callsTo('/api/views.open').length;
    expect((await user.click(globalShortcut(askShortcut.callbackId))).status).toBe(200);
    const opened = await slack.fake.waitFor('/api/views.open', before + 1);
    const call = opened[before];
    expect(call?.body.trigger_id).toBe('1.2.3.ask');
    const view = call?.body.view as {
      callback_id: string;
      blocks: Array<{ block_id: string; element: { type: string } }>;
    };
    expect(view.callback_id).toBe(ASK_VIEW);
    return view;
  }

  const values = (question: string, style: string, visibility: 'me' | 'channel') => ({
    [ASK_BLOCKS.question]: { value: { type: 'plain_text_input', value: question } },
    [ASK_BLOCKS.style]: { value: { type: 'static_select', selected_option: { value: style } } },
    [ASK_BLOCKS.where]: { value: { type: 'conversations_select', selected_conversation: 'C0MODAL' } },
    [ASK_BLOCKS.visibility]: { value: { type: 'radio_buttons', selected_option: { value: visibility } } },
  });

  it('opens a modal with the question, the style, where and who sees it; the answer goes to the channel, in the style chosen', async () => {
    const view = await openModal();
    expect(view.blocks.map((b) => b.element.type)).toEqual([
      'plain_text_input',
      'static_select',
      'conversations_select',
      'radio_buttons',
    ]);
    const res = await user.click(
      viewSubmission(
        view,
        values('what does the report say about ransomware and what should we do?', 'apa', 'channel'),
        [
          {
            block_id: ASK_BLOCKS.where,
            channel_id: 'C0MODAL',
            response_url: slack.fake.responseUrl('modal-channel'),
          },
        ],
      ),
    );
    expect(res.status).toBe(200);
    const [answer] = await slack.fake.waitFor('/response/modal-channel');
    expect(answer?.body.response_type).toBe('in_channel');
    const shown = blockText(answer?.body.blocks);
    expect(shown).toContain('Asked: what does the report say about ransomware');
    expect(shown).toContain((await entriesOf('threat.ransomware', 'apa'))[0]?.replace(/&/g, '&amp;'));
  });

  it('"only me" answers privately, with Share; an empty question is refused in the modal', async () => {
    const view = await openModal();
    await user.click(
      viewSubmission(view, values('fentanyl', 'chicago', 'me'), [
        {
          block_id: ASK_BLOCKS.where,
          channel_id: 'C0MODAL',
          response_url: slack.fake.responseUrl('modal-me'),
        },
      ]),
    );
    const [answer] = await slack.fake.waitFor('/response/modal-me');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(buttons(answer?.body.blocks).some((b) => b.text.text === 'Share in channel')).toBe(true);

    const refused = await user.click(viewSubmission(view, values('   ', 'apa', 'me'), []));
    expect(await refused.json()).toEqual({
      response_action: 'errors',
      errors: { [ASK_BLOCKS.question]: 'Type a question first.' },
    });
  });

  it('a bibliography asked in the modal, "only me": listed privately, its files in the person\'s direct messages', async () => {
    const who = 'U0MODALBIB';
    const ask = async (question: string, responseId: string) => {
      await user.click(
        viewSubmission(
          await openModal(),
          values(question, 'apa', 'me'),
          [
            {
              block_id: ASK_BLOCKS.where,
              channel_id: 'C0MODAL',
              response_url: slack.fake.responseUrl(responseId),
            },
          ],
          who,
        ),
      );
      const [answer] = await slack.fake.waitFor(`/response/${responseId}`);
      return answer;
    };
    await ask('ransomware', 'modal-bib-1');
    const listed = await ask('bibliography please', 'modal-bib-2');
    expect(listed?.body.response_type).toBe('ephemeral');
    // The source the first answer cited, listed (APA writes its title in sentence case).
    expect(blockText(listed?.body.blocks).toLowerCase()).toContain(
      (real.knowledgeBase.sources.get('1787-transnational-crime')?.title ?? '?').toLowerCase(),
    );
    expect(blockText(listed?.body.blocks)).toMatch(/direct messages/i);
    const deadline = Date.now() + 10_000;
    while (slack.fake.files.filter((f) => f.channel === `D${who}`).length < 4 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const files = Object.fromEntries(
      slack.fake.files.filter((f) => f.channel === `D${who}`).map((f) => [f.filename, f.content]),
    );
    const json = Object.entries(files).find(([name]) => name.endsWith('.json'))?.[1] ?? '[]';
    const items = JSON.parse(json) as { title?: string }[];
    // CSL-JSON keeps titles in sentence case, for styles to capitalise (Zotero's convention).
    expect(items.map((i) => i.title?.toLowerCase())).toContain(
      real.knowledgeBase.sources.get('1787-transnational-crime')?.title?.toLowerCase(),
    );
    expect(
      Object.keys(files)
        .map((n) => n.split('.').pop())
        .sort(),
    ).toEqual(['bib', 'json', 'ris', 'txt']);
  });
  it("a bibliography asked in the modal for the channel: listed for everyone without files; the files in the asker's direct messages, told to them alone", async () => {
    const who = 'U0MODALPUB';
    const ask = async (question: string, visibility: 'me' | 'channel', responseId: string, count = 1) => {
      await user.click(
        viewSubmission(
          await openModal(),
          values(question, 'chicago', visibility),
          [
            {
              block_id: ASK_BLOCKS.where,
              channel_id: 'C0MODAL',
              response_url: slack.fake.responseUrl(responseId),
            },
          ],
          who,
        ),
      );
      return slack.fake.waitFor(`/response/${responseId}`, count);
    };
    await ask('ransomware', 'me', 'modal-pub-1');
    const [listed, note] = await ask('bibliography please', 'channel', 'modal-pub-2', 2);
    expect(listed?.body.response_type).toBe('in_channel');
    expect(blockText(listed?.body.blocks)).not.toMatch(/direct messages|attached/i);
    expect(note?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const files = slack.fake.files.filter((f) => f.channel === `D${who}`);
    expect(files.map((f) => f.filename.split('.').pop()).sort()).toEqual(['bib', 'json', 'ris', 'txt']);
    for (const f of files) expect(String(note?.body.text)).toContain(f.filename);
    expect(slack.fake.files.filter((f) => f.channel === 'C0MODAL')).toHaveLength(0);
  });
});
