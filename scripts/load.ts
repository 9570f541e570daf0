// `npm run load`: a bounded burst of signed Slack slash commands against a local `policybot serve`
// (the built CLI, in a child process, Slack in HTTP mode against a stand-in Web API). Reports
// throughput, latency percentiles, errors, and the server's memory before and after (from its own
// /metrics). Only 127.0.0.1; bounded in count (LOAD_REQUESTS) and in time (LOAD_SECONDS).
//
// `npm run load -- --replicas 2` starts two replicas sharing a redis-server of its own (on a free
// port, no persistence) and sends the requests round-robin, as a load balancer would;
// `--state redis` uses Redis with one replica too (the state store's cost, against memory).
// POLICYBOT_REDIS_URL points them at a Redis of yours instead.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startRedis, type TestRedis } from './redis-server.js';

const { values: args } = parseArgs({
  options: { replicas: { type: 'string', default: '1' }, state: { type: 'string' } },
  strict: true,
});
const REPLICAS = Number(args.replicas);
if (!Number.isInteger(REPLICAS) || REPLICAS < 1 || REPLICAS > 8) throw new Error('--replicas: 1 to 8');
const STATE = args.state ?? (REPLICAS > 1 ? 'redis' : 'memory');
if (STATE !== 'memory' && STATE !== 'redis') throw new Error('--state: memory or redis');
if (STATE === 'memory' && REPLICAS > 1) throw new Error('replicas share state only in Redis: --state redis');

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

function serve(apiUrl: string, dir: string, name: string, redisUrl: string | undefined) {
  const child = spawn(process.execPath, ['dist/cli/main.js', 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-load-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      POLICYBOT_UNANSWERED_LOG: join(dir, `unanswered-${name}.jsonl`),
      ...(redisUrl === undefined ? {} : { POLICYBOT_REDIS_URL: redisUrl, POLICYBOT_REDIS_PREFIX: 'load:' }),
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
const redis: TestRedis | undefined =
  STATE === 'redis' && process.env.POLICYBOT_REDIS_URL === undefined ? await startRedis() : undefined;
const redisUrl = STATE === 'redis' ? (process.env.POLICYBOT_REDIS_URL ?? redis?.url()) : undefined;
const servers = Array.from({ length: REPLICAS }, (_, i) => serve(api.url, dir, String(i), redisUrl));
try {
  const bases = await Promise.all(servers.map(async (s) => `http://127.0.0.1:${await s.port}`));
  // Round-robin over the replicas, as a load balancer without affinity would.
  const urlFor = (i: number) => `${bases[i % bases.length]}/slack/events`;
  for (let i = 0; i < WARM_UP * REPLICAS; i++) await slash(urlFor(i), REQUESTS + i);
  const before = await Promise.all(bases.map(usage));

  const results: { ms: number; ok: boolean }[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS && Date.now() < deadline) {
        const i = next++;
        results.push(await slash(urlFor(i), i));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await Promise.all(bases.map(usage));
  let limited = 0;
  for (const base of bases) {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    limited += Number(/^policybot_rate_limited_total\{[^}]*\} (\S+)$/m.exec(metrics)?.[1] ?? 0);
  }

  for (const server of servers) server.child.kill('SIGTERM');
  const codes = await Promise.all(servers.map((s) => s.exited));
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
  const errors = results.filter((r) => !r.ok).length;
  const cpu = after.reduce((sum, a, i) => sum + a.cpu - (before[i]?.cpu ?? 0), 0);
  const each = (pick: (u: { rss: number; heap: number }) => number, list: typeof before) =>
    list.map((u) => mb(pick(u))).join(' / ');
  console.log(
    [
      `policybot load: ${results.length} signed Slack slash commands, concurrency ${CONCURRENCY}, ${USERS} users (after ${WARM_UP} warm-up requests per replica)`,
      `  replicas     ${REPLICAS}, round-robin; state in ${STATE === 'redis' ? `Redis (${redis ? 'a redis-server of its own on 127.0.0.1' : 'POLICYBOT_REDIS_URL'})` : 'memory'}`,
      `  throughput   ${(results.length / seconds).toFixed(0)} req/s over ${seconds.toFixed(2)} s`,
      `  latency      p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p90 ${percentile(latencies, 0.9).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms`,
      `  errors       ${errors} (rate-limited answers: ${limited})`,
      `  server CPU   ${((cpu * 1000) / Math.max(1, results.length)).toFixed(2)} ms per request, all replicas (client, servers and Redis share the machine)`,
      `  server RSS   ${each((u) => u.rss, before)} before, ${each((u) => u.rss, after)} after`,
      `  server heap  ${each((u) => u.heap, before)} before, ${each((u) => u.heap, after)} after`,
      `  shutdown     SIGTERM, exit code${REPLICAS > 1 ? 's' : ''} ${codes.join(', ')}`,
    ].join('\n'),
  );
  process.exitCode = errors > 0 || codes.some((c) => c !== 0) ? 1 : 0;
} finally {
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await api.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
}
