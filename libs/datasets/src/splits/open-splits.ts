import { createHash } from 'node:crypto';
import { formatDuration, type Log } from '@dmlnet/files';
import { formatIndexCsv } from '../adapters/index-csv';
import { indexDataset } from '../adapters/index-dataset';
import type { ManifestEntry } from '../adapters/manifest-entry';
import { assembleBatch } from '../pipeline/assemble-batch';
import { mirroredPoseClasses } from '../pipeline/flip';
import { loadImages, type LoadedImages } from '../pipeline/load-images';
import type { IndexedSample } from '../sample';
import type { LabelledImages } from '../training-set/labelled-images';
import { trainingSet } from '../training-set/training-set';
import type { DatasetSplits } from './dataset-splits';

export interface OpenSplitsOptions {
  /** Image size the model takes, in pixels (square). */
  size: number;
  /** Where `dataRoot` came from, for messages (the manifest's root, or what generated the files). */
  rootSource: string;
  /** Progress, and every file left out with its reason. */
  log: Log;
  /** Folder of the decode caches (loadImages' option); default `.cache/decoded/` under the workspace root. */
  cacheDir?: string | null;
}

/**
 * The dataset under `dataRoot`, described by manifest `entry` (its class lists as the experiment wants them), ready
 * for training: indexed by its adapter, decoded (through the cache) at `size`, labels mapped to class indices (the
 * vocabularies: the entry's, less expressions without a usable image; else those present, sorted), split into train
 * (a TrainingSet) and test as the adapter's split says. Files that cannot be used are named in the log and left out;
 * a dataset left with no image is an error naming the root.
 */
export async function openSplits(entry: ManifestEntry, dataRoot: string, options: OpenSplitsOptions): Promise<DatasetSplits> {
  const { name } = entry;
  const { log } = options;
  const index = indexDataset(entry, dataRoot, options.rootSource);
  for (const note of index.notes) log(`[${name}] ${note}`);
  for (const problem of index.problems) log(`[${name}] skipped ${problem.path}: ${problem.reason}`);
  const started = performance.now();
  let lastLog = 0;
  const loaded = await loadImages(dataRoot, index.samples, {
    size: options.size,
    cacheDir: options.cacheDir,
    onProgress: (p) => {
      if (performance.now() - lastLog < 5000 && p.done < p.total) return;
      lastLog = performance.now();
      log(`[${name}] images ${p.done}/${p.total} (${p.fromCache} from cache) ETA ${formatDuration(p.etaSeconds)}`);
    },
  });
  if (loaded.cacheWarning) log(`[${name}] decode cache: ${loaded.cacheWarning}`);
  const unusable = new Set<number>();
  for (const problem of loaded.problems) {
    log(`[${name}] skipped ${problem.path}: ${problem.reason}`);
    unusable.add(problem.index);
  }
  const usable = index.samples.map((_, i) => i).filter((i) => !unusable.has(i));
  if (usable.length === 0) throw new Error(`${name}: no usable image under ${dataRoot}`);
  log(`[${name}] ${usable.length} images ready in ${formatDuration((performance.now() - started) / 1000)} (${loaded.fromCache} from cache)`);
  const present = new Set(usable.map((i) => index.samples[i].expression));
  // A declared class without one usable image would be an output the model never sees: left out, and said so.
  const absentExpressions = (entry.expressions ?? []).filter((code) => !present.has(code));
  if (absentExpressions.length > 0) log(`[${name}] no usable image of expression ${absentExpressions.join(', ')}: left out of the classes`);
  const expressions = entry.expressions ? entry.expressions.filter((code) => present.has(code)) : [...present].sort();
  const poses = entry.poses ?? [...new Set(index.samples.flatMap((s) => (s.pose === null ? [] : [s.pose])))].sort((a, b) => a - b);
  const subjects = [...new Set(index.samples.map((s) => s.subject).filter(Boolean))].sort();
  const chosen = { train: usable.filter((i) => index.samples[i].split === 'train'), test: usable.filter((i) => index.samples[i].split === 'test') };
  const split = (which: 'train' | 'test') => labelled(index.samples, loaded, chosen[which], { expressions, poses, subjects });
  return {
    name,
    expressions,
    poses,
    subjects,
    absentExpressions,
    train: trainingSet(split('train')),
    test: split('test'),
    pixels: (which, i) => {
      const pixels = loaded.pixels[chosen[which][i]];
      if (!pixels) throw new Error(`${name}: ${which} image ${i} has no pixels`);
      return pixels;
    },
    indexHash: createHash('sha256').update(formatIndexCsv(index.samples)).digest('hex'),
  };
}

/** The samples `chosen` (indices into `samples`) with class-index labels, their mirrors' pose classes, and a batch loader. */
function labelled(
  samples: readonly IndexedSample[],
  loaded: LoadedImages,
  chosen: readonly number[],
  vocab: { expressions: readonly string[]; poses: readonly number[]; subjects: readonly string[] },
): LabelledImages {
  const pose = Int32Array.from(chosen, (i) => (samples[i].pose === null ? -1 : vocab.poses.indexOf(samples[i].pose)));
  // The flip's label rule (a mirrored face's yaw is negated), as pose classes.
  const mirrorOf = mirroredPoseClasses(vocab.poses);
  return {
    size: chosen.length,
    expression: Int32Array.from(chosen, (i) => vocab.expressions.indexOf(samples[i].expression)),
    pose,
    mirroredPose: Int32Array.from(pose, (p) => (p < 0 ? -1 : mirrorOf[p])),
    identity: Int32Array.from(chosen, (i) => (samples[i].subject ? vocab.subjects.indexOf(samples[i].subject) : -1)),
    images: async (indices, augment) => {
      const batch = assembleBatch(samples, loaded, indices.map((k) => chosen[k]), augment === null ? {} : { augment });
      return { images: batch.images };
    },
  };
}
