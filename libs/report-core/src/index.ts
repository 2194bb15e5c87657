export { chartBlock, imageBlock, percent, rounded, tableBlock, yawLabel } from './blocks';
export type { Block, Cell, Chart, ChartBlock, ImageBlock, ResultsReport, TableBlock } from './blocks';
export { contactSheet } from './contact-sheet';
export type { ContactSheetOptions, SheetImage, SheetRow } from './contact-sheet';
export { markdownTable, resultsMarkdown } from './markdown';
export {
  ABLATION_VARIANTS,
  PAPER,
  TABLE8_DATASETS,
  datasetFamily,
  kdefFrontalInconsistency,
  paperAblation,
  paperCrossDatabase,
  paperDatasetName,
  paperDatasetTables,
} from './paper';
export type { AblationDataset, AblationVariant, PaperDatasetTables, PaperRow, PaperTable } from './paper';
export { chartSpec, renderChart, renderPlots, rowNormalised } from './plots';
