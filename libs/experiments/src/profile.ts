import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ManifestEntry } from '@dmlnet/datasets';
import { workspaceRoot } from '@dmlnet/files';
import { dmlNetConfigSchema } from '@dmlnet/model';
import { closedObject, expected, parseConfig, wholeField } from '@dmlnet/options';
import { SYNTHETIC_PRESET_NAMES, prepareSynthetic, type SyntheticPeople } from '@dmlnet/synthetic-faces';
import { trainingConfigSchema } from '@dmlnet/training';

const { backbone, inputSize, embeddingSize, branchUnits, fusionUnits, normalizeEmbedding, denseInitialization } = dmlNetConfigSchema.shape;

// One message for either form: a union's issue would otherwise speak of the form the value was closer to.
const peopleError = expected('a whole number >= 3 or { "train": N, "test": M } with whole numbers >= 1');
const peopleCount = (min: number) => z.number(peopleError).int(peopleError).min(min, peopleError);
/** People of a synthetic preset: a count (>= 3, split train/test in the preset's proportion) or the splits' counts. */
const syntheticPeopleSchema = z.union([peopleCount(3), z.strictObject({ train: peopleCount(1), test: peopleCount(1) }, peopleError)], peopleError);

/** One experiment profile (experiments/profiles/<name>.json, without `name`): model size, training schedule, data size. */
const profileSchema = closedObject({
  $comment: z.string().optional(),
  /** The parts of DML-Net a profile sets; the ablation variant sets the switches, the dataset the classes. */
  model: closedObject({ backbone, inputSize, embeddingSize, branchUnits, fusionUnits, normalizeEmbedding, denseInitialization }),
  training: trainingConfigSchema,
  data: closedObject({
    /**
     * People per synthetic preset: a count split train/test in the preset's proportion, e.g. { "synthetic-kdef": 24 },
     * or the splits' counts, e.g. { "synthetic-kdef": { "train": 24, "test": 16 } }; a preset not named (or null)
     * gets its full count.
     */
    syntheticSubjects: closedObject(Object.fromEntries(SYNTHETIC_PRESET_NAMES.map((preset) => [preset, syntheticPeopleSchema.optional()]))).nullable().optional(),
  }).optional(),
  evaluation: closedObject({
    /** Batch size of the FPS measurement (Table 8). */
    fpsBatchSize: wholeField(1),
  }),
  figures: closedObject({
    /** Mini-batches the loss curves follow (Fig. 15: the first 1000). */
    lossCurveSteps: wholeField(1),
    /** Test images at most in each embedding plot (Figs. 10-13), chosen evenly. */
    embeddingPoints: wholeField(1),
  }),
});

type ProfileSections = z.infer<typeof profileSchema>;

/** The parts of DML-Net a profile sets. */
export type ProfileModel = ProfileSections['model'];

/** One experiment profile: its name and its file's sections (profileSchema). */
export interface ExperimentProfile extends Omit<ProfileSections, '$comment' | 'data'> {
  name: string;
  data: { syntheticSubjects: Partial<Record<string, SyntheticPeople>> | null };
}

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
 * A profile's contents (as its file holds them, without `name`) checked field by field (profileSchema) and named
 * `name`: loadProfile's check, also run on a profile with one ablation variant's settings applied (sweep.ts). Errors
 * start with `where`, then name the field: `profile cpu.json: training.learningRate: expected a positive number, got 0`.
 */
export function checkProfile(raw: Record<string, unknown>, name: string, where: string): ExperimentProfile {
  parseConfig(profileSchema, raw, { where });
  // The sections as the file gives them, not zod's copies: their fields in the file's order, which run folders record.
  const { model, training, data, evaluation, figures } = raw as ProfileSections;
  return { name, model, training, data: { syntheticSubjects: data?.syntheticSubjects ?? null }, evaluation, figures };
}

/** The `prepare` step of openDataset for a profile: synthetic sets generated at the profile's size, others as they are. */
export function prepareFor(profile: ExperimentProfile): (entry: ManifestEntry, root: string) => Promise<string> {
  return (entry, root) => prepareSynthetic(entry, root, { people: profile.data.syntheticSubjects?.[entry.preset ?? ''] ?? null });
}
