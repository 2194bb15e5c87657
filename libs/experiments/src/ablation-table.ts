import { meanConfidenceInterval, pairedDifference } from '@dmlnet/metrics';
import {
  ABLATION_VARIANTS,
  TABLE8_DATASETS,
  datasetFamily,
  groupedBarChart,
  markdownTable,
  paperAblation,
  type AblationDataset,
  type AblationVariant,
} from '@dmlnet/report';
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
  fps: SeedSummary;
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

/** Table 8 from every variant run: rows in the paper's order, seeds paired for the step-over-step gains. */
export function ablationRows(results: readonly VariantResult[]): AblationRow[] {
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
      rows.push({
        dataset,
        variant,
        label: VARIANT_LABELS[variant],
        poseAccuracy: pose.every((p) => p !== null) ? summarise(pose.map((p) => (p as number) * 100)) : null,
        ferAccuracy: summarise(fer),
        fps: summarise(runs.map((r) => r.fps.imagesPerSecond)),
        ferGainOverPrevious: gain,
        paper: family in TABLE8_DATASETS ? paperAblation(family as AblationDataset, variant) : null,
      });
      previous = runs;
    }
  }
  return rows;
}

function cell(summary: SeedSummary | null): string {
  if (summary === null) return '-';
  return summary.lower === null ? `${summary.mean.toFixed(1)}` : `${summary.mean.toFixed(1)} [${summary.lower.toFixed(1)}, ${summary.upper?.toFixed(1)}]`;
}

/** Table 8 in markdown: per dataset, this run's pose accuracy, FER accuracy and FPS beside the paper's. */
export function ablationMarkdown(rows: readonly AblationRow[], context: { profile: string; backend: string; fpsBatchSize: number }): string {
  const parts = [
    '# Table 8: ablation of DML-Net\n',
    `This run (profile \`${context.profile}\`, backend ${context.backend}) beside the paper (ResNet-50 on a GTX 1070 Ti). ` +
      'Accuracy in percent; with several seeds, the mean and its 95% interval. ' +
      `FPS: inference images/s at batch size ${context.fpsBatchSize} on this machine.\n`,
  ];
  for (const dataset of [...new Set(rows.map((r) => r.dataset))]) {
    const group = rows.filter((r) => r.dataset === dataset);
    parts.push(`## ${dataset}\n`);
    parts.push(
      markdownTable(
        ['method', 'pose acc.', 'paper', 'FER acc.', 'paper', 'FER gain vs previous', 'FPS', 'paper'],
        group.map((r) => [
          r.label,
          cell(r.poseAccuracy),
          r.paper?.poseAcc ?? null,
          cell(r.ferAccuracy),
          r.paper?.ferAcc ?? null,
          cell(r.ferGainOverPrevious),
          cell(r.fps),
          r.paper?.fps ?? null,
        ]),
      ),
    );
  }
  return parts.join('\n');
}

/** FER accuracy per variant and dataset, this run beside the paper, as grouped bars. */
export function ablationChart(rows: readonly AblationRow[]) {
  return groupedBarChart(
    'Table 8: FER accuracy by ablation step',
    rows.flatMap((r) => [
      { category: `${r.dataset} ${r.label}`, series: 'this run', value: r.ferAccuracy.mean },
      { category: `${r.dataset} ${r.label}`, series: 'paper', value: r.paper?.ferAcc ?? null },
    ]),
    'FER accuracy (%)',
  );
}
