import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ROOT } from '../support/assistant.js';

/** Debian's chromium: .ci/run installs it with apt-get; playwright-core downloads no browser. */
export const CHROMIUM = process.env.POLICYBOT_TEST_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless Chromium as a test wants it: no sandbox (CI runs as root in a container), no GPU, and
 * nothing that reaches for the network on its own (QUIC, background updates, sync). Each launch
 * gets a fresh profile: playwright-core passes Chromium a new temporary --user-data-dir itself (and
 * refuses one given as an argument).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** `policybot web --port 0` of the built CLI, spawned as a person starts it; resolves with its URL. */
export async function startWebCommand(
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; child: ChildProcessWithoutNullStreams; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'web', '--port', '0'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', POLICYBOT_ENV_FILE: 'off', ...env },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`policybot web printed no URL:\n${out}\n${err}`)),
      30_000,
    );
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`policybot web exited with ${code}:\n${err}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
