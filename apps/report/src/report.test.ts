/**
 * End to end: a report built from real run folders of all five experiments, served on localhost and drawn by
 * headless Chromium (Debian's chromium, driven by playwright-core). Skipped, saying why, where Chromium is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AblationRow, VariantResult } from '@dmlnet/experiments';
import { workspaceRoot } from '@dmlnet/files';
import { percent, type ResultsReport } from '@dmlnet/report-core';
import { serveFolder } from '@dmlnet/report-site';
import { fixtureRuns } from '@dmlnet/report-site/testing';
import { buildReport } from './build-report';
import { chromiumPath, hasChromium, launchChromium, openReport } from './chromium';


const readJson = <T>(...parts: string[]) => JSON.parse(fs.readFileSync(path.join(...parts), 'utf8')) as T;

/** Every trained model's folder under an experiment's (the folders with their own metrics.jsonl). */
function modelFolders(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'metrics.jsonl').map((f) => path.join(dir, path.dirname(f)));
}

/** The blocks of kind `kind` in an experiment's stored report (results.json), which its section draws. */
const reportBlocks = (dir: string, kind: string) => readJson<{ report: ResultsReport }>(dir, 'results.json').report.blocks.filter((b) => b.kind === kind).length;

/**
 * The charts the report must draw, counted from the run folders: per trained model its FER confusion matrix, its
 * pose confusion matrix where it has an HPE branch, its per-pose bars, its loss curves per mini-batch and per epoch,
 * its training accuracy per epoch, its dynamic weights where ADW trained it; and every chart of each experiment's report.
 */
function expectedCharts(experiments: string[]): number {
  let charts = 0;
  for (const dir of experiments) {
    for (const model of modelFolders(dir)) {
      const result = readJson<VariantResult>(model, 'results.json');
      const adw = readJson<{ config: { training: { dynamicWeights: unknown } } }>(model, 'run.json').config.training.dynamicWeights !== null;
      charts += 1 + (result.evaluation.poseConfusion ? 1 : 0) + 1 + 3 + (adw ? 1 : 0);
    }
    charts += reportBlocks(dir, 'chart');
  }
  return charts;
}

/** The text of a table cell, by the block that holds it, its row's first cell and its column's header. */
function cellText(page: Page, section: string, block: string, rowKey: string, column: string): Promise<string> {
  return page.evaluate(
    ({ section, block, rowKey, column }) => {
      const table = document.querySelector(`[data-section-id="${section}"] [data-block-id="${block}"] table`);
      if (!table) return `no table ${section}/${block}`;
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
      const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('td')?.textContent === rowKey);
      return row?.querySelectorAll('td')[headers.indexOf(column)]?.textContent ?? `no cell ${rowKey}/${column}`;
    },
    { section, block, rowKey, column },
  );
}

