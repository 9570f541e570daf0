import { createRequire } from 'node:module';
import Classifier, { type Stemmer } from 'natural/lib/natural/classifiers/classifier.js';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import type { EngineSpec, TunableEngine } from '../engine.js';
import { toIntent } from '../engine.js';

/**
 * natural's LogisticRegressionClassifier trains one class against the rest by batch gradient
 * descent on dense sylvester matrices (phrases × distinct stems, here 2,967 × 2,323, for 24
 * classes). apparatus rebuilds the design matrix and its transpose at every step of every class:
 * on these phrases two steps a class took 96 s, and left to converge it would take far longer (674 s
 * already with a quarter of the phrases). The descent below is apparatus's own (same
 * learning-rate search from 3, same stopping rule, same sylvester operations) with the matrix and
 * transpose built once, which gives the same thetas in a tenth of the time, and with one cap: it
 * stops after MAX_STEPS steps where apparatus would go on to 500 × rows and then throw.
 * BENCH_LR_MAX_STEPS overrides the cap for a longer look.
 */
export const MAX_STEPS = Number(process.env.BENCH_LR_MAX_STEPS ?? 2);

interface SylVector {
  map(fn: (x: number) => number): SylVector;
  subtract(other: SylVector | number[]): SylVector;
  x(k: number): SylVector;
  elementMultiply(other: SylVector): SylVector;
  log(): SylVector;
  sum(): number;
  augment(values: number[]): SylVector;
  chomp(n: number): SylVector;
}
interface SylMatrix {
  rows(): number;
  row(i: number): SylVector;
  column(i: number): SylVector;
  augment(other: SylMatrix): SylMatrix;
  transpose(): SylMatrix;
  x(v: SylVector): SylVector;
}
interface Sylvester {
  Matrix: { One(rows: number, cols: number): SylMatrix };
  Vector: { One(n: number): SylVector; Zero(n: number): SylVector };
}
interface ApparatusLogisticRegression {
  classifications: string[];
  theta: SylVector[];
  computeThetas(examples: SylMatrix, classifications: SylMatrix): void;
}

// apparatus and sylvester are natural's own dependencies: resolve them from natural, not from us.
const fromNatural = createRequire(
  createRequire(import.meta.url).resolve('natural/lib/natural/classifiers/logistic_regression_classifier.js'),
);
const apparatus = fromNatural('apparatus') as {
  LogisticRegressionClassifier: new () => ApparatusLogisticRegression;
};
const { Matrix, Vector } = createRequire(fromNatural.resolve('apparatus'))('sylvester') as Sylvester;

const sigmoid = (z: number): number => 1 / (1 + Math.exp(0 - z));
const hypothesis = (theta: SylVector, observations: SylMatrix): SylVector =>
  observations.x(theta).map(sigmoid);

function cost(theta: SylVector, examples: SylMatrix, classifications: SylVector): number {
  const h = hypothesis(theta, examples);
  const ones = Vector.One(examples.rows());
  const cost1 = Vector.Zero(examples.rows()).subtract(classifications).elementMultiply(h.log());
  const cost0 = ones.subtract(classifications).elementMultiply(ones.subtract(h).log());
  return (1 / examples.rows()) * cost1.subtract(cost0).sum();
}

/**
 * apparatus's descendGradient, stopped after maxSteps steps. Two changes that leave every theta as
 * apparatus computes it: the design matrix (a column of ones, then the features) and its transpose,
 * the same for every class and every step, are built once by the caller where apparatus rebuilds
 * them at each; and the cost, which only steers the learning-rate search, is computed only when a
 * later step can still follow it (at the cap of 2 both steps run at the starting rate regardless).
 */
function descendGradient(
  start: SylVector,
  examples: SylMatrix,
  transposed: SylMatrix,
  classifications: SylVector,
  maxSteps: number,
): SylVector {
  let theta = start.augment([0]);
  let learningRate = 3;
  let learningRateFound = false;
  let steps = 0;
  search: while (!learningRateFound && learningRate !== 0) {
    let last: number | null = null;
    for (;;) {
      if (steps >= maxSteps) break search;
      const h = hypothesis(theta, examples);
      theta = theta.subtract(
        transposed
          .x(h.subtract(classifications))
          .x(1 / examples.rows())
          .x(learningRate),
      );
      steps += 1;
      // A comparison at step s decides step s + 1 only: with no step s + 1, no cost is needed.
      if (maxSteps <= 2 || steps >= maxSteps) continue;
      const current = cost(theta, examples, classifications);
      if (last) {
        if (current < last) learningRateFound = true;
        else break;
        if (last - current < 0.0001) break;
      }
      last = current;
    }
    learningRate /= 3;
  }
  return theta.chomp(1);
}

export class CappedLogisticRegression extends LogisticRegressionClassifier {
  constructor(
    stemmer: Stemmer,
    private readonly maxSteps = MAX_STEPS,
  ) {
    super(stemmer);
  }

  override train(): void {
    // As natural's own train(): a fresh apparatus classifier, then the shared feature pass.
    this.lastAdded = 0;
    const inner = new apparatus.LogisticRegressionClassifier();
    const maxSteps = this.maxSteps;
    inner.computeThetas = function (this: ApparatusLogisticRegression, data, classifications) {
      this.theta = [];
      const examples = Matrix.One(data.rows(), 1).augment(data);
      const transposed = examples.transpose();
      for (let i = 1; i <= this.classifications.length; i++) {
        const zero = data.row(1).map(() => 0);
        this.theta.push(descendGradient(zero, examples, transposed, classifications.column(i), maxSteps));
      }
    };
    this.classifier = inner;
    Classifier.prototype.train.call(this);
  }
}

export function createNaturalLogisticRegression(): TunableEngine {
  let classifier: CappedLogisticRegression | undefined;
  const engine: TunableEngine = {
    name: 'natural-lr',
    threshold: Number.NEGATIVE_INFINITY,
    train(examples) {
      classifier = new CappedLogisticRegression(PorterStemmer);
      for (const e of examples) classifier.addDocument(e.text, e.intent);
      classifier.train();
    },
    classify(text) {
      if (!classifier) throw new Error('natural-lr: classify before train');
      const top = classifier.getClassifications(text)[0];
      const confidence = top?.value ?? 0;
      return { intent: toIntent(top?.label, confidence, engine.threshold), confidence };
    },
  };
  return engine;
}

export const spec: EngineSpec = {
  id: 'natural-lr',
  label: 'natural LogReg',
  setup:
    `\`LogisticRegressionClassifier(PorterStemmer)\`, negatives trained as a \`fallback\` class; confidence = the top ` +
    `class's one-vs-rest sigmoid; threshold tuned by 5-fold cross-validation on the training phrases. **Capped at ` +
    `${MAX_STEPS} gradient steps per class**, to keep the run within minutes: natural's own descent (apparatus's, on ` +
    `sylvester matrices) with its design matrix and transpose built once instead of at every step, which gives the ` +
    `same weights ten times faster; uncapped it would run far past the whole bench's budget (674 s already on a ` +
    `quarter of these phrases). Its accuracy is a floor, not its best.`,
  tuned: true,
  conversational: false,
  create: createNaturalLogisticRegression,
};
