import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { slackAdapter } from '../../../src/adapters/slack/index.js';
import type { RunningPlatform } from '../../../src/adapters/types.js';
import type { PolicyAssistant } from '../../../src/core/index.js';
import { HttpRoutes } from '../../../src/runtime/http.js';
import { capturingLogger, realAssistant } from './assistant.js';
import { type Call, eventEnvelope, FakeSlack, sendToBot, slashCommand } from './fake-slack.js';

export { realAssistant };

export const BOT_TOKEN = 'xoxb-1111-2222-secretbottoken';
export const APP_TOKEN = 'xapp-1-A0001-3333-secretapptoken';
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface RunningSlack {
  readonly fake: FakeSlack;
  readonly platform: RunningPlatform;
  readonly http: HttpRoutes;
  readonly server: Server | undefined;
  /** http://127.0.0.1:P/slack/events in HTTP mode. */
  readonly eventsUrl: string;
  readonly logLines: string[];
  close(): Promise<void>;
}

/** Starts the adapter as `policybot serve` does, against a fake Slack, with the given environment. */
export async function startSlack(
  assistant: PolicyAssistant,
  env: NodeJS.ProcessEnv,
  prepare?: (fake: FakeSlack) => void | Promise<void>,
): Promise<RunningSlack> {
  const fake = await new FakeSlack().start();
  await prepare?.(fake);
  const { logger, lines } = capturingLogger();
  const http = new HttpRoutes();
  const platform = await slackAdapter.start({
    assistant,
    env: { SLACK_API_URL: fake.apiUrl, ...env },
    http,
    logger,
  });
  const server = http.size > 0 ? await http.listen(0, '127.0.0.1', logger) : undefined;
  const port = server ? (server.address() as AddressInfo).port : 0;
  return {
    fake,
    platform,
    http,
    server,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    logLines: lines,
    async close() {
      await platform.stop();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await fake.close();
    },
  };
}

/** Sends what Slack sends to a running adapter in HTTP mode, signed; and reads what it posted. */
export function slackUser(slack: RunningSlack) {
  const signed = (body: string, type: 'application/json' | 'application/x-www-form-urlencoded') =>
    sendToBot(slack.eventsUrl, body, type, { secret: SIGNING_SECRET });
  return {
    event: (event: Record<string, unknown>) =>
      signed(JSON.stringify(eventEnvelope(event)), 'application/json'),
    command: async (text: string, responseId = 'cmd') => {
      const res = await signed(
        new URLSearchParams(slashCommand(text, slack.fake.responseUrl(responseId))).toString(),
        'application/x-www-form-urlencoded',
      );
      return (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    },
    click: (payload: Record<string, unknown>) =>
      signed(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
      ),
    /** Waits (bounded) until Slack has accepted `count` posts matching `test`, and returns them. */
    async delivered(test: (call: Call) => boolean, count = 1, timeoutMs = 10_000): Promise<Call[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = slack.fake.delivered.filter(test);
        if (found.length >= count) return found;
        if (Date.now() > deadline)
          throw new Error(`expected ${count} delivered post(s), got ${found.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** Waits (bounded) for a log line containing `text`. */
export async function logged(slack: RunningSlack, text: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = slack.logLines.find((l) => l.includes(text));
    if (line !== undefined) return line;
    if (Date.now() > deadline) throw new Error(`no log line with "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type SlackUser = ReturnType<typeof slackUser>;

/** What a file's tests talk to: the running adapter, a signed sender, and the assistant behind it. */
export interface SlackOverHttp {
  readonly slack: RunningSlack;
  readonly user: SlackUser;
  readonly assistant: PolicyAssistant;
}

/**
 * The set-up every end-to-end file shares: before its tests, the adapter over HTTP (bot token and
 * signing secret) in front of `assistant` (the real one unless a test wraps it); after them, all
 * of it stopped. `ready` hands the running parts to the file's own variables.
 */
export function slackOverHttp(
  ready: (running: SlackOverHttp) => void,
  assistant: () => PolicyAssistant | Promise<PolicyAssistant> = realAssistant,
): void {
  let slack: RunningSlack | undefined;
  beforeAll(async () => {
    const behind = await assistant();
    slack = await startSlack(behind, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET });
    ready({ slack, user: slackUser(slack), assistant: behind });
  });
  afterAll(async () => {
    await slack?.close();
  });
}
