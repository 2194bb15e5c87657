import * as tf from '@tensorflow/tfjs';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '@dmlnet/files';
import { fileIO, loadWeights } from '@dmlnet/model';
import type { WeightAverage } from './moving-average';
import type { RunFolder } from './run-folder';

/** What the trainer needs besides the tensors to continue exactly where it stopped. */
export interface TrainerState {
  /** Epochs completed. */
  epoch: number;
  /** Optimizer steps taken. */
  step: number;
  /** Records in metrics.jsonl at this point (a resumed run drops the later ones). */
  metricLines: number;
  /** The epoch-mean total losses so far, for early stopping and the loss curve. */
  epochLosses: number[];
  /** Recent task losses of the dynamic-weight tracker (eq. 8), if ADW is on. */
  dynamicWeights: number[][] | null;
  /** Whether early stopping ended the run. */
  stoppedEarly: boolean;
}

interface CheckpointPointer {
  latest: string;
  state: TrainerState;
  /** Adam's running beta powers, restored exactly (tfjs would recompute them as beta^t, off in the last bits). */
  adamBetaPowers: [number, number] | null;
  movingAverageUpdates: number;
}

const POINTER = 'checkpoint.json';

type NamedTensor = { name: string; tensor: tf.Tensor };

/**
 * Saves model, optimizer and moving-average weights and the trainer state into checkpoints/<name>/, then points
 * checkpoint.json at it. Each file is written atomically and the pointer last, so a run killed at any moment
 * resumes from the last complete checkpoint. Older checkpoints are removed.
 */
export async function saveCheckpoint(
  run: RunFolder,
  parts: { model: tf.LayersModel; optimizer: tf.Optimizer; average: WeightAverage | null; state: TrainerState },
): Promise<void> {
  const name = `epoch-${String(parts.state.epoch).padStart(4, '0')}`;
  const dir = run.path('checkpoints', name);
  fs.rmSync(dir, { recursive: true, force: true });
  await parts.model.save(fileIO(path.join(dir, 'model')));
  await saveTensors(path.join(dir, 'optimizer'), await parts.optimizer.getWeights());
  if (parts.average) {
    const { values } = parts.average.state();
    await saveTensors(path.join(dir, 'moving-average'), values.map((tensor, i) => ({ name: `average/${i}`, tensor })));
  }
  const pointer: CheckpointPointer = {
    latest: name,
    state: parts.state,
    adamBetaPowers: adamBetaPowers(parts.optimizer),
    movingAverageUpdates: parts.average?.count ?? 0,
  };
  writeFileAtomic(run.path(POINTER), `${JSON.stringify(pointer, null, 2)}\n`);
  for (const old of fs.readdirSync(run.path('checkpoints'))) {
    if (old !== name) fs.rmSync(run.path('checkpoints', old), { recursive: true, force: true });
  }
}

/** Restores the last checkpoint into the given model, optimizer and average; undefined when the run has none. */
export async function loadCheckpoint(
  run: RunFolder,
  parts: { model: tf.LayersModel; optimizer: tf.Optimizer; average: WeightAverage | null },
): Promise<TrainerState | undefined> {
  if (!run.exists(POINTER)) return undefined;
  const pointer = run.readJson<CheckpointPointer>(POINTER);
  const dir = run.path('checkpoints', pointer.latest);
  await loadWeights(parts.model, path.join(dir, 'model'), { strict: true });
  const optimizerWeights = await loadTensors(path.join(dir, 'optimizer'));
  await parts.optimizer.setWeights(optimizerWeights);
  if (pointer.adamBetaPowers) {
    const powers = adamBetaVariables(parts.optimizer);
    powers?.[0].assign(tf.scalar(pointer.adamBetaPowers[0]));
    powers?.[1].assign(tf.scalar(pointer.adamBetaPowers[1]));
  }
  if (parts.average) {
    const values = (await loadTensors(path.join(dir, 'moving-average'))).map((n) => n.tensor);
    parts.average.restore(values, pointer.movingAverageUpdates);
    tf.dispose(values);
  }
  return pointer.state;
}

/** The run's last saved trainer state, without loading any tensor (to describe or report a run). */
export function checkpointState(run: RunFolder): TrainerState | undefined {
  return run.exists(POINTER) ? run.readJson<CheckpointPointer>(POINTER).state : undefined;
}

async function saveTensors(dir: string, named: NamedTensor[]): Promise<void> {
  const { data, specs } = await tf.io.encodeWeights(named);
  writeFileAtomic(path.join(dir, 'weights.bin'), new Uint8Array(tf.io.CompositeArrayBuffer.join(data)));
  writeFileAtomic(path.join(dir, 'weights.json'), JSON.stringify(specs));
}

async function loadTensors(dir: string): Promise<NamedTensor[]> {
  const specs = JSON.parse(fs.readFileSync(path.join(dir, 'weights.json'), 'utf8')) as tf.io.WeightsManifestEntry[];
  const bytes = fs.readFileSync(path.join(dir, 'weights.bin'));
  const decoded = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), specs);
  return specs.map((spec) => ({ name: spec.name, tensor: decoded[spec.name] }));
}

function adamBetaVariables(optimizer: tf.Optimizer): [tf.Variable, tf.Variable] | undefined {
  const adam = optimizer as unknown as { accBeta1?: tf.Variable; accBeta2?: tf.Variable };
  return adam.accBeta1 && adam.accBeta2 ? [adam.accBeta1, adam.accBeta2] : undefined;
}

function adamBetaPowers(optimizer: tf.Optimizer): [number, number] | null {
  const powers = adamBetaVariables(optimizer);
  return powers ? [powers[0].dataSync()[0], powers[1].dataSync()[0]] : null;
}
