import path from 'node:path';
import { z } from 'zod';
import { workspaceRoot } from '@dmlnet/files';
import { closedObject, expected, parseConfig, readAs, readJsonFile, wholeField } from '@dmlnet/options';
import { ABLATION_VARIANTS, type AblationVariant } from '@dmlnet/report-core';
import { datasetName } from './cli';
import { DEFAULT_PROFILES, checkProfile, loadProfile, type ExperimentProfile } from './profile';

/**
 * One variant's settings in a sweep: parts of the profile's `model` and `training` it changes for that variant alone
 * (merged field by field: `{ "training": { "triplet": { "poseMargin": 0.3 } } }` changes one margin). Empty: the
 * profile as it is.
 */
export interface VariantSettings {
  model?: Record<string, unknown>;
  training?: Record<string, unknown>;
}

/**
 * Table 8's sweep (experiments/sweeps/ablation.json): which cells (dataset x variant x seed) it trains, with which
 * profile, and each variant's own settings. Read by the ablation command (its defaults) and by the Nx plugin
 * (tools/workspace/src/sweep-plugin.mjs), which makes each cell an Nx task.
 */
export interface AblationSweep {
  /** The file it was read from. */
  file: string;
  /** A profile name or a path relative to the workspace; absent: the commands' default (paper on a GPU, else cpu). */
  profile?: string;
  datasets: string[];
  /** The variants in the order given, each with its settings. */
  variants: [AblationVariant, VariantSettings][];
  /** Seeds 0 .. seeds - 1 of every dataset and variant. */
  seeds: number;
}

/** One cell of the sweep: a model trained on its own, in its own folder and (through Nx) its own task. */
export interface AblationCell {
  dataset: string;
  variant: AblationVariant;
  seed: number;
}

/** experiments/sweeps/ablation.json of the workspace. */
export function defaultSweepFile(root = workspaceRoot()): string {
  return path.join(root, 'experiments', 'sweeps', 'ablation.json');
}

const settingsSection = z.record(z.string(), z.unknown(), expected('an object of profile fields'));
// Worded as the Nx plugin (tools/workspace/src/sweep-plugin.mjs) words them, which refuses the same sweeps.
const datasetsError = expected('a list of one or more datasets.manifest.json names');
const variantsError = expected('an object with one or more variants, each with its settings ({} for none)');
const sweepSchema = closedObject({
  $comment: z.string().optional(),
  profile: z.string(expected('a profile name or a path')).min(1, 'expected a profile name or a path').optional(),
  datasets: z
    .array(z.string(expected('a datasets.manifest.json name')), datasetsError)
    .min(1, datasetsError)
    .refine((names) => new Set(names).size === names.length, 'expected each dataset once'),
  variants: z
    .record(z.string(), closedObject({ model: settingsSection.optional(), training: settingsSection.optional() }), variantsError)
    .refine((variants) => Object.keys(variants).length > 0, variantsError),
  // A JSON number, as the plugin reads it: "3" is refused by both, so the check and the cells agree.
  seeds: wholeField(1),
});

/**
 * Reads and checks a sweep file: every error names the file and the field (`variants.mfe+hpx: expected one of ...`).
 * The datasets are checked against the manifest; the variants' settings against a profile when one is applied
 * (variantProfile).
 */
export function loadSweep(file = defaultSweepFile()): AblationSweep {
  const raw = readJsonFile(file, `sweep ${file}`);
  const { profile, datasets, variants, seeds } = parseConfig(sweepSchema, raw, { where: `sweep ${file}` });
  datasets.forEach((name, i) => {
    try {
      readAs(datasetName, name);
    } catch (error) {
      throw new Error(`sweep ${file}: datasets.${i}: ${(error as Error).message}`);
    }
  });
  for (const name of Object.keys(variants)) {
    if (!ABLATION_VARIANTS.includes(name as AblationVariant)) {
      throw new Error(`sweep ${file}: variants.${name}: expected one of ${ABLATION_VARIANTS.join(', ')}`);
    }
    if (variants[name].training && 'seed' in variants[name].training) {
      throw new Error(`sweep ${file}: variants.${name}.training.seed: the sweep's seeds set it, cell by cell`);
    }
  }
  return { file, ...(profile === undefined ? {} : { profile }), datasets, variants: Object.entries(variants) as [AblationVariant, VariantSettings][], seeds };
}

/** The profile a sweep names (a path relative to the workspace root), or undefined where it leaves the choice to the command. */
export function sweepProfile(sweep: AblationSweep, root = workspaceRoot()): ExperimentProfile | undefined {
  if (sweep.profile === undefined) return undefined;
  try {
    return loadProfile(sweep.profile.endsWith('.json') ? path.resolve(root, sweep.profile) : sweep.profile, root);
  } catch (error) {
    throw new Error(`sweep ${sweep.file}: profile: ${(error as Error).message}`);
  }
}

/**
 * The profiles a sweep's cells may train with, known before a backend loads: the one given (--profile), else the
 * sweep's, else both of setUpExperiment's defaults (paper on a GPU: CUDA or a hardware WebGPU adapter; cpu elsewhere).
 */
export function candidateProfiles(sweep: AblationSweep, given?: ExperimentProfile, root = workspaceRoot()): ExperimentProfile[] {
  const named = given ?? sweepProfile(sweep, root);
  return named ? [named] : DEFAULT_PROFILES.map((name) => loadProfile(name, root));
}

/**
 * Checks every variant's settings over each of `profiles` (variantProfile), not only the variants a command trains:
 * a typo in any of them is an error naming the sweep file, the variant and the field before a backend loads.
 */
export function checkSweepSettings(sweep: AblationSweep, profiles: readonly ExperimentProfile[]): void {
  for (const profile of profiles) for (const [variant] of sweep.variants) variantProfile(profile, variant, sweep);
}

/** Every cell of a sweep, dataset by dataset, variant by variant, seed by seed. */
export function sweepCells(sweep: Pick<AblationSweep, 'datasets' | 'variants' | 'seeds'>): AblationCell[] {
  return sweep.datasets.flatMap((dataset) =>
    sweep.variants.flatMap(([variant]) => Array.from({ length: sweep.seeds }, (_, seed) => ({ dataset, variant, seed }))),
  );
}

/** A variant's settings in a sweep: its own, or none (the profile as it is) for a variant the sweep does not list or without a sweep. */
export function settingsOf(sweep: AblationSweep | undefined, variant: AblationVariant): VariantSettings {
  return sweep?.variants.find(([name]) => name === variant)?.[1] ?? {};
}

/** `change` laid over `base` field by field: objects merged, anything else (numbers, lists, null) replaced. */
function merged(base: unknown, change: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(base) || !isObject(change)) return change;
  return Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(change)])].map((key) => [key, key in change ? merged(base[key], change[key]) : base[key]]));
}

/**
 * The profile one variant trains with: the sweep's settings of that variant laid over the profile, checked as a
 * profile is (an error names the sweep file and the variant). Keeps the profile's name; the run folders record the
 * settings themselves.
 */
export function variantProfile(profile: ExperimentProfile, variant: AblationVariant, sweep: AblationSweep | undefined): ExperimentProfile {
  const settings = settingsOf(sweep, variant);
  if (sweep === undefined || Object.keys(settings).length === 0) return profile;
  const { name, ...contents } = profile;
  return checkProfile(merged(contents, settings) as Record<string, unknown>, name, `sweep ${sweep.file}: variants.${variant} over profile ${name}`);
}
