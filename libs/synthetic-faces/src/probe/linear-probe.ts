import { EXPRESSION_CODES, standardizeImage, type IndexedSample } from '@dmlnet/datasets';
import { argmaxRows, gramMatrix, ridgeScores, type Gram } from './ridge';

/** Ridge penalties tried, per pixel value (lambda = factor x features): chosen on the fit rows by 2-fold validation. */
export const PROBE_LAMBDA_FACTORS = [0.001, 0.01, 0.1, 1, 10] as const;

/** One read-out: accuracy on the evaluated images beside chance, overall and at each yaw. */
export interface ProbeTask {
  task: 'expression-per-yaw' | 'expression' | 'yaw' | 'identity';
  /** What was fitted on what, in words. */
  description: string;
  classes: number;
  fitImages: number;
  evaluatedImages: number;
  /** Share of the evaluated images classified right, 0-1. */
  accuracy: number;
  /** Share of the evaluated images in their most common class: what always naming one class scores. */
  chance: number;
  /** The ridge penalty chosen (lambda / features); one per yaw for the per-yaw task. */
  lambdaFactor: number | number[];
  /** The same at each yaw; chance null where the images there hold one class (the yaw read-out at one yaw). */
  perYaw: { yaw: number; images: number; accuracy: number; chance: number | null }[];
}

export interface ProbeReport {
  /** Image side in pixels and values per image (side x side x 3). */
  size: number;
  features: number;
  images: number;
  trainPeople: number;
  testPeople: number;
  yaws: number[];
  expressions: string[];
  tasks: ProbeTask[];
}

/**
 * What a linear classifier reads from the raw pixels of a set (the model's input size, each image standardised as
 * the model's input, sec. 3.2.2, then each pixel value standardised on the train people), so a reader can tell "a
 * DML-Net part does not help" from "the data gives it nothing to find" (issue 12):
 * - expression-per-yaw: a classifier per yaw, fitted on the train people at that yaw, scored on the test people at
 *   it: whether the expressions can be seen at that yaw (MFE, the FER branch);
 * - expression: one classifier over every yaw (the FER branch's task on raw pixels);
 * - yaw: the yaw class, train people to test people (the HPE branch);
 * - identity: the test people told apart, fitted on every other performance of each (session, expression,
 *   intensity, in order; every yaw in both halves) and scored on the rest: identity-specific shape and texture that
 *   JEFL's identity triplets must see past (sec. 3.2.3).
 * The read-out is ridge regression to one-hot targets in closed form (ridge.ts), its penalty chosen from
 * PROBE_LAMBDA_FACTORS by 2-fold validation within the fit rows (folds by person; by performance for identity).
 *
 * `pixels[i]` is sample i's size x size x 3 RGB (0-255). Throws where the lengths disagree, a sample has no yaw, the
 * samples hold no train or no test person, or a read-out's scored images are all of one class.
 */
