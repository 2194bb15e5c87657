import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import type { ReportData } from './report-data';
import { tableBlock } from '@dmlnet/report-core';
import { writeSite } from './write-site';

let dir: string;
let page: string;
const data: ReportData = {
  title: 'A <small> report',
  generatedAt: '1970-01-01T00:00:00.000Z',
  runs: [],
  sections: [{ id: 'run-0', title: 'run', level: 1, notes: [], blocks: [tableBlock('t', 'T', ['k', 'v'], [['a', 1]])] }],
};

test.before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-site-'));
  // A page that reads the data and imports an npm package, as the real one does.
  page = path.join(dir, 'page.ts');
  fs.writeFileSync(
    page,
    "import { format } from 'd3-format';\n" +
      'const report = (window as unknown as { DMLNET_REPORT: { title: string; sections: unknown[] } }).DMLNET_REPORT;\n' +
      "document.title = `${report.title}: ${format('.1f')(report.sections.length)}`;\n",
  );
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the report folder holds index.html, the data and the bundled page, which run with no network', async () => {
  const out = path.join(dir, 'report');
  const written = await writeSite({ data, pageEntry: page, out });
  assert.equal(written.files.map((f) => path.basename(f)), ['index.html', 'data.js', 'report.js']);
  const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
  assert.match(html, '<title>A &#60;small&#62; report</title>');
  assert.match(html, '<script src="data.js"></script>\n<script src="report.js"></script>');
  assert.not.match(html, /https?:/, 'nothing is fetched from elsewhere');
  const browser = { window: {} as Record<string, unknown>, document: { title: '' } };
  vm.runInNewContext(fs.readFileSync(path.join(out, 'data.js'), 'utf8'), browser);
  // Through JSON: objects made in the vm context have that context's prototypes.
  assert.equal(JSON.parse(JSON.stringify(browser.window['DMLNET_REPORT'])), data);
  const script = fs.readFileSync(path.join(out, 'report.js'), 'utf8');
  assert.not.match(script, /\brequire\(|\bimport\s*[{(*'"]/, 'every import is bundled');
  vm.runInNewContext(script, browser);
  assert.is(browser.document.title, 'A <small> report: 1.0');
});

test('writing again replaces the whole folder and leaves nothing beside it', async () => {
  const out = path.join(dir, 'again');
  await writeSite({ data, pageEntry: page, out });
  fs.writeFileSync(path.join(out, 'stale.txt'), 'from an older report');
  await writeSite({ data: { ...data, title: 'newer' }, pageEntry: page, out });
  assert.equal(fs.readdirSync(out).sort(), ['data.js', 'index.html', 'report.js']);
  assert.match(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), '<title>newer</title>');
  assert.equal(fs.readdirSync(dir).filter((name) => name.startsWith('again')), ['again']);
});

test("a run's pictures are copied into the report folder and the page points at the copies; a missing one is named", async () => {
  const picture = path.join(dir, 'run', 'plots', 'fig14.png');
  fs.mkdirSync(path.dirname(picture), { recursive: true });
  fs.writeFileSync(picture, 'not really a png');
  const withImage: ReportData = { ...data, sections: [{ id: 'run-0', title: 'run', level: 1, notes: [], blocks: [{ kind: 'image', id: 'fig14', title: 'Fig. 14', file: picture, notes: [] }] }] };
  const out = path.join(dir, 'pictures');
  const written = await writeSite({ data: withImage, pageEntry: page, out });
  assert.ok(written.files.includes(path.join(out, 'images', '0-fig14.png')));
  assert.is(fs.readFileSync(path.join(out, 'images', '0-fig14.png'), 'utf8'), 'not really a png');
  assert.match(fs.readFileSync(path.join(out, 'data.js'), 'utf8'), '"file":"images/0-fig14.png"');
  fs.rmSync(picture);
  assert.match((await rejects(() => writeSite({ data: withImage, pageEntry: page, out }))).message, `run: picture fig14 is missing: ${picture}`);
});

test('a folder holding something else is not replaced, and a missing page script is named', async () => {
  const other = path.join(dir, 'other');
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, 'notes.md'), 'keep me');
  assert.match((await rejects(() => writeSite({ data, pageEntry: page, out: other }))).message, `${other} holds something other than a report (it has no index.html)`);
  assert.ok(fs.existsSync(path.join(other, 'notes.md')));
  await rejects(() => writeSite({ data, pageEntry: path.join(dir, 'missing.ts'), out: path.join(dir, 'x') }), /page script .*missing.ts does not exist/);
});

test.run();
