/**
 * Results as data: every experiment states its tables, charts and pictures once, as blocks in its results.json;
 * one renderer turns them into results.md (`resultsMarkdown`), one into the PNG/SVG plots (`renderPlots`), one into
 * the browser report (apps/report). Nothing here knows an experiment.
 */
import path from 'node:path';

/** One value of a table: a number, a label, or nothing (shown as '-'). */
export type Cell = string | number | null;

export interface TableBlock {
  kind: 'table';
  /** Stable within its experiment: the report compares runs table by table through it. */
  id: string;
  title: string;
  headers: string[];
  rows: Cell[][];
  /** How many leading columns name a row: a comparison of two runs matches rows by them. */
  keyColumns: number;
  /** Lines shown under the table: what a reader must know to read it (sources, left-out classes, inconsistencies). */
  notes: string[];
}

/** One chart, as data; `chartSpec` draws it with vega-lite for the plots, the page with tfjs-vis. */
export type Chart =
  /** counts[actual][predicted]; the plots show each row normalised (paper Figs. 6-9). */
  | { type: 'confusion'; classes: string[]; counts: number[][] }
  /** values[s][c]: series s at category c (e.g. this run vs the paper per yaw); null where it has none. */
  | { type: 'bars'; categories: string[]; series: string[]; values: (number | null)[][]; xLabel: string; yLabel: string }
  /** values[s][x]: series s at x = 0, 1, 2, ... (a mini-batch or epoch number); null where it has none. */
  | { type: 'lines'; series: string[]; values: (number | null)[][]; xLabel: string; yLabel: string }
  /** points[s]: the 2-D points of series s (Figs. 10-13). */
  | { type: 'scatter'; series: string[]; points: { x: number; y: number }[][] };

export interface ChartBlock {
  kind: 'chart';
  /** Also the plot's file name: plots/<id>.svg and .png. */
  id: string;
  title: string;
  chart: Chart;
  notes: string[];
}

/** A picture the experiment drew itself (e.g. Fig. 14's contact sheet), as a file of its run folder. */
export interface ImageBlock {
  kind: 'image';
  id: string;
  title: string;
  /** Relative to the run folder, '/'-separated, e.g. 'plots/fig14-identity-clusters.png'. */
  file: string;
  notes: string[];
}

export type Block = TableBlock | ChartBlock | ImageBlock;

/** What an experiment reports: results.md is this, rendered; results.json holds it under `report`. */
export interface ResultsReport {
  /** results.md's heading, e.g. 'Table 8: ablation of DML-Net'. */
  title: string;
  /** Paragraphs under the heading: the setting (profile, backend, seeds) and how to read what follows. */
  notes: string[];
  blocks: Block[];
}

/**
 * A table block; throws naming the table and row when a row's length differs from the headers' or a number is not
 * finite (results.json must never hold NaN or Infinity).
 */
export function tableBlock(id: string, title: string, headers: string[], rows: Cell[][], options: { keyColumns?: number; notes?: string[] } = {}): TableBlock {
  const keyColumns = options.keyColumns ?? 1;
  if (!(Number.isInteger(keyColumns) && keyColumns >= 1 && keyColumns <= headers.length)) {
    throw new Error(`table ${id}: keyColumns must be 1..${headers.length}, got ${keyColumns}`);
  }
  for (const [r, row] of rows.entries()) {
    if (row.length !== headers.length) throw new Error(`table ${id}: row ${r} has ${row.length} cells for ${headers.length} columns`);
    const bad = row.findIndex((cell) => typeof cell === 'number' && !Number.isFinite(cell));
    if (bad >= 0) throw new Error(`table ${id}: row ${r}, column '${headers[bad]}' is ${row[bad]}: a cell is a finite number, a label or null`);
  }
  return { kind: 'table', id, title, headers, rows, keyColumns, notes: options.notes ?? [] };
}

/**
 * A chart block; throws naming the chart when its data has the wrong shape (a series without values, a confusion
 * matrix that is not square) or a value that is not finite.
 */
export function chartBlock(id: string, title: string, chart: Chart, notes: string[] = []): ChartBlock {
  const fail = (message: string): never => {
    throw new Error(`chart ${id}: ${message}`);
  };
  const finite = (values: readonly (number | null)[]) => values.every((v) => v === null || Number.isFinite(v));
  switch (chart.type) {
    case 'confusion':
      if (chart.counts.length !== chart.classes.length || chart.counts.some((row) => row.length !== chart.classes.length)) {
        fail(`a ${chart.classes.length}-class confusion matrix needs ${chart.classes.length}x${chart.classes.length} counts`);
      }
      if (!chart.counts.every((row) => row.every((v) => Number.isInteger(v) && v >= 0))) fail('counts must be whole numbers >= 0');
      break;
    case 'bars':
    case 'lines': {
      if (chart.values.length !== chart.series.length) fail(`${chart.series.length} series but ${chart.values.length} rows of values`);
      const width = chart.type === 'bars' ? chart.categories.length : Math.max(0, ...chart.values.map((v) => v.length));
      if (chart.values.some((row) => row.length !== width)) fail(`every series needs ${width} values`);
      if (!chart.values.every(finite)) fail('values must be finite numbers or null');
      break;
    }
    case 'scatter':
      if (chart.points.length !== chart.series.length) fail(`${chart.series.length} series but ${chart.points.length} point lists`);
      if (!chart.points.every((points) => points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)))) fail('points must be finite');
      break;
  }
  return { kind: 'chart', id, title, chart, notes };
}

/** A picture block for a file the experiment wrote into its run folder. */
export function imageBlock(id: string, title: string, file: string, notes: string[] = []): ImageBlock {
  if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file) || file.split(/[\\/]/).includes('..')) {
    throw new Error(`image ${id}: ${file} must be a '/'-separated path inside the run folder`);
  }
  return { kind: 'image', id, title, file, notes };
}

/** A fraction as a percentage with one decimal, the paper's format; null, undefined and NaN give null. */
export function percent(fraction: number | null | undefined): number | null {
  return fraction === null || fraction === undefined || Number.isNaN(fraction) ? null : Number((fraction * 100).toFixed(1));
}

/** A number rounded for a table; null where there is none (null, undefined, NaN or an infinity). */
export function rounded(value: number | null | undefined, digits: number): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));
}

/** A yaw as the paper labels it. */
export const yawLabel = (degrees: number): string => `${degrees}°`;
