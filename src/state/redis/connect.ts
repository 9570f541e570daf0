import { Redis } from 'ioredis';
import { ConfigError } from '../../config/errors.js';

export const URL_VARIABLE = 'POLICYBOT_REDIS_URL';

/** The oldest server with every command used here (GETEX came in 6.2). */
const MIN_VERSION = [6, 2] as const;

export interface ClientOptions {
  /** Every command's bound: a reply later than this is a failure, and the caller answers without state. */
  readonly timeoutMs: number;
  /** How long the first connection may take before the start fails. */
  readonly connectTimeoutMs?: number;
}

/** Where the URL points, for messages: scheme, host, port and database, never the user or password. */
export function describeUrl(text: string): string {
  try {
    const url = new URL(text);
    const db = url.pathname.replace(/^\/+/, '');
    return `${url.protocol}//${url.hostname}${url.port === '' ? '' : `:${url.port}`}${db === '' ? '' : `/${db}`}`;
  } catch {
    return '(not a URL)';
  }
}

/** An error's message with the URL's password and user blotted out, should a library ever echo them. */
export function scrub(message: string, text: string): string {
  let out = message;
  try {
    const url = new URL(text);
    for (const secret of [url.password, decodeURIComponent(url.password), url.username]) {
      if (secret.length >= 3) out = out.split(secret).join('***');
    }
  } catch {
    // Not a URL: nothing of it to blot out.
  }
  return out;
}

/**
 * A client that never queues a command while disconnected (it fails at once, so no request waits
 * on a dead Redis), bounds every command by `timeoutMs`, and reconnects by itself, every second at
 * most. Connected before it is returned: an unreachable server, a refused password or a server too
 * old fails the start with a message naming POLICYBOT_REDIS_URL, never its password.
 */
export async function connectClient(url: string, options: ClientOptions): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.timeoutMs,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
    connectionName: 'policybot',
  });
  let last: Error | undefined;
  const remember = (error: Error) => {
    last = error;
  };
  client.on('error', remember);
  const where = `${URL_VARIABLE} (${describeUrl(url)})`;
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /^redis_version:(\d+)\.(\d+)/m.exec(info);
    const [major, minor] = [Number(version?.[1] ?? 0), Number(version?.[2] ?? 0)];
    if (major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
      throw new ConfigError(
        `Redis at ${where} is version ${major}.${minor}; policybot needs ${MIN_VERSION.join('.')} or later`,
      );
    }
  } catch (error) {
    client.disconnect();
    if (error instanceof ConfigError) throw error;
    const reason = scrub((last ?? (error as Error)).message, url);
    const refused = /WRONGPASS|NOAUTH|NOPERM|invalid password|AUTH/i.test(reason);
    throw new ConfigError(
      refused
        ? `Redis at ${where} refused the connection's credentials: ${reason}`
        : `Cannot reach Redis at ${where}: ${reason}`,
    );
  } finally {
    client.off('error', remember);
  }
  return client;
}
