import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seededRandom } from '../random';
import { argmaxRows, choleskySolve, gramMatrix, ridgeScores } from './ridge';

/** Rows x columns of values uniform in [-1, 1), from a seeded stream. */
function randomMatrix(rows: number, columns: number, key: string): Float32Array {
  const random = seededRandom(key);
  return Float32Array.from({ length: rows * columns }, () => random.uniform(-1, 1));
}

/** Primal ridge with an intercept, in plain loops: w = (Xc^T Xc + lambda I)^-1 Xc^T (Y - mean Y), Xc centred on the fit rows. */
function primalRidgeScores(x: Float32Array, columns: number, fit: number[], labels: number[], classes: number, evaluate: number[], lambda: number): number[][] {
  const mean = Array.from({ length: columns }, (_, k) => fit.reduce((sum, i) => sum + x[i * columns + k], 0) / fit.length);
  const meanY = Array.from({ length: classes }, (_, c) => fit.filter((i) => labels[i] === c).length / fit.length);
  const centred = (i: number, k: number) => x[i * columns + k] - mean[k];
  // The normal equations as an augmented matrix [A | B], solved by Gauss-Jordan elimination.
  const rows = Array.from({ length: columns }, (_, k) => [
    ...Array.from({ length: columns }, (_, l) => fit.reduce((sum, i) => sum + centred(i, k) * centred(i, l), 0) + (k === l ? lambda : 0)),
    ...Array.from({ length: classes }, (_, c) => fit.reduce((sum, i) => sum + centred(i, k) * ((labels[i] === c ? 1 : 0) - meanY[c]), 0)),
  ]);
  for (let p = 0; p < columns; p++) {
    for (let r = 0; r < columns; r++) {
      if (r === p) continue;
      const factor = rows[r][p] / rows[p][p];
      for (let c = 0; c < columns + classes; c++) rows[r][c] -= factor * rows[p][c];
    }
  }
  const w = rows.map((row, k) => row.slice(columns).map((value) => value / rows[k][k]));
  return evaluate.map((i) => meanY.map((m, c) => m + w.reduce((sum, wk, k) => sum + centred(i, k) * wk[c], 0)));
}

test('gramMatrix: every inner product, as a plain triple loop (odd lengths, so the 4-way unrolled loop has a remainder)', () => {
  for (const columns of [1, 3, 7, 13]) {
    const x = randomMatrix(5, columns, `gram-${columns}`);
    const gram = gramMatrix(x, 5, columns);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        let dot = 0;
        for (let k = 0; k < columns; k++) dot += x[i * columns + k] * x[j * columns + k];
        assert.ok(Math.abs(gram.values[i * 5 + j] - dot) < 1e-9, `${columns} columns, (${i}, ${j}): ${gram.values[i * 5 + j]} vs ${dot}`);
      }
    }
  }
  assert.throws(() => gramMatrix(new Float32Array(10), 3, 3), /10 values are not 3 rows of 3/);
});

test('choleskySolve: a hand-solved 2x2 system; a matrix that is not positive definite is an error', () => {
  const b = new Float64Array([2, 1]);
  choleskySolve(new Float64Array([4, 2, 2, 3]), 2, b, 1);
  assert.ok(Math.abs(b[0] - 0.5) < 1e-12 && Math.abs(b[1]) < 1e-12, `x = ${b}`);
  assert.throws(() => choleskySolve(new Float64Array([1, 2, 2, 1]), 2, new Float64Array(2), 1), /not positive definite \(pivot 1/);
});

test('ridgeScores by hand: x = -1 (class 0) and 1 (class 1), lambda 2, at x = 0.5: w = (-1, 1)/4, scores 0.375 and 0.625', () => {
  const gram = gramMatrix(new Float32Array([-1, 1, 0.5]), 3, 1);
  const scores = ridgeScores(gram, [0, 1], [0, 1, 0], 2, [2], 2);
  assert.ok(Math.abs(scores[0] - 0.375) < 1e-12 && Math.abs(scores[1] - 0.625) < 1e-12, `scores ${scores}`);
  assert.equal([...argmaxRows(scores, 2)], [1]);
});

test('ridgeScores (dual, centred kernel) gives the primal ridge outputs, with fewer rows than features and more', () => {
  for (const [rows, columns] of [
    [9, 20],
    [30, 4],
  ]) {
    const x = randomMatrix(rows, columns, `ridge-${rows}-${columns}`);
    // Features not centred: the intercept must be what makes the two agree.
    for (let i = 0; i < x.length; i++) x[i] += 3;
    const random = seededRandom(`labels-${rows}`);
    const labels = Array.from({ length: rows }, () => random.int(3));
    const fit = Array.from({ length: rows - 4 }, (_, i) => i);
    const evaluate = [rows - 4, rows - 3, rows - 2, rows - 1, 0];
    for (const lambda of [0.1, 5]) {
      const dual = ridgeScores(gramMatrix(x, rows, columns), fit, labels, 3, evaluate, lambda);
      const primal = primalRidgeScores(x, columns, fit, labels, 3, evaluate, lambda).flat();
      primal.forEach((value, k) => assert.ok(Math.abs(dual[k] - value) < 1e-6, `${rows}x${columns}, lambda ${lambda}, score ${k}: ${dual[k]} vs ${value}`));
    }
  }
});

test('ridgeScores rejects no fit rows, lambda <= 0 and a label that is not a class', () => {
  const gram = gramMatrix(new Float32Array([0, 1, 2]), 3, 1);
  assert.throws(() => ridgeScores(gram, [], [0, 1, 0], 2, [2], 1), /no row to fit/);
  assert.throws(() => ridgeScores(gram, [0, 1], [0, 1, 0], 2, [2], 0), /lambda must be > 0, got 0/);
  assert.throws(() => ridgeScores(gram, [0, 1], [0, 2, 0], 2, [2], 1), /row 1's label 2 is not a class 0-1/);
});

test.run();
