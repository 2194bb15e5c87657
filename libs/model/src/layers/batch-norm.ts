import * as tf from '@tensorflow/tfjs';

/**
 * Batch normalisation in training mode as one op with a closed-form gradient (Ioffe & Szegedy 2015):
 *   dx = gamma / sigma * (dy - mean(dy) - xhat * mean(dy * xhat)),  dgamma = sum(dy * xhat),  dbeta = sum(dy).
 * Autodiff through moments + batchNorm walks the activations a few dozen times; this walks them seven.
 * Returns the batch mean and (biased) variance too, for the moving averages; the caller disposes them.
 */
export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): { y: tf.Tensor; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  const axes = x.shape.slice(0, -1).map((_, i) => i);
  let stats: [tf.Tensor1D, tf.Tensor1D] | undefined;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, scale, offset, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const { mean, variance } = tf.moments(input, axes);
    const xhat = tf.batchNorm(input, mean, variance, undefined, undefined, epsilon);
    const y = tf.batchNorm(input, mean, variance, offset, scale, epsilon);
    save([xhat, tf.div(scale, tf.sqrt(tf.add(variance, epsilon)))]);
    stats = [tf.keep(mean as tf.Tensor1D), tf.keep(variance as tf.Tensor1D)];
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [normalised, gammaOverSigma] = saved;
        const count = dy.size / dy.shape[dy.rank - 1];
        const dBeta = tf.sum(dy, axes);
        const dGamma = tf.sum(tf.mul(dy, normalised), axes);
        const centred = tf.sub(dy, tf.div(dBeta, count));
        const dx = tf.mul(tf.sub(centred, tf.mul(normalised, tf.div(dGamma, count))), gammaOverSigma);
        return [dx, dGamma, dBeta];
      },
    };
  });
  const y = op(x, gamma, beta);
  const [mean, variance] = stats as [tf.Tensor1D, tf.Tensor1D];
  return { y, mean, variance };
}

export interface BatchNormArgs {
  name?: string;
  momentum?: number;
  epsilon?: number;
}

/**
 * A channels-last batch-norm layer: batch statistics with the fused gradient above while training,
 * moving averages at inference (the same maths as tf.layers.batchNormalization).
 */
export class BatchNorm extends tf.layers.Layer {
  static readonly className = 'DmlBatchNorm';
  readonly momentum: number;
  readonly epsilon: number;
  private gamma!: tf.LayerVariable;
  private beta!: tf.LayerVariable;
  private movingMean!: tf.LayerVariable;
  private movingVariance!: tf.LayerVariable;

  constructor(args: BatchNormArgs = {}) {
    super({ name: args.name });
    this.momentum = args.momentum ?? 0.9;
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1];
    if (channels == null) throw new Error(`${this.name}: the channel axis must have a known size`);
    this.gamma = this.addWeight('gamma', [channels], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros());
    this.movingMean = this.addWeight('moving_mean', [channels], 'float32', tf.initializers.zeros(), undefined, false);
    this.movingVariance = this.addWeight('moving_variance', [channels], 'float32', tf.initializers.ones(), undefined, false);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const gamma = this.gamma.read() as tf.Tensor1D;
    const beta = this.beta.read() as tf.Tensor1D;
    if (kwargs.training !== true) {
      return tf.batchNorm(x, this.movingMean.read() as tf.Tensor1D, this.movingVariance.read() as tf.Tensor1D, beta, gamma, this.epsilon);
    }
    const { y, mean, variance } = batchNormTraining(x, gamma, beta, this.epsilon);
    tf.tidy(() => {
      for (const [moving, batch] of [[this.movingMean, mean], [this.movingVariance, variance]] as const) {
        moving.write(tf.add(tf.mul(moving.read(), this.momentum), tf.mul(batch, 1 - this.momentum)));
      }
    });
    tf.dispose([mean, variance]);
    return y;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), momentum: this.momentum, epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(BatchNorm);
