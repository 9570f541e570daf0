import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from '../../config/errors.js';
import type { PlatformAdapter, RunningPlatform } from '../types.js';
import { createSlackApp, EVENTS_PATH } from './app.js';
import { isSlackConfigured, loadSlackConfig } from './config.js';
import { defaultHandlerDeps, registerHandlers } from './handlers.js';
import { describeError, redact } from './log.js';
import { screened } from './screen.js';

/**
 * Slack through Bolt: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on the shared server
 * at /slack/events. Slack types stay in this folder; the core sees questions and AskContext only.
 */
export const slackAdapter: PlatformAdapter = {
  name: 'slack',
  isConfigured: isSlackConfigured,
  async start({
    assistant,
    env,
    http,
    logger,
    inFlight,
    state,
    feedback,
    signals,
  }): Promise<RunningPlatform> {
    const config = loadSlackConfig(env);
    const slack = await createSlackApp({
      botToken: config.botToken,
      ...(config.appToken === undefined ? {} : { appToken: config.appToken }),
      ...(config.signingSecret === undefined ? {} : { signingSecret: config.signingSecret }),
      ...(config.apiUrl === undefined ? {} : { apiUrl: config.apiUrl }),
      logger,
      debug: env.SLACK_DEBUG === '1',
    });
    if (inFlight) {
      // Registered first, so it wraps everything: Bolt's next() resolves once every listener is done.
      slack.app.use(({ next }) => inFlight.track(next()));
    }
    const deps = defaultHandlerDeps(assistant, logger, config.command, state, feedback, signals);
    registerHandlers(slack.app, deps);
    /**
     * Called once the grace period is over: answers still waiting for Slack's API will not be
     * posted; say how many, so an acknowledged answer is never lost without a word.
     */
    const abandon = () => {
      const left = deps.outbox.close();
      if (left > 0)
        logger.error(
          { notPosted: left },
          'stopping: acknowledged answers not posted within the grace period',
        );
    };

    if (slack.mode === 'http') {
      let stopped = false;
      const listener = slack.requestListener;
      http.add(EVENTS_PATH, (req: IncomingMessage, res: ServerResponse) => {
        if (stopped) {
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Stopping\n');
        } else if (req.method !== 'POST') {
          res
            .writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' })
            .end('Method not allowed\n');
        } else {
          return screened(req, res, listener, { signingSecret: config.signingSecret ?? '', logger, signals });
        }
      });
      logger.info({ mode: 'http', path: EVENTS_PATH, command: config.command }, 'slack ready');
      return {
        name: 'slack',
        // Ready once Slack has confirmed the bot token: until then answers may not reach anyone.
        isReady: () => !stopped && slack.token.confirmed(),
        stop: async () => {
          stopped = true;
          slack.token.stop();
          abandon();
        },
      };
    }

    let connected = false;
    let stopping = false;
    const client = slack.receiver.client;
    client.on('connected', () => {
      connected = true;
      logger.info({ mode: 'socket' }, 'slack socket connected');
    });
    for (const state of ['reconnecting', 'disconnecting', 'disconnected']) {
      client.on(state, () => {
        if (connected && !stopping) logger.warn({ mode: 'socket', state }, 'slack socket not connected');
        connected = false;
      });
    }
    try {
      await slack.app.start();
    } catch (error) {
      slack.token.stop();
      // apps.connections.open refused the app-level token (a wrong token, or one without connections:write).
      if ((error as { code?: unknown }).code === 'slack_webapi_platform_error')
        throw new ConfigError(`Slack did not accept SLACK_APP_TOKEN: ${describeError(error)}`);
      throw unreachable(error, config.apiUrl ?? 'https://slack.com/api/') ?? error;
    }
    connected = true;
    logger.info({ mode: 'socket', command: config.command }, 'slack ready');
    return {
      name: 'slack',
      isReady: () => connected && slack.token.confirmed(),
      stop: async () => {
        stopping = true;
        slack.token.stop();
        abandon();
        // What app.stop() does, awaited: the close handshake, given at most a few seconds.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          client.disconnect(),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, 5000);
          }),
        ]);
        clearTimeout(timer);
        connected = false;
      },
    };
  },
};

/**
 * Socket Mode could not even ask Slack for its link: the SDK says only "A request error occurred:
 * fetch failed". Say that it was Slack that could not be reached, where, and what to look at.
 */
function unreachable(error: unknown, api: string): Error | undefined {
  const { code, original, statusCode } = error as {
    code?: unknown;
    original?: { message?: string; cause?: { code?: string; message?: string } };
    statusCode?: number;
  };
  const where = `Slack's Web API at ${withoutCredentials(api)}`;
  const what = 'to open the Socket Mode connection (apps.connections.open)';
  if (code === 'slack_webapi_request_error') {
    const why = original?.cause?.code ?? original?.cause?.message ?? original?.message ?? 'no answer';
    return new Error(
      redact(
        `Could not reach ${where} ${what}: ${why}. Check this machine's network: its connection, DNS, and any proxy or firewall between it and Slack (or SLACK_API_URL).`,
      ),
    );
  }
  if (code === 'slack_webapi_http_error') {
    return new Error(
      redact(
        `${where} answered HTTP ${statusCode ?? '?'} when asked ${what}: is a proxy in the way, or SLACK_API_URL wrong?`,
      ),
    );
  }
  return undefined;
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
