import fs from 'node:fs';
import path from 'node:path';
import { chartBlock, rounded, tableBlock, type Block, type ResultsReport } from '@dmlnet/report-core';
import { backendInfo } from '@dmlnet/runtime';
import { RunFolder, type TrainStepResult } from '@dmlnet/training';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { checkSomethingToTrain } from './nothing-to-train';
import { runVariant } from './run-variant';

export interface LossCurvesOptions extends ExperimentOptions {
  datasets: string[];
  seed: number;
}

/** The tasks of eq. 7 whose losses Fig. 15 follows. */
const CURVE_TASKS = ['fer', 'pose', 'triplet'] as const;

/** How each task's loss moved over the first mini-batches: what Fig. 15 shows, as numbers. */
export interface CurveSummary {
  dataset: string;
  adw: boolean;
  task: string;
  /** Steps that logged this task's loss. */
  steps: number;
  /** Mean loss over the first and the last tenth of the steps. */
  start: number;
  end: number;
  /** end / start: lower fell further; null when the loss starts at 0 (no ratio). */
  ratio: number | null;
  /** Mean |step-to-step change| over the mean loss: lower is smoother; null when the loss is 0 throughout. */
  roughness: number | null;
}

/** One arm of Fig. 15 on one dataset: each task's unweighted loss at mini-batches 1, 2, ... (index 0 is step 1). */
export interface LossCurve {
  dataset: string;
  adw: boolean;
  losses: Record<string, (number | null)[]>;
}

function summarise(dataset: string, adw: boolean, task: string, logged: readonly (number | null)[]): CurveSummary {
  const values = logged.filter((v): v is number => v !== null);
  const tenth = Math.max(1, Math.floor(values.length / 10));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const start = mean(values.slice(0, tenth));
  const end = mean(values.slice(-tenth));
  const changes = values.slice(1).map((v, i) => Math.abs(v - values[i]));
  const level = mean(values);
  return { dataset, adw, task, steps: values.length, start, end, ratio: start > 0 ? end / start : null, roughness: changes.length === 0 ? 0 : level > 0 ? mean(changes) / level : null };
}

/** The sub-run of one arm: <run>/<dataset>/with-adw or without-adw. */
/** An arm's folder under the run's: <dataset>/with-adw or <dataset>/without-adw. */
const armParts = (dataset: string, adw: boolean) => [dataset, adw ? 'with-adw' : 'without-adw'];
const armFolder = (runDir: string, dataset: string, adw: boolean) => path.join(runDir, ...armParts(dataset, adw));

/** Fig. 15's curves from the arms' metrics.jsonl: the first `steps` mini-batches of each. */
export function readLossCurves(runDir: string, datasets: readonly string[], steps: number): LossCurve[] {
  return datasets.flatMap((dataset) =>
    [true, false].map((adw) => {
      const dir = armFolder(runDir, dataset, adw);
      if (!fs.existsSync(dir)) throw new Error(`${dir} is missing: the loss-curves run did not train this arm`);
      const records = RunFolder.at(dir).readMetrics<{ type: string } & TrainStepResult>().filter((m) => m.type === 'step').slice(0, steps);
      return { dataset, adw, losses: Object.fromEntries(CURVE_TASKS.map((task) => [task, records.map((r) => r.losses[task] ?? null)])) };
    }),
  );
}

/** Each curve's start, end, ratio and roughness, per dataset, arm and task that has a loss. */
export function lossCurvesSummary(curves: readonly LossCurve[]): CurveSummary[] {
  return curves.flatMap((curve) =>
    CURVE_TASKS.filter((task) => curve.losses[task]?.some((v) => v !== null)).map((task) => summarise(curve.dataset, curve.adw, task, curve.losses[task])),
  );
}

/**
 * Fig. 15 as blocks: the numbers that put "more similar and smoother with ADW" to the test, then one chart per
 * dataset and arm with the three losses, as the paper's panels (a)-(d). Built from results.json's data alone.
 */
