import { type Logger as PinoLogger, pino } from 'pino';
import type { OpsConfig } from '../config/ops.js';

/**
 * Keys whose values are secrets wherever they turn up in a log object. Our own code never logs a
 * token; this is the net under it (a library error object, a header dump). Slack's adapter also
 * scrubs token-shaped strings out of Bolt's messages (src/adapters/slack/log.ts).
 */
export const REDACTED_KEYS = [
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  'publicKey',
  'userHashKey',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'DISCORD_TOKEN',
  'POLICYBOT_USER_HASH_KEY',
];

const REDACT_PATHS = [
  ...REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]),
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'headers["x-slack-signature"]',
  'headers["x-signature-ed25519"]',
];

/** The user and password of a URL ("https://proxy-user:pw@proxy:8080/api/"), wherever it is written. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/** A string with every URL's credentials replaced; other values as they are, looked into two levels deep. */
export function withoutUrlCredentials(value: unknown, depth = 2): unknown {
  if (typeof value === 'string')
    return value.includes('@') ? value.replace(URL_CREDENTIALS, '$1[redacted]@') : value;
  if (depth === 0 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => withoutUrlCredentials(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withoutUrlCredentials(v, depth - 1);
  return out;
}

export interface LogOptions {
  readonly level: OpsConfig['logLevel'];
  /** Unset: pretty when the stream is a terminal, JSON lines otherwise. */
  readonly format?: 'json' | 'pretty' | undefined;
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * pino on stderr (stdout is the CLI's answers). pino-pretty runs in this thread as a plain stream,
 * not as a worker-thread transport: transports resolve files at run time, which bundling breaks,
 * and a log line must not be lost in a worker's buffer when the process exits. It is loaded only
 * when pretty output is wanted.
 */
export async function createLogger(options: LogOptions): Promise<PinoLogger> {
  const pretty =
    options.format === 'pretty' || (options.format === undefined && options.stream.isTTY === true);
  const settings = {
    level: options.level,
    base: { pid: process.pid },
    // ISO times: read by people as often as by collectors.
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // A configured URL may carry credentials (a proxy's in SLACK_API_URL, Redis's password):
    // every line, ours and the libraries', goes out without them, whatever field holds the URL.
    hooks: {
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => withoutUrlCredentials(a)),
        );
      },
    },
  };
  if (!pretty) return pino(settings, options.stream);
  const { default: prettyStream } = await import('pino-pretty');
  return pino(
    settings,
    prettyStream({
      destination: options.stream,
      sync: true,
      colorize: options.stream.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    }),
  );
}
