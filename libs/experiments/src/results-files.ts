import fs from 'node:fs';
import { renderPlots, resultsMarkdown, type ResultsReport } from '@dmlnet/report-core';
import type { RunFolder } from '@dmlnet/training';

/**
 * An experiment's result files, all from its one report: results.json (the data given, with the report under
 * `report`), results.md and plots/<id>.svg|png of every chart block. An image block's file must already be in the
 * folder. Throws, naming the field, on a NaN or infinite number anywhere in the results (JSON would turn it into a
 * null that reads as "no value"): a metric must give its defined value or null.
 */
export async function writeResultsFiles(folder: RunFolder, results: Record<string, unknown>, report: ResultsReport): Promise<void> {
  for (const block of report.blocks) {
    if (block.kind === 'image' && !fs.existsSync(folder.path(block.file))) throw new Error(`image ${block.id} names ${block.file}, which is not in ${folder.dir}`);
  }
  const bad = nonFiniteNumber(results, '');
  if (bad) throw new Error(`${folder.path('results.json')}: ${bad.path} is ${bad.value}: expected a finite number, or null where there is no value`);
  folder.writeJson('results.json', { ...results, report });
  folder.writeText('results.md', resultsMarkdown(report));
  await renderPlots(report, folder.dir);
}

/** The first NaN or infinite number inside a JSON-bound value, with its path (`rows[3].fps.mean`); undefined if none. */
export function nonFiniteNumber(value: unknown, at: string): { path: string; value: number } | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path: at || '(the value)', value };
  if (value === null || typeof value !== 'object') return undefined;
  if (ArrayBuffer.isView(value)) return nonFiniteNumber(Array.from(value as unknown as ArrayLike<number>), at);
  for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const found = nonFiniteNumber(item, Array.isArray(value) ? `${at}[${key}]` : at ? `${at}.${key}` : String(key));
    if (found) return found;
  }
  return undefined;
}
