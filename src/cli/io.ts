/** What a command touches of the outside world, so tests can hand it in-memory streams. */
export interface CliIO {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  /** The working folder, whose `.env` fills in `env` before a command runs; unset, none is read. */
  readonly cwd?: string;
}

export type Command = {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], io: CliIO): Promise<number>;
};

export function useColour(io: CliIO): boolean {
  return Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}

/**
 * Columns to wrap at on a terminal (at most 100, for reading). Into a pipe or file, no wrapping,
 * unless COLUMNS says how wide, as other tools read it (the docs' runnable examples run so).
 */
export function terminalWidth(io: CliIO): number {
  const columns = io.stdout.isTTY
    ? (io.stdout as { columns?: number }).columns
    : Number.parseInt(io.env.COLUMNS ?? '', 10) || undefined;
  return columns ? Math.min(columns - 1, 100) : Number.POSITIVE_INFINITY;
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
