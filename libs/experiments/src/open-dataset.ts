import { loadManifest, manifestEntry, openSplits, resolveRoot, type DatasetSplits, type ExpressionCode, type ManifestEntry } from '@dmlnet/datasets';
import { stderrLog } from '@dmlnet/files';

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
 * A manifest dataset ready for training (datasets' openSplits), with the experiment's classes and, for a generated
 * set, its files made first. Files that cannot be used are named in the log and left out.
 */
export async function openDataset(name: string, options: OpenDatasetOptions): Promise<DatasetSplits> {
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
  const rootSource = dataRoot === root.path ? root.source : `generated for ${root.source}`;
  return openSplits(entry, dataRoot, { size: options.size, rootSource, log: options.log ?? stderrLog() });
}
