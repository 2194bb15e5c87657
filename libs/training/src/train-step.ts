import * as tf from '@tensorflow/tfjs';
import { DynamicWeightAverage, totalLoss, tripletLoss, type JointTripletLossOptions } from '@dmlnet/losses';
import { runDmlNet } from '@dmlnet/model';

/** One mini-batch: images and the three labels of every sample (paper: 15 images = 3 five-tuples). */
export interface MiniBatch {
  images: tf.Tensor4D;
  expression: tf.Tensor1D;
  pose: tf.Tensor1D;
  identity: tf.Tensor1D;
}

/** The tasks of eq. 7, in its order. */
export const TASKS = ['fer', 'pose', 'triplet'] as const;
export type Task = (typeof TASKS)[number];

export interface TrainStepOptions {
  expressions: number;
  poses: number;
  /** Triplet settings (margins, parts, reduction, distance); used when the model has a JEFL embedding. */
  triplet: JointTripletLossOptions;
  /**
   * ADW (eq. 8): weights from the losses of earlier mini-batches. Null: every active task weighs 1.
   * Its task count must equal the number of active tasks (FER, then pose with HPE, then triplet with JEFL).
   */
  dynamicWeights: DynamicWeightAverage | null;
  /**
   * Layers whose weights stay as they are this step (the paper trains with the HPE branch frozen first).
   * They still get a (zero) gradient, so Adam's per-variable slots keep the same order when they thaw.
   */
  frozenLayers?: readonly string[];
  /** Scales of the tasks' weights this step, e.g. { pose: 0 } while the HPE branch is frozen. Default 1. */
  taskScales?: Partial<Record<Task, number>>;
}

export interface TrainStepResult {
  /** This mini-batch's loss of each active task, before weighting. */
  losses: Partial<Record<Task, number>>;
  /** The weight each active task had in this step's total loss. */
  weights: Partial<Record<Task, number>>;
  /** Eq. 7's weighted sum. */
  total: number;
  /**
   * Fraction of this mini-batch each classifier got right, from the same forward pass (training mode, before the
   * update): the training accuracy that metrics.jsonl logs; held-out accuracy is the evaluation's.
   */
  accuracy: { fer: number; pose?: number };
}

/** Correct predictions of a classifier in a batch, as a float32 scalar (argmax of the logits against the labels). */
function correct(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
}

/**
 * One optimisation step of DWML (sec. 3.2.4): FER cross-entropy, pose cross-entropy (with HPE) and the joint
 * triplet loss (with JEFL) weighted by eq. 7, on whatever backend is active. Frees every tensor it makes.
 * Reads the backend once, asynchronously: every number it reports sits in one tensor (on webgpu a read waits for
 * the GPU, and Node has no synchronous one).
 * A non-finite loss is an error (a rejection) naming the task, raised before the optimizer touches a weight.
 */
export async function trainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  batch: MiniBatch,
  options: TrainStepOptions,
): Promise<TrainStepResult> {
  const active: Task[] = [];
  const weights = options.dynamicWeights?.weights;
  const scaled = (w: number[]) => w.map((v, i) => v * (options.taskScales?.[active[i]] ?? 1));
  const n = batch.expression.shape[0];
  // [each active task's loss..., total, FER correct, pose correct]: the step's one read.
  let readout: tf.Tensor1D | undefined;
  // A fixed variable list: Adam keys its moment slots by position in the gradient map.
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => {
    const out = runDmlNet(model, batch.images, true);
    const losses: tf.Scalar[] = [tf.losses.softmaxCrossEntropy(tf.oneHot(batch.expression, options.expressions), out.fer)];
    active.splice(0, active.length, 'fer');
    if (out.pose !== undefined) {
      losses.push(tf.losses.softmaxCrossEntropy(tf.oneHot(batch.pose, options.poses), out.pose));
      active.push('pose');
    }
    if (out.embedding !== undefined) {
      const labels = { expression: batch.expression, pose: batch.pose, identity: batch.identity };
      losses.push(tripletLoss(out.embedding, labels, options.triplet));
      active.push('triplet');
    }
    if (weights !== undefined && weights.length !== losses.length) {
      throw new Error(`dynamic weights track ${weights.length} tasks but the model trains ${losses.length} (${active.join(', ')})`);
    }
    const total = totalLoss(losses, scaled(weights ?? losses.map(() => 1)));
    const right = [correct(out.fer, batch.expression), out.pose !== undefined ? correct(out.pose, batch.pose) : tf.scalar(0)];
    readout = tf.keep(tf.stack([...losses, total, ...right]) as tf.Tensor1D);
    return total;
  }, variables);
  for (const layer of options.frozenLayers ?? []) {
    for (const w of model.getLayer(layer).trainableWeights) {
      const name = (w.read() as tf.Variable).name;
      const zero = tf.zerosLike(grads[name]);
      grads[name].dispose();
      grads[name] = zero;
    }
  }
  value.dispose();
  if (readout === undefined) throw new Error('trainStep: the loss function did not run');
  const read = Array.from(await readout.data());
  readout.dispose();
  const values = read.slice(0, active.length);
  const total = read[active.length];
  const accuracy: TrainStepResult['accuracy'] = { fer: read[active.length + 1] / n };
  if (active.includes('pose')) accuracy.pose = read[active.length + 2] / n;
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0 || !Number.isFinite(total)) {
    tf.dispose(grads);
    const task = bad >= 0 ? active[bad] : 'total';
    throw new Error(`non-finite ${task} loss (${bad >= 0 ? values[bad] : total}): the optimizer step was not applied`);
  }
  optimizer.applyGradients(grads);
  tf.dispose(grads);
  const usedWeights = scaled(weights ?? values.map(() => 1));
  options.dynamicWeights?.update(values);
  return {
    losses: Object.fromEntries(active.map((task, i) => [task, values[i]])),
    weights: Object.fromEntries(active.map((task, i) => [task, usedWeights[i]])),
    total,
    accuracy,
  };
}
