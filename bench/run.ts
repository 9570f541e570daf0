// `npm run bench`: every engine trained on the same intents/ phrases and scored on the same
// labelled eval set, each measured alone in a process of its own; then the CLI as a whole process.
// Writes bench/results/latest.json and, on a full run, the generated part of BENCHMARKS.md.
//   npm run bench -- [--engines policybot,nlpjs] [--skip-cli]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readLabelled } from '../src/eval/dataset.js';
import { FALLBACK_ID } from '../src/knowledge/ids.js';
import { loadKnowledgeBase } from '../src/knowledge/index.js';
import { type CliFigures, measureCli } from './cli.js';
import { ENGINE_IDS, type EngineId, isEngineId, loadSpec } from './engine.js';
import { msSince, now } from './measure.js';
import { BENCHMARKS_MD, EVAL_FILE, RESULTS_DIR, RESULTS_JSON, ROOT } from './paths.js';
import {
  type BenchResults,
  type EngineResult,
  renderCli,
  renderMarkdown,
  renderTable,
  spliceGenerated,
} from './report.js';
import { type CvPoint, chooseThreshold, FOLDS } from './tune.js';
import type { FoldResult, MeasureResult } from './worker.js';

const WORKER = join(ROOT, 'bench', 'worker.ts');
const TASKSET = '/usr/bin/taskset';
const WORKER_TIMEOUT_MS = 180_000;

const cores = availableParallelism();
// Measured engines run pinned to the last core: "one core" literally, GC threads included.
const pinCore = cores > 1 && existsSync(TASKSET) ? cores - 1 : undefined;

function runWorker<T>(args: readonly string[], pin: boolean): Promise<T> {
  const nodeArgs = ['--expose-gc', '--import', 'tsx', WORKER, ...args];
  const [command, commandArgs] =
    pin && pinCore !== undefined
      ? [TASKSET, ['-c', String(pinCore), process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs];
  return new Promise<T>((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let stderr = '';
    let result: T | undefined;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('message', (message) => {
      result = message as T;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`worker ${args.join(' ')} failed (${signal ?? code}):\n${stderr}`));
    });
  });
}

/** Runs tasks at most `limit` at a time, in the order given. */
async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<void> {
  const started = now();
  const loadBefore = loadavg()[0] ?? 0;
  const { values } = parseArgs({
    options: { engines: { type: 'string' }, 'skip-cli': { type: 'boolean', default: false } },
  });
  const ids: EngineId[] = values.engines
    ? values.engines.split(',').map((id) => {
        if (!isEngineId(id)) throw new Error(`unknown engine "${id}"; one of ${ENGINE_IDS.join(', ')}`);
        return id;
      })
    : [...ENGINE_IDS];
  const full = ids.length === ENGINE_IDS.length && !values['skip-cli'];

  const kb = loadKnowledgeBase({ root: ROOT });
  const questions = readLabelled(EVAL_FILE);
  const specs = await Promise.all(ids.map((id) => loadSpec(id)));

  // 1. Thresholds of the tuned engines: k-fold cross-validation on the training phrases. Each
  //    engine's folds are dealt into as many processes as there are cores, and those run as many
  //    at once; natural's logistic regression, by far the slowest to train, goes first. Nothing
  //    is timed here.
  const tuneStart = now();
  const tuned = specs.filter((s) => s.tuned);
  tuned.sort((a, b) => Number(b.id === 'natural-lr') - Number(a.id === 'natural-lr'));
  const foldTasks = tuned.flatMap((s) =>
    Array.from({ length: Math.min(cores, FOLDS) }, (_, lane) => {
      const mine = Array.from({ length: FOLDS }, (_, f) => f).filter(
        (f) => f % Math.min(cores, FOLDS) === lane,
      );
      return () => runWorker<FoldResult>(['folds', s.id, mine.join(',')], false);
    }),
  );
  if (foldTasks.length > 0)
    log(
      `tuning thresholds: ${tuned.map((s) => s.id).join(', ')} (${FOLDS}-fold, ${cores} processes at once)`,
    );
  const folds = await pool(foldTasks, cores);
  const tuningMs = msSince(tuneStart);
  const thresholds = new Map(
    tuned.map((s) => {
      const mine = folds.filter((f) => f.id === s.id);
      const points: CvPoint[] = mine.flatMap((f) => f.points);
      return [s.id, { ...chooseThreshold(points), foldMs: mine.flatMap((f) => f.foldMs) }] as const;
    }),
  );

  // 2. Each engine alone, pinned to one core: load, train, score, time, weigh.
  const engines: EngineResult[] = [];
  for (const spec of specs) {
    const tuning = thresholds.get(spec.id);
    log(`measuring ${spec.id}${tuning ? ` (threshold ${tuning.threshold.toPrecision(4)})` : ''}`);
    const args = ['measure', spec.id, ...(tuning ? [String(tuning.threshold)] : [])];
    const measured = await runWorker<MeasureResult>(args, true);
    engines.push({ label: spec.label, setup: spec.setup, tuning: tuning ?? null, ...measured });
  }

  // 3. The CLI as a whole process, against node itself.
  let cli: CliFigures | null = null;
  if (!values['skip-cli']) {
    log('measuring the CLI cold start');
    cli = measureCli();
  }

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpu,
      cores,
      memoryGiB: totalmem() / 2 ** 30,
      os: `${type()} ${release()}`,
      node: process.version,
      v8: process.versions.v8,
      pinnedCore: pinCore ?? null,
      // Other work on the machine slows every figure: the 1-minute load average before and after.
      loadAverage: [loadBefore, loadavg()[0] ?? 0],
    },
    data: {
      trainingPhrases: kb.examples.length,
      negatives: kb.examples.filter((e) => e.intent === FALLBACK_ID).length,
      intents: new Set(kb.examples.map((e) => e.intent)).size,
      evalQuestions: questions.length,
      evalOutOfScope: questions.filter((q) => q.ok.includes(FALLBACK_ID)).length,
      folds: FOLDS,
    },
    tuningMs,
    engines,
    cli,
    totalMs: msSince(started),
  };

  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  console.log(renderTable(results));
  if (cli)
    console.log(`\n${renderCli(cli)}\n\nCold start: ${cli.ratio.toFixed(1)}× node -e 0 (cached model).`);
  if (full) {
    const previous = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : '';
    writeFileSync(BENCHMARKS_MD, spliceGenerated(previous, renderMarkdown(results)));
    log(`wrote ${RESULTS_JSON} and BENCHMARKS.md in ${(results.totalMs / 1000).toFixed(1)} s`);
  } else {
    log(`partial run: wrote ${RESULTS_JSON} only (BENCHMARKS.md is written by a full run)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
