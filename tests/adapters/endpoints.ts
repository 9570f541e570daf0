import type { AddressInfo } from 'node:net';
import { discordAdapter } from '../../src/adapters/discord/index.js';
import type { PolicyAssistant } from '../../src/core/index.js';
import { HttpRoutes } from '../../src/runtime/http.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { discordHeaders, discordKeys } from '../ops/support.js';
import { APP_ID } from './discord/payloads.js';
import { BOT_TOKEN, type RunningSlack, SIGNING_SECRET, startSlack } from './slack/setup.js';

/** Slack over HTTP and Discord's interactions endpoint, both in front of one assistant. */
export interface Endpoints {
  readonly slack: RunningSlack;
  /** http://127.0.0.1:P/discord/interactions */
  readonly discordUrl: string;
  /** POSTs a body to the Discord endpoint, signed as Discord signs it. */
  toDiscord(body: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * What the tests that compare surfaces (and send them malformed requests) share: real Bolt with
 * signed requests and the real Discord endpoint with an ed25519 key of its own, on 127.0.0.1.
 */
export async function startEndpoints(assistant: PolicyAssistant): Promise<Endpoints> {
  const keys = discordKeys();
  const slack = await startSlack(assistant, {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
  });
  const http = new HttpRoutes();
  const discord = await discordAdapter.start({
    assistant,
    env: { DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: APP_ID },
    http,
    logger: silentLogger,
  });
  const server = await http.listen(0, '127.0.0.1', silentLogger);
  const discordUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
  return {
    slack,
    discordUrl,
    toDiscord: (body) =>
      fetch(discordUrl, { method: 'POST', headers: discordHeaders(keys.privateKey, body), body }),
    async close() {
      await slack.close();
      await discord.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
