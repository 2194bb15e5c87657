/**
 * What the browser report shows, computed in Node and written as the page's data file: the page only draws it,
 * so every number on the page comes from here and is tested here.
 */
export interface ReportData {
  title: string;
  generatedAt: string;
  runs: RunInfo[];
  sections: Section[];
}

/** Where one run folder came from: enough to find it and to know what produced it. */
export interface RunInfo {
  /** `<experiment>/<run-id>`, the name the page uses for the run. */
  label: string;
  experiment: string;
  dir: string;
  profile: string | null;
  backend: string;
  code: string;
  startedAt: string | null;
}

export interface Section {
  id: string;
  title: string;
  /** 1: a run or a comparison; 2: one trained model of the run before it. */
  level: 1 | 2;
  notes: string[];
  blocks: Block[];
}

export type Block = TableBlock | ChartBlock;

/** One value of a table: a number, a label, or nothing ('-'); a comparison's cells are changes. */
export type Cell = string | number | null | CellChange;

/** A cell that differs between two runs: the reference run's value, the other run's, and their difference. */
export interface CellChange {
  before: string | number | null;
  after: string | number | null;
  /** after - before where both are numbers; null otherwise. */
  delta: number | null;
}

export interface TableBlock {
  kind: 'table';
  id: string;
  title: string;
  headers: string[];
  rows: Cell[][];
  /** How many leading columns name a row: a comparison matches rows by them. */
  keyColumns: number;
}

export interface ChartBlock {
  kind: 'chart';
  id: string;
  title: string;
  chart: Chart;
}

export interface Point {
  x: number;
  y: number;
}

/** One chart, in the shape of the tfjs-vis render function that draws it. */
export type Chart =
  | { type: 'confusion'; classes: string[]; counts: number[][] }
  /** values[s][x]: series s at x (a mini-batch or epoch number), null where it has none. */
  | { type: 'line'; series: string[]; values: (number | null)[][]; xLabel: string; yLabel: string }
  | { type: 'bar'; bars: { index: number; value: number }[]; xLabel: string; yLabel: string }
  | { type: 'scatter'; series: string[]; points: Point[][] };
