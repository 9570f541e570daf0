// What a person typed, over HTTP: Slack's entities decoded before the core, shown back escaped once and cut between characters.
import { describe, expect, it } from 'vitest';
import { blockText, buttons } from './blocks.js';
import { BOT_USER_ID, buttonClick, ts } from './fake-slack.js';
import { slackHttpHarness } from './http-harness.js';
import type { RunningSlack } from './setup.js';

// Real Bolt in HTTP mode on the shared server, real signatures, and a fake Slack Web API, all on 127.0.0.1.
let slack: RunningSlack;
/** Every question the core was asked, as it received it. */
let asked: string[];
const { sendEvent, sendCommand, sendClick, nextPost } = slackHttpHarness((running) => {
  slack = running.slack;
  asked = running.asked;
});

describe('Slack over HTTP', () => {
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
});
