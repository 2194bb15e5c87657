import fs from 'node:fs';
import path from 'node:path';
import { replaceFolder } from '@dmlnet/files';
import { bundlePage } from './bundle-page';
import type { ReportData } from './report-data';
import { siteHtml } from './site-html';

/** The global the data file sets and the page reads: a script, not a fetch, so index.html also opens from disk. */
const REPORT_GLOBAL = 'DMLNET_REPORT';

/**
 * The report's pictures (image blocks, whose `file` is where the run folder holds them) as files of the site,
 * images/<n>-<name>, with the blocks pointing at them; a missing picture is an error naming it.
 */
function siteImages(data: ReportData): { data: ReportData; images: Map<string, string> } {
  const images = new Map<string, string>();
  const sections = data.sections.map((section) => ({
    ...section,
    blocks: section.blocks.map((block) => {
      if (block.kind !== 'image') return block;
      if (!fs.existsSync(block.file)) throw new Error(`${section.title}: picture ${block.id} is missing: ${block.file}`);
      const name = `images/${images.size}-${path.basename(block.file)}`;
      images.set(name, block.file);
      return { ...block, file: name };
    }),
  }));
  return { data: { ...data, sections }, images };
}

/**
 * Writes the self-contained report folder: index.html, data.js (the report's data), report.js (the page and its
 * npm packages, bundled) and images/ (the runs' pictures). Built beside `out` and swapped in whole, so a reader never
 * sees half a report.
 */
export async function writeSite(options: { data: ReportData; pageEntry: string; out: string }): Promise<{ out: string; files: string[] }> {
  const out = path.resolve(options.out);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0 && !fs.existsSync(path.join(out, 'index.html'))) {
    throw new Error(`${out} holds something other than a report (it has no index.html): choose another output folder`);
  }
  const { data, images } = siteImages(options.data);
  const files = {
    'index.html': siteHtml(data.title, { data: 'data.js', script: 'report.js' }),
    'data.js': `window.${REPORT_GLOBAL} = ${JSON.stringify(data)};\n`,
    'report.js': await bundlePage(options.pageEntry),
  };
  await replaceFolder(out, (building) => {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(building, name), text);
    for (const [name, source] of images) {
      fs.mkdirSync(path.dirname(path.join(building, name)), { recursive: true });
      fs.copyFileSync(source, path.join(building, name));
    }
  });
  return { out, files: [...Object.keys(files), ...images.keys()].map((name) => path.join(out, name)) };
}
