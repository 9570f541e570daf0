// One engine in a process of its own, so that no library's heap, JIT state or GC debt leaks into
// another's figures. Started by run.ts with --expose-gc; answers through the IPC channel.
//   worker.ts measure ENGINE --sets dev-a,dev-b,dev-c [--threshold T]   train, score the sets, time, weigh
//   worker.ts folds ENGINE --folds 0,2,4                                 cross-validation points of those folds
// It reads only the sets it is given: run.ts names the final set only under --final.
import { parseArgs } from 'node:util';
import type { FollowUpReport } from '../src/cli/commands/eval.js';
import { type LabelledQuestion, readFollowUps, readLabelled } from '../src/eval/dataset.js';
import { type Prediction, score } from '../src/eval/metrics.js';
import { loadKnowledgeBase } from '../src/knowledge/index.js';
import { type Engine, isEngineId, isTunable, loadSpec, trainingPhrases } from './engine.js';
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
import { ROOT } from './paths.js';
import { poolFollowUps, type SetScore } from './score.js';
import { type EvalSet, evalSet } from './sets.js';
import { type CvPoint, foldPoints } from './tune.js';

export interface MeasureResult {
  readonly kind: 'measure';
  readonly id: string;
  readonly threshold: number | null;
  /** Phrases it trained on. */
  readonly trainingPhrases: number;
  /** Importing the library and creating the (empty) engine. */
  readonly loadMs: number;
  readonly trainMs: number;
  /** After the knowledge base and the sets are read, before the engine's library is imported. */
  readonly baseline: MemorySample;
  /** After the engine is trained: what a process serving it holds. */
  readonly loaded: MemorySample;
  readonly sets: readonly SetScore[];
  /** The development sets' questions as one set (and their follow-ups). */
  readonly pooled: Omit<SetScore, 'name' | 'status'>;
  /** The questions the timed loops ask: the development sets'. */
  readonly timedQuestions: number;
  readonly latency: Latency;
  readonly throughputQps: number;
  /** Timed questions answered differently once respelled with other white space: should be 0. */
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

async function predict(engine: Engine, questions: readonly LabelledQuestion[]): Promise<Prediction[]> {
  // Each question alone, as `policybot eval` asks them.
  const predictions: Prediction[] = [];
  for (const item of questions) {
    const r = await engine.classify(item.q);
    predictions.push({ item, predicted: r.intent, confidence: r.confidence });
  }
  return predictions;
}

async function measure(
  id: string,
  names: readonly string[],
  threshold: number | undefined,
): Promise<MeasureResult> {
  if (!isEngineId(id)) throw new Error(`unknown engine ${id}`);
  const kb = loadKnowledgeBase({ root: ROOT });
  const known = new Set(kb.topics.keys());
  const sets = names.map((name) => {
    const set: EvalSet = evalSet(name);
    return {
      set,
      questions: readLabelled(set.questions, known),
      followUps: readFollowUps(set.followUps, known),
    };
  });
  const development = sets.filter((s) => s.set.status === 'tuned on');
  const baseline = memory();

  let start = now();
  const spec = await loadSpec(id);
  const engine = await spec.create(kb);
  const loadMs = msSince(start);

  const phrases = trainingPhrases(spec, kb.examples);
  start = now();
  await engine.train(phrases);
  const trainMs = msSince(start);
  const loaded = memory();

  if (spec.tuned) {
    if (!isTunable(engine) || threshold === undefined) throw new Error(`${id} needs a tuned threshold`);
    engine.threshold = threshold;
  }
  const predictions = new Map<EvalSet, Prediction[]>();
  for (const s of sets) predictions.set(s.set, await predict(engine, s.questions));

  // The timed loops ask the development sets' questions in spellings not seen before (see
  // variant()); the untouched set is asked once, above, and no more. The stream's first pass
  // checks that every engine reads a respelled question as it reads the original; the timed calls
  // go on from there, so none of them repeats a string.
  const timed = development.flatMap((s) => predictions.get(s.set) ?? []);
  const stream = new QuestionStream(timed.map((p) => p.item.q));
  let variantMismatches = 0;
  for (const prediction of timed) {
    const r = await engine.classify(stream.next());
    if (r.intent !== prediction.predicted) variantMismatches += 1;
  }
  memory(); // start the timed loops with a clean heap
  const lat = await latency(engine, stream, { warmupPasses: 3, budgetMs: 1500 });
  const qps = await throughput(engine, stream, { budgetMs: 1000 });

  const followUps = new Map<EvalSet, FollowUpReport | null>();
  for (const s of sets)
    followUps.set(s.set, engine.followUps ? await engine.followUps(s.set.followUps) : null);
  const devFollowUps = development.map((s) => followUps.get(s.set)).filter((r) => r != null);

  return {
    kind: 'measure',
    id,
    threshold: spec.tuned ? (threshold ?? null) : null,
    trainingPhrases: phrases.length,
    loadMs,
    trainMs,
    baseline,
    loaded,
    sets: sets.map((s) => ({
      name: s.set.name,
      status: s.set.status,
      report: score(predictions.get(s.set) ?? []),
      followUps: followUps.get(s.set) ?? null,
    })),
    pooled: {
      report: score(timed),
      followUps: devFollowUps.length === 0 ? null : poolFollowUps(devFollowUps),
    },
    timedQuestions: timed.length,
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

async function main(): Promise<MeasureResult | FoldResult> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { sets: { type: 'string' }, threshold: { type: 'string' }, folds: { type: 'string' } },
  });
  const [mode, id = ''] = positionals;
  if (mode === 'folds') return folds(id, (values.folds ?? '').split(',').map(Number));
  if (mode === 'measure') {
    if (!values.sets) throw new Error('measure needs --sets');
    return measure(
      id,
      values.sets.split(','),
      values.threshold === undefined ? undefined : Number(values.threshold),
    );
  }
  throw new Error(`unknown mode ${mode}; measure or folds`);
}

main().then(
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
