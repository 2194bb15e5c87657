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

/** What a checkpoint holds beside the weight files, in its trainer-state.json: recorded and checked as they are. */
interface SavedState {
  state: TrainerState;
  /** Adam's running beta powers, restored exactly (tfjs would recompute them as beta^t, off in the last bits). */
  adamBetaPowers: [number, number] | null;
  movingAverageUpdates: number;
}

/** One complete checkpoint, checkpoints/<name>/, as checkpoint.json records it. */
interface CheckpointEntry {
  /** epoch-<epochs completed, zero-padded to 4 digits>. */
  name: string;
  /** Every file under checkpoints/<name>/ (the weights and trainer-state.json), by its path there ('/'-separated). */
  files: Record<string, FileRecord>;
}

interface CheckpointPointer {
  /** The checkpoints kept, oldest first: the newest, and while training goes on the one before it. */
  checkpoints: CheckpointEntry[];
}

const POINTER = 'checkpoint.json';
const STATE_FILE = 'trainer-state.json';

type NamedTensor = { name: string; tensor: tf.Tensor };

/**
 * Saves model, optimizer and moving-average weights and the trainer state (trainer-state.json) into
 * checkpoints/<name>/, then points checkpoint.json at it with each file's size and SHA-256. Each file is written atomically and the pointer last, so a
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
  const optimizerWeights = await parts.optimizer.getWeights();
  try {
    await saveTensors(path.join(dir, 'optimizer'), optimizerWeights);
  } finally {
    // getWeights makes a new scalar of the iteration count each call; the rest are the optimizer's own variables.
    tf.dispose(optimizerWeights.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
  }
  if (parts.average) {
    const { values } = parts.average.state();
    await saveTensors(path.join(dir, 'moving-average'), values.map((tensor, i) => ({ name: `average/${i}`, tensor })));
  }
  const saved: SavedState = { state: parts.state, adamBetaPowers: await adamBetaPowers(parts.optimizer), movingAverageUpdates: parts.average?.count ?? 0 };
  // A file like the weights, so its size and hash are recorded: a hand-edited or half-written state is found.
  writeFileAtomic(path.join(dir, STATE_FILE), `${JSON.stringify(saved, null, 2)}\n`);
  const entry: CheckpointEntry = { name, files: recordFiles(dir) };
  // The newest kept checkpoint of an earlier epoch (not one of this epoch's name from a run resumed before it).
  const previous = options.final ? undefined : readPointer(run).entries.filter((c) => epochOf(c) < parts.state.epoch).at(-1);
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
    let damage = checkFiles(dir, entry.files);
    const saved = damage === undefined ? (JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), 'utf8')) as SavedState) : undefined;
    // The metrics it was saved after are part of it: the run's records must go on from them.
    if (saved && records < saved.state.metricLines) damage = `${run.path('metrics.jsonl')} holds ${records} records, the checkpoint was saved after ${saved.state.metricLines}`;
    if (damage !== undefined || saved === undefined) {
      const next = newestFirst[i + 1];
      log(`damaged checkpoint: ${damage}; ${next ? `resuming from the one before it, after epoch ${epochOf(next)}` : 'no earlier checkpoint is kept'}`);
      continue;
    }
    await loadWeights(parts.model, path.join(dir, 'model'), { strict: true });
    const optimizerWeights = await loadTensors(path.join(dir, 'optimizer'));
    try {
      await parts.optimizer.setWeights(optimizerWeights);
    } finally {
      // setWeights reads the iteration count and makes its variables from the rest, each holding its own reference.
      tf.dispose(optimizerWeights.map((n) => n.tensor));
    }
    if (saved.adamBetaPowers) {
      const powers = adamBetaVariables(parts.optimizer);
      const [beta1, beta2] = saved.adamBetaPowers;
      tf.tidy(() => {
        powers?.[0].assign(tf.scalar(beta1));
        powers?.[1].assign(tf.scalar(beta2));
      });
    }
    if (parts.average) {
      const values = (await loadTensors(path.join(dir, 'moving-average'))).map((n) => n.tensor);
      parts.average.restore(values, saved.movingAverageUpdates);
      tf.dispose(values);
    }
    return saved.state;
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
  const malformed = pointer.checkpoints.map(entryProblem).find((problem) => problem !== undefined);
  return malformed === undefined ? { entries: pointer.checkpoints } : { entries: [], problem: malformed };
}

/** What is wrong with checkpoints[i] of checkpoint.json, naming the field; undefined where it is as saveCheckpoint writes it. */
function entryProblem(entry: unknown, i: number): string | undefined {
  const { name, files } = (entry ?? {}) as Partial<Record<keyof CheckpointEntry, unknown>>;
  if (typeof name !== 'string' || !/^epoch-\d{4,}$/.test(name)) return `checkpoints[${i}].name: expected epoch-<4 digits or more>, got ${JSON.stringify(name)}`;
  const records = typeof files === 'object' && files !== null ? Object.entries(files) : [];
  const bad = records.find(([, r]) => !Number.isSafeInteger((r as FileRecord)?.bytes) || !/^[0-9a-f]{64}$/.test(String((r as FileRecord)?.sha256)));
  if (records.length === 0 || bad) return `checkpoints[${i}].files${bad ? `["${bad[0]}"]` : ''}: expected each file's bytes and SHA-256, got ${JSON.stringify(bad ? bad[1] : files)}`;
  if (!(STATE_FILE in (files as object))) return `checkpoints[${i}].files: no ${STATE_FILE}: it was written by an older dmlnet, which kept the trainer state unchecked`;
  return undefined;
}

/** The epochs a checkpoint had completed, read from its name. */
function epochOf(entry: CheckpointEntry): number {
  return Number(entry.name.slice('epoch-'.length));
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

async function adamBetaPowers(optimizer: tf.Optimizer): Promise<[number, number] | null> {
  const powers = adamBetaVariables(optimizer);
  return powers ? [(await powers[0].data())[0], (await powers[1].data())[0]] : null;
}
