export { contactSheet } from './contact-sheet';
export type { ContactSheetOptions, SheetImage, SheetRow } from './contact-sheet';
export { markdownTable, percent, versus } from './markdown';
export { ABLATION_VARIANTS, PAPER, TABLE8_DATASETS, datasetFamily, paperAblation, paperCrossDatabase, paperDatasetResults } from './paper';
export type { AblationDataset, AblationVariant, PaperDatasetResults } from './paper';
export { confusionChart, groupedBarChart, lineChart, renderChart, scatterChart } from './plots';
