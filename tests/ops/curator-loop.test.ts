import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/ops/learn.js';
import { type FakeRest, startFakeRest } from '../adapters/discord/fake-discord.js';
import { commandInteraction, componentInteraction } from '../adapters/discord/payloads.js';
import { blockText, buttons, headerOf } from '../adapters/slack/blocks.js';
import { buttonClick, FakeSlack, sendToBot, slashCommand, ts } from '../adapters/slack/fake-slack.js';
import { ROOT } from '../support/assistant.js';
import { runBuiltCli } from '../support/cli.js';
import { type ServeProcess, startServe } from '../support/serve.js';
import { discordHeaders, discordKeys } from './support.js';

// The curators' loop end to end, as it runs: `policybot serve --watch` (the built CLI) with Slack
// in HTTP mode and Discord's interactions endpoint, against local fakes of both platforms. People
// ask; what it could not answer is recorded; people mark answers; `learn` proposes; a curator
// accepts; the running server reloads and answers the same question with the accepted topic.
const SECRET = 'curator-loop-signing-secret-0123';
const keys = discordKeys();
const PUBLIC_KEY = keys.publicKeyHex;
const APP_ID = '111111111111111111';

const work = mkdtempSync(join(tmpdir(), 'policybot-curators-'));
const knowledge = join(work, 'kb');
const record = join(work, 'unanswered.jsonl');
let slack: FakeSlack;
let rest: FakeRest;
let serve: ServeProcess;

const env = () => ({
  POLICYBOT_KNOWLEDGE_DIR: knowledge,
  POLICYBOT_UNANSWERED_LOG: record,
  POLICYBOT_CACHE_DIR: join(work, 'cache'),
  POLICYBOT_USER_HASH_KEY: 'a curator-loop test key, 16+ chars',
});

beforeAll(async () => {
  // A knowledge folder of its own, as POLICYBOT_KNOWLEDGE_DIR names one, with a labelled set for
  // learn's before and after.
  for (const folder of ['intents', 'content'])
    cpSync(join(ROOT, folder), join(knowledge, folder), { recursive: true });
  mkdirSync(join(knowledge, 'tests', 'eval'), { recursive: true });
  cpSync(join(ROOT, 'tests/eval/questions.jsonl'), join(knowledge, 'tests/eval/questions.jsonl'));
  slack = await new FakeSlack().start();
  rest = await startFakeRest();
  serve = await startServe(
    {
      ...env(),
      SLACK_BOT_TOKEN: 'xoxb-curator-loop-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_PUBLIC_KEY: PUBLIC_KEY,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: rest.url,
    },
    60_000,
    ['--watch'],
  );
}, 90_000);

afterAll(async () => {
  await serve?.stop();
  await slack?.close();
  await rest?.close();
  rmSync(work, { recursive: true, force: true });
});

/** `/policy <text>` from `user`: the answer is in the acknowledgement itself. */
async function slash(text: string, user: string, responseId = 'r') {
  const body = new URLSearchParams(
    slashCommand(text, slack.responseUrl(responseId), { user_id: user }),
  ).toString();
  const res = await sendToBot(`${serve.base}/slack/events`, body, 'application/x-www-form-urlencoded', {
    secret: SECRET,
  });
  expect(res.status).toBe(200);
  const reply = (await res.json()) as { blocks: unknown[] };
  return { header: headerOf(reply.blocks), text: blockText(reply.blocks), blocks: reply.blocks };
}

