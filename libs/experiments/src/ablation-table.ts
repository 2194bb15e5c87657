import { binomialStandardError, meanConfidenceInterval, minimumDetectableDifference, pairedDifference, stepVerdict, type Spread, type StepVerdict } from '@dmlnet/metrics';
import {
  ABLATION_VARIANTS,
  TABLE8_DATASETS,
  chartBlock,
  datasetFamily,
  paperAblation,
  rounded,
  tableBlock,
  type AblationDataset,
  type AblationVariant,
  type Block,
  type Cell,
  type ResultsReport,
} from '@dmlnet/report-core';
import type { FpsCell } from './ablation-fps';
import type { VariantResult } from './run-variant';
import { VARIANT_LABELS } from './variants';

/** A metric over seeds, in percent: the mean, and with 2+ seeds its 95% Student t interval. */
export interface SeedSummary {
  seeds: number;
  mean: number;
  lower: number | null;
  upper: number | null;
}

/**
 * An ablation step's change over the variant before it, paired by seed (percentage points): the mean and 95% t
 * interval, the verdict the interval gives, and the smallest true change these seeds detect with 80% power.
 */
export interface StepChange extends SeedSummary {
  lower: number;
  upper: number;
  verdict: StepVerdict;
  minimumDetectable: number;
}

/** One cell group of Table 8: a dataset and variant, this run beside the paper. */
export interface AblationRow {
  dataset: string;
  variant: AblationVariant;
  label: string;
  poseAccuracy: SeedSummary | null;
  ferAccuracy: SeedSummary;
  /** Images/s in the FPS pass after training (measureAblationFps): median, quartiles and range of its rounds. */
  fps: Spread;
  /** Test images each seed's model is scored on (the split is fixed per dataset, so the same for every seed). */
  testImages: number;
  /** The binomial standard error of one seed's FER accuracy at the mean accuracy, percentage points. */
  ferStandardError: number;
  /** FER accuracy change over the variant before it, paired by seed; needs 2+ seeds (runs before issue 12 lack the
   * verdict and power). */
  ferGainOverPrevious: StepChange | null;
  /** Pose accuracy change over the variant before it where both have HPE, paired by seed; needs 2+ seeds. */
  poseGainOverPrevious?: StepChange | null;
  paper: { poseAcc: number | null; ferAcc: number; fps: number } | null;
}

function summarise(values: number[]): SeedSummary {
  if (values.length < 2) return { seeds: values.length, mean: round(values[0]), lower: null, upper: null };
  const ci = meanConfidenceInterval(values);
  return { seeds: values.length, mean: round(ci.mean), lower: round(ci.lower), upper: round(ci.upper) };
}

const round = (v: number) => Number(v.toFixed(2));

/** variant - previous over the seeds both ran (fractions in, percentage points out); null with fewer than 2. */
function stepChange(runs: readonly VariantResult[], previous: readonly VariantResult[], metric: (r: VariantResult) => number | null): StepChange | null {
  const before = new Map(previous.map((r) => [r.seed, metric(r)]));
  const paired = runs.filter((r) => metric(r) !== null && before.get(r.seed) != null);
  if (paired.length < 2) return null;
  const diff = pairedDifference(paired.map((r) => (metric(r) as number) * 100), paired.map((r) => (before.get(r.seed) as number) * 100));
  return {
    seeds: diff.n,
    mean: round(diff.mean),
    lower: round(diff.lower),
    upper: round(diff.upper),
    verdict: stepVerdict(diff),
    minimumDetectable: round(minimumDetectableDifference(diff.standardDeviation, diff.n)),
  };
}

/**
 * Table 8 from every variant run and the FPS pass: rows in the paper's order, seeds paired for the step-over-step
 * gains. Throws naming a dataset and variant the pass did not time.
 */
export function ablationRows(results: readonly VariantResult[], fps: readonly FpsCell[]): AblationRow[] {
  const datasets = [...new Set(results.map((r) => r.dataset))];
  const rows: AblationRow[] = [];
  for (const dataset of datasets) {
    let previous: VariantResult[] | null = null;
    for (const variant of ABLATION_VARIANTS) {
      const runs = results.filter((r) => r.dataset === dataset && r.variant === variant).sort((a, b) => a.seed - b.seed);
      if (runs.length === 0) continue;
      const fer = runs.map((r) => r.evaluation.ferAccuracy * 100);
      const pose = runs.map((r) => r.evaluation.poseAccuracy);
      const testImages = runs[0].evaluation.samples;
      const meanFer = fer.reduce((sum, v) => sum + v, 0) / fer.length;
      const family = datasetFamily(dataset);
      const timed = fps.find((f) => f.dataset === dataset && f.variant === variant);
      if (timed === undefined) throw new Error(`Table 8: ${dataset} ${variant} was not timed in the FPS pass`);
      rows.push({
        dataset,
        variant,
        label: VARIANT_LABELS[variant],
        poseAccuracy: pose.every((p) => p !== null) ? summarise(pose.map((p) => (p as number) * 100)) : null,
        ferAccuracy: summarise(fer),
        fps: timed.fps,
        testImages,
        ferStandardError: round(binomialStandardError(meanFer / 100, testImages) * 100),
        ferGainOverPrevious: previous === null ? null : stepChange(runs, previous, (r) => r.evaluation.ferAccuracy),
        poseGainOverPrevious: previous === null ? null : stepChange(runs, previous, (r) => r.evaluation.poseAccuracy),
        paper: family in TABLE8_DATASETS ? paperAblation(family as AblationDataset, variant) : null,
      });
      previous = runs;
    }
  }
  return rows;
}

