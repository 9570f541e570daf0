import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../scripts/redis-server.js';
import { blockText, headerOf } from '../adapters/slack/blocks.js';
import {
  BOT_USER_ID,
  eventEnvelope,
  FakeSlack,
  sendToBot,
  slashCommand,
  ts,
} from '../adapters/slack/fake-slack.js';
import { userHasher } from '../../src/ops/user-hash.js';
import { runBuiltCli } from '../support/cli.js';
import { type ServeProcess, startServe } from '../support/serve.js';

// Two `policybot serve` replicas (the built CLI, Slack in HTTP mode) behind no balancer but the
// test itself, sharing one real redis-server, against one fake Slack Web API: what a load
// balancer would do to them (a retry to the other replica, a thread continued on the other, one
// user's burst spread over both), then Redis killed under them and brought back.
const SECRET = 'replica-signing-secret-0123456789ab';
const work = mkdtempSync(join(tmpdir(), 'policybot-replicas-'));
let redis: TestRedis;
let fake: FakeSlack;
let a: ServeProcess;
let b: ServeProcess;

const env = (name: string) => ({
  SLACK_BOT_TOKEN: 'xoxb-replica-test-token',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: fake.apiUrl,
  POLICYBOT_REDIS_URL: redis.url(),
  POLICYBOT_REDIS_PREFIX: 'replicas-test:',
  // Generous for a loaded test machine: a call that times out is answered without state, which
  // is what the outage test below is for, not these.
  POLICYBOT_REDIS_TIMEOUT_MS: '1000',
  POLICYBOT_RATE_LIMIT_CAPACITY: '5',
  POLICYBOT_RATE_LIMIT_REFILL_PER_MINUTE: '1',
  POLICYBOT_UNANSWERED_LOG: join(work, `${name}.jsonl`),
  POLICYBOT_CACHE_DIR: join(work, `cache-${name}`),
});

