import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crashPoint, writeFileAtomic, writing } from '@dmlnet/files';
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
  /** Seconds spent training the completed epochs, summed over every session that ran one (a resumed run adds its own). */
  seconds: number;
}

/** One file of a checkpoint as it was written: checked before anything is loaded from it. */
interface FileRecord {
  bytes: number;
  sha256: string;
}

/** One complete checkpoint, checkpoints/<name>/, as checkpoint.json records it. */
interface CheckpointEntry {
  name: string;
  state: TrainerState;
  /** Adam's running beta powers, restored exactly (tfjs would recompute them as beta^t, off in the last bits). */
  adamBetaPowers: [number, number] | null;
  movingAverageUpdates: number;
  /** Every file under checkpoints/<name>/, by its path there ('/'-separated). */
  files: Record<string, FileRecord>;
}

interface CheckpointPointer {
  /** The checkpoints kept, oldest first: the newest, and while training goes on the one before it. */
  checkpoints: CheckpointEntry[];
}

const POINTER = 'checkpoint.json';

type NamedTensor = { name: string; tensor: tf.Tensor };

/**
 * Saves model, optimizer and moving-average weights and the trainer state into checkpoints/<name>/, then points
 * checkpoint.json at it with each file's size and SHA-256. Each file is written atomically and the pointer last, so a
 * run killed at any moment resumes from the last complete checkpoint; the one before it is kept (unless `final`)
 * in case the newest is damaged on disk later, and older ones are removed.
 */
export async function saveCheckpoint(
  run: RunFolder,
  parts: { model: tf.LayersModel; optimizer: tf.Optimizer; average: WeightAverage | null; state: TrainerState },
  options: { final?: boolean } = {},
): Promise<void> {
  const name = `epoch-${String(parts.state.epoch).padStart(4, '0')}`;
  const dir = run.path('checkpoints', name);
  writing(dir, () => fs.rmSync(dir, { recursive: true, force: true }));
  await parts.model.save(fileIO(path.join(dir, 'model')));
  await saveTensors(path.join(dir, 'optimizer'), await parts.optimizer.getWeights());
  if (parts.average) {
    const { values } = parts.average.state();
    await saveTensors(path.join(dir, 'moving-average'), values.map((tensor, i) => ({ name: `average/${i}`, tensor })));
  }
  const entry: CheckpointEntry = {
    name,
    state: parts.state,
    adamBetaPowers: adamBetaPowers(parts.optimizer),
    movingAverageUpdates: parts.average?.count ?? 0,
    files: recordFiles(dir),
  };
  // The newest kept checkpoint of an earlier epoch (not one of this epoch's name from a run resumed before it).
  const previous = options.final ? undefined : readPointer(run).entries.filter((c) => c.state.epoch < parts.state.epoch).at(-1);
  const kept = previous ? [previous, entry] : [entry];
  run.syncMetrics();
  crashPoint('checkpoint-pointer', run.path(POINTER));
  writeFileAtomic(run.path(POINTER), `${JSON.stringify({ checkpoints: kept } satisfies CheckpointPointer, null, 2)}\n`);
  for (const old of fs.readdirSync(run.path('checkpoints'))) {
    if (!kept.some((c) => c.name === old)) writing(run.path('checkpoints', old), () => fs.rmSync(run.path('checkpoints', old), { recursive: true, force: true }));
  }
}

/**
 * Restores the newest good checkpoint into the given model, optimizer and average and returns its trainer state;
 * undefined when the run has none, or none that is whole. Each file is checked against its size and SHA-256 in
 * checkpoint.json, and metrics.jsonl for the records the checkpoint was saved after, before anything is loaded; a
 * damaged or missing file is logged (one line naming it) and the checkpoint before it is tried.
 */
