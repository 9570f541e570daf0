import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from '../../config/errors.js';
import type { PlatformAdapter, RunningPlatform } from '../types.js';
import { createSlackApp, EVENTS_PATH } from './app.js';
import { isSlackConfigured, loadSlackConfig } from './config.js';
import { defaultHandlerDeps, registerHandlers } from './handlers.js';
import { describeError } from './log.js';
import { screened } from './screen.js';

/**
 * Slack through Bolt: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on the shared server
 * at /slack/events. Slack types stay in this folder; the core sees questions and AskContext only.
 */
export const slackAdapter: PlatformAdapter = {
  name: 'slack',
  isConfigured: isSlackConfigured,
  async start({ assistant, env, http, logger, inFlight, state }): Promise<RunningPlatform> {
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
    registerHandlers(slack.app, defaultHandlerDeps(assistant, logger, config.command, state));

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
          return screened(req, res, listener, config.signingSecret ?? '', logger);
        }
      });
      logger.info({ mode: 'http', path: EVENTS_PATH, command: config.command }, 'slack ready');
      return {
        name: 'slack',
        isReady: () => !stopped,
        stop: async () => {
          stopped = true;
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
      // apps.connections.open refused the app-level token (a wrong token, or one without connections:write).
      if ((error as { code?: unknown }).code !== 'slack_webapi_platform_error') throw error;
      throw new ConfigError(`Slack did not accept SLACK_APP_TOKEN: ${describeError(error)}`);
    }
    connected = true;
    logger.info({ mode: 'socket', command: config.command }, 'slack ready');
    return {
      name: 'slack',
      isReady: () => connected,
      stop: async () => {
        stopping = true;
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