/**
 * A step of the ablation by the two variants it compares, e.g. "MFE -> MFE+HPE": the row before it on its dataset,
 * as ablationRows paired them (a run of baseline and MFE+HPE alone compares those two).
 */
function stepLabel(rows: readonly AblationRow[], row: AblationRow): string {
  const of = rows.filter((r) => r.dataset === row.dataset);
  return `${of[of.indexOf(row) - 1].label} -> ${row.label}`;
}

/**
 * One line per ablation step with 2+ seeds, for the log: e.g. "synthetic-kdef MFE -> MFE+HPE: FER +2.1 [-1.0, 5.2]
 * no detectable difference (detectable: 6.3); pose +40.0 [35.1, 44.9] gain (detectable: 7.0)".
 */
export function stepLines(rows: readonly AblationRow[]): string[] {
  const say = (name: string, c: StepChange) =>
    `${name} ${c.mean >= 0 ? '+' : ''}${c.mean.toFixed(1)} ${interval(c)} ${c.verdict} (detectable: ${c.minimumDetectable.toFixed(1)})`;
  return rows.flatMap((r) => {
    if (r.ferGainOverPrevious == null) return [];
    const pose = r.poseGainOverPrevious == null ? '' : `; ${say('pose', r.poseGainOverPrevious)}`;
    return [`${r.dataset} ${stepLabel(rows, r)}: ${say('FER', r.ferGainOverPrevious)}${pose}`];
  });
}

const mean = (s: SeedSummary | null): Cell => rounded(s?.mean, 1);
// A run from before the FPS pass kept a mean over seeds only: its FPS cells are '-'.
const quartiles = (s: Spread): Cell => (s.q1 === undefined ? null : `[${s.q1.toFixed(1)}, ${s.q3.toFixed(1)}]`);
const interval = (s: SeedSummary | null): Cell => (s === null || s.lower === null || s.upper === null ? null : `[${s.lower.toFixed(1)}, ${s.upper.toFixed(1)}]`);

/**
 * Table 8 as blocks: per dataset, this run's pose accuracy, FER accuracy and FPS (means over seeds, 95% intervals,
 * the paired FER gain of each step) beside the paper's; then the whole table in the paper's own layout (a row per
 * variant, per dataset the pose, FER and FPS columns) with the paper's rows under ours; then FER accuracy as bars.
 * Built from results.json's `rows` alone, so an old run's report can be rebuilt.
 */