export function probeLinearReadout(samples: readonly IndexedSample[], pixels: readonly ArrayLike<number>[], size: number): ProbeReport {
  if (samples.length !== pixels.length) throw new Error(`probeLinearReadout: ${samples.length} samples but ${pixels.length} images`);
  const features = size * size * 3;
  samples.forEach((sample, i) => {
    if (sample.pose === null) throw new Error(`probeLinearReadout: ${sample.path} has no yaw label; the probe reads yaw from every image`);
    if (pixels[i].length !== features) throw new Error(`probeLinearReadout: ${sample.path} has ${pixels[i].length} values, expected ${size}x${size}x3 = ${features}`);
  });
  const train = indicesWhere(samples, (s) => s.split === 'train');
  const test = indicesWhere(samples, (s) => s.split === 'test');
  const people = (rows: number[]) => [...new Set(rows.map((i) => samples[i].subject))].sort();
  const testPeople = people(test);
  if (train.length === 0 || test.length === 0) throw new Error(`probeLinearReadout: needs train and test people, got ${train.length} train and ${test.length} test images`);

  const gram = standardisedGram(pixels, train, features);
  const yaws = [...new Set(samples.map((s) => s.pose as number))].sort((a, b) => a - b);
  const expressions = EXPRESSION_CODES.filter((code) => samples.some((s) => s.expression === code));
  const expression = Int32Array.from(samples, (s) => expressions.indexOf(s.expression));
  const yaw = Int32Array.from(samples, (s) => yaws.indexOf(s.pose as number));
  const person = Int32Array.from(samples, (s) => testPeople.indexOf(s.subject));
  const byPerson = (rows: readonly number[]) => rows.map((i) => samples[i].subject);
  const task = (name: ProbeTask['task'], description: string, rows: Rows, labels: Int32Array, classes: number, folds: readonly string[]): ProbeTask => {
    const { predicted, lambdaFactor } = readOut(gram, rows, labels, classes, folds, features);
    return summarise(name, description, samples, labels, classes, rows, [...predicted], lambdaFactor);
  };

  // One classifier per yaw; their predictions pooled into one task, scored per yaw as the others are.
  const perYaw = yaws.flatMap((value) => {
    const rows = { fit: train.filter((i) => samples[i].pose === value), evaluate: test.filter((i) => samples[i].pose === value) };
    return rows.fit.length > 0 && rows.evaluate.length > 0 ? [{ rows, ...readOut(gram, rows, expression, expressions.length, byPerson(rows.fit), features) }] : [];
  });
  const pooled = { fit: perYaw.flatMap((p) => p.rows.fit), evaluate: perYaw.flatMap((p) => p.rows.evaluate) };
  const everyYaw = { fit: train, evaluate: test };
  const tasks = [
    summarise('expression-per-yaw', 'expression, a classifier per yaw: train people -> test people at that yaw', samples, expression, expressions.length, pooled,
      perYaw.flatMap((p) => [...p.predicted]), perYaw.map((p) => p.lambdaFactor)),
    task('expression', 'expression, one classifier over every yaw: train people -> test people', everyYaw, expression, expressions.length, byPerson(train)),
    task('yaw', 'yaw: train people -> test people', everyYaw, yaw, yaws.length, byPerson(train)),
  ];
  if (testPeople.length >= 2) {
    const halves = performanceHalves(samples, test);
    const description = `identity of the ${testPeople.length} test people: every other performance of each fitted, the rest scored`;
    tasks.push(task('identity', description, halves, person, testPeople.length, halves.fit.map((i) => performanceKey(samples[i]))));
  }
  return { size, features, images: samples.length, trainPeople: people(train).length, testPeople: testPeople.length, yaws, expressions, tasks };
}

/** Rows of the probe's Gram matrix to fit a read-out on and to score it on. */
interface Rows {
  fit: number[];
  evaluate: number[];
}

/** Rows of `samples` where `keep` holds. */
function indicesWhere(samples: readonly IndexedSample[], keep: (sample: IndexedSample) => boolean): number[] {
  return samples.flatMap((sample, i) => (keep(sample) ? [i] : []));
}

/**
 * The Gram matrix of every image after per-image standardisation (the model's input) and then per-value
 * standardisation with the train images' means and standard deviations (a value constant over them is dropped).
 */
function standardisedGram(pixels: readonly ArrayLike<number>[], train: readonly number[], features: number): Gram {
  const rows = pixels.length;
  const values = new Float32Array(rows * features);
  pixels.forEach((image, i) => standardizeImage(image, values, i * features));
  const mean = new Float64Array(features);
  const square = new Float64Array(features);
  for (const i of train) {
    for (let k = 0; k < features; k++) {
      const v = values[i * features + k];
      mean[k] += v;
      square[k] += v * v;
    }
  }
  const scale = new Float64Array(features);
  for (let k = 0; k < features; k++) {
    mean[k] /= train.length;
    const variance = square[k] / train.length - mean[k] * mean[k];
    scale[k] = variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
  }
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < features; k++) values[i * features + k] = (values[i * features + k] - mean[k]) * scale[k];
  }
  return gramMatrix(values, rows, features);
}

/**
 * Fits on `rows.fit` and predicts `rows.evaluate`, the penalty chosen first: the fit rows' groups (`folds`, one per
 * fit row) dealt alternately into two folds, each fold predicted from the other, the factor with the most right
 * kept (the larger of equals: the smoother read-out).
 */
