import { classMean, type CrossDatabaseEvaluation } from '@dmlnet/experiments';
import { paperCrossDatabase, percent } from '@dmlnet/report';
import type { Block } from './report-data';
import type { RunRecord } from './read-run';
import { tableBlock } from './table-block';

/** Table 9: per-class accuracy on the target's test split, each seed beside the paper's DML-Net row. */
export function crossDbBlocks(run: RunRecord): Block[] {
  const evaluations = run.results['evaluations'] as CrossDatabaseEvaluation[] | undefined;
  if (!Array.isArray(evaluations) || evaluations.length === 0) throw new Error(`${run.dir}/results.json has no evaluations: not a cross-database run's results`);
  const seeds = (run.settings['seeds'] as number[] | undefined) ?? evaluations.map((_, i) => i);
  const [first] = evaluations;
  const paper = paperCrossDatabase();
  return [
    tableBlock(`table9`, `Table 9: ${first.source} → ${first.target}, accuracy (%) per class and their mean (${first.excludedImages} test images of classes ${first.source} lacks left out)`, ['', ...first.sharedClasses, 'mean'], [
      ...evaluations.map((e, i) => [`this run, seed ${seeds[i]}`, ...e.perClass.cells.map((c) => (c.total > 0 ? percent(c.accuracy) : null)), percent(classMean(e))]),
      ['paper (DML-Net)', ...first.sharedClasses.map((code) => paper.perExpression[code] ?? null), paper.average],
    ]),
  ];
}