test('the report draws every table and chart in Chromium, with the values of the run folders', async () => {
  if (!hasChromium()) {
    console.log(`report e2e test SKIPPED: ${chromiumPath()} is not installed (Debian: apt-get install -y chromium; .ci/run installs it where it can)`);
    return;
  }
  const runs = await fixtureRuns();
  const order = [runs.ablation, runs.tables, runs.tablesAgain, runs.crossDb, runs.embeddings, runs.lossCurves];
  // A fixed place (tmp/ is not committed), replaced each run, to look at the screenshots afterwards.
  const out = path.join(workspaceRoot(), 'tmp', 'report-e2e');
  await buildReport({ runs: order, out });
  const served = await serveFolder(out);
  const browser = await launchChromium();
  try {
    const errors: string[] = [];
    const offsite: string[] = [];
    const page = await openReport(browser, served.url, {
      before: async (page) => {
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));
        // Self-contained: any request that leaves the report's own server is refused and recorded.
        await page.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith(served.url)) return route.continue();
          offsite.push(url);
          return route.abort();
        });
      },
    });
    assert.equal(errors, [], 'no console errors');
    assert.equal(offsite, [], 'nothing fetched from elsewhere');

    const drawn = await page.evaluate(() => ({
      charts: document.querySelectorAll('div.chart').length,
      // tfjs-vis draws through vega on a canvas; an empty chart would be 0 wide or hold no canvas.
      painted: [...document.querySelectorAll('div.chart')].filter((c) => {
        const canvas = c.querySelector('canvas');
        return canvas !== null && canvas.width > 0 && canvas.height > 0;
      }).length,
      tables: document.querySelectorAll('div.table table').length,
      filledTables: [...document.querySelectorAll('div.table table')].filter((t) => t.querySelectorAll('tbody tr').length > 0).length,
      comparisons: document.querySelectorAll('.change').length,
      // Fig. 14's contact sheet, loaded from the report folder's images/.
      pictures: [...document.querySelectorAll('div.image img')].map((img) => (img as HTMLImageElement).naturalWidth),
    }));
    const charts = expectedCharts(order);
    assert.is(drawn.charts, charts, 'one chart per trained model figure, UMAP case and Fig. 15 curve');
    assert.is(drawn.painted, charts, 'every chart painted');
    // The runs list, every experiment's tables, and the 4 tables of the comparison of the two tables runs.
    assert.is(drawn.tables, 1 + order.reduce((sum, dir) => sum + reportBlocks(dir, 'table'), 0) + 4);
    assert.is(drawn.tables, 1 + 2 + 4 + 4 + 1 + 2 + 1 + 4, "the runs list, Table 8 (per dataset, in the paper's layout), 4 per tables run, Table 9, Figs. 10-13 and 14, Fig. 15, the comparison");
    assert.is(drawn.filledTables, drawn.tables, 'every table has rows');
    assert.is(drawn.pictures.length, order.reduce((sum, dir) => sum + reportBlocks(dir, 'image'), 0));
    assert.equal(drawn.pictures.length, 1, "Fig. 14's contact sheet");
    assert.ok(drawn.pictures.every((width) => width > 100), `pictures drawn: ${drawn.pictures}`);

    const [tables] = readJson<{ results: VariantResult[] }>(runs.tables, 'results.json').results;
    const [tablesAgain] = readJson<{ results: VariantResult[] }>(runs.tablesAgain, 'results.json').results;
    // Sections: compare-2 (the second tables run against the first), then run-0 ... run-5 in the order given.
    assert.is(await cellText(page, 'run-1', 'overall', 'this run, seed 0', 'FER acc.'), String(percent(tables.evaluation.ferAccuracy)));
    assert.is(await cellText(page, 'run-1', 'overall', 'DML-Net (paper)', 'FER acc.'), '88.2', "Table 2's KDEF FER accuracy");
    assert.is(await cellText(page, 'run-1', 'overall', 'DenseNet (paper)', 'pose acc.'), '99.23', "Table 2's DenseNet row");
    const adw = readJson<{ rows: AblationRow[] }>(runs.ablation, 'results.json').rows.find((r) => r.variant === 'mfe+hpe+jefl+adw');
    assert.is(await cellText(page, 'run-0', 'table8-synthetic-kdef', 'MFE+HPE+JEFL+ADW', 'FER acc. (%)'), String(Number(adw?.ferAccuracy.mean.toFixed(1))));
    const before = percent(tables.evaluation.ferAccuracy);
    const after = percent(tablesAgain.evaluation.ferAccuracy);
    const compared = await cellText(page, 'compare-2', 'overall', 'this run, seed 0', 'FER acc.');
    if (before === after) assert.is(compared, String(after));
    else assert.match(compared, `${after}${(after as number) > (before as number) ? '+' : ''}${Number(((after as number) - (before as number)).toFixed(1))}was ${before}`);

    await page.screenshot({ path: path.join(out, 'screenshot-full.png'), fullPage: true });
    // The README's picture: a tables run beside the paper and its trained model's charts.
    const top = await page.locator('#run-1').boundingBox();
    const bottom = await page.locator('#run-1-model-0').boundingBox();
    assert.ok(top && bottom);
    const clip = { x: 0, y: top.y - 10, width: 1400, height: bottom.y + bottom.height - top.y + 20 };
    await page.screenshot({ path: path.join(out, 'screenshot.png'), clip, fullPage: true });
    assert.ok(fs.statSync(path.join(out, 'screenshot.png')).size > 10_000);

    // Opened from disk, with no server, it draws the same.
    const offline = await openReport(browser, `file://${path.join(out, 'index.html')}`);
    assert.is(await offline.locator('div.chart:has(canvas)').count(), charts);
    console.log(`report e2e: ${charts} charts and ${drawn.tables} tables drawn in Chromium; screenshots in ${out}`);
  } finally {
    await browser.close();
    await served.close();
  }
});

test.run();
