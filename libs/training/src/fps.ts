import * as tf from '@tensorflow/tfjs';

/** One model of an FPS pass: its name, the images one call takes, and that call (inference, results read back). */
export interface FpsSubject {
  id: string;
  batchSize: number;
  /** Resolves once the results are read back: asynchronous, as webgpu's reads are in Node. */
  infer: () => Promise<void> | void;
}

export interface InterleavedFpsOptions {
  /** Rounds: in each, every subject is timed once, in turn (default 9). */
  rounds?: number;
  /** Calls timed together per subject and round (default 10): one round's images/s is their images over their time. */
  callsPerRound?: number;
  /** Untimed calls first, per subject: at least this many (default 20) and for at least `warmupMs` (default 1000). */
  warmupCalls?: number;
  warmupMs?: number;
}

/** The order an interleaved pass times its subjects: every one once per round, in the order given (A B C A B C ...). */
export function interleavedOrder<T>(subjects: readonly T[], rounds: number): T[] {
  return Array.from({ length: rounds }, () => subjects).flat();
}

/**
 * Inference speed, as Table 8's FPS column, of several models measured interleaved in one process: each warmed up
 * (until the JIT and wasm tiers have settled: 2 calls measured 5x slow), then `rounds` rounds in which every model
 * runs `callsPerRound` calls in turn. Another process that slows the machine for a while then slows each model's
 * round alike, instead of whichever model was being measured at the time (one run once gave MFE+HPE 199 images/s and
 * MFE 22 from a noisy machine, not from the models).
 * Resolves to, per subject id, the images/s of each round (round order); `clock` returns milliseconds. Rejects on
 * no subjects, repeated ids, or rounds and calls that are not whole numbers >= 1.
 */
export async function measureFpsInterleaved(
  subjects: readonly FpsSubject[],
  options: InterleavedFpsOptions = {},
  clock: () => number = () => performance.now(),
): Promise<Record<string, number[]>> {
  const { rounds = 9, callsPerRound = 10, warmupCalls = 20, warmupMs = 1000 } = options;
  if (subjects.length === 0) throw new Error('measureFpsInterleaved: no models to measure');
  if (new Set(subjects.map((s) => s.id)).size !== subjects.length) throw new Error(`measureFpsInterleaved: model ids must differ, got ${subjects.map((s) => s.id).join(', ')}`);
  if (!(Number.isInteger(rounds) && rounds >= 1 && Number.isInteger(callsPerRound) && callsPerRound >= 1)) {
    throw new Error(`measureFpsInterleaved: rounds and callsPerRound must be whole numbers >= 1, got ${rounds} and ${callsPerRound}`);
  }
  for (const subject of subjects) {
    const start = clock();
    for (let i = 0; i < warmupCalls || clock() - start < warmupMs; i++) await subject.infer();
  }
  const rates: Record<string, number[]> = Object.fromEntries(subjects.map((s) => [s.id, []]));
  for (const subject of interleavedOrder(subjects, rounds)) {
    const start = clock();
    for (let i = 0; i < callsPerRound; i++) await subject.infer();
    rates[subject.id].push((subject.batchSize * callsPerRound * 1000) / (clock() - start));
  }
  return rates;
}

/**
 * A model's inference call on the first `batchSize` images (inference mode, every output read back, then freed), for
 * measureFpsInterleaved. Dispose it when the pass is done: it holds the batch.
 */
export function inferenceSubject(id: string, model: tf.LayersModel, images: tf.Tensor4D, batchSize: number): FpsSubject & { dispose: () => void } {
  if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= images.shape[0])) {
    throw new Error(`${id}: FPS batch size must be a whole number from 1 to the ${images.shape[0]} images given, got ${batchSize}`);
  }
  const batch = tf.slice(images, 0, batchSize);
  return {
    id,
    batchSize,
    infer: async () => {
      const out = model.predict(batch) as tf.Tensor | tf.Tensor[];
      const tensors = Array.isArray(out) ? out : [out];
      await Promise.all(tensors.map((t) => t.data()));
      tf.dispose(tensors);
    },
    dispose: () => batch.dispose(),
  };
}
