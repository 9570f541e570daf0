import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ID, commandInteraction } from '../adapters/discord/payloads.js';
import { ROOT } from '../support/assistant.js';
import { discordHeaders, discordKeys } from './support.js';

// The built CLI in a child process, as a deployment runs it: `policybot serve` with Discord's HTTP
// endpoint on a 127.0.0.1 port of its own. The signals are real.
const CLI = join(ROOT, 'dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'policybot-shutdown-'));
const keys = discordKeys();
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

interface Served {
  readonly child: ChildProcess;
  readonly port: number;
  readonly lines: Record<string, unknown>[];
  readonly exited: Promise<number | null>;
  waitFor(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

async function serve(env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: work,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_APPLICATION_ID: APP_ID,
      PORT: '0',
      HOST: '127.0.0.1',
      POLICYBOT_CACHE_DIR: join(work, 'cache'),
      POLICYBOT_UNANSWERED_LOG: join(work, 'unanswered.jsonl'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) if (part.trim() !== '') lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (msg: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines.find((l) => l.msg === msg);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no "${msg}" in ${JSON.stringify(lines)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const listening = await waitFor('http listening');
  return { child, port: Number(listening.port), lines, exited, waitFor };
}

/** Starts a signed /ask whose body is held back: the request is in flight until `finish()`. */
function slowAsk(port: number, question: string) {
  const body = JSON.stringify(commandInteraction('ask', [{ name: 'question', type: 3, value: question }]));
  const headers = {
    ...discordHeaders(keys.privateKey, body),
    'content-length': String(Buffer.byteLength(body)),
  };
  const req = request({ host: '127.0.0.1', port, path: '/discord/interactions', method: 'POST', headers });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { response, finish: () => req.end(body.slice(half)) };
}

/** Waits until the server counts the held-back request as in flight (its scrape counts itself too). */
async function inFlight(port: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    if (/^policybot_work_in_flight 2$/m.test(text)) return;
    if (Date.now() > deadline) throw new Error('the request never reached the server');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('policybot serve in a child process', () => {
  it('reloads on SIGHUP, and on SIGTERM finishes the request in flight, refuses new ones and exits 0', async () => {
    const served = await serve();
    served.child.kill('SIGHUP');
    // Trained off the event loop, in a worker thread (the built CLI has the worker and a cache).
    // Training a fresh model takes seconds, many on a machine shared with other work: a bound, not a timing.
    expect(await served.waitFor('knowledge base reloaded', 30_000)).toMatchObject({
      reason: 'SIGHUP',
      trainedIn: 'worker thread',
    });

    const slow = slowAsk(served.port, 'ransomware');
    await inFlight(served.port);
    served.child.kill('SIGTERM');
    expect(await served.waitFor('stopping')).toMatchObject({ reason: 'SIGTERM', inFlight: 1 });
    // No new work is taken while it drains: the connection is refused (or, at the very start, a 503).
    const probe = await fetch(`http://127.0.0.1:${served.port}/healthz`).then(
      (res) => res.status,
      () => 'refused',
    );
    expect(['refused', 503]).toContain(probe);
    slow.finish();
    const answered = await slow.response;
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Ransomware');
    expect(await served.exited).toBe(0);
    expect(served.lines.find((l) => l.msg === 'stopped')).toMatchObject({ drained: true });
    expect(served.lines.some((l) => l.level === 50)).toBe(false);
  }, 60_000);

  it('bounds the wait: a request that never finishes is cut at the grace period, and it still exits 0', async () => {
    const served = await serve({ POLICYBOT_SHUTDOWN_GRACE_SECONDS: '0.5' });
    const stuck = slowAsk(served.port, 'ransomware');
    stuck.response.catch(() => undefined);
    await inFlight(served.port);
    const started = Date.now();
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(served.lines.find((l) => l.msg === 'stopped')).toMatchObject({ drained: false });
  });
});
