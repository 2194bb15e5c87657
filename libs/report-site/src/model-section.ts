import { chartBlock, percent, yawLabel, type ChartBlock } from '@dmlnet/report-core';
import { lineGrid } from './line-grid';
import type { Block, Section } from './report-data';
import type { EpochRecord, StepRecord, TrainedModel } from './trained-model';

/** One line per key of the records' values, in the order the records first name them. */
function lines<R>(records: readonly R[], x: (r: R) => number, values: (r: R) => Record<string, number>) {
  const names = [...new Set(records.flatMap((r) => Object.keys(values(r))))];
  return lineGrid(names.map((name) => ({ name, points: records.map((r) => ({ x: x(r), y: values(r)[name] ?? Number.NaN })) })));
}

const stepLosses = (r: StepRecord) => ({ ...r.losses, total: r.total });

/**
 * One trained model: its confusion matrices (Figs. 6-9), FER accuracy per pose, and its training curves from
 * metrics.jsonl (task losses per mini-batch, dynamic weights where ADW trained it, mean losses and training
 * accuracy per epoch).
 */
export function modelSection(id: string, runLabel: string, model: TrainedModel): Section {
  const { evaluation, expressions, poses } = model.result;
  const blocks: Block[] = [chartBlock('fer-confusion', 'FER confusion matrix (rows: actual)', { type: 'confusion', classes: [...expressions], counts: evaluation.ferConfusion.counts })];
  if (evaluation.poseConfusion) {
    blocks.push(chartBlock('pose-confusion', 'Head-pose confusion matrix (rows: actual)', { type: 'confusion', classes: poses.map(yawLabel), counts: evaluation.poseConfusion.counts }));
  }
  blocks.push(
    chartBlock('per-pose', 'FER accuracy per pose (%)', {
      type: 'bars',
      categories: poses.map(yawLabel),
      series: ['this model'],
      values: [poses.map((_, c) => percent(evaluation.perPose.cells[c]?.accuracy))],
      xLabel: 'yaw',
      yLabel: 'FER accuracy (%)',
    }),
  );
  const curve = (chartId: string, title: string, data: ReturnType<typeof lineGrid>, xLabel: string, yLabel: string): ChartBlock =>
    chartBlock(chartId, title, { type: 'lines', ...data, xLabel, yLabel });
  blocks.push(curve('losses', 'Task losses per mini-batch (unweighted)', lines(model.steps, (r) => r.step, stepLosses), 'mini-batch', 'loss'));
  if (model.adw) blocks.push(curve('weights', 'Dynamic weights per mini-batch (ADW, eq. 8)', lines(model.steps, (r) => r.step, (r) => r.weights), 'mini-batch', 'weight'));
  blocks.push(curve('epochs', 'Mean losses per epoch', lines(model.epochs, (r) => r.epoch, (r) => r.meanLosses), 'epoch', 'mean loss'));
  if (model.epochs.some((r) => r.accuracy)) {
    const inPercent = (r: EpochRecord) => Object.fromEntries(Object.entries(r.accuracy ?? {}).map(([task, a]) => [task, 100 * a]));
    blocks.push(curve('accuracy', 'Training accuracy per epoch (%, mini-batches in training mode)', lines(model.epochs, (r) => r.epoch, inPercent), 'epoch', 'accuracy (%)'));
  }
  const fer = percent(evaluation.ferAccuracy);
  const pose = percent(evaluation.poseAccuracy);
  return {
    id,
    title: `${runLabel}: ${model.name}`,
    level: 2,
    notes: [
      `${model.result.dataset}, ${model.result.variant}, seed ${model.result.seed}: FER accuracy ${fer}%${pose === null ? '' : `, pose accuracy ${pose}%`} on ${evaluation.samples} test images; ` +
        `${model.result.training.epochs} epochs, ${model.result.training.steps} mini-batches.`,
    ],
    blocks,
  };
}
