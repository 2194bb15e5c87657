import type { z } from 'zod';
import { closedObject, parseConfig, positiveField, wholeField } from '@dmlnet/options';

/** ADW's settings (eq. 8), also the `dynamicWeights` section of a training config. */
export const dynamicWeightOptionsSchema = closedObject({
  /** The weights' sum once they are dynamic (paper: 2). */
  K: positiveField(),
  /** Temperature: a larger T flattens the weights towards K / tasks (paper: 2). */
  T: positiveField(),
  /** Mini-batches averaged into each loss estimate (paper: 5; MTAN averages over an epoch). */
  window: wholeField(1),
});

export type DynamicWeightOptions = z.infer<typeof dynamicWeightOptionsSchema>;

/** The paper's settings (Section 4.1, Table 1). */
export const PAPER_DYNAMIC_WEIGHTS: DynamicWeightOptions = { K: 2, T: 2, window: 5 };

/** The paper's settings with `options` laid over them, checked: an error names the field and what was expected. */
function resolveOptions(options: Partial<DynamicWeightOptions>): DynamicWeightOptions {
  return parseConfig(dynamicWeightOptionsSchema, { ...PAPER_DYNAMIC_WEIGHTS, ...options }, { where: 'dynamic weights' });
}

function checkLosses(losses: readonly number[], task: number): void {
  const bad = losses.find((loss) => !(Number.isFinite(loss) && loss >= 0));
  if (bad !== undefined) throw new Error(`dynamic weights: task ${task} has a loss of ${bad}; losses must be finite and >= 0`);
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** w_k of eq. 8: the task's mean loss over the last window over its mean over the window before. */
function descentRate(series: readonly number[], window: number, task: number): number {
  const previous = series.slice(-2 * window, -window);
  const last = series.slice(-window);
  checkLosses([...previous, ...last], task);
  // A loss that sat at exactly 0 (a hinge with every triplet past its margin) has no rate: count it as unchanged.
  if (mean(previous) === 0) return 1;
  // Capped: a ratio overflowing to Infinity would make the softmax below Infinity - Infinity = NaN.
  return Math.min(mean(last) / mean(previous), Number.MAX_VALUE);
}

/**
 * eq. 8: lambda_k = K exp(w_k / T) / sum_i exp(w_i / T), from `lossHistory[k]`, task k's loss at every mini-batch
 * so far (plain numbers, in eq. 7's order: FER CE, pose CE, triplet). Plain numbers out: no gradient reaches them.
 * All ones until two full windows exist (MTAN's warm-up). Note that the ones sum to the number of tasks (3) but the
 * dynamic weights to K: with the paper's K = 2 the weights' sum drops from 3 to 2 at the switch (MTAN sets K = number of tasks).
 */
export function dynamicWeights(lossHistory: readonly (readonly number[])[], options: Partial<DynamicWeightOptions> = {}): number[] {
  const { K, T, window } = resolveOptions(options);
  if (lossHistory.length === 0) throw new Error('dynamic weights: the loss history needs one series per task');
  const steps = lossHistory[0].length;
  if (lossHistory.some((series) => series.length !== steps)) {
    throw new Error(`dynamic weights: every task needs a loss at every mini-batch, got series of lengths ${lossHistory.map((s) => s.length)}`);
  }
  if (steps < 2 * window) return lossHistory.map(() => 1);
  const rates = lossHistory.map((series, task) => descentRate(series, window, task));
  // Shifting by the largest rate leaves the softmax unchanged and keeps exp from overflowing to Infinity / Infinity.
  const largest = Math.max(...rates);
  const scores = rates.map((rate) => Math.exp((rate - largest) / T));
  const total = scores.reduce((sum, s) => sum + s, 0);
  return scores.map((s) => (K * s) / total);
}

/** Tracks the task losses mini-batch by mini-batch and gives eq. 8's weights for the next one. */
export class DynamicWeightAverage {
  private readonly options: DynamicWeightOptions;
  private history: number[][];

  constructor(
    readonly tasks: number,
    options: Partial<DynamicWeightOptions> = {},
  ) {
    if (!(Number.isInteger(tasks) && tasks >= 1)) throw new Error(`dynamic weights: tasks must be a positive integer, got ${tasks}`);
    this.options = resolveOptions(options);
    this.history = Array.from({ length: tasks }, () => []);
  }

  /** The weights for the coming mini-batch. */
  get weights(): number[] {
    return dynamicWeights(this.history, this.options);
  }

  /** Records one mini-batch's task losses (plain numbers, in eq. 7's order) and returns the weights for the next. */
  update(losses: readonly number[]): number[] {
    if (losses.length !== this.tasks) throw new Error(`dynamic weights: expected ${this.tasks} task losses, got ${losses.length}`);
    losses.forEach((loss, task) => checkLosses([loss], task));
    // Only the last two windows enter eq. 8.
    for (const [task, series] of this.history.entries()) {
      series.push(losses[task]);
      if (series.length > 2 * this.options.window) series.shift();
    }
    return this.weights;
  }

  /** The losses eq. 8 still needs (at most the last two windows), for a checkpoint. */
  recentLosses(): number[][] {
    return this.history.map((series) => [...series]);
  }

  /** Continues from a checkpoint's `recentLosses()`, as if those mini-batches had just been seen. */
  restore(recent: readonly (readonly number[])[]): void {
    if (recent.length !== this.tasks || recent.some((series) => series.length > 2 * this.options.window)) {
      throw new Error(`dynamic weights: a checkpoint of ${recent.length} series does not fit ${this.tasks} tasks and window ${this.options.window}`);
    }
    recent.forEach((series, task) => checkLosses(series, task));
    this.history = recent.map((series) => [...series]);
  }
}
