import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ManifestEntry } from '@dmlnet/datasets';
import { workspaceRoot } from '@dmlnet/files';
import { dmlNetConfigSchema } from '@dmlnet/model';
import { closedObject, expected, parseConfig, readJsonFile, wholeField } from '@dmlnet/options';
import { SYNTHETIC_PRESET_NAMES, prepareSynthetic, syntheticPreset, type SyntheticPeople } from '@dmlnet/synthetic-faces';
import { trainingConfigSchema } from '@dmlnet/training';

const { backbone, inputSize, embeddingSize, branchUnits, fusionUnits, normalizeEmbedding, denseInitialization } = dmlNetConfigSchema.shape;

/**
 * People of one synthetic preset: a count (3 to the preset's people, split train/test in its proportion) or the
 * splits' counts, `{ "train": N, "test": M }` with N >= 2 (Algorithm 1's identity positive is another person with the
 * anchor's expression, sec. 3.1) and N + M at most the preset's people (the real set's, sec. 4.1). The form is chosen
 * by the value's type, so an issue names the field it is about (`.test`), not "either form".
 */
function syntheticPeopleSchema(name: (typeof SYNTHETIC_PRESET_NAMES)[number]) {
  const most = syntheticPreset(name).subjects;
  const countError = expected(`a whole number from 3 to ${most} (the preset's people) or { "train": N, "test": M }`);
  const count = z.number(countError).int(countError).min(3, countError).max(most, countError);
  const split = closedObject({
    train: z.number(expected('a whole number of at least 2 (a five-tuple needs two people, Algorithm 1)')).int().min(2),
    test: wholeField(1),
  }).refine((people) => people.train + people.test <= most, { error: (issue) => `expected train + test at most ${most} (the preset's people), got ${JSON.stringify(issue.input)}` });
  const bySplit = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  return z.unknown().transform((value, ctx): SyntheticPeople => {
    const parsed = (bySplit(value) ? split : count).safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: value } as (typeof ctx.issues)[number]);
    return z.NEVER;
  });
}

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
    syntheticSubjects: closedObject(Object.fromEntries(SYNTHETIC_PRESET_NAMES.map((preset) => [preset, syntheticPeopleSchema(preset).optional()]))).nullable().optional(),
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

/** The profile an experiment trains with where none is named: the paper's on a CUDA GPU, a CPU-sized one elsewhere. */
export const DEFAULT_PROFILES = ['paper', 'cpu'] as const;

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
  // Errors name the file by its path: a copy elsewhere may share a shipped profile's name.
  const where = `profile ${file}`;
  return checkProfile(readJsonFile(file, where) as Record<string, unknown>, path.basename(file, '.json'), where);
}

/**
 * A profile's contents (as its file holds them, without `name`) checked field by field (profileSchema) and named
 * `name`: loadProfile's check, also run on a profile with one ablation variant's settings applied (sweep.ts). Errors
 * start with `where`, then name the field: `profile /…/experiments/profiles/cpu.json: training.learningRate: expected a positive number, got 0`.
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
