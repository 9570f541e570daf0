import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyAssistant } from '../../src/core/index.js';
import { assistant as realAssistant } from '../support/assistant.js';
import { commandInteraction } from './discord/payloads.js';
import { type Callback, type DiscordStandIn, startDiscord } from './discord/stand-in.js';
import { blockText } from './slack/blocks.js';
import { BOT_TOKEN, type RunningSlack, SIGNING_SECRET, slackUser, startSlack } from './slack/setup.js';

// Machine-format references (BibTeX, RIS, CSL-JSON) for every topic, end to end on Slack (/policy cite
// through real Bolt) and Discord (/cite through real discord.js, and through the HTTP endpoint):
// each record the surface emits, in a code block or in an attached file, parses back, and every
// source the core cites is among them. Nothing is cut at a field's cap (issue 19: Discord's
// 1,024-character field cut CSL-JSON of the threat assessment mid-string).
let discord: DiscordStandIn;
let slack: RunningSlack;
let real: PolicyAssistant;

beforeAll(async () => {
  real = realAssistant();
  discord = await startDiscord(real);
  slack = await startSlack(real, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET });
});

afterAll(async () => {
  await discord?.close();
  await slack?.close();
});

type Format = 'bibtex' | 'ris' | 'csl-json';

/** The titles of the records in a text, parsed as a reference manager would (throws if one does not parse). */
function titles(record: string, format: Format): string[] {
  const items: { title?: string }[] = format === 'csl-json' ? JSON.parse(record) : new Cite(record).data;
  expect(items.length, record.slice(0, 80)).toBeGreaterThan(0);
  return items.map((i) => i.title ?? '');
}

/** Every code block of a text (Discord's ```\n…\n```, Slack's ```…```). */
function codeBlocks(text: string): string[] {
  return [...text.matchAll(/```\n?([\s\S]*?)\n?```/g)].map((m) => m[1] ?? '');
}

function discordText(reply: Callback): string {
  return (reply.data.embeds ?? [])
    .flatMap((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)])
    .join('\n');
}

const FORMATS: readonly Format[] = ['bibtex', 'ris', 'csl-json'];

describe('every topic × BibTeX, RIS and CSL-JSON on Slack and Discord', () => {
  it('every record emitted, inline or attached, parses back, and every source cited is there', async () => {
    let attached = 0;
    let checked = 0;
    for (const format of FORMATS) {
      for (const { intent, title: topicTitle } of real.topics()) {
        const result = await real.cite(intent, format);
        if (result.kind !== 'topic') continue;
        const wanted = new Set(result.references.flatMap((r) => titles(r.entry, format)));
        const viaGateway = checked % 2 === 0;
        const payload = commandInteraction('cite', [
          { name: 'topic', type: 3, value: intent },
          { name: 'style', type: 3, value: format },
        ]);
        const reply = viaGateway ? await discord.overGateway(payload) : await discord.overHttp(payload);
        const files = Object.entries(reply.files);
        // Each file the message names is attached, and each attachment is named.
        expect((reply.data.attachments ?? []).map((a) => a.filename).sort()).toEqual(
          files.map(([name]) => name).sort(),
        );
        for (const [name] of files) expect(discordText(reply)).toContain(name);
        attached += files.length;
        const onDiscord = [
          ...codeBlocks(discordText(reply)).filter((b) => !b.startsWith('“')),
          ...files.map(([, content]) => content),
        ].flatMap((record) => titles(record, format));
        for (const title of wanted) expect(onDiscord, `${format} ${intent} on Discord`).toContain(title);

        // In Slack a person types the topic's name and the format, which the core's resolver reads.
        const query = `${topicTitle} ${format}`;
        const typed = await real.cite(query);
        expect(typed.kind, query).not.toBe('none');
        if (typed.kind !== 'topic' && typed.kind !== 'source') continue;
        const references =
          typed.kind === 'topic' ? typed.references : typed.sources.flatMap((s) => [s.references.own]);
        const wantedOnSlack = new Set(references.flatMap((r) => titles(r.entry, format)));
        const ack = await slackUser(slack).command(`cite ${query}`);
        const shown = blockText(ack.blocks)
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&');
        const onSlack = codeBlocks(shown)
          .filter((b) => !b.startsWith('“'))
          .flatMap((record) => titles(record, format));
        for (const title of wantedOnSlack) expect(onSlack, `${format} ${query} on Slack`).toContain(title);
        checked += 1;
      }
    }
    // Every topic with sources (a few are about the bot or its two sources at once), in both formats.
    expect(checked).toBeGreaterThanOrEqual(45);
    // The threat assessment's CSL-JSON record is longer than a Discord field: it goes as a file.
    expect(attached).toBeGreaterThan(0);
  });
});
