import type { AblationRow, SeedSummary } from '@dmlnet/experiments';
import type { Block } from './report-data';
import type { RunRecord } from './read-run';
import { rounded, tableBlock } from './table-block';

const interval = (s: SeedSummary | null) => (s === null || s.lower === null || s.upper === null ? null : `[${s.lower.toFixed(1)}, ${s.upper.toFixed(1)}]`);
const mean = (s: SeedSummary | null) => rounded(s?.mean, 1);

/** Table 8, one table per dataset: this run's pose accuracy, FER accuracy and FPS beside the paper's. */
export function ablationBlocks(run: RunRecord): Block[] {
  const rows = run.results['rows'] as AblationRow[] | undefined;
  if (!Array.isArray(rows)) throw new Error(`${run.dir}/results.json has no rows: not an ablation's results`);
  return [...new Set(rows.map((r) => r.dataset))].map((dataset) =>
    tableBlock(
      `table8-${dataset}`,
      `Table 8: ablation on ${dataset}`,
      ['method', 'pose acc. (%)', 'paper', 'FER acc. (%)', 'FER 95% CI', 'paper', 'FER gain vs previous (pp)', 'FPS', 'paper'],
      rows
        .filter((r) => r.dataset === dataset)
        .map((r) => [
          r.label,
          mean(r.poseAccuracy),
          r.paper?.poseAcc ?? null,
          mean(r.ferAccuracy),
          interval(r.ferAccuracy),
          r.paper?.ferAcc ?? null,
          mean(r.ferGainOverPrevious),
          mean(r.fps),
          r.paper?.fps ?? null,
        ]),
    ),
  );
}
