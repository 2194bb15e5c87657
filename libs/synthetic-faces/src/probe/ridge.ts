/**
 * Ridge regression to one-hot targets in closed form, the linear read-out of the probe (linear-probe.ts), in its
 * dual form: with fewer images than pixels (1,000-3,000 images of 48x48x3 = 6,912 values) the images' Gram matrix is
 * the small one. Plain loops in float64, no TensorFlow: an oracle independent of the code it judges.
 */

/** The inner products of every pair of `rows` vectors of length `columns` (row-major): rows x rows, symmetric. */
export interface Gram {
  rows: number;
  values: Float64Array;
}

/**
 * The Gram matrix of `features` (rows x columns, row-major). Four running sums so the loop is not one long chain of
 * dependent additions (about 4x faster in V8); each pair is computed once and mirrored.
 */
export function gramMatrix(features: Float32Array, rows: number, columns: number): Gram {
  if (features.length !== rows * columns) throw new Error(`gramMatrix: ${features.length} values are not ${rows} rows of ${columns}`);
  const values = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    const a = i * columns;
    for (let j = 0; j <= i; j++) {
      const b = j * columns;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k + 3 < columns; k += 4) {
        s0 += features[a + k] * features[b + k];
        s1 += features[a + k + 1] * features[b + k + 1];
        s2 += features[a + k + 2] * features[b + k + 2];
        s3 += features[a + k + 3] * features[b + k + 3];
      }
      for (; k < columns; k++) s0 += features[a + k] * features[b + k];
      const dot = s0 + s1 + s2 + s3;
      values[i * rows + j] = dot;
      values[j * rows + i] = dot;
    }
  }
  return { rows, values };
}

/**
 * Ridge regression with an intercept from rows `fit` to one-hot targets of `labels` (class indices 0..classes-1),
 * evaluated on rows `evaluate`; both index the Gram matrix `gram` of the features. Returns the scores (evaluate x
 * classes, row-major): the regression's outputs, whose largest is the predicted class.
 *
 * In the dual: the fit rows' kernel centred (K_c = H K H, H = I - 11^T/n, which is ridge on features centred on the
 * fit rows' mean: an unpenalised intercept), a = (K_c + lambda I)^-1 (Y - mean Y), scores = k_c(x) a + mean Y, with
 * k_c(x) the evaluated row's kernel centred the same way. The same outputs as the primal ridge
 * w = (X_c^T X_c + lambda I)^-1 X_c^T (Y - mean Y) on the centred features (ridge.test.ts checks it).
 *
 * Throws on an empty fit, a label out of range, or lambda <= 0 (a singular system with fewer rows than features).
 */
export function ridgeScores(gram: Gram, fit: readonly number[], labels: ArrayLike<number>, classes: number, evaluate: readonly number[], lambda: number): Float64Array {
  const n = fit.length;
  if (n === 0) throw new Error('ridgeScores: no row to fit');
  if (!(lambda > 0)) throw new Error(`ridgeScores: lambda must be > 0, got ${lambda}`);
  const { rows, values } = gram;
  const at = (i: number, j: number) => values[i * rows + j];
  // Row means of the fit block (r), of each evaluated row against the fit rows (s), and the grand mean (m).
  const r = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let sum = 0;
    for (let b = 0; b < n; b++) sum += at(fit[a], fit[b]);
    r[a] = sum / n;
  }
  let m = 0;
  for (let a = 0; a < n; a++) m += r[a];
  m /= n;
  const system = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) system[a * n + b] = at(fit[a], fit[b]) - r[a] - r[b] + m + (a === b ? lambda : 0);
  }
  const meanTarget = new Float64Array(classes);
  for (let a = 0; a < n; a++) {
    const label = labels[fit[a]];
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) throw new Error(`ridgeScores: row ${fit[a]}'s label ${label} is not a class 0-${classes - 1}`);
    meanTarget[label] += 1 / n;
  }
  const dual = new Float64Array(n * classes);
  for (let a = 0; a < n; a++) {
    for (let c = 0; c < classes; c++) dual[a * classes + c] = (labels[fit[a]] === c ? 1 : 0) - meanTarget[c];
  }
  choleskySolve(system, n, dual, classes);
  const scores = new Float64Array(evaluate.length * classes);
  for (let e = 0; e < evaluate.length; e++) {
    const row = evaluate[e];
    let s = 0;
    for (let b = 0; b < n; b++) s += at(row, fit[b]);
    s /= n;
    for (let c = 0; c < classes; c++) scores[e * classes + c] = meanTarget[c];
    for (let b = 0; b < n; b++) {
      const k = at(row, fit[b]) - s - r[b] + m;
      for (let c = 0; c < classes; c++) scores[e * classes + c] += k * dual[b * classes + c];
    }
  }
  return scores;
}

/** The class of each row of `scores` (rows x classes): the largest score, the first of equal ones. */
export function argmaxRows(scores: Float64Array, classes: number): Int32Array {
  const predicted = new Int32Array(scores.length / classes);
  for (let e = 0; e < predicted.length; e++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[e * classes + c] > scores[e * classes + best]) best = c;
    predicted[e] = best;
  }
  return predicted;
}

/**
 * Solves A X = B in place for a symmetric positive definite A (n x n, row-major; overwritten by its Cholesky factor)
 * and B (n x k, overwritten by X). Throws where A is not positive definite.
 */
export function choleskySolve(a: Float64Array, n: number, b: Float64Array, k: number): void {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j];
    for (let p = 0; p < j; p++) diagonal -= a[j * n + p] * a[j * n + p];
    if (!(diagonal > 0)) throw new Error(`choleskySolve: the matrix is not positive definite (pivot ${j}: ${diagonal})`);
    const l = Math.sqrt(diagonal);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j];
      for (let p = 0; p < j; p++) sum -= a[i * n + p] * a[j * n + p];
      a[i * n + j] = sum / l;
    }
  }
  // L y = b, then L^T x = y, column by column of B.
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) {
      let sum = b[i * k + c];
      for (let p = 0; p < i; p++) sum -= a[i * n + p] * b[p * k + c];
      b[i * k + c] = sum / a[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = b[i * k + c];
      for (let p = i + 1; p < n; p++) sum -= a[p * n + i] * b[p * k + c];
      b[i * k + c] = sum / a[i * n + i];
    }
  }
}
