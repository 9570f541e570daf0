// `npm run bench`: every engine trained on the same intents/ phrases and scored on the same blind
// evaluation sets, each measured alone in a process of its own; then the CLI as a whole process.
// Writes bench/results/latest.json and, on a full run, the generated parts of BENCHMARKS.md and README.md.
//   npm run bench -- [--engines policybot,nlpjs] [--skip-cli] [--final]
// --final also scores tests/eval/blind/final.jsonl, kept untouched until the end: without it no
// process of the bench reads that set.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFollowUps, readLabelled } from '../src/eval/dataset.js';
import { FALLBACK_ID } from '../src/knowledge/ids.js';
import { loadKnowledgeBase } from '../src/knowledge/index.js';
import { type CliFigures, measureCli } from './cli.js';
import { ENGINE_IDS, type EngineId, isEngineId, loadSpec, standalonePhrases } from './engine.js';
import { msSince, now } from './measure.js';
import { BENCHMARKS_MD, README_MD, RESULTS_DIR, RESULTS_JSON, ROOT } from './paths.js';
import { renderReadme, spliceReadme } from './readme.js';
import { renderMarkdown, spliceGenerated } from './report.js';
import type { BenchResults, EngineResult } from './run-results.js';
import { evalSets } from './sets.js';
import { renderConsole } from './tables.js';
import { type CvPoint, chooseThreshold, cvFigures, FOLDS } from './tune.js';
import type { FoldResult, MeasureResult } from './worker.js';

const WORKER = join(ROOT, 'bench', 'worker.ts');
const TASKSET = '/usr/bin/taskset';
// A worker is stopped after this long: 3 minutes, or BENCH_WORKER_TIMEOUT_S on a busy machine
// (natural's logistic regression folds take over 3 minutes at a load average of 15 on two cores).
const WORKER_TIMEOUT_MS = (Number(process.env.BENCH_WORKER_TIMEOUT_S) || 180) * 1000;

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

/** Slowest to cross-validate first, so that the two lanes finish together. */
const CV_ORDER: readonly EngineId[] = ['natural-lr', 'nlpjs', 'policybot', 'natural-bayes', 'minisearch'];

async function main(): Promise<void> {
  const started = now();
  const loadBefore = loadavg()[0] ?? 0;
  const { values } = parseArgs({
    options: {
      engines: { type: 'string' },
      'skip-cli': { type: 'boolean', default: false },
      final: { type: 'boolean', default: false },
    },
  });
  const ids: EngineId[] = values.engines
    ? values.engines.split(',').map((id) => {
        if (!isEngineId(id)) throw new Error(`unknown engine "${id}"; one of ${ENGINE_IDS.join(', ')}`);
        return id;
      })
    : [...ENGINE_IDS];
  const full = ids.length === ENGINE_IDS.length && !values['skip-cli'];

  const kb = loadKnowledgeBase({ root: ROOT });
  const known = new Set(kb.topics.keys());
  const sets = evalSets(values.final);
  const setData = sets.map((set) => {
    const questions = readLabelled(set.questions, known);
    return {
      name: set.name,
      status: set.status,
      questions: questions.length,
      outOfScope: questions.filter((q) => q.ok.includes(FALLBACK_ID)).length,
      followUps: readFollowUps(set.followUps, known).length,
    };
  });
  const specs = await Promise.all(ids.map((id) => loadSpec(id)));
  log(`sets: ${sets.map((s) => `${s.name} (${s.status})`).join(', ')}`);

  // 1. k-fold cross-validation on the training phrases, for every engine: its figures, and the
  //    thresholds of the tuned ones. Each engine's folds are dealt into as many processes as there
  //    are cores, and those run as many at once, slowest first. Nothing is timed here.
  const cvStart = now();
  const ordered = [...specs].sort((a, b) => CV_ORDER.indexOf(a.id) - CV_ORDER.indexOf(b.id));
  const lanes = Math.min(cores, FOLDS);
  const foldTasks = ordered.flatMap((s) =>
    Array.from({ length: lanes }, (_, lane) => {
      const mine = Array.from({ length: FOLDS }, (_, f) => f).filter((f) => f % lanes === lane);
      return () => runWorker<FoldResult>(['folds', s.id, '--folds', mine.join(',')], false);
    }),
  );
  log(`cross-validating: ${ordered.map((s) => s.id).join(', ')} (${FOLDS}-fold, ${cores} processes at once)`);
  const folds = await pool(foldTasks, cores);
  const cvMs = msSince(cvStart);
  const crossValidation = new Map(
    specs.map((s) => {
      const mine = folds.filter((f) => f.id === s.id);
      const points: CvPoint[] = mine.flatMap((f) => f.points);
      const tuning = s.tuned ? chooseThreshold(points) : null;
      const cv = cvFigures(points, tuning?.threshold);
      return [s.id, { tuning, cv: { ...cv, foldMs: mine.flatMap((f) => f.foldMs) } }] as const;
    }),
  );

  // 2. Each engine alone, pinned to one core: load, train, score, time, weigh.
  const engines: EngineResult[] = [];
  for (const spec of specs) {
    const { tuning, cv } = crossValidation.get(spec.id) ?? { tuning: null, cv: undefined };
    if (!cv) throw new Error(`no cross-validation for ${spec.id}`);
    log(`measuring ${spec.id}${tuning ? ` (threshold ${tuning.threshold.toPrecision(4)})` : ''}`);
    const args = [
      'measure',
      spec.id,
      '--sets',
      sets.map((s) => s.name).join(','),
      ...(tuning ? [`--threshold=${tuning.threshold}`] : []),
    ];
    const measured = await runWorker<MeasureResult>(args, true);
    engines.push({ label: spec.label, setup: spec.setup, tuning, cv, ...measured });
  }

  // 3. The CLI as a whole process, against node itself.
  let cli: CliFigures | null = null;
  if (!values['skip-cli']) {
    log('measuring the CLI cold start');
    cli = measureCli();
  }

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const standalone = standalonePhrases(kb.examples);
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
      phrases: kb.examples.length,
      standalonePhrases: standalone.length,
      followUpPhrases: kb.examples.length - standalone.length,
      followUpIntents: new Set(kb.examples.filter((e) => !standalone.includes(e)).map((e) => e.intent)).size,
      negatives: standalone.filter((e) => e.intent === FALLBACK_ID).length,
      intents: new Set(standalone.map((e) => e.intent)).size,
      sets: setData,
      folds: FOLDS,
    },
    cvMs,
    engines,
    cli,
    totalMs: msSince(started),
  };

  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  console.log(renderConsole(results));
  if (full) {
    const previous = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : '';
    writeFileSync(BENCHMARKS_MD, spliceGenerated(previous, renderMarkdown(results)));
    // README's figures come from the same run, so the two never disagree.
    writeFileSync(README_MD, spliceReadme(readFileSync(README_MD, 'utf8'), renderReadme(results)));
    log(
      `wrote ${RESULTS_JSON}, BENCHMARKS.md and README.md's figures in ${(results.totalMs / 1000).toFixed(1)} s`,
    );
  } else {
    log(`partial run: wrote ${RESULTS_JSON} only (BENCHMARKS.md is written by a full run)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
