import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERACTIONS_PATH, interactionsEndpoint } from '../../../src/adapters/discord/http-endpoint.js';
import { discordAdapter } from '../../../src/adapters/discord/index.js';
import type { RunningPlatform } from '../../../src/adapters/types.js';
import { createAssistant, type PolicyAssistant } from '../../../src/core/index.js';
import { loadKnowledgeBase } from '../../../src/knowledge/index.js';
import { HttpRoutes } from '../../../src/runtime/http.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import {
  APP_ID,
  autocompleteInteraction,
  commandInteraction,
  componentInteraction,
  type FakeRest,
  memoryLogger,
  startFakeRest,
} from './fake-discord.js';

const keys = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
/** The 32 raw bytes of the public key, as the Developer Portal shows it: 64 hex characters. */
const publicKeyHex = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');

let assistant: PolicyAssistant;
let rest: FakeRest;
let running: RunningPlatform;
let server: Server;
let brokenServer: Server;
let base: string;
let brokenBase: string;
const broken = memoryLogger();

const listen = async (routes: HttpRoutes): Promise<[Server, string]> => {
  const s = await routes.listen(0, '127.0.0.1', silentLogger);
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}${INTERACTIONS_PATH}`];
};

beforeAll(async () => {
  const real = createAssistant(await loadKnowledgeBase({ root: process.cwd() }));
  // The real assistant, made slow on purpose for questions that say "slowly": past the ~2 s at
  // which a reply must be deferred, inside the 3 s Discord allows.
  assistant = {
    ...real,
    ask: async (question, context) => {
      if (!question.startsWith('slowly: ')) return real.ask(question, context);
      await new Promise((resolve) => setTimeout(resolve, 2600));
      // The marker is the test's, not the asker's: the question itself is what follows it.
      return real.ask(question.slice('slowly: '.length), context);
    },
  };
  rest = await startFakeRest();
  const http = new HttpRoutes();
  running = await discordAdapter.start({
    assistant,
    env: { DISCORD_PUBLIC_KEY: publicKeyHex, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: rest.url },
    http,
    logger: silentLogger,
  });
  [server, base] = await listen(http);

  // An assistant that fails on every question: the endpoint must still answer, with an apology.
  const failing: PolicyAssistant = {
    ...assistant,
    ask: () => {
      throw new Error('the core fell over');
    },
  };
  const routes = new HttpRoutes();
  routes.add(
    INTERACTIONS_PATH,
    interactionsEndpoint(
      { publicKey: publicKeyHex, applicationId: APP_ID, rest: new REST({ api: rest.url, version: '10' }) },
      { assistant: failing, logger: broken.logger },
    ),
  );
  [brokenServer, brokenBase] = await listen(routes);
});

afterAll(async () => {
  await running?.stop();
  await rest?.close();
  for (const s of [server, brokenServer]) {
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

const now = () => String(Math.floor(Date.now() / 1000));

async function post(
  payload: unknown,
  options: {
    key?: KeyObject;
    timestamp?: string;
    signature?: string | null;
    url?: string;
    tamper?: boolean;
  } = {},
): Promise<Response> {
  const body = JSON.stringify(payload);
  const timestamp = options.timestamp ?? now();
  const signature =
    options.signature === undefined
      ? sign(null, Buffer.from(timestamp + body), options.key ?? keys.privateKey).toString('hex')
      : options.signature;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-signature-timestamp': timestamp,
  };
  if (signature !== null) headers['x-signature-ed25519'] = signature;
  return fetch(options.url ?? base, {
    method: 'POST',
    headers,
    body: options.tamper ? body.replace('ask', 'cite') : body,
  });
}

const ping = { id: '1', application_id: APP_ID, type: 1, token: 'ping-token', version: 1 };

describe('Discord HTTP interactions endpoint', () => {
  it('is registered on the shared server and ready', () => {
    expect(running.isReady()).toBe(true);
  });

  it('answers a signed PING with PONG', async () => {
    const res = await post(ping);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ type: 1 });
  });

  it('refuses a missing, foreign or malformed signature, and a tampered body, with 401', async () => {
    const ask = commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]);
    expect((await post(ping, { signature: null })).status).toBe(401);
    expect((await post(ping, { key: stranger.privateKey })).status).toBe(401);
    expect((await post(ping, { signature: 'zz'.repeat(64) })).status).toBe(401);
    expect((await post(ask, { tamper: true })).status).toBe(401);
    // A signed request from outside five minutes is a replay, as Slack's would be; a timestamp
    // that is not one too. Within the window, another clock is still Discord's.
    expect((await post(ping, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) })).status).toBe(401);
    expect((await post(ping, { timestamp: 'hello' })).status).toBe(401);
    expect((await post(ping, { timestamp: String(Math.floor(Date.now() / 1000) - 200) })).status).toBe(200);
    const noHeaders = await fetch(base, { method: 'POST', body: JSON.stringify(ping) });
    expect(noHeaders.status).toBe(401);
  });

  it('answers an interaction id once: the same signed request again gets a 409', async () => {
    const ask = commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]);
    const first = await post(ask);
    expect(first.status).toBe(200);
    expect(JSON.stringify(await first.json())).toContain('Ransomware');
    const again = await post(ask);
    expect(again.status).toBe(409);
    expect(await again.text()).not.toContain('Ransomware');
  });

  it('takes only POST', async () => {
    expect((await fetch(base)).status).toBe(405);
  });

  it('answers a signed /ask with its embed, pinging no one', async () => {
    const res = await post(
      commandInteraction('ask', [
        { name: 'question', type: 3, value: 'what does the report say about fentanyl?' },
      ]),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      type: number;
      data: {
        embeds: { title: string; description: string; fields: { name: string; value: string }[] }[];
        allowed_mentions: unknown;
        flags?: number;
      };
    };
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.flags).toBeUndefined();
    const [embed] = body.data.embeds;
    expect(embed?.title).toBe('Illicit drugs and trafficking');
    expect(embed?.description).toContain('fentanyl');
    expect(embed?.fields.some((f) => f.value.includes('Western Hemisphere-based TCOs'))).toBe(true);
    expect(body.data.embeds[1]?.description).toContain('February 5, 2024');
  });

  it('answers autocomplete and button presses too', async () => {
    const choices = await post(
      autocompleteInteraction('cite', [{ name: 'topic', type: 3, value: 'ransom', focused: true }]),
    );
    expect(await choices.json()).toMatchObject({
      type: 8,
      data: { choices: [{ value: 'threat.ransomware' }] },
    });
    const press = await post(componentInteraction('pb:more:threat.ransomware', { ephemeral: true }));
    const body = (await press.json()) as {
      type: number;
      data: { flags?: number; embeds: { title: string }[] };
    };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]?.title).toBe('Ransomware');
  });

  it('answers /ask in a DM with the bot (a global command), where the user comes without a member', async () => {
    const {
      guild_id: _guild,
      member,
      ...rest
    } = commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]);
    const dm = {
      ...rest,
      user: (member as { user: unknown }).user,
      channel: { id: '555555555555555999', type: 1, recipients: [] },
      channel_id: '555555555555555999',
      context: 1,
      authorizing_integration_owners: { '0': '0' },
    };
    const res = await post(dm);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { type: number; data: { embeds: { title: string }[] } };
    expect(body.type).toBe(4);
    expect(body.data.embeds[0]?.title).toBe('Ransomware');
  });

  it('answers with a short apology, and logs, when the core fails', async () => {
    const res = await post(commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]), {
      url: brokenBase,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      data: { content: string; flags: number; allowed_mentions: unknown };
    };
    expect(body.data.content).toMatch(/^Sorry/);
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(broken.lines.join('\n')).toContain('the core fell over');
  });

  it('defers an answer not ready within about 2 s (type 5), then edits the reply into the answer', async () => {
    const payload = commandInteraction('ask', [
      { name: 'question', type: 3, value: 'slowly: what does the report say about ransomware?' },
      { name: 'private', type: 5, value: true },
    ]);
    const res = await post(payload);
    expect(res.status).toBe(200);
    // Deferred privately, since the answer will be private: an edit cannot change that later.
    expect(await res.json()).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await rest.waitFor((r) => r.method === 'PATCH', 10_000);
    expect(edit.path).toMatch(
      new RegExp(`^/api/v10/webhooks/${APP_ID}/${String(payload.token)}/messages/(?:@|%40)original$`),
    );
    // The interaction's token authorizes the edit: no bot token is sent (none is configured).
    expect(edit.headers.authorization).toBeUndefined();
    const body = edit.body as { embeds: { title: string }[]; allowed_mentions: unknown; flags?: number };
    expect(body.embeds[0]?.title).toBe('Ransomware');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.flags).toBeUndefined();
  });

  it('edits a deferred reply through a 429 storm, waiting as Retry-After says', async () => {
    const payload = commandInteraction('ask', [{ name: 'question', type: 3, value: 'slowly: fraud' }]);
    const token = String(payload.token);
    rest.storm((r) => r.method === 'PATCH' && r.path.includes(token), 2, 0.3);
    const res = await post(payload);
    expect(await res.json()).toEqual({ type: 5, data: {} });
    const edit = await rest.waitFor((r) => r.method === 'PATCH' && r.path.includes(token), 10_000);
    expect((edit.body as { embeds: { title: string }[] }).embeds[0]?.title).toBe(
      'Fraud and money laundering',
    );
    expect(rest.rateLimited.filter((r) => r.path.includes(token))).toHaveLength(2);
    expect(rest.requests.filter((r) => r.method === 'PATCH' && r.path.includes(token))).toHaveLength(1);
  });
});
