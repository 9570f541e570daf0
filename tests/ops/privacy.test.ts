import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../scripts/redis-server.js';
import { loadOpsConfig } from '../../src/config/ops.js';
import { createLogger } from '../../src/ops/log.js';
import { openStateStore } from '../../src/state/open.js';
import { APP_ID, commandInteraction, USER_ID } from '../adapters/discord/payloads.js';
import { eventEnvelope, FakeSlack, sendToBot, slashCommand, ts } from '../adapters/slack/fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../adapters/slack/setup.js';
import { type ServeProcess, startServe } from '../support/serve.js';
import { discordHeaders, discordKeys, memoryLog, memoryLogger } from './support.js';

// `policybot serve` (the built CLI) on a real redis-server, with Slack over HTTP and Discord's
// endpoint, and a Slack API URL that carries a proxy's credentials: after people have asked,
// followed up and mentioned it, no key or value in Redis holds a platform user id, and no log
// line holds the credentials.
const work = mkdtempSync(join(tmpdir(), 'policybot-privacy-'));
const keys = discordKeys();
const PROXY_USER = 'proxy-user-name';
const PROXY_PASSWORD = 'proxy-secret-pw';
const SLACK_USERS = ['U0SECRETA1', 'U0SECRETB2'];
let redis: TestRedis;
let fake: FakeSlack;
let serve: ServeProcess;

beforeAll(async () => {
  redis = await startRedis();
  fake = await new FakeSlack().start();
  serve = await startServe({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl.replace('http://', `http://${PROXY_USER}:${PROXY_PASSWORD}@`),
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_APPLICATION_ID: APP_ID,
    POLICYBOT_REDIS_URL: redis.url(),
    POLICYBOT_REDIS_TIMEOUT_MS: '1000',
    POLICYBOT_UNANSWERED_LOG: join(work, 'unanswered.jsonl'),
    POLICYBOT_CACHE_DIR: join(work, 'cache'),
  });
}, 60_000);

afterAll(async () => {
  await serve?.stop();
  await fake?.close();
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
});

const slash = (text: string, user: string) =>
  sendToBot(
    `${serve.base}/slack/events`,
    new URLSearchParams(slashCommand(text, fake.responseUrl('p'), { user_id: user })).toString(),
    'application/x-www-form-urlencoded',
    { secret: SIGNING_SECRET },
  );

/** Every key under every prefix, and every value, as text. */
async function everything(): Promise<string> {
  const client = new Redis(redis.url());
  try {
    const out: string[] = [];
    for (const key of await client.keys('*')) {
      out.push(key);
      const type = await client.type(key);
      if (type === 'string') out.push((await client.get(key)) ?? '');
      else if (type === 'zset') out.push(...(await client.zrange(key, '0', '-1')));
      else if (type === 'hash') out.push(JSON.stringify(await client.hgetall(key)));
      else if (type === 'stream') out.push(JSON.stringify(await client.xrange(key, '-', '+')));
      else out.push(`(${type})`);
    }
    return out.join('\n');
  } finally {
    client.disconnect();
  }
}

describe('privacy under real traffic', () => {
  it('keeps every platform user id out of Redis, keys and values alike', async () => {
    for (const user of SLACK_USERS) {
      expect((await slash('ransomware', user)).status).toBe(200);
      // A follow-up: the conversation is remembered, keyed by the person's commands in a channel.
      expect(JSON.stringify(await (await slash('tell me more', user)).json())).toContain('Ransomware');
      expect((await slash('what is the capital of canada', user)).status).toBe(200);
    }
    const mention = await sendToBot(
      `${serve.base}/slack/events`,
      JSON.stringify(
        eventEnvelope({
          type: 'app_mention',
          user: SLACK_USERS[0],
          text: '<@UBOT> fentanyl',
          channel: 'C0001',
          ts: ts(),
        }),
      ),
      'application/json',
      { secret: SIGNING_SECRET },
    );
    expect(mention.status).toBe(200);
    const body = JSON.stringify(
      commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]),
    );
    const discord = await fetch(`${serve.base}/discord/interactions`, {
      method: 'POST',
      headers: discordHeaders(keys.privateKey, body),
      body,
    });
    expect(discord.status).toBe(200);
    // The mention is answered after its acknowledgement: wait for its question line.
    const deadline = Date.now() + 10_000;
    while (serve.lines().filter((l) => l.msg === 'question').length < 8 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));

    const stored = await everything();
    expect(stored).toContain('conv:');
    for (const id of [...SLACK_USERS, USER_ID]) {
      const at = stored.indexOf(id);
      expect(at === -1 ? '' : stored.slice(Math.max(0, at - 300), at + 100)).toBe('');
    }
  });

  it('writes no credential of a configured URL to the log', () => {
    const text = serve.stderr();
    expect(text).toContain('slack ready');
    expect(text).not.toContain(PROXY_PASSWORD);
    expect(text).not.toContain(PROXY_USER);
    expect(text).not.toContain(redis.password);
  });

  it('the logger takes credentials out of any URL in any field or message', async () => {
    const log = memoryLog();
    const logger = await createLogger({ level: 'info', format: 'json', stream: log.stream });
    logger.warn(
      { api: 'https://u:p4ss@proxy.example:8080/api/', nested: { url: 'redis://:pw@10.0.0.5:6379/0' } },
      'calling https://u:p4ss@proxy.example:8080/api/ failed',
    );
    const line = log.text();
    expect(line).not.toContain('p4ss');
    expect(line).not.toContain(':pw@');
    expect(line).toContain('https://[redacted]@proxy.example:8080/api/');
    expect(line).toContain('redis://[redacted]@10.0.0.5:6379/0');
  });
});

describe('Redis value maps are bounded in count, as memory is', () => {
  it('keeps the newest `max` values and drops the oldest', async () => {
    const { logger } = memoryLogger();
    const config = loadOpsConfig({ POLICYBOT_REDIS_URL: redis.url(), POLICYBOT_REDIS_PREFIX: 'bounded:' });
    const store = await openStateStore(config, { logger, conversationTtlMs: 60_000 });
    try {
      const answers = store.values('answers', { ttlMs: 60_000, max: 5 });
      for (let i = 0; i < 8; i++) await answers.put(`ref-${i}`, `answer ${i}`);
      const kept = await Promise.all(Array.from({ length: 8 }, (_, i) => answers.get(`ref-${i}`)));
      expect(kept).toEqual([
        undefined,
        undefined,
        undefined,
        'answer 3',
        'answer 4',
        'answer 5',
        'answer 6',
        'answer 7',
      ]);
      const client = new Redis(redis.url());
      try {
        expect(await client.keys('bounded:values:answers:*')).toHaveLength(5);
      } finally {
        client.disconnect();
      }
    } finally {
      await store.close();
    }
  });
});
