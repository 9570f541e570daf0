import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordAdapter } from '../../src/adapters/discord/index.js';
import type { RunningPlatform } from '../../src/adapters/types.js';
import { ReferenceProvider } from '../../src/core/citations/provider.js';
import { formatReference } from '../../src/core/citations/reference.js';
import { referenceTable } from '../../src/core/citations/reference.js';
import { HttpRoutes } from '../../src/runtime/http.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { discordHeaders, discordKeys } from '../ops/support.js';
import { assistant, knowledgeBase } from '../support/assistant.js';
import { runBuiltCli } from '../support/cli.js';
import { APP_ID, commandInteraction } from './discord/payloads.js';
import { blockText } from './slack/blocks.js';
import { BOT_USER_ID, ts } from './slack/fake-slack.js';
import { BOT_TOKEN, type RunningSlack, SIGNING_SECRET, slackUser, startSlack } from './slack/setup.js';

// An answer's sources, in the styles where a second-hand quote is listed under the page that
// relays it (APA, MLA): that page's entry once, with the quote's in-text form, on every surface.
const cacheDir = mkdtempSync(join(tmpdir(), 'policybot-sources-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe.each(['apa', 'mla'] as const)('an answer in %s', (style) => {
  const keys = discordKeys();
  let slack: RunningSlack;
  let discord: RunningPlatform;
  let server: Server;
  let entry: string;
  let inText: string;

  beforeAll(async () => {
    const kb = knowledgeBase();
    const page = kb.sources.get('1787-transnational-crime');
    if (!page) throw new Error('no 1787 page');
    entry = (await formatReference(page, undefined, style)).entry;
    const ata = kb.sources.get('odni-ata-2024');
    if (!ata) throw new Error('no ATA');
    inText = (await formatReference(ata, page, style)).inText ?? '';
    const styled = assistant({
      references: new ReferenceProvider(kb, style, await referenceTable(kb, style)),
    });
    slack = await startSlack(styled, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET });
    const http = new HttpRoutes();
    discord = await discordAdapter.start({
      assistant: styled,
      env: { DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: APP_ID },
      http,
      logger: silentLogger,
    });
    server = await http.listen(0, '127.0.0.1', silentLogger);
  });

  afterAll(async () => {
    await slack?.close();
    await discord?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  const count = (text: string, part: string) => text.split(part).length - 1;

  it("lists the relaying page's entry once, with the in-text form, in Slack, Discord and the CLI", async () => {
    const user = slackUser(slack);
    const channel = `C${style.toUpperCase()}`;
    await user.event({
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> what does the report say about ransomware`,
      ts: ts(),
      channel,
    });
    const [post] = await user.delivered((c) => c.body.channel === channel);
    const inSlack = blockText(post?.body.blocks).replace(/&amp;/g, '&');

    const body = JSON.stringify(
      commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]),
    );
    const res = await fetch(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`,
      {
        method: 'POST',
        headers: discordHeaders(keys.privateKey, body),
        body,
      },
    );
    const reply = (await res.json()) as {
      data: { embeds: { description?: string; fields?: { value: string }[] }[] };
    };
    const inDiscord = reply.data.embeds
      .map((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)].join('\n'))
      .join('\n');

    const inCli = (
      await runBuiltCli(['ask', 'ransomware'], {
        env: { POLICYBOT_CACHE_DIR: cacheDir, POLICYBOT_CITATION_STYLE: style },
      })
    ).stdout;

    for (const shown of [inSlack, inDiscord, inCli]) {
      expect(count(shown, entry)).toBe(1);
      // The in-text form apart, on a line of its own: never joined to the entry.
      expect(shown.split('\n').map((l) => l.replace(/^```|```$/g, ''))).toContain(inText);
      expect(shown).not.toContain('— in text');
    }
  });
});
