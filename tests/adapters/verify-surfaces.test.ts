import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERDICT_LABELS, type Verdict } from '../../src/core/verify/types.js';
import { assistant as realAssistant } from '../support/assistant.js';
import { runBuiltCli } from '../support/cli.js';
import { BOT_USER, COMMAND_ID, commandInteraction, interaction, snowflake } from './discord/payloads.js';
import { type Endpoints, startEndpoints } from './endpoints.js';
import { blockText } from './slack/blocks.js';
import { TEAM_ID, ts } from './slack/fake-slack.js';
import { slackUser } from './slack/setup.js';

// The same text checked on every surface, end to end: the terminal chat (the built CLI), Slack's
// /policy check, "Check quotes" message shortcut and a DM through real Bolt, Discord's /check and
// "Check quotes" message command through the interactions endpoint. Each must give the verdicts
// the core gives, in the same order.
const MEMO = [
  'The intelligence community warns that Western Hemisphere-based TCOs "endanger the safety of millions of individuals and contribute to a global health crisis."',
  'It also finds that "TCOs are defrauding individuals, businesses, and government programs, while laundering billions of dollars of illicit proceeds through U.S. financial institutions."',
  'The ATA recommends that we "Work with Canada to increase joint law enforcement efforts and fortify cross-border security operations."',
  'As the DNI put it, "cartels now run the fentanyl supply chain from end to end."',
  'Our "northern border" language stays as drafted.',
].join(' ');

const cacheDir = mkdtempSync(join(tmpdir(), 'policybot-verify-surfaces-'));
let endpoints: Endpoints;

beforeAll(async () => {
  endpoints = await startEndpoints(realAssistant());
}, 120_000);

afterAll(async () => {
  await endpoints?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** The verdicts a rendering shows, in order, read back from its "N. <Verdict>" labels. */
function verdictsIn(text: string): Verdict[] {
  const byLabel = new Map(
    Object.entries(VERDICT_LABELS).map(([v, label]) => [label.toLowerCase(), v as Verdict]),
  );
  const labels = Object.values(VERDICT_LABELS).join('|');
  return [...text.matchAll(new RegExp(`(?:^|\\n)\\s*\\*{0,2}\\d+\\. (${labels})\\b`, 'gi'))].map(
    (m) => byLabel.get((m[1] ?? '').toLowerCase()) as Verdict,
  );
}

async function discordReply(payload: Record<string, unknown>): Promise<string> {
  const body = JSON.stringify(payload);
  const res = await endpoints.toDiscord(body);
  const reply = (await res.json()) as {
    data: { embeds: { description?: string; fields: { name: string; value: string }[] }[] };
  };
  const embed = reply.data.embeds[0];
  return [embed?.description ?? '', ...(embed?.fields ?? []).map((f) => `${f.name}\n${f.value}`)].join('\n');
}

// Each test spawns the built CLI, which trains or reads the model on a cold cache: generous
// timeouts, so a busy machine is not taken for a failure.
describe('checking quotes on every surface', { timeout: 180_000 }, () => {
  it('gives the same verdicts as the core in the chat, Slack (command, shortcut, DM) and Discord (command and context menu)', async () => {
    const core = await realAssistant().verify(MEMO);
    const expected = core.findings.map((f) => f.verdict);
    expect(expected).toEqual(['altered', 'exact', 'misattributed', 'not-found']);

    const chat = await runBuiltCli(['chat'], {
      input: `${MEMO}\n/quit\n`,
      env: { POLICYBOT_CACHE_DIR: cacheDir },
    });
    const user = slackUser(endpoints.slack);
    const command = await user.command(`check ${MEMO}`, 'check-command');
    expect(command.response_type).toBe('ephemeral');
    const shortcut = await user.click({
      type: 'message_action',
      callback_id: 'policybot_check_quotes',
      trigger_id: '1.2.3',
      response_url: endpoints.slack.fake.responseUrl('check-shortcut'),
      team: { id: TEAM_ID, domain: 'test' },
      channel: { id: 'C0001', name: 'policy' },
      user: { id: 'U0001', username: 'ana', name: 'ana', team_id: TEAM_ID },
      message_ts: '1700000000.000100',
      message: { type: 'message', user: 'U0002', ts: '1700000000.000100', text: MEMO },
      token: 'legacy-verification-token',
      api_app_id: 'A0001',
    });
    expect(shortcut.status).toBe(200);
    const [posted] = await endpoints.slack.fake.waitFor('/response/check-shortcut');
    // A memo paragraph pasted into a DM is checked, not answered.
    await user.event({
      type: 'message',
      channel_type: 'im',
      user: 'U0001',
      text: MEMO,
      ts: ts(),
      channel: 'D0CHECK',
    });
    const [dm] = await user.delivered((call) => call.body.channel === 'D0CHECK');
    const slash = await discordReply(commandInteraction('check', [{ name: 'text', type: 3, value: MEMO }]));
    const messageId = snowflake();
    const menu = await discordReply(
      interaction(2, {
        id: COMMAND_ID,
        name: 'Check quotes',
        type: 3,
        target_id: messageId,
        resolved: {
          messages: {
            [messageId]: {
              id: messageId,
              channel_id: '555555555555555555',
              type: 0,
              content: MEMO,
              author: { ...BOT_USER, id: '777777777777777777', bot: false },
              embeds: [],
              attachments: [],
              mentions: [],
              mention_roles: [],
              pinned: false,
              mention_everyone: false,
              tts: false,
              timestamp: '2024-01-01T00:00:00.000Z',
              edited_timestamp: null,
              flags: 0,
              components: [],
            },
          },
        },
      }),
    );

    const shown = {
      chat: chat.stdout,
      slackCommand: blockText(command.blocks),
      slackShortcut: blockText((posted?.body as { blocks?: unknown[] } | undefined)?.blocks),
      slackDm: blockText(dm?.body.blocks),
      discordCommand: slash,
      discordMenu: menu,
    };
    for (const [surface, text] of Object.entries(shown)) {
      expect(verdictsIn(text), `${surface}:\n${text}`).toEqual(expected);
      // The altered quotation's correction is shown, as the source has it.
      expect(text.replace(/\\/g, ''), surface).toContain(
        'endanger the health and safety of millions of individuals',
      );
    }
    expect(chat.code).toBe(0);
  });

  it('policybot verify exits 1 on a memo with one altered quotation, printing the diff and the corrected quotation with its reference', async () => {
    const memo =
      'ODNI warns that "Western Hemisphere-based TCOs involved in illicit drug production and trafficking bound for the United States and partner nations, endanger the safety of millions of individuals."';
    const run = await runBuiltCli(['verify', '-', '--style', 'chicago'], {
      input: memo,
      env: { POLICYBOT_CACHE_DIR: cacheDir },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ALTERED');
    expect(run.stdout).toContain('[-health and-]');
    expect(run.stdout).toContain(
      'Should read: “Western Hemisphere-based TCOs involved in illicit drug production and trafficking bound for the United States and partner nations, endanger the health and safety of millions of individuals”',
    );
    expect(run.stdout).toContain('Bibliography: Office of the Director of National Intelligence.');
    const json = await runBuiltCli(['verify', '--json'], {
      input: memo.replace('the safety', 'the health and safety'),
      env: { POLICYBOT_CACHE_DIR: cacheDir },
    });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, counts: { exact: 1 } });
  });
});