async function discord(payload: unknown) {
  const body = JSON.stringify(payload);
  const res = await fetch(`${serve.base}/discord/interactions`, {
    method: 'POST',
    headers: discordHeaders(keys.privateKey, body),
    body,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    type: number;
    data: {
      content?: string;
      flags?: number;
      embeds?: { title?: string }[];
      components?: { components: { custom_id: string; label: string }[] }[];
    };
  };
}

const records = () =>
  readFileSync(record, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const learn = (...args: string[]) => runBuiltCli(['learn', '--since', 'all', ...args], { env: env() });

describe('the curators’ loop', () => {
  it('offers Helpful / Not helpful under a Slack answer; a click is acknowledged to the clicker alone and recorded once', async () => {
    const answer = await slash('what does the report say about ransomware', 'U0001', 'asked');
    expect(answer.header).toBe('Ransomware');
    const notHelpful = buttons(answer.blocks).find((b) => b.text.text === 'Not helpful');
    expect(buttons(answer.blocks).map((b) => b.text.text)).toContain('Helpful');
    if (!notHelpful) throw new Error('no Not helpful button');
    const where = { channel: 'C0001', messageTs: ts(), ephemeral: true };
    const click = (id: string) => buttonClick(notHelpful, { ...where, responseUrl: slack.responseUrl(id) });
    const send = (payload: Record<string, unknown>) =>
      sendToBot(
        `${serve.base}/slack/events`,
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
        { secret: SECRET },
      );
    expect((await send(click('fb-1'))).status).toBe(200);
    const [ack] = await slack.waitFor('/response/fb-1');
    // Only the person who clicked sees it, and the answer is left as it was.
    expect(ack?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String((ack?.body as { text?: string } | undefined)?.text)).toContain(
      'Thanks, noted: the curators will see',
    );
    expect((await send(click('fb-2'))).status).toBe(200);
    const [again] = await slack.waitFor('/response/fb-2');
    expect((again?.body as { text?: string } | undefined)?.text).toBe('Already noted, thanks.');
  }, 30_000);

  it('offers them under a Discord answer too; a press is answered privately and recorded', async () => {
    const reply = await discord(
      commandInteraction('ask', [
        { name: 'question', type: 3, value: 'what does the report say about fentanyl' },
      ]),
    );
    expect(reply.data.embeds?.[0]?.title).toBe('Illicit drugs and trafficking');
    const row = reply.data.components?.at(-1)?.components ?? [];
    expect(row.map((b) => b.label)).toEqual(['Helpful', 'Not helpful']);
    const helpful = row[0]?.custom_id ?? '';
    expect(helpful).toMatch(/^pb:helpful:[0-9a-f-]{36}$/);
    const ack = await discord(componentInteraction(helpful));
    expect(ack.type).toBe(4);
    expect(ack.data.flags).toBe(64);
    expect(ack.data.content).toBe('Thanks, noted.');
    expect(ack.data.embeds ?? []).toEqual([]);
  }, 30_000);

  it('records each mark with the question and how it was decided, pseudonymously, and counts it', async () => {
    const marks = records().filter((r) => r.reason === 'feedback');
    expect(marks).toHaveLength(2);
    expect(marks.find((m) => m.platform === 'slack')).toMatchObject({
      value: 'not-helpful',
      question: 'what does the report say about ransomware',
      intent: 'threat.ransomware',
      kind: 'answer',
      trace: { decidedBy: expect.any(String) },
    });
    expect(marks.find((m) => m.platform === 'discord')).toMatchObject({
      value: 'helpful',
      intent: 'threat.drugs',
    });
    for (const m of marks) expect(m.user).toMatch(/^[0-9a-f]{16}$/);
    expect(readFileSync(record, 'utf8')).not.toContain('U0001');

    const metrics = await (await fetch(`${serve.base}/metrics`)).text();
    const counted = (platform: string, intent: string, value: string) =>
      metrics
        .split('\n')
        .find(
          (l) =>
            l.startsWith('policybot_feedback_total{') &&
            l.includes(`platform="${platform}"`) &&
            l.includes(`intent="${intent}"`) &&
            l.includes(`value="${value}"`),
        );
    expect(counted('slack', 'threat.ransomware', 'not-helpful')).toMatch(/ 1$/);
    expect(counted('discord', 'threat.drugs', 'helpful')).toMatch(/ 1$/);
  });

  it('shows answers marked not helpful in the report, beside what it could not answer', async () => {
    await slash('pig butchering scams', 'U0001');
    await slash('are the cartels running pig butchering scams', 'U0002');
    await slash('pig butchering scams', 'U0003');
    const report = await runBuiltCli(['report', '--since', 'all'], { env: env() });
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('pig butchering scams');
    expect(report.stdout).toContain('Answers marked not helpful');
    expect(report.stdout).toContain('what does the report say about ransomware');
  }, 30_000);

  it('proposes the questions as phrases of the topic they come closest to, then adds them, and the server answers them', async () => {
    const listed = await learn('--json');
    expect(listed.code).toBe(0);
    const { proposals } = JSON.parse(listed.stdout) as { proposals: Proposal[] };
    const proposal = proposals.find((p) => p.questions.includes('pig butchering scams'));
    if (!proposal) throw new Error(`no proposal for the question; proposals:\n${listed.stdout}`);
    expect(proposal).toMatchObject({ action: 'add-phrase', intent: 'threat.fraud' });
    expect(proposal.questions).toContain('are the cartels running pig butchering scams');
    expect(proposal.evidence).toMatchObject({ people: 3, count: 3 });
    // Ranked by how many people it would help: three asked this, one marked the other.
    expect(proposals[0]?.id).toBe(proposal.id);

    const accepted = await learn('--accept', proposal.id);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('intents/threats.yaml: 2 phrases added to threat.fraud');
    expect(accepted.stdout).toMatch(/tests\/eval\/questions\.jsonl: in scope [\d.]+%.* → in scope [\d.]+%/);
    expect(readFileSync(join(knowledge, 'intents/threats.yaml'), 'utf8')).toContain('pig butchering scams');

    // The running server picks the edit up by itself and answers with the accepted topic.
    await serve.logged((l) => l.msg === 'knowledge base reloaded', 30_000);
    expect((await slash('pig butchering scams', 'U0004')).header).toBe('Fraud and money laundering');

    // Answered well now: no longer proposed.
    const after = JSON.parse((await learn('--json')).stdout) as { proposals: Proposal[] };
    expect(after.proposals.find((p) => p.questions.includes('pig butchering scams'))).toBeUndefined();
  }, 90_000);

  it('remembers a rejection: what was rejected is not proposed again', async () => {
    const { proposals } = JSON.parse((await learn('--json')).stdout) as { proposals: Proposal[] };
    const marked = proposals.find((p) => p.questions.includes('what does the report say about ransomware'));
    if (!marked) throw new Error('the answer marked not helpful is not proposed');
    expect(marked.evidence.notHelpful).toBe(1);
    const rejected = await learn('--reject', marked.id);
    expect(rejected.code).toBe(0);
    const again = JSON.parse((await learn('--json')).stdout) as { proposals: Proposal[] };
    expect(again.proposals.map((p) => p.id)).not.toContain(marked.id);
  }, 60_000);
});
