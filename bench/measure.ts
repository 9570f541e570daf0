import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Engine } from './engine.js';

/** Nanoseconds, monotonic. */
export const now = (): bigint => process.hrtime.bigint();
export const msSince = (start: bigint): number => Number(now() - start) / 1e6;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 50);
}

export interface MemorySample {
  readonly heapUsedMB: number;
  readonly rssMB: number;
}

/** Heap and RSS after two full collections (the process must run with --expose-gc for them). */
export function memory(): MemorySample {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heapUsedMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20 };
}

export interface Latency {
  readonly samples: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
}

/**
 * The n-th spelling of a question that every engine reads alike: its gaps as one space or two,
 * then trailing spaces (not tabs: MiniSearch's tokenizer keeps a tab inside a word); n = 0 is the
 * question as written. NLP.js keeps every utterance it has prepared for an hour, so a loop over
 * the same 220 strings would time its cache, not its work.
 */
export function variant(question: string, n: number): string {
  const parts = question.split(' ');
  let rest = n;
  let out = parts[0] ?? '';
  for (let j = 1; j < parts.length; j++) {
    out += rest % 2 === 0 ? ' ' : '  ';
    rest = Math.floor(rest / 2);
    out += parts[j];
  }
  return out + ' '.repeat(rest);
}

/** The questions in turn, each time in a spelling not asked before (variant 1, 2, ...). */
export class QuestionStream {
  private calls = 0;
  constructor(private readonly questions: readonly string[]) {}

  next(): string {
    const n = this.questions.length;
    const q = variant(this.questions[this.calls % n] as string, 1 + Math.floor(this.calls / n));
    this.calls += 1;
    return q;
  }

  get length(): number {
    return this.questions.length;
  }
}

/** Answers the questions in turn; awaits only an engine that returns promises. */
async function pass(engine: Engine, questions: readonly string[]): Promise<void> {
  for (const q of questions) {
    const r = engine.classify(q);
    if (r instanceof Promise) await r;
  }
}

function batch(stream: QuestionStream): string[] {
  return Array.from({ length: stream.length }, () => stream.next());
}

/**
 * Per-question latency: `warmupPasses` untimed passes over the questions (JIT, per-word caches),
 * then one question at a time, each timed alone, until `budgetMs` has passed and at least as many
 * calls as there are questions were timed. Warm-up and timed calls alike take their strings from
 * the stream, so none is a string the engine has seen.
 */
export async function latency(
  engine: Engine,
  stream: QuestionStream,
  { warmupPasses = 3, budgetMs = 1500 } = {},
): Promise<Latency> {
  for (let i = 0; i < warmupPasses; i++) await pass(engine, batch(stream));
  const samples: number[] = [];
  const deadline = now() + BigInt(Math.round(budgetMs * 1e6));
  while (samples.length < stream.length || now() < deadline) {
    const q = stream.next();
    const t0 = now();
    const r = engine.classify(q);
    if (r instanceof Promise) await r;
    samples.push(Number(now() - t0) / 1e3);
  }
  const sorted = Float64Array.from(samples).sort();
  return {
    samples: sorted.length,
    p50Us: percentile(sorted, 50),
    p99Us: percentile(sorted, 99),
    meanUs: sorted.reduce((s, x) => s + x, 0) / sorted.length,
  };
}

/** Questions a second, back to back with no timer per call, on the process's one JS thread. */
export async function throughput(
  engine: Engine,
  stream: QuestionStream,
  { budgetMs = 1000 } = {},
): Promise<number> {
  let answered = 0;
  let elapsedMs = 0;
  do {
    // Each batch of strings is made while the clock is stopped.
    const questions = batch(stream);
    const start = now();
    await pass(engine, questions);
    elapsedMs += msSince(start);
    answered += questions.length;
  } while (elapsedMs < budgetMs);
  return answered / (elapsedMs / 1000);
}

export interface ProcessRun {
  readonly wallMs: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** One whole process, start to exit, as the shell would see it. */
export function timeProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ProcessRun {
  const start = now();
  const r = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = msSince(start);
  if (r.error) throw r.error;
  return { wallMs, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GNU_TIME = '/usr/bin/time';

/**
 * Peak resident set of a whole process in MB: GNU time's %M where it exists, else the process's
 * own resourceUsage().maxRSS reported by a preloaded exit hook (node commands only).
 */
export function peakRss(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { mb: number; via: string } {
  if (existsSync(GNU_TIME)) {
    const r = timeProcess(GNU_TIME, ['-f', 'peak-rss-kb %M', command, ...args], env);
    const kb = Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1]);
    if (r.status === 0 && Number.isFinite(kb)) return { mb: kb / 1024, via: '/usr/bin/time -f %M' };
  }
  const hook = `process.on('exit',()=>process.stderr.write('\\npeak-rss-kb '+process.resourceUsage().maxRSS+'\\n'))`;
  const r = timeProcess(command, [`--import=data:text/javascript,${encodeURIComponent(hook)}`, ...args], env);
  const kb = Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1]);
  return { mb: kb / 1024, via: 'process.resourceUsage().maxRSS' };
}
