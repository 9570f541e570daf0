import type { RequestListener } from 'node:http';
import {
  App,
  type AppOptions,
  type Authorize,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import { ConfigError } from '../../config/errors.js';
import type { Logger } from '../../runtime/logger.js';
import { boltLogger, describeError } from './log.js';

export const EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  readonly botToken: string;
  /** HTTP mode: requests are verified with it. */
  readonly signingSecret?: string;
  /** Socket Mode when set. */
  readonly appToken?: string;
  /** The Web API base ("https://slack.com/api/" unless set): tests and proxies. */
  readonly apiUrl?: string;
  /**
   * The bot's ids. With both given Bolt makes no auth.test call; without them `createSlackApp`
   * asks Slack once, which also checks the token before anything is served.
   */
  readonly botId?: string;
  readonly botUserId?: string;
  /** Instead of a single token (several workspaces, or tests): Bolt calls it for every event. */
  readonly authorize?: Authorize<boolean>;
  readonly logger: Logger;
  readonly debug?: boolean;
  /** Web API retries (429s and network failures); a chat answer is worth little minutes late. */
  readonly retries?: number;
  /** Socket Mode ping timeouts in ms: the client drops a link whose server has gone quiet. */
  readonly clientPingTimeout?: number;
  readonly serverPingTimeout?: number;
}

export type SlackApp =
  | { readonly mode: 'http'; readonly app: App; readonly requestListener: RequestListener }
  | { readonly mode: 'socket'; readonly app: App; readonly receiver: SocketModeReceiver };

/** Builds the Bolt App, and verifies the bot token unless the bot's ids were given. */
export async function createSlackApp(options: SlackAppOptions): Promise<SlackApp> {
  const logger = boltLogger(options.logger, options.debug ? LogLevel.DEBUG : LogLevel.INFO);
  const clientOptions = (): webApi.WebClientOptions => ({
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 4000 },
    timeout: 15_000,
  });
  const { botId, botUserId } = options;
  const knownIds = botId !== undefined && botUserId !== undefined;
  const auth: Pick<AppOptions, 'authorize' | 'token' | 'botId' | 'botUserId' | 'tokenVerificationEnabled'> =
    options.authorize !== undefined
      ? { authorize: options.authorize }
      : knownIds
        ? { token: options.botToken, botId, botUserId, tokenVerificationEnabled: false }
        : { token: options.botToken };

  const build = (receiver: HTTPReceiver | SocketModeReceiver): App =>
    new App({
      ...auth,
      receiver,
      logger,
      clientOptions: clientOptions(),
      // Initialized below, where a failure can be reported; no Bolt conversation store (the core keeps its own).
      deferInitialization: true,
      convoStore: false,
    });

  let slack: SlackApp;
  if (options.appToken !== undefined) {
    const receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger,
      // The Socket Mode client opens its link with apps.connections.open through the same API base.
      installerOptions: { clientOptions: clientOptions() },
      ...(options.clientPingTimeout === undefined ? {} : { clientPingTimeout: options.clientPingTimeout }),
      ...(options.serverPingTimeout === undefined ? {} : { serverPingTimeout: options.serverPingTimeout }),
    });
    slack = { mode: 'socket', app: build(receiver), receiver };
  } else {
    if (options.signingSecret === undefined) {
      throw new ConfigError('Invalid configuration:\n  SLACK_SIGNING_SECRET: is required in HTTP mode');
    }
    const receiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: EVENTS_PATH,
      logger,
    });
    slack = { mode: 'http', app: build(receiver), requestListener: receiver.requestListener };
  }

  try {
    // auth.test, unless the ids were given: a wrong token fails here, at start-up, not on the first question.
    await slack.app.init();
  } catch (error) {
    // A Slack answer (invalid_auth, account_inactive, …) is about the token; anything else is the way there.
    const platformError = (error as { code?: unknown }).code === 'slack_webapi_platform_error';
    throw new ConfigError(
      platformError
        ? `Slack did not accept SLACK_BOT_TOKEN: ${describeError(error)}`
        : `Could not reach Slack's Web API at ${options.apiUrl ?? 'https://slack.com/api/'}: ${describeError(error)}`,
    );
  }
  return slack;
}
