import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './assistant.js';

/**
 * The per-user state folder (XDG_STATE_HOME) of every CLI a test spawns, so the curators' record
 * of a test's chat goes to a folder of the test run's own, never the developer's.
 */
export const TEST_STATE_HOME = mkdtempSync(join(tmpdir(), 'policybot-state-'));
process.once('exit', () => rmSync(TEST_STATE_HOME, { recursive: true, force: true }));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI as a user would: a child process with a clean environment (PATH and what the
 * test gives), the project as working folder, and the given standard input.
 */
export function runBuiltCli(
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args], {
      cwd: options.cwd ?? ROOT,
      // A developer's own .env in the project must not change what the tests see.
      env: {
        PATH: process.env.PATH ?? '',
        POLICYBOT_ENV_FILE: 'off',
        XDG_STATE_HOME: TEST_STATE_HOME,
        ...options.env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
