export { buildReportData } from './build-report-data';
export { compareTables } from './compare-tables';
export { readRun } from './read-run';
export type { RunRecord } from './read-run';
export type { Block, Cell, CellChange, Chart, ChartBlock, ImageBlock, ReportData, RunInfo, Section, TableBlock } from './report-data';
export { serveFolder } from './serve-folder';
export type { ServedFolder } from './serve-folder';
export type { EpochRecord, StepRecord, TrainedModel } from './trained-model';
export { writeSite } from './write-site';
