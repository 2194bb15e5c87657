import type { CurveSummary } from '@dmlnet/experiments';
import { lineGrid } from './line-grid';
import type { Block, ChartBlock } from './report-data';
import type { RunRecord } from './read-run';
import { rounded, tableBlock } from './table-block';

/**
 * Fig. 15: per dataset and task, the loss over the first mini-batches with and without ADW on one chart, and the
 * numbers that put "more similar and smoother with ADW" to the test.
 */
export function lossCurvesBlocks(run: RunRecord): Block[] {
  const summary = run.results['summary'] as CurveSummary[] | undefined;
  const steps = run.results['steps'] as number | undefined;
  if (!Array.isArray(summary) || typeof steps !== 'number') throw new Error(`${run.dir}/results.json has no summary and steps: not a loss-curves run's results`);
  const charts: ChartBlock[] = [];
  for (const dataset of [...new Set(summary.map((s) => s.dataset))]) {
    const runs = (['with', 'without'] as const).flatMap((adw) => {
      const model = run.models.find((m) => m.name === `${dataset}/${adw}-adw`);
      return model ? [{ series: `${adw} ADW`, steps: model.steps.slice(0, steps) }] : [];
    });
    for (const task of [...new Set(summary.filter((s) => s.dataset === dataset).map((s) => s.task))]) {
      const lines = runs
        .filter((r) => r.steps.some((s) => Number.isFinite(s.losses[task])))
        .map((r) => ({ name: r.series, points: r.steps.map((s) => ({ x: s.step, y: s.losses[task] ?? Number.NaN })) }));
      charts.push({
        kind: 'chart',
        id: `fig15-${dataset}-${task}`,
        title: `Fig. 15: ${task} loss on ${dataset}, first ${steps} mini-batches`,
        chart: { type: 'line', ...lineGrid(lines), xLabel: 'mini-batch', yLabel: `${task} loss` },
      });
    }
  }
  return [
    tableBlock(
      'fig15',
      'Fig. 15: how each loss moved (end/start: lower fell further; roughness: lower is smoother)',
      ['dataset', 'ADW', 'loss', 'steps', 'start', 'end', 'end/start', 'roughness'],
      summary.map((s) => [s.dataset, s.adw ? 'with' : 'without', s.task, s.steps, rounded(s.start, 4), rounded(s.end, 4), rounded(s.ratio, 3), rounded(s.roughness, 3)]),
      3,
    ),
    ...charts,
  ];
}