function readOut(gram: Gram, rows: Rows, labels: Int32Array, classes: number, folds: readonly string[], features: number) {
  const groups = [...new Set(folds)].sort();
  const half = (i: number) => groups.indexOf(folds[i]) % 2;
  const halves = [0, 1].map((h) => rows.fit.filter((_, i) => half(i) === h));
  let lambdaFactor: number = PROBE_LAMBDA_FACTORS[0];
  if (halves.every((h) => h.length > 0)) {
    let bestRight = -1;
    for (const factor of PROBE_LAMBDA_FACTORS) {
      let right = 0;
      for (const [h, fit] of halves.entries()) {
        const evaluate = halves[1 - h];
        const predicted = argmaxRows(ridgeScores(gram, fit, labels, classes, evaluate, factor * features), classes);
        predicted.forEach((p, e) => (right += p === labels[evaluate[e]] ? 1 : 0));
      }
      if (right >= bestRight) [bestRight, lambdaFactor] = [right, factor];
    }
  }
  const predicted = argmaxRows(ridgeScores(gram, rows.fit, labels, classes, rows.evaluate, lambdaFactor * features), classes);
  return { predicted, lambdaFactor };
}

/** A task's accuracy and chance, overall and per yaw, from its predictions of `rows.evaluate`. */
function summarise(
  task: ProbeTask['task'],
  description: string,
  samples: readonly IndexedSample[],
  labels: Int32Array,
  classes: number,
  rows: Rows,
  predicted: readonly number[],
  lambdaFactor: number | number[],
): ProbeTask {
  const score = (picked: number[]) => {
    const counts = new Array<number>(classes).fill(0);
    let right = 0;
    for (const e of picked) {
      counts[labels[rows.evaluate[e]]]++;
      if (predicted[e] === labels[rows.evaluate[e]]) right++;
    }
    const chance = Math.max(...counts) / picked.length;
    return { images: picked.length, accuracy: right / picked.length, chance: chance < 1 ? chance : null };
  };
  const all = rows.evaluate.map((_, e) => e);
  const yaws = [...new Set(rows.evaluate.map((i) => samples[i].pose as number))].sort((a, b) => a - b);
  const perYaw = yaws.map((yaw) => ({ yaw, ...score(all.filter((e) => samples[rows.evaluate[e]].pose === yaw)) }));
  const { accuracy, chance } = score(all);
  if (chance === null) throw new Error(`probeLinearReadout: every image scored for ${task} is of one class: nothing to read out`);
  return { task, description, classes, fitImages: rows.fit.length, evaluatedImages: rows.evaluate.length, accuracy, chance, lambdaFactor, perYaw };
}

/** What one performance of a person shares across its yaws: session, expression, intensity. */
function performanceKey(sample: IndexedSample): string {
  return `${sample.session ?? ''}|${sample.expression}|${sample.intensity ?? ''}`;
}

/** Each person's performances in order, every other one (with all its yaws) to fit, the others to evaluate. */
function performanceHalves(samples: readonly IndexedSample[], rows: readonly number[]): Rows {
  const keys = new Map<string, string[]>();
  for (const i of rows) {
    const own = keys.get(samples[i].subject) ?? [];
    if (!own.includes(performanceKey(samples[i]))) own.push(performanceKey(samples[i]));
    keys.set(samples[i].subject, own);
  }
  for (const own of keys.values()) own.sort();
  const fitted = (i: number) => (keys.get(samples[i].subject) as string[]).indexOf(performanceKey(samples[i])) % 2 === 0;
  return { fit: rows.filter(fitted), evaluate: rows.filter((i) => !fitted(i)) };
}

/** The report as a markdown table: a row per read-out, its accuracy overall and per yaw, chance in brackets (%). */
export function formatProbeTable(report: ProbeReport): string {
  const percent = (value: number) => (100 * value).toFixed(1);
  const header = ['read-out', 'classes', 'all', ...report.yaws.map((yaw) => `yaw ${yaw > 0 ? '+' : ''}${yaw}`)];
  const lines = report.tasks.map((task) => [
    task.task,
    String(task.classes),
    `${percent(task.accuracy)} (${percent(task.chance)})`,
    ...report.yaws.map((yaw) => {
      const at = task.perYaw.find((p) => p.yaw === yaw);
      return at === undefined ? '-' : at.chance === null ? percent(at.accuracy) : `${percent(at.accuracy)} (${percent(at.chance)})`;
    }),
  ]);
  const table = [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`);
  return table.join('\n');
}
