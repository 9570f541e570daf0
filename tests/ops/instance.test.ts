import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Instance, startInstance } from '../../src/ops/instance.js';
import { APP_ID, commandInteraction } from '../adapters/discord/payloads.js';
import { ROOT } from '../support/assistant.js';
import { discordHeaders, discordKeys, memoryLog } from './support.js';

// A real instance in this process, as `policybot serve --watch` starts it: Discord's HTTP endpoint,
// health and metrics on one 127.0.0.1 port, over a copy of the knowledge base that the test edits.
const work = mkdtempSync(join(tmpdir(), 'policybot-instance-'));
const keys = discordKeys();
const log = memoryLog();
let instance: Instance;
let base: string;

beforeAll(async () => {
  for (const folder of ['intents', 'content'])
    cpSync(join(ROOT, folder), join(work, folder), { recursive: true });
  instance = await startInstance({
    env: {
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_APPLICATION_ID: APP_ID,
      PORT: '0',
      HOST: '127.0.0.1',
      POLICYBOT_KNOWLEDGE_DIR: work,
      POLICYBOT_NO_CACHE: '1',
      POLICYBOT_UNANSWERED_LOG: join(work, 'data', 'unanswered.jsonl'),
      POLICYBOT_RATE_LIMIT_CAPACITY: '3',
      POLICYBOT_RATE_LIMIT_REFILL_PER_MINUTE: '1',
      POLICYBOT_LOG_LEVEL: 'debug',
    },
    logStream: log.stream,
    watch: true,
  });
  base = `http://127.0.0.1:${instance.port}`;
});

afterAll(async () => {
  await instance?.stop('test over');
  rmSync(work, { recursive: true, force: true });
});

async function ask(question: string, user: string): Promise<string> {
  const body = JSON.stringify(
    commandInteraction('ask', [{ name: 'question', type: 3, value: question }], { userId: user }),
  );
  const res = await fetch(`${base}/discord/interactions`, {
    method: 'POST',
    headers: discordHeaders(keys.privateKey, body),
    body,
  });
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
}

/** Waits for a log line matching `test` (reloads are debounced and take about a second). */
async function logged(test: (line: Record<string, unknown>) => boolean, after = 0, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = log.lines().slice(after).find(test);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('no such log line');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('health and metrics on PORT', () => {
  it('/healthz is live and /readyz ready: knowledge loaded, Discord registered', async () => {
    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { knowledge: true, accepting: true, discord: true },
    });
    expect((await fetch(`${base}/readyz`, { method: 'POST' })).status).toBe(405);
  });

  it('/metrics counts questions by platform and intent, fallbacks and latency, in Prometheus text', async () => {
    await ask('what does the report say about fentanyl', 'metrics-user');
    await ask('what is the capital of canada', 'metrics-user');
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('policybot_questions_total{platform="discord",intent="threat.drugs"} 1');
    expect(text).toContain('policybot_fallbacks_total{platform="discord"} 1');
    expect(text).toContain('policybot_answer_duration_seconds_count{platform="discord"} 2');
    expect(text).toMatch(/policybot_process_resident_memory_bytes \d+/);
    expect(text).toMatch(/policybot_knowledge_topics \d+/);
  });

  it('logs one line per question, with the user hashed and no secret', async () => {
    const lines = log.lines().filter((l) => l.msg === 'question');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatchObject({ platform: 'discord', intent: 'threat.drugs' });
    expect(lines[0]?.req).toBeTypeOf('string');
    expect(lines[0]?.user).toMatch(/^[0-9a-f]{16}$/);
    expect(log.text()).not.toContain('metrics-user');
    expect(log.text()).not.toContain(keys.publicKeyHex);
  });

  it('rate-limits one Discord user with a friendly reply, counted, while another is answered', async () => {
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await ask('ransomware', 'flooder'));
    expect(replies.slice(0, 3).every((r) => r.includes('Ransomware'))).toBe(true);
    expect(replies[3]).toContain("You're asking faster than I can answer");
    expect(await ask('ransomware', 'patient')).toContain('Ransomware');
    expect(await (await fetch(`${base}/metrics`)).text()).toContain(
      'policybot_rate_limited_total{platform="discord"} 1',
    );
  });
});

describe('answers through the served platforms', () => {
  it('carry references in the configured default style (Chicago), as the CLI does', async () => {
    const answer = await ask('what does the report say about ransomware', 'U-style');
    // Chicago's bibliography entry for a second-hand quote: "… Quoted in 1787, “Transnational Crime,” …"
    expect(answer).toContain('Quoted in 1787');
    expect(answer).not.toContain('; quoted in 1787');
  });
});

describe('reload without restart (--watch)', () => {
  const topic = join(work, 'content', 'topics', 'threat.ransomware.yaml');
  const intents = join(work, 'intents', 'threats.yaml');

  it('keeps serving the last good knowledge base after a bad edit, logging file and field', async () => {
    const good = readFileSync(topic, 'utf8');
    const before = log.lines().length;
    writeFileSync(topic, good.replace('related: [solution.penalties,', 'related: [solution.nonexistent,'));
    const failure = await logged((l) => String(l.msg).startsWith('knowledge base reload failed'), before);
    expect(failure.level).toBe(50);
    expect(JSON.stringify(failure.problems)).toContain('content/topics/threat.ransomware.yaml: related[0]');
    expect(await ask('ransomware', 'reload-1')).toContain('Ransomware');
    expect(await (await fetch(`${base}/metrics`)).text()).toContain(
      'policybot_reloads_total{result="failed"}',
    );
    writeFileSync(topic, good);
    await logged((l) => l.msg === 'knowledge base reloaded', before);
  });

  it('answers from an edit as soon as it is valid', async () => {
    expect(await ask('zanzibar quokka protocol', 'reload-2')).toContain('"title":"');
    expect(await ask('zanzibar quokka protocol', 'reload-2')).not.toContain('Ransomware');
    const before = log.lines().length;
    const text = readFileSync(intents, 'utf8');
    writeFileSync(
      intents,
      text.replace('    - "ransomware gangs"', '    - "ransomware gangs"\n    - "zanzibar quokka protocol"'),
    );
    await logged((l) => l.msg === 'knowledge base reloaded', before);
    expect(await ask('zanzibar quokka protocol', 'reload-3')).toContain('Ransomware');
  });
});

describe('what it could not answer', () => {
  it('is recorded as JSON lines with a pseudonym and the nearest topic', () => {
    const lines = readFileSync(join(work, 'data', 'unanswered.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.question)).toContain('what is the capital of canada');
    expect(lines.join('\n')).not.toContain('metrics-user');
  });
});
