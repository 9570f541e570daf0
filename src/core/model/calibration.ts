/**
 * Platt scaling: a logistic curve from raw match features to the probability that the top intent
 * is right. Fitted on leave-one-out predictions over the training phrases, so a confidence of 0.8
 * means "right about four times in five" on phrasing the matcher has not seen.
 */
export interface Calibration {
  readonly weights: readonly number[];
  readonly bias: number;
}

export interface CalibrationPoint {
  readonly features: readonly number[];
  readonly correct: boolean;
}

export function probability(calibration: Calibration, features: readonly number[]): number {
  let z = calibration.bias;
  calibration.weights.forEach((w, i) => {
    z += w * (features[i] ?? 0);
  });
  return 1 / (1 + Math.exp(-z));
}

/** Logistic regression by Newton's method (few features, few hundred points: exact and fast). */
export function fitCalibration(
  points: readonly CalibrationPoint[],
  iterations = 25,
  ridge = 1e-3,
): Calibration {
  const dims = (points[0]?.features.length ?? 0) + 1;
  const n = points.length;
  // Each point's row, a 1 for the bias first, once: every iteration reads them all.
  const rows = new Float64Array(n * dims);
  const labels = new Float64Array(n);
  points.forEach((p, r) => {
    rows[r * dims] = 1;
    for (let i = 1; i < dims; i++) rows[r * dims + i] = p.features[i - 1] ?? 0;
    labels[r] = p.correct ? 1 : 0;
  });
  // A typed array throughout: newtonSums then always sees one kind of array (a plain array of
  // zeros and one of fractions are two, and the compiled sums were thrown away at the switch).
  let beta = new Float64Array(dims);
  const gradient = new Float64Array(dims);
  const flat = new Float64Array(dims * dims);
  for (let it = 0; it < iterations; it++) {
    newtonSums(rows, labels, beta, ridge, gradient, flat);
    const hessian = Array.from({ length: dims }, (_, i) =>
      Array.from(flat.subarray(i * dims, (i + 1) * dims)),
    );
    const g = Array.from(gradient, (gi, i) => gi - ridge * (beta[i] as number));
    const step = solve(hessian, g);
    beta = beta.map((b, i) => b + (step[i] ?? 0));
    if (step.every((s) => Math.abs(s) < 1e-8)) break;
  }
  return { bias: beta[0] ?? 0, weights: Array.from(beta.subarray(1)) };
}

/**
 * The log-likelihood's gradient and Hessian (plus the ridge on its diagonal) at `beta`, into
 * `gradient` and `flat` (row by row). A function of its own, apart from the Newton step: the
 * optimizing compiler then compiles these loops once, rather than again at every iteration when
 * the code after them (the step, with little type feedback yet) sent it back to the interpreter.
 */
function newtonSums(
  rows: Float64Array,
  labels: Float64Array,
  beta: Float64Array,
  ridge: number,
  gradient: Float64Array,
  flat: Float64Array,
): void {
  const dims = beta.length;
  const n = labels.length;
  gradient.fill(0);
  flat.fill(0);
  for (let i = 0; i < dims; i++) flat[i * dims + i] = ridge;
  // Each sum runs over the points in order, as a point-by-point loop would add them.
  for (let r = 0; r < n; r++) {
    const at = r * dims;
    let z = 0;
    for (let i = 0; i < dims; i++) z += (rows[at + i] as number) * (beta[i] as number);
    const mu = 1 / (1 + Math.exp(-z));
    const y = labels[r] as number;
    const w = Math.max(mu * (1 - mu), 1e-9);
    for (let i = 0; i < dims; i++) {
      const xi = rows[at + i] as number;
      gradient[i] = (gradient[i] as number) + xi * (y - mu);
      const wx = w * xi;
      const h = i * dims;
      for (let j = 0; j < dims; j++) flat[h + j] = (flat[h + j] as number) + wx * (rows[at + j] as number);
    }
  }
}

/** Gaussian elimination with partial pivoting; the system is tiny and positive definite. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((r, i) => [...r, vector[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = a[col] as number[];
    const div = p[col] ?? 1;
    if (Math.abs(div) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const rowR = a[r] as number[];
      const factor = (rowR[col] ?? 0) / div;
      for (let c = col; c <= n; c++) rowR[c] = (rowR[c] ?? 0) - factor * (p[c] ?? 0);
    }
  }
  return a.map((r, i) => (r[n] ?? 0) / (r[i] || 1));
}
