import fs from 'node:fs';
import { renderPlots, resultsMarkdown, type ResultsReport } from '@dmlnet/report';
import type { RunFolder } from '@dmlnet/training';

/**
 * An experiment's result files, all from its one report: results.json (the data given, with the report under
 * `report`), results.md and plots/<id>.svg|png of every chart block. An image block's file must already be in the
 * folder.
 */
export async function writeResultsFiles(folder: RunFolder, results: Record<string, unknown>, report: ResultsReport): Promise<void> {
  for (const block of report.blocks) {
    if (block.kind === 'image' && !fs.existsSync(folder.path(block.file))) throw new Error(`image ${block.id} names ${block.file}, which is not in ${folder.dir}`);
  }
  folder.writeJson('results.json', { ...results, report });
  folder.writeText('results.md', resultsMarkdown(report));
  await renderPlots(report, folder.dir);
}
