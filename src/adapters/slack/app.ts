import type { RequestListener } from 'node:http';
import {
  App,
  type AppOptions,
  type Authorize,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  webApi,
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
  /** How often the bot token is checked again in the background while Slack has not confirmed it. */
  readonly identityRetryMs?: number;
}

/** Whether Slack has confirmed the bot token, and the background checks that keep asking until it does. */
export interface TokenCheck {
  /** True once auth.test accepted the token (or when the bot's ids were given, so none is needed). */
  confirmed(): boolean;
  /** Stops checking. */
  stop(): void;
}

export type SlackApp = { readonly token: TokenCheck } & (
  | { readonly mode: 'http'; readonly app: App; readonly requestListener: RequestListener }
  | { readonly mode: 'socket'; readonly app: App; readonly receiver: SocketModeReceiver }
);

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
  const identity = knownIds
    ? undefined
    : new BotIdentity(
        // Its failures are reported once through our logger (below), not by the client's own console logger.
        new webApi.WebClient(options.botToken, {
          ...clientOptions(),
          retryConfig: { retries: 0 },
          timeout: 5000,
          logger,
          logLevel: LogLevel.ERROR,
        }),
        options.logger,
        options.identityRetryMs ?? 60_000,
      );
  const auth: Pick<AppOptions, 'authorize' | 'token' | 'botId' | 'botUserId' | 'tokenVerificationEnabled'> =
    options.authorize !== undefined
      ? { authorize: options.authorize }
      : knownIds
        ? { token: options.botToken, botId, botUserId, tokenVerificationEnabled: false }
        : // Bolt runs authorize before a request is acknowledged: it must never wait on Slack.
          { authorize: async () => ({ botToken: options.botToken, ...identity?.ids() }) };

  const build = (receiver: HTTPReceiver | SocketModeReceiver): App =>
    new App({
      ...auth,
      receiver,
      logger,
      // A 429 comes back to the outbox, which waits in that channel alone; the client would pause
      // every request of the workspace and give up after its retries.
      clientOptions: { ...clientOptions(), rejectRateLimitedCalls: true },
      // Initialized below, where a failure can be reported; no Bolt conversation store (the core keeps its own).
      deferInitialization: true,
      convoStore: false,
    });

  const token: TokenCheck = identity ?? { confirmed: () => true, stop: () => undefined };
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
    slack = { mode: 'socket', app: build(receiver), receiver, token };
  } else {
    if (options.signingSecret === undefined) {
      throw new ConfigError('Invalid configuration:\n  SLACK_SIGNING_SECRET: is required in HTTP mode');
    }
    const receiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: EVENTS_PATH,
      logger,
    });
    slack = { mode: 'http', app: build(receiver), requestListener: receiver.requestListener, token };
  }

  await slack.app.init();
  if (identity && options.authorize === undefined) {
    // auth.test once at start-up: a token Slack rejects fails here, not on the first question. Slack
    // out of reach is no reason to refuse requests that do arrive: warn, and ask again later.
    const outcome = await identity.check();
    if (outcome.kind === 'rejected')
      throw new ConfigError(`Slack did not accept SLACK_BOT_TOKEN: ${outcome.reason}`);
    if (outcome.kind === 'unreachable') {
      options.logger.warn(
        { api: options.apiUrl ?? 'https://slack.com/api/', err: outcome.reason },
        'could not check the bot token with auth.test; serving anyway (not ready), will retry',
      );
      identity.retryInBackground();
    }
  }
  return slack;
}

/** auth.test errors that mean the token itself is wrong (Slack's documented token errors). */
const TOKEN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
]);

/**
 * The bot's own ids (to ignore its own messages), from auth.test, asked at start-up (and in the
 * background until Slack answers) and remembered. Bolt would otherwise call auth.test at
 * construction and refuse to start while Slack is out of reach.
 */
class BotIdentity implements TokenCheck {
  private known: { botId?: string; botUserId?: string } | undefined;
  private checking: Promise<CheckOutcome> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly retryMs: number,
  ) {}

  confirmed(): boolean {
    return this.known !== undefined;
  }

  /** One auth.test at a time: a check already under way is shared. */
  check(): Promise<CheckOutcome> {
    this.checking ??= this.ask().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  /** What is known of the bot's ids, at once: never a wait (Bolt has not acknowledged the request yet). */
  ids(): { botId?: string; botUserId?: string } {
    return this.known ?? {};
  }

  /** Asks again every `retryMs` until Slack confirms the token; readiness follows. */
  retryInBackground(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      void this.check().then((outcome) => {
        if (outcome.kind === 'ok') {
          this.stop();
          this.logger.info({}, 'slack bot token checked: ready');
        } else if (outcome.kind === 'rejected') {
          this.logger.error({ err: outcome.reason }, 'Slack did not accept SLACK_BOT_TOKEN');
        }
      });
    }, this.retryMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async ask(): Promise<CheckOutcome> {
    try {
      const result = await this.client.auth.test();
      this.known = {
        ...(typeof result.bot_id === 'string' ? { botId: result.bot_id } : {}),
        ...(typeof result.user_id === 'string' ? { botUserId: result.user_id } : {}),
      };
      return { kind: 'ok' };
    } catch (error) {
      // Slack saying the token is bad fails the start; anything else (the way there, a proxy or
      // stand-in that does not serve auth.test) is no reason to refuse the requests that do arrive.
      const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
      const rejected = code === 'slack_webapi_platform_error' && TOKEN_ERRORS.has(String(data?.error));
      return { kind: rejected ? 'rejected' : 'unreachable', reason: describeError(error) };
    }
  }
}

type CheckOutcome = { kind: 'ok' } | { kind: 'rejected' | 'unreachable'; reason: string };
