/**
 * Discord end to end on 127.0.0.1, for tests that need both ways in: real discord.js on the fake
 * gateway and REST API, and the signed HTTP interactions endpoint, sharing one state store (two
 * replicas of the bot, as with Redis).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DISCORD_VARIABLES } from '../../../src/adapters/discord/config.js';
import { discordAdapter } from '../../../src/adapters/discord/index.js';
import type { RunningPlatform } from '../../../src/adapters/types.js';
import type { PolicyAssistant } from '../../../src/core/index.js';
import { HttpRoutes } from '../../../src/runtime/http.js';
import { MemoryStateStore } from '../../../src/state/memory/store.js';
import { discordHeaders, discordKeys } from '../../ops/support.js';
import {
  APP_ID,
  type FakeGateway,
  type FakeRest,
  memoryLogger,
  type RecordedRequest,
  startFakeGateway,
  startFakeRest,
} from './fake-discord.js';

const TOKEN = 'fake.bot-token.never-logged';

/** An interaction callback (or a deferred reply's edit) as the bot sent it. */
export interface Callback {
  type: number;
  data: {
    content?: string;
    title?: string;
    custom_id?: string;
    embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
    components?: {
      components: { custom_id: string; label?: string; type: number; options?: { value: string }[] }[];
    }[];
    attachments?: { id: number | string; filename: string; description?: string }[];
    flags?: number;
  };
  /** Files sent with it (multipart), by file name. */
  files: Record<string, string>;
}

export interface DiscordStandIn {
  readonly rest: FakeRest;
  /** Sends an interaction over the gateway and returns the callback discord.js POSTs for it. */
  overGateway(payload: Record<string, unknown>): Promise<Callback>;
  /** Sends an interaction to the HTTP endpoint, signed as Discord signs it; the response (or its edit). */
  overHttp(payload: Record<string, unknown>): Promise<Callback>;
  /** The same, signed, and the endpoint's own response as it came (a deferral is not followed). */
  signedPost(payload: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

export async function startDiscord(assistant: PolicyAssistant): Promise<DiscordStandIn> {
  const keys = discordKeys();
  const { publicKeyHex } = keys;
  const gateway: FakeGateway = await startFakeGateway();
  const rest = await startFakeRest({ gatewayUrl: gateway.url });
  const { logger, lines } = memoryLogger();
  const state = new MemoryStateStore();
  const env = Object.fromEntries(DISCORD_VARIABLES.map((name) => [name, undefined]));
  const running: RunningPlatform = await discordAdapter.start({
    assistant,
    env: { ...env, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: rest.url },
    http: new HttpRoutes(),
    logger,
    state,
  });
  const http = new HttpRoutes();
  const endpoint = await discordAdapter.start({
    assistant,
    env: {
      ...env,
      DISCORD_PUBLIC_KEY: publicKeyHex,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: rest.url,
    },
    http,
    logger,
    state,
  });
  const server: Server = await http.listen(0, '127.0.0.1', logger);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
  const signedPost = (payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    return fetch(url, { method: 'POST', headers: discordHeaders(keys.privateKey, body), body });
  };
  return {
    rest,
    async overGateway(payload) {
      gateway.dispatch('INTERACTION_CREATE', payload);
      const path = `/api/v10/interactions/${String(payload.id)}/${String(payload.token)}/callback`;
      return callbackOf(await rest.waitFor((r) => r.method === 'POST' && r.path === path));
    },
    signedPost,
    async overHttp(payload) {
      const res = await signedPost(payload);
      if (res.status !== 200) throw new Error(`the endpoint answered ${res.status}`);
      const response = (await res.json()) as Callback;
      // A reply with files is deferred in the response and edited in over REST, with the files.
      if (response.type !== 5) return { ...response, files: {} };
      const path = `/api/v10/webhooks/${APP_ID}/${String(payload.token)}/messages/@original`;
      const edit = await rest
        .waitFor((r) => r.method === 'PATCH' && decodeURIComponent(r.path) === path, 10_000)
        .catch((error: unknown) => {
          throw new Error(
            `no edit of the deferred reply: ${String(error)}; requests: ${rest.requests
              .slice(-3)
              .map((r) => `${r.method} ${r.path}`)
              .join(' ')}; the bot logged ${lines.join('\n')}`,
          );
        });
      return callbackOf(edit);
    },
    async close() {
      await running.stop();
      await endpoint.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      await rest.close();
    },
  };
}

/** A recorded callback: JSON, or multipart with `payload_json` and files. */
function callbackOf(request: RecordedRequest): Callback {
  const parts = request.parts;
  if (parts === undefined) return { ...(request.body as Omit<Callback, 'files'>), files: {} };
  const json = parts.find((p) => p.name === 'payload_json');
  const payload = JSON.parse(json?.data ?? '{}') as Omit<Callback, 'files'> | Callback['data'];
  const files = Object.fromEntries(
    parts.filter((p) => p.filename !== undefined).map((p) => [p.filename ?? '', p.data]),
  );
  // The callback wraps its data ({type, data}); an edit is the data itself.
  return 'type' in payload && 'data' in payload
    ? { ...(payload as Omit<Callback, 'files'>), files }
    : { type: 4, data: payload as Callback['data'], files };
}
