/** The logging port the runtime and adapters use; pino's Logger satisfies it. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** JSON lines on stderr: enough for a terminal or a log collector until a richer logger is plugged in. */
export function jsonLogger(
  stream: NodeJS.WritableStream = process.stderr,
  level: 'debug' | 'info' = 'info',
): Logger {
  const write = (lvl: string) => (obj: object, msg?: string) => {
    stream.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: lvl, ...obj, ...(msg ? { msg } : {}) })}\n`,
    );
  };
  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    debug: level === 'debug' ? write('debug') : () => {},
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
