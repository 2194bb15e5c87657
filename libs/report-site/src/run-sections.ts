import { ablationBlocks } from './ablation-blocks';
import { crossDbBlocks } from './cross-db-blocks';
import { datasetTablesBlocks } from './dataset-tables-blocks';
import { embeddingsBlocks } from './embeddings-blocks';
import { lossCurvesBlocks } from './loss-curves-blocks';
import { modelSection } from './model-section';
import type { Block, Section } from './report-data';
import type { RunRecord } from './read-run';

/** Each experiment's own tables and charts, by the experiment's name in run.json. */
const EXPERIMENTS: { matches: (name: string) => boolean; what: string; blocks: (run: RunRecord) => Block[] }[] = [
  { matches: (n) => n === 'ablation', what: 'Table 8', blocks: ablationBlocks },
  { matches: (n) => n.startsWith('tables-'), what: 'Tables 2-7 and Figs. 6-9', blocks: datasetTablesBlocks },
  { matches: (n) => n === 'cross-db', what: 'Table 9', blocks: crossDbBlocks },
  { matches: (n) => n === 'embeddings', what: 'Figs. 10-13', blocks: embeddingsBlocks },
  { matches: (n) => n === 'loss-curves', what: 'Fig. 15', blocks: lossCurvesBlocks },
];

/** The run's own section (its tables beside the paper, its experiment's charts), then one section per trained model. */
export function runSections(run: RunRecord, id: string): Section[] {
  const experiment = EXPERIMENTS.find((e) => e.matches(run.experiment));
  if (!experiment) {
    throw new Error(`${run.dir}: the report does not know the experiment '${run.experiment}'; it knows ablation, tables-<dataset>, cross-db, embeddings and loss-curves`);
  }
  const { info } = run;
  const main: Section = {
    id,
    title: `${info.label} (${experiment.what})`,
    level: 1,
    notes: [
      `Profile ${info.profile ?? 'unknown'}, backend ${info.backend}, code ${info.code}${info.startedAt ? `, started ${info.startedAt}` : ''}.`,
      "Accuracy in percent; a 'paper' column or row holds the paper's number for the same cell, '-' where the paper has none.",
    ],
    blocks: experiment.blocks(run),
  };
  return [main, ...run.models.map((model, m) => modelSection(`${id}-model-${m}`, info.label, model))];
}
