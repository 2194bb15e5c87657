import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPRESSION_CODES, type ExpressionCode } from '../sample';
import { ADAPTERS } from './adapters';
import { suggestion } from '@dmlnet/options';

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

export interface Manifest {
  file: string;
  /** The folder that relative roots are resolved from: the manifest's own. */
  workspaceRoot: string;
  datasets: Record<string, ManifestEntry>;
}

/** The workspace's datasets.manifest.json. */
export const DEFAULT_MANIFEST = fileURLToPath(new URL('../../../../datasets.manifest.json', import.meta.url));

const COMMON_FIELDS = ['adapter', 'root', 'rootEnv', 'expressions', 'poses', 'unknownPose', 'split', 'paper'];
const SPLIT_FIELDS = { subject: ['seed', 'trainValSubjects', 'testSubjects'], folder: ['train', 'test'], index: [] } as const;

/** Reads and checks a manifest file; every error names the file, the entry and the field. */
export function loadManifest(file = DEFAULT_MANIFEST): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message}`);
  }
  return parseManifest(json, file);
}

/** Checks a parsed manifest; `file` names it in errors and its folder is the workspace root. */
export function parseManifest(json: unknown, file: string): Manifest {
  const fail = (where: string, message: string): never => {
    throw new Error(`${file}: ${where}: ${message}`);
  };
  if (!isObject(json)) fail('top level', 'expected an object with "datasets"');
  const top = json as Record<string, unknown>;
  for (const key of withoutComments(top)) if (key !== 'datasets') fail(key, `unknown field${suggestion(key, ['datasets'])}`);
  if (!isObject(top.datasets)) fail('datasets', 'missing, or not an object of dataset entries');
  const datasets: Record<string, ManifestEntry> = {};
  for (const [name, value] of Object.entries(top.datasets as object)) {
    if (name.startsWith('$')) continue;
    datasets[name] = checkEntry(name, value, (field, message) => fail(`datasets.${name}${field ? `.${field}` : ''}`, message));
  }
  return { file, workspaceRoot: path.dirname(path.resolve(file)), datasets };
}

/** The entry called `name`, or an error listing the known ones. */
export function manifestEntry(manifest: Manifest, name: string): ManifestEntry {
  const entry = manifest.datasets[name];
  const names = Object.keys(manifest.datasets);
  if (entry === undefined) throw new Error(`${manifest.file}: no dataset "${name}"${suggestion(name, names)}; known: ${names.join(', ')}`);
  return entry;
}

export interface ResolvedRoot {
  path: string;
  /** Where the path came from, for messages: the environment variable or the manifest. */
  source: string;
}

/**
 * The entry's root: its environment variable if set and not empty, else the manifest's path from the workspace root.
 * Throws on a value with spaces around it (`' '` made a folder named " "), naming the variable.
 */
export function resolveRoot(manifest: Manifest, entry: ManifestEntry, env: NodeJS.ProcessEnv = process.env): ResolvedRoot {
  const fromEnv = entry.rootEnv === undefined ? undefined : env[entry.rootEnv];
  if (fromEnv !== undefined && fromEnv !== fromEnv.trim()) {
    throw new Error(`${entry.rootEnv}=${JSON.stringify(fromEnv)}: expected the path of ${entry.name}'s folder without spaces around it, or unset for ${entry.root}`);
  }
  if (fromEnv !== undefined && fromEnv !== '') return { path: path.resolve(fromEnv), source: `$${entry.rootEnv}` };
  const setIt = entry.rootEnv === undefined ? '' : `; set ${entry.rootEnv} to use another`;
  return { path: path.resolve(manifest.workspaceRoot, entry.root), source: `datasets.${entry.name}.root in ${manifest.file}${setIt}` };
}

