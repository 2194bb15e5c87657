import type { IndexProblem, IndexedSample, Split } from '../sample';
import type { ManifestEntry } from './manifest-entry';

/** A sample as an adapter reads it: the split is known only where the data says it (SFEW folders, a synthetic index). */
export type ScannedSample = Omit<IndexedSample, 'split'> & { split?: Split };

/** Samples that parsed but were left out of the index, by reason: counted and printed, never dropped silently. */
export interface Exclusion {
  reason: string;
  count: number;
}

/** What reading a dataset found besides its samples: files it could not read, samples it left out, remarks. */
export class ScanReport {
  readonly problems: IndexProblem[] = [];
  readonly notes: string[] = [];
  private readonly excludedCounts = new Map<string, number>();

  problem(path: string, reason: string): void {
    this.problems.push({ path, reason });
  }

  exclude(reason: string, count = 1): void {
    this.excludedCounts.set(reason, (this.excludedCounts.get(reason) ?? 0) + count);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  get excluded(): Exclusion[] {
    return [...this.excludedCounts].map(([reason, count]) => ({ reason, count }));
  }
}

/** What an adapter reads from: the root, its files (relative, '/'-separated, sorted) and the manifest entry. */
export interface AdapterInput {
  root: string;
  /** The image files among `files`. */
  images: readonly string[];
  /** Every file under the root, to look up CSVs and the files they name. */
  files: ReadonlySet<string>;
  entry: ManifestEntry;
}

/** Reads a value of an adapter setting from the manifest, or says in `fail` what is wrong with it. */
export type SettingCheck = (value: unknown, fail: (message: string) => never) => void;

/** One dataset format: how its files turn into samples, the manifest settings it takes, the splits it allows. */
export interface Adapter {
  /** The settings of this format in a manifest entry, besides the common ones, with their checks. */
  settings: Record<string, SettingCheck>;
  splits: readonly ('subject' | 'folder' | 'index')[];
  /** Non-image files the adapter reads itself (its CSVs), so they are not counted as ignored. */
  csvFiles(entry: ManifestEntry): string[];
  scan(input: AdapterInput, report: ScanReport): ScannedSample[];
}
