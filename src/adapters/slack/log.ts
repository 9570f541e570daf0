import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../runtime/logger.js';

/** Slack tokens (xoxb-, xoxp-, xapp-, …) and signatures, wherever they turn up in a message. */
const SECRETS = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+|\bv0=[a-f0-9]{16,}/g;

export function redact(text: string): string {
  return text.replace(SECRETS, '[redacted]');
}

/** An error as one safe line: its message (and Slack's error code), never a token. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    return redact(
      typeof code === 'string' && !error.message.includes(code)
        ? `${error.message} (${code})`
        : error.message,
    );
  }
  return redact(String(error));
}

const SEVERITY: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/** Bolt's logger interface over the project's logging port, every line redacted. */
export function boltLogger(logger: Logger, initial: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initial;
  let name = 'slack';
  const line = (msg: unknown[]) =>
    redact(
      msg
        .map((m) => (m instanceof Error ? describeError(m) : typeof m === 'string' ? m : safeJson(m)))
        .join(' '),
    );
  const at =
    (lvl: LogLevel, write: (obj: object, msg?: string) => void) =>
    (...msg: unknown[]) => {
      if (SEVERITY[lvl] >= SEVERITY[level]) write({ component: name }, line(msg));
    };
  return {
    debug: at(LogLevel.DEBUG, (o, m) => logger.debug(o, m)),
    info: at(LogLevel.INFO, (o, m) => logger.info(o, m)),
    warn: at(LogLevel.WARN, (o, m) => logger.warn(o, m)),
    error: at(LogLevel.ERROR, (o, m) => logger.error(o, m)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