function checkEntry(name: string, value: unknown, fail: (field: string, message: string) => never): ManifestEntry {
  if (!isObject(value)) fail('', 'expected an object');
  const raw = value as Record<string, unknown>;
  const adapterName = raw.adapter;
  if (adapterName === undefined) fail('adapter', `missing; expected one of ${ADAPTER_NAMES.join(', ')}`);
  if (!ADAPTER_NAMES.includes(adapterName as AdapterName)) {
    fail('adapter', `unknown adapter ${JSON.stringify(adapterName)}${suggestion(String(adapterName), ADAPTER_NAMES)}; expected one of ${ADAPTER_NAMES.join(', ')}`);
  }
  const adapter = ADAPTERS[adapterName as AdapterName];
  const own = Object.keys(adapter.settings);
  for (const key of withoutComments(raw)) {
    if (COMMON_FIELDS.includes(key) || own.includes(key)) continue;
    const owner = ADAPTER_NAMES.find((other) => key in ADAPTERS[other].settings);
    if (owner !== undefined) fail(key, `not a setting of the ${adapterName} adapter (it is one of ${owner}'s)`);
    fail(key, `unknown field${suggestion(key, [...COMMON_FIELDS, ...own])}; expected ${[...COMMON_FIELDS, ...own].join(', ')}`);
  }
  if (typeof raw.root !== 'string' || raw.root === '') fail('root', raw.root === undefined ? 'missing' : 'expected a non-empty path');
  if (raw.rootEnv !== undefined && !(typeof raw.rootEnv === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(raw.rootEnv))) {
    fail('rootEnv', `expected an environment variable name, got ${JSON.stringify(raw.rootEnv)}`);
  }
  if (raw.expressions !== undefined) {
    if (!Array.isArray(raw.expressions) || raw.expressions.length === 0) fail('expressions', 'expected a non-empty list of expression codes');
    for (const code of raw.expressions as unknown[]) {
      if (!EXPRESSION_CODES.includes(code as ExpressionCode)) {
        fail('expressions', `unknown code ${JSON.stringify(code)}${suggestion(String(code), EXPRESSION_CODES)}; the canonical codes are ${EXPRESSION_CODES.join(', ')}`);
      }
    }
  }
  if (raw.poses !== undefined) {
    const poses = raw.poses;
    if (!Array.isArray(poses) || poses.length === 0 || !poses.every((p) => typeof p === 'number' && Number.isFinite(p))) {
      fail('poses', `expected a non-empty list of yaw degrees, got ${JSON.stringify(poses)}`);
    }
  }
  if (raw.unknownPose !== undefined && raw.unknownPose !== 'keep' && raw.unknownPose !== 'exclude') {
    fail('unknownPose', `expected "keep" or "exclude", got ${JSON.stringify(raw.unknownPose)}`);
  }
  checkSplit(raw.split, adapter.splits, adapterName as string, fail);
  if (raw.paper !== undefined) {
    const paper = raw.paper as Record<string, unknown>;
    if (!isObject(paper)) fail('paper', 'expected { trainValImages, testImages }');
    for (const key of withoutComments(paper)) {
      if (key !== 'trainValImages' && key !== 'testImages') fail(`paper.${key}`, `unknown field${suggestion(key, ['trainValImages', 'testImages'])}`);
    }
    for (const key of ['trainValImages', 'testImages']) if (!isWhole(paper[key], 0)) fail(`paper.${key}`, 'expected a whole number >= 0');
  }
  for (const key of own) if (raw[key] !== undefined) adapter.settings[key](raw[key], (message) => fail(key, message));
  const entry = Object.fromEntries(withoutComments(raw).map((key) => [key, raw[key]]));
  return { ...entry, name, unknownPose: (raw.unknownPose as ManifestEntry['unknownPose'] | undefined) ?? 'keep' } as ManifestEntry;
}

function checkSplit(value: unknown, allowed: readonly string[], adapter: string, fail: (field: string, message: string) => never): void {
  const kinds = allowed.map((kind) => `"${kind}"`).join(' or ');
  if (!isObject(value)) fail('split', value === undefined ? `missing; expected { "by": ${kinds}, ... }` : 'expected an object');
  const split = value as Record<string, unknown>;
  if (!allowed.includes(split.by as string)) fail('split.by', `expected ${kinds} for the ${adapter} adapter, got ${JSON.stringify(split.by)}`);
  const fields: readonly string[] = SPLIT_FIELDS[split.by as keyof typeof SPLIT_FIELDS];
  for (const key of withoutComments(split)) {
    if (key !== 'by' && !fields.includes(key)) fail(`split.${key}`, `unknown field${suggestion(key, fields)} for a split by ${split.by}`);
  }
  if (split.by === 'subject') {
    if (!isWhole(split.seed, 0)) fail('split.seed', 'expected a whole number >= 0');
    if (!isWhole(split.trainValSubjects, 1)) fail('split.trainValSubjects', 'expected a whole number >= 1');
    if (!isWhole(split.testSubjects, 1)) fail('split.testSubjects', 'expected a whole number >= 1');
  }
  if (split.by === 'folder') {
    for (const key of ['train', 'test']) if (typeof split[key] !== 'string' || split[key] === '') fail(`split.${key}`, 'expected a folder name');
    if (split.train === split.test) fail('split', 'train and test name the same folder');
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWhole(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

/** Keys other than "$comment"-style notes, which JSON has no other way to carry. */
function withoutComments(object: object): string[] {
  return Object.keys(object).filter((key) => !key.startsWith('$'));
}
