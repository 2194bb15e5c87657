import path from 'node:path';
import type { ResultsReport } from '@dmlnet/report-core';
import { modelSection } from './model-section';
import type { Block, Section } from './report-data';
import type { RunRecord } from './read-run';

/** The command that writes an old run folder's report as blocks (apps/report/src/rebuild.ts). */
const REBUILD = 'npx nx run report:rebuild -- --runs';

/**
 * A run's report as its results.json holds it (the experiment's blocks), checked enough to draw; images point at
 * their files in the run folder until writeSite copies them. An old folder without blocks is an error that names the
 * command that writes them.
 */
function runBlocks(run: RunRecord): { report: ResultsReport; blocks: Block[] } {
  const report = run.results['report'] as ResultsReport | undefined;
  if (report === undefined) {
    throw new Error(`${run.dir}/results.json was written before results were kept as blocks: write them with \`${REBUILD} ${run.dir}\`, then build the report again`);
  }
  if (!Array.isArray(report.blocks)) throw new Error(`${run.dir}/results.json: report.blocks is not a list of blocks`);
  return { report, blocks: report.blocks.map((block) => (block.kind === 'image' ? { ...block, file: path.join(run.dir, block.file) } : block)) };
}

/** The run's own section (its experiment's tables, charts and pictures beside the paper), then one per trained model. */
export function runSections(run: RunRecord, id: string): Section[] {
  const { info } = run;
  const { report, blocks } = runBlocks(run);
  const main: Section = {
    id,
    title: `${info.label}: ${report.title}`,
    level: 1,
    notes: [
      `Profile ${info.profile ?? 'unknown'}, backend ${info.backend}, code ${info.code}${info.startedAt ? `, started ${info.startedAt}` : ''}.`,
      ...report.notes,
      ...(run.modelsListed ? [] : [`Its results.json (from an older dmlnet) does not list its trained models: shown are the ${run.models.length} found in its folder.`]),
    ],
    blocks,
  };
  return [main, ...run.models.map((model, m) => modelSection(`${id}-model-${m}`, info.label, model))];
}