beforeAll(async () => {
  redis = await startRedis();
  fake = await new FakeSlack().start();
  [a, b] = await Promise.all([startServe(env('a')), startServe(env('b'))]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await fake?.close();
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
});

const send = (replica: ServeProcess, event: Record<string, unknown>, eventId?: string) =>
  sendToBot(
    `${replica.base}/slack/events`,
    JSON.stringify(eventEnvelope(event, eventId)),
    'application/json',
    {
      secret: SECRET,
    },
  );

/** `/policy <text>` as `user`: the answer comes back in the acknowledgement itself. */
async function slash(replica: ServeProcess, text: string, user: string) {
  const body = new URLSearchParams(slashCommand(text, fake.responseUrl('r'), { user_id: user })).toString();
  const res = await sendToBot(`${replica.base}/slack/events`, body, 'application/x-www-form-urlencoded', {
    secret: SECRET,
  });
  expect(res.status).toBe(200);
  const reply = (await res.json()) as { blocks: unknown[] };
  return { header: headerOf(reply.blocks), text: blockText(reply.blocks) };
}

async function ready(replica: ServeProcess) {
  const res = await fetch(`${replica.base}/readyz`);
  return { status: res.status, checks: ((await res.json()) as { checks: Record<string, boolean> }).checks };
}

async function until(test: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two replicas sharing one Redis', () => {
  it('are ready, with Redis among the checks', async () => {
    for (const replica of [a, b]) {
      expect(await ready(replica)).toEqual({
        status: 200,
        checks: { knowledge: true, accepting: true, redis: true, slack: true },
      });
      expect(replica.lines().find((l) => l.msg === 'state store ready')).toMatchObject({ state: 'redis' });
      expect(replica.stderr()).not.toContain(redis.password);
    }
  });

  it('answer an event delivered to both (a retry to the other replica) once', async () => {
    const before = fake.posts().length;
    const event = {
      type: 'app_mention',
      user: 'U0001',
      text: `<@${BOT_USER_ID}> what does the report say about fentanyl?`,
      ts: ts(),
      channel: 'C0001',
    };
    const [ra, rb] = await Promise.all([send(a, event, 'Ev-twice'), send(b, event, 'Ev-twice')]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    // One replica answers; the other says it had been handled.
    await fake.waitFor('/api/chat.postMessage', before + 1);
    const skipped = (l: Record<string, unknown>) =>
      l.msg === 'slack event already handled' && l.event_id === 'Ev-twice';
    await until(async () => a.lines().some(skipped) || b.lines().some(skipped));
    expect(a.lines().filter(skipped).length + b.lines().filter(skipped).length).toBe(1);
    expect(fake.posts()).toHaveLength(before + 1);
    expect(headerOf(fake.posts()[before]?.body.blocks)).toBe('Illicit drugs and trafficking');
  });

  it('continue on one a thread begun on the other: no mention needed, the topic remembered', async () => {
    const root = ts();
    const before = fake.posts().length;
    await send(a, {
      type: 'app_mention',
      user: 'U0002',
      text: `<@${BOT_USER_ID}> what does the report say about ransomware?`,
      ts: root,
      channel: 'C0002',
    });
    const [answer] = (await fake.waitFor('/api/chat.postMessage', before + 1)).slice(before);
    expect(answer?.body.thread_ts).toBe(root);
    expect(headerOf(answer?.body.blocks)).toBe('Ransomware');
    // Replica A registers the thread just after Slack took its answer; a person's reply comes later.
    const registry = new Redis(redis.url());
    try {
      // Keys are pseudonyms (no platform id reaches Redis): the thread's, under the shared salt.
      const salt = (await registry.get('replicas-test:shared:user-hash-salt')) ?? '';
      const key = userHasher(salt)(`keys:slack:threads:C0002:${root}`);
      await until(async () => (await registry.exists(`replicas-test:keys:slack:threads:${key}`)) === 1);
    } finally {
      registry.disconnect();
    }

    await send(b, {
      type: 'message',
      channel_type: 'channel',
      user: 'U0002',
      text: 'source?',
      ts: ts(),
      thread_ts: root,
      channel: 'C0002',
    });
    const [sources] = (await fake.waitFor('/api/chat.postMessage', before + 2)).slice(before + 1);
    expect(sources?.body.thread_ts).toBe(root);
    expect(blockText(sources?.body.blocks)).toContain('Sources for *Ransomware*');
    expect(b.lines().some((l) => l.msg === 'question' && l.intent === 'threat.ransomware')).toBe(true);
  });

  it("limit one user's burst split over both as one: 10 at once, 5 allowed", async () => {
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => slash(i % 2 === 0 ? a : b, 'ransomware', 'U-burst')),
    );
    const limited = replies.filter((r) => r.text.includes("You're asking faster than I can answer"));
    expect(limited).toHaveLength(5);
    expect(replies.filter((r) => r.header === 'Ransomware')).toHaveLength(5);
    // Someone else is not slowed by it.
    expect((await slash(b, 'ransomware', 'U-patient')).header).toBe('Ransomware');
  });

  it('keep one curators’ record, which `policybot report` reads from Redis', async () => {
    await slash(a, 'what is the capital of canada', 'U-curious');
    await slash(b, 'weather in mexico city', 'U-curious');
    const report = await runBuiltCli(['report', '--json', '--since', 'all'], {
      env: { ...env('a'), POLICYBOT_CACHE_DIR: join(work, 'cache-report') },
    });
    expect(report.code).toBe(0);
    const parsed = JSON.parse(report.stdout) as {
      redis?: boolean;
      groups: { questions: { text: string }[] }[];
    };
    expect(parsed.redis).toBe(true);
    const asked = parsed.groups.flatMap((g) => g.questions.map((q) => q.text));
    expect(asked).toEqual(
      expect.arrayContaining(['what is the capital of canada', 'weather in mexico city']),
    );
    // Both replicas' records went to the stream, none to their own files.
    expect(() => readFileSync(join(work, 'b.jsonl'), 'utf8')).toThrow();
  });

  it('go on answering when Redis is killed (/readyz 503, follow-ups "about what?"), and recover when it is back', async () => {
    await redis.kill();
    await until(async () => (await ready(a)).status === 503 && (await ready(b)).status === 503);
    expect((await ready(a)).checks).toMatchObject({ redis: false, slack: true, knowledge: true });

    // A question needs no state; its follow-up on the other replica has no topic to go on.
    expect((await slash(a, 'what does the report say about fentanyl', 'U-outage')).header).toBe(
      'Illicit drugs and trafficking',
    );
    const followUp = await slash(b, 'tell me more', 'U-outage');
    expect(followUp.header).toBe('About what?');
    // What it could not answer goes to the replica's own file meanwhile.
    await slash(a, 'who won the world cup', 'U-outage');
    await until(async () => {
      try {
        return readFileSync(join(work, 'a.jsonl'), 'utf8').includes('who won the world cup');
      } catch {
        return false;
      }
    });
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();

    await redis.restart();
    await until(async () => (await ready(a)).status === 200 && (await ready(b)).status === 200);
    expect((await ready(b)).checks.redis).toBe(true);
    expect((await slash(a, 'what does the report say about fentanyl', 'U-after')).header).toBe(
      'Illicit drugs and trafficking',
    );
    const continued = await slash(b, 'source?', 'U-after');
    expect(continued.text).toContain('Sources for *Illicit drugs and trafficking*');
    for (const replica of [a, b]) {
      expect(replica.lines().some((l) => l.msg === 'redis connection back')).toBe(true);
      expect(replica.stderr()).not.toContain(redis.password);
    }
  });

  it('stop cleanly on SIGTERM', async () => {
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
  });
});

describe('a replica whose Redis cannot be reached at start', () => {
  it('exits 1 naming POLICYBOT_REDIS_URL, without the password', async () => {
    const run = await runBuiltCli(['serve'], {
      env: {
        SLACK_BOT_TOKEN: 'xoxb-replica-test-token',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        POLICYBOT_LOG_FORMAT: 'json',
        POLICYBOT_REDIS_URL: 'redis://:start-secret@127.0.0.1:1/0',
        POLICYBOT_UNANSWERED_LOG: 'off',
        POLICYBOT_CACHE_DIR: join(work, 'cache-a'),
      },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot reach Redis at POLICYBOT_REDIS_URL (redis://127.0.0.1:1/0)');
    expect(run.stderr).not.toContain('start-secret');
  });
});
