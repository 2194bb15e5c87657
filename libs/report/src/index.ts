export { markdownTable, percent, versus } from './markdown';
export { ABLATION_VARIANTS, PAPER, TABLE8_DATASETS, datasetFamily, paperAblation } from './paper';
export type { AblationDataset, AblationVariant } from './paper';
export { confusionChart, groupedBarChart, lineChart, renderChart, scatterChart } from './plots';
