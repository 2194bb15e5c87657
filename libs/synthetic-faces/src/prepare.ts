import path from 'node:path';
import type { ManifestEntry } from '@dmlnet/datasets';
import { ensureSyntheticDataset } from './generate';

/** People in a generated set: a count split train/test in the preset's proportion, or the two splits' counts. */
export type SyntheticPeople = number | { train: number; test: number };

/** The folder of a set of `people` under the entry's root: `24-people`, `19+16-people` (train + test), `all-people`. */
function syntheticPeopleFolder(people: SyntheticPeople | null): string {
  if (people === null) return 'all-people';
  return typeof people === 'number' ? `${people}-people` : `${people.train}+${people.test}-people`;
}

/**
 * The folder an experiment reads for a manifest entry: a synthetic entry's images are generated on first use
 * (and reused after) under its root, one sub-folder per number of people (`syntheticPeopleFolder`), so profiles
 * of different sizes do not overwrite each other's sets; any other entry is read where it is. Throws if a synthetic
 * entry names no preset or an unknown one, or if the folder holds something other than a generated set.
 */
export async function prepareSynthetic(
  entry: ManifestEntry,
  root: string,
  options: { people: SyntheticPeople | null; log?: (line: string) => void },
): Promise<string> {
  if (entry.adapter !== 'synthetic') return root;
  if (entry.preset === undefined) throw new Error(`datasets.${entry.name}: a synthetic entry needs a preset to generate its images`);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let last = 0;
  const set = await ensureSyntheticDataset({
    preset: entry.preset,
    ...peopleOptions(options.people),
    root: path.join(root, syntheticPeopleFolder(options.people)),
    onProgress: (done, total) => {
      if (Date.now() - last < 5000 && done < total) return;
      last = Date.now();
      log(`[${entry.name}] generating ${entry.preset}: ${done}/${total} images`);
    },
  });
  if (set.generated) log(`[${entry.name}] generated ${set.samples.length} images in ${set.root}`);
  return set.root;
}

function peopleOptions(people: SyntheticPeople | null): { subjects?: number; trainSubjects?: number } {
  if (people === null) return {};
  return typeof people === 'number' ? { subjects: people } : { subjects: people.train + people.test, trainSubjects: people.train };
}
