import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import * as vega from 'vega';
import * as vl from 'vega-lite';

/**
 * Renders a vega-lite spec in Node, with no browser and no canvas: SVG from vega's headless view, PNG from that
 * SVG through sharp (librsvg). Writes <base>.svg and <base>.png atomically; returns their paths.
 */
export async function renderChart(spec: vl.TopLevelSpec, base: string): Promise<{ svg: string; png: string }> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
  fs.mkdirSync(path.dirname(base), { recursive: true });
  for (const [ext, data] of [['svg', svg], ['png', png]] as const) {
    const temp = `${base}.${ext}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, `${base}.${ext}`);
  }
  return { svg: `${base}.svg`, png: `${base}.png` };
}

/** A row-normalised confusion matrix as a heat map with its values (paper Figs. 6-9). */
export function confusionChart(title: string, classes: readonly string[], normalized: readonly (readonly number[])[]): vl.TopLevelSpec {
  const values = classes.flatMap((actual, r) => classes.map((predicted, c) => ({ actual, predicted, rate: normalized[r][c] })));
  const order = [...classes];
  return {
    title,
    data: { values },
    width: 24 * classes.length + 40,
    height: 24 * classes.length + 40,
    encoding: {
      x: { field: 'predicted', type: 'ordinal', sort: order, title: 'predicted' },
      y: { field: 'actual', type: 'ordinal', sort: order, title: 'actual' },
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

/** Grouped bars: one group per category, one bar per series (this run vs the paper). */
export function groupedBarChart(title: string, rows: readonly { category: string; series: string; value: number | null }[], yTitle: string): vl.TopLevelSpec {
  return {
    title,
    data: { values: rows.filter((r) => r.value !== null) },
    mark: 'bar',
    encoding: {
      x: { field: 'category', type: 'nominal', sort: null, title: null },
      xOffset: { field: 'series', type: 'nominal' },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
}

/** Lines over a step axis, one per series, faceted by panel (loss curves: Fig. 15). */
export function lineChart(title: string, rows: readonly { step: number; value: number; series: string; panel: string }[], yTitle: string): vl.TopLevelSpec {
  return {
    title,
    data: { values: rows },
    facet: { column: { field: 'panel', type: 'nominal', title: null } },
    spec: {
      width: 260,
      height: 180,
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'mini-batch' },
        y: { field: 'value', type: 'quantitative', title: yTitle },
        color: { field: 'series', type: 'nominal', title: null },
      },
    },
  };
}

/** A 2-D embedding, coloured by one label and shaped by another (Figs. 10-13). */
export function scatterChart(title: string, points: readonly { x: number; y: number; colour: string; shape: string }[], colourTitle: string, shapeTitle: string): vl.TopLevelSpec {
  return {
    title,
    data: { values: points },
    width: 320,
    height: 320,
    mark: { type: 'point', filled: true, size: 18, opacity: 0.75 },
    encoding: {
      x: { field: 'x', type: 'quantitative', axis: null },
      y: { field: 'y', type: 'quantitative', axis: null },
      color: { field: 'colour', type: 'nominal', title: colourTitle },
      shape: { field: 'shape', type: 'nominal', title: shapeTitle },
    },
  };
}
