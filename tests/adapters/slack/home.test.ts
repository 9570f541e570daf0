import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../src/adapters/slack/actions.js';
import { citeEntries } from '../../../src/core/citations/cite.js';
import type { CitationStyle } from '../../../src/core/citations/styles.js';
import type { PolicyAssistant } from '../../../src/core/index.js';
import { blockText } from './blocks.js';
import { type Call, ts } from './fake-slack.js';
import { selectChosen } from './payloads.js';
import { type RunningSlack, SIGNING_SECRET, type SlackUser, slackOverHttp } from './setup.js';

// The Home tab (app_home_opened, views.publish, the style picker) and link unfurls (link_shared,
// chat.unfurl), end to end: real Bolt over HTTP with signed requests and the fake Web API.
let slack: RunningSlack;
let user: SlackUser;
let real: PolicyAssistant;

slackOverHttp((running) => {
  ({ slack, user, assistant: real } = running);
});

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type Block = {
  type: string;
  block_id?: string;
  accessory?: { action_id: string; initial_option?: { value: string } };
};

/** Opens the Home tab as a person and returns the view Slack was asked to publish. */
async function openHome(userId: string): Promise<{ blocks: Block[] }> {
  const before = slack.fake.callsTo('/api/views.publish').length;
  await user.event({ type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home', event_ts: ts() });
  const published = await slack.fake.waitFor('/api/views.publish', before + 1);
  const call = published.at(-1);
  expect(call?.body.user_id).toBe(userId);
  return call?.body.view as { blocks: Block[] };
}

describe('Home tab', () => {
  it('shows the topics by group, the style picker and the last answers, within Block Kit limits', async () => {
    const view = await openHome('U0HOME');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const shown = blockText(view.blocks);
    expect(shown).toContain('Your citation style');
    expect(shown).toContain('Threats');
    expect(shown).toContain('Solutions');
    for (const topic of real.topics()) expect(shown).toContain(topic.title);
    expect(shown).toContain('Your last answers');
    expect(shown).toContain('None yet');
    const picker = view.blocks.find((b) => b.accessory?.action_id === ACTION_IDS.homeStyle);
    expect(picker?.accessory?.initial_option?.value).toBe(real.defaultStyle);
  });

  it("its style picker changes the style of the person's next /policy answer, and no one else's", async () => {
    // The same question's references, as the core gives them in the bot's default style and in APA.
    const question = 'what does the report say about ransomware';
    const referenceIn = async (style?: CitationStyle) =>
      escaped((await real.ask(question, style === undefined ? {} : { style })).references[0]?.entry ?? '—');
    const chicago = await referenceIn();
    const apa = await referenceIn('apa');
    expect(apa).not.toBe(chicago);

    // U0001 picks APA on the Home tab: the tab is drawn again with it.
    const before = slack.fake.callsTo('/api/views.publish').length;
    await user.click(
      selectChosen({ action_id: ACTION_IDS.homeStyle }, 'apa', { kind: 'home', userId: 'U0001' }),
    );
    const [, redrawn] = (await slack.fake.waitFor('/api/views.publish', before + 1)).slice(before - 1);
    const view = redrawn?.body.view as { blocks: Block[] };
    expect(
      view.blocks.find((b) => b.accessory?.action_id === ACTION_IDS.homeStyle)?.accessory?.initial_option
        ?.value,
    ).toBe('apa');

    // /policy as U0001: APA. The same question as U0002: the bot's default.
    const mine = await user.command(question, 'home-apa');
    expect(blockText(mine.blocks)).toContain(apa);
    const other = await fetchCommandAs('U0002', question);
    expect(blockText(other.blocks)).toContain(chicago);
    expect(blockText(other.blocks)).not.toContain(apa);

    // And the answer is on U0001's Home tab, with its reference.
    const home = await openHome('U0001');
    const shown = blockText(home.blocks);
    expect(shown).toContain('Ransomware');
    expect(shown).toContain(apa);
  });
});

/** /policy as another person. */
async function fetchCommandAs(userId: string, text: string) {
  const { sendToBot, slashCommand } = await import('./fake-slack.js');
  const res = await sendToBot(
    slack.eventsUrl,
    new URLSearchParams(
      slashCommand(text, slack.fake.responseUrl(`as-${userId}`), { user_id: userId }),
    ).toString(),
    'application/x-www-form-urlencoded',
    { secret: SIGNING_SECRET },
  );
  return (await res.json()) as { blocks: unknown[] };
}

describe('Link unfurls', () => {
  const ATA_PDF = 'https://www.dni.gov/files/ODNI/documents/assessments/ATA-2024-Unclassified-Report.pdf';
  const ATA_PAGE =
    'https://www.dni.gov/index.php/newsroom/reports-publications/reports-publications-2024/3787-2024-annual-threat-assessment-of-the-u-s-intelligence-community';
  const GAO = 'https://www.gao.gov/products/gao-20-388/';

  const shared = (links: string[], channel: string) =>
    user.event({
      type: 'link_shared',
      channel,
      is_bot_user_member: true,
      user: 'U0001',
      message_ts: ts(),
      unfurl_id: `C123.${ts()}.unfurl`,
      source: 'conversations_history',
      links: links.map((url) => ({ domain: new URL(url).hostname.replace(/^www\./, ''), url })),
      event_ts: ts(),
    });

  it('unfurls links to sources the knowledge base holds with title, publisher, date and reference; other links get nothing', async () => {
    await shared([ATA_PDF, ATA_PAGE, 'https://www.dni.gov/index.php/about', GAO], 'C0LINKS');
    const [call] = await slack.fake.waitFor('/api/chat.unfurl');
    expect(call?.body.channel).toBe('C0LINKS');
    const unfurls = call?.body.unfurls as Record<string, { blocks: unknown[] }>;
    expect(Object.keys(unfurls).sort()).toEqual([ATA_PAGE, ATA_PDF, GAO].sort());
    const ata = blockText(unfurls[ATA_PDF]?.blocks);
    expect(ata).toContain('Annual Threat Assessment of the U.S. Intelligence Community');
    expect(ata).toContain('Office of the Director of National Intelligence');
    expect(ata).toContain('February 5, 2024');
    const reference = await real.cite('odni-ata-2024');
    if (reference.kind === 'none' || reference.kind === 'rate-limited')
      throw new Error('the ATA is not citable');
    expect(ata).toContain(escaped(citeEntries(reference).entries[0]?.reference.entry ?? '—'));
    expect(blockText(unfurls[GAO]?.blocks)).toContain('GAO-20-388');
  });

  it('a message with only unknown links is left alone', async () => {
    const before = slack.fake.callsTo('/api/chat.unfurl').length;
    await shared(['https://example.org/ata', 'https://www.dni.gov/'], 'C0OTHER');
    // The event was handled (acknowledged) and nothing was unfurled.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.fake.callsTo('/api/chat.unfurl').length).toBe(before);
    expect(slack.fake.calls.filter((c: Call) => c.body.channel === 'C0OTHER')).toHaveLength(0);
  });
});
