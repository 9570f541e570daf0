// `npm run bench:state`: what the state store costs a question, in memory against Redis (a
// redis-server of its own on 127.0.0.1, or POLICYBOT_REDIS_URL). Each question goes through the
// serving layer as `policybot serve` runs it (rate limit, then the assistant reading and writing
// the conversation), one at a time, timed alone; then the state calls alone, without the question.
// Bounded: a fixed number of questions per store. Prints a Markdown table for BENCHMARKS.md.
import { loadavg } from 'node:os';
import { startRedis } from '../scripts/redis-server.js';
import { createAssistant } from '../src/core/index.js';
import { loadKnowledgeBase } from '../src/knowledge/index.js';
import { AssistantService } from '../src/ops/service.js';
import { userHasher } from '../src/ops/user-hash.js';
import { silentLogger } from '../src/runtime/logger.js';
import { defaultKnowledgeDir } from '../src/runtime/open.js';
import { MemoryStateStore } from '../src/state/memory/store.js';
import type { StateStore } from '../src/state/port.js';
import { connectRedisState } from '../src/state/redis/store.js';

const QUESTIONS = Math.min(Number(process.env.BENCH_STATE_QUESTIONS ?? 3000), 20_000);
const WARM_UP = 300;
const USERS = 100;
const ASKED = [
  'what does the report say about fentanyl',
  'tell me more',
  'ransomware',
  'source?',
  'what should we do about it?',
  'what is INL',
  'what is the capital of canada',
];

const kb = loadKnowledgeBase({ root: defaultKnowledgeDir() });
// Trained once, shared by both runs: only the store differs between them.
const classifier = createAssistant(kb).classifier;

async function measure(state: StateStore) {
  const service = new AssistantService({
    assistant: createAssistant(kb, { classifier, conversations: state.conversations }),
    logger: silentLogger,
    hashUser: userHasher('bench key of sixteen+ characters'),
    limiter: state.rateLimit({ capacity: 1_000_000, refillPerMinute: 60 }),
  });
  const limit = state.rateLimit({ capacity: 1_000_000, refillPerMinute: 60 });
  const ask = (i: number) =>
    service.ask(ASKED[i % ASKED.length] ?? 'ransomware', {
      platform: 'slack',
      user: `U${i % USERS}`,
      conversationId: `slack:T1:C1:U${i % USERS}:command`,
    });
  // The state calls a question makes: a token, the conversation read, the conversation written.
  const calls = async (i: number) => {
    await limit.take(`slack:u${i % USERS}`);
    await state.conversations.get(`bench:${i % USERS}`);
    await state.conversations.set(`bench:${i % USERS}`, { topic: 'threat.drugs' });
  };
  const timed = async (work: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < WARM_UP; i++) await work(i);
    const ms: number[] = [];
    for (let i = 0; i < QUESTIONS; i++) {
      const started = performance.now();
      await work(i);
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0;
    return { p50: at(0.5), p99: at(0.99), mean: ms.reduce((s, x) => s + x, 0) / ms.length };
  };
  return { question: await timed(ask), state: await timed(calls) };
}

const redis = process.env.POLICYBOT_REDIS_URL === undefined ? await startRedis() : undefined;
const load = loadavg()[0] ?? 0;
try {
  const memory = await measure(new MemoryStateStore());
  const store = await connectRedisState({
    url: process.env.POLICYBOT_REDIS_URL ?? redis?.url() ?? '',
    prefix: 'bench-state:',
    timeoutMs: 1000,
    conversationTtlMs: 600_000,
    logger: silentLogger,
  });
  const shared = await measure(store);
  await store.close();
  const us = (ms: number) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`);
  const row = (name: string, r: { p50: number; p99: number; mean: number }) =>
    `| ${name} | ${us(r.p50)} | ${us(r.p99)} | ${us(r.mean)} |`;
  console.log(
    [
      `State store cost: ${QUESTIONS} questions per store, one at a time (after ${WARM_UP} warm-up), ${USERS} users; Redis ${redis ? 'a redis-server of its own on 127.0.0.1' : 'at POLICYBOT_REDIS_URL'}; 1-minute load average ${load.toFixed(1)}`,
      '',
      '| What is timed | p50 | p99 | mean |',
      '| :--- | --- | --- | --- |',
      row('a question through the service, state in memory', memory.question),
      row('a question through the service, state in Redis', shared.question),
      row("a question's state calls alone (take, get, set), memory", memory.state),
      row("a question's state calls alone (take, get, set), Redis", shared.state),
      '',
      `Redis adds ${us(shared.question.mean - memory.question.mean)} to a question on average (p50 ${us(shared.question.p50 - memory.question.p50)}).`,
    ].join('\n'),
  );
} finally {
  await redis?.stop();
}
