import * as tf from '@tensorflow/tfjs';

/**
 * The exponential moving average of a model's weights (Table 1: decay 0.9999), evaluated in their place.
 * As TensorFlow's ExponentialMovingAverage with num_updates, the decay is min(decay, (1 + n) / (10 + n)), so a
 * short run is not evaluated on weights that are still mostly the initial ones.
 */
export class WeightAverage {
  private readonly shadows: tf.Variable[];
  private updates = 0;

  constructor(
    private readonly model: tf.LayersModel,
    readonly decay: number,
  ) {
    // All weights, batch norm's moving statistics too: the averaged model must be consistent as a whole.
    // tf.variable keeps a reference to its initial value's data, so a clone would stay alive beside it (one tensor
    // per weight, leaked); the shadow shares the weight's data until its first update assigns new data.
    this.shadows = model.weights.map((w) => tf.variable(w.read(), false));
  }

  get count(): number {
    return this.updates;
  }

  /** Folds the model's current weights into the average; call after every optimizer step. */
  update(): void {
    const decay = Math.min(this.decay, (1 + this.updates) / (10 + this.updates));
    tf.tidy(() => {
      this.model.weights.forEach((w, i) => {
        const shadow = this.shadows[i];
        shadow.assign(tf.add(tf.mul(shadow, decay), tf.mul(w.read(), 1 - decay)));
      });
    });
    this.updates++;
  }

  /** Runs `f` with the averaged weights in the model, then puts the trained ones back. */
  async withAveraged<T>(f: () => Promise<T> | T): Promise<T> {
    const trained = this.model.weights.map((w) => w.read().clone());
    this.model.weights.forEach((w, i) => w.write(this.shadows[i]));
    try {
      return await f();
    } finally {
      this.model.weights.forEach((w, i) => w.write(trained[i]));
      tf.dispose(trained);
    }
  }

  /** The state a checkpoint keeps: the shadow values, by weight order, and the update count. */
  state(): { values: tf.Tensor[]; updates: number } {
    return { values: this.shadows, updates: this.updates };
  }

  restore(values: readonly tf.Tensor[], updates: number): void {
    if (values.length !== this.shadows.length) {
      throw new Error(`moving average: the checkpoint holds ${values.length} weights, the model ${this.shadows.length}`);
    }
    values.forEach((v, i) => this.shadows[i].assign(v));
    this.updates = updates;
  }

  dispose(): void {
    tf.dispose(this.shadows);
  }
}
