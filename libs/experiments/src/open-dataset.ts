import { createHash } from 'node:crypto';
import {
  assembleBatch,
  formatIndexCsv,
  indexDataset,
  loadImages,
  loadManifest,
  manifestEntry,
  mirroredPoseClasses,
  resolveRoot,
  type ExpressionCode,
  type IndexedSample,
  type LoadedImages,
  type ManifestEntry,
} from '@dmlnet/datasets';
import { stderrLog } from '@dmlnet/files';
import { formatDuration, type LabelledImages } from '@dmlnet/training';
import type { DatasetSplits } from './splits';

export interface OpenDatasetOptions {
  /** Image size the model takes. */
  size: number;
  /**
   * Makes the set's files before indexing where the entry is generated (the synthetic sets) and returns the folder
   * that holds them; absent, the manifest's root is read as it is.
   */
  prepare?: (entry: ManifestEntry, root: string) => Promise<string>;
  /**
   * An experiment's own class sets: `extraExpressions` kept beside the manifest entry's `expressions` (Table 9 trains
   * on BU-3DFE's neutral scans, which its per-dataset tables leave out), `poses` instead of the entry's (Table 5's
   * five yaws within +-45 degrees). Samples of other classes are left out, counted.
   */
  classes?: { extraExpressions?: readonly ExpressionCode[]; poses?: readonly number[] };
  log?: (line: string) => void;
  manifestFile?: string;
}

/**
 * A manifest dataset ready for training: indexed by its adapter, decoded (through the cache) at the model's size,
 * labels mapped to class indices, split into train and test. Files that cannot be used are named in the log and
 * left out; a dataset left with no image is an error.
 */
export async function openDataset(name: string, options: OpenDatasetOptions): Promise<DatasetSplits> {
  const log = options.log ?? stderrLog();
  const manifest = loadManifest(options.manifestFile);
  const declared = manifestEntry(manifest, name);
  const entry: ManifestEntry = {
    ...declared,
    // No list in the manifest keeps every expression already.
    expressions: declared.expressions && [...new Set([...declared.expressions, ...(options.classes?.extraExpressions ?? [])])],
    poses: options.classes?.poses ? [...options.classes.poses] : declared.poses,
  };
  const root = resolveRoot(manifest, entry);
  const dataRoot = options.prepare ? await options.prepare(entry, root.path) : root.path;
  const index = indexDataset(entry, dataRoot, dataRoot === root.path ? root.source : `generated for ${root.source}`);
  for (const note of index.notes) log(`[${name}] ${note}`);
  for (const problem of index.problems) log(`[${name}] skipped ${problem.path}: ${problem.reason}`);
  const started = performance.now();
  let lastLog = 0;
  const loaded = await loadImages(dataRoot, index.samples, {
    size: options.size,
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
    train: split('train'),
    test: split('test'),
    pixels: (which, i) => {
      const pixels = loaded.pixels[chosen[which][i]];
      if (!pixels) throw new Error(`${name}: ${which} image ${i} has no pixels`);
      return pixels;
    },
    indexHash: createHash('sha256').update(formatIndexCsv(index.samples)).digest('hex'),
  };
}

/** The samples `chosen` (indices into `samples`) as the trainer sees them: class indices and a batch loader. */
function labelled(
  samples: readonly IndexedSample[],
  loaded: LoadedImages,
  chosen: readonly number[],
  vocab: { expressions: readonly string[]; poses: readonly number[]; subjects: readonly string[] },
): LabelledImages {
  const pose = Int32Array.from(chosen, (i) => (samples[i].pose === null ? -1 : vocab.poses.indexOf(samples[i].pose)));
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
