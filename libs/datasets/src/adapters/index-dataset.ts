import path from 'node:path';
import type { IndexProblem, IndexedSample } from '../sample';
import { ADAPTERS } from './adapters';
import { IMAGE_EXTENSIONS, isImage, listFiles, type FileListing } from './list-files';
import type { ManifestEntry } from './manifest-entry';
import { ScanReport, type Exclusion, type ScannedSample } from './adapter';
import { selectSamples } from './select';
import { splitBySubject } from './subject-split';

/** A dataset's index: its samples with their splits, the files that could not be read, what was left out and why. */
export interface IndexResult {
  samples: IndexedSample[];
  problems: IndexProblem[];
  excluded: Exclusion[];
  notes: string[];
}

/**
 * Reads the copy at `root` with the entry's adapter, keeps the experiment's labels and splits it. Errors (a missing
 * or empty root, a bad CSV) name the entry; `rootSource` says where the root came from.
 */
export function indexDataset(entry: ManifestEntry, root: string, rootSource?: string): IndexResult {
  return named(entry, () => {
    const listing = listRoot(root, rootSource);
    if (listing.files.length === 0) throw new Error(`root ${root} holds no files`);
    return indexFiles(entry, root, listing.files, listing.hidden);
  });
}

function listRoot(root: string, rootSource: string | undefined): FileListing {
  try {
    return listFiles(root);
  } catch (error) {
    throw new Error(`${(error as Error).message}${rootSource === undefined ? '' : ` (from ${rootSource})`}`);
  }
}

/** indexDataset on a given list of files (relative, '/'-separated): the same steps without walking a folder. */
export function indexListing(entry: ManifestEntry, root: string, files: readonly string[]): IndexResult {
  return named(entry, () => indexFiles(entry, root, files, 0));
}

function indexFiles(entry: ManifestEntry, root: string, files: readonly string[], hidden: number): IndexResult {
  const adapter = ADAPTERS[entry.adapter];
  const csvFiles = new Set(adapter.csvFiles(entry));
  const images = files.filter(isImage);
  if (images.length === 0) throw new Error(`no images (${IMAGE_EXTENSIONS.join(' ')}, any case) under root ${root}`);
  const report = new ScanReport();
  const others = files.filter((file) => !isImage(file) && !csvFiles.has(file));
  if (others.length > 0) report.note(`ignored ${others.length} files that are not images (${byExtension(others)})`);
  if (hidden > 0) report.note(`skipped ${hidden} hidden files and folders (names starting with a dot)`);
  const scanned = adapter.scan({ root, images, files: new Set(files), entry }, report);
  const selected = selectSamples(scanned, entry, report);
  // Nothing to split is not a split error: the caller reports an index without samples, with its problems.
  const split = entry.split;
  const samples = split.by === 'subject' && selected.length > 0 ? splitBySubject(selected, split, report) : withDataSplit(selected);
  return { samples, problems: report.problems, excluded: report.excluded, notes: report.notes };
}

/** Runs a step, prefixing its errors with the entry's name. */
function named<T>(entry: ManifestEntry, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new Error(`${entry.name}: ${(error as Error).message}`);
  }
}

/** The samples of a folder or index split, which their adapter has already placed. */
function withDataSplit(samples: readonly ScannedSample[]): IndexedSample[] {
  return samples.map((sample) => {
    if (sample.split === undefined) throw new Error(`${sample.path}: the adapter gave no split`);
    return { ...sample, split: sample.split };
  });
}

function byExtension(files: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const file of files) {
    const extension = path.extname(file).toLowerCase() || '(none)';
    counts.set(extension, (counts.get(extension) ?? 0) + 1);
  }
  return [...counts].map(([extension, count]) => `${extension} ${count}`).join(', ');
}
