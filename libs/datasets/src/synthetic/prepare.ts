import path from 'node:path';
import type { ManifestEntry } from '../adapters/manifest';
import { ensureSyntheticDataset } from './generate';

/**
 * The folder an experiment reads for a manifest entry: a synthetic entry's images are generated on first use
 * (and reused after) under its root, one sub-folder per number of people, so profiles of different sizes do not
 * overwrite each other's sets; any other entry is read where it is.
 */
export async function prepareSynthetic(
  entry: ManifestEntry,
  root: string,
  options: { subjects: number | null; log?: (line: string) => void },
): Promise<string> {
  if (entry.adapter !== 'synthetic') return root;
  if (entry.preset === undefined) throw new Error(`datasets.${entry.name}: a synthetic entry needs a preset to generate its images`);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let last = 0;
  const set = await ensureSyntheticDataset({
    preset: entry.preset,
    subjects: options.subjects ?? undefined,
    root: path.join(root, options.subjects === null ? 'all-people' : `${options.subjects}-people`),
    onProgress: (done, total) => {
      if (Date.now() - last < 5000 && done < total) return;
      last = Date.now();
      log(`[${entry.name}] generating ${entry.preset}: ${done}/${total} images`);
    },
  });
  if (set.generated) log(`[${entry.name}] generated ${set.samples.length} images in ${set.root}`);
  return set.root;
}