export function ablationReport(rows: readonly AblationRow[], context: { profile: string; backend: string; fpsBatchSize: number }): ResultsReport {
  const datasets = [...new Set(rows.map((r) => r.dataset))];
  const seeds = Math.max(...rows.map((r) => r.ferAccuracy.seeds));
  const blocks: Block[] = datasets.map((dataset) => {
    const of = rows.filter((r) => r.dataset === dataset);
    const testImages = [...new Set(of.map((r) => r.testImages).filter((n) => n !== undefined))];
    const errors = of.map((r) => r.ferStandardError).filter((e) => e !== undefined);
    return tableBlock(
      `table8-${dataset}`,
      `Table 8 on ${dataset}`,
      ['method', 'pose acc. (%)', 'pose 95% CI', 'FER acc. (%)', 'FER 95% CI', 'FER gain vs previous (pp)', 'gain 95% CI', 'verdict', 'FPS', 'FPS IQR', 'paper: pose', 'paper: FER', 'paper: FPS'],
      of.map((r) => [
        r.label,
        mean(r.poseAccuracy),
        interval(r.poseAccuracy),
        mean(r.ferAccuracy),
        interval(r.ferAccuracy),
        mean(r.ferGainOverPrevious),
        interval(r.ferGainOverPrevious),
        r.ferGainOverPrevious?.verdict ?? null,
        rounded(r.fps.median, 1),
        quartiles(r.fps),
        r.paper?.poseAcc ?? null,
        r.paper?.ferAcc ?? null,
        r.paper?.fps ?? null,
      ]),
      testImages.length === 0
        ? undefined
        : {
            notes: [
              `${testImages.join(', ')} test images per seed; the binomial standard error of one seed's FER accuracy is ` +
                `${[...new Set([Math.min(...errors), Math.max(...errors)].map((e) => e.toFixed(1)))].join('-')} points at the accuracies seen.`,
            ],
          },
    );
  });
  const steps = rows.filter((r) => r.ferGainOverPrevious?.verdict !== undefined);
  if (steps.length > 0) {
    const change = (c: StepChange | null | undefined): Cell[] =>
      c == null ? [null, null, null, null] : [rounded(c.mean, 1), interval(c), c.verdict, rounded(c.minimumDetectable, 1)];
    blocks.unshift(
      tableBlock(
        'table8-verdicts',
        'Table 8: what each step changes, paired by seed',
        ['dataset', 'step', 'FER change (pp)', 'FER 95% CI', 'FER verdict', 'FER detectable (pp)', 'pose change (pp)', 'pose 95% CI', 'pose verdict', 'pose detectable (pp)'],
        steps.map((r) => [r.dataset, stepLabel(rows, r), ...change(r.ferGainOverPrevious), ...change(r.poseGainOverPrevious)]),
        {
          keyColumns: 2,
          notes: [
            'Change: the variant minus the step before it, seed by seed, in percentage points; its 95% Student t interval; the verdict is ' +
              '"gain" when the whole interval is above 0, "loss" when below, else "no detectable difference". Detectable: the smallest true ' +
              'change a paired t test on these seeds finds with 80% power at the 5% level, from the spread of the differences seen ' +
              '((t_.975 + t_.8) s / sqrt(n)). Seeds vary the initial weights and the order of the five-tuples (and augmentation where the ' +
              'profile augments); the split into train and test people is fixed per dataset.',
          ],
        },
      ),
    );
  }
  const variants = ABLATION_VARIANTS.filter((v) => rows.some((r) => r.variant === v));
  const cell = (dataset: string, variant: AblationVariant) => rows.find((r) => r.dataset === dataset && r.variant === variant);
  blocks.push(
    tableBlock(
      'table8',
      "Table 8 in the paper's layout",
      ['method', 'source', ...datasets.flatMap((d) => [`${d}: pose acc.`, `${d}: FER acc.`, `${d}: FPS`])],
      variants.flatMap((variant) => [
        [VARIANT_LABELS[variant], 'this run', ...datasets.flatMap((d) => [mean(cell(d, variant)?.poseAccuracy ?? null), mean(cell(d, variant)?.ferAccuracy ?? null), rounded(cell(d, variant)?.fps.median, 1)])],
        [VARIANT_LABELS[variant], 'paper', ...datasets.flatMap((d) => {
          const paper = cell(d, variant)?.paper ?? null;
          return [paper?.poseAcc ?? null, paper?.ferAcc ?? null, paper?.fps ?? null];
        })],
      ]),
      {
        keyColumns: 2,
        notes: [
          `This run: means over ${seeds} seed(s). Paper: ResNet-50 on a GTX 1070 Ti; its column groups are KDEF, BU-3DFE and Multi-PIE, ` +
            `here ${datasets.map((d) => `${d} (paper: ${TABLE8_DATASETS[datasetFamily(d) as AblationDataset] ?? 'none'})`).join(', ')}.`,
        ],
      },
    ),
    chartBlock('ablation-fer', 'Table 8: FER accuracy by ablation step', {
      type: 'bars',
      categories: rows.map((r) => `${r.dataset} ${r.label}`),
      series: ['this run', 'paper'],
      values: [rows.map((r) => r.ferAccuracy.mean), rows.map((r) => r.paper?.ferAcc ?? null)],
      xLabel: '',
      yLabel: 'FER accuracy (%)',
    }),
  );
  return {
    title: 'Table 8: ablation of DML-Net',
    notes: [
      `This run (profile \`${context.profile}\`, backend ${context.backend}, ${seeds} seed(s) per cell) beside the paper (ResNet-50 on a GTX 1070 Ti). ` +
        'Accuracy in percent; with several seeds, the mean and its 95% Student t interval, and each step\'s change over the step before it, paired by seed, with its verdict. ' +
        `FPS: inference images/s at batch size ${context.fpsBatchSize} on this machine, timed after training with each dataset's variants ` +
        'measured in turn (A B C A B C ...) in one process so the noise of other processes moves them together: the median of the rounds and their interquartile range.',
    ],
    blocks,
  };
}
