import { seededPermutation, type ExpressionCode, type IndexedSample, type Split } from '@dmlnet/datasets';
import { ACTION_UNITS, EXPRESSION_ACTION_UNITS, addActionUnits, intensityAmplitude, scaleActionUnits, type ActionUnits } from './action-units';
import { captureConditions } from './conditions';
import { faceCropFraming } from './face-crop';
import { sampleIdentity, type Identity } from './identity';
import type { SyntheticPreset } from './presets';
import { seededRandom, type Random } from './random';
import type { Scene } from './scene';

/** What one image shows: the person (by index), expression, intensity, the yaw it is taken at, and its session or take. */
export interface ImageLabels {
  subject: number;
  expression: ExpressionCode;
  intensity: number;
  /** The yaw asked for, in degrees (continuous in wild sets); the label is the nearest of the preset's yaws. */
  yaw: number;
  session?: string;
  /** Wild sets: which of the person's images. */
  take?: number;
}

/** One image to generate: its index row, its scene, and what degrades it after rendering. */
export interface PlannedImage {
  sample: IndexedSample;
  scene: Scene;
  /** Blur sigma as a fraction of the width, noise standard deviation, and the key of the noise's random stream. */
  degradation: { blur: number; noise: number; key: string };
}

/**
 * Every image of a preset with `subjects` people, in index order (person, session, expression, intensity, yaw);
 * `trainSubjects` of them in the training split (default: the preset's proportion). The split changes labels only,
 * never an image. Throws if `trainSubjects` leaves no person for one of the splits (`subjectSplits`).
 */
export function planImages(preset: SyntheticPreset, subjects: number, seed: string | number, trainSubjects?: number): PlannedImage[] {
  const splits = subjectSplits(preset, subjects, seed, trainSubjects);
  const images: PlannedImage[] = [];
  for (let subject = 0; subject < subjects; subject++) {
    const identity = personIdentity(preset, seed, subject);
    const split = splits[subject];
    const add = (labels: ImageLabels) => images.push(planImage(preset, seed, subjects, identity, labels, split));
    if (preset.takes !== undefined) {
      for (let take = 0; take < preset.takes; take++) {
        const random = seededRandom(seed, preset.name, subject, 'take', take);
        const expression = random.pick(preset.expressions);
        // Mostly near-frontal, as in films; clipped to the widest bin's reach.
        const yaw = Math.max(-75, Math.min(75, random.normal(0, 30)));
        add({ subject, expression, intensity: drawIntensity(preset, expression, random), yaw, take });
      }
      continue;
    }
    for (const expression of preset.expressions) {
      for (const session of preset.sessions?.(expression) ?? [undefined]) {
        const levels = expression === 'NE' ? [0] : preset.intensities.each ? preset.intensities.levels : [drawIntensity(preset, expression, seededRandom(seed, preset.name, subject, session ?? '', expression))];
        for (const intensity of levels) {
          for (const yaw of preset.yaws) add({ subject, expression, intensity, yaw, session });
        }
      }
    }
  }
  return images;
}

/** Person `subject` of a preset: the same for any number of people, different across presets and seeds. */
export function personIdentity(preset: SyntheticPreset, seed: string | number, subject: number): Identity {
  return sampleIdentity(seededRandom(seed, preset.name, 'person', subject));
}

/** One image: its row (path, labels, split), and a scene drawn from streams keyed by its labels alone. */
export function planImage(preset: SyntheticPreset, seed: string | number, subjects: number, identity: Identity, labels: ImageLabels, split: Split): PlannedImage {
  const subject = subjectId(labels.subject, subjects);
  const pose = nearest(preset.yaws, labels.yaw);
  const path = imagePath(subject, labels, pose);
  // The expression as performed: shared by the views of one performance (all yaws), jittered unit by unit.
  const performance = seededRandom(seed, preset.name, labels.subject, labels.session ?? '', labels.expression, labels.intensity, labels.take ?? '');
  const actionUnits = addActionUnits(identity.restingActionUnits, perform(labels, performance));
  const capture = captureConditions(preset.name, labels.yaw, seededRandom(seed, preset.name, path));
  const sample: IndexedSample = { path, subject, expression: labels.expression, pose, split, intensity: labels.intensity };
  if (labels.session !== undefined) sample.session = labels.session;
  return {
    sample,
    scene: { identity, actionUnits, pose: capture.pose, gaze: capture.gaze, light: capture.light, background: capture.background, framing: faceCropFraming(identity, capture.pose, capture.framing), occluders: capture.occluders },
    degradation: { blur: capture.blur, noise: capture.noise, key: `${seed}/${preset.name}/${path}/noise` },
  };
}

/** The expression's units at the intensity, each unit off by about 15%, plus faint stray units. */
function perform(labels: ImageLabels, random: Random): ActionUnits {
  const units = scaleActionUnits(EXPRESSION_ACTION_UNITS[labels.expression], intensityAmplitude(labels.intensity));
  for (const unit of ACTION_UNITS) {
    const value = units[unit];
    if (value !== undefined) units[unit] = Math.max(0, value * (1 + random.normal(0, 0.15)));
    if (random.chance(0.08)) units[unit] = (units[unit] ?? 0) + random.uniform(0, 0.15);
  }
  return units;
}

function drawIntensity(preset: SyntheticPreset, expression: ExpressionCode, random: Random): number {
  return expression === 'NE' ? 0 : random.pick(preset.intensities.levels);
}

/**
 * Train or test for each person: a seeded shuffle, the first `trainSubjects` train (default: the preset's
 * proportion). Throws if `trainSubjects` leaves no person for one of the splits.
 */
export function subjectSplits(preset: SyntheticPreset, subjects: number, seed: string | number, trainSubjects?: number): Split[] {
  if (trainSubjects !== undefined && !(Number.isInteger(trainSubjects) && trainSubjects >= 1 && trainSubjects < subjects)) {
    throw new Error(`train subjects must be a whole number from 1 to ${subjects - 1} (of ${subjects} people), got ${trainSubjects}`);
  }
  const train = trainSubjects ?? (subjects < 2 ? subjects : Math.min(subjects - 1, Math.max(1, Math.round((subjects * preset.trainSubjects) / preset.subjects))));
  const splits: Split[] = new Array(subjects);
  seededPermutation(subjects, `${seed}/${preset.name}/split`).forEach((subject, rank) => {
    splits[subject] = rank < train ? 'train' : 'test';
  });
  return splits;
}

/** S001, S002, ...: wide enough for the count. */
export function subjectId(index: number, subjects: number): string {
  return `S${String(index + 1).padStart(Math.max(3, String(subjects).length), '0')}`;
}

/** images/<subject>/<subject>[_<session>|_t<take>]_<expression><intensity>_yaw<+deg>.png */
function imagePath(subject: string, labels: ImageLabels, pose: number): string {
  const part = labels.session !== undefined ? `_${labels.session}` : labels.take !== undefined ? `_t${labels.take}` : '';
  return `images/${subject}/${subject}${part}_${labels.expression}${labels.intensity}_yaw${pose > 0 ? '+' : ''}${pose}.png`;
}

function nearest(values: readonly number[], value: number): number {
  return values.reduce((best, v) => (Math.abs(v - value) < Math.abs(best - value) ? v : best));
}
