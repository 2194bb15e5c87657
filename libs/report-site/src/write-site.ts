import fs from 'node:fs';
import path from 'node:path';
import { bundlePage } from './bundle-page';
import type { ReportData } from './report-data';
import { siteHtml } from './site-html';

/** The global the data file sets and the page reads: a script, not a fetch, so index.html also opens from disk. */
const REPORT_GLOBAL = 'DMLNET_REPORT';

/**
 * Writes the self-contained report folder: index.html, data.js (the report's data) and report.js (the page and
 * its npm packages, bundled). Built beside `out` and swapped in whole, so a reader never sees half a report.
 */
export async function writeSite(options: { data: ReportData; pageEntry: string; out: string }): Promise<{ out: string; files: string[] }> {
  const out = path.resolve(options.out);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0 && !fs.existsSync(path.join(out, 'index.html'))) {
    throw new Error(`${out} holds something other than a report (it has no index.html): choose another output folder`);
  }
  const files = {
    'index.html': siteHtml(options.data.title, { data: 'data.js', script: 'report.js' }),
    'data.js': `window.${REPORT_GLOBAL} = ${JSON.stringify(options.data)};\n`,
    'report.js': await bundlePage(options.pageEntry),
  };
  const building = `${out}.building-${process.pid}`;
  const old = `${out}.old-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(building, name), text);
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(building, out);
  fs.rmSync(old, { recursive: true, force: true });
  return { out, files: Object.keys(files).map((name) => path.join(out, name)) };
}