export async function loadCheckpoint(
  run: RunFolder,
  parts: { model: tf.LayersModel; optimizer: tf.Optimizer; average: WeightAverage | null },
  log: (line: string) => void,
): Promise<TrainerState | undefined> {
  const { entries, problem } = readPointer(run);
  if (problem) log(`cannot resume from ${run.path(POINTER)}: ${problem}`);
  const newestFirst = [...entries].reverse();
  const records = run.completeMetrics();
  for (const [i, entry] of newestFirst.entries()) {
    const dir = run.path('checkpoints', entry.name);
    // The metrics it was saved after are part of it: the run's records must go on from them.
    const lost = records < entry.state.metricLines ? `${run.path('metrics.jsonl')} holds ${records} records, the checkpoint was saved after ${entry.state.metricLines}` : undefined;
    const damage = lost ?? checkFiles(dir, entry.files);
    if (damage) {
      const next = newestFirst[i + 1];
      log(`damaged checkpoint: ${damage}; ${next ? `resuming from the one before it, after epoch ${next.state.epoch}` : 'no earlier checkpoint is kept'}`);
      continue;
    }
    await loadWeights(parts.model, path.join(dir, 'model'), { strict: true });
    await parts.optimizer.setWeights(await loadTensors(path.join(dir, 'optimizer')));
    if (entry.adamBetaPowers) {
      const powers = adamBetaVariables(parts.optimizer);
      powers?.[0].assign(tf.scalar(entry.adamBetaPowers[0]));
      powers?.[1].assign(tf.scalar(entry.adamBetaPowers[1]));
    }
    if (parts.average) {
      const values = (await loadTensors(path.join(dir, 'moving-average'))).map((n) => n.tensor);
      parts.average.restore(values, entry.movingAverageUpdates);
      tf.dispose(values);
    }
    return entry.state;
  }
  if (entries.length > 0 || problem) log(`no whole checkpoint in ${run.path('checkpoints')}: training this model from the start`);
  return undefined;
}

/** The checkpoints checkpoint.json lists, or why it cannot be read (no pointer: none, and nothing wrong). */
function readPointer(run: RunFolder): { entries: CheckpointEntry[]; problem?: string } {
  if (!run.exists(POINTER)) return { entries: [] };
  let pointer: Partial<CheckpointPointer> & { latest?: unknown };
  try {
    pointer = JSON.parse(fs.readFileSync(run.path(POINTER), 'utf8')) as typeof pointer;
  } catch (error) {
    return { entries: [], problem: `it is not valid JSON (${(error as Error).message})` };
  }
  if (!Array.isArray(pointer.checkpoints)) {
    const older = pointer.latest !== undefined ? ': it was written by an older dmlnet, without the file sizes and hashes to check its checkpoint by' : '';
    return { entries: [], problem: `it lists no checkpoints${older}` };
  }
  return { entries: pointer.checkpoints };
}

/** Each file under `dir` (recursively) with its size and SHA-256. */
function recordFiles(dir: string): Record<string, FileRecord> {
  const files: Record<string, FileRecord> = {};
  for (const name of (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort()) {
    const file = path.join(dir, name);
    if (!fs.statSync(file).isFile()) continue;
    const bytes = fs.readFileSync(file);
    files[name.split(path.sep).join('/')] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  return files;
}

/** The first file of a checkpoint that is missing or not as recorded, described; undefined when all are whole. */
function checkFiles(dir: string, files: Record<string, FileRecord>): string | undefined {
  if (Object.keys(files).length === 0) return `${dir}: checkpoint.json records no files for it`;
  for (const [name, record] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    if (!fs.existsSync(file)) return `${file} is missing`;
    const bytes = fs.readFileSync(file);
    if (bytes.length !== record.bytes) return `${file} has ${bytes.length} bytes, checkpoint.json recorded ${record.bytes}`;
    if (createHash('sha256').update(bytes).digest('hex') !== record.sha256) return `${file} does not match its SHA-256 in checkpoint.json`;
  }
  return undefined;
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
