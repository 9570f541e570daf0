// One engine in a process of its own, so that no library's heap, JIT state or GC debt leaks into
// another's figures. Started by run.ts with --expose-gc; answers through the IPC channel.
//   worker.ts measure ENGINE [THRESHOLD]   train, score the eval set, time and weigh it
//   worker.ts folds ENGINE 0,2,4           cross-validation points of those folds, for threshold tuning
import { readLabelled } from '../src/eval/dataset.js';
import { type EvalReport, type Prediction, score } from '../src/eval/metrics.js';
import { loadKnowledgeBase } from '../src/knowledge/index.js';
import { isEngineId, isTunable, loadSpec } from './engine.js';
import {
  type Latency,
  latency,
  type MemorySample,
  memory,
  msSince,
  now,
  QuestionStream,
  throughput,
} from './measure.js';
import { EVAL_FILE, ROOT } from './paths.js';
import { type CvPoint, foldPoints } from './tune.js';

export interface MeasureResult {
  readonly kind: 'measure';
  readonly id: string;
  readonly threshold: number | null;
  /** Importing the library and creating the (empty) engine. */
  readonly loadMs: number;
  readonly trainMs: number;
  /** After the knowledge base and eval set are read, before the engine's library is imported. */
  readonly baseline: MemorySample;
  /** After the engine is trained: what a process serving it holds. */
  readonly loaded: MemorySample;
  readonly report: EvalReport;
  readonly latency: Latency;
  readonly throughputQps: number;
  /** Eval questions answered differently once respelled with other white space: should be 0. */
  readonly variantMismatches: number;
}

export interface FoldResult {
  readonly kind: 'folds';
  readonly id: string;
  readonly folds: readonly number[];
  readonly points: readonly CvPoint[];
  /** Wall time of each fold: train on the other folds, answer this one. */
  readonly foldMs: readonly number[];
}

async function measure(id: string, threshold: number | undefined): Promise<MeasureResult> {
  if (!isEngineId(id)) throw new Error(`unknown engine ${id}`);
  const kb = loadKnowledgeBase({ root: ROOT });
  const questions = readLabelled(EVAL_FILE);
  const baseline = memory();

  let start = now();
  const spec = await loadSpec(id);
  const engine = await spec.create(kb);
  const loadMs = msSince(start);

  start = now();
  await engine.train(kb.examples);
  const trainMs = msSince(start);
  const loaded = memory();

  if (spec.tuned) {
    if (!isTunable(engine) || threshold === undefined) throw new Error(`${id} needs a tuned threshold`);
    engine.threshold = threshold;
  }
  // Each question alone, as `policybot eval` asks them.
  const predictions: Prediction[] = [];
  for (const item of questions) {
    const r = await engine.classify(item.q);
    predictions.push({ item, predicted: r.intent, confidence: r.confidence });
  }
  const report = score(predictions);

  // The timed loops ask each question in spellings not seen before (see variant()). The stream's
  // first pass checks that every engine reads a respelled question as it reads the original; the
  // timed calls go on from there, so none of them repeats a string.
  const texts = questions.map((q) => q.q);
  const stream = new QuestionStream(texts);
  let variantMismatches = 0;
  for (const prediction of predictions) {
    const r = await engine.classify(stream.next());
    if (r.intent !== prediction.predicted) variantMismatches += 1;
  }
  memory(); // start the timed loops with a clean heap
  const lat = await latency(engine, stream, { warmupPasses: 3, budgetMs: 1500 });
  const qps = await throughput(engine, stream, { budgetMs: 1000 });
  return {
    kind: 'measure',
    id,
    threshold: spec.tuned ? (threshold ?? null) : null,
    loadMs,
    trainMs,
    baseline,
    loaded,
    report,
    latency: lat,
    throughputQps: qps,
    variantMismatches,
  };
}

async function folds(id: string, indices: readonly number[]): Promise<FoldResult> {
  if (!isEngineId(id)) throw new Error(`unknown engine ${id}`);
  const kb = loadKnowledgeBase({ root: ROOT });
  const spec = await loadSpec(id);
  const points: CvPoint[] = [];
  const foldMs: number[] = [];
  for (const index of indices) {
    const start = now();
    points.push(...(await foldPoints(spec, kb, index)));
    foldMs.push(msSince(start));
  }
  return { kind: 'folds', id, folds: indices, points, foldMs };
}

const [mode, id = '', arg] = process.argv.slice(2);
const work =
  mode === 'folds'
    ? folds(id, (arg ?? '').split(',').map(Number))
    : measure(id, arg === undefined ? undefined : Number(arg));
work.then(
  (result) => {
    if (!process.send) {
      console.log(JSON.stringify(result));
      return;
    }
    process.send(result, () => process.disconnect());
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
    process.disconnect?.();
  },
);
