import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { medianAndSpread, type Spread } from '@dmlnet/metrics';
import { createDmlNet, loadWeights, type ResolvedDmlNetConfig } from '@dmlnet/model';
import type { AblationVariant } from '@dmlnet/report-core';
import { RunFolder, inferenceSubject, measureFpsInterleaved, type InterleavedFpsOptions } from '@dmlnet/training';

/** A trained model of Table 8 to time: its folder holds run.json (its resolved config) and model/ (runVariant's saveModel). */
export interface TimedModel {
  dataset: string;
  variant: AblationVariant;
  dir: string;
}

/** Table 8's FPS of one dataset and variant: images/s over the rounds of the pass. */
export interface FpsCell {
  dataset: string;
  variant: AblationVariant;
  fps: Spread;
}

/** The pass's settings, recorded with the figures: rounds and calls per round as measureFpsInterleaved takes them. */
export const FPS_PASS: Required<Pick<InterleavedFpsOptions, 'rounds' | 'callsPerRound'>> = { rounds: 9, callsPerRound: 10 };

/**
 * Table 8's FPS column, in one pass after every model has trained: per dataset, its variants' models are loaded and
 * timed interleaved in this process (measureFpsInterleaved: A B C A B C ...), so a machine slowed by another process
 * slows them together, and each gets the median and spread of its rounds. The input is a fixed random batch of the
 * model's size: a convolutional network's time does not depend on the pixel values, and the pass needs no dataset
 * (on a machine that did not train the cells either).
 */
export async function measureAblationFps(models: readonly TimedModel[], options: { batchSize: number; log: (line: string) => void }): Promise<FpsCell[]> {
  const cells: FpsCell[] = [];
  for (const dataset of [...new Set(models.map((m) => m.dataset))]) {
    const group = models.filter((m) => m.dataset === dataset);
    const loaded = await Promise.all(
      group.map(async (m) => {
        const config = RunFolder.open(m.dir).readJson<{ config: { model: ResolvedDmlNetConfig } }>('run.json').config.model;
        const model = createDmlNet(config);
        await loadWeights(model, path.join(m.dir, 'model'), { strict: true });
        const images = tf.randomNormal([options.batchSize, config.inputSize, config.inputSize, 3], 0, 1, 'float32', 0) as tf.Tensor4D;
        return { model, images, subject: inferenceSubject(m.variant, model, images, options.batchSize) };
      }),
    );
    try {
      const rates = await measureFpsInterleaved(loaded.map((l) => l.subject), FPS_PASS);
      for (const m of group) cells.push({ dataset, variant: m.variant, fps: medianAndSpread(rates[m.variant]) });
    } finally {
      for (const l of loaded) {
        l.subject.dispose();
        l.images.dispose();
        l.model.dispose();
      }
    }
    const shown = cells.filter((c) => c.dataset === dataset).map((c) => `${c.variant} ${c.fps.median.toFixed(1)} [${c.fps.q1.toFixed(1)}, ${c.fps.q3.toFixed(1)}]`);
    options.log(`[ablation] FPS on ${dataset}, images/s, median [IQR] of ${FPS_PASS.rounds} interleaved rounds: ${shown.join('; ')}`);
  }
  return cells;
}
