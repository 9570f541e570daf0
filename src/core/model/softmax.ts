import type { SparseVector } from './features.js';

export interface LabelledVector {
  readonly vector: SparseVector;
  readonly label: number;
  /** How much this example counts (augmented examples count for less than written ones). */
  readonly weight?: number;
  /**
   * Where the example falls in each pass, from its own text (stableHash): an added phrase then
   * takes its place among the others instead of reshuffling them all, so one curator's addition
   * moves the model only as much as it should. Examples without one go in a seeded shuffle.
   */
  readonly key?: number;
}

export interface SoftmaxOptions {
  readonly classes: number;
  readonly features: number;
  readonly epochs?: number;
  readonly learningRate?: number;
  /** L2 penalty on the weights a step touches (lazy regularization, the usual for sparse text). */
  readonly l2?: number;
  /** Weigh each class by (its count)^-balance: 0 leaves the frequencies alone, 1 evens them out. */
  readonly balance?: number;
  readonly seed?: number;
}

/** The trained weights, flat: feature f's weight for class k is weights[f * classes + k]. */
export interface SoftmaxState {
  readonly classes: number;
  readonly features: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/**
 * Multinomial logistic regression over sparse features, trained by AdaGrad: one linear model that
 * scores every class at once, so a question's words compete for it rather than each intent
 * deciding alone. Deterministic for a seed.
 */
/** Gradients smaller than this are not worth a step. */
const SKIP = 1e-3;

export function trainSoftmax(examples: readonly LabelledVector[], options: SoftmaxOptions): SoftmaxState {
  const { classes: K, features: D } = options;
  const epochs = options.epochs ?? 20;
  const rate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-4;
  const weights = new Float32Array(D * K);
  const bias = new Float32Array(K);
  const gradSq = new Float32Array(D * K).fill(1e-6);
  const biasSq = new Float32Array(K).fill(1e-6);

  const counts = new Array<number>(K).fill(0);
  for (const e of examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
  const balance = options.balance ?? 0.5;
  const mean = examples.length / Math.max(1, counts.filter((c) => c > 0).length);
  const classWeight = counts.map((c) => (c > 0 ? (mean / c) ** balance : 0));

  const model: Training = {
    K,
    rate,
    l2,
    weights,
    bias,
    gradSq,
    biasSq,
    scores: new Float64Array(K),
    active: new Int32Array(K),
    gradient: new Float64Array(K),
  };
  const order = examples.map((_, i) => i);
  const random = mulberry32(options.seed ?? 1787);
  const keyed = examples.every((e) => e.key !== undefined);
  // Each example's place in a pass and its index in one number, place * 2^21 + index (exact in a
  // double for fewer than 2^21 examples): sorted as numbers, without a comparator called a hundred
  // thousand times a pass, they give the order of (place, index).
  const INDEX_BITS = 2 ** 21;
  if (keyed && examples.length >= INDEX_BITS) throw new Error('trainSoftmax: too many examples');
  const placed = new Float64Array(examples.length);
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (keyed) {
      const salt = Math.imul(epoch + 1, 0x9e3779b9) ^ (options.seed ?? 1787);
      examples.forEach((e, i) => {
        placed[i] = mix32((e.key as number) ^ salt) * INDEX_BITS + i;
      });
      placed.sort();
      for (let j = 0; j < placed.length; j++) order[j] = (placed[j] as number) % INDEX_BITS;
    } else shuffle(order, random);
    for (const i of order) {
      const { vector, label, weight = 1 } = examples[i] as LabelledVector;
      step(model, vector, label, weight * (classWeight[label] ?? 1));
    }
  }
  return { classes: K, features: D, weights, bias };
}

/** What one training step reads and writes: the weights, AdaGrad's sums of squares, scratch space. */
interface Training {
  readonly K: number;
  readonly rate: number;
  readonly l2: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly gradSq: Float32Array;
  readonly biasSq: Float32Array;
  readonly scores: Float64Array;
  /** The classes an example moves (most, once it is learnt, move none), and their gradients. */
  readonly active: Int32Array;
  readonly gradient: Float64Array;
}

/**
 * One example's step, `w` its weight. A function of its own, called for every example: the
 * optimizing compiler compiles it once, where the loop inlined in trainSoftmax was compiled on the
 * fly and thrown away at the end of the pass (a second compile of the whole function took ~100 ms).
 */
function step(t: Training, vector: SparseVector, label: number, w: number): void {
  const { K, rate, l2, weights, bias, gradSq, biasSq, scores, active, gradient } = t;
  score(weights, bias, K, vector, scores);
  softmaxInPlace(scores);
  let moved = 0;
  for (let k = 0; k < K; k++) {
    // d(-log p_label)/d(score_k) = p_k - [k = label]
    const g = w * ((scores[k] as number) - (k === label ? 1 : 0));
    // A class the example already scores right (almost nothing to learn) is skipped: after the
    // first epochs most are, and training costs a fraction of updating every class.
    if (g > -SKIP && g < SKIP) continue;
    const sq = Math.fround((biasSq[k] as number) + g * g);
    biasSq[k] = sq;
    bias[k] = (bias[k] as number) - (rate * g) / Math.sqrt(sq);
    active[moved] = k;
    gradient[moved] = g;
    moved++;
  }
  if (moved === 0) return;
  // Feature by feature, each feature's classes side by side: every weight a step touches is
  // touched once, so the order of the steps changes no number.
  const { index, value } = vector;
  for (let j = 0; j < index.length; j++) {
    const base = (index[j] as number) * K;
    const v = value[j] as number;
    for (let m = 0; m < moved; m++) {
      const at = base + (active[m] as number);
      // Each weight and its sum of squares read once, kept as the arrays keep them (float32).
      const weight = weights[at] as number;
      const gw = (gradient[m] as number) * v + l2 * weight;
      const sq = Math.fround((gradSq[at] as number) + gw * gw);
      gradSq[at] = sq;
      weights[at] = weight - (rate * gw) / Math.sqrt(sq);
    }
  }
}

/** Class probabilities for one vector. */
/** Each model's probabilities, made once and written over by every prediction (see predictSoftmax). */
const scratchScores = new WeakMap<SoftmaxState, Float64Array>();

/**
 * The model's probabilities for a vector, in an array the model keeps and writes over at its next
 * prediction: read them before predicting with the same model again. A new array per question
 * (its storage outside the heap, past V8's 64-byte limit) cost more than the softmax itself.
 */
export function predictSoftmax(state: SoftmaxState, vector: SparseVector): Float64Array {
  let scores = scratchScores.get(state);
  if (scores === undefined) {
    scores = new Float64Array(state.classes);
    scratchScores.set(state, scores);
  }
  score(state.weights, state.bias, state.classes, vector, scores);
  return softmaxInPlace(scores);
}

function score(
  weights: Float32Array,
  bias: Float32Array,
  K: number,
  vector: SparseVector,
  out: Float64Array,
): void {
  const { index, value } = vector;
  const n = index.length;
  // Five classes at a time, each summed in a local over the features in order: the same sums,
  // added in the same order as one class at a time, without a store per term.
  let k = 0;
  for (; k + 5 <= K; k += 5) {
    let s0 = bias[k] as number;
    let s1 = bias[k + 1] as number;
    let s2 = bias[k + 2] as number;
    let s3 = bias[k + 3] as number;
    let s4 = bias[k + 4] as number;
    for (let j = 0; j < n; j++) {
      const at = (index[j] as number) * K + k;
      const v = value[j] as number;
      s0 += v * (weights[at] as number);
      s1 += v * (weights[at + 1] as number);
      s2 += v * (weights[at + 2] as number);
      s3 += v * (weights[at + 3] as number);
      s4 += v * (weights[at + 4] as number);
    }
    out[k] = s0;
    out[k + 1] = s1;
    out[k + 2] = s2;
    out[k + 3] = s3;
    out[k + 4] = s4;
  }
  for (; k < K; k++) {
    let s = bias[k] as number;
    for (let j = 0; j < n; j++) s += (value[j] as number) * (weights[(index[j] as number) * K + k] as number);
    out[k] = s;
  }
}

function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] as number) - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) / sum;
  return scores;
}

/** A small seeded generator (Mulberry32): training is the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Murmur3's finalizer: spreads a key's bits, so each pass orders the examples differently. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function shuffle<T>(list: T[], random: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
}
