import { lineChart, markdownTable } from '@dmlnet/report';
import { backendInfo } from '@dmlnet/runtime';
import { batchesPerEpoch, type RunFolder, type TrainStepResult } from '@dmlnet/training';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { runVariant } from './run-variant';

export interface LossCurvesOptions extends ExperimentOptions {
  datasets: string[];
  seed: number;
}

/** How each task's loss moved over the first mini-batches: what Fig. 15 shows, as numbers. */
export interface CurveSummary {
  dataset: string;
  adw: boolean;
  task: string;
  steps: number;
  /** Mean loss over the first and the last tenth of the steps. */
  start: number;
  end: number;
  /** end / start: lower fell further. */
  ratio: number;
  /** Mean |step-to-step change| over the mean loss: lower is smoother. */
  roughness: number;
}

function summarise(dataset: string, adw: boolean, task: string, values: number[]): CurveSummary {
  const tenth = Math.max(1, Math.floor(values.length / 10));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const start = mean(values.slice(0, tenth));
  const end = mean(values.slice(-tenth));
  const changes = values.slice(1).map((v, i) => Math.abs(v - values[i]));
  return { dataset, adw, task, steps: values.length, start, end, ratio: end / start, roughness: changes.length ? mean(changes) / mean(values) : 0 };
}

/**
 * Fig. 15: the FER, pose and triplet losses of the first mini-batches, trained with and without ADW (dynamic
 * weights, eq. 8), on each dataset. The curves are the unweighted task losses from metrics.jsonl.
 */
export async function runLossCurves(options: LossCurvesOptions): Promise<{ folder: RunFolder; summary: CurveSummary[] }> {
  const log = experimentLog(options);
  const steps = options.profile.figures.lossCurveSteps;
  const settings = { profile: options.profile.name, datasets: options.datasets, seed: options.seed, steps };
  const experiment = Experiment.start('loss-curves', settings, { runsRoot: options.runsRoot, resume: options.resume, log });
  const rows: { step: number; value: number; series: string; panel: string }[] = [];
  const summary: CurveSummary[] = [];
  for (const dataset of options.datasets) {
    const splits = await openExperimentDataset(options, dataset);
    // Epochs whose mini-batches add up to the steps, with a margin: Algorithm 1 places a few more or fewer each epoch.
    const perEpoch = batchesPerEpoch(splits.train, options.profile.training.tuplesPerBatch, options.seed);
    const epochs = Math.max(1, Math.ceil((steps * 1.1) / Math.max(1, perEpoch)));
    for (const adw of [true, false]) {
      const folder = experiment.subRun(dataset, adw ? 'with-adw' : 'without-adw');
      await runVariant({
        experiment: 'loss-curves',
        splits,
        variant: adw ? 'mfe+hpe+jefl+adw' : 'mfe+hpe+jefl',
        seed: options.seed,
        profile: options.profile,
        folder,
        resume: true,
        // Fig. 15 (sec. 4.6.3) plots all three losses of eq. 7 from the first mini-batch, so neither arm has phase 1:
        // a frozen PC branch and a ramped triplet weight would make both arms' first steps train FER alone.
        trainingOverrides: { epochs, earlyStop: null, poseFrozenEpochs: 0, tripletRampStart: 1 },
        log,
      });
      const records = folder.readMetrics<{ type: string; step: number } & TrainStepResult>().filter((m) => m.type === 'step').slice(0, steps);
      const panel = `${dataset}, ${adw ? 'with' : 'without'} ADW`;
      for (const task of ['fer', 'pose', 'triplet'] as const) {
        const values = records.map((r) => r.losses[task] ?? Number.NaN);
        values.forEach((value, i) => rows.push({ step: records[i].step, value, series: task, panel }));
        summary.push(summarise(dataset, adw, task, values));
      }
    }
  }
  const markdown = [
    '# Fig. 15: the three losses with and without ADW\n',
    `Profile \`${settings.profile}\`, backend ${backendInfo().name}, seed ${options.seed}, the first ${steps} mini-batches; unweighted task losses. ` +
      'The paper shows the curves; the table puts numbers on "more similar and smoother with ADW": end/start (lower fell further) ' +
      'and roughness (mean step-to-step change over the mean; lower is smoother).\n',
    markdownTable(
      ['dataset', 'ADW', 'loss', 'steps', 'start', 'end', 'end/start', 'roughness'],
      summary.map((s) => [s.dataset, s.adw ? 'with' : 'without', s.task, s.steps, Number(s.start.toFixed(4)), Number(s.end.toFixed(4)), Number(s.ratio.toFixed(3)), Number(s.roughness.toFixed(3))]),
    ),
    'Plot: `plots/fig15-loss-curves.svg`.\n',
  ].join('\n');
  await experiment.finish({ figure: 15, steps, summary }, markdown, { 'fig15-loss-curves': lineChart('Fig. 15: task losses with and without ADW', rows, 'loss') }, options.publishTo);
  return { folder: experiment.folder, summary };
}
