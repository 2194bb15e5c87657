import fs from 'node:fs';
import path from 'node:path';
import { SYNTHETIC_PRESET_NAMES, prepareSynthetic, type ManifestEntry, type SyntheticPeople } from '@dmlnet/datasets';
import { workspaceRoot } from '@dmlnet/files';
import { resolveDmlNetConfig, type DmlNetConfig } from '@dmlnet/model';
import { checkTrainingConfig, type TrainingConfig } from '@dmlnet/training';

/** The parts of DML-Net a profile sets; the ablation variant sets the switches, the dataset the classes. */
export type ProfileModel = Pick<DmlNetConfig, 'backbone' | 'inputSize'> &
  Partial<Pick<DmlNetConfig, 'embeddingSize' | 'branchUnits' | 'fusionUnits' | 'normalizeEmbedding' | 'denseInitialization'>>;

/** One experiment profile (experiments/profiles/<name>.json): model size, training schedule, data size. */
export interface ExperimentProfile {
  name: string;
  model: ProfileModel;
  training: TrainingConfig;
  data: {
    /**
     * People per synthetic preset: a count split train/test in the preset's proportion, e.g. { "synthetic-kdef": 24 },
     * or the splits' counts, e.g. { "synthetic-kdef": { "train": 24, "test": 16 } }; a preset not named (or null)
     * gets its full count.
     */
    syntheticSubjects: Record<string, SyntheticPeople> | null;
  };
  evaluation: {
    /** Batch size of the FPS measurement (Table 8). */
    fpsBatchSize: number;
  };
  figures: {
    /** Mini-batches the loss curves follow (Fig. 15: the first 1000). */
    lossCurveSteps: number;
    /** Test images at most in each embedding plot (Figs. 10-13), chosen evenly. */
    embeddingPoints: number;
  };
}

const SECTIONS = ['$comment', 'model', 'training', 'data', 'evaluation', 'figures'];
const MODEL_FIELDS = ['backbone', 'inputSize', 'embeddingSize', 'branchUnits', 'fusionUnits', 'normalizeEmbedding', 'denseInitialization'];

/** The profiles shipped in experiments/profiles/. */
export function profileNames(root = workspaceRoot()): string[] {
  const dir = path.join(root, 'experiments', 'profiles');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort() : [];
}

/** Loads a profile by name (experiments/profiles/<name>.json) or by path, checking every field. */
export function loadProfile(nameOrPath: string, root = workspaceRoot()): ExperimentProfile {
  const file = nameOrPath.endsWith('.json') ? path.resolve(nameOrPath) : path.join(root, 'experiments', 'profiles', `${nameOrPath}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(`no profile '${nameOrPath}': expected ${file}; the profiles are ${profileNames(root).join(', ')}`);
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return checkProfile(raw, path.basename(file, '.json'), `profile ${path.basename(file)}`);
}

/**
 * A profile's contents (as its file holds them, without `name`) checked field by field and named `name`: loadProfile's
 * check, also run on a profile with one ablation variant's settings applied (sweep.ts). Errors start with `where`.
 */
export function checkProfile(raw: Record<string, unknown>, name: string, where: string): ExperimentProfile {
  for (const key of Object.keys(raw)) {
    if (!SECTIONS.includes(key)) throw new Error(`${where}: unknown section '${key}', expected ${SECTIONS.slice(1).join(', ')}`);
  }
  const model = (raw['model'] ?? {}) as ProfileModel;
  for (const key of Object.keys(model)) {
    if (!MODEL_FIELDS.includes(key)) throw new Error(`${where}: model.${key} is not a field, expected ${MODEL_FIELDS.join(', ')}`);
  }
  // Checked with placeholder switches and classes: what the profile sets must already be valid.
  try {
    resolveDmlNetConfig({ ...model, expressions: 2, poses: 2, mfe: true, jefl: true, hpe: true });
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const training = checkTrainingConfig(raw['training'] as TrainingConfig, `${where}: training`);
  const data = (raw['data'] ?? {}) as ExperimentProfile['data'];
  const subjects = data.syntheticSubjects ?? null;
  for (const [preset, people] of Object.entries(subjects ?? {})) {
    if (!SYNTHETIC_PRESET_NAMES.includes(preset as never)) {
      throw new Error(`${where}: data.syntheticSubjects.${preset} is not a synthetic preset; expected ${SYNTHETIC_PRESET_NAMES.join(', ')}`);
    }
    checkPeople(people, `${where}: data.syntheticSubjects.${preset}`);
  }
  const evaluation = (raw['evaluation'] ?? {}) as ExperimentProfile['evaluation'];
  if (!(Number.isInteger(evaluation.fpsBatchSize) && evaluation.fpsBatchSize >= 1)) {
    throw new Error(`${where}: evaluation.fpsBatchSize must be a whole number >= 1, got ${JSON.stringify(evaluation.fpsBatchSize)}`);
  }
  const figures = (raw['figures'] ?? {}) as ExperimentProfile['figures'];
  for (const field of ['lossCurveSteps', 'embeddingPoints'] as const) {
    if (!(Number.isInteger(figures[field]) && figures[field] >= 1)) {
      throw new Error(`${where}: figures.${field} must be a whole number >= 1, got ${JSON.stringify(figures[field])}`);
    }
  }
  return { name, model, training, data: { syntheticSubjects: subjects }, evaluation, figures };
}

/** Throws unless `people` is a count >= 3 or { train, test } with each a count >= 1, naming the field. */
function checkPeople(people: unknown, where: string): void {
  const count = (value: unknown, min: number) => Number.isInteger(value) && (value as number) >= min;
  if (typeof people === 'object' && people !== null && !Array.isArray(people)) {
    const fields = Object.keys(people);
    const split = people as Record<string, unknown>;
    if (fields.length === 2 && count(split['train'], 1) && count(split['test'], 1)) return;
    throw new Error(`${where} must be { "train": N, "test": M } with whole numbers >= 1, got ${JSON.stringify(people)}`);
  }
  if (!count(people, 3)) throw new Error(`${where} must be a whole number >= 3 or { "train": N, "test": M }, got ${JSON.stringify(people)}`);
}

/** The `prepare` step of openDataset for a profile: synthetic sets generated at the profile's size, others as they are. */
export function prepareFor(profile: ExperimentProfile): (entry: ManifestEntry, root: string) => Promise<string> {
  return (entry, root) => prepareSynthetic(entry, root, { people: profile.data.syntheticSubjects?.[entry.preset ?? ''] ?? null });
}
