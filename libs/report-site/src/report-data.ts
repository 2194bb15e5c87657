import type { Cell as ValueCell, ChartBlock, ImageBlock, TableBlock as ResultsTable } from '@dmlnet/report-core';

/**
 * What the browser report shows, computed in Node and written as the page's data file: the page only draws it,
 * so every number on the page comes from here and is tested here. Runs' tables, charts and pictures are the blocks
 * of their results.json as the experiments wrote them (see @dmlnet/report-core's blocks).
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

/** A table, chart or picture of a section; an image's `file` is relative to the report folder once written. */
export type Block = TableBlock | ChartBlock | ImageBlock;

/** One value of a table: a value of a run, or in a comparison of two runs a change. */
export type Cell = ValueCell | CellChange;

/** A cell that differs between two runs: the reference run's value, the other run's, and their difference. */
export interface CellChange {
  before: string | number | null;
  after: string | number | null;
  /** after - before where both are numbers; null otherwise. */
  delta: number | null;
}

/** A results table, or a comparison of two runs' tables whose cells may be changes. */
export interface TableBlock extends Omit<ResultsTable, 'rows'> {
  rows: Cell[][];
}

export type { Chart, ChartBlock, ImageBlock } from '@dmlnet/report-core';
