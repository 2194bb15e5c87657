import path from 'node:path';
import sharp from 'sharp';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { writeFileAtomic } from '@dmlnet/files';
import type { Chart, ChartBlock, ResultsReport } from './blocks';

/** Rows of a confusion matrix divided by their sums (an empty row stays 0): the rates Figs. 6-9 print. */
export function rowNormalised(counts: readonly (readonly number[])[]): number[][] {
  return counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total === 0 ? 0 : v / total));
  });
}

/** The vega-lite spec that draws a chart for the plots (SVG and PNG). */
export function chartSpec(title: string, chart: Chart): vl.TopLevelSpec {
  switch (chart.type) {
    case 'confusion': {
      const rates = rowNormalised(chart.counts);
      const values = chart.classes.flatMap((actual, r) => chart.classes.map((predicted, c) => ({ actual, predicted, rate: rates[r][c] })));
      const side = 24 * chart.classes.length + 40;
      return {
        title,
        data: { values },
        width: side,
        height: side,
        encoding: {
          x: { field: 'predicted', type: 'ordinal', sort: chart.classes, title: 'predicted' },
          y: { field: 'actual', type: 'ordinal', sort: chart.classes, title: 'actual' },
        },
        layer: [
          { mark: 'rect', encoding: { color: { field: 'rate', type: 'quantitative', scale: { domain: [0, 1], scheme: 'blues' } } } },
          {
            mark: { type: 'text', fontSize: 9 },
            encoding: {
              text: { field: 'rate', type: 'quantitative', format: '.2f' },
              color: { condition: { test: 'datum.rate > 0.5', value: 'white' }, value: 'black' },
            },
          },
        ],
      };
    }
    case 'bars':
      return {
        title,
        data: { values: chart.series.flatMap((series, s) => chart.categories.flatMap((category, c) => (chart.values[s][c] === null ? [] : [{ category, series, value: chart.values[s][c] }]))) },
        mark: 'bar',
        encoding: {
          x: { field: 'category', type: 'nominal', sort: chart.categories, title: chart.xLabel || null },
          xOffset: { field: 'series', type: 'nominal', sort: chart.series },
          y: { field: 'value', type: 'quantitative', title: chart.yLabel },
          color: { field: 'series', type: 'nominal', sort: chart.series, title: null },
        },
      };
    case 'lines':
      return {
        title,
        data: { values: chart.series.flatMap((series, s) => chart.values[s].flatMap((value, x) => (value === null ? [] : [{ x, series, value }]))) },
        width: 320,
        height: 200,
        mark: { type: 'line', strokeWidth: 1.2 },
        encoding: {
          // x counts mini-batches or epochs: whole numbers on the axis.
          x: { field: 'x', type: 'quantitative', title: chart.xLabel, axis: { tickMinStep: 1, format: 'd' } },
          y: { field: 'value', type: 'quantitative', title: chart.yLabel },
          color: { field: 'series', type: 'nominal', sort: chart.series, title: null },
        },
      };
    case 'scatter':
      return {
        title,
        data: { values: chart.series.flatMap((series, s) => chart.points[s].map((p) => ({ ...p, series }))) },
        width: 320,
        height: 320,
        mark: { type: 'point', filled: true, size: 18, opacity: 0.75 },
        encoding: {
          x: { field: 'x', type: 'quantitative', axis: null },
          y: { field: 'y', type: 'quantitative', axis: null },
          color: { field: 'series', type: 'nominal', sort: chart.series, title: null },
        },
      };
  }
}

/**
 * Renders a vega-lite spec in Node, with no browser and no canvas: SVG from vega's headless view, PNG from that
 * SVG through sharp (librsvg). Writes <base>.svg and <base>.png atomically; returns their paths.
 */
export async function renderChart(spec: vl.TopLevelSpec, base: string): Promise<{ svg: string; png: string }> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
  writeFileAtomic(`${base}.svg`, svg);
  writeFileAtomic(`${base}.png`, png);
  return { svg: `${base}.svg`, png: `${base}.png` };
}

/** Every chart block of a report as `<runDir>/plots/<id>.svg` and `.png`; returns the files written. */
export async function renderPlots(report: ResultsReport, runDir: string): Promise<string[]> {
  const charts = report.blocks.filter((b): b is ChartBlock => b.kind === 'chart');
  const files: string[] = [];
  for (const block of charts) {
    const { svg, png } = await renderChart(chartSpec(block.title, block.chart), path.join(runDir, 'plots', block.id));
    files.push(svg, png);
  }
  return files;
}