export function lossCurvesReport(curves: readonly LossCurve[], steps: number, context: { profile: string; backend: string; seed: number }): ResultsReport {
  const summary = lossCurvesSummary(curves);
  const blocks: Block[] = [
    tableBlock(
      'fig15',
      'Fig. 15: how each loss moved',
      ['dataset', 'ADW', 'loss', 'steps', 'start', 'end', 'end/start', 'roughness'],
      summary.map((s) => [s.dataset, s.adw ? 'with' : 'without', s.task, s.steps, rounded(s.start, 4), rounded(s.end, 4), rounded(s.ratio, 3), rounded(s.roughness, 3)]),
      { keyColumns: 3, notes: ['start and end: mean loss over the first and the last tenth of the steps; end/start: lower fell further; roughness: mean step-to-step change over the mean loss, lower is smoother.'] },
    ),
  ];
  for (const curve of curves) {
    const tasks = CURVE_TASKS.filter((task) => curve.losses[task]?.some((v) => v !== null));
    blocks.push(
      chartBlock(`fig15-${curve.dataset}-${curve.adw ? 'with' : 'without'}-adw`, `Fig. 15: ${curve.dataset}, trained ${curve.adw ? 'with' : 'without'} ADW`, {
        type: 'lines',
        series: [...tasks],
        // x = the mini-batch number: step 1 at x = 1.
        values: tasks.map((task) => [null, ...curve.losses[task]]),
        xLabel: 'mini-batch',
        yLabel: 'unweighted loss',
      }),
    );
  }
  return {
    title: 'Fig. 15: the three losses with and without ADW',
    notes: [
      `Profile \`${context.profile}\`, backend ${context.backend}, seed ${context.seed}, the first ${steps} mini-batches; unweighted task losses. ` +
        'The paper shows the curves; the table puts numbers on its "more similar and smoother with ADW".',
    ],
    blocks,
  };
}

/**
 * Fig. 15: the FER, pose and triplet losses of the first mini-batches, trained with and without ADW (dynamic
 * weights, eq. 8), on each dataset. The curves are the unweighted task losses from metrics.jsonl.
 */
export async function runLossCurves(options: LossCurvesOptions): Promise<{ folder: RunFolder; summary: CurveSummary[] }> {
  const log = experimentLog(options);
  const steps = options.profile.figures.lossCurveSteps;
  const settings = { profile: options.profile.name, datasets: options.datasets, seed: options.seed, steps };
  checkSomethingToTrain('loss-curves', { datasets: options.datasets });
  const experiment = Experiment.start('loss-curves', settings, { runsRoot: options.runsRoot, resume: options.resume, profile: options.profile, log });
  for (const dataset of options.datasets) {
    const splits = await openExperimentDataset(options, dataset);
    // Epochs whose mini-batches add up to the steps, with a margin: Algorithm 1 places a few more or fewer each epoch.
    const perEpoch = splits.train.batchesPerEpoch({ ...options.profile.training, seed: options.seed });
    const epochs = Math.max(1, Math.ceil((steps * 1.1) / Math.max(1, perEpoch)));
    for (const adw of [true, false]) {
      await runVariant({
        experiment: 'loss-curves',
        splits,
        variant: adw ? 'mfe+hpe+jefl+adw' : 'mfe+hpe+jefl',
        seed: options.seed,
        profile: options.profile,
        folder: experiment.subRun(...armParts(dataset, adw)),
        resume: true,
        // Fig. 15 (sec. 4.6.3) plots all three losses of eq. 7 from the first mini-batch, so neither arm has phase 1:
        // a frozen PC branch and a ramped triplet weight would make both arms' first steps train FER alone.
        trainingOverrides: { epochs, earlyStop: null, poseFrozenEpochs: 0, tripletRampStart: 1 },
        log,
      });
    }
  }
  const curves = readLossCurves(experiment.folder.dir, options.datasets, steps);
  const report = lossCurvesReport(curves, steps, { profile: settings.profile, backend: backendInfo().name, seed: options.seed });
  const summary = lossCurvesSummary(curves);
  await experiment.finish({ figure: 15, steps, summary, curves }, report, options.publishTo);
  return { folder: experiment.folder, summary };
}
