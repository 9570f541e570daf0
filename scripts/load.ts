// `npm run load`: a bounded burst of signed Slack slash commands against a local `policybot serve`
// (the built CLI, in a child process, Slack in HTTP mode against a stand-in Web API). Reports
// throughput, latency percentiles, errors, and the server's memory before and after (from its own
// /metrics). Only 127.0.0.1; bounded in count (LOAD_REQUESTS) and in time (LOAD_SECONDS).
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REQUESTS = Math.min(Number(process.env.LOAD_REQUESTS ?? 500), 5000);
const CONCURRENCY = Math.min(Number(process.env.LOAD_CONCURRENCY ?? 20), 100);
const SECONDS = Math.min(Number(process.env.LOAD_SECONDS ?? 60), 300);
const USERS = 100;
const WARM_UP = 20;
const SECRET = 'load-test-signing-secret-0123456789';
const QUESTIONS = [
  'what does the report say about fentanyl',
  'ransomware',
  'tell me more',
  'source?',
  'what should we do about it?',
  'human trafficking',
  'what is INL',
  'cite money laundering',
  'fentanil from mexico?',
  'what is the capital of canada',
  'weather in mexico city',
  '<@U123> @everyone **corruption** in mexico',
];

/** A stand-in for Slack's Web API: auth.test at start-up is all a slash command needs. */
async function fakeSlack(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    const ok = req.url?.endsWith('auth.test')
      ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'policybot', team: 'Load' }
      : { ok: true };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ok));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function serve(apiUrl: string, dir: string) {
  const child = spawn(process.execPath, ['dist/cli/main.js', 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-load-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      POLICYBOT_UNANSWERED_LOG: join(dir, 'unanswered.jsonl'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = new Promise<number>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${buffered}`)), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      if (buffered.length > 100_000) return; // the per-question lines are read and dropped
      buffered += chunk.toString();
      const match = /"port":(\d+).*"msg":"http listening"/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${buffered}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, exited };
}

async function usage(base: string): Promise<{ rss: number; heap: number; cpu: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    rss: read('policybot_process_resident_memory_bytes'),
    heap: read('policybot_nodejs_heap_size_used_bytes'),
    cpu: read('policybot_process_cpu_seconds_total'),
  };
}

async function slash(url: string, i: number): Promise<{ ms: number; ok: boolean }> {
  const body = new URLSearchParams({
    token: 'x',
    team_id: 'T1',
    channel_id: 'C1',
    user_id: `U${String(i % USERS).padStart(4, '0')}`,
    command: '/policy',
    text: QUESTIONS[i % QUESTIONS.length] ?? 'ransomware',
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: '1.2.3',
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const reply = (await res.json()) as { blocks?: unknown[] };
    return { ms: performance.now() - started, ok: res.status === 200 && Array.isArray(reply.blocks) };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const dir = mkdtempSync(join(tmpdir(), 'policybot-load-'));
const api = await fakeSlack();
const server = serve(api.url, dir);
try {
  const base = `http://127.0.0.1:${await server.port}`;
  const url = `${base}/slack/events`;
  for (let i = 0; i < WARM_UP; i++) await slash(url, REQUESTS + i);
  const before = await usage(base);

  const results: { ms: number; ok: boolean }[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS && Date.now() < deadline) results.push(await slash(url, next++));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await usage(base);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const limited = Number(/^policybot_rate_limited_total\{[^}]*\} (\S+)$/m.exec(metrics)?.[1] ?? 0);

  server.child.kill('SIGTERM');
  const code = await server.exited;
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
  const errors = results.filter((r) => !r.ok).length;
  console.log(
    [
      `policybot load: ${results.length} signed Slack slash commands, concurrency ${CONCURRENCY}, ${USERS} users (after ${WARM_UP} warm-up requests)`,
      `  throughput   ${(results.length / seconds).toFixed(0)} req/s over ${seconds.toFixed(2)} s`,
      `  latency      p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p90 ${percentile(latencies, 0.9).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms`,
      `  errors       ${errors} (rate-limited answers: ${limited})`,
      `  server CPU   ${(((after.cpu - before.cpu) * 1000) / Math.max(1, results.length)).toFixed(2)} ms per request (client and server share the machine)`,
      `  server RSS   ${mb(before.rss)} before, ${mb(after.rss)} after`,
      `  server heap  ${mb(before.heap)} before, ${mb(after.heap)} after`,
      `  shutdown     SIGTERM, exit code ${code}`,
    ].join('\n'),
  );
  process.exitCode = errors > 0 || code !== 0 ? 1 : 0;
} finally {
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}
