// What one entry of datasets.manifest.json says: the adapter (by name), root, classes and split. Adapters and the
// manifest reader both import it, and it imports neither, so the two never import each other.
import type { ExpressionCode } from '../sample';

export const ADAPTER_NAMES = ['kdef', 'bu3dfe', 'multipie', 'sfew', 'synthetic'] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];

/** Subject-independent: a seeded draw of `trainValSubjects` people for train+val, the others for test. */
export interface SubjectSplit {
  by: 'subject';
  seed: number;
  trainValSubjects: number;
  testSubjects: number;
}
/** By top-level folder (SFEW: Train -> train, Val -> test, as the paper). */
export interface FolderSplit {
  by: 'folder';
  train: string;
  test: string;
}
/** As the index CSV's split column says (synthetic sets). */
export interface IndexSplit {
  by: 'index';
}
export type SplitSettings = SubjectSplit | FolderSplit | IndexSplit;

/** One dataset of datasets.manifest.json; the schema is documented in libs/datasets/src/adapters/README.md. */
export interface ManifestEntry {
  /** Its key in `datasets`. */
  name: string;
  adapter: AdapterName;
  /** The copy's folder: absolute, or relative to the workspace root (the manifest's folder). */
  root: string;
  /** An environment variable that, when set, replaces `root`. */
  rootEnv?: string;
  /** The experiment's expression classes; samples with others are left out (counted). Absent: all. */
  expressions?: ExpressionCode[];
  /** The experiment's yaw classes in degrees; samples at other known yaws are left out (counted). Absent: all. */
  poses?: number[];
  /** Samples whose yaw is unknown (Multi-PIE elevated cameras, SFEW without labels): kept (default) or left out. */
  unknownPose: 'keep' | 'exclude';
  split: SplitSettings;
  /** The paper's image counts (sec. 4.1), printed next to this copy's. */
  paper?: { trainValImages: number; testImages: number };
  /** kdef: angle code -> yaw degrees (convention; default FL/HL/S/HR/FR = -90/-45/0/45/90). */
  angles?: Record<string, number>;
  /** bu3dfe, synthetic: the index CSV, relative to the root. */
  index?: string;
  /** multipie: camera (`05_1`) -> yaw degrees or null for unknown (convention; default in multipie.ts). */
  cameras?: Record<string, number | null>;
  /** multipie: the shots (illuminations, `00`-`19`) to index; absent: all. */
  shots?: string[];
  /** sfew: the optional CSV of path, subject, yaw, relative to the root. */
  labels?: string;
  /** synthetic: the generator preset that writes this set. */
  preset?: string;
}
