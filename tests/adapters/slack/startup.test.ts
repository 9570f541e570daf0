import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, EVENTS_PATH } from '../../../src/adapters/slack/app.js';
import { defaultHandlerDeps, registerHandlers } from '../../../src/adapters/slack/handlers.js';
import { slackAdapter } from '../../../src/adapters/slack/index.js';
import type { PolicyAssistant } from '../../../src/core/index.js';
import { HttpRoutes } from '../../../src/runtime/http.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { capturingLogger } from './assistant.js';
import { blockText } from './blocks.js';
import { FakeSlack, sendToBot, slashCommand } from './fake-slack.js';
import { APP_TOKEN, BOT_TOKEN, realAssistant, SIGNING_SECRET, startSlack } from './setup.js';

let assistant: PolicyAssistant;
beforeAll(async () => {
  assistant = await realAssistant();
});

async function until(test: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the bot token check at start-up', () => {
  it('is not ready (HTTP mode) while Slack has not confirmed the token, but serves what arrives', async () => {
    const running = await startSlack(
      assistant,
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET },
      (fake) => {
        fake.missing.add('auth.test');
      },
    );
    try {
      expect(running.logLines.join('\n')).toContain('could not check the bot token with auth.test');
      expect(running.platform.isReady()).toBe(false);
    } finally {
      await running.close();
    }
  });

  describe('checked again in the background', () => {
    let fake: FakeSlack;
    let server: Server;
    let url: string;
    let slack: Awaited<ReturnType<typeof createSlackApp>>;
    const { logger, lines } = capturingLogger();

    beforeAll(async () => {
      fake = await new FakeSlack().start();
      fake.missing.add('auth.test');
      slack = await createSlackApp({
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        apiUrl: fake.apiUrl,
        logger,
        identityRetryMs: 100,
      });
      registerHandlers(slack.app, defaultHandlerDeps(assistant, logger, '/policy'));
      if (slack.mode !== 'http') throw new Error('expected HTTP mode');
      const http = new HttpRoutes();
      http.add(EVENTS_PATH, slack.requestListener);
      server = await http.listen(0, '127.0.0.1', logger);
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${EVENTS_PATH}`;
    });

    afterAll(async () => {
      slack?.token.stop();
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await fake?.close();
    });

    it('never makes a request wait on it: a command is answered while auth.test hangs, and readiness follows the answer', async () => {
      expect(slack.token.confirmed()).toBe(false);
      // Slack is back but slow: the next background check is under way and gets no answer yet.
      fake.missing.delete('auth.test');
      fake.held.add('auth.test');
      await until(() => fake.callsTo('/api/auth.test').length >= 2);

      // Bolt authorizes before it acknowledges: had authorize waited on auth.test, Bolt's own
      // three-second timeout would have answered 404 instead of the answer.
      const response = await sendToBot(
        url,
        new URLSearchParams(slashCommand('ransomware', fake.responseUrl('slow'))).toString(),
        'application/x-www-form-urlencoded',
        { secret: SIGNING_SECRET },
      );
      expect(response.status).toBe(200);
      expect(blockText(((await response.json()) as { blocks: unknown[] }).blocks)).toContain('Ransomware');
      expect(slack.token.confirmed()).toBe(false);
      // One check at a time: the timer does not pile up calls behind the one that hangs.
      expect(fake.callsTo('/api/auth.test')).toHaveLength(2);

      fake.release('auth.test');
      await until(() => slack.token.confirmed());
      expect(lines.join('')).toContain('slack bot token checked: ready');
    });
  });
});

describe('Socket Mode with no way to Slack', () => {
  it('fails saying it could not reach Slack, where, and to check the network', async () => {
    // A port nothing listens on: the connection is refused, as with no network or a wrong proxy.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { logger } = capturingLogger();
    const started = slackAdapter.start({
      assistant,
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      },
      http: new HttpRoutes(),
      logger,
    });
    const error = (await started.catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(
      new RegExp(
        `^Could not reach Slack's Web API at http://127\\.0\\.0\\.1:${port}/api/ to open the Socket Mode connection`,
      ),
    );
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain("Check this machine's network");
    expect(error.message).not.toContain('A request error occurred');
    expect(error.message).not.toContain(APP_TOKEN);
  });
});

describe('Slack start-up', () => {
  it('fails with a ConfigError when Slack rejects the bot token, without echoing it', async () => {
    const fake = await new FakeSlack().start();
    try {
      fake.failures.set('auth.test', 'invalid_auth');
      const http = new HttpRoutes();
      const env = {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
      };
      const started = slackAdapter.start({ assistant, env, http, logger: silentLogger });
      await expect(started).rejects.toThrow(/^Slack did not accept SLACK_BOT_TOKEN: .*invalid_auth/);
      await expect(started).rejects.not.toThrow(BOT_TOKEN);
      expect(http.size).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it.each([
    ['is not served at all (404)', (fake: FakeSlack) => fake.missing.add('auth.test')],
    ['is an unknown method', (fake: FakeSlack) => fake.failures.set('auth.test', 'unknown_method')],
  ])('serves anyway when auth.test %s, and warns', async (_, prepare) => {
    const running = await startSlack(
      assistant,
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET },
      (fake) => {
        prepare(fake);
      },
    );
    try {
      expect(running.logLines.join('\n')).toContain('could not check the bot token with auth.test');
      const response = await sendToBot(
        running.eventsUrl,
        new URLSearchParams(
          slashCommand('what does the report say about ransomware', running.fake.responseUrl('x')),
        ).toString(),
        'application/x-www-form-urlencoded',
        { secret: SIGNING_SECRET },
      );
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).toContain('ransomware operations');
    } finally {
      await running.close();
    }
  });
});
