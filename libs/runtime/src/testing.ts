/** Helpers for tests that compare a backend against the stock cpu backend (the oracle). */
import * as tf from '@tensorflow/tfjs';

/** max |expected - actual| / max |expected|: one relative error for a whole tensor. */
export function maxRelativeError(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (expected.length !== actual.length) {
    throw new Error(`length mismatch: expected ${expected.length} values, got ${actual.length}`);
  }
  let scale = 0;
  let error = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    error = Math.max(error, Math.abs(expected[i] - actual[i]));
  }
  return scale === 0 ? error : error / scale;
}

/** Runs `f` on `backend` inside tidy and returns every output as a plain Float32Array. */
export async function valuesOn(backend: string, f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend '${backend}' is not available`);
  // Read outside tidy: tidy walks whatever it returns looking for tensors, a typed array element by element.
  const outputs = tf.tidy(() => f());
  const tensors = Array.isArray(outputs) ? outputs : [outputs];
  const values = tensors.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(tensors);
  return values;
}

/** Tensors and backend buffers alive now: both must come back to this after the work under test. */
export function liveMemory(): { tensors: number; buffers: number } {
  return { tensors: tf.memory().numTensors, buffers: tf.engine().backend.numDataIds() };
}
