import fs from 'node:fs';
import path from 'node:path';

/** Bump when a change to the generator changes its images: caches made before then are regenerated. */
export const GENERATOR_VERSION = 3;

/** The file that marks a complete generated set and records what made it. */
export const KEY_FILE = 'synthetic.json';
/** The file present while a set is being generated: a folder with it was interrupted. */
export const PARTIAL_FILE = 'synthetic.partial.json';

/** What a generated set depends on: equal keys, equal bytes. */
export interface SyntheticKey {
  generator: 'dmlnet synthetic faces';
  version: number;
  preset: string;
  seed: string;
  subjects: number;
  /** People in the training split (the rest are the test split). */
  trainSubjects: number;
  size: number;
  images: number;
}

/** The key recorded in `file` under `root`, or undefined if there is none or it cannot be read. */
export function readKey(root: string, file = KEY_FILE): SyntheticKey | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as SyntheticKey;
  } catch {
    return undefined;
  }
}

export function sameKey(a: SyntheticKey | undefined, b: SyntheticKey): boolean {
  return a !== undefined && (Object.keys(b) as (keyof SyntheticKey)[]).every((field) => a[field] === b[field]);
}
