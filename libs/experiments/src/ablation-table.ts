import { meanConfidenceInterval, pairedDifference, type Spread } from '@dmlnet/metrics';
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
} from '@dmlnet/report';
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

/** One cell group of Table 8: a dataset and variant, this run beside the paper. */
export interface AblationRow {
  dataset: string;
  variant: AblationVariant;
  label: string;
  poseAccuracy: SeedSummary | null;
  ferAccuracy: SeedSummary;
  /** Images/s in the FPS pass after training (measureAblationFps): median, quartiles and range of its rounds. */
  fps: Spread;
  /** FER accuracy gain over the variant before it, paired by seed (percentage points); needs 2+ seeds. */
  ferGainOverPrevious: SeedSummary | null;
  paper: { poseAcc: number | null; ferAcc: number; fps: number } | null;
}

function summarise(values: number[]): SeedSummary {
  if (values.length < 2) return { seeds: values.length, mean: round(values[0]), lower: null, upper: null };
  const ci = meanConfidenceInterval(values);
  return { seeds: values.length, mean: round(ci.mean), lower: round(ci.lower), upper: round(ci.upper) };
}

const round = (v: number) => Number(v.toFixed(2));

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
      let gain: SeedSummary | null = null;
      if (previous && runs.length >= 2) {
        const before = new Map(previous.map((r) => [r.seed, r.evaluation.ferAccuracy * 100]));
        const paired = runs.filter((r) => before.has(r.seed));
        if (paired.length >= 2) {
          const diff = pairedDifference(paired.map((r) => r.evaluation.ferAccuracy * 100), paired.map((r) => before.get(r.seed) as number));
          gain = { seeds: diff.n, mean: round(diff.mean), lower: round(diff.lower), upper: round(diff.upper) };
        }
      }
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
        ferGainOverPrevious: gain,
        paper: family in TABLE8_DATASETS ? paperAblation(family as AblationDataset, variant) : null,
      });
      previous = runs;
    }
  }
  return rows;
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
  const blocks: Block[] = datasets.map((dataset) =>
    tableBlock(
      `table8-${dataset}`,
      `Table 8 on ${dataset}`,
      ['method', 'pose acc. (%)', 'pose 95% CI', 'FER acc. (%)', 'FER 95% CI', 'FER gain vs previous (pp)', 'gain 95% CI', 'FPS', 'FPS IQR', 'paper: pose', 'paper: FER', 'paper: FPS'],
      rows
        .filter((r) => r.dataset === dataset)
        .map((r) => [
          r.label,
          mean(r.poseAccuracy),
          interval(r.poseAccuracy),
          mean(r.ferAccuracy),
          interval(r.ferAccuracy),
          mean(r.ferGainOverPrevious),
          interval(r.ferGainOverPrevious),
          rounded(r.fps.median, 1),
          quartiles(r.fps),
          r.paper?.poseAcc ?? null,
          r.paper?.ferAcc ?? null,
          r.paper?.fps ?? null,
        ]),
    ),
  );
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
        'Accuracy in percent; with several seeds, the mean and its 95% Student t interval, and each step\'s FER gain over the step before it, paired by seed. ' +
        `FPS: inference images/s at batch size ${context.fpsBatchSize} on this machine, timed after training with each dataset's variants ` +
        'measured in turn (A B C A B C ...) in one process so the noise of other processes moves them together: the median of the rounds and their interquartile range.',
    ],
    blocks,
  };
}
