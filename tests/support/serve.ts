import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './assistant.js';
import { TEST_STATE_HOME } from './cli.js';

/** A `policybot serve` of the built CLI in a child process, as a replica runs. */
export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  /** Its JSON log lines so far. */
  lines(): Record<string, unknown>[];
  stderr(): string;
  /** Waits for a log line matching `test`. */
  logged(
    test: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
}

/** Starts it with a clean environment (PATH and `env`) and resolves once it listens. */
export async function startServe(
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
  args: readonly string[] = [],
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'serve', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      POLICYBOT_ENV_FILE: 'off',
      XDG_STATE_HOME: TEST_STATE_HOME,
      PORT: '0',
      HOST: '127.0.0.1',
      POLICYBOT_LOG_FORMAT: 'json',
      ...env,
    },
  });
  let text = '';
  child.stderr.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const logged = async (test: (line: Record<string, unknown>) => boolean, wait = 10_000) => {
    const deadline = Date.now() + wait;
    for (;;) {
      const found = lines().find(test);
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}:\n${text}`);
      if (Date.now() > deadline) throw new Error(`no such log line; the log:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const listening = await logged((l) => l.msg === 'http listening', timeoutMs);
  const port = Number(listening.port);
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    lines,
    stderr: () => text,
    logged,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
