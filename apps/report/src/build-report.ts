import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspaceRoot } from '@dmlnet/files';
import { buildReportData, writeSite, type ReportData } from '@dmlnet/report-site';

/** Where `build` writes the report and `serve` serves it from, unless told otherwise. */
export const DEFAULT_REPORT_FOLDER = path.join(workspaceRoot(), 'experiments', 'results', 'report');

const PAGE_ENTRY = fileURLToPath(new URL('./page/main.ts', import.meta.url));

/** Reads the run folders and writes the self-contained report folder (index.html, data.js, report.js). */
export async function buildReport(options: { runs: readonly string[]; out: string; title?: string }): Promise<{ out: string; data: ReportData }> {
  const data = buildReportData(options.runs, { title: options.title });
  const { out } = await writeSite({ data, pageEntry: PAGE_ENTRY, out: options.out });
  return { out, data };
}
